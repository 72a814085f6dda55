"""The error explanations of :mod:`playground.core.explain` in the interface's language.

The core module keeps the English text with a stable key (it is Qt-free and also used by
the command line); this table repeats each text inside ``QT_TRANSLATE_NOOP`` so that
``pyside6-lupdate`` (which reads ``playground/ui``) puts it in the catalogue. A test
checks that both stay the same; an entry whose text changed shows in English.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from playground.core.explain import Explanation

#: Translation context of the explanations.
CONTEXT = "Explanation"

#: Key -> English text, exactly as :data:`playground.core.explain.EXPLANATIONS` has it.
SOURCES: dict[str, str] = {
    "function_grad_count": QT_TRANSLATE_NOOP(
        "Explanation",
        "A custom torch.autograd.Function's backward must return one gradient for "
        "each input of its forward (ctx excluded), in the same order, even for inputs "
        "that need none. Fix: return a tuple as long as forward's argument list, with "
        "None for the inputs that do not require grad (ctx.needs_input_grad tells "
        "which do), e.g. return grad_output * y, None.",
    ),
    "non_scalar_backward": QT_TRANSLATE_NOOP(
        "Explanation",
        "You called .backward() on a tensor that holds more than one number. Autograd "
        "computes a vector-Jacobian product, so for a non-scalar output it needs the "
        "vector: a tensor of the same shape saying how much each element counts. Fix: "
        "pass it, e.g. z.backward(torch.ones_like(z)) (or a weight tensor w, as in "
        "z.backward(w)), or reduce to a scalar first, e.g. z.sum().backward() or "
        "z.mean().backward().",
    ),
    "second_backward": QT_TRANSLATE_NOOP(
        "Explanation",
        "The first backward pass freed the intermediate values the graph had saved "
        "for computing gradients, so the same graph cannot be walked again. Fix: call "
        "the first backward with retain_graph=True (out.backward(retain_graph=True); "
        'in the Backward panel, keep "retain graph" ticked) if you really want to '
        "backward twice -- the gradients then add up in .grad -- or re-run the "
        "forward computation to build a fresh graph before each backward.",
    ),
    "no_grad_fn": QT_TRANSLATE_NOOP(
        "Explanation",
        "The tensor you called .backward() on is not connected to anything that "
        "requires grad: its grad_fn is None, so there is no graph to go back through. "
        "This happens when none of its inputs has requires_grad=True, when it was "
        "computed under torch.no_grad() (or with the grad-mode switch off), or after "
        ".detach(). Fix: create the input leaf with requires_grad=True (e.g. "
        "torch.ones(2, 2, requires_grad=True)) and compute the output outside "
        "no_grad.",
    ),
    "leaf_in_place": QT_TRANSLATE_NOOP(
        "Explanation",
        "You changed a leaf tensor that requires grad in place (x += 1, x.add_(...), "
        "x[0] = ...). Autograd forbids that because the leaf's old value may be "
        "needed to compute gradients. Fix: make a new tensor instead (x = x + 1), or, "
        "to change the parameter's values on purpose (as an optimizer step does), do "
        "it inside with torch.no_grad(): so it is not recorded.",
    ),
    "saved_tensor_modified": QT_TRANSLATE_NOOP(
        "Explanation",
        "A tensor that autograd saved during the forward pass (to compute a gradient "
        "later) was changed in place afterwards, so its version counter no longer "
        'matches ("is at version 1; expected version 0"). Backward refuses to use the '
        "wrong values. Fix: use the out-of-place form of the operation that modified "
        "it (y = y + 1 instead of y += 1 or y.add_(1)), or use .clone() before "
        "modifying it.",
    ),
    "non_leaf_requires_grad": QT_TRANSLATE_NOOP(
        "Explanation",
        "requires_grad can only be changed on a leaf (a tensor you created, not the "
        "result of an operation on tensors that require grad). A computed tensor "
        "requires grad because its inputs do; that cannot be switched off. Fix: to "
        "use its value without tracking, take y.detach(); to stop tracking an input, "
        "change requires_grad on the leaf it was computed from.",
    ),
    "non_leaf_grad": QT_TRANSLATE_NOOP(
        "Explanation",
        ".grad is only filled for leaf tensors that require grad (the ones you "
        "created with requires_grad=True); for an intermediate result it stays None "
        "and backward does not store it, to save memory. Fix: read .grad of the leaf "
        "instead, or call y.retain_grad() on the intermediate tensor before backward "
        "to keep its gradient.",
    ),
    "grad_is_none": QT_TRANSLATE_NOOP(
        "Explanation",
        "Something was None where a tensor was expected -- in autograd code this is "
        "almost always .grad: it is None until a backward pass has reached the "
        "tensor, and it stays None for tensors that do not require grad and for "
        "non-leaf tensors. Since PyTorch 2.0, optimizer.zero_grad() and "
        "model.zero_grad() also set every .grad to None (set_to_none=True) instead of "
        "filling it with zeros. Fix: call .backward() first (x.grad.zero_() only "
        "works after it), check that the tensor is a leaf with requires_grad=True, "
        "guard with if x.grad is not None: x.grad.zero_(), or call "
        "optimizer.zero_grad(set_to_none=False) to keep zero tensors.",
    ),
    "integer_requires_grad": QT_TRANSLATE_NOOP(
        "Explanation",
        "Gradients only exist for floating-point (and complex) tensors, and this one "
        "holds integers (torch.tensor([1, 2]) is int64). Fix: make it float, e.g. "
        "torch.tensor([1.0, 2.0], requires_grad=True) or pass dtype=torch.float32.",
    ),
    "numpy_requires_grad": QT_TRANSLATE_NOOP(
        "Explanation",
        "A tensor that is part of the autograd graph cannot be turned into a NumPy "
        "array directly, since NumPy would not track the operations. Fix: detach it "
        "first, t.detach().numpy(), or read values with t.tolist().",
    ),
    "autograd_grad_input": QT_TRANSLATE_NOOP(
        "Explanation",
        "torch.autograd.grad(outputs, inputs) was asked for the gradient with respect "
        "to a tensor that does not require grad. Fix: create that input with "
        "requires_grad=True, or leave it out of inputs.",
    ),
}


def translated(entry: Explanation) -> str:
    """*entry*'s text in the interface's language (English when no translation applies)."""
    if SOURCES.get(entry.key) != entry.text:
        return entry.text
    return QCoreApplication.translate(CONTEXT, entry.text)
