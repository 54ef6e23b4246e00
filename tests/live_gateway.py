"""The real gateway app under uvicorn in a thread, for clients that need a socket (socket.io)."""
from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from typing import Iterator

import httpx
import uvicorn
from fastapi import FastAPI


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(app: FastAPI, port: int) -> Iterator[str]:
    """Serve `app` on 127.0.0.1:port until the block ends; yields its base URL."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("gateway did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def warm_up(rasa_url: str, timeout_s: float = 240.0) -> None:
    """Rasa loads its language model on the first message; let that one not be a test's."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            reply = httpx.post(f"{rasa_url}/webhooks/rest/webhook", timeout=120,
                               json={"sender": "warm-up", "message": "hei"})
            if reply.status_code == 200 and reply.json():
                return
        except httpx.HTTPError:
            pass
        time.sleep(2)
    raise TimeoutError("the bot did not answer a first message")
