"""Guarantee 8: hostile files are refused with a clear message, before anything is written.

Each crafted file is properly sealed and, where the check sits behind the signature, signed
by a real PC — so the test reaches the check it names instead of failing earlier.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

import pytest

from desktop_app.sync import bundle, envelope
from desktop_app.sync.bundle import SyncFileError, seal
from desktop_app.sync.codec import canonical
from desktop_app.sync.identity import Signer, box_public_key
from desktop_app.sync.transfer import export_file, import_file
from tests.app.sync.helpers import digest, plain_content

# Files are encrypted for their readers: the sample is v1's file for the town. A crafted file
# is built from the sample's plain content and sealed again by v1 for the town (as a sender
# who holds its own keys could), so each test reaches the check it names.
SEALING: dict[str, object] = {}


def members_of(path) -> dict[str, bytes]:
    data = Path(path).read_bytes()
    if envelope.is_envelope(data):
        data = plain_content(path, SEALING["reader"])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def sealed(data: bytes, sender, reader) -> bytes:
    """``data`` (a plain file) encrypted by ``sender`` for ``reader``."""
    node = sender.db.node
    identity = {"node_id": node.node_id, "name": node.name, "public_key": node.public_key,
                "box_key": box_public_key(sender.db.key_path), "role": node.role,
                "cluster_id": node.cluster_id}
    readers = {reader.db.node.node_id: box_public_key(reader.db.key_path)}
    return envelope.seal_for(data, identity, readers, Signer(sender.db.key_path).sign)


def pack(folder, members: dict[str, bytes], *, infos: dict[str, zipfile.ZipInfo] | None = None,
         name: str = "crafted") -> object:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr((infos or {}).get(member, member), data)
        archive.comment = bundle.SEAL_PREFIX + b"0" * 64
    path = folder / f"{name}.ljsync"
    data = seal(buffer.getvalue())
    if SEALING:
        data = sealed(data, SEALING["sender"], SEALING["reader"])
    path.write_bytes(data)
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
    SEALING.update(sender=v1, reader=town)
    yield v1, export_file(v1.db, town.stick / "sample")
    SEALING.clear()


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


def test_a_log_too_large_for_a_file_is_refused_and_a_new_pc_is_told_of_the_snapshot(
        town, sample, tmp_path, monkeypatch):
    """A five-year town's whole log is over the limit: the message says what a new PC does."""
    from desktop_app.sync import zipin

    v1, path = sample
    members = members_of(path)
    lines = b"".join(b'{"o":"' + os.urandom(200).hex().encode() + b'"}\n' for _ in range(3000))
    members["operations.jsonl"] = lines
    monkeypatch.setattr(zipin, "MAX_MEMBER_BYTES", len(lines) - 1)
    refused(town, pack(tmp_path, resign(v1, members)),
            "文件 operations.jsonl 解压后过大：修改记录太多。新电脑第一次同步时，请镇里在"
            "“同步”页的“写给”中选这台电脑，写出全部记录的快照")


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


# --- encryption (issue 18, part 1) ---------------------------------------------------------
def test_the_sample_is_encrypted_and_shows_only_its_sender_and_size(town, sample):
    v1, path = sample
    data = path.read_bytes()
    assert envelope.is_envelope(data) and "清理排水沟".encode() not in data
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == sorted(envelope.MEMBERS)
        assert b"\xe6\xb8\x85" not in archive.read("payload.bin")  # 清 in UTF-8
    seen = envelope.peek(path)
    assert seen["sender"]["node_id"] == v1.db.node.node_id and seen["size"] == len(data)
    assert import_file(town.db, path).status == "merged"


def test_a_file_for_another_pc_is_refused(town, sample):
    """v2 (another cluster) is not among the readers of v1's file for the town."""
    _, path = sample
    v2 = town.villages["v2"]
    before = digest(v2)
    with pytest.raises(SyncFileError, match="不是写给本机的"):
        import_file(v2.db, path)
    assert digest(v2) == before


def _envelope_members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _repack(folder, members: dict[str, bytes], name: str):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for member in envelope.MEMBERS:
            archive.writestr(member, members[member])
        archive.comment = bundle.SEAL_PREFIX + b"0" * 64
    path = folder / f"{name}.ljsync"
    path.write_bytes(seal(buffer.getvalue()))
    return path


def _resigned_header(v1, members: dict[str, bytes], change) -> dict[str, bytes]:
    import json

    header = json.loads(members["envelope.json"])
    change(header)
    data = canonical(header)
    return {**members, "envelope.json": data,
            "envelope.sig": Signer(v1.db.key_path).sign(data).encode()}


def test_a_damaged_ciphertext_is_refused(town, sample, tmp_path):
    """A flipped byte of the ciphertext: refused by the signed hash; and with the hash put
    right and the header signed again by the sender, by the cipher's own tag."""
    import hashlib

    v1, path = sample
    members = _envelope_members(path)
    payload = bytearray(members["payload.bin"])
    payload[len(payload) // 2] ^= 0x01
    members["payload.bin"] = bytes(payload)
    refused(town, _repack(tmp_path, members, "flipped"), "校验值不符")

    def fixed(header):
        header["payload"]["sha256"] = hashlib.sha256(members["payload.bin"]).hexdigest()

    refused(town, _repack(tmp_path, _resigned_header(v1, members, fixed), "resigned"),
            "加密内容无法解开")


def test_a_wrapped_key_swapped_between_recipients_is_refused(town, sample, tmp_path):
    """v1's file is for the town and for v1 itself: their wrapped keys swapped do not open,
    whether or not the header is signed again."""
    import json

    v1, path = sample
    members = _envelope_members(path)
    town_id, own_id = town.db.node.node_id, v1.db.node.node_id
    assert {town_id, own_id} <= set(json.loads(members["envelope.json"])["recipients"])

    def swap(header):
        wrapped = header["recipients"]
        wrapped[town_id], wrapped[own_id] = wrapped[own_id], wrapped[town_id]

    header = json.loads(members["envelope.json"])
    swap(header)
    unsigned = {**members, "envelope.json": canonical(header)}
    refused(town, _repack(tmp_path, unsigned, "swapped"), "签名无效")
    refused(town, _repack(tmp_path, _resigned_header(v1, members, swap), "swapped-resigned"),
            "文件密钥无法解开")


def test_a_plain_file_written_before_encryption_still_imports(town, sample, tmp_path):
    """Format 2 (no envelope) is still read, with every check it had."""
    v1, path = sample
    members = members_of(path)
    SEALING.clear()
    plain = pack(tmp_path, members, name="plain")
    assert not envelope.is_envelope(plain.read_bytes())
    assert import_file(town.db, plain).status == "merged"


# --- read piece by piece (the import's private folder) -------------------------------------
def test_a_file_cut_short_or_changed_on_the_stick_leaves_nothing(town, sample, tmp_path,
                                                                  private_temp):
    """Cut short, or one byte of its ciphertext flipped: refused by the seal, nothing
    written, no temporary copy or plaintext left."""
    _, path = sample
    data = path.read_bytes()
    cut = tmp_path / "cut.ljsync"
    cut.write_bytes(data[:len(data) * 2 // 3])
    refused(town, cut, "不完整或已损坏")
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0x01  # inside payload.bin, the bulk of the file
    changed = tmp_path / "changed.ljsync"
    changed.write_bytes(bytes(flipped))
    refused(town, changed, "文件校验不符")
    assert list(private_temp.iterdir()) == []


def test_a_wrong_tag_or_plaintext_hash_leaves_no_plaintext(town, sample, tmp_path,
                                                           private_temp):
    """A ciphertext whose tag does not match (the header's hash put right and signed again by
    the sender), or a header naming another plaintext hash: refused after the piecewise
    decryption, the decrypted bytes removed, nothing written."""
    import hashlib

    v1, path = sample
    members = _envelope_members(path)
    payload = bytearray(members["payload.bin"])
    payload[-1] ^= 0x01  # the tag's last byte
    members["payload.bin"] = bytes(payload)

    def fixed(header):
        header["payload"]["sha256"] = hashlib.sha256(members["payload.bin"]).hexdigest()

    refused(town, _repack(tmp_path, _resigned_header(v1, members, fixed), "tag"),
            "加密内容无法解开")
    members = _envelope_members(path)

    def other_plaintext(header):
        header["plaintext"]["sha256"] = "0" * 64

    refused(town, _repack(tmp_path, _resigned_header(v1, members, other_plaintext), "plain"),
            "解密后的内容与文件头中的校验值不符")
    assert list(private_temp.iterdir()) == []
    assert import_file(town.db, path).status == "merged"  # the sample itself is sound


def test_a_bad_line_far_into_the_file_is_named_and_nothing_is_written(town, sample, tmp_path,
                                                                      private_temp,
                                                                      monkeypatch):
    """Lines are read a block at a time: a bad one in a later block is named by its number,
    and nothing of the blocks before it is written."""
    from desktop_app.sync import zipin

    monkeypatch.setattr(zipin, "CHUNK", 256)  # a block of a line or two
    v1, path = sample
    members = members_of(path)
    lines = members["operations.jsonl"].split(b"\n")
    assert len(lines) > 4
    lines[3] = lines[3][:-1]  # the fourth operation's closing bracket gone
    members["operations.jsonl"] = b"\n".join(lines)
    refused(town, pack(tmp_path, resign(v1, members)), "第 4 行")
    assert list(private_temp.iterdir()) == []
