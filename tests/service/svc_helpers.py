"""Helpers for the service tests (imported by name: tests/ has no packages)."""

import json
import socket
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
PASSWORD = "correct horse battery staple"


def example(name: str) -> dict:
    return json.loads(json.dumps(yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text()), default=str))


def auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


