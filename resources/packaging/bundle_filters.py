"""What goes into the PyInstaller bundle: our data files, and the torch and Qt files left out.

Imported by ``gradient-playground.spec`` (and by ``tests/test_packaging.py``). The filters
are measured facts (see docs/packaging.md): without them the bundle is ~1.3 GB because
``libtorch_cpu.so`` is collected twice and torch's C++ tests, headers and tools come along.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath

#: Name of the bundle folder, its executable and the desktop entry.
NAME = "gradient-playground"
#: Folders of ``resources/`` shipped in the bundle (when they exist).
RESOURCE_FOLDERS = ("examples", "help", "icons", "translations", "welcome")
#: Libraries that torch keeps in ``torch/lib``; a second copy at the top level is waste.
TORCH_LIB_PREFIXES = ("libtorch", "libc10", "libshm")
#: C++ test libraries shipped inside the torch wheel.
TORCH_TEST_LIBS = frozenset(
    {
        "libjitbackend_test.so",
        "libtorchbind_test.so",
        "libbackend_with_compiler.so",
        "libaoti_custom_ops.so",
    }
)
#: ``torch/bin`` is test binaries and protoc, except this tool torch needs at start-up.
TORCH_BIN_KEEP = frozenset({"torch_shm_manager"})
#: Python packages never imported by the app (Python-level excludes save little). ``hypothesis``
#: only comes with ``torch.testing``'s test helpers (2 MB); PySide6's QtNetwork and QtDBus
#: bindings are imported neither by the app nor by pyqtgraph (QtOpenGL is: pyqtgraph needs it).
EXCLUDED_MODULES = (
    "tkinter",
    "matplotlib",
    "IPython",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "pytestqt",
    "hypothesis",
    "PySide6.QtNetwork",
    "PySide6.QtDBus",
)
#: Qt platform plugins kept: X11 (``xcb``, also XWayland), ``offscreen`` (no display) and the
#: tiny ``minimal``. Wayland, EGLFS, linuxfb, VNC and Vulkan-display are never used.
QT_PLATFORMS_KEEP = frozenset({"libqxcb.so", "libqoffscreen.so", "libqminimal.so"})
#: Qt's own catalogues kept: the interface's one translation (zh_CN) loads ``qtbase_zh_CN``
#: for the dialog buttons Qt draws (Save/Discard/Cancel); ``qt_zh_CN`` is its umbrella file.
QT_TRANSLATIONS_KEEP = frozenset({"qtbase_zh_CN.qm", "qt_zh_CN.qm"})
#: Qt plugin folders the app never loads, with why.
QT_PLUGIN_DIRS_DROPPED = {
    "wayland-decoration-client": "Qt Wayland plugin (the bundle runs on xcb/XWayland)",
    "wayland-graphics-integration-client": "Qt Wayland plugin (the bundle runs on xcb/XWayland)",
    "wayland-shell-integration": "Qt Wayland plugin (the bundle runs on xcb/XWayland)",
    "egldeviceintegrations": "Qt EGLFS plugin (no eglfs platform in the bundle)",
    "generic": "Qt evdev/tuio input plugins (used by eglfs/linuxfb only)",
    "tls": "Qt TLS backends (QtNetwork is not used)",
    "networkinformation": "Qt network-information plugins (QtNetwork is not used)",
}
#: Qt libraries only the dropped plugins (or the unused QtNetwork) link to.
QT_LIBS_DROPPED = frozenset(
    {
        "libQt6WaylandClient.so.6",
        "libQt6WlShellIntegration.so.6",
        "libQt6EglFSDeviceIntegration.so.6",
        "libQt6EglFsKmsSupport.so.6",
        "libQt6Network.so.6",
    }
)
#: torch sub-packages whose ``.py`` sources (collected next to the compiled copy in the PYZ by
#: the torch hook's "pyz+py" mode) are dropped: only ``torch.compile``, distributed training,
#: ONNX export and torch's own tests read them. Config modules stay: ``install_config_module``
#: reads their source at import (``torch.distributed.config`` is imported by ``import torch``).
TORCH_SOURCES_DROPPED = (
    ("torch", "_inductor"),
    ("torch", "testing", "_internal"),
    ("torch", "distributed"),
    ("torch", "onnx"),
)


def bundle_datas(repo: Path) -> list[tuple[str, str]]:
    """``(source, destination folder)`` pairs of our own files, under ``resources/``."""
    resources = repo / "resources"
    datas = [
        (str(resources / sub), f"resources/{sub}")
        for sub in RESOURCE_FOLDERS
        if (resources / sub).is_dir()
    ]
    datas.append((str(resources / f"{NAME}.desktop"), "resources"))
    return datas


def drop_reason(dest: str, torch_lib_names: Iterable[str] = ()) -> str | None:
    """Why the bundle entry with destination *dest* is left out (``None`` keeps it)."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    name = parts[-1]
    if len(parts) == 1 and name.startswith(TORCH_LIB_PREFIXES) and name in set(torch_lib_names):
        return "top-level duplicate of torch/lib"
    if parts[:2] in (("torch", "test"), ("torch", "include")):
        return "torch tests and C++ headers"
    if parts[:1] == ("torch",) and name in TORCH_TEST_LIBS:
        return "torch test library"
    if parts[:2] == ("torch", "bin") and name not in TORCH_BIN_KEEP:
        return "torch/bin tool"
    if parts[0].endswith(".dist-info") and parts[0].split("-", 1)[0] in EXCLUDED_MODULES:
        return "metadata of an excluded package"
    if parts[:3] == ("PySide6", "Qt", "translations") and name not in QT_TRANSLATIONS_KEEP:
        return "Qt's own translations other than zh_CN (7 MB; the app ships zh_CN only)"
    if parts[:3] == ("PySide6", "Qt", "plugins") and len(parts) > 4:
        if parts[3] in QT_PLUGIN_DIRS_DROPPED:
            return QT_PLUGIN_DIRS_DROPPED[parts[3]]
        if parts[3] == "platforms" and name not in QT_PLATFORMS_KEEP:
            return "Qt platform plugin other than xcb/offscreen/minimal"
    if name in QT_LIBS_DROPPED and (len(parts) == 1 or parts[:3] == ("PySide6", "Qt", "lib")):
        return "Qt library used only by dropped plugins or QtNetwork"
    if (
        name.endswith(".py")
        and "config" not in name
        and any(parts[: len(package)] == package for package in TORCH_SOURCES_DROPPED)
    ):
        return "torch source never read by the app (compiled copy stays in the PYZ)"
    return None


def torch_lib_names(toc: Iterable[tuple]) -> set[str]:
    """File names of the entries that land in ``torch/lib``."""
    return {
        PurePosixPath(entry[0]).name
        for entry in toc
        if PurePosixPath(entry[0]).parts[:2] == ("torch", "lib")
    }


def keep(toc: Iterable[tuple], lib_names: Iterable[str]) -> list[tuple]:
    """*toc* (PyInstaller ``(dest, source, kind)`` entries) without the dropped ones."""
    names = set(lib_names)
    return [entry for entry in toc if drop_reason(entry[0], names) is None]
