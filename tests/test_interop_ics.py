"""The agenda as iCalendar: parses with icalendar, CRLF, lines of at most 75 octets, stable
UIDs, an alarm per event, VTODO on request, and no interview notes unless asked."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from interop_support import fixture
from strategies import dates, networks

from infoview_graph.algorithms._agenda import agenda
from infoview_graph.demo import demo_network
from infoview_graph.interop.dump import read_dump
from infoview_graph.interop.ics import to_ics
from infoview_graph.models import NetworkData
from infoview_graph.network import ReferralNetwork

TODAY = dt.date(2026, 11, 20)


def _check_lines(text: bytes) -> None:
    assert text.endswith(b"\r\n")
    lines = text.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines)


def test_demo_agenda_as_events_with_alarms() -> None:
    items = agenda(demo_network(), today=TODAY, horizon_days=30)
    text = to_ics(items, today=TODAY)
    _check_lines(text)
    calendar = Calendar.from_ical(text)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(items)
    for item, event in zip(items, events, strict=True):
        assert str(event["UID"]) == f"{item.id}@infoview-graph"
        assert str(event["SUMMARY"]) == item.action
        assert event.decoded("DTSTART") == item.due
        assert [str(a["ACTION"]) for a in event.walk("VALARM")] == ["DISPLAY"]
    assert not list(calendar.walk("VTODO"))


def test_as_todo_writes_vtodos_due_on_the_day() -> None:
    items = agenda(demo_network(), today=TODAY)
    todos = list(Calendar.from_ical(to_ics(items, today=TODAY, as_todo=True)).walk("VTODO"))
    assert [t.decoded("DUE") for t in todos] == [i.due for i in items]
    assert {str(t["STATUS"]) for t in todos} == {"NEEDS-ACTION"}


def test_uids_are_stable_and_sequence_grows_so_reimports_update() -> None:
    items = agenda(demo_network(), today=TODAY)
    first = Calendar.from_ical(to_ics(items, today=TODAY))
    later = Calendar.from_ical(to_ics(items, today=TODAY + dt.timedelta(days=3)))
    before = {str(e["UID"]): int(e["SEQUENCE"]) for e in first.walk("VEVENT")}
    after = {str(e["UID"]): int(e["SEQUENCE"]) for e in later.walk("VEVENT")}
    assert before.keys() == after.keys()
    assert all(after[uid] == before[uid] + 3 for uid in before)


def test_interview_notes_stay_out_unless_asked() -> None:
    network = ReferralNetwork(read_dump(fixture("hostile_dump.json")))
    items = agenda(network, today=dt.date(2026, 11, 16), horizon_days=14)
    assert any(i.person_id == "end" for i in items)
    private = "salary was 85k"
    plain = to_ics(items, today=TODAY)
    assert private.encode() not in plain.replace(b"\r\n ", b"")
    notes = {i.person: i.notes for i in network.interviews() if i.notes}
    with_notes = to_ics(items, today=TODAY, notes=notes)
    descriptions = [str(e["DESCRIPTION"]) for e in Calendar.from_ical(with_notes).walk("VEVENT")]
    assert any(private in d for d in descriptions)


def test_hostile_text_is_escaped_and_folded() -> None:
    network = ReferralNetwork(read_dump(fixture("hostile_dump.json")))
    items = agenda(network, today=dt.date(2026, 12, 31), horizon_days=60)
    text = to_ics(items, today=TODAY)
    _check_lines(text)
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(text).walk("VEVENT")]
    assert summaries == [i.action for i in items]


@settings(max_examples=30)
@given(networks(max_persons=8), dates(), st.booleans())
def test_any_agenda_parses_with_short_crlf_lines(
    data: NetworkData, today: dt.date, as_todo: bool
) -> None:
    items = agenda(ReferralNetwork(data), today=today, horizon_days=30)
    text = to_ics(items, today=today, as_todo=as_todo)
    _check_lines(text)
    components = list(Calendar.from_ical(text).walk("VTODO" if as_todo else "VEVENT"))
    assert len(components) == len(items)
