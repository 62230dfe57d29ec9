"""Text the environment-gated tokenizer checks share: lines of this repository's documentation."""
import glob
import os

REPOSITORY = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))


def documentation_lines(count=400):
    """The first `count` distinct non-empty lines of README.md and Docs/**/*.md, stripped, in path order."""
    paths = sorted([os.path.join(REPOSITORY, "README.md")]
                   + glob.glob(os.path.join(REPOSITORY, "Docs", "**", "*.md"), recursive=True))
    lines = []
    for path in paths:
        with open(path, encoding="utf-8") as file:
            lines += [line.strip() for line in file if line.strip()]
    return list(dict.fromkeys(lines))[:count]
