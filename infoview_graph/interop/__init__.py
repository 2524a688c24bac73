r"""Files in and out: contact importers and the exporters, all without touching the store.

Importers read a file (or its bytes) and return a :class:`~.parsed.Parsed` — validated
records with provisional ids, plus a :class:`~.parsed.Problem` (file, line, reason) per bad
row — or raise :class:`~infoview_graph.errors.ImportFileError`. Merging them into a store
is :func:`infoview_graph.store.imports.apply_import`'s job. Exporters take records and
return bytes; :func:`infoview_graph._files.write_atomic` writes them privately and atomically.
The readers of LinkedIn messages, mail and calendars stream neutral messages and meetings (who,
when — never what was said) for :mod:`infoview_graph.store.events_import` to record.

=================  =========================================  ===========================
format             read                                       write
=================  =========================================  ===========================
LinkedIn           :func:`~.linkedin.read_linkedin`
vCard 2.1/3.0/4.0  :func:`~.vcard.read_vcards`                :func:`~.vcard.to_vcard`
Google CSV         :func:`~.google.read_google_csv`
any CSV            :func:`~.csvfile.read_csv`                 :func:`~.csvfile.to_csv`
our JSON dump      :func:`~.dump.read_dump`                   :func:`~.dump.to_json`
GraphML, GEXF                                                 :func:`~.graphfiles.to_graphml`,
                                                              :func:`~.graphfiles.to_gexf`
iCalendar          :func:`~.calendar.read_calendar`           :func:`~.ics.to_ics`
LinkedIn messages  :func:`~.messages.read_messages`
mbox, ``.eml``     :func:`~.mail.read_mail`
Mermaid, DOT                                                  :func:`~.diagrams.to_mermaid`,
                                                              :func:`~.diagrams.to_dot`
=================  =========================================  ===========================

The names below load their module on first use, so that importing one format does not
import the libraries of the others (``vobject``, ``icalendar``, ``networkx``).

Examples
--------
>>> from infoview_graph.interop import read_linkedin
>>> read_linkedin(b"First Name,Last Name\r\nAda,Lovelace\r\n").persons[0].name
'Ada Lovelace'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from infoview_graph.interop._input import read_input
    from infoview_graph.interop.calendar import read_calendar
    from infoview_graph.interop.csvfile import parse_mapping, read_csv, to_csv
    from infoview_graph.interop.diagrams import to_dot, to_mermaid
    from infoview_graph.interop.dump import read_dump, to_json
    from infoview_graph.interop.google import read_google_csv
    from infoview_graph.interop.graphfiles import export_graph, to_gexf, to_graphml
    from infoview_graph.interop.ics import to_ics
    from infoview_graph.interop.linkedin import read_linkedin
    from infoview_graph.interop.mail import read_mail
    from infoview_graph.interop.messages import read_messages
    from infoview_graph.interop.parsed import NamedReferral, Parsed, ParsedTie, Problem
    from infoview_graph.interop.pseudonyms import anonymize
    from infoview_graph.interop.vcard import read_vcards, to_vcard

_HOME = {
    "read_input": "_input",
    "read_calendar": "calendar",
    "read_mail": "mail",
    "read_messages": "messages",
    "anonymize": "pseudonyms",
    "parse_mapping": "csvfile",
    "read_csv": "csvfile",
    "to_csv": "csvfile",
    "to_dot": "diagrams",
    "to_mermaid": "diagrams",
    "read_dump": "dump",
    "to_json": "dump",
    "read_google_csv": "google",
    "export_graph": "graphfiles",
    "to_gexf": "graphfiles",
    "to_graphml": "graphfiles",
    "to_ics": "ics",
    "read_linkedin": "linkedin",
    "NamedReferral": "parsed",
    "Parsed": "parsed",
    "ParsedTie": "parsed",
    "Problem": "parsed",
    "read_vcards": "vcard",
    "to_vcard": "vcard",
}

__all__ = [
    "NamedReferral",
    "Parsed",
    "ParsedTie",
    "Problem",
    "anonymize",
    "export_graph",
    "parse_mapping",
    "read_calendar",
    "read_csv",
    "read_dump",
    "read_google_csv",
    "read_input",
    "read_linkedin",
    "read_mail",
    "read_messages",
    "read_vcards",
    "to_csv",
    "to_dot",
    "to_gexf",
    "to_graphml",
    "to_ics",
    "to_json",
    "to_mermaid",
    "to_vcard",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use (PEP 562)."""
    if name in _HOME:
        module = importlib.import_module(f"infoview_graph.interop.{_HOME[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'infoview_graph.interop' has no attribute '{name}'")
