"""The packaging files agree with each other, checked without building the bundle."""

from __future__ import annotations

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
            "Qt's own translations (7 MB; the app installs no QTranslator for Qt)",
        ),
        ("resources/translations/playground_de.qm", None),
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
