"""Guarantee 8: hostile files are refused with a clear message, before anything is written.

Each crafted file is properly sealed and, where the check sits behind the signature, signed
by a real PC — so the test reaches the check it names instead of failing earlier.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile

import pytest

from desktop_app.sync import bundle
from desktop_app.sync.bundle import SyncFileError, seal
from desktop_app.sync.codec import canonical
from desktop_app.sync.identity import Signer
from desktop_app.sync.transfer import export_file, import_file
from tests.app.sync.helpers import digest


def members_of(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def pack(folder, members: dict[str, bytes], *, infos: dict[str, zipfile.ZipInfo] | None = None,
         name: str = "crafted") -> object:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr((infos or {}).get(member, member), data)
        archive.comment = bundle.SEAL_PREFIX + b"0" * 64
    path = folder / f"{name}.ljsync"
    path.write_bytes(seal(buffer.getvalue()))
    return path


def resign(pc, members: dict[str, bytes], **changes) -> dict[str, bytes]:
    """Members with a rewritten manifest (hashes recomputed) signed by ``pc``."""
    import hashlib
    import json

    manifest = json.loads(members["manifest.json"])
    manifest.update(changes)
    manifest["members"] = {m: {"size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
                           for m, d in members.items()
                           if m not in ("manifest.json", "manifest.sig")}
    data = canonical(manifest)
    return {**members, "manifest.json": data,
            "manifest.sig": Signer(pc.db.key_path).sign(data).encode()}


@pytest.fixture
def sample(town):
    v1 = town.villages["v1"]
    v1.services.tasks.create(cluster_id=town.ids["c1"], title="清理排水沟")
    return v1, export_file(v1.db, town.stick / "sample")


def refused(town, path, message):
    before = digest(town)
    with pytest.raises(SyncFileError, match=message):
        import_file(town.db, path)
    assert digest(town) == before


def test_truncated_at_every_offset_is_refused(town, sample, tmp_path):
    """A file cut short anywhere is refused and the database stays byte for byte the same."""
    _, path = sample
    data = path.read_bytes()
    before = digest(town)
    cut = tmp_path / "cut.ljsync"
    for length in range(0, len(data), max(1, len(data) // 150)):
        cut.write_bytes(data[:length])
        with pytest.raises(SyncFileError):
            import_file(town.db, cut)
    assert digest(town) == before


def test_zip_bomb_is_refused(town, sample, tmp_path):
    v1, path = sample
    members = members_of(path)
    members["operations.jsonl"] = b"\n" * (40 * 1024 * 1024)
    refused(town, pack(tmp_path, resign(v1, members)), "压缩比异常")


def test_a_huge_line_is_refused(town, sample, tmp_path):
    v1, path = sample
    members = members_of(path)
    line = b'{"o":"' + os.urandom(800_000).hex().encode() + b'"}'
    members["operations.jsonl"] = line + b"\n"
    refused(town, pack(tmp_path, resign(v1, members)), "过长")


def test_a_link_member_is_refused(town, sample, tmp_path):
    _, path = sample
    members = members_of(path)
    info = zipfile.ZipInfo("heads.json")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    refused(town, pack(tmp_path, members, infos={"heads.json": info}), "链接")


def test_an_unknown_signer_claiming_a_known_id_is_refused(town, sample, tmp_path, pcs):
    """A stranger who copies v1's id into the manifest cannot sign as v1."""
    v1, path = sample
    stranger = pcs("stranger")
    members = resign(stranger, members_of(path))  # signed by the stranger, claims v1
    refused(town, pack(tmp_path, members), "签名无效")


def test_a_changed_operation_is_refused_even_if_resigned(town, sample, tmp_path):
    """Changing an operation breaks its own hash, whoever signs the file afterwards."""
    v1, path = sample
    members = members_of(path)
    members["operations.jsonl"] = members["operations.jsonl"].replace(
        "清理排水沟".encode(), "伪造的任务".encode())
    refused(town, pack(tmp_path, resign(v1, members)), "校验值不符")


def test_a_line_that_is_not_one_operation_is_named(town, sample, tmp_path):
    """Lines are parsed together for speed; a bad one is still named by its number."""
    v1, path = sample
    members = members_of(path)
    lines = members["operations.jsonl"].split(b"\n")
    lines.insert(1, lines[0] + b"," + lines[0])  # two values on one line
    members["operations.jsonl"] = b"\n".join(lines)
    refused(town, pack(tmp_path, resign(v1, members)), "第 2 行")


def with_operations_changed(v1, path, change) -> dict[str, bytes]:
    """The file's members, each operation line rewritten by ``change(op)`` (the parsed array
    ``[origin, seq, hlc, epoch, tbl, row_id, fields, author, prev_hash, hash]``), re-signed."""
    import json

    members = members_of(path)
    lines = []
    for line in members["operations.jsonl"].split(b"\n"):
        if line:
            op = json.loads(line)
            change(op)
            line = canonical(op)
        lines.append(line)
    members["operations.jsonl"] = b"\n".join(lines)
    return resign(v1, members)


@pytest.mark.parametrize("value", [{"nested": 1}, 123, ["a"]])
def test_a_value_of_the_wrong_type_is_refused(town, sample, tmp_path, value):
    """A title that is not text is refused by name, not handed to SQLite."""
    v1, path = sample

    def bad_title(op: list) -> None:
        if op[4] == "work_task":
            op[6]["title"] = value

    members = with_operations_changed(v1, path, bad_title)
    refused(town, pack(tmp_path, members), "work_task.title 的值无效")


def test_an_origin_that_is_not_a_node_id_is_refused(town, sample, tmp_path):
    v1, path = sample
    members = with_operations_changed(v1, path, lambda op: op.__setitem__(0, '村"1'))
    refused(town, pack(tmp_path, members), "不是有效的电脑编号")


def test_a_file_of_the_older_format_asks_for_an_update_of_its_writer(town, sample, tmp_path):
    v1, path = sample
    members = resign(v1, members_of(path), format=1)
    refused(town, pack(tmp_path, members), "旧版本.*导出它的电脑上升级")


def test_a_file_of_an_unknown_newer_format_asks_for_an_update_here(town, sample, tmp_path):
    v1, path = sample
    members = resign(v1, members_of(path), format=99)
    refused(town, pack(tmp_path, members), "格式版本 99 不受支持，请升级程序")
