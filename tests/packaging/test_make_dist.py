"""make dist (build/make_dist.py): the folder as .tar.xz and .zip, listed with sizes and
SHA-256 in manifest.json and SHA256SUMS."""

from __future__ import annotations

import hashlib
import json
import stat
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import make_dist
import package_manifest

BUILD = Path(__file__).resolve().parents[2] / "build"


def make(folder: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BUILD / "make_dist.py"), "--folder", str(folder),
                           "--out", str(out)], capture_output=True, text=True, timeout=120)


def test_both_archives_hold_the_folder_with_its_links_and_permissions(program_folder, tmp_path):
    out = tmp_path / "packages"
    done = make(program_folder, out)
    assert done.returncode == 0, done.stderr
    stem = package_manifest.archive_stem()

    with tarfile.open(out / f"{stem}.tar.xz") as tar:
        members = {member.name: member for member in tar.getmembers()}
        assert members["lianjian/lianjian"].mode & 0o111
        assert members["lianjian/_internal/libQt6Core.so"].issym()
        assert members["lianjian/_internal/libQt6Core.so"].linkname == "libQt6Core.so.6"
        assert members["lianjian/lianjian"].uid == 0 and members["lianjian/lianjian"].uname == ""
        assert all(name == "lianjian" or name.startswith("lianjian/") for name in members)
        assert tar.extractfile("lianjian/_internal/resources/build-date.txt").read() == \
            b"2026-12-02"

    with zipfile.ZipFile(out / f"{stem}.zip") as archive:
        assert archive.testzip() is None
        infos = {info.filename: info for info in archive.infolist()}
        assert (infos["lianjian/lianjian"].external_attr >> 16) & 0o111
        link = infos["lianjian/_internal/libQt6Core.so"]
        assert stat.S_ISLNK(link.external_attr >> 16)
        assert archive.read(link) == b"libQt6Core.so.6"
        assert infos["lianjian/_internal/"].is_dir()
        assert archive.read("lianjian/_internal/libQt6Core.so.6") == b"\0" * 4096


def test_the_manifest_lists_sizes_and_checksums_that_match(program_folder, tmp_path):
    out = tmp_path / "packages"
    assert make(program_folder, out).returncode == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] and manifest["folder"]["files"] == 6
    assert manifest["folder"]["bytes"] == package_manifest.folder_bytes(program_folder)
    listed = {entry["file"]: entry for entry in manifest["packages"]}
    assert sorted(listed) == sorted(p.name for p in out.iterdir() if p.suffix in (".xz", ".zip"))
    for name, entry in listed.items():
        content = (out / name).read_bytes()
        assert entry["bytes"] == len(content)
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
    sums = (out / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert sorted(sums) == sorted(f"{e['sha256']}  {name}" for name, e in listed.items())


def test_the_same_folder_gives_the_same_tar(program_folder, tmp_path):
    first, second = tmp_path / "first.tar.xz", tmp_path / "second.tar.xz"
    make_dist.write_tar_xz(program_folder, first)
    make_dist.write_tar_xz(program_folder, second)
    assert first.read_bytes() == second.read_bytes()


def test_refuses_without_a_build_and_past_the_budget(program_folder, tmp_path, monkeypatch):
    done = make(tmp_path / "nothing", tmp_path / "packages")
    assert done.returncode != 0 and "make build" in done.stderr

    monkeypatch.setattr(package_manifest, "limits", lambda: {"folder_mb": 0.001})
    monkeypatch.setattr(sys, "argv", ["make_dist.py", "--folder", str(program_folder),
                                      "--out", str(tmp_path / "packages")])
    try:
        make_dist.main()
    except SystemExit as stop:
        assert "folder: 0.0 MB, limit 0.001 MB" in str(stop)
    else:
        raise AssertionError("a folder past its limit was packed")
    assert not (tmp_path / "packages").exists()
