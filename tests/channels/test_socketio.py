"""A third-party Rasa web client talks socket.io to our Rasa server: the standard protocol works.

Rasa Webchat and similar widgets emit `session_request`, then `user_uttered`, and listen for
`bot_uttered`. With session persistence on (credentials.yml) this needs python-socketio < 5.10.
"""
import asyncio
import secrets

import socketio


async def _talk(url: str, text: str, language: str) -> list:
    client = socketio.AsyncClient(reconnection=False)
    replies: list = []
    done = asyncio.Event()
    session_id = secrets.token_hex(8)

    @client.on("bot_uttered")
    async def on_bot(message):
        replies.append(message)
        if len(replies) >= 2:
            done.set()

    @client.on("session_confirm")
    async def on_session(_):
        await client.emit("user_uttered", {"message": text, "session_id": session_id,
                                           "metadata": {"language": language, "at": "2026-11-18T19:00"}})

    await client.connect(url, socketio_path="/socket.io", transports=["websocket"])
    await client.emit("session_request", {"session_id": session_id})
    try:
        await asyncio.wait_for(done.wait(), timeout=60)
    finally:
        await client.disconnect()
    return replies


def test_a_socketio_client_gets_the_greeting_and_invitation(running_bot) -> None:
    replies = asyncio.run(_talk(running_bot.rasa_url, "hei", "nb"))
    texts = " ".join(r.get("text", "") for r in replies)
    assert "112" in texts  # the greeting names the emergency numbers


def test_a_socketio_client_gets_an_emergency_reply_first(running_bot) -> None:
    replies = asyncio.run(_talk(running_bot.rasa_url, "he is outside my door with a knife right now", "en"))
    assert "112" in replies[0]["text"]
