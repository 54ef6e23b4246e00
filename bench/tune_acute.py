"""Choose AcuteSafetyNet's classifier threshold from out-of-fold predictions on TRAINING data.

For each threshold: acute recall and the false-alarm rate on normal examples, for the
classifier alone and combined with the lexicon (what the pipeline does). eval/heldout/ is not read.

    .venv/bin/python -m bench.tune_acute
"""
from __future__ import annotations

import json

import numpy as np
import scipy.sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import normalize

from bench.finetune_e5 import ROOT
from nlu.e5_featurizer import PRECISIONS, encode, resolve_model_path
from nlu.safety_net import scan_acute
from nlu.triage_classifier import LinearHead, urgency_label


def training_urgencies():
    from rasa.shared.nlu.training_data.loading import load_data

    texts, urgencies = [], []
    for path in sorted(ROOT.glob("languages/*/nlu.yml")):
        for message in load_data(str(path)).intent_examples:
            texts.append(message.get("text"))
            urgencies.append(urgency_label(message))
    return texts, np.array(urgencies)


def main(c: float = 100.0, weight: float = 0.5, precision="auto") -> None:
    texts, urgencies = training_urgencies()
    dense = scipy.sparse.csr_matrix(encode(texts, resolve_model_path(None), "query: ", precision=precision))
    acute_probability = np.zeros(len(texts))
    for train, test in StratifiedKFold(n_splits=4, shuffle=True, random_state=1).split(texts, urgencies):
        vectoriser = CountVectorizer(analyzer="char_wb", ngram_range=(2, 5))
        x_train = scipy.sparse.hstack([dense[train], normalize(vectoriser.fit_transform([texts[i] for i in train])) * weight], format="csr")
        x_test = scipy.sparse.hstack([dense[test], normalize(vectoriser.transform([texts[i] for i in test])) * weight], format="csr")
        head = LinearHead.fit(x_train, list(urgencies[train]), c)
        acute_probability[test] = head.probabilities(x_test)[:, head.classes.index("acute")]
    lexicon = np.array([scan_acute(t).acute for t in texts])
    is_acute, is_normal = urgencies == "acute", urgencies == "normal"
    rows = []
    for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5):
        predicted = lexicon | (acute_probability >= threshold)
        rows.append({
            "threshold": threshold,
            "classifier_recall": round(float((acute_probability[is_acute] >= threshold).mean()), 3),
            "combined_recall": round(float(predicted[is_acute].mean()), 3),
            "combined_false_alarms_normal": round(float(predicted[is_normal].mean()), 3),
        })
        print(json.dumps(rows[-1]), flush=True)
    print("lexicon alone:", json.dumps({"recall": round(float(lexicon[is_acute].mean()), 3),
                                        "false_alarms_normal": round(float(lexicon[is_normal].mean()), 3)}))


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--precision", default="auto", choices=PRECISIONS, help="encoder precision")
    main(precision=parser.parse_args().precision)
