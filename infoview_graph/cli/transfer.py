"""``referrals import …`` and ``referrals export …``: files in and out; ``person merge``.

Imports read the whole file first (nothing is opened for writing until it parsed), then
merge it in one transaction: all or nothing unless ``--skip-invalid``; ``--dry-run`` shows
what would change. Exports write atomically to a new 0600 file (``--force`` to replace one)
and never over the store itself.
"""

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from infoview_graph.cli import sync
from infoview_graph.cli._context import (
    open_for_read,
    open_for_write,
    state,
    store_path,
)
from infoview_graph.cli._options import AsOfOpt, DemoOpt
from infoview_graph.cli._output import done, handle_errors, note, printable, warn
from infoview_graph.errors import ImportFileError, StoreError

if TYPE_CHECKING:
    from infoview_graph.interop.parsed import Parsed
    from infoview_graph.models import NetworkData
    from infoview_graph.network import ReferralNetwork
    from infoview_graph.store.imports import ImportReport

import_app = typer.Typer(
    no_args_is_help=True,
    help=(
        "Import contacts (LinkedIn, vCard, Google CSV, any CSV, a referrals JSON dump), or "
        "the outreach, replies and meetings in LinkedIn messages, mail and calendars."
    ),
)
export_app = typer.Typer(
    no_args_is_help=True,
    help="Export: JSON dump, CSV, GraphML, GEXF, iCalendar, vCard, Mermaid, DOT.",
)

_PROGRESS_ABOVE = 5000
_DUPLICATES_SHOWN = 20

FileArg = Annotated[
    Path, typer.Argument(help="The file to import.", show_default=False, dir_okay=False)
]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Show what would change; save nothing.")]
SkipInvalidOpt = Annotated[
    bool,
    typer.Option(
        "--skip-invalid",
        help="Import the valid rows and list the others (default: any bad row imports nothing).",
    ),
]
MergeSameEmailOpt = Annotated[
    bool,
    typer.Option(
        "--merge-same-email",
        help=(
            "Merge a row into the person whose email it shares even under another name "
            "(default: such rows are reported, not imported)."
        ),
    ),
]
MergeSameProfileOpt = Annotated[
    bool,
    typer.Option(
        "--merge-same-profile",
        help=(
            "Merge a row into the person whose profile URL or vCard UID it shares even under "
            "another name (default: reported, not imported; a known person with the row's "
            "given name is renamed)."
        ),
    ),
]
OutOpt = Annotated[
    Path,
    typer.Option(
        "--out",
        help="The file to write (refused if it exists, unless --force); - writes to stdout.",
        dir_okay=False,
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")]
AnonymizeOpt = Annotated[
    bool,
    typer.Option(
        "--anonymize",
        help="Replace names and contact details with stable pseudonyms (for sharing).",
    ),
]


# --- progress --------------------------------------------------------------------------------


class _Progress:
    """A progress bar on stderr, shown only for files of more than 5,000 rows."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._tasks: dict[str, Any] = {}

    def __enter__(self) -> "_Progress":
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def phase(self, label: str) -> Callable[[int, int], None]:
        def update(done_: int, total: int) -> None:
            if total <= _PROGRESS_ABOVE:
                return
            if self._bar is None:
                from rich.console import Console
                from rich.progress import Progress

                self._bar = Progress(console=Console(stderr=True), transient=True)
                self._bar.start()
            if label not in self._tasks:
                self._tasks[label] = self._bar.add_task(label, total=total)
            self._bar.update(self._tasks[label], completed=done_, total=total)

        return update


# --- imports ---------------------------------------------------------------------------------


def _import(
    read: Callable[[Callable[[int, int], None]], "Parsed"],
    *,
    dry_run: bool,
    skip_invalid: bool,
    merge_same_email: bool = False,
    merge_same_profile: bool = False,
) -> None:
    from infoview_graph.store.imports import apply_import

    try:
        with _Progress() as progress:
            parsed = read(progress.phase("reading"))
            with open_for_write() as store:
                report = apply_import(
                    store,
                    parsed,
                    dry_run=dry_run,
                    skip_invalid=skip_invalid,
                    progress=progress.phase("merging"),
                    merge_same_email=merge_same_email,
                    merge_same_profile=merge_same_profile,
                )
    except ImportFileError as error:
        if len(error.problems) > 3:
            for problem in error.problems:
                note(problem)
        raise
    _show(report, parsed.notes)


def _show(report: "ImportReport", notes: tuple[str, ...] = ()) -> None:
    if report.dry_run:
        for change in report.changes:
            typer.echo(printable(change))
    lines = [f"skipped {problem}" for problem in report.problems]
    duplicates = report.likely_duplicates
    lines += [f"likely duplicate: {duplicate}" for duplicate in duplicates[:_DUPLICATES_SHOWN]]
    if len(duplicates) > _DUPLICATES_SHOWN:
        lines.append(
            f"… and {len(duplicates) - _DUPLICATES_SHOWN} more likely duplicates "
            "(people of the same name); check them with 'referrals person list'"
        )
    lines += [*notes, *report.notes]
    done(report.summary(), lines)


@import_app.command("linkedin")
@handle_errors
def import_linkedin(
    file: FileArg,
    strength: Annotated[
        int,
        typer.Option(
            "--strength", min=0, max=5, help="My tie strength to every connection (0 never met)."
        ),
    ] = 0,
    dry_run: DryRunOpt = False,
    skip_invalid: SkipInvalidOpt = False,
    merge_same_email: MergeSameEmailOpt = False,
    merge_same_profile: MergeSameProfileOpt = False,
) -> None:
    """Import LinkedIn connections: Connections.csv, or the whole data-export ZIP.

    Company becomes the organization, Position the title; the profile URL recognises people
    on re-import (importing the same file twice changes nothing).

    Example:  referrals import linkedin Basic_LinkedInDataExport.zip --strength 1 --dry-run
    """
    from infoview_graph.interop.linkedin import read_linkedin

    _import(
        lambda progress: read_linkedin(
            file, strength=strength, skip_invalid=skip_invalid, progress=progress
        ),
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        merge_same_email=merge_same_email,
        merge_same_profile=merge_same_profile,
    )


@import_app.command("vcard")
@handle_errors
def import_vcard(
    file: FileArg,
    categories_as: Annotated[
        Literal["tags", "fields"],
        typer.Option("--categories-as", help="Import CATEGORIES as tags or as career fields."),
    ] = "tags",
    dry_run: DryRunOpt = False,
    skip_invalid: SkipInvalidOpt = False,
    merge_same_email: MergeSameEmailOpt = False,
    merge_same_profile: MergeSameProfileOpt = False,
) -> None:
    """Import a vCard file (2.1, 3.0 or 4.0) from Apple Contacts, Google, Outlook or a phone.

    Example:  referrals import vcard contacts.vcf --categories-as fields
    """
    from infoview_graph.interop.vcard import read_vcards

    _import(
        lambda progress: read_vcards(
            file, categories_as=categories_as, skip_invalid=skip_invalid, progress=progress
        ),
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        merge_same_email=merge_same_email,
        merge_same_profile=merge_same_profile,
    )


@import_app.command("google")
@handle_errors
def import_google(
    file: FileArg,
    dry_run: DryRunOpt = False,
    skip_invalid: SkipInvalidOpt = False,
    merge_same_email: MergeSameEmailOpt = False,
    merge_same_profile: MergeSameProfileOpt = False,
) -> None:
    """Import a Google Contacts CSV export; "Referred by" relations become referrals.

    Example:  referrals import google contacts.csv --dry-run
    """
    from infoview_graph.interop.google import read_google_csv

    _import(
        lambda progress: read_google_csv(file, skip_invalid=skip_invalid, progress=progress),
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        merge_same_email=merge_same_email,
        merge_same_profile=merge_same_profile,
    )


@import_app.command("csv")
@handle_errors
def import_csv(
    file: FileArg,
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help=(
                "COLUMN=FIELD, repeatable; fields: name, first_name, middle_name, last_name, "
                "email, phone, url, organization, title, fields, tags, notes, how, strength, "
                "referred_by, do_not_contact (default: columns named like a field)."
            ),
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="The file's encoding, e.g. cp1252 (default: detected)."),
    ] = None,
    dry_run: DryRunOpt = False,
    skip_invalid: SkipInvalidOpt = False,
    merge_same_email: MergeSameEmailOpt = False,
    merge_same_profile: MergeSameProfileOpt = False,
) -> None:
    """Import any CSV of contacts, telling which column is which with --map.

    Outlook's export works with a mapping (and --encoding cp1252 if it is not UTF-8).

    Example:  referrals import csv outlook.csv --map "First Name=first_name"
    --map "Last Name=last_name" --map "E-mail Address=email" --map "Company=organization"
    """
    from infoview_graph.interop.csvfile import parse_mapping, read_csv

    mapping = parse_mapping(map_) if map_ else None
    _import(
        lambda progress: read_csv(
            file,
            mapping=mapping,
            encoding=encoding,
            skip_invalid=skip_invalid,
            progress=progress,
        ),
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        merge_same_email=merge_same_email,
        merge_same_profile=merge_same_profile,
    )


@import_app.command("json")
@handle_errors
def import_json(file: FileArg, dry_run: DryRunOpt = False) -> None:
    """Restore a JSON dump (from 'referrals export json') into a new or empty store.

    With --db naming a file that does not exist yet, the store is created from the dump.
    A store holding other records is refused: a dump is a backup, not a contact list.

    Example:  referrals --db restored.db import json backup.json
    """
    from infoview_graph.interop.dump import read_dump
    from infoview_graph.store import default_db_path
    from infoview_graph.store.actions import create_store
    from infoview_graph.store.imports import check_dump_me, import_dump

    data = read_dump(file)
    path = state.db or default_db_path()
    if not path.exists():
        check_dump_me(data)  # a store without "me" would be broken from the start
        if dry_run:
            done(f"would create {path} with {len(data.persons)} people (dry run: nothing saved)")
            return
        create_store(path, data=data)
        done(f"restored {len(data.persons)} people into a new store at {path}")
        return
    with open_for_write() as store:
        report = import_dump(store, data, dry_run=dry_run, name=str(file))
    _show(report)


# Mail, LinkedIn messages and calendars record lifecycle events, not contacts (cli/sync.py).
sync.register(import_app)


# --- exports ---------------------------------------------------------------------------------


def _write(out: Path, data: bytes, *, force: bool) -> None:
    from infoview_graph._files import write_atomic

    if str(out) == "-":  # the convention for standard output, for pipes
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_atomic(out, data, force=force, protect=store_path())
    done(f"wrote {out}")


def _claim(out: Path) -> None:
    # Before the store is read: reading may refresh its graph cache, and a refused export
    # must leave the store byte for byte as it was.
    if str(out) != "-":
        from infoview_graph._files import check_target

        check_target(out, protect=store_path())


def _load(out: Path, demo: bool, anonymize: bool) -> "NetworkData":
    from infoview_graph.store.imports import anonymization_key

    _claim(out)
    with open_for_read(demo=demo) as store:
        data = store.load()
        key = anonymization_key(store) if anonymize else b""
    if anonymize:
        from infoview_graph.interop.pseudonyms import anonymize as pseudonymize

        data = pseudonymize(data, key)
    return data


def _network(out: Path, demo: bool, anonymize: bool) -> "ReferralNetwork":
    _claim(out)
    if not anonymize:
        with open_for_read(demo=demo) as store:
            return store.load_network()
    from infoview_graph.network import ReferralNetwork

    return ReferralNetwork(_load(out, demo, anonymize))


@export_app.command("json")
@handle_errors
def export_json(out: OutOpt, force: ForceOpt = False, demo: DemoOpt = False) -> None:
    """Write the whole store as our JSON dump: sorted and byte-stable, for backups.

    'referrals --db NEW import json FILE' restores it exactly.

    Example:  referrals export json --out backup.json
    """
    from infoview_graph.interop.dump import to_json
    from infoview_graph.store.sqlite import describe_invalid

    # Always works, so that the data can always get out: records the models refuse are
    # written as stored, and named (table and id) in a warning.
    _claim(out)
    with open_for_read(demo=demo) as store:
        try:
            data, invalid = store.load(), []
        except StoreError:
            data, invalid = store.load_as_stored(), store.invalid_records()
    _write(out, to_json(data), force=force)
    if invalid:
        warn(
            f"{describe_invalid(invalid)}; they were written as stored — correct them in "
            f"{out} before 'referrals import json'"
        )


@export_app.command("csv")
@handle_errors
def export_csv(
    out: OutOpt,
    what: Annotated[
        Literal["people", "referrals", "interviews"],
        typer.Option("--what", help="Which records, one per row."),
    ] = "people",
    raw: Annotated[
        bool,
        typer.Option("--raw", help="Keep cells starting with = + - @ as they are (unsafe)."),
    ] = False,
    force: ForceOpt = False,
    demo: DemoOpt = False,
) -> None:
    """Write people, referrals or interviews as CSV for a spreadsheet (UTF-8 with BOM).

    Cells a spreadsheet would run as formulas are prefixed with ' unless --raw.

    Example:  referrals export csv --what referrals --out referrals.csv
    """
    from infoview_graph.interop.csvfile import to_csv

    _write(out, to_csv(_load(out, demo, anonymize=False), what=what, raw=raw), force=force)


@export_app.command("graphml")
@handle_errors
def export_graphml(
    out: OutOpt, force: ForceOpt = False, anonymize: AnonymizeOpt = False, demo: DemoOpt = False
) -> None:
    """Write the network as GraphML, for yEd, Gephi or Cytoscape.

    Example:  referrals export graphml --out network.graphml --anonymize
    """
    from infoview_graph.interop.graphfiles import to_graphml

    _write(out, to_graphml(_network(out, demo, anonymize)), force=force)


@export_app.command("gexf")
@handle_errors
def export_gexf(
    out: OutOpt, force: ForceOpt = False, anonymize: AnonymizeOpt = False, demo: DemoOpt = False
) -> None:
    """Write the network as GEXF, Gephi's own format.

    Example:  referrals export gexf --out network.gexf
    """
    from infoview_graph.interop.graphfiles import to_gexf

    _write(out, to_gexf(_network(out, demo, anonymize)), force=force)


@export_app.command("ics")
@handle_errors
def export_ics(
    out: OutOpt,
    as_todo: Annotated[
        bool, typer.Option("--as-todo", help="Write to-dos (VTODO) instead of events.")
    ] = False,
    include_notes: Annotated[
        bool,
        typer.Option("--include-notes", help="Put interview notes in the descriptions."),
    ] = False,
    today: AsOfOpt = None,
    days: Annotated[
        int, typer.Option("--days", min=0, max=365, help="Also what falls due within N days.")
    ] = 30,
    force: ForceOpt = False,
    demo: DemoOpt = False,
) -> None:
    """Write the agenda as a calendar file: an event with an alarm for each thing due.

    Re-importing a newer file updates the events (stable UIDs). Interview notes stay out of
    the calendar unless --include-notes.

    Example:  referrals export ics --out agenda.ics --days 14
    """
    from infoview_graph.algorithms._agenda import agenda
    from infoview_graph.interop.ics import to_ics

    network = _network(out, demo, anonymize=False)
    from infoview_graph.lifecycle import judging_day

    when = judging_day(network, today)
    items = agenda(network, today=when, horizon_days=days)
    notes: dict[str, str] = {}
    if include_notes:
        for interview in sorted(network.interviews(), key=lambda i: (i.on, i.id)):
            if interview.notes:
                notes[interview.person] = "\n\n".join(
                    filter(None, (notes.get(interview.person), interview.notes))
                )
    _write(out, to_ics(items, today=when, as_todo=as_todo, notes=notes), force=force)


@export_app.command("vcard")
@handle_errors
def export_vcard(
    out: OutOpt,
    vcard_version: Annotated[
        Literal["3.0", "4.0"],
        typer.Option("--vcard-version", help="3.0 (read everywhere) or 4.0."),
    ] = "3.0",
    force: ForceOpt = False,
    demo: DemoOpt = False,
) -> None:
    """Write my contacts as vCards, for an address book (and 'referrals import vcard').

    Example:  referrals export vcard --out contacts.vcf
    """
    from infoview_graph.interop.vcard import to_vcard

    _write(out, to_vcard(_load(out, demo, anonymize=False), version=vcard_version), force=force)


def _chains(out: Path, demo: bool, anonymize: bool) -> tuple[Any, dict[str, str], str | None]:
    from infoview_graph.algorithms._chains import referral_chains

    network = _network(out, demo, anonymize)
    names = {p.id: p.name for p in network.persons()}
    me = network.me.id
    return referral_chains(network), names, me


@export_app.command("mermaid")
@handle_errors
def export_mermaid(
    out: OutOpt, force: ForceOpt = False, anonymize: AnonymizeOpt = False, demo: DemoOpt = False
) -> None:
    """Write the referral tree as a Mermaid flowchart (a .md file gets a fenced block).

    GitHub renders it in Markdown.

    Example:  referrals export mermaid --out tree.md --demo
    """
    from infoview_graph.interop.diagrams import to_mermaid

    chains, names, me = _chains(out, demo, anonymize)
    markdown = out.suffix.casefold() in (".md", ".markdown")
    _write(out, to_mermaid(chains, names, me=me, markdown=markdown), force=force)


@export_app.command("dot")
@handle_errors
def export_dot(
    out: OutOpt, force: ForceOpt = False, anonymize: AnonymizeOpt = False, demo: DemoOpt = False
) -> None:
    """Write the referral tree as Graphviz DOT (then: dot -Tsvg tree.dot -o tree.svg).

    Example:  referrals export dot --out tree.dot
    """
    from infoview_graph.interop.diagrams import to_dot

    chains, names, me = _chains(out, demo, anonymize)
    _write(out, to_dot(chains, names, me=me), force=force)


# --- person merge ----------------------------------------------------------------------------


@handle_errors
def merge(
    keep: Annotated[
        str, typer.Argument(help="The person to keep (id or name).", show_default=False)
    ],
    other: Annotated[
        str,
        typer.Argument(help="The duplicate to fold into KEEP and delete.", show_default=False),
    ],
    yes: Annotated[bool, typer.Option("--yes", help="Confirm: OTHER is deleted.")] = False,
) -> None:
    """Merge two records of one person into KEEP; OTHER is deleted. Needs --yes.

    OTHER's ties, referrals, outreach, interviews and follow-ups move to KEEP; KEEP's
    attributes win, empty ones are filled from OTHER, emails and tags are combined.

    Example:  referrals person merge ann-lee ann-lee-2 --yes
    """
    from infoview_graph.store.imports import merge_persons

    if not yes:
        raise typer.BadParameter(
            "merging deletes OTHER and cannot be undone; add --yes to confirm", param_hint="--yes"
        )
    with open_for_write() as store:
        change = merge_persons(store, keep, other)
    done(f"merged {other} into {change.record.name} ({change.record.id})", change.notes)
