"""RNNsearch in PyTorch (float64, CPU), the same equations, sizes and batches as
`attention-trace train` (Docs/models/rnnsearch.md), for two comparisons side by side:

1. one optimiser step: the Swift trainer's `--init-only` parameters, one Adam step on one batch
   holding the whole of a small corpus (so the batch order does not matter), gradient clipped at
   norm 5, compared tensor by tensor with the Swift trainer's `--steps 1` checkpoint;
2. speed: target words (and ⟨/s⟩) trained per second, PyTorch against the Swift trainer, on the
   default corpus with batches of 32.

Usage (in a venv outside the repository with torch, numpy and safetensors):
    swift build -c release
    python Sources/AttentionBench/rnnsearch_pytorch.py --binary .build/release/attention-trace
"""
import argparse
import json
import os
import re
import subprocess
import tempfile
import time

import torch
from safetensors.torch import load_file, safe_open

CLIP = 5.0


def gru(p, prefix, x, h):
    """The engine's Cho-form GRU (not nn.GRU: the reset gate is applied before U_h)."""
    z = torch.sigmoid(x @ p[prefix + ".W_z"] + h @ p[prefix + ".U_z"])
    r = torch.sigmoid(x @ p[prefix + ".W_r"] + h @ p[prefix + ".U_r"])
    candidate = torch.tanh(x @ p[prefix + ".W_h"] + (r * h) @ p[prefix + ".U_h"])
    return (1 - z) * h + z * candidate


def batch_tensors(pairs, source_vocabulary, target_vocabulary):
    """Padded index tensors and masks, as Sources/AttentionTraining/Batch.swift builds them."""
    s_index = {w: i for i, w in enumerate(source_vocabulary)}
    t_index = {w: i for i, w in enumerate(target_vocabulary)}
    n = max(len(p["source"]) for p in pairs)
    m = max(len(p["target"]) for p in pairs) + 1
    source = torch.zeros(len(pairs), n, dtype=torch.long)
    source_mask = torch.zeros(len(pairs), n, dtype=torch.float64)
    previous = torch.full((len(pairs), m), 1, dtype=torch.long)
    following = torch.full((len(pairs), m), 1, dtype=torch.long)
    target_mask = torch.zeros(len(pairs), m, dtype=torch.float64)
    for b, pair in enumerate(pairs):
        words = [s_index[w] for w in pair["source"]]
        targets = [t_index[w] for w in pair["target"]]
        source[b, :len(words)] = torch.tensor(words)
        source_mask[b, :len(words)] = 1
        previous[b, :len(targets) + 1] = torch.tensor([0] + targets)
        following[b, :len(targets) + 1] = torch.tensor(targets + [1])
        target_mask[b, :len(targets) + 1] = 1
    return source, source_mask, previous, following, target_mask


def mean_loss(p, source, source_mask, previous, following, target_mask):
    batch, n = source.shape
    d = p["encoder.forward.U_z"].shape[0]
    x = p["encoder.embedding"][source]
    h = torch.zeros(batch, d, dtype=torch.float64)
    forward = []
    for i in range(n):
        mask = source_mask[:, i:i + 1]
        h = h + mask * (gru(p, "encoder.forward", x[:, i], h) - h)
        forward.append(h)
    h = torch.zeros(batch, d, dtype=torch.float64)
    backward = [None] * n
    for i in reversed(range(n)):
        mask = source_mask[:, i:i + 1]
        h = h + mask * (gru(p, "encoder.backward", x[:, i], h) - h)
        backward[i] = h
    annotations = torch.cat([torch.stack(forward, 1), torch.stack(backward, 1)], 2)
    s = torch.tanh(backward[0] @ p["decoder.W_s"])
    ds = s.shape[1]
    w_query, w_key = p["W_a"][:, :ds], p["W_a"][:, ds:]
    projected = annotations @ w_key.T
    readout_inputs = []
    for t in range(previous.shape[1]):
        y = p["decoder.embedding"][previous[:, t]]
        scores = torch.tanh(projected + (s @ w_query.T)[:, None, :]) @ p["v_a"]
        weights = torch.softmax(scores.masked_fill(source_mask == 0, float("-inf")), dim=1)
        context = (weights[:, :, None] * annotations).sum(1)
        s = gru(p, "decoder", torch.cat([y, context], 1), s)
        readout_inputs.append(torch.cat([s, context, y], 1))
    readout = torch.tanh(torch.stack(readout_inputs, 1) @ p["readout.W_o"] + p["readout.b_o"])
    logits = readout @ p["readout.W_y"] + p["readout.b_y"]
    losses = torch.nn.functional.cross_entropy(logits.transpose(1, 2), following, reduction="none")
    return (losses * target_mask).sum() / target_mask.sum()


def step(p, optimizer, tensors):
    optimizer.zero_grad()
    loss = mean_loss(p, *tensors)
    loss.backward()
    norm = torch.sqrt(sum((q.grad ** 2).sum() for q in p.values()))
    if norm > CLIP:
        for q in p.values():
            q.grad.mul_(CLIP / norm)
    optimizer.step()
    return loss.item()


def load(path):
    with safe_open(path, "pt") as f:
        metadata = f.metadata()
    p = {k: v.to(torch.float64).requires_grad_() for k, v in load_file(path).items()}
    return p, json.loads(metadata["source_vocabulary"]), json.loads(metadata["target_vocabulary"])


def run(binary, *arguments):
    return subprocess.run([binary, *arguments], check=True, capture_output=True, text=True)


def compare_one_step(binary, directory, learning_rate):
    small = ["--train", "64", "--held-out", "0", "--batch-size", "64", "--learning-rate", str(learning_rate)]
    initial, after = os.path.join(directory, "initial.safetensors"), os.path.join(directory, "after.safetensors")
    corpus = os.path.join(directory, "small.json")
    run(binary, "corpus", "--train", "64", "--held-out", "0", "--output", corpus)
    run(binary, "train", *small, "--init-only", "--output", initial)
    run(binary, "train", *small, "--steps", "1", "--output", after)
    p, sv, tv = load(initial)
    with open(corpus) as f:
        pairs = json.load(f)["train"]
    optimizer = torch.optim.Adam(p.values(), lr=learning_rate, betas=(0.9, 0.999), eps=1e-8)
    step(p, optimizer, batch_tensors(pairs, sv, tv))
    swift = load_file(after)
    worst = max((p[k].detach() - swift[k]).abs().max().item() for k in p)
    print(f"one Adam step on 64 pairs: largest difference from the Swift trainer {worst:.3e}")


def compare_speed(binary, directory, steps, batch_size):
    corpus = os.path.join(directory, "corpus.json")
    initial = os.path.join(directory, "speed-initial.safetensors")
    run(binary, "corpus", "--output", corpus)
    run(binary, "train", "--init-only", "--output", initial)
    with open(corpus) as f:
        pairs = json.load(f)["train"]
    p, sv, tv = load(initial)
    optimizer = torch.optim.Adam(p.values(), lr=0.003)
    generator = torch.Generator().manual_seed(0)
    order = torch.randperm(len(pairs), generator=generator).tolist()
    tokens, seconds = 0, 0.0
    for k in range(steps):
        chosen = [pairs[order[(k * batch_size + j) % len(pairs)]] for j in range(batch_size)]
        tensors = batch_tensors(chosen, sv, tv)
        started = time.perf_counter()
        step(p, optimizer, tensors)
        seconds += time.perf_counter() - started
        tokens += int(tensors[4].sum().item())
    swift = run(binary, "train", "--steps", str(steps), "--batch-size", str(batch_size),
                "--output", os.path.join(directory, "speed.safetensors")).stderr
    swift_speed = float(re.search(r"([0-9.]+) tokens/s", swift).group(1))
    print(f"tokens/s over {steps} steps of {batch_size} pairs, float64: "
          f"Swift {swift_speed:.0f}, PyTorch {tokens / seconds:.0f} ({torch.get_num_threads()} threads)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True, help="the attention-trace binary (a release build)")
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=32)
    arguments = parser.parse_args()
    torch.set_default_dtype(torch.float64)
    with tempfile.TemporaryDirectory() as directory:
        compare_one_step(arguments.binary, directory, 0.003)
        compare_speed(arguments.binary, directory, arguments.steps, arguments.batch_size)


if __name__ == "__main__":
    main()
