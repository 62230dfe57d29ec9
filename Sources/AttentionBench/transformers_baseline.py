"""What a user of `transformers` runs instead of `attention-trace trace --model DIR`: load a BERT-family
model and its tokenizer from the folder, offline, and compute every layer's attention on one sentence.

Usage: python transformers_baseline.py MODEL_DIR "sentence"

Prints the seconds spent inside Python on loading and the forward pass (`output_attentions=True`,
eager attention, float32 as the checkpoint stores it); attention-bench times the whole process too.
"""
import os
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
start = time.perf_counter()
import torch  # noqa: E402
from transformers import AutoModel, AutoTokenizer  # noqa: E402

folder, sentence = sys.argv[1], sys.argv[2]
tokenizer = AutoTokenizer.from_pretrained(folder)
model = AutoModel.from_pretrained(folder, attn_implementation="eager").eval()
with torch.no_grad():
    attentions = model(**tokenizer(sentence, return_tensors="pt"), output_attentions=True).attentions
assert len(attentions) == model.config.num_hidden_layers
print(time.perf_counter() - start)
