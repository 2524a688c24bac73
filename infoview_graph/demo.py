"""The bundled demo network: Steven Olson's search, from the seed's story.

Steven explores accounting (and non-profit management and freelance writing); General Mills
is a target employer; his friend Brad Johnson works there and suggested he speak with
Mrs. Smith. The demo is a snapshot: :attr:`NetworkData.as_of` is the day it describes, which
commands run with ``--demo`` use as "today".

Examples
--------
>>> net = demo_network()
>>> net.me.name
'Steven Olson'
>>> [r.referee for r in net.referrals_from("brad-johnson")][:1]
['mrs-smith']
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from infoview_graph.models import NetworkData
from infoview_graph.network import ReferralNetwork

__all__ = ["demo_data", "demo_network"]


@cache
def demo_data() -> NetworkData:
    """Return the demo network's records (validated once, then cached).

    Returns
    -------
    NetworkData
        About forty people, a dozen organizations, several fields, referral chains,
        outreach and interviews.

    Examples
    --------
    >>> data = demo_data()
    >>> len(data.persons) > 30, data is demo_data()
    (True, True)
    """
    text = files("infoview_graph").joinpath("data/demo.json").read_text(encoding="utf-8")
    return NetworkData.model_validate_json(text)


def demo_network() -> ReferralNetwork:
    """Return a fresh :class:`ReferralNetwork` of the demo (safe to change).

    Returns
    -------
    ReferralNetwork
        A new network each call.

    Examples
    --------
    >>> net = demo_network()
    >>> net.me.name, net.as_of
    ('Steven Olson', datetime.date(2026, 11, 20))
    >>> demo_network() is not net
    True
    """
    return ReferralNetwork(demo_data())
