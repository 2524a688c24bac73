"""Help text reflowed as paragraphs, with each example on a line of its own.

Typer's rich help keeps every line break of a docstring after its first paragraph, so a
docstring wrapped at 100 columns printed broken lines in an 80-column terminal ("with no /
--answer"). The commands keep their docstrings wrapped for the source; before the app is
built, :func:`reflow_commands` gives each command its docstring with every paragraph joined
onto one line, which rich then wraps at word boundaries to fit the terminal. An ``Example:``
paragraph keeps the command on a line below the word "Example:", so it reads as a command.
``docs/gen_cli.py`` reads the same help and renders the example as a console block.
"""

import inspect
import re

import typer

_BLANK_LINE = re.compile(r"\n\s*\n")


def reflow_help(text: str) -> str:
    """Join each paragraph of a help text onto one line; an example goes below its label.

    Parameters
    ----------
    text : str
        A docstring, as written in the source.

    Returns
    -------
    str
        The same paragraphs, separated by blank lines, each on one line.

    Examples
    --------
    >>> print(reflow_help('''Record an interview.
    ...
    ...     Each --referred name becomes a referral; with no
    ...     --answer it asks.
    ...
    ...     Example:  referrals interview log "Mrs. Smith"
    ...     --minutes 20
    ... '''))
    Record an interview.
    <BLANKLINE>
    Each --referred name becomes a referral; with no --answer it asks.
    <BLANKLINE>
    Example:
    referrals interview log "Mrs. Smith" --minutes 20
    """
    paragraphs = []
    for paragraph in _BLANK_LINE.split(inspect.cleandoc(text)):
        line = " ".join(paragraph.split())
        if line.startswith("Example:"):
            line = "Example:\n" + line.removeprefix("Example:").strip()
        if line:
            paragraphs.append(line)
    return "\n\n".join(paragraphs)


def reflow_commands(app: typer.Typer) -> None:
    """Give every command of an app, and of its groups, its docstring reflowed as its help.

    A group's callback counts as a command unless the group has a ``help=`` of its own; a
    command registered with an explicit ``help=`` keeps it. Changes the app's registration
    records only (the functions' docstrings stay as written); call it before the app runs.
    """
    # An unset help is Typer's Default(None), which is false like None.
    callback = None if app.info.help else app.registered_callback
    for command in (*app.registered_commands, callback):
        if command is not None and not command.help and command.callback is not None:
            command.help = reflow_help(inspect.getdoc(command.callback) or "")
    for group in app.registered_groups:
        if group.typer_instance is not None:
            reflow_commands(group.typer_instance)
