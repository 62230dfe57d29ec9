#!/usr/bin/env python3
"""PyTorch and numpy baselines for attention-bench (never needed by the build or the tests).

Times torch.nn.MultiheadAttention(bias=False, need_weights=True,
average_attn_weights=False) in float64 on the benchmark's sizes, and numpy's
`@` on the benchmark's matrix-product shapes, then prints one JSON object:

    {"torch": "<version>", "numpy": "<version>",
     "mha": {"<n>": seconds, ...},
     "matmul_gflops": {"<n>": gflops, ...}}

Usage: python pytorch_baseline.py --sizes 64,512,1024 --d-model 512 --heads 8
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="64,512,1024,2048")
    parser.add_argument("--d-model", type=int, default=512)
    parser.add_argument("--heads", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=3)
    arguments = parser.parse_args()
    sizes = [int(s) for s in arguments.sizes.split(",")]
    d, h = arguments.d_model, arguments.heads

    import torch
    torch.set_num_threads(torch.get_num_threads())
    mha = torch.nn.MultiheadAttention(d, h, bias=False, batch_first=True, dtype=torch.float64)
    report = {"torch": torch.__version__, "numpy": np.__version__, "mha": {}, "matmul_gflops": {}}
    rng = np.random.default_rng(0)
    with torch.no_grad():
        for n in sizes:
            x = torch.from_numpy(rng.standard_normal((1, n, d)))
            run = lambda: mha(x, x, x, need_weights=True, average_attn_weights=False)
            run()
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
