"""The ``referrals`` command: a thin Typer shell over the library.

Each command opens the store, makes one library call, renders the result, and lets the
library's errors through :func:`~infoview_graph.cli._output.handle_errors`, the one place
they become a message on stderr and an exit code (1; 2 for usage; 75 when the store is busy).
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from infoview_graph import __version__
from infoview_graph.cli import (
    advice,
    catalog,
    events,
    figures,
    interviewing,
    maintenance,
    people,
    progress,
    setup,
    transfer,
)
from infoview_graph.cli._context import state
from infoview_graph.cli._globals import GlobalOptionsAnywhere
from infoview_graph.cli._help import reflow_commands
from infoview_graph.cli._output import INTERRUPTED_EXIT, Interrupted, interrupted, on_interrupt

app = typer.Typer(
    name="referrals",
    help=(
        "Plan informational interviews as a referral network: whom to contact next, and "
        "through whom.\n\nStart with: referrals suggest --demo"
    ),
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    cls=GlobalOptionsAnywhere,  # --db and --version after the subcommand too
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"referrals (infoview-graph) {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            envvar="REFERRALS_DB",
            help="The store file (default: $REFERRALS_DB, else your user data directory).",
            show_envvar=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Plan informational interviews as a referral network."""
    state.db = db
    _tolerate_narrow_terminals()


def _tolerate_narrow_terminals() -> None:
    # Under PYTHONIOENCODING=ascii or LC_ALL=C a name like "Zoë" cannot be encoded: print
    # it as "Zo\xeb" rather than crash with UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            reconfigure(errors="backslashreplace")


app.command("init")(setup.init)
app.command("demo")(setup.demo)
app.add_typer(people.app, name="person")
app.add_typer(catalog.org_app, name="org")
app.add_typer(catalog.field_app, name="field")
app.add_typer(catalog.target_app, name="target")
app.command("know")(events.know)
app.command("refer")(events.refer)
app.command("outreach")(events.outreach)
app.command("reply")(events.reply)
app.command("schedule")(events.schedule)
app.add_typer(events.interview_app, name="interview")
app.command("suggest")(advice.suggest)
app.command("intro")(advice.intro)
app.command("coverage")(progress.coverage)
app.command("chains")(progress.chains)
app.command("agenda")(progress.agenda)
app.add_typer(progress.followup_app, name="followup")
app.command("prep")(interviewing.prep)
app.add_typer(interviewing.draft_app, name="draft")
app.command("learned")(interviewing.learned)
app.add_typer(interviewing.questions_app, name="questions")
app.add_typer(figures.plot_app, name="plot")
app.command("report")(figures.report)
app.add_typer(transfer.import_app, name="import")
app.add_typer(transfer.export_app, name="export")
people.app.command("merge")(transfer.merge)
app.command("backup")(maintenance.backup)
app.command("doctor")(maintenance.doctor)
reflow_commands(app)  # help as paragraphs that fit the terminal, examples on their own line


def main() -> None:
    """Run the ``referrals`` command.

    Ctrl-C at any moment after start-up prints "interrupted — nothing was saved" and exits
    with 130, without a traceback (Click would print "Aborted!" and exit 1).
    """
    import signal

    signal.signal(signal.SIGINT, on_interrupt)
    try:
        app()
    except (KeyboardInterrupt, Interrupted):
        interrupted()
        sys.exit(INTERRUPTED_EXIT)
