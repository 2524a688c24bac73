"""Options shared by several commands, defined once."""

from typing import Annotated, Literal

import typer

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of a table.")]
DemoOpt = Annotated[
    bool,
    typer.Option("--demo", help="Run on the bundled demo network; your store is not touched."),
]
OnOpt = Annotated[str | None, typer.Option("--on", help="The date, YYYY-MM-DD (default: today).")]
TodayOpt = Annotated[
    str | None, typer.Option("--today", help="As of this date, YYYY-MM-DD (default: today).")
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
How = Literal[
    "friend", "family", "classmate", "colleague", "alumni", "neighbour", "referral", "cold", "other"
]
HowOpt = Annotated[How | None, typer.Option("--how", help="How I know them.")]
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
