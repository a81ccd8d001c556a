"""`make dist`: the built folder (build/out/dist/lianjian, from `make build`) as a .tar.xz and a
.zip in build/out/packages/, with their sizes and SHA-256 in manifest.json and SHA256SUMS.

Both archives hold one folder, ``lianjian/``; symbolic links stay links (Windows builds have
none); files keep their permissions, so the two executables stay executable once unpacked;
entries are sorted and owned by nobody in particular, so the same folder gives the same archive.
The folder and both archives are held to build/size_budget.toml: past a limit this stops with
the figures.

    .venv/bin/python build/make_dist.py [--folder FOLDER] [--out build/out/packages]
"""

from __future__ import annotations

import argparse
import os
import sys
import tarfile
import time
import zipfile
from pathlib import Path

from package_manifest import (
    DIST,
    PACKAGES,
    archive_stem,
    enforce,
    folder_bytes,
    print_manifest,
    write_manifest,
)

# xz at 9: a 64 MiB window (the default 6 has 8 MiB), which can find what repeats far apart in
# the folder. "Extreme" on top was too slow on 2 shared cores (4 minutes for 40 % of the folder).
XZ_PRESET = 9


def entries(folder: Path) -> list[Path]:
    """Every file, folder and link under ``folder``, sorted, parents before their contents."""
    return sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).parts)


def normalised(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def write_tar_xz(folder: Path, target: Path) -> None:
    top = folder.name
    with tarfile.open(target, "w:xz", preset=XZ_PRESET, format=tarfile.PAX_FORMAT) as tar:
        tar.add(folder, arcname=top, recursive=False, filter=normalised)
        for path in entries(folder):
            arcname = f"{top}/{path.relative_to(folder).as_posix()}"
            tar.add(path, arcname=arcname, recursive=False, filter=normalised)


def zip_info(path: Path, arcname: str) -> zipfile.ZipInfo:
    """A zip entry keeping the Unix mode (so `unzip` restores permissions and links)."""
    status = path.lstat()
    info = zipfile.ZipInfo(arcname, time.localtime(max(status.st_mtime, 315532800))[:6])
    info.external_attr = (status.st_mode & 0xFFFF) << 16
    info.create_system = 3  # Unix: the mode above is read
    return info


def write_zip(folder: Path, target: Path) -> None:
    top = folder.name
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in [folder, *entries(folder)]:
            relative = path.relative_to(folder).as_posix()
            arcname = top if relative == "." else f"{top}/{relative}"
            info = zip_info(path, arcname)
            if path.is_symlink():
                info.compress_type = zipfile.ZIP_STORED
                archive.writestr(info, os.readlink(path))
            elif path.is_dir():
                info.filename += "/"
                info.external_attr |= 0x10  # MS-DOS directory flag
                archive.writestr(info, b"")
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                with path.open("rb") as source, archive.open(info, "w") as sink:
                    while chunk := source.read(1 << 20):
                        sink.write(chunk)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=DIST)
    parser.add_argument("--out", type=Path, default=PACKAGES)
    args = parser.parse_args()
    executable = args.folder / ("lianjian.exe" if os.name == "nt" else "lianjian")
    if not executable.exists():
        sys.exit(f"no {executable}: run make build first")
    enforce({"folder_mb": folder_bytes(args.folder)})
    args.out.mkdir(parents=True, exist_ok=True)
    stem = archive_stem()
    made = {}
    for suffix, key, write in ((".tar.xz", "tar_xz_mb", write_tar_xz),
                               (".zip", "zip_mb", write_zip)):
        target = args.out / f"{stem}{suffix}"
        partial = target.with_name(target.name + ".part")
        started = time.monotonic()
        write(args.folder, partial)
        partial.replace(target)
        made[key] = target.stat().st_size
        print(f"{target.name}: {time.monotonic() - started:.0f} s", flush=True)
    print_manifest(write_manifest(args.folder, args.out))
    enforce(made)
    return 0


if __name__ == "__main__":
    sys.exit(main())
