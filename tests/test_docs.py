"""The documentation keeps up with the code.

- ``docs/cli.md`` is what ``docs/gen_cli.py`` makes of the Typer app as registered now;
- every public module, and every name in its ``__all__``, has a docstring; public functions
  and classes have an ``Examples`` section with a doctest (the doctests themselves run with
  ``--doctest-modules``); constants and type aliases have an attribute docstring;
- every public module has a page in the API reference;
- ``examples/cli_tour.sh`` runs, and ``examples/README.md`` lists every example.

The docs build itself (``sphinx -W``, warnings are errors) runs in ``.ci/run``.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"

PUBLIC_MODULES = [
    "infoview_graph",
    "infoview_graph.errors",
    "infoview_graph.models",
    "infoview_graph.network",
    "infoview_graph.names",
    "infoview_graph.lifecycle",
    "infoview_graph.frames",
    "infoview_graph.store",
    "infoview_graph.store.actions",
    "infoview_graph.store.events_import",
    "infoview_graph.algorithms",
    "infoview_graph.algorithms._agenda",
    "infoview_graph.algorithms._chains",
    "infoview_graph.algorithms._coverage",
    "infoview_graph.algorithms._display",
    "infoview_graph.algorithms._drafts",
    "infoview_graph.algorithms._introducers",
    "infoview_graph.algorithms._learned",
    "infoview_graph.algorithms._prep",
    "infoview_graph.algorithms._responsiveness",
    "infoview_graph.timing",
    "infoview_graph.algorithms._suggest",
    "infoview_graph.questions",
    "infoview_graph.plotting",
    "infoview_graph.plotting.layout",
    "infoview_graph.reports",
    "infoview_graph.webview",
    "infoview_graph.interop",
    "infoview_graph.interop.messages",
    "infoview_graph.interop.mail",
    "infoview_graph.interop.calendar",
    "infoview_graph.testing",
    "infoview_graph.testing._records",
    "infoview_graph.testing._stories",
]

# Public names of the interop work in progress (infoview_graph/interop/, store/imports.py,
# cli/transfer.py) allowed to lack an Examples section for now, as "module.name". Every one
# of them has one at the time of writing; keep the set empty.
INTEROP_NAMES_WITHOUT_EXAMPLES: frozenset[str] = frozenset()

# Functions of infoview_graph.algorithms named like their own submodule: importing the
# package must give the function, not the module (a lazy package got this wrong once).
SAME_NAME_AS_MODULE = ("agenda", "coverage", "introducers", "learned", "responsiveness")


def _public_names() -> list[tuple[str, str]]:
    names = []
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        names += [(module_name, name) for name in module.__all__]
    return names


# --- the CLI reference ---------------------------------------------------------------------


def _gen_cli() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_cli", DOCS / "gen_cli.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_current() -> None:
    gen_cli = _gen_cli()
    committed = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert committed == gen_cli.render(), "docs/cli.md is stale: run python docs/gen_cli.py"


def test_cli_reference_covers_every_command() -> None:
    import typer.main

    from infoview_graph.cli import app

    def paths(command: object, prefix: tuple[str, ...]) -> list[str]:
        found = [" ".join(prefix)]
        for name, sub in getattr(command, "commands", {}).items():
            found += paths(sub, (*prefix, name))
        return found

    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    for path in paths(typer.main.get_command(app), ("referrals",)):
        assert f"`{path}`" in text, path


# --- docstrings ----------------------------------------------------------------------------


def _has_example(doc: str) -> bool:
    section = re.search(r"^Examples\n-{8,}\n(.*?)(?=^\S[^\n]*\n-{3,}\n|\Z)", doc, re.M | re.S)
    return section is not None and ">>>" in section.group(1)


@cache
def _attribute_docs(module_name: str) -> dict[str, str]:
    """The attribute docstrings of a module (``NAME = …`` then a string), as Sphinx reads them."""
    from sphinx.pycode import ModuleAnalyzer

    analyzer = ModuleAnalyzer.for_module(module_name)
    return {
        name: "\n".join(lines)
        for (scope, name), lines in analyzer.find_attr_docs().items()
        if scope == ""
    }


@cache
def _imported_from(module_name: str) -> dict[str, str]:
    """Where a module imports each name from (``from X import name``, also under TYPE_CHECKING)."""
    spec = importlib.util.find_spec(module_name)
    assert spec is not None
    assert spec.origin is not None
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                found[alias.asname or alias.name] = node.module
    return found


def _attribute_doc(module_name: str, name: str) -> str:
    seen = set()
    while module_name not in seen:
        seen.add(module_name)
        doc = _attribute_docs(module_name).get(name)
        if doc:
            return doc
        home = _imported_from(module_name).get(name)
        if home is None:
            return ""
        module_name = home
    return ""


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_every_public_module_has_a_docstring_with_an_example(module_name: str) -> None:
    module = importlib.import_module(module_name)
    doc = inspect.cleandoc(module.__doc__ or "")
    assert doc, f"{module_name} has no docstring"
    assert _has_example(doc), f"{module_name}: its docstring needs an Examples section"


@pytest.mark.parametrize(
    ("module_name", "name"), _public_names(), ids=[f"{m}.{n}" for m, n in _public_names()]
)
def test_every_public_name_is_documented(module_name: str, name: str) -> None:
    qualified = f"{module_name}.{name}"
    module = importlib.import_module(module_name)
    obj = getattr(module, name)
    obj = getattr(obj, "__wrapped__", obj)  # functools.cache and friends keep the function
    if inspect.isfunction(obj) or inspect.isclass(obj):
        doc = inspect.getdoc(obj) or ""
        own = obj.__doc__ is not None and not (
            inspect.isclass(obj) and obj.__doc__.startswith(f"{obj.__name__}(")
        )
        assert own, f"{qualified} has no docstring of its own"
        assert doc.strip(), f"{qualified} has an empty docstring"
        if qualified in INTEROP_NAMES_WITHOUT_EXAMPLES:
            return
        assert _has_example(doc), f"{qualified}: its docstring needs an Examples section"
    else:
        assert _attribute_doc(module_name, name), (
            f"{qualified} needs an attribute docstring (a string right after its assignment)"
        )


def test_the_interop_allow_list_holds_only_undocumented_names() -> None:
    for qualified in INTEROP_NAMES_WITHOUT_EXAMPLES:
        module_name, _, name = qualified.rpartition(".")
        doc = inspect.getdoc(getattr(importlib.import_module(module_name), name)) or ""
        assert not _has_example(doc), f"{qualified} has an example now: drop it from the list"


def test_public_methods_have_docstrings() -> None:
    missing = []
    for module_name, name in _public_names():
        obj = getattr(importlib.import_module(module_name), name, None)
        if not inspect.isclass(obj) or not obj.__module__.startswith("infoview_graph"):
            continue
        # A class built in layers (the store) is checked with the members it inherits.
        own = [c for c in obj.__mro__ if c.__module__.startswith("infoview_graph")]
        for attr, value in {a: v for c in reversed(own) for a, v in vars(c).items()}.items():
            if attr.startswith("_") or not (
                inspect.isfunction(value) or isinstance(value, property)
            ):
                continue
            if not inspect.getdoc(value):
                missing.append(f"{obj.__module__}.{obj.__qualname__}.{attr}")
    assert not missing, missing


def test_algorithms_package_names_are_the_functions() -> None:
    for name in SAME_NAME_AS_MODULE:
        namespace: dict[str, object] = {}
        exec(f"from infoview_graph.algorithms import {name}", namespace)  # noqa: S102
        assert not inspect.ismodule(namespace[name]), name


# --- the pages -------------------------------------------------------------------------------


def test_every_public_module_has_an_api_page() -> None:
    documented = set()
    for page in [DOCS / "python-api.md", *sorted((DOCS / "api").glob("*.md"))]:
        documented |= set(re.findall(r"automodule:: ([\w.]+)", page.read_text(encoding="utf-8")))
    assert set(PUBLIC_MODULES) <= documented, set(PUBLIC_MODULES) - documented


def test_the_package_summary_lists_every_reexport() -> None:
    import infoview_graph

    text = (DOCS / "python-api.md").read_text(encoding="utf-8")
    for name in infoview_graph.__all__:
        if name != "__version__":
            assert re.search(rf"^   infoview_graph\.[\w.]*\b{name}$", text, re.M), name


# --- examples --------------------------------------------------------------------------------


def test_examples_readme_lists_every_example() -> None:
    readme = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")
    for script in sorted((ROOT / "examples").iterdir()):
        if script.suffix in (".py", ".sh"):
            assert f"`{script.name}`" in readme, script.name


@pytest.mark.slow
def test_the_cli_tour_runs(tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "MPLBACKEND": "Agg",
        "TMPDIR": str(tmp_path),
        "COLUMNS": "100",
    }
    env.pop("REFERRALS_DB", None)
    result = subprocess.run(
        ["bash", str(ROOT / "examples" / "cli_tour.sh")],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "== suggest" in result.stdout
    assert "wrote" in result.stdout


# --- the notebook page ---------------------------------------------------------------------


def test_the_notebook_page_runs_on_every_build_in_this_environment() -> None:
    """docs/notebook.md runs when the docs build (a failing cell fails the build), in the
    ``python3`` kernel, which must start this interpreter — the one with the library."""
    from jupyter_client.manager import KernelManager

    conf = (DOCS / "conf.py").read_text(encoding="utf-8")
    assert re.search(r'^nb_execution_mode = "force"$', conf, re.M)
    assert re.search(r"^nb_execution_raise_on_error = True$", conf, re.M)
    page = (DOCS / "notebook.md").read_text(encoding="utf-8")
    assert page.startswith("---\nfile_format: mystnb\nkernelspec:\n  name: python3\n")
    assert page.count("```{code-cell} ipython3") >= 6
    command = KernelManager(kernel_name="python3").format_kernel_cmd()
    assert Path(command[0]).resolve() == Path(sys.executable).resolve()
