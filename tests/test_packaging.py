"""The packaging files agree with each other, checked without building the bundle."""

from __future__ import annotations

import ast
import configparser
import importlib.util
import shutil
import struct
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "resources" / "packaging"
ICONS = REPO / "resources" / "icons"
DESKTOP = REPO / "resources" / "gradient-playground.desktop"


def load_module_from(path: Path):
    """Import a build script (not part of the package) by file path."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


filters = load_module_from(PACKAGING / "bundle_filters.py")
strip_bundle = load_module_from(PACKAGING / "strip_bundle.py")


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_desktop_entry_names_the_command_and_an_existing_icon():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Gradient Playground"
    assert entry["Terminal"] == "false"
    command = entry["Exec"].split()[0]
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["gui-scripts"]
    assert command in scripts
    assert command == filters.NAME == entry["TryExec"]
    assert (ICONS / f"{entry['Icon']}.svg").is_file()
    assert entry["Categories"].endswith(";")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="no desktop-file-utils")
def test_desktop_entry_validates():
    completed = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_icon_pngs_exist_in_every_size_with_those_dimensions():
    render = load_module_from(ICONS / "render_icons.py")
    for size in render.SIZES:
        assert png_size(render.png_path(size)) == (size, size)
    assert {16, 32, 48, 64, 128, 256} <= set(render.SIZES)


def test_committed_pngs_are_the_svg_rendered(qapp):
    from PySide6.QtGui import QImage

    render = load_module_from(ICONS / "render_icons.py")
    for size in (16, 256):
        fresh = render.render(render.SVG, size).convertToFormat(QImage.Format.Format_ARGB32)
        committed = QImage(str(render.png_path(size))).convertToFormat(QImage.Format.Format_ARGB32)
        assert fresh == committed, f"re-run resources/icons/render_icons.py ({size} px differs)"


def test_bundle_datas_are_the_resources_the_app_looks_up():
    from playground import resources

    datas = dict(filters.bundle_datas(REPO))
    assert datas[str(REPO / "resources" / "examples")] == "resources/examples"
    assert datas[str(REPO / "resources" / "icons")] == "resources/icons"
    # The help folder, with the Chinese language reference beside the English one.
    assert datas[str(REPO / "resources" / "help")] == "resources/help"
    assert (REPO / "resources" / "help" / "language.zh_CN.md").is_file()
    assert datas[str(DESKTOP)] == "resources"
    for source in datas:
        assert Path(source).exists(), source
    # resources_dir() in the bundle is sys._MEIPASS/resources: the same relative layout.
    assert resources.examples_dir().relative_to(resources.resources_dir()) == Path("examples")
    assert resources.icon_path().relative_to(resources.resources_dir()).parts[0] == "icons"
    assert resources.icon_path().is_file()


def test_bundle_resources_dir_follows_meipass(monkeypatch, tmp_path):
    from playground import resources

    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resources_dir() == tmp_path / "resources"
    assert resources.icon_path() == tmp_path / "resources" / "icons" / "gradient-playground.svg"


@pytest.mark.parametrize(
    ("dest", "reason"),
    [
        ("libtorch_cpu.so", "top-level duplicate of torch/lib"),
        ("libc10.so", "top-level duplicate of torch/lib"),
        ("torch/lib/libtorch_cpu.so", None),
        ("torch/test/test_api", "torch tests and C++ headers"),
        ("torch/include/ATen/ATen.h", "torch tests and C++ headers"),
        ("torch/lib/libjitbackend_test.so", "torch test library"),
        ("torch/lib/libtorchbind_test.so", "torch test library"),
        ("torch/bin/protoc", "torch/bin tool"),
        ("torch/bin/test_jit", "torch/bin tool"),
        ("torch/bin/torch_shm_manager", None),
        ("torch/_dynamo/eval_frame.py", None),
        ("numpy.libs/libscipy_openblas64_.so", None),
        ("PySide6/Qt/lib/libQt6Core.so.6", None),
        (
            "PySide6/Qt/translations/qtbase_de.qm",
            "Qt's own translations other than zh_CN (7 MB; the app ships zh_CN only)",
        ),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", None),
        ("PySide6/Qt/translations/qt_zh_CN.qm", None),
        ("resources/translations/playground_de.qm", None),
        ("resources/help/language.zh_CN.md", None),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", None),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", None),
        (
            "PySide6/Qt/plugins/platforms/libqwayland.so",
            "Qt platform plugin other than xcb/offscreen/minimal",
        ),
        (
            "PySide6/Qt/plugins/platforms/libqeglfs.so",
            "Qt platform plugin other than xcb/offscreen/minimal",
        ),
        (
            "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
            "Qt Wayland plugin (the bundle runs on xcb/XWayland)",
        ),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", "Qt TLS backends (QtNetwork is not used)"),
        ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", None),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", None),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", None),
        (
            "PySide6/Qt/lib/libQt6WaylandClient.so.6",
            "Qt library used only by dropped plugins or QtNetwork",
        ),
        ("libQt6Network.so.6", "Qt library used only by dropped plugins or QtNetwork"),
        ("PySide6/Qt/lib/libQt6OpenGL.so.6", None),
        ("PySide6/Qt/lib/libQt6DBus.so.6", None),
        (
            "torch/_inductor/codecache.py",
            "torch source never read by the app (compiled copy stays in the PYZ)",
        ),
        (
            "torch/distributed/device_mesh.py",
            "torch source never read by the app (compiled copy stays in the PYZ)",
        ),
        (
            "torch/testing/_internal/common_utils.py",
            "torch source never read by the app (compiled copy stays in the PYZ)",
        ),
        ("torch/distributed/config.py", None),
        ("torch/_inductor/config.py", None),
        ("torch/nn/functional.py", None),
        ("torch/testing/_comparison.py", None),
        ("hypothesis-6.170.17.dist-info/entry_points.txt", "metadata of an excluded package"),
        ("numpy-2.4.6.dist-info/entry_points.txt", None),
    ],
)
def test_drop_reason(dest, reason):
    lib_names = {"libtorch_cpu.so", "libc10.so", "libshm.so"}
    assert filters.drop_reason(dest, lib_names) == reason


def test_top_level_library_is_kept_when_torch_lib_lacks_it():
    assert filters.drop_reason("libtorch_cpu.so", set()) is None


def test_keep_filters_a_toc():
    toc = [
        ("libtorch_cpu.so", "/venv/torch/lib/libtorch_cpu.so", "BINARY"),
        ("torch/lib/libtorch_cpu.so", "/venv/torch/lib/libtorch_cpu.so", "BINARY"),
        ("torch/bin/torch_shm_manager", "/venv/torch/bin/torch_shm_manager", "BINARY"),
        ("torch/bin/protoc", "/venv/torch/bin/protoc", "BINARY"),
    ]
    names = filters.torch_lib_names(toc)
    assert names == {"libtorch_cpu.so"}
    assert [entry[0] for entry in filters.keep(toc, names)] == [
        "torch/lib/libtorch_cpu.so",
        "torch/bin/torch_shm_manager",
    ]


def test_spec_uses_the_filters_and_keeps_dynamo():
    spec = (PACKAGING / "gradient-playground.spec").read_text()
    assert "from bundle_filters import" in spec
    assert "upx=False" in spec and "strip=False" in spec
    assert "onefile" not in spec.lower()
    assert "COLLECT(" in spec  # one-folder
    assert "_dynamo" not in " ".join(filters.EXCLUDED_MODULES)
    assert (REPO / "resources" / "packaging" / "launcher.py").is_file()


@pytest.mark.skipif(shutil.which("strip") is None, reason="binutils strip is not installed")
def test_strip_bundle_strips_torch_qt_igraph_python_but_not_numpy(tmp_path):
    import torch

    library = Path(torch.__file__).parent / "lib" / "libshm.so"
    bundle = tmp_path / "gradient-playground"
    inner = bundle / "_internal"
    targets = {
        "torch": inner / "torch" / "lib" / "libshm.so",
        "qt": inner / "PySide6" / "Qt" / "plugins" / "x" / "libplugin.so",
        "igraph": inner / "igraph" / "_igraph.abi3.so",
        "python": inner / "libpython3.11.so.1.0",
        "dynload": inner / "python3.11" / "lib-dynload" / "_ctypes.cpython-311.so",
    }
    untouched = {
        "numpy": inner / "numpy.libs" / "libopenblas.so",
        "numpy_ext": inner / "numpy" / "_core" / "_multiarray_umath.so",
        "igraph_libs": inner / "igraph.libs" / "libxml2.so.2",
    }
    for path in [*targets.values(), *untouched.values()]:
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(library, path)
    (inner / "torch" / "notes.so.txt").write_text("not an ELF file")
    stripped = sorted(strip_bundle.libraries_to_strip(bundle))
    assert stripped == sorted(targets.values())
    count, before, after = strip_bundle.strip_bundle(bundle)
    assert count == len(targets)
    for path in untouched.values():
        assert path.read_bytes() == library.read_bytes(), path
    assert after < before
    assert targets["torch"].stat().st_size < library.stat().st_size


def test_strip_bundle_command_line_rejects_a_missing_folder(tmp_path, capsys):
    assert strip_bundle.main([str(tmp_path / "missing")]) == 2
    assert "usage" in capsys.readouterr().err


def test_make_dist_builds_the_folder_and_the_tarball():
    makefile = (REPO / "Makefile").read_text()
    target = makefile.split("\ndist:", 1)[1].split("\n\n", 1)[0]
    assert "resources/packaging/gradient-playground.spec" in target
    assert "strip_bundle.py dist/gradient-playground" in target
    assert "dist/gradient-playground.tar.gz" in target
    assert "du -sh" in target


def test_app_never_imports_the_excluded_modules():
    """What the self-test loads (window, lessons, plot, SGD step) imports none of the excludes."""
    code = (
        "import sys, torch, torch.optim, pyqtgraph, playground.cli, playground.ui.main_window, "
        "playground.cli.self_test; torch.optim.SGD([torch.ones(1, requires_grad=True)], lr=0.1); "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6.', 'hypothesis'))))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    loaded = set(ast.literal_eval(completed.stdout))
    assert {"PySide6.QtOpenGL", "PySide6.QtSvg", "PySide6.QtTest"} <= loaded  # kept
    assert not loaded & set(filters.EXCLUDED_MODULES)


def elf_needed(path: Path) -> set[str]:
    """The DT_NEEDED library names of an ELF file, read with ``readelf -d``."""
    output = subprocess.run(
        ["readelf", "-d", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return {
        line.split("[", 1)[1].split("]", 1)[0] for line in output.splitlines() if "(NEEDED)" in line
    }


#: PySide6 bindings the app loads (see the test above) and the Qt plugin folders in the bundle.
LOADED_BINDINGS = ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtOpenGL", "QtOpenGLWidgets", "QtTest")
BUNDLED_PLUGIN_DIRS = (
    "platforms",
    "platformthemes",
    "platforminputcontexts",
    "imageformats",
    "iconengines",
    "xcbglintegrations",
)


@pytest.mark.skipif(shutil.which("readelf") is None, reason="binutils readelf is not installed")
def test_no_kept_qt_library_links_to_a_dropped_one():
    import PySide6

    root = Path(PySide6.__file__).parent
    qt_lib = root / "Qt" / "lib"
    pending = [root / f"{name}.abi3.so" for name in LOADED_BINDINGS]
    qt_info = pytest.importorskip("PyInstaller.utils.hooks.qt").get_qt_library_info("PySide6")
    for folder in BUNDLED_PLUGIN_DIRS:
        for source, _ in qt_info.collect_plugins(folder):  # what PyInstaller's Qt hooks collect
            plugin = Path(source)
            if filters.drop_reason(f"PySide6/Qt/plugins/{folder}/{plugin.name}") is None:
                pending.append(plugin)
    assert root / "Qt" / "plugins" / "platforms" / "libqxcb.so" in pending
    seen: set[Path] = set()
    while pending:  # the Qt libraries these load, transitively
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        needed = elf_needed(path)
        assert not needed & filters.QT_LIBS_DROPPED, path
        pending.extend(qt_lib / name for name in needed if (qt_lib / name).is_file())
    assert qt_lib / "libQt6XcbQpa.so.6" in seen
    assert "libQt6WaylandClient.so.6" in elf_needed(
        root / "Qt" / "plugins" / "platforms" / "libqwayland.so"
    )
