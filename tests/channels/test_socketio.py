"""A third-party Rasa web client talks socket.io to our Rasa server: the standard protocol works.

Rasa Webchat and similar widgets emit `session_request`, then `user_uttered`, and listen for
`bot_uttered`. With session persistence on (credentials.yml) this needs python-socketio < 5.10.
The test uses python-socketio's synchronous client (long-polling), an independent implementation
of the same protocol.
"""
import secrets
import threading

import socketio


def _talk(url: str, text: str, language: str, expected: int = 2) -> list:
    client = socketio.Client(reconnection=False)
    replies: list = []
    done = threading.Event()
    session_id = secrets.token_hex(8)

    @client.on("bot_uttered")
    def on_bot(message):
        replies.append(message)
        if len(replies) >= expected:
            done.set()

    @client.on("session_confirm")
    def on_session(_):
        client.emit("user_uttered", {"message": text, "session_id": session_id,
                                     "metadata": {"language": language, "at": "2026-11-18T19:00"}})

    client.connect(url, socketio_path="/socket.io", transports=["polling"])
    client.emit("session_request", {"session_id": session_id})
    try:
        done.wait(timeout=60)
    finally:
        client.disconnect()
    return replies


def test_a_socketio_client_gets_the_greeting_and_invitation(running_bot) -> None:
    replies = _talk(running_bot.rasa_url, "hei", "nb")
    assert len(replies) >= 2
    assert "112" in " ".join(r.get("text", "") for r in replies)  # the greeting names 112/113


def test_a_socketio_client_gets_an_emergency_reply_first(running_bot) -> None:
    replies = _talk(running_bot.rasa_url, "he is outside my door with a knife right now", "en")
    assert replies and "112" in replies[0]["text"]
