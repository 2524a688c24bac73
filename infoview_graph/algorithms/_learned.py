"""What I have learned: the answers collected per question, side by side.

:func:`learned` gathers, for one career field (the interviews with people who work in it)
and/or one organization (the interviews with its current members), every answer recorded for
each question of the bank — who said it, where they work and when — together with the
advice and job leads those interviews gave, and the questions nobody has answered yet.
:func:`answers_by_question` is the shared mechanics, also used by
:func:`~infoview_graph.algorithms._prep.prep_brief`.

Examples
--------
>>> from infoview_graph.demo import demo_network
>>> net = demo_network()
>>> what = learned(net, "accounting")
>>> len(what.interviews), what.answered[0].question
(3, 'What is a day on this job really like?')
>>> what.answered[0].answers[0].name
'Rachel Goldberg'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from infoview_graph.models import Interview, Question
from infoview_graph.questions import question_bank

if TYPE_CHECKING:
    from infoview_graph.network import ReferralNetwork

__all__ = ["Learned", "QuestionAnswers", "Said", "answers_by_question", "learned"]


class Said(BaseModel):
    """One thing a person said in an interview: an answer, an advice item or a lead.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> said = learned(net, "accounting").advice[0]
    >>> said.name, said.on
    ('Rachel Goldberg', datetime.date(2026, 9, 24))
    """

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    text: str
    """What they said, as recorded."""
    person_id: str
    """Who said it."""
    name: str
    """Their name."""
    organization: str | None
    """Their current organization's id (where they work now, not necessarily then)."""
    organization_name: str | None
    """Its name."""
    on: dt.date
    """The interview's date."""
    interview_id: str
    """The interview's id."""


class QuestionAnswers(BaseModel):
    """One question and every answer recorded for it, oldest first.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> qa = learned(net, "accounting").answered[0]
    >>> qa.question_id, len(qa.answers)
    ('day-in-the-life', 2)
    """

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    question_id: str
    """The question's id."""
    question: str
    """The question's text (its id when the id is no longer in the bank)."""
    category: str
    """The question's category."""
    in_bank: bool
    """False for answers filed under an id the bank no longer has."""
    answers: tuple[Said, ...]
    """The answers, by interview date."""


class Learned(BaseModel):
    """Everything learned in a field and/or at an organization.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> what = learned(net, organization="General Mills")
    >>> what.organization, len(what.unanswered) > 0
    ('general-mills', True)
    """

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    field: str | None
    """The career field's id (None: any field)."""
    field_name: str | None
    """Its name."""
    organization: str | None
    """The organization's id (None: any organization)."""
    organization_name: str | None
    """Its name."""
    interviews: tuple[str, ...]
    """The interviews taken into account, oldest first."""
    answered: tuple[QuestionAnswers, ...]
    """The questions with at least one answer, in bank order (unknown ids last, by id)."""
    unanswered: tuple[Question, ...]
    """The questions nobody has answered yet, in bank order."""
    advice: tuple[Said, ...]
    """The advice items those interviews gave, oldest first."""
    leads: tuple[Said, ...]
    """The job leads they gave, oldest first."""

    def answers_to(self, question_id: str) -> tuple[Said, ...]:
        """Return the answers to one question (empty if nobody answered it).

        Examples
        --------
        >>> from infoview_graph.demo import demo_network
        >>> learned(demo_network(), "accounting").answers_to("competitors")
        ()
        """
        for item in self.answered:
            if item.question_id == question_id:
                return item.answers
        return ()


def _said(network: ReferralNetwork, interview: Interview, text: str) -> Said:
    person = network.person(interview.person)
    org = network.organization(person.organization) if person.organization else None
    return Said(
        text=text,
        person_id=person.id,
        name=person.name,
        organization=org.id if org else None,
        organization_name=org.name if org else None,
        on=interview.on,
        interview_id=interview.id,
    )


def answers_by_question(
    network: ReferralNetwork, interviews: Iterable[Interview], bank: Sequence[Question]
) -> tuple[tuple[QuestionAnswers, ...], tuple[Question, ...]]:
    """Group the answers of some interviews by question, in bank order.

    Parameters
    ----------
    network : ReferralNetwork
        The network the interviews belong to; not changed.
    interviews : iterable of Interview
        The interviews to read.
    bank : sequence of Question
        The question bank, in order (see :func:`~infoview_graph.questions.question_bank`).

    Returns
    -------
    answered : tuple of QuestionAnswers
        The questions with answers, in bank order, then answers under ids the bank does not
        have (by id); each question's answers by interview date, then interview id.
    unanswered : tuple of Question
        The bank's questions nobody answered, in bank order.

    Notes
    -----
    O(a log a + q) for a answers and q questions.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> from infoview_graph.questions import question_bank
    >>> net = demo_network()
    >>> answered, unanswered = answers_by_question(
    ...     net, net.interviews_with("omar-haddad"), question_bank())
    >>> [a.question_id for a in answered]
    ['likes-dislikes', 'finding-jobs', 'stay-current', 'typical-job']
    """
    grouped: dict[str, list[Said]] = {}
    for interview in sorted(interviews, key=lambda i: (i.on, i.id)):
        for question_id, text in interview.answers.items():
            grouped.setdefault(question_id, []).append(_said(network, interview, text))
    by_id = {q.id: q for q in bank}
    answered = [
        QuestionAnswers(
            question_id=q.id,
            question=q.text,
            category=q.category,
            in_bank=True,
            answers=tuple(grouped[q.id]),
        )
        for q in bank
        if q.id in grouped
    ]
    answered.extend(
        QuestionAnswers(
            question_id=qid,
            question=qid,
            category="",
            in_bank=False,
            answers=tuple(grouped[qid]),
        )
        for qid in sorted(grouped)
        if qid not in by_id
    )
    unanswered = tuple(q for q in bank if q.id not in grouped)
    return tuple(answered), unanswered


def learned(
    network: ReferralNetwork, field: str | None = None, *, organization: str | None = None
) -> Learned:
    """Return the answers collected per question in a field or at an organization, side by side.

    An interview counts for a field when the person interviewed works in it (their
    ``fields``), and for an organization when it is their current organization; with both,
    it must meet both; with neither, every interview counts.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    field : str, optional
        A career field: id or name.
    organization : str, optional
        An organization: id, name or alias.

    Returns
    -------
    Learned
        Per question of the bank (the built-in questions and the user's own), the answers
        with who said them, their organization and the interview's date; the questions
        nobody answered yet; the advice and leads of the same interviews.

    Raises
    ------
    NotFoundError
        If the field or organization does not exist.

    Notes
    -----
    O(i + a log a + q) for i interviews, a answers and q questions: one pass over the
    interviews, with the field's and organization's members from the network's index.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> found = learned(demo_network(), "accounting")
    >>> [(a.name, str(a.on)) for a in found.answers_to("day-in-the-life")]
    [('Rachel Goldberg', '2026-09-24'), ('Marcus Bell', '2026-11-19')]
    >>> [q.id for q in found.unanswered][:4]
    ['advancement', 'job-description', 'culture', 'competitors']
    >>> [a.name for a in learned(demo_network(), organization="North Star Food Bank").advice]
    ['Marcus Bell', 'Marcus Bell', 'Marcus Bell']
    """
    found_field = network.find_field(field) if field is not None else None
    found_org = network.find_organization(organization) if organization is not None else None
    people: set[str] | None = None
    if found_field is not None:
        people = {p.id for p in network.in_field(found_field.id)}
    if found_org is not None:
        members = {p.id for p in network.members(found_org.id)}
        people = members if people is None else people & members
    chosen = sorted(
        (i for i in network.interviews() if people is None or i.person in people),
        key=lambda i: (i.on, i.id),
    )
    answered, unanswered = answers_by_question(network, chosen, question_bank(network.questions()))
    return Learned(
        field=found_field.id if found_field else None,
        field_name=found_field.name if found_field else None,
        organization=found_org.id if found_org else None,
        organization_name=found_org.name if found_org else None,
        interviews=tuple(i.id for i in chosen),
        answered=answered,
        unanswered=unanswered,
        advice=tuple(_said(network, i, text) for i in chosen for text in i.advice),
        leads=tuple(_said(network, i, text) for i in chosen for text in i.leads),
    )
