"""``referrals org …``, ``referrals field …`` and ``referrals target …``."""

from typing import TYPE_CHECKING, Annotated, Literal

import typer

from infoview_graph.cli._context import open_for_read, open_for_write
from infoview_graph.cli._glossary import footnotes
from infoview_graph.cli._options import DemoOpt, JsonOpt, TargetKind
from infoview_graph.cli._output import (
    done,
    emit_json,
    emit_record,
    emit_table,
    handle_errors,
    plural,
)

if TYPE_CHECKING:
    from infoview_graph.store import Store

org_app = typer.Typer(no_args_is_help=True, help="Organizations: employers and others.")
field_app = typer.Typer(no_args_is_help=True, help="Career fields and how they relate.")
target_app = typer.Typer(no_args_is_help=True, help="My target fields and organizations.")

NameArg = Annotated[str, typer.Argument(help="Its name (or id).", show_default=False)]


@org_app.command("add")
@handle_errors
def org_add(
    name: NameArg,
    org_id: Annotated[
        str | None, typer.Option("--id", help="A slug id (default: from the name).")
    ] = None,
    field: Annotated[
        list[str] | None, typer.Option("--field", help="A career field it is in. Repeatable.")
    ] = None,
    kind: Annotated[
        Literal["company", "non-profit", "public", "freelance", "other"],
        typer.Option("--kind", help="What sort of organization."),
    ] = "company",
    alias: Annotated[
        list[str] | None, typer.Option("--alias", help="Another name. Repeatable.")
    ] = None,
    motivation: Annotated[
        int | None,
        typer.Option(
            "--motivation", min=0, max=3, help="LAMP: how much I want to work there, 0–3."
        ),
    ] = None,
    postings: Annotated[
        bool | None,
        typer.Option("--postings/--no-postings", help="LAMP: has relevant job postings."),
    ] = None,
    advocacy: Annotated[
        bool | None,
        typer.Option("--advocacy/--no-advocacy", help="LAMP: I have an alumnus or contact inside."),
    ] = None,
) -> None:
    """Add an organization.

    LAMP (from The 2-Hour Job Search): a list of target employers scored for Advocacy (someone
    inside), Motivation (0–3) and Postings (relevant openings).

    Example:  referrals org add "General Mills" --field accounting --motivation 3 --postings
    """
    from infoview_graph.store import actions

    with open_for_write() as store:
        change = actions.add_organization(
            store,
            name,
            org_id=org_id,
            fields=field or (),
            kind=kind,
            aliases=alias or (),
            motivation=motivation,
            postings=postings,
            advocacy=advocacy,
        )
    done(f"added organization {change.record.name} ({change.record.id})", change.notes)


@org_app.command("list")
@handle_errors
def org_list(json_: JsonOpt = False, demo: DemoOpt = False) -> None:
    """List organizations.

    Example:  referrals org list --json
    """
    from infoview_graph.store.views import catalog_names

    with open_for_read(demo=demo) as store:
        orgs = store.organizations()
        names = catalog_names(store)
    if json_:
        emit_json(
            [
                {**o.model_dump(mode="json"), "field_names": names.field_names(o.fields)}
                for o in orgs
            ]
        )
        return
    emit_table(
        ["id", "name", "kind", "fields", "motivation"],
        [(o.id, o.name, o.kind, names.field_names(o.fields), o.motivation) for o in orgs],
        title=plural(len(orgs), "organization"),
    )


@org_app.command("show")
@handle_errors
def org_show(
    org: Annotated[str, typer.Argument(help="An id, name or alias.", show_default=False)],
    json_: JsonOpt = False,
    demo: DemoOpt = False,
) -> None:
    """Show an organization and who works there.

    Example:  referrals org show "General Mills"
    """
    from infoview_graph.store.views import catalog_names, organization_details

    with open_for_read(demo=demo) as store:
        details = organization_details(store, org)
        names = catalog_names(store)
    o = details.organization
    if json_:
        emit_json({**details.to_json(), "field_names": names.field_names(o.fields)})
        return
    emit_record(
        f"{o.name} ({o.id})",
        [
            ("kind", o.kind),
            ("aliases", o.aliases),
            ("fields", names.field_names(o.fields)),
            ("target priority", details.target_priority),
            ("LAMP motivation", o.motivation),
            ("LAMP postings", {True: "yes", False: "no"}.get(o.postings)),  # type: ignore[arg-type]
            ("LAMP advocacy", {True: "yes", False: "no"}.get(o.advocacy)),  # type: ignore[arg-type]
            ("people", [f"{p.name} ({p.id})" for p in details.people]),
        ],
    )
    lamp = (o.motivation, o.postings, o.advocacy)
    footnotes(["LAMP"] if any(v is not None for v in lamp) else [])


@field_app.command("add")
@handle_errors
def field_add(
    name: NameArg,
    field_id: Annotated[
        str | None, typer.Option("--id", help="A slug id (default: from the name).")
    ] = None,
    related: Annotated[
        list[str] | None,
        typer.Option("--related", help="A related field (created if new). Repeatable."),
    ] = None,
) -> None:
    """Add a career field, and the fields related to it.

    Example:  referrals field add Accounting --related Auditing --related "Tax preparation"
    """
    from infoview_graph.store import actions

    with open_for_write() as store:
        change = actions.add_field(store, name, related=related or (), field_id=field_id)
    done(f"added career field {change.record.name} ({change.record.id})", change.notes)


FieldArg = Annotated[str, typer.Argument(help="A career field: id or name.", show_default=False)]


@field_app.command("relate")
@handle_errors
def field_relate(field: FieldArg, other: FieldArg) -> None:
    """Record that OTHER is a field related to FIELD (worth a look beside it).

    Example:  referrals field relate Accounting "Tax preparation"
    """
    from infoview_graph.store import actions

    with open_for_write() as store:
        change = actions.relate_fields(store, field, other)
    done(f"{change.record.name} ({change.record.id}) is related to {other}")


@field_app.command("unrelate")
@handle_errors
def field_unrelate(field: FieldArg, other: FieldArg) -> None:
    """Record that OTHER is no longer a field related to FIELD.

    Example:  referrals field unrelate Accounting "Tax preparation"
    """
    from infoview_graph.store import actions

    with open_for_write() as store:
        change = actions.relate_fields(store, field, other, related=False)
    done(f"{change.record.name} ({change.record.id}) is no longer related to {other}")


@field_app.command("rename")
@handle_errors
def field_rename(
    field: FieldArg,
    name: Annotated[str, typer.Argument(help="The new name.", show_default=False)],
) -> None:
    """Give a career field a new name; its id stays, and so does every record naming it.

    Example:  referrals field rename urban-planning "Urban planning"
    """
    from infoview_graph.store import actions

    with open_for_write() as store:
        change = actions.rename_field(store, field, name)
    done(f"renamed the career field {change.record.id} to {change.record.name}")


@field_app.command("list")
@handle_errors
def field_list(json_: JsonOpt = False, demo: DemoOpt = False) -> None:
    """List career fields and their related fields.

    Example:  referrals field list
    """
    with open_for_read(demo=demo) as store:
        fields = store.fields()
    names = {f.id: f.name for f in fields}
    if json_:
        emit_json(
            [
                {**f.model_dump(mode="json"), "related_names": [names.get(r, r) for r in f.related]}
                for f in fields
            ]
        )
        return
    emit_table(
        ["id", "name", "related"],
        [(f.id, f.name, [names.get(r, r) for r in f.related]) for f in fields],
        title=plural(len(fields), "career field"),
    )


@target_app.command("add")
@handle_errors
def target_add(
    kind: TargetKind,
    name: NameArg,
    priority: Annotated[
        int, typer.Option("--priority", min=1, max=3, help="1 (highest) to 3.")
    ] = 2,
) -> None:
    """Make a field or organization one of my targets (again: change its priority).

    Example:  referrals target add org "General Mills" --priority 1
    """
    from infoview_graph.store import actions

    with open_for_write() as store:
        change = actions.add_target(store, kind, name, priority=priority)
        label = f"{_target_name(store, kind, change.record.id)} ({change.record.id})"
    done(f"target {kind} {label} has priority {change.record.priority}", change.notes)


@target_app.command("list")
@handle_errors
def target_list(json_: JsonOpt = False, demo: DemoOpt = False) -> None:
    """List my targets, highest priority first, with their names and ids.

    Example:  referrals target list --json
    """
    with open_for_read(demo=demo) as store:
        targets = store.targets()
        names = {(t.kind, t.id): _target_name(store, t.kind, t.id) for t in targets}
    if json_:
        emit_json([{**t.model_dump(mode="json"), "name": names[t.kind, t.id]} for t in targets])
        return
    emit_table(
        ["priority", "kind", "name", "id"],
        [(t.priority, t.kind, names[t.kind, t.id], t.id) for t in targets],
        title=plural(len(targets), "target"),
    )


def _target_name(store: "Store", kind: str, target_id: str) -> str:
    return (store.field(target_id) if kind == "field" else store.organization(target_id)).name


@target_app.command("remove")
@handle_errors
def target_remove(kind: TargetKind, name: NameArg) -> None:
    """Stop targeting a field or organization (it stays in the store).

    Example:  referrals target remove field "Freelance writing"
    """
    from infoview_graph.store import actions

    with open_for_write() as store:
        removed = actions.remove_target(store, kind, name).record
        label = f"{_target_name(store, kind, removed)} ({removed})"
    done(f"{label} is no longer a target")
