"""tests/unit/test_importing.py, run on PostgreSQL (the `ws` fixture here is a server database)."""

from tests.unit.test_importing import *  # noqa: F403
