"""Finding a person at scale: the same answers as the plain rules, and no scan for nothing.

:func:`~infoview_graph.names.find_person_id` makes every name's key once, over the names
joined into one text, and measures the query against the keys and their first and last
names in one pass of RapidFuzz. :func:`_reference_find_person_id` below is the plain
statement of the rules it must keep — a key per name per rule, every choice sorted and
handed to ``process.extractOne`` — and the property tests compare the two answers (the id,
or the error and its message) on generated people. A blank query is refused before any
person is read, in the library and on the command line (a usage error, exit 2).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from cli_support import run
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from infoview_graph.errors import AmbiguousNameError, BlankQueryError, NotFoundError
from infoview_graph.models import NetworkData, Person
from infoview_graph.names import (
    _PUNCTUATION_MARKS,
    _SPACES,
    _allowed_edits,
    _joined_keys,
    find_person_id,
    name_key,
)
from infoview_graph.network import ReferralNetwork
from infoview_graph.store import Store, actions, open_store

# --- the reference: the rules as first written, a pass per rule ---------------------------


def _reference_parts(person_id: str, key: str, query: str, query_key: str) -> bool:
    words = key.split()
    return bool(words) and (
        query_key in (words[0], words[-1])
        or (len(query) >= 3 and person_id.startswith(query.casefold()))
    )


def _reference_closest(query_key: str, people: list[tuple[str, str]]) -> str | None:
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    limit = _allowed_edits(query_key) or 1
    choices: list[str] = []
    owners: list[str] = []
    for _, name in sorted(people):
        key = name_key(name)
        for choice in dict.fromkeys((key, *key.split()[:1], *key.split()[-1:])):
            choices.append(choice)
            owners.append(name)
    best = process.extractOne(query_key, choices, scorer=OSA.distance, score_cutoff=limit)
    return owners[best[2]] if best is not None else None


def _reference_find_person_id(query: str, people: Iterable[tuple[str, str]]) -> str:
    query_key = name_key(query)
    everyone = list(people)
    by_id = [pid for pid, _ in everyone if pid == query]
    by_name = [pid for pid, name in everyone if name_key(name) == query_key]
    by_part = [
        pid for pid, name in everyone if _reference_parts(pid, name_key(name), query, query_key)
    ]
    for matches in (by_id, by_name, by_part):
        ids = sorted(set(matches))
        if len(ids) == 1:
            return ids[0]
        if ids:
            raise AmbiguousNameError(
                f"'{query}' fits {len(ids)} persons: {', '.join(ids)}; use an id", tuple(ids)
            )
    closest = _reference_closest(query_key, everyone)
    if closest is None:
        raise NotFoundError(f"no person named '{query}'; see 'referrals person list'")
    raise NotFoundError(f"no person named '{query}' — did you mean {closest}?")


def _answer(find: object, query: str, people: list[tuple[str, str]]) -> str:
    """The id found, or the error's type, message and candidates."""
    try:
        return find(query, people)  # type: ignore[operator, no-any-return]
    except AmbiguousNameError as error:
        return f"AmbiguousNameError: {error} {error.candidates}"
    except NotFoundError as error:
        return f"NotFoundError: {error}"


# --- generated people: few words, so that names, parts, prefixes and typos collide --------

_WORDS = [
    "ann",
    "Anna",
    "lee",
    "Li",
    "Mei",
    "tanaka",
    "Zoë",
    "łukasz",
    "O'Brien",
    "Sam",
    "x",
    "🙂ab",
]
_ODD = ["", " ", "  ", ".", ",", "!!!", "\u00a0", "\t", "’", "\u3000", "-", "\n"]


@st.composite
def names(draw: st.DrawFn) -> str:
    """A name of one to three words, in any case, with stray punctuation and spaces."""
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=0, max_size=3))
    words = [w.upper() if draw(st.booleans()) and len(w) > 3 else w for w in words]
    glue = draw(st.lists(st.sampled_from([" ", *_ODD]), min_size=len(words) + 1))
    text = "".join(g + w for g, w in zip(glue, [*words, ""], strict=False))
    return text if text.strip() else draw(st.sampled_from(["!!!", "Ann", "..."]))


@st.composite
def people(draw: st.DrawFn) -> list[tuple[str, str]]:
    """Persons with short ids that share prefixes; a few share an id or a name."""
    ids = st.text("abn-2", min_size=1, max_size=5)
    return draw(st.lists(st.tuples(ids, names()), min_size=0, max_size=12))


def _typo(text: str, at: int, kind: int) -> str:
    if not text:
        return "q"
    at %= len(text)
    if kind == 0:
        return text[:at] + text[at + 1 :]  # a letter dropped
    if kind == 1:
        return text[:at] + "e" + text[at:]  # one added
    if kind == 2:
        return text[:at] + "z" + text[at + 1 :]  # one changed
    return text[:at] + text[at + 1 : at + 2] + text[at : at + 1] + text[at + 2 :]  # swapped


@st.composite
def queries(draw: st.DrawFn, known: list[tuple[str, str]]) -> str:
    """What a user might type: an id, a name, a word of one, a start of an id, a typo."""
    seen = [text for pair in known for text in pair] + [w for _, n in known for w in n.split()]
    base = draw(st.sampled_from(seen)) if seen and draw(st.booleans()) else draw(names())
    if draw(st.booleans()):
        base = _typo(base, draw(st.integers(0, 30)), draw(st.integers(0, 3)))
    if draw(st.integers(0, 4)) == 0:
        base = base[: draw(st.integers(1, 4))]
    return base if base.strip() else "zz"


@settings(max_examples=300, deadline=None)
@given(data=st.data(), known=people())
def test_the_same_answer_as_the_reference_rules(data: st.DataObject, known: list) -> None:
    """In the given order and sorted by id: the same id, or the same error and message."""
    query = data.draw(queries(known))
    expected = _answer(_reference_find_person_id, query, known)
    assert _answer(find_person_id, query, known) == expected
    assert _answer(find_person_id, query, sorted(known)) == expected


@settings(max_examples=150, deadline=None)
@given(known=people(), query=st.sampled_from(["ann", "anna", "ane", "lee", "mei", "anna li"]))
def test_the_same_closest_person_when_many_tie(known: list, query: str) -> None:
    """Common words, so that several persons are as close: the first by id is named."""
    assert _answer(find_person_id, query, known) == _answer(_reference_find_person_id, query, known)


def test_the_reference_agrees_on_hand_made_cases() -> None:
    """A typo of a last name names its owner; of two owners as close, the first by id."""
    known = [("b-lee", "Ann Lee"), ("a-lea", "Ben Lea"), ("c", "Mei Tanaka")]
    for query in ("Leh", "lee", "tanka", "Ann Lea", "zzz", "b-l", "Me"):
        assert _answer(find_person_id, query, known) == _answer(
            _reference_find_person_id, query, known
        )
    with pytest.raises(NotFoundError, match="did you mean Ben Lea"):
        find_person_id("Leh", known)  # "lea" and "lee" are one edit away; a-lea comes first


# --- keys made over one text are name_key's ----------------------------------------------


def test_the_spaces_are_every_character_split_splits_on_but_the_newline() -> None:
    every = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(_SPACES) == every - {"\n"}
    assert not set(_PUNCTUATION_MARKS) & every


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(names(), st.text(max_size=12)), max_size=8))
def test_joined_keys_are_name_keys(texts: list[str]) -> None:
    """Any text, newlines and every kind of space included, keys as name_key keys it."""
    assert _joined_keys(texts) == "\n".join(map(name_key, texts))


# --- a blank query reads nobody -----------------------------------------------------------


@pytest.mark.parametrize("query", ["", " ", "  \t ", "\u00a0"])
def test_a_blank_query_is_refused_in_the_library(query: str) -> None:
    with pytest.raises(BlankQueryError, match="give a name or an id") as caught:
        find_person_id(query, [("person-1", "Person 1")])
    assert caught.value.exit_code == 2
    network = ReferralNetwork(NetworkData(persons=(Person(id="p", name="Person 1"),)))
    with pytest.raises(BlankQueryError):
        network.find_person(query)


def test_a_blank_query_reads_no_person(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The store is not asked for its persons at all: refused before the scan."""
    actions.add_contact(store, "Person 1")

    def no_scan() -> object:
        raise AssertionError("every person was read for a blank query")

    monkeypatch.setattr(store, "_people_by_id", no_scan)
    with pytest.raises(BlankQueryError):
        store.find_person("  ")
    with pytest.raises(AssertionError, match="every person was read"):
        store.find_person("Pxrson 9")  # a miss does read them: the check above can fail


def test_a_name_of_punctuation_only_is_still_found(store: Store) -> None:
    """'!!!' is not blank: its key is empty, and it names the person called so."""
    from infoview_graph.models import Person as P

    with store.write():
        store.add_person(P(id="bang", name="!!!"))
    assert store.find_person("!!!").id == "bang"


@pytest.mark.parametrize(
    "args",
    [
        ("person", "show", ""),
        ("person", "show", "   "),
        ("outreach", " "),
        ("refer", "Person 1", ""),
        ("prep", ""),
        ("reply", " "),
    ],
)
def test_cli_a_blank_person_is_a_usage_error(
    runner: CliRunner, db_path: Path, args: tuple[str, ...]
) -> None:
    """Refused with one line and exit 2; nothing recorded (a read command may still keep
    its caches)."""
    assert run(runner, db_path, "person", "add", "Person 1")[0] == 0
    with open_store(db_path) as store:
        before = store.load()
    code, out, err = run(runner, db_path, *args)
    assert (code, out) == (2, ""), err
    assert err == "error: give a name or an id of a person (or 'me'); an empty name names no one\n"
    with open_store(db_path) as store:
        assert store.load() == before


# --- the store reads the names from its cache, from joined rows, or a row each ------------

STORED = ["Lena Hoffmann", "Mei Tanaka", "Sam Ortiz", "Sam Lee", "Zoë Łukasz", "李小龍"]
ASKED = ["lena", "Hoffman", "sam", "Mei Tanaka", "lukasz", "zoe łukasz", "pri", "李小", "zzz"]


def _outcome(store: Store, query: str) -> str:
    try:
        return store.find_person(query).id
    except (NotFoundError, AmbiguousNameError) as error:
        return f"{type(error).__name__}: {error}"


def test_the_store_answers_alike_from_its_cache_and_from_its_rows(store: Store) -> None:
    """Stale cache (after a change: joined rows), current cache (after a network load) and a
    name holding a NUL (no valid one does: a row each) give the same ids, names, answers."""
    for name in STORED:
        actions.add_contact(store, name)
    from_rows = store._people_by_id()
    assert list(zip(*from_rows, strict=True)) == sorted(store.person_names())
    answers = [_outcome(store, query) for query in ASKED]
    network = store.load_network(lazy=True)  # keeps the person cache for the next command
    assert answers == [_outcome_of_network(network, query) for query in ASKED]
    assert store._people_by_id() == from_rows
    assert [_outcome(store, query) for query in ASKED] == answers
    with store.write():  # not through the model, which refuses it
        store.execute("UPDATE persons SET name = ? WHERE id = 'sam-lee'", ("Sam\x00Lee",))
    ids, names = store._people_by_id()
    assert names[ids.index("sam-lee")] == "Sam\x00Lee"
    assert ids == from_rows[0]


def test_an_empty_store_names_no_one() -> None:
    with open_store(":memory:") as store:
        assert store._people_by_id() == ([], [])
        with pytest.raises(NotFoundError, match="see 'referrals person list'"):
            store.find_person("Ann")


def _outcome_of_network(network: ReferralNetwork, query: str) -> str:
    try:
        return network.find_person(query).id
    except (NotFoundError, AmbiguousNameError) as error:
        return f"{type(error).__name__}: {error}"
