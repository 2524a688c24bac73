"""Persistence: the SQLite store (the embedded default).

Examples
--------
>>> from infoview_graph.store import open_store
>>> with open_store(":memory:") as store:
...     store.count("persons")
0
"""

from infoview_graph.store.schema import SCHEMA_VERSION
from infoview_graph.store.sqlite import DEFAULT_BUSY_TIMEOUT, Store, default_db_path, open_store

__all__ = ["DEFAULT_BUSY_TIMEOUT", "SCHEMA_VERSION", "Store", "default_db_path", "open_store"]
