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
# C0, DEL and C1, and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
# U+2066–U+2069), which would turn the rest of a table line around.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    r"""Spell out control characters so that text cannot drive the terminal.

    >>> printable("ok\x1b[31m")
    'ok\\x1b[31m'
    >>> printable("Eve \u202egnp.exe")
    'Eve \\u202egnp.exe'
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


INTERRUPTED_EXIT = 130
"""The exit status after Ctrl-C (128 + SIGINT), as shells report it."""


class Interrupted(BaseException):
    """Ctrl-C, raised by :func:`on_interrupt` where Click would catch a KeyboardInterrupt.

    A BaseException, like KeyboardInterrupt: every ``with store.write()`` rolls back on it.
    """


def on_interrupt(signum: int, frame: object) -> None:
    """Handle SIGINT: ignore a second Ctrl-C while the store rolls back, then unwind."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise Interrupted


def interrupted() -> None:
    """Say that the command was interrupted and nothing was saved."""
    sys.stderr.write("interrupted — nothing was saved\n")


def handle_errors(command: Callable[_P, _T]) -> Callable[_P, _T]:
    """Turn the library's errors into a one-line message on stderr and the error's exit code.

    Every command goes through here, so this is the only place errors are printed, and
    where the stores a command read its network from are closed when it ends. Ctrl-C
    (KeyboardInterrupt, or :class:`Interrupted` under ``referrals``) ends the command with
    "interrupted — nothing was saved" and exit 130: the store's transaction rolled back.
    """

    @functools.wraps(command)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return command(*args, **kwargs)
        except InfoviewError as error:
            sys.stderr.write(f"error: {printable(str(error))}\n")
            raise typer.Exit(error.exit_code) from None
        except (KeyboardInterrupt, Interrupted):
            interrupted()
            raise typer.Exit(INTERRUPTED_EXIT) from None
        finally:
            from infoview_graph.cli._context import close_stores

            close_stores()

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


_PIPED_WIDTH = 10_000
"""The line width when stdout is not a terminal: wide enough that no word or header wraps."""


def print_rich(renderable: Any) -> None:
    """Print a rich table or tree on stdout, as literal text.

    On a terminal, rich fits it to the window. Piped or redirected, nothing is wrapped:
    every row stays on one line (without trailing spaces), so that no header or word is
    broken across lines for ``grep``, ``cut`` or a reader of the file.
    """
    import io

    from rich.console import Console

    terminal = sys.stdout.isatty()
    buffer = io.StringIO()
    console = Console(
        file=None if terminal else buffer,
        width=None if terminal else _PIPED_WIDTH,
        color_system="auto" if terminal else None,
        markup=False,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    console.print(renderable)
    if not terminal:
        sys.stdout.write("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def emit_table(
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    title: str | None = None,
    whole: Sequence[str] = (),
) -> None:
    """Print a table on stdout; every cell is literal text.

    Columns named in ``whole`` (ids to copy into another command) are never cut or wrapped,
    and no header is broken inside a word; see :func:`print_rich` for piped output.
    """
    from rich.table import Table
    from rich.text import Text

    cells = [[Text(printable(_cell(v))) for v in row] for row in rows]
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for n, column in enumerate(columns):
        if column in whole:
            width = max([len(column), *(len(row[n]) for row in cells)])
            table.add_column(column, no_wrap=True, min_width=width)
        else:
            # Wrap long words, never cut them; a header is never broken inside a word.
            table.add_column(column, overflow="fold", min_width=_longest_word(column))
    for row in cells:
        table.add_row(*row)
    print_rich(table)


def emit_record(title: str, pairs: Iterable[tuple[str, Any]]) -> None:
    """Print one record as aligned "key  value" lines, skipping empty values."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", show_header=False, box=None)
    table.add_column(style="bold")
    table.add_column()
    for key, value in pairs:
        if value not in (None, "", (), [], False):
            table.add_row(Text(key), Text(printable(_cell(value))))
    print_rich(table)


def plural(count: int, word: str, words: str | None = None) -> str:
    """Say a count with its noun in the right number: "1 new name", "2 new names".

    >>> plural(1, "interview"), plural(0, "referral"), plural(2, "person", "people")
    ('1 interview', '0 referrals', '2 people')
    """
    return f"{count} {word if count == 1 else (words or word + 's')}"
