#!/usr/bin/env python3
"""Independent reference implementation of the attention conventions, and fixture generator.

Run from the repository root:

    python3 Tests/AttentionEngineTests/Fixtures/generate.py              # (re)write the fixtures
    python3 Tests/AttentionEngineTests/Fixtures/generate.py --check-torch  # also compare with PyTorch
    python3 Tests/AttentionEngineTests/Fixtures/generate.py --check-keras  # and with Keras 3's AdditiveAttention

It writes `<variant>/<name>.json` next to this file (one directory per variant, stale *.json in
those directories are removed first).  Output is deterministic: every fixture draws its random
inputs from its own numpy Generator seeded from a fixed constant and the fixture's path, inputs
are rounded to 4 decimals, and every sum is computed with math.fsum (correctly rounded) and every
exp/tanh with Python's `math` module, so the result does not depend on BLAS, thread count or
numpy's SIMD kernels.  Only numpy is required; torch is used only with --check-torch and never
influences what is written.

The contract is /work/shared/attention-conventions.md.  Formulas
below follow it literally.  Where it is silent, these are the choices made here (the cited papers
decide where they can):

* Matrices are nested lists, row-major; `query` is always m x d_s even when m = 1.  Results of
  shape m x n are nested lists even when m = 1.  Vectors (v_a, v_p, w_q, w_d) are flat lists, and
  so are the 1-D co-attention results (weights_question: T, weights_document: N,
  context_question / context_document: d).
* `values` defaults to `keys`; when given, d_v != d_h.
* additive and concat are the same formula (Bahdanau 2014 / Luong 2015 "concat"):
  e_i = v_a . tanh(W_a [s ; h_i]) with the query state FIRST in the concatenation (Luong writes
  W_a[h_t; h_s], h_t the target state).  They take no options.
* general: e_i = s^T W_a h_i with W_a d_s x d_h (Luong).  scaled-dot divides by sqrt(d_h) (= d_s).
* global / local-m / local-p: the score function is `options.score` (dot, general or concat,
  defaulting as the conventions say); the fixtures always state it explicitly.
* local-m (Luong): p_t = t (0-based target index); window = integer i in [0, n-1] with
  |i - t| <= D; softmax over the window only; weights outside are exactly 0.0 and their scores
  are null.  When t - D > n - 1 (possible only if m > n) the window is empty: that row's scores
  are all null, its weights all 0.0 and its context all 0.0, and the engine should add a warning
  (the fixture description names those rows).  D >= n reproduces global attention whenever
  every window is non-empty (checked below against global-dot).  D = 0 puts weight 1 on i = t.
* local-p (Luong): p_t = n * sigmoid(v_p . tanh(W_p s_t)), real-valued, in (0, n);
  window = integer i in [0, n-1] with |i - p_t| <= D (clipped at both edges);
  a = softmax of the scores over the window (zeros outside: `window_softmax`);
  alpha_i = a_i * exp(-(i - p_t)^2 / (2 sigma^2)), sigma = D / 2; context = sum_i alpha_i values_i
  (alpha is NOT renormalised and does not sum to 1).  Only D >= 1 is generated (D = 0 would make
  sigma = 0); with D >= 1 the window is never empty because p_t < n.  Every fixture keeps
  | |i - p_t| - D | > 1e-6 so no window membership hangs on rounding.
* self / causal: single head, no W_O; W_Q, W_K are d_model x d_k, W_V is d_model x d_v;
  scores S = Q K^T / sqrt(d_k), masked (j > i) entries null.  `causal` takes no options
  (it is always causal); `self` uses `options.causal`.
* multi-head: W_O is applied even when heads = 1; scores/weights are h x n x n, head-major.
* cross: without `options.heads` it is single-head (W_Q, W_K: d_model x d_k, W_V: d_model x d_v,
  no W_O, output = A V, m x d_v); with `options.heads` it is multi-head (all four matrices
  d_model x d_model, output = concat_j(Z_j) W_O, weights h x m x n).  X and memory share d_model.
* options.bias (self, causal, multi-head, cross): every projection adds its bias row to every row,
  Q = X W_Q + b_Q, K, V likewise and, with W_O, output = Z W_O + b_O (nn.Linear's x A^T + b).
* co-attention (Lu et al. 2016, parallel): as the conventions write it.  The pre-softmax scores
  are written as `scores_question` (w_q . H_q, length T) and `scores_document` (w_d . H_d,
  length N) instead of a single `scores`.  `targetTokens` label the question (T) and
  `sourceTokens` label the document (N).
* Self / causal / multi-head: sourceTokens and targetTokens are the same n tokens.
  Cross: targetTokens label X (m rows), sourceTokens label memory (n rows).

Keras `AdditiveAttention` as a special case of `additive`:
Keras (use_scale=True) computes scores[t, i] = sum_j scale_j * tanh(query[t, j] + key[i, j]),
then softmax over i and weights @ value.  With d_s = d_h = d that is exactly the additive score
with W_a = [I_d  I_d] (d x 2d, so W_a [s; h] = s + h) and v_a = scale (use_scale=False means
scale = ones).  Keras `value` is our `values`, Keras `key` our `keys`.  The fixture
additive/keras-additive-attention.json is built that way.

The torch cross-check (--check-torch) compares self / causal / cross (single head) with
torch.nn.functional.scaled_dot_product_attention on Q, K, V projected here, and multi-head /
cross (heads) with torch.nn.MultiheadAttention(bias=options.bias, batch_first=True) using
in_proj_weight = cat[W_Q^T, W_K^T, W_V^T] and out_proj.weight = W_O^T (and in_proj_bias =
cat[b_Q, b_K, b_V], out_proj.bias = b_O under options.bias), need_weights=True,
average_attn_weights=False, all in float64.
"""

import json
import math
import os
import sys
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
BASE_SEED = 20240521

VARIANTS = ["additive", "dot", "general", "scaled-dot", "concat", "global", "local-m", "local-p",
            "self", "causal", "multi-head", "cross", "co-attention", "flash", "kv-cache"]

SOURCE_WORDS = ["le", "chat", "noir", "dort", "sur", "un", "tapis"]
TARGET_WORDS = ["the", "black", "cat", "sleeps", "on", "a", "mat"]
SEQUENCE_WORDS = ["we", "saw", "the", "old", "red", "barn", "today"]
QUESTION_WORDS = ["what", "color", "is", "the", "cat", "there"]
DOCUMENT_WORDS = ["a", "black", "cat", "sat", "on", "the", "mat"]


# --------------------------------------------------------------------------------------------
# Plain linear algebra on Python lists of floats (correctly rounded sums via math.fsum).
# --------------------------------------------------------------------------------------------

def dot(u, v):
    assert len(u) == len(v)
    return math.fsum(a * b for a, b in zip(u, v))


def transpose(a):
    return [list(col) for col in zip(*a)]


def matmul(a, b):
    bt = transpose(b)
    return [[dot(row, col) for col in bt] for row in a]


def matvec(a, v):
    return [dot(row, v) for row in a]


def columns(a, start, stop):
    return [row[start:stop] for row in a]


def softmax_masked(row):
    """Stable softmax over the entries that are not None; None entries get 0.0.
    Returns (weights, empty) where empty says every entry was masked (weights all 0.0)."""
    live = [x for x in row if x is not None]
    if not live:
        return [0.0] * len(row), True
    mx = max(live)
    ex = [math.exp(x - mx) if x is not None else 0.0 for x in row]
    z = math.fsum(ex)
    return [e / z for e in ex], False


def weighted_rows(weights, rows):
    """sum_i weights[i] * rows[i]."""
    width = len(rows[0])
    return [math.fsum(w * r[j] for w, r in zip(weights, rows)) for j in range(width)]


def sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


# --------------------------------------------------------------------------------------------
# Score functions (s = one query row, h = one keys row).
# --------------------------------------------------------------------------------------------

def score_dot(s, h, t):
    return dot(s, h)


def score_scaled_dot(s, h, t):
    return dot(s, h) / math.sqrt(len(h))


def score_general(s, h, t):
    return dot(s, matvec(t["W_a"], h))


def score_concat(s, h, t):
    u = [math.tanh(x) for x in matvec(t["W_a"], list(s) + list(h))]
    return dot(t["v_a"], u)


SCORES = {"dot": score_dot, "general": score_general, "concat": score_concat}


# --------------------------------------------------------------------------------------------
# Variants.
# --------------------------------------------------------------------------------------------

def values_of(t):
    return t["values"] if "values" in t else t["keys"]


def score_matrix(t, score, allowed=lambda tt, i: True):
    q, k = t["query"], t["keys"]
    return [[score(q[tt], k[i], t) if allowed(tt, i) else None for i in range(len(k))]
            for tt in range(len(q))]


def attend(t, scores):
    """Softmax per target row, then context; empty rows give zero weights and zero context."""
    v = values_of(t)
    weights, context, empty_rows = [], [], []
    for tt, row in enumerate(scores):
        w, empty = softmax_masked(row)
        if empty:
            empty_rows.append(tt)
            c = [0.0] * len(v[0])
        else:
            c = weighted_rows(w, v)
        weights.append(w)
        context.append(c)
    return {"scores": scores, "weights": weights, "context": context}, empty_rows


def additive(t, opts):   # also "concat"
    return attend(t, score_matrix(t, score_concat))


def dot_variant(t, opts):
    return attend(t, score_matrix(t, score_dot))


def general(t, opts):
    return attend(t, score_matrix(t, score_general))


def scaled_dot(t, opts):
    return attend(t, score_matrix(t, score_scaled_dot))


def default_score(t, opts):
    if "score" in opts:
        return opts["score"]
    return "concat" if "v_a" in t else ("general" if "W_a" in t else "dot")


def global_variant(t, opts):
    return attend(t, score_matrix(t, SCORES[default_score(t, opts)]))


def local_m(t, opts):
    d = opts.get("window", 2)
    scores = score_matrix(t, SCORES[default_score(t, opts)],
                          allowed=lambda tt, i: abs(i - tt) <= d)
    return attend(t, scores)


def local_p(t, opts):
    d = opts.get("window", 2)
    assert d >= 1
    sigma = d / 2.0
    n = len(t["keys"])
    v = values_of(t)
    score = SCORES[default_score(t, opts)]
    result = {"scores": [], "weights": [], "context": [], "p": [], "window_softmax": []}
    for s in t["query"]:
        p = n * sigmoid(dot(t["v_p"], [math.tanh(x) for x in matvec(t["W_p"], s)]))
        for i in range(n):
            assert abs(abs(i - p) - d) > 1e-6, "window membership too close to call"
        row = [score(s, t["keys"][i], t) if abs(i - p) <= d else None for i in range(n)]
        a, empty = softmax_masked(row)
        assert not empty
        alpha = [a[i] * math.exp(-((i - p) ** 2) / (2.0 * sigma * sigma)) if row[i] is not None
                 else 0.0 for i in range(n)]
        result["p"].append(p)
        result["scores"].append(row)
        result["window_softmax"].append(a)
        result["weights"].append(alpha)
        result["context"].append(weighted_rows(alpha, v))
    return result, []


def alibi_slopes(heads):
    """Press et al. 2022's get_slopes: 2^(-8(h+1)/H) for H a power of two; otherwise the slopes of
    the power of two below H, then every other slope of twice that power.  Closed-form powers
    (the paper multiplies start * ratio**i, which agrees to an ulp)."""
    def power_of_two(count):
        return [2.0 ** (-8.0 * (h + 1) / count) for h in range(count)]
    below = 1
    while below * 2 <= heads:
        below *= 2
    if below == heads:
        return power_of_two(heads)
    return power_of_two(below) + power_of_two(2 * below)[0::2][:heads - below]


def rope_rotate(x, opts):
    """Rotary position embeddings (Su et al. 2021) on the rows of x (position p = row index):
    pair k of the first r columns turns by p * base**(-2k/r).  Pairs are (k, k + r/2) for
    rope = "half" (GPT-NeoX, HF Llama) and (2k, 2k + 1) for "interleaved" (GPT-J, RoFormer);
    (a, b) -> (a cos - b sin, b cos + a sin).  Columns from r on are unchanged."""
    pairing = opts.get("rope")
    if pairing is None:
        return x
    base = float(opts.get("rope_base", 10000.0))
    r = opts.get("rope_dims", len(x[0]))
    out = []
    for p, row in enumerate(x):
        new = list(row)
        for k in range(r // 2):
            a_index, b_index = (k, k + r // 2) if pairing == "half" else (2 * k, 2 * k + 1)
            angle = p * base ** (-2.0 * k / r)
            c, sn = math.cos(angle), math.sin(angle)
            a, b = row[a_index], row[b_index]
            new[a_index] = a * c - b * sn
            new[b_index] = b * c + a * sn
        out.append(new)
    return out


def allowed_position(i, j, causal, window, kept=None):
    """Whether query i may attend to key j: j <= i when causal, and i - W < j with a sliding window W,
    or j < S for the first S tokens StreamingLLM keeps (sink_tokens)."""
    if causal and j > i:
        return False
    return window is None or i - window < j or (kept is not None and j < kept)


def softmax_with_sink(row, sink):
    """The softmax of row + [sink] with the sink's entry dropped (gpt-oss): rows sum to < 1."""
    live = [x for x in row if x is not None] + [sink]
    mx = max(live)
    ex = [math.exp(x - mx) if x is not None else 0.0 for x in row]
    z = math.fsum(ex + [math.exp(sink - mx)])
    return [e / z for e in ex], False


def single_head(q, k, v, causal, window=None, slope=None, sink=None, kept=None):
    """softmax(Q K^T / sqrt(d_k) + B) V, masked where allowed_position is false;
    B_ij = -slope * (i - j) (ALiBi) when slope is given; with a sink logit, an extra dropped column."""
    dk = len(q[0])

    def score(i, j):
        s = dot(q[i], k[j]) / math.sqrt(dk)
        return s if slope is None else s + (-slope) * (i - j)
    scores = [[score(i, j) if allowed_position(i, j, causal, window, kept) else None
               for j in range(len(k))] for i in range(len(q))]
    weights, out, empty_rows = [], [], []
    for i, row in enumerate(scores):
        w, empty = softmax_masked(row) if sink is None else softmax_with_sink(row, sink)
        if empty:
            empty_rows.append(i)
            z = [0.0] * len(v[0])
        else:
            z = weighted_rows(w, v)
        weights.append(w)
        out.append(z)
    return scores, weights, out, empty_rows


def project(x, t, name, opts):
    """x W_name, plus the row b_name added to every row under options.bias (nn.Linear's x A^T + b)."""
    y = matmul(x, t["W_" + name])
    if opts.get("bias"):
        y = [[a + b for a, b in zip(row, t["b_" + name])] for row in y]
    return y


def self_variant(t, opts, causal=None):
    x = t["X"]
    if causal is None:
        causal = bool(opts.get("causal", False))
    q, k, v = project(x, t, "Q", opts), project(x, t, "K", opts), project(x, t, "V", opts)
    q, k = rope_rotate(q, opts), rope_rotate(k, opts)
    slope = alibi_slopes(1)[0] if opts.get("alibi") else None
    sink = t["sinks"][0] if opts.get("sinks") else None
    s, a, z, empty = single_head(q, k, v, causal, opts.get("sliding_window"), slope, sink, opts.get("sink_tokens"))
    return {"scores": s, "weights": a, "output": z}, empty


def causal_variant(t, opts):
    return self_variant(t, opts, causal=True)


def multi_head_core(x_q, x_kv, t, heads, causal, opts):
    """Heads over column slices; with kv_heads, query head j reads key/value head j * kv_heads // heads."""
    d_model = len(t["W_Q"][0])
    assert d_model % heads == 0
    dk = d_model // heads
    kv_heads = opts.get("kv_heads", heads)
    assert heads % kv_heads == 0 and len(t["W_K"][0]) == kv_heads * dk
    slopes = alibi_slopes(heads) if opts.get("alibi") else [None] * heads
    q, k, v = project(x_q, t, "Q", opts), project(x_kv, t, "K", opts), project(x_kv, t, "V", opts)
    all_s, all_a, zs, empty_rows = [], [], [], []
    for j in range(heads):
        lo, hi = j * dk, (j + 1) * dk
        g = j * kv_heads // heads
        klo, khi = g * dk, (g + 1) * dk
        s, a, z, empty = single_head(rope_rotate(columns(q, lo, hi), opts), rope_rotate(columns(k, klo, khi), opts),
                                     columns(v, klo, khi), causal, opts.get("sliding_window"), slopes[j],
                                     t["sinks"][j] if opts.get("sinks") else None, opts.get("sink_tokens"))
        all_s.append(s)
        all_a.append(a)
        zs.append(z)
        empty_rows += [(j, r) for r in empty]
    concat = [sum((zs[j][r] for j in range(heads)), []) for r in range(len(x_q))]
    out = project(concat, t, "O", opts)
    return {"scores": all_s, "weights": all_a, "output": out}, empty_rows


def multi_head(t, opts):
    return multi_head_core(t["X"], t["X"], t, opts.get("heads", 1), bool(opts.get("causal", False)), opts)


def cross(t, opts):
    causal = bool(opts.get("causal", False))
    if "heads" in opts:
        return multi_head_core(t["X"], t["memory"], t, opts["heads"], causal, opts)
    q = project(t["X"], t, "Q", opts)
    k, v = project(t["memory"], t, "K", opts), project(t["memory"], t, "V", opts)
    slope = alibi_slopes(1)[0] if opts.get("alibi") else None
    sink = t["sinks"][0] if opts.get("sinks") else None
    s, a, z, empty = single_head(q, k, v, causal, opts.get("sliding_window"), slope, sink, opts.get("sink_tokens"))
    return {"scores": s, "weights": a, "output": z}, empty


def flash(t, opts):
    """FlashAttention's online softmax (Milakov & Gimelshein 2018; Dao et al. 2022) over key blocks of
    block_size (default 2): running max m, running sum l and unnormalised output O, rescaled by
    exp(m - m') at every block; output = O / l and logsumexp = m + ln l (n x 1)."""
    x = t["X"]
    q, k, v = matmul(x, t["W_Q"]), matmul(x, t["W_K"]), matmul(x, t["W_V"])
    size = opts.get("block_size", 2)
    causal = bool(opts.get("causal", False))
    dk = len(q[0])
    outputs, lses = [], []
    for i, qi in enumerate(q):
        m, l, o = None, 0.0, [0.0] * len(v[0])
        for start in range(0, len(k), size):
            # With the causal mask, keys after the query drop out; a block entirely after it adds nothing.
            block = [j for j in range(start, min(start + size, len(k))) if not (causal and j > i)]
            s = [dot(qi, k[j]) / math.sqrt(dk) for j in block]
            new = max(s) if m is None else max([m] + s)
            p = [math.exp(x - new) for x in s]
            alpha = 0.0 if m is None else math.exp(m - new)
            l = alpha * l + math.fsum(p)
            o = [alpha * a + math.fsum(pj * v[j][c] for pj, j in zip(p, block)) for c, a in enumerate(o)]
            m = new
        outputs.append([a / l for a in o])
        lses.append([m + math.log(l)])
    return {"output": outputs, "logsumexp": lses}, []


def kv_cache(t, opts):
    """Decoding token by token against a key/value cache: the first `prefill` rows at once (causal),
    then each row t alone: q_t, k_t, v_t from x_t, rotated at position t with RoPE, k_t and v_t
    appended to the cache, and softmax(q_t K^T / sqrt(d_k)) V over the whole cache."""
    x = t["X"]
    prefill = opts.get("prefill", 1)
    wq, wk, wv = t["W_Q"], t["W_K"], t["W_V"]

    def rotate_at(rows, first):
        # RoPE of rows whose positions start at `first`: pad with `first` dummy rows, rotate, drop them.
        padded = [[0.0] * len(rows[0])] * first + rows
        return rope_rotate(padded, opts)[first:]
    q = rotate_at(matmul(x[:prefill], wq), 0)
    keys = rotate_at(matmul(x[:prefill], wk), 0)
    values = matmul(x[:prefill], wv)
    _, _, out, _ = single_head(q, keys, values, True)
    for step in range(prefill, len(x)):
        row = [x[step]]
        q_t = rotate_at(matmul(row, wq), step)
        keys = keys + rotate_at(matmul(row, wk), step)
        values = values + matmul(row, wv)
        dk = len(q_t[0])
        w, _ = softmax_masked([dot(q_t[0], key) / math.sqrt(dk) for key in keys])
        out.append(weighted_rows(w, values))
    return {"output": out}, []


def co_attention(t, opts):
    qn, doc = t["question"], t["document"]          # T x d, N x d
    c = [[math.tanh(x) for x in row] for row in matmul(matmul(qn, t["W_b"]), transpose(doc))]
    wq_q = matmul(t["W_q"], transpose(qn))           # k x T
    wd_d = matmul(t["W_d"], transpose(doc))          # k x N
    h_d = [[math.tanh(a + b) for a, b in zip(r1, r2)] for r1, r2 in zip(wd_d, matmul(wq_q, c))]
    h_q = [[math.tanh(a + b) for a, b in zip(r1, r2)]
           for r1, r2 in zip(wq_q, matmul(wd_d, transpose(c)))]
    e_d = matvec(transpose(h_d), t["w_d"])          # w_d . H_d  (length N)
    e_q = matvec(transpose(h_q), t["w_q"])          # w_q . H_q  (length T)
    a_d, _ = softmax_masked(e_d)
    a_q, _ = softmax_masked(e_q)
    return {"affinity": c, "scores_document": e_d, "scores_question": e_q,
            "weights_document": a_d, "weights_question": a_q,
            "context_document": weighted_rows(a_d, doc),
            "context_question": weighted_rows(a_q, qn)}, []


COMPUTE = {"additive": additive, "concat": additive, "dot": dot_variant, "general": general,
           "scaled-dot": scaled_dot, "global": global_variant, "local-m": local_m,
           "local-p": local_p, "self": self_variant, "causal": causal_variant,
           "multi-head": multi_head, "cross": cross, "co-attention": co_attention, "flash": flash, "kv-cache": kv_cache}


# --------------------------------------------------------------------------------------------
# Random inputs.
# --------------------------------------------------------------------------------------------

def rng_for(variant, name):
    return np.random.default_rng([BASE_SEED, zlib.crc32(f"{variant}/{name}".encode())])


def mat(rng, rows, cols, scale=1.0):
    return [[float(round(float(x), 4)) + 0.0 for x in row]
            for row in rng.standard_normal((rows, cols)) * scale]


def vec(rng, size, scale=1.0):
    return mat(rng, 1, size, scale)[0]


def attention_tensors(rng, m, n, d_s, d_h, d_v=None, score=None, d_a=None):
    t = {"query": mat(rng, m, d_s), "keys": mat(rng, n, d_h)}
    if d_v is not None:
        assert d_v != d_h
        t["values"] = mat(rng, n, d_v)
    if score == "general":
        t["W_a"] = mat(rng, d_s, d_h)
    elif score == "concat":
        t["W_a"] = mat(rng, d_a, d_s + d_h)
        t["v_a"] = vec(rng, d_a)
    return t


def projection_tensors(rng, n, d_model, d_k, d_v, with_o=False):
    t = {"X": mat(rng, n, d_model), "W_Q": mat(rng, d_model, d_k),
         "W_K": mat(rng, d_model, d_k), "W_V": mat(rng, d_model, d_v)}
    if with_o:
        t["W_O"] = mat(rng, d_model, d_model)
    return t


# --------------------------------------------------------------------------------------------
# The fixture cases.
# --------------------------------------------------------------------------------------------

def cases():
    out = []

    def add(variant, name, description, make, options=None, src=None, tgt=None):
        rng = rng_for(variant, name)
        tensors = make(rng)
        out.append((variant, name, description, tensors, options or {}, src, tgt))

    # additive ------------------------------------------------------------------------------
    add("additive", "wide-keys", "additive (Bahdanau) with d_s=2 != d_h=5, d_a=3, m=3, n=4; values default to keys",
        lambda r: attention_tensors(r, 3, 4, 2, 5, score="concat", d_a=3))
    add("additive", "single-source", "additive with a single source position (n=1): every weight is 1; values given (d_v=2)",
        lambda r: attention_tensors(r, 2, 1, 3, 3, d_v=2, score="concat", d_a=4))
    add("additive", "single-target", "additive with one target step (m=1), n=6, d_s=4, d_h=2, d_a=7, values d_v=5",
        lambda r: attention_tensors(r, 1, 6, 4, 2, d_v=5, score="concat", d_a=7))

    def keras(r):
        d = 4
        t = {"query": mat(r, 2, d), "keys": mat(r, 3, d), "values": mat(r, 3, 3)}
        t["W_a"] = [[1.0 if (j == i or j == i + d) else 0.0 for j in range(2 * d)] for i in range(d)]
        t["v_a"] = vec(r, d)
        return t
    add("additive", "keras-additive-attention",
        "Keras AdditiveAttention(use_scale=True) as additive: W_a = [I I] so W_a[s;h] = s + h, v_a = Keras scale; "
        "scores = sum(scale * tanh(query + key)); Keras value = values (d_v=3)", keras)

    # dot -----------------------------------------------------------------------------------
    add("dot", "basic", "dot score, m=3, n=4, d=3; values default to keys",
        lambda r: attention_tensors(r, 3, 4, 3, 3))
    add("dot", "single-source", "dot score with one source position (n=1), m=2, d=2; values d_v=4",
        lambda r: attention_tensors(r, 2, 1, 2, 2, d_v=4))
    add("dot", "single-target", "dot score with one target step (m=1), n=5, d=6; values d_v=3",
        lambda r: attention_tensors(r, 1, 5, 6, 6, d_v=3))
    add("dot", "scalar-states", "dot score with d=1, m=4 > n=2; values default to keys",
        lambda r: attention_tensors(r, 4, 2, 1, 1))

    # general -------------------------------------------------------------------------------
    add("general", "rectangular", "general score s^T W_a h with W_a 2x5 (d_s=2 != d_h=5), m=3, n=4; values default to keys",
        lambda r: attention_tensors(r, 3, 4, 2, 5, score="general"))
    add("general", "single-source", "general score, n=1, m=3, d_s=4, d_h=3; values d_v=2",
        lambda r: attention_tensors(r, 3, 1, 4, 3, d_v=2, score="general"))
    add("general", "square", "general score with square W_a (d=3), m=2, n=6; values d_v=5",
        lambda r: attention_tensors(r, 2, 6, 3, 3, d_v=5, score="general"))
    add("general", "tall", "general score with W_a 7x1 (d_s=7, d_h=1), m=1, n=3; values default to keys",
        lambda r: attention_tensors(r, 1, 3, 7, 1, score="general"))

    # scaled-dot ----------------------------------------------------------------------------
    add("scaled-dot", "basic", "scaled dot score s.h/sqrt(d_h), m=3, n=4, d=4 (scale 1/2); values default to keys",
        lambda r: attention_tensors(r, 3, 4, 4, 4))
    add("scaled-dot", "single-source", "scaled dot with n=1, m=2, d=3; values d_v=2",
        lambda r: attention_tensors(r, 2, 1, 3, 3, d_v=2))
    add("scaled-dot", "wide", "scaled dot with m=5, n=3, d=6; values d_v=1",
        lambda r: attention_tensors(r, 5, 3, 6, 6, d_v=1))
    add("scaled-dot", "long-source", "scaled dot with m=2, n=7, d=2; values default to keys",
        lambda r: attention_tensors(r, 2, 7, 2, 2))

    # concat --------------------------------------------------------------------------------
    add("concat", "rectangular", "Luong concat score v_a.tanh(W_a[s;h]) with d_s=3 != d_h=2, d_a=4, m=2, n=5; values default to keys",
        lambda r: attention_tensors(r, 2, 5, 3, 2, score="concat", d_a=4))
    add("concat", "single-source", "concat score with n=1, m=3, d_s=2, d_h=4, d_a=2; values d_v=3",
        lambda r: attention_tensors(r, 3, 1, 2, 4, d_v=3, score="concat", d_a=2))
    add("concat", "scalar-attention-dim", "concat score with d_a=1, m=4, n=3, d_s=d_h=3; values d_v=6",
        lambda r: attention_tensors(r, 4, 3, 3, 3, d_v=6, score="concat", d_a=1))

    # global --------------------------------------------------------------------------------
    add("global", "dot", "Luong global attention with score=dot, m=3, n=4, d=3; values default to keys",
        lambda r: attention_tensors(r, 3, 4, 3, 3), {"score": "dot"})
    add("global", "general", "Luong global attention with score=general, d_s=4 != d_h=2, m=2, n=5; values d_v=3",
        lambda r: attention_tensors(r, 2, 5, 4, 2, d_v=3, score="general"), {"score": "general"})
    add("global", "concat", "Luong global attention with score=concat, n=1, m=3, d_s=2, d_h=3, d_a=4; values d_v=2",
        lambda r: attention_tensors(r, 3, 1, 2, 3, d_v=2, score="concat", d_a=4), {"score": "concat"})
    add("global", "concat-long", "Luong global attention with score=concat, m=2, n=7, d_s=5, d_h=1, d_a=3; values default to keys",
        lambda r: attention_tensors(r, 2, 7, 5, 1, score="concat", d_a=3), {"score": "concat"})

    # local-m -------------------------------------------------------------------------------
    add("local-m", "wide-window-equals-global",
        "local-m with D=5 >= n=5 (m=4, score=dot): every window is the whole source, identical to global dot; values default to keys",
        lambda r: attention_tensors(r, 4, 5, 3, 3), {"score": "dot", "window": 5})
    add("local-m", "window-zero",
        "local-m with D=0 (score=general, m=3, n=4, d_s=2, d_h=3): row t puts weight 1 on position t; values d_v=2",
        lambda r: attention_tensors(r, 3, 4, 2, 3, d_v=2, score="general"), {"score": "general", "window": 0})
    add("local-m", "targets-past-end",
        "local-m with m=6 > n=3, D=1, score=dot: rows 0-3 use windows clipped to [0,2] (row 3 sees only position 2); "
        "rows 4 and 5 have empty windows -> all-null scores, zero weights, zero context and a warning; values d_v=3",
        lambda r: attention_tensors(r, 6, 3, 2, 2, d_v=3), {"score": "dot", "window": 1})
    add("local-m", "single-source-default-window",
        "local-m with n=1, m=4, window omitted (default D=2), score=concat (d_s=2, d_h=3, d_a=2): rows 0-2 put weight 1 on position 0; "
        "row 3 has an empty window -> all-null scores, zero weights, zero context and a warning; values default to keys",
        lambda r: attention_tensors(r, 4, 1, 2, 3, score="concat", d_a=2), {"score": "concat"})

    # local-p -------------------------------------------------------------------------------
    def local_p_tensors(m, n, d_s, d_h, d_p, d_v=None, score=None, d_a=None, vp_scale=1.0):
        def make(r):
            t = attention_tensors(r, m, n, d_s, d_h, d_v=d_v, score=score, d_a=d_a)
            t["W_p"] = mat(r, d_p, d_s)
            t["v_p"] = vec(r, d_p, vp_scale)
            return t
        return make

    add("local-p", "general", "local-p (Luong) with score=general, D=1 (sigma=0.5), m=3, n=6, d_s=3, d_h=4, d_p=2; "
        "alpha = window softmax * Gaussian, does not sum to 1; values default to keys",
        local_p_tensors(3, 6, 3, 4, 2, score="general"), {"score": "general", "window": 1})

    def edges(r):
        n, d = 7, 3
        t = {"query": mat(r, 3, d), "keys": mat(r, n, d), "values": mat(r, n, 2)}
        w = vec(r, d)
        norm2 = dot(w, w)
        # push row 0 along +w (p_0 near n) and row 1 along -w (p_1 near 0)
        t["query"][0] = [float(round(a + 3.0 * b / norm2, 4)) + 0.0 for a, b in zip(t["query"][0], w)]
        t["query"][1] = [float(round(a - 3.0 * b / norm2, 4)) + 0.0 for a, b in zip(t["query"][1], w)]
        # row 2: move it so that w . s_2 = -0.1 (p_2 ~ 2.5, window {1..4}, not clipped)
        c = (dot(w, t["query"][2]) + 0.1) / norm2
        t["query"][2] = [float(round(a - c * b, 4)) + 0.0 for a, b in zip(t["query"][2], w)]
        t["W_p"] = [w]
        t["v_p"] = [6.0]
        return t
    add("local-p", "edges", "local-p with score=dot, D=2, n=7, m=3: p_0 is near n (window clipped to the last positions), "
        "p_1 is near 0 (window clipped at position 0), p_2 is interior; values d_v=2", edges, {"score": "dot", "window": 2})
    add("local-p", "single-source", "local-p with n=1, m=2, D=1, score=concat (d_a=3): the window is {0}, a = 1, "
        "alpha_0 = exp(-p^2/(2*0.25)); values d_v=3",
        local_p_tensors(2, 1, 2, 2, 3, d_v=3, score="concat", d_a=3), {"score": "concat", "window": 1})
    add("local-p", "wide-window", "local-p with D=3 (sigma=1.5), n=4, m=4, score=dot, d=2, d_p=1; values default to keys",
        local_p_tensors(4, 4, 2, 2, 1, score="dot"), {"score": "dot", "window": 3})

    # self ----------------------------------------------------------------------------------
    add("self", "narrow-keys", "single-head self-attention, n=4, d_model=3, d_k=2 != d_model, d_v=3",
        lambda r: projection_tensors(r, 4, 3, 2, 3))
    add("self", "single-token", "self-attention with one token (n=1): weight 1, output = X W_V; d_model=2, d_k=3, d_v=1",
        lambda r: projection_tensors(r, 1, 2, 3, 1))
    add("self", "causal-option", "self-attention with options.causal=true: upper triangle masked (scores null, weights 0); "
        "n=5, d_model=4, d_k=4, d_v=2", lambda r: projection_tensors(r, 5, 4, 4, 2), {"causal": True})
    add("self", "explicit-not-causal", "self-attention with options.causal=false stated, n=3, d_model=5, d_k=1, d_v=4",
        lambda r: projection_tensors(r, 3, 5, 1, 4), {"causal": False})

    # causal --------------------------------------------------------------------------------
    add("causal", "basic", "causal self-attention, n=4, d_model=3, d_k=2, d_v=2: scores j > i are null, weights 0",
        lambda r: projection_tensors(r, 4, 3, 2, 2))
    add("causal", "single-token", "causal self-attention with n=1 (nothing masked), d_model=2, d_k=2, d_v=3",
        lambda r: projection_tensors(r, 1, 2, 2, 3))

    def large(r):
        # Dyadic inputs keep Q, K, V and every score exact in float64 (no rounding anywhere), so
        # the scores (around 1e6) can be compared to 1e-12 whatever the summation order.
        n, d_model, d_k = 5, 3, 4
        while True:   # deterministic: redraw until the last row has an interior maximum
            x = [[float(v) for v in row] for row in r.integers(-1500, 1501, size=(n, d_model))]
            w_q = [[float(v) / 4.0 for v in row] for row in r.integers(-6, 7, size=(d_model, d_k))]
            w_k = [[float(v) / 4.0 for v in row] for row in r.integers(-6, 7, size=(d_model, d_k))]
            q, k = matmul(x, w_q), matmul(x, w_k)
            last = [dot(q[4], k[i]) for i in range(n)]
            j = max(range(n), key=lambda i: last[i])
            if j <= 2 and sorted(last)[-2] < last[j] - 1000.0:
                break
        # token 3 = token j nudged by 1/1024 in its first coordinate: row 4 then puts its weight on
        # j and 3, whose scores (~1e6) differ by O(1), so the weights there are not 0/1.
        x[3] = [x[j][0] + 1.0 / 1024.0] + x[j][1:]
        w_v = [[float(v) / 1024.0 for v in row] for row in r.integers(-8, 9, size=(d_model, 2))]
        return {"X": x, "W_Q": w_q, "W_K": w_k, "W_V": w_v}
    add("causal", "large-scores", "causal with X entries around 1e3 (integers, one nudged by 1/1024) so scores are around 1e6 and a naive exp "
        "overflows; the stable softmax must subtract the row max. Inputs are dyadic (W_Q, W_K multiples of 1/4, "
        "W_V multiples of 1/1024, d_k=4) so Q, K, V and the scores are exact in float64; token 3 is a tiny nudge of an earlier "
        "token, so the last row splits its weight between them (scores ~1e6 apart by O(1))",
        large)
    add("causal", "longer", "causal self-attention, n=6, d_model=5, d_k=3, d_v=4",
        lambda r: projection_tensors(r, 6, 5, 3, 4))

    # multi-head ----------------------------------------------------------------------------
    add("multi-head", "one-head", "multi-head with heads=1 (d_k=d_model=3), n=4: W_O still applies",
        lambda r: projection_tensors(r, 4, 3, 3, 3, with_o=True), {"heads": 1})
    add("multi-head", "two-heads-single-token", "multi-head with heads=2, d_model=6 (d_k=3), n=1: every weight 1",
        lambda r: projection_tensors(r, 1, 6, 6, 6, with_o=True), {"heads": 2})
    add("multi-head", "four-heads", "multi-head with heads=4, d_model=4 (d_k=1), n=3; weights are 4x3x3, not averaged",
        lambda r: projection_tensors(r, 3, 4, 4, 4, with_o=True), {"heads": 4})
    add("multi-head", "two-heads-causal", "multi-head with heads=2, d_model=4 (d_k=2), n=5, options.causal=true",
        lambda r: projection_tensors(r, 5, 4, 4, 4, with_o=True), {"heads": 2, "causal": True})

    def grouped_tensors(n, d_model, heads, kv_heads):
        """W_Q, W_O d_model x d_model; W_K, W_V d_model x kv_heads*d_k (grouped-query attention)."""
        def make(r):
            width = kv_heads * (d_model // heads)
            return {"X": mat(r, n, d_model), "W_Q": mat(r, d_model, d_model), "W_K": mat(r, d_model, width),
                    "W_V": mat(r, d_model, width), "W_O": mat(r, d_model, d_model)}
        return make

    # sliding windows, ALiBi and grouped-query attention on the dot-product family ----------------
    add("causal", "sliding-window", "causal with sliding_window=2 (Mistral): row i sees only i-1 and i; n=6, d_model=4, d_k=3, d_v=2",
        lambda r: projection_tensors(r, 6, 4, 3, 2), {"sliding_window": 2})
    add("causal", "sliding-window-wider-than-sequence", "causal with sliding_window=5 >= n=3: no key falls outside, equal to plain causal",
        lambda r: projection_tensors(r, 3, 3, 2, 2), {"sliding_window": 5})
    add("causal", "alibi", "causal with ALiBi, one head: slope m_0 = 2^-8, score_ij - (i - j)/256; n=5, d_model=3, d_k=2, d_v=2; "
        "X scaled by 4 so scores are large",
        lambda r: projection_tensors(r, 5, 3, 2, 2) | {"X": mat(r, 5, 3, 4.0)}, {"alibi": True})
    add("self", "causal-sliding-window-one", "self with causal=true and sliding_window=1: each position sees only itself, "
        "weights are the identity and output = V; n=4, d_model=3, d_k=2, d_v=3",
        lambda r: projection_tensors(r, 4, 3, 2, 3), {"causal": True, "sliding_window": 1})
    add("multi-head", "alibi-four-heads", "multi-head causal with ALiBi, heads=4 (slopes 1/4, 1/16, 1/64, 1/256), d_model=8 (d_k=2), n=5",
        lambda r: projection_tensors(r, 5, 8, 8, 8, with_o=True), {"heads": 4, "causal": True, "alibi": True})
    add("multi-head", "alibi-three-heads", "multi-head causal with ALiBi, heads=3, not a power of two: slopes 2^-4, 2^-8 "
        "(from 2 heads) then 2^-2 (every other slope of 4 heads); d_model=6 (d_k=2), n=4",
        lambda r: projection_tensors(r, 4, 6, 6, 6, with_o=True), {"heads": 3, "causal": True, "alibi": True})
    add("multi-head", "grouped-query", "grouped-query attention: heads=4, kv_heads=2 (heads 0,1 read K_0,V_0; heads 2,3 read K_1,V_1), "
        "d_model=8 (d_k=2), W_K and W_V 8x4, n=4, not causal",
        grouped_tensors(4, 8, 4, 2), {"heads": 4, "kv_heads": 2})
    add("multi-head", "multi-query-causal", "multi-query attention: heads=4 share kv_heads=1, causal, d_model=4 (d_k=1), W_K and W_V 4x1, n=5",
        grouped_tensors(5, 4, 4, 1), {"heads": 4, "kv_heads": 1, "causal": True})
    add("multi-head", "kv-heads-equal-heads", "kv_heads = heads = 2 is plain multi-head attention (checked against it); d_model=4, n=3",
        grouped_tensors(3, 4, 2, 2), {"heads": 2, "kv_heads": 2})
    add("multi-head", "mistral-style", "a Mistral-style layer without RoPE: heads=4, kv_heads=2, causal, sliding_window=3; "
        "d_model=8 (d_k=2), n=6",
        grouped_tensors(6, 8, 4, 2), {"heads": 4, "kv_heads": 2, "causal": True, "sliding_window": 3})
    add("multi-head", "grouped-alibi-window", "every new option at once: heads=2, kv_heads=1, causal, ALiBi (slopes 1/16, 1/256), "
        "sliding_window=2; d_model=4 (d_k=2), n=5",
        grouped_tensors(5, 4, 2, 1), {"heads": 2, "kv_heads": 1, "causal": True, "alibi": True, "sliding_window": 2})

    # rotary position embeddings ---------------------------------------------------------------
    add("causal", "rope-half", "causal with RoPE, rotate-half pairs (NeoX, Llama): (k, k+2) of d_k=4, base 10000; "
        "n=6, d_model=4, d_v=3", lambda r: projection_tensors(r, 6, 4, 4, 3), {"rope": "half"})
    add("causal", "rope-interleaved", "causal with RoPE, interleaved pairs (GPT-J): (2k, 2k+1) of d_k=4, base 10000; "
        "n=6, d_model=4, d_v=3", lambda r: projection_tensors(r, 6, 4, 4, 3), {"rope": "interleaved"})
    add("self", "rope-partial", "self (not causal) with RoPE on rope_dims=2 of d_k=6 (NeoX rotary_pct = 1/3), half pairs, "
        "base 100; n=5, d_model=3, d_v=2", lambda r: projection_tensors(r, 5, 3, 6, 2),
        {"rope": "half", "rope_dims": 2, "rope_base": 100.0})
    add("multi-head", "llama-style", "a Llama-style layer: heads=4, kv_heads=2, causal, RoPE half pairs on each head "
        "(d_k=2), d_model=8, n=6", grouped_tensors(6, 8, 4, 2), {"heads": 4, "kv_heads": 2, "causal": True, "rope": "half"})
    add("multi-head", "mistral-style-rope", "a Mistral-style layer: heads=2, kv_heads=1, causal, sliding_window=3, RoPE half "
        "pairs on d_k=4, base 1e6; d_model=8, n=7", grouped_tensors(7, 8, 2, 1),
        {"heads": 2, "kv_heads": 1, "causal": True, "sliding_window": 3, "rope": "half", "rope_base": 1000000.0})
    add("multi-head", "rope-interleaved-partial", "multi-head with RoPE interleaved on rope_dims=2 of d_k=4, heads=2, "
        "not causal; d_model=8, n=4", lambda r: projection_tensors(r, 4, 8, 8, 8, with_o=True),
        {"heads": 2, "rope": "interleaved", "rope_dims": 2})

    # attention sinks (StreamingLLM's kept first tokens; gpt-oss's sink logits) ----------------
    add("causal", "streaming-llm", "StreamingLLM: sink_tokens=2 kept beside sliding_window=3; n=7 (row 6 sees 0, 1, 4, 5, 6), "
        "d_model=4, d_k=3, d_v=2", lambda r: projection_tensors(r, 7, 4, 3, 2), {"sliding_window": 3, "sink_tokens": 2})
    add("multi-head", "streaming-llm-rope-gqa", "StreamingLLM on a Llama-style layer: heads=4, kv_heads=2, causal, RoPE half, "
        "sliding_window=2, sink_tokens=1 (positions are the text's, not the cache's); d_model=8, n=6",
        grouped_tensors(6, 8, 4, 2), {"heads": 4, "kv_heads": 2, "causal": True, "rope": "half", "sliding_window": 2,
                                      "sink_tokens": 1})
    add("causal", "sinks", "causal with a learned sink logit (gpt-oss): softmax over the row and s_0, the sink's column "
        "dropped, so rows sum to < 1; n=5, d_model=3, d_k=2, d_v=2",
        lambda r: projection_tensors(r, 5, 3, 2, 2) | {"sinks": vec(r, 1, 2.0)}, {"sinks": True})
    add("multi-head", "gpt-oss-style", "a gpt-oss-style layer (plain RoPE, no YaRN): heads=4, kv_heads=2, causal, "
        "sliding_window=3, RoPE half pairs (d_k=2), sink logits per head; d_model=8, n=6",
        lambda r: grouped_tensors(6, 8, 4, 2)(r) | {"sinks": vec(r, 4, 2.0)},
        {"heads": 4, "kv_heads": 2, "causal": True, "sliding_window": 3, "rope": "half", "sinks": True})

    # projection biases (nn.Linear, BERT) ---------------------------------------------------------
    def biases(sizes):
        def make(r):
            return {"b_" + name: vec(r, size) for name, size in sizes.items()}
        return make
    add("self", "bias", "single-head self-attention with bias: Q = X W_Q + b_Q, K, V likewise; n=4, d_model=3, d_k=2, d_v=3",
        lambda r: projection_tensors(r, 4, 3, 2, 3) | biases({"Q": 2, "K": 2, "V": 3})(r), {"bias": True})
    add("multi-head", "bert-style-bias", "a BERT-style attention block: heads=2, not causal, every projection with a bias "
        "(b_Q, b_K, b_V, b_O; nn.MultiheadAttention(bias=True)); d_model=4, n=5",
        lambda r: projection_tensors(r, 5, 4, 4, 4, with_o=True) | biases({"Q": 4, "K": 4, "V": 4, "O": 4})(r),
        {"heads": 2, "bias": True})

    # FlashAttention's online softmax ------------------------------------------------------------
    add("flash", "two-key-blocks", "online softmax with block_size=2 over n=6 keys (3 blocks), d_model=4, d_k=3, d_v=2; "
        "equals self-attention (checked)", lambda r: projection_tensors(r, 6, 4, 3, 2), {"block_size": 2})
    add("flash", "uneven-last-block", "block_size=3 over n=7 keys: blocks of 3, 3 and 1; d_model=3, d_k=2, d_v=3",
        lambda r: projection_tensors(r, 7, 3, 2, 3), {"block_size": 3})
    add("flash", "one-block", "block_size=8 >= n=4: one block, the ordinary softmax; d_model=3, d_k=3, d_v=2",
        lambda r: projection_tensors(r, 4, 3, 3, 2), {"block_size": 8})
    add("flash", "block-of-one-large-scores", "block_size=1 (every key its own block) with X scaled by 6 so the running "
        "maximum changes often and exp(m - m') is far below 1; n=5, d_model=3, d_k=2, d_v=2",
        lambda r: projection_tensors(r, 5, 3, 2, 2) | {"X": mat(r, 5, 3, 6.0)}, {"block_size": 1})
    add("flash", "causal", "causal online softmax, block_size=2 over n=7: each block's mask is o + j <= i, and the "
        "blocks entirely after a query add nothing (alpha = 1, P = 0); d_model=4, d_k=4, d_v=3",
        lambda r: projection_tensors(r, 7, 4, 4, 3), {"block_size": 2, "causal": True})

    # KV-cached decoding -----------------------------------------------------------------------
    add("kv-cache", "prefill-one", "decoding token by token after a prefill of 1: n=5, d_model=3, d_k=2, d_v=3; equals causal (checked)",
        lambda r: projection_tensors(r, 5, 3, 2, 3))
    add("kv-cache", "prefill-three-rope", "a prefill of 3, then 3 decoding steps, RoPE half pairs at each position "
        "(d_k=4); n=6, d_model=4, d_v=2; equals causal with the same RoPE (checked)",
        lambda r: projection_tensors(r, 6, 4, 4, 2), {"prefill": 3, "rope": "half"})
    add("kv-cache", "whole-prompt", "prefill = n = 4: no decoding step, the prefill is causal attention; RoPE interleaved",
        lambda r: projection_tensors(r, 4, 3, 2, 2), {"prefill": 4, "rope": "interleaved"})

    # cross ---------------------------------------------------------------------------------
    def cross_tensors(m, n, d_model, d_k, d_v, with_o):
        def make(r):
            t = projection_tensors(r, m, d_model, d_k, d_v, with_o=with_o)
            t["memory"] = mat(r, n, d_model)
            return t
        return make

    def grouped_cross_tensors(m, n, d_model, heads, kv_heads):
        def make(r):
            t = grouped_tensors(m, d_model, heads, kv_heads)(r)
            t["memory"] = mat(r, n, d_model)
            return t
        return make
    add("cross", "grouped-query", "cross-attention with heads=2 sharing kv_heads=1: m=3, n=4, d_model=4 (d_k=2), W_K and W_V 4x2",
        grouped_cross_tensors(3, 4, 4, 2, 1), {"heads": 2, "kv_heads": 1})
    add("cross", "sinks", "cross-attention with heads=2 and sink logits, not causal: m=3, n=4, d_model=4 (d_k=2)",
        lambda r: cross_tensors(3, 4, 4, 4, 4, True)(r) | {"sinks": vec(r, 2, 2.0)}, {"heads": 2, "sinks": True})
    add("cross", "bias-heads", "cross-attention with heads=2 and biases: m=3, n=4, d_model=4",
        lambda r: cross_tensors(3, 4, 4, 4, 4, True)(r) | biases({"Q": 4, "K": 4, "V": 4, "O": 4})(r),
        {"heads": 2, "bias": True})

    add("cross", "single-head", "single-head cross-attention (no W_O): X m=3 decoder rows, memory n=4, d_model=3, d_k=2, d_v=4",
        cross_tensors(3, 4, 3, 2, 4, False))
    add("cross", "single-head-one-source", "single-head cross-attention with memory n=1, m=3, d_model=2, d_k=2, d_v=1",
        cross_tensors(3, 1, 2, 2, 1, False))
    add("cross", "two-heads", "cross-attention with heads=2: m=2, n=5, d_model=4 (d_k=2), W_O applies; weights 2x2x5",
        cross_tensors(2, 5, 4, 4, 4, True), {"heads": 2})
    add("cross", "two-heads-one-target", "cross-attention with heads=2: m=1, n=3, d_model=2 (d_k=1); weights 2x1x3",
        cross_tensors(1, 3, 2, 2, 2, True), {"heads": 2})

    # co-attention --------------------------------------------------------------------------
    def co_tensors(tq, nd, d, k):
        def make(r):
            return {"question": mat(r, tq, d), "document": mat(r, nd, d), "W_b": mat(r, d, d),
                    "W_q": mat(r, k, d), "W_d": mat(r, k, d), "w_q": vec(r, k), "w_d": vec(r, k)}
        return make

    add("co-attention", "basic", "parallel co-attention (Lu et al. 2016): T=3 question rows, N=4 document rows, d=3, k=2",
        co_tensors(3, 4, 3, 2))
    add("co-attention", "one-question-word", "parallel co-attention with T=1 (weights_question = [1]), N=5, d=2, k=3",
        co_tensors(1, 5, 2, 3))
    add("co-attention", "one-document-row", "parallel co-attention with N=1 (weights_document = [1]), T=4, d=4, k=4",
        co_tensors(4, 1, 4, 4))
    add("co-attention", "long", "parallel co-attention with T=6, N=7, d=5, k=1",
        co_tensors(6, 7, 5, 1))
    return out


def tokens_for(variant, tensors):
    if variant in ("self", "causal", "multi-head", "flash", "kv-cache"):
        n = len(tensors["X"])
        return SEQUENCE_WORDS[:n], SEQUENCE_WORDS[:n]
    if variant == "cross":
        return SOURCE_WORDS[:len(tensors["memory"])], TARGET_WORDS[:len(tensors["X"])]
    if variant == "co-attention":
        return DOCUMENT_WORDS[:len(tensors["document"])], QUESTION_WORDS[:len(tensors["question"])]
    return SOURCE_WORDS[:len(tensors["keys"])], TARGET_WORDS[:len(tensors["query"])]


# --------------------------------------------------------------------------------------------
# Sanity checks on the results (always run).
# --------------------------------------------------------------------------------------------

def check(variant, name, tensors, options, expected, empty_rows):
    label = f"{variant}/{name}"

    three_d = variant == "multi-head" or (variant == "cross" and "heads" in options)

    def rows_of(w):
        return [row for head in w for row in head] if three_d else w

    if variant == "kv-cache":
        full, _ = causal_variant(tensors, {k: v for k, v in options.items() if k != "prefill"})
        worst = max(abs(a - b) for ra, rb in zip(full["output"], expected["output"]) for a, b in zip(ra, rb))
        assert worst < 1e-13, (label, worst)
        return
    if variant == "flash":
        plain, _ = self_variant(tensors, {"causal": bool(options.get("causal", False))})
        worst = max(abs(a - b) for ra, rb in zip(plain["output"], expected["output"]) for a, b in zip(ra, rb))
        assert worst < 1e-13, (label, worst)
        for row, lse in zip(plain["scores"], expected["logsumexp"]):
            live = [x for x in row if x is not None]
            mx = max(live)
            assert abs(mx + math.log(math.fsum(math.exp(x - mx) for x in live)) - lse[0]) < 1e-13, label
        return
    if variant == "co-attention":
        for key in ("weights_question", "weights_document"):
            assert abs(math.fsum(expected[key]) - 1.0) < 1e-14, label
        return
    rows = rows_of(expected["weights"])
    for r, row in enumerate(rows):
        total = math.fsum(row)
        if options.get("sinks"):
            assert 0.0 < total < 1.0, label
        elif variant == "local-p":
            assert 0.0 < total <= 1.0 + 1e-15, label
        elif variant == "local-m" and r in empty_rows:
            assert all(x == 0.0 for x in row), label
            assert all(x == 0.0 for x in expected["context"][r]), label
        else:
            assert abs(total - 1.0) < 1e-14, (label, r, total)
    if variant == "local-p":
        for row in expected["window_softmax"]:
            assert abs(math.fsum(row) - 1.0) < 1e-14, label
    if variant == "causal" or bool(options.get("causal", False)):
        w_heads = expected["weights"] if three_d else [expected["weights"]]
        s_heads = expected["scores"] if three_d else [expected["scores"]]
        window = options.get("sliding_window")
        for w, s in zip(w_heads, s_heads):
            for i, row in enumerate(w):
                for j, x in enumerate(row):
                    allowed = allowed_position(i, j, True, window, options.get("sink_tokens"))
                    assert allowed == (s[i][j] is not None), label
                    if not allowed:
                        assert x == 0.0, label
    # masked scores <-> zero weights
    score_rows = rows_of(expected["scores"])
    for srow, wrow in zip(score_rows, rows):
        for s, w in zip(srow, wrow):
            if s is None:
                assert w == 0.0, label
    if name == "sliding-window-wider-than-sequence":
        plain, _ = COMPUTE[variant](tensors, {k: v for k, v in options.items() if k != "sliding_window"})
        assert plain == expected, label
    if name == "kv-heads-equal-heads":
        plain, _ = COMPUTE[variant](tensors, {k: v for k, v in options.items() if k != "kv_heads"})
        assert plain == expected, label
    if name == "causal-sliding-window-one":
        assert all(w == [1.0 if j == i else 0.0 for j in range(len(w))] for i, w in enumerate(expected["weights"])), label
    if variant == "local-m" and name == "wide-window-equals-global":
        g, _ = global_variant(tensors, {"score": "dot"})
        assert g["weights"] == expected["weights"] and g["context"] == expected["context"], label
    if variant == "local-m":
        d = options.get("window", 2)
        n = len(tensors["keys"])
        want_empty = [t for t in range(len(tensors["query"])) if t - d > n - 1]
        assert empty_rows == want_empty, label
    else:
        assert not empty_rows, label


# --------------------------------------------------------------------------------------------
# Output.
# --------------------------------------------------------------------------------------------

def clean(obj):
    """Python floats only (repr round-trips exactly), -0.0 written as 0.0, None kept as null."""
    if isinstance(obj, dict):
        return {k: clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [clean(v) for v in obj]
    if obj is None or isinstance(obj, (bool, str)):
        return obj
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    x = float(obj)
    assert math.isfinite(x)
    return x + 0.0


def generate():
    all_cases = cases()
    for variant in VARIANTS:
        directory = os.path.join(HERE, variant)
        os.makedirs(directory, exist_ok=True)
        for f in os.listdir(directory):
            if f.endswith(".json"):
                os.remove(os.path.join(directory, f))
    written = []
    for variant, name, description, tensors, options, _, _ in all_cases:
        expected, empty_rows = COMPUTE[variant](tensors, options)
        check(variant, name, tensors, options, expected, empty_rows)
        src, tgt = tokens_for(variant, tensors)
        fixture = {"description": description,
                   "spec": {"variant": variant, "tensors": tensors, "options": options,
                            "sourceTokens": src, "targetTokens": tgt},
                   "expected": expected}
        path = os.path.join(HERE, variant, name + ".json")
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(json.dumps(clean(fixture), sort_keys=True, indent=1, allow_nan=False))
            fh.write("\n")
        written.append(os.path.relpath(path, HERE))
    print(f"wrote {len(written)} fixtures under {os.path.relpath(HERE)}")
    for p in written:
        print("  " + p)
    return all_cases


# --------------------------------------------------------------------------------------------
# Optional cross-check with PyTorch (never affects the fixtures).
# --------------------------------------------------------------------------------------------

MODERN_OPTIONS = ("sliding_window", "alibi", "kv_heads", "rope", "sinks", "sink_tokens")
PEERS = os.path.join(HERE, "peers")


def check_torch():
    """Compares the dot-product fixtures with PyTorch, and writes PyTorch's outputs for the ones with
    a sliding window, ALiBi or key and value heads to peers/<variant>/<name>.json (torch computes them
    through F.scaled_dot_product_attention: a boolean mask for windows, a float mask for ALiBi,
    enable_gqa for grouped heads), so that the Swift tests compare with PyTorch without it."""
    try:
        import torch
    except ImportError:
        print("--check-torch: torch is not importable; skipped")
        return
    torch.set_default_dtype(torch.float64)
    F = torch.nn.functional

    def T(a):
        return torch.tensor(a, dtype=torch.float64)

    def maxdiff(a, b):
        return float((T(a) - b.detach()).abs().max())

    def sdpa_peer(variant, t, opts, causal):
        """Per-head scaled dot-product attention in torch, heads [1, H, m, d_k], then concat and W_O."""
        xq = T(t["X"])
        xkv = T(t["memory"]) if variant == "cross" else xq
        multi = variant == "multi-head" or (variant == "cross" and "heads" in opts)
        heads = opts.get("heads", 1) if multi else 1
        kv_heads = opts.get("kv_heads", heads)
        q, k, v = xq @ T(t["W_Q"]), xkv @ T(t["W_K"]), xkv @ T(t["W_V"])
        if opts.get("bias"):
            q, k, v = q + T(t["b_Q"]), k + T(t["b_K"]), v + T(t["b_V"])
        m, n, dk = q.shape[0], k.shape[0], q.shape[1] // heads
        q4 = q.view(m, heads, dk).transpose(0, 1)[None]
        k4 = k.view(n, kv_heads, dk).transpose(0, 1)[None]
        if "rope" in opts:
            q4, k4 = rope_peer(q4, opts), rope_peer(k4, opts)
        v4 = v.view(n, kv_heads, v.shape[1] // kv_heads).transpose(0, 1)[None]
        i = torch.arange(m)[:, None]
        j = torch.arange(n)[None, :]
        allowed = torch.ones(m, n, dtype=torch.bool)
        if causal:
            allowed &= j <= i
        if "sliding_window" in opts:
            allowed &= (j > i - opts["sliding_window"]) | (j < opts.get("sink_tokens", 0))
        if opts.get("alibi"):
            slopes = T(alibi_slopes(heads))[:, None, None]
            bias = -slopes * (i - j).to(torch.float64)
            mask = torch.where(allowed, bias, torch.tensor(float("-inf")))[None]
        else:
            mask = allowed
        if opts.get("sinks"):
            out = gpt_oss_sdpa(q4, k4, v4, T(t["sinks"]), mask, heads // kv_heads)
        else:
            out = F.scaled_dot_product_attention(q4, k4, v4, attn_mask=mask, enable_gqa=kv_heads != heads)
        z = out[0].transpose(0, 1).reshape(m, -1)
        output = (z @ T(t["W_O"]) + (T(t["b_O"]) if opts.get("bias") else 0)) if multi else z
        kr = k4.repeat_interleave(heads // kv_heads, dim=1)
        s = q4 @ kr.transpose(-1, -2) / math.sqrt(dk)
        s = s + mask if mask.dtype == torch.float64 else s.masked_fill(~mask, float("-inf"))
        if opts.get("sinks"):
            sink = T(t["sinks"]).reshape(1, heads, 1, 1).expand(1, heads, m, 1)
            w = torch.softmax(torch.cat([s, sink], dim=-1), dim=-1)[0, ..., :-1]
        else:
            w = torch.softmax(s, dim=-1)[0]
        return output, (w if multi else w[0])

    def gpt_oss_sdpa(q4, k4, v4, sinks, allowed, q_mult):
        """gpt-oss's reference attention (gpt_oss/torch/model.py, sdpa): the per-head sink logit is
        concatenated to the masked, scaled scores, the softmax runs over both, and its column is dropped."""
        _, heads, m, dk = q4.shape
        n = k4.shape[2]
        # gpt-oss lays Q out as tokens x kv_heads x q_mult x d_head and K, V as tokens x kv_heads x d_head.
        Q = q4[0].transpose(0, 1).reshape(m, heads // q_mult, q_mult, dk)
        K = k4[0].transpose(0, 1)[:, :, None, :].expand(-1, -1, q_mult, -1)
        V = v4[0].transpose(0, 1)[:, :, None, :].expand(-1, -1, q_mult, -1)
        S = sinks.reshape(heads // q_mult, q_mult, 1, 1).expand(-1, -1, m, -1)
        mask = torch.zeros(m, n, dtype=torch.float64).masked_fill(~allowed, float("-inf"))
        QK = torch.einsum("qhmd,khmd->hmqk", Q, K)
        QK *= 1.0 / math.sqrt(dk)
        QK += mask[None, None, :, :]
        QK = torch.cat([QK, S], dim=-1)
        W = torch.softmax(QK, dim=-1)[..., :-1]
        attn = torch.einsum("hmqk,khmd->qhmd", W, V)            # m x kv_heads x q_mult x d_head
        return attn.reshape(m, heads, dk).transpose(0, 1)[None]

    def rope_tables(opts, positions, r):
        """HF's RotaryEmbedding: inv_freq = 1 / base**(arange(0, r, 2) / r), freqs = positions x inv_freq."""
        base = float(opts.get("rope_base", 10000.0))
        inv_freq = 1.0 / (base ** (torch.arange(0, r, 2, dtype=torch.float64) / r))
        freqs = torch.arange(positions, dtype=torch.float64)[:, None] * inv_freq[None, :]
        return freqs.cos(), freqs.sin()

    def rotate_half(x):
        """Hugging Face Llama / GPT-NeoX (modeling_llama.py)."""
        x1, x2 = x[..., : x.shape[-1] // 2], x[..., x.shape[-1] // 2:]
        return torch.cat((-x2, x1), dim=-1)

    def rotate_every_two(x):
        """Hugging Face GPT-J (modeling_gptj.py)."""
        x1, x2 = x[..., ::2], x[..., 1::2]
        return torch.stack((-x2, x1), dim=-1).flatten(-2)

    def rope_published(x, opts):
        """RoPE as the Hugging Face models write it: rotate the first r dims, pass the rest (NeoX rotary_ndims)."""
        r = opts.get("rope_dims", x.shape[-1])
        cos, sin = rope_tables(opts, x.shape[-2], r)
        rot, rest = x[..., :r], x[..., r:]
        if opts["rope"] == "half":
            cos, sin = torch.cat((cos, cos), -1), torch.cat((sin, sin), -1)
            rot = rot * cos + rotate_half(rot) * sin
        else:
            cos, sin = cos.repeat_interleave(2, -1), sin.repeat_interleave(2, -1)
            rot = rot * cos + rotate_every_two(rot) * sin
        return torch.cat((rot, rest), -1)

    def rope_peer(x, opts):
        """ONNX's reference RotaryEmbedding (onnx.reference, interleaved = 0 or 1) when onnx is importable,
        else the Hugging Face form; the two are compared below."""
        published = rope_published(x, opts)
        try:
            from onnx.reference.ops.op_rotary_embedding import rotary_embedding
        except ImportError:
            return published
        r = opts.get("rope_dims", x.shape[-1])
        cos, sin = rope_tables(opts, x.shape[-2], r)
        # ONNX takes [batch, heads, seq, head_size] with caches [seq, r/2] indexed by position_ids.
        positions = np.arange(x.shape[-2])[None, :]
        onnx_out = torch.from_numpy(rotary_embedding(x.numpy(), cos.numpy(), sin.numpy(), positions,
                                                     interleaved=int(opts["rope"] == "interleaved"),
                                                     rotary_embedding_dim=r))
        rope_differences.append(float((onnx_out - published).abs().max()))
        return onnx_out

    rope_differences = []
    print(f"--check-torch with torch {torch.__version__}: max abs difference (weights, output)")
    worst = 0.0
    if os.path.isdir(PEERS):
        for root, _, files in os.walk(PEERS):
            for f in files:
                if f.endswith(".json"):
                    os.remove(os.path.join(root, f))
    for variant in ("self", "causal", "multi-head", "cross", "flash", "kv-cache"):
        directory = os.path.join(HERE, variant)
        for f in sorted(os.listdir(directory)):
            if not f.endswith(".json"):
                continue
            with open(os.path.join(directory, f), encoding="utf-8") as fh:
                fx = json.load(fh)
            t, opts, exp = fx["spec"]["tensors"], fx["spec"]["options"], fx["expected"]
            causal = variant in ("causal", "kv-cache") or bool(opts.get("causal", False))
            xq = T(t["X"])
            xkv = T(t["memory"]) if variant == "cross" else xq
            m, n = xq.shape[0], xkv.shape[0]
            mask = torch.triu(torch.ones(m, n, dtype=torch.bool), diagonal=1) if causal else None
            if variant == "flash":
                q, k, v = xq @ T(t["W_Q"]), xq @ T(t["W_K"]), xq @ T(t["W_V"])
                out = F.scaled_dot_product_attention(q[None], k[None], v[None], is_causal=causal)[0]
                s_full = q @ k.T / math.sqrt(q.shape[1])
                if causal:
                    s_full = s_full.masked_fill(mask, float("-inf"))
                lse = torch.logsumexp(s_full, dim=-1, keepdim=True)
                dw, do = maxdiff(exp["logsumexp"], lse), maxdiff(exp["output"], out)
                peer = {"description": f"PyTorch {torch.__version__} F.scaled_dot_product_attention in float64 on "
                                       f"flash/{f[:-5]}: the ordinary attention the online softmax must equal",
                        "fixture": f"flash/{f[:-5]}", "output": out.tolist()}
                os.makedirs(os.path.join(PEERS, variant), exist_ok=True)
                with open(os.path.join(PEERS, variant, f), "w", encoding="utf-8", newline="\n") as fh:
                    fh.write(json.dumps(clean(peer), sort_keys=True, indent=1, allow_nan=False))
                    fh.write("\n")
            elif variant == "kv-cache":
                out, w = sdpa_peer("causal", t, {k: v for k, v in opts.items() if k != "prefill"}, True)
                dw, do = 0.0, maxdiff(exp["output"], out)
                peer = {"description": f"PyTorch {torch.__version__} F.scaled_dot_product_attention in float64 on "
                                       f"kv-cache/{f[:-5]}: the full causal attention (RoPE by ONNX's reference) that "
                                       "decoding with a cache must equal",
                        "fixture": f"kv-cache/{f[:-5]}", "output": out.tolist()}
                os.makedirs(os.path.join(PEERS, variant), exist_ok=True)
                with open(os.path.join(PEERS, variant, f), "w", encoding="utf-8", newline="\n") as fh:
                    fh.write(json.dumps(clean(peer), sort_keys=True, indent=1, allow_nan=False))
                    fh.write("\n")
            elif any(option in opts for option in MODERN_OPTIONS):
                out, w = sdpa_peer(variant, t, opts, causal)
                dw, do = maxdiff(exp["weights"], w), maxdiff(exp["output"], out)
                peer = {"description": f"PyTorch {torch.__version__} F.scaled_dot_product_attention in float64 on "
                                       f"{variant}/{f[:-5]}: a boolean attn_mask for the causal mask and sliding window, "
                                       "a float attn_mask of -m_h (i - j) for ALiBi, enable_gqa for kv_heads; "
                                       "queries and keys rotated by ONNX's reference RotaryEmbedding for rope; "
                                       "gpt-oss's reference sdpa (sink logits) for sinks",
                        "fixture": f"{variant}/{f[:-5]}", "output": out.tolist()}
                os.makedirs(os.path.join(PEERS, variant), exist_ok=True)
                with open(os.path.join(PEERS, variant, f), "w", encoding="utf-8", newline="\n") as fh:
                    fh.write(json.dumps(clean(peer), sort_keys=True, indent=1, allow_nan=False))
                    fh.write("\n")
            elif variant == "multi-head" or (variant == "cross" and "heads" in opts):
                d_model = xq.shape[1]
                heads = opts.get("heads", 1)
                biased = bool(opts.get("bias"))
                mha = torch.nn.MultiheadAttention(d_model, heads, bias=biased, batch_first=True,
                                                  dtype=torch.float64)
                with torch.no_grad():
                    mha.in_proj_weight.copy_(torch.cat([T(t["W_Q"]).T, T(t["W_K"]).T, T(t["W_V"]).T]))
                    mha.out_proj.weight.copy_(T(t["W_O"]).T)
                    if biased:
                        mha.in_proj_bias.copy_(torch.cat([T(t["b_Q"]), T(t["b_K"]), T(t["b_V"])]))
                        mha.out_proj.bias.copy_(T(t["b_O"]))
                out, w = mha(xq[None], xkv[None], xkv[None], attn_mask=mask, need_weights=True,
                             average_attn_weights=False)
                dw, do = maxdiff(exp["weights"], w[0]), maxdiff(exp["output"], out[0])
            else:
                q, k, v = xq @ T(t["W_Q"]), xkv @ T(t["W_K"]), xkv @ T(t["W_V"])
                if opts.get("bias"):
                    q, k, v = q + T(t["b_Q"]), k + T(t["b_K"]), v + T(t["b_V"])
                out = F.scaled_dot_product_attention(q[None], k[None], v[None],
                                                     attn_mask=None if mask is None else ~mask)
                s = q @ k.T / math.sqrt(q.shape[1])
                if mask is not None:
                    s = s.masked_fill(mask, float("-inf"))
                w = torch.softmax(s, dim=-1)
                dw, do = maxdiff(exp["weights"], w), maxdiff(exp["output"], out[0])
            worst = max(worst, dw, do)
            print(f"  {variant}/{f}: weights {dw:.3e}  output {do:.3e}")
    print(f"  worst: {worst:.3e}")
    if rope_differences:
        print(f"  RoPE: ONNX reference vs Hugging Face rotate_half / rotate_every_two: {max(rope_differences):.3e}")


def check_keras():
    """Runs Keras 3's AdditiveAttention (any backend, e.g. KERAS_BACKEND=torch) on the Keras fixture."""
    os.environ.setdefault("KERAS_BACKEND", "torch")
    try:
        import keras
    except ImportError:
        print("--check-keras: keras is not importable; skipped")
        return
    with open(os.path.join(HERE, "additive", "keras-additive-attention.json"), encoding="utf-8") as fh:
        fx = json.load(fh)
    t, exp = fx["spec"]["tensors"], fx["expected"]
    query, key, value = (np.array([t[name]], dtype=np.float64) for name in ("query", "keys", "values"))
    layer = keras.layers.AdditiveAttention(use_scale=True, dtype="float64")
    layer.build([query.shape, value.shape, key.shape])
    layer.scale.assign(np.array(t["v_a"], dtype=np.float64))
    context, weights = layer([query, value, key], return_attention_scores=True)
    weights = keras.ops.convert_to_numpy(weights)[0]
    context = keras.ops.convert_to_numpy(context)[0]
    dw = float(np.abs(weights - np.array(exp["weights"])).max())
    dc = float(np.abs(context - np.array(exp["context"])).max())
    # Keras returns the context in float32 on the torch backend even for a float64 layer, so
    # also compare its float64 weights times the values.
    dc64 = float(np.abs(weights @ value[0] - np.array(exp["context"])).max())
    print(f"--check-keras with keras {keras.__version__} ({keras.backend.backend()}): "
          f"additive/keras-additive-attention: weights {dw:.3e}  context {dc:.3e} (as {context.dtype}), "
          f"weights @ values {dc64:.3e}")


if __name__ == "__main__":
    generate()
    if "--check-torch" in sys.argv[1:]:
        check_torch()
    if "--check-keras" in sys.argv[1:]:
        check_keras()
