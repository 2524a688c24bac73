"""``referrals prep|draft|learned|questions``: before and after an informational interview."""

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from infoview_graph._files import check_target, write_atomic
from infoview_graph.cli._context import (
    load_network,
    open_for_read,
    open_for_write,
    store_path,
)
from infoview_graph.cli._glossary import footnotes
from infoview_graph.cli._options import AsOfOpt, DemoOpt, JsonOpt, PersonArg
from infoview_graph.cli._output import (
    done,
    emit_json,
    emit_table,
    handle_errors,
    note,
    plural,
    printable,
    warn,
)
from infoview_graph.errors import InvalidInputError

if TYPE_CHECKING:
    from typing import Literal

    from infoview_graph.network import ReferralNetwork

draft_app = typer.Typer(
    no_args_is_help=True,
    help="Draft the request for 15 minutes, the follow-up, the thank-you note, and the news "
    "for the person who referred you.",
)
questions_app = typer.Typer()

TemplateOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--template",
        help="A string.Template text file to use instead of the default ($placeholders).",
        dir_okay=False,
    ),
]
FieldOpt = Annotated[
    Optional[str],
    typer.Option("--field", help="Also count the answers given in this field (id or name)."),
]


class Tiara(StrEnum):
    """TIARA tags (``models.Tiara``; Typer takes a repeatable option's choices from an enum)."""

    trends = "trends"
    insights = "insights"
    advice = "advice"
    resources = "resources"
    assignments = "assignments"


def _echo(text: str) -> None:
    for line in text.splitlines():
        typer.echo(printable(line))


def _read_template(path: Optional[Path]) -> Optional[str]:
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInputError(
            f"--template: there is no file '{path}'; give the path of a text file"
        ) from None
    except UnicodeDecodeError:
        raise InvalidInputError(f"--template: '{path}' is not UTF-8 text") from None
    except OSError as error:
        raise InvalidInputError(f"--template: cannot read '{path}' ({error.strerror})") from None


# --- prep ------------------------------------------------------------------------------------


@handle_errors
def prep(
    person: PersonArg,
    out: Annotated[
        Optional[Path],
        typer.Option(
            "--out",
            help="Write the brief to this Markdown file (readable only by you; never "
            "overwritten without --force).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the --out file.")] = False,
    today: AsOfOpt = None,
    n_questions: Annotated[
        int,
        typer.Option(
            "-n", "--n-questions", min=1, max=50, help="How many questions, the referral one last."
        ),
    ] = 10,
    json_: JsonOpt = False,
    demo: DemoOpt = False,
) -> None:
    """Prepare a one-page brief before an informational interview.

    Who they are, how you are connected (whose name to mention, and whether you may), your
    objectives, questions chosen for them (those not yet answered in their field first,
    "Can you refer me to someone else?" last), what you already learned in their field,
    and the reminders: 15 minutes, dress professionally, paper, a spare résumé, thank-you
    note within 24 hours.

    Example:  referrals prep "Margaret Smith" --demo --out smith.md
    """
    from infoview_graph.algorithms._prep import prep_brief, render_brief_markdown

    if out is not None:
        check_target(out, protect=store_path())  # before the store is read: never the store
    brief = prep_brief(load_network(demo=demo), person, today=today, n_questions=n_questions)
    if json_:
        emit_json(brief.model_dump(mode="json"))
        return
    page = render_brief_markdown(brief)
    if out is None:
        _echo(page)
        return
    if out.is_dir():
        raise InvalidInputError(f"--out: '{out}' is a directory; give a file name, e.g. brief.md")
    write_atomic(out, page.encode("utf-8"), force=force, protect=store_path())
    done(f"wrote the brief for {brief.name} to {out}")


# --- draft -----------------------------------------------------------------------------------


@draft_app.command("request")
@handle_errors
def draft_request(
    person: PersonArg,
    template: TemplateOpt = None,
    today: AsOfOpt = None,
    demo: DemoOpt = False,
) -> None:
    """Draft the request for 15 minutes, after the source document's script.

    Speaks of your goal (the target field or employer that makes them relevant), greets
    people you know by their first name, names the person who referred you only if you may
    use the name; under 100 words with the default template; asks for advice, never for a
    job. Refused for someone marked do not contact; a warning if they declined, a note if
    you asked them already (use draft followup) or met them (draft thanks). The word count
    goes to stderr.

    Example:  referrals draft request "Margaret Smith" --demo
    """
    from infoview_graph.algorithms._drafts import draft_request as draft

    network = load_network(demo=demo)
    text = draft(network, person, template=_read_template(template))
    _show_draft(network, person, "request", text, today)


@draft_app.command("followup")
@handle_errors
def draft_followup(
    person: PersonArg,
    today: AsOfOpt = None,
    template: TemplateOpt = None,
    demo: DemoOpt = False,
) -> None:
    """Draft the short follow-up to a request that got no answer (3B7: after 7 business days).

    3B7: no answer after 3 business days, contact a second person at that employer; after
    7 business days, follow up with the first — this draft.

    Recalls the day and channel of your first message, your goal, and the person who
    referred you if you may use the name; under 100 words with the default template; never
    asks for a job. Refused unless a request to them awaits an answer (the error says where
    they stand and what to do instead) and for someone marked do not contact.

    Example:  referrals draft followup "Jessica Tran" --demo
    """
    from infoview_graph.algorithms._drafts import draft_followup as draft

    network = load_network(demo=demo)
    text = draft(network, person, today=today, template=_read_template(template))
    _show_draft(network, person, "followup", text, today)


@draft_app.command("thanks")
@handle_errors
def draft_thanks(
    person: PersonArg,
    template: TemplateOpt = None,
    today: AsOfOpt = None,
    demo: DemoOpt = False,
) -> None:
    """Draft the thank-you note for your latest interview with someone.

    Cites the advice they gave and the names they passed on, in the tone of your
    relationship (first name for people you know). Send it within 24 hours. Refused for
    someone marked do not contact.

    Example:  referrals draft thanks "Marcus Bell" --demo
    """
    from infoview_graph.algorithms._drafts import draft_thanks as draft

    network = load_network(demo=demo)
    text = draft(network, person, template=_read_template(template))
    _show_draft(network, person, "thanks", text, today)


@draft_app.command("news")
@handle_errors
def draft_news(
    referrer: Annotated[
        str,
        typer.Argument(help="Who referred you: an id or an unambiguous name.", show_default=False),
    ],
    template: TemplateOpt = None,
    today: AsOfOpt = None,
    demo: DemoOpt = False,
) -> None:
    """Draft the news for a referrer: how the conversations they made possible went.

    Thanks them for the names, says when you met the people they referred you to, cites one
    piece of advice and the names those people passed on — for the conversations you have
    not told them about yet (interview log --told-referrer-on). Refused for someone marked
    do not contact, or when nobody they named has been met yet.

    Example:  referrals draft news "Priya Raman" --demo
    """
    from infoview_graph.algorithms._drafts import draft_news as draft

    network = load_network(demo=demo)
    text = draft(network, referrer, template=_read_template(template))
    _show_draft(network, referrer, "news", text, today)


def _show_draft(
    network: "ReferralNetwork",
    person: str,
    kind: 'Literal["request", "followup", "thanks", "news"]',
    text: str,
    today: Optional[dt.date],
) -> None:
    """Print the draft on stdout; its warnings, notes and word count on stderr."""
    from infoview_graph.algorithms._drafts import draft_cautions, word_count

    cautions = draft_cautions(network, person, kind, today=today)
    _echo(text)
    for caution in cautions:
        (warn if caution.level == "warning" else note)(caution.text)
    note(f"{word_count(text)} words")


# --- learned ---------------------------------------------------------------------------------


@handle_errors
def learned(
    field: Annotated[
        Optional[str],
        typer.Argument(
            help="A career field (id or name); optional with --org.", show_default=False
        ),
    ] = None,
    org: Annotated[
        Optional[str],
        typer.Option("--org", help="Only interviews with people at this organization."),
    ] = None,
    json_: JsonOpt = False,
    demo: DemoOpt = False,
) -> None:
    """Show what you learned in a field: the answers per question, side by side.

    Each answer with who said it and when; the advice and job leads of the same
    interviews; the questions nobody has answered yet. With --org, only interviews with
    people at that organization (in the field, if FIELD is given too).

    Example:  referrals learned accounting --demo
    """
    from infoview_graph.algorithms._learned import learned as gather

    if field is None and org is None:
        raise typer.BadParameter("name a FIELD, or an organization with --org", param_hint="FIELD")
    found = gather(load_network(demo=demo), field, organization=org)
    if json_:
        emit_json(found.model_dump(mode="json"))
        return
    where = " at ".join(n for n in (found.field_name, found.organization_name) if n)
    if not found.interviews:
        typer.echo(printable(f"No interviews in {where} yet: every question is still open."))
    else:
        emit_table(
            ["question", "who", "when", "answer"],
            [
                (
                    item.question if n == 0 else "",
                    _who(said.name, said.organization_name),
                    said.on,
                    said.text,
                )
                for item in found.answered
                for n, said in enumerate(item.answers)
            ],
            title=f"What you learned in {where} ({plural(len(found.interviews), 'interview')})",
        )
        for title, items in (("Advice", found.advice), ("Job leads", found.leads)):
            if items:
                emit_table(
                    ["who", "when", title.lower()],
                    [(_who(s.name, s.organization_name), s.on, s.text) for s in items],
                    title=title,
                )
    if found.unanswered:
        emit_table(
            ["id", "question"],
            [(q.id, q.text) for q in found.unanswered],
            title="Nobody has answered yet",
        )


def _who(name: str, organization: Optional[str]) -> str:
    return f"{name} ({organization})" if organization else name


# --- questions -------------------------------------------------------------------------------


def _list_questions(field: Optional[str], json_: bool, demo: bool) -> None:
    from infoview_graph.questions import builtin_questions, question_bank
    from infoview_graph.store.questions import user_questions

    counts: dict[str, int] = {}
    with open_for_read(demo=demo) as store:
        if field is None:
            own = user_questions(store)
        else:
            from infoview_graph.algorithms._learned import learned as gather

            network = store.load_network()
            own = network.questions()
            found = gather(network, field)
            counts = {item.question_id: len(item.answers) for item in found.answered}
    builtin = {q.id for q in builtin_questions()}
    mine = {q.id for q in own}

    def source(question_id: str) -> str:
        if question_id not in mine:
            return "built-in"
        return "yours, replaces built-in" if question_id in builtin else "yours"

    bank = question_bank(own)
    if json_:
        rows = []
        for q in bank:
            row = {**q.model_dump(mode="json"), "source": source(q.id)}
            if field is not None:
                row["answers"] = counts.get(q.id, 0)
            rows.append(row)
        emit_json(rows)
        return
    columns = ["id", "question", "category", "TIARA", "source"]
    if field is not None:
        columns.append("answers")
    emit_table(
        columns,
        [
            (q.id, q.text, q.category, q.tiara, source(q.id))
            + ((counts.get(q.id, 0),) if field is not None else ())
            for q in bank
        ],
        title="Questions for informational interviews",
    )
    footnotes(columns)


@questions_app.callback(invoke_without_command=True)
@handle_errors
def questions(
    ctx: typer.Context, field: FieldOpt = None, json_: JsonOpt = False, demo: DemoOpt = False
) -> None:
    """List the question bank (the source's questions, TIARA, your own), or add to it.

    TIARA: the order of interview questions — Trends, Insights, Advice, Resources,
    Assignments. With no subcommand, lists the questions (as 'questions list').

    Example:  referrals questions --field accounting --demo
    """
    if ctx.invoked_subcommand is None:
        _list_questions(field, json_, demo)


@questions_app.command("list")
@handle_errors
def questions_list(field: FieldOpt = None, json_: JsonOpt = False, demo: DemoOpt = False) -> None:
    """List the questions, in bank order: id, text, category, TIARA tags, source.

    With --field, also how many interviews in that field answered each one.

    Example:  referrals questions list --field accounting --demo
    """
    _list_questions(field, json_, demo)


@questions_app.command("add")
@handle_errors
def questions_add(
    text: Annotated[
        str, typer.Argument(help="The question, as you will ask it.", show_default=False)
    ],
    question_id: Annotated[
        Optional[str],
        typer.Option(
            "--id", help="A slug id (default: from the text); a built-in id rewords that question."
        ),
    ] = None,
    category: Annotated[
        str,
        typer.Option(
            "--category", help="A grouping; 'the employer' marks a question about one employer."
        ),
    ] = "general",
    tiara: Annotated[
        Optional[list[Tiara]], typer.Option("--tiara", help="A TIARA tag. Repeatable.")
    ] = None,
) -> None:
    """Add a question of your own to the bank (answer it with interview log --answer ID=…).

    Example:  referrals questions add "Which certifications matter most?" --tiara advice
    """
    from infoview_graph.store.questions import add_question

    with open_for_write() as store:
        change = add_question(
            store,
            text,
            question_id=question_id,
            category=category,
            tiara=[t.value for t in tiara or ()],
        )
    done(f"added the question '{change.record.id}'", change.notes)
