"""tests/unit/test_reports.py (sales, profit, receivables, ABC, RFM, retention, grades and
their undo), run on PostgreSQL (the `ws` fixture here is a server database)."""

from tests.unit.test_reports import *  # noqa: F403
