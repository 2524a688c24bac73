"""The exceptions of ``infoview_graph``.

Every error the library raises on purpose derives from :class:`InfoviewError`, so a caller
can catch one type. Messages name the field or argument at fault and say how to fix it; they
never repeat personal data the user did not type in the same call.

::

    InfoviewError
    ├── InvalidInputError        a value breaks a rule of the data model (also ValueError)
    │   ├── ImportFileError      a file to import is unusable, or has bad rows (exit 65)
    │   └── BlankQueryError      an empty or blank name where a person is named (exit 2)
    ├── NotFoundError            an id or name that names nothing (also LookupError)
    ├── AmbiguousNameError       a name that fits several records (also LookupError)
    ├── DuplicateError           a record with that id or key exists already
    │   └── NearMissError        a new name is a near miss of a known person's ("did you mean")
    └── StoreError               the SQLite store cannot do what was asked
        ├── StoreBusyError       another writer held the store past the busy timeout
        ├── StoreMissingError    no store at that path yet
        ├── StoreIOError         the disk is full or failed; nothing was saved
        └── SchemaVersionError   the store was written by a newer version

Examples
--------
>>> from infoview_graph.errors import InfoviewError, NotFoundError
>>> issubclass(NotFoundError, InfoviewError) and issubclass(NotFoundError, LookupError)
True
"""

from __future__ import annotations

__all__ = [
    "AmbiguousNameError",
    "BlankQueryError",
    "DuplicateError",
    "ImportFileError",
    "InfoviewError",
    "InvalidInputError",
    "NearMissError",
    "NotFoundError",
    "SchemaVersionError",
    "StoreBusyError",
    "StoreError",
    "StoreIOError",
    "StoreMissingError",
]


class InfoviewError(Exception):
    """Base class of every error raised on purpose by ``infoview_graph``.

    Attributes
    ----------
    exit_code : int
        The exit status the ``referrals`` command uses for this error.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> try:
    ...     demo_network().find_person("nobody")
    ... except InfoviewError as error:
    ...     print(type(error).__name__, error.exit_code)
    NotFoundError 1
    """

    exit_code: int = 1


class InvalidInputError(InfoviewError, ValueError):
    """A value breaks a rule of the data model (bad date, control character, …).

    Examples
    --------
    >>> from infoview_graph.store import actions, open_store
    >>> store = open_store(":memory:")
    >>> _ = actions.init_store(store, "Steven Olson")
    >>> actions.add_contact(store, "Ann Lee", emails=["ann at example.org"])
    Traceback (most recent call last):
    ...
    infoview_graph.errors.InvalidInputError: invalid person: emails.0 is not an email address; write
    it as name@example.org
    >>> store.close()
    """


class ImportFileError(InvalidInputError):
    """A file to import is unusable as a whole, or has bad rows and skipping them was not asked.

    The message names the file, the line and the reason, never the offending value (only its
    column). Nothing was imported. The command exits with status 65 (``EX_DATAERR``).

    Attributes
    ----------
    problems : tuple of str
        One line per problem (``"FILE, line N: reason"``), for a caller that lists them all.

    Examples
    --------
    >>> error = ImportFileError("people.csv, line 3: column 'Email' is not an email address")
    >>> error.exit_code, isinstance(error, InvalidInputError)
    (65, True)
    """

    exit_code = 65

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


class BlankQueryError(InvalidInputError):
    """An empty or blank query where a person is named: a usage error (exit 2).

    Refused before any lookup: an empty name names no one, so no person is read to say
    whom it resembles.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> demo_network().find_person("  ")
    Traceback (most recent call last):
    ...
    infoview_graph.errors.BlankQueryError: give a name or an id of a person (or 'me'); an empty
    name names no one
    >>> BlankQueryError.exit_code
    2
    """

    exit_code = 2


class NotFoundError(InfoviewError, LookupError):
    """An id or name that names no record.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> demo_network().person("nobody")
    Traceback (most recent call last):
    ...
    infoview_graph.errors.NotFoundError: no person has the id 'nobody'
    """


class AmbiguousNameError(InfoviewError, LookupError):
    """A name that fits several records; the message lists their ids.

    Attributes
    ----------
    candidates : tuple of str
        The ids of the records the name fits, sorted.

    Examples
    --------
    >>> from infoview_graph.network import ReferralNetwork
    >>> from infoview_graph.models import NetworkData, Person
    >>> net = ReferralNetwork(NetworkData(persons=(
    ...     Person(id="me", name="Me", is_self=True),
    ...     Person(id="ann-lee", name="Ann Lee"), Person(id="ann-lee-2", name="Ann Lee"))))
    >>> net.find_person("Ann Lee")
    Traceback (most recent call last):
    ...
    infoview_graph.errors.AmbiguousNameError: 'Ann Lee' fits 2 persons: ann-lee, ann-lee-2; use an
    id
    """

    def __init__(self, message: str, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.candidates = candidates


class DuplicateError(InfoviewError):
    """A record with the same id or key exists already.

    Examples
    --------
    >>> from infoview_graph.store import actions, open_store
    >>> store = open_store(":memory:")
    >>> _ = actions.init_store(store, "Steven Olson")
    >>> actions.init_store(store, "Steven Olson")
    Traceback (most recent call last):
    ...
    infoview_graph.errors.DuplicateError: a record in persons with the key 'steven-olson' exists
    already
    >>> store.close()
    """


class NearMissError(DuplicateError):
    """A new name is a near miss of a known person's: probably a typo, not a new person.

    Attributes
    ----------
    candidate : tuple of (str, str)
        ``(id, name)`` of the known person the user probably meant.

    Examples
    --------
    >>> from infoview_graph.store import actions, open_store
    >>> store = open_store(":memory:")
    >>> _ = actions.init_store(store, "Steven Olson")
    >>> _ = actions.add_contact(store, "Mei Tanaka")
    >>> actions.add_contact(store, "Mei Tanka")
    Traceback (most recent call last):
    ...
    infoview_graph.errors.NearMissError: no person named 'Mei Tanka' — did you mean Mei Tanaka? (use
    --new to add a different person)
    >>> store.close()
    """

    def __init__(self, message: str, candidate: tuple[str, str]) -> None:
        super().__init__(message)
        self.candidate = candidate


class StoreError(InfoviewError):
    """The SQLite store cannot do what was asked.

    Examples
    --------
    >>> issubclass(StoreBusyError, StoreError), StoreBusyError.exit_code
    (True, 75)
    """


class StoreBusyError(StoreError):
    """Another ``referrals`` command held the store for longer than the busy timeout.

    The command exits with status 75 (``EX_TEMPFAIL``): try again in a moment.

    Examples
    --------
    >>> StoreBusyError.exit_code  # EX_TEMPFAIL: try again later
    75
    """

    exit_code = 75


class StoreMissingError(StoreError):
    """There is no store at the given path yet.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from infoview_graph.store import open_store
    >>> try:
    ...     open_store(pathlib.Path(tempfile.mkdtemp()) / "none.db")
    ... except StoreMissingError as error:
    ...     print(str(error).split(";")[1].strip())
    create one with 'referrals init --name NAME' (or point --db / REFERRALS_DB at an existing store)
    """


class StoreIOError(StoreError):
    """The disk is full or an I/O error occurred; the transaction was rolled back.

    The command exits with status 74 (``EX_IOERR``).

    Examples
    --------
    >>> StoreIOError.exit_code, issubclass(StoreIOError, StoreError)
    (74, True)
    """

    exit_code = 74


class SchemaVersionError(StoreError):
    """The store's schema is newer than this version understands; it is left untouched.

    Examples
    --------
    >>> issubclass(SchemaVersionError, StoreError)
    True
    """
