"""RunHistory: what one backward run records, against real PyTorch values."""

from __future__ import annotations

import csv
import io
import json
import math
import subprocess
import threading

import numpy as np
import pytest
import torch

from playground.core import history as history_mod
from playground.core import history_data as history_data_mod
from playground.core.history import RunHistory, element_label, is_tracked, summary_label
from playground.core.result import BackwardCall


def seed_example():
    """The seed's gradient example (lesson 3), as live tensors."""
    x = torch.ones(2, 2, requires_grad=True)
    y = x + 2
    z = y * y * 3
    out = z.mean()
    return {"x": x, "y": y, "z": z, "out": out}


def observed_backward(h: RunHistory, ns, root, *, source="script", line=6, **kwargs):
    """Do what the interpreter does around a ``.backward()``: tell the observer."""
    call = BackwardCall("backward", (root,), line, source)
    h.backward_started(call, ns)
    error = None
    try:
        root.backward(**kwargs)
    except RuntimeError as exc:
        error = exc
    h.backward_finished(call, ns, error)
    return error


def test_three_backwards_accumulate_like_pytorch():
    ns = seed_example()
    h = RunHistory()
    expected = []
    for _ in range(3):
        observed_backward(h, ns, ns["out"], retain_graph=True)
        expected.append(ns["x"].grad.clone())
    assert h.count == 3
    assert h.tracked_names() == ["x"]
    series = h.series("x", "elements")
    assert list(series) == ["x.grad[0, 0]", "x.grad[0, 1]", "x.grad[1, 0]", "x.grad[1, 1]"]
    for y in series.values():
        assert y.tolist() == [4.5, 9.0, 13.5]
    assert np.array_equal(h.values("x"), torch.stack(expected).reshape(3, 4).double().numpy())
    assert h.root_values().tolist() == [27.0, 27.0, 27.0]
    assert h.root_names() == ["out"]
    assert h.sources().tolist() == ["script"] * 3
    assert h.lines().tolist() == [6, 6, 6]


def test_values_match_real_python(python_exe):
    code = (
        "import torch, json\n"
        "x = torch.ones(2, 2, requires_grad=True)\n"
        "out = ((x + 2) * (x + 2) * 3).mean()\n"
        "r = []\n"
        "for _ in range(3):\n"
        "    out.backward(retain_graph=True)\n"
        "    r.append(x.grad.flatten().tolist())\n"
        "x.grad.zero_()\n"
        "out.backward(retain_graph=True)\n"
        "r.append(x.grad.flatten().tolist())\n"
        "print(json.dumps(r))\n"
    )
    real = json.loads(
        subprocess.run([python_exe, "-c", code], capture_output=True, text=True, check=True).stdout
    )
    ns = seed_example()
    h = RunHistory()
    for _ in range(3):
        observed_backward(h, ns, ns["out"], retain_graph=True)
    ns["x"].grad.zero_()
    h.record_zero(set_to_none=False, source="button")
    observed_backward(h, ns, ns["out"], source="button", line=None, retain_graph=True)
    assert h.values("x").tolist() == real
    assert [(z.after_run, z.set_to_none, z.source) for z in h.zero_events] == [(3, False, "button")]
    assert h.sources().tolist() == ["script"] * 3 + ["button"]
    assert h.lines().tolist() == [6, 6, 6, -1]


def test_failed_backward_records_nothing():
    ns = seed_example()
    h = RunHistory()
    assert observed_backward(h, ns, ns["out"]) is None
    err = observed_backward(h, ns, ns["out"])
    assert err is not None and "second time" in str(err)
    assert h.count == 1


def test_tracked_tensors_are_grad_leaves_and_retained_nonleaves():
    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    c = torch.tensor(5.0)  # no grad
    b = a * a
    b.retain_grad()
    d = b * 2  # non-leaf, not retained: never tracked (and never read: no warning)
    s = d.sum()
    ns = {"a": a, "c": c, "b": b, "d": d, "s": s, "k": 3}
    assert [n for n, v in ns.items() if is_tracked(v)] == ["a", "b"]
    h = RunHistory()
    with warnings_as_errors():
        observed_backward(h, ns, s)
    assert h.tracked_names() == ["a", "b"]
    (ga,) = torch.autograd.grad((a * a * 2).sum(), [a])
    assert h.values("a")[0].tolist() == ga.tolist() == [4.0, 8.0, 12.0]
    assert h.values("b")[0].tolist() == [2.0, 2.0, 2.0]
    assert list(h.series("a", "elements")) == ["a.grad[0]", "a.grad[1]", "a.grad[2]"]


class warnings_as_errors:
    """Turn warnings (e.g. PyTorch's non-leaf ``.grad`` warning) into errors."""

    def __enter__(self):
        import warnings

        self._cm = warnings.catch_warnings()
        self._cm.__enter__()
        warnings.simplefilter("error")

    def __exit__(self, *exc):
        return self._cm.__exit__(*exc)


def test_none_grad_is_nan_and_scalar_label():
    w = torch.tensor(2.0, requires_grad=True)
    v = torch.tensor([1.0, 1.0], requires_grad=True)
    loss = w * 3
    ns = {"w": w, "v": v, "loss": loss}
    h = RunHistory()
    observed_backward(h, ns, loss)
    assert list(h.series("w", "elements")) == ["w.grad"]
    assert h.series("w", "elements")["w.grad"].tolist() == [3.0]
    assert np.isnan(h.values("v")).all()
    assert np.isnan(h.series("v", "norm")["‖v.grad‖"]).all()


def test_modes_match_torch():
    big = torch.linspace(-1, 1, 30).reshape(5, 6).requires_grad_(True)
    loss = (big**3).sum()
    ns = {"big": big, "loss": loss}
    h = RunHistory()
    observed_backward(h, ns, loss, retain_graph=True)
    observed_backward(h, ns, loss)
    assert h.default_mode("big") == "norm"
    g = big.grad.double()
    assert h.series("big", "norm")["‖big.grad‖"][-1] == pytest.approx(torch.linalg.norm(g).item())
    assert h.series("big", "mean")["mean(big.grad)"][-1] == pytest.approx(g.mean().item())
    assert h.series("big", "max")["max(big.grad)"][-1] == pytest.approx(g.max().item())
    assert len(h.series("big", "elements")) == 30


def test_huge_tensor_keeps_summaries(monkeypatch):
    monkeypatch.setattr(history_data_mod, "FULL_LIMIT", 8)
    t = torch.arange(10.0, requires_grad=True)
    loss = (t * t).sum()
    ns = {"t": t, "loss": loss}
    h = RunHistory()
    observed_backward(h, ns, loss)
    g = (2 * torch.arange(10.0)).double()
    assert h.values("t").shape == (1, 3)
    assert h.series("t", "norm")["‖t.grad‖"][0] == pytest.approx(torch.linalg.norm(g).item())
    assert h.series("t", "mean")["mean(t.grad)"][0] == pytest.approx(g.mean().item())
    assert h.series("t", "elements") == {"‖t.grad‖": pytest.approx([torch.linalg.norm(g).item()])}


def test_grows_past_initial_capacity_and_new_names_get_nan_before():
    x = torch.tensor([1.0, -2.0], requires_grad=True)
    loss = (x * x).sum()
    ns = {"x": x, "loss": loss}
    h = RunHistory()
    n = history_mod.INITIAL_CAPACITY * 3 + 5
    for _ in range(n):
        loss.backward(retain_graph=True)
        h.record_step(ns, source="repeat", root=loss)
    assert h.count == n
    assert h.series("x", "elements")["x.grad[0]"].tolist() == [2.0 * k for k in range(1, n + 1)]
    assert h.series("x", "elements")["x.grad[1]"][-1] == -4.0 * n
    q = torch.tensor(1.0, requires_grad=True)
    ns2 = dict(ns, q=q)
    (q * 7).backward()
    h.record_step(ns2, source="button", root=None)
    qs = h.series("q", "elements")["q.grad"]
    assert np.isnan(qs[:-1]).all() and qs[-1] == 7.0
    assert math.isnan(h.root_values()[-1])
    h.record_step(ns, source="repeat", root=loss)  # q missing -> NaN
    assert math.isnan(h.series("q", "elements")["q.grad"][-1])


def test_autograd_grad_is_recorded_as_an_event():
    x = torch.tensor([3.0], requires_grad=True)
    y = (x * x).sum()
    ns = {"x": x, "y": y}
    h = RunHistory()
    call = BackwardCall("autograd.grad", (y,), 3, "script")
    h.backward_started(call, ns)
    (g,) = torch.autograd.grad(y, [x])
    h.backward_finished(call, ns, None)
    assert g.tolist() == [6.0]
    assert h.count == 1
    assert h.kinds().tolist() == ["autograd.grad"]
    assert np.isnan(h.values("x")).all()  # autograd.grad leaves .grad None
    assert h.root_values().tolist() == [9.0]


def test_csv_export_matches_history(tmp_path):
    ns = seed_example()
    h = RunHistory()
    observed_backward(h, ns, ns["out"], retain_graph=True)
    h.record_zero(set_to_none=True, source="button")
    ns["x"].grad = None
    observed_backward(h, ns, ns["out"], source="button", retain_graph=True)
    path = tmp_path / "h.csv"
    h.to_csv(path)
    rows = list(csv.DictReader(path.open()))
    assert list(rows[0]) == ["run", "source", "tensor", "index", "value"]
    grads = [r for r in rows if r["tensor"] == "x.grad"]
    assert len(grads) == h.count * 4
    assert [float(r["value"]) for r in grads] == h.values("x").reshape(-1).tolist()
    assert [r["index"] for r in grads[:4]] == ["0, 0", "0, 1", "1, 0", "1, 1"]
    assert [r["source"] for r in grads] == ["script"] * 4 + ["button"] * 4
    assert [(r["run"], r["value"]) for r in rows if r["tensor"] == "out"] == [
        ("1", "27.0"),
        ("2", "27.0"),
    ]
    zero = [r for r in rows if r["source"].startswith("zero")]
    assert zero == [
        {"run": "1", "source": "zero:none", "tensor": "*", "index": "", "value": "None"}
    ]
    buf = io.StringIO()
    h.to_csv(buf)
    assert buf.getvalue() == path.read_text()


def test_start_next_keeps_one_previous():
    ns = seed_example()
    h1 = RunHistory()
    observed_backward(h1, ns, ns["out"], retain_graph=True)
    h2 = h1.start_next()
    assert h2.previous is h1 and h2.count == 0
    h3 = h2.start_next()
    assert h3.previous is None  # h2 had no runs: nothing to compare with
    h4 = h1.start_next()
    h4.clear_previous()
    assert h4.previous is None
    assert element_label("x", (2, 3), 5) == "x.grad[1, 2]"
    assert summary_label("x", "norm") == "‖x.grad‖"


def test_reader_thread_never_sees_partial_rows():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    loss = (x * 2).sum()
    ns = {"x": x, "loss": loss}
    h = RunHistory()
    stop = threading.Event()
    bad = []

    def reader():
        while not stop.is_set():
            v = h.values("x") if h.count else np.zeros((0, 3))
            if np.isnan(v).any() or (
                len(v) and v[:, 0].tolist() != [2.0 * (i + 1) for i in range(len(v))]
            ):
                bad.append(v)

    loss.backward(retain_graph=True)
    h.record_step(ns, source="repeat", root=loss)
    t = threading.Thread(target=reader)
    t.start()
    for _ in range(2000):
        loss.backward(retain_graph=True)
        h.record_step(ns, source="repeat", root=loss)
    stop.set()
    t.join()
    assert not bad
    assert h.count == 2001


def test_records_the_interpreters_backward_calls(python_exe):
    from playground.core.runner import run_script

    src = (
        "import torch\n"
        "x = torch.ones(2, 2, requires_grad=True)\n"
        "out = ((x + 2) * (x + 2) * 3).mean()\n"
        "for i in range(3):\n"
        "    out.backward(retain_graph=True)\n"
        "g = torch.autograd.grad(out, [x])\n"
        "print(x.grad.flatten().tolist())\n"
    )
    h = RunHistory()
    result = run_script(src, observers=(h,))
    assert result.ok, result.error
    real = subprocess.run([python_exe, "-c", src], capture_output=True, text=True, check=True)
    assert result.stdout == real.stdout == "[13.5, 13.5, 13.5, 13.5]\n"
    assert h.count == 4
    assert h.kinds().tolist() == ["backward"] * 3 + ["autograd.grad"]
    assert h.lines().tolist() == [5, 5, 5, 6]
    assert h.sources().tolist() == ["script"] * 4
    # autograd.grad leaves .grad alone: the last row repeats the third
    assert h.series("x", "elements")["x.grad[0, 0]"].tolist() == [4.5, 9.0, 13.5, 13.5]
    assert h.root_names() == ["out"]


def test_zeroing_done_by_the_script_is_an_event(python_exe):
    from playground.core.runner import run_script

    src = (
        "import torch\n"
        "x = torch.ones(2, 2, requires_grad=True)\n"
        "out = ((x + 2) * (x + 2) * 3).mean()\n"
        "out.backward(retain_graph=True)\n"
        "out.backward(retain_graph=True)\n"
        "x.grad.zero_()\n"
        "out.backward(retain_graph=True)\n"
        "x.grad = None\n"
        "out.backward(retain_graph=True)\n"
        "out.backward(retain_graph=True)\n"
    )
    h = RunHistory()
    assert run_script(src, observers=(h,)).ok
    assert h.series("x", "elements")["x.grad[0, 1]"].tolist() == [4.5, 9.0, 4.5, 4.5, 9.0]
    assert [(z.after_run, z.set_to_none, z.source) for z in h.zero_events] == [
        (2, False, "script"),
        (3, True, "script"),
    ]


def test_button_zero_is_not_recorded_twice():
    ns = seed_example()
    h = RunHistory()
    observed_backward(h, ns, ns["out"], retain_graph=True)
    ns["x"].grad.zero_()
    h.record_zero(set_to_none=False, source="button")
    observed_backward(h, ns, ns["out"], source="button", line=None, retain_graph=True)
    assert [(z.after_run, z.source) for z in h.zero_events] == [(1, "button")]
