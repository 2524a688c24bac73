"""Run the ``referrals`` command as ``python -m infoview_graph``."""

from infoview_graph.cli import main

main()
