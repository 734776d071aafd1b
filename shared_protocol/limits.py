"""Protocol version and the size limits every peer must respect (documented in docs/protocol.md)."""

from typing import Final

# Version 1 is the first. A peer states the version it speaks in its first frame; the relay
# answers with `version_unsupported` when it cannot speak it.
PROTOCOL_VERSION: Final = 1
SUPPORTED_VERSIONS: Final = frozenset({1})

# A frame larger than this gets a typed `frame_too_large` error and is not processed.
MAX_FRAME_BYTES: Final = 16 * 1024
# Beyond this the WebSocket layer closes the connection (1009) without reading the frame.
HARD_FRAME_BYTES: Final = 64 * 1024
# Frames from the relay (a history page, a login snapshot) may be larger; clients must
# accept up to this size.
MAX_RELAY_FRAME_BYTES: Final = 4 * 1024 * 1024

# Every integer on the wire lies within what every peer holds exactly: JavaScript numbers
# (the widget) are exact up to 2^53 - 1, SQLite's integers end at 2^63 - 1. Ids, sequence
# numbers, counts and sizes all stay in 0..MAX_WIRE_INT; a frame with another integer is
# refused with `bad_frame`.
MAX_WIRE_INT: Final = 2**53 - 1
# Timestamps (seconds since the Unix epoch) and durations are finite, non-negative floats
# up to this: about the year 5138, still a date for every date library (Python's ends
# at 9999), where NaN or infinity would break them.
MAX_SECONDS: Final = 1e11
# Maps and lists inside a frame nest at most this deep, the frame itself being the first
# level (the relay's frames nest at most 5 deep). Unknown fields count too: a reader
# ignores them, but its decoder still has to read them, and deep nesting exhausts its stack.
MAX_NESTING_DEPTH: Final = 32

MAX_TEXT_CHARS: Final = 4000  # a chat message
MAX_PREVIEW_CHARS: Final = 4000  # a typing preview (the draft so far)
MAX_CLIENT_ID_CHARS: Final = 64  # a client-made message id
MAX_TOKEN_CHARS: Final = 128
MAX_NAME_CHARS: Final = 100  # user names, display names, visitor names
MAX_CONTACT_CHARS: Final = 200  # an e-mail address or a phone number
MAX_PASSWORD_CHARS: Final = 256
MAX_URL_CHARS: Final = 2048
MAX_TITLE_CHARS: Final = 300
MAX_SITE_KEY_CHARS: Final = 64
MAX_RESUME_POINTS: Final = 50
MAX_EPOCH_CHARS: Final = 64  # a database epoch as a client repeats it (the relay makes 32)
MAX_DETAIL_CHARS: Final = 500
MAX_INVITATION_CHARS: Final = 500  # an invitation's greeting or survey question
MAX_RULE_VALUES: Final = 20  # patterns, places… in one condition of an invitation rule
MAX_RULES: Final = 50  # invitation rules of one site
MAX_VARIANTS: Final = 6  # of one A/B test
MAX_TIERS: Final = 5  # of one department's routing
MAX_ROUTING_LEVEL: Final = 9  # agents' levels: 1 first line, higher for seniors
MAX_CHATS_AT_ONCE: Final = 50  # the highest max_chats an agent may be given
MAX_HOURS_CHARS: Final = 500  # opening hours, or their exceptions, as written
# The only attachment types that are images to preview (Attachment.type); any other file
# is application/octet-stream, a download.
PREVIEW_TYPES: Final = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
QUOTE_CHARS: Final = 200  # how much of a quoted message a reply carries
MAX_FILE_NAME_CHARS: Final = 255

# A `history` frame holds at most this many messages, and stops early once their texts
# reach HISTORY_PAGE_CHARS; a client asks for the next page with `resume`.
HISTORY_PAGE_SIZE: Final = 100
HISTORY_PAGE_CHARS: Final = 200_000
# The last messages in a login snapshot hold at most this many bytes of text together (500
# messages of 4,000 CJK characters would be 6 MB, past MAX_RELAY_FRAME_BYTES); conversations
# past it are listed with `last_message` null, and the client fetches their history.
SNAPSHOT_LAST_MESSAGE_BYTES: Final = 2 * 1024 * 1024
