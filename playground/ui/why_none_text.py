"""The kernel's "Why is this gradient None?" sentences in the interface's language.

:mod:`playground.kernel.why_none` words each answer in English from a template key and
its arguments (names, line numbers, code: :mod:`playground.core.phrase`) and sends both;
this table repeats each English template inside ``QT_TRANSLATE_NOOP`` so that
``pyside6-lupdate`` puts it in the catalogue, and the window builds the sentence again
from the translated templates. A test keeps both tables the same; an answer whose key is
unknown, or whose English here differs from the kernel's sentence, shows in English.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from playground.ui.keyed_text import translated_sentence

#: Translation context of the sentences.
CONTEXT = "WhyNone"

#: Key -> English template, exactly as :data:`playground.kernel.why_none.TEMPLATES`.
SOURCES: dict[str, str] = {
    "and": QT_TRANSLATE_NOOP(
        "WhyNone",
        " and ",
    ),
    "the_backward_call": QT_TRANSLATE_NOOP(
        "WhyNone",
        "the backward call",
    ),
    "the_output": QT_TRANSLATE_NOOP(
        "WhyNone",
        "the output",
    ),
    "by_zero_grad": QT_TRANSLATE_NOOP(
        "WhyNone",
        " by zero_grad()",
    ),
    "by_code": QT_TRANSLATE_NOOP(
        "WhyNone",
        " by {code}",
    ),
    "has_grad_used": QT_TRANSLATE_NOOP(
        "WhyNone",
        "{out} does depend on {name}, so torch.autograd.grad returns a gradient for it "
        "(it is not None).",
    ),
    "allow_unused": QT_TRANSLATE_NOOP(
        "WhyNone",
        "torch.autograd.grad returned None for {name} because {out} does not depend on "
        "it and allow_unused=True asks for None instead of an error. Fix: use {name} in"
        " the computation of {out}, or pass materialize_grads=True to get zeros.",
    ),
    "zeroed_zeros": QT_TRANSLATE_NOOP(
        "WhyNone",
        "{name}.grad is all zeros because it was zeroed{how} at line {line} (after the "
        "backward). Fix: read {name}.grad before zeroing it, or zero the gradients "
        "before {call} instead.",
    ),
    "has_grad_zeros": QT_TRANSLATE_NOOP(
        "WhyNone",
        "{name} has a gradient, and it is all zeros: the backward reached it, but {out}"
        " does not change when {name} changes here (e.g. a relu or a max that ignores "
        "it).",
    ),
    "has_grad": QT_TRANSLATE_NOOP(
        "WhyNone",
        "{name} has a gradient: {name}.grad is not None.",
    ),
    "made_no_grad": QT_TRANSLATE_NOOP(
        "WhyNone",
        "{name} does not require grad: it was made inside torch.no_grad() at line "
        "{line}, so autograd does not track it. Fix: compute {name} outside no_grad and"
        " without .detach()/.data, or read .grad of the leaf it came from.",
    ),
    "made_detach": QT_TRANSLATE_NOOP(
        "WhyNone",
        "{name} does not require grad: it was made by .detach() at line {line}, so "
        "autograd does not track it. Fix: compute {name} outside no_grad and without "
        ".detach()/.data, or read .grad of the leaf it came from.",
    ),
    "made_data": QT_TRANSLATE_NOOP(
        "WhyNone",
        "{name} does not require grad: it was made from .data at line {line}, so "
        "autograd does not track it. Fix: compute {name} outside no_grad and without "
        ".detach()/.data, or read .grad of the leaf it came from.",
    ),
    "no_requires_grad": QT_TRANSLATE_NOOP(
        "WhyNone",
        "{name} does not require grad, so backward never computes a gradient for it. "
        "Fix: create it with requires_grad=True (e.g. torch.ones(2, "
        "requires_grad=True)) or call {name}.requires_grad_() before using it.",
    ),
    "non_leaf": QT_TRANSLATE_NOOP(
        "WhyNone",
        "{name} is not a leaf: PyTorch keeps .grad only for leaves, to save memory. "
        "Fix: call {name}.retain_grad() right after computing it, before {call}.",
    ),
    "non_leaf_at": QT_TRANSLATE_NOOP(
        "WhyNone",
        "{name} is not a leaf (computed at line {line}): PyTorch keeps .grad only for "
        "leaves, to save memory. Fix: call {name}.retain_grad() right after computing "
        "it, before {call}.",
    ),
    "no_backward": QT_TRANSLATE_NOOP(
        "WhyNone",
        "No backward has run, so {name}.grad is still None. Fix: call .backward() on a "
        "scalar computed from {name} (e.g. loss.backward()).",
    ),
    "cut_no_grad": QT_TRANSLATE_NOOP(
        "WhyNone",
        "{name}'s path to {out} is cut at line {line}: it was used inside "
        "torch.no_grad(), so the result does not depend on {name} for autograd and "
        "backward never reaches it. Fix: compute that step outside the with "
        "torch.no_grad(): block.",
    ),
    "cut_detach": QT_TRANSLATE_NOOP(
        "WhyNone",
        "{name}'s path to {out} is cut at line {line}: it was detached "
        "({name}.detach()), so the result does not depend on {name} for autograd and "
        "backward never reaches it. Fix: use {name} itself instead of {name}.detach().",
    ),
    "cut_data": QT_TRANSLATE_NOOP(
        "WhyNone",
        "{name}'s path to {out} is cut at line {line}: it was used through {name}.data,"
        " so the result does not depend on {name} for autograd and backward never "
        "reaches it. Fix: use {name} itself instead of {name}.data.",
    ),
    "cut_twin": QT_TRANSLATE_NOOP(
        "WhyNone",
        "{name}'s path to {out} is cut: {twin} shares {name}'s data but is off the "
        "graph (made by .detach() or .data), so backward never reaches {name}. Fix: use"
        " {name} itself instead of {twin} in the computation of {out}.",
    ),
    "unreachable": QT_TRANSLATE_NOOP(
        "WhyNone",
        "{out} does not depend on {name}: backward from {out} never reaches it, so "
        "{name}.grad stays None. Fix: use {name} in the computation of {out} (without "
        "torch.no_grad(), .detach() or .data on the way).",
    ),
    "zeroed_none": QT_TRANSLATE_NOOP(
        "WhyNone",
        "{name}.grad is None: it was zeroed{how} at line {line}, after {call} (x.grad ="
        " None, or zero_grad(), which sets gradients to None since PyTorch 2.0). Fix: "
        "read {name}.grad before zeroing, or zero the gradients before {call} instead.",
    ),
    "reached_none": QT_TRANSLATE_NOOP(
        "WhyNone",
        "backward from {out} reaches {name} but {name}.grad is None: the backward did "
        "not finish or its gradient was cleared. Fix: run {call} again and read "
        "{name}.grad right after it.",
    ),
    "no_explanation": QT_TRANSLATE_NOOP(
        "WhyNone",
        "(no explanation: {error})",
    ),
}


def sentence(why: Any) -> str:
    """The sentence of *why* (a ``WhyNoneView``) in the interface's language: its key's
    translated template with its arguments, else the kernel's English sentence."""
    key, args = getattr(why, "key", ""), getattr(why, "args", {})
    return translated_sentence(CONTEXT, SOURCES, key, args, why.sentence)
