"""RNNsearch as Docs/models/rnnsearch.md writes it, one sentence at a time in NumPy, with
gradients from `autograd` (reverse-mode differentiation of NumPy code): an implementation of the
same equations that shares nothing with the Swift trainer (no batching, no padding masks, no
hand-derived derivatives). Tests/AttentionTrainingTests/Fixtures/make_step_fixture.py uses it to
check one optimiser step of the Swift trainer.

Requires `pip install numpy autograd safetensors` (in a venv outside the repository).
"""
import json

import autograd.numpy as np
from autograd import grad

BETA1, BETA2, EPSILON = 0.9, 0.999, 1e-8


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def gru(p, prefix, x, h):
    """The engine's Cho-form GRU on row vectors, no biases."""
    z = sigmoid(x @ p[prefix + ".W_z"] + h @ p[prefix + ".U_z"])
    r = sigmoid(x @ p[prefix + ".W_r"] + h @ p[prefix + ".U_r"])
    candidate = np.tanh(x @ p[prefix + ".W_h"] + (r * h) @ p[prefix + ".U_h"])
    return (1 - z) * h + z * candidate


def sentence_loss(p, source, target, start, end):
    """−Σ_t log p_t[y_t] over the target words and ⟨/s⟩, and the number of terms."""
    x = p["encoder.embedding"][source]
    n, d = len(source), p["encoder.forward.U_z"].shape[0]
    h, forward = np.zeros(d), []
    for i in range(n):
        h = gru(p, "encoder.forward", x[i], h)
        forward.append(h)
    h, backward = np.zeros(d), [None] * n
    for i in reversed(range(n)):
        h = gru(p, "encoder.backward", x[i], h)
        backward[i] = h
    annotations = np.stack([np.concatenate([forward[i], backward[i]]) for i in range(n)])
    s = np.tanh(backward[0] @ p["decoder.W_s"])
    previous, following = [start] + target, target + [end]
    total = 0.0
    for t in range(len(following)):
        y = p["decoder.embedding"][previous[t]]
        joined = np.concatenate([np.tile(s, (n, 1)), annotations], axis=1)
        scores = np.tanh(joined @ p["W_a"].T) @ p["v_a"]
        weights = np.exp(scores - np.max(scores))
        weights = weights / np.sum(weights)
        context = weights @ annotations
        s = gru(p, "decoder", np.concatenate([y, context]), s)
        o = np.tanh(np.concatenate([s, context, y]) @ p["readout.W_o"] + p["readout.b_o"])
        logits = o @ p["readout.W_y"] + p["readout.b_y"]
        top = np.max(logits)
        total = total - (logits[following[t]] - top - np.log(np.sum(np.exp(logits - top))))
    return total, len(following)


def mean_loss(p, pairs, start, end):
    """L: the mean cross-entropy per predicted word over `pairs` (lists of indices)."""
    total, count = 0.0, 0
    for source, target in pairs:
        loss, terms = sentence_loss(p, source, target, start, end)
        total, count = total + loss, count + terms
    return total / count


def adam_step(p, g, learning_rate):
    """One step of torch.optim.Adam from zero moments."""
    updated = {}
    for name, value in p.items():
        m = (1 - BETA1) * g[name]
        v = (1 - BETA2) * g[name] ** 2
        updated[name] = value - learning_rate * (m / (1 - BETA1)) / (np.sqrt(v / (1 - BETA2)) + EPSILON)
    return updated


def gradient(p, pairs, start, end):
    return grad(lambda q: mean_loss(q, pairs, start, end))(p)


def metadata(configuration, source_vocabulary, target_vocabulary):
    """The __metadata__ of a checkpoint the Swift trainer reads."""
    return {
        "format": "attention-trace/rnnsearch/1",
        "configuration": json.dumps(configuration, sort_keys=True, separators=(",", ":")),
        "source_vocabulary": json.dumps(source_vocabulary, ensure_ascii=False),
        "target_vocabulary": json.dumps(target_vocabulary, ensure_ascii=False),
    }
