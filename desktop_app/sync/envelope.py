"""A sync file sealed for its recipients: only they can read it, anyone can see who sent it.

File format 3 wraps a format-2 file (``desktop_app.sync.bundle``, "the inner file") in a zip
with three fixed members, sealed by the zip comment like every sync file:

- ``envelope.json``: the sender's public identity (id, name, signing and encryption keys, role,
  cluster), the size and SHA-256 of the ciphertext and of the plaintext, the nonce, a one-time
  X25519 public key, and per recipient PC the file key wrapped for it;
- ``envelope.sig``: the sender's Ed25519 signature of ``envelope.json``;
- ``payload.bin``: the inner file, encrypted with a fresh 256-bit key under ChaCha20-Poly1305.

A file key is wrapped for a recipient with ChaCha20-Poly1305 under a key derived (HKDF-SHA256)
from X25519(one-time key, recipient's encryption key), bound to the recipient's id: a wrapped key
moved to another recipient's entry does not open. The inner file keeps its own signature and
checks, so every check of a plain file still holds after decryption.

Writing streams: the inner file is encrypted as it is written (``Encrypting``: ChaCha20 and
Poly1305 composed as RFC 8439 does, byte for byte the one-call AEAD's output, so the format
is unchanged), and ``payload.bin`` comes first, the header with its sizes and hashes after.
Reading streams too (``Decrypting``): the ciphertext is hashed, then decrypted piece by piece
into the import's private folder while the tag is computed; the inner file is used only once
the tag and the plaintext's hash match.
"""

from __future__ import annotations

import base64
import hmac
import io
import os
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.sync.codec import canonical
from desktop_app.sync.identity import box_private_key, node_id_for, verify
from desktop_app.sync.zipin import (
    Member,
    Staged,
    Staging,
    SyncFileError,
    opened,
    read_member,
)
from desktop_app.sync.zipout import Sink, Tally, sealed_zip

FORMAT = 3
MEMBERS = ("envelope.json", "envelope.sig", "payload.bin")
_INFO = b"lianjian sync file key v3|"
_ZERO_NONCE = b"\0" * 12
_TAG_SIZE = 16


@dataclass(frozen=True)
class Opened:
    header: dict[str, Any]
    inner: Staged  # the format-2 file inside, decrypted into the import's folder


def is_envelope(file: bytes | Path) -> bool:
    """True if ``file`` (its bytes or its path) is a sealed (format 3) file, by its member
    names."""
    try:
        with zipfile.ZipFile(io.BytesIO(file) if isinstance(file, bytes) else file) as archive:
            return "envelope.json" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


# --- writing --------------------------------------------------------------------------
def seal_for(inner: bytes, sender: dict[str, Any], recipients: dict[str, str],
             signature_of) -> bytes:
    """``inner`` encrypted for ``recipients`` (node id -> X25519 public key, base64), signed."""
    buffer = io.BytesIO()
    write_sealed(buffer, sender, recipients, signature_of, lambda sink: sink.write(inner))
    return buffer.getvalue()


def file_writer(write_inner: Callable[[Sink], object], sender: dict[str, Any],
                readers: dict[str, str], signature_of) -> Callable[[Sink], object]:
    """How a file is written: encrypted for ``readers`` and the writer itself, or, when no
    reader's key is known yet (first contact), the plain inner file as it is."""
    if not readers:
        return write_inner
    readers = {**readers, sender["node_id"]: sender["box_key"]}  # it reads what it wrote
    return lambda sink: write_sealed(sink, sender, readers, signature_of, write_inner)


def write_sealed(sink: Sink, sender: dict[str, Any], recipients: dict[str, str], signature_of,
                 write_inner: Callable[[Sink], object]) -> None:
    """The encrypted file, written to ``sink`` as ``write_inner(plaintext sink)`` writes the
    inner file: encrypted piece by piece, then the header with the sizes and hashes counted
    on the way (so ``payload.bin`` comes first in the zip; readers go by name)."""
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    file_key = ChaCha20Poly1305.generate_key()
    nonce = os.urandom(12)
    with sealed_zip(sink, zipfile.ZIP_STORED) as archive:
        with archive.open("payload.bin", "w", force_zip64=True) as member:
            encrypting = Encrypting(file_key, nonce, _aad(sender["node_id"]), member)
            write_inner(encrypting)
            encrypting.finish()
        header = {
            "format": FORMAT,
            "sender": sender,
            "nonce": _b64(nonce),
            "payload": encrypting.payload.value(),
            "plaintext": encrypting.plaintext.value(),
            **_wrapped(file_key, recipients),
        }
        header_bytes = canonical(header)
        archive.writestr("envelope.json", header_bytes)
        archive.writestr("envelope.sig", signature_of(header_bytes).encode())


def _wrapped(file_key: bytes, recipients: dict[str, str]) -> dict[str, Any]:
    """The one-time public key and, per recipient, the file key wrapped for it."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    one_time = X25519PrivateKey.generate()
    one_time_public = one_time.public_key().public_bytes(serialization.Encoding.Raw,
                                                         serialization.PublicFormat.Raw)
    wrapped = {}
    for node_id, box_key in sorted(recipients.items()):
        public = base64.b64decode(box_key)
        shared = one_time.exchange(X25519PublicKey.from_public_bytes(public))
        kek = _key_encryption_key(shared, one_time_public, public, node_id)
        wrapped[node_id] = _b64(ChaCha20Poly1305(kek).encrypt(_ZERO_NONCE, file_key,
                                                              node_id.encode()))
    return {"recipients": wrapped, "one_time_key": _b64(one_time_public)}


class _PiecewiseAead:
    """ChaCha20-Poly1305 (RFC 8439) computed piece by piece, as the one-call AEAD composes
    ChaCha20 and Poly1305: block 0 of the key stream keys the MAC, the text is XORed with the
    stream from block 1, and the MAC covers the padded additional data, the padded ciphertext
    and both lengths."""

    def __init__(self, key: bytes, nonce: bytes, aad: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
        from cryptography.hazmat.primitives.poly1305 import Poly1305

        def keystream(counter: int):  # the 16-byte nonce: block counter (LE), then nonce
            return Cipher(algorithms.ChaCha20(key, struct.pack("<I", counter) + nonce),
                          None).encryptor()

        self._mac = Poly1305(keystream(0).update(b"\0" * 32))  # block 0 keys the MAC
        self._cipher = keystream(1)
        self._aad_size = len(aad)
        self._mac.update(aad + _padding(len(aad)))
        self._ciphertext_size = 0

    def _xor(self, data: bytes) -> bytes:
        return self._cipher.update(data)

    def _authenticate(self, ciphertext: bytes) -> None:
        self._mac.update(ciphertext)
        self._ciphertext_size += len(ciphertext)

    def _tag(self) -> bytes:
        size = self._ciphertext_size
        self._mac.update(_padding(size) + struct.pack("<QQ", self._aad_size, size))
        return self._mac.finalize()


class Encrypting(_PiecewiseAead):
    """Writes to ``sink`` exactly the bytes of ``ChaCha20Poly1305(key).encrypt(nonce,
    plaintext, aad)`` (the ciphertext as the plaintext comes, the 16-byte tag at
    :meth:`finish`), counting the size and SHA-256 of the plaintext and of what it wrote."""

    def __init__(self, key: bytes, nonce: bytes, aad: bytes, sink: Sink) -> None:
        super().__init__(key, nonce, aad)
        self._sink = sink
        self.plaintext = Tally()
        self.payload = Tally()

    def write(self, data: bytes) -> int:
        self.plaintext.add(data)
        ciphertext = self._xor(data)
        self._authenticate(ciphertext)
        self._emit(ciphertext)
        return len(data)

    def finish(self) -> None:
        self._emit(self._tag())

    def _emit(self, data: bytes) -> None:
        self.payload.add(data)
        self._sink.write(data)


class Decrypting(_PiecewiseAead):
    """The reverse of :class:`Encrypting`: the plaintext of each piece of ciphertext (the tag
    left out), and at the end whether the tag matches, compared in constant time. Nothing it
    gave may be used before :meth:`matches` said yes."""

    def update(self, ciphertext: bytes) -> bytes:
        self._authenticate(ciphertext)
        return self._xor(ciphertext)

    def matches(self, tag: bytes) -> bool:
        return hmac.compare_digest(self._tag(), tag)


def _padding(size: int) -> bytes:
    return b"\0" * (-size % 16)


# --- reading --------------------------------------------------------------------------
def open_envelope(staged: Staged, folder: Path, self_id: str, keys: Path) -> Opened:
    """Check a sealed file (in the import's folder) and decrypt it for this PC into
    ``folder``, piece by piece; raises SyncFileError naming the problem (also when the file
    was not written for this PC), and then leaves no plaintext behind."""
    staged.check_seal()
    with opened(staged, MEMBERS, large="payload.bin") as (archive, infos):
        raw = {name: read_member(archive, infos[name])
               for name in ("envelope.json", "envelope.sig")}
        header = _header(raw["envelope.json"])
        sender = header["sender"]
        if not verify(sender["public_key"], raw["envelope.json"],
                      raw["envelope.sig"].decode("ascii", "replace")):
            raise SyncFileError("文件签名无效：文件被改动过，或不是由声称的电脑导出")
        payload = infos["payload.bin"]
        if (payload.file_size != header["payload"].get("size")
                or Member(archive, payload).whole_sha256() != header["payload"].get("sha256")):
            raise SyncFileError("加密内容与文件头中的校验值不符：文件被改动或损坏")
        file_key = _file_key(header, self_id, keys)
        try:
            nonce = base64.b64decode(header["nonce"], validate=True)
            decrypting = Decrypting(file_key, nonce, _aad(sender["node_id"]))
        except (ValueError, TypeError) as error:
            raise SyncFileError("加密内容无法解开：文件已损坏或被改动") from error
        inner = _decrypted(Member(archive, payload), decrypting, folder / "inner.zip")
    if inner.sha256 != header["plaintext"].get("sha256"):
        inner.path.unlink()
        raise SyncFileError("解密后的内容与文件头中的校验值不符：文件被改动")
    return Opened(header, inner)


def _file_key(header: dict[str, Any], self_id: str, keys: Path) -> bytes:
    """The file key wrapped for this PC, unwrapped with its private key."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    sender = header["sender"]
    wrapped = header["recipients"].get(self_id)
    if not isinstance(wrapped, str):
        who = sender.get("name") or sender["node_id"]
        raise SyncFileError(f"这个同步文件不是写给本机的（发送方：{who}）：请对方为本机导出，"
                            "或经镇转交")
    own = box_private_key(keys)
    if own is None:
        raise SyncFileError("本机还没有加密密钥，无法读取写给本机的加密文件")
    try:
        one_time_public = base64.b64decode(header["one_time_key"], validate=True)
        own_public = own.public_key().public_bytes(serialization.Encoding.Raw,
                                                   serialization.PublicFormat.Raw)
        shared = own.exchange(X25519PublicKey.from_public_bytes(one_time_public))
        kek = _key_encryption_key(shared, one_time_public, own_public, self_id)
        return ChaCha20Poly1305(kek).decrypt(_ZERO_NONCE, base64.b64decode(wrapped),
                                             self_id.encode())
    except (InvalidTag, ValueError, TypeError) as error:
        raise SyncFileError("写给本机的文件密钥无法解开：文件被改动过") from error


def _decrypted(payload: Member, decrypting: Decrypting, target: Path) -> Staged:
    """``payload`` (ciphertext, then the 16-byte tag) decrypted into ``target``; refused,
    and ``target`` removed, unless the tag matches every byte."""
    staging = Staging(target)
    tail = b""
    try:
        for block in payload.blocks():
            data = tail + block if tail else block
            tail = data[-_TAG_SIZE:]
            staging.write(decrypting.update(data[:-_TAG_SIZE]))
    finally:
        inner = staging.close()
    if len(tail) < _TAG_SIZE or not decrypting.matches(tail):
        target.unlink()
        raise SyncFileError("加密内容无法解开：文件已损坏或被改动")
    return inner


def _header(data: bytes) -> dict[str, Any]:
    import json

    try:
        header = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise SyncFileError("文件头 envelope.json 不是有效的 JSON") from error
    if (not isinstance(header, dict) or header.get("format") != FORMAT
            or not isinstance(header.get("sender"), dict)
            or not isinstance(header["sender"].get("public_key"), str)
            or not isinstance(header.get("recipients"), dict)
            or not isinstance(header.get("payload"), dict)
            or not isinstance(header.get("plaintext"), dict)):
        raise SyncFileError("文件头不完整或格式不受支持，请升级程序")
    sender = header["sender"]
    try:
        key = base64.b64decode(sender["public_key"], validate=True)
    except ValueError as error:
        raise SyncFileError("发送方密钥格式不正确") from error
    if node_id_for(key) != sender.get("node_id"):
        raise SyncFileError("发送方编号与其密钥不符：文件是伪造的")
    return header


def _key_encryption_key(shared: bytes, one_time_public: bytes, recipient_public: bytes,
                        node_id: str) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=one_time_public + recipient_public,
                info=_INFO + node_id.encode()).derive(shared)


def _aad(sender_id: str) -> bytes:
    return b"lianjian sync payload v3|" + str(sender_id).encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def readers_of(path: Path) -> set[str] | None:
    """The ids of the PCs an encrypted file is for, from its header alone (None: a plain file
    or one that cannot be read; importing it says why)."""
    import json

    try:
        with zipfile.ZipFile(path) as archive:
            if "envelope.json" not in archive.namelist():
                return None
            info = archive.getinfo("envelope.json")
            if info.file_size > 1024 * 1024:
                return None
            readers = json.loads(archive.read(info)).get("recipients")
    except (zipfile.BadZipFile, OSError, ValueError, AttributeError, KeyError):
        return None
    return set(readers) if isinstance(readers, dict) else None


def peek(path: Path) -> dict[str, Any]:
    """What anyone holding the file can see: the sender and the size (nothing else is
    readable without a recipient's key)."""
    with zipfile.ZipFile(path) as archive:
        header = _header(archive.read("envelope.json"))
    return {"sender": header["sender"], "size": Path(path).stat().st_size}
