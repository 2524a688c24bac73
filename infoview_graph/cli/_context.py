"""Where the command's store comes from: ``--db``, ``REFERRALS_DB``, the default, or the demo."""

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from infoview_graph.errors import InvalidInputError
from infoview_graph.store import Store, open_store

if TYPE_CHECKING:
    from infoview_graph.network import ReferralNetwork


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


def _opened(store: Store) -> Store:
    # Opening an older store upgrades it after a backup: the user must know that copy
    # exists (it holds their contacts, and 'person forget' deletes it).
    if store.migration_backup is not None:
        from infoview_graph.cli._output import note

        note(f"upgraded the store; a copy of the old one was saved to {store.migration_backup}")
    return store


def open_for_write() -> Store:
    """Open the user's store for a command that changes it."""
    return _opened(open_store(state.db))


def open_for_read(*, demo: bool = False) -> Store:
    """Open the user's store, or with ``demo`` a private in-memory copy of the demo network."""
    if not demo:
        return _opened(open_store(state.db))
    from infoview_graph.demo import demo_data

    store = open_store(":memory:")
    store.write_data(demo_data())
    return store


def load_network(*, demo: bool = False) -> "ReferralNetwork":
    """Read the whole store (or the demo) into a network; the store is closed after."""
    with open_for_read(demo=demo) as store:
        return store.load_network()


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: str | None, flag: str, *, past: bool = False) -> dt.date | None:
    """Parse an ISO date given on the command line; None stays None.

    Every date must lie in 1900–2100; with ``past`` (the day something happened) it must
    not be after today either (:func:`~infoview_graph.store.actions.check_date`).

    >>> parse_date("2026-11-20", "--on")
    datetime.date(2026, 11, 20)
    >>> parse_date("3026-11-20", "--today")
    Traceback (most recent call last):
    ...
    infoview_graph.errors.InvalidInputError: --today: 3026-11-20 is outside the years 1900–2100;
    check the year and write it as YYYY-MM-DD
    """
    from infoview_graph.store.actions import check_date

    if value is None:
        return None
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInputError(
            f"{flag}: '{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-20"
        ) from None
    return check_date(day, flag, future=not past)
