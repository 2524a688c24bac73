"""Sphinx configuration: MyST Markdown pages, the API from numpydoc docstrings, the Furo theme.

Build with ``python -m sphinx -W --keep-going -q -b html docs docs/_build/html`` (warnings
are errors; ``.ci/run`` runs exactly this). No intersphinx: the build needs no network.
MyST-NB reads the pages and runs the one written as a notebook (``notebook.md``) on every
build, in the ``python3`` kernel of the environment that builds (ipykernel, in the dev
extra); an error in a cell fails the build.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import infoview_graph  # noqa: E402  (after the path, so a checkout builds without installing)

project = "infoview_graph"
author = "infoview_graph developers"
copyright = "infoview_graph developers"
version = release = infoview_graph.__version__

extensions = [
    "myst_nb",  # MyST Markdown (it loads myst_parser) and pages that are notebooks
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
]
source_suffix = {".md": "myst-nb"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# MyST: ::: fences for directives, definition lists, and anchors for headings so pages can
# link to each other's sections (page.md#section).
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# Notebook pages run on every build, so that they show what the library does now; a cell
# that raises fails the build, and so does one that runs past the timeout.
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_timeout = 120
nb_merge_streams = True

# The API pages: documented members follow each module's __all__, in source order.
autodoc_default_options = {"members": True, "member-order": "bysource"}
autodoc_typehints = "signature"
autodoc_preserve_defaults = True
autosummary_generate = False
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

# Option names such as --demo must stay two hyphens, not become an en dash.
smartquotes = False

html_theme = "furo"
html_title = f"infoview_graph {release}"
html_static_path: list[str] = []


def _module_sections_as_rubrics(
    app: object, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    """Show a module docstring's numpydoc sections (Examples, References…) as rubrics.

    numpydoc rewrites the sections of functions and classes only; in a module docstring a
    heading such as ``Examples`` would become a real section, and every module page would
    then define the same "examples" label.
    """
    if what != "module":
        return
    out: list[str] = []
    i = 0
    while i < len(lines):
        title = lines[i].strip()
        underline = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if title and len(underline) >= len(title) and set(underline) <= {"-", "="}:
            out += [f".. rubric:: {title}", ""]
            i += 2
            continue
        out.append(lines[i])
        i += 1
    lines[:] = out


def _short_citation_labels(app: object, doctree: Any) -> None:
    """Show numpydoc's renamed citations (``[R4ffe5147082c-1]``) in the text as ``[1]``.

    numpydoc relabels the citation itself but, for references Sphinx has already turned
    into cross-references, not always the text that points to it.
    """
    from docutils import nodes
    from sphinx.addnodes import pending_xref

    for node in doctree.findall(pending_xref):
        match = re.fullmatch(r"\[R[0-9a-f]+-(\w+)\]", node.astext())
        if node.get("refdomain") == "citation" and match:
            node.children = [nodes.Text(f"[{match.group(1)}]")]


def _notebooks_always_run(
    app: object, env: object, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Read the notebook pages again on every build.

    Their cells then run even when the page itself has not changed: the library under them
    may have.
    """
    return [page.stem for page in Path(__file__).parent.glob("*.md") if _is_notebook(page)]


def _is_notebook(page: Path) -> bool:
    return page.read_text(encoding="utf-8").startswith("---\nfile_format: mystnb\n")


def setup(app: Any) -> None:
    """Register the docstring, citation and notebook hooks."""
    app.connect("env-get-outdated", _notebooks_always_run)
    app.connect("autodoc-process-docstring", _module_sections_as_rubrics)
    app.connect("doctree-read", _short_citation_labels)
