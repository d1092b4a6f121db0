"""tests/unit/test_search.py, run on PostgreSQL (the `ws` fixture here is a server database)."""

from tests.unit.test_search import *  # noqa: F403
