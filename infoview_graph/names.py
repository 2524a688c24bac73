"""Finding a person by what a user types: an id, a name, a first or last name, or a typo.

One set of rules for every place that looks a person, an organization or a career field up
(the store's and the network's ``find_person``, ``find_organization`` and ``find_field``)
and for every command that would create a person (``refer``, ``interview log --referred``,
``person add``):

- :func:`name_key` is the key two spellings of one name share (no case, punctuation or
  extra spaces);
- :func:`find_person_id` picks the one person a query names — an id, a name, a unique first
  name, last name or id prefix — and otherwise says whom the user probably meant;
- :func:`lookup_person_id` applies those rules through a collection's own indexes first,
  so that an id or a whole name costs O(1) in the store and in the network alike;
- :func:`match_organization` and :func:`match_field` pick the organization or field a name
  (or an alias) names;
- :func:`near_miss` tells whether a new name is a near miss of someone known (a typo,
  swapped or dropped letters, another spacing or word order), so that a typo does not
  silently become a second person.

People are given as ``(id, name)`` pairs to :func:`find_person_id`, and as two aligned lists
of ids and names to :func:`lookup_person_id` (the store reads them from its person cache,
the network from its columns: no tuple per person). The fuzzy matching is RapidFuzz's
optimal string alignment distance (Levenshtein plus swaps of neighbouring letters); it and
NumPy are imported only when an exact lookup fails. A blank query is refused before any
person is read.

Examples
--------
>>> people = [("lena-hoffmann", "Lena Hoffmann"), ("mei-tanaka", "Mei Tanaka")]
>>> find_person_id("lena", people)
'lena-hoffmann'
>>> find_person_id("lenna", people)
Traceback (most recent call last):
...
infoview_graph.errors.NotFoundError: no person named 'lenna' — did you mean Lena Hoffmann?
>>> near_miss("Mei Tanka", people)
('mei-tanaka', 'Mei Tanaka')
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, cast

from infoview_graph.errors import AmbiguousNameError, BlankQueryError, NotFoundError
from infoview_graph.models import CareerField, Organization

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = [
    "find_person_id",
    "lookup_person_id",
    "match_field",
    "match_organization",
    "name_key",
    "near_miss",
]

_PUNCTUATION_MARKS = ".,;:!?\"'’()"
_PUNCTUATION = re.compile(f"[{re.escape(_PUNCTUATION_MARKS)}]")
# Every character str.split() splits on but the newline, which joins many keys into one text
# (tests/test_names_find.py checks the list against str.isspace).
_SPACES = (
    "\t\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_DIGITS = re.compile(r"[0-9]+")
# The shortest query matched as a first name, last name or id prefix: one or two letters
# would pick someone at random.
_MIN_PART = 3


def name_key(name: str) -> str:
    """Return the key under which a name is looked up: no case, punctuation or extra spaces.

    Examples
    --------
    >>> name_key("  Brad   JOHNSON ")
    'brad johnson'
    >>> name_key("Mrs. Smith") == name_key("mrs smith")
    True
    """
    return " ".join(_PUNCTUATION.sub(" ", name.casefold()).split())


def _allowed_edits(key: str) -> int:
    # One typo in a short name, two in a long one: "Mei Tanka" for "Mei Tanaka" is a typo,
    # "Ann Lee" and "Ben Lee" are two people.
    letters = len(key.replace(" ", ""))
    if letters < 4:
        return 0
    return 1 if letters < 10 else 2


def _alike(a: str, b: str) -> bool:
    """Whether two name keys differ only by a typo, spacing or the order of the words."""
    from rapidfuzz.distance import OSA

    if a == b or a.replace(" ", "") == b.replace(" ", ""):
        return True
    if sorted(a.split()) == sorted(b.split()):
        return True
    if _marks(a) != _marks(b):
        return False  # "John A. Smith" and "John B. Smith", "Room 1" and "Room 2" differ
    limit = min(_allowed_edits(a), _allowed_edits(b))
    return limit > 0 and OSA.distance(a, b, score_cutoff=limit) <= limit


def _marks(key: str) -> tuple[list[str], list[str]]:
    """Return the initials and numbers of a name key: a typo never changes these."""
    words = key.split()
    return sorted(w for w in words if len(w) == 1), _DIGITS.findall(key)


def near_miss(name: str, people: Iterable[tuple[str, str]]) -> tuple[str, str] | None:
    """Return the known person a new name is a near miss of, or None.

    A near miss is the same name in another case, spacing, punctuation or word order, or a
    name one typo away (two for names of ten letters or more), where a typo is a letter
    added, dropped, changed, or swapped with its neighbour — but never in an initial or a
    number ("John A. Smith" and "John B. Smith" are two people). Of several, the closest (then
    the first by id) is returned.

    Parameters
    ----------
    name : str
        The name about to be given to a new person.
    people : iterable of (str, str)
        The known persons as ``(id, name)``.

    Returns
    -------
    tuple of (str, str) or None
        ``(id, name)`` of the person the user probably meant.

    Notes
    -----
    One pass over ``people`` to make their keys, then RapidFuzz's C++ over the keys:
    O(n · L²) for names of length L; about a second for a million people.

    Examples
    --------
    >>> people = [("mei-tanaka", "Mei Tanaka"), ("ann-lee", "Ann Lee")]
    >>> near_miss("mei  TANAKA", people), near_miss("Tanaka Mei", people)
    (('mei-tanaka', 'Mei Tanaka'), ('mei-tanaka', 'Mei Tanaka'))
    >>> near_miss("Mie Tanaka", people)
    ('mei-tanaka', 'Mei Tanaka')
    >>> near_miss("Ben Lee", people), near_miss("Mei A. Tanaka", [("m", "Mei B. Tanaka")])
    (None, None)
    """
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import OSA

    key = name_key(name)
    everyone = [
        (person_id, person_name, name_key(person_name)) for person_id, person_name in people
    ]
    keys = [other for _, _, other in everyone]
    # Candidates found in C++ (two edits at most, or the same words in another order); the
    # rules of _alike then decide on the few.
    close = {
        i for *_, i in process.extract(key, keys, scorer=OSA.distance, score_cutoff=2, limit=None)
    }
    close |= {
        i
        for *_, i in process.extract(
            key, keys, scorer=fuzz.token_sort_ratio, score_cutoff=100, limit=None
        )
    }
    found = [
        (OSA.distance(key, keys[i]), everyone[i][0], everyone[i][1])
        for i in close
        if keys[i] and _alike(key, keys[i])
    ]
    return min(found)[1:] if found else None


def find_person_id(query: str, people: Iterable[tuple[str, str]]) -> str:
    """Return the id of the one person a query names.

    Tried in turn, the first rule that fits decides:

    1. the query is an id;
    2. the query is a name (see :func:`name_key`);
    3. the query is the first name or the last name of one person only, or the start of
       one id only (three characters or more).

    Parameters
    ----------
    query : str
        What the user typed.
    people : iterable of (str, str)
        The known persons as ``(id, name)``.

    Returns
    -------
    str
        The person's id.

    Raises
    ------
    BlankQueryError
        If the query is empty or only spaces: nobody is read.
    AmbiguousNameError
        If the first rule that fits fits several persons; the message lists their ids.
    NotFoundError
        If no rule fits; the message names the closest person (by name, first name or last
        name; the first by id of the closest), when one is close.

    Notes
    -----
    One pass over ``people``; then every name's key is made once, over the names joined
    into one text (:func:`name_key`'s steps, each one pass of C), and RapidFuzz's C++
    measures the query against the keys and their first and last names once — which
    answers rules 2 and 3 and finds the closest person together. Only the keys and words
    whose length is within the allowed edits of the query's are cut out and measured. O(n ·
    L) for n persons and names of length L; about 0.3 s of CPU for a million uniform names,
    0.8 s for a million varied ones (``benchmarks/bench_find.py``).

    Examples
    --------
    >>> people = [("lena-hoffmann", "Lena Hoffmann"), ("lena-park", "Lena Park"),
    ...           ("sam-ortiz", "Sam Ortiz")]
    >>> find_person_id("ORTIZ", people), find_person_id("sam-o", people)
    ('sam-ortiz', 'sam-ortiz')
    >>> find_person_id("lena", people)
    Traceback (most recent call last):
    ...
    infoview_graph.errors.AmbiguousNameError: 'lena' fits 2 persons: lena-hoffmann, lena-park; use
    an id
    >>> find_person_id("Lena Parc", people)
    Traceback (most recent call last):
    ...
    infoview_graph.errors.NotFoundError: no person named 'Lena Parc' — did you mean Lena Park?
    """
    everyone = list(people)
    return _find(query, [person_id for person_id, _ in everyone], [name for _, name in everyone])


def _find(query: str, ids: Sequence[str], names: Sequence[str]) -> str:
    """Apply :func:`find_person_id`'s rules to the persons with these ids and names."""
    _refuse_blank(query)
    if not all(map(operator.lt, ids, itertools.islice(ids, 1, None))):
        everyone = sorted(zip(ids, names, strict=True))  # by id: the order of ties below
        ids, names = [pid for pid, _ in everyone], [name for _, name in everyone]
    at = bisect.bisect_left(ids, query)
    if at < len(ids) and ids[at] == query:
        return query
    if not ids:
        raise NotFoundError(f"no person named '{query}'; see 'referrals person list'")
    query_key = name_key(query)
    limit = _allowed_edits(query_key) or 1
    to_key, to_part = _distances(query_key, _joined_keys(names), limit)
    by_name: list[str] = [ids[i] for i in (to_key == 0).nonzero()[0].tolist()]
    by_part: list[str] = [ids[i] for i in (to_part == 0).nonzero()[0].tolist()]
    if len(query) >= _MIN_PART:
        prefix = query.casefold()
        start = bisect.bisect_left(ids, prefix)
        ends = itertools.takewhile(lambda i: ids[i].startswith(prefix), range(start, len(ids)))
        by_part += [ids[i] for i in ends if name_key(names[i])]  # no word, no parts
    for matches in (by_name, by_part):
        found = sorted(set(matches))
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousNameError(
                f"'{query}' fits {len(found)} persons: {', '.join(found)}; use an id",
                tuple(found),
            )
    closest = _closest(to_key, to_part, limit)
    if closest is None:
        raise NotFoundError(f"no person named '{query}'; see 'referrals person list'")
    raise NotFoundError(f"no person named '{query}' — did you mean {names[closest]}?")


def _refuse_blank(query: str) -> None:
    if not query.strip():
        raise BlankQueryError(
            "give a name or an id of a person (or 'me'); an empty name names no one"
        )


def _joined_keys(names: Sequence[str]) -> str:
    """Return the names' keys (:func:`name_key`) joined by newlines, made over one text.

    The same keys as one call per name, in a few passes of C over the joined names: the
    case folded, every punctuation mark and kind of space made a space, runs of spaces made
    one, and the spaces at either end of a key dropped. Names holding a newline are keyed
    one by one.
    """
    text = "\n".join(names)
    if text.count("\n") != len(names) - 1:
        return "\n".join(map(name_key, names))
    text = text.casefold()
    for mark in _PUNCTUATION_MARKS + _SPACES:
        if mark != " " and mark in text:
            text = text.replace(mark, " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text.replace("\n ", "\n").replace(" \n", "\n").strip(" ")


def _distances(
    query_key: str, keys: str, limit: int
) -> tuple[NDArray[np.int32], NDArray[np.int32]]:
    """Return, per person, the query key's distance to their key and to their nearer end word.

    ``keys`` is the persons' keys joined by newlines. A distance is RapidFuzz's optimal
    string alignment distance, ``limit + 1`` where it is farther than ``limit``; an end word
    is the first or the last word of a key (an empty key has none). Only the keys and words
    whose length is within ``limit`` of the query's are measured (an edit changes a length
    by one at most), and only they become strings.
    """
    import numpy as np
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    lines, words, owner = _layout(keys)

    def measure(spans: NDArray[np.intp]) -> NDArray[np.int32]:
        texts = [keys[a:b] for a, b in zip(spans[0].tolist(), spans[1].tolist(), strict=True)]
        if not texts:
            return np.zeros(0, dtype=np.int32)
        found = process.cdist(
            [query_key], texts, scorer=OSA.distance, score_cutoff=limit, dtype=np.int32
        )
        return cast("NDArray[np.int32]", found[0])

    def near(spans: NDArray[np.intp]) -> NDArray[np.intp]:
        return np.flatnonzero(np.abs(spans[1] - spans[0] - len(query_key)) <= limit)

    to_key = np.full(lines.shape[1], limit + 1, dtype=np.int32)
    at = near(lines)
    to_key[at] = measure(lines[:, at])
    to_part = np.full(lines.shape[1], limit + 1, dtype=np.int32)
    at = near(words)
    np.minimum.at(to_part, owner[at], measure(words[:, at]))
    return to_key, to_part


def _layout(keys: str) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.intp]]:
    """Return where the keys and their first and last words lie in the newline-joined keys.

    The keys' and the words' start and end (one past) character offsets (two rows each),
    and each word's key. Found on the UTF-8 bytes, where a space or a newline is never part
    of another character, then made character offsets by counting the continuation bytes
    before each.
    """
    import numpy as np

    data = np.frombuffer(keys.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    newline = data == ord("\n")
    # gap[i]: byte i - 1 is a space or a newline (or lies outside): a word starts where a
    # gap ends, and ends (one past) where one starts.
    gap = np.concatenate(([True], newline | (data == ord(" ")), [True]))
    starts, ends = np.flatnonzero(gap[:-2] & ~gap[1:-1]), np.flatnonzero(~gap[:-1] & gap[1:])
    bounded = np.concatenate(([True], newline, [True]))  # bounded[i]: byte i - 1 ends a key
    at_end = bounded[starts] | bounded[ends + 1]
    starts, ends = starts[at_end], ends[at_end]
    breaks = np.flatnonzero(newline)
    owner = np.searchsorted(breaks, starts)
    lines = np.stack([np.concatenate(([0], breaks + 1)), np.append(breaks, data.size)])
    words = np.stack([starts, ends])
    if not keys.isascii():
        continuing = np.flatnonzero((data & 0xC0) == 0x80)  # bytes that start no character
        lines -= np.searchsorted(continuing, lines)
        words -= np.searchsorted(continuing, words)
    return lines, words, owner


def _closest(to_key: NDArray[np.int32], to_part: NDArray[np.int32], limit: int) -> int | None:
    """Return the index of the first person whose key or end word is nearest, within limit."""
    import numpy as np

    if not to_key.size:
        return None
    nearest = np.minimum(to_key, to_part)
    best = int(nearest.argmin())  # the first of the nearest, as people are sorted by id
    return best if nearest[best] <= limit else None


def lookup_person_id(
    query: str,
    *,
    me: Callable[[], str],
    has_id: Callable[[str], bool],
    named: Callable[[str], Sequence[str]],
    people: Callable[[], tuple[Sequence[str], Sequence[str]]],
) -> str:
    """Return the id of the person a query names, asking a collection's indexes first.

    ``"me"`` (any case) names the user; otherwise the rules are :func:`find_person_id`'s,
    and its first two — an id, a whole name — are tried through the collection's own
    indexes, so that only a part of a name, a name several persons share, or a miss reads
    every person.

    Parameters
    ----------
    query : str
        What the user typed.
    me : callable
        Returns the user's id (or raises :class:`~infoview_graph.errors.NotFoundError`).
    has_id : callable
        Whether a person has this id.
    named : callable
        The ids of the persons whose :func:`name_key` is the given key (two are enough).
    people : callable
        Every person's id and name, as two aligned sequences (best sorted by id: they are
        sorted here otherwise).

    Returns
    -------
    str
        The person's id.

    Raises
    ------
    BlankQueryError, AmbiguousNameError, NotFoundError
        As :func:`find_person_id` does; a blank query before anything is asked.

    Notes
    -----
    O(1) calls of ``has_id`` and ``named``; one pass over ``people`` when they do not decide.

    Examples
    --------
    >>> people = {"lena-hoffmann": "Lena Hoffmann", "sam-ortiz": "Sam Ortiz"}
    >>> def named(key):
    ...     return [pid for pid, name in people.items() if name_key(name) == key]
    >>> def everyone():
    ...     return list(people), list(people.values())
    >>> def look(query):
    ...     return lookup_person_id(query, me=lambda: "sam-ortiz", has_id=people.__contains__,
    ...                             named=named, people=everyone)
    >>> look("ME"), look("lena hoffmann"), look("Hoffmann")
    ('sam-ortiz', 'lena-hoffmann', 'lena-hoffmann')
    """
    _refuse_blank(query)
    if query.casefold() == "me":
        return me()
    if has_id(query):
        return query
    ids = named(name_key(query))
    if len(ids) == 1:
        return ids[0]
    return _find(query, *people())


def match_organization(query: str, candidates: Iterable[Organization]) -> Organization:
    """Return the one organization whose name or an alias is the query (see :func:`name_key`).

    An id is looked up before this, by the caller's index; ``candidates`` may be every
    organization or only those an index says could match.

    Raises
    ------
    NotFoundError
        If none matches.
    AmbiguousNameError
        If several match; the message lists their ids.

    Examples
    --------
    >>> acme = Organization(id="acme", name="Acme Corp", aliases=("ACME",))
    >>> match_organization("acme corp.", [acme]).id
    'acme'
    >>> match_organization("Globex", [acme])
    Traceback (most recent call last):
    ...
    infoview_graph.errors.NotFoundError: no organization has the id or name 'Globex'
    """
    key = name_key(query)
    found = sorted(
        (org for org in candidates if key in {name_key(org.name), *map(name_key, org.aliases)}),
        key=lambda org: org.id,
    )
    if len(found) > 1:
        ids = tuple(org.id for org in found)
        raise AmbiguousNameError(
            f"'{query}' fits {len(ids)} organizations: {', '.join(ids)}; use an id", ids
        )
    if not found:
        raise NotFoundError(f"no organization has the id or name '{query}'")
    return found[0]


def match_field(query: str, candidates: Iterable[CareerField]) -> CareerField:
    """Return the career field whose name is the query, the first by id if several are.

    An id is looked up before this, by the caller's index.

    Raises
    ------
    NotFoundError
        If none matches.

    Examples
    --------
    >>> fields = [CareerField(id="tax-2", name="Tax"), CareerField(id="tax", name="Tax")]
    >>> match_field("TAX", fields).id
    'tax'
    """
    key = name_key(query)
    found = [field for field in candidates if name_key(field.name) == key]
    if not found:
        raise NotFoundError(f"no career field has the id or name '{query}'")
    return min(found, key=lambda field: field.id)
