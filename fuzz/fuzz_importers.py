"""Coverage-guided fuzzing of the importers with atheris, for long runs by hand.

CI fuzzes every importer with Hypothesis (``st.binary()`` and mutated real files, bounded
example counts: see tests/test_interop_*.py). This target runs the same contract for as long
as you like: any bytes either import or raise the library's ``ImportFileError`` — any other
exception is a bug, and atheris saves the input that caused it.

    pip install atheris                       # not a dependency of the project
    python fuzz/fuzz_importers.py linkedin -max_total_time=3600 tests/fixtures/interop
    python fuzz/fuzz_importers.py vcard    -runs=1000000  tests/fixtures/interop

The first argument names the importer: linkedin, vcard, google, csv or json; the rest goes
to libFuzzer (a directory given there seeds the corpus with the real fixture files).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable

from infoview_graph.errors import ImportFileError
from infoview_graph.interop import read_csv, read_dump, read_google_csv, read_linkedin, read_vcards

IMPORTERS: dict[str, Callable[[bytes], object]] = {
    "linkedin": lambda data: read_linkedin(data, name="fuzz.csv"),
    "vcard": lambda data: read_vcards(data, name="fuzz.vcf"),
    "google": lambda data: read_google_csv(data, name="fuzz.csv"),
    "csv": lambda data: read_csv(data, name="fuzz.csv", mapping={"Name": "name"}),
    "json": lambda data: read_dump(data, name="fuzz.json"),
}


def main() -> None:
    """Fuzz the importer named by the first argument until libFuzzer stops."""
    import atheris

    which = sys.argv.pop(1)
    importer = IMPORTERS[which]

    def one_input(data: bytes) -> None:
        with contextlib.suppress(ImportFileError):
            importer(data)

    atheris.instrument_all()
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
