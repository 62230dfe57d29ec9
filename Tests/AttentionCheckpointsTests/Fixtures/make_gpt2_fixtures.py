"""GPT-2 reference fixtures for AttentionCheckpointsTests, made with PyTorch and Hugging Face transformers.

Run in a venv outside the repository (torch, safetensors, transformers; offline, no download):

    HF_HUB_OFFLINE=1 python make_gpt2_fixtures.py

It writes, next to this script:

- `tiny-gpt2/`: a small byte-level BPE vocabulary (`vocab.json`: the 256 byte symbols, the pieces of
  the merges (at most 160) learnt from `CORPUS`, and `<|endoftext|>`; `merges.txt`) and a random 2-layer, 2-head,
  width-8 GPT2Model (`config.json`, F32 `model.safetensors`, random LayerNorms);
- `tiny-gpt2-reference.json`: every hidden state and attention probability `transformers` computes for a
  few sentences in float64 (`attn_implementation="eager"`; the last hidden state is after `ln_f`), and
  each block's attention input `ln_1(h)` and projected attention output (`attn.c_proj`, before the residual);
- `gpt2-tokenizer-reference.json`: the ids `GPT2Tokenizer(vocab, merges)` gives `SENTENCES`.
"""
import collections
import json
import os

import regex
import torch
from safetensors.torch import save_file
from transformers import GPT2Config, GPT2Model, GPT2Tokenizer

HERE = os.path.dirname(os.path.abspath(__file__))
PATTERN = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")
CORPUS = """The cat sat on the mat. The dog sat on the log. A cat and a dog ran over the hill.
The cat's hat isn't red; the dog's is. They're here, we've seen it, I'm sure you'll say they'd run.
In 1984 there were 366 days and 100 cats. Running, jumping, singing: the cats were running.
Attention is all you need. The attention of the model attends to the tokens."""
MERGES = 160

SENTENCES = [
    "The cat sat on the mat.",
    "the cat sat on the mat",
    "A dog ran over the hill!",
    "The cat's hat isn't red; the dog's is.",
    "They're here, we've seen it, I'm sure you'll say they'd run.",
    "DON'T SHOUT, it's 'quoted' text",
    "In 1984 there were 366 days and 100 cats.",
    "3.14159 and 2,000,000 and 0x1F",
    "Running, jumping, singing: the cats were running.",
    "Attention is all you need.",
    "Café crème brûlée, naïve façade, résumé.",
    "Zürich, Köln, München, Genève",
    "Emoji 😀 and 👍🏽 and 🇫🇷 flags",
    "Symbols ™ © ® ± × ÷ and € £ ¥",
    "中文字符测试 and 日本語のテキスト",
    "Ελληνικά and Русский текст",
    "Tabs\tand\nnewlines\r\nand  multiple   spaces",
    "   leading and trailing spaces   ",
    "trailing newline\n",
    "Non\u00a0breaking\u2003spaces\u3000here",
    "Vertical\x0btab and next\x85line",
    "Unit\x1fseparator\x1cfile and form\x0cfeed",
    "e-mail: someone@example.com, https://example.org/path?q=1&r=2",
    "snake_case and camelCase and kebab-case",
    "C++ and C# and F# programmers!!!",
    "...leading dots and ellipsis…",
    "Combining e\u0301 and precomposed é",
    "«Guillemets» and „German quotes“ ¿Qué? ¡Nada!",
    "x" * 40,
    "a",
    "",
    " ",
    "Numbers like 3rd, 21st, 100th and 1990s",
]
MODEL_SENTENCES = ["The cat sat on the mat.", "They're here, we've seen 366 cats!", "Café 😀", "a"]


def bytes_to_unicode():
    """GPT-2's table: printable bytes stand for themselves, the others for code points from 256 on."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    table, extra = {}, 0
    for byte in range(256):
        if byte in printable:
            table[byte] = chr(byte)
        else:
            table[byte] = chr(256 + extra)
            extra += 1
    return table


def learn_bpe():
    """The symbols and merges of a greedy byte-level BPE on CORPUS (most frequent pair first, ties by the pair)."""
    table = bytes_to_unicode()
    counts = collections.Counter("".join(table[b] for b in word.encode("utf-8")) for word in PATTERN.findall(CORPUS))
    words = {word: list(word) for word in counts}
    merges = []
    for _ in range(MERGES):
        pairs = collections.Counter()
        for word, symbols in words.items():
            for pair in zip(symbols, symbols[1:]):
                pairs[pair] += counts[word]
        if not pairs:
            break
        best = min(pairs, key=lambda pair: (-pairs[pair], pair))
        merges.append(best)
        for word, symbols in words.items():
            merged, i = [], 0
            while i < len(symbols):
                if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == best:
                    merged.append(symbols[i] + symbols[i + 1])
                    i += 2
                else:
                    merged.append(symbols[i])
                    i += 1
            words[word] = merged
    vocabulary = [table[b] for b in range(256)] + [a + b for a, b in merges] + ["<|endoftext|>"]
    return {piece: index for index, piece in enumerate(vocabulary)}, merges


def write_tokenizer(folder, vocab, merges):
    with open(os.path.join(folder, "vocab.json"), "w") as out:
        json.dump(vocab, out, ensure_ascii=False)
        out.write("\n")
    with open(os.path.join(folder, "merges.txt"), "w") as out:
        out.write("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges))


def reference(model, tokenizer, sentences):
    """transformers' float64 outputs, and from hooks each block's attention input ln_1(h) and attn.c_proj output."""
    model = model.double().eval()
    captured = {}
    for index, block in enumerate(model.h):
        block.ln_1.register_forward_hook(lambda _, __, out, i=index: captured.__setitem__(("input", i), out[0].tolist()))
        block.attn.c_proj.register_forward_hook(
            lambda _, __, out, i=index: captured.__setitem__(("output", i), out[0].tolist()))
    cases = []
    with torch.no_grad():
        for sentence in sentences:
            ids = tokenizer(sentence)["input_ids"]
            out = model(torch.tensor([ids]), output_hidden_states=True, output_attentions=True)
            layers = range(len(model.h))
            cases.append({"sentence": sentence, "ids": ids,
                          "hiddenStates": [h[0].tolist() for h in out.hidden_states],
                          "attentions": [a[0].tolist() for a in out.attentions],
                          "attentionInputs": [captured[("input", i)] for i in layers],
                          "attentionOutputs": [captured[("output", i)] for i in layers]})
    return cases


def tiny_model(folder, vocab):
    torch.manual_seed(2)
    config = GPT2Config(vocab_size=len(vocab), n_embd=8, n_layer=2, n_head=2, n_positions=32, layer_norm_epsilon=1e-5,
                        activation_function="gelu_new", bos_token_id=vocab["<|endoftext|>"],
                        eos_token_id=vocab["<|endoftext|>"], attn_implementation="eager")
    model = GPT2Model(config).eval()
    with torch.no_grad():  # GPT-2 starts at std 0.02 and LayerNorms at γ = 1, β = 0: make every parameter matter.
        for name, parameter in model.named_parameters():
            if ".ln_" in name or name.startswith("ln_"):
                parameter.copy_(torch.randn_like(parameter) * 0.5 + (1.0 if name.endswith("weight") else 0.0))
            else:
                parameter.copy_(torch.randn_like(parameter) * 0.5)
    tensors = {name: tensor.detach().float().contiguous() for name, tensor in model.state_dict().items()
               if not name.endswith((".attn.bias", ".attn.masked_bias"))}
    save_file(tensors, os.path.join(folder, "model.safetensors"))
    keys = ["activation_function", "architectures", "attn_pdrop", "bos_token_id", "embd_pdrop", "eos_token_id",
            "initializer_range", "layer_norm_epsilon", "model_type", "n_ctx", "n_embd", "n_head", "n_inner", "n_layer",
            "n_positions", "resid_pdrop", "summary_activation", "summary_first_dropout", "summary_proj_to_labels",
            "summary_type", "summary_use_proj", "vocab_size"]
    settings = config.to_dict()
    settings["architectures"] = ["GPT2Model"]
    settings["n_ctx"] = 32
    with open(os.path.join(folder, "config.json"), "w") as out:
        json.dump({key: settings[key] for key in keys}, out, indent=2, sort_keys=True)
        out.write("\n")


if __name__ == "__main__":
    folder = os.path.join(HERE, "tiny-gpt2")
    os.makedirs(folder, exist_ok=True)
    vocab, merges = learn_bpe()
    write_tokenizer(folder, vocab, merges)
    tiny_model(folder, vocab)
    tokenizer = GPT2Tokenizer(vocab=dict(vocab), merges=list(merges))
    with open(os.path.join(HERE, "gpt2-tokenizer-reference.json"), "w") as out:
        json.dump({"sentences": SENTENCES, "ids": [tokenizer(s)["input_ids"] for s in SENTENCES]}, out,
                  ensure_ascii=False, indent=1)
        out.write("\n")
    # The model the fixtures are computed from is the saved one, read back from its F32 weights.
    saved = GPT2Model.from_pretrained(folder, attn_implementation="eager")
    with open(os.path.join(HERE, "tiny-gpt2-reference.json"), "w") as out:
        json.dump(reference(saved, tokenizer, MODEL_SENTENCES), out)
        out.write("\n")
