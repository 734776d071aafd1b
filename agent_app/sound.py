"""A short chime for new conversations and messages, heard whether or not the window has focus.

PySide6-Essentials has no QtMultimedia, so the chime is a small WAV written once and played
by the platform's own player (winsound, afplay, paplay/pw-play/aplay); without one, the
desktop bell.
"""

from __future__ import annotations

import math
import shutil
import struct
import subprocess
import sys
import wave
from pathlib import Path

from PySide6.QtWidgets import QApplication

_PLAYERS = ("paplay", "pw-play", "aplay", "afplay")


def write_chime(path: Path) -> Path:
    """Two soft notes, 0.25 s, 16-bit mono."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    rate, frames = 22050, bytearray()
    for frequency, length in ((880.0, 0.11), (1318.5, 0.14)):
        count = int(rate * length)
        for n in range(count):
            fade = min(1.0, n / 200, (count - n) / 600)
            sample = 0.25 * fade * math.sin(2 * math.pi * frequency * n / rate)
            frames += struct.pack("<h", int(sample * 32767))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))
    return path


class Chime:
    def __init__(self, sound_file: Path, *, enabled: bool = True) -> None:
        self.enabled = enabled
        self.played = 0
        self._file = write_chime(sound_file)
        self._player = next((p for p in _PLAYERS if shutil.which(p)), None)

    def play(self) -> None:
        if not self.enabled:
            return
        self.played += 1
        if sys.platform == "win32":
            import winsound

            winsound.PlaySound(str(self._file), winsound.SND_FILENAME | winsound.SND_ASYNC)
        elif self._player is not None:
            subprocess.Popen(  # noqa: S603 - a fixed player and our own file
                [self._player, str(self._file)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        else:
            QApplication.beep()
