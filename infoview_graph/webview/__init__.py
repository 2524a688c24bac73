"""The interactive network view: one self-contained, offline HTML page.

:func:`network_page` returns the page; ``referrals plot network --out network.html`` writes
it, and ``referrals report --out report.html`` writes it beside the report and links it.
The data (people, positions, paths, cards) is computed in Python by :func:`page_data`; the
page draws it with sigma.js on graphology (WebGL), both vendored in
``infoview_graph/webview/vendor/`` with their MIT licences and inlined into the page.

Examples
--------
>>> from infoview_graph.demo import demo_network
>>> from infoview_graph.webview import network_page
>>> page = network_page(demo_network())
>>> page.count("<script>"), VENDORED["sigma"][0]
(3, '3.0.3')
"""

from infoview_graph.webview._data import SHAPES, page_data
from infoview_graph.webview._layout import ego_layout
from infoview_graph.webview._page import VENDORED, network_page

__all__ = ["SHAPES", "VENDORED", "ego_layout", "network_page", "page_data"]
