"""One name, one thing: every public name is the kind of object its documentation says.

- every public package (``infoview_graph`` and each subpackage without a leading underscore)
  has an ``__all__``, and each name in it is the kind :data:`DOCUMENTED` records for it —
  a function, a class, an exception, a module, a constant or a type alias — both on a fresh
  import and after every submodule of the library has been imported (importing
  ``infoview_graph.algorithms._suggest`` must not replace a function of the package);
- no public submodule is named like a name a package exports, so ``pkg.name`` is never a
  module here and a function there;
- each package's API page lists every name of its ``__all__``;
- the code in the README and the guide's pages calls only callables: each name such a
  block imports from the library exists, and each one it calls is a function or a class.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import subprocess
import sys
import typing
from pathlib import Path
from types import ModuleType

import pytest

import infoview_graph

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"

# Packages whose surface is not a Python API: the command line is documented command by
# command in docs/cli.md.
NOT_A_PYTHON_API = frozenset({"infoview_graph.cli"})


def _table(**names: str) -> dict[str, str]:
    """``exception="A B"`` → ``{"A": "exception", "B": "exception"}``; ``cls`` is "class" and
    ``type_alias`` "type alias"."""
    return {
        name: {"cls": "class"}.get(kind, kind.replace("_", " "))
        for kind, words in names.items()
        for name in words.split()
    }


# What the API reference says each public name is, package by package. A name added to a
# package's __all__ is added here with its kind, and to the package's API page.
DOCUMENTED: dict[str, dict[str, str]] = {
    "infoview_graph": _table(
        exception="AmbiguousNameError DuplicateError InfoviewError InvalidInputError "
        "NotFoundError SchemaVersionError StoreBusyError StoreError StoreMissingError",
        cls="CareerField FollowUp Interview NetworkData Organization Outreach Person Position "
        "Question Referral ReferralNetwork Store Target Tie",
        function="default_db_path demo_data demo_network open_store to_frame",
        constant="__version__",
    ),
    "infoview_graph.algorithms": _table(
        cls="Agenda AgendaItem Brief Chains Coverage Introductions Learned SuggestWeights "
        "Reason Suggestion Suggestions Thresholds",
        type_alias="Responsiveness",
        function="add_business_days agenda business_days classify coverage draft_cautions "
        "draft_followup draft_news draft_request draft_thanks introducers learned prep_brief "
        "referral_chains render_brief_markdown responsiveness suggest_next_contacts word_count",
    ),
    "infoview_graph.interop": _table(
        cls="NamedReferral Parsed ParsedTie Problem",
        function="anonymize export_graph parse_mapping read_csv read_dump read_google_csv "
        "read_input read_linkedin read_vcards to_csv to_dot to_gexf to_graphml to_ics to_json "
        "to_mermaid to_vcard read_calendar read_mail read_messages",
    ),
    "infoview_graph.lifecycle": _table(
        constant="ACTIVE ANSWERED CLOSED PENDING STAGES STAGE_LABEL",
        cls="Lifecycle LifecycleSettings Obligation SecondContact Standing",
        type_alias="Stage",
        function="judging_day lifecycle standing",
    ),
    "infoview_graph.models": _table(
        constant="CHANNELS CHANNEL_NOUN FITS FOLLOWUP_KINDS HOWS MODES ORG_KINDS "
        "REFERRAL_STATUSES TIARA",
        cls="CareerField FollowUp Interview NetworkData Organization Outreach Person Position "
        "Question Referral Target Tie",
        type_alias="Channel FieldId Fit FollowUpKind How KnownHow Mode OrgId OrgKind PersonId "
        "ReferralStatus",
        function="default_strength invalid_input slugify",
    ),
    "infoview_graph.plotting": _table(
        constant="FIELD_PALETTE FIGURE_FORMATS LABEL_ALL_UP_TO STAGE_COLOURS STATUS_MARKERS",
        cls="CoverageRow CoverageScene EgoPerson EgoScene FunnelScene Label Series TreeArrow "
        "TreeNode TreeScene",
        type_alias="FigureFormat",
        function="coverage_scene date_ticks figure_bytes funnel_scene network_scene "
        "plot_coverage plot_funnel plot_network plot_tree save_figure tidy_tree_layout "
        "tree_scene",
    ),
    "infoview_graph.store.actions": _table(
        cls="Change",
        function="add_contact add_field add_followup add_organization add_target check_date "
        "create_store edit_contact forget_contact init_store know log_interview log_outreach "
        "log_reply read_date refer relate_fields remove_target rename_field schedule_meeting "
        "settle_followup",
    ),
    "infoview_graph.webview": _table(
        constant="SHAPES VENDORED",
        function="ego_layout network_page page_data",
    ),
    "infoview_graph.testing": _table(
        cls="Story StoryEvent",
        type_alias="EventKind Shape",
        function="dates emails free_texts lines networks persons phones slugs stories urls",
    ),
    "infoview_graph.store": _table(
        constant="DEFAULT_BUSY_TIMEOUT SCHEMA_VERSION",
        cls="Store",
        function="default_db_path open_store",
    ),
}

# The page that documents each package's names.
API_PAGE = {
    "infoview_graph": DOCS / "python-api.md",
    "infoview_graph.algorithms": DOCS / "api" / "algorithms.md",
    "infoview_graph.interop": DOCS / "api" / "interop.md",
    "infoview_graph.store": DOCS / "api" / "store.md",
    "infoview_graph.testing": DOCS / "api" / "testing.md",
    "infoview_graph.lifecycle": DOCS / "api" / "lifecycle.md",
    "infoview_graph.models": DOCS / "api" / "models.md",
    "infoview_graph.plotting": DOCS / "api" / "plotting.md",
    "infoview_graph.store.actions": DOCS / "api" / "store.actions.md",
    "infoview_graph.webview": DOCS / "api" / "webview.md",
}


def _packages() -> list[str]:
    found = ["infoview_graph"]
    for info in pkgutil.walk_packages(infoview_graph.__path__, "infoview_graph."):
        public = not any(part.startswith("_") for part in info.name.split("."))
        if info.ispkg and public and info.name not in NOT_A_PYTHON_API:
            found.append(info.name)
    return found


PACKAGES = _packages()


def kind_of(obj: object) -> str:
    """The kind of a public object, in the words of :data:`DOCUMENTED`."""
    if inspect.ismodule(obj):
        return "module"
    if inspect.isclass(obj):
        return "exception" if issubclass(obj, BaseException) else "class"
    if inspect.isfunction(obj) or inspect.isbuiltin(obj):
        return "function"
    if typing.get_origin(obj) is not None or isinstance(obj, getattr(typing, "TypeAliasType", ())):
        return "type alias"
    if callable(obj):
        return "function"
    return "constant"


def test_kind_of_tells_the_kinds_apart() -> None:
    """The classifier itself, on one example of each kind."""
    assert kind_of(importlib) == "module"
    assert kind_of(infoview_graph.Person) == "class"
    assert kind_of(infoview_graph.NotFoundError) == "exception"
    assert kind_of(infoview_graph.to_frame) == "function"
    assert kind_of(typing.Literal["a", "b"]) == "type alias"
    assert kind_of(infoview_graph.__version__) == "constant"


def test_every_public_package_is_in_the_table() -> None:
    assert sorted(PACKAGES) == sorted(DOCUMENTED), (
        "a public package needs its names' kinds in DOCUMENTED and an API page"
    )


def _kinds(module: ModuleType) -> dict[str, str]:
    return {name: kind_of(getattr(module, name)) for name in module.__all__}


@pytest.mark.parametrize("package", PACKAGES)
def test_every_exported_name_is_its_documented_kind(package: str) -> None:
    module = importlib.import_module(package)
    assert hasattr(module, "__all__"), f"{package} needs an __all__"
    assert sorted(module.__all__) == sorted(set(module.__all__)), f"{package}: a name twice"
    assert _kinds(module) == DOCUMENTED[package]


_FRESH = """
import importlib, inspect, json, sys, typing
sys.path[:0] = [{tests!r}]
from test_public_names import kind_of
package = importlib.import_module({package!r})
print(json.dumps({{name: kind_of(getattr(package, name)) for name in package.__all__}}))
"""


@pytest.mark.parametrize("package", PACKAGES)
def test_names_are_their_kind_on_a_fresh_import_too(package: str) -> None:
    """In a new interpreter, where lazy names and submodules load in the user's order."""
    import json

    code = _FRESH.format(tests=str(Path(__file__).parent), package=package)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert json.loads(out.stdout) == DOCUMENTED[package]


def _every_module() -> list[str]:
    return [
        info.name
        for info in pkgutil.walk_packages(infoview_graph.__path__, "infoview_graph.")
        if info.name != "infoview_graph.__main__"  # it runs the command line
    ]


def test_importing_every_submodule_shadows_no_exported_name() -> None:
    """``import infoview_graph.algorithms._suggest`` sets an attribute ``_suggest`` on the
    package; a submodule named like an exported function would replace that function."""
    for name in _every_module():
        importlib.import_module(name)
    for package in PACKAGES:
        module = importlib.import_module(package)
        assert _kinds(module) == DOCUMENTED[package], package


@pytest.mark.parametrize("package", PACKAGES)
def test_no_submodule_is_named_like_an_exported_name(package: str) -> None:
    module = importlib.import_module(package)
    submodules = {info.name for info in pkgutil.iter_modules(module.__path__)}
    clashes = {
        name
        for name in submodules & set(module.__all__)
        if DOCUMENTED[package].get(name) != "module"
    }
    assert not clashes, f"{package}: {sorted(clashes)} are both a submodule and another thing"


@pytest.mark.parametrize("package", PACKAGES)
def test_the_api_page_lists_every_exported_name(package: str) -> None:
    text = API_PAGE[package].read_text(encoding="utf-8")
    module = importlib.import_module(package)
    automodule = re.search(rf"^\.\. automodule:: {re.escape(package)}\n(   :.*\n)*", text, re.M)
    assert automodule, f"{API_PAGE[package].name} has no automodule for {package}"
    if ":no-members:" not in automodule.group(0):
        return  # autodoc documents every name of __all__ on the page itself
    listed = set(re.findall(r"^   infoview_graph(?:\.\w+)*\.(\w+)$", text, re.M))
    missing = set(module.__all__) - listed - {"__version__"}
    assert not missing, f"{API_PAGE[package].name} does not list {sorted(missing)}"


# --- the code in the README and the guide ----------------------------------------------------

_FENCE = re.compile(r"^```python\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)
_PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


def _blocks() -> list[tuple[str, str]]:
    found = []
    for page in _PAGES:
        text = page.read_text(encoding="utf-8")
        for match in _FENCE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append((f"{page.relative_to(ROOT)}:{line}", match.group(1)))
    return found


def _resolve(dotted: str) -> object:
    """``infoview_graph.algorithms.coverage`` → the object a user gets by that name."""
    parts = dotted.split(".")
    obj: object = importlib.import_module(parts[0])
    for i, part in enumerate(parts[1:], start=1):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            obj = importlib.import_module(".".join(parts[: i + 1]))
    return obj


def _library_calls(source: str) -> tuple[set[str], set[str]]:
    """The library names a block imports, and those it calls, as dotted paths."""
    tree = ast.parse(source)
    bound: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("infoview_graph"):
                    bound[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("infoview_graph"):
            for alias in node.names:
                bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    called = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func, attrs = node.func, []
        while isinstance(func, ast.Attribute):
            attrs.insert(0, func.attr)
            func = func.value
        if isinstance(func, ast.Name) and func.id in bound:
            called.add(".".join([bound[func.id], *attrs]))
    return set(bound.values()), called


def test_the_pages_have_python_blocks_to_check() -> None:
    assert any(where.startswith("README.md") for where, _ in _blocks())


@pytest.mark.parametrize(("where", "source"), _blocks(), ids=[w for w, _ in _blocks()])
def test_the_pages_call_only_callables(where: str, source: str) -> None:
    imported, called = _library_calls(source)
    for dotted in sorted(imported):
        _resolve(dotted)  # raises if the page imports a name the library lacks
    for dotted in sorted(called):
        obj = _resolve(dotted)
        assert not inspect.ismodule(obj), f"{where}: {dotted} is a module, not a function"
        assert callable(obj), f"{where}: {dotted} is not callable"
