"""With HJELPELOS_TEST_CLOCK=1 the gateway lets `metadata.at` through, so hours tests are deterministic."""
from .conftest import gateway_forwards_clock


def test_gateway_forwards_the_test_clock(bot_url, running_bot):
    assert gateway_forwards_clock(bot_url, running_bot.rasa_url)
