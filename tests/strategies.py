"""The strategies of :mod:`infoview_graph.testing`, and one only the project's tests need.

Test modules import from here (``from strategies import networks``) or from
``infoview_graph.testing`` directly; :data:`CONTROL_CHARACTERS` draws what the models must
refuse, so it is no part of the public strategies, which draw only valid data.
"""

from __future__ import annotations

from hypothesis import strategies as st

from infoview_graph.testing import (
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

__all__ = [
    "CONTROL_CHARACTERS",
    "dates",
    "emails",
    "free_texts",
    "lines",
    "networks",
    "persons",
    "phones",
    "slugs",
    "urls",
]

# Every character the models call a control character: C0, DEL, C1 and lone surrogates.
CONTROL_CHARACTERS = st.one_of(
    st.characters(min_codepoint=0x00, max_codepoint=0x1F),
    st.characters(min_codepoint=0x7F, max_codepoint=0x9F),
    st.integers(min_value=0xD800, max_value=0xDFFF).map(chr),
)
"""Any C0 or C1 control character, DEL, or a lone surrogate."""
