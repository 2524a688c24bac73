"""``referrals person add|list|show|edit|forget``: the contacts."""

from typing import TYPE_CHECKING, Annotated

import typer

from infoview_graph.cli._context import open_for_read, open_for_write
from infoview_graph.cli._glossary import footnotes
from infoview_graph.cli._options import (
    AsOfOpt,
    DemoOpt,
    DoNotContactOpt,
    EmailsOpt,
    FieldsOpt,
    HowOpt,
    JsonOpt,
    NewOpt,
    NoteOpt,
    OrgOpt,
    PersonArg,
    PhonesOpt,
    StrengthOpt,
    TagsOpt,
    TitleOpt,
    UrlOpt,
)
from infoview_graph.cli._output import (
    done,
    emit_json,
    emit_record,
    emit_table,
    handle_errors,
    plural,
)

if TYPE_CHECKING:
    from infoview_graph.models import Outreach

app = typer.Typer(no_args_is_help=True, help="Add, list, show, edit and forget contacts.")


@app.command("add")
@handle_errors
def add(
    name: Annotated[str, typer.Argument(help="Their full name.", show_default=False)],
    person_id: Annotated[
        str | None, typer.Option("--id", help="A slug id (default: made from the name).")
    ] = None,
    org: OrgOpt = None,
    title: TitleOpt = None,
    field: FieldsOpt = None,
    email: EmailsOpt = None,
    phone: PhonesOpt = None,
    url: UrlOpt = None,
    how: HowOpt = None,
    strength: StrengthOpt = None,
    tag: TagsOpt = None,
    note_: Annotated[str | None, typer.Option("--note", help="Free notes.")] = None,
    do_not_contact: Annotated[
        bool, typer.Option("--do-not-contact", help="Never suggest contacting them.")
    ] = False,
    new: NewOpt = False,
) -> None:
    """Add a contact, and your tie to them (--strength, or a default from --how).

    A name that looks like a known person's (a typo, another case or spacing, the same
    name) is refused with "did you mean …?"; --new adds a different person anyway.

    Example:  referrals person add "Brad Johnson" --org "General Mills" --field accounting
    --how friend --strength 4 --email brad@example.org
    """
    from infoview_graph.store import actions

    with open_for_write() as store:
        change = actions.add_contact(
            store,
            name,
            person_id=person_id,
            org=org,
            title=title,
            fields=field or (),
            emails=email or (),
            phones=phone or (),
            url=url,
            how=how,
            strength=strength,
            tags=tag or (),
            notes=note_,
            do_not_contact=do_not_contact,
            new=new,
        )
    done(f"added {change.record.name} ({change.record.id})", change.notes)


@app.command("list")
@handle_errors
def list_(
    field: Annotated[str | None, typer.Option("--field", help="Only people in this field.")] = None,
    org: Annotated[
        str | None, typer.Option("--org", help="Only people at this organization.")
    ] = None,
    json_: JsonOpt = False,
    demo: DemoOpt = False,
) -> None:
    """List contacts, optionally only those in a field or at an organization.

    Example:  referrals person list --org "General Mills" --json
    """
    from infoview_graph.store.views import catalog_names, list_contacts

    with open_for_read(demo=demo) as store:
        people = list_contacts(store, field=field, org=org)
        names = catalog_names(store)
    if json_:
        emit_json(
            [
                {
                    **p.model_dump(mode="json"),
                    "organization_name": names.organization(p.organization),
                    "field_names": names.field_names(p.fields),
                }
                for p in people
            ]
        )
        return
    emit_table(
        ["id", "name", "organization", "title", "fields", "how"],
        [
            (
                p.id,
                p.name,
                names.organization(p.organization),
                p.title,
                names.field_names(p.fields),
                p.how,
            )
            for p in people
        ],
        title=plural(len(people), "person", "people"),
    )


@app.command("show")
@handle_errors
def show(
    person: PersonArg, today: AsOfOpt = None, json_: JsonOpt = False, demo: DemoOpt = False
) -> None:
    """Show everything recorded about one person, and where they stand.

    The stage (known, referred, asked, follow-up due, said yes, scheduled, met, thanked,
    declined, no response, do not contact) is the one every other command uses.

    Responsiveness: booster (answers within 3 business days), obligate (answers later),
    curmudgeon (declined, or silent for 7 business days).

    Example:  referrals person show "Brad Johnson"
    """
    from infoview_graph.store.views import person_details

    with open_for_read(demo=demo) as store:
        details = person_details(store, person, today=today)
    if json_:
        emit_json(details.to_json())
        return
    answers = details.responsiveness
    where = details.standing
    p = details.person
    shown = None if answers == "unknown" or p.is_self else answers
    emit_record(
        f"{p.name} ({p.id})",
        [
            ("organization", details.name(p.organization) if p.organization else None),
            ("title", p.title),
            ("fields", [details.name(f) for f in p.fields]),
            ("where I stand", where.describe() if where else None),
            ("how I know them", p.how),
            ("my tie strength", details.my_tie),
            ("responsiveness", shown),
            ("emails", p.emails),
            ("phones", p.phones),
            ("profile", p.url),
            ("tags", p.tags),
            ("do not contact", p.do_not_contact),
            (
                "referred by",
                [f"{details.name(r.referrer)} ({r.on}, {r.status})" for r in details.referred_by],
            ),
            (
                "referred me to",
                [f"{details.name(r.referee)} ({r.on}, {r.status})" for r in details.referred],
            ),
            ("outreach", [_outreach_line(o) for o in details.outreach]),
            ("interviews", [f"{i.on} ({i.id})" for i in details.interviews]),
            ("notes", p.notes),
        ],
    )
    footnotes([shown or ""])


def _outreach_line(o: "Outreach") -> str:
    reply = (
        "declined" if o.declined else (f"replied {o.replied_on}" if o.replied_on else "no reply")
    )
    meeting = f"; meeting {o.meeting_on}" if o.meeting_on else ""
    mode = f" ({o.meeting_mode})" if o.meeting_mode else ""
    return f"{o.on} by {o.channel}: {reply}{meeting}{mode}"


@app.command("edit")
@handle_errors
def edit(
    person: PersonArg,
    name: Annotated[str | None, typer.Option("--name", help="A new name.")] = None,
    org: OrgOpt = None,
    title: TitleOpt = None,
    field: FieldsOpt = None,
    email: EmailsOpt = None,
    phone: PhonesOpt = None,
    url: UrlOpt = None,
    how: HowOpt = None,
    strength: StrengthOpt = None,
    tag: TagsOpt = None,
    note_: NoteOpt = None,
    do_not_contact: DoNotContactOpt = None,
) -> None:
    """Change a contact; options not given stay as they are, lists given replace the old.

    Example:  referrals person edit "Brad Johnson" --title "Finance Manager" --strength 5
    """
    from infoview_graph.store import actions

    given = {
        key: value
        for key, value in (("org", org), ("title", title), ("url", url), ("how", how))
        if value is not None
    }
    with open_for_write() as store:
        change = actions.edit_contact(
            store,
            person,
            name=name,
            fields=field,
            emails=email,
            phones=phone,
            strength=strength,
            tags=tag,
            do_not_contact=do_not_contact,
            **({"notes": note_} if note_ is not None else {}),
            **given,
        )
    done(f"updated {change.record.name} ({change.record.id})", change.notes)


@app.command("forget")
@handle_errors
def forget(
    person: PersonArg,
    yes: Annotated[bool, typer.Option("--yes", help="Confirm: this cannot be undone.")] = False,
) -> None:
    """Remove a person and every trace of them: ties, referrals, outreach, interviews.

    Deleted data is overwritten in the store's file. Needs --yes.

    Example:  referrals person forget "Jane Doe" --yes
    """
    from infoview_graph.store import actions

    if not yes:
        raise typer.BadParameter(
            "forgetting cannot be undone; add --yes to confirm", param_hint="--yes"
        )
    with open_for_write() as store:
        change = actions.forget_contact(store, person)
    done(f"forgot {change.record} and every record about them", change.notes)
