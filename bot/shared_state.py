"""The gateway's connection to Redis, where state shared by gateway workers lives.

Timeouts are short on purpose: when Redis is gone a person still gets a calm reply at once,
and the client reconnects by itself when Redis is back (no restart).
"""
from __future__ import annotations

from typing import Optional

import redis.asyncio as aioredis
from redis.exceptions import RedisError

KEY_PREFIX = "hjelpelos:gateway:"
TIMEOUT_S = 1.0


def connect(url: str) -> Optional[aioredis.Redis]:
    """A client for `url` (redis://HOST:PORT/DB), or None when no URL is set."""
    if not url:
        return None
    return aioredis.Redis.from_url(url, socket_timeout=TIMEOUT_S, socket_connect_timeout=TIMEOUT_S)


async def is_reachable(client: aioredis.Redis) -> bool:
    try:
        return bool(await client.ping())
    except (RedisError, OSError):
        return False
