"""Dense sentence features from a local sentence-transformers model (multilingual-e5-small by default)."""
from __future__ import annotations

import logging
import os
from functools import lru_cache
from typing import Any, Dict, List, Optional, Text

import numpy as np

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

MODEL_PATH_ENV = "HJELPELOS_EMBEDDING_MODEL"


def resolve_model_path(configured: Optional[str]) -> str:
    """Env var beats config beats the converted default, so a deployment can bring a bigger model."""
    from nlu.model_setup import default_model_dir

    return os.environ.get(MODEL_PATH_ENV) or configured or str(default_model_dir())


@lru_cache(maxsize=4)
def load_sentence_model(path: str, threads: int = 1):
    """Load once per process from local files only; never reaches for a model hub."""
    import torch
    import transformers
    from sentence_transformers import SentenceTransformer

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    torch.set_num_threads(threads)
    transformers.logging.set_verbosity_error()
    if not os.path.isdir(path):
        raise FileNotFoundError(
            f"embedding model folder {path} is missing: run `make model` (python -m nlu.model_setup)"
        )
    return SentenceTransformer(path, device="cpu", local_files_only=True)


def encode(texts: List[str], model_path: str, prefix: str, batch_size: int = 64) -> np.ndarray:
    """L2-normalised sentence vectors, one row per text."""
    model = load_sentence_model(model_path)
    return model.encode(
        [prefix + text for text in texts],
        batch_size=batch_size,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    ).astype(np.float32)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False
)
class E5SentenceFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds one sentence vector per message, computed with E5's `query: ` prefix."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            **DenseFeaturizer.get_default_config(),
            # Folder of a sentence-transformers model; None = the converted multilingual-e5-small.
            "model_path": None,
            # E5 was trained with "query: " / "passage: " prefixes; user messages are queries.
            "prefix": "query: ",
            "batch_size": 64,
        }

    def __init__(self, config: Dict[Text, Any], name: Text) -> None:
        super().__init__(name, config)
        self._model_path = resolve_model_path(config.get("model_path"))

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[str]:
        """Which model the features come from: the path and its weights' identity.

        The path may come from an environment variable, which Rasa's cache cannot see; without
        this, swapping the model would silently reuse features computed with the old one.
        """
        path = resolve_model_path(config.get("model_path"))
        weights = os.path.join(path, "model.safetensors")
        identity = ""
        if os.path.exists(weights):
            stat = os.stat(weights)
            identity = f"{stat.st_size}:{stat.st_mtime_ns}"
        return f"{os.path.realpath(path)}|{identity}"

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        if not config.get("prefix", "").strip() and config.get("prefix") != "":
            raise ValueError("prefix must be a string such as 'query: '")

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "E5SentenceFeaturizer":
        return cls(config, execution_context.node_name)

    @classmethod
    def required_packages(cls) -> List[Text]:
        return ["sentence_transformers", "torch"]

    def process(self, messages: List[Message]) -> List[Message]:
        self._featurize([m for m in messages if m.get(TEXT)])
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._featurize([m for m in training_data.training_examples if m.get(TEXT)])
        return training_data

    def _featurize(self, messages: List[Message]) -> None:
        if not messages:
            return
        vectors = encode(
            [m.get(TEXT) for m in messages],
            self._model_path,
            self._config["prefix"],
            self._config["batch_size"],
        )
        for message, vector in zip(messages, vectors):
            message.add_features(
                Features(vector[np.newaxis, :], FEATURE_TYPE_SENTENCE, TEXT, self._identifier)
            )
