"""``referrals suggest`` and ``referrals intro``: whom to contact next, and whom to ask."""

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from infoview_graph.cli._context import load_network
from infoview_graph.cli._glossary import footnotes
from infoview_graph.cli._options import AsOfOpt, DemoOpt, JsonOpt
from infoview_graph.cli._output import emit_json, emit_table, handle_errors, printable

if TYPE_CHECKING:
    from infoview_graph.algorithms import Reason
    from infoview_graph.algorithms._introducers import IntroPath


@handle_errors
def suggest(
    k: Annotated[
        int, typer.Option("-k", "--top", min=1, max=100, help="How many suggestions.")
    ] = 5,
    field: Annotated[
        Optional[list[str]], typer.Option("--field", help="Only people in this field. Repeatable.")
    ] = None,
    org: Annotated[
        Optional[list[str]],
        typer.Option("--org", help="Only people at this organization. Repeatable."),
    ] = None,
    today: AsOfOpt = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show every factor and its weight.")
    ] = False,
    json_: JsonOpt = False,
    demo: DemoOpt = False,
) -> None:
    """Whom to contact next, and through whom: a ranked, explained list of next steps.

    The coach's order comes first: people who said yes (schedule them), then follow-ups due
    and fresh referrals, then new contacts. Within each group, suggestions are ranked by
    warmth (the chance a request gets an answer along the best path from you), relevance
    to your targets, coverage (fields and employers with few interviews first), onward
    reach, and timing. People you asked and are waiting for, have met, who declined or are marked do
    not contact are never suggested; people you know are contacted directly, never
    "introduced".

    Example:  referrals suggest --demo --explain
    """
    from infoview_graph.algorithms._suggest import TIERS, suggest_next_contacts

    network = load_network(demo=demo)
    found = suggest_next_contacts(network, k=k, fields=field, organizations=org, today=today)
    if json_:
        emit_json([s.model_dump(mode="json") for s in found])
        return
    if not found:
        typer.echo("Nothing to suggest: add contacts, referrals or targets first (see --help).")
        return
    ranked = list(enumerate(found, 1))
    shown = [s.action for s in found]
    for tier, title in enumerate(TIERS):
        group = [(rank, s) for rank, s in ranked if s.tier == tier]
        if not group:
            continue
        if not explain:
            shown += [_short_why(s.why) for _, s in group]
            emit_table(
                ["#", "person", "action", "why"],
                [(rank, s.name, s.action, _short_why(s.why)) for rank, s in group],
                title=title,
            )
            continue
        typer.echo(title)
        for rank, s in group:
            typer.echo(printable(f"{rank}. {s.name} ({s.person_id}) — score {s.score:.2f}"))
            typer.echo(printable(f"   {s.action}"))
            typer.echo(printable(f"   path: {' → '.join(s.path_names)}"))
            for reason in s.reasons:
                typer.echo(printable(f"   · {reason}"))
            shown += s.reasons
    footnotes(shown)


def _short_why(why: "tuple[Reason, ...]") -> str:
    """Join the texts of the two reasons that added most (the first given wins a tie)."""
    ranked = sorted(why, key=lambda r: -round(r.contribution, 2))
    return "; ".join(r.text for r in ranked[:2])


@handle_errors
def intro(
    target: Annotated[
        str,
        typer.Argument(help="An organization or career field (id or name).", show_default=False),
    ],
    k: Annotated[
        int, typer.Option("-k", "--paths", min=1, max=20, help="How many paths to show.")
    ] = 3,
    today: AsOfOpt = None,
    backend: Annotated[
        Optional[str],
        typer.Option("--backend", help="NetworkX backend for the graph algorithms, e.g. parallel."),
    ] = None,
    json_: JsonOpt = False,
    demo: DemoOpt = False,
) -> None:
    """Who can introduce me to an organization or field ("Do you know anyone at …?").

    Lists whom to ask, best first, the best paths in with their weakest link, and anyone
    every path depends on. Paths never pass through or end at people who declined or are
    marked do not contact, people you know are contacted directly, and a path stops at the
    first person inside the target. With no path, names contacts to ask anyway.

    Example:  referrals intro "General Mills" --demo
    """
    from infoview_graph.algorithms._introducers import introducers

    network = load_network(demo=demo)
    answer = introducers(network, target, k=k, today=today, backend=backend)
    if json_:
        emit_json(answer.model_dump(mode="json"))
        return
    typer.echo(printable(answer.message))
    if answer.introducers:
        typer.echo(printable(answer.chance_meaning))
        emit_table(
            ["#", "ask", "chance", "why"],
            [
                (rank, p.name, f"{min(p.warmth, 0.99):.0%}", p.reason)
                for rank, p in enumerate(answer.introducers, 1)
            ],
        )
    elif answer.fallback:
        emit_table(
            ["#", "ask", "why"],
            [(rank, p.name, p.reason) for rank, p in enumerate(answer.fallback, 1)],
        )
    if answer.paths:
        emit_table(
            ["path", "chance", "weakest link"],
            [(_route(p), f"{p.warmth:.0%}", _link(p)) for p in answer.paths],
            title=f"Best paths into {answer.target_name}",
        )


def _route(path: "IntroPath") -> str:
    route = " → ".join(path.path_names)
    return route if path.referrer_name is None else f"{route} (referred by {path.referrer_name})"


def _link(path: "IntroPath") -> str:
    start, end, chance = path.weakest_link
    names = dict(zip(path.path, path.path_names, strict=True))
    return f"{names[start]} → {names[end]} ({chance:.0%})"
