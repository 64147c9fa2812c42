"""ASGI middleware: a body size limit (413), security headers, and an access log without personal data.

The access log names the route template (`/api/v1/records/{seq}`), never the raw path or query string, and never
a body: a case may carry a booking reference, and a query string may carry anything a client puts there.
"""

from __future__ import annotations

import json
import logging
import time

access_log = logging.getLogger("sanctuary.access")

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"content-security-policy",
     b"default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; "
     b"frame-ancestors 'none'; base-uri 'none'; connect-src 'self'"),
    (b"cache-control", b"no-store"),
]


class BodyLimit:
    """Refuse a request body over `limit` bytes with 413, whether announced by Content-Length or streamed."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        cl = headers.get(b"content-length")
        if cl is not None:
            try:
                n = int(cl)
            except ValueError:
                return await _json(send, 400, {"detail": "Content-Length is not a number"})
            if n > self.limit:
                return await _too_large(send, self.limit)
        chunks, total = [], 0
        more = True
        while more:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            body = msg.get("body", b"")
            total += len(body)
            if total > self.limit:
                return await _too_large(send, self.limit)
            chunks.append(body)
            more = msg.get("more_body", False)
        whole = b"".join(chunks)
        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": whole, "more_body": False}
            return await receive()

        return await self.app(scope, replay, send)


async def _too_large(send, limit: int):
    await _json(send, 413, {"detail": f"the request body is larger than {limit} bytes", "problems": []})


async def _json(send, status: int, payload: dict):
    body = json.dumps(payload).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": body})


class SecurityAndAccessLog:
    def __init__(self, app, hsts: bool = False):
        self.app, self.hsts = app, hsts

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start = time.perf_counter()
        status = {"code": 0}

        async def send_with_headers(msg):
            if msg["type"] == "http.response.start":
                status["code"] = msg["status"]
                have = {k.lower() for k, _ in msg.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in have]
                if self.hsts:
                    extra.append((b"strict-transport-security", b"max-age=31536000"))
                msg = dict(msg, headers=[*msg.get("headers", []), *extra])
            await send(msg)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or ("/static/*" if scope.get("path", "").startswith("/static/") else "(no route)")
            access_log.info("%s %s %s %.1fms", scope.get("method"), template, status["code"] or 500,
                            (time.perf_counter() - start) * 1000)
