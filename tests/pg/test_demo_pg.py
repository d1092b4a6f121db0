"""tests/unit/test_demo.py, run on PostgreSQL (the `ws` fixture here is a server database)."""

from tests.unit.test_demo import *  # noqa: F403
