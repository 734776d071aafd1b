"""An invitation's words: the default greeting, and the variables a greeting may use
(shared_protocol/greetings.py: the app previews them the same way)."""

from __future__ import annotations

from collections.abc import Mapping

from shared_protocol.greetings import fill, visitor_values

__all__ = ["DEFAULT_GREETINGS", "default_greeting", "fill", "visitor_values"]

# When neither the agent nor the site wrote one; by the visitor's first language.
DEFAULT_GREETINGS: Mapping[str, str] = {
    "en": "Hello! Is there anything we can help you with?",
    "zh": "您好！有什么可以帮您的吗？",
    "mn": "Сайн байна уу! Танд юугаар туслах вэ?",
}


def default_greeting(language: str) -> str:
    """The default greeting in the visitor's language (a tag like zh-CN), English else."""
    primary = language.strip().lower().replace("_", "-").split("-")[0]
    return DEFAULT_GREETINGS.get(primary, DEFAULT_GREETINGS["en"])
