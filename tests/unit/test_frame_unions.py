"""The frames package holds together: every frame travels in a direction, tags name one frame
per direction, each frame lives in one feature module, and the wire form is what peers expect.

Where a frame lives (the rule checked here): every frame and structure is defined in exactly
one module of shared_protocol/frames/, listed in that module's `__all__` and re-exported by
the package as the same object; frames are defined in feature modules only, never in
common.py (which holds the Frame base and what frames are built from) nor in unions.py (which
only assembles the four direction unions, and is the only module that does).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import types
import typing
from collections import Counter
from types import ModuleType
from typing import Any

import msgspec
import msgspec.inspect as mi
import pytest

from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from shared_protocol.frames import unions

DIRECTIONS: dict[str, Any] = {
    "VisitorInbound": frames.VisitorInbound,
    "VisitorOutbound": frames.VisitorOutbound,
    "AgentInbound": frames.AgentInbound,
    "AgentOutbound": frames.AgentOutbound,
}

# The protocol, direction by direction: tag → frame. A frame added, removed or re-tagged is a
# protocol change (docs/protocol.md says which peers understand it): change this table with it.
TAGS: dict[str, dict[str, type[frames.Frame]]] = {
    "VisitorInbound": {
        "hello": frames.Hello,
        "page_view": frames.PageView,
        "page_leave": frames.PageLeave,
        "message": frames.VisitorSend,
        "typing": frames.VisitorTyping,
        "profile": frames.Profile,
        "read": frames.VisitorRead,
        "resume": frames.Resume,
        "close": frames.Close,
        "invitation_shown": frames.InvitationShown,
        "invitation_accept": frames.InvitationAccept,
        "invitation_decline": frames.InvitationDecline,
        "survey_answer": frames.SurveyAnswer,
        "exit_intent": frames.ExitIntent,
    },
    "VisitorOutbound": {
        "welcome": frames.Welcome,
        "agent_joined": frames.AgentJoined,
        "ack": frames.Ack,
        "message": frames.Message,
        "history": frames.History,
        "typing": frames.AgentTyping,
        "presence": frames.Presence,
        "withdrawn": frames.MessageWithdrawn,
        "read": frames.VisitorReadReceipt,
        "conversation_opened": frames.ConversationOpened,
        "conversation_closed": frames.ConversationClosed,
        "invitation": frames.Invitation,
        "invitation_ended": frames.InvitationEnded,
        "queue": frames.QueuePlace,
        "error": frames.Error,
    },
    "AgentInbound": {
        "login": frames.Login,
        "message": frames.AgentSend,
        "withdraw": frames.Withdraw,
        "typing": frames.AgentTypingSet,
        "read": frames.AgentRead,
        "status": frames.SetStatus,
        "accept": frames.Accept,
        "resume": frames.Resume,
        "close": frames.Close,
        "logout": frames.Logout,
        "details": frames.DetailsRequest,
        "phrase_save": frames.PhraseSave,
        "phrase_delete": frames.PhraseDelete,
        "withdrawals": frames.WithdrawalsRequest,
        "note": frames.Note,
        "invite": frames.Invite,
        "invitation_withdraw": frames.InvitationWithdraw,
        "invitation_setup_request": frames.InvitationSetupRequest,
        "invitation_settings_save": frames.InvitationSettingsSave,
        "invitation_rule_save": frames.InvitationRuleSave,
        "invitation_rule_delete": frames.InvitationRuleDelete,
        "join": frames.Join,
        "leave": frames.Leave,
        "decline": frames.Decline,
        "transfer": frames.TransferRequest,
        "escalate": frames.Escalate,
        "barge": frames.Barge,
        "join_ask": frames.JoinAsk,
        "join_ask_decline": frames.JoinAskDecline,
        "set_owner": frames.SetOwner,
        "team_request": frames.TeamRequest,
        "department_save": frames.DepartmentSave,
        "agent_routing_save": frames.AgentRoutingSave,
    },
    "AgentOutbound": {
        "welcome": frames.LoginOk,
        "ack": frames.Ack,
        "message": frames.Message,
        "history": frames.History,
        "read": frames.ReadReceipt,
        "typing_preview": frames.TypingPreview,
        "visitor_details": frames.VisitorDetails,
        "visitors": frames.VisitorsChanged,
        "visitor": frames.VisitorUpdate,
        "visitor_left": frames.VisitorLeft,
        "presence": frames.AgentPresence,
        "withdrawn": frames.MessageWithdrawn,
        "withdrawals": frames.Withdrawals,
        "phrases": frames.PhrasesChanged,
        "conversation_opened": frames.ConversationOpened,
        "conversation_updated": frames.ConversationUpdated,
        "conversation_closed": frames.ConversationClosed,
        "invite_result": frames.InviteResult,
        "invitations": frames.Invitations,
        "invitation_setup": frames.InvitationSetup,
        "departments": frames.DepartmentsChanged,
        "team": frames.Team,
        "join_asked": frames.JoinAsked,
        "join_ask_ended": frames.JoinAskEnded,
        "error": frames.Error,
    },
}


def _codecs(direction: str) -> tuple[Any, Any]:
    """The sender's codec (it encodes) and the receiver's (it decodes) for a direction.

    Imported here, not at the top: msgspec refuses to build a codec for a union with a
    repeated tag, and the tag tests should say which tag rather than fail to import."""
    from shared_protocol import codec

    return {
        "VisitorInbound": (codec.visitor_client_side, codec.visitor_relay_side),
        "VisitorOutbound": (codec.visitor_relay_side, codec.visitor_client_side),
        "AgentInbound": (codec.agent_client_side, codec.agent_relay_side),
        "AgentOutbound": (codec.agent_relay_side, codec.agent_client_side),
    }[direction]


def _members(union: Any) -> tuple[type[frames.Frame], ...]:
    return typing.get_args(union)


def _tag(kind: type[msgspec.Struct]) -> str:
    info = mi.type_info(kind)
    assert isinstance(info, mi.StructType)
    assert isinstance(info.tag, str), f"{kind.__name__} has no string tag"
    return info.tag


def _modules() -> list[ModuleType]:
    """Every module of the package, found on disk: a new one is checked without listing it."""
    names = [info.name for info in pkgutil.iter_modules(frames.__path__)]
    return [importlib.import_module(f"{frames.__name__}.{name}") for name in sorted(names)]


def _defined_in(module: ModuleType) -> dict[str, type]:
    return {
        name: value
        for name, value in vars(module).items()
        if isinstance(value, type) and value.__module__ == module.__name__
    }


def _all_frames() -> set[type[frames.Frame]]:
    """Every Frame subclass defined in the package, exported or not."""
    found: set[type[frames.Frame]] = set()
    todo = list(frames.Frame.__subclasses__())
    while todo:
        kind = todo.pop()
        todo.extend(kind.__subclasses__())
        if kind.__module__.startswith(f"{frames.__name__}."):
            found.add(kind)
    return found


# ---------------------------------------------------------------- unions


def test_every_frame_travels_in_at_least_one_direction() -> None:
    everywhere = {kind for union in DIRECTIONS.values() for kind in _members(union)}
    defined = _all_frames()
    assert len(defined) > 40  # the walk finds the frames
    forgotten = sorted(kind.__name__ for kind in defined - everywhere)
    assert not forgotten, f"frames in no direction union (add them in unions.py): {forgotten}"


def test_the_unions_hold_only_frames() -> None:
    for direction, union in DIRECTIONS.items():
        for kind in _members(union):
            assert issubclass(kind, frames.Frame), f"{direction}: {kind} is not a Frame"


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_a_tag_names_one_frame_per_direction(direction: str) -> None:
    tags = Counter(_tag(kind) for kind in _members(DIRECTIONS[direction]))
    repeated = sorted(tag for tag, count in tags.items() if count > 1)
    assert not repeated, f"{direction}: tags of more than one frame: {repeated}"


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_the_tags_of_each_direction_are_the_protocol(direction: str) -> None:
    assert {_tag(kind): kind for kind in _members(DIRECTIONS[direction])} == TAGS[direction]


def _frame_unions(module: ModuleType) -> set[str]:
    return {
        name
        for name, value in vars(module).items()
        if isinstance(value, types.UnionType)
        and all(
            isinstance(kind, type) and issubclass(kind, frames.Frame)
            for kind in typing.get_args(value)
        )
    }


def test_the_unions_are_built_in_unions_py_and_nowhere_else() -> None:
    for direction, union in DIRECTIONS.items():
        assert union is getattr(unions, direction)
    for module in _modules():
        built = _frame_unions(module)
        assert built == (set(DIRECTIONS) if module is unions else set()), module.__name__


# ---------------------------------------------------------------- where frames live


def test_each_module_exports_what_it_defines_and_the_package_all_of_it() -> None:
    exported: list[str] = []
    for module in _modules():
        declared = list(getattr(module, "__all__", ()))
        assert declared, f"{module.__name__} has no __all__"
        public = {name for name in _defined_in(module) if not name.startswith("_")}
        assert public <= set(declared), (
            f"{module.__name__}: not in __all__: {public - set(declared)}"
        )
        for name in declared:
            assert getattr(frames, name) is getattr(module, name), f"frames.{name}"
        exported += declared
    twice = sorted(name for name, count in Counter(exported).items() if count > 1)
    assert not twice, f"exported by two modules: {twice}"
    assert sorted(frames.__all__) == sorted(exported)


def test_frames_are_defined_in_feature_modules_only() -> None:
    homes = {kind.__module__ for kind in _all_frames()}
    assert f"{frames.__name__}.unions" not in homes
    assert homes <= {module.__name__ for module in _modules()}  # not in __init__.py
    common = importlib.import_module(f"{frames.__name__}.common")
    assert [kind for kind in _defined_in(common).values() if issubclass(kind, frames.Frame)] == [
        frames.Frame
    ]
    assert not _defined_in(unions), "unions.py assembles; frames are defined elsewhere"


# ---------------------------------------------------------------- the wire


def _sample(info: mi.Type) -> Any:
    """A valid value of `info`, every optional part filled in, so that all of a frame is sent."""
    match info:
        case mi.IntType():
            return info.ge if info.ge is not None else 1
        case mi.FloatType():
            low = info.ge or 0
            return min(low + 1.5, (low + info.le) / 2) if info.le is not None else low + 1.5
        case mi.StrType():
            text = "a" * max(info.min_length or 0, 16 if info.pattern else 3)
            text = text[: info.max_length]
            assert info.pattern is None or re.search(info.pattern, text), info
            return text
        case mi.BoolType():
            return True
        case mi.LiteralType():
            return info.values[-1]
        case mi.EnumType():
            return list(info.cls)[-1]
        case mi.UnionType():
            return _sample(next(t for t in info.types if not isinstance(t, mi.NoneType)))
        case mi.ListType():
            return [_sample(info.item_type)]
        case mi.DictType():
            return {_sample(info.key_type): _sample(info.value_type)}
        case mi.StructType():
            return info.cls(**{field.name: _sample(field.type) for field in info.fields})
    raise AssertionError(f"no sample for {info}: teach _sample this type")


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_every_frame_goes_through_its_direction_s_codecs_unchanged(direction: str) -> None:
    sender, receiver = _codecs(direction)
    for kind in _members(DIRECTIONS[direction]):
        frame = _sample(mi.type_info(kind))
        back = receiver.decode(sender.encode(frame))
        assert type(back) is kind
        assert back == frame


# Written down from the single frames.py this package replaced: field names, their order and
# the defaults on the wire. Peers of that time expect exactly this.
WIRE = [
    (
        frames.Welcome(v=1, visitor=7, token="t", agents_online=False, server_time=5.0),
        '{"type":"welcome","v":1,"visitor":7,"token":"t","agents_online":false,'
        '"server_time":5.0,"conversation":null,"site":{"name":"","logo_url":"","language":"",'
        '"prechat":[],"reply_hours":24,"typing_preview":true,"typing_notice":false,"departments":[]},"name":"",'
        '"email":"","phone":"","agent":null,"files_url":"","max_file_bytes":0,"epoch":""}',
    ),
    (
        frames.Error(code=ErrorCode.RATE_LIMITED, retry_after=2.0),
        '{"type":"error","code":"rate_limited","detail":"","ref":null,"retry_after":2.0}',
    ),
    (
        frames.ConversationOpened(
            conversation=frames.ConversationInfo(
                id=3, visitor=7, status=frames.ConversationStatus.WAITING, created_at=5.0
            )
        ),
        '{"type":"conversation_opened","conversation":{"id":3,"visitor":7,"status":"waiting",'
        '"created_at":5.0,"agent":null,"last_seq":0,"closed_at":null,"offline":false,'
        '"started_on":null,"contact":null,"visitor_read_seq":0,"agent_read_seq":0,'
        '"last_message":null,"participants":[],"department":null,"offered_to":null,'
        '"offer_deadline":null,"transfer_to_agent":null,"transfer_to_department":null,'
        '"transfer_deadline":null,"transfer_note":"","min_level":1}}',
    ),
    (
        frames.Message(
            message=frames.ChatMessage(
                conversation=3,
                seq=1,
                id="c1",
                author=frames.AuthorKind.AGENT,
                author_id=2,
                text="hi",
                ts=5.0,
            )
        ),
        '{"type":"message","message":{"conversation":3,"seq":1,"id":"c1","author":"agent",'
        '"author_id":2,"text":"hi","ts":5.0,"author_name":"","reply_to":null,"file":null,'
        '"withdrawn":false,"visibility":"public"}}',
    ),
]


@pytest.mark.parametrize(("frame", "text"), WIRE, ids=[type(f).__name__ for f, _ in WIRE])
def test_frames_are_written_as_before(frame: frames.Frame, text: str) -> None:
    sender, _ = _codecs("VisitorOutbound")
    assert sender.encode(frame).decode() == text


def test_frames_sent_with_only_their_required_fields_are_read_with_the_old_defaults() -> None:
    _, visitor_relay_side = _codecs("VisitorInbound")
    _, agent_relay_side = _codecs("AgentInbound")
    hello = visitor_relay_side.decode(b'{"type":"hello","v":1,"site":"demo"}')
    assert hello == frames.Hello(
        v=1, site="demo", token=None, page=None, resume=[], name="", epoch=""
    )
    login = agent_relay_side.decode(msgspec.msgpack.encode({"type": "login", "v": 1}))
    assert login == frames.Login(
        v=1,
        user="",
        password="",
        token=None,
        status=frames.AgentStatus.ONLINE,
        resume=[],
        epoch="",
    )
    send = agent_relay_side.decode(
        msgspec.msgpack.encode({"type": "message", "id": "c1", "conversation": 3, "text": "hi"})
    )
    assert send == frames.AgentSend(id="c1", conversation=3, text="hi", reply_to=None, file=None)
