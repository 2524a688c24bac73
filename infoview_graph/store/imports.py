r"""Imported contacts into the store: one transaction, idempotent, never merged on name alone.

:func:`apply_import` takes what an importer parsed (any object shaped like
:class:`infoview_graph.interop.parsed.Parsed` — the store does not import the interop
package, its sibling) and merges it in one transaction:

- a person is recognised by profile URL, then email, then vCard UID (a ``vcard-uid:`` tag);
  a recognised person is *updated* — empty attributes filled, new emails, phones, tags and
  fields added — never duplicated, and never overwritten; a row recognised by email alone
  under a name that cannot be that person's is a problem (reported, not merged, not
  dropped) unless ``merge_same_email``;
- a person with none of these keys is new, even if someone of the same name exists: they
  are imported and reported as a *likely duplicate*, to merge by hand with
  :func:`merge_persons` (``referrals person merge``) if they are one person. The one
  exception keeps re-imports idempotent: a keyless row that would add nothing at all to a
  person of the same name (every attribute it has, that person has) is that person;
- organizations and career fields are matched by name (or alias) or created;
- my tie to each person is created with the parsed strength, or kept — the stronger wins;
- referrals are added unless recorded already; a referrer named only by name is found by
  name in the store (or created).

So importing the same file twice changes nothing the second time. With ``dry_run`` the
transaction is rolled back after the report is made; without ``skip_invalid`` any problem
rolls everything back and raises :class:`~infoview_graph.errors.ImportFileError`.

:func:`import_dump` restores our JSON dump into a new or empty store, and
:func:`merge_persons` folds one person into another with every edge.

Examples
--------
>>> from infoview_graph.interop.linkedin import read_linkedin
>>> from infoview_graph.store import actions, open_store
>>> store = open_store(":memory:")
>>> _ = actions.init_store(store, "Steven Olson")
>>> parsed = read_linkedin(b"First Name,Last Name,URL,Company\r\n"
...                        b"Ada,Lovelace,https://linkedin.com/in/ada,Analytical Engines\r\n")
>>> report = apply_import(store, parsed)
>>> report.created, report.organizations_created
(1, 1)
>>> apply_import(store, parsed).unchanged
1
>>> store.close()
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from pydantic import ValidationError

from infoview_graph._bulk import paused_gc
from infoview_graph.errors import (
    DuplicateError,
    ImportFileError,
    InvalidInputError,
)
from infoview_graph.models import (
    CareerField,
    NetworkData,
    Organization,
    Person,
    Referral,
    Tie,
    invalid_input,
    slugify,
)
from infoview_graph.network import name_key
from infoview_graph.store.actions import Change
from infoview_graph.store.sqlite import Store

__all__ = [
    "ImportReport",
    "LikelyDuplicate",
    "ParsedImport",
    "anonymization_key",
    "apply_import",
    "check_dump_me",
    "import_dump",
    "merge_persons",
]

UID_TAG = "vcard-uid:"
"""The tag prefix under which the vCard importer keeps a card's ``UID``."""

_PROGRESS_EVERY = 500
_DIGITS = re.compile(r"\D")
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://)?([^/?#\s]*)([^?#\s]*)(\?[^#\s]*)?(?:#\S*)?", re.I)
_SHOWN = 5  # likely duplicates list at most this many others


# --- what an importer hands over (structural: the store does not import interop) ------------


class _ProblemLike(Protocol):
    @property
    def line(self) -> int | None: ...


class _TieLike(Protocol):
    @property
    def person(self) -> str: ...
    @property
    def strength(self) -> int: ...
    @property
    def since(self) -> dt.date | None: ...


class _NamedReferralLike(Protocol):
    @property
    def referrer_name(self) -> str: ...
    @property
    def referee(self) -> str: ...
    @property
    def on(self) -> dt.date: ...
    @property
    def line(self) -> int | None: ...


class ParsedImport(Protocol):
    """What :func:`apply_import` needs: :class:`infoview_graph.interop.parsed.Parsed`.

    Examples
    --------
    >>> from infoview_graph.interop.parsed import Parsed
    >>> parsed: ParsedImport = Parsed(file="a.csv")
    >>> parsed.file, len(parsed.persons)
    ('a.csv', 0)
    """

    @property
    def file(self) -> str:
        """The file's name, for messages."""

    @property
    def persons(self) -> Sequence[Person]:
        """Persons with provisional ids."""

    @property
    def organizations(self) -> Sequence[Organization]:
        """Organizations by provisional id."""

    @property
    def fields(self) -> Sequence[CareerField]:
        """Career fields by provisional id."""

    @property
    def referrals(self) -> Sequence[Referral]:
        """Referrals between persons of the file."""

    @property
    def named_referrals(self) -> Sequence[_NamedReferralLike]:
        """Referrals whose referrer is only named."""

    @property
    def ties(self) -> Sequence[_TieLike]:
        """My tie to each person."""

    @property
    def lines(self) -> Mapping[str, int]:
        """The line of each person, by provisional id."""

    @property
    def problems(self) -> Sequence[_ProblemLike]:
        """Rows the importer skipped (``str()`` gives file, line and reason)."""


# --- the report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LikelyDuplicate:
    """An imported person who may be someone already known: merge them if so.

    Attributes
    ----------
    person_id : str
        The person the row became (or updated).
    others : tuple of str
        The persons they may duplicate.
    line : int or None
        The row.
    reason : str
        Why they look alike ("same name", "shares an email with …").

    Examples
    --------
    >>> print(LikelyDuplicate("ann-lee-2", ("ann-lee",), 7, "has the same name as"))
    line 7: 'ann-lee-2' has the same name as ann-lee; if they are one person:
    referrals person merge ann-lee ann-lee-2 --yes
    """

    person_id: str
    others: tuple[str, ...]
    line: int | None
    reason: str

    def __str__(self) -> str:
        others = ", ".join(self.others)
        where = f"line {self.line}: " if self.line is not None else ""
        return (
            f"{where}'{self.person_id}' {self.reason} {others}; if they are one person: "
            f"referrals person merge {self.others[0]} {self.person_id} --yes"
        )


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, with ``dry_run``, would do).

    Attributes
    ----------
    file : str
        The file imported.
    dry_run : bool
        True if nothing was saved.
    created, updated, unchanged : int
        Persons new, changed (an attribute filled, a tie made stronger) and already known
        as they are.
    organizations_created, fields_created, referrals_created : int
        Other records created.
    likely_duplicates : tuple of LikelyDuplicate
        Persons to check, and the command that merges them.
    problems : tuple of str
        Rows not imported (``skip_invalid``), as "FILE, line N: reason".
    changes : tuple of str
        One line per person created or updated (ids and attribute names, no values).
    notes : tuple of str
        Everything else worth saying.

    Examples
    --------
    >>> ImportReport(file="a.csv", created=1, organizations_created=1).summary()
    'a.csv: imported 1 new people, update 0, leave 0 unchanged; 1 new organizations'
    """

    file: str
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    organizations_created: int = 0
    fields_created: int = 0
    referrals_created: int = 0
    likely_duplicates: tuple[LikelyDuplicate, ...] = ()
    problems: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line: what was (or would be) imported.

        Examples
        --------
        >>> ImportReport(file="a.vcf", created=2, unchanged=1, dry_run=True).summary()
        'a.vcf: would import 2 new people, update 0, leave 1 unchanged (dry run: nothing saved)'
        """
        verb = "would import" if self.dry_run else "imported"
        text = (
            f"{self.file}: {verb} {self.created} new people, update {self.updated}, "
            f"leave {self.unchanged} unchanged"
        )
        extra = [
            f"{n} new {what}"
            for n, what in (
                (self.organizations_created, "organizations"),
                (self.fields_created, "career fields"),
                (self.referrals_created, "referrals"),
            )
            if n
        ]
        if extra:
            text += "; " + ", ".join(extra)
        if self.problems:
            text += f"; skipped {len(self.problems)} invalid rows"
        return text + (" (dry run: nothing saved)" if self.dry_run else "")


class _DryRun(Exception):
    def __init__(self, report: ImportReport) -> None:
        super().__init__("dry run")
        self.report = report


# --- matching keys ---------------------------------------------------------------------------


def _url_key(url: str) -> str:
    """Compare profile URLs without scheme, ``www.``, case of the host or trailing slash.

    LinkedIn's query strings (tracking) do not count either. A regular expression rather
    than ``urlsplit``: it runs twice per row of 30,000-row imports.
    """
    match = _URL.fullmatch(url.strip())
    if match is None:
        return url.strip()
    host, path, query = match.group(1).casefold(), match.group(2), match.group(3) or ""
    host = host.removeprefix("www.")
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        host, query = "linkedin.com", ""
    return f"{host}{path.rstrip('/')}{query}"


def _phone_key(phone: str) -> str:
    return _DIGITS.sub("", phone)


def _unique(base: str, taken: set[str], counters: dict[str, int]) -> str:
    n = counters.get(base, 1)
    candidate = base if n == 1 else f"{base}-{n}"
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    counters[base] = n
    taken.add(candidate)
    return candidate


_Index = dict[str, dict[str, None]]
"""Key → the ids that have it, in insertion order (a dict as an ordered set: O(1) adds)."""


def _index(table: _Index, key: str, value: str) -> None:
    table.setdefault(key, {})[value] = None


# --- the merge -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Known:
    """What matching needs of a person already in the store, read as a plain row.

    The store enforced every rule when the row was written, so re-validating 30,000 persons
    (over a second) only to compare them would be wasted; a person who does change is read
    back as a validated :class:`Person` first.
    """

    id: str
    name: str
    is_self: bool
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    url: str | None
    organization: str | None
    title: str | None
    how: str | None
    notes: str | None
    fields: tuple[str, ...]
    tags: tuple[str, ...]


_KNOWN = (
    "SELECT p.id, p.name, p.is_self, p.emails, p.phones, p.url, p.organization, p.title, p.how,"
    " p.notes, (SELECT json_group_array(f.field) FROM person_fields f WHERE f.person = p.id),"
    " p.tags FROM persons p ORDER BY p.id"
)


def _known(store: Store) -> dict[str, _Known | Person]:
    loads = json.loads
    known: dict[str, _Known | Person] = {}
    for row in store.execute(_KNOWN):
        pid, name, is_self, emails, phones, url, org, title, how, notes, fields, tags = row
        known[pid] = _Known(
            id=pid,
            name=name,
            is_self=bool(is_self),
            emails=tuple(loads(emails)),
            phones=tuple(loads(phones)),
            url=url,
            organization=org,
            title=title,
            how=how,
            notes=notes,
            fields=tuple(sorted(loads(fields))),
            tags=tuple(loads(tags)),
        )
    return known


class _Merge:
    """One import: indexes of the store read once, the plan, then bulk writes."""

    def __init__(
        self,
        store: Store,
        parsed: ParsedImport,
        progress: Callable[[int, int], None] | None,
        *,
        merge_same_email: bool = False,
    ) -> None:
        self.store = store
        self.parsed = parsed
        self.merge_same_email = merge_same_email
        self.created_on_line: dict[str, int | None] = {}
        self.file = parsed.file
        self.progress = progress
        self.me = store.me()
        # One bulk read per table: find_by_contact per row would scan every person's emails.
        self.persons = _known(store)
        self.by_url: _Index = {}
        self.by_email: _Index = {}
        self.by_uid: _Index = {}
        self.by_name: _Index = {}
        for person in self.persons.values():
            self._index(person)
        # Persons known before this import, by name: the only candidates for a keyless row.
        self.known_by_name = {key: list(ids) for key, ids in self.by_name.items()}
        self.my_ties: dict[str, tuple[int, dt.date | None]] = {
            other: (strength, dt.date.fromisoformat(since) if since else None)
            for other, strength, since in store.execute(
                "SELECT CASE WHEN a = :me THEN b ELSE a END, strength, since FROM ties "
                "WHERE a = :me OR b = :me",
                {"me": self.me.id},
            )
        }
        self.orgs_by_name: _Index = {}
        self.org_ids: set[str] = set()
        for org in store.organizations():
            self.org_ids.add(org.id)
            for label in (org.name, *org.aliases):
                _index(self.orgs_by_name, name_key(label), org.id)
        self.fields_by_name: _Index = {}
        self.field_ids: set[str] = set()
        for career_field in store.fields():
            self.field_ids.add(career_field.id)
            _index(self.fields_by_name, name_key(career_field.name), career_field.id)
        self.referral_pairs = set(
            store.execute("SELECT referrer, referee FROM referrals").fetchall()
        )
        self.person_ids = set(self.persons)
        # Per table, the next number to try after each slug ("ann-lee-2", …).
        self.counters: dict[str, dict[str, int]] = {"persons": {}, "orgs": {}, "fields": {}}
        self.parsed_orgs = {o.id: o for o in parsed.organizations}
        self.parsed_fields = {f.id: f for f in parsed.fields}
        self.parsed_ties = {t.person: t for t in parsed.ties}
        self.org_map: dict[str, str | None] = {}
        self.field_map: dict[str, str] = {}
        self.map: dict[str, str] = {}
        self.status: dict[str, str] = {}
        self.claimed: set[str] = set()
        self.new_orgs: list[Organization] = []
        self.new_fields: list[CareerField] = []
        self.new_persons: dict[str, Person] = {}
        self.updated_persons: dict[str, Person] = {}
        self.new_ties: dict[str, tuple[int, dt.date | None]] = {}
        self.tie_updates: dict[str, Tie] = {}
        self.new_referrals: list[Referral] = []
        self.problems: list[str] = [str(p) for p in parsed.problems]
        self.duplicates: list[LikelyDuplicate] = []
        self.changes: list[str] = []
        self.notes: list[str] = []

    def _index(self, person: _Known | Person, url_key: str | None = None) -> None:
        if person.url:
            _index(self.by_url, url_key or _url_key(person.url), person.id)
        for email in person.emails:
            _index(self.by_email, email.lower(), person.id)
        for tag in person.tags:
            if tag.startswith(UID_TAG):
                _index(self.by_uid, tag, person.id)
        _index(self.by_name, name_key(person.name), person.id)

    def problem(self, line: int | None, reason: str) -> None:
        where = self.file if line is None else f"{self.file}, line {line}"
        self.problems.append(f"{where}: {reason}")

    # organizations and fields: matched by name, created on first use

    def _org(self, provisional: str, line: int | None) -> str | None:
        if provisional in self.org_map:
            found = self.org_map[provisional]
            if found is None:
                self.problem(line, "its organization's name fits several organizations")
            return found
        org = self.parsed_orgs[provisional]
        matches = list(self.orgs_by_name.get(name_key(org.name), ()))
        if len(matches) > 1:
            self.problem(
                line,
                f"its organization's name fits {len(matches)} organizations "
                f"({', '.join(sorted(matches))}); give one of them another name",
            )
            self.org_map[provisional] = None
            return None
        if matches:
            self.org_map[provisional] = matches[0]
            return matches[0]
        created = org.model_copy(
            update={"id": _unique(slugify(org.name), self.org_ids, self.counters["orgs"])}
        )
        self.new_orgs.append(created)
        _index(self.orgs_by_name, name_key(created.name), created.id)
        self.org_map[provisional] = created.id
        return created.id

    def _field(self, provisional: str) -> str:
        if provisional in self.field_map:
            return self.field_map[provisional]
        career_field = self.parsed_fields[provisional]
        matches = sorted(self.fields_by_name.get(name_key(career_field.name), ()))
        if matches:
            self.field_map[provisional] = matches[0]
            return matches[0]
        created = career_field.model_copy(
            update={
                "id": _unique(slugify(career_field.name), self.field_ids, self.counters["fields"])
            }
        )
        self.new_fields.append(created)
        _index(self.fields_by_name, name_key(created.name), created.id)
        self.field_map[provisional] = created.id
        return created.id

    # persons

    def _owner(self, table: _Index, key: str, person_id: str) -> bool:
        """Whether someone other than ``person_id`` has this key."""
        return any(other != person_id for other in table.get(key, []))

    def _additions(self, current: _Known | Person, incoming: Person) -> dict[str, Any]:
        # What incoming adds to current (never overwriting), attribute by attribute.
        update: dict[str, Any] = {}
        # Emails compare without case, as the store's email index does.
        known = {e.lower() for e in current.emails}
        emails = [
            e
            for e in incoming.emails
            if e.lower() not in known and not self._owner(self.by_email, e.lower(), current.id)
        ]
        if emails:
            update["emails"] = (*current.emails, *dict.fromkeys(emails))
        known = {_phone_key(p) for p in current.phones}
        phones = [p for p in incoming.phones if _phone_key(p) not in known]
        if phones:
            update["phones"] = (*current.phones, *dict.fromkeys(phones))
        if (
            current.url is None
            and incoming.url is not None
            and not self._owner(self.by_url, _url_key(incoming.url), current.id)
        ):
            update["url"] = incoming.url
        for attribute in ("organization", "title", "how", "notes"):
            if getattr(current, attribute) is None and getattr(incoming, attribute) is not None:
                update[attribute] = getattr(incoming, attribute)
        for attribute in ("fields", "tags"):
            mine, theirs = getattr(current, attribute), getattr(incoming, attribute)
            if set(theirs) - set(mine):
                update[attribute] = tuple(sorted({*mine, *theirs}))
        return update

    def _tie_adds_nothing(self, person_id: str, provisional: str) -> bool:
        parsed = self.parsed_ties.get(provisional)
        existing = self.my_ties.get(person_id)
        if parsed is None:
            return True
        if existing is None:
            return False
        strength, since = existing
        return parsed.strength <= strength and (parsed.since is None or since is not None)

    def person(self, parsed: Person) -> None:
        line = self.parsed.lines.get(parsed.id)
        org = self._org(parsed.organization, line) if parsed.organization else None
        if parsed.organization and org is None:
            return
        fields = tuple(sorted({self._field(f) for f in parsed.fields}))
        incoming = parsed
        if org != parsed.organization or fields != parsed.fields:
            incoming = parsed.model_copy(update={"organization": org, "fields": fields})
        url_key = _url_key(parsed.url) if parsed.url else None
        url_hits = list(self.by_url.get(url_key, ())) if url_key else []
        email_hits = sorted({i for e in parsed.emails for i in self.by_email.get(e.lower(), ())})
        uid_hits = sorted(
            {i for t in parsed.tags if t.startswith(UID_TAG) for i in self.by_uid.get(t, [])}
        )
        target = next((sorted(hits)[0] for hits in (url_hits, email_hits, uid_hits) if hits), None)
        # A profile URL or a vCard UID names one record through renames; an email is shared
        # (a family address, a planted card), so it merges only under a compatible name.
        email_only = not (url_hits or uid_hits)
        if target is not None and email_only and not self._same_person(target, parsed, line):
            return
        if target is not None:
            others = sorted({*url_hits, *email_hits, *uid_hits} - {target})
            if others:
                self.duplicates.append(
                    LikelyDuplicate(
                        target, tuple(others[:_SHOWN]), line, "shares a URL, email or UID with"
                    )
                )
            self._update(target, parsed.id, incoming, line)
            return
        for candidate in self.known_by_name.get(name_key(parsed.name), ()):
            if candidate in self.claimed:
                continue
            current = self.persons[candidate]
            if current.is_self:
                continue
            if not self._additions(current, incoming) and self._tie_adds_nothing(
                candidate, parsed.id
            ):
                self._update(candidate, parsed.id, incoming, line)
                return
        self._create(parsed.id, incoming, line, url_key)

    def _same_person(self, target: str, parsed: Person, line: int | None) -> bool:
        """Whether a row that shares an email with ``target`` may merge into it.

        Only under a name that may be the same person's (:func:`_may_be_the_same`), or with
        ``merge_same_email``: "Bob Two" with Ada's address is reported (with the row he
        collides with), never merged into Ada nor dropped.
        """
        current = self.persons[target]
        if self.merge_same_email or _may_be_the_same(current.name, parsed.name):
            return True
        if target in self.created_on_line:
            seen = self.created_on_line[target]
            other = f"the row on line {seen} ({target})" if seen is not None else target
        else:
            other = f"{target}, already in the store"
        self.problem(
            line,
            f"shares an email with {other} but has another name; neither "
            "merged nor imported — correct the file, or pass --merge-same-email to merge them",
        )
        return False

    def _update(self, target: str, provisional: str, incoming: Person, line: int | None) -> None:
        self.map[provisional] = target
        self.claimed.add(target)
        self.status.setdefault(target, "unchanged")
        current = self.persons[target]
        if current.is_self:
            self.notes.append(f"line {line}: that contact is you; left unchanged")
            return
        update = self._additions(current, incoming)
        if not update:
            return
        full = current if isinstance(current, Person) else self.store.person(target)
        checked = _valid(full.model_copy(update=update), self, line)
        if checked is None:
            return
        self.persons[target] = checked
        self._index(checked)
        if target in self.new_persons:
            self.new_persons[target] = checked
        else:
            self.updated_persons[target] = checked
            self._mark_updated(target, f"add {', '.join(update)}", line)

    def _mark_updated(self, person_id: str, what: str, line: int | None) -> None:
        if self.status.get(person_id) in (None, "unchanged"):
            self.status[person_id] = "updated"
        if self.status[person_id] == "updated":
            where = f" (line {line})" if line is not None else ""
            self.changes.append(f"update {person_id}{where}: {what}")

    def _create(
        self, provisional: str, incoming: Person, line: int | None, url_key: str | None = None
    ) -> None:
        base = slugify(incoming.name)
        new_id = _unique(
            "me-2" if base == "me" else base, self.person_ids, self.counters["persons"]
        )
        person = incoming if new_id == incoming.id else incoming.model_copy(update={"id": new_id})
        same_name = list(itertools.islice(self.by_name.get(name_key(person.name), ()), _SHOWN))
        if same_name:
            self.duplicates.append(
                LikelyDuplicate(new_id, tuple(sorted(same_name)), line, "has the same name as")
            )
        self.persons[new_id] = person
        self.new_persons[new_id] = person
        self._index(person, url_key)
        self.map[provisional] = new_id
        self.created_on_line[new_id] = line
        self.status[new_id] = "created"
        self.changes.append(f"create {new_id}" + (f" (line {line})" if line is not None else ""))

    # ties and referrals

    def ties(self) -> None:
        me = self.me.id
        for parsed in self.parsed.ties:
            person = self.map.get(parsed.person)
            if person is None or person == me:
                continue
            if person in self.new_ties:  # two rows became one person: the stronger wins
                strength, since = self.new_ties[person]
                self.new_ties[person] = (max(strength, parsed.strength), since or parsed.since)
                continue
            existing = self.my_ties.get(person)
            if existing is None:
                self.new_ties[person] = (parsed.strength, parsed.since)
            elif parsed.strength > existing[0] or (existing[1] is None and parsed.since):
                tie = self.store.tie(me, person)
                assert tie is not None
                tie = tie.model_copy(
                    update={
                        "strength": max(tie.strength, parsed.strength),
                        "since": tie.since or parsed.since,
                    }
                )
                self.tie_updates[person] = tie
                self.my_ties[person] = (tie.strength, tie.since)
            else:
                continue
            if person not in self.new_persons:
                self._mark_updated(person, "my tie", self.parsed.lines.get(parsed.person))

    def referrals(self) -> None:
        me = self.me.id
        wanted: list[tuple[str, str, dt.date]] = []
        for referral in self.parsed.referrals:
            referrer, referee = self.map.get(referral.referrer), self.map.get(referral.referee)
            if referrer is not None and referee is not None:
                wanted.append((referrer, referee, referral.on))
        for named in self.parsed.named_referrals:
            referee = self.map.get(named.referee)
            if referee is None:
                continue
            referrer = self._referrer(named.referrer_name, named.line)
            if referrer is not None:
                wanted.append((referrer, referee, named.on))
        for referrer, referee, on in wanted:
            if referrer == referee or me in (referrer, referee):
                continue
            if (referrer, referee) in self.referral_pairs:
                continue
            self.referral_pairs.add((referrer, referee))
            self.new_referrals.append(Referral(referrer=referrer, referee=referee, on=on))

    def _referrer(self, name: str, line: int | None) -> str | None:
        if name_key(name) in ("me", "myself"):  # "referred by: me" is the user, not a "Me"
            return self.me.id
        found = sorted(self.by_name.get(name_key(name), ()))
        if len(found) > 1:
            self.problem(
                line,
                f"the referrer's name fits {len(found)} persons ({', '.join(found)}); "
                "record the referral with 'referrals refer ID ID'",
            )
            return None
        if found:
            return found[0]
        try:
            person = Person(id="x", name=" ".join(name.split()))
        except ValidationError:
            self.problem(line, "the referrer's name is not a valid name; fix the relation")
            return None
        self._create(f"referrer:{name}", person, line)
        created = self.map[f"referrer:{name}"]
        self.notes.append(f"line {line}: created the referrer '{created}' (named only)")
        return created

    def write(self) -> None:
        store = self.store
        store.insert_all(self.new_fields)
        store.insert_all(self.new_orgs)
        _insert_persons(store, list(self.new_persons.values()))
        for updated in self.updated_persons.values():
            store.add_person(updated, replace=True)
        # New ties as rows (see ties()); the columns are those of the ties table.
        me = self.me.id
        store.executemany(
            "INSERT INTO ties (a, b, strength, context, since) VALUES (?, ?, ?, NULL, ?)",
            [
                (*sorted((me, person)), strength, since.isoformat() if since else None)
                for person, (strength, since) in self.new_ties.items()
            ],
        )
        for tie in self.tie_updates.values():
            store.add_tie(tie)
        store.insert_all(self.new_referrals)

    def run(self, *, dry_run: bool) -> ImportReport:
        total = len(self.parsed.persons)
        for n, person in enumerate(self.parsed.persons, 1):
            self.person(person)
            if self.progress is not None and n % _PROGRESS_EVERY == 0:
                self.progress(n, total)
        self.ties()
        self.referrals()
        # Organizations and fields are made when a row names them, but written only if a
        # person ends up using them (a known person keeps their own organization).
        written = [*self.new_persons.values(), *self.updated_persons.values()]
        used_orgs = {p.organization for p in written} | {
            q.organization for p in written for q in p.past_positions
        }
        used_fields = {f for p in written for f in p.fields}
        self.new_orgs = [o for o in self.new_orgs if o.id in used_orgs]
        self.new_fields = [f for f in self.new_fields if f.id in used_fields]
        counts = {s: list(self.status.values()).count(s) for s in ("created", "updated")}
        return ImportReport(
            file=self.file,
            dry_run=dry_run,
            created=counts["created"],
            updated=counts["updated"],
            unchanged=len(self.status) - counts["created"] - counts["updated"],
            organizations_created=len(self.new_orgs),
            fields_created=len(self.new_fields),
            referrals_created=len(self.new_referrals),
            likely_duplicates=tuple(self.duplicates),
            problems=tuple(self.problems),
            changes=tuple(self.changes),
            notes=tuple(self.notes),
        )


def _json_list(values: Sequence[Any]) -> str:
    return json.dumps(list(values), ensure_ascii=False, sort_keys=True) if values else "[]"


def _person_row(person: Person) -> dict[str, Any]:
    """Return the ``persons`` row of a person, as ``Store.add_person`` writes it.

    Built from attributes directly (dumping each of 30,000 models cost half a second); a
    test checks it against the store's own mapping.
    """
    positions = [p.model_dump(mode="json") for p in person.past_positions]
    return {
        "id": person.id,
        "name": person.name,
        "name_key": name_key(person.name),
        "is_self": person.is_self,
        "emails": _json_list(person.emails),
        "phones": _json_list(person.phones),
        "url": person.url,
        "organization": person.organization,
        "title": person.title,
        "past_positions": _json_list(positions),
        "how": person.how,
        "tags": _json_list(person.tags),
        "notes": person.notes,
        "do_not_contact": person.do_not_contact,
    }


def _insert_persons(store: Store, persons: Sequence[Person]) -> None:
    """Insert new persons in bulk (inside the caller's transaction)."""
    if not persons:
        return
    rows = [_person_row(p) for p in persons]
    columns = ", ".join(rows[0])
    marks = ", ".join(f":{c}" for c in rows[0])
    store.executemany(f"INSERT INTO persons ({columns}) VALUES ({marks})", rows)
    store.executemany(
        "INSERT INTO person_fields (person, field) VALUES (?, ?)",
        [(p.id, f) for p in persons for f in p.fields],
    )
    store.index_emails(persons)


def _valid(person: Person, merge: _Merge, line: int | None) -> Person | None:
    try:
        return Person.model_validate(person.model_dump())
    except ValidationError as error:
        merge.problem(line, str(invalid_input(error, "merged person")))
        return None


def _refuse(file: str, problems: Sequence[str]) -> ImportFileError:
    if len(problems) == 1:
        return ImportFileError(
            f"{problems[0]} — nothing was imported; fix the row, or add --skip-invalid to "
            "import the others",
            tuple(problems),
        )
    shown = " | ".join(problems[:3]) + (
        f" | … and {len(problems) - 3} more" if len(problems) > 3 else ""
    )
    return ImportFileError(
        f"{file}: {len(problems)} rows cannot be imported, so nothing was; fix them, or add "
        f"--skip-invalid to import the others: {shown}",
        tuple(problems),
    )


def apply_import(
    store: Store,
    parsed: ParsedImport,
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Callable[[int, int], None] | None = None,
    merge_same_email: bool = False,
) -> ImportReport:
    r"""Merge what an importer parsed into the store, in one transaction.

    See the module docstring for the rules (recognised by URL, then email, then vCard UID;
    never merged on name alone; idempotent).

    Parameters
    ----------
    store : Store
        An open store with a 'me' (my tie to each person is recorded).
    parsed : Parsed
        What :mod:`infoview_graph.interop` read.
    dry_run : bool, default False
        Make the report, save nothing.
    skip_invalid : bool, default False
        Import what can be and report the rest; otherwise any problem — in the parsed
        file or found here (an organization name that fits two organizations, a referrer's
        name that fits two persons) — saves nothing and raises.
    progress : callable, optional
        Told ``(persons done, persons in all)``.
    merge_same_email : bool, default False
        Merge a row into the person whose email it shares even under a name that cannot be
        theirs; by default such a row is a problem (reported with the row or person it
        collides with), neither merged nor silently dropped. A shared profile URL or vCard
        UID merges whatever the name (it survives renames).

    Returns
    -------
    ImportReport
        Counts, likely duplicates, problems, and one line per change.

    Raises
    ------
    ImportFileError
        If there are problems and ``skip_invalid`` is false; nothing was saved.
    NotFoundError
        If the store has no 'me' yet.

    Notes
    -----
    One bulk read of persons, organizations, fields, my ties and referral pairs, then
    O(rows) dictionary work and bulk inserts: 30,000 LinkedIn rows merge in about a second.

    Examples
    --------
    >>> from infoview_graph.interop.vcard import read_vcards
    >>> from infoview_graph.store import actions, open_store
    >>> store = open_store(":memory:")
    >>> _ = actions.init_store(store, "Steven Olson")
    >>> card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@example.org\r\nEND:VCARD\r\n"
    >>> apply_import(store, read_vcards(card), dry_run=True).summary()
    '<bytes>: would import 1 new people, update 0, leave 0 unchanged (dry run: nothing saved)'
    >>> store.count("persons")
    1
    >>> store.close()
    """
    if parsed.problems and not skip_invalid:
        raise _refuse(parsed.file, [str(p) for p in parsed.problems])
    try:
        with store.write(), paused_gc():
            merge = _Merge(store, parsed, progress, merge_same_email=merge_same_email)
            report = merge.run(dry_run=dry_run)
            if len(merge.problems) > len(parsed.problems) and not skip_invalid:
                raise _refuse(parsed.file, merge.problems)
            merge.write()
            if dry_run:
                raise _DryRun(report)
    except _DryRun as stop:
        return stop.report
    return report


# --- our dump --------------------------------------------------------------------------------


def _may_be_the_same(a: str, b: str) -> bool:
    """Whether two names can be one person's.

    Equal, or the same surname with the same first name or its initial ("B. Johnson",
    "Brad Johnson"), or one name alone that the other starts or ends with ("Ada", "Ada
    Lovelace"). "Mallory" and "Brad Johnson" cannot.

    >>> _may_be_the_same("B. Johnson", "Brad Johnson"), _may_be_the_same("Mallory", "Brad J")
    (True, False)
    """
    x, y = name_key(a).split(), name_key(b).split()
    if x == y:
        return True
    if not x or not y:
        return False
    if len(x) == 1 or len(y) == 1:
        one, other = (x, y) if len(x) == 1 else (y, x)
        return one[0] in (other[0], other[-1])
    if x[-1] != y[-1]:
        return False
    first, second = sorted((x[0], y[0]), key=len)
    return first == second or (len(first) == 1 and second.startswith(first))


def _is_empty(data: NetworkData) -> bool:
    # Nothing, or only me with no edges (as after 'referrals init').
    others: list[tuple[Any, ...]] = [data.organizations, data.fields, data.ties, data.referrals]
    others += [data.outreach, data.interviews, data.followups, data.targets, data.questions]
    return all(not records for records in others) and all(p.is_self for p in data.persons)


def check_dump_me(data: NetworkData, me: str | None = None) -> None:
    """Refuse a dump without exactly one "me", or whose "me" is not the store's.

    Restoring such a dump would delete the user from the store (which then fails
    ``doctor`` and cannot be re-initialised); :func:`import_dump` and ``referrals import
    json`` into a new file call this before anything is written.

    Parameters
    ----------
    data : NetworkData
        The dump.
    me : str, optional
        The id of the store's "me", if the store has one.

    Raises
    ------
    InvalidInputError
        If the dump has no self person or several, or one with another id than ``me``.

    Examples
    --------
    >>> from infoview_graph.models import Person
    >>> check_dump_me(NetworkData(persons=(Person(id="me", name="Me", is_self=True),)), "me")
    >>> check_dump_me(NetworkData(), "me")
    Traceback (most recent call last):
    ...
    infoview_graph.errors.InvalidInputError: the dump has no "me" (a person with is_self); ...
    """
    selves = [p.id for p in data.persons if p.is_self]
    if len(selves) != 1:
        count = "no" if not selves else f"{len(selves)} people as"
        raise InvalidInputError(
            f'the dump has {count} "me" (a person with is_self); it is not a whole store, '
            "so nothing was imported — export one with 'referrals export json'"
        )
    if me is not None and selves[0] != me:
        raise InvalidInputError(
            f"the dump's \"me\" ({selves[0]}) is not this store's ({me}); nothing was "
            "imported — restore it into a new store: referrals --db NEW_FILE import json FILE"
        )


def import_dump(
    store: Store, data: NetworkData, *, dry_run: bool = False, name: str = "dump"
) -> ImportReport:
    """Restore our JSON dump into an empty store (or confirm the store already equals it).

    A store that holds nothing, or only me (as after ``referrals init``), is emptied and
    gets every record of the dump, exactly; importing the dump again changes nothing. A
    store with other records is refused: a dump carries ids, events and ties between other
    people, and merging two histories by id could hang one person's interviews on another.
    To combine address books, export and import contacts (``vcard`` / ``csv``) instead.

    Parameters
    ----------
    store : Store
        An open store.
    data : NetworkData
        The dump (see :func:`infoview_graph.interop.dump.read_dump`).
    dry_run : bool, default False
        Say what would happen, save nothing.
    name : str
        The dump's file name, for the report.

    Returns
    -------
    ImportReport
        ``created`` = the dump's persons (restored), or ``unchanged`` = them (already equal).

    Raises
    ------
    DuplicateError
        If the store holds other records.
    InvalidInputError
        If the dump's "me" is missing or not the store's (:func:`check_dump_me`); nothing
        is written.

    Examples
    --------
    >>> from infoview_graph.store import actions, open_store
    >>> from infoview_graph.demo import demo_data
    >>> store = open_store(":memory:")
    >>> _ = actions.init_store(store, "Steven Olson")
    >>> import_dump(store, demo_data()).created == len(demo_data().persons)
    True
    >>> store.load() == demo_data().sorted(), import_dump(store, demo_data()).created
    (True, 0)
    >>> store.close()
    """
    wanted = data.sorted()
    try:
        with store.write():
            current = store.load()
            mine = [p.id for p in current.persons if p.is_self]
            check_dump_me(wanted, mine[0] if mine else None)  # before anything is written
            if current == wanted:
                report = ImportReport(file=name, dry_run=dry_run, unchanged=len(wanted.persons))
            elif _is_empty(current):
                for person in current.persons:
                    store.execute("DELETE FROM persons WHERE id = ?", (person.id,))
                store.write_data(wanted)
                report = ImportReport(
                    file=name,
                    dry_run=dry_run,
                    created=len(wanted.persons),
                    organizations_created=len(wanted.organizations),
                    fields_created=len(wanted.fields),
                    referrals_created=len(wanted.referrals),
                )
            else:
                raise DuplicateError(
                    "the store already holds other records; a dump restores into a new or "
                    "empty store (use --db NEW_FILE), and contacts merge with 'referrals "
                    "export vcard' + 'referrals import vcard'"
                )
            if dry_run:
                raise _DryRun(report)
    except _DryRun as stop:
        return stop.report
    return report


# --- merging two persons ---------------------------------------------------------------------


def _merged(keep: Person, other: Person) -> tuple[Person, list[str]]:
    notes: list[str] = []
    update: dict[str, Any] = {
        "emails": tuple(dict.fromkeys((*keep.emails, *other.emails))),
        "phones": tuple(dict.fromkeys((*keep.phones, *other.phones))),
        "fields": tuple(sorted({*keep.fields, *other.fields})),
        "tags": tuple(sorted({*keep.tags, *other.tags})),
        "past_positions": tuple(dict.fromkeys((*keep.past_positions, *other.past_positions))),
        "do_not_contact": keep.do_not_contact or other.do_not_contact,
    }
    for attribute in ("url", "organization", "title", "how"):
        mine, theirs = getattr(keep, attribute), getattr(other, attribute)
        if mine is None:
            update[attribute] = theirs
        elif theirs is not None and theirs != mine:
            notes.append(f"kept {keep.id}'s {attribute}; {other.id}'s differs and was dropped")
    if keep.notes and other.notes and keep.notes != other.notes:
        update["notes"] = f"{keep.notes}\n\n{other.notes}"
    else:
        update["notes"] = keep.notes or other.notes
    values = {**keep.model_dump(), **update}
    try:
        return Person(**values), notes
    except ValidationError as error:
        raise invalid_input(error, "merged person") from None


def merge_persons(store: Store, keep: str, other: str) -> Change[Person]:
    """Fold ``other`` into ``keep``: every edge moves, then ``other`` is deleted.

    ``keep``'s attributes win; empty ones are filled from ``other``; emails, phones,
    fields, tags and past positions are combined, notes joined. Ties, referrals (given and
    received), outreach (as the person contacted and as ``via``), interviews, the
    interviews' referral lists and follow-ups move to ``keep``. Where both already have the
    edge (a tie to the same person, a referral from the same referrer) one is kept: the
    stronger tie, ``keep``'s referral. Edges between the two disappear (nobody refers
    themselves). One transaction; ``other`` is deleted as ``forget`` deletes.

    Parameters
    ----------
    store : Store
        The open store.
    keep, other : str
        Ids or unambiguous names.

    Returns
    -------
    Change
        The merged person, with notes on what moved and what was dropped.

    Raises
    ------
    InvalidInputError
        If they are the same person, or either is me.

    Examples
    --------
    >>> from infoview_graph.store import actions, open_store
    >>> store = open_store(":memory:")
    >>> _ = actions.init_store(store, "Steven Olson")
    >>> _ = actions.add_contact(store, "Ann Lee", emails=["ann@example.org"], how="friend")
    >>> _ = actions.add_contact(store, "Ann Lee", url="https://example.org/ann", new=True)
    >>> merged = merge_persons(store, "ann-lee", "ann-lee-2").record
    >>> merged.emails, merged.url, store.count("persons")
    (('ann@example.org',), 'https://example.org/ann', 2)
    >>> store.close()
    """
    with store.write():
        kept, gone = store.find_person(keep), store.find_person(other)
        if kept.id == gone.id:
            raise InvalidInputError("merge: KEEP and OTHER are the same person; name two people")
        if kept.is_self or gone.is_self:
            raise InvalidInputError("merge: 'me' cannot be merged; name two of your contacts")
        merged, notes = _merged(kept, gone)
        moved = _move_edges(store, kept.id, gone.id)
        store.remove_person(gone.id)
        store.add_person(merged, replace=True)
    summary = ", ".join(f"{n} {what}" for what, n in moved.items() if n) or "no records"
    return Change(merged, (f"moved {summary} from {gone.id} to {kept.id}", *notes))


def _move_edges(store: Store, keep: str, other: str) -> dict[str, int]:
    """Point every edge of ``other`` at ``keep`` (inside the caller's transaction)."""
    ids = {"keep": keep, "other": other}
    moved: dict[str, int] = {}
    # Ties: a pair is stored in id order (CHECK a < b), so rows are re-inserted, not updated;
    # a tie both had to the same person keeps the stronger strength.
    moved["ties"] = store.execute(
        "INSERT INTO ties (a, b, strength, context, since) "
        "SELECT min(:keep, x), max(:keep, x), strength, context, since FROM ("
        "  SELECT CASE WHEN a = :other THEN b ELSE a END AS x, strength, context, since"
        "  FROM ties WHERE a = :other OR b = :other) WHERE x <> :keep "
        "ON CONFLICT (a, b) DO UPDATE SET strength = max(strength, excluded.strength), "
        "context = coalesce(context, excluded.context), since = coalesce(since, excluded.since)",
        ids,
    ).rowcount
    store.execute("DELETE FROM ties WHERE a = :other OR b = :other", ids)
    columns = "on_date, for_field, for_org, may_use_name, status, note"
    # Referrals: keep's own wins where both have one (ON CONFLICT … DO NOTHING applies to
    # the key only; CHECK constraints still raise, unlike INSERT OR IGNORE).
    moved["referrals given"] = store.execute(
        f"INSERT INTO referrals (referrer, referee, {columns}) "
        f"SELECT :keep, referee, {columns} FROM referrals "
        "WHERE referrer = :other AND referee <> :keep ON CONFLICT (referrer, referee) DO NOTHING",
        ids,
    ).rowcount
    moved["referrals received"] = store.execute(
        f"INSERT INTO referrals (referrer, referee, {columns}) "
        f"SELECT referrer, :keep, {columns} FROM referrals "
        "WHERE referee = :other AND referrer <> :keep ON CONFLICT (referrer, referee) DO NOTHING",
        ids,
    ).rowcount
    store.execute("DELETE FROM referrals WHERE referrer = :other OR referee = :other", ids)
    # Outreach: CHECK (via <> person) — an attempt to one via the other loses its 'via'.
    store.execute(
        "UPDATE outreach SET via = NULL WHERE (person = :keep AND via = :other) "
        "OR (person = :other AND via = :keep)",
        ids,
    )
    moved["outreach"] = store.execute(
        "UPDATE outreach SET person = :keep WHERE person = :other", ids
    ).rowcount
    moved["outreach via"] = store.execute(
        "UPDATE outreach SET via = :keep WHERE via = :other", ids
    ).rowcount
    moved["interviews"] = store.execute(
        "UPDATE interviews SET person = :keep WHERE person = :other", ids
    ).rowcount
    moved["interview referrals"] = store.execute(
        "INSERT INTO interview_referrals (interview, person) "
        "SELECT interview, :keep FROM interview_referrals WHERE person = :other "
        "ON CONFLICT (interview, person) DO NOTHING",
        ids,
    ).rowcount
    store.execute("DELETE FROM interview_referrals WHERE person = :other", ids)
    # An interview with keep that named keep as a referral names nobody new.
    store.execute(
        "DELETE FROM interview_referrals WHERE person = :keep "
        "AND interview IN (SELECT id FROM interviews WHERE person = :keep)",
        ids,
    )
    moved["follow-ups"] = store.execute(
        "UPDATE followups SET person = :keep WHERE person = :other", ids
    ).rowcount
    return moved


# --- pseudonyms --------------------------------------------------------------------------------


def anonymization_key(store: Store) -> bytes:
    """Return the store's secret for ``--anonymize`` pseudonyms, made on first use.

    Kept in the store's ``meta`` table, so that pseudonyms are stable from one export to
    the next, yet cannot be checked against guessed names by anyone without the store. It
    is not part of the JSON dump: a restored store makes a new one.

    Examples
    --------
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> key = anonymization_key(store)
    >>> len(key), anonymization_key(store) == key
    (32, True)
    >>> store.close()
    """
    with store.write():
        row = store.execute("SELECT value FROM meta WHERE key = 'anonymize_key'").fetchone()
        if row is not None:
            return bytes.fromhex(row[0])
        key = secrets.token_bytes(32)
        store.execute("INSERT INTO meta (key, value) VALUES ('anonymize_key', ?)", (key.hex(),))
    return key
