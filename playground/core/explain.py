"""Plain-language explanations of the autograd errors learners hit most.

Keyed on PyTorch's exact message texts (checked on PyTorch 2.13, CPU): each entry is
a one-paragraph explanation of what happened and how to fix it, shown in the console
under PyTorch's own message (which is never changed). Qt-free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from playground.core.errors import PlaygroundError
from playground.core.result import OutputChunk

__all__ = [
    "EXPLANATIONS",
    "Explanation",
    "explain",
    "explain_chunk",
    "explain_message",
    "explanation_for",
    "explanation_for_chunk",
]


@dataclass(frozen=True)
class Explanation:
    """One known message: a regex over PyTorch's text, and what to tell the learner."""

    key: str
    pattern: re.Pattern[str]
    text: str
    #: Exception/warning type names it applies to (empty: any).
    types: tuple[str, ...] = ()


def _entry(key: str, pattern: str, text: str, *types: str) -> Explanation:
    return Explanation(key, re.compile(pattern), " ".join(text.split()), types)


#: The known messages, most specific first.
EXPLANATIONS: tuple[Explanation, ...] = (
    _entry(
        "function_grad_count",
        r"^function \w+ returned an incorrect number of gradients \(expected (\d+), got (\d+)\)",
        """A custom torch.autograd.Function's backward must return one gradient for each
        input of its forward (ctx excluded), in the same order, even for inputs that need
        none. Fix: return a tuple as long as forward's argument list, with None for the
        inputs that do not require grad (ctx.needs_input_grad tells which do), e.g.
        return grad_output * y, None.""",
        "RuntimeError",
    ),
    _entry(
        "non_scalar_backward",
        r"^grad can be implicitly created only for scalar outputs",
        """You called .backward() on a tensor that holds more than one number. Autograd
        computes a vector-Jacobian product, so for a non-scalar output it needs the vector:
        a tensor of the same shape saying how much each element counts. Fix: pass it,
        e.g. z.backward(torch.ones_like(z)) (or a weight tensor w, as in z.backward(w)),
        or reduce to a scalar first, e.g. z.sum().backward() or z.mean().backward().""",
        "RuntimeError",
    ),
    _entry(
        "second_backward",
        r"^Trying to backward through the graph a second time",
        """The first backward pass freed the intermediate values the graph had saved
        for computing gradients, so the same graph cannot be walked again. Fix: call the
        first backward with retain_graph=True (out.backward(retain_graph=True); in the
        Backward panel, keep "retain graph" ticked) if you really want to backward twice --
        the gradients then add up in .grad -- or re-run the forward computation to build a
        fresh graph before each backward.""",
        "RuntimeError",
    ),
    _entry(
        "no_grad_fn",
        r"^element \d+ of tensors does not require grad and does not have a grad_fn",
        """The tensor you called .backward() on is not connected to anything that
        requires grad: its grad_fn is None, so there is no graph to go back through. This
        happens when none of its inputs has requires_grad=True, when it was computed under
        torch.no_grad() (or with the grad-mode switch off), or after .detach(). Fix: create
        the input leaf with requires_grad=True (e.g. torch.ones(2, 2, requires_grad=True))
        and compute the output outside no_grad.""",
        "RuntimeError",
    ),
    _entry(
        "leaf_in_place",
        r"^a leaf Variable that requires grad is being used in an in-place operation",
        """You changed a leaf tensor that requires grad in place (x += 1, x.add_(...),
        x[0] = ...). Autograd forbids that because the leaf's old value may be needed to
        compute gradients. Fix: make a new tensor instead (x = x + 1), or, to change the
        parameter's values on purpose (as an optimizer step does), do it inside
        with torch.no_grad(): so it is not recorded.""",
        "RuntimeError",
    ),
    _entry(
        "saved_tensor_modified",
        r"^one of the variables needed for gradient computation has been modified by an "
        r"inplace operation",
        """A tensor that autograd saved during the forward pass (to compute a gradient
        later) was changed in place afterwards, so its version counter no longer matches
        ("is at version 1; expected version 0"). Backward refuses to use the wrong values.
        Fix: use the out-of-place form of the operation that modified it (y = y + 1
        instead of y += 1 or y.add_(1)), or use .clone() before modifying it.""",
        "RuntimeError",
    ),
    _entry(
        "non_leaf_requires_grad",
        r"^you can only change requires_grad flags of leaf variables",
        """requires_grad can only be changed on a leaf (a tensor you created, not the
        result of an operation on tensors that require grad). A computed tensor
        requires grad because its inputs do; that cannot be switched off. Fix: to use its
        value without tracking, take y.detach(); to stop tracking an input, change
        requires_grad on the leaf it was computed from.""",
        "RuntimeError",
    ),
    _entry(
        "non_leaf_grad",
        r"^The \.grad attribute of a Tensor that is not a leaf Tensor is being accessed",
        """.grad is only filled for leaf tensors that require grad (the ones you created
        with requires_grad=True); for an intermediate result it stays None and backward
        does not store it, to save memory. Fix: read .grad of the leaf instead, or call
        y.retain_grad() on the intermediate tensor before backward to keep its
        gradient.""",
        "UserWarning",
    ),
    _entry(
        "grad_is_none",
        r"^'NoneType' object has no attribute",
        """Something was None where a tensor was expected -- in autograd code this is
        almost always .grad: it is None until a backward pass has reached the tensor,
        and it stays None for tensors that do not require grad and for non-leaf tensors.
        Since PyTorch 2.0, optimizer.zero_grad() and model.zero_grad() also set every .grad
        to None (set_to_none=True) instead of filling it with zeros. Fix: call .backward()
        first (x.grad.zero_() only works after it), check that the tensor is a leaf with
        requires_grad=True, guard with if x.grad is not None: x.grad.zero_(), or call
        optimizer.zero_grad(set_to_none=False) to keep zero tensors.""",
        "AttributeError",
    ),
    _entry(
        "integer_requires_grad",
        r"^[Oo]nly Tensors of floating point (and complex )?dtype can require gradients",
        """Gradients only exist for floating-point (and complex) tensors, and this one
        holds integers (torch.tensor([1, 2]) is int64). Fix: make it float, e.g.
        torch.tensor([1.0, 2.0], requires_grad=True) or pass dtype=torch.float32.""",
        "RuntimeError",
    ),
    _entry(
        "numpy_requires_grad",
        r"^Can't call numpy\(\) on Tensor that requires grad",
        """A tensor that is part of the autograd graph cannot be turned into a NumPy array
        directly, since NumPy would not track the operations. Fix: detach it first,
        t.detach().numpy(), or read values with t.tolist().""",
        "RuntimeError",
    ),
    _entry(
        "autograd_grad_input",
        r"^One of the differentiated Tensors does not require grad",
        """torch.autograd.grad(outputs, inputs) was asked for the gradient with respect
        to a tensor that does not require grad. Fix: create that input with
        requires_grad=True, or leave it out of inputs.""",
        "RuntimeError",
    ),
)


def explanation_for(message: str, exc_type: str | None = None) -> Explanation | None:
    """The known entry for PyTorch's ``message`` (of type ``exc_type``), or ``None``; its
    stable ``key`` lets the window show the text in the interface's language."""
    for entry in EXPLANATIONS:
        if entry.types and exc_type is not None and exc_type not in entry.types:
            continue
        if entry.pattern.search(message):
            return entry
    return None


def explanation_for_chunk(chunk: OutputChunk) -> Explanation | None:
    """The known entry for a warning in the run's output (e.g. ``.grad`` of a non-leaf)."""
    if chunk.kind != "warning":
        return None
    text = chunk.text
    match = re.search(r"(\w+Warning): (.*)", text, re.S)
    if match:
        return explanation_for(match.group(2).strip(), match.group(1))
    return explanation_for(text.strip(), None)


def explain_message(message: str, exc_type: str | None = None) -> str | None:
    """The explanation for PyTorch's ``message`` (of type ``exc_type``), or ``None``."""
    entry = explanation_for(message, exc_type)
    return entry.text if entry else None


def explain(error: PlaygroundError) -> str | None:
    """A one-paragraph plain-language explanation of ``error`` and its fix, or ``None``
    when it is not one of the known autograd errors."""
    return explain_message(error.message, error.exc_type)


def explain_chunk(chunk: OutputChunk) -> str | None:
    """The explanation for a warning in the run's output (e.g. ``.grad`` of a non-leaf)."""
    entry = explanation_for_chunk(chunk)
    return entry.text if entry else None
