"""The glossary: one line for each word the tool borrows, and the footnotes that use it.

The definitions are those of the glossary in ``docs/concepts.md``, word for word (a test
compares the two). A command whose output shows one of :data:`FOOTNOTED` ends with one
footnote line per word, in the order the words first appear, so that a newcomer meets
"3B7" or "curmudgeon" with its meaning on the same screen.
"""

import functools
import re
from collections.abc import Iterable

import typer

from infoview_graph.cli._output import printable

GLOSSARY: dict[str, str] = {
    "3B7": (
        "Dalton's routine: no answer after 3 business days, contact a second person at that "
        "employer; after 7 business days, follow up with the first."
    ),
    "TIARA": (
        "Dalton's order of interview questions: Trends, Insights, Advice, Resources, Assignments."
    ),
    "LAMP": (
        "Dalton's list of target employers, scored for Advocacy (someone inside), Motivation "
        "(0–3), Postings (relevant openings)."
    ),
    "booster": (
        "someone who answers within 3 business days (or was friendly, 4–5, in an interview); "
        "the people who help most."
    ),
    "obligate": (
        "someone who answers, but later than 3 business days (or was lukewarm, 3): they help "
        "out of duty."
    ),
    "curmudgeon": (
        "someone who declined or stayed silent for 7 business days (or was unfriendly, 1–2); "
        "move on."
    ),
    "warmth": (
        "the estimated chance that a request reaches a person and gets an answer, along the "
        "best path from you."
    ),
    "coverage": (
        "how well your target fields and employers are covered: people known, reached out, "
        "interviewed, independent paths in."
    ),
}
"""Each borrowed word and its meaning, as in the glossary of ``docs/concepts.md``."""

FOOTNOTED = ("3B7", "TIARA", "LAMP", "booster", "obligate", "curmudgeon")
"""The words explained in a footnote where they appear (warmth and coverage are everywhere,
and explained in ``--help``)."""


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    # Compiled on first use, not at start-up: most commands print no footnote.
    # An acronym is matched in capitals only, so that ids such as "3b7-follow-up-…" are not
    # mistaken for it; a plain word also at the start of a sentence.
    return {
        word: re.compile(
            rf"(?<![\w-]){re.escape(word)}(?![\w-])", re.IGNORECASE if word.islower() else 0
        )
        for word in FOOTNOTED
    }


def terms_in(texts: Iterable[str]) -> list[str]:
    """Return the footnoted words that the texts show, in the order they first appear.

    Examples
    --------
    >>> terms_in(["Contact a second person at Acme (3B7)", "a curmudgeon", "[3b7-follow-up]"])
    ['3B7', 'curmudgeon']
    >>> terms_in(["Boosters aside, nothing here"])
    []
    """
    text = "\n".join(texts)
    found = {word: m.start() for word, p in _patterns().items() if (m := p.search(text))}
    return sorted(found, key=found.__getitem__)


def footnotes(texts: Iterable[str]) -> None:
    """Print one footnote line, "WORD: meaning", for each footnoted word the texts show."""
    terms = terms_in(texts)
    if terms:
        typer.echo("")
    for word in terms:
        typer.echo(printable(f"{word}: {GLOSSARY[word]}"))
