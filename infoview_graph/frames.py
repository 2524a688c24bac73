"""Any list of the library's results as a pandas DataFrame, for notebooks and analyses.

:func:`to_frame` takes suggestions, agenda items, coverage rows, chains, standings, people —
any sequence of the library's pydantic results or records — and returns one row per item
with flat, typed columns: numbers stay numbers, dates stay ``datetime.date``, tuples become
lists, and a mapping field becomes one column per key (``factors.warmth``,
``factors.relevance``, …, as ``pandas.json_normalize`` names them). pandas is an optional
extra (``pip install 'infoview-graph[pandas]'``); without it :func:`to_frame` says so.

Examples
--------
>>> import infoview_graph as ivg
>>> from infoview_graph.algorithms import suggest_next_contacts
>>> frame = ivg.to_frame(suggest_next_contacts(ivg.demo_network(), k=3))
>>> print(frame[["name", "tier", "factors.warmth"]].round(2).to_string(index=False))
          name  tier  factors.warmth
Maya Lindström     0            0.26
Margaret Smith     1            0.26
 Elena Petrova     1            0.26
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["flat_record", "to_frame"]


def flat_record(item: BaseModel) -> dict[str, Any]:
    """Return one result as a flat dict: nested mappings spread into ``key.sub`` columns.

    Values keep their Python types (dates as dates); tuples and sets become lists; nested
    models become ``key.field`` columns like mappings.

    Parameters
    ----------
    item : pydantic.BaseModel
        A result or record of the library.

    Returns
    -------
    dict
        Column name → value, in the model's field order.

    Examples
    --------
    >>> from infoview_graph.models import Target
    >>> flat_record(Target(kind="org", id="general-mills", priority=1))
    {'kind': 'org', 'id': 'general-mills', 'priority': 1}
    """
    return _flatten(item.model_dump(mode="python"), "")


def _flatten(values: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for key, value in values.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            row |= _flatten(value, f"{name}.")
        elif isinstance(value, tuple | list | set | frozenset):
            row[name] = [dict(v) if isinstance(v, Mapping) else v for v in value]
        else:
            row[name] = value
    return row


def to_frame(results: Iterable[BaseModel]) -> pd.DataFrame:
    """Turn a list of the library's results into a pandas DataFrame, one row per result.

    Parameters
    ----------
    results : iterable of pydantic.BaseModel
        Suggestions, agenda items, coverage rows (``coverage(net).targets``), chains,
        standings (``lifecycle(net).standings.values()``), persons, … — all of one kind.

    Returns
    -------
    pandas.DataFrame
        Flat columns (see :func:`flat_record`); an empty list gives an empty frame.

    Raises
    ------
    ModuleNotFoundError
        If pandas is not installed (``pip install 'infoview-graph[pandas]'``).
    TypeError
        If an item is not one of the library's results.

    Notes
    -----
    O(n · c) for n results of c columns.

    Examples
    --------
    >>> import datetime as dt
    >>> from infoview_graph.algorithms import agenda
    >>> from infoview_graph.demo import demo_network
    >>> frame = to_frame(agenda(demo_network(), today=dt.date(2026, 11, 20)))
    >>> frame.loc[0, "kind"], frame.loc[0, "due"]
    ('schedule', datetime.date(2026, 11, 11))
    """
    try:
        import pandas as pd
    except ModuleNotFoundError:
        raise ModuleNotFoundError(
            "to_frame needs pandas, an optional extra: pip install 'infoview-graph[pandas]'"
        ) from None
    rows = []
    for item in results:
        if not isinstance(item, BaseModel):
            raise TypeError(
                f"to_frame takes the library's results (pydantic models), not {type(item).__name__}"
            )
        rows.append(flat_record(item))
    return pd.DataFrame.from_records(rows)
