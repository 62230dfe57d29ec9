"""Writes reference.safetensors with Python's `safetensors` package (run offline in a venv:
`pip install safetensors numpy`). The Swift tests read it and compare every value."""
import numpy as np
from safetensors.numpy import save_file

tensors = {
    "weight": np.array([[1.5, -2.25, 3.0], [0.1, 1e-8, -7.5]], dtype=np.float32),
    "bias": np.array([0.125, -0.5], dtype=np.float64),
    "half": np.array([1.0, -0.5, 65504.0, 6.103515625e-05], dtype=np.float16),
    "scalar": np.array(2.5, dtype=np.float64),
}
save_file(tensors, "reference.safetensors", metadata={"vocabulary": "[\"⟨s⟩\",\"l'\"]", "note": "tiny"})

# One dtype only, as SafeTensorsWriter writes: the Swift writer must produce these exact bytes.
save_file({
    "b": np.array([0.5, -1.0], dtype=np.float32),
    "a.W": np.array([[1.0, 2.0], [3.0, 4.25]], dtype=np.float32),
}, "writer-reference.safetensors", metadata={"sizes": "{\"d\":2}"})
