import json
import socket
import threading
import time
import warnings
from pathlib import Path

import pytest
import yaml

warnings.filterwarnings("ignore", category=DeprecationWarning)

from fastapi.testclient import TestClient  # noqa: E402

from sanctuary.service import Settings, create_app  # noqa: E402
from sanctuary.service.auth import create_token, create_user  # noqa: E402
from sanctuary.store import Store  # noqa: E402

from svc_helpers import PASSWORD, example, free_port  # noqa: E402,F401


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def store(data_dir):
    return Store.open(data_dir)


@pytest.fixture
def tokens(store):
    return {role: create_token(store, role, f"test {role}")[1] for role in ("decide", "read_records", "admin")}


@pytest.fixture
def client(store, data_dir):
    app = create_app(Settings(host="127.0.0.1", data_dir=data_dir), store=store)
    return TestClient(app)


@pytest.fixture
def remote(store, data_dir):
    """The service as if bound to a public address: login and tokens required."""
    create_user(store, "clerk", PASSWORD, "decide")
    app = create_app(Settings(host="0.0.0.0", data_dir=data_dir, cookie_secure=False, login_attempts=3), store=store)
    return TestClient(app, base_url="http://testserver")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """A real uvicorn server on loopback, in a thread, for the browser tests."""
    import uvicorn

    d = tmp_path_factory.mktemp("live")
    app = create_app(Settings(host="127.0.0.1", data_dir=d))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    t = threading.Thread(target=server.run, daemon=True)
    t.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    t.join(timeout=10)
