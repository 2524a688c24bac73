"""Keeping a store healthy: ``referrals backup`` and ``referrals doctor``.

Examples
--------
>>> import pathlib, tempfile
>>> from infoview_graph.store.actions import create_store
>>> path = pathlib.Path(tempfile.mkdtemp()) / "referrals.db"
>>> _ = create_store(path, "Steven Olson")
>>> report = doctor(path)
>>> report.healthy, [c.name for c in report.checks][:2]
(True, ['file', 'schema'])
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from infoview_graph._files import orphans
from infoview_graph.store.schema import SCHEMA_VERSION
from infoview_graph.store.sqlite import describe_invalid, open_store

__all__ = ["Check", "Health", "doctor"]

_TABLES = ("persons", "organizations", "fields", "ties", "referrals", "outreach", "interviews")


class Check(BaseModel):
    """One check and its outcome."""

    model_config = ConfigDict(frozen=True)

    name: str
    ok: bool
    detail: str


class Health(BaseModel):
    """What ``referrals doctor`` found."""

    model_config = ConfigDict(frozen=True)

    path: str
    checks: tuple[Check, ...]
    counts: dict[str, int]

    @property
    def healthy(self) -> bool:
        """Whether every check passed."""
        return all(c.ok for c in self.checks)


def doctor(path: str | os.PathLike[str]) -> Health:
    """Check a store: file mode, schema, integrity, references, records, leftover files.

    Opening the store migrates an older one first (after a backup), as every command does.

    Parameters
    ----------
    path : path-like
        The store file.

    Returns
    -------
    Health
        Each check with a one-line detail, and how many records of each kind there are.

    Raises
    ------
    StoreError
        If there is no store at ``path`` or it cannot be opened at all.

    Notes
    -----
    ``PRAGMA integrity_check`` reads the whole file: O(size of the store).
    """
    target = Path(path)
    checks: list[Check] = []
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0
    with open_store(target) as store:
        checks.append(
            Check(
                name="file",
                ok=mode & 0o077 == 0,
                detail=f"mode {mode:04o}"
                + ("" if mode & 0o077 == 0 else " — readable by others: run chmod 600 on it"),
            )
        )
        version = store.pragma("user_version")
        upgraded = store.migration_backup
        checks.append(
            Check(
                name="schema",
                ok=version == SCHEMA_VERSION,
                detail=f"version {version}"
                + (f" (upgraded now; the old store was saved to {upgraded})" if upgraded else ""),
            )
        )
        integrity = [row[0] for row in store.execute("PRAGMA integrity_check")]
        checks.append(
            Check(
                name="integrity",
                ok=integrity == ["ok"],
                detail="ok" if integrity == ["ok"] else "; ".join(integrity[:5]),
            )
        )
        broken = store.execute("PRAGMA foreign_key_check").fetchall()
        checks.append(
            Check(
                name="references",
                ok=not broken,
                detail="every reference resolves"
                if not broken
                else f"{len(broken)} rows name records that do not exist",
            )
        )
        counts = {table: store.count(table) for table in _TABLES}
        selves = store.execute("SELECT count(*) FROM persons WHERE is_self = 1").fetchone()
        checks.append(
            Check(
                name="me",
                ok=selves[0] == 1,
                detail="one 'me'" if selves[0] == 1 else f"{selves[0]} self persons",
            )
        )
        invalid = store.invalid_records()  # every row through the models: names, never values
        checks.append(
            Check(
                name="records",
                ok=not invalid,
                detail="every record is valid"
                if not invalid
                else describe_invalid(invalid)
                + " — correct them (e.g. 'referrals person edit'); 'export json' still works",
            )
        )
    leftovers = orphans(target.parent)
    checks.append(
        Check(
            name="leftovers",
            ok=not leftovers,
            detail="no temporary files left behind"
            if not leftovers
            else f"{len(leftovers)} temporary files from an interrupted command: "
            + ", ".join(p.name for p in leftovers[:5])
            + " — safe to delete",
        )
    )
    return Health(path=str(target), checks=tuple(checks), counts=counts)
