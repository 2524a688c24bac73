"""Coverage, chains, agenda and follow-ups: where I stand and what I owe."""

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from infoview_graph.cli._context import load_network, open_for_write
from infoview_graph.cli._glossary import footnotes
from infoview_graph.cli._options import AsOfOpt, DemoOpt, JsonOpt, date_option
from infoview_graph.cli._output import (
    done,
    emit_json,
    emit_table,
    handle_errors,
    plural,
    print_rich,
    printable,
)
from infoview_graph.errors import NotFoundError

if TYPE_CHECKING:
    from infoview_graph.models import FollowUp
    from infoview_graph.store import Store

followup_app = typer.Typer(no_args_is_help=True, help="Follow-ups: list, add, done, snooze.")


@handle_errors
def coverage(today: AsOfOpt = None, json_: JsonOpt = False, demo: DemoOpt = False) -> None:
    """Show which target fields and employers I have covered, and where the gaps are.

    Per target: people known there, reached out, replied, interviewed, pending referrals,
    independent paths in (no single person is the only way in), share of the question bank
    answered, last activity. Then the gaps and related fields worth a look.

    Coverage: how well your target fields and employers are covered — people known,
    reached out, interviewed, and independent paths in.

    Example:  referrals coverage --demo
    """
    from infoview_graph.algorithms._coverage import coverage as compute

    report = compute(load_network(demo=demo), today=today)
    if json_:
        emit_json(report.model_dump(mode="json"))
        return
    emit_table(
        ["target", "prio", "known", "asked", "reply", "met", "pend", "paths", "Q&A", "last"],
        [
            (f"{t.name} ({'org' if t.kind == 'org' else 'field'})", t.priority, t.known,
             t.reached_out, t.replied, t.interviewed, t.pending_referrals, t.independent_paths,
             f"{t.questions_answered:.0%}", t.last_activity)
            for t in report.targets
        ],
        title="Coverage of my targets (asked: reached out; met: interviewed; pend: pending "
        "referrals; paths: independent ways in; Q&A: share of the question bank answered)",
        whole=["last", "Q&A", "known", "asked", "reply", "met", "pend", "paths", "prio"],
    )  # fmt: skip
    names = {t.target_id: t.name for t in report.targets}
    if report.no_interview:
        typer.echo(
            printable("No interview yet: " + ", ".join(names[t] for t in report.no_interview))
        )
    if report.no_path:
        typer.echo(printable("No path in yet: " + ", ".join(names[t] for t in report.no_path)))
    if not report.targets:
        typer.echo("No targets yet: add one with 'referrals target add field|org NAME'.")
    if report.related_fields:
        emit_table(
            ["related field", "related to", "people known", "interviewed"],
            [
                (r.name, ", ".join(r.related_to_names), r.known, r.interviewed)
                for r in report.related_fields
            ],
            title="Related fields worth a look",
        )
    if report.untargeted_fields:
        emit_table(
            ["field", "reached out", "interviewed"],
            [(f.name, f.reached_out, f.interviewed) for f in report.untargeted_fields],
            title="Fields outside my targets I have touched",
        )


_DRAWN_LEVELS = 40
"""Levels of the referral tree drawn at most; deeper ones are counted, and --from shows them
(each level indents every line below it, so a deep chain would print a wall of guides)."""

_GENEROUS_SHOWN = 10
"""Referrers listed by name at most, the most generous first; one line counts the rest, and
--json lists every one (a career office's network has hundreds who each gave one name)."""


def _descendants(children: Mapping[str, Sequence[str]], person: str) -> int:
    count, stack = 0, list(children.get(person, ()))
    while stack:
        count += 1
        stack.extend(children.get(stack.pop(), ()))
    return count


@handle_errors
def chains(
    from_: Annotated[
        Optional[str], typer.Option("--from", help="Only the tree under this person.")
    ] = None,
    json_: JsonOpt = False,
    demo: DemoOpt = False,
) -> None:
    """My referral tree: who led to whom, each hop's outcome, the longest chains, the funnel.

    The ten most generous referrers are listed by name; --json lists every one.

    Example:  referrals chains --demo
    """
    from rich.text import Text
    from rich.tree import Tree

    from infoview_graph.algorithms._chains import referral_chains
    from infoview_graph.lifecycle import lifecycle

    network = load_network(demo=demo)
    life = lifecycle(network)
    root = network.find_person(from_).id if from_ else None
    report = referral_chains(network, root=root)
    if json_:
        emit_json(report.model_dump(mode="json"))
        return
    referral_of = {(r.referrer, r.referee): r for r in network.referrals()}
    name_of = network.person_column("name")
    also: dict[str, list[str]] = {}
    for referrer, referee in report.also_referred_by:
        also.setdefault(referee, []).append(name_of[referrer])

    def label(person: str, parent: str | None) -> Text:
        text = name_of[person]
        standing = life.standing(person)
        where = "not contacted yet" if standing.stage == "referred" else standing.label
        if parent is not None:
            text += f" — {referral_of[(parent, person)].on}, {where}"
        elif standing.stage != "known":
            text += f" — {where}"
        if person in also:
            text += f" (also referred by {', '.join(also[person])})"
        return Text(printable(text))

    tree = Tree(Text(f"Referral tree of {network.me.name}"))
    stack: list[tuple[Tree, str, str | None, int]] = [
        (tree, start, None, 1) for start in reversed(report.roots)
    ]
    while stack:  # depth first, without recursion: a chain may be thousands deep
        branch, person, parent, depth = stack.pop()
        node = branch.add(label(person, parent))
        below = report.children.get(person, ())
        if below and depth == _DRAWN_LEVELS:
            hidden = _descendants(report.children, person)
            node.add(
                Text(
                    printable(
                        f"… and {plural(hidden, 'more person', 'more people')} below: "
                        f"referrals chains --from {person}"
                    )
                )
            )
            continue
        stack.extend((node, child, person, depth + 1) for child in reversed(below))
    print_rich(tree)
    if report.longest:
        longest = report.longest[0]
        names = " → ".join(longest.people_names)
        typer.echo(printable(f"Longest chain ({plural(len(longest.hops), 'referral')}): {names}"))
    emit_table(
        ["referrer", "names given", "interviewed"],
        [(y.name, y.names_given, y.interviewed) for y in report.yields[:_GENEROUS_SHOWN]],
        title="Who has been generous with names",
    )
    if rest := report.yields[_GENEROUS_SHOWN:]:
        more = plural(len(rest), "more referrer")
        names = plural(sum(y.names_given for y in rest), "name")
        typer.echo(f"… and {more} who gave {names} (--json lists them all)")
    emit_table(
        ["stage", "people", "from previous"],
        [(f.stage, f.count, "" if f.rate is None else f"{f.rate:.0%}") for f in report.funnel],
        title="Funnel",
    )


@handle_errors
def agenda(
    today: AsOfOpt = None,
    days: Annotated[
        int, typer.Option("--days", min=0, max=365, help="Also what falls due within N days.")
    ] = 0,
    json_: JsonOpt = False,
    demo: DemoOpt = False,
) -> None:
    """Show what I owe whom: thank-you notes, news for referrers, advice, 3B7, stale referrals.

    Everything due or overdue, most urgent first. Mark items with 'referrals followup done
    ID' or hide them with 'referrals followup snooze ID --until DATE'.

    3B7: no answer after 3 business days, contact a second person at that employer; after
    7 business days, follow up with the first.

    Example:  referrals agenda --demo --today 2026-11-20
    """
    from infoview_graph.algorithms._agenda import agenda as compute

    items = compute(load_network(demo=demo), today=today, horizon_days=days)
    if json_:
        emit_json([i.model_dump(mode="json") for i in items])
        return
    if not items:
        typer.echo("Nothing due. Well done.")
        return
    for item in items:
        when = f"{item.due}{' overdue' if item.overdue else ''}"
        typer.echo(printable(f"{when:<18} {item.action}"))
        typer.echo(printable(f"{'':<18} {item.why}  [{item.id}]"))
    footnotes(text for item in items for text in (item.action, item.why))


@followup_app.command("list")
@handle_errors
def followup_list(
    today: AsOfOpt = None,
    days: Annotated[int, typer.Option("--days", min=0, max=365, help="Look N days ahead.")] = 0,
    json_: JsonOpt = False,
    demo: DemoOpt = False,
) -> None:
    """List follow-ups due (the agenda), with their ids.

    Example:  referrals followup list --days 7
    """
    agenda(today=today, days=days, json_=json_, demo=demo)


@followup_app.command("add")
@handle_errors
def followup_add(
    text: Annotated[str, typer.Argument(help="What to do.", show_default=False)],
    due: Annotated[
        Optional[dt.date], date_option("--due", "When, YYYY-MM-DD (default: today).")
    ] = None,
    person: Annotated[Optional[str], typer.Option("--person", help="Whom it concerns.")] = None,
) -> None:
    """Add a follow-up of your own.

    Example:  referrals followup add "Send Brad the article" --person "Brad Johnson"
    --due 2026-11-24
    """
    from infoview_graph.store import actions

    with open_for_write() as store:
        followup = actions.add_followup(store, text, due=due, person=person).record
    done(f"added follow-up {followup.id}, due {followup.due}")


def _find_item(store: "Store", item_id: str, day: dt.date) -> "FollowUp":
    from infoview_graph.algorithms._agenda import derived_items
    from infoview_graph.models import FollowUp

    network = store.load_network()
    stored = {f.id: f for f in network.followups()}
    if item_id in stored:
        return stored[item_id]
    for item in derived_items(network, today=day):
        if item.id == item_id:
            return FollowUp(id=item.id, kind=item.kind, person=item.person_id, due=item.due)
    raise NotFoundError(f"no follow-up has the id '{item_id}'; see 'referrals agenda' for ids")


@followup_app.command("done")
@handle_errors
def followup_done(
    item_id: Annotated[
        str, typer.Argument(help="The id shown by 'referrals agenda'.", show_default=False)
    ],
    on: Annotated[
        Optional[dt.date], date_option("--on", "When it was done (default: today).", past=True)
    ] = None,
) -> None:
    """Mark a follow-up done: it leaves the agenda.

    A thank-you note marked done is also recorded on the interview (its thanked-on date).

    Example:  referrals followup done thank-you-interview-marcus-bell-1
    """
    from infoview_graph.store import actions

    when = on or dt.date.today()
    with open_for_write() as store:
        item = _find_item(store, item_id, when)
        change = actions.settle_followup(store, item, done_on=when)
    done(f"done: {item_id}", change.notes)


@followup_app.command("snooze")
@handle_errors
def followup_snooze(
    item_id: Annotated[
        str, typer.Argument(help="The id shown by 'referrals agenda'.", show_default=False)
    ],
    until: Annotated[dt.date, date_option("--until", "Hide it until this date, YYYY-MM-DD.")],
) -> None:
    """Hide a follow-up until a later date.

    Example:  referrals followup snooze advice-interview-omar-haddad-1-1 --until 2026-12-01
    """
    from infoview_graph.store import actions

    with open_for_write() as store:
        item = _find_item(store, item_id, dt.date.today())
        actions.settle_followup(store, item, snoozed_until=until)
    done(f"snoozed {item_id} until {until}")
