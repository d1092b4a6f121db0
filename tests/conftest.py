"""Fixtures: a real database file in tmp_path, built by the real migrations."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from crm_desktop.services.workspace import Workspace, open_workspace


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "crm.db"


@pytest.fixture
def ws(db_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(db_path, "Tester")
    yield workspace
    workspace.close()


@pytest.fixture
def colleague(db_path: Path, ws: Workspace) -> Iterator[Workspace]:
    """A second user with their own connection to the same file, as on a shared drive."""
    other = open_workspace(db_path, "Colleague")
    yield other
    other.close()
