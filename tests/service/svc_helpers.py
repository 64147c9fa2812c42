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




def append_from_two_stores(store, other, answer: dict, per_thread: int = 10):
    """Four threads append through two Store objects on one database (as two processes would); the chain report."""
    import threading

    def work(s):
        for _ in range(per_thread):
            s.append({"x": 1}, answer)
    ts = [threading.Thread(target=work, args=(s,)) for s in (store, other, store, other)]
    [t.start() for t in ts]
    [t.join() for t in ts]
    return store.verify()
