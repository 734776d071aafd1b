"""File transfer over real HTTP on 127.0.0.1: uploads with the conversation's credentials,
downloads only for its parties, limits before the disk, names and contents kept harmless."""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from relay.store.base import Durability
from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from tests.helpers.clients import AgentClient, VisitorClient, new_id
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay

PNG = b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + bytes(40)
HTML = b"<!doctype html><script>parent.document.title='pwned'</script>"
SVG = b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"


class Party:
    """A visitor or an agent with the token the relay gave it."""

    def __init__(self, client: VisitorClient | AgentClient, files_url: str, auth: dict[str, str]):
        self.client, self.files_url, self.auth = client, files_url, auth

    async def upload(
        self, http: aiohttp.ClientSession, body: bytes, name: str
    ) -> tuple[int, dict[str, object]]:
        headers = {**self.auth, "X-File-Name": aiohttp.helpers.quote(name, safe="")}  # type: ignore[attr-defined]
        async with http.post(self.files_url, data=body, headers=headers) as response:
            return response.status, await response.json()

    async def download(self, http: aiohttp.ClientSession, file_id: str) -> aiohttp.ClientResponse:
        response = await http.get(f"{self.files_url}/{file_id}", headers=self.auth)
        await response.read()
        return response


async def visitor(relay: RunningRelay) -> Party:
    client = await VisitorClient.connect(relay.url)
    welcome = await client.expect(frames.Welcome)
    assert welcome.files_url.startswith("http://127.0.0.1:") and welcome.max_file_bytes > 0
    auth = {"Authorization": f"Visitor {welcome.token}", "X-Parley-Site": "demo"}
    return Party(client, welcome.files_url, auth)


async def agent(relay: RunningRelay) -> Party:
    client = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    welcome = await client.expect(frames.LoginOk)
    return Party(client, welcome.files_url, {"Authorization": f"Agent {welcome.token}"})


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.rglob("*") if path.is_file())


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def test_an_image_goes_from_visitor_to_agent_and_a_file_back(
    relay: RunningRelay, http: aiohttp.ClientSession
) -> None:
    alice, wang = await agent(relay), await visitor(relay)
    status, body = await wang.upload(http, PNG, "截图 1.png")
    assert status == 201
    image = frames.Attachment(**body["file"])  # type: ignore[arg-type]
    assert (image.name, image.size, image.type) == ("截图 1.png", len(PNG), "image/png")
    await wang.client.send(frames.VisitorSend(id=new_id(), text=image.name, file=image.id))
    ack = await wang.client.expect(frames.Ack)
    delivered = await alice.client.expect(frames.Message)
    assert delivered.message.file == image

    got = await alice.download(http, image.id)
    assert got.status == 200 and await got.read() == PNG
    assert got.headers["Content-Type"] == "image/png"
    assert got.headers["Content-Disposition"].startswith("attachment;")
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in got.headers["Content-Security-Policy"]

    # The agent answers with an HTML file named to climb out of the data folder.
    status, body = await alice.upload(http, HTML, "../../../index.html")
    page = frames.Attachment(**body["file"])  # type: ignore[arg-type]
    assert (status, page.name, page.type) == (201, "index.html", "application/octet-stream")
    await alice.client.send(
        frames.AgentSend(id=new_id(), conversation=ack.conversation, text=page.name, file=page.id)
    )
    assert (await wang.client.expect(frames.Message)).message.file == page
    got = await wang.download(http, page.id)
    assert got.status == 200 and await got.read() == HTML
    assert got.headers["Content-Type"] == "application/octet-stream"  # never rendered
    assert 'filename="index.html"' in got.headers["Content-Disposition"]
    stored = files_in(relay.relay.config.files_path())
    assert stored == sorted([image.id, page.id])  # random names only, inside DATA_DIR/files

    # Withdrawn, the file is no longer the visitor's to fetch.
    await alice.client.send(frames.Withdraw(conversation=ack.conversation, seq=2))
    await wang.client.expect(frames.MessageWithdrawn)
    assert (await wang.download(http, page.id)).status == 404

    # A day on, the sweep deletes what nobody sent and what was withdrawn; the rest stays.
    _, body = await wang.upload(http, b"never sent", "draft.txt")
    unsent = frames.Attachment(**body["file"])  # type: ignore[arg-type]
    files = relay.relay.files
    assert await files.sweep() == 0  # nothing is old enough yet
    relay.relay.ctx.clock = lambda: time.time() + 25 * 3600
    assert await files.sweep() == 2
    assert files_in(relay.relay.config.files_path()) == [image.id]
    assert await relay.relay.store.get_file(unsent.id) is None
    await wang.client.close()
    await alice.client.close()


async def test_a_withdrawn_file_resent_after_the_sweep_gets_the_original_ack(
    relay: RunningRelay, http: aiohttp.ClientSession
) -> None:
    alice, wang = await agent(relay), await visitor(relay)
    await wang.client.send(frames.VisitorSend(id=new_id(), text="Can I have the timetable?"))
    asked = await wang.client.expect(frames.Ack)
    _, body = await alice.upload(http, PNG, "timetable.png")
    image = frames.Attachment(**body["file"])  # type: ignore[arg-type]
    send = frames.AgentSend(
        id="timetable", conversation=asked.conversation, text=image.name, file=image.id
    )
    await alice.client.send(send)
    sent = await alice.client.expect(frames.Ack)
    await alice.client.send(frames.Withdraw(conversation=asked.conversation, seq=sent.seq))
    await wang.client.expect(frames.MessageWithdrawn)
    relay.relay.ctx.clock = lambda: time.time() + 25 * 3600
    assert await relay.relay.files.sweep() == 1  # withdrawn, the file went a day later

    # The app never saw the ack (asleep all along) and sends the message again.
    await alice.client.send(send)
    answer = await alice.client.expect(frames.Frame)
    while not isinstance(answer, frames.Ack | frames.Error):
        answer = await alice.client.expect(frames.Frame)
    assert isinstance(answer, frames.Ack), answer
    assert (answer.duplicate, answer.seq) == (True, sent.seq)
    await wang.client.close()
    await alice.client.close()


async def test_strangers_get_nothing_and_nobody_sends_another_visitors_file(
    relay: RunningRelay, http: aiohttp.ClientSession
) -> None:
    wang, other = await visitor(relay), await visitor(relay)
    _, body = await wang.upload(http, SVG, "logo.svg")
    svg = frames.Attachment(**body["file"])  # type: ignore[arg-type]
    assert svg.type == "application/octet-stream"  # SVG is not an image to preview
    assert (await other.download(http, svg.id)).status == 404
    anonymous = await http.get(f"{wang.files_url}/{svg.id}")
    assert anonymous.status == 401
    assert (await anonymous.json())["code"] == ErrorCode.NOT_AUTHENTICATED
    traversal = await wang.download(http, "..%2F..%2Fparley.db")
    assert traversal.status == 404
    refused_id = new_id()
    await other.client.send(frames.VisitorSend(id=refused_id, text="mine now", file=svg.id))
    error = await other.client.expect(frames.Error)
    assert (error.code, error.ref) == (ErrorCode.NOT_FOUND, refused_id)
    await wang.client.close()
    await other.client.close()


@pytest.mark.relay_settings(max_file_bytes=64 * 1024)
async def test_an_oversized_upload_is_refused_before_it_reaches_the_disk(
    relay: RunningRelay, http: aiohttp.ClientSession
) -> None:
    wang = await visitor(relay)
    status, body = await wang.upload(http, bytes(64 * 1024 + 1), "big.bin")
    assert status == 413
    assert body == {"code": "file_too_large", "detail": "files may be at most 64 KiB"}

    async def stream() -> AsyncIterator[bytes]:  # no Content-Length: counted as it comes
        for _ in range(40):
            yield bytes(8 * 1024)

    headers = {**wang.auth, "X-File-Name": "stream.bin"}
    async with http.post(wang.files_url, data=stream(), headers=headers) as response:
        assert response.status == 413
    assert files_in(relay.relay.config.files_path()) == []
    status, _ = await wang.upload(http, bytes(64 * 1024), "exactly.bin")
    assert status == 201
    await wang.client.close()


@pytest.mark.relay_settings(uploads_per_minute=1, upload_burst=3)
async def test_a_flood_of_uploads_is_slowed_down(
    relay: RunningRelay, http: aiohttp.ClientSession
) -> None:
    wang = await visitor(relay)
    statuses = [(await wang.upload(http, b"x", f"{n}.txt"))[0] for n in range(5)]
    assert statuses == [201, 201, 201, 429, 429]
    _, body = await wang.upload(http, b"x", "again.txt")
    assert body["code"] == "rate_limited" and "wait" in str(body["detail"])
    other = await visitor(relay)  # others are not held up by one sender
    assert (await other.upload(http, b"x", "mine.txt"))[0] == 201
    await wang.client.close()
    await other.client.close()


@pytest.mark.parametrize(
    "durability",
    [
        pytest.param(level, marks=pytest.mark.relay_settings(durability=level))
        for level in (Durability.FULL, Durability.FAST)
    ],
)
async def test_an_upload_is_on_the_disk_before_it_is_answered_unless_durability_is_fast(
    relay: RunningRelay,
    http: aiohttp.ClientSession,
    monkeypatch: pytest.MonkeyPatch,
    durability: Durability,
) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def recording_fsync(descriptor: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{descriptor}"))
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    wang = await visitor(relay)
    status, body = await wang.upload(http, PNG, "level-test.png")
    file_id = str(body["file"]["id"])  # type: ignore[index]
    folder = relay.relay.config.files_path()
    stored = folder / file_id[:2] / file_id
    await wang.client.close()
    assert status == 201
    synced = [path for path in synced if path.startswith(str(folder))]  # not the database's
    if durability is Durability.FULL:  # the file's bytes, then the folder holding its name
        assert synced == [str(stored.with_suffix(".part")), str(stored.parent)]
    else:
        assert synced == []
