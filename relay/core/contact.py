"""Pure rules for the contact a visitor leaves: what an e-mail address and a phone number
must look like before the relay stores them. (The contact agents are shown, None when
the visitor told nothing, is relay.store.records.contact_of.)"""

from __future__ import annotations

import re
import unicodedata

from shared_protocol.errors import ErrorCode, ProtocolError

# Loose on purpose: an agent must be able to write back, so reject what plainly cannot be
# an address (no @, no dot in the domain, spaces) without pretending to parse RFC 5322.
_EMAIL = re.compile(r"[^@\s]+@(?:[^@\s.]+\.)+[^@\s.]+")
# Digits with the separators people type; ASCII digits only, so that what an agent dials
# is what the visitor meant (normalise_phone turns full-width digits into these first).
# The plus of an international number may only lead.
_PHONE = re.compile(r"\+?[0-9 ().-]+")
PHONE_DIGITS = (5, 20)


def check_email(email: str) -> None:
    """Raise BAD_FRAME unless `email` is empty or looks like name@example.tld."""
    if email and not _EMAIL.fullmatch(email):
        raise ProtocolError(
            ErrorCode.BAD_FRAME, "email: not an e-mail address like name@example.com"
        )


def normalise_phone(phone: str) -> str:
    """`phone` in NFKC form: Chinese input methods type full-width digits, spaces, pluses,
    dashes and parentheses (＋８６ １３８-００１３), which are the ASCII ones to the visitor,
    to an agent dialling and to a search for the number."""
    return unicodedata.normalize("NFKC", phone)


def check_phone(phone: str) -> str:
    """The phone number as it is to be stored (normalise_phone); raise BAD_FRAME unless it is
    empty or digits (5 to 20 of them) with an optional leading +, spaces, dashes, parentheses
    and dots."""
    phone = normalise_phone(phone)
    low, high = PHONE_DIGITS
    if phone and not (_PHONE.fullmatch(phone) and low <= sum(ch.isdigit() for ch in phone) <= high):
        raise ProtocolError(
            ErrorCode.BAD_FRAME,
            f"phone: {low} to {high} digits, with an optional leading +, spaces, dashes, "
            "parentheses and dots",
        )
    return phone
