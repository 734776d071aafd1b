"""An invitation's words: the variables a greeting may use, and the default greeting.

Variables are `{visitor.name}`, `{visitor.city}`, `{visitor.region}`, `{visitor.country}`,
`{visitor.keyword}` and `{site.name}`; `{visitor.name|there}` gives a fallback for an empty
value ("Hello {visitor.name|there}!"). One pass over the template: a value is never read
as a template again (a visitor named "{site.name}" stays that), and anything else in
braces, `{{…}}` included, is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# Not inside doubled braces: `{{visitor.name}}` is left as written, not made `{Ana}`.
_VARIABLE = re.compile(r"(?<!\{)\{(visitor\.[a-z]+|site\.name)(?:\|([^{}]*))?\}(?!\})")

# When neither the agent nor the site wrote one; by the visitor's first language.
DEFAULT_GREETINGS: Mapping[str, str] = {
    "en": "Hello! Is there anything we can help you with?",
    "zh": "您好！有什么可以帮您的吗？",
    "mn": "Сайн байна уу! Танд юугаар туслах вэ?",
}


def fill(template: str, values: Mapping[str, str]) -> str:
    """The template with its variables replaced; an unknown or empty one becomes its
    fallback, or nothing."""

    def value(found: re.Match[str]) -> str:
        return values.get(found[1], "").strip() or (found[2] or "")

    return _VARIABLE.sub(value, template)


def default_greeting(language: str) -> str:
    """The default greeting in the visitor's language (a tag like zh-CN), English else."""
    primary = language.strip().lower().replace("_", "-").split("-")[0]
    return DEFAULT_GREETINGS.get(primary, DEFAULT_GREETINGS["en"])
