"""The service's settings: where it listens, where it keeps records, who must log in."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

from sanctuary.store.record import data_dir_default
from sanctuary.vocabulary.load import MAX_CASE_BYTES


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    data_dir: Path | None = None  # default: $SANCTUARY_DATA_DIR or ./.sanctuary-data
    database_url: str | None = None  # default: $SANCTUARY_DATABASE_URL or SQLite in data_dir
    # None: decided from the host. Bound to loopback: the web page needs no login and decisions without storing
    # need no token. Bound to anything else: login and tokens everywhere.
    login_required: bool | None = None
    open_decide: bool | None = None
    cookie_secure: bool | None = None  # default: on when not loopback (expects TLS in front)
    max_body_bytes: int = MAX_CASE_BYTES
    login_attempts: int = 5
    login_window_seconds: float = 900.0

    def __post_init__(self):
        local = is_loopback(self.host)
        if self.login_required is None:
            self.login_required = not local
        if self.open_decide is None:
            self.open_decide = local
        if self.cookie_secure is None:
            self.cookie_secure = not local and os.environ.get("SANCTUARY_INSECURE_COOKIES") != "1"
        if self.data_dir is None:
            self.data_dir = data_dir_default()
