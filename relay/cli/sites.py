"""`parley-relay site …`: add the sites that embed the widget, list and configure them."""

from __future__ import annotations

import argparse
import dataclasses
import secrets
import time
import typing
from typing import TYPE_CHECKING, Any

import msgspec

from relay.cli.common import CliError, known_site, photo_url, shown, with_store
from relay.config import RelayConfig
from relay.core.origins import normalize_origin
from relay.store import Store
from relay.store.base import DuplicateName
from relay.store.records import PrechatField, PrechatFieldName, SiteSettings

if TYPE_CHECKING:
    from relay.cli.common import Commands

PRECHAT_FIELDS = typing.get_args(PrechatFieldName)  # name, email, phone, question, department
LANGUAGES = ("", "en", "zh-CN", "mn")


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    site = commands.add_parser("site", help="manage sites").add_subparsers(
        dest="site_command", required=True
    )
    site_add = site.add_parser("add", parents=[common], help="add a site that embeds the widget")
    site_add.add_argument("domain")
    site_add.add_argument(
        "--origin", action="append", help="page origin allowed to chat (repeatable)"
    )
    site_add.add_argument("--key", help="site key for data-site (default: random)")
    site_add.set_defaults(run=_site_add)
    site.add_parser("list", parents=[common], help="list sites").set_defaults(run=_site_list)
    site_set = site.add_parser("set", parents=[common], help="change how the widget looks")
    site_set.add_argument("key", help="the site key")
    site_set.add_argument("--name", help="shown in the widget's header")
    site_set.add_argument("--logo-url", help="a square logo, https://…; empty to remove")
    site_set.add_argument("--language", help="en, zh-CN or mn; empty: the visitor's browser")
    site_set.add_argument(
        "--prechat",
        help="fields asked before the first message, e.g. name,email:required "
        "(name, email, phone, question, department: which team to talk to); empty for no form",
    )
    site_set.add_argument("--reply-hours", type=int, help="promised reply time when offline")
    site_set.add_argument(
        "--typing-preview", choices=["on", "off"], help="agents see drafts before they are sent"
    )
    site_set.add_argument(
        "--typing-notice", choices=["on", "off"], help="tell visitors that agents see drafts"
    )
    site_set.set_defaults(run=_site_set)


def _site_add(config: RelayConfig, args: argparse.Namespace) -> None:
    origins = []
    for raw in args.origin or [f"https://{args.domain}"]:
        origin = normalize_origin(raw)
        if origin is None:
            raise CliError(f"{raw!r} is not an origin like https://www.example.com")
        origins.append(origin)
    key = args.key or "s_" + secrets.token_urlsafe(9)

    async def add(store: Store) -> None:
        try:
            await store.add_site(key, args.domain, origins, time.time())
        except DuplicateName as error:
            raise CliError(str(error)) from None

    with_store(config, add)
    print(f"site {args.domain} added with key {key}; pages allowed: {', '.join(origins)}")
    print("embed it on every page, before </body>:")
    print(f'  <script async src="{config.browser_url()}/widget.js" data-site="{key}"></script>')
    if not config.public_url:
        print(
            "  (the relay's own address; behind a reverse proxy set public_url in the "
            "configuration, or PARLEY_PUBLIC_URL, to the https:// address browsers use)"
        )


def _prechat_fields(spec: str) -> tuple[PrechatField, ...]:
    """`name,email:required` → the pre-chat form's fields, in that order."""
    fields = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, _, flag = part.partition(":")
        if name not in PRECHAT_FIELDS or flag not in ("", "required", "optional"):
            raise CliError(
                f"{part!r}: pre-chat fields are {', '.join(PRECHAT_FIELDS)}, "
                "each optionally followed by :required"
            )
        fields.append(PrechatField(field=name, required=flag == "required"))  # type: ignore[arg-type]
    return tuple(fields)


def _site_changes(args: argparse.Namespace) -> dict[str, Any]:
    """The settings the options name, checked; those not given are left out."""
    changes: dict[str, Any] = {}
    if args.name is not None:
        changes["name"] = args.name
    if args.logo_url is not None:
        changes["logo_url"] = photo_url(args.logo_url)
    if args.language is not None:
        if args.language not in LANGUAGES:
            raise CliError(f"languages: {', '.join(repr(x) for x in LANGUAGES)}")
        changes["language"] = args.language
    if args.prechat is not None:
        changes["prechat"] = _prechat_fields(args.prechat)
    if args.reply_hours is not None:
        changes["reply_hours"] = args.reply_hours
    for name in ("typing_preview", "typing_notice"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name) == "on"
    return changes


def _site_set(config: RelayConfig, args: argparse.Namespace) -> None:
    async def change(store: Store) -> SiteSettings:
        site = await known_site(store, args.key)
        settings = dataclasses.replace(site.settings, **_site_changes(args))
        await store.set_site_settings(args.key, settings)
        return settings

    settings = with_store(config, change)
    print(f"site {args.key}: {msgspec.json.encode(settings).decode()}")


def _site_list(config: RelayConfig, _: argparse.Namespace) -> None:
    sites = with_store(config, lambda store: store.list_sites())
    for site in sites:
        print(f"{shown(site.key):<16} {shown(site.name):<28} {' '.join(site.origins)}")
