"""The PyTorch surface a playground script may touch, and the size guards around it.

Public name sets (for the checker and the interpreter): ``TORCH_FUNCTIONS``,
``F_FUNCTIONS``, ``TENSOR_METHODS``, ``TENSOR_ATTRIBUTES``, ``DTYPES``, ``BUILTINS``,
built from the plain tables of :mod:`playground.core.names_table` (which the window's
highlighter and forms read without importing torch). Everything else of ``torch`` is
unreachable.

The guards compute what an operation would allocate *before* it runs, from the shapes
alone (broadcasting, matrix products, ``repeat``, ``cat``, ``einsum``, advanced
indexing, factories), and raise :class:`LimitExceeded` when it is too big. They use
plain arithmetic: ``torch.broadcast_shapes`` and the ``meta`` device take a second or
more to import on first use.
"""

from __future__ import annotations

import math
import operator
import os
from collections.abc import Callable, Sequence
from typing import Any

import torch

from playground.core.errors import LimitExceeded
from playground.core.limits import Limits
from playground.core.names_table import (  # noqa: F401 (the plain tables, re-exported)
    BUILTINS,
    CREATION,
    DTYPES,
    ELEMENTWISE,
    F_FUNCTIONS,
    REDUCTIONS,
    TENSOR_ATTRIBUTES,
)
from playground.core.names_table import TENSOR_METHODS as _TENSOR_METHOD_NAMES
from playground.core.names_table import TORCH_FUNCTIONS as _TORCH_FUNCTION_NAMES

_ELEMENTWISE = ELEMENTWISE
_REDUCTIONS = REDUCTIONS
_CREATION = CREATION

#: ``torch.<name>`` functions a script may call (plus the grad-mode helpers and ``Size``):
#: the names of :mod:`playground.core.names_table` that this PyTorch has.
TORCH_FUNCTIONS: frozenset[str] = frozenset(
    name for name in _TORCH_FUNCTION_NAMES if hasattr(torch, name)
)

#: Tensor methods a script may call (those of the names table this PyTorch has).
TENSOR_METHODS: frozenset[str] = frozenset(
    name for name in _TENSOR_METHOD_NAMES if hasattr(torch.Tensor, name)
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
    set(_ELEMENTWISE)
    | {"where", "lerp", "masked_fill", "mse_loss", "l1_loss", "smooth_l1_loss", "allclose"}
    | {"isclose", "binary_cross_entropy", "binary_cross_entropy_with_logits", "copy_"}
)
_PRODUCTS = frozenset({"matmul", "mm", "mv", "dot", "outer", "bmm", "linear", "repeat"})


def broadcast_shape(*shapes: Sequence[int]) -> tuple[int, ...] | None:
    """The broadcast of ``shapes`` (``None`` when they do not broadcast). Plain Python:
    ``torch.broadcast_shapes`` takes a second to import on first use."""
    ndim = max((len(shape) for shape in shapes), default=0)
    out = [1] * ndim
    for shape in shapes:
        offset = ndim - len(shape)
        for i, size in enumerate(shape):
            current = out[offset + i]
            if current == 1:
                out[offset + i] = size
            elif size not in (1, current):
                return None
    return tuple(out)


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


def _as_float(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, torch.Tensor) and value.numel() == 1:
        return float(value.item())
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
        nums = [_as_float(a) for a in args]
        if len(nums) == 1 and "end" not in kwargs:
            nums = [0.0, nums[0]]
        names = ("start", "end", "step")
        values = dict(zip(names, nums, strict=False))
        for key in names:
            if key in kwargs:
                values[key] = _as_float(kwargs[key])
        start, end, step = values.get("start", 0.0), values.get("end"), values.get("step", 1.0)
        if start is None or end is None or step is None:
            return None
        return _count(start, end, step)
    if name == "linspace":
        steps = args[2] if len(args) > 2 else kwargs.get("steps")
        return _shape_numel(steps)
    for arg in args:
        if isinstance(arg, (list, tuple)):
            return _shape_numel(arg)
    if name in _FACTORIES_VARARG_SHAPE:
        return _shape_numel(tuple(args))
    return None


def _matmul_size(a: torch.Tensor, b: torch.Tensor) -> tuple[int, int] | None:
    if a.dim() == 0 or b.dim() == 0:
        return None
    sa = tuple(a.shape) if a.dim() >= 2 else (1, a.shape[0])
    sb = tuple(b.shape) if b.dim() >= 2 else (b.shape[0], 1)
    batch = broadcast_shape(sa[:-2], sb[:-2])
    if batch is None:
        return None
    numel = math.prod(batch) * sa[-2] * sb[-1]
    return numel, numel * sa[-1]


def _product_size(name: str, args: Sequence[Any], kwargs: dict[str, Any]) -> tuple[int, int] | None:
    """``(result elements, multiply-adds)`` of a product or ``repeat``, from shapes alone."""
    tensors = [a for a in args if isinstance(a, torch.Tensor)]
    if name == "repeat":
        if not tensors or args[0] is not tensors[0]:
            return None
        sizes = args[1:] if len(args) > 1 else kwargs.get("repeats", ())
        if len(sizes) == 1 and isinstance(sizes[0], (list, tuple)):
            sizes = sizes[0]
        factor = _shape_numel(tuple(sizes))
        return None if factor is None else (args[0].numel() * factor, 0)
    if name == "linear":
        weight = args[1] if len(args) > 1 else kwargs.get("weight")
        inputs = args[0] if args else kwargs.get("input")
        if not isinstance(inputs, torch.Tensor) or not isinstance(weight, torch.Tensor):
            return None
        if inputs.dim() == 0 or weight.dim() == 0:
            return None
        rows = math.prod(inputs.shape[:-1])
        numel = rows * (weight.shape[0] if weight.dim() == 2 else 1)
        return numel, numel * inputs.shape[-1]
    if len(tensors) < 2:
        return None
    a, b = tensors[0], tensors[1]
    if name == "outer":
        return a.numel() * b.numel(), a.numel() * b.numel()
    if name == "dot":
        return 1, a.numel()
    return _matmul_size(a, b)


def _einsum_operands(args: Sequence[Any]) -> tuple[list[tuple[list[Any], torch.Tensor]], Any]:
    """``([(labels, operand), ...], output labels or None)`` of an einsum call, in either
    form (``"ij,jk->ik", a, b`` or ``a, [0, 1], b, [1, 2], [0, 2]``); labels are letters,
    ints or ``Ellipsis``. Raises ``ValueError`` for a call it cannot read."""
    if isinstance(args[0], str):
        equation = args[0].replace(" ", "")
        operands = list(args[1:])
        if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
            operands = list(operands[0])
        specs, _, out = equation.partition("->")
        inputs = [_letters(spec) for spec in specs.split(",")]
        output = _letters(out) if "->" in equation else None
        return list(zip(inputs, operands, strict=True)), output
    pairs = []
    items = list(args)
    while len(items) >= 2 and isinstance(items[0], torch.Tensor):
        pairs.append((list(items[1]), items[0]))
        items = items[2:]
    if len(items) > 1:
        raise ValueError("not an einsum call")
    return pairs, (list(items[0]) if items else None)


def _letters(spec: str) -> list[Any]:
    return [Ellipsis if part == "..." else part for part in spec.replace("...", ".")]


def _einsum_work(args: Sequence[Any]) -> tuple[int, int, int] | None:
    """``(multiply-adds, output elements, largest intermediate)`` of an einsum call, from
    shapes alone, contracting left to right as PyTorch does (no opt_einsum): an upper
    bound with ellipsis dimensions broadcast."""
    if not args:
        return None
    try:
        pairs, output = _einsum_operands(args)
    except (ValueError, TypeError):
        return None  # the real call reports it
    sizes: dict[Any, int] = {}
    operand_keys: list[set[Any]] = []
    ellipsis_keys: set[Any] = set()
    for labels, tensor in pairs:
        if not isinstance(tensor, torch.Tensor):
            return None
        dims = list(tensor.shape)
        keys: list[Any] = []
        if Ellipsis in labels:
            cut = labels.index(Ellipsis)
            width = len(dims) - len(labels) + 1
            keys = [*labels[:cut], *(("...", width - j) for j in range(width)), *labels[cut + 1 :]]
        else:
            keys = list(labels)
        for key, dim in zip(keys, dims, strict=False):
            sizes[key] = max(sizes.get(key, 1), dim)
        ellipsis_keys.update(k for k in keys if isinstance(k, tuple))
        operand_keys.append(set(keys))
    if not operand_keys:
        return None
    if output is None:
        flat = [k for keys in operand_keys for k in keys]
        out_keys = {k for k in flat if flat.count(k) == 1} | ellipsis_keys
    else:
        out_keys = {k for k in output if k is not Ellipsis} | (
            ellipsis_keys if Ellipsis in output else set()
        )

    def size(keys: set[Any]) -> int:
        return math.prod(sizes.get(k, 1) for k in keys)

    running = operand_keys[0]
    work = size(running)
    biggest = 0
    for i in range(1, len(operand_keys)):
        combined = running | operand_keys[i]
        work += size(combined)
        later = set().union(*operand_keys[i + 1 :], out_keys)
        running = combined & later
        if i < len(operand_keys) - 1:
            biggest = max(biggest, size(running))
    return work, size(out_keys), biggest


def nested_numel(value: Any, limit: int) -> int:
    """Elements ``torch.tensor(value)`` would have for a nested list/tuple/range, following
    the first item at each level (shared sub-lists count every time they appear)."""
    total = 1
    depth = 0
    while isinstance(value, (list, tuple, range)) and depth < 64:
        total *= len(value)
        if total == 0 or total > limit:
            return total
        value = value[0]
        depth += 1
    return total


def check_nested(value: Any, limits: Limits) -> None:
    """Refuse a nested list that would become too big a tensor, or that contains itself
    (PyTorch recurses into it until the process crashes)."""
    check_numel(nested_numel(value, limits.max_elements), 1, limits, "a nested list")
    if not any(isinstance(item, (list, tuple)) for item in value):
        return  # flat: nothing can contain it
    seen: set[int] = set()
    stack: list[tuple[Any, frozenset[int]]] = [(value, frozenset())]
    while stack:
        item, path = stack.pop()
        if id(item) in path:
            raise LimitExceeded("a list that contains itself cannot become a tensor")
        if id(item) in seen or len(path) > 64:
            continue
        seen.add(id(item))
        inner = path | {id(item)}
        stack.extend((sub, inner) for sub in item if isinstance(sub, (list, tuple)))


def _check_sequence_args(args: Sequence[Any], kwargs: dict[str, Any], limits: Limits) -> None:
    for value in [*args, *kwargs.values()]:
        if isinstance(value, range):
            check_numel(len(value), 1, limits, "a range")
        elif isinstance(value, (list, tuple)):
            check_nested(value, limits)


def _scalar_text_size(item: Any) -> int:
    if item is None or isinstance(item, (float, bool)):
        return len(repr(item))
    if isinstance(item, int):
        return item.bit_length() * 3 // 10 + 2
    if isinstance(item, str):
        return len(item) + 2
    if isinstance(item, torch.Tensor):
        return tensor_text_size(item)
    return 60


def tensor_text_size(tensor: torch.Tensor) -> int:
    """About (at least) ``len(str(tensor))``, from the elements PyTorch actually shows: all
    of them up to 1,000, else at most 6 per dimension (dims of size <= 6 in full)."""
    numel = tensor.numel()
    shown = numel if numel <= 1000 else math.prod(min(size, 6) for size in tensor.shape)
    per_element = 24 + 2 * tensor.dim()
    if tensor.is_complex():
        per_element *= 2
    return 60 + shown * per_element


_END = object()


def text_size(value: Any, limit: int) -> int:
    """About ``len(str(value))`` (a little more), walking nested lists/tuples lazily and
    stopping once past ``limit``: shared sub-lists count every time they appear, a list
    inside itself counts as ``[...]``."""
    total = 0
    stack: list[tuple[Any, frozenset[int]]] = [(iter((value,)), frozenset())]
    while stack:
        items, path = stack[-1]
        item = next(items, _END)
        if item is _END:
            stack.pop()
            continue
        if isinstance(item, (list, tuple)):
            if id(item) in path or len(path) > 200:
                total += 5  # Python prints [...] (or gives up with RecursionError)
            else:
                total += 2 + 2 * len(item)
                stack.append((iter(item), path | {id(item)}))
        else:
            total += _scalar_text_size(item)
        if total > limit:
            break
    return total


def memory_in_use() -> int | None:
    """Resident memory of this process in bytes (``None`` where it cannot be read)."""
    try:
        fd = os.open("/proc/self/statm", os.O_RDONLY)
        try:
            resident = int(os.read(fd, 200).split()[1])
        finally:
            os.close(fd)
    except (OSError, ValueError, IndexError):
        return None
    return resident * _PAGE_SIZE


def _page_size() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 4096


_PAGE_SIZE = _page_size()


_SLICERS = frozenset({"unbind", "split", "chunk"})
_REDUCING = frozenset(_REDUCTIONS) | {"softmax", "log_softmax", "normalize"}


def _piece_count(name: str, args: Sequence[Any], kwargs: dict[str, Any]) -> int | None:
    """How many tensors ``unbind``/``split``/``chunk`` would return (an upper bound)."""
    tensor = args[0] if args else kwargs.get("input", kwargs.get("tensor"))
    if not isinstance(tensor, torch.Tensor) or tensor.dim() == 0:
        return None
    rest = list(args[1:])
    if name == "unbind":
        dim = rest[0] if rest else kwargs.get("dim", 0)
    else:
        first = (
            rest.pop(0)
            if rest
            else kwargs.get(
                "split_size_or_sections", kwargs.get("split_size", kwargs.get("chunks"))
            )
        )
        dim = rest[0] if rest else kwargs.get("dim", 0)
    try:
        length = tensor.shape[operator.index(dim)]
    except (IndexError, TypeError):
        return None  # the real call reports it
    if name == "unbind":
        return length
    if isinstance(first, (list, tuple)):
        return len(first)
    size = _as_int(first)
    if size is None or size <= 0:
        return None
    if name == "chunk":
        return min(size, max(length, 1))
    return max(1, -(-length // size))


def check_norm(args: Sequence[Any], kwargs: dict[str, Any], limits: Limits) -> None:
    """Refuse a matrix norm computed by an SVD (``p="nuc"``, ``p=2``/``-2`` over two dims,
    about ``m * n * min(m, n)`` multiply-adds per matrix) that needs too much work."""
    tensor = args[0] if args else kwargs.get("input")
    p = args[1] if len(args) > 1 else kwargs.get("p", "fro")
    dim = args[2] if len(args) > 2 else kwargs.get("dim")
    if not isinstance(tensor, torch.Tensor) or tensor.dim() < 2:
        return
    if p == "nuc":
        dims = dim if isinstance(dim, (list, tuple)) else (-2, -1)
    elif p in (2, -2, 2.0, -2.0) and isinstance(dim, (list, tuple)) and len(dim) == 2:
        dims = dim
    else:
        return
    try:
        rows, cols = (tensor.shape[int(d)] for d in dims)
    except (IndexError, TypeError, ValueError):
        return  # the real call reports it
    work = tensor.numel() * min(rows, cols)
    if work > limits.max_matmul_flops:
        raise LimitExceeded(
            f"this matrix norm (an SVD) needs about {work:,} multiply-adds, over the "
            f"playground's limit of {limits.max_matmul_flops:,}"
        )


_DIVISIONS = frozenset({"div", "div_", "divide", "true_divide"})
_TRAPPING_DTYPES = (torch.int32, torch.int64)


def check_trunc_division(args: Sequence[Any], kwargs: dict[str, Any]) -> None:
    """Refuse integer truncating division of the dtype's minimum by -1: the CPU traps
    (SIGFPE) and the whole process dies (``floor`` mode, ``//``, ``%`` and ``fmod`` are
    guarded by PyTorch itself)."""
    dividend = args[0] if args else kwargs.get("input")
    divisor = args[1] if len(args) > 1 else kwargs.get("other")
    if not isinstance(dividend, torch.Tensor) and not isinstance(divisor, torch.Tensor):
        return
    try:
        dtype = torch.result_type(dividend, divisor)
    except (TypeError, RuntimeError):
        return  # the real call reports it
    if dtype not in _TRAPPING_DTYPES:
        return
    smallest = torch.iinfo(dtype).min
    with torch.no_grad():
        if not _holds(divisor, -1) or not _holds(dividend, smallest):
            return
    raise LimitExceeded(
        f"integer division with rounding_mode='trunc' of {smallest} by -1 overflows "
        f"{dtype} (the processor would stop the program); use rounding_mode='floor'"
    )


def _holds(value: Any, number: int) -> bool:
    if isinstance(value, torch.Tensor):
        return bool((value == number).any())
    return isinstance(value, (int, bool)) and value == number


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
    _check_sequence_args(args, kwargs, limits)
    if kwargs.get("rounding_mode") == "trunc" and name in _DIVISIONS:
        check_trunc_division(args, kwargs)
    if factory and name in _CREATION and name != "tensor":
        numel = _factory_numel(name, args, kwargs)
        if numel is not None:
            check_numel(numel, _dtype_size(kwargs), limits)
        return
    if name in _REDUCING and args and isinstance(args[0], torch.Tensor):
        if args[0].numel() == 0:  # a reduction over an empty dim is as big as the others
            shape = [size for size in args[0].shape if size]
            check_numel(math.prod(shape), 8, limits, "the result")
    if name in _SLICERS:
        pieces = _piece_count(name, args, kwargs)
        if pieces is not None and pieces > limits.max_seq_len:
            raise LimitExceeded(
                f"{name} would return {pieces:,} tensors, over the playground's limit of "
                f"{limits.max_seq_len:,} items"
            )
        return
    if name == "norm":
        check_norm(args, kwargs, limits)
        return
    if name in _BROADCASTING:
        shapes = [
            a.shape for a in list(args) + list(kwargs.values()) if isinstance(a, torch.Tensor)
        ]
        if len(shapes) > 1:
            shape = broadcast_shape(*shapes)
            if shape is not None:  # else the real call raises PyTorch's own message
                check_numel(math.prod(shape), 8, limits)
        return
    if name in ("cat", "stack", "concat", "concatenate"):
        tensors = args[0] if args else kwargs.get("tensors", ())
        if isinstance(tensors, (list, tuple)):
            total = sum(t.numel() for t in tensors if isinstance(t, torch.Tensor))
            check_numel(total, 8, limits, "the result")
        return
    if name == "einsum":
        estimate = _einsum_work(args)
        if estimate is not None:
            work, out_numel, intermediate = estimate
            check_numel(out_numel, 8, limits, "the result")
            check_numel(intermediate, 8, limits, "an intermediate result of einsum")
            if work > limits.max_matmul_flops:
                raise LimitExceeded(
                    f"einsum needs {work:,} multiply-adds, over the playground's limit of "
                    f"{limits.max_matmul_flops:,}"
                )
        return
    if name in _PRODUCTS:
        estimate = _product_size(name, args, kwargs)
        if estimate is None:
            return  # not tensors of usable shapes: the real call reports it
        numel, work = estimate
        check_numel(numel, 8, limits, "the result")
        if work > limits.max_matmul_flops:
            raise LimitExceeded(
                f"{name} needs {work:,} multiply-adds, over the playground's "
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


def _consumed_dims(tensor: torch.Tensor, parts: tuple[Any, ...]) -> int | None:
    """Product of the dimensions that the integer-array parts of an index select from."""
    widths = []
    for part in parts:
        if part is None:
            widths.append(0)
        elif part is Ellipsis:
            widths.append(-1)
        elif isinstance(part, torch.Tensor) and part.dtype == torch.bool:
            widths.append(max(part.dim(), 1))
        else:
            widths.append(1)
    dims = list(tensor.shape)
    if widths.count(-1) > 1 or sum(w for w in widths if w > 0) > len(dims):
        return None
    if -1 in widths:
        cut = widths.index(-1)
        after = sum(w for w in widths[cut + 1 :] if w > 0)
        chosen = [
            *_positions(widths[:cut], 0),
            *_positions(widths[cut + 1 :], len(dims) - after),
        ]
        parts = parts[:cut] + parts[cut + 1 :]
    else:
        chosen = _positions(widths, 0)
    product = 1
    for part, (start, width) in zip(parts, chosen, strict=False):
        if width and _is_int_array(part):
            product *= math.prod(dims[start : start + width])
    return max(product, 1)


def _positions(widths: list[int], start: int) -> list[tuple[int, int]]:
    out = []
    for width in widths:
        out.append((start, max(width, 0)))
        start += max(width, 0)
    return out


def _is_int_array(part: Any) -> bool:
    return isinstance(part, list) or (
        isinstance(part, torch.Tensor) and part.dtype != torch.bool and part.dim() > 0
    )


def index_numel(tensor: torch.Tensor, index: Any, limits: Limits) -> int | None:
    """An upper bound of the elements of ``tensor[index]`` when ``index`` uses advanced
    (integer-array) indexing; ``None`` for indexing that only makes views or selects
    with boolean masks (never more than the tensor has)."""
    parts = index if isinstance(index, tuple) else (index,)
    if not any(_is_int_array(p) for p in parts):
        return None
    shapes = []
    for part in parts:
        if isinstance(part, list):
            check_nested(part, limits)
            shapes.append(torch.Size([nested_numel(part, limits.max_elements)]))
        elif _is_int_array(part):
            shapes.append(part.shape)
    selected_shape = broadcast_shape(*shapes)
    if selected_shape is None:
        return index_bound(tensor, index)
    selected = math.prod(selected_shape)
    consumed = _consumed_dims(tensor, parts)
    if consumed is None:
        return index_bound(tensor, index)
    return tensor.numel() // consumed * selected if consumed else selected
