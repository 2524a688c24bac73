"""Global options anywhere: ``referrals suggest --db FILE`` means ``referrals --db FILE suggest``.

Click reads an option only on the command that defines it, so ``--db`` and ``--version`` —
options of the root command — were refused after a subcommand ("No such option: --db").
The root command's class moves them to the front before parsing; everything after ``--``
stays where it is, as the value of an argument.
"""

from typing import Any

from typer.core import TyperGroup

GLOBAL_FLAGS = ("--version",)
"""Global options without a value."""
GLOBAL_OPTIONS = ("--db",)
"""Global options that take a value (``--db FILE`` or ``--db=FILE``)."""


def hoist_global_options(args: list[str]) -> list[str]:
    """Move the global options to the front of the arguments, in their order.

    Parameters
    ----------
    args : list of str
        The command line after the program's name.

    Returns
    -------
    list of str
        The same arguments, global options (with their values) first. Arguments after
        ``--`` are never moved; ``--db`` as the last argument, without a value, stays for
        the parser to report.

    Examples
    --------
    >>> hoist_global_options(["suggest", "-k", "3", "--db", "x.db"])
    ['--db', 'x.db', 'suggest', '-k', '3']
    >>> hoist_global_options(["person", "show", "--db=x.db", "--", "--db"])
    ['--db=x.db', 'person', 'show', '--', '--db']
    """
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        if arg in GLOBAL_FLAGS or arg.startswith(tuple(f"{o}=" for o in GLOBAL_OPTIONS)):
            front.append(arg)
        elif arg in GLOBAL_OPTIONS and i + 1 < len(args):
            front += args[i : i + 2]
            i += 1
        else:
            rest.append(arg)
        i += 1
    return front + rest


class GlobalOptionsAnywhere(TyperGroup):
    """The root command's class: global options are read wherever they stand."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Parse the arguments with the global options moved to the front."""
        return super().parse_args(ctx, hoist_global_options(args))
