"""Syncs that SQLite asks of the disk, recorded in this process as they happen.

SQLite syncs from C, out of reach of a monkeypatched `os.fsync`; its own seam for file
operations is the VFS. `recording_syncs` registers, as the default, a copy of the default
VFS that differs in one place: each file it opens gets a copy of its method table whose
`xSync` appends `("sync", file name)` to a list and then calls the original. Every other
operation runs the default VFS's own C code. Connections opened meanwhile (the store's
writer, its reader, its checkpoints) use it.

It needs the sqlite3 module's SQLite to be reachable through ctypes (a shared library, as
on Debian); `SyncRecordingUnavailable` says when it is not.
"""

from __future__ import annotations

import _sqlite3
import contextlib
import ctypes
import os
import sqlite3
from collections.abc import Iterator

VFS_NAME = b"parley-recording"
Event = tuple[str, str]  # ("sync", file name), or what a test records beside them

_SyncFn = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int)
# The file name stays a raw pointer: SQLite reads URI parameters stored after its end.
_OpenFn = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p
)


class _IoMethods(ctypes.Structure):  # sqlite3_io_methods, version 3
    _fields_ = [
        ("iVersion", ctypes.c_int),
        *((name, ctypes.c_void_p) for name in ("xClose", "xRead", "xWrite", "xTruncate")),
        ("xSync", _SyncFn),
        *(
            (name, ctypes.c_void_p)
            for name in (
                "xFileSize", "xLock", "xUnlock", "xCheckReservedLock", "xFileControl",
                "xSectorSize", "xDeviceCharacteristics", "xShmMap", "xShmLock",
                "xShmBarrier", "xShmUnmap", "xFetch", "xUnfetch",
            )
        ),
    ]  # fmt: skip


class _Vfs(ctypes.Structure):  # sqlite3_vfs, version 3
    _fields_ = [
        ("iVersion", ctypes.c_int),
        ("szOsFile", ctypes.c_int),
        ("mxPathname", ctypes.c_int),
        ("pNext", ctypes.c_void_p),
        ("zName", ctypes.c_char_p),
        ("pAppData", ctypes.c_void_p),
        ("xOpen", _OpenFn),
        *(
            (name, ctypes.c_void_p)
            for name in (
                "xDelete", "xAccess", "xFullPathname", "xDlOpen", "xDlError", "xDlSym",
                "xDlClose", "xRandomness", "xSleep", "xCurrentTime", "xGetLastError",
                "xCurrentTimeInt64", "xSetSystemCall", "xGetSystemCall", "xNextSystemCall",
            )
        ),
    ]  # fmt: skip


class SyncRecordingUnavailable(Exception):
    """This Python's sqlite3 module does not let ctypes reach its SQLite."""


class _Recorder:
    """Built once and kept for the life of the process: a connection that outlived a test
    still points at these structures."""

    def __init__(self) -> None:
        # dlsym on the extension module finds SQLite's functions in the library it was
        # linked with (or in the module itself), so these are the same SQLite's.
        self.lib = ctypes.CDLL(_sqlite3.__file__)
        find = self.lib.sqlite3_vfs_find
        find.restype, find.argtypes = ctypes.POINTER(_Vfs), [ctypes.c_char_p]
        self.lib.sqlite3_vfs_register.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.lib.sqlite3_vfs_unregister.argtypes = [ctypes.c_void_p]
        self.base = find(None).contents
        self.events: list[Event] | None = None
        self.names: dict[int, str] = {}  # open file (its address) → its name
        self.originals: dict[int, _IoMethods] = {}  # our method table → the file's own
        self.copies: dict[int, _IoMethods] = {}  # a file's own method table → our copy
        self.sync = _SyncFn(self._sync)
        self.open = _OpenFn(self._open)
        self.vfs = _Vfs.from_buffer_copy(self.base)
        self.vfs.zName = VFS_NAME
        self.vfs.pNext = None
        self.vfs.xOpen = self.open

    def _open(self, vfs: int, name: int, file: int, flags: int, out_flags: int) -> int:
        result = int(self.base.xOpen(ctypes.addressof(self.base), name, file, flags, out_flags))
        methods = ctypes.c_void_p.from_address(file)  # sqlite3_file's only field, pMethods
        if result == 0 and methods.value:
            copy = self.copies.get(methods.value)
            if copy is None:
                own = _IoMethods.from_address(methods.value)
                copy = self.copies[methods.value] = _IoMethods.from_buffer_copy(own)
                copy.xSync = self.sync
                self.originals[ctypes.addressof(copy)] = own
            methods.value = ctypes.addressof(copy)
            self.names[file] = os.path.basename(ctypes.string_at(name).decode()) if name else ""
        return result

    def _sync(self, file: int, flags: int) -> int:
        if self.events is not None:
            self.events.append(("sync", self.names.get(file, "")))
        methods = ctypes.c_void_p.from_address(file).value
        assert methods is not None
        return int(self.originals[methods].xSync(file, flags))


_recorder: _Recorder | None = None


@contextlib.contextmanager
def recording_syncs(events: list[Event]) -> Iterator[None]:
    """Within: every SQLite sync of a file opened meanwhile appends ("sync", its name)."""
    global _recorder
    if _recorder is None:
        try:
            _recorder = _Recorder()
        except (OSError, AttributeError) as error:
            raise SyncRecordingUnavailable(str(error)) from None
    recorder = _recorder
    lib = recorder.lib
    lib.sqlite3_vfs_register(ctypes.addressof(recorder.vfs), 1)
    try:
        try:
            sqlite3.connect(f"file:probe?vfs={VFS_NAME.decode()}&mode=memory", uri=True).close()
        except sqlite3.OperationalError as error:  # the module has a SQLite of its own
            raise SyncRecordingUnavailable(str(error)) from None
        recorder.events = events
        yield
    finally:
        recorder.events = None
        lib.sqlite3_vfs_unregister(ctypes.addressof(recorder.vfs))
        lib.sqlite3_vfs_register(ctypes.addressof(recorder.base), 1)  # the default again
