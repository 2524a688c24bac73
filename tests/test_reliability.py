"""Proof that the store never loses data and never half-writes it.

Harnesses in the spirit of SQLite's own tests: a writer killed with SIGKILL at random
moments (through the library and through the command), writes that hit a full disk at
every possible point, concurrent writers and readers, backups taken while another process
writes, a migration killed half-way. Each harness has a self-test proving it can fail.

``RELIABILITY_KILLS`` raises the number of kills (default 100 through the library, 20
through the command).
"""

from __future__ import annotations

import builtins
import datetime as dt
import multiprocessing
import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlite_support import first_row

from infoview_graph._files import orphans, write_atomic
from infoview_graph.errors import DuplicateError, InvalidInputError, StoreIOError
from infoview_graph.models import NetworkData, Person
from infoview_graph.store import SCHEMA_VERSION, Store, actions, open_store

pytestmark = pytest.mark.reliability

KILLS = int(os.environ.get("RELIABILITY_KILLS", "100"))
OPS = 40
DAY = dt.date(2026, 11, 2)
FIXTURES = Path(__file__).parent / "fixtures"


# --- the operations and the model of their effects -------------------------------------------


def operation(store: Store, i: int) -> None:
    """The i-th operation of the workload: every kind of single-record write, in turn."""
    kind = i % 4
    if kind == 0:
        actions.add_contact(store, f"Person {i}", fields=("Accounting",) if i % 3 else ())
    elif kind == 1:
        actions.know(store, "me", f"Person {i - 1}", strength=i % 6)
    elif kind == 2:
        actions.refer(store, f"Person {i - 2}", f"Referee {i}", on=DAY, may_use_name=True)
    else:
        actions.edit_contact(store, f"Person {i - 3}", title=f"Title {i}")


def broken_operation(store: Store, i: int) -> None:
    """A deliberately broken writer: adding a contact commits the person and the tie in
    two transactions, so a kill between them leaves a state no prefix of the workload has."""
    if i % 4:
        operation(store, i)
        return
    with store.write():
        store.add_person(Person(id=store.new_person_id(f"Person {i}"), name=f"Person {i}"))
    time.sleep(0.01)
    actions.know(store, "me", f"Person {i}", strength=1)
    if i % 3:
        actions.edit_contact(store, f"Person {i}", fields=["Accounting"])


def fresh_store(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    actions.create_store(path, "Steven Olson")


def expected_states(count: int) -> list[NetworkData]:
    """The store's content after 0, 1, … ``count`` operations (in a private memory store)."""
    with open_store(":memory:") as store:
        actions.init_store(store, "Steven Olson")
        states = [store.load()]
        for i in range(count):
            operation(store, i)
            states.append(store.load())
    return states


def check_store(path: Path) -> NetworkData:
    """Open the store after a crash: it opens, passes the integrity and reference checks."""
    with open_store(path) as store:
        assert store._con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert store._con.execute("PRAGMA foreign_key_check").fetchall() == []
        return store.load()


# --- kill at any moment ----------------------------------------------------------------------


def _child(path: str, start: int, write_fd: int, broken: bool) -> None:
    writer = broken_operation if broken else operation
    with open_store(path) as store:
        for i in range(start, OPS):
            writer(store, i)
            os.write(write_fd, f"{i}\n".encode())
    os._exit(0)


def kill_harness(
    path: Path, kills: int, *, broken: bool = False, seed: int = 0
) -> tuple[int, list[str]]:
    """Kill a writer ``kills`` times; return the kills survived and the violations found.

    After each kill the store must equal the state after the last acknowledged operation,
    or after the one that was in flight.
    """
    rng = random.Random(seed)
    states = expected_states(OPS)
    context = multiprocessing.get_context("fork")
    fresh_store(path)
    applied, survived, violations = 0, 0, []
    for _ in range(kills):
        if applied == OPS:
            fresh_store(path)
            applied = 0
        read_fd, write_fd = os.pipe()
        child = context.Process(target=_child, args=(str(path), applied, write_fd, broken))
        child.start()
        os.close(write_fd)
        time.sleep(rng.uniform(0.0, 0.08))
        if child.pid is not None:
            os.kill(child.pid, signal.SIGKILL)
        child.join()
        with os.fdopen(read_fd) as acks:
            acknowledged = [int(line) for line in acks.read().split()]
        last = acknowledged[-1] + 1 if acknowledged else applied
        content = check_store(path)
        matches = [k for k in (last, last + 1) if k <= OPS and states[k] == content]
        if matches:
            applied = matches[0]
            survived += 1
        else:
            violations.append(f"after {last} acknowledged operations the store matches neither")
            fresh_store(path)
            applied = 0
    return survived, violations


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_writer_killed_at_any_moment_loses_nothing(tmp_path: Path) -> None:
    survived, violations = kill_harness(tmp_path / "kill.db", KILLS)
    assert violations == []
    assert survived == KILLS


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_the_kill_harness_catches_a_broken_writer(tmp_path: Path) -> None:
    _, violations = kill_harness(tmp_path / "broken.db", 40, broken=True, seed=1)
    assert violations, "the harness never noticed a writer that commits half an operation"


CLI_WORKER = textwrap.dedent(
    """
    import sys
    from infoview_graph.cli import app
    db, start = sys.argv[1], int(sys.argv[2])
    for i in range(start, 1000):
        try:
            app(["--db", db, "person", "add", f"Person {i}", "--field", "Accounting"],
                standalone_mode=False)
        except SystemExit:
            pass
        print("ACK", i, flush=True)
    """
)


def test_the_command_killed_at_any_moment_loses_nothing(tmp_path: Path) -> None:
    """The same through the `referrals` command: after each kill the store holds exactly
    the acknowledged people, or those and the one in flight."""
    path = tmp_path / "cli.db"
    fresh_store(path)
    rng = random.Random(2)
    kills = max(5, KILLS // 5)
    start = 0
    for _ in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-c", CLI_WORKER, str(path), str(start)],
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(rng.uniform(0.3, 0.9))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        acknowledged = [int(line.split()[1]) for line in out.splitlines() if line.startswith("ACK")]
        last = acknowledged[-1] + 1 if acknowledged else start
        people = {p.name for p in check_store(path).persons} - {"Steven Olson"}
        assert people in ({f"Person {i}" for i in range(k)} for k in (last, last + 1))
        start = len(people)


# --- disk full and I/O errors ----------------------------------------------------------------


def attempt(action: Callable[[], object]) -> Exception | None:
    """Run an action; return the library error it raised, or None if it succeeded."""
    try:
        action()
    except (StoreIOError, DuplicateError) as error:
        return error
    return None


def test_a_full_disk_at_any_point_saves_nothing(store: Store) -> None:
    """Cap the file at its size plus n pages, for n = 0, 1, 2, …: the write fails with the
    disk-full error and leaves the store as it was, until the cap is large enough."""
    actions.add_contact(store, "Brad Johnson")
    before = store.load()
    pages = store.pragma("page_count")
    failures = []
    for extra in range(200):
        store._con.execute(f"PRAGMA max_page_count = {pages + extra}")
        error = attempt(
            lambda: actions.add_contact(
                store, "Big Note", notes="x" * 30_000, org="Acme", fields=("Accounting",)
            )
        )
        if error is None:
            break
        failures.append(error)
        assert store.load() == before
    else:
        pytest.fail("the write never succeeded")
    assert failures  # the harness really injected a fault
    assert all(isinstance(e, StoreIOError) and e.exit_code == 74 for e in failures)
    assert all("disk full" in str(e) for e in failures)
    assert store.find_person("Big Note").notes == "x" * 30_000


def test_disk_full_in_the_command_says_nothing_was_saved(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from infoview_graph.cli import _context, app

    def full_store() -> Store:
        store = open_store(db_path)
        store._con.execute(f"PRAGMA max_page_count = {store.pragma('page_count')}")
        return store

    monkeypatch.setattr(_context, "open_for_write", full_store)
    monkeypatch.setattr("infoview_graph.cli.people.open_for_write", full_store)
    before = db_path.read_bytes()
    result = CliRunner().invoke(
        app, ["--db", str(db_path), "person", "add", "Ann", "--note", "y" * 50_000]
    )
    assert result.exit_code == 74
    assert "disk full — nothing saved" in result.stderr
    assert db_path.read_bytes() == before


class _RollbackFails:
    """A connection whose ROLLBACK fails, to check the first error is the one reported."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self._con = con

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def execute(self, sql: str, *args: Any) -> Any:
        if sql.strip().upper() == "ROLLBACK":
            raise sqlite3.OperationalError("cannot rollback - disk I/O error")
        return self._con.execute(sql, *args)


def test_a_failed_rollback_never_masks_the_original_error(store: Store) -> None:
    store._con = _RollbackFails(store._con)  # type: ignore[assignment]
    with pytest.raises(LookupError, match="no person named 'Nobody'"):
        actions.refer(store, "Nobody", "Someone")


class _Faults:
    """Make the n-th write or fsync of a file fail with the given errno."""

    def __init__(self, n: int, errno_value: int) -> None:
        self.n, self.errno, self.calls = n, errno_value, 0
        self.real_open, self.real_fsync = builtins.open, os.fsync

    def tick(self) -> None:
        self.calls += 1
        if self.calls == self.n:
            raise OSError(self.errno, os.strerror(self.errno))

    def open(self, path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        faults, handle = self, self.real_open(path, mode, *args, **kwargs)

        class Handle:
            def write(self, data: bytes) -> int:
                faults.tick()
                return int(handle.write(data))

            def __enter__(self) -> Any:
                return self

            def __exit__(self, *exc: object) -> None:
                handle.close()

        return Handle()

    def fsync(self, fd: int) -> None:
        self.tick()
        self.real_fsync(fd)


@pytest.mark.parametrize("errno_value", [28, 5], ids=["ENOSPC", "EIO"])
def test_own_file_writes_fail_cleanly_at_every_point(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errno_value: int
) -> None:
    """Make the n-th write or fsync fail, n = 1, 2, …: the target never appears
    half-written, no temporary file is left, and the error says nothing was saved."""
    target = tmp_path / "export.json"
    failures: list[Exception] = []
    for n in range(1, 20):
        faults = _Faults(n, errno_value)
        with monkeypatch.context() as patched:
            patched.setattr(builtins, "open", faults.open)
            patched.setattr(os, "fsync", faults.fsync)
            error = attempt(lambda: write_atomic(target, b"{}" * 1000))
        assert orphans(tmp_path) == []
        if error is None:
            break
        failures.append(error)
        assert not target.exists()
    assert target.read_bytes() == b"{}" * 1000
    assert len(failures) >= 2  # the write and the fsync each failed once
    assert all("nothing saved" in str(e) for e in failures)


# --- concurrency -----------------------------------------------------------------------------


def test_four_processes_fifty_referrals_each(db_path: Path) -> None:
    """4 × 50 `referrals refer` commands at once: every acknowledged referral is there."""
    worker = textwrap.dedent(
        """
        import sys
        from typer.testing import CliRunner
        from infoview_graph.cli import app
        db, tag = sys.argv[1], sys.argv[2]
        runner = CliRunner()
        runner.invoke(app, ["--db", db, "person", "add", f"Referrer {tag}"])
        for i in range(50):
            result = runner.invoke(app, ["--db", db, "refer", f"Referrer {tag}",
                                         f"Named {tag} {i}"])
            print(result.exit_code, flush=True)
        """
    )
    env = {**os.environ, "REFERRALS_BUSY_TIMEOUT": "20"}
    procs = [
        subprocess.Popen([sys.executable, "-c", worker, str(db_path), tag],
                         stdout=subprocess.PIPE, text=True, env=env)
        for tag in "abcd"
    ]  # fmt: skip
    codes = [line for p in procs for line in p.communicate(timeout=300)[0].split()]
    assert len(codes) == 200
    assert set(codes) <= {"0", "75"}
    with open_store(db_path) as store:
        assert store.count("referrals") == codes.count("0")
        assert store._con.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_readers_see_a_big_write_whole_or_not_at_all(tmp_path: Path) -> None:
    """While 30,000 people are written in one transaction, readers count 1 or 30,001."""
    path = tmp_path / "big.db"
    actions.create_store(path, "Steven Olson")
    writer = textwrap.dedent(
        """
        import sys
        from infoview_graph.models import Person
        from infoview_graph.store import open_store
        people = [Person(id=f"p{i}", name=f"Person {i}") for i in range(30000)]
        with open_store(sys.argv[1]) as store, store.write():
            for person in people:
                store.add_person(person)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", writer, str(path)])
    seen = set()
    reader = sqlite3.connect(path, timeout=10)
    while child.poll() is None:
        seen.add(reader.execute("SELECT count(*) FROM persons").fetchone()[0])
        time.sleep(0.01)
    seen.add(reader.execute("SELECT count(*) FROM persons").fetchone()[0])
    reader.close()
    assert child.returncode == 0
    assert seen <= {1, 30_001}
    assert 30_001 in seen


# --- backups while another process writes ----------------------------------------------------


def test_backups_taken_during_writes_are_whole(db_path: Path, tmp_path: Path) -> None:
    """20 backups while a second process adds people one by one: each backup opens, passes
    the integrity check, holds a prefix of the people (a committed state) and is 0600."""
    worker = textwrap.dedent(
        """
        import sys
        from infoview_graph.store import open_store
        from infoview_graph.store.actions import add_contact
        with open_store(sys.argv[1], busy_timeout=20) as store:
            for i in range(100000):
                add_contact(store, f"Person {i}")
        """
    )
    child = subprocess.Popen([sys.executable, "-c", worker, str(db_path)])
    try:
        time.sleep(0.3)
        sizes = []
        for n in range(20):
            target = tmp_path / f"backup-{n}.db"
            with open_store(db_path, busy_timeout=20) as store:
                store.backup(target)
            assert stat.S_IMODE(target.stat().st_mode) == 0o600
            copy = sqlite3.connect(target)
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            names = {row[0] for row in copy.execute("SELECT name FROM persons WHERE is_self = 0")}
            copy.close()
            assert names == {f"Person {i}" for i in range(len(names))}
            sizes.append(len(names))
            time.sleep(0.02)
    finally:
        child.kill()
        child.wait()
    assert sizes == sorted(sizes)
    assert sizes[-1] > sizes[0]  # the writer really was writing meanwhile


def test_backup_refuses_the_store_itself_and_existing_files(store: Store, db_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="store itself"):
        store.backup(db_path)
    store.backup(db_path.with_name("copy.db"))
    with pytest.raises(DuplicateError, match="exists already"):
        store.backup(db_path.with_name("copy.db"))
    assert orphans(db_path.parent) == []


# --- schema evolution ------------------------------------------------------------------------


def _migrate_in_child(path: str) -> None:
    open_store(path).close()
    os._exit(0)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_migration_killed_half_way_leaves_the_old_store_or_the_new(tmp_path: Path) -> None:
    """Kill the process migrating a v0 store at random moments: afterwards the store is the
    old one (still version 0, data intact) or the migrated one; opening it again migrates
    or simply opens, and the data is all there."""
    rng = random.Random(3)
    context = multiprocessing.get_context("fork")
    outcomes = set()
    for n in range(12):
        path = tmp_path / f"old-{n}.db"
        con = sqlite3.connect(path)
        con.executescript((FIXTURES / "store-v0.sql").read_text())
        con.close()
        path.chmod(0o600)
        child = context.Process(target=_migrate_in_child, args=(str(path),))
        child.start()
        time.sleep(rng.uniform(0.0, 0.05))
        if child.pid is not None:
            os.kill(child.pid, signal.SIGKILL)
        child.join()
        version = first_row(path, "PRAGMA user_version")[0]
        outcomes.add(version)
        data = check_store(path)  # migrates now if it had not
        assert {p.id for p in data.persons} == {
            "steven-olson",
            "brad-johnson",
            "mrs-smith",
            "ann-lee",
        }
        assert len(data.referrals) == 1
        assert list(tmp_path.glob(f"old-{n}.db.v0*.bak"))  # a backup was kept
    assert outcomes <= {0, SCHEMA_VERSION}


# --- privacy ---------------------------------------------------------------------------------


CANARY = "Qzx7Canary"


def _canary_store(path: Path) -> None:
    actions.create_store(path, "Steven Olson")
    with open_store(path) as store:
        actions.add_target(store, "field", f"{CANARY} Field", priority=1)
        actions.add_contact(
            store, f"{CANARY} Person", org=f"{CANARY} Org", title=f"{CANARY} Title",
            fields=(f"{CANARY} Field",), emails=(f"{CANARY.lower()}@example.org",),
            phones=("+1 555 0100",), url=f"https://example.org/{CANARY}",
            tags=(f"{CANARY} tag",), notes=f"{CANARY} note", how="friend",
        )  # fmt: skip
        actions.refer(store, f"{CANARY} Person", f"{CANARY} Referee", on=DAY,
                      note=f"{CANARY} referral note")  # fmt: skip
        actions.log_outreach(store, f"{CANARY} Referee", on=DAY)
        actions.log_reply(store, f"{CANARY} Referee", on=DAY)
        actions.log_interview(store, f"{CANARY} Referee", on=DAY,
                              answers={"culture": f"{CANARY} answer"},
                              advice=(f"{CANARY} advice",))  # fmt: skip


CRASH = textwrap.dedent(
    """
    import sys
    import infoview_graph.cli._output as output
    def boom(*args, **kwargs):
        raise RuntimeError("rendering failed")
    for name in ("emit_json", "emit_table", "emit_record", "done"):
        setattr(output, name, boom)
    import infoview_graph.cli as cli
    for module in (cli.people, cli.catalog, cli.events, cli.advice, cli.progress):
        for name in ("emit_json", "emit_table", "emit_record", "done"):
            if hasattr(module, name):
                setattr(module, name, boom)
    import typer
    typer.echo = boom
    sys.argv = ["referrals"] + sys.argv[1:]
    cli.main()
    """
)

COMMANDS = [
    ["person", "list"],
    ["person", "list", "--json"],
    ["person", "show", f"{CANARY} Person"],
    ["person", "show", f"{CANARY} Person", "--json"],
    ["org", "list"],
    ["org", "show", f"{CANARY} Org"],
    ["field", "list"],
    ["target", "list"],
    ["suggest", "--explain"],
    ["suggest", "--json"],
    ["intro", f"{CANARY} Org"],
    ["coverage"],
    ["chains"],
    ["agenda", "--today", "2026-12-01"],
    ["person", "edit", f"{CANARY} Person", "--title", "New title"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_crash_inside_any_command_never_shows_contacts_data(
    tmp_path: Path, command: list[str]
) -> None:
    path = tmp_path / "canary.db"
    _canary_store(path)
    typed = " ".join(command)
    result = subprocess.run(
        [sys.executable, "-c", CRASH, "--db", str(path), *command],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "rendering failed" in result.stderr  # the crash really happened, after loading
    leaked = result.stderr.replace(typed, "")  # the traceback: data the user did not type
    assert CANARY not in leaked
    assert CANARY.lower() not in leaked


def test_every_file_is_private_under_a_permissive_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "new" / "referrals.db"
        actions.create_store(path, "Steven Olson")
        with open_store(path) as store:
            actions.add_contact(store, "Ann Lee")
            store.backup(tmp_path / "new" / "backup.db")
            created = list(path.parent.iterdir())
            assert {p.name for p in created} >= {
                "referrals.db",
                "referrals.db-wal",
                "referrals.db-shm",
                "backup.db",
            }
            for file in created:
                assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name
        write_atomic(tmp_path / "new" / "export.json", b"{}")
        assert stat.S_IMODE((tmp_path / "new" / "export.json").stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    finally:
        os.umask(old)


# --- hostile data ------------------------------------------------------------------------------


HOSTILE = [
    "[bold]Mallory[/bold]",
    "[link=https://evil.example]click[/link]",
    "$\\undefined$ Math",
    "<script>alert(1)</script>",
    '=HYPERLINK("https://evil.example","x")',
    "../../etc/passwd",
    "שלום עליכם",
]


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_hostile_names_print_literally_everywhere(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "hostile.db"
    actions.create_store(path, "Steven Olson")
    with open_store(path) as store:
        actions.add_target(store, "field", "Accounting", priority=1)
        for name in HOSTILE:
            actions.add_contact(store, name, fields=("Accounting",), notes="n" * 10_000,
                                org=name[:20], how="colleague")  # fmt: skip
        actions.refer(store, HOSTILE[0], HOSTILE[1], on=DAY)
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "250"}
    for command in (["person", "list"], ["person", "show", HOSTILE[3]], ["suggest", "-k", "10"],
                    ["suggest", "--explain"], ["coverage"], ["chains"], ["org", "list"],
                    ["person", "list", "--json"], ["intro", "Accounting"]):  # fmt: skip
        result = subprocess.run(
            [sys.executable, "-m", "infoview_graph", "--db", str(path), *command],
            capture_output=True, text=True, env=env, check=False, encoding="utf-8",
            errors="replace",
        )  # fmt: skip
        assert result.returncode == 0, (command, result.stderr[-500:])
        assert "\x1b" not in result.stdout
        assert "Traceback" not in result.stderr
        if encoding == "utf-8" and command in (["person", "list"], ["chains"]):
            assert "[bold]Mallory[/bold]" in result.stdout
    # Nothing was written anywhere else, whatever the names said ("../../etc/passwd").
    assert {p.name for p in tmp_path.iterdir()} <= {"hostile.db", "hostile.db-wal",
                                                    "hostile.db-shm"}  # fmt: skip


def test_no_test_touches_the_network() -> None:
    import socket

    with pytest.raises(RuntimeError, match="network"):
        socket.create_connection(("127.0.0.1", 9))


# --- self-tests: each harness can fail ---------------------------------------------------------


def _broken_add(store: Store) -> None:
    """Adds a contact in two transactions: a fault in the second leaves half of it."""
    with store.write():
        store.add_person(Person(id="half", name="Half Written"))
    actions.add_contact(store, "Big Note", notes="x" * 30_000, org="Acme")


def test_the_disk_full_harness_catches_a_writer_that_half_writes(store: Store) -> None:
    before = store.load()
    pages = store.pragma("page_count")
    caught = []
    for extra in range(200):
        store._con.execute(f"PRAGMA max_page_count = {pages + extra}")
        error = attempt(lambda: _broken_add(store))
        if error is None:
            break
        caught.append(store.load() != before)
        before = store.load()
    assert any(caught), "the harness never saw the half-written store"


def test_the_canary_harness_catches_tracebacks_that_show_locals(tmp_path: Path) -> None:
    """With Typer's default (locals shown in tracebacks), the canaries leak: the check sees
    it."""
    path = tmp_path / "canary.db"
    _canary_store(path)
    leaky = CRASH.replace("cli.main()", "cli.app.pretty_exceptions_show_locals = True\ncli.main()")
    result = subprocess.run(
        [sys.executable, "-c", leaky, "--db", str(path), "person", "show", f"{CANARY} Person"],
        capture_output=True, text=True, check=False, env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    assert "rendering failed" in result.stderr
    assert CANARY in result.stderr.replace(f"{CANARY} Person", "", 1)


def test_the_concurrency_harness_catches_lost_updates(tmp_path: Path) -> None:
    """Four processes increment a counter 200 times each by read-then-write without a
    transaction: updates get lost, and counting acknowledged writes against the stored
    total shows it."""
    path = tmp_path / "counter.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE counter (n INTEGER)")
    con.execute("INSERT INTO counter VALUES (0)")
    con.commit()
    con.close()
    worker = textwrap.dedent(
        """
        import sqlite3, sys, time
        con = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
        for _ in range(200):
            n = con.execute("SELECT n FROM counter").fetchone()[0]
            time.sleep(0.001)
            con.execute("UPDATE counter SET n = ?", (n + 1,))
            print("ACK", flush=True)
        """
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", worker, str(path)], stdout=subprocess.PIPE,
                         text=True)
        for _ in range(4)
    ]  # fmt: skip
    acknowledged = sum(p.communicate(timeout=120)[0].count("ACK") for p in procs)
    stored = first_row(path, "SELECT n FROM counter")[0]
    assert acknowledged == 800
    assert stored < acknowledged  # the harness's check would flag this writer
