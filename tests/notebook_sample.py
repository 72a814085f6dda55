"""A real notebook structure for the notebook tests (core, cli, ui): markdown cells, IPython
magics, a shell line, several code cells with prints and a backward, outputs and
execution counts as Jupyter saves them. Built with nbformat, as Jupyter writes it."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

#: ``(cell_type, source)`` of every cell, as a learner's notebook has them.
CELLS = [
    ("markdown", "# Gradients in a notebook\nWe build `out = mean(3(x+2)²)` step by step."),
    (
        "code",
        "%matplotlib inline\nimport torch\n!pip install torch\n"
        "x = torch.ones(2, 2, requires_grad=True)\nprint(x)",
    ),
    ("code", "%%time\ny = x + 2\nz = y * y * 3\nprint(z)"),
    ("markdown", "Backward: ∂out/∂x = 3(x+2)/2 = 4.5 at x = 1."),
    ("code", "out = z.mean()\nout.backward()\nprint(x.grad)"),
    ("code", "%timeit x * 2\nprint(out.item(), x.grad.sum().item())"),
]

#: ``(cell, line, text)`` of the IPython-only lines in :data:`CELLS` (1-based).
DROPPED = {
    (2, 1, "%matplotlib inline"),
    (2, 3, "!pip install torch"),
    (3, 1, "%%time"),
    (6, 1, "%timeit x * 2"),
}


def build_notebook() -> str:
    """The notebook's ``.ipynb`` text, with outputs and execution counts."""
    cells = []
    count = 0
    for kind, source in CELLS:
        if kind == "markdown":
            cells.append(new_markdown_cell(source))
            continue
        count += 1
        output = new_output("stream", name="stdout", text="(an old output)\n")
        cells.append(new_code_cell(source, execution_count=count, outputs=[output]))
    notebook = new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python", "version": "3.11.7"},
        },
    )
    nbformat.validate(notebook)
    return nbformat.writes(notebook)


def kept_cells() -> list[tuple[str, str]]:
    """:data:`CELLS` without the :data:`DROPPED` lines (what the script must keep)."""
    gone = {(cell, line) for cell, line, _text in DROPPED}
    kept = []
    for number, (kind, source) in enumerate(CELLS, start=1):
        lines = source.split("\n")
        kept.append(
            (kind, "\n".join(t for i, t in enumerate(lines, start=1) if (number, i) not in gone))
        )
    return kept


def code_cells_source() -> str:
    """The kept code cells, concatenated: what ``python`` runs for the notebook."""
    return "\n".join(source for kind, source in kept_cells() if kind == "code") + "\n"
