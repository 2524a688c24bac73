"""``referrals suggest`` and ``referrals intro``: whom to contact next, and whom to ask."""

from typing import Annotated, Optional

import typer

from infoview_graph.cli._context import load_network, parse_date
from infoview_graph.cli._options import DemoOpt, JsonOpt
from infoview_graph.cli._output import emit_json, emit_table, handle_errors, printable

TodayOpt = Annotated[
    Optional[str],
    typer.Option("--today", help="Judge ages and waits as of this date, YYYY-MM-DD."),
]


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
    today: TodayOpt = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show every factor and its weight.")
    ] = False,
    json_: JsonOpt = False,
    demo: DemoOpt = False,
) -> None:
    """Whom to contact next, and through whom: a ranked, explained list of next steps.

    Each suggestion weighs warmth (how likely an answer is along the best path from you),
    relevance to your targets, coverage (fields and employers with few interviews first),
    onward reach, and timing (fresh referrals, follow-ups due after 3B7).

    Example:  referrals suggest --demo --explain
    """
    from infoview_graph.algorithms.suggest import suggest_next_contacts

    day = parse_date(today, "--today")
    network = load_network(demo=demo)
    found = suggest_next_contacts(network, k=k, fields=field, organizations=org, today=day)
    if json_:
        emit_json([s.model_dump(mode="json") for s in found])
        return
    if not found:
        typer.echo("Nothing to suggest: add contacts, referrals or targets first (see --help).")
        return
    if explain:
        for rank, s in enumerate(found, 1):
            typer.echo(printable(f"{rank}. {s.name} ({s.person_id}) — score {s.score:.2f}"))
            typer.echo(printable(f"   {s.action}"))
            typer.echo(printable(f"   path: {' → '.join(s.path)}"))
            for reason in s.reasons:
                typer.echo(printable(f"   · {reason}"))
        return
    emit_table(
        ["#", "person", "action", "why"],
        [(rank, s.name, s.action, _short_why(s.reasons)) for rank, s in enumerate(found, 1)],
        title="Whom to contact next",
    )


def _short_why(reasons: tuple[str, ...]) -> str:
    ranked = sorted(reasons, key=lambda r: -float(r.split("+", 1)[1].split(":", 1)[0]))
    return "; ".join(r.split(": ", 1)[1] for r in ranked[:2])


@handle_errors
def intro(
    target: Annotated[
        str,
        typer.Argument(help="An organization or career field (id or name).", show_default=False),
    ],
    k: Annotated[
        int, typer.Option("-k", "--paths", min=1, max=20, help="How many paths to show.")
    ] = 3,
    today: TodayOpt = None,
    backend: Annotated[
        Optional[str],
        typer.Option("--backend", help="NetworkX backend for the graph algorithms, e.g. parallel."),
    ] = None,
    json_: JsonOpt = False,
    demo: DemoOpt = False,
) -> None:
    """Who can introduce me to an organization or field ("Do you know anyone at …?").

    Lists whom to ask, best first, the best paths in with their weakest link, and anyone
    every path depends on. With no path, names contacts close to the target to ask anyway.

    Example:  referrals intro "General Mills" --demo
    """
    from infoview_graph.algorithms.introducers import introducers

    day = parse_date(today, "--today")
    network = load_network(demo=demo)
    answer = introducers(network, target, k=k, today=day, backend=backend)
    if json_:
        emit_json(answer.model_dump(mode="json"))
        return
    typer.echo(printable(answer.message))
    people = answer.introducers or answer.fallback
    if people:
        emit_table(
            ["#", "ask", "chance", "why"],
            [
                (rank, p.name, f"{min(p.warmth, 0.99):.0%}" if p.warmth else "", p.reason)
                for rank, p in enumerate(people, 1)
            ],
        )
    if answer.paths:
        names = {
            p.id: p.name
            for p in network.persons()
            if p.id in {x for a in answer.paths for x in a.path}
        }
        emit_table(
            ["path", "chance", "weakest link"],
            [
                (
                    " → ".join(names[x] for x in p.path),
                    f"{p.warmth:.0%}",
                    _link(names, p.weakest_link),
                )
                for p in answer.paths
            ],
            title=f"Best paths into {answer.target_name}",
        )


def _link(names: dict[str, str], link: tuple[str, str, float]) -> str:
    return f"{names[link[0]]} → {names[link[1]]} ({link[2]:.0%})"
