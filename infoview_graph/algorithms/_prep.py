"""Before an interview: a one-page brief on the person, the way in, and what to ask.

:func:`prep_brief` gathers what the source document says to prepare: who the person is,
their organization and field; how I am connected to them (the referral chain, whose name to
mention and whether I may); my four objectives for the field; questions chosen for them;
what I already learned in the field; and the practical reminders (15 minutes, dress
professionally, paper for notes, a spare résumé, ask for referrals, a thank-you note within
24 hours). :func:`render_brief_markdown` writes it as one page of Markdown.

The referral chain
    :func:`connection` walks the referrals *to* the person back towards me. At each step it
    takes the referral that lets me use the referrer's name first, then the oldest (then
    the referrer's id), and stops at me or at someone I know directly (a tie of strength 1
    or more: strength 0 means "never met"). A person seen before ends the walk, so cycles
    cannot loop.

The question choice
    Every question of the bank except ``referral`` is scored by how often it was answered
    already *for this person's situation*: in interviews with people who share one of
    their fields (their organization's fields when they have none), or — for questions of
    the category ``the employer`` ("What's the corporate culture like here?"), whose answer
    from one employer says nothing about another — in interviews with people at their
    organization. The ``n_questions - 1`` lowest scores win, ties going to bank order, so a
    question nobody answered yet always beats one already answered; the chosen questions are
    listed in bank order (the source document's conversational order) and ``referral``
    always ends the list.

Examples
--------
>>> from infoview_graph.demo import demo_network
>>> net = demo_network()
>>> brief = prep_brief(net, "Margaret Smith")
>>> brief.connection.names
('Steven Olson', 'Brad Johnson', 'Margaret Smith')
>>> print(render_brief_markdown(brief).splitlines()[0])
# Informational interview: Margaret Smith
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from infoview_graph.algorithms._learned import QuestionAnswers, answers_by_question
from infoview_graph.errors import InvalidInputError
from infoview_graph.lifecycle import Stage, Standing, judging_day, lifecycle
from infoview_graph.models import Person, Question, Referral
from infoview_graph.questions import EMPLOYER, REFERRAL, question_bank

if TYPE_CHECKING:
    from infoview_graph.network import ReferralNetwork

__all__ = [
    "Brief",
    "BriefQuestion",
    "Connection",
    "connection",
    "focus",
    "prep_brief",
    "render_brief_markdown",
]

MINUTES_ASKED = 15
"""The time the source document's script asks for."""
_SHOWN_LEARNED = 8


class Connection(BaseModel):
    """How I am connected to a person: the referral chain and whose name I may use.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> link = connection(net, "Margaret Smith")
    >>> link.names, link.referrer_name, link.may_use_name
    (('Steven Olson', 'Brad Johnson', 'Margaret Smith'), 'Brad Johnson', True)
    """

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    chain: tuple[str, ...]
    """Person ids from the start of the chain to the person: from me when
    :attr:`reaches_me`, else from the first person the referrals lead back to."""
    names: tuple[str, ...]
    """The names along :attr:`chain`."""
    reaches_me: bool
    """Whether the chain starts at me (through someone I know, or directly)."""
    referrals: tuple[Referral, ...]
    """The referrals along the chain, the first hop first; the last one names the person."""
    referrer: str | None
    """Who referred me to the person (the chosen referral), if anyone."""
    referrer_name: str | None
    """Their name."""
    may_use_name: bool
    """Whether I may say "<referrer> suggested I speak with you"."""
    also_referred_by: tuple[str, ...]
    """The names of the other people who referred me to the person."""
    my_tie: int | None
    """The strength of my own tie to the person (None: no tie)."""

    @property
    def mention(self) -> str | None:
        """The name to mention when asking for the interview, if I may use one."""
        return self.referrer_name if self.may_use_name else None


class BriefQuestion(BaseModel):
    """A question chosen for the interview.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> q = prep_brief(net, "Margaret Smith").questions[-1]
    >>> q.id, q.text
    ('referral', 'Can you refer me to someone else in this field?')
    """

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    id: str
    """The question's id."""
    text: str
    """The question."""
    category: str
    """Its category."""
    answered: int
    """How often it was answered already in the person's fields (or at their organization,
    for questions about the employer)."""


class Brief(BaseModel):
    """A one-page brief before an informational interview.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> brief = prep_brief(net, "Margaret Smith", n_questions=5)
    >>> brief.name, brief.organization_name, len(brief.questions)
    ('Margaret Smith', 'General Mills', 5)
    """

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    person_id: str
    name: str
    title: str | None
    organization: str | None
    """Their current organization's id."""
    organization_name: str | None
    fields: tuple[str, ...]
    """Their career fields' names."""
    notes: str | None
    """My notes on them."""
    today: dt.date
    """The day the brief was prepared for."""
    connection: Connection
    focus_field: str | None
    """The field the interview is about: the referral's field, else a target field of
    theirs, else a target field related to theirs, else none (see :func:`focus`)."""
    focus_field_name: str | None
    focus_organization_name: str | None
    """The organization the interview is about (the referral's, else theirs)."""
    objectives: tuple[str, ...]
    """My four objectives, from the source document."""
    questions: tuple[BriefQuestion, ...]
    """The questions to ask, ``referral`` last."""
    learned: tuple[QuestionAnswers, ...]
    """What earlier interviews in their fields (or at their organization) answered."""
    reminders: tuple[str, ...]
    """The practical reminders."""
    stage: Stage = "known"
    """Where they stand in the contact lifecycle (:mod:`infoview_graph.lifecycle`)."""
    status: tuple[str, ...]
    """Where things stand with them, in words: their stage, earlier interviews, flags."""


def _chosen_referral(referrals: tuple[Referral, ...]) -> Referral:
    return min(referrals, key=lambda r: (not r.may_use_name, r.on, r.referrer))


def connection(network: ReferralNetwork, person: str) -> Connection:
    """Return how I am connected to a person: the referral chain and the name to mention.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    person : str
        An id, an unambiguous name, or ``"me"``.

    Returns
    -------
    Connection
        The chain (see the module docstring for the rule), the referrer to mention and
        whether I may.

    Raises
    ------
    NotFoundError, AmbiguousNameError
        If ``person`` names nobody, or several persons.
    InvalidInputError
        If ``person`` is me.

    Notes
    -----
    O(c · r) for a chain of c people with at most r referrals each.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> way_in = connection(demo_network(), "Margaret Smith")
    >>> way_in.names, way_in.mention
    (('Steven Olson', 'Brad Johnson', 'Margaret Smith'), 'Brad Johnson')
    >>> connection(demo_network(), "lucia-ferreira").mention is None
    True
    """
    target = network.find_person(person)
    me = network.me
    if target.id == me.id:
        raise InvalidInputError("person: that is you; name the person you will meet")
    mine = network.strengths(me.id)
    hops: list[Referral] = []
    seen = {target.id}
    current = target.id
    reaches_me = mine.get(target.id, 0) >= 1
    while True:
        open_ = tuple(r for r in network.referrals_to(current) if r.referrer not in seen)
        if not open_:
            break
        chosen = _chosen_referral(open_)
        hops.append(chosen)
        current = chosen.referrer
        seen.add(current)
        if current == me.id or mine.get(current, 0) >= 1:
            reaches_me = True
            break
        reaches_me = False
    hops.reverse()
    chain = [r.referrer for r in hops] + [target.id]
    if reaches_me and chain[0] != me.id:
        chain.insert(0, me.id)
    first = network.referrals_to(target.id)
    chosen_first = hops[-1] if hops else None
    return Connection(
        chain=tuple(chain),
        names=tuple(network.person(p).name for p in chain),
        reaches_me=reaches_me,
        referrals=tuple(hops),
        referrer=chosen_first.referrer if chosen_first else None,
        referrer_name=network.person(chosen_first.referrer).name if chosen_first else None,
        may_use_name=chosen_first.may_use_name if chosen_first else False,
        also_referred_by=tuple(
            network.person(r.referrer).name
            for r in first
            if chosen_first is None or r.referrer != chosen_first.referrer
        ),
        my_tie=mine.get(target.id),
    )


def focus(
    network: ReferralNetwork, person: Person, referral: Referral | None = None
) -> tuple[str | None, str | None]:
    """Return the field and organization ids an interview with a person is about: my goal.

    The organization is the referral's ``for_org``, else the person's own. The field is
    the first that applies of:

    1. the referral's ``for_field``;
    2. the first of my target fields (by priority) that they work in (their organization's
       fields when they have none of their own);
    3. none, when the organization is a target of mine or the one the referral was for: the
       employer is what makes them relevant, and a field of theirs I do not target is not my
       interest;
    4. the first of my target fields (by priority) related to one of theirs (see
       :meth:`~infoview_graph.network.ReferralNetwork.related_fields`);
    5. none: a field of theirs that is not one of my targets is never returned as my
       interest.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    person : Person
        The person.
    referral : Referral, optional
        The referral that led to them.

    Returns
    -------
    tuple of (str or None, str or None)
        The field's id (a target field or the referral's, or None) and the organization's
        id (or None).

    Notes
    -----
    O(t · f + f · F) for t target fields, the person's f fields and the network's F fields
    (the related fields are looked up only when no target field or employer decides).

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> focus(net, net.person("rachel-goldberg"))
    ('accounting', 'lindqvist-park-cpas')

    Jessica Tran works in communications (not a target) at General Mills (a target):

    >>> focus(net, net.person("jessica-tran"))
    (None, 'general-mills')

    Dave Kowalski prepares taxes, a field related to accounting, at a firm I do not target:

    >>> focus(net, net.person("dave-kowalski"))
    ('accounting', 'prairie-ledger-tax')
    """
    org_id = referral.for_org if referral and referral.for_org else person.organization
    if referral and referral.for_field:
        return referral.for_field, org_id
    targets = network.targets()
    target_fields = [t.id for t in targets if t.kind == "field"]
    theirs = person.fields
    if not theirs and person.organization:
        theirs = network.organization(person.organization).fields
    for field_id in target_fields:
        if field_id in theirs:
            return field_id, org_id
    target_orgs = {t.id for t in targets if t.kind == "org"}
    if (referral and referral.for_org) or (org_id is not None and org_id in target_orgs):
        return None, org_id
    related = {r for f in theirs for r in network.related_fields(f)} if target_fields else set()
    for field_id in target_fields:
        if field_id in related:
            return field_id, org_id
    return None, org_id


def _phrase(name: str) -> str:
    # "Accounting" reads "accounting" inside a sentence; "SAP consulting" keeps its capitals.
    first, _, rest = name.partition(" ")
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        first = first.lower()
    return f"{first} {rest}" if rest else first


def _objectives(field: str | None, org: str | None) -> tuple[str, ...]:
    area = _phrase(field) if field else "this field"
    if org and field:
        values = f"employers in {area}, and {org} in particular, value"
    elif org:
        values = f"{org} values"
    else:
        values = f"employers in {area} value"
    return (
        f"Gain solid information on how your skills and interests dovetail with {area}.",
        f"Learn what {values} in employees.",
        "Widen your network: leave a positive impression on someone who could offer "
        "encouragement, support and, later, access to job leads.",
        f"Find out whether jobs are available in {area}" + (f" at {org}." if org else "."),
    )


def _choose_questions(
    network: ReferralNetwork, person: Person, bank: tuple[Question, ...], n_questions: int
) -> tuple[tuple[BriefQuestion, ...], set[str]]:
    fields = person.fields
    if not fields and person.organization:
        fields = network.organization(person.organization).fields
    in_fields = {p.id for f in fields for p in network.in_field(f)}
    colleagues = (
        {p.id for p in network.members(person.organization)} if person.organization else set()
    )
    by_field: Counter[str] = Counter()
    by_org: Counter[str] = Counter()
    for interview in network.interviews():
        if interview.person in in_fields:
            by_field.update(interview.answers.keys())
        if interview.person in colleagues:
            by_org.update(interview.answers.keys())

    def answered(q: Question) -> int:
        if q.category == EMPLOYER and person.organization:
            return by_org[q.id]
        return by_field[q.id]

    order = {q.id: i for i, q in enumerate(bank)}
    others = [q for q in bank if q.id != REFERRAL]
    ranked = sorted(others, key=lambda q: (answered(q), order[q.id]))[: n_questions - 1]
    chosen = sorted(ranked, key=lambda q: order[q.id])
    chosen.append(next(q for q in bank if q.id == REFERRAL))
    picked = tuple(
        BriefQuestion(id=q.id, text=q.text, category=q.category, answered=answered(q))
        for q in chosen
    )
    return picked, in_fields | colleagues


def _status(network: ReferralNetwork, person: Person, standing: Standing) -> tuple[str, ...]:
    lines = [f"Where you stand: {standing.describe()}."]
    if person.do_not_contact:
        lines.append("You marked them do-not-contact: check that you still mean to meet them.")
    elif standing.stage == "declined":
        lines.append("They declined: meet them only if they changed their mind.")
    elif standing.stage == "said-yes":
        lines.append(f"Put the meeting on the calendar first: referrals schedule {person.id}")
    for interview in network.interviews_with(person.id):
        lines.append(f"You interviewed them on {interview.on}: this is a follow-up conversation.")
    return tuple(lines)


def _reminders(referrer: str | None) -> tuple[str, ...]:
    reminders = [
        f"You asked for {MINUTES_ASKED} minutes: keep to it, and offer to stop when the time "
        "is up.",
        "Dress professionally.",
        "Take paper for writing notes.",
        "Bring a spare résumé, in case there is a chance to have it critiqued or to leave it.",
        "Gauge how friendly they really are: if sympathetic, ask the hard questions and share "
        "your doubts; if stand-offish or judgmental, be cautious.",
        'It is not a job interview: do not ask for a job. Ask "Can you refer me to someone '
        'else?" and leave with names.',
        "Send a thank-you note within 24 hours.",
        "Follow up on the advice they give you.",
    ]
    if referrer:
        reminders.append(f"Tell {referrer} how it went.")
    return tuple(reminders)


def prep_brief(
    network: ReferralNetwork,
    person: str,
    *,
    today: dt.date | None = None,
    n_questions: int = 10,
) -> Brief:
    """Prepare a one-page brief before an informational interview.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    person : str
        Whom I will meet: an id or an unambiguous name.
    today : datetime.date, optional
        The day of preparation (default: the network's ``as_of``, else today).
    n_questions : int, default 10
        How many questions to choose, ``referral`` included (at least 1).

    Returns
    -------
    Brief
        Who they are, how I am connected (see :func:`connection`), my objectives, the
        questions chosen for them (the rule is in the module docstring), what I learned
        in their fields, the reminders, and where things stand with them.

    Raises
    ------
    NotFoundError, AmbiguousNameError
        If ``person`` names nobody, or several persons.
    InvalidInputError
        If ``person`` is me, or ``n_questions`` is below 1.

    Notes
    -----
    O(i + q log q + c · r) for i interviews, q questions, and a referral chain of c people
    with at most r referrals each.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> brief = prep_brief(demo_network(), "Margaret Smith")
    >>> brief.connection.mention, brief.focus_field_name, len(brief.questions)
    ('Brad Johnson', 'Accounting', 10)
    >>> [q.id for q in brief.questions][:3], brief.questions[-1].id
    (['advancement', 'job-description', 'look-for-in-employees'], 'referral')
    """
    if n_questions < 1:
        raise InvalidInputError(
            "n_questions: must be at least 1 (the referral question); try 8 to 10"
        )
    way_in = connection(network, person)
    target = network.person(way_in.chain[-1])
    day = judging_day(network, today)
    referral = way_in.referrals[-1] if way_in.referrals else None
    field_id, org_id = focus(network, target, referral)
    field_name = network.field(field_id).name if field_id else None
    org_name = network.organization(org_id).name if org_id else None
    standing = lifecycle(network, today=day).standing(target.id)
    bank = question_bank(network.questions())
    questions, scope = _choose_questions(network, target, bank, n_questions)
    earlier = [i for i in network.interviews() if i.person in scope]
    answered, _ = answers_by_question(network, earlier, bank)
    org = network.organization(target.organization) if target.organization else None
    return Brief(
        person_id=target.id,
        name=target.name,
        title=target.title,
        organization=org.id if org else None,
        organization_name=org.name if org else None,
        fields=tuple(network.field(f).name for f in target.fields),
        notes=target.notes,
        today=day,
        connection=way_in,
        focus_field=field_id,
        focus_field_name=field_name,
        focus_organization_name=org_name,
        objectives=_objectives(field_name, org_name),
        questions=questions,
        learned=answered,
        reminders=_reminders(way_in.referrer_name),
        stage=standing.stage,
        status=_status(network, target, standing),
    )


# --- Markdown --------------------------------------------------------------------------------

_MARKUP = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    # Stored text is shown literally: one line, Markdown's punctuation escaped.
    return _MARKUP.sub(r"\\\1", " ".join(text.split()))


def _short(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _connection_lines(brief: Brief) -> list[str]:
    way = brief.connection
    lines = []
    names = [_md(n) for n in way.names]
    if way.reaches_me:
        names[0] += " (you)"
        lines.append(" → ".join(names))
    elif len(names) > 1:
        lines.append(
            " → ".join(names) + f" (you do not know {names[0]} directly: ask around for a way in)"
        )
    if way.referrer_name is not None:
        referral = way.referrals[-1]
        purpose = [
            p
            for p in (
                _phrase(brief.focus_field_name)
                if referral.for_field and brief.focus_field_name
                else None,
                brief.focus_organization_name if referral.for_org else None,
            )
            if p
        ]
        for_ = f" for {_md(' at '.join(purpose))}" if purpose else ""
        lines.append(f"- {_md(way.referrer_name)} referred you on {referral.on}{for_}.")
        if way.may_use_name:
            lines.append(
                f"- Mention {_md(way.referrer_name)}: you may. Open with "
                f'"{_md(way.referrer_name)} suggested I speak with you."'
            )
        else:
            lines.append(
                f"- Do not mention {_md(way.referrer_name)}: you have no permission to use "
                "the name. Introduce yourself and say why you are interested."
            )
        if referral.note:
            lines.append(f"- Your note on the referral: {_md(referral.note)}")
        if way.also_referred_by:
            lines.append(f"- Also referred by: {_md(', '.join(way.also_referred_by))}.")
    elif way.my_tie:
        lines.append(
            f"- You know them directly (tie strength {way.my_tie}): no introduction needed."
        )
    else:
        lines.append(
            "- No referral and no tie: a cold contact. Introduce yourself and say why you "
            "chose them."
        )
    return lines


def render_brief_markdown(brief: Brief) -> str:
    """Write a brief as one page of Markdown; stored text is escaped, never markup.

    Parameters
    ----------
    brief : Brief
        The brief (see :func:`prep_brief`).

    Returns
    -------
    str
        The page, ending with a newline.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> page = render_brief_markdown(prep_brief(demo_network(), "Margaret Smith"))
    >>> print(page.splitlines()[0])
    # Informational interview: Margaret Smith
    >>> "Can you refer me to someone else in this field?" in page
    True
    """
    who = ", ".join(_md(x) for x in (brief.title, brief.organization_name) if x)
    area = _md(_phrase(brief.focus_field_name)) if brief.focus_field_name else "this field"
    out = [
        f"# Informational interview: {_md(brief.name)}",
        "",
        f"Prepared {brief.today}.",
        "",
        "## Who",
        "",
        f"- {_md(brief.name)}" + (f" — {who}" if who else ""),
    ]
    if brief.fields:
        out.append(f"- Fields: {_md(', '.join(brief.fields))}")
    if brief.notes:
        out.append(f"- Your notes: {_md(brief.notes)}")
    out.extend(f"- {_md(line)}" for line in brief.status)
    out += ["", "## How you are connected", "", *_connection_lines(brief)]
    out += ["", f"## Your objectives for {area}", ""]
    out.extend(f"{n}. {_md(text)}" for n, text in enumerate(brief.objectives, 1))
    out += ["", f"## Questions to ask ({len(brief.questions)})", ""]
    out.extend(f"{n}. {_md(q.text)}" for n, q in enumerate(brief.questions, 1))
    out += ["", f"## What you already learned about {area}", ""]
    if not brief.learned:
        out.append("- Nothing yet: this is your first interview in this field.")
    for item in brief.learned[:_SHOWN_LEARNED]:
        latest = item.answers[-1]
        out.append(
            f"- {_md(item.question)} — {_md(latest.name)}, {latest.on}: {_md(_short(latest.text))}"
        )
    if len(brief.learned) > _SHOWN_LEARNED:
        more = len(brief.learned) - _SHOWN_LEARNED
        hint = f": see 'referrals learned {brief.focus_field}'" if brief.focus_field else ""
        out.append(f"- … and {more} more answered questions{hint}.")
    out += ["", "## Reminders", ""]
    out.extend(f"- [ ] {_md(text)}" for text in brief.reminders)
    return "\n".join(out) + "\n"
