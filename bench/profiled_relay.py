"""`python -m relay` under cProfile, for bench/cluster_bench.py --profile only.

Usage: python bench/profiled_relay.py STATS_FILE serve [relay arguments…]

Runs the relay's own command line in this process. The profiler is switched on by
SIGUSR1 and off by SIGUSR2 (the bench brackets its measured window with them, so that
start-up and warm-up are left out); the statistics go to STATS_FILE when the relay
returns (SIGTERM stops it gracefully). cProfile sees the Python functions that the event
loop's callbacks run; time that uvloop spends in C shows up under the callers that
handed it the work.
"""

from __future__ import annotations

import cProfile
import signal
import sys
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from relay.cli import main  # noqa: E402


def profiled(stats_file: str, argv: list[str]) -> int:
    profile = cProfile.Profile()

    def switch(signum: int, frame: FrameType | None) -> None:
        if signum == signal.SIGUSR1:
            profile.enable()
        else:
            profile.disable()

    signal.signal(signal.SIGUSR1, switch)
    signal.signal(signal.SIGUSR2, switch)
    try:
        return main(argv)
    finally:
        profile.disable()
        profile.dump_stats(stats_file)


if __name__ == "__main__":
    sys.exit(profiled(sys.argv[1], sys.argv[2:]))
