"""Validation of every record in :mod:`infoview_graph.models`, and the helpers beside them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import ValidationError
from strategies import CONTROL_CHARACTERS, emails, free_texts, lines, phones, slugs, urls

from infoview_graph.errors import InfoviewError, InvalidInputError
from infoview_graph.models import (
    HOWS,
    CareerField,
    FollowUp,
    Interview,
    NetworkData,
    Organization,
    Outreach,
    Person,
    Position,
    Question,
    Referral,
    Target,
    Tie,
    default_strength,
    invalid_input,
    slugify,
)

DAY = dt.date(2026, 3, 2)
CANARY = "zq7-canary-k5d"
"""A string no message of the library contains: if it shows up in one, the input leaked."""


def _error(model: type[Any], **values: Any) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        model(**values)
    return caught.value


def _is_surrogate(char: str) -> bool:
    return 0xD800 <= ord(char) <= 0xDFFF


def _locations(error: ValidationError) -> set[tuple[str | int, ...]]:
    return {tuple(item["loc"]) for item in error.errors()}


# --- one-line text --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    ["\x00", "\x1b", "\x7f", "\x85", "\n", "\t", "\r", "\x9f"],
    ids=["nul", "esc", "del", "nel", "newline", "tab", "cr", "apc"],
)
@pytest.mark.parametrize("field", ["name", "title"])
def test_one_line_text_rejects_control_characters(field: str, bad: str) -> None:
    values = {"id": "ann", "name": "Ann Lee", field: f"Ann{bad}Lee"}
    error = _error(Person, **values)
    assert _locations(error) == {(field,)}
    assert "control character" in str(error)


@pytest.mark.parametrize("bad", [chr(0xD800), chr(0xDFFF), f"a{chr(0xDC80)}b"])
@pytest.mark.parametrize("field", ["name", "notes"])
def test_lone_surrogates_are_rejected_before_the_text_rules_run(field: str, bad: str) -> None:
    """pydantic-core refuses a str that is not valid Unicode before ``_line``/``_free_text``
    see it, so the message is pydantic's own (it names the field, not the fix)."""
    error = _error(Person, **{"id": "ann", "name": "Ann", field: bad})
    assert _locations(error) == {(field,)}
    assert str(invalid_input(error)) == (
        f"invalid person: {field} contains a character that is not text (a lone surrogate); "
        "remove it"
    )


@pytest.mark.parametrize(
    ("model", "values", "field"),
    [
        (Organization, {"id": "gm"}, "name"),
        (CareerField, {"id": "accounting"}, "name"),
        (Question, {"id": "q"}, "text"),
        (Tie, {"a": "ann", "b": "brad"}, "context"),
        (Position, {"organization": "gm"}, "title"),
    ],
)
def test_every_one_line_field_rejects_control_characters(
    model: type[Any], values: dict[str, Any], field: str
) -> None:
    base = {"name": "X", "text": "Why?"} if field not in ("name", "text") else {}
    base = {k: v for k, v in base.items() if k in model.model_fields}
    error = _error(model, **base, **values, **{field: "a\x1bb"})
    assert _locations(error) == {(field,)}


@pytest.mark.parametrize("bad", ["", "   ", " Ann", "Ann ", "Ann\u3000"])
def test_one_line_text_is_not_blank_and_has_no_outer_white_space(bad: str) -> None:
    assert _locations(_error(Person, id="ann", name=bad)) == {("name",)}


def test_one_line_text_is_at_most_500_characters() -> None:
    assert Person(id="ann", name="a" * 500).name == "a" * 500
    assert _locations(_error(Person, id="ann", name="a" * 501)) == {("name",)}


def test_one_line_text_keeps_inner_white_space_and_any_script() -> None:
    name = "Zoë  O'Brien-Łukasz 李雷 🙂"
    assert Person(id="zoe", name=name).name == name


def test_tags_and_aliases_are_one_line_texts_kept_sorted_and_unique() -> None:
    person = Person(id="ann", name="Ann", tags=("b", "a", "b"))
    assert person.tags == ("a", "b")
    assert _locations(_error(Person, id="ann", name="Ann", tags=("ok", "no\x00"))) == {("tags", 1)}
    assert _locations(_error(Organization, id="gm", name="GM", aliases=("G\nM",))) == {
        ("aliases", 0)
    }


# --- free text ------------------------------------------------------------------------------


def test_free_text_allows_newlines_and_tabs() -> None:
    notes = "Met at the fair.\n\tAsk about the CPA exam.\n"
    assert Person(id="ann", name="Ann", notes=notes).notes == notes
    assert Person(id="ann", name="Ann", notes="").notes == ""


@pytest.mark.parametrize("bad", ["\x00", "\x1b", "\x7f", "\x85", "\r", "\x0b", "\x0c"])
def test_free_text_rejects_other_control_characters(bad: str) -> None:
    error = _error(Person, id="ann", name="Ann", notes=f"line one\n{bad}line two")
    assert _locations(error) == {("notes",)}
    assert "only newlines and tabs" in str(error)


@pytest.mark.parametrize(
    ("model", "values", "loc"),
    [
        (Referral, {"referrer": "a", "referee": "b", "on": DAY, "note": "x\x00"}, ("note",)),
        (Interview, {"id": "i", "person": "a", "on": DAY, "notes": "x\x00"}, ("notes",)),
        (
            Interview,
            {"id": "i", "person": "a", "on": DAY, "advice": ("ok", "x\x1b")},
            ("advice", 1),
        ),
        (Interview, {"id": "i", "person": "a", "on": DAY, "leads": ("x\x7f",)}, ("leads", 0)),
        (
            Interview,
            {"id": "i", "person": "a", "on": DAY, "answers": {"q": "x\x85"}},
            ("answers",),  # never the key: it may be personal
        ),
        (FollowUp, {"id": "f", "due": DAY, "note": "x\ud800"}, ("note",)),
    ],
)
def test_every_free_text_field_rejects_control_characters(
    model: type[Any], values: dict[str, Any], loc: tuple[str | int, ...]
) -> None:
    assert _locations(_error(model, **values)) == {loc}


@given(
    prefix=st.text(max_size=20),
    bad=CONTROL_CHARACTERS,
    suffix=st.text(max_size=20),
)
@example(prefix="Ann", bad="\x1b", suffix="[31m")
@example(prefix="", bad="\ud800", suffix="")
def test_any_text_with_a_control_character_is_rejected_as_a_name(
    prefix: str, bad: str, suffix: str
) -> None:
    """Any control character anywhere in a name is rejected, and the error hides the input."""
    value = f"{prefix}{bad}{CANARY}{suffix}"
    with pytest.raises(ValidationError) as caught:
        Person(id="ann", name=value)
    assert _locations(caught.value) == {("name",)}
    assert CANARY not in str(caught.value)
    converted = invalid_input(caught.value, "person")
    assert isinstance(converted, InvalidInputError)
    assert str(converted).startswith("invalid person: name ")
    assert CANARY not in str(converted)
    if not _is_surrogate(bad):
        assert "name contains a control character" in str(converted)


@given(
    prefix=free_texts(max_size=20),
    bad=CONTROL_CHARACTERS.filter(lambda c: c not in "\n\t"),
    suffix=free_texts(max_size=20),
)
def test_any_text_with_a_control_character_but_newline_or_tab_is_rejected_as_notes(
    prefix: str, bad: str, suffix: str
) -> None:
    value = f"{prefix}{bad}{CANARY}{suffix}"
    with pytest.raises(ValidationError) as caught:
        Person(id="ann", name="Ann", notes=value)
    assert _locations(caught.value) == {("notes",)}
    assert CANARY not in str(caught.value)
    converted = invalid_input(caught.value)
    assert isinstance(converted, InvalidInputError)
    assert str(converted).startswith("invalid person: notes ")
    assert CANARY not in str(converted)
    if not _is_surrogate(bad):
        assert "notes contains a control character" in str(converted)


@given(name=lines(max_size=60), notes=free_texts())
def test_text_without_control_characters_is_kept_exactly(name: str, notes: str) -> None:
    person = Person(id="ann", name=name, notes=notes)
    assert (person.name, person.notes) == (name, notes)


# --- emails, URLs, phones -------------------------------------------------------------------


@given(email=emails(), url=urls(), phone=phones())
def test_generated_contact_details_are_accepted(email: str, url: str, phone: str) -> None:
    person = Person(id="ann", name="Ann", emails=(email,), url=url, phones=(phone,))
    assert (person.emails, person.url, person.phones) == ((email,), url, (phone,))


@pytest.mark.parametrize(
    "good", ["ann@example.org", "ann.lee+jobs@mail.example.co.uk", "a@b.cd", "zoë@exämple.org"]
)
def test_emails_accepted(good: str) -> None:
    assert Person(id="ann", name="Ann", emails=(good,)).emails == (good,)


@pytest.mark.parametrize(
    "bad",
    [
        *("ann", "ann@", "@example.org", "ann@example", "ann@@example.org"),
        *("ann lee@example.org", "ann@example..org", "ann@.org", "ann@example.org "),
        "a" * 310 + "@example.org",
    ],
)
def test_emails_rejected(bad: str) -> None:
    assert _locations(_error(Person, id="ann", name="Ann", emails=("ok@example.org", bad))) == {
        ("emails", 1)
    }


def test_emails_and_phones_keep_order_and_drop_repeats() -> None:
    person = Person(
        id="ann",
        name="Ann",
        emails=("b@example.org", "a@example.org", "b@example.org"),
        phones=("612 555 0199", "+1 612 555 0100", "612 555 0199"),
    )
    assert person.emails == ("b@example.org", "a@example.org")
    assert person.phones == ("612 555 0199", "+1 612 555 0100")


@pytest.mark.parametrize(
    "good",
    ["https://www.linkedin.com/in/ann-lee", "http://example.org", "https://example.org/a?b=c#d"],
)
def test_urls_accepted(good: str) -> None:
    assert Person(id="ann", name="Ann", url=good).url == good


@pytest.mark.parametrize(
    "bad",
    [
        *("www.example.org", "ftp://example.org/x", "javascript:alert(1)", "https://"),
        *("https:///x", "https://example.org/a b", "mailto:ann@example.org"),
        "https://" + "a" * 2000 + ".org",
    ],
)
def test_urls_rejected(bad: str) -> None:
    assert _locations(_error(Person, id="ann", name="Ann", url=bad)) == {("url",)}


@pytest.mark.parametrize(
    "good",
    ["612-555-0199", "+1 (612) 555.0199", "+44 20 7946 0958 ext. 12", "5550199x7", "0/123"],
)
def test_phones_accepted(good: str) -> None:
    assert Person(id="ann", name="Ann", phones=(good,)).phones == (good,)


@pytest.mark.parametrize(
    "bad", ["", "call me", "+", "++1 612", "612-555-0199 ext", "612 555 CALL", "1" * 41]
)
def test_phones_rejected(bad: str) -> None:
    assert _locations(_error(Person, id="ann", name="Ann", phones=(bad,))) == {("phones", 0)}


@pytest.mark.parametrize("bad", ["https://example.org/\x1b[31m", "https://example.org/\x00"])
def test_urls_reject_control_characters(bad: str) -> None:
    with pytest.raises(ValidationError):
        Person(id="ann", name="Ann", url=bad)


@pytest.mark.parametrize("bad", ["a\x00b@example.org", "ann\x1b@example.org", "a@exa\x7fmple.org"])
def test_emails_reject_control_characters(bad: str) -> None:
    with pytest.raises(ValidationError):
        Person(id="ann", name="Ann", emails=(bad,))


@pytest.mark.parametrize("bad", ["555\nx1", "555\x85x1", "555\x1cext 2"])
def test_phones_reject_control_characters(bad: str) -> None:
    with pytest.raises(ValidationError):
        Person(id="ann", name="Ann", phones=(bad,))


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "soon"])
@pytest.mark.parametrize(
    ("model", "values", "field"),
    [
        (Referral, {"referrer": "a", "referee": "b"}, "on"),
        (Outreach, {"id": "o", "person": "a"}, "on"),
        (Interview, {"id": "i", "person": "a"}, "on"),
        (FollowUp, {"id": "f"}, "due"),
        (Tie, {"a": "a", "b": "b"}, "since"),
    ],
)
def test_impossible_dates_rejected(
    model: type[Any], values: dict[str, Any], field: str, bad: str
) -> None:
    assert _locations(_error(model, **values, **{field: bad})) == {(field,)}


def test_real_dates_parsed_from_iso_text() -> None:
    referral = Referral(referrer="a", referee="b", on="2024-02-29")
    assert referral.on == dt.date(2024, 2, 29)


def test_reply_cannot_come_before_the_outreach() -> None:
    assert Outreach(id="o", person="a", on=DAY, replied_on=DAY).replied_on == DAY
    error = _error(Outreach, id="o", person="a", on=DAY, replied_on=DAY - dt.timedelta(1))
    assert "before the outreach date" in str(error)


def test_outreach_via_is_not_the_person_contacted() -> None:
    assert "'via' names the person" in str(_error(Outreach, id="o", person="a", on=DAY, via="a"))


# --- relations ------------------------------------------------------------------------------


def test_no_self_referral() -> None:
    error = _error(Referral, referrer="brad", referee="brad", on=DAY)
    assert "cannot refer someone to themselves" in str(error)
    assert str(invalid_input(error)) == (
        "invalid referral: a person cannot refer someone to themselves; referrer and referee differ"
    )


def test_no_tie_with_oneself() -> None:
    error = _error(Tie, a="ann", b="ann", strength=3)
    assert "tie with themselves" in str(error)


@pytest.mark.parametrize(("a", "b"), [("adam", "zoe"), ("zoe", "adam")])
def test_tie_stores_the_pair_in_id_order(a: str, b: str) -> None:
    tie = Tie(a=a, b=b, strength=2)
    assert (tie.a, tie.b) == ("adam", "zoe")
    assert tie == Tie(a="adam", b="zoe", strength=2)


def test_tie_order_is_by_code_point() -> None:
    """'ann-2' < 'ann2' because '-' (0x2d) sorts before '2' (0x32)."""
    assert (Tie(a="ann2", b="ann-2").a, Tie(a="ann2", b="ann-2").b) == ("ann-2", "ann2")


def test_field_not_related_to_itself() -> None:
    error = _error(CareerField, id="accounting", name="Accounting", related=("accounting",))
    assert "related to itself" in str(error)


def test_id_lists_are_sorted_and_unique() -> None:
    field = CareerField(id="a", name="A", related=("c", "b", "c"))
    assert field.related == ("b", "c")
    interview = Interview(id="i", person="a", on=DAY, referrals=("z", "b", "z"))
    assert interview.referrals == ("b", "z")


# --- numeric bounds -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "values", "field", "low", "high"),
    [
        (Tie, {"a": "a", "b": "b"}, "strength", 0, 5),
        (Interview, {"id": "i", "person": "a", "on": DAY}, "friendliness", 1, 5),
        (Interview, {"id": "i", "person": "a", "on": DAY}, "minutes", 1, 600),
        (Target, {"kind": "field", "id": "accounting"}, "priority", 1, 3),
        (Organization, {"id": "gm", "name": "GM"}, "motivation", 0, 3),
    ],
)
def test_numeric_bounds(
    model: type[Any], values: dict[str, Any], field: str, low: int, high: int
) -> None:
    assert getattr(model(**values, **{field: low}), field) == low
    assert getattr(model(**values, **{field: high}), field) == high
    for bad in (low - 1, high + 1):
        assert _locations(_error(model, **values, **{field: bad})) == {(field,)}


def test_numbers_are_not_taken_from_fractions() -> None:
    assert _locations(_error(Tie, a="a", b="b", strength=2.5)) == {("strength",)}


# --- ids ------------------------------------------------------------------------------------


@given(slug=slugs())
def test_generated_slugs_are_ids(slug: str) -> None:
    assert Person(id=slug, name="Ann").id == slug


@pytest.mark.parametrize("good", ["a", "ann-lee", "ann-lee-2", "x1", "0", "a" * 80])
def test_slug_ids_accepted(good: str) -> None:
    assert Organization(id=good, name="Org").id == good


@pytest.mark.parametrize(
    "bad",
    ["", "Ann", "ann lee", "ann--lee", "-ann", "ann-", "ann_lee", "zoë", "a" * 81, "ann\n"],
)
def test_slug_ids_rejected(bad: str) -> None:
    error = _error(Person, id=bad, name="Ann")
    assert _locations(error) == {("id",)}
    assert "must be a slug" in str(error)


@pytest.mark.parametrize(
    ("model", "values", "loc"),
    [
        (Person, {"id": "a", "name": "A", "organization": "General Mills"}, ("organization",)),
        (Person, {"id": "a", "name": "A", "fields": ("Accounting",)}, ("fields", 0)),
        (Tie, {"a": "Ann", "b": "b"}, ("a",)),
        (Referral, {"referrer": "a", "referee": "b", "on": DAY, "for_org": "G M"}, ("for_org",)),
        (Outreach, {"id": "o", "person": "a", "on": DAY, "via": "B"}, ("via",)),
        (
            Interview,
            {"id": "i", "person": "a", "on": DAY, "referrals": ("b", "C")},
            ("referrals", 1),
        ),
        (Target, {"kind": "org", "id": "General Mills"}, ("id",)),
        (Position, {"organization": "G M"}, ("organization",)),
    ],
)
def test_references_are_slugs(
    model: type[Any], values: dict[str, Any], loc: tuple[str | int, ...]
) -> None:
    assert _locations(_error(model, **values)) == {loc}


# --- choices, extra keys, immutability ------------------------------------------------------


def test_choices_come_from_the_literals() -> None:
    assert Person(id="a", name="A", how="neighbour").how == "neighbour"
    assert _locations(_error(Person, id="a", name="A", how="neighbor")) == {("how",)}
    assert _locations(_error(Organization, id="o", name="O", kind="charity")) == {("kind",)}
    assert _locations(_error(Target, kind="person", id="a")) == {("kind",)}
    assert _locations(_error(Question, id="q", text="Q?", tiara=("gossip",))) == {("tiara", 0)}


@pytest.mark.parametrize(
    ("model", "values"),
    [
        (Person, {"id": "a", "name": "A"}),
        (Organization, {"id": "o", "name": "O"}),
        (CareerField, {"id": "f", "name": "F"}),
        (Tie, {"a": "a", "b": "b"}),
        (Referral, {"referrer": "a", "referee": "b", "on": DAY}),
        (Outreach, {"id": "o", "person": "a", "on": DAY}),
        (Interview, {"id": "i", "person": "a", "on": DAY}),
        (FollowUp, {"id": "f", "due": DAY}),
        (Target, {"kind": "field", "id": "f"}),
        (Question, {"id": "q", "text": "Q?"}),
        (Position, {"organization": "o"}),
        (NetworkData, {}),
    ],
)
def test_every_record_forbids_extra_keys_and_is_immutable(
    model: type[Any], values: dict[str, Any]
) -> None:
    error = _error(model, **values, nickname="Annie")
    assert _locations(error) == {("nickname",)}
    assert str(invalid_input(error)).endswith(
        "nickname is not a known attribute; check its spelling"
    )
    record = model(**values)
    first = next(iter(model.model_fields))
    with pytest.raises(ValidationError, match="frozen"):
        setattr(record, first, getattr(record, first))
    assert record == model(**values)


def test_interview_answers_cannot_be_changed_in_place() -> None:
    interview = Interview(id="i", person="a", on=DAY, answers={"q": "fine"})
    with pytest.raises(TypeError):
        interview.answers["q"] = "bad\x00"  # type: ignore[index]
    assert interview.answers == {"q": "fine"}


def test_records_compare_by_value() -> None:
    assert Person(id="a", name="A", tags=("y", "x")) == Person(id="a", name="A", tags=("x", "y"))
    assert Person(id="a", name="A") != Person(id="a", name="B")


# --- invalid_input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "values", "expected"),
    [
        (
            Person,
            {"id": "ann", "name": f"{CANARY}\x00"},
            "invalid person: name contains a control character; remove it (one line of plain text)",
        ),
        (
            Person,
            {"id": "ann", "name": "Ann", "emails": (f"{CANARY}@",)},
            "invalid person: emails.0 is not an email address; write it as name@example.org",
        ),
        (
            Person,
            {"id": "ann", "name": "Ann", "url": f"ftp://{CANARY}"},
            "invalid person: url is not a web address; write it as https://example.org/…",
        ),
        (
            Person,
            {"id": f"{CANARY}!", "name": "Ann"},
            "invalid person: id must be a slug: lower-case letters, digits and single hyphens, "
            "at most 80 characters (for example 'brad-johnson')",
        ),
        (
            Referral,
            {"referrer": "a", "referee": "b", "on": f"{CANARY}"},
            "invalid referral: on — input should be a valid date or datetime, "
            "invalid character in year",
        ),
        (
            Tie,
            {"a": "a", "b": "b", "strength": 9},
            "invalid tie: strength — input should be less than or equal to 5",
        ),
        (Person, {"id": "ann"}, "invalid person: name is required"),
        (
            Person,
            {"id": "ann", "name": "Ann", "how": CANARY},
            "invalid person: how — input should be 'self', 'friend', 'family', 'classmate', "
            "'colleague', 'alumni', 'neighbour', 'referral', 'cold' or 'other'",
        ),
    ],
)
def test_invalid_input_names_the_field_and_the_fix_never_the_input(
    model: type[Any], values: dict[str, Any], expected: str
) -> None:
    error = _error(model, **values)
    converted = invalid_input(error)
    assert isinstance(converted, InvalidInputError)
    assert isinstance(converted, InfoviewError)
    assert isinstance(converted, ValueError)
    assert str(converted) == expected
    assert CANARY not in str(converted)
    assert CANARY not in str(error)


def test_invalid_input_lists_every_problem_and_takes_a_name() -> None:
    error = _error(Person, id="Ann", name=" ", emails=("nope",))
    message = str(invalid_input(error, "contact"))
    assert message.startswith("invalid contact: ")
    assert message.count(";") >= 2
    for field in ("id must be a slug", "name must not be empty", "emails.0 is not an email"):
        assert field in message


def test_invalid_input_never_echoes_a_bad_answer_key() -> None:
    error = _error(Interview, id="i", person="a", on=DAY, answers={f"Secret {CANARY}": "x"})
    assert CANARY not in str(error)
    assert CANARY not in str(invalid_input(error))


# --- slugify and default_strength -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Mrs. Smith", "mrs-smith"),
        ("Brad Johnson", "brad-johnson"),
        ("  Zoë  O'Brien-Łukasz ", "zoe-o-brien-lukasz"),
        ("ÅSA ÖBERG", "asa-oberg"),
        ("李雷", "li-lei"),  # transliterated: never "x"
        ("---", "hyphen-minus-hyphen-minus-hyphen-minus"),
        ("", "person"),
        ("R2-D2 & C-3PO", "r2-d2-c-3po"),
        ("ﬁnance", "finance"),
        ("a" * 59 + " b", "a" * 59),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    """The last case cuts at 60 characters ("a"*59 + "-") and then drops the trailing hyphen."""
    assert slugify(name) == slug


@given(st.text(max_size=200))
def test_slugify_always_gives_a_valid_id_of_at_most_60_characters(text: str) -> None:
    slug = slugify(text)
    assert len(slug) <= 60
    assert Person(id=slug, name="A").id == slug
    assert slugify(slug) == slug


@pytest.mark.parametrize(
    ("how", "strength"),
    [
        ("family", 4),
        ("friend", 4),
        ("colleague", 3),
        ("classmate", 2),
        ("neighbour", 2),
        ("alumni", 1),
        ("other", 1),
        (None, 1),
        ("cold", 0),
        ("referral", 0),
    ],
)
def test_default_strength(how: str | None, strength: int) -> None:
    assert default_strength(how) == strength


def test_default_strength_is_a_valid_strength_for_every_how() -> None:
    for how in HOWS:
        assert 0 <= default_strength(how) <= 5


# --- NetworkData ----------------------------------------------------------------------------


def test_network_data_sorted_orders_every_collection_by_its_key() -> None:
    """Each collection sorts by its key: ids, (a, b) for ties, (referrer, referee) for
    referrals, (kind, id) for targets — so "field" targets come before "org" ones."""
    data = NetworkData(
        persons=(Person(id="zoe", name="Zoe"), Person(id="ann", name="Ann", is_self=True)),
        organizations=(Organization(id="o2", name="O2"), Organization(id="o1", name="O1")),
        fields=(CareerField(id="f2", name="F2"), CareerField(id="f1", name="F1")),
        ties=(Tie(a="zoe", b="brad"), Tie(a="ann", b="zoe"), Tie(a="ann", b="brad")),
        referrals=(
            Referral(referrer="zoe", referee="ann", on=DAY),
            Referral(referrer="brad", referee="zoe", on=DAY),
            Referral(referrer="brad", referee="ann", on=DAY),
        ),
        outreach=(Outreach(id="o-2", person="a", on=DAY), Outreach(id="o-1", person="a", on=DAY)),
        interviews=(Interview(id="i2", person="a", on=DAY), Interview(id="i1", person="a", on=DAY)),
        followups=(FollowUp(id="f2", due=DAY), FollowUp(id="f1", due=DAY)),
        targets=(Target(kind="org", id="a"), Target(kind="field", id="z")),
        questions=(Question(id="q2", text="Q2?"), Question(id="q1", text="Q1?")),
        as_of=DAY,
    )
    ordered = data.sorted()
    assert [p.id for p in ordered.persons] == ["ann", "zoe"]
    assert [o.id for o in ordered.organizations] == ["o1", "o2"]
    assert [f.id for f in ordered.fields] == ["f1", "f2"]
    assert [(t.a, t.b) for t in ordered.ties] == [("ann", "brad"), ("ann", "zoe"), ("brad", "zoe")]
    assert [(r.referrer, r.referee) for r in ordered.referrals] == [
        ("brad", "ann"),
        ("brad", "zoe"),
        ("zoe", "ann"),
    ]
    assert [o.id for o in ordered.outreach] == ["o-1", "o-2"]
    assert [i.id for i in ordered.interviews] == ["i1", "i2"]
    assert [f.id for f in ordered.followups] == ["f1", "f2"]
    assert [(t.kind, t.id) for t in ordered.targets] == [("field", "z"), ("org", "a")]
    assert [q.id for q in ordered.questions] == ["q1", "q2"]
    assert ordered.as_of == DAY
    assert ordered.sorted() == ordered
    assert data != ordered
    assert data.persons[0].id == "zoe"


def test_network_data_round_trips_through_json() -> None:
    data = NetworkData(
        persons=(Person(id="ann", name="Ann", is_self=True, notes="a\n\tb"),),
        interviews=(Interview(id="i", person="ann", on=DAY, answers={"q": "yes"}),),
        as_of=DAY,
    )
    assert NetworkData.model_validate_json(data.model_dump_json()) == data
