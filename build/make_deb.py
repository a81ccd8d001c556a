"""`make deb`: the built folder (build/out/dist/lianjian) as a Debian package for 统信UOS,
银河麒麟 and Debian, made with dpkg-deb alone (no debhelper, no fakeroot).

What it installs, and nothing else (no maintainer scripts: there is nothing to set up):

    /opt/lianjian/                          the folder, as `make build` made it
    /usr/bin/lianjian, /usr/bin/lianjian-cli  links to the two programs in it
    /usr/share/applications/lianjian.desktop  联建台账 in the office menu (build/linux/), its
                                            icon the one inside the folder

The data stays in each user's data folder (~/.local/share/Lianjian or LIANJIAN_HOME), which
neither installing nor removing the package touches. The package depends on the system
libraries the folder links to but does not carry (DEPENDS); it is held to deb_mb in
build/size_budget.toml and listed in build/out/packages/manifest.json.

    .venv/bin/python build/make_deb.py [--folder FOLDER] [--out build/out/packages]
"""

from __future__ import annotations

import argparse
import hashlib
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

from package_manifest import DIST, PACKAGES, ROOT, enforce, print_manifest, write_manifest
from version_info import app_version

PACKAGE = "lianjian"
INSTALL_DIR = Path("opt") / PACKAGE
COMMANDS = ("lianjian", "lianjian-cli")
DESKTOP_FILE = ROOT / "build" / "linux" / "lianjian.desktop"
MAINTAINER = "联建台账项目 <lianjian@example.invalid>"
# The system libraries the folder links to and does not carry (PyInstaller leaves out the C
# library and OpenGL; the two xcb ones were missing on the build machine), found by comparing
# what every library in the folder needs (readelf -d) with what it holds. libc6's version is
# the newest GLIBC_ symbol version the folder asks for (glibc_needed). Recommended: a Chinese
# font, which every Chinese desktop has (the window falls back to any CJK font fontconfig finds).
DEPENDS = ["libegl1", "libgl1", "libxcb1", "libxcb-icccm4", "libxcb-keysyms1"]
RECOMMENDS = ["fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei"]
DESCRIPTION = """\
联建台账: offline records for cross-village joint construction duty offices
 跨村联建值班室的台账：值班、会议、任务、志愿服务、人员与组织，
 导出 Word 文书，各村与镇之间用 U 盘同步。无需联网，数据保存在
 每个用户自己的数据文件夹（~/.local/share/Lianjian）。
 .
 The window is `lianjian`, the command line `lianjian-cli`."""


def architecture() -> str:
    done = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else "amd64"


def glibc_needed(folder: Path) -> str:
    """The newest GLIBC_x.y any program or library in ``folder`` asks for: the oldest C library
    (so the oldest system) the package runs on. A folder built on Debian 12 asks for 2.36;
    build on the oldest system to be supported for older ones (docs/linux.md)."""
    from elftools.elf.elffile import ELFFile
    from elftools.elf.gnuversions import GNUVerNeedSection

    newest = (2, 17)
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file() or path.stat().st_size < 64:
            continue
        with path.open("rb") as file:
            if file.read(4) != b"\x7fELF":
                continue
            file.seek(0)
            for section in ELFFile(file).iter_sections():
                if not isinstance(section, GNUVerNeedSection):
                    continue
                for _needed, auxiliaries in section.iter_versions():
                    for auxiliary in auxiliaries:
                        name = auxiliary.name
                        if name.startswith("GLIBC_2.") and name[6:].replace(".", "").isdigit():
                            version = tuple(int(part) for part in name[6:].split("."))
                            newest = max(newest, version)
    return ".".join(str(part) for part in newest)


def normalise_modes(folder: Path) -> None:
    """Folders and programs 755, everything else 644, as Debian wants them."""
    for path in [folder, *folder.rglob("*")]:
        if path.is_symlink():
            continue
        executable = path.is_dir() or path.stat().st_mode & 0o111
        path.chmod(0o755 if executable else 0o644)


def stage(folder: Path, root: Path) -> None:
    """The package's files under ``root``, as they will be on the PC."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(folder, root / INSTALL_DIR, symlinks=True)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for command in COMMANDS:  # PyInstaller's launcher finds its folder through the link
        (bin_dir / command).symlink_to(Path("/") / INSTALL_DIR / command)
    applications = root / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copyfile(DESKTOP_FILE, applications / DESKTOP_FILE.name)
    normalise_modes(root)


def md5sums(root: Path) -> str:
    lines = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and "DEBIAN" not in path.parts:
            digest = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
            lines.append(f"{digest}  {path.relative_to(root).as_posix()}\n")
    return "".join(lines)


def control(root: Path, glibc: str) -> str:
    size = sum(p.stat().st_size for p in root.rglob("*")
               if p.is_file() and not p.is_symlink() and "DEBIAN" not in p.parts)
    return (f"Package: {PACKAGE}\n"
            f"Version: {app_version()}\n"
            f"Architecture: {architecture()}\n"
            f"Maintainer: {MAINTAINER}\n"
            f"Installed-Size: {math.ceil(size / 1024)}\n"
            f"Depends: {', '.join([f'libc6 (>= {glibc})', *DEPENDS])}\n"
            f"Recommends: {', '.join(RECOMMENDS)}\n"
            "Section: misc\n"
            "Priority: optional\n"
            f"Description: {DESCRIPTION}\n")


def write_control(root: Path) -> None:
    debian = root / "DEBIAN"
    debian.mkdir(mode=0o755)
    (debian / "md5sums").write_text(md5sums(root), encoding="utf-8")
    glibc = glibc_needed(root / INSTALL_DIR)
    (debian / "control").write_text(control(root, glibc), encoding="utf-8")
    for path in debian.iterdir():
        path.chmod(0o644)


def build_deb(folder: Path, out: Path, work: Path) -> Path:
    """The .deb of ``folder`` in ``out``, staged in ``work`` (removed afterwards)."""
    root = work / PACKAGE
    stage(folder, root)
    write_control(root)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{PACKAGE}_{app_version()}_{architecture()}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z9", "--build", str(root),
                    str(target)],
                   check=True, env={**os.environ, "LC_ALL": "C"}, stdout=subprocess.DEVNULL)
    shutil.rmtree(root)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=DIST)
    parser.add_argument("--out", type=Path, default=PACKAGES)
    args = parser.parse_args()
    if not (args.folder / "lianjian").exists():
        sys.exit(f"no {args.folder / 'lianjian'}: run make build first")
    if shutil.which("dpkg-deb") is None:
        sys.exit("no dpkg-deb: make deb needs Debian's dpkg (apt-get install dpkg)")
    target = build_deb(args.folder, args.out, ROOT / "build" / "out" / "deb")
    print_manifest(write_manifest(args.folder, args.out))
    enforce({"deb_mb": target.stat().st_size})
    return 0


if __name__ == "__main__":
    sys.exit(main())
