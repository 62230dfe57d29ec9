"""GGUF reference fixtures for AttentionCheckpointsTests, made with the `gguf` package (llama.cpp's gguf-py).

Run in a venv outside the repository (`pip install gguf numpy`):

    python make_gguf_fixtures.py

It writes, next to this script:

- `tiny.gguf`: a GGUF version 3 file of a few KB with `general.alignment` = 64, metadata of every value type
  (each integer width, float32, float64, bool, string, a string array and a nested array) and one tensor
  in each of F32, F16, Q8_0 and Q4_1, quantized with `gguf.quants.quantize`;
- `tiny-gguf-reference.json`: every metadata key with its GGUF type name and value, and every tensor's
  type, shape in PyTorch order (GGUF stores the dims reversed) and values as `gguf.quants.dequantize` gives them,
  and every ggml type's code, block size and block bytes (`GGML_QUANT_SIZES`).
"""
import json
import os

import numpy as np
from gguf import GGML_QUANT_SIZES, GGMLQuantizationType, GGUFValueType, GGUFWriter
from gguf.quants import dequantize, quantize

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(20261203)

METADATA = [
    ("test.uint8", GGUFValueType.UINT8, 200),
    ("test.int8", GGUFValueType.INT8, -100),
    ("test.uint16", GGUFValueType.UINT16, 60000),
    ("test.int16", GGUFValueType.INT16, -30000),
    ("test.uint32", GGUFValueType.UINT32, 4000000000),
    ("test.int32", GGUFValueType.INT32, -2000000000),
    ("test.float32", GGUFValueType.FLOAT32, float(np.float32(0.1))),
    ("test.bool", GGUFValueType.BOOL, True),
    ("test.string", GGUFValueType.STRING, "héllo, wörld ▁Ġ"),
    ("test.uint64", GGUFValueType.UINT64, 18000000000000000000),
    ("test.int64", GGUFValueType.INT64, -9000000000000000000),
    ("test.float64", GGUFValueType.FLOAT64, 0.1),
    ("tokenizer.ggml.tokens", GGUFValueType.ARRAY, ["<s>", "</s>", "Ġthe", "▁cat", ""]),
    ("test.nested", GGUFValueType.ARRAY, [[1, 2, 3], [4, 5]]),
]


def tensors():
    base = RNG.standard_normal((3, 64)).astype(np.float32)
    yield "f32.weight", GGMLQuantizationType.F32, RNG.standard_normal((2, 3, 4)).astype(np.float32)
    yield "f16.weight", GGMLQuantizationType.F16, RNG.standard_normal((5, 6)).astype(np.float16)
    yield "q8_0.weight", GGMLQuantizationType.Q8_0, base
    yield "q4_1.weight", GGMLQuantizationType.Q4_1, base + np.float32(0.5)


def main():
    writer = GGUFWriter(os.path.join(HERE, "tiny.gguf"), arch="tiny")
    writer.add_custom_alignment(64)
    for key, vtype, value in METADATA:
        writer.add_key_value(key, value, vtype)
    expected_tensors = []
    for name, qtype, values in tensors():
        if qtype in (GGMLQuantizationType.F32, GGMLQuantizationType.F16):
            writer.add_tensor(name, values)
            dequantized = values.astype(np.float64)
        else:
            writer.add_tensor(name, quantize(values, qtype), raw_dtype=qtype)
            dequantized = dequantize(quantize(values, qtype), qtype).astype(np.float64)
        expected_tensors.append({"name": name, "type": qtype.name, "shape": list(values.shape),
                                 "values": dequantized.reshape(-1).tolist()})
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    metadata = [{"key": "general.architecture", "type": "STRING", "value": "tiny"},
                {"key": "general.alignment", "type": "UINT32", "value": 64}]
    metadata += [{"key": key, "type": vtype.name, "value": value} for key, vtype, value in METADATA]
    with open(os.path.join(HERE, "tiny-gguf-reference.json"), "w") as file:
        types = [{"name": qtype.name, "code": qtype.value, "blockSize": block, "blockByteCount": size}
                 for qtype, (block, size) in GGML_QUANT_SIZES.items()]
        json.dump({"version": 3, "alignment": 64, "metadata": metadata, "tensors": expected_tensors, "types": types},
                  file, indent=1,
                  ensure_ascii=False)
        file.write("\n")


if __name__ == "__main__":
    main()
