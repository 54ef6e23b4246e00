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


PRECISIONS = ("auto", "float32", "bfloat16")


@lru_cache(maxsize=1)
def cpu_has_bf16() -> bool:
    """Whether this CPU multiplies bfloat16 natively (AVX512-BF16 or AMX); else bf16 is slow.

    Read once per process: `encode` resolves the precision on every message.
    """
    try:
        flags = open("/proc/cpuinfo", encoding="ascii", errors="ignore").read()
    except OSError:
        return False
    return " avx512_bf16" in flags or " amx_bf16" in flags


def resolve_precision(precision: str) -> str:
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {PRECISIONS}, not {precision!r}")
    if precision == "auto":
        return "bfloat16" if cpu_has_bf16() else "float32"
    return precision


@lru_cache(maxsize=4)
def load_sentence_model(path: str, precision: str = "float32"):
    """Load once per process from local files only; never reaches for a model hub.

    `precision="bfloat16"` runs the transformer in bf16: twice as fast on a CPU with native
    bf16, and its vectors agree with float32 to cosine 0.99997 on our texts, so a model trained
    with one precision can run with the other (docs/benchmarks.md).
    """
    import torch
    import transformers
    from sentence_transformers import SentenceTransformer

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    transformers.logging.set_verbosity_error()
    if not os.path.isdir(path):
        raise FileNotFoundError(
            f"embedding model folder {path} is missing: run `make model` (python -m nlu.model_setup)"
        )
    # Loaded straight in the target dtype: converting afterwards held both copies at once.
    dtype = torch.bfloat16 if resolve_precision(precision) == "bfloat16" else torch.float32
    return SentenceTransformer(path, device="cpu", local_files_only=True, model_kwargs={"dtype": dtype})


def encode(
    texts: List[str],
    model_path: str,
    prefix: str,
    batch_size: int = 64,
    precision: str = "float32",
    threads: int = 1,
) -> np.ndarray:
    """L2-normalised sentence vectors, one row per text.

    Calls the model's own preprocess/forward rather than `SentenceTransformer.encode`, which
    moves the whole model to its device on every call: 4 ms of a 30 ms message on this CPU.
    Texts are batched by length, as `encode` does, so little padding is computed.
    """
    import torch

    model = load_sentence_model(model_path, resolve_precision(precision))
    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    vectors = np.zeros((len(texts), model.get_embedding_dimension()), dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            features = model.preprocess([prefix + texts[i] for i in rows])
            embedded = model(features)["sentence_embedding"]
            vectors[rows] = torch.nn.functional.normalize(embedded.float(), p=2, dim=1).numpy()
    return vectors


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
            # "auto": bfloat16 where the CPU has native bf16 (2x faster, same vectors), else
            # float32. Dynamic int8 quantization was tried and lost topic F1 (docs/benchmarks.md).
            "precision": "auto",
            # Torch threads for the forward pass. 1 leaves the second core to the other
            # processes of `make run`; see docs/benchmarks.md for 1 against 2.
            "threads": 1,
        }

    def __init__(self, config: Dict[Text, Any], name: Text) -> None:
        super().__init__(name, config)
        self._model_path = resolve_model_path(config.get("model_path"))

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[str]:
        """Which model the features come from: the path, its weights' identity and precision.

        The path may come from an environment variable, which Rasa's cache cannot see; without
        this, swapping the model would silently reuse features computed with the old one.
        """
        path = resolve_model_path(config.get("model_path"))
        weights = os.path.join(path, "model.safetensors")
        identity = ""
        if os.path.exists(weights):
            stat = os.stat(weights)
            identity = f"{stat.st_size}:{stat.st_mtime_ns}"
        precision = resolve_precision(config.get("precision", "auto"))
        return f"{os.path.realpath(path)}|{identity}|{precision}"

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        if not config.get("prefix", "").strip() and config.get("prefix") != "":
            raise ValueError("prefix must be a string such as 'query: '")
        resolve_precision(config.get("precision", "auto"))

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
            self._config.get("precision", "auto"),
            self._config.get("threads", 1),
        )
        for message, vector in zip(messages, vectors):
            message.add_features(
                Features(vector[np.newaxis, :], FEATURE_TYPE_SENTENCE, TEXT, self._identifier)
            )
