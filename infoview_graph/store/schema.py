"""The SQLite schema, its version, and the migrations from older versions.

The schema version lives in ``PRAGMA user_version``:

- 0 — the unversioned layout of the first prototype (a ``contacts`` table and a ``links``
  table, no organizations or fields as records);
- 1 — the first release;
- 2 — adds ``person_emails``, an index of every person's emails (lower-cased, unique), so
  that recognising a known email costs one lookup instead of a scan of every person;
- 3 — adds ``graph_cache``, the compact view of the ties (CSR arrays) kept between
  commands, and ``graph_version``, a counter that triggers raise on every change to
  ``ties`` or to the set of ``persons``: the cache is used only when it was made at the
  current version;
- 4 — adds ``outreach.meeting_on`` and ``outreach.meeting_mode``: the meeting a yes turned
  into (``referrals schedule``);
- 5 — adds ``imported_events``: for each lifecycle event an import of mail, LinkedIn
  messages or a calendar recorded, a one-way hash of the message or event id, what it
  recorded (outreach, reply, meeting), on which outreach and on which day — so that importing
  the same file again records nothing, and a cancelled event finds the meeting it set;
- 6 — adds ``person_cache``, the columns every read command ranks on (each person's id,
  name, organization, flags and fields) kept between commands in one value, and
  ``person_version``, a counter that triggers raise on every change to those columns: read
  commands take them from the cache in one read instead of one row per person; and
  ``ties_detailed``, a partial index of the few ties with a context or a date, which every
  read command reads apart from the millions of plain ones.

:func:`migrate` brings any older store up to :data:`SCHEMA_VERSION` inside one
transaction, after the caller has made a backup.

Lists that are not references (emails, phones, tags, answers, advice) are JSON arrays in one
column; every id that names another record is a real column or junction table with a foreign
key, so SQLite itself refuses a reference to nothing.

Examples
--------
>>> import sqlite3
>>> con = sqlite3.connect(":memory:")
>>> create_schema(con)
>>> con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
True
>>> con.close()
"""

from __future__ import annotations

import sqlite3
from typing import Any

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "create_schema", "has_layout", "migrate"]

SCHEMA_VERSION = 6
"""The schema version this code writes, kept in ``PRAGMA user_version``: an older store is
backed up and migrated, a newer one refused."""

APPLICATION_ID = 0x49564752
"""``PRAGMA application_id`` of every store made or migrated from schema 4 on ("IVGR"):
how a store is told from another program's SQLite file before anything is written."""

_V0_LAYOUT = {
    "contacts": frozenset({"id", "name", "is_self", "email", "company", "title", "notes"}),
    "links": frozenset({"source", "target", "kind", "strength", "on_date"}),
}
_V1_TABLES = frozenset(
    {
        "field_related", "fields", "followups", "interview_referrals", "interviews", "meta",
        "org_fields", "organizations", "outreach", "person_fields", "persons", "questions",
        "referrals", "targets", "ties",
    }
)  # fmt: skip
_V2_TABLES = _V1_TABLES | {"person_emails"}
_V3_TABLES = _V2_TABLES | {"graph_cache", "graph_version"}
_V5_TABLES = _V3_TABLES | {"imported_events"}
_V6_TABLES = _V5_TABLES | {"person_cache", "person_version"}
_TABLES_OF = {
    1: _V1_TABLES, 2: _V2_TABLES, 3: _V3_TABLES, 4: _V3_TABLES, 5: _V5_TABLES, 6: _V6_TABLES
}  # fmt: skip


def has_layout(tables: dict[str, frozenset[str]], version: int) -> bool:
    """Whether ``tables`` (name → column names) is exactly what schema ``version`` made.

    Stores written before :data:`APPLICATION_ID` existed are recognised this way: schema 0
    by its two tables and their exact columns, schemas 1 to 6 by their exact set of tables.
    Anything else with no application id is another program's file.

    Examples
    --------
    >>> v0 = {"contacts": frozenset({"id", "name", "is_self", "email", "company", "title",
    ...                              "notes"}),
    ...       "links": frozenset({"source", "target", "kind", "strength", "on_date"})}
    >>> has_layout(v0, 0), has_layout({**v0, "photos": frozenset({"id"})}, 0)
    (True, False)
    """
    if version == 0:
        return tables == _V0_LAYOUT
    expected = _TABLES_OF.get(version)
    return expected is not None and frozenset(tables) == expected


_SCHEMA = """
CREATE TABLE fields (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL
);
CREATE INDEX fields_name_key ON fields(name_key);
CREATE TABLE field_related (
    field TEXT NOT NULL REFERENCES fields(id) ON DELETE CASCADE,
    related TEXT NOT NULL REFERENCES fields(id) ON DELETE CASCADE,
    PRIMARY KEY (field, related),
    CHECK (field <> related)
) WITHOUT ROWID;
CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    kind TEXT NOT NULL DEFAULT 'company'
        CHECK (kind IN ('company', 'non-profit', 'public', 'freelance', 'other')),
    motivation INTEGER CHECK (motivation BETWEEN 0 AND 3),
    postings INTEGER CHECK (postings IN (0, 1)),
    advocacy INTEGER CHECK (advocacy IN (0, 1))
);
CREATE INDEX organizations_name_key ON organizations(name_key);
CREATE TABLE org_fields (
    org TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    field TEXT NOT NULL REFERENCES fields(id) ON DELETE CASCADE,
    PRIMARY KEY (org, field)
) WITHOUT ROWID;
CREATE TABLE persons (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    is_self INTEGER NOT NULL DEFAULT 0 CHECK (is_self IN (0, 1)),
    emails TEXT NOT NULL DEFAULT '[]',
    phones TEXT NOT NULL DEFAULT '[]',
    url TEXT,
    organization TEXT REFERENCES organizations(id),
    title TEXT,
    past_positions TEXT NOT NULL DEFAULT '[]',
    how TEXT CHECK (how IN ('self', 'friend', 'family', 'classmate', 'colleague', 'alumni',
                            'neighbour', 'referral', 'cold', 'other')),
    tags TEXT NOT NULL DEFAULT '[]',
    notes TEXT,
    do_not_contact INTEGER NOT NULL DEFAULT 0 CHECK (do_not_contact IN (0, 1))
);
CREATE UNIQUE INDEX persons_one_self ON persons(is_self) WHERE is_self = 1;
CREATE INDEX persons_name_key ON persons(name_key);
CREATE INDEX persons_organization ON persons(organization);
CREATE INDEX persons_url ON persons(url) WHERE url IS NOT NULL;
CREATE TABLE person_emails (
    email TEXT PRIMARY KEY,
    person TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX person_emails_person ON person_emails(person);
CREATE TABLE person_fields (
    person TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    field TEXT NOT NULL REFERENCES fields(id),
    PRIMARY KEY (person, field)
) WITHOUT ROWID;
CREATE INDEX person_fields_field ON person_fields(field);
CREATE TABLE ties (
    a TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    b TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    strength INTEGER NOT NULL CHECK (strength BETWEEN 0 AND 5),
    context TEXT,
    since TEXT,
    PRIMARY KEY (a, b),
    CHECK (a < b)
) WITHOUT ROWID;
CREATE INDEX ties_b ON ties(b);
CREATE TABLE referrals (
    referrer TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    referee TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    on_date TEXT NOT NULL,
    for_field TEXT REFERENCES fields(id),
    for_org TEXT REFERENCES organizations(id),
    may_use_name INTEGER NOT NULL DEFAULT 0 CHECK (may_use_name IN (0, 1)),
    status TEXT NOT NULL DEFAULT 'suggested'
        CHECK (status IN ('suggested', 'contacted', 'scheduled', 'interviewed', 'declined',
                          'no-response')),
    note TEXT,
    PRIMARY KEY (referrer, referee),
    CHECK (referrer <> referee)
) WITHOUT ROWID;
CREATE INDEX referrals_referee ON referrals(referee);
CREATE TABLE outreach (
    id TEXT PRIMARY KEY,
    person TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    on_date TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'phone', 'linkedin', 'in-person', 'other')),
    via TEXT REFERENCES persons(id) ON DELETE SET NULL,
    replied_on TEXT,
    declined INTEGER NOT NULL DEFAULT 0 CHECK (declined IN (0, 1)),
    meeting_on TEXT,
    meeting_mode TEXT CHECK (meeting_mode IN ('in-person', 'phone', 'video')),
    CHECK (via <> person),
    CHECK (replied_on IS NULL OR replied_on >= on_date)
);
CREATE INDEX outreach_person ON outreach(person);
CREATE INDEX outreach_via ON outreach(via);
CREATE TABLE interviews (
    id TEXT PRIMARY KEY,
    person TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    on_date TEXT NOT NULL,
    minutes INTEGER CHECK (minutes BETWEEN 1 AND 600),
    mode TEXT CHECK (mode IN ('in-person', 'phone', 'video')),
    answers TEXT NOT NULL DEFAULT '{}',
    advice TEXT NOT NULL DEFAULT '[]',
    leads TEXT NOT NULL DEFAULT '[]',
    friendliness INTEGER CHECK (friendliness BETWEEN 1 AND 5),
    fit TEXT CHECK (fit IN ('yes', 'maybe', 'no')),
    resume_critiqued INTEGER NOT NULL DEFAULT 0 CHECK (resume_critiqued IN (0, 1)),
    thanked_on TEXT,
    notes TEXT
);
CREATE INDEX interviews_person ON interviews(person);
CREATE TABLE interview_referrals (
    interview TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    person TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    PRIMARY KEY (interview, person)
) WITHOUT ROWID;
CREATE INDEX interview_referrals_person ON interview_referrals(person);
CREATE TABLE followups (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    person TEXT REFERENCES persons(id) ON DELETE CASCADE,
    due TEXT NOT NULL,
    note TEXT,
    done_on TEXT,
    snoozed_until TEXT
);
CREATE INDEX followups_person ON followups(person);
CREATE TABLE targets (
    field TEXT REFERENCES fields(id) ON DELETE CASCADE,
    org TEXT REFERENCES organizations(id) ON DELETE CASCADE,
    priority INTEGER NOT NULL DEFAULT 2 CHECK (priority BETWEEN 1 AND 3),
    CHECK ((field IS NULL) <> (org IS NULL))
);
CREATE UNIQUE INDEX targets_field ON targets(field) WHERE field IS NOT NULL;
CREATE UNIQUE INDEX targets_org ON targets(org) WHERE org IS NOT NULL;
CREATE TABLE questions (
    id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    category TEXT NOT NULL,
    tiara TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# Only what the lifecycle needs: never a message id, subject, body or address in clear.
_IMPORTED_EVENTS = """
CREATE TABLE imported_events (
    key TEXT PRIMARY KEY CHECK (length(key) = 32),
    kind TEXT NOT NULL CHECK (kind IN ('outreach', 'reply', 'meeting')),
    outreach TEXT NOT NULL REFERENCES outreach(id) ON DELETE CASCADE,
    on_date TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX imported_events_outreach ON imported_events(outreach);
"""

_GRAPH_CACHE = """
CREATE TABLE graph_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n INTEGER NOT NULL
);
INSERT INTO graph_version (id, n) VALUES (1, 0);
CREATE TABLE graph_cache (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    persons INTEGER NOT NULL,
    indptr BLOB NOT NULL,
    indices BLOB NOT NULL,
    strength BLOB NOT NULL
);
CREATE TRIGGER ties_inserted AFTER INSERT ON ties
BEGIN UPDATE graph_version SET n = n + 1; END;
CREATE TRIGGER ties_updated AFTER UPDATE OF a, b, strength ON ties
BEGIN UPDATE graph_version SET n = n + 1; END;
CREATE TRIGGER ties_deleted AFTER DELETE ON ties
BEGIN UPDATE graph_version SET n = n + 1; END;
CREATE TRIGGER persons_inserted AFTER INSERT ON persons
BEGIN UPDATE graph_version SET n = n + 1; END;
CREATE TRIGGER persons_deleted AFTER DELETE ON persons
BEGIN UPDATE graph_version SET n = n + 1; END;
CREATE TRIGGER persons_renamed AFTER UPDATE OF id ON persons
BEGIN UPDATE graph_version SET n = n + 1; END;
"""

_PERSON_CACHE = """
CREATE TABLE person_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n INTEGER NOT NULL
);
INSERT INTO person_version (id, n) VALUES (1, 0);
CREATE TABLE person_cache (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    columns TEXT NOT NULL
);
CREATE TRIGGER person_columns_inserted AFTER INSERT ON persons
BEGIN UPDATE person_version SET n = n + 1; END;
CREATE TRIGGER person_columns_updated
AFTER UPDATE OF id, name, organization, is_self, do_not_contact ON persons
BEGIN UPDATE person_version SET n = n + 1; END;
CREATE TRIGGER person_columns_deleted AFTER DELETE ON persons
BEGIN UPDATE person_version SET n = n + 1; END;
CREATE TRIGGER person_fields_inserted AFTER INSERT ON person_fields
BEGIN UPDATE person_version SET n = n + 1; END;
CREATE TRIGGER person_fields_updated AFTER UPDATE ON person_fields
BEGIN UPDATE person_version SET n = n + 1; END;
CREATE TRIGGER person_fields_deleted AFTER DELETE ON person_fields
BEGIN UPDATE person_version SET n = n + 1; END;
CREATE INDEX ties_detailed ON ties(a, b) WHERE context IS NOT NULL OR since IS NOT NULL;
"""


def create_schema(con: sqlite3.Connection) -> None:
    """Create every table of the current schema in an empty database.

    Parameters
    ----------
    con : sqlite3.Connection
        A connection to an empty database, inside the caller's transaction.
    """
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            con.execute(statement)
    _execute_script(con, _GRAPH_CACHE)
    _create_imported_events(con)
    _execute_script(con, _PERSON_CACHE)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _execute_script(con: sqlite3.Connection, script: str) -> None:
    # Triggers hold ";" inside BEGIN … END, so statements are cut where SQLite says one is
    # complete; executescript() would commit the caller's transaction.
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            con.execute(statement)
            statement = ""


def _create_imported_events(con: sqlite3.Connection) -> None:
    for statement in _IMPORTED_EVENTS.split(";"):
        if statement.strip():
            con.execute(statement)


def _migrate_0(con: sqlite3.Connection) -> int:
    """Move the prototype's ``contacts`` and ``links`` into the current tables.

    Version 0 had ``contacts(id, name, is_self, email, company, title, notes)`` and
    ``links(source, target, kind, strength, on_date)`` with ``kind`` either ``'knows'`` or
    ``'referred'``. Companies become organizations; one email becomes the email list.
    """
    import json

    from infoview_graph.models import slugify
    from infoview_graph.network import name_key

    con.execute("ALTER TABLE contacts RENAME TO v0_contacts")
    con.execute("ALTER TABLE links RENAME TO v0_links")
    create_schema(con)
    # The prototype checked nothing: white space around a company makes the same one.
    con.execute("UPDATE v0_contacts SET company = trim(company) WHERE company IS NOT NULL")
    companies = {
        name: slugify(name)
        for (name,) in con.execute(
            "SELECT DISTINCT company FROM v0_contacts WHERE company IS NOT NULL AND company <> ''"
        )
    }
    for name, org_id in sorted(companies.items()):
        con.execute(
            "INSERT INTO organizations(id, name, name_key) VALUES (?, ?, ?)",
            (org_id, name, name_key(name)),
        )
    rows = con.execute("SELECT id, name, is_self, email, company, title, notes FROM v0_contacts")
    for pid, raw_name, is_self, raw_email, company, raw_title, raw_notes in rows.fetchall():
        name, title, notes, email = _clean_v0(raw_name, raw_title, raw_notes, raw_email)
        con.execute(
            "INSERT INTO persons(id, name, name_key, is_self, emails, organization, title, notes,"
            " how) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                pid,
                name,
                name_key(name),
                1 if is_self else 0,
                json.dumps([email] if email else []),
                companies.get(company),
                title or None,
                notes or None,
                "self" if is_self else None,
            ),
        )
    links = con.execute("SELECT source, target, kind, strength, on_date FROM v0_links")
    for source, target, kind, strength, on_date in links.fetchall():
        if kind == "knows":
            a, b = sorted((source, target))
            con.execute(
                "INSERT INTO ties(a, b, strength) VALUES (?, ?, ?) "
                "ON CONFLICT(a, b) DO UPDATE SET strength = max(strength, excluded.strength)",
                (a, b, strength if strength is not None else 1),
            )
        else:
            con.execute(
                "INSERT INTO referrals(referrer, referee, on_date) VALUES (?, ?, ?)",
                (source, target, on_date),
            )
    con.execute("DROP TABLE v0_links")
    con.execute("DROP TABLE v0_contacts")
    _index_emails(con)
    return SCHEMA_VERSION


def _clean_v0(name: Any, title: Any, notes: Any, email: Any) -> tuple[Any, Any, Any, Any]:
    """Clean what the prototype let through and the models refuse, keeping every fact.

    White space around and inside a name or title is tidied; an email the models refuse
    (``ann at example dot org``) leaves the email list and is kept in the notes. What
    cannot be cleaned here is refused after the migration, with a count (store/sqlite.py).
    """
    from pydantic import TypeAdapter, ValidationError

    from infoview_graph.models import Email

    if isinstance(name, str) and name.split():
        name = " ".join(name.split())
    if isinstance(title, str):
        title = " ".join(title.split()) or None
    if isinstance(notes, str):
        notes = notes.strip() or None
    if isinstance(email, str):
        email = email.strip() or None
    if isinstance(email, str):
        try:
            TypeAdapter(Email).validate_python(email)
        except ValidationError:
            kept = f"Email as the old store had it: {email}"
            notes, email = (f"{notes}\n{kept}" if notes else kept), None
    return name, title, notes, email


def _migrate_1(con: sqlite3.Connection) -> int:
    """Add the email index of version 2."""
    con.execute(
        "CREATE TABLE person_emails (email TEXT PRIMARY KEY, person TEXT NOT NULL "
        "REFERENCES persons(id) ON DELETE CASCADE) WITHOUT ROWID"
    )
    con.execute("CREATE INDEX person_emails_person ON person_emails(person)")
    _index_emails(con)
    return 2


def _migrate_2(con: sqlite3.Connection) -> int:
    """Add the graph cache and its version counter of version 3."""
    _execute_script(con, _GRAPH_CACHE)
    return 3


def _migrate_3(con: sqlite3.Connection) -> int:
    """Add the meeting date and mode of version 4 to ``outreach`` (empty in every row)."""
    con.execute("ALTER TABLE outreach ADD COLUMN meeting_on TEXT")
    con.execute(
        "ALTER TABLE outreach ADD COLUMN meeting_mode TEXT "
        "CHECK (meeting_mode IN ('in-person', 'phone', 'video'))"
    )
    return 4


def _migrate_4(con: sqlite3.Connection) -> int:
    """Add the table of imported events of version 5 (empty)."""
    _create_imported_events(con)
    return 5


def _migrate_5(con: sqlite3.Connection) -> int:
    """Add the person cache, its version counter and the detailed-ties index of version 6."""
    _execute_script(con, _PERSON_CACHE)
    return 6


def _index_emails(con: sqlite3.Connection) -> None:
    # Version 1 refused a second person with a known email, so the emails are unique; if
    # an older store holds one twice anyway, the person with the smaller id keeps it.
    con.execute(
        "INSERT INTO person_emails (email, person) "
        "SELECT lower(e.value), min(p.id) FROM persons p, json_each(p.emails) e "
        "GROUP BY lower(e.value)"
    )


_MIGRATIONS = {
    0: _migrate_0,
    1: _migrate_1,
    2: _migrate_2,
    3: _migrate_3,
    4: _migrate_4,
    5: _migrate_5,
}


def migrate(con: sqlite3.Connection, version: int) -> None:
    """Bring a store from ``version`` up to :data:`SCHEMA_VERSION`, step by step.

    Parameters
    ----------
    con : sqlite3.Connection
        A connection inside the caller's write transaction.
    version : int
        The store's current ``user_version``; lower than :data:`SCHEMA_VERSION`.
    """
    while version < SCHEMA_VERSION:
        version = _MIGRATIONS[version](con)
        con.execute(f"PRAGMA user_version = {version}")
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # ours, from now on
