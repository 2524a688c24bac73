"""``referrals know|refer|outreach|reply|schedule|interview log``: what happened between people."""

import datetime as dt
import sys
from typing import TYPE_CHECKING, Annotated, Optional, cast

import typer

from infoview_graph.cli._context import open_for_write
from infoview_graph.cli._options import (
    AsOfOpt,
    MayUseNameOpt,
    NewOpt,
    OnOpt,
    PersonArg,
    StrengthOpt,
    date_option,
)
from infoview_graph.cli._output import done, handle_errors, plural, printable
from infoview_graph.errors import InvalidInputError
from infoview_graph.models import FITS, Channel, Fit, Mode

if TYPE_CHECKING:
    from infoview_graph.models import Question
    from infoview_graph.store import Store

interview_app = typer.Typer(no_args_is_help=True, help="Record informational interviews.")


def _who(store: "Store", person_id: str) -> str:
    """Name a person in a confirmation: their name, with the id to type after it."""
    return f"{store.person(person_id).name} ({person_id})"


@handle_errors
def know(
    a: PersonArg,
    b: PersonArg,
    strength: StrengthOpt = None,
    context: Annotated[
        str | None, typer.Option("--context", help="Where they know each other from.")
    ] = None,
) -> None:
    """Record that A knows B (or change how well).

    Example:  referrals know "Brad Johnson" "Mrs. Smith" --strength 3 --context "same team"
    """
    from infoview_graph.store import actions

    with open_for_write() as store:
        tie = actions.know(store, a, b, strength=strength, context=context).record
        first, second = _who(store, tie.a), _who(store, tie.b)
    done(f"{first} and {second} know each other (strength {tie.strength})")


@handle_errors
def refer(
    referrer: Annotated[
        str, typer.Argument(help="Who gave the name: id, name or 'me'.", show_default=False)
    ],
    referee: Annotated[
        str, typer.Argument(help="Who was named (created if new).", show_default=False)
    ],
    on: OnOpt = None,
    for_: Annotated[
        str | None,
        typer.Option(
            "--for", help="The field or organization it is for (field:NAME / org:NAME create one)."
        ),
    ] = None,
    may_use_name: MayUseNameOpt = None,
    note_: Annotated[str | None, typer.Option("--note", help="What was said about them.")] = None,
    new: NewOpt = False,
) -> None:
    """Record a referral: REFERRER suggested I speak with REFEREE.

    A new REFEREE whose name looks like a known person's (a typo, another case or spacing)
    is refused with "did you mean …?"; --new adds a different person anyway.

    Stating a recorded referral again with new facts (--for, --on, --note, --may-use-name /
    --no-may-use-name) corrects it; its status stays, and the notes say what changed.

    Example:  referrals refer "Brad Johnson" "Mrs. Smith" --for accounting --may-use-name
    """
    from infoview_graph.store import actions

    with open_for_write() as store:
        change = actions.refer(
            store,
            referrer,
            referee,
            on=on,
            purpose=for_,
            may_use_name=may_use_name,
            note=note_,
            new=new,
        )
        r = change.record
        giver, named = _who(store, r.referrer), _who(store, r.referee)
    done(f"{giver} referred you to {named} on {r.on}", change.notes)


@handle_errors
def outreach(
    person: PersonArg,
    on: OnOpt = None,
    via: Annotated[
        str | None, typer.Option("--via", help="The referrer whose name I used.")
    ] = None,
    channel: Annotated[
        Channel,
        typer.Option("--channel", help="How I got in touch."),
    ] = "email",
) -> None:
    """Record that I contacted someone (asking for 15 minutes).

    Someone marked do not contact is refused; writing again to someone who declined is
    recorded with a warning.

    Example:  referrals outreach "Mrs. Smith" --via "Brad Johnson" --channel phone
    """
    from infoview_graph.store import actions

    with open_for_write() as store:
        change = actions.log_outreach(store, person, on=on, via=via, channel=channel)
        whom = _who(store, change.record.person)
    o = change.record
    done(f"contacted {whom} on {o.on} ({o.id})", change.notes, change.warnings)


@handle_errors
def reply(
    person: PersonArg,
    on: OnOpt = None,
    declined: Annotated[bool, typer.Option("--declined", help="They said no.")] = False,
) -> None:
    """Record someone's reply: it answers every outreach to them that awaits one.

    Example:  referrals reply "Mrs. Smith" --on 2026-11-19
    """
    from infoview_graph.store import actions

    with open_for_write() as store:
        change = actions.log_reply(store, person, on=on, declined=declined)
        whom = _who(store, change.record.person)
    o = change.record
    done(f"{whom} {'declined' if o.declined else 'replied'} on {o.replied_on}", change.notes)


@handle_errors
def schedule(
    person: PersonArg,
    on: Annotated[
        dt.date, date_option("--on", "The day of the meeting, YYYY-MM-DD.", show_default=False)
    ],
    mode: Annotated[
        Mode | None,
        typer.Option("--mode", help="How we meet (a rescheduled meeting keeps its mode)."),
    ] = None,
    today: AsOfOpt = None,
) -> None:
    """Put a meeting with someone on the calendar, or move it.

    Recorded on my latest outreach to them that they did not decline; scheduling means
    they said yes, so an outreach without a reply gets one. With no such outreach, one is
    added (channel "other"). Their referrals become "scheduled".

    Example:  referrals schedule "Mrs. Smith" --on 2026-11-24 --mode phone
    """
    from infoview_graph.store import actions

    with open_for_write() as store:
        change = actions.schedule_meeting(store, person, on=on, mode=mode, today=today)
        whom = _who(store, change.record.person)
    o = change.record
    how = f" ({o.meeting_mode})" if o.meeting_mode else ""
    done(f"meeting with {whom} on {o.meeting_on}{how} ({o.id})", change.notes)


def _answers(items: list[str]) -> dict[str, str]:
    answers: dict[str, str] = {}
    for item in items:
        question, sep, text = item.partition("=")
        if not sep or not question.strip():
            raise InvalidInputError(
                "--answer: write it as QUESTION=TEXT, e.g. --answer day-in-the-life='Mostly audits'"
            )
        answers[question.strip()] = text.strip()
    return answers


@interview_app.command("log")
@handle_errors
def interview_log(
    person: PersonArg,
    on: OnOpt = None,
    minutes: Annotated[
        int | None, typer.Option("--minutes", min=1, max=600, help="How long it lasted.")
    ] = None,
    mode: Annotated[Mode | None, typer.Option("--mode", help="How we met.")] = None,
    answer: Annotated[
        list[str] | None,
        typer.Option("--answer", help="QUESTION=TEXT, an answer to a question id. Repeatable."),
    ] = None,
    advice: Annotated[
        list[str] | None, typer.Option("--advice", help="Advice to act on. Repeatable.")
    ] = None,
    lead: Annotated[
        list[str] | None, typer.Option("--lead", help="A job lead. Repeatable.")
    ] = None,
    referred: Annotated[
        list[str] | None,
        typer.Option(
            "--referred", help="A person they referred me to (created if new). Repeatable."
        ),
    ] = None,
    friendliness: Annotated[
        int | None,
        typer.Option("--friendliness", min=1, max=5, help="How friendly they really were, 1–5."),
    ] = None,
    fit: Annotated[
        Fit | None,
        typer.Option("--fit", help="Would I want to work there?"),
    ] = None,
    may_use_name: Annotated[
        bool | None,
        typer.Option(
            "--may-use-name/--no-may-use-name",
            help="I may (or may not) use their name with the people given by --referred.",
            show_default=False,
        ),
    ] = None,
    thanked_on: Annotated[
        dt.date | None,
        date_option("--thanked-on", "When I sent the thank-you note, YYYY-MM-DD.", past=True),
    ] = None,
    told_referrer_on: Annotated[
        dt.date | None,
        date_option(
            "--told-referrer-on", "When I told the referrer(s) how it went, YYYY-MM-DD.", past=True
        ),
    ] = None,
    note_: Annotated[str | None, typer.Option("--note", help="Anything else.")] = None,
    no_input: Annotated[
        bool,
        typer.Option("--no-input", help="Never prompt, even on a terminal."),
    ] = False,
    new: Annotated[
        bool,
        typer.Option(
            "--new",
            help="The --referred names are new people, even those that look like known ones.",
        ),
    ] = False,
) -> None:
    """Record an informational interview: answers, advice, leads and new names.

    Each --referred name becomes a referral from the interviewee (a new person if unknown;
    a name that looks like a known person's is refused with "did you mean …?" unless --new);
    --may-use-name records that I may use the interviewee's name with them.
    --told-referrer-on marks "tell the referrer how it went" done for everyone who referred
    me to the interviewee. --answer takes a question id from 'referrals questions'. On a
    terminal, with no --answer, --advice, --lead, --referred or --friendliness, it walks you
    through the questions and then asks for advice, leads, new names and friendliness
    (Enter skips; --no-input never asks).

    Example:  referrals interview log "Mrs. Smith" --minutes 20 --mode in-person
    --answer day-in-the-life="Month-end close, then audits" --advice "Take the CPA exam"
    --referred "Tom Reyes" --friendliness 5 --fit yes
    """
    from infoview_graph.questions import question_bank
    from infoview_graph.store import actions
    from infoview_graph.store.questions import user_questions

    answers = _answers(answer or [])
    given = answer or advice or lead or referred or friendliness is not None
    with open_for_write() as store:
        bank = question_bank(user_questions(store))
        if not given and not no_input and _interactive():
            target = store.find_person(person)  # fail before the walk, not after it
            if target.is_self:
                raise InvalidInputError(
                    "interview log: that is you; name the person you interviewed"
                )
            answers, advice, lead, referred, friendliness, fit = _walk(bank, fit)
        change = actions.log_interview(
            store,
            person,
            on=on,
            minutes=minutes,
            mode=mode,
            answers=answers,
            advice=advice or (),
            leads=lead or (),
            referred=referred or (),
            friendliness=friendliness,
            fit=fit,
            thanked_on=thanked_on,
            told_referrer_on=told_referrer_on,
            may_use_name=may_use_name,
            notes=note_,
            known_questions={q.id for q in bank},
            new=new,
        )
        whom = _who(store, change.record.person)
    i = change.record
    names = plural(len(i.referrals), "new name")
    done(f"logged the interview with {whom} on {i.on} ({i.id}); {names}", change.notes)


def _interactive() -> bool:
    """Whether ``interview log`` may prompt: standard input is a terminal.

    A function of its own so that tests can stand in for a terminal.
    """
    return sys.stdin.isatty()


def _ask(text: str) -> str:
    reply = typer.prompt(printable(text), default="", show_default=False, prompt_suffix=" ")
    return str(reply).strip()


def _ask_many(text: str) -> list[str]:
    items = []
    while item := _ask(text):
        items.append(item)
    return items


def _ask_friendliness() -> Optional[int]:
    while True:
        reply = _ask("How friendly were they really, from 1 (cold) to 5 (warm)?")
        if not reply:
            return None
        if reply in {"1", "2", "3", "4", "5"}:
            return int(reply)
        typer.echo("Type a number from 1 to 5, or press Enter to skip.")


def _ask_fit() -> Optional[Fit]:
    while True:
        reply = _ask("Would you want to work there: yes, maybe or no?").casefold()
        if not reply:
            return None
        if reply in FITS:
            return cast(Fit, reply)
        typer.echo("Type yes, maybe or no, or press Enter to skip.")


def _walk(
    bank: "tuple[Question, ...]", fit: Optional[Fit]
) -> tuple[dict[str, str], list[str], list[str], list[str], Optional[int], Optional[Fit]]:
    """Walk the user through the questions, then advice, leads, new names and friendliness."""
    typer.echo("Their answers, question by question: press Enter to skip one, type '.' to stop.")
    answers: dict[str, str] = {}
    for number, question in enumerate(bank, 1):
        reply = _ask(f"{number}/{len(bank)} {question.text}")
        if reply == ".":
            break
        if reply:
            answers[question.id] = reply
    typer.echo("Now the rest; press Enter on an empty line to move on.")
    advice = _ask_many("Advice to act on:")
    leads = _ask_many("A job lead:")
    referred = _ask_many("The name of someone they referred you to:")
    friendliness = _ask_friendliness()
    if fit is None:
        fit = _ask_fit()
    return answers, advice, leads, referred, friendliness, fit
