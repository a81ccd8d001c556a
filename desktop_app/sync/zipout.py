"""Writing a sealed zip piece by piece: a sync file is never held in memory whole.

Every sync file ends with a seal, its zip comment ``SEAL_PREFIX`` + the SHA-256 of the whole
file computed with the hash's own place as 64 zeros (``bundle.seal``, ``bundle.check_seal``).
:class:`Sealing` hashes the bytes as the zip writer emits them and holds back only the last
64 (those zeros), which it replaces with the hash once the zip is done. Members are written as
they are read from the database (``write_member``), each with its size and SHA-256 counted on
the way for the manifest, which is therefore the last member written (readers go by name).

The zip is written as to a pipe (sizes in data descriptors, ZIP64 for the big members), so it
can itself be the plaintext of an encrypted file (``envelope.write_sealed``).
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from desktop_app.sync.codec import canonical

SEAL_PREFIX = b"LJSYNC1 sha256="
BLANK = b"0" * 64  # the seal's place while the file is hashed


class Sink(Protocol):
    def write(self, data: bytes, /) -> Any: ...


class Tally:
    """The size and SHA-256 of the bytes seen so far."""

    def __init__(self) -> None:
        self.size = 0
        self._digest = hashlib.sha256()

    def add(self, data: bytes) -> None:
        self.size += len(data)
        self._digest.update(data)

    def value(self) -> dict[str, Any]:
        return {"size": self.size, "sha256": self._digest.hexdigest()}


class Sealing:
    """A write-only stream for ``zipfile`` that passes the bytes on to ``sink`` and, at
    :meth:`finish`, puts the file's seal in place of the 64 zeros it ends with."""

    def __init__(self, sink: Sink) -> None:
        self._sink = sink
        self._tally = Tally()
        self._held = b""  # the last bytes written: the zeros, once the comment is written

    def write(self, data: bytes) -> int:
        data = bytes(data)
        self._tally.add(data)
        held = self._held + data
        if len(held) > len(BLANK):
            self._sink.write(held[:-len(BLANK)])
            held = held[-len(BLANK):]
        self._held = held
        return len(data)

    def tell(self) -> int:
        return self._tally.size

    def flush(self) -> None:
        """Nothing to do: the bytes are passed on as they come (``zipfile`` calls it)."""

    def close(self) -> None:
        """Nothing to do: the sink is its owner's to close."""

    def finish(self) -> None:
        if self._held != BLANK:
            raise AssertionError("a sealed zip must end with its blank seal")
        self._sink.write(self._tally.value()["sha256"].encode())


@contextmanager
def sealed_zip(sink: Sink, compression: int) -> Iterator[zipfile.ZipFile]:
    """A zip written to ``sink`` and sealed when the block ends."""
    sealing = Sealing(sink)
    with zipfile.ZipFile(sealing, "w", compression) as archive:
        yield archive
        archive.comment = SEAL_PREFIX + BLANK
    sealing.finish()


def write_member(archive: zipfile.ZipFile, name: str, chunks: Iterable[bytes]) -> dict[str, Any]:
    """Write ``chunks`` as the member ``name``; its size and SHA-256."""
    tally = Tally()
    with archive.open(name, "w", force_zip64=True) as member:
        for chunk in chunks:
            member.write(chunk)
            tally.add(chunk)
    return tally.value()


def write_signed_zip(sink: Sink, members: Iterable[tuple[str, Iterable[bytes]]],
                     manifest_of: Callable[[dict[str, Any]], dict[str, Any]],
                     signature_of: Callable[[bytes], str]) -> None:
    """A sealed, deflated zip of ``members`` (each name with its chunks, read lazily, in
    order), then ``manifest.json`` = ``manifest_of(each member's size and SHA-256)`` and
    ``manifest.sig``, its signature."""
    with sealed_zip(sink, zipfile.ZIP_DEFLATED) as archive:
        listed = {name: write_member(archive, name, chunks) for name, chunks in members}
        manifest = canonical(manifest_of(listed))
        archive.writestr("manifest.json", manifest)
        archive.writestr("manifest.sig", signature_of(manifest).encode())


def later(make: Callable[[], bytes]) -> Iterator[bytes]:
    """A member's content made only when it is written (after the members before it)."""
    yield make()
