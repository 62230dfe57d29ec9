#!/usr/bin/env python3
"""PyTorch and numpy baselines for attention-bench (never needed by the build or the tests).

Times torch.nn.MultiheadAttention(bias=False, need_weights=True,
average_attn_weights=False) in float64 on the benchmark's sizes (its first call at each size,
and the best of --repeats calls after it), and numpy's
`@` on the benchmark's matrix-product shapes, then prints one JSON object:

    {"torch": "<version>", "numpy": "<version>",
     "mha": {"<n>": seconds, ...}, "mha_first": {"<n>": seconds, ...},
     "matmul_gflops": {"<n>": gflops, ...}}

Usage: python pytorch_baseline.py --sizes 64,512,1024 --d-model 512 --heads 8

With --end-to-end SPEC OUTPUT_DIR it is instead the program a user would write in place of
`attention-trace trace --input SPEC`, which attention-bench times as a whole process: load the
spec's JSON, run nn.MultiheadAttention in float64 with the spec's X, W_Q, W_K, W_V, W_O (our
X W convention, so PyTorch's weights are their transposes) and per-head weights, and save the
weights and the output with numpy. With --parse-only SPEC it only loads the JSON and prints
json.load's own seconds.
Install: python3 -m venv /tmp/torchvenv && /tmp/torchvenv/bin/pip install torch==2.13.0+cpu numpy
         (the +cpu wheels come from PyTorch's CPU index; plain `pip install torch` also works).
"""
import argparse
import json
import time

import numpy as np


def best_of(repeats, function):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def end_to_end(spec_path, output_dir):
    import torch
    with open(spec_path) as file:
        spec = json.load(file)
    tensors = {name: torch.tensor(values, dtype=torch.float64) for name, values in spec["tensors"].items()}
    d, h = tensors["X"].shape[1], spec["options"]["heads"]
    mha = torch.nn.MultiheadAttention(d, h, bias=False, batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        mha.in_proj_weight.copy_(torch.cat([tensors["W_Q"].T, tensors["W_K"].T, tensors["W_V"].T]))
        mha.out_proj.weight.copy_(tensors["W_O"].T)
        x = tensors["X"].unsqueeze(0)
        output, weights = mha(x, x, x, need_weights=True, average_attn_weights=False)
    np.save(f"{output_dir}/weights.npy", weights[0].numpy())
    np.save(f"{output_dir}/output.npy", output[0].numpy())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="64,512,1024,2048")
    parser.add_argument("--d-model", type=int, default=512)
    parser.add_argument("--heads", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--end-to-end", nargs=2, metavar=("SPEC", "OUTPUT_DIR"))
    parser.add_argument("--parse-only", metavar="SPEC")
    arguments = parser.parse_args()
    if arguments.end_to_end:
        end_to_end(*arguments.end_to_end)
        return
    if arguments.parse_only:
        start = time.perf_counter()
        with open(arguments.parse_only) as file:
            json.load(file)
        print(time.perf_counter() - start)
        return
    sizes = [int(s) for s in arguments.sizes.split(",")]
    d, h = arguments.d_model, arguments.heads

    import torch
    torch.set_num_threads(torch.get_num_threads())
    mha = torch.nn.MultiheadAttention(d, h, bias=False, batch_first=True, dtype=torch.float64)
    report = {"torch": torch.__version__, "numpy": np.__version__, "mha": {}, "mha_first": {}, "matmul_gflops": {}}
    rng = np.random.default_rng(0)
    with torch.no_grad():
        for n in sizes:
            x = torch.from_numpy(rng.standard_normal((1, n, d)))
            run = lambda: mha(x, x, x, need_weights=True, average_attn_weights=False)
            report["mha_first"][str(n)] = best_of(1, run)
            report["mha"][str(n)] = best_of(arguments.repeats, run)

    # The products of one trace: four n x d by d x d projections, and per head Q_h K_h^T and A_h V_h.
    dk = d // h
    for n in sizes:
        x, w = rng.standard_normal((n, d)), rng.standard_normal((d, d))
        q, k = rng.standard_normal((n, dk)), rng.standard_normal((n, dk))
        a, v = rng.standard_normal((n, n)), rng.standard_normal((n, dk))
        def products():
            for _ in range(4):
                x @ w
            for _ in range(h):
                q @ k.T
                a @ v
        flops = 4 * 2 * n * d * d + h * (2 * n * n * dk + 2 * n * n * dk)
        report["matmul_gflops"][str(n)] = flops / best_of(arguments.repeats, products) / 1e9
    print(json.dumps(report))


if __name__ == "__main__":
    main()
