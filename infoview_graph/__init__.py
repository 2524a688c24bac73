"""Plan informational interviews as a referral network.

``infoview_graph`` keeps contacts, referrals and interview outcomes as a typed referral
network and answers the job seeker's questions: whom to contact next and through whom, which
fields and employers are covered, what is owed to whom.

Heavy parts (the records, which need pydantic; the network; the store) load on first use
(PEP 562), so that ``import infoview_graph`` stays cheap for the command line.

Examples
--------
>>> import infoview_graph as ivg
>>> net = ivg.demo_network()
>>> net.me.name
'Steven Olson'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from infoview_graph.errors import (
    AmbiguousNameError,
    DuplicateError,
    InfoviewError,
    InvalidInputError,
    NotFoundError,
    SchemaVersionError,
    StoreBusyError,
    StoreError,
    StoreMissingError,
)

if TYPE_CHECKING:
    from infoview_graph.demo import demo_data, demo_network
    from infoview_graph.frames import to_frame
    from infoview_graph.models import (
        CareerField,
        FollowUp,
        Interview,
        NetworkData,
        Organization,
        Outreach,
        Person,
        Position,
        Question,
        Referral,
        Target,
        Tie,
    )
    from infoview_graph.network import ReferralNetwork
    from infoview_graph.store import Store, default_db_path, open_store

__version__ = "0.1.0"
"""The version of ``infoview_graph`` (``referrals --version`` prints it)."""

__all__ = [
    "AmbiguousNameError",
    "CareerField",
    "DuplicateError",
    "FollowUp",
    "InfoviewError",
    "Interview",
    "InvalidInputError",
    "NetworkData",
    "NotFoundError",
    "Organization",
    "Outreach",
    "Person",
    "Position",
    "Question",
    "Referral",
    "ReferralNetwork",
    "SchemaVersionError",
    "Store",
    "StoreBusyError",
    "StoreError",
    "StoreMissingError",
    "Target",
    "Tie",
    "__version__",
    "default_db_path",
    "demo_data",
    "demo_network",
    "open_store",
    "to_frame",
]

_RECORDS = (
    "CareerField FollowUp Interview NetworkData Organization Outreach Person Position Question "
    "Referral Target Tie"
)
_LAZY = {
    **dict.fromkeys(_RECORDS.split(), "infoview_graph.models"),
    "ReferralNetwork": "infoview_graph.network",
    "Store": "infoview_graph.store",
    "open_store": "infoview_graph.store",
    "default_db_path": "infoview_graph.store",
    "demo_data": "infoview_graph.demo",
    "demo_network": "infoview_graph.demo",
    "to_frame": "infoview_graph.frames",
}


def __getattr__(name: str) -> Any:
    """Import the heavier public names on first use (PEP 562)."""
    if name in _LAZY:
        # __import__ rather than importlib.import_module: -X importtime reports the module.
        value = getattr(__import__(_LAZY[name], fromlist=[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'infoview_graph' has no attribute '{name}'")
