"""An open database with who is working on it: what every service call needs."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from crm_desktop.db.database import Database
from crm_desktop.db.migrate import current_revision, head_revision
from crm_desktop.db.unit_of_work import UnitOfWork
from crm_desktop.domain.pipeline import default_stages
from crm_desktop.domain.records import User
from crm_desktop.services.events import EventBus


@dataclass
class Workspace:
    database: Database
    user: User
    events: EventBus = field(default_factory=EventBus)
    phone_region: str = "CN"
    # Called before every write; the window installs one that refuses the GUI thread.
    write_guard: Callable[[], None] | None = None

    def reading(self) -> UnitOfWork:
        return UnitOfWork(self.database, write=False, user_id=self.user.id)

    def writing(self) -> UnitOfWork:
        if self.write_guard is not None:
            self.write_guard()
        return UnitOfWork(self.database, write=True, user_id=self.user.id)

    @property
    def display_name(self) -> str:
        return self.database.location.display()

    @property
    def read_only(self) -> bool:
        """This user may only read the database: every write raises ReadOnlyDatabaseError."""
        return self.database.read_only

    @property
    def created(self) -> bool:
        return self.database.created

    @property
    def backup_made(self) -> Path | None:
        return self.database.backup_made

    def schema(self) -> tuple[str | None, str]:
        return current_revision(self.database.engine), head_revision()

    def close(self) -> None:
        self.database.close()


def default_user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return os.environ.get("USERNAME") or os.environ.get("USER") or "me"


def seed_defaults(database: Database, language: str) -> bool:
    """The one place default data is written: a database that never had a pipeline stage gets
    the default stages and lost reasons, named in ``language``. True when it wrote them.

    Reads first and takes the write lock only on a database without stages, so opening an
    existing file never waits for a colleague's write. Never call it on a database opened for
    reading only."""
    with UnitOfWork(database) as uow:
        if uow.stages.any_ever():
            return False
    stages, lost_reasons = default_stages(language)
    with UnitOfWork(database, write=True) as uow:
        if not uow.stages.seed(stages, lost_reasons):  # a colleague may have just done it
            return False
        uow.commit()
    return True


def open_workspace(
    db: str | os.PathLike[str],
    user_name: str | None = None,
    backup_dir: Path | None = None,
    *,
    create: bool = True,
    language: str | None = None,
) -> Workspace:
    """Open (migrate; with ``create``, create) the database and make sure the acting user
    exists in it. Without ``create`` a missing database is refused (MissingDatabaseError).

    With a ``language`` (the window's, the CLI's ``--lang``), a writable database without
    pipeline stages gets the defaults named in it (``seed_defaults``); reads never write them."""
    database = Database.open(db, backup_dir, create=create)
    try:
        name = user_name or default_user_name()
        with UnitOfWork(database) as uow:
            user = uow.users.by_name(name)
        if user is None and database.read_only:
            user = User(0, name)  # cannot be recorded: a read-only user acts as no one stored
        elif user is None:  # only then take the write lock
            with UnitOfWork(database, write=True) as uow:
                user = uow.users.get_or_create(name)
                uow.commit()
        if language is not None and not database.read_only:
            seed_defaults(database, language)
    except Exception:
        database.close()
        raise
    return Workspace(database, user)
