"""The ``referrals`` command: a thin Typer shell over the library.

Each command opens the store, makes one library call, renders the result, and lets the
library's errors through :func:`~infoview_graph.cli._output.handle_errors`, the one place
they become a message on stderr and an exit code (1; 2 for usage; 75 when the store is busy).
"""

import copy
import gc
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
from infoview_graph.cli._globals import (
    GLOBAL_FLAGS,
    GLOBAL_OPTIONS,
    GlobalOptionsAnywhere,
    hoist_global_options,
)
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


def app_for(args: list[str]) -> typer.Typer:
    """Return the app with only the command that ``args`` run, when they name one.

    Typer turns every registered command into a Click command before it reads a word of
    the command line; a process runs one command, so building the other sixty-odd (their
    parameters, types and help) is start-up spent for nothing. When the arguments name a
    command or group, the app returned holds that one; ``--version`` alone needs none.
    Anything else — no command, an unknown name, ``--help`` before the command — gets the
    whole app, so that help and errors list every command as before.

    Parameters
    ----------
    args : list of str
        The command line after the program's name.

    Returns
    -------
    typer.Typer
        A shallow copy of :data:`app` with fewer commands, or :data:`app` itself.

    Examples
    --------
    >>> [c.name for c in app_for(["--db", "x.db", "suggest", "-k", "3"]).registered_commands]
    ['suggest']
    >>> [g.name for g in app_for(["person", "show", "me"]).registered_groups]
    ['person']
    >>> app_for(["--help"]) is app and app_for(["sugest"]) is app
    True
    """
    words = hoist_global_options(args)
    globals_, with_value = (*GLOBAL_FLAGS, *GLOBAL_OPTIONS), tuple(f"{o}=" for o in GLOBAL_OPTIONS)
    while words and (words[0] in globals_ or words[0].startswith(with_value)):
        words = words[2:] if words[0] in GLOBAL_OPTIONS else words[1:]
    if words:
        name = words[0]
    elif "--version" in args:
        name = None  # the eager --version prints and exits before any command is looked up
    else:
        return app
    commands = [c for c in app.registered_commands if c.name == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if name is not None and not commands and not groups:
        return app
    only = copy.copy(app)
    only.registered_commands, only.registered_groups = commands, groups
    return only


def main() -> None:
    """Run the ``referrals`` command.

    Ctrl-C at any moment after start-up prints "interrupted — nothing was saved" and exits
    with 130, without a traceback (Click would print "Aborted!" and exit 1).
    """
    import signal

    signal.signal(signal.SIGINT, on_interrupt)
    # A command allocates in one burst (its imports, the models' schemas, a network's
    # records), nearly all of it alive until the exit: a collection every 700 new objects
    # (2,000 from Python 3.13) walks the same live objects again and again (7 % of `suggest`
    # on 30,000 people on 3.11; 0.1 s of `chains` on a million). Collect far less often, as
    # mypy does.
    gc.set_threshold(200_000, 30, 30)
    try:
        app_for(sys.argv[1:])()
    except (KeyboardInterrupt, Interrupted):
        interrupted()
        sys.exit(INTERRUPTED_EXIT)
    finally:
        # The process ends here: the collector's last pass over everything still alive
        # would only hand the memory back that the exit hands back anyway (0.2 s after a
        # command on a million people, whose lifecycle and network refer to each other).
        gc.freeze()
