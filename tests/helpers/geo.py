"""The location databases that `parley-relay geo update` downloads into data/geo.

They are not in the repository (about 150 MB, fetched by `./dev test`): a test that needs
them is marked `@needs_geo_data` (a fixture calls `require_geo_data()`) and is skipped,
saying why, where they are absent; where they are present it runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from relay.geodata import CHINA_FILE, WORLD_V4_FILE, WORLD_V6_FILE

GEO_DIR = Path(__file__).resolve().parents[2] / "data" / "geo"
GEO_FILES = (CHINA_FILE, WORLD_V4_FILE, WORLD_V6_FILE)


def missing_geo_files() -> list[str]:
    return [name for name in GEO_FILES if not (GEO_DIR / name).is_file()]


REASON = (
    f"no location databases in {GEO_DIR} (missing: {', '.join(missing_geo_files())}); "
    "`./dev test` or `.venv/bin/parley-relay geo update --data-dir data` fetches them"
)
# For a test (or a module's pytestmark); a fixture calls require_geo_data() instead.
needs_geo_data = pytest.mark.skipif(bool(missing_geo_files()), reason=REASON)


def require_geo_data() -> None:
    if missing_geo_files():
        pytest.skip(REASON)
