"""why_grad_none: each reason built in real PyTorch, the sentence checked against it."""

from __future__ import annotations

import textwrap

import pytest
import torch

from playground.kernel.python_mode import run_python
from playground.kernel.why_none import REASONS, cut_sites, reaches, why_grad_none


def test_non_leaf_and_the_fix_works() -> None:
    x = torch.ones(2, requires_grad=True)
    y = x * 2
    z = y.sum()
    z.backward()
    with pytest.warns(UserWarning):
        assert y.grad is None
    why = why_grad_none("y", y, [z], namespace={"x": x, "y": y, "z": z})
    assert why.reason == "non_leaf"
    assert "y.retain_grad()" in why.sentence and "z.backward()" in why.sentence
    assert x.grad is not None
    assert why_grad_none("x", x, [z]).reason == "has_grad"

    # The suggested fix: retain_grad() before the backward gives y a gradient.
    # (Expected value from a separate graph: autograd.grad also fills retained .grad.)
    x2 = torch.ones(2, requires_grad=True)
    y2 = x2 * 2
    (expected,) = torch.autograd.grad(y2.sum(), y2)
    x = torch.ones(2, requires_grad=True)
    y = x * 2
    y.retain_grad()
    z = y.sum()
    z.backward()
    assert y.grad is not None
    assert torch.equal(y.grad, expected)
    assert why_grad_none("y", y, [z]).reason == "has_grad"


def test_no_requires_grad() -> None:
    x = torch.ones(2)
    b = torch.ones(2, requires_grad=True)
    out = (x * b).sum()
    out.backward()
    assert x.grad is None
    why = why_grad_none("x", x, [out])
    assert why.reason == "no_requires_grad"
    assert "x.requires_grad_()" in why.sentence and "requires_grad=True" in why.sentence
    # The fix works.
    x.requires_grad_()
    out = (x * b).sum()
    out.backward()
    assert x.grad is not None


def test_made_under_no_grad_names_its_line() -> None:
    source = textwrap.dedent(
        """\
        x = torch.ones(2, requires_grad=True)
        with torch.no_grad():
            w2 = x * 3
        out = (w2 * x).sum()
        out.backward()
        """
    )
    x = torch.ones(2, requires_grad=True)
    with torch.no_grad():
        w2 = x * 3
    out = (w2 * x).sum()
    out.backward()
    assert w2.grad is None and not w2.requires_grad
    why = why_grad_none("w2", w2, [out], source=source)
    assert why.reason == "no_requires_grad"
    assert why.line == 3 and "no_grad" in why.sentence and "w2" in why.sentence


def _run(source: str) -> tuple[dict, tuple[torch.Tensor, ...]]:
    """Run ``source`` in Python mode (line tags on); its globals and its backward roots."""
    calls: list = []

    class Observer:
        def backward_started(self, call, names) -> None:  # noqa: ANN001
            calls.append(call)

        def backward_finished(self, call, names, error) -> None:  # noqa: ANN001
            pass

    result, globals_ = run_python(
        "import torch\n" + textwrap.dedent(source), observers=[Observer()]
    )
    assert result.error is None, result.error
    roots = tuple(r for call in calls for r in call.roots)
    return globals_, roots


@pytest.mark.parametrize(
    ("code", "reason", "line"),
    [
        (
            """\
            x = torch.ones(2, requires_grad=True)
            b = torch.ones(2, requires_grad=True)
            with torch.no_grad():
                w2 = x * 3
            out = (w2 + b).sum()
            out.backward()
            """,
            "cut_no_grad",
            5,
        ),
        (
            """\
            x = torch.ones(2, requires_grad=True)
            b = torch.ones(2, requires_grad=True)
            out = (x.detach() * b).sum()
            out.backward()
            """,
            "cut_detach",
            4,
        ),
        (
            """\
            x = torch.ones(2, requires_grad=True)
            b = torch.ones(2, requires_grad=True)
            d = x.data
            out = (d * b).sum()
            out.backward()
            """,
            "cut_data",
            4,
        ),
    ],
)
def test_cut_paths(code: str, reason: str, line: int) -> None:
    globals_, roots = _run(code)
    source = "import torch\n" + textwrap.dedent(code)
    x = globals_["x"]
    assert x.grad is None and x.requires_grad and x.is_leaf
    assert globals_["b"].grad is not None
    assert not reaches(roots, x)
    why = why_grad_none("x", x, roots, namespace=globals_, source=source)
    assert why.reason == reason
    assert why.line == line
    assert f"line {line}" in why.sentence and "x" in why.sentence and "out" in why.sentence
    # Without the script text, a detached twin kept in the namespace still tells a cut.
    if reason == "cut_data":
        assert why_grad_none("x", x, roots, namespace=globals_).reason == "cut_detach"


def test_unreachable() -> None:
    x = torch.ones(2, requires_grad=True)
    b = torch.ones(2, requires_grad=True)
    out = (b * 2).sum()
    out.backward()
    assert x.grad is None
    why = why_grad_none("x", x, [out], namespace={"x": x, "b": b, "out": out}, source="")
    assert why.reason == "unreachable"
    assert "out does not depend on x" in why.sentence
    assert why.line is None
    # A non-leaf off the root's graph: retain_grad() would not help, so it is unreachable.
    y = x * 2
    assert why_grad_none("y", y, [out], namespace={"out": out}).reason == "unreachable"


def test_zeroed_to_none_and_to_zeros() -> None:
    x = torch.ones(2, requires_grad=True)
    out = (x * 2).sum()
    out.backward()
    x.grad = None
    why = why_grad_none("x", x, [out], namespace={"x": x, "out": out}, zeroed_at=7)
    assert why.reason == "zeroed" and why.line == 7
    assert "line 7" in why.sentence and "x.grad" in why.sentence

    out = (x * 2).sum()
    out.backward()
    assert x.grad is not None
    x.grad.zero_()
    why = why_grad_none("x", x, [out], zeroed_at=9)
    assert why.reason == "zeroed" and why.line == 9 and "all zeros" in why.sentence


def test_zeroed_by_optimizer_in_a_script() -> None:
    globals_, roots = _run(
        """\
        w = torch.ones(2, requires_grad=True)
        opt = torch.optim.SGD([w], lr=0.1)
        loss = (w * w).sum()
        loss.backward()
        opt.zero_grad()
        """
    )
    w = globals_["w"]
    assert w.grad is None
    assert reaches(roots, w)
    why = why_grad_none("w", w, roots, namespace=globals_, zeroed_at=6)
    assert why.reason == "zeroed" and why.line == 6 and "loss.backward()" in why.sentence


def test_allow_unused() -> None:
    x = torch.ones(2, requires_grad=True)
    b = torch.ones(2, requires_grad=True)
    out = (b * 3).sum()
    gx, gb = torch.autograd.grad(out, [x, b], allow_unused=True)
    assert gx is None and gb is not None
    why = why_grad_none("x", x, [out], namespace={"out": out}, allow_unused=True)
    assert why.reason == "allow_unused"
    assert "x" in why.sentence and "allow_unused=True" in why.sentence
    assert why_grad_none("b", b, [out], allow_unused=True).reason == "has_grad"


def test_has_grad_even_when_zero() -> None:
    x = torch.tensor([-1.0, -2.0], requires_grad=True)
    out = torch.relu(x).sum()
    out.backward()
    assert x.grad is not None and not x.grad.any()
    why = why_grad_none("x", x, [out])
    assert why.reason == "has_grad" and "all zeros" in why.sentence


def test_no_backward() -> None:
    x = torch.ones(2, requires_grad=True)
    assert why_grad_none("x", x, []).reason == "no_backward"


def test_non_leaf_line_from_the_tagger() -> None:
    globals_, roots = _run(
        """\
        x = torch.ones(2, requires_grad=True)

        y = x * 2
        z = y.sum()
        z.backward()
        """
    )
    why = why_grad_none("y", globals_["y"], roots, namespace=globals_)
    assert why.reason == "non_leaf" and why.line == 4
    assert "line 4" in why.sentence and "y.retain_grad()" in why.sentence


def test_cut_sites_ignore_optimizer_steps_and_other_names() -> None:
    source = textwrap.dedent(
        """\
        with torch.no_grad():
            x -= 0.1 * x.grad
            y = xx * 2
        a = x.data
        b = x.detach()
        """
    )
    assert [(s.kind, s.line) for s in cut_sites(source, "x")] == [
        ("cut_data", 4),
        ("cut_detach", 5),
    ]
    assert cut_sites("not python (", "x") == []


def test_every_reason_is_known() -> None:
    assert set(REASONS) >= {
        "non_leaf",
        "no_requires_grad",
        "cut_no_grad",
        "cut_detach",
        "cut_data",
        "zeroed",
        "unreachable",
        "allow_unused",
        "has_grad",
    }
