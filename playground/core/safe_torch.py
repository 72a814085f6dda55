"""The PyTorch surface a playground script may touch, and the size guards around it.

Public name sets (for the checker, the editor highlighter and the "Add operation" form):
``TORCH_FUNCTIONS``, ``F_FUNCTIONS``, ``TENSOR_METHODS``, ``TENSOR_ATTRIBUTES``,
``DTYPES``, ``BUILTINS``. Everything else of ``torch`` is unreachable.

The guards compute what an operation would allocate *before* it runs (from shapes,
with ``torch.broadcast_shapes`` or a dry run on the ``meta`` device, which allocates
nothing) and raise :class:`LimitExceeded` when it is too big.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import torch

from playground.core.errors import LimitExceeded
from playground.core.limits import Limits

_ELEMENTWISE = """add sub mul div pow exp log log1p sqrt abs neg sin cos tan tanh sigmoid relu
clamp square maximum minimum where rsqrt exp2 log2 log10 floor ceil round trunc sign reciprocal
true_divide floor_divide remainder fmod atan2 asin acos atan sinh cosh asinh acosh atanh erf
isnan isinf isfinite logical_not logical_and logical_or eq ne lt le gt ge clip lerp
""".split()
_REDUCTIONS = (
    "sum mean prod std var norm max min cumsum cumprod argmax argmin any all logsumexp".split()
)
_LINALG = "matmul mm mv dot outer einsum bmm".split()
_SHAPE = "cat stack reshape flatten squeeze unsqueeze transpose t chunk split unbind".split()
_CREATION = """tensor ones zeros full eye arange linspace rand randn randint ones_like zeros_like
full_like rand_like randn_like randint_like manual_seed""".split()

#: ``torch.<name>`` functions a script may call (plus the grad-mode helpers and ``Size``).
TORCH_FUNCTIONS: frozenset[str] = frozenset(
    name
    for name in _ELEMENTWISE
    + _REDUCTIONS
    + _LINALG
    + _SHAPE
    + _CREATION
    + """softmax log_softmax is_grad_enabled no_grad enable_grad set_grad_enabled inference_mode
    is_inference_mode_enabled numel is_tensor is_floating_point allclose equal isclose
    broadcast_shapes Size get_default_dtype""".split()
    if hasattr(torch, name)
)

#: ``torch.nn.functional.<name>`` functions a script may call.
F_FUNCTIONS: frozenset[str] = frozenset(
    """relu sigmoid tanh gelu silu leaky_relu softmax log_softmax linear mse_loss l1_loss
    cross_entropy binary_cross_entropy nll_loss elu softplus relu6 hardtanh normalize
    smooth_l1_loss binary_cross_entropy_with_logits""".split()
)

#: Tensor methods a script may call.
TENSOR_METHODS: frozenset[str] = frozenset(
    name
    for name in _ELEMENTWISE
    + _REDUCTIONS
    + "matmul mm mv dot outer bmm".split()
    + "reshape flatten squeeze unsqueeze transpose t chunk split unbind".split()
    + """softmax log_softmax view view_as expand expand_as repeat permute contiguous clone
    detach detach_ item tolist numel dim size float double long int half bool to type
    is_floating_point backward retain_grad requires_grad_ zero_ fill_ add_ sub_ mul_ div_
    pow_ clamp_ copy_ exp_ neg_ sqrt_ abs_ relu_ sigmoid_ tanh_ square_ masked_fill
    allclose equal isclose cpu element_size squeeze_ unsqueeze_ t_""".split()
    if hasattr(torch.Tensor, name)
)

#: Tensor attributes (not methods) a script may read; ``data``, ``grad`` and
#: ``requires_grad`` may also be assigned.
TENSOR_ATTRIBUTES: frozenset[str] = frozenset(
    """shape dtype device ndim T mT grad data grad_fn requires_grad is_leaf retains_grad
    _version itemsize nbytes is_cuda""".split()
)

#: ``torch.<dtype>`` names.
DTYPES: frozenset[str] = frozenset(
    """float16 bfloat16 float32 float64 float double half int8 int16 int32 int64 long int
    short uint8 bool complex64 complex128""".split()
)

#: Built-in functions a script may call.
BUILTINS: frozenset[str] = frozenset(
    """print range len float int bool abs min max round sum repr str list tuple enumerate
    zip""".split()
)

#: Attributes of assignment targets (``x.data = ...``).
ASSIGNABLE_ATTRIBUTES: frozenset[str] = frozenset({"data", "grad", "requires_grad"})

#: Attributes of autograd graph nodes (``y.grad_fn.next_functions``); ``_saved_*`` too.
NODE_ATTRIBUTES: frozenset[str] = frozenset({"name", "next_functions", "variable"})

#: Attributes of dtypes.
DTYPE_ATTRIBUTES: frozenset[str] = frozenset({"is_floating_point", "is_complex", "itemsize"})

#: Attributes of ``torch.return_types`` results (``x.max(dim=0).values``).
RETURN_TYPE_ATTRIBUTES: frozenset[str] = frozenset({"values", "indices"})

#: Methods of lists.
LIST_METHODS: frozenset[str] = frozenset({"append", "pop"})

#: Members of each importable module (``from torch import nn``).
MODULE_MEMBERS: dict[str, frozenset[str]] = {
    "torch": TORCH_FUNCTIONS | DTYPES | frozenset({"autograd", "nn"}),
    "torch.nn": frozenset({"functional"}),
    "torch.nn.functional": F_FUNCTIONS,
    "torch.autograd": frozenset({"grad", "backward"}),
}

#: Every attribute name that may appear in a script at all.
ALL_ATTRIBUTES: frozenset[str] = frozenset().union(
    TORCH_FUNCTIONS,
    F_FUNCTIONS,
    TENSOR_METHODS,
    TENSOR_ATTRIBUTES,
    DTYPES,
    NODE_ATTRIBUTES,
    DTYPE_ATTRIBUTES,
    RETURN_TYPE_ATTRIBUTES,
    LIST_METHODS,
    frozenset({"autograd", "nn", "functional", "grad", "backward"}),
)

#: Names of the grad-mode context managers that ``with`` accepts.
GRAD_MODE_TYPES: tuple[type, ...] = (
    torch.no_grad,
    torch.enable_grad,
    torch.set_grad_enabled,
    torch.inference_mode,
)

# ---------------------------------------------------------------- size guards

_FACTORIES_VARARG_SHAPE = frozenset({"ones", "zeros", "rand", "randn", "empty"})
_BROADCASTING = frozenset(
    set(_ELEMENTWISE) | {"where", "lerp", "masked_fill", "mse_loss", "l1_loss", "smooth_l1_loss"}
)
_META_CHECKED = frozenset(
    {
        "matmul",
        "mm",
        "mv",
        "dot",
        "outer",
        "bmm",
        "einsum",
        "cat",
        "stack",
        "repeat",
        "linear",
        "expand",
    }
)
_FLOP_CHECKED = frozenset({"matmul", "mm", "mv", "dot", "bmm", "linear"})


def _dtype_size(kwargs: dict[str, Any]) -> int:
    dtype = kwargs.get("dtype")
    if isinstance(dtype, torch.dtype):
        return dtype.itemsize
    return torch.get_default_dtype().itemsize


def check_numel(numel: int, itemsize: int, limits: Limits, what: str = "a tensor") -> None:
    """Raise :class:`LimitExceeded` when ``numel`` elements of ``itemsize`` bytes is too big."""
    if numel > limits.max_elements:
        raise LimitExceeded(
            f"{what} of {numel:,} elements is over the playground's limit of "
            f"{limits.max_elements:,} elements"
        )
    if numel * itemsize > limits.max_bytes:
        raise LimitExceeded(
            f"{what} of {numel * itemsize:,} bytes is over the playground's limit of "
            f"{limits.max_bytes:,} bytes"
        )


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, torch.Tensor) and value.numel() == 1 and not value.is_floating_point():
        return int(value.item())
    return None


def _shape_numel(shape: Any) -> int | None:
    """Product of a shape given as a sequence of ints (``None`` if it is not one)."""
    if isinstance(shape, torch.Tensor) or not isinstance(shape, (list, tuple)):
        size = _as_int(shape)
        return None if size is None else max(size, 0)
    total = 1
    for dim in shape:
        size = _as_int(dim)
        if size is None:
            return None
        total *= max(size, 0)
    return total


def _count(start: float, end: float, step: float) -> int:
    if step == 0 or not all(math.isfinite(v) for v in (start, end, step)):
        return 0
    return max(0, math.ceil((end - start) / step))


def _factory_numel(name: str, args: Sequence[Any], kwargs: dict[str, Any]) -> int | None:
    if "size" in kwargs:
        return _shape_numel(kwargs["size"])
    if name == "eye":
        n = _as_int(args[0]) if args else _as_int(kwargs.get("n"))
        m = _as_int(args[1]) if len(args) > 1 else _as_int(kwargs.get("m", n))
        return None if n is None or m is None else max(n, 0) * max(m, 0)
    if name == "arange":
        nums = [float(a) for a in args if isinstance(a, (int, float)) and not isinstance(a, bool)]
        if len(nums) == 1:
            return _count(0.0, nums[0], 1.0)
        if len(nums) == 2:
            return _count(nums[0], nums[1], float(kwargs.get("step", 1)))
        if len(nums) >= 3:
            return _count(nums[0], nums[1], nums[2])
        return None
    if name == "linspace":
        steps = args[2] if len(args) > 2 else kwargs.get("steps")
        return _shape_numel(steps)
    for arg in args:
        if isinstance(arg, (list, tuple)):
            return _shape_numel(arg)
    if name in _FACTORIES_VARARG_SHAPE:
        return _shape_numel(tuple(args))
    return None


def _to_meta(value: Any) -> Any:
    if isinstance(value, torch.Tensor):
        return torch.empty(value.shape, dtype=value.dtype, device="meta")
    if isinstance(value, (list, tuple)) and any(isinstance(v, torch.Tensor) for v in value):
        return (
            type(value)(_to_meta(v) for v in value)
            if isinstance(value, list)
            else tuple(_to_meta(v) for v in value)
        )
    return value


def _meta_result_numel(
    fn: Callable[..., Any], args: Sequence[Any], kwargs: dict[str, Any]
) -> int | None:
    try:
        out = fn(*[_to_meta(a) for a in args], **{k: _to_meta(v) for k, v in kwargs.items()})
    except Exception:  # noqa: BLE001 - the real call will raise PyTorch's own error
        return None
    return out.numel() if isinstance(out, torch.Tensor) else None


def _einsum_work(args: Sequence[Any]) -> int | None:
    if not args or not isinstance(args[0], str):
        return None
    equation = args[0].replace(" ", "")
    operands = [a for a in args[1:] if isinstance(a, torch.Tensor)]
    if len(args) == 2 and isinstance(args[1], (list, tuple)):
        operands = [a for a in args[1] if isinstance(a, torch.Tensor)]
    inputs = equation.split("->")[0].split(",")
    sizes: dict[str, int] = {}
    ellipsis = 1
    for spec, tensor in zip(inputs, operands, strict=False):
        letters = spec.replace("...", "")
        dims = list(tensor.shape)
        if "..." in spec:
            head, tail = spec.split("...")
            for letter, dim in zip(head, dims[: len(head)], strict=False):
                sizes[letter] = max(sizes.get(letter, 1), dim)
            tail_dims = dims[len(dims) - len(tail) :] if tail else []
            for letter, dim in zip(tail, tail_dims, strict=False):
                sizes[letter] = max(sizes.get(letter, 1), dim)
            middle = dims[len(head) : len(dims) - len(tail)]
            ellipsis = max(ellipsis, math.prod(middle))
        else:
            for letter, dim in zip(letters, dims, strict=False):
                sizes[letter] = max(sizes.get(letter, 1), dim)
    return math.prod(sizes.values()) * ellipsis


def guard_call(
    name: str,
    fn: Callable[..., Any],
    args: Sequence[Any],
    kwargs: dict[str, Any],
    limits: Limits,
    *,
    factory: bool = False,
) -> None:
    """Refuse the call ``fn(*args, **kwargs)`` (``torch.<name>``, ``F.<name>`` or a tensor
    method with the tensor first in ``args``) when its result would be too big."""
    if factory and name in _CREATION:
        numel = _factory_numel(name, args, kwargs)
        if numel is not None:
            check_numel(numel, _dtype_size(kwargs), limits)
        return
    if name in _BROADCASTING:
        shapes = [
            a.shape for a in list(args) + list(kwargs.values()) if isinstance(a, torch.Tensor)
        ]
        if len(shapes) > 1:
            try:
                shape = torch.broadcast_shapes(*shapes)
            except RuntimeError:
                return  # the real call raises PyTorch's own message
            check_numel(math.prod(shape), 8, limits)
        return
    if name in _META_CHECKED:
        if name == "einsum":
            work = _einsum_work(args)
            if work is not None and work > limits.max_matmul_flops:
                raise LimitExceeded(
                    f"einsum needs {work:,} multiply-adds, over the playground's limit of "
                    f"{limits.max_matmul_flops:,}"
                )
        numel = _meta_result_numel(fn, args, kwargs)
        if numel is None:
            return
        check_numel(numel, 8, limits, "the result")
        if name in _FLOP_CHECKED and args and isinstance(args[0], torch.Tensor):
            inner = args[0].shape[-1] if args[0].dim() else 1
            if numel * inner > limits.max_matmul_flops:
                raise LimitExceeded(
                    f"{name} needs {numel * inner:,} multiply-adds, over the playground's "
                    f"limit of {limits.max_matmul_flops:,}"
                )


def check_result(value: Any, limits: Limits) -> None:
    """Refuse a tensor result (even a view) larger than ``limits.max_elements``."""
    if isinstance(value, torch.Tensor):
        numel = value.numel()
        if numel > limits.max_elements:
            check_numel(numel, value.element_size(), limits)
    elif isinstance(value, (tuple, list)) and len(value) < 64:
        for item in value:
            if isinstance(item, torch.Tensor):
                check_result(item, limits)


def index_bound(tensor: torch.Tensor, index: Any) -> int:
    """An upper bound of the elements ``tensor[index]`` can have."""
    parts = index if isinstance(index, tuple) else (index,)
    bound = max(tensor.numel(), 1)
    for part in parts:
        if isinstance(part, torch.Tensor) and part.dtype != torch.bool:
            bound *= max(part.numel(), 1)
        elif isinstance(part, list):
            bound *= max(len(part), 1)
    return bound


def index_numel(tensor: torch.Tensor, index: Any) -> int | None:
    """Elements of ``tensor[index]`` when ``index`` uses advanced indexing (``None`` for
    basic indexing, which only makes views). Computed on the ``meta`` device when
    possible, else bounded from above."""
    parts = index if isinstance(index, tuple) else (index,)
    if not any(isinstance(p, (torch.Tensor, list)) for p in parts):
        return None
    try:
        meta_parts = tuple(_to_meta(torch.tensor(p) if isinstance(p, list) else p) for p in parts)
        if not any(isinstance(p, torch.Tensor) and p.dtype == torch.bool for p in meta_parts):
            meta = torch.empty(tensor.shape, dtype=tensor.dtype, device="meta")
            return meta[meta_parts if isinstance(index, tuple) else meta_parts[0]].numel()
    except Exception:  # noqa: BLE001 - fall back to the bound; the real call reports errors
        pass
    return index_bound(tensor, index)
