"""Persistence: the Store interface the hub depends on, and its SQLite implementation."""

from relay.store.base import Store, StoreUnavailable

__all__ = ["Store", "StoreUnavailable"]
