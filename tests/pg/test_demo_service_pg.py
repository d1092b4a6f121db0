"""tests/unit/test_demo_service.py, run on PostgreSQL (the `ws` fixture here is a server database)."""

from tests.unit.test_demo_service import *  # noqa: F403
