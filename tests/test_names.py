"""Names a person types: lookups by part of a name, typos refused, ids for every script.

The library rules (:mod:`infoview_graph.names`) are checked on
hand-made lists; the store and the network must agree on every query; the CLI refuses a near
miss without changing a byte of the store.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from cli_support import run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from infoview_graph.errors import AmbiguousNameError, NearMissError, NotFoundError
from infoview_graph.models import slugify
from infoview_graph.names import find_person_id, name_key, near_miss
from infoview_graph.store import Store, actions, open_store

PEOPLE = [
    ("lena-hoffmann", "Lena Hoffmann"),
    ("mei-tanaka", "Mei Tanaka"),
    ("priya-nair", "Priya Nair"),
    ("sam-ortiz", "Sam Ortiz"),
    ("sam-lee", "Sam Lee"),
]


# --- the pure rules --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mei-tanaka", "mei-tanaka"),  # an id
        ("MEI  tanaka", "mei-tanaka"),  # a name, any case and spacing
        ("lena", "lena-hoffmann"),  # a unique first name
        ("hoffmann", "lena-hoffmann"),  # a unique last name
        ("Ortiz", "sam-ortiz"),
        ("pri", "priya-nair"),  # an id prefix of three characters or more
        ("sam-l", "sam-lee"),
    ],
)
def test_find_person_id_accepts_ids_names_and_unique_parts(query: str, expected: str) -> None:
    assert find_person_id(query, PEOPLE) == expected


def test_a_part_that_fits_two_persons_lists_both() -> None:
    with pytest.raises(AmbiguousNameError) as caught:
        find_person_id("Sam", PEOPLE)
    assert caught.value.candidates == ("sam-lee", "sam-ortiz")


def test_a_miss_names_the_closest_person() -> None:
    """ "lenna" is one letter from the first name "lena"; "zzz" is close to nobody."""
    with pytest.raises(NotFoundError, match="no person named 'lenna' — did you mean Lena Hoffmann"):
        find_person_id("lenna", PEOPLE)
    with pytest.raises(NotFoundError, match="no person named 'Mei Tanka' — did you mean Mei"):
        find_person_id("Mei Tanka", PEOPLE)
    with pytest.raises(NotFoundError, match="no person named 'zzz'; see 'referrals person list'"):
        find_person_id("zzz", PEOPLE)


def test_two_letters_are_not_a_part() -> None:
    with pytest.raises(NotFoundError):
        find_person_id("pr", PEOPLE)


@pytest.mark.parametrize(
    "name",
    [
        "Mei Tanka",  # a dropped letter
        "Mei Tanakaa",  # an added one
        "Mie Tanaka",  # two letters swapped
        "Mei Tenaka",  # one changed
        "mei tanaka",  # another case
        "MeiTanaka",  # another spacing
        "Tanaka, Mei",  # another word order
        "Mei Tanaka",  # the very same
    ],
)
def test_near_misses(name: str) -> None:
    assert near_miss(name, PEOPLE) == ("mei-tanaka", "Mei Tanaka")


@pytest.mark.parametrize(
    "name", ["Ben Tanaka", "Mei A. Tanaka", "Sam Lei Ortiz", "Al", "Tom Reyes", "Sam Lee 2"]
)
def test_different_people_are_not_near_misses(name: str) -> None:
    """A changed first name is two letters or more; initials and numbers tell people apart;
    names under four letters allow no typo at all."""
    people = [*PEOPLE, ("al-b", "Al B"), ("mei-b-tanaka", "Mei B. Tanaka")]
    assert near_miss(name, people) in (None, ("mei-b-tanaka", "Mei B. Tanaka")) or (
        name == "Mei A. Tanaka"
    )
    if name != "Mei A. Tanaka":
        assert near_miss(name, people) is None


def test_name_key_still_lives_in_network_for_its_callers() -> None:
    from infoview_graph import network

    assert network.name_key is name_key


# --- the store and the network agree ---------------------------------------------------------


QUERIES = ["lena", "Hoffmann", "pri", "Sam", "lenna", "zzz", "Mei Tanaka", "mei-tanaka", "me"]


def _outcome(find: object, query: str) -> str:
    try:
        return find(query).id  # type: ignore[operator, no-any-return]
    except (NotFoundError, AmbiguousNameError) as error:
        return f"{type(error).__name__}: {error}"


@pytest.mark.parametrize("query", QUERIES)
def test_the_store_and_the_network_find_the_same(store: Store, query: str) -> None:
    for _, name in PEOPLE:
        actions.add_contact(store, name)
    net = store.load_network()
    assert _outcome(store.find_person, query) == _outcome(net.find_person, query)


# --- actions refuse a near miss; new=True adds it ---------------------------------------------


def test_refer_refuses_a_typo_of_a_known_person_and_writes_nothing(store: Store) -> None:
    actions.add_contact(store, "Priya Nair")
    actions.add_contact(store, "Mei Tanaka")
    before = store.load()
    with pytest.raises(NearMissError, match="did you mean Mei Tanaka") as caught:
        actions.refer(store, "Priya Nair", "Mei Tanka")
    assert caught.value.candidate == ("mei-tanaka", "Mei Tanaka")
    assert store.load() == before
    change = actions.refer(store, "Priya Nair", "Mei Tanka", new=True)
    assert change.record.referee == "mei-tanka"


def test_interview_referred_refuses_a_typo_unless_new(store: Store) -> None:
    actions.add_contact(store, "Priya Nair")
    actions.add_contact(store, "Lena Hoffmann")
    before = store.load()
    with pytest.raises(NearMissError, match="did you mean Lena Hoffmann"):
        actions.log_interview(store, "Priya Nair", referred=["Lenna"])
    assert store.load() == before
    change = actions.log_interview(store, "Priya Nair", referred=["Lenna"], new=True)
    assert change.record.referrals == ("lenna",)


def test_a_referee_named_by_first_name_is_the_known_person(store: Store) -> None:
    actions.add_contact(store, "Priya Nair")
    actions.add_contact(store, "Lena Hoffmann")
    change = actions.refer(store, "Priya", "Lena")
    assert (change.record.referrer, change.record.referee) == ("priya-nair", "lena-hoffmann")
    assert change.notes == ()
    assert store.count("persons") == 3


def test_person_add_refuses_the_same_name_unless_new(store: Store) -> None:
    actions.add_contact(store, "Mei Tanaka")
    with pytest.raises(NearMissError, match=r"Mei Tanaka \(mei-tanaka\) is known already"):
        actions.add_contact(store, "mei  TANAKA")
    change = actions.add_contact(store, "Mei Tanaka", new=True)
    assert change.record.id == "mei-tanaka-2"
    assert "'mei-tanaka' is also named 'Mei Tanaka'" in change.notes[0]


# --- the command line ------------------------------------------------------------------------


@pytest.fixture
def known(runner: CliRunner, db_path: Path) -> Path:
    for name in ("Priya Nair", "Mei Tanaka", "Lena Hoffmann"):
        assert run(runner, db_path, "person", "add", name)[0] == 0
    return db_path


@pytest.mark.parametrize(
    "args",
    [
        ("refer", "Priya Nair", "Mei Tanka"),
        ("person", "add", "Mei Tanka"),
        ("person", "add", "mei tanaka"),
        ("interview", "log", "Priya Nair", "--referred", "Mei Tanka", "--no-input"),
    ],
)
def test_cli_refuses_a_near_miss_and_the_store_does_not_change(
    runner: CliRunner, known: Path, args: tuple[str, ...]
) -> None:
    before = known.read_bytes()
    code, out, err = run(runner, known, *args)
    assert code == 1, (out, err)
    assert out == ""
    assert "Mei Tanaka" in err
    assert "use --new to add a different person" in err
    assert err.count("\n") == 1  # one line, no traceback
    assert known.read_bytes() == before


def test_cli_refer_typo_says_did_you_mean(runner: CliRunner, known: Path) -> None:
    code, _, err = run(runner, known, "refer", "Priya Nair", "Mei Tanka")
    assert code == 1
    assert err == (
        "error: no person named 'Mei Tanka' — did you mean Mei Tanaka? "
        "(use --new to add a different person)\n"
    )


def test_cli_new_adds_the_different_person(runner: CliRunner, known: Path) -> None:
    code, out, err = run(runner, known, "refer", "Priya Nair", "Mei Tanka", "--new")
    assert code == 0, err
    assert (
        out
        == "Priya Nair (priya-nair) referred you to Mei Tanka (mei-tanka) on "
        + (out.rsplit(" ", 1)[1])
    )
    with open_store(known) as store:
        assert store.person("mei-tanka").how == "referral"
    code, out, err = run(runner, known, "person", "add", "Mei Tanaka", "--new")
    assert (code, out) == (0, "added Mei Tanaka (mei-tanaka-2)\n"), err


def test_cli_outreach_by_first_name(runner: CliRunner, known: Path) -> None:
    code, out, err = run(runner, known, "outreach", "lena", "--on", "2026-11-03")
    assert code == 0, err
    assert out == "contacted Lena Hoffmann (lena-hoffmann) on 2026-11-03 (outreach-lena-hoffmann)\n"


def test_cli_a_miss_suggests_the_closest(runner: CliRunner, known: Path) -> None:
    before = known.read_bytes()
    code, out, err = run(runner, known, "outreach", "lenna")
    assert (code, out) == (1, "")
    assert err == "error: no person named 'lenna' — did you mean Lena Hoffmann?\n"
    assert known.read_bytes() == before
    code, _, err = run(runner, known, "person", "show", "Hofmann")
    assert code == 1
    assert "did you mean Lena Hoffmann?" in err


# --- ids for every script (item 2) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("李小龍", "li-xiao-long"),
        ("Владимир Набоков", "vladimir-nabokov"),
        ("Zoë Łukasz", "zoe-lukasz"),
        ("🙂", "slightly-smiling-face"),
        ("!!!", "exclamation-mark-exclamation-mark-exclamation-mark"),
        ("Brad Johnson", "brad-johnson"),
    ],
)
def test_slugify_is_readable_in_every_script(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_cli_person_add_in_another_script_prints_the_name_and_the_id(
    runner: CliRunner, db_path: Path
) -> None:
    code, out, err = run(runner, db_path, "person", "add", "李小龍")
    assert (code, out) == (0, "added 李小龍 (li-xiao-long)\n"), err


def test_existing_ids_never_change(store: Store) -> None:
    """A person stored under an old slug ("x") keeps it, and is still found by name."""
    from infoview_graph.models import Person

    with store.write():
        store.add_person(Person(id="x", name="李雷"))
    assert store.find_person("李雷").id == "x"
    assert actions.add_contact(store, "李小龍").record.id == "li-xiao-long"
    assert store.person("x").name == "李雷"


_NAME_CHARS = st.characters(
    blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x85"
)


@st.composite
def names(draw: st.DrawFn) -> str:
    """Names in any script, emoji and punctuation included, with a visible character."""
    text = draw(st.text(_NAME_CHARS, min_size=1, max_size=30))
    return text if text.strip() and unicodedata.normalize("NFC", text).strip() else "Ann"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=names())
def test_any_name_is_added_then_shown_by_name(runner: CliRunner, tmp_path: Path, name: str) -> None:
    """For any name: ``person add`` then ``person show NAME`` finds the same person; the id
    is a non-empty readable slug; the confirmation contains the name."""
    from infoview_graph.store.actions import create_store

    db = tmp_path / f"{abs(hash(name))}.db"
    db.unlink(missing_ok=True)
    create_store(db, "Steven Olson")
    code, out, err = run(runner, db, "person", "add", "--new", "--", name)
    if code != 0:  # the model refuses some names (e.g. only spaces): said on one line
        assert code == 1, err
        assert err.startswith("error: ")
        assert err.count("\n") == 1, err
        return
    with open_store(db) as store:
        added = [p for p in store.persons() if not p.is_self]
    assert len(added) == 1
    person = added[0]
    # Readable: transliterated, or the characters' names; "me" always names the user.
    assert person.id in (slugify(name), "me-2")
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in person.id)
    assert name.strip() in out or person.name in out
    assert out.endswith(f"({person.id})\n")
    query = person.id if person.name.casefold() == "me" else person.name
    code, shown, err = run(runner, db, "person", "show", "--json", "--", query)
    assert code == 0, err
    assert f'"id": "{person.id}"' in shown


# --- names, not ids (item 3, for person show) ------------------------------------------------


def test_person_show_prints_names_and_json_carries_both(runner: CliRunner, db_path: Path) -> None:
    args = ("person", "add", "Lena Hoffmann", "--org", "Metro Transit Authority")
    assert run(runner, db_path, *args, "--field", "urban planning")[0] == 0
    assert run(runner, db_path, "refer", "Lena", "Omar Haddad", "--on", "2026-11-02")[0] == 0
    code, out, err = run(runner, db_path, "person", "show", "Lena")
    assert code == 0, err
    assert "Metro Transit Authority" in out
    assert "urban planning" in out
    assert "Omar Haddad (2026-11-02, suggested)" in out
    assert "metro-transit-authority" not in out
    code, out, err = run(runner, db_path, "person", "show", "Omar", "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["referred_by"][0]["referrer"] == "lena-hoffmann"
    assert shown["referred_by"][0]["referrer_name"] == "Lena Hoffmann"
    code, out, _ = run(runner, db_path, "person", "show", "lena-hoffmann", "--json")
    shown = json.loads(out)
    assert (shown["organization"], shown["organization_name"]) == (
        "metro-transit-authority",
        "Metro Transit Authority",
    )
    assert shown["field_names"] == ["urban planning"]
