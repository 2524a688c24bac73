"""Hypothesis strategies for your own tests: valid people, whole networks, and stories.

The strategies the project's own tests use, for property-testing an analysis of your own —
a factor, a report, a cohort statistic — the way ``hypothesis.extra.numpy`` serves array
code. Each draws only valid data, by construction, and states what it guarantees; the
project's test suite checks every guarantee.

- records: :func:`slugs`, :func:`lines`, :func:`free_texts`, :func:`emails`,
  :func:`urls`, :func:`phones`, :func:`dates` and :func:`persons` — values the models
  accept;
- :func:`networks` — a whole :class:`~infoview_graph.models.NetworkData`, of any size, in
  three shapes (:data:`Shape`): ties at random, a job seeker's ``personal`` contacts, or a
  career ``office`` with its students and alumni;
- :func:`stories` — a :class:`Story`: a network and a sequence of dated lifecycle events
  (:class:`StoryEvent`) with the stage each person ends in.

Hypothesis is an optional extra: ``pip install 'infoview-graph[testing]'``.

Examples
--------
A factor of your own must stay within [0, 1] and never rank someone I may not contact.
Property-test it on any network the library accepts:

>>> from hypothesis import HealthCheck, given, settings
>>> from infoview_graph.algorithms import suggest_next_contacts
>>> from infoview_graph.network import ReferralNetwork
>>> from infoview_graph.testing import networks
>>> def near_me(person, network):
...     return 1.0 if "minneapolis" in person.tags else 0.0
>>> @settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
... @given(networks(shape="personal"))
... def test_near_me_is_a_share_and_shows_in_the_factors(data):
...     net = ReferralNetwork(data)
...     for s in suggest_next_contacts(net, k=5, factors={"near me": (0.2, near_me)}):
...         assert 0.0 <= s.factors["near me"] <= 0.2
...         assert not net.person(s.person_id).do_not_contact
>>> test_near_me_is_a_share_and_shows_in_the_factors()
"""

try:
    import hypothesis  # noqa: F401  (only to say what is missing, once)
except ModuleNotFoundError:
    raise ModuleNotFoundError(
        "infoview_graph.testing needs Hypothesis, an optional extra: "
        "pip install 'infoview-graph[testing]'"
    ) from None

from infoview_graph.testing._records import (
    Shape,
    dates,
    emails,
    free_texts,
    lines,
    networks,
    persons,
    phones,
    slugs,
    urls,
)
from infoview_graph.testing._stories import EventKind, Story, StoryEvent, stories

__all__ = [
    "EventKind",
    "Shape",
    "Story",
    "StoryEvent",
    "dates",
    "emails",
    "free_texts",
    "lines",
    "networks",
    "persons",
    "phones",
    "slugs",
    "stories",
    "urls",
]
