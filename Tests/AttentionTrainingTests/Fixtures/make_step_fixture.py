"""Writes step-initial.safetensors (random parameters of a tiny model, in the checkpoint format)
and step-adam.safetensors (the same after one Adam step on TinyCorpus.training as one batch, its
loss and learning rate in __metadata__), computed by Sources/AttentionBench/rnnsearch_reference.py.
Run offline: `python make_step_fixture.py` in a venv with numpy, autograd and safetensors."""
import os
import sys

import numpy
from safetensors.numpy import save_file

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "Sources", "AttentionBench"))
import rnnsearch_reference as reference  # noqa: E402

# TinyCorpus.training, in order.
PAIRS = [
    ("the black cat", "le chat noir"), ("the white cat", "le chat blanc"), ("the black dog", "le chien noir"),
    ("the dog", "le chien"), ("the cat sleeps", "le chat dort"),
]
CONFIGURATION = {"embeddingSize": 6, "encoderSize": 5, "decoderSize": 8, "attentionSize": 4, "readoutSize": 8}
LEARNING_RATE = 0.01

source_vocabulary = sorted({w for s, _ in PAIRS for w in s.split()} | {"white", "dog"})
target_vocabulary = ["⟨s⟩", "⟨/s⟩"] + sorted({w for _, t in PAIRS for w in t.split()} | {"blanc"})
e, d, s, a, o = (CONFIGURATION[k] for k in ("embeddingSize", "encoderSize", "decoderSize", "attentionSize", "readoutSize"))
h = 2 * d
shapes = {"encoder.embedding": (len(source_vocabulary), e), "decoder.W_s": (d, s),
          "decoder.embedding": (len(target_vocabulary), e), "W_a": (a, s + h), "v_a": (a,),
          "readout.W_o": (s + h + e, o), "readout.b_o": (o,), "readout.W_y": (o, len(target_vocabulary)),
          "readout.b_y": (len(target_vocabulary),)}
for prefix, inputs, width in (("encoder.forward", e, d), ("encoder.backward", e, d), ("decoder", e + h, s)):
    for gate in "zrh":
        shapes[f"{prefix}.W_{gate}"] = (inputs, width)
        shapes[f"{prefix}.U_{gate}"] = (width, width)

random = numpy.random.RandomState(12)
parameters = {name: random.uniform(-0.8, 0.8, size=shape) for name, shape in sorted(shapes.items())}
pairs = [([source_vocabulary.index(w) for w in s.split()], [target_vocabulary.index(w) for w in t.split()]) for s, t in PAIRS]

loss = reference.mean_loss(parameters, pairs, 0, 1)
updated = reference.adam_step(parameters, reference.gradient(parameters, pairs, 0, 1), LEARNING_RATE)
meta = reference.metadata(CONFIGURATION, source_vocabulary, target_vocabulary)
here = os.path.dirname(os.path.abspath(__file__))
save_file(parameters, os.path.join(here, "step-initial.safetensors"), metadata=meta)
save_file({k: numpy.asarray(v) for k, v in updated.items()}, os.path.join(here, "step-adam.safetensors"),
          metadata={**meta, "loss": repr(float(loss)), "learning_rate": repr(LEARNING_RATE)})
print("loss", loss)
