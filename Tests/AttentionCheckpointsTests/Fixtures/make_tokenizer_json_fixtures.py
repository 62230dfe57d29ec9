"""`tokenizer.json` fixtures for AttentionCheckpointsTests, made with `transformers`' fast tokenizers.

Run in a venv outside the repository (transformers, tokenizers; offline):

    HF_HUB_OFFLINE=1 python make_tokenizer_json_fixtures.py

Hugging Face folders may carry their tokenizer only as `tokenizer.json` (the `tokenizers` library's
file). This writes, next to this script, the `tokenizer.json` that `BertTokenizerFast` makes from
`tiny-bert/vocab.txt` (`tiny-bert-tokenizer.json`; lower-casing, accents stripped) and a cased one
that keeps accents (`tiny-bert-cased-tokenizer.json`), the one `GPT2TokenizerFast` makes from
`tiny-gpt2/vocab.json` and `merges.txt` (`tiny-gpt2-tokenizer.json`), and
`tokenizer-json-reference.json`: the ids each of those fast tokenizers gives the sentences of
`gpt2-tokenizer-reference.json`.
"""
import json
import os

from transformers import BertTokenizerFast, GPT2TokenizerFast

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    with open(os.path.join(HERE, "gpt2-tokenizer-reference.json"), encoding="utf-8") as file:
        sentences = json.load(file)["sentences"]
    tokenizers = {
        "tiny-bert-tokenizer.json": BertTokenizerFast(os.path.join(HERE, "tiny-bert", "vocab.txt")),
        "tiny-bert-cased-tokenizer.json": BertTokenizerFast(os.path.join(HERE, "tiny-bert", "vocab.txt"),
                                                            do_lower_case=False, strip_accents=False),
        "tiny-gpt2-tokenizer.json": GPT2TokenizerFast(os.path.join(HERE, "tiny-gpt2", "vocab.json"),
                                                      os.path.join(HERE, "tiny-gpt2", "merges.txt")),
    }
    ids = {}
    for name, tokenizer in tokenizers.items():
        tokenizer.backend_tokenizer.save(os.path.join(HERE, name))
        ids[name] = [tokenizer(sentence)["input_ids"] for sentence in sentences]
    with open(os.path.join(HERE, "tokenizer-json-reference.json"), "w", encoding="utf-8") as out:
        json.dump({"sentences": sentences, "ids": ids}, out, ensure_ascii=False)
        out.write("\n")


if __name__ == "__main__":
    main()
