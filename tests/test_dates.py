"""Dates a person means: no event after today, nothing outside 1900–2100.

The check is at the boundary — the CLI's date options and the library's actions — never in
the models, so that stores already holding such dates still load.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from cli_support import run
from typer.testing import CliRunner

from infoview_graph.errors import InvalidInputError
from infoview_graph.models import Outreach
from infoview_graph.store import Store, actions, open_store
from infoview_graph.store.actions import check_date

TODAY = dt.date.today()
NEXT_YEAR = TODAY.replace(year=TODAY.year + 1) if (TODAY.month, TODAY.day) != (2, 29) else TODAY
TOMORROW = TODAY + dt.timedelta(days=1)


# --- check_date ------------------------------------------------------------------------------


def test_a_future_date_suggests_the_same_day_this_year() -> None:
    with pytest.raises(
        InvalidInputError, match=r"--on: 2027-05-01 is in the future — did you mean 2026-05-01\?"
    ):
        check_date(dt.date(2027, 5, 1), "--on", today=dt.date(2026, 11, 20))


def test_a_future_date_this_year_suggests_last_year() -> None:
    """On 1 March 2026, "2026-05-01" is still ahead: the writer meant 2025-05-01."""
    with pytest.raises(InvalidInputError, match="did you mean 2025-05-01"):
        check_date(dt.date(2026, 5, 1), "--on", today=dt.date(2026, 3, 1))


def test_the_29th_of_february_without_a_leap_year_suggests_nothing() -> None:
    with pytest.raises(InvalidInputError, match="in the future; give the day it happened"):
        check_date(dt.date(2028, 2, 29), "--on", today=dt.date(2026, 3, 1))


@pytest.mark.parametrize("day", [dt.date(1899, 12, 31), dt.date(2101, 1, 1), dt.date(1, 1, 1)])
def test_dates_outside_1900_to_2100_are_refused_even_in_the_future(day: dt.date) -> None:
    with pytest.raises(InvalidInputError, match="outside the years 1900–2100"):
        check_date(day, "--due", future=True)


def test_today_and_the_bounds_are_accepted() -> None:
    assert check_date(TODAY, "--on") == TODAY
    assert check_date(dt.date(1900, 1, 1), "--on") == dt.date(1900, 1, 1)
    assert check_date(dt.date(2100, 12, 31), "--due", future=True) == dt.date(2100, 12, 31)


# --- the library's actions -------------------------------------------------------------------


@pytest.fixture
def ann(store: Store) -> Store:
    actions.add_contact(store, "Ann Lee")
    actions.add_contact(store, "Brad Johnson")
    return store


@pytest.mark.parametrize(
    "act",
    [
        lambda s: actions.log_outreach(s, "Ann Lee", on=TOMORROW),
        lambda s: actions.refer(s, "Brad Johnson", "Ann Lee", on=TOMORROW),
        lambda s: actions.log_interview(s, "Ann Lee", on=TOMORROW),
        lambda s: actions.log_interview(s, "Ann Lee", on=TODAY, thanked_on=TOMORROW),
        lambda s: actions.log_outreach(s, "Ann Lee", on=dt.date(1850, 1, 1)),
        lambda s: actions.schedule_meeting(s, "Ann Lee", on=dt.date(2200, 1, 1)),
        lambda s: actions.add_followup(s, "Call", due=dt.date(2300, 1, 1)),
    ],
    ids=["outreach", "refer", "interview", "thanked", "1850", "schedule-2200", "due-2300"],
)
def test_actions_refuse_dates_nobody_means_and_write_nothing(ann: Store, act: object) -> None:
    before = ann.load()
    with pytest.raises(InvalidInputError):
        act(ann)  # type: ignore[operator]
    assert ann.load() == before


def test_a_reply_after_today_is_refused(ann: Store) -> None:
    actions.log_outreach(ann, "Ann Lee", on=TODAY)
    with pytest.raises(InvalidInputError, match="is in the future"):
        actions.log_reply(ann, "Ann Lee", on=TOMORROW)
    assert ann.outreach_to("ann-lee")[0].replied_on is None


def test_today_may_be_given_so_that_a_simulation_can_run_ahead(ann: Store) -> None:
    ahead = TODAY + dt.timedelta(days=40)
    change = actions.log_outreach(ann, "Ann Lee", on=ahead, today=ahead)
    assert change.record.on == ahead


def test_future_dates_where_the_future_is_the_point(ann: Store) -> None:
    meeting = actions.schedule_meeting(ann, "Ann Lee", on=NEXT_YEAR).record
    assert meeting.meeting_on == NEXT_YEAR
    assert actions.add_followup(ann, "Call", due=NEXT_YEAR).record.due == NEXT_YEAR


def test_a_store_that_already_holds_a_future_date_still_loads(ann: Store) -> None:
    """The models do not check: data written before the rule (or imported) stays readable."""
    with ann.write():
        ann.add_outreach(Outreach(id="o-1", person="ann-lee", on=dt.date(2099, 1, 1)))
    assert ann.load_network().person("ann-lee").name == "Ann Lee"


# --- the command line ------------------------------------------------------------------------


@pytest.fixture
def db(runner: CliRunner, db_path: Path) -> Path:
    for name in ("Lena Hoffmann", "Priya Nair"):
        assert run(runner, db_path, "person", "add", name)[0] == 0
    return db_path


@pytest.mark.parametrize(
    "args",
    [
        ("outreach", "Lena Hoffmann", "--on", NEXT_YEAR.isoformat()),
        ("refer", "Priya Nair", "Lena Hoffmann", "--on", NEXT_YEAR.isoformat()),
        ("interview", "log", "Lena Hoffmann", "--on", NEXT_YEAR.isoformat(), "--no-input"),
        ("interview", "log", "Lena Hoffmann", "--thanked-on", NEXT_YEAR.isoformat()),
        ("outreach", "Lena Hoffmann", "--on", "1066-10-14"),
        ("schedule", "Lena Hoffmann", "--on", "2202-01-01"),
        ("followup", "add", "Call Lena", "--due", "0999-01-01"),
        ("agenda", "--today", "2101-01-01"),
    ],
)
def test_cli_refuses_the_date_and_the_store_does_not_change(
    runner: CliRunner, db: Path, args: tuple[str, ...]
) -> None:
    before = db.read_bytes()
    code, out, err = run(runner, db, *args)
    assert (code, out) == (2, ""), err  # a usage error
    err = re.sub(r"[\s│╭╮╰╯─]+", " ", err)
    assert "Invalid value for '--" in err
    assert "is in the future" in err or "outside the years 1900–2100" in err
    assert db.read_bytes() == before


def test_cli_outreach_a_year_ahead_says_did_you_mean(runner: CliRunner, db: Path) -> None:
    code, _, err = run(runner, db, "outreach", "Lena Hoffmann", "--on", NEXT_YEAR.isoformat())
    assert code == 2
    meant = NEXT_YEAR.replace(year=TODAY.year)
    err = re.sub(r"[\s│╭╮╰╯─]+", " ", err)
    assert f"'--on': {NEXT_YEAR} is in the future — did you mean {meant}?" in err
    with open_store(db) as store:
        assert store.outreach_to("lena-hoffmann") == []


def test_cli_schedule_and_snooze_accept_the_future(runner: CliRunner, db: Path) -> None:
    code, _, err = run(runner, db, "schedule", "Lena Hoffmann", "--on", NEXT_YEAR.isoformat())
    assert code == 0, err
    code, _, err = run(runner, db, "followup", "add", "Call Lena", "--due", NEXT_YEAR.isoformat())
    assert code == 0, err


def test_cli_today_accepts_any_date_in_range(runner: CliRunner, db: Path) -> None:
    for day in ("1900-01-01", "2100-12-31", NEXT_YEAR.isoformat()):
        code, _, err = run(runner, db, "agenda", "--today", day)
        assert code == 0, (day, err)
