"""Where the command's store comes from: ``--db``, ``REFERRALS_DB``, the default, or the demo."""

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from infoview_graph.network import ReferralNetwork
    from infoview_graph.store import Store


@dataclass
class _State:
    db: Path | None = None


state = _State()


def store_path() -> Path:
    """Return the file of the command's store (``--db``, ``REFERRALS_DB`` or the default).

    Every file a command writes is checked against it, so that no output replaces the
    store, its ``-wal``/``-shm`` or its backups (``_files.check_target``).
    """
    from infoview_graph.store import default_db_path

    return state.db or default_db_path()


def _opened(store: "Store") -> "Store":
    # Opening an older store upgrades it after a backup: the user must know that copy
    # exists (it holds their contacts, and 'person forget' deletes it).
    if store.migration_backup is not None:
        from infoview_graph.cli._output import note

        note(f"upgraded the store; a copy of the old one was saved to {store.migration_backup}")
    return store


def open_for_write() -> "Store":
    """Open the user's store for a command that changes it."""
    from infoview_graph.store import open_store

    return _opened(open_store(state.db))


def open_for_read(*, demo: bool = False) -> "Store":
    """Open the user's store, or with ``demo`` a private in-memory copy of the demo network."""
    from infoview_graph.store import open_store

    if not demo:
        return _opened(open_store(state.db))
    from infoview_graph.demo import demo_data

    store = open_store(":memory:")
    store.write_data(demo_data())
    return store


_reading: list["Store"] = []
"""The stores the running command reads its network from, open until it ends."""


def load_network(*, demo: bool = False) -> "ReferralNetwork":
    """Read the store (or the demo) into a network for the running command.

    Only the columns the ranking needs are read up front; a person's row is read the first
    time the command asks for their record, so the store stays open until the command ends
    (:func:`close_stores`, called for every command by ``handle_errors``).
    """
    from infoview_graph._bulk import paused_gc

    store = open_for_read(demo=demo)
    # The network lives until the command ends: the collector need not walk its hundreds
    # of thousands of objects, neither while they are made nor after (a full pass cost
    # 0.1-0.5 s at 300,000 people).
    with paused_gc():
        try:
            network = store.load_network(lazy=True)
        except BaseException:
            store.close()
            raise
        _reading.append(store)
        gc.freeze()
    return network


def close_stores() -> None:
    """Close the stores :func:`load_network` opened for the command that just ended."""
    if _reading:
        gc.unfreeze()
    while _reading:
        _reading.pop().close()
