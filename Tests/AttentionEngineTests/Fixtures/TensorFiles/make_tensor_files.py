#!/usr/bin/env python3
"""Writes the tiny tensor files TensorFileTests reads (numpy only; the tests need no numpy).

Run from this folder: python3 make_tensor_files.py. It also writes the README's binary-input
example, Docs/examples/. The safetensors files are written by hand (an 8-byte little-endian
header length, the JSON header, the data), as the format defines them.
"""
import json
import os
import struct

import numpy as np

# Dot attention over one query and two keys; the values are exact in float32 too.
query = np.array([[1.0, 2.0]])
keys = np.array([[1.0, 0.0], [0.5, -1.0]])


def safetensors(path, tensors, metadata=None):
    header, data = {}, b""
    for name, (dtype, array) in tensors.items():
        raw = array.astype({"F64": "<f8", "F32": "<f4", "F16": "<f2"}[dtype]).tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    if metadata is not None:
        header["__metadata__"] = metadata
    text = json.dumps(header).encode()
    with open(path, "wb") as file:
        file.write(struct.pack("<Q", len(text)) + text + data)


np.save("query.npy", query)
np.save("keys-f32.npy", keys.astype("<f4"))
with open("keys-v2.npy", "wb") as file:
    np.lib.format.write_array(file, keys, version=(2, 0))
np.save("keys-fortran.npy", np.asfortranarray(np.array([[1.0, 0.0, 2.0], [0.5, -1.0, 3.0]])))
np.save("keys-big-endian.npy", keys.astype(">f8"))
np.save("keys-int.npy", keys.astype("<i8"))
np.save("keys-nan.npy", np.array([[1.0, 0.0], [np.nan, -1.0]]))
with open("keys-truncated.npy", "wb") as file:
    np.lib.format.write_array(file, keys)
with open("keys-truncated.npy", "rb+") as file:
    file.truncate(len(file.read()) - 8)

safetensors("attention.safetensors", {"query": ("F64", query), "keys": ("F32", keys)})
safetensors("half.safetensors", {"keys": ("F16", keys)})
safetensors("dot-spec.safetensors", {"query": ("F64", query), "keys": ("F64", keys)},
            {"variant": "dot", "sourceTokens": json.dumps(["le", "chat"]), "targetTokens": json.dumps(["the"])})
safetensors("causal-spec.safetensors", {"X": ("F64", np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]))},
            {"variant": "causal", "options": json.dumps({"sliding_window": 2}), "format": "pt"})
safetensors("misspelt-spec.safetensors", {"X": ("F64", keys)}, {"varient": "causal"})

# The README's example: the same tensors as numpy files, and as one safetensors spec.
docs = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../Docs/examples")
os.makedirs(docs, exist_ok=True)
np.save(os.path.join(docs, "query.npy"), query)
np.save(os.path.join(docs, "keys.npy"), keys.astype("<f4"))
safetensors(os.path.join(docs, "dot.safetensors"), {"query": ("F64", query), "keys": ("F64", keys)},
            {"variant": "dot", "sourceTokens": json.dumps(["le", "chat"]), "targetTokens": json.dumps(["the"])})
