"""Lifecycle events from LinkedIn messages, mail and calendars: the readers, then each rule.

The fixtures in ``fixtures/events/`` are hand-written in the real formats and tell one story
(today is 2026-11-20; I am Steven Olson):

- ``messages.csv`` — I ask Ann on 2 Nov (multi-line quoted text), she answers on 4 Nov and I
  thank her the same morning; Brad introduces me to Kenji in a group conversation on 5 Nov,
  I write to both on 6 Nov (twice within a minute) and follow up with Kenji on 16 Nov;
  sponsored InMail; a draft never sent.
- ``mail.mbox`` — I ask Jane (RFC 2047 name, multipart body, a subject and body holding
  canary strings) on 3 Nov, she answers on 6 Nov (``In-Reply-To``), I thank her in the same
  thread on 10 Nov; a shop's newsletter; I write to Renée (base64-encoded name) and a
  stranger, copying Brad, on 9 Nov; she answers on 12 Nov at 23:30 +01:00.
- ``calendar.ics`` — a call with Jane on 24 Nov; weekly coffee with Ann from 10 Nov whose
  first day is excluded (so 17 Nov) and whose 24 Nov instance is moved; a cancelled lunch
  with Renée; the dentist.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from infoview_graph.errors import ImportFileError, StoreError
from infoview_graph.interop.calendar import read_calendar
from infoview_graph.interop.mail import read_mail
from infoview_graph.interop.messages import Message, Party, event_key, read_messages
from infoview_graph.store import SCHEMA_VERSION, Store, open_store
from infoview_graph.store.actions import (
    add_contact,
    edit_contact,
    init_store,
    log_outreach,
)
from infoview_graph.store.events_import import import_meetings, import_messages

EVENTS = Path(__file__).parent / "fixtures" / "events"


# Days are the user's local days: every test here runs in UTC (the conftest's fixture).
pytestmark = pytest.mark.usefixtures("utc")


TODAY = dt.date(2026, 11, 20)
D = dt.date


def people(store: Store) -> Store:
    init_store(store, "Steven Olson")
    edit_contact(
        store, "me", emails=["steven@example.org"], url="https://www.linkedin.com/in/steven-olson"
    )
    add_contact(
        store, "Ann Lee", emails=["ann@example.org"], url="https://www.linkedin.com/in/ann-lee"
    )
    add_contact(
        store,
        "Brad Johnson",
        emails=["brad@example.org"],
        url="https://www.linkedin.com/in/brad-johnson",
    )
    add_contact(store, "Kenji Watanabe", url="https://www.linkedin.com/in/kenji-watanabe")
    add_contact(store, "Jane Smith", emails=["jane.smith@generalmills.example"])
    add_contact(store, "Renée Dubois", emails=["renee@example.fr"])
    return store


@pytest.fixture
def story(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "story.db", create=True) as store:
        yield people(store)


def attempts(store: Store, pid: str) -> list[tuple[D, str, D | None, D | None]]:
    return [(o.on, o.channel, o.replied_on, o.meeting_on) for o in store.outreach_to(pid)]


# --- the readers ---------------------------------------------------------------------------


def test_messages_csv_rows_keep_their_first_line_and_group_recipients() -> None:
    """Quoted line breaks make rows span lines: each message names the line it starts on.
    The draft is left out; the group message lists both recipients by URL and by name."""
    found = list(read_messages(EVENTS / "messages.csv", name="messages.csv"))
    assert [m.where for m in found] == [
        "messages.csv, line 2",
        "messages.csv, line 7",
        "messages.csv, line 9",
        "messages.csv, line 10",
        "messages.csv, line 12",
        "messages.csv, line 14",
        "messages.csv, line 15",
        "messages.csv, line 17",
    ]
    group = found[3]
    assert group.sender == Party(
        url="https://www.linkedin.com/in/brad-johnson", name="Brad Johnson"
    )
    assert {p.url for p in group.recipients if p.url} == {
        "https://www.linkedin.com/in/steven-olson",
        "https://www.linkedin.com/in/kenji-watanabe",
    }
    assert {p.name for p in group.recipients if p.name} == {"Steven Olson", "Kenji Watanabe"}
    assert group.thread == found[4].thread != found[0].thread
    assert found[0].mine
    assert not found[1].mine
    assert found[0].sent == dt.datetime(2026, 11, 2, 10, tzinfo=dt.UTC)
    assert len({m.key for m in found}) == len(found)  # two messages a minute apart differ


def test_messages_are_read_from_the_export_zip(tmp_path: Path) -> None:
    archive = tmp_path / "Basic_LinkedInDataExport.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("../evil/messages.csv", "FROM,DATE\r\nx,2026-01-01 00:00:00 UTC\r\n")
        z.writestr("Connections.csv", "First Name,Last Name\r\n")
        z.write(EVENTS / "messages.csv", "Basic_LinkedInDataExport/messages.csv")
    from_zip = list(read_messages(archive))
    plain = list(read_messages(EVENTS / "messages.csv"))
    assert [m.key for m in from_zip] == [m.key for m in plain]
    assert from_zip[0].where.endswith("(Basic_LinkedInDataExport/messages.csv), line 2")


def test_a_zip_without_messages_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Connections.csv", "First Name,Last Name\r\n")
    with pytest.raises(ImportFileError, match=r"export\.zip: the ZIP holds no messages\.csv"):
        list(read_messages(archive))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"NAME,EMAIL\r\nAnn,ann@example.org\r\n", r"x\.csv, line 1: no FROM column"),
        (b'FROM,DATE\r\nAnn,2026-11-02 10:00:00 UTC\r\n"Bob,2026\r\n', r"x\.csv, line 3: "),
        (b"FROM,DATE\r\n\xff\xfe,2026-11-02\r\n", r"x\.csv, near line \d+: not UTF-8"),
    ],
)
def test_bad_messages_csv_names_file_and_line(content: bytes, expected: str) -> None:
    with pytest.raises(ImportFileError, match=expected):
        list(read_messages(content, name="x.csv"))


def test_mbox_headers_only_with_threads_and_encoded_names() -> None:
    """Six messages: the body's escaped ">From" line and the multipart parts split nothing;
    the reply (In-Reply-To) and the thank-you (References) share the first message's thread;
    Renée's address is found behind a base64-encoded name, in lower case."""
    found = list(read_mail(EVENTS / "mail.mbox", name="mail.mbox"))
    assert [m.where for m in found] == [
        "mail.mbox, message 1 (line 1)",
        "mail.mbox, message 2 (line 21)",
        "mail.mbox, message 3 (line 32)",
        "mail.mbox, message 4 (line 41)",
        "mail.mbox, message 5 (line 51)",
        "mail.mbox, message 6 (line 62)",
    ]
    ask, answer, promo, renee, thanks, reply = found
    assert ask.recipients == (Party(email="jane.smith@generalmills.example"),)
    assert answer.sender == Party(email="jane.smith@generalmills.example")
    assert ask.thread == answer.thread == thanks.thread != renee.thread == reply.thread
    assert renee.recipients == (
        Party(email="renee@example.fr"),
        Party(email="friend@elsewhere.example"),
    )  # Cc (Brad) is not asked anything
    assert reply.sender == Party(email="renee@example.fr")
    assert reply.sent == dt.datetime(2026, 11, 12, 22, 30, tzinfo=dt.UTC)
    assert promo.key == event_key("mail", "<promo-1@shop.example>")


def test_a_folder_of_eml_files_reads_like_the_mbox(tmp_path: Path) -> None:
    text = (EVENTS / "mail.mbox").read_bytes()
    parts = [b"From " + p for p in text.split(b"\n\nFrom ")]
    parts[0] = parts[0][len(b"From ") :]
    for n, part in enumerate(parts, 1):
        (tmp_path / f"{n:02}.eml").write_bytes(part.split(b"\n", 1)[1])
    from_folder = list(read_mail(tmp_path))
    from_mbox = list(read_mail(EVENTS / "mail.mbox"))
    assert [(m.key, m.sent, m.sender, m.thread) for m in from_folder] == [
        (m.key, m.sent, m.sender, m.thread) for m in from_mbox
    ]
    assert from_folder[0].where == f"{tmp_path}/01.eml"


def test_a_file_that_is_no_mbox_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match=r"note\.txt, line 1: not an mbox file"):
        list(read_mail(b"Subject: hi\n\nbody\n", name="note.txt"))
    with pytest.raises(ImportFileError, match=r"no \.eml file"):
        list(read_mail(tmp_path))


def test_calendar_attendees_rrule_exdate_overrides_and_cancellation() -> None:
    found = list(read_calendar(EVENTS / "calendar.ics", name="cal.ics"))
    assert [(m.where, m.on, m.cancelled, m.people) for m in found] == [
        (
            "cal.ics, event 1 (line 21)",
            D(2026, 11, 24),
            False,
            ("steven@example.org", "jane.smith@generalmills.example"),
        ),
        (
            "cal.ics, event 2 (line 32)",
            D(2026, 11, 17),
            False,
            ("ann@example.org", "steven@example.org"),
        ),
        ("cal.ics, event 4 (line 51)", D(2026, 11, 27), True, ("renee@example.fr",)),
        ("cal.ics, event 5 (line 59)", D(2026, 11, 18), False, ("desk@dentist.example",)),
    ]  # event 3 is the moved instance of the coffee series: not a meeting of its own


def test_a_file_that_is_no_calendar_is_refused() -> None:
    with pytest.raises(ImportFileError, match=r"card\.vcf: not an iCalendar file"):
        list(read_calendar(b"BEGIN:VCARD\r\nFN:Ann\r\nEND:VCARD\r\n", name="card.vcf"))


# --- the rules -----------------------------------------------------------------------------


def test_linkedin_first_message_asks_next_answers_later_follows_up(story: Store) -> None:
    """Ann: asked 2 Nov, answered 4 Nov; my thanks that morning goes on the conversation.
    Kenji: Brad's introduction is Brad's conversation, so my note to the group asks Kenji
    only (the second note a minute later is the same attempt); 16 Nov is the follow-up."""
    report = import_messages(
        story, read_messages(EVENTS / "messages.csv"), file="messages.csv", today=TODAY
    )
    assert attempts(story, "ann-lee") == [(D(2026, 11, 2), "linkedin", D(2026, 11, 4), None)]
    assert attempts(story, "kenji-watanabe") == [
        (D(2026, 11, 6), "linkedin", None, None),
        (D(2026, 11, 16), "linkedin", None, None),
    ]
    assert attempts(story, "brad-johnson") == []
    assert report.summary() == (
        "messages.csv: 3 outreach, 1 reply, 0 meetings for 2 contacts; "
        "1 message with others ignored"
    )


def test_mail_rules_with_threads_cc_and_strangers(story: Store) -> None:
    report = import_messages(story, read_mail(EVENTS / "mail.mbox"), file="m", today=TODAY)
    assert attempts(story, "jane-smith") == [(D(2026, 11, 3), "email", D(2026, 11, 6), None)]
    assert attempts(story, "renee-dubois") == [(D(2026, 11, 9), "email", D(2026, 11, 12), None)]
    assert attempts(story, "brad-johnson") == []  # copied, not asked
    assert (report.count("outreach"), report.count("reply"), report.with_others) == (2, 2, 1)


def test_calendar_meetings_are_what_schedule_records(story: Store) -> None:
    import_messages(story, read_messages(EVENTS / "messages.csv"), file="c", today=TODAY)
    import_messages(story, read_mail(EVENTS / "mail.mbox"), file="m", today=TODAY)
    report = import_meetings(story, read_calendar(EVENTS / "calendar.ics"), file="i", today=TODAY)
    assert attempts(story, "jane-smith") == [
        (D(2026, 11, 3), "email", D(2026, 11, 6), D(2026, 11, 24))
    ]
    assert attempts(story, "ann-lee") == [
        (D(2026, 11, 2), "linkedin", D(2026, 11, 4), D(2026, 11, 17))
    ]
    assert attempts(story, "renee-dubois")[0][3] is None  # cancelled, never recorded
    assert (report.count("meeting"), report.with_others, report.cancelled) == (2, 1, 0)


def test_a_cancelled_event_takes_back_its_meeting_and_a_moved_one_moves(story: Store) -> None:
    import_messages(story, read_mail(EVENTS / "mail.mbox"), file="m", today=TODAY)
    text = (EVENTS / "calendar.ics").read_bytes()
    confirmed = text.replace(b"STATUS:CANCELLED\r\n", b"")
    import_meetings(story, read_calendar(confirmed), file="i", today=TODAY)
    assert attempts(story, "renee-dubois")[0][3] == D(2026, 11, 27)
    moved = confirmed.replace(b"DTSTART;VALUE=DATE:20261127", b"DTSTART;VALUE=DATE:20261130")
    again = import_meetings(story, read_calendar(moved), file="i", today=TODAY)
    assert attempts(story, "renee-dubois")[0][3] == D(2026, 11, 30)
    assert (again.count("meeting"), again.before) == (1, 2)
    report = import_meetings(story, read_calendar(text), file="i", today=TODAY)
    assert attempts(story, "renee-dubois") == [(D(2026, 11, 9), "email", D(2026, 11, 12), None)]
    assert report.cancelled == 1
    assert import_meetings(story, read_calendar(text), file="i", today=TODAY).cancelled == 0


def test_a_second_import_records_nothing(story: Store) -> None:
    for _ in range(2):
        import_messages(story, read_messages(EVENTS / "messages.csv"), file="c", today=TODAY)
        import_messages(story, read_mail(EVENTS / "mail.mbox"), file="m", today=TODAY)
        import_meetings(story, read_calendar(EVENTS / "calendar.ics"), file="i", today=TODAY)
    first = story.load()
    again = import_messages(story, read_mail(EVENTS / "mail.mbox"), file="m", today=TODAY)
    assert (again.recorded, again.before) == ([], 4)
    assert story.load() == first
    assert len(first.outreach) == 5


def test_dry_run_reports_per_person_and_saves_nothing(story: Store) -> None:
    report = import_messages(
        story, read_mail(EVENTS / "mail.mbox"), file="m", today=TODAY, dry_run=True
    )
    assert report.by_person() == [
        "jane-smith: outreach 2026-11-03 (email), reply 2026-11-06 (email)",
        "renee-dubois: outreach 2026-11-09 (email), reply 2026-11-12 (email)",
    ]
    assert report.summary().endswith("(dry run: nothing saved)")
    assert story.load().outreach == ()
    assert story._con.execute("SELECT count(*) FROM imported_events").fetchone() == (0,)


def test_since_ignores_what_came_before(story: Store) -> None:
    report = import_messages(
        story, read_mail(EVENTS / "mail.mbox"), file="m", today=TODAY, since=D(2026, 11, 8)
    )
    assert attempts(story, "jane-smith") == []
    assert attempts(story, "renee-dubois") == [(D(2026, 11, 9), "email", D(2026, 11, 12), None)]
    assert "2 messages with contacts before --since 2026-11-08 ignored" in report.notes


def test_messages_after_today_are_skipped(story: Store) -> None:
    report = import_messages(
        story, read_mail(EVENTS / "mail.mbox"), file="m", today=D(2026, 11, 10)
    )
    assert attempts(story, "renee-dubois") == [(D(2026, 11, 9), "email", None, None)]
    assert "1 messages dated after 2026-11-10 skipped" in report.notes


def test_an_unreadable_date_with_a_contact_refuses_the_file(story: Store) -> None:
    text = (EVENTS / "mail.mbox").read_bytes()
    broken = text.replace(b"Date: Fri, 6 Nov 2026 11:10:00 -0500", b"Date: yesterday-ish")
    with pytest.raises(ImportFileError, match=r"mail\.mbox, message 2 \(line 21\): its date"):
        import_messages(story, read_mail(broken, name="mail.mbox"), file="mail.mbox", today=TODAY)
    assert story.load().outreach == ()
    stranger = text.replace(b"Date: Sat, 07 Nov 2026 06:00:00 +0000", b"Date: soon")
    report = import_messages(story, read_mail(stranger), file="m", today=TODAY)
    assert report.with_others == 1


def test_who_i_am_must_be_known(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db", create=True) as store:
        init_store(store, "Someone Else")
        add_contact(store, "Jane Smith", emails=["jane.smith@generalmills.example"])
        with pytest.raises(ImportFileError, match=r"no message is from you.*--me"):
            import_messages(store, read_mail(EVENTS / "mail.mbox"), file="m", today=TODAY)
        report = import_messages(
            store, read_mail(EVENTS / "mail.mbox"), file="m", today=TODAY,
            me=["Steven@Example.org"],
        )  # fmt: skip
        assert report.count("outreach") == 1


def test_a_conversation_they_began_is_no_outreach(story: Store) -> None:
    def message(sender: str, to: str, day: int, thread: str) -> Message:
        return Message(
            f"x, line {day}", event_key(sender, str(day)),
            dt.datetime(2026, 11, day, 12, tzinfo=dt.UTC), Party(email=sender),
            (Party(email=to),), event_key(thread), "email",
        )  # fmt: skip

    stream = [
        message("ann@example.org", "steven@example.org", 2, "t1"),
        message("steven@example.org", "ann@example.org", 3, "t1"),
        message("steven@example.org", "ann@example.org", 10, "t2"),
    ]
    report = import_messages(story, stream, file="x", today=TODAY)
    assert attempts(story, "ann-lee") == [(D(2026, 11, 10), "email", None, None)]
    assert report.count("outreach") == 1


def test_do_not_contact_and_shared_names_are_not_recorded(story: Store) -> None:
    edit_contact(story, "Kenji Watanabe", do_not_contact=True)
    add_contact(story, "Ann Lee", new=True)  # a second Ann Lee: the name alone names no one
    csv = (
        b"CONVERSATION ID,FROM,TO,DATE\r\n"
        b"c1,Steven Olson,Ann Lee,2026-11-03 09:00:00 UTC\r\n"
        b"c2,Steven Olson,Kenji Watanabe,2026-11-03 09:00:00 UTC\r\n"
    )
    report = import_messages(story, read_messages(csv), file="c", today=TODAY)
    assert report.recorded == []
    assert report.with_others == 1
    assert "1 messages to people marked do not contact not recorded" in report.notes


def test_a_typed_outreach_is_answered_by_an_imported_reply(story: Store) -> None:
    log_outreach(story, "Jane Smith", on=D(2026, 11, 2), channel="phone")
    import_messages(story, read_mail(EVENTS / "mail.mbox"), file="m", today=TODAY)
    assert attempts(story, "jane-smith") == [
        (D(2026, 11, 2), "phone", D(2026, 11, 6), None),
        (D(2026, 11, 3), "email", D(2026, 11, 6), None),
    ]


def test_a_version_4_store_gains_the_imported_events_table(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    with open_store(path, create=True) as store:
        people(store)
    con = sqlite3.connect(path)
    con.execute("DROP TABLE imported_events")
    for (trigger,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%person_version%'"
    ).fetchall():
        con.execute(f"DROP TRIGGER {trigger}")
    con.execute("DROP TABLE person_cache")
    con.execute("DROP TABLE person_version")
    con.execute("DROP INDEX ties_detailed")
    con.execute("PRAGMA user_version = 4")
    con.commit()
    con.close()
    with open_store(path) as store:
        assert store.pragma("user_version") == SCHEMA_VERSION == 6
        assert store.migration_backup == tmp_path / "v4.db.v4.bak"
        import_messages(store, read_mail(EVENTS / "mail.mbox"), file="m", today=TODAY)
        assert attempts(store, "jane-smith")[0][2] == D(2026, 11, 6)
    with open_store(":memory:") as fresh:
        schema = "SELECT sql FROM sqlite_master WHERE name LIKE 'imported_events%' ORDER BY name"
        con = sqlite3.connect(path)
        try:
            assert con.execute(schema).fetchall() == fresh._con.execute(schema).fetchall()
        finally:
            con.close()


def test_the_store_refuses_a_key_that_is_no_hash(story: Store) -> None:
    log_outreach(story, "Ann Lee", on=D(2026, 11, 2))
    with pytest.raises(StoreError, match=r"CHECK constraint failed: length\(key\)"), story.write():
        story._con.execute(
            "INSERT INTO imported_events VALUES ('<m1@example.org>', 'outreach', "
            "'outreach-ann-lee', '2026-11-02')"
        )


def test_days_are_where_i_am(story: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Renée answered at 23:30 in Paris (22:30 UTC on 12 Nov): in Tokyo that is 13 Nov."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    import_messages(story, read_mail(EVENTS / "mail.mbox"), file="m", today=TODAY)
    assert attempts(story, "renee-dubois") == [(D(2026, 11, 9), "email", D(2026, 11, 13), None)]


def test_a_meeting_before_my_outreach_is_reported_not_recorded(story: Store) -> None:
    log_outreach(story, "Ann Lee", on=D(2026, 11, 18))
    report = import_meetings(story, read_calendar(EVENTS / "calendar.ics"), file="i", today=TODAY)
    assert attempts(story, "ann-lee") == [(D(2026, 11, 18), "email", None, None)]
    assert any(
        n.startswith("the meeting with ann-lee on 2026-11-17 is not recorded") for n in report.notes
    )


def test_a_repeat_rule_dateutil_refuses_falls_back_to_the_first_start() -> None:
    """UNTIL in UTC with a floating DTSTART breaks dateutil; DTSTART is the first day."""
    ics = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261201T090000\r\n"
        b"RRULE:FREQ=DAILY;UNTIL=20261210T090000Z\r\nATTENDEE:mailto:ann@example.org\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert [m.on for m in read_calendar(ics)] == [D(2026, 12, 1)]


def test_a_messages_zip_listing_too_many_members_is_refused_before_it_is_read(
    tmp_path: Path,
) -> None:
    """The export's ZIP is opened as the connections import opens it: a ZIP listing more
    members than LinkedIn's export ever holds is refused from its end record."""
    from infoview_graph.interop.linkedin import MAX_MEMBERS

    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(MAX_MEMBERS + 1):
            archive.writestr(f"x/{i}", b"")
    with pytest.raises(ImportFileError, match=f"lists {MAX_MEMBERS + 1:,} members"):
        list(read_messages(path))
