"""make deb (build/make_deb.py): the folder under /opt/lianjian, the two commands in /usr/bin,
联建台账 in the office menu, nothing else and no maintainer scripts."""

from __future__ import annotations

import configparser
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

import make_deb
import pytest

DESKTOP = Path(__file__).resolve().parents[2] / "build" / "linux" / "lianjian.desktop"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_menu_entry_is_chinese_in_the_office_menu_with_the_packaged_icon():
    entry = desktop_entry()
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    assert entry["Name"] == "联建台账"
    assert entry["Categories"] == "Office;"
    assert entry["Exec"] == "/usr/bin/lianjian"
    # The icon inside the folder: the package writes nothing into /usr/share/icons.
    assert entry["Icon"] == "/opt/lianjian/_internal/resources/icons/lianjian.png"
    assert DESKTOP.read_bytes().decode("utf-8")  # UTF-8, as the specification wants


def test_the_staged_package_holds_only_its_places(program_folder, tmp_path):
    root = tmp_path / "stage"
    make_deb.stage(program_folder, root)
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                   if p.is_file() or p.is_symlink())
    assert files == [
        "opt/lianjian/_internal/libQt6Core.so",
        "opt/lianjian/_internal/libQt6Core.so.6",
        "opt/lianjian/_internal/resources/build-date.txt",
        "opt/lianjian/_internal/resources/icons/lianjian.png",
        "opt/lianjian/lianjian",
        "opt/lianjian/lianjian-cli",
        "usr/bin/lianjian",
        "usr/bin/lianjian-cli",
        "usr/share/applications/lianjian.desktop",
    ]
    assert os.readlink(root / "usr/bin/lianjian") == "/opt/lianjian/lianjian"
    assert os.readlink(root / "usr/bin/lianjian-cli") == "/opt/lianjian/lianjian-cli"
    assert (root / "opt/lianjian/lianjian").stat().st_mode & 0o777 == 0o755
    assert (root / "opt/lianjian/_internal/resources/icons/lianjian.png").stat().st_mode \
        & 0o777 == 0o644


def test_the_control_file_names_the_package_its_size_and_what_it_needs(program_folder, tmp_path):
    root = tmp_path / "stage"
    make_deb.stage(program_folder, root)
    make_deb.write_control(root)
    fields = dict(line.split(": ", 1) for line in
                  (root / "DEBIAN" / "control").read_text(encoding="utf-8").splitlines()
                  if line and not line.startswith(" "))
    assert fields["Package"] == "lianjian"
    assert fields["Installed-Size"] == "5"  # KiB, rounded up: 4096 bytes of library and more
    assert fields["Depends"].startswith("libc6 (>= 2.17), libegl1")
    assert "libxcb-icccm4" in fields["Depends"]
    assert fields["Description"].startswith("联建台账")
    assert sorted(p.name for p in (root / "DEBIAN").iterdir()) == ["control", "md5sums"]
    sums = (root / "DEBIAN" / "md5sums").read_text(encoding="utf-8")
    assert "  opt/lianjian/lianjian\n" in sums and "usr/bin" not in sums


def test_the_c_library_needed_is_read_from_the_programs(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    assert make_deb.glibc_needed(folder) == "2.17"
    shutil.copy(Path(sys.executable).resolve(), folder / "python")
    needed = tuple(int(part) for part in make_deb.glibc_needed(folder).split("."))
    running = tuple(int(part) for part in platform.libc_ver()[1].split(".")[:2])
    assert (2, 17) <= needed <= running


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs Debian's dpkg-deb")
def test_dpkg_deb_builds_it_with_root_as_owner(program_folder, tmp_path):
    target = make_deb.build_deb(program_folder, tmp_path / "out", tmp_path / "work")
    assert target.name == f"lianjian_{make_deb.app_version()}_{make_deb.architecture()}.deb"
    assert not (tmp_path / "work" / "lianjian").exists()
    listing = subprocess.run(["dpkg-deb", "--contents", str(target)], capture_output=True,
                             text=True, check=True).stdout
    assert "root/root" in listing and "./opt/lianjian/lianjian-cli" in listing
    assert "./usr/bin/lianjian -> /opt/lianjian/lianjian" in listing
    info = subprocess.run(["dpkg-deb", "--info", str(target)], capture_output=True, text=True,
                          check=True).stdout
    assert "Package: lianjian" in info
    assert not any(script in info for script in ("postinst", "preinst", "prerm", "postrm"))
