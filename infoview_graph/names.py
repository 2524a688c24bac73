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

People are given as ``(id, name)`` pairs, so that the store can stream them from SQL and the
network from memory. The fuzzy matching is RapidFuzz's optimal string alignment distance
(Levenshtein plus swaps of neighbouring letters), imported only when an exact lookup fails.

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

import re
from collections.abc import Callable, Iterable, Sequence

from infoview_graph.errors import AmbiguousNameError, NotFoundError
from infoview_graph.models import CareerField, Organization

__all__ = [
    "find_person_id",
    "lookup_person_id",
    "match_field",
    "match_organization",
    "name_key",
    "near_miss",
]

_PUNCTUATION = re.compile(r"[.,;:!?\"'’()]")
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


def _parts(person_id: str, key: str, query: str, query_key: str) -> bool:
    words = key.split()
    return bool(words) and (
        query_key in (words[0], words[-1])
        or (len(query) >= _MIN_PART and person_id.startswith(query.casefold()))
    )


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
    AmbiguousNameError
        If the first rule that fits fits several persons; the message lists their ids.
    NotFoundError
        If no rule fits; the message names the closest person, when one is close.

    Notes
    -----
    One pass over ``people``; a miss makes a second pass with RapidFuzz to find the closest.

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
    query_key = name_key(query)
    everyone = list(people)
    by_id = [pid for pid, _ in everyone if pid == query]
    by_name = [pid for pid, name in everyone if name_key(name) == query_key]
    by_part = [pid for pid, name in everyone if _parts(pid, name_key(name), query, query_key)]
    for matches in (by_id, by_name, by_part):
        ids = sorted(set(matches))
        if len(ids) == 1:
            return ids[0]
        if ids:
            raise AmbiguousNameError(
                f"'{query}' fits {len(ids)} persons: {', '.join(ids)}; use an id", tuple(ids)
            )
    closest = _closest(query_key, everyone)
    if closest is None:
        raise NotFoundError(f"no person named '{query}'; see 'referrals person list'")
    raise NotFoundError(f"no person named '{query}' — did you mean {closest}?")


def lookup_person_id(
    query: str,
    *,
    me: Callable[[], str],
    has_id: Callable[[str], bool],
    named: Callable[[str], Sequence[str]],
    people: Callable[[], Iterable[tuple[str, str]]],
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
        Every person as ``(id, name)``.

    Returns
    -------
    str
        The person's id.

    Raises
    ------
    AmbiguousNameError, NotFoundError
        As :func:`find_person_id` does.

    Notes
    -----
    O(1) calls of ``has_id`` and ``named``; one pass over ``people`` when they do not decide.

    Examples
    --------
    >>> people = {"lena-hoffmann": "Lena Hoffmann", "sam-ortiz": "Sam Ortiz"}
    >>> def named(key):
    ...     return [pid for pid, name in people.items() if name_key(name) == key]
    >>> def look(query):
    ...     return lookup_person_id(query, me=lambda: "sam-ortiz", has_id=people.__contains__,
    ...                             named=named, people=people.items)
    >>> look("ME"), look("lena hoffmann"), look("Hoffmann")
    ('sam-ortiz', 'lena-hoffmann', 'lena-hoffmann')
    """
    if query.casefold() == "me":
        return me()
    if has_id(query):
        return query
    ids = named(name_key(query))
    if len(ids) == 1:
        return ids[0]
    return find_person_id(query, people())


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


def _closest(query_key: str, people: list[tuple[str, str]]) -> str | None:
    """Return the name of the person whose name or a part of it is closest to the query."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    limit = _allowed_edits(query_key) or 1
    choices: list[str] = []
    owners: list[str] = []
    for _, name in sorted(people):
        key = name_key(name)
        for choice in dict.fromkeys((key, *key.split()[:1], *key.split()[-1:])):
            choices.append(choice)
            owners.append(name)
    best = process.extractOne(query_key, choices, scorer=OSA.distance, score_cutoff=limit)
    return owners[best[2]] if best is not None else None
