"""The test suite on every CPython from 3.11 up that this machine has.

``bash .ci/run`` runs lint, types, the import layers, the docs and the tests on 3.11 in
``.venv``, then ``nox -s tests`` for the newer versions; a version the machine lacks is
reported as skipped (``--no-error-on-missing-interpreters``), never silently dropped.
Run one by hand with ``.venv/bin/nox -s tests-3.13``.
"""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True

PYTHONS = ["3.12", "3.13"]
"""The versions besides 3.11 (which ``.ci/run`` tests in ``.venv``)."""


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Install the package with its dev extra and run the whole suite, doctests included."""
    session.install("-e", ".[dev]")
    session.run("python", "-m", "pytest", *session.posargs)
