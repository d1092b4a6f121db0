"""tests/unit/test_demo_pipeline.py, run on PostgreSQL (the `ws` fixture here is a server
database)."""

from tests.unit.test_demo_pipeline import *  # noqa: F403
