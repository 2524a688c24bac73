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


def open_for_write() -> Store:
    """Open the user's store for a command that changes it."""
    return open_store(state.db)


def open_for_read(*, demo: bool = False) -> Store:
    """Open the user's store, or with ``demo`` a private in-memory copy of the demo network."""
    if not demo:
        return open_store(state.db)
    from infoview_graph.demo import demo_data

    store = open_store(":memory:")
    store.write_data(demo_data())
    return store


def load_network(*, demo: bool = False) -> "ReferralNetwork":
    """Read the whole store (or the demo) into a network; the store is closed after."""
    with open_for_read(demo=demo) as store:
        return store.load_network()


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: str | None, flag: str) -> dt.date | None:
    """Parse an ISO date given on the command line; None stays None.

    >>> parse_date("2026-11-20", "--on")
    datetime.date(2026, 11, 20)
    """
    if value is None:
        return None
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInputError(
            f"{flag}: '{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-20"
        ) from None
