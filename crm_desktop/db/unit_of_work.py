"""Unit of work: one session, one transaction, the repositories over it."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.exc import OperationalError

from crm_desktop.db.bulk import BulkRepository
from crm_desktop.db.database import Database
from crm_desktop.db.repositories.activities import ActivityRepository
from crm_desktop.db.repositories.common import Context
from crm_desktop.db.repositories.companies import CompanyRepository
from crm_desktop.db.repositories.contacts import ContactRepository
from crm_desktop.db.repositories.customers import CustomerFinder
from crm_desktop.db.repositories.imports import ImportHistoryRepository
from crm_desktop.db.repositories.leads import LeadRepository
from crm_desktop.db.repositories.matching import MatchingRepository
from crm_desktop.db.repositories.opportunities import OpportunityRepository
from crm_desktop.db.repositories.orders import OrderRepository
from crm_desktop.db.repositories.payments import PaymentRepository
from crm_desktop.db.repositories.products import ProductRepository
from crm_desktop.db.repositories.stages import StageRepository
from crm_desktop.db.repositories.tags import TagRepository
from crm_desktop.db.repositories.tasks import TaskRepository
from crm_desktop.db.repositories.users import UserRepository
from crm_desktop.domain.errors import DatabaseLockedError


def _is_locked(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text


class UnitOfWork:
    """``with UnitOfWork(db, write=True, user_id=1) as uow: ...; uow.commit()``.

    Leaving the block without ``commit()`` rolls back: an error or a Cancel changes nothing.
    """

    def __init__(self, database: Database, *, write: bool = False, user_id: int | None = None):
        self.database = database
        self.write = write
        self.user_id = user_id

    def __enter__(self) -> UnitOfWork:
        self.session = self.database.session(write=self.write)
        ctx = Context(self.session, self.database.dialect, self.user_id)
        self.ctx = ctx
        self.users = UserRepository(ctx)
        self.companies = CompanyRepository(ctx)
        self.contacts = ContactRepository(ctx)
        self.activities = ActivityRepository(ctx)
        self.tasks = TaskRepository(ctx)
        self.tags = TagRepository(ctx)
        self.bulk = BulkRepository(ctx)
        self.matching = MatchingRepository(ctx)
        self.imports = ImportHistoryRepository(ctx)
        self.stages = StageRepository(ctx)
        self.customers = CustomerFinder(ctx)
        self.leads = LeadRepository(ctx)
        self.opportunities = OpportunityRepository(ctx)
        self.products = ProductRepository(ctx)
        self.orders = OrderRepository(ctx)
        self.payments = PaymentRepository(ctx)
        return self

    def commit(self) -> None:
        try:
            self.session.commit()
        except OperationalError as exc:
            self.session.rollback()
            if _is_locked(exc):
                raise DatabaseLockedError(self.database.location.display()) from exc
            raise

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()
        if isinstance(exc, OperationalError) and _is_locked(exc):
            raise DatabaseLockedError(self.database.location.display()) from exc
