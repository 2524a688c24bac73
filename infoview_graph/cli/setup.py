"""``referrals init`` and ``referrals demo``: create a store."""

from pathlib import Path
from typing import Annotated

import typer

from infoview_graph.cli._context import store_path
from infoview_graph.cli._output import done, handle_errors


@handle_errors
def init(
    name: Annotated[str, typer.Option("--name", help="Your own name, as contacts know you.")],
) -> None:
    """Create a new store, with you in it.

    The store is one SQLite file, readable only by you: --db PATH, else $REFERRALS_DB, else
    the user data directory.

    Example:  referrals init --name "Steven Olson"
    """
    from infoview_graph.store.actions import create_store

    path = create_store(store_path(), name).record
    done(f"created {path} for {name} (refer to yourself as 'me')")


@handle_errors
def demo(
    db: Annotated[
        Path | None, typer.Option("--db", help="Where to write the demo store (must be new).")
    ] = None,
) -> None:
    """Write the bundled demo network (Steven Olson's search) into a new store.

    To look at the demo without a store, add --demo to any read command instead.

    Example:  referrals demo --db /tmp/demo.db && referrals --db /tmp/demo.db person list
    """
    from infoview_graph.demo import demo_data
    from infoview_graph.store.actions import create_store

    data = demo_data()
    path = create_store(db or store_path(), data=data).record
    done(f"wrote the demo network ({len(data.persons)} people) to {path}")
