"""Why is this gradient None? One sentence, from the real objects of a finished run.

Runs in the kernel process: it walks the real autograd graph of the backward root(s)
(``grad_fn`` and ``next_functions``; a leaf's ``AccumulateGrad`` node holds it as
``.variable``) and, when given the script text, finds with :mod:`ast` where the tensor's
path to the root was cut (a ``with torch.no_grad():`` block, a ``.detach()`` call, a
``.data`` read). The zeroing line and the ``allow_unused`` flag come from what the
playground recorded (:class:`playground.kernel.python_mode.GradEvents`, the
``autograd.grad`` call). The wording follows :mod:`playground.core.explain`. Qt-free.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import torch

from playground.core.phrase import AND, MAX_ARGS, MAX_VALUE, phrase, render
from playground.core.result import NODE_LINE_KEY
from playground.core.script_edit import grad_off_kind

__all__ = [
    "REASONS",
    "TEMPLATES",
    "Reason",
    "WhyNone",
    "cut_node_ids",
    "cut_sites",
    "english",
    "explain_request",
    "graph_nodes",
    "reaches",
    "why_grad_none",
]

Reason = Literal[
    "has_grad",
    "allow_unused",
    "no_requires_grad",
    "non_leaf",
    "cut_no_grad",
    "cut_detach",
    "cut_data",
    "unreachable",
    "zeroed",
    "no_backward",
]
REASONS: tuple[str, ...] = Reason.__args__  # type: ignore[attr-defined]

#: Most graph nodes walked per root (a huge graph is cut short, not walked forever).
MAX_NODES = 200_000


@dataclass(frozen=True)
class WhyNone:
    """Why ``name.grad`` is None (or zero), in one sentence with its fix."""

    reason: Reason
    sentence: str
    #: The script line of the cut, the zeroing or the tensor's creation, when known.
    line: int | None = None
    #: The sentence's key in :data:`TEMPLATES` and its arguments
    #: (:mod:`playground.core.phrase`): the window words it in its language.
    key: str = ""
    args: dict[str, object] = field(default_factory=dict)


#: Template key -> the English sentence or part (:func:`playground.core.phrase.render`).
#: The window's translatable copy is :mod:`playground.ui.why_none_text` (a test keeps
#: them the same).
TEMPLATES: dict[str, str] = {
    AND: " and ",
    "the_backward_call": "the backward call",
    "the_output": "the output",
    "by_zero_grad": " by zero_grad()",
    "by_code": " by {code}",
    "has_grad_used": "{out} does depend on {name}, so torch.autograd.grad returns a gradient "
    "for it (it is not None).",
    "allow_unused": "torch.autograd.grad returned None for {name} because {out} does not "
    "depend on it and allow_unused=True asks for None instead of an error. Fix: use {name} "
    "in the computation of {out}, or pass materialize_grads=True to get zeros.",
    "zeroed_zeros": "{name}.grad is all zeros because it was zeroed{how} at line {line} "
    "(after the backward). Fix: read {name}.grad before zeroing it, or zero the gradients "
    "before {call} instead.",
    "has_grad_zeros": "{name} has a gradient, and it is all zeros: the backward reached it, "
    "but {out} does not change when {name} changes here (e.g. a relu or a max that ignores "
    "it).",
    "has_grad": "{name} has a gradient: {name}.grad is not None.",
    "made_no_grad": "{name} does not require grad: it was made inside torch.no_grad() at "
    "line {line}, so autograd does not track it. Fix: compute {name} outside no_grad and "
    "without .detach()/.data, or read .grad of the leaf it came from.",
    "made_detach": "{name} does not require grad: it was made by .detach() at line {line}, "
    "so autograd does not track it. Fix: compute {name} outside no_grad and without "
    ".detach()/.data, or read .grad of the leaf it came from.",
    "made_data": "{name} does not require grad: it was made from .data at line {line}, so "
    "autograd does not track it. Fix: compute {name} outside no_grad and without "
    ".detach()/.data, or read .grad of the leaf it came from.",
    "no_requires_grad": "{name} does not require grad, so backward never computes a "
    "gradient for it. Fix: create it with requires_grad=True (e.g. torch.ones(2, "
    "requires_grad=True)) or call {name}.requires_grad_() before using it.",
    "non_leaf": "{name} is not a leaf: PyTorch keeps .grad only for leaves, to save memory. "
    "Fix: call {name}.retain_grad() right after computing it, before {call}.",
    "non_leaf_at": "{name} is not a leaf (computed at line {line}): PyTorch keeps .grad "
    "only for leaves, to save memory. Fix: call {name}.retain_grad() right after computing "
    "it, before {call}.",
    "no_backward": "No backward has run, so {name}.grad is still None. Fix: call "
    ".backward() on a scalar computed from {name} (e.g. loss.backward()).",
    "cut_no_grad": "{name}'s path to {out} is cut at line {line}: it was used inside "
    "torch.no_grad(), so the result does not depend on {name} for autograd and backward "
    "never reaches it. Fix: compute that step outside the with torch.no_grad(): block.",
    "cut_detach": "{name}'s path to {out} is cut at line {line}: it was detached "
    "({name}.detach()), so the result does not depend on {name} for autograd and backward "
    "never reaches it. Fix: use {name} itself instead of {name}.detach().",
    "cut_data": "{name}'s path to {out} is cut at line {line}: it was used through "
    "{name}.data, so the result does not depend on {name} for autograd and backward never "
    "reaches it. Fix: use {name} itself instead of {name}.data.",
    "cut_twin": "{name}'s path to {out} is cut: {twin} shares {name}'s data but is off the "
    "graph (made by .detach() or .data), so backward never reaches {name}. Fix: use {name} "
    "itself instead of {twin} in the computation of {out}.",
    "unreachable": "{out} does not depend on {name}: backward from {out} never reaches it, "
    "so {name}.grad stays None. Fix: use {name} in the computation of {out} (without "
    "torch.no_grad(), .detach() or .data on the way).",
    "zeroed_none": "{name}.grad is None: it was zeroed{how} at line {line}, after {call} "
    "(x.grad = None, or zero_grad(), which sets gradients to None since PyTorch 2.0). Fix: "
    "read {name}.grad before zeroing, or zero the gradients before {call} instead.",
    "reached_none": "backward from {out} reaches {name} but {name}.grad is None: the "
    "backward did not finish or its gradient was cleared. Fix: run {call} again and read "
    "{name}.grad right after it.",
    "no_explanation": "(no explanation: {error})",
}


def english(key: str, args: Mapping[str, object]) -> str:
    """The English sentence of *key* with *args* (:data:`TEMPLATES`)."""
    return render(key, args, TEMPLATES.__getitem__)


def _why(reason: Reason, key: str, at: int | None = None, **args: object) -> WhyNone:
    """The answer for *reason*: the sentence of *key* with *args*, about script line *at*."""
    return WhyNone(reason, english(key, args), at, key, args)


def graph_nodes(roots: Sequence[torch.Tensor]) -> list[object]:
    """Every backward node reachable from the roots' ``grad_fn`` (each once)."""
    seen: dict[int, object] = {}
    stack = [r.grad_fn for r in roots if isinstance(r, torch.Tensor) and r.grad_fn is not None]
    while stack and len(seen) < MAX_NODES:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen[id(node)] = node
        for child, _ in getattr(node, "next_functions", ()):
            if child is not None and id(child) not in seen:
                stack.append(child)
    return list(seen.values())


def reaches(roots: Sequence[torch.Tensor], tensor: torch.Tensor) -> bool:
    """Whether a backward from ``roots`` reaches ``tensor`` (its leaf node or grad_fn)."""
    if any(r is tensor for r in roots):
        return True
    target = tensor.grad_fn
    for node in graph_nodes(roots):
        if target is not None and node is target:
            return True
        if target is None and getattr(node, "variable", None) is tensor:
            return True
    return False


def _node_line(tensor: torch.Tensor) -> int | None:
    grad_fn = tensor.grad_fn
    if grad_fn is None:
        return None
    try:
        line = grad_fn.metadata.get(NODE_LINE_KEY)
    except (AttributeError, RuntimeError):
        return None
    return line if isinstance(line, int) else None


@dataclass(frozen=True)
class CutSite:
    """One place in the script where ``name``'s value leaves the graph."""

    kind: Literal["cut_no_grad", "cut_detach", "cut_data"]
    line: int


def _walk(node: ast.AST, off: bool, parents: list[ast.AST]) -> Iterator[tuple[ast.AST, bool, list]]:
    yield node, off, parents
    inner = off
    if isinstance(node, ast.With | ast.AsyncWith):
        inner = off or any(grad_off_kind(item.context_expr) is not None for item in node.items)
    elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        inner = off or any(grad_off_kind(d) is not None for d in node.decorator_list)
    for child in ast.iter_child_nodes(node):
        body_off = inner
        if isinstance(node, ast.With | ast.AsyncWith) and child in node.items:
            body_off = off  # the context expression itself runs before the block
        yield from _walk(child, body_off, [*parents, node])


def cut_sites(source: str, name: str) -> list[CutSite]:
    """Where the script reads ``name`` in a way that leaves the graph, in line order:
    inside a grad-off block, as ``name.detach()`` / ``torch.detach(name)``, as ``name.data``.
    ``name`` is matched against the expression's text (``x``, ``model.weight``)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    sites: list[CutSite] = []
    for node, off, parents in _walk(tree, False, []):
        if not isinstance(node, ast.Name | ast.Attribute | ast.Subscript):
            continue
        if not isinstance(getattr(node, "ctx", None), ast.Load):
            continue
        if isinstance(node, ast.Name) and node.id != name:
            continue
        try:
            if ast.unparse(node) != name:
                continue
        except (ValueError, RecursionError):  # pragma: no cover - exotic trees
            continue
        parent = parents[-1] if parents else None
        grand = parents[-2] if len(parents) >= 2 else None
        line = node.lineno
        if isinstance(parent, ast.Attribute) and parent.value is node and parent.attr == "grad":
            continue  # reading its gradient (an optimizer step) does not cut anything
        if isinstance(parent, ast.Attribute) and parent.value is node and parent.attr == "data":
            sites.append(CutSite("cut_data", line))
        elif (
            isinstance(parent, ast.Attribute)
            and parent.value is node
            and parent.attr in ("detach", "detach_")
            and isinstance(grand, ast.Call)
            and grand.func is parent
        ):
            sites.append(CutSite("cut_detach", line))
        elif (
            isinstance(parent, ast.Call)
            and node in parent.args
            and isinstance(parent.func, ast.Attribute)
            and parent.func.attr == "detach"
        ):
            sites.append(CutSite("cut_detach", line))
        elif off:
            sites.append(CutSite("cut_no_grad", line))
    sites.sort(key=lambda s: s.line)
    return sites


def _name_of(value: object, namespace: Mapping[str, object] | None) -> str | None:
    if namespace is None:
        return None
    for key, item in namespace.items():
        if item is value:
            return key
    return None


def _backward_text(roots: Sequence[torch.Tensor], namespace: Mapping[str, object] | None) -> object:
    names = [_name_of(r, namespace) for r in roots]
    if len(roots) == 1 and names[0] is not None:
        return f"{names[0]}.backward()"
    return phrase("the_backward_call")


def _root_text(roots: Sequence[torch.Tensor], namespace: Mapping[str, object] | None) -> object:
    names = [n for n in (_name_of(r, namespace) for r in roots) if n is not None]
    if len(names) == len(roots) and names:
        return names[:MAX_ARGS] if len(names) > 1 else names[0]
    return phrase("the_output")


def _all_zero(grad: torch.Tensor) -> bool:
    try:
        return not bool(grad.detach().ne(0).any())
    except RuntimeError:  # pragma: no cover - sparse or exotic gradients
        return False


def _twin(tensor: torch.Tensor, namespace: Mapping[str, object] | None) -> str | None:
    """The name of a tensor that shares ``tensor``'s storage but is off the graph (what
    ``.detach()`` and ``.data`` return), when the script kept one."""
    if namespace is None or tensor.layout != torch.strided:
        return None
    try:
        ptr = tensor.untyped_storage().data_ptr()
    except RuntimeError:  # pragma: no cover - tensors without storage
        return None
    for key, item in namespace.items():
        if not isinstance(item, torch.Tensor) or item is tensor:
            continue
        if item.requires_grad or item.layout != torch.strided:
            continue
        try:
            if ptr and item.untyped_storage().data_ptr() == ptr:
                return key
        except RuntimeError:  # pragma: no cover
            continue
    return None


def why_grad_none(
    name: str,
    tensor: torch.Tensor,
    roots: Sequence[torch.Tensor],
    *,
    namespace: Mapping[str, object] | None = None,
    zeroed_at: int | None = None,
    allow_unused: bool = False,
    source: str | None = None,
) -> WhyNone:
    """Why ``tensor`` (shown as ``name``) has no gradient after a backward from ``roots``.

    ``namespace``: the script's live names (to name the roots and find detached twins);
    ``zeroed_at``: the script line of a recorded zeroing after the backward;
    ``allow_unused``: ``torch.autograd.grad(..., allow_unused=True)`` returned None for it;
    ``source``: the script text, to find the line where its path to the root was cut.
    """
    roots = tuple(r for r in roots if isinstance(r, torch.Tensor))
    call = _backward_text(roots, namespace)
    out = _root_text(roots, namespace)
    grad = tensor.grad if tensor.is_leaf or tensor.retains_grad else None

    if allow_unused:
        if reaches(roots, tensor):
            return _why("has_grad", "has_grad_used", name=name, out=out)
        return _why("allow_unused", "allow_unused", name=name, out=out)

    how = _zeroing_text(source, zeroed_at)
    if grad is not None:
        if _all_zero(grad) and zeroed_at is not None:
            return _why(
                "zeroed", "zeroed_zeros", zeroed_at, name=name, how=how, line=zeroed_at, call=call
            )
        if _all_zero(grad):
            return _why("has_grad", "has_grad_zeros", name=name, out=out)
        return _why("has_grad", "has_grad", name=name)

    if not tensor.requires_grad:
        line = _node_line(tensor)
        if source is not None:
            # Was it made under no_grad, or by .detach() / .data? Its own assignment says.
            made = _made_off_graph(source, name)
            if made is not None:
                kind, line = made
                key = {"cut_no_grad": "made_no_grad", "cut_detach": "made_detach"}
                return _why(
                    "no_requires_grad", key.get(kind, "made_data"), line, name=name, line=line
                )
        return _why("no_requires_grad", "no_requires_grad", line, name=name)

    if not tensor.is_leaf and not tensor.retains_grad and (not roots or reaches(roots, tensor)):
        line = _node_line(tensor)
        if line is not None:
            return _why("non_leaf", "non_leaf_at", line, name=name, line=line, call=call)
        return _why("non_leaf", "non_leaf", name=name, call=call)

    if not roots:
        return _why("no_backward", "no_backward", name=name)

    if not reaches(roots, tensor):
        if source is not None:
            sites = cut_sites(source, name)
            if sites:
                site = sites[0]
                return _why(site.kind, site.kind, site.line, name=name, out=out, line=site.line)
        twin = _twin(tensor, namespace)
        if twin is not None:
            return _why("cut_detach", "cut_twin", name=name, out=out, twin=twin)
        return _why("unreachable", "unreachable", name=name, out=out)

    if zeroed_at is not None:
        return _why(
            "zeroed", "zeroed_none", zeroed_at, name=name, how=how, line=zeroed_at, call=call
        )
    return _why("unreachable", "reached_none", name=name, out=out, call=call)


def _zeroing_text(source: str | None, line: int | None) -> object:
    """How the script's ``line`` zeroed the gradient, as a phrase argument: ``by
    zero_grad()`` / ``by x.grad.zero_()`` / ``by x.grad = None``, else ``""``."""
    if source is None or line is None:
        return ""
    lines = source.splitlines()
    text = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    if "zero_grad(" in text:
        return phrase("by_zero_grad")
    if ".grad" in text and ("zero_(" in text or "None" in text):
        return phrase("by_code", code=text[:MAX_VALUE])
    return ""


def _made_off_graph(source: str, name: str) -> tuple[str, int] | None:
    """How ``name``'s last module-level assignment took it off the graph, and its line."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    found: tuple[str, int] | None = None
    for node, off, _parents in _walk(tree, False, []):
        if not isinstance(node, ast.Assign | ast.AnnAssign):
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if not any(isinstance(t, ast.Name) and t.id == name for t in targets):
            continue
        value = node.value
        if off:
            found = ("cut_no_grad", node.lineno)
        elif value is not None and _ends_off_graph(value) is not None:
            found = (_ends_off_graph(value), node.lineno)  # type: ignore[assignment]
        else:
            found = None
    return found


def _ends_off_graph(value: ast.expr) -> str | None:
    """``cut_detach`` for ``….detach()``, ``cut_data`` for ``….data``, else None."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute):
        if value.func.attr == "detach":
            return "cut_detach"
    if isinstance(value, ast.Attribute) and value.attr == "data":
        return "cut_data"
    return None


def _first_name(tensors: Mapping[str, object], value: object) -> str | None:
    """The name the graph's node of ``value`` carries (its first name, as
    :func:`playground.core.graph.extract_graph` names it)."""
    return next((k for k, v in tensors.items() if v is value), None)


def cut_node_ids(
    why: WhyNone,
    name: str,
    tensor: torch.Tensor,
    roots: Sequence[torch.Tensor],
    tensors: Mapping[str, object],
    assigned_at: Mapping[str, int],
) -> list[str]:
    """The graph node ids to highlight for ``why``: the tensor itself, and where the cut
    is (the off-graph tensors made at the cut line, the leaf's AccumulateGrad when it was
    zeroed, the roots it does not reach). ``assigned_at``: name -> line of its binding."""
    from playground.core.graph_model import tensor_id

    own = _first_name(tensors, tensor) or name
    ids = [tensor_id(own)]
    if why.reason == "non_leaf":
        ids.append(f"fn:{own}")
    elif why.reason in ("cut_no_grad", "cut_detach", "cut_data") and why.line is not None:
        made = [n for n, line in assigned_at.items() if line == why.line and n != name]
        ids += [tensor_id(_first_name(tensors, tensors[n]) or n) for n in made if n in tensors]
    elif why.reason == "zeroed":
        ids.append(f"acc:{own}")
    if why.reason in ("unreachable", "allow_unused", "cut_no_grad", "cut_detach", "cut_data"):
        ids += [tensor_id(r) for r in (_first_name(tensors, t) for t in roots) if r is not None]
    if why.reason == "cut_detach" and why.line is None:
        twin = _twin(tensor, tensors)  # type: ignore[arg-type]
        if twin is not None:
            ids.append(tensor_id(twin))
    return list(dict.fromkeys(ids))


def explain_request(run: object, name: str) -> dict[str, object]:
    """The kernel's answer to "why is ``name``.grad None?" for a finished run
    (:class:`playground.core.session.SessionRun`): ``reason``, ``sentence``, ``line``
    and ``node_ids`` (the cut, as the extracted graph names its nodes). A failure is
    an answer without a reason (the live session must outlive a question)."""
    try:
        return _explain(run, name)
    except Exception as exc:  # noqa: BLE001 - reported to the window, never a dead kernel
        args = {"error": f"{type(exc).__name__}: {exc}"[:MAX_VALUE]}
        return {
            "op": "why_none",
            "reason": None,
            "sentence": english("no_explanation", args)[:2000],
            "line": None,
            "node_ids": [],
            "key": "no_explanation",
            "args": args,
        }


def _explain(run: object, name: str) -> dict[str, object]:
    result = run.result  # type: ignore[attr-defined]
    history = run.history  # type: ignore[attr-defined]
    namespace = result.namespace
    tensor = namespace.get(name)
    if not isinstance(tensor, torch.Tensor):
        return {
            "op": "why_none",
            "reason": None,
            "sentence": "",
            "line": None,
            "node_ids": [],
            "key": "",
            "args": {},
        }
    roots = tuple(getattr(history, "last_roots", ()))
    unused = getattr(history, "last_unused_inputs", ())
    why = why_grad_none(
        name,
        tensor,
        roots,
        namespace=namespace,
        zeroed_at=history.last_zero_line(),
        allow_unused=any(t is tensor for t in unused),
        source=result.source,
    )
    assigned = {n: a.line for n, a in result.assignments.items()}
    ids = cut_node_ids(why, name, tensor, roots, result.tensors(), assigned)
    return {
        "op": "why_none",
        "reason": why.reason,
        "sentence": why.sentence,
        "line": why.line,
        "node_ids": ids,
        "key": why.key,
        "args": why.args,
    }
