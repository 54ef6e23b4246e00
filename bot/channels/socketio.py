"""Socket.io at the gateway, speaking what Rasa's own socket.io channel speaks.

So a Rasa web client (rasa-webchat and the like) works unchanged: `session_request` is answered
with `session_confirm` (the client's stored id, or a new one), `user_uttered` carries
`{"message", "session_id", "metadata"|"customData"}`, and each bot message comes back as
`bot_uttered` in the shape of `rasa/core/channels/socketio.py`'s `SocketIOOutput`. Every turn
goes through the same path as the REST channel (`bot.routers.chat.answer`: limits, then
`RasaClient.send`, else a calm catalogue reply), keyed by the client's `session_id`, so the conversation
survives a reload and reaches the replica that holds it.
"""
from __future__ import annotations

import json
import re
import uuid
from typing import Any, Dict, List, Optional

import socketio
import structlog
from fastapi import FastAPI
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from bot.routers.chat import answer, calm_reply, known_metadata

log = structlog.get_logger("hjelpelos.socketio")
USER_EVENT = "user_uttered"
BOT_EVENT = "bot_uttered"
# A `session_id` names a conversation and a room: the same alphabet and length as a REST sender.
SESSION_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")
# Bigger packets are refused by engine.io itself (the message limit is far below this).
MAX_PACKET_BYTES = 64 * 1024


def session_id_of(data: Any) -> Optional[str]:
    """The client's `session_id` when it is well-formed, else None."""
    value = data.get("session_id") if isinstance(data, dict) else None
    return value if isinstance(value, str) and SESSION_ID.fullmatch(value) else None


def metadata_of(data: Dict[str, Any]) -> Dict[str, Any]:
    """Rasa reads `metadata` (a dict or JSON text); rasa-webchat sends `customData`."""
    raw = data.get("metadata", data.get("customData"))
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raw = None
    return known_metadata(raw)


def bot_messages(reply: Dict[str, Any]) -> List[Dict[str, Any]]:
    """One REST reply as Rasa's socket.io output sends it: text split on blank lines, buttons as
    quick replies on the last part, images and attachments as `attachment`."""
    out: List[Dict[str, Any]] = []
    text = reply.get("text")
    if isinstance(text, str) and text.strip():
        out = [{"text": part} for part in text.strip().split("\n\n")]
        if reply.get("buttons"):
            out[-1]["quick_replies"] = [
                {"content_type": "text", "title": button.get("title"), "payload": button.get("payload")}
                for button in reply["buttons"]
            ]
    if reply.get("image"):
        out.append({"attachment": {"type": "image", "payload": {"src": reply["image"]}}})
    if reply.get("attachment"):
        out.append({"attachment": reply["attachment"]})
    custom = reply.get("custom")
    if isinstance(custom, dict) and isinstance(custom.get("data"), dict):
        out.append(custom["data"])  # Rasa's socket.io output emits a custom message's `data`
    elif custom is not None:
        out.append({"custom": custom})
    return out


def create_socket_server(app: FastAPI) -> socketio.AsyncServer:
    """The socket.io server of the gateway; origins are the REST channel's CORS origins."""
    settings = app.state.settings
    sio = socketio.AsyncServer(
        async_mode="asgi",
        cors_allowed_origins=list(settings.allowed_origins),  # others: 400, websocket refused
        max_http_buffer_size=MAX_PACKET_BYTES,
        logger=False,
        engineio_logger=False,
    )

    @sio.on("session_request")
    async def session_request(sid: str, data: Any = None) -> None:
        session_id = session_id_of(data) or uuid.uuid4().hex
        sio.enter_room(sid, session_id)
        await sio.emit("session_confirm", session_id, room=sid)

    @sio.on(USER_EVENT)
    async def user_uttered(sid: str, data: Any = None) -> None:
        data = data if isinstance(data, dict) else {}
        session_id = session_id_of(data)
        if session_id:  # a client that skipped session_request still gets its answer
            sio.enter_room(sid, session_id)
        room = session_id or sid
        metadata = metadata_of(data)
        try:
            _, replies = await answer(app, room, data.get("message"), metadata)
        except Exception:  # never leave the person without an answer
            log.exception("socketio.turn_failed")
            replies = calm_reply("error_try_again", metadata.get("language"))
        for reply in replies:
            for message in bot_messages(reply):
                await sio.emit(BOT_EVENT, message, room=room)

    return sio


class RefuseHugePolls:
    """Answer an oversized long-polling POST with 413 before engine.io sees it.

    engine.io itself drops the connection but leaves that request hanging until the ping timeout,
    holding the connection; a clear refusal is better for everyone.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and _declared_length(scope) > MAX_PACKET_BYTES:
            await PlainTextResponse("payload too large", status_code=413)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _declared_length(scope: Scope) -> int:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else 0
    return 0


def socketio_app(app: FastAPI) -> ASGIApp:
    """The ASGI app to mount at /socket.io on the gateway."""
    return RefuseHugePolls(socketio.ASGIApp(create_socket_server(app), socketio_path="socket.io"))
