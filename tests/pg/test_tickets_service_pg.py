"""tests/unit/test_tickets_service.py, run on PostgreSQL (the `ws` fixture here is a server database)."""

from tests.unit.test_tickets_service import *  # noqa: F403
