"""The "Why is this gradient None?" sentences rebuilt in the window from their key: the
English is the kernel's sentence for every reason, the Chinese keeps names and lines."""

from __future__ import annotations

import re
import warnings

import pytest
import torch

from playground.core.result import NODE_LINE_KEY
from playground.kernel.why_none import REASONS, TEMPLATES, why_grad_none
from playground.protocol.views import WireError, why_none_from_wire
from playground.ui import i18n, why_none_text

CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
HEAD = (
    "import torch\nx = torch.ones(2, requires_grad=True)\nb = torch.ones(2, requires_grad=True)\n"
)


def _scope(source: str) -> dict:
    scope: dict = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(compile(source, "script.py", "exec"), scope)
    return scope


def _case(source: str, name: str, root: str | None, **kw):
    scope = _scope(source)
    roots = [scope[root]] if root else []
    return why_grad_none(name, scope[name], roots, namespace=scope, source=source, **kw)


def _answers() -> list:
    """One real answer per sentence key the kernel has (built in real PyTorch)."""
    found = [
        _case(HEAD + "y = x * 2\nz = (y * b).sum()\nz.backward()\n", "y", "z"),
        _case(HEAD + "z = (x * b).sum()\nz.backward()\n", "x", "z"),
        _case(HEAD + "z = (torch.relu(x * 0 - 1) * b).sum()\nz.backward()\n", "x", "z"),
        _case(HEAD + "z = (x * b).sum()\n", "x", None),
        _case(HEAD + "with torch.no_grad():\n    q = b * 2\n", "q", None),
        _case(HEAD + "q = b.detach()\n", "q", None),
        _case(HEAD + "q = b.data\n", "q", None),
        _case("import torch\nq = torch.ones(2)\n", "q", None),
        _case(
            HEAD + "with torch.no_grad():\n    q = x * 2\nz = (q * b).sum()\nz.backward()\n",
            "x",
            "z",
        ),
        _case(HEAD + "q = x.detach()\nz = (q * b).sum()\nz.backward()\n", "x", "z"),
        _case(HEAD + "z = (x.data * b).sum()\nz.backward()\n", "x", "z"),
        _case(HEAD + "z = (b * 2).sum()\nz.backward()\n", "x", "z"),
        _case(HEAD + "z = (b * 2).sum()\n", "x", "z", allow_unused=True),
        _case(HEAD + "z = (x * b).sum()\n", "x", "z", allow_unused=True),
        _case(HEAD + "z = (x * b).sum()\nz.backward()\nx.grad.zero_()\n", "x", "z", zeroed_at=6),
        _case(HEAD + "z = (x * b).sum()\nz.backward()\nx.grad = None\n", "x", "z", zeroed_at=6),
        _case(HEAD + "z = (x * b).sum()\nz.backward()\nx.grad = None\n", "x", "z"),
    ]
    scope = _scope(HEAD + "q = x.detach()\nz = (q * b).sum()\nz.backward()\n")
    found.append(why_grad_none("x", scope["x"], [scope["z"]], namespace=scope))  # a twin
    x = torch.ones(2, requires_grad=True)
    y = x * 2
    y.grad_fn.metadata[NODE_LINE_KEY] = 7
    found.append(why_grad_none("y", y, [y.sum()], namespace={"x": x, "y": y}))
    return found


def _wire(why) -> dict:
    return {
        "op": "why_none",
        "reason": why.reason,
        "sentence": why.sentence,
        "line": why.line,
        "node_ids": [],
        "key": why.key,
        "args": why.args,
    }


def test_the_window_table_is_the_kernels():
    assert why_none_text.SOURCES == TEMPLATES


def test_english_rebuilt_in_the_window_is_the_kernels_sentence_for_every_reason():
    answers = _answers()
    phrases = {"and", "the_backward_call", "the_output", "by_zero_grad", "by_code"}
    assert {a.key for a in answers} == set(TEMPLATES) - phrases - {"no_explanation"}
    assert {a.reason for a in answers} == set(REASONS)
    for why in answers:
        view = why_none_from_wire(_wire(why))
        assert why_none_text.sentence(view) == why.sentence


def test_chinese_keeps_names_lines_and_code(qapp):
    assert i18n.install_translator(qapp, "zh_CN") == "zh_CN"
    try:
        for why in _answers():
            shown = why_none_text.sentence(why_none_from_wire(_wire(why)))
            assert CJK.search(shown), why.key
            if why.line is not None:
                assert str(why.line) in shown
            for code in re.findall(r"\w+\.\w+\(\)", why.sentence):  # y.retain_grad()
                if not code.startswith("torch."):
                    assert code in shown, (why.key, code)
    finally:
        assert i18n.remove_translator(qapp)


def test_a_changed_kernel_sentence_shows_as_sent():
    why = _answers()[0]
    view = why_none_from_wire({**_wire(why), "sentence": "something else"})
    assert why_none_text.sentence(view) == "something else"


@pytest.mark.parametrize(
    "args",
    [
        {"name": object()},
        {"name": None},
        {"bad name": "x"},
        {"out": [1, 2]},
        {
            "out": {
                "key": "a",
                "args": {
                    "k": {"key": "b", "args": {"k": {"key": "c", "args": {"k": {"key": "d"}}}}}
                },
            }
        },
        {"out": {"key": "a", "extra": 1}},
        {"name": "x" * 5000},
    ],
)
def test_the_wire_refuses_args_that_are_not_plain_phrase_data(args):
    why = _answers()[0]
    with pytest.raises(WireError):
        why_none_from_wire({**_wire(why), "args": args})
