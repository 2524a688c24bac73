r"""Rendering for the ``referrals`` command: tables, JSON, notes, and the one place errors print.

Data never reaches the terminal as markup or escape sequences: rich renders every cell as
plain :class:`rich.text.Text`, and text that came from the command line is shown with its
control characters spelled out (``\\x1b``).
"""

import functools
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, ParamSpec, TypeVar

import typer

from infoview_graph.errors import InfoviewError

_P = ParamSpec("_P")
_T = TypeVar("_T")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    r"""Spell out control characters so that text cannot drive the terminal.

    >>> printable("ok\x1b[31m")
    'ok\\x1b[31m'
    """
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


def note(message: str) -> None:
    """Print a note for the user on stderr (created records, warnings)."""
    sys.stderr.write(f"note: {printable(message)}\n")


def warn(message: str) -> None:
    """Print a warning for the user on stderr: the change was made, but look twice."""
    sys.stderr.write(f"warning: {printable(message)}\n")


def done(message: str, notes: Iterable[str] = (), warnings: Iterable[str] = ()) -> None:
    """Print the warnings and notes of a change on stderr, then its confirmation on stdout.

    Called after the change was committed.
    """
    for line in warnings:
        warn(line)
    for line in notes:
        note(line)
    sys.stdout.write(f"{printable(message)}\n")


def handle_errors(command: Callable[_P, _T]) -> Callable[_P, _T]:
    """Turn the library's errors into a one-line message on stderr and the error's exit code.

    Every command goes through here, so this is the only place errors are printed.
    """

    @functools.wraps(command)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return command(*args, **kwargs)
        except InfoviewError as error:
            sys.stderr.write(f"error: {printable(str(error))}\n")
            raise typer.Exit(error.exit_code) from None

    return wrapper


def emit_json(data: Any) -> None:
    """Print data as JSON on stdout (and nothing else)."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str)
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(data, ensure_ascii=True, indent=2, sort_keys=True, default=str)
    sys.stdout.write(text + "\n")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else ""
    return str(value)


def emit_table(
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    title: str | None = None,
    whole: Sequence[str] = (),
) -> None:
    """Print a table on stdout; every cell is literal text.

    Columns named in ``whole`` (ids to copy into another command) are never cut or wrapped.
    """
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    cells = [[Text(printable(_cell(v))) for v in row] for row in rows]
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for n, column in enumerate(columns):
        if column in whole:
            width = max([len(column), *(len(row[n]) for row in cells)])
            table.add_column(column, no_wrap=True, min_width=width)
        else:
            table.add_column(column, overflow="fold")  # wrap long words, never cut them
    for row in cells:
        table.add_row(*row)
    Console(markup=False, highlight=False, emoji=False, soft_wrap=False).print(table)


def emit_record(title: str, pairs: Iterable[tuple[str, Any]]) -> None:
    """Print one record as aligned "key  value" lines, skipping empty values."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", show_header=False, box=None)
    table.add_column(style="bold")
    table.add_column()
    for key, value in pairs:
        if value not in (None, "", (), [], False):
            table.add_row(Text(key), Text(printable(_cell(value))))
    Console(markup=False, highlight=False, emoji=False).print(table)
