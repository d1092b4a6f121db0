"""Where data, logs and backups live: the platform's user directories."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_cache_path, user_data_path, user_log_path

from crm_desktop import APP_ID


def data_dir() -> Path:
    return user_data_path(APP_ID, appauthor=False, ensure_exists=True)


def default_database() -> Path:
    return data_dir() / "crm.db"


def demo_database() -> Path:
    return data_dir() / "demo.db"


def backup_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    return user_log_path(APP_ID, appauthor=False, ensure_exists=True)


def writing_notes_dir() -> Path:
    """Notes of files being written (exports), so a crash's scratch folder is swept next time."""
    return user_cache_path(APP_ID, appauthor=False) / "writing"
