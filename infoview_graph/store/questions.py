"""The user's own questions in the store: add one, read them all.

Kept apart from :mod:`~infoview_graph.store.actions` because the question bank is its own
concern; the pattern is the same: one transaction per action, a
:class:`~infoview_graph.store.actions.Change` as the result.

Examples
--------
>>> from infoview_graph.store import open_store
>>> from infoview_graph.store.actions import init_store
>>> store = open_store(":memory:")
>>> _ = init_store(store, "Steven Olson")
>>> add_question(store, "Which certifications matter most?").record.id
'which-certifications-matter-most'
>>> [q.id for q in user_questions(store)]
['which-certifications-matter-most']
>>> store.close()
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import ValidationError

from infoview_graph.errors import DuplicateError
from infoview_graph.models import Question, invalid_input, slugify
from infoview_graph.questions import builtin_questions
from infoview_graph.store.actions import Change
from infoview_graph.store.sqlite import Store

__all__ = ["add_question", "user_questions"]


def user_questions(store: Store) -> tuple[Question, ...]:
    """Return the questions the user added, by id (one query; the network is not loaded).

    Parameters
    ----------
    store : Store
        An open store.

    Returns
    -------
    tuple of Question
        The user's questions, sorted by id.
    """
    found = store.records(Question)
    return tuple(sorted(found, key=lambda q: q.id))


def add_question(
    store: Store,
    text: str,
    *,
    question_id: str | None = None,
    category: str = "general",
    tiara: Sequence[str] = (),
) -> Change[Question]:
    """Add a question of the user's own to the bank, in one transaction.

    Parameters
    ----------
    store : Store
        An open store.
    text : str
        The question as it will be asked.
    question_id : str, optional
        A slug id. Default: made from the text, never one taken by a built-in or an own
        question. A built-in id replaces that built-in question's wording (see
        :mod:`infoview_graph.questions`); the change's note says so.
    category : str, default "general"
        A grouping such as ``"the job"``; ``"the employer"`` marks a question about one
        organization.
    tiara : sequence of str
        TIARA tags: ``trends``, ``insights``, ``advice``, ``resources``, ``assignments``.

    Returns
    -------
    Change of Question
        The stored question, with a note when it replaces a built-in one.

    Raises
    ------
    InvalidInputError
        If the text, id, category or a tag breaks a rule of the model.
    DuplicateError
        If one of the user's questions has that id already.

    Examples
    --------
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> add_question(store, "What is the culture like?", question_id="culture").notes
    ("your question replaces the built-in question 'culture' (answers under that id stay)",)
    >>> store.close()
    """
    builtin = {q.id for q in builtin_questions()}
    with store.write():
        own = {q.id for q in user_questions(store)}
        if question_id is None:
            base = slugify(text)
            new_id, n = base, 1
            while new_id in builtin or new_id in own:
                n += 1
                new_id = f"{base}-{n}"
        elif question_id in own:
            raise DuplicateError(
                f"--id: you have a question with the id '{question_id}' already; choose another id"
            )
        else:
            new_id = question_id
        try:
            record = Question(id=new_id, text=text, category=category, tiara=tuple(tiara))
        except ValidationError as error:
            raise invalid_input(error, "question") from None
        store.add_question(record)
    notes: tuple[str, ...] = ()
    if record.id in builtin:
        notes = (
            f"your question replaces the built-in question '{record.id}' "
            "(answers under that id stay)",
        )
    return Change(record, notes)
