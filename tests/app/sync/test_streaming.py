"""The big sync files are written piece by piece: their memory does not grow with the log."""

from __future__ import annotations

import os

import pytest

from desktop_app.sync import bundle, envelope, exchange, snapshot
from desktop_app.sync.snapshot import write_snapshot
from desktop_app.sync.transfer import export, import_file
from tests.app.sync.helpers import copy_tasks, log_edits, peak_bytes
from tests.app.sync.helpers import snapshot as records_of

PAGE = 400  # rows read at a time here (2,000 in use): the test is quicker, not weaker
SMALL, LARGE = 5 * PAGE, 20 * PAGE


@pytest.fixture
def busy_town(town, monkeypatch):
    monkeypatch.setattr(exchange, "PAGE", PAGE)
    monkeypatch.setattr(snapshot, "PAGE", PAGE)
    town.services.duty.start(town.ids["c1"], [town.ids["p1"]])
    town.services.tasks.create(cluster_id=town.ids["c1"], title="清理排水沟")
    return town


def test_an_export_holds_a_page_of_operations_not_the_log(busy_town):
    """Writing everything for an office takes as much memory for 4× the operations."""
    town, v1 = busy_town, busy_town.villages["v1"].db.node.node_id
    export(town.db, town.stick / "warm", for_peer=v1, full=True)  # imports, caches

    def peak_with(count: int, folder: str) -> int:
        log_edits(town, count)
        written = []
        peak = peak_bytes(lambda: written.append(
            export(town.db, town.stick / folder, for_peer=v1, full=True)))
        assert written[0][1] > count
        return peak

    small = peak_with(SMALL, "small")
    large = peak_with(LARGE - SMALL, "large")  # the log now holds 4× as many
    assert large < small * 1.2 + 64 * 1024, (small, large)
    assert large < 3 * 2**20  # the operations' lines alone are over 5 MB


def test_a_snapshot_holds_a_page_of_records_not_the_town(busy_town):
    """Writing the snapshot takes as much memory for 4× the records."""
    town = busy_town
    write_snapshot(town.db, town.stick / "warm", town.ids["c1"])

    def peak_with(count: int, folder: str) -> int:
        copy_tasks(town, count)
        written = []
        peak = peak_bytes(lambda: written.append(
            write_snapshot(town.db, town.stick / folder, town.ids["c1"])))
        assert written[0][1] > count
        return peak

    small = peak_with(SMALL, "small")
    large = peak_with(LARGE - SMALL, "large")
    assert large < small * 1.2 + 64 * 1024, (small, large)


def test_a_streamed_export_is_read_as_before(busy_town):
    """The file written piece by piece (encrypted for the office) imports whole there."""
    town, v1 = busy_town, busy_town.villages["v1"]
    path, count = export(town.db, town.stick / "down", for_peer=v1.db.node.node_id, full=True)
    assert envelope.is_envelope(path.read_bytes()) and count > 0
    assert import_file(v1.db, path).status == "merged"
    assert records_of(v1) == records_of(town)


def test_encrypting_piece_by_piece_gives_the_one_shot_ciphertext():
    """The streamed ChaCha20-Poly1305 is the standard one: the file format is unchanged."""
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    key, nonce, aad = os.urandom(32), os.urandom(12), b"lianjian sync payload v3|n1"
    plaintext = os.urandom(200_003)
    written = []
    encrypting = envelope.Encrypting(key, nonce, aad, type("Sink", (), {
        "write": lambda self, data: written.append(data)})())
    for start in range(0, len(plaintext), 7_777):
        encrypting.write(plaintext[start:start + 7_777])
    encrypting.finish()
    payload = b"".join(written)
    assert payload == ChaCha20Poly1305(key).encrypt(nonce, plaintext, aad)
    assert encrypting.payload.value()["size"] == len(plaintext) + 16


def test_a_write_that_fails_half_way_leaves_no_file(tmp_path):
    """Whatever stops the writing (here an error after the first bytes), nothing is left."""
    def writer(handle):
        handle.write(b"PK half a file")
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        bundle.write_file(tmp_path, "half", writer)
    assert list(tmp_path.iterdir()) == []
