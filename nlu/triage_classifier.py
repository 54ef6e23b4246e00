"""Topic (as the intent) and urgency from sentence embeddings plus character n-grams.

Two multinomial logistic-regression heads over one feature vector: the E5 sentence embedding,
which carries nb/nn/en meaning, next to the L2-normalised character n-gram counts from Rasa's
CountVectorsFeaturizer, which carry North Sami where E5 barely does. The urgency label comes
from each training block's intent-level metadata (`metadata: {urgency: high}`). A block marked
`topic_only: true` teaches the topic head alone: some batches of examples sharpened topic
boundaries on the development sets but blunted the acute ranking (docs/evaluation.md).
"""
from __future__ import annotations

import json
import logging
from typing import Any, Dict, List, Optional, Text

import numpy as np
import scipy.sparse

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    METADATA,
    METADATA_INTENT,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

URGENCY = "urgency"
URGENCY_LEVELS = ("acute", "high", "normal")
DEFAULT_URGENCY = "normal"
TOPIC_ONLY = "topic_only"


class LinearHead:
    """A trained multinomial logistic regression kept as plain arrays, so no pickle is needed."""

    def __init__(self, classes: List[str], coef: np.ndarray, intercept: np.ndarray) -> None:
        self.classes = classes
        self.coef = coef
        self.intercept = intercept
        # features @ coef.T made scipy copy the transposed (features x classes) matrix on every
        # call, about 1.4 ms a message per head; a C-ordered copy made once takes 0.01 ms.
        self._weights = np.ascontiguousarray(coef.T)

    @classmethod
    def fit(cls, features: scipy.sparse.csr_matrix, labels: List[str], c: float) -> "LinearHead":
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
        model.fit(features, labels)
        coef, intercept = model.coef_, model.intercept_
        if len(model.classes_) == 2:  # sklearn folds two classes into one row
            coef, intercept = np.vstack([-coef, coef]) / 2, np.hstack([-intercept, intercept]) / 2
        return cls(list(model.classes_), coef.astype(np.float32), intercept.astype(np.float32))

    def probabilities(self, features: scipy.sparse.csr_matrix) -> np.ndarray:
        logits = np.asarray(features @ self._weights) + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TriageClassifier(GraphComponent, IntentClassifier):
    """Predicts the topic/dialogue act as the intent, and the urgency as its own output."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # Inverse regularisation strength of the topic head, and of the urgency head unless
            # `urgency_C` is set. A softer urgency head (lower C) ranks acute messages that carry
            # no danger word more smoothly, so the acute threshold can sit higher with fewer
            # false alarms (docs/evaluation.md).
            "C": 100.0,
            "urgency_C": None,
            # Weight of the character n-gram block next to the unit-length sentence embedding.
            "ngram_weight": 0.5,
            # Only the sparse features of these featurizers (by alias/name) are used; None = all.
            "sparse_featurizers": None,
            "ranking_length": 10,
        }

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        intent_head: Optional[LinearHead] = None,
        urgency_head: Optional[LinearHead] = None,
    ) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._intent_head = intent_head
        self._urgency_head = urgency_head

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TriageClassifier":
        return cls(config, model_storage, resource)

    @classmethod
    def required_packages(cls) -> List[Text]:
        return ["sklearn"]

    def feature_matrix(self, messages: List[Message]) -> scipy.sparse.csr_matrix:
        """[E5 sentence vector | weighted, L2-normalised n-gram counts] for each message.

        Built block-wise for the whole batch: stacking per message cost about 3 ms a message.
        """
        dense_rows, sparse_rows = [], []
        for message in messages:
            _, dense = message.get_dense_features(TEXT)
            _, sparse = message.get_sparse_features(TEXT, self._config["sparse_featurizers"])
            if dense is not None:
                dense_rows.append(dense.features.reshape(-1))
            if sparse is not None:
                sparse_rows.append(scipy.sparse.csr_matrix(sparse.features, dtype=np.float32))
        blocks = []
        if dense_rows:
            blocks.append(scipy.sparse.csr_matrix(np.vstack(dense_rows).astype(np.float32)))
        if sparse_rows:
            counts = scipy.sparse.vstack(sparse_rows, format="csr")
            norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).reshape(-1))
            norms[norms == 0] = 1.0
            blocks.append(scipy.sparse.diags(self._config["ngram_weight"] / norms) @ counts)
        return scipy.sparse.hstack(blocks, format="csr")

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(TEXT)]
        if len({m.get(INTENT) for m in examples}) < 2:
            logger.warning("TriageClassifier needs at least two intents; not training.")
            return self._resource
        features = self.feature_matrix(examples)
        intents = [m.get(INTENT) for m in examples]
        self._intent_head = LinearHead.fit(features, intents, self._config["C"])
        for_urgency = [i for i, m in enumerate(examples) if teaches_urgency(m)]
        urgencies = [urgency_label(examples[i]) for i in for_urgency]
        self._urgency_head = LinearHead.fit(
            features[for_urgency], urgencies, self._config["urgency_C"] or self._config["C"]
        )
        self.persist()
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        usable = [m for m in messages if m.get(TEXT)]
        if self._intent_head is None or self._urgency_head is None or not usable:
            return messages
        features = self.feature_matrix(usable)
        intent_probs = self._intent_head.probabilities(features)
        urgency_probs = self._urgency_head.probabilities(features)
        for message, p_intent, p_urgency in zip(usable, intent_probs, urgency_probs):
            self._set_intent(message, p_intent)
            scores = dict(zip(self._urgency_head.classes, map(float, p_urgency)))
            best = max(scores, key=scores.get)
            message.set(
                URGENCY,
                {"name": best, "confidence": scores[best], "scores": scores, "source": "classifier"},
                add_to_output=True,
            )
        return messages

    def _set_intent(self, message: Message, probabilities: np.ndarray) -> None:
        order = np.argsort(-probabilities)
        ranking = [
            {INTENT_NAME_KEY: self._intent_head.classes[i], PREDICTED_CONFIDENCE_KEY: float(probabilities[i])}
            for i in order[: self._config["ranking_length"]]
        ]
        message.set(INTENT, ranking[0], add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as directory:
            for name, head in (("intent", self._intent_head), ("urgency", self._urgency_head)):
                np.savez(directory / f"{name}.npz", coef=head.coef, intercept=head.intercept)
                (directory / f"{name}.json").write_text(json.dumps(head.classes))

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "TriageClassifier":
        try:
            with model_storage.read_from(resource) as directory:
                heads = []
                for name in ("intent", "urgency"):
                    arrays = np.load(directory / f"{name}.npz")
                    classes = json.loads((directory / f"{name}.json").read_text())
                    heads.append(LinearHead(classes, arrays["coef"], arrays["intercept"]))
        except (ValueError, FileNotFoundError):
            logger.warning("TriageClassifier found no trained model; it will not classify.")
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, *heads)


def _block_metadata(message: Message) -> Dict[str, Any]:
    """The `metadata:` of the training block (intent) an example comes from."""
    return (message.get(METADATA) or {}).get(METADATA_INTENT) or {}


def teaches_urgency(message: Message) -> bool:
    """False for examples whose block is marked `topic_only: true`."""
    return not _block_metadata(message).get(TOPIC_ONLY, False)


def urgency_label(message: Message) -> str:
    """The urgency a training example was written for (intent-level metadata), else normal."""
    value = _block_metadata(message).get(URGENCY, DEFAULT_URGENCY)
    if value not in URGENCY_LEVELS:
        raise ValueError(f"unknown urgency {value!r} in training example {message.get(TEXT)!r}")
    return value

