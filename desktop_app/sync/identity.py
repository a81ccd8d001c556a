"""This PC's identity: an Ed25519 key pair, a node id derived from the public key, and the
detection of a database file copied from another PC.

The private key never lives in the database: it is kept beside it, in ``NAME.db.key``
with the install id. A database that arrives without its key file — or with another
database's — was copied from elsewhere, so it gets a new identity instead of writing
under the other PC's name (which would fork that PC's history).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select, update
from sqlmodel import col

from db.models import LocalNode

if TYPE_CHECKING:  # imported when first needed (start-up time)
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

FINGERPRINT_GROUPS = 4


def key_path(db_path: Path) -> Path:
    """Where the private key of the database at ``db_path`` is kept."""
    return db_path.with_name(db_path.name + ".key")


def _key_file_install_id(path: Path) -> str | None:
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("install_id")
    except (OSError, ValueError, AttributeError):
        return None


def node_id_for(public_key: bytes) -> str:
    """A short, stable id derived from the public key."""
    return "n" + hashlib.sha256(public_key).hexdigest()[:19]


NODE_ID = re.compile(r"n[0-9a-f]{19}")  # what node_id_for makes


def fingerprint(public_key_b64: str) -> str:
    """What two operators read to each other over the phone, e.g. "4821-0937-5512-0064"."""
    digest = hashlib.sha256(base64.b64decode(public_key_b64)).digest()
    number = int.from_bytes(digest[:8], "big")
    groups = [f"{(number >> (14 * i)) % 10000:04d}" for i in range(FINGERPRINT_GROUPS)]
    return "-".join(groups)


@dataclass(frozen=True)
class Renewal:
    """A copied database was given a new identity."""

    old_node_id: str
    new_node_id: str


def ensure_identity(connection: Connection, keys: Path) -> Renewal | None:
    """Give this database an identity if it has none, or a new one if it was copied here.

    Reads only the small key file (no cryptography import); keys are generated only for a
    new or copied database.
    """
    node = connection.execute(select(LocalNode).where(col(LocalNode.id) == 1)).one()
    if node.install_id and _key_file_install_id(keys) == node.install_id:
        return None
    pending = keys.with_name(keys.name + ".new")  # a new identity taken, its key not yet moved
    if node.install_id and _key_file_install_id(pending) == node.install_id:
        os.replace(pending, keys)
        return None
    old = node.node_id if node.install_id else None
    install_id, public_key = _new_key_pair(keys)
    node_id = node_id_for(public_key)
    connection.execute(update(LocalNode).where(col(LocalNode.id) == 1).values(
        install_id=install_id, public_key=base64.b64encode(public_key).decode(),
        node_id=node_id, epoch=0))
    return Renewal(old, node_id) if old else None


def _new_key_pair(path: Path) -> tuple[str, bytes]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    install_id = uuid.uuid4().hex
    private = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                serialization.NoEncryption())
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    box = X25519PrivateKey.generate().private_bytes(  # to receive encrypted sync files
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
        serialization.NoEncryption())
    content = {"install_id": install_id, "private_key": base64.b64encode(private).decode(),
               "box_private_key": base64.b64encode(box).decode()}
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(content), encoding="utf-8")
    os.replace(temporary, path)
    public = key.public_key().public_bytes(serialization.Encoding.Raw,
                                           serialization.PublicFormat.Raw)
    return install_id, public


def prepare_new_identity(keys: Path) -> tuple[str, bytes, Path]:
    """A new key pair for a PC that learnt it shares its identity with a copy of its data
    folder (``desktop_app.sync.fork``): written beside the key file, to be put in its place
    (``os.replace``) once the database has taken the new identity."""
    pending = keys.with_name(keys.name + ".new")
    install_id, public = _new_key_pair(pending)
    return install_id, public, pending


def renewed_from(keys: Path) -> dict | None:
    """The identity this PC had before it learnt of a copy of its data folder, or None."""
    try:
        value = json.loads(keys.read_text(encoding="utf-8")).get("renewed_from")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, dict) else None


def record_renewal(keys: Path, old_node_id: str, fork_seq: int) -> None:
    """Remember the old identity, so this PC's files tell the town which copy it was."""
    content = json.loads(keys.read_text(encoding="utf-8"))
    content["renewed_from"] = {"node_id": old_node_id, "seq": fork_seq}
    _rewrite(keys, content)


class Signer:
    """Signs with this PC's private key (loaded on first use)."""

    def __init__(self, keys: Path) -> None:
        self.keys = keys
        self._key: Ed25519PrivateKey | None = None

    def sign(self, message: bytes) -> str:
        if self._key is None:
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

            raw = json.loads(self.keys.read_text(encoding="utf-8"))["private_key"]
            self._key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(raw))
        return base64.b64encode(self._key.sign(message)).decode()


def node_id_of_key_file(keys: Path) -> str | None:
    """The id of the PC whose key file this is (without its database), or None."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        raw = json.loads(keys.read_text(encoding="utf-8"))["private_key"]
        key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(raw))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return node_id_for(key.public_key().public_bytes(serialization.Encoding.Raw,
                                                      serialization.PublicFormat.Raw))


def verify(public_key_b64: str, message: bytes, signature_b64: str) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key_b64, validate=True))
        key.verify(base64.b64decode(signature_b64, validate=True), message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


# --- what left this PC (kept in the key file, which a restored backup does not replace) ----
def sent_seq(keys: Path) -> int:
    """The highest of this PC's own operations that ever went out in a sync file."""
    try:
        return int(json.loads(keys.read_text(encoding="utf-8")).get("sent_seq") or 0)
    except (OSError, ValueError, AttributeError, TypeError):
        return 0


def record_sent(keys: Path, seq: int) -> None:
    """Remember that this PC's operations up to ``seq`` went out (replaced atomically)."""
    content = json.loads(keys.read_text(encoding="utf-8"))
    if content.get("sent_seq") == seq:
        return
    content["sent_seq"] = seq
    _rewrite(keys, content)


# --- the encryption key pair (X25519), in the same key file --------------------------------
def box_private_key(keys: Path):
    """This PC's X25519 private key, or None if it has none yet."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    try:
        raw = json.loads(keys.read_text(encoding="utf-8")).get("box_private_key")
    except (OSError, ValueError, AttributeError):
        return None
    return X25519PrivateKey.from_private_bytes(base64.b64decode(raw)) if raw else None


def box_public_key(keys: Path) -> str:
    """This PC's X25519 public key (base64), made and kept in the key file on first use."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    key = box_private_key(keys)
    if key is None:
        key = X25519PrivateKey.generate()
        content = json.loads(keys.read_text(encoding="utf-8"))
        content["box_private_key"] = base64.b64encode(key.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
            serialization.NoEncryption())).decode()
        _rewrite(keys, content)
    public = key.public_key().public_bytes(serialization.Encoding.Raw,
                                           serialization.PublicFormat.Raw)
    return base64.b64encode(public).decode()


def _rewrite(keys: Path, content: dict) -> None:
    temporary = keys.with_name(keys.name + ".tmp")
    temporary.write_text(json.dumps(content), encoding="utf-8")
    os.replace(temporary, keys)
