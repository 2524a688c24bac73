"""The question bank: what to ask in an informational interview.

The built-in bank (``data/questions.json``) holds every question of the source document's
"What do I ask?" list, in its order and words, each under a stable id (``day-in-the-life``,
``how-got-in``, … ``referral``), plus its other prompt ("short and long term
responsibilities") and one question for each letter of TIARA (*Trends, Insights, Advice,
Resources, Assignments*, from *The 2-Hour Job Search*). ``referral`` — "Can you refer me to
someone else in this field?" — comes last: every interview should end with it.

Each question has a *category* — ``the job``, ``getting in``, ``the field``,
``the employer`` or ``next steps`` — and TIARA tags. Questions in the category
``the employer`` (:data:`EMPLOYER`) are about one organization ("What's the corporate
culture like here?"): an answer from one employer says little about another, and
:func:`~infoview_graph.algorithms._prep.prep_brief` treats them so.

The user's own questions (``referrals questions add``) join the bank after the built-in
ones. A user question whose id is a built-in id **replaces** that question's wording in
place — same position, same id, so answers recorded under the id still belong to it. This
lets a user rephrase a built-in question in their own words; it never creates a second
question with the same id.

Examples
--------
>>> bank = question_bank()
>>> bank[0].id, bank[-1].id
('day-in-the-life', 'referral')
>>> question("culture", bank).category
'the employer'
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Collection, Iterable
from functools import cache
from importlib.resources import files

from infoview_graph.errors import NotFoundError
from infoview_graph.models import Question

__all__ = [
    "EMPLOYER",
    "REFERRAL",
    "builtin_questions",
    "check_question_ids",
    "question",
    "question_bank",
]

REFERRAL = "referral"
"""The id of "Can you refer me to someone else in this field?", the question every brief ends
with."""
EMPLOYER = "the employer"
"""The category of questions about one organization (culture, competitors, …)."""


@cache
def builtin_questions() -> tuple[Question, ...]:
    """Return the built-in questions, in bank order (validated once, then cached).

    Returns
    -------
    tuple of Question
        The source document's questions in its order, then the TIARA questions, then
        ``referral``.

    Examples
    --------
    >>> [q.id for q in builtin_questions()][:3]
    ['day-in-the-life', 'how-got-in', 'likes-dislikes']
    >>> builtin_questions()[0].tiara
    ('insights',)
    """
    text = files("infoview_graph").joinpath("data/questions.json").read_text(encoding="utf-8")
    return tuple(Question.model_validate(item) for item in json.loads(text))


def question_bank(extra: Iterable[Question] = ()) -> tuple[Question, ...]:
    """Return the whole bank: the built-in questions and the user's own.

    Parameters
    ----------
    extra : iterable of Question, optional
        The user's questions (``network.questions()``). One with a built-in id replaces the
        built-in question in place; the others follow the built-in ones, in the order given.

    Returns
    -------
    tuple of Question
        Every question once, in bank order.

    Examples
    --------
    >>> from infoview_graph.models import Question
    >>> mine = Question(id="certifications", text="Which certifications matter?")
    >>> bank = question_bank([mine])
    >>> bank[-1].id, len(bank) == len(builtin_questions()) + 1
    ('certifications', True)
    >>> reworded = Question(id="culture", text="What is it like to work here?")
    >>> question("culture", question_bank([reworded])).text
    'What is it like to work here?'
    """
    bank = {q.id: q for q in builtin_questions()}
    for own in extra:
        bank[own.id] = own
    return tuple(bank.values())


def _unknown(question_id: str, known: Collection[str]) -> NotFoundError:
    near = difflib.get_close_matches(question_id, sorted(known), n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join(repr(n) for n in near)}?)" if near else ""
    return NotFoundError(
        f"no question has the id '{question_id}'{hint}; list the ids with "
        "'referrals questions', or add your own with 'referrals questions add'"
    )


def question(question_id: str, bank: Iterable[Question]) -> Question:
    """Return the question with this id.

    Parameters
    ----------
    question_id : str
        A question id such as ``"day-in-the-life"``.
    bank : iterable of Question
        Where to look (see :func:`question_bank`).

    Returns
    -------
    Question
        The question.

    Raises
    ------
    NotFoundError
        If no question has the id; the message suggests near ids.

    Examples
    --------
    >>> try:
    ...     question("day-in-life", question_bank())
    ... except NotFoundError as error:
    ...     print(error)
    no question has the id 'day-in-life' (did you mean 'day-in-the-life'?); list the ids with
    'referrals questions', or add your own with 'referrals questions add'
    """
    by_id = {q.id: q for q in bank}
    if question_id in by_id:
        return by_id[question_id]
    raise _unknown(question_id, by_id)


def check_question_ids(question_ids: Iterable[str], known: Collection[str]) -> None:
    """Check that every id names a question of the bank.

    Parameters
    ----------
    question_ids : iterable of str
        The ids to check (for example the keys of an interview's answers).
    known : collection of str
        The ids of the bank.

    Raises
    ------
    NotFoundError
        For the first unknown id (in sorted order); the message suggests near ids.

    Examples
    --------
    >>> known = {q.id for q in question_bank()}
    >>> check_question_ids(["culture", "resume"], known)
    >>> check_question_ids(["cultur"], known)
    Traceback (most recent call last):
    ...
    infoview_graph.errors.NotFoundError: no question has the id 'cultur' (did you mean ...
    """
    for question_id in sorted(question_ids):
        if question_id not in known:
            raise _unknown(question_id, known)
