"""Choose TriageClassifier's C and n-gram weight by cross-validation on the TRAINING data only.

Features are built as the pipeline builds them (E5 sentence vector next to L2-normalised
char_wb 2-5 counts); folds are stratified by intent. eval/heldout/ is never read here.

    .venv/bin/python -m bench.tune_cv
"""
from __future__ import annotations

import itertools
import json

import numpy as np
import scipy.sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import normalize

from bench.finetune_e5 import training_examples
from nlu.e5_featurizer import PRECISIONS, encode, resolve_model_path
from nlu.triage_classifier import LinearHead


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, nargs="+", default=[3.0, 10.0, 30.0, 100.0])
    parser.add_argument("--ngram-weight", type=float, nargs="+", default=[0.5, 1.0, 2.0])
    parser.add_argument("--precision", default="auto", choices=PRECISIONS, help="encoder precision")
    args = parser.parse_args()
    pairs = training_examples()
    texts = [t for t, _ in pairs]
    labels = np.array([label for _, label in pairs])
    dense = scipy.sparse.csr_matrix(encode(texts, resolve_model_path(None), "query: ", precision=args.precision))
    results = []
    folds = StratifiedKFold(n_splits=4, shuffle=True, random_state=1)
    for c, weight in itertools.product(args.c, args.ngram_weight):
        scores = []
        for train, test in folds.split(texts, labels):
            vectoriser = CountVectorizer(analyzer="char_wb", ngram_range=(2, 5))
            counts = vectoriser.fit_transform([texts[i] for i in train])
            train_x = scipy.sparse.hstack([dense[train], normalize(counts) * weight], format="csr")
            test_counts = vectoriser.transform([texts[i] for i in test])
            test_x = scipy.sparse.hstack([dense[test], normalize(test_counts) * weight], format="csr")
            head = LinearHead.fit(train_x, list(labels[train]), c)
            predicted = np.array(head.classes)[head.probabilities(test_x).argmax(axis=1)]
            scores.append(f1_score(labels[test], predicted, average="macro"))
        results.append({"C": c, "ngram_weight": weight, "cv_macro_f1": round(float(np.mean(scores)), 4)})
        print(json.dumps(results[-1]), flush=True)
    print("best:", json.dumps(max(results, key=lambda r: r["cv_macro_f1"])))


if __name__ == "__main__":
    main()
