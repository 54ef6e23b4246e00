"""The stack as `make run` starts it: metrics and docs on the internal loopback port only."""
from __future__ import annotations

import httpx


def test_the_started_gateway_serves_metrics_and_docs_only_internally(running_bot) -> None:
    public, internal = running_bot.gateway_url, running_bot.internal_url
    httpx.get(f"{public}/healthz")
    for path in ("/metrics", "/docs"):
        assert httpx.get(f"{public}{path}").status_code == 404, path
        assert httpx.get(f"{internal}{path}").status_code == 200, path
    assert 'route="/healthz"' in httpx.get(f"{internal}/metrics").text
