"""The HTML page of the network view: vendored scripts inlined, data escaped, a strict CSP.

The page loads nothing: graphology and sigma.js (``vendor/``) and the view's own script and
style sheet (``view.js``, ``view.css``) are inlined, each allowed by its SHA-256 hash in the
Content-Security-Policy (``default-src 'none'``: no request, no inline handler, no
``eval``). The data travels as JSON inside ``<script type="application/json">``, which no
browser runs, with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped so that no name can close
the element; the script reads it with ``JSON.parse`` and writes names with ``textContent``
only.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from infoview_graph.webview._data import page_data

if TYPE_CHECKING:
    from infoview_graph.network import ReferralNetwork

__all__ = ["VENDORED", "network_page"]

VENDORED: dict[str, tuple[str, str, str]] = {
    "graphology": ("0.26.0", "MIT", "vendor/graphology.umd.min.js"),
    "sigma": ("3.0.3", "MIT", "vendor/sigma.min.js"),
}
"""The JavaScript packages inlined into the page: name → (version, licence, file)."""

_JSON_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)
"""What JSON inside ``<script>`` must not contain, and its escape (the same string in JSON)."""


def script_json(value: object) -> str:
    r"""Return JSON that is safe inside an HTML ``<script>`` element, as text.

    Examples
    --------
    >>> script_json({"n": "</script><b>&\u2028"})
    '{"n": "\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    for character, escape in _JSON_ESCAPES:  # str.replace: ten times faster than translate
        text = text.replace(character, escape)
    return text


def _resource(name: str) -> str:
    return files("infoview_graph.webview").joinpath(name).read_text(encoding="utf-8")


def _vendored(path: str) -> str:
    """Return a vendored script without its source-map comment (no tool asks for a map)."""
    lines = _resource(path).rstrip("\n").split("\n")
    if lines and lines[-1].startswith("//# sourceMappingURL="):
        lines.pop()
    return "\n".join(lines)


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@cache
def _assets() -> tuple[list[str], str, str]:
    """Return the scripts in load order, the style sheet, and the CSP allowing exactly them."""
    scripts = [_vendored(path) for _, _, path in VENDORED.values()] + [_resource("view.js")]
    css = _resource("view.css")
    csp = (
        "default-src 'none'; "
        f"script-src {' '.join(_hash(s) for s in scripts)}; "
        f"style-src {_hash(css)}; base-uri 'none'; form-action 'none'"
    )
    return scripts, css, csp


def network_page(network: ReferralNetwork, *, today: dt.date | None = None, **options: int) -> str:
    """Return the interactive network view as one self-contained HTML page.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    today : datetime.date, optional
        The day for stages, scores and what is owed (default: the network's ``as_of``, else
        today).
    **options : int
        ``k``, ``scored``, ``max_edges``, ``detail``: see :func:`page_data`.

    Returns
    -------
    str
        An HTML5 document that opens centred on me: people coloured by field, shaped by
        stage, sized by suggestion score; hover for name, employer, field and stage; click
        for the person's card and their best path from me; search by name; filter by
        field, employer and stage.

    Raises
    ------
    NotFoundError
        If the network has no 'me'.

    Notes
    -----
    The cost of :func:`page_data` and one :func:`json.dumps`; the page weighs about 0.3 MB
    (the two libraries) plus about 150 bytes per person.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> page = network_page(demo_network())
    >>> page.startswith("<!DOCTYPE html>"), "<script src" in page, "Content-Security" in page
    (True, False, True)
    """
    data = page_data(network, today=today, **options)
    scripts, css, csp = _assets()
    title = html.escape(data["title"])
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
        _BODY.format(title=title, day=html.escape(data["day"])),
        f'<script type="application/json" id="view-data">{script_json(data)}</script>',
        *(f"<script>{script}</script>" for script in scripts),
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


_BODY = """<div id="app">
<aside id="side">
<h1>{title}</h1>
<p class="muted">As of {day}. Nearer me: warmer paths. Colour: field. Shape: stage.
Size: how much they matter to my targets.</p>
<label for="search">Find a person</label>
<input id="search" type="search" autocomplete="off" placeholder="Name">
<ul id="results"></ul>
<div class="filters">
<label for="field">Field</label><select id="field"></select>
<label for="org">Employer</label><select id="org"></select>
<label for="stage">Stage</label><select id="stage"></select>
</div>
<p id="count" class="muted"></p>
<section id="card" hidden>
<h2 id="card-name" class="name"></h2>
<p id="card-work"></p>
<dl id="card-facts"></dl>
</section>
<details id="legend" open><summary>Legend</summary>
<ul id="legend-shapes"></ul>
<ul id="legend-fields"></ul>
<p class="muted">Outlined and numbered: the suggested next contacts.</p>
</details>
<p class="muted">Drawn with sigma.js and graphology (MIT), inside this file: it loads
nothing from anywhere.</p>
</aside>
<main id="graph" aria-label="The network: click a person for their card"></main>
<div id="tip" role="tooltip" hidden></div>
</div>"""
