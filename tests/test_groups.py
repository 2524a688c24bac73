"""Persons grouped by a column answer as the plain dictionary grouping does."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infoview_graph.demo import demo_network
from infoview_graph.groups import Groups
from infoview_graph.lifecycle import standing
from infoview_graph.lifecycle._standing import standing_of
from infoview_graph.models import Outreach, Person, Tie
from infoview_graph.store._columns import decode, encode

KEYS = ["acme", "globex", "initech", "umbrella"]
ids = st.lists(st.text("abcdefgh", min_size=1, max_size=4), unique=True, max_size=30)


def _plain(column: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for pid, keys in sorted(column.items()):
        for key in keys:
            found.setdefault(key, []).append(pid)
    return {key: tuple(people) for key, people in found.items()}


@given(ids.flatmap(lambda people: st.tuples(st.just(people), st.permutations(people))), st.data())
def test_one_key_per_person_groups_as_a_dictionary(order: tuple[list[str], list[str]], data):
    people, shuffled = order
    column = {pid: data.draw(st.sampled_from([None, *KEYS])) for pid in shuffled}
    groups = Groups.of_column(column, reversed(KEYS))
    plain = _plain({pid: () if key is None else (key,) for pid, key in column.items()})
    assert {key: groups.get(key) for key in KEYS} == {key: plain.get(key, ()) for key in KEYS}
    assert groups.ids == sorted(people)
    assert groups.keys == KEYS
    first = groups.first().tolist()
    assert [KEYS[c] if c >= 0 else None for c in first] == [column[p] for p in groups.ids]
    for key in KEYS:
        assert [groups.ids[i] for i in groups.members(key).tolist()] == list(plain.get(key, ()))


@given(ids, st.data())
def test_many_keys_per_person_group_as_a_dictionary(people: list[str], data):
    column = {pid: tuple(data.draw(st.lists(st.sampled_from(KEYS), max_size=3))) for pid in people}
    groups = Groups.of_column(column, KEYS, many=True)
    plain = _plain(column)
    assert {key: groups.get(key) for key in KEYS} == {key: plain.get(key, ()) for key in KEYS}
    by_person = {
        pid: tuple(KEYS[c] for c in groups.codes[groups.indptr[i] : groups.indptr[i + 1]])
        for i, pid in enumerate(groups.ids)
    }
    assert by_person == column


@given(ids, st.data())
def test_a_store_s_codes_group_as_its_columns_do(people: list[str], data):
    """The columns a store keeps (encoded, decoded) group alike from codes and from values."""
    people = sorted(people)
    column = {
        "id": people,
        "name": [f"Name {pid}" for pid in people],
        "organization": [data.draw(st.sampled_from([None, *KEYS])) for _ in people],
        "is_self": [False for _ in people],
        "do_not_contact": [data.draw(st.booleans()) for _ in people],
        "fields": [tuple(sorted(set(data.draw(st.lists(st.sampled_from(KEYS)))))) for _ in people],
    }
    kept = decode(encode(column))
    assert kept is not None
    columns, coded = kept
    assert columns == column
    for name, fields in (("organization", False), ("fields", True)):
        values = dict(zip(people, column[name], strict=True))
        expected = Groups.of_column(values, KEYS, many=fields)
        found = Groups.of_codes(people, reversed(KEYS), coded, fields=fields)
        assert found.ids == expected.ids
        assert found.keys == expected.keys
        assert found.indptr.tolist() == expected.indptr.tolist()
        assert found.codes.tolist() == expected.codes.tolist()
        assert {key: found.get(key) for key in KEYS} == {key: expected.get(key) for key in KEYS}


def test_a_name_the_cache_cannot_hold_is_read_from_rows_instead():
    """A name with a NUL (invalid, but a store written by another program may hold one) is
    not cached; a value the cache did not write is not read as one."""
    column = {"id": ["a"], "name": ["A\x00B"], "organization": [None], "is_self": [True],
              "do_not_contact": [False], "fields": [()]}  # fmt: skip
    assert encode(column) is None
    kept = encode(column | {"name": ["A B"]})
    assert kept is not None
    assert decode(kept) is not None
    assert decode(kept[:-1]) is None
    assert decode(kept + b"\x00") is None
    assert decode(kept.decode("latin-1")) is None


def test_an_unknown_key_gives_the_default_and_an_unlisted_value_is_refused():
    groups = Groups.of_column({"a": "acme"}, KEYS)
    assert groups.get("nowhere") == ()
    assert groups.get("nowhere", None) is None
    assert groups.get("acme") is groups.get("acme")  # kept once built
    with pytest.raises(KeyError):
        Groups.of_column({"a": "elsewhere"}, KEYS)


def test_the_network_groups_match_its_records():
    net = demo_network()
    orgs, fields = net.person_groups("organization"), net.person_groups("fields")
    for org in net.organizations():
        expected = tuple(sorted(p.id for p in net.persons() if p.organization == org.id))
        assert orgs.get(org.id) == net.member_ids(org.id) == expected
    for field in net.fields():
        expected = tuple(sorted(p.id for p in net.persons() if field.id in p.fields))
        assert fields.get(field.id) == net.in_field_ids(field.id) == expected
    assert orgs.ids == net.compact().ids


def test_a_standing_from_the_flag_is_the_standing_from_the_record():
    day = dt.date(2026, 11, 24)
    asked = [Outreach(id="o-1", person="ann", on=dt.date(2026, 11, 2))]
    for flag in (False, True):
        ann = Person(id="ann", name="Ann Lee", do_not_contact=flag)
        assert standing_of("ann", do_not_contact=flag, outreach=asked, today=day) == standing(
            ann, outreach=asked, today=day
        )


def test_the_second_person_at_a_silent_employer_is_referred_first_then_my_strongest_tie():
    from builders import small_network

    from infoview_graph.lifecycle import lifecycle
    from infoview_graph.models import Referral

    at_acme = {"organization": "acme"}
    people = dict.fromkeys(("ann", "bob", "cy", "dee", "eve", "flo", "gus"), at_acme)
    people["zed"] = {}
    asked = dt.date(2026, 11, 2)
    net = small_network(
        people,
        [("me", "cy", 2), ("me", "dee", 4), ("me", "gus", 0), ("zed", "eve", 1)],
        outreach=(Outreach(id="o-1", person="ann", on=asked),),
        referrals=(Referral(referrer="zed", referee="eve", on=asked),),
    )
    life = lifecycle(net, today=dt.date(2026, 11, 10))
    (item,) = [o for o in life.obligations if o.kind == "3b7-second-contact"]
    # eve: referred; then dee (4), cy (2), gus (0), then bob with no tie; never ann herself.
    assert item.action.endswith("(3B7), e.g. Eve, Dee, Cy")
    net.add_tie(Tie(a="me", b="eve", strength=5))
    net.add_referral(Referral(referrer="zed", referee="gus", on=asked))
    again = lifecycle(net, today=dt.date(2026, 11, 10))
    (item,) = [o for o in again.obligations if o.kind == "3b7-second-contact"]
    assert item.action.endswith("(3B7), e.g. Eve, Gus, Dee")
