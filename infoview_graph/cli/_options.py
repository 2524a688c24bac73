"""Options shared by several commands, defined once.

Values are converted here, at the boundary: a date option hands the command a
:class:`datetime.date`, checked, and a bad value is a usage error (exit 2) that names the
flag, like an out-of-range ``-k``. Choices come from the model's ``Literal`` types.
"""

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, Literal

import typer

from infoview_graph.errors import InvalidInputError
from infoview_graph.models import KnownHow


def _day_parser(flag: str, *, past: bool) -> Callable[[str], dt.date]:
    def parse(value: str) -> dt.date:
        from infoview_graph.store.actions import read_date

        try:
            return read_date(value, flag, past=past)
        except InvalidInputError as error:
            raise typer.BadParameter(str(error).removeprefix(f"{flag}: ")) from None

    return parse


def date_option(flag: str, help: str, *, past: bool = False, show_default: bool = True) -> Any:
    """Return a Typer option for a date ``flag``: YYYY-MM-DD in, a checked date out.

    Every date lies in 1900–2100; with ``past`` (the day something happened) it must not
    be after today either. A bad date is a usage error (exit 2) naming the flag.
    """
    return typer.Option(
        flag,
        help=help,
        parser=_day_parser(flag, past=past),
        metavar="YYYY-MM-DD",
        show_default=show_default,
    )


JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of a table.")]
DemoOpt = Annotated[
    bool,
    typer.Option("--demo", help="Run on the bundled demo network; your store is not touched."),
]
OnOpt = Annotated[
    dt.date | None, date_option("--on", "The date, YYYY-MM-DD (default: today).", past=True)
]
AsOfOpt = Annotated[
    dt.date | None, date_option("--today", "As of this date, YYYY-MM-DD (default: today).")
]
MayUseNameOpt = Annotated[
    bool | None,
    typer.Option(
        "--may-use-name/--no-may-use-name",
        help="I may (or may no longer) say the referrer suggested I get in touch; "
        "left out, a permission given earlier stays.",
        show_default=False,
    ),
]
StrengthOpt = Annotated[
    int | None,
    typer.Option(
        "--strength", min=0, max=5, help="Tie strength: 0 never met … 3 colleague … 5 close friend."
    ),
]
HowOpt = Annotated[KnownHow | None, typer.Option("--how", help="How I know them.")]
OrgOpt = Annotated[
    str | None,
    typer.Option("--org", help="Current organization (id or name; created if new)."),
]
TitleOpt = Annotated[str | None, typer.Option("--title", help="Current job title.")]
FieldsOpt = Annotated[
    list[str] | None,
    typer.Option("--field", help="A career field (id or name; created if new). Repeatable."),
]
EmailsOpt = Annotated[list[str] | None, typer.Option("--email", help="Email. Repeatable.")]
PhonesOpt = Annotated[list[str] | None, typer.Option("--phone", help="Phone. Repeatable.")]
UrlOpt = Annotated[str | None, typer.Option("--url", help="Profile URL, e.g. LinkedIn.")]
TagsOpt = Annotated[list[str] | None, typer.Option("--tag", help="A label. Repeatable.")]
NoteOpt = Annotated[str | None, typer.Option("--note", help="Free notes.")]
DoNotContactOpt = Annotated[
    bool | None,
    typer.Option("--do-not-contact/--may-contact", help="Never suggest contacting them."),
]
NewOpt = Annotated[
    bool,
    typer.Option(
        "--new",
        help="The name is a different person from a known one it resembles: add it anyway.",
    ),
]
PersonArg = Annotated[
    str,
    typer.Argument(
        help="An id, a name (any case), a first or last name or id prefix that fits one "
        "person, or 'me'.",
        show_default=False,
    ),
]
TargetKind = Annotated[
    Literal["field", "org"], typer.Argument(help="'field' or 'org'.", show_default=False)
]
