r"""vCard 2.1, 3.0 and 4.0: address books from Apple, Google, Outlook and Android, in and out.

Reading goes through ``vobject``, one card at a time, so that a bad card is one problem
with its line, not the end of the file. Before that the text is cut into cards at
``BEGIN:VCARD`` / ``END:VCARD`` lines split only at ``\n`` (``str.splitlines()`` would
also split inside values at ``\x85`` and ``\u2028``), and inline ``PHOTO``, ``LOGO``,
``SOUND`` and ``KEY`` values — the bulk of a large file — are blanked out unread.
``vobject`` unfolds continuation lines and decodes vCard 2.1 quoted-printable values in
their ``CHARSET``.

What a card gives: ``FN`` (or ``N``) → name, ``ORG`` → organization, ``TITLE`` → title,
``EMAIL`` / ``TEL`` (preferred first) → emails / phones, the first web ``URL`` (a LinkedIn
one first) → profile URL, ``NOTE`` → notes, ``CATEGORIES`` → tags or career fields, and
``UID`` → a tag ``vcard-uid:…`` that recognises the card on re-import. Referrals come from
Apple's grouped ``itemN.X-ABRELATEDNAMES`` whose ``itemN.X-ABLabel`` is "referred by", and
from vCard 4.0 ``RELATED`` with a parameter value ``referred-by`` (as :func:`to_vcard`
writes them).

Writing: vCard 3.0 (what every address book reads) or 4.0, by hand rather than through
``vobject``, whose serializer folds at 75 *characters* — too long in octets for names in
UTF-8 — and can only write 3.0. Lines are folded at 75 octets, never inside a UTF-8
character, with CRLF line ends.

Examples
--------
>>> card = (b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
...         b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller\r\n"
...         b"END:VCARD\r\n")
>>> read_vcards(card, name="contacts.vcf").persons[0].name
'Jürgen Müller'
"""

from __future__ import annotations

import datetime as dt
import os
import re
import uuid
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal

from infoview_graph._bulk import paused_gc
from infoview_graph.errors import ImportFileError
from infoview_graph.interop._collect import (
    UID_TAG,
    Collector,
    Progress,
    Row,
    join_name,
    profile_url,
    split_name,
)
from infoview_graph.interop._input import open_input
from infoview_graph.interop._text import changed_while_read, open_text
from infoview_graph.interop.parsed import Parsed
from infoview_graph.models import NetworkData, Person

__all__ = ["read_vcards", "to_vcard"]

CategoriesAs = Literal["tags", "fields"]

_SKIPPED = {"PHOTO", "LOGO", "SOUND", "KEY"}
_PROPERTY = re.compile(r"(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)[;:]")
_REFERRED_BY = {"referredby", "referrer"}
_LETTERS = re.compile(r"[^a-z]")
_UID_NAMESPACE = uuid.UUID("6f1c1a56-3d3b-4c57-9a43-8a8e54e0f0b1")
_RELATION_PARAM = "X-INFOVIEW-RELATION"
_UID_PARAM = "X-INFOVIEW-UID"


def read_vcards(
    source: bytes | str | os.PathLike[str],
    *,
    name: str | None = None,
    categories_as: CategoriesAs = "tags",
    skip_invalid: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Parsed:
    r"""Read the contacts of a vCard file (2.1, 3.0 or 4.0; one or many cards).

    Parameters
    ----------
    source : bytes or path-like
        The ``.vcf`` file, or its content.
    name : str, optional
        The file's name in messages (default: the path).
    categories_as : {"tags", "fields"}
        Whether ``CATEGORIES`` become tags or career fields.
    skip_invalid : bool, default False
        Return the valid cards and list the others as problems, instead of raising.
    today : datetime.date, optional
        The date given to referrals (default: today).
    progress : callable, optional
        Told ``(cards done, cards in all)``.

    Returns
    -------
    Parsed
        The contacts; my tie to each gets the default strength for an acquaintance (1).

    Raises
    ------
    ImportFileError
        If the file holds no vCard, is not text, or a card is invalid and ``skip_invalid``
        is false.

    Examples
    --------
    >>> text = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nUID:abc-1\r\n"
    ...         b"CATEGORIES:Mentors,Alumni\r\nitem1.X-ABRELATEDNAMES:Brad Johnson\r\n"
    ...         b"item1.X-ABLabel:referred by\r\nEND:VCARD\r\n")
    >>> parsed = read_vcards(text, today=dt.date(2026, 11, 20))
    >>> parsed.persons[0].tags
    ('Alumni', 'Mentors', 'vcard-uid:abc-1')
    >>> parsed.named_referrals[0].referrer_name
    'Brad Johnson'
    """
    text = open_text(open_input(source, name=name), fallback="cp1252")
    file = text.label
    collector = Collector(
        file,
        skip_invalid=skip_invalid,
        today=today or dt.date.today(),
        strength=1,
        progress=progress,
    )
    collector.notes.extend(text.notes)
    collector.estimate = text.estimate
    stray = [0]
    with paused_gc(), text.open(newline=None) as stream:
        try:
            _read_cards(collector, _cards(stream, stray), categories_as)
        except UnicodeDecodeError:
            raise changed_while_read(file) from None
    if not collector.rows:
        raise ImportFileError(f"{file}: no vCard in the file (no BEGIN:VCARD line)")
    if stray[0]:
        collector.notes.append(f"{file}: {stray[0]} lines outside any card were ignored")
    return collector.finish()


def _read_cards(
    collector: Collector, cards: Iterable[tuple[int, str, bool]], categories_as: CategoriesAs
) -> None:
    for start, card_text, closed in cards:
        collector.tick()
        if not closed:
            collector.problem(start, "the card has no END:VCARD line; the file is cut short")
            continue
        row = _parse_card(collector, start, card_text, categories_as)
        if row is not None:
            collector.add(row)


def _cards(lines: Iterable[str], stray: list[int]) -> Iterator[tuple[int, str, bool]]:
    r"""Cut lines into cards: (first line, text with blanked-out media, closed?).

    ``lines`` end only at ``\n``; ``stray[0]`` counts the lines outside any card.
    """
    current: list[str] = []
    depth, start, skipping = 0, 0, False
    for number, full_line in enumerate(lines, 1):
        line = full_line.removesuffix("\n")
        if number == 1:
            line = line.removeprefix("\ufeff")
        word = line.strip().upper()
        if depth == 0:
            if word == "BEGIN:VCARD":
                depth, start, current, skipping = 1, number, [line], False
            elif word:
                stray[0] += 1
            continue
        if skipping and (line[:1] in (" ", "\t") or (":" not in line and word)):
            current.append("")  # keep the numbering: vobject reports lines in the card
            continue
        skipping = False
        match = _PROPERTY.match(line)
        if match and match.group(1).upper() in _SKIPPED:
            skipping = True
            current.append("")
            continue
        current.append(line)
        if word == "BEGIN:VCARD":
            depth += 1
        elif word == "END:VCARD":
            depth -= 1
            if depth == 0:
                yield start, "\n".join(current) + "\n", True
                current = []
    if depth:
        yield start, "\n".join(current) + "\n", False


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (list, tuple)):
        return join_name(*(_text(v) for v in value))
    return str(value).strip() if value is not None else ""


def _parse_card(
    collector: Collector, start: int, card_text: str, categories_as: CategoriesAs
) -> Row | None:
    import vobject

    try:
        card = vobject.readOne(card_text, allowQP=True)
        return _row(card, start, categories_as)
    except Exception as error:
        # vobject's error surface is not documented (ParseError, ValueError, LookupError
        # for a bad CHARSET, binascii errors, AttributeError on odd structures…): any
        # exception while reading a card means this card is unreadable.
        line = getattr(error, "lineNumber", None)
        where = start + max(int(line) - 1, 0) if isinstance(line, int) else start
        collector.problem(
            where,
            f"the card cannot be read ({type(error).__name__}); check this line's "
            "property name, parameters and quoted-printable encoding",
        )
        return None


def _preferred(lines: Iterable[Any]) -> list[Any]:
    def rank(line: Any) -> tuple[int, int]:
        params = {k.upper(): [str(v).upper() for v in vs] for k, vs in line.params.items()}
        singles = [str(s).upper() for s in getattr(line, "singletonparams", [])]
        if "PREF" in params.get("TYPE", []) or "PREF" in singles:
            return (0, 0)
        pref = params.get("PREF", [])
        if pref and pref[0].isdigit():
            return (0, int(pref[0]))
        return (1, 0)

    return sorted(lines, key=rank)


def _row(card: Any, start: int, categories_as: CategoriesAs) -> Row:
    by_name: dict[str, list[Any]] = {}
    by_group: dict[str, list[Any]] = {}
    for line in card.getChildren():
        _decode_base64_text(line)
        by_name.setdefault(line.name.upper(), []).append(line)
        if line.group:
            by_group.setdefault(str(line.group).casefold(), []).append(line)

    def values(key: str) -> list[Any]:
        return by_name.get(key, [])

    fn = next((_text(v.value) for v in values("FN") if _text(v.value)), "")
    if not fn and values("N"):
        n = values("N")[0].value
        parts = [getattr(n, a, "") for a in ("prefix", "given", "additional", "family", "suffix")]
        fn = join_name(*(_text(p) for p in parts)) if not isinstance(n, str) else _text(n)
    emails = [_text(v.value).removeprefix("mailto:") for v in _preferred(values("EMAIL"))]
    phones = [_text(v.value).removeprefix("tel:") for v in _preferred(values("TEL"))]
    urls = [profile_url(_text(v.value)) for v in values("URL")]
    web = [u for u in urls if u.startswith(("http://", "https://"))]
    web.sort(key=lambda u: not u.startswith("https://www.linkedin.com/"))
    org = next((_org(v.value) for v in values("ORG") if _org(v.value)), None)
    title = next((_text(v.value) for v in values("TITLE") if _text(v.value)), None)
    note = "\n\n".join(str(v.value).strip() for v in values("NOTE") if str(v.value).strip())
    categories = [c for v in values("CATEGORIES") for c in _categories(v.value)]
    uid = next((_text(v.value) for v in values("UID") if _text(v.value)), None)
    tags = categories if categories_as == "tags" else []
    if uid:
        tags = [*tags, UID_TAG + uid]
    referred_by, referred_uid = _referrers(values("RELATED"), values("X-ABRELATEDNAMES"), by_group)
    return Row(
        line=start,
        person={
            "name": fn,
            "emails": tuple(dict.fromkeys(e for e in emails if e)),
            "phones": tuple(dict.fromkeys(p for p in phones if p)),
            "url": web[0] if web else None,
            "title": title,
            "notes": note or None,
            "tags": tuple(tags),
        },
        columns={
            "name": "FN",
            "emails": "EMAIL",
            "phones": "TEL",
            "url": "URL",
            "title": "TITLE",
            "notes": "NOTE",
            "tags": "CATEGORIES' or 'UID",
            "organization": "ORG",
            "fields": "CATEGORIES",
        },
        organization=org,
        fields=categories if categories_as == "fields" else (),
        referred_by=referred_by,
        referred_by_uid=referred_uid,
        uid=uid,
    )


def _decode_base64_text(line: Any) -> None:
    # vobject decodes ENCODING=b (3.0) and ENCODING=BASE64 (2.1) to bytes, which str()
    # would turn into "b'J\\xc3\\xbcrgen'": text properties become text, in the card's
    # CHARSET (UTF-8 when absent or unknown). Binary ones (PHOTO, LOGO, KEY) stay bytes.
    if not isinstance(line.value, bytes) or line.name.upper() in ("PHOTO", "LOGO", "KEY", "SOUND"):
        return
    charset = next(iter(line.params.get("CHARSET", [])), "utf-8")
    try:
        line.value = line.value.decode(charset, errors="replace")
    except LookupError:
        line.value = line.value.decode("utf-8", errors="replace")


def _org(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return next((_text(v) for v in value if _text(v)), "")
    return _text(value).split(";")[0].strip()


def _categories(value: Any) -> list[str]:
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    return [" ".join(str(c).split()) for c in items if str(c).strip()]


def _label(text: str) -> str:
    # Apple writes its own labels as "_$!<Friend>!$_", the user's as plain text.
    return _LETTERS.sub("", text.removeprefix("_$!<").removesuffix(">!$_").casefold())


def _referrers(
    related: Sequence[Any], apple: Sequence[Any], by_group: dict[str, list[Any]]
) -> tuple[list[str], list[str]]:
    names: list[str] = []
    uids: list[str] = []
    for line in apple:
        group = str(line.group).casefold() if line.group else ""
        labels = [
            _label(_text(other.value))
            for other in by_group.get(group, [])
            if other.name.upper() == "X-ABLABEL"
        ]
        if any(label in _REFERRED_BY for label in labels):
            # Written by to_vcard with the referrer's UID, which beats a name.
            uid = [str(v) for v in line.params.get(_UID_PARAM, [])]
            if uid:
                uids.append(uid[0])
            else:
                names.append(_text(line.value))
    for line in related:
        params = [str(v) for vs in line.params.values() for v in vs]
        if not any(_label(p) in _REFERRED_BY for p in params):
            continue
        value = _text(line.value)
        kinds = [str(v).casefold() for v in line.params.get("VALUE", [])]
        if "text" in kinds:
            names.append(value)
        else:
            uids.append(value)
    return names, uids


# --- writing -------------------------------------------------------------------------------


def _uid(person: Person) -> str:
    kept = [t.removeprefix(UID_TAG) for t in person.tags if t.startswith(UID_TAG)]
    return kept[0] if kept else f"urn:uuid:{uuid.uuid5(_UID_NAMESPACE, person.id)}"


def to_vcard(data: NetworkData, *, version: Literal["3.0", "4.0"] = "3.0") -> bytes:
    r"""Write every contact (not me) as a vCard, re-importable with :func:`read_vcards`.

    Each card has ``FN``, ``N``, ``ORG``, ``TITLE``, ``EMAIL``, ``TEL``, ``URL``, ``NOTE``,
    ``CATEGORIES`` (the tags) and a stable ``UID`` (the one imported, else derived from the
    person's id); each referral to the person is written as "referred by" — an Apple
    ``X-ABRELATEDNAMES`` group in 3.0, ``RELATED;TYPE=contact`` with the referrer's ``UID``
    in 4.0.

    Parameters
    ----------
    data : NetworkData
        The records.
    version : {"3.0", "4.0"}
        3.0 (Apple, Google and Outlook read it) or 4.0.

    Returns
    -------
    bytes
        UTF-8 text with CRLF line ends, lines folded at 75 octets.

    Examples
    --------
    >>> from infoview_graph.models import Person
    >>> data = NetworkData(persons=(Person(id="me", name="Me", is_self=True),
    ...                             Person(id="ada", name="Ada Lovelace", title="VP, Research")))
    >>> print(to_vcard(data, version="4.0").decode())
    BEGIN:VCARD
    VERSION:4.0
    UID:urn:uuid:...
    FN:Ada Lovelace
    N:Lovelace;Ada;;;
    TITLE:VP\, Research
    END:VCARD
    """
    persons = {p.id: p for p in data.persons}
    orgs = {o.id: o.name for o in data.organizations}
    referrers: dict[str, list[Person]] = {}
    for referral in sorted(data.referrals, key=lambda r: (r.referee, r.referrer)):
        referrer = persons[referral.referrer]
        if not referrer.is_self:
            referrers.setdefault(referral.referee, []).append(referrer)
    contacts = sorted((p for p in data.persons if not p.is_self), key=lambda p: p.id)
    return b"".join(_card(p, orgs, referrers.get(p.id, []), version) for p in contacts)


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> bytes:
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 6350 3.2)."""
    out = bytearray()
    width = 0
    for char in line:
        encoded = char.encode("utf-8")
        if width + len(encoded) > 75:
            out += b"\r\n "
            width = 1
        out += encoded
        width += len(encoded)
    return bytes(out) + b"\r\n"


def _card(person: Person, orgs: dict[str, str], referrers: list[Person], version: str) -> bytes:
    given, family = split_name(person.name)
    lines = ["BEGIN:VCARD", f"VERSION:{version}", f"UID:{_uid(person)}"]
    lines += [f"FN:{_escape(person.name)}", f"N:{_escape(family)};{_escape(given)};;;"]
    if person.organization is not None:
        lines.append(f"ORG:{_escape(orgs[person.organization])}")
    if person.title:
        lines.append(f"TITLE:{_escape(person.title)}")
    for n, email in enumerate(person.emails, 1):
        if version == "4.0":
            lines.append(f"EMAIL;PREF={n}:{_escape(email)}")
        else:
            lines.append(f"EMAIL;TYPE=INTERNET{',pref' if n == 1 else ''}:{_escape(email)}")
    for n, phone in enumerate(person.phones, 1):
        if version == "4.0":
            lines.append(f"TEL;VALUE=text;PREF={n}:{_escape(phone)}")
        else:
            lines.append(f"TEL{';TYPE=pref' if n == 1 else ''}:{_escape(phone)}")
    if person.url:
        lines.append(f"URL:{person.url}")
    if person.notes:
        lines.append(f"NOTE:{_escape(person.notes)}")
    tags = [t for t in person.tags if not t.startswith(UID_TAG)]
    if tags:
        lines.append("CATEGORIES:" + ",".join(_escape(t) for t in tags))
    for n, referrer in enumerate(referrers, 1):
        if version == "4.0":
            lines.append(f"RELATED;TYPE=contact;{_RELATION_PARAM}=referred-by:{_uid(referrer)}")
        else:
            # Apple's grouped relation, with the referrer's UID for an exact match on import.
            lines.append(
                f'item{n}.X-ABRELATEDNAMES;{_UID_PARAM}="{_uid(referrer)}":{_escape(referrer.name)}'
            )
            lines.append(f"item{n}.X-ABLabel:referred by")
    lines.append("END:VCARD")
    return b"".join(_fold(line) for line in lines)
