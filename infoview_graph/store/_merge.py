"""The merge of one import into the store: indexes read once, a plan, then bulk writes.

:func:`infoview_graph.store.imports.apply_import` runs a :class:`Merge` inside its
transaction; the rules are in that module's docstring.

Examples
--------
>>> profile_key("http://www.LinkedIn.com/in/ada/?trk=x") == profile_key("https://linkedin.com/in/ada")
True
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from infoview_graph.models import (
    CareerField,
    Organization,
    Person,
    Referral,
    Tie,
    invalid_input,
    slugify,
)
from infoview_graph.network import name_key
from infoview_graph.store._report import ImportReport, LikelyDuplicate, ParsedImport
from infoview_graph.store.sqlite import Store

__all__ = ["UID_TAG", "Merge", "insert_persons", "may_be_the_same", "person_row", "profile_key"]

UID_TAG = "vcard-uid:"
"""The tag prefix under which the vCard importer keeps a card's ``UID``."""

_PROGRESS_EVERY = 500
_DIGITS = re.compile(r"\D")
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://)?([^/?#\s]*)([^?#\s]*)(\?[^#\s]*)?(?:#\S*)?", re.I)
_SHOWN = 5  # likely duplicates list at most this many others


# --- matching keys ---------------------------------------------------------------------------


def profile_key(url: str) -> str:
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


class Merge:
    """One import: indexes of the store read once, the plan, then bulk writes."""

    def __init__(
        self,
        store: Store,
        parsed: ParsedImport,
        progress: Callable[[int, int], None] | None,
        *,
        merge_same_email: bool = False,
        merge_same_profile: bool = False,
    ) -> None:
        self.store = store
        self.parsed = parsed
        self.merge_same_email = merge_same_email
        self.merge_same_profile = merge_same_profile
        # Persons a row of this file created, or matched first, and that row's line.
        self.created_on_line: dict[str, int | None] = {}
        self.claimed_on_line: dict[str, int | None] = {}
        # What became of each row, by provisional id: "created", "merged" (into a person
        # an earlier row made or matched), "refused", or the person it matched first.
        self.row_outcome: dict[str, str | tuple[str]] = {}
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
            _index(self.by_url, url_key or profile_key(person.url), person.id)
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
            and not self._owner(self.by_url, profile_key(incoming.url), current.id)
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
        url_key = profile_key(parsed.url) if parsed.url else None
        url_hits = list(self.by_url.get(url_key, ())) if url_key else []
        email_hits = sorted({i for e in parsed.emails for i in self.by_email.get(e.lower(), ())})
        uid_hits = sorted(
            {i for t in parsed.tags if t.startswith(UID_TAG) for i in self.by_uid.get(t, [])}
        )
        keys = (("a profile URL", url_hits), ("an email", email_hits), ("a vCard UID", uid_hits))
        key, target = next(((k, sorted(hits)[0]) for k, hits in keys if hits), ("", None))
        if target is not None and not self._same_person(target, parsed, line, key):
            self.row_outcome[parsed.id] = "refused"
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
            if candidate in self.claimed_on_line:
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

    def _same_person(self, target: str, parsed: Person, line: int | None, key: str) -> bool:
        """Whether a row that shares ``key`` (an email, URL or UID) with ``target`` may merge.

        Under a name that may be the same person's (:func:`may_be_the_same`), always. An
        email is shared (a family address, a planted card), so under another name only with
        ``merge_same_email``. A profile URL or vCard UID names one record through renames,
        so a stored person whose given name is the row's ("Ann Lee", "Ann Lee-Stone") is
        renamed; two rows of one file, or names with nothing in common, only
        with ``merge_same_profile``. Otherwise the row is reported with the row or person it
        collides with, never merged nor dropped.
        """
        current = self.persons[target]
        if may_be_the_same(current.name, parsed.name):
            return True
        earlier = self.created_on_line.get(target, self.claimed_on_line.get(target))
        within = target in self.created_on_line or target in self.claimed_on_line
        if key == "an email":
            allowed, flag = self.merge_same_email, "--merge-same-email"
        else:
            renamed = not within and _given(current.name) == _given(parsed.name) != ""
            allowed, flag = self.merge_same_profile or renamed, "--merge-same-profile"
        if allowed:
            return True
        if within:
            other = f"the row on line {earlier} ({target})" if earlier is not None else target
        else:
            other = f"{target}, already in the store,"
        self.problem(
            line,
            f"shares {key} with {other} but has another name; neither merged nor imported "
            f"— correct the file, or pass {flag} to merge them",
        )
        return False

    def _update(self, target: str, provisional: str, incoming: Person, line: int | None) -> None:
        self.map[provisional] = target
        if target in self.created_on_line or target in self.claimed_on_line:
            self.row_outcome[provisional] = "merged"
        else:
            self.claimed_on_line[target] = line
            self.row_outcome[provisional] = (target,)
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
        if not provisional.startswith("referrer:"):  # a referrer named only is no row
            self.row_outcome[provisional] = "created"
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
        insert_persons(store, list(self.new_persons.values()))
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
        outcomes = list(self.row_outcome.values())
        read = max(getattr(self.parsed, "rows", 0), len(self.parsed.persons))
        merged, refused = outcomes.count("merged"), outcomes.count("refused")
        imported = len(outcomes) - merged - refused
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
            rows=read,
            rows_imported=imported,
            rows_merged=merged,
            rows_refused=refused,
        )


def _json_list(values: Sequence[Any]) -> str:
    return json.dumps(list(values), ensure_ascii=False, sort_keys=True) if values else "[]"


def person_row(person: Person) -> dict[str, Any]:
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


def insert_persons(store: Store, persons: Sequence[Person]) -> None:
    """Insert new persons in bulk (inside the caller's transaction)."""
    if not persons:
        return
    rows = [person_row(p) for p in persons]
    columns = ", ".join(rows[0])
    marks = ", ".join(f":{c}" for c in rows[0])
    store.executemany(f"INSERT INTO persons ({columns}) VALUES ({marks})", rows)
    store.executemany(
        "INSERT INTO person_fields (person, field) VALUES (?, ?)",
        [(p.id, f) for p in persons for f in p.fields],
    )
    store.index_emails(persons)


def _valid(person: Person, merge: Merge, line: int | None) -> Person | None:
    try:
        return Person.model_validate(person.model_dump())
    except ValidationError as error:
        merge.problem(line, str(invalid_input(error, "merged person")))
        return None


def _given(name: str) -> str:
    return next(iter(name_key(name).split()), "")


def may_be_the_same(a: str, b: str) -> bool:
    """Whether two names can be one person's.

    Equal, or the same surname with the same first name or its initial ("B. Johnson",
    "Brad Johnson"), or one name alone that the other starts or ends with ("Ada", "Ada
    Lovelace"). "Mallory" and "Brad Johnson" cannot.

    >>> may_be_the_same("B. Johnson", "Brad Johnson"), may_be_the_same("Mallory", "Brad J")
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
