"""What `make dist` and `make deb` share: where the packages go, their names, the size budget
(build/size_budget.toml) and the manifest of what was made (sizes and SHA-256).

    build/out/packages/
        lianjian-0.1.0-linux-x86_64.tar.xz   lianjian-0.1.0-linux-x86_64.zip
        lianjian_0.1.0_amd64.deb              (make deb)
        manifest.json  SHA256SUMS             (every package above; sha256sum -c SHA256SUMS)
"""

from __future__ import annotations

import hashlib
import json
import platform
import sys
import tomllib
from datetime import date
from pathlib import Path

from version_info import app_version

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "build" / "out" / "dist" / "lianjian"
PACKAGES = ROOT / "build" / "out" / "packages"
BUDGET = ROOT / "build" / "size_budget.toml"
MB = 1_000_000
SUFFIXES = (".tar.xz", ".zip", ".deb")


def platform_tag() -> str:
    """linux-x86_64, windows-amd64, darwin-arm64: what the folder was built for."""
    return f"{platform.system()}-{platform.machine()}".lower()


def archive_stem() -> str:
    return f"lianjian-{app_version()}-{platform_tag()}"


def limits(path: Path = BUDGET) -> dict[str, float]:
    with path.open("rb") as file:
        return dict(tomllib.load(file)["limits"])


def raises(path: Path = BUDGET) -> list[dict]:
    with path.open("rb") as file:
        return list(tomllib.load(file).get("raised", []))


def folder_bytes(folder: Path) -> int:
    """What the folder takes: every file once (a symbolic link counts as nothing)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def limit_of(package: Path) -> str:
    """The size_budget.toml key for a package file."""
    for suffix, key in ((".tar.xz", "tar_xz_mb"), (".zip", "zip_mb"), (".deb", "deb_mb")):
        if package.name.endswith(suffix):
            return key
    raise ValueError(f"not a package: {package.name}")


def over_budget(sizes: dict[str, int], budget: dict[str, float]) -> list[str]:
    """One line per size past its limit (sizes: budget key → bytes)."""
    return [f"{key[:-3].replace('_', '.')}: {size / MB:.1f} MB, limit {budget[key]:g} MB "
            "(build/size_budget.toml)"
            for key, size in sizes.items() if size > budget[key] * MB]


def enforce(sizes: dict[str, int]) -> None:
    """Stop the build, saying why, if a size is past its limit."""
    if problems := over_budget(sizes, limits()):
        sys.exit("over the size budget:\n  " + "\n  ".join(problems))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def write_manifest(folder: Path = DIST, out: Path = PACKAGES) -> dict:
    """manifest.json and SHA256SUMS for every package in ``out`` (rewritten each time, so a
    package made by the other command is listed too)."""
    packages = sorted(p for p in out.iterdir() if p.name.endswith(SUFFIXES))
    manifest = {
        "program": "联建台账",
        "version": app_version(),
        "platform": platform_tag(),
        "written": date.today().isoformat(),
        "folder": {"name": folder.name, "bytes": folder_bytes(folder),
                   "files": sum(1 for p in folder.rglob("*") if p.is_file())},
        "packages": [{"file": p.name, "bytes": p.stat().st_size, "sha256": sha256(p)}
                     for p in packages],
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
    (out / "SHA256SUMS").write_text(
        "".join(f"{p['sha256']}  {p['file']}\n" for p in manifest["packages"]), encoding="utf-8")
    return manifest


def print_manifest(manifest: dict) -> None:
    print(f"folder {manifest['folder']['name']}: {manifest['folder']['bytes'] / MB:.1f} MB")
    for package in manifest["packages"]:
        print(f"{package['file']}: {package['bytes'] / MB:.1f} MB  sha256 {package['sha256']}")
