"""A forgotten start-up password, reset with a code the town reads over the phone.

The locked PC shows its id and a six-digit request number (kept in its password file, used
once). The town computes the code from the two PCs' X25519 encryption keys (the ones sync
files are encrypted with, docs/sync.md): HMAC-SHA256 of "id|request", keyed with the shared
secret X25519(town, village), shortened to eight digits. Only the town (or the PC itself)
holds a private half of that secret, so nobody else can make a code; a request allows five
wrong codes, then a new one is needed. No database is opened on the locked PC: the town
keys are read from its file read-only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.records.errors import UserError
from desktop_app.security.password import StartupPassword
from desktop_app.sync.identity import box_private_key, key_path, node_id_of_key_file

if TYPE_CHECKING:  # the locked PC opens no database
    from desktop_app.storage.database import Database

CODE_DIGITS = 8


def code_for(shared_secret: bytes, node_id: str, request: str) -> str:
    mac = hmac.new(shared_secret, f"lianjian-password-reset|{node_id}|{request}".encode(),
                   hashlib.sha256).digest()
    return f"{int.from_bytes(mac[:8], 'big') % 10 ** CODE_DIGITS:0{CODE_DIGITS}d}"


def shown(code: str) -> str:
    """Read over the phone in two halves: "1234-5678"."""
    return f"{code[:4]}-{code[4:]}"


def _shared(private, public_b64: str) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    return private.exchange(X25519PublicKey.from_public_bytes(base64.b64decode(public_b64)))


# --- at the town ------------------------------------------------------------------------
def town_code(db: Database, node_id: str, request: str) -> str:
    """The code that resets the start-up password of the PC ``node_id`` for ``request``."""
    from sqlalchemy import select
    from sqlmodel import col

    from db.models import SyncPeer

    if db.node.role != "town":
        raise UserError("只有镇里的电脑能给出重置码")
    request = request.strip()
    if not (len(request) == 6 and request.isdigit()):
        raise UserError("申请号是 6 位数字")
    with db.engine.connect() as connection:
        peer = connection.execute(select(SyncPeer).where(col(SyncPeer.node_id) == node_id)).first()
    if peer is None or peer.status != "approved":
        raise UserError(f"本机没有批准过电脑 {node_id}")
    if not peer.box_key:
        raise UserError(f"还没有收到“{peer.name or node_id}”的加密密钥：请先导入它的同步文件")
    private = box_private_key(db.key_path)
    if private is None:
        raise UserError("本机还没有加密密钥：请先导出一次同步文件")
    return shown(code_for(_shared(private, peer.box_key), node_id, request))


# --- on the locked PC -------------------------------------------------------------------
def this_pc(db_path: Path) -> str:
    """This PC's id, from its key file (to read to the town)."""
    return node_id_of_key_file(key_path(db_path)) or ""


def reset_with_code(db_path: Path, code: str) -> bool:
    """Remove the start-up password if ``code`` came from a town this PC approved."""
    password = StartupPassword(db_path)
    request = password.reset_request()
    node_id = this_pc(db_path)
    private = box_private_key(key_path(db_path))
    towns = _town_keys(db_path)
    if private is None or not node_id or not towns:
        raise UserError("本机还没有与镇同步过，镇里无法给出重置码")
    expected = {code_for(_shared(private, key), node_id, request) for key in towns}
    return password.reset(code, expected)


def _town_keys(db_path: Path) -> list[str]:
    """The encryption keys of the towns this PC approved, read without opening it as the app
    does (no migration, no writes)."""
    try:
        connection = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = connection.execute(
                "SELECT box_key FROM sync_peer WHERE role = 'town' AND status = 'approved' "
                "AND box_key IS NOT NULL").fetchall()
        finally:
            connection.close()
    except sqlite3.Error:
        return []
    return [row[0] for row in rows]
