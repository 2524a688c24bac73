"""The question bank: the source document's questions, the user's own, and their ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoview_graph.errors import DuplicateError, InvalidInputError, NotFoundError
from infoview_graph.models import TIARA, Question
from infoview_graph.questions import (
    EMPLOYER,
    REFERRAL,
    builtin_questions,
    check_question_ids,
    question,
    question_bank,
)
from infoview_graph.store import open_store
from infoview_graph.store.questions import add_question, user_questions

# The "What do I ask?" list of the source document, word for word, in its order.
SOURCE = {
    "day-in-the-life": "What is a day on this job really like?",
    "how-got-in": "How did you get into this field?",
    "likes-dislikes": "What do you like about your job? Dislike?",
    "finding-jobs": "What's the best way to find out about jobs in this field?",
    "training-required": "What kind of experience or training is required?",
    "advancement": "What is the potential for advancement?",
    "job-description": "May I have a copy of a job description?",
    "employers-look-for": "What are employers looking for? (Skills, education, experience)",
    "resume": "How important is the resume and what makes one impressive?",
    "look-for-in-employees": "What do you look for in employees?",
    "stay-current": "How do you stay current in your knowledge?",
    "culture": "What's the corporate culture like here? (Hours, salary, titles)",
    "related-fields": (
        "Are there related fields I might want to look into if few jobs are available in my "
        "primary career goal?"
    ),
    "prospects": "What are current job prospects like?",
    "typical-job": "Is your job typical of others in this field?",
    "competitors": (
        "Which firms do you think are your toughest competitors, and how do they differ from "
        "your company?"
    ),
    "referral": "Can you refer me to someone else in this field?",
}


def test_every_question_of_the_source_is_in_the_bank_in_its_order() -> None:
    bank = builtin_questions()
    texts = {q.id: q.text for q in bank}
    assert {qid: texts.get(qid) for qid in SOURCE} == SOURCE
    order = [q.id for q in bank if q.id in SOURCE]
    assert order == list(SOURCE)


def test_the_bank_has_one_question_per_tiara_letter_and_ends_with_referral() -> None:
    bank = builtin_questions()
    assert len({q.id for q in bank}) == len(bank)
    assert bank[-1].id == REFERRAL
    assert all(q.tiara and q.category != "general" for q in bank)
    for tag in TIARA:
        assert any(q.tiara == (tag,) for q in bank), tag
    employer = {q.id for q in bank if q.category == EMPLOYER}
    assert employer == {"job-description", "look-for-in-employees", "culture", "competitors"}


def test_own_questions_follow_the_builtin_ones_and_a_builtin_id_rewords_in_place() -> None:
    """A user question with a built-in id keeps that question's place (index 11 for culture);
    a new id goes after ``referral``."""
    reworded = Question(id="culture", text="What is it like to work here?", category="mine")
    extra = Question(id="certifications", text="Which certifications matter?")
    bank = question_bank([extra, reworded])
    builtin = builtin_questions()
    assert len(bank) == len(builtin) + 1
    assert [q.id for q in bank] == [q.id for q in builtin] + ["certifications"]
    assert bank[11] == reworded
    assert question_bank() == builtin


def test_question_lookup_suggests_near_ids() -> None:
    bank = question_bank()
    assert question("resume", bank).text.startswith("How important is the resume")
    with pytest.raises(NotFoundError, match=r"did you mean 'day-in-the-life'\?"):
        question("day-in-the-lif", bank)
    with pytest.raises(NotFoundError) as caught:
        question("zzz", bank)
    assert "did you mean" not in str(caught.value)
    assert "referrals questions add" in str(caught.value)


def test_check_question_ids_reports_the_first_unknown_in_sorted_order() -> None:
    known = {"a-question", "b-question"}
    check_question_ids([], known)
    check_question_ids(["b-question", "a-question"], known)
    with pytest.raises(NotFoundError, match="'c-question'"):
        check_question_ids(["z-unknown", "c-question", "a-question"], known)


# --- the user's own questions in the store ---------------------------------------------------


def test_add_question_stores_it_with_an_id_made_from_the_text(db_path: Path) -> None:
    with open_store(db_path) as store:
        change = add_question(
            store, "Which certifications matter most?", tiara=["advice", "resources"]
        )
    assert change.notes == ()
    with open_store(db_path) as store:
        (stored,) = user_questions(store)
    assert stored == Question(
        id="which-certifications-matter-most",
        text="Which certifications matter most?",
        category="general",
        tiara=("advice", "resources"),
    )


def test_made_up_ids_never_take_a_builtin_or_an_existing_id(db_path: Path) -> None:
    """The text "Referral?" slugifies to 'referral', a built-in id: the new id is
    'referral-2'; the same text again gets 'referral-3'."""
    with open_store(db_path) as store:
        first = add_question(store, "Referral?").record
        second = add_question(store, "Referral?").record
    assert (first.id, second.id) == ("referral-2", "referral-3")


def test_a_builtin_id_rewords_that_question_and_says_so(db_path: Path) -> None:
    with open_store(db_path) as store:
        change = add_question(store, "What's it like here?", question_id="culture")
        assert "replaces the built-in question 'culture'" in change.notes[0]
        assert question("culture", question_bank(user_questions(store))).text == (
            "What's it like here?"
        )


def test_an_own_id_taken_twice_is_refused_and_nothing_changes(db_path: Path) -> None:
    with open_store(db_path) as store:
        add_question(store, "First?", question_id="mine")
        with pytest.raises(DuplicateError, match="--id"):
            add_question(store, "Second?", question_id="mine")
        with pytest.raises(InvalidInputError, match="tiara"):
            add_question(store, "Third?", tiara=["gossip"])
        with pytest.raises(InvalidInputError, match="id must be a slug"):
            add_question(store, "Fourth?", question_id="Not A Slug")
    with open_store(db_path) as store:
        assert [(q.id, q.text) for q in user_questions(store)] == [("mine", "First?")]
