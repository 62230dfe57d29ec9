"""Writes the nn.MultiheadAttention fixtures the engine tests read (issue 15: "a plain PyTorch
nn.MultiheadAttention state dict saved with safetensors, so an instructor's own model traces too").

Run offline in a venv outside the repository with torch and safetensors:

    python make_module_fixtures.py

For each module (embed_dim 6, 2 or 3 heads, with and without biases, weights stored in float32
as a trained module's would be) it writes `<name>.safetensors` (`mha.state_dict()`), `<name>-x.json`
(a spec giving X and the tokens) and `<name>-expected.json`: PyTorch's per-head weights
(`need_weights=True, average_attn_weights=False`) and output, computed in float64 from the same
float32 parameters. The tests need neither torch nor safetensors.
"""
import json
import os

import torch
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
TOKENS = ["the", "cat", "sat", "on", "the", "mat"]


def write(name, heads, bias):
    torch.manual_seed({"biased": 1, "unbiased": 2}[name])
    mha = torch.nn.MultiheadAttention(6, heads, bias=bias, batch_first=True)
    with torch.no_grad():
        for parameter in mha.parameters():
            parameter.copy_(torch.randn_like(parameter) * 0.5)
    save_file({k: v.contiguous() for k, v in mha.state_dict().items()}, os.path.join(HERE, name + ".safetensors"))
    x = torch.randn(len(TOKENS), 6, dtype=torch.float64)
    reference = mha.to(torch.float64)
    with torch.no_grad():
        output, weights = reference(x[None], x[None], x[None], need_weights=True, average_attn_weights=False)
    with open(os.path.join(HERE, name + "-x.json"), "w", encoding="utf-8", newline="\n") as fh:
        json.dump({"options": {"heads": heads}, "sourceTokens": TOKENS, "tensors": {"X": x.tolist()}}, fh, indent=1)
        fh.write("\n")
    with open(os.path.join(HERE, name + "-expected.json"), "w", encoding="utf-8", newline="\n") as fh:
        json.dump({"description": f"torch {torch.__version__} nn.MultiheadAttention(6, {heads}, bias={bias}) in float64 "
                                  "from its float32 parameters; weights head x n x n, output n x 6",
                   "weights": weights[0].tolist(), "output": output[0].tolist()}, fh, indent=1)
        fh.write("\n")


write("biased", 2, True)
write("unbiased", 3, False)
