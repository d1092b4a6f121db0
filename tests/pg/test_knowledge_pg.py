"""tests/unit/test_knowledge.py, run on PostgreSQL (the `ws` fixture here is a server database)."""

from tests.unit.test_knowledge import *  # noqa: F403
