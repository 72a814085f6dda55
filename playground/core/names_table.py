"""The names of the playground's subset, as plain strings. No torch.

The window process never imports torch, yet its editor highlighter and its "Add tensor"
/ "Add operation" forms must know what a restricted script may call and which variable
names the checker refuses. Those tables live here; :mod:`playground.core.safe_torch`
builds the interpreter's whitelists from them (dropping any name the installed PyTorch
lacks) and :mod:`playground.core.checker` refuses names with :func:`is_refused_name`.
"""

from __future__ import annotations

import keyword
import unicodedata

__all__ = [
    "BUILTINS",
    "CREATION",
    "DTYPES",
    "ELEMENTWISE",
    "FORBIDDEN_NAMES",
    "F_FUNCTIONS",
    "LINALG",
    "REDUCTIONS",
    "SHAPE",
    "TENSOR_ATTRIBUTES",
    "TENSOR_METHODS",
    "TORCH_FUNCTIONS",
    "is_refused_name",
    "variable_name_problem",
]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


#: Element-wise operations (``torch.<name>`` and tensor methods).
ELEMENTWISE: tuple[str, ...] = _words(
    """add sub mul div pow exp log log1p sqrt abs neg sin cos tan tanh sigmoid relu
    clamp square maximum minimum where rsqrt exp2 log2 log10 floor ceil round trunc sign
    reciprocal true_divide floor_divide remainder fmod atan2 asin acos atan sinh cosh asinh
    acosh atanh erf isnan isinf isfinite logical_not logical_and logical_or eq ne lt le gt ge
    clip lerp"""
)
#: Reductions (``torch.<name>`` and tensor methods).
REDUCTIONS: tuple[str, ...] = _words(
    "sum mean prod std var norm max min cumsum cumprod argmax argmin any all logsumexp"
)
#: Matrix products (``torch.<name>``).
LINALG: tuple[str, ...] = _words("matmul mm mv dot outer einsum bmm")
#: Shape operations (``torch.<name>``).
SHAPE: tuple[str, ...] = _words(
    "cat stack reshape flatten squeeze unsqueeze transpose t chunk split unbind"
)
#: Factories (``torch.<name>``).
CREATION: tuple[str, ...] = _words(
    """tensor ones zeros full eye arange linspace rand randn randint ones_like zeros_like
    full_like rand_like randn_like randint_like manual_seed"""
)

#: ``torch.<name>`` functions a script may call (plus the grad-mode helpers and ``Size``).
TORCH_FUNCTIONS: frozenset[str] = frozenset(
    ELEMENTWISE
    + REDUCTIONS
    + LINALG
    + SHAPE
    + CREATION
    + _words(
        """softmax log_softmax is_grad_enabled no_grad enable_grad set_grad_enabled
        inference_mode is_inference_mode_enabled numel is_tensor is_floating_point allclose
        equal isclose broadcast_shapes Size get_default_dtype"""
    )
)

#: ``torch.nn.functional.<name>`` functions a script may call.
F_FUNCTIONS: frozenset[str] = frozenset(
    _words(
        """relu sigmoid tanh gelu silu leaky_relu softmax log_softmax linear mse_loss l1_loss
        cross_entropy binary_cross_entropy nll_loss elu softplus relu6 hardtanh normalize
        smooth_l1_loss binary_cross_entropy_with_logits"""
    )
)

#: Tensor methods a script may call.
TENSOR_METHODS: frozenset[str] = frozenset(
    ELEMENTWISE
    + REDUCTIONS
    + _words("matmul mm mv dot outer bmm")
    + _words("reshape flatten squeeze unsqueeze transpose t chunk split unbind")
    + _words(
        """softmax log_softmax view view_as expand expand_as repeat permute contiguous clone
        detach detach_ item tolist numel dim size float double long int half bool to type
        is_floating_point backward retain_grad requires_grad_ zero_ fill_ add_ sub_ mul_ div_
        pow_ clamp_ copy_ exp_ neg_ sqrt_ abs_ relu_ sigmoid_ tanh_ square_ masked_fill
        allclose equal isclose cpu element_size squeeze_ unsqueeze_ t_"""
    )
)

#: Tensor attributes (not methods) a script may read; ``data``, ``grad`` and
#: ``requires_grad`` may also be assigned.
TENSOR_ATTRIBUTES: frozenset[str] = frozenset(
    _words(
        """shape dtype device ndim T mT grad data grad_fn requires_grad is_leaf retains_grad
        _version itemsize nbytes is_cuda"""
    )
)

#: ``torch.<dtype>`` names.
DTYPES: frozenset[str] = frozenset(
    _words(
        """float16 bfloat16 float32 float64 float double half int8 int16 int32 int64 long int
        short uint8 bool complex64 complex128"""
    )
)

#: Built-in functions a script may call.
BUILTINS: frozenset[str] = frozenset(
    _words(
        """print range len float int bool abs min max round sum repr str list tuple enumerate
        zip"""
    )
)

#: Built-in names refused outright, read or assigned (they would hand out code, types or
#: the filesystem).
FORBIDDEN_NAMES: frozenset[str] = frozenset(
    _words(
        """getattr setattr delattr hasattr eval exec compile open type globals locals vars dir
        breakpoint help memoryview object super isinstance issubclass callable classmethod
        staticmethod property exit quit format bytes bytearray dict set frozenset map filter
        sorted reversed pow"""
    )
)


def is_refused_name(name: str) -> bool:
    """Whether the restricted checker refuses the variable ``name`` (as it appears in the
    syntax tree, i.e. NFKC-normalized): a leading underscore or a forbidden built-in."""
    return name.startswith("_") or name in FORBIDDEN_NAMES


def variable_name_problem(name: str) -> str | None:
    """Why ``name = ...`` cannot bind ``name`` in a restricted script (``None`` if it can).

    Python reads identifiers NFKC-normalized (``ｍap`` is ``map``), so the check is made
    on the normalized name, as the checker sees it."""
    if not name:
        return "give it a name"
    normal = unicodedata.normalize("NFKC", name)
    if not name.isidentifier() or keyword.iskeyword(normal):
        return f"{name!r} is not a valid Python name"
    if is_refused_name(normal):
        return f"{name!r} is not available in the playground"
    return None
