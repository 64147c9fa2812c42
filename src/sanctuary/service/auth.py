"""Access: API tokens with roles, web users with argon2 password hashes, login throttling, sessions.

Tokens look like `sct_<id>_<secret>`: the id is public (it names the token in lists and logs), the secret is 32 random
bytes; only the SHA-256 of the secret is stored (a random secret needs no slow hash). Passwords are people's choices,
so they are hashed with argon2id.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select

from sanctuary.store import Store, TokenRow, UserRow

ROLES = ("decide", "read_records", "admin")
# What each role may do. admin may do everything.
GRANTS = {"decide": {"decide"}, "read_records": {"read_records"}, "admin": {"decide", "read_records", "admin"}}

_ph = PasswordHasher()
_DUMMY_HASH = _ph.hash("not a password")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _sha(s: str) -> str:
    return hashlib.sha256(s.encode()).hexdigest()


@dataclass
class Principal:
    name: str  # token id or username: never a personal identifier of a case
    role: str

    def may(self, permission: str) -> bool:
        return permission in GRANTS.get(self.role, set())


def create_token(store: Store, role: str, label: str = "") -> tuple[str, str]:
    """Returns (token_id, full token). The full token is shown once and never stored."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}; got {role!r}")
    token_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    with store.session() as s, s.begin():
        s.add(TokenRow(token_id=token_id, secret_sha256=_sha(secret), role=role, label=label[:200],
                       created_at=_now(), revoked=False))
    return token_id, f"sct_{token_id}_{secret}"


def check_token(store: Store, token: str) -> Principal | None:
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != "sct" or not parts[1] or not parts[2] or len(token) > 200:
        return None
    with store.session() as s:
        row = s.get(TokenRow, parts[1])
        if row is None or row.revoked:
            hmac.compare_digest(_sha(parts[2]), "0" * 64)
            return None
        if not hmac.compare_digest(_sha(parts[2]), row.secret_sha256):
            return None
        return Principal(f"token:{row.token_id}", row.role)


def list_tokens(store: Store) -> list[dict]:
    with store.session() as s:
        return [{"token_id": r.token_id, "role": r.role, "label": r.label, "created_at": r.created_at,
                 "revoked": r.revoked} for r in s.scalars(select(TokenRow).order_by(TokenRow.created_at))]


def revoke_token(store: Store, token_id: str) -> bool:
    with store.session() as s, s.begin():
        row = s.get(TokenRow, token_id)
        if row is None:
            return False
        row.revoked = True
        return True


def create_user(store: Store, username: str, password: str, role: str = "decide") -> None:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}; got {role!r}")
    if len(password) < 12:
        raise ValueError("the password must have at least 12 characters")
    if not username or len(username) > 100:
        raise ValueError("the user name must have 1 to 100 characters")
    with store.session() as s, s.begin():
        row = s.get(UserRow, username)
        if row:
            row.password_hash, row.role = _ph.hash(password), role
        else:
            s.add(UserRow(username=username, password_hash=_ph.hash(password), role=role, created_at=_now()))


def check_password(store: Store, username: str, password: str) -> Principal | None:
    with store.session() as s:
        row = s.get(UserRow, username[:100])
        stored = row.password_hash if row else _DUMMY_HASH
        role = row.role if row else ""
    try:
        ok = _ph.verify(stored, password[:1000])
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    return Principal(f"user:{username}", role) if ok and row else None


class LoginThrottle:
    """Brute-force protection: at most `limit` failed logins per user name and per client address in `window`
    seconds; beyond that, logins are refused (429) until the window passes, even with the right password."""

    def __init__(self, limit: int = 5, window: float = 900.0):
        self.limit, self.window = limit, window
        self._fails: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def _prune(self, key: str, now: float) -> deque:
        q = self._fails[key]
        while q and now - q[0] > self.window:
            q.popleft()
        return q

    def blocked(self, *keys: str) -> float:
        """Seconds to wait, or 0."""
        now = time.monotonic()
        with self._lock:
            wait = 0.0
            for k in keys:
                q = self._prune(k, now)
                if len(q) >= self.limit:
                    wait = max(wait, self.window - (now - q[0]))
            return wait

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for k in keys:
                self._prune(k, now).append(now)

    def succeeded(self, user_key: str) -> None:
        with self._lock:
            self._fails.pop(user_key, None)


class Sessions:
    """Server-side web sessions: a random id in an HttpOnly, SameSite=Strict cookie; idle timeout."""

    def __init__(self, idle_seconds: float = 8 * 3600):
        self.idle = idle_seconds
        self._s: dict[str, tuple[Principal, float, str]] = {}
        self._lock = threading.Lock()

    def new(self, p: Principal) -> tuple[str, str]:
        sid, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
        with self._lock:
            self._s[sid] = (p, time.monotonic(), csrf)
        return sid, csrf

    def get(self, sid: str | None) -> tuple[Principal, str] | None:
        if not sid:
            return None
        now = time.monotonic()
        with self._lock:
            got = self._s.get(sid)
            if got is None:
                return None
            p, seen, csrf = got
            if now - seen > self.idle:
                del self._s[sid]
                return None
            self._s[sid] = (p, now, csrf)
            return p, csrf

    def end(self, sid: str | None) -> None:
        with self._lock:
            self._s.pop(sid or "", None)
