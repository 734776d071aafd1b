"""What a visitor's e-mail address and phone number must look like before the relay stores
them, and the contact agents are shown."""

from __future__ import annotations

import pytest

from relay.core.contact import check_email, check_phone
from relay.store.records import VisitorContact, contact_of
from shared_protocol.errors import ErrorCode, ProtocolError


@pytest.mark.parametrize(
    "email", ["", "bolor@example.mn", "wang.fang+ielts@mail.school.example.cn", "a@b.co"]
)
def test_plausible_addresses_and_an_empty_one_pass(email: str) -> None:
    check_email(email)


@pytest.mark.parametrize(
    "email",
    [
        "not an address",
        "bolor@example",
        "bolor at example.mn",
        "@example.mn",
        "bolor@",
        "bolor@@example.mn",
        "bo lor@example.mn",
        "bolor@example.mn ",
        "bolor@example..mn",
        "bolor@.example.mn",
        "bolor@example.mn.",
        "bolor@exa\tmple.mn",
    ],
)
def test_an_address_without_a_dotted_domain_or_with_spaces_is_refused(email: str) -> None:
    with pytest.raises(ProtocolError) as refused:
        check_email(email)
    assert refused.value.code is ErrorCode.BAD_FRAME
    assert refused.value.detail.startswith("email:")


@pytest.mark.parametrize(
    "phone",
    ["", "12345", "+976 9911-2233", "(0571) 8888.1234", "+1 (555) 010-0100", "1" * 20],
)
def test_digits_with_the_usual_separators_pass(phone: str) -> None:
    check_phone(phone)


@pytest.mark.parametrize(
    "phone",
    [
        "1234",  # four digits
        "1" * 21,
        "call me maybe",
        "+1 555 0100 ext 12",
        "12+345678",  # the plus only leads
        "++12345678",
        "٠١٢٣٤٥٦٧",  # Arabic-Indic digits: NFKC keeps them, and they are not 0-9
        "１２３４",  # full-width, but four digits after normalising
        "12345/678",
        "+ - ( ) .",
    ],
)
def test_anything_else_as_a_phone_number_is_refused(phone: str) -> None:
    with pytest.raises(ProtocolError) as refused:
        check_phone(phone)
    assert refused.value.code is ErrorCode.BAD_FRAME
    assert refused.value.detail.startswith("phone:")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("１３８ ００１３ ８０００", "138 0013 8000"),  # full-width digits, ASCII spaces
        ("１３８\u3000００１３\u3000８０００", "138 0013 8000"),  # ideographic spaces
        ("＋８６ １３８－００１３－８０００", "+86 138-0013-8000"),  # full-width + and -
        ("（０５７１）８８８８．１２３４", "(0571)8888.1234"),  # full-width brackets, dot
        ("138 0013 8000", "138 0013 8000"),  # already ASCII: unchanged
        ("", ""),
    ],
)
def test_full_width_input_method_digits_pass_and_are_stored_as_ascii(
    typed: str, stored: str
) -> None:
    assert check_phone(typed) == stored


def test_a_visitor_who_told_nothing_has_no_contact() -> None:
    assert contact_of("", "", "") is None
    assert contact_of("", "", "+976 9911-2233") == VisitorContact(phone="+976 9911-2233")
