"""tests/unit/test_timeline.py, run on PostgreSQL (the `ws` fixture here is a server database)."""

from tests.unit.test_timeline import *  # noqa: F403
