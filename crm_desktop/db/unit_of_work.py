"""Unit of work: one session, one transaction, the repositories over it."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.exc import OperationalError

from crm_desktop.db.bulk import BulkRepository
from crm_desktop.db.database import Database
from crm_desktop.db.engine import is_locked, is_read_only
from crm_desktop.db.repositories.activities import ActivityRepository
from crm_desktop.db.repositories.articles import ArticleRepository
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
from crm_desktop.db.repositories.service_config import ServiceConfigRepository
from crm_desktop.db.repositories.stages import StageRepository
from crm_desktop.db.repositories.tags import TagRepository
from crm_desktop.db.repositories.tasks import TaskRepository
from crm_desktop.db.repositories.tickets import TicketRepository
from crm_desktop.db.repositories.users import UserRepository
from crm_desktop.domain.errors import DatabaseLockedError, ReadOnlyDatabaseError


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
        self.tickets = TicketRepository(ctx)
        self.articles = ArticleRepository(ctx)
        self.service_config = ServiceConfigRepository(ctx)
        return self

    def commit(self) -> None:
        try:
            self.session.commit()
        except OperationalError as exc:
            self.session.rollback()
            error = self._storage_error(exc)
            if error is exc:
                raise
            raise error from exc

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
        if isinstance(exc, OperationalError):
            error = self._storage_error(exc)
            if error is not exc:
                raise error from exc

    def _storage_error(self, exc: OperationalError) -> Exception:
        """A lock or a read-only file as the domain error the user is shown."""
        where = self.database.location.display()
        if is_locked(exc):
            return DatabaseLockedError(where)
        if is_read_only(exc):
            return ReadOnlyDatabaseError(
                where, "the file or its folder cannot be written; " + ReadOnlyDatabaseError.ADVICE
            )
        return exc
