"""Products: the catalogue quotes and orders pick their lines from."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_, select

from crm_desktop.db import models as m
from crm_desktop.db.repositories.audited import AuditedRepository
from crm_desktop.db.search import like_escape, query_terms
from crm_desktop.domain.pipeline import Product, ProductData, money


class ProductRepository(AuditedRepository[m.Product]):
    model = m.Product
    kind = "product"

    def add(self, data: ProductData) -> int:
        return self._insert(_product_values(data)).id

    def update(self, product_id: int, expected_version: int, data: ProductData) -> None:
        self._update(product_id, expected_version, _product_values(data))

    def code_taken(self, code: str, except_id: int | None = None) -> bool:
        q = select(m.Product.id).where(func.lower(m.Product.code) == code.lower())
        if except_id is not None:
            q = q.where(m.Product.id != except_id)
        return self.session.scalar(q.limit(1)) is not None

    def get(self, product_id: int) -> Product:
        return _product(self._live(product_id))

    def find(self, search: str = "", include_inactive: bool = False) -> list[Product]:
        q = select(m.Product).where(m.Product.deleted_at.is_(None))
        if not include_inactive:
            q = q.where(m.Product.active.is_(True))
        for term in query_terms(search):
            like = f"%{like_escape(term)}%"
            q = q.where(
                or_(
                    func.lower(m.Product.code).like(like, escape="\\"),
                    func.lower(m.Product.name).like(like, escape="\\"),
                    func.lower(m.Product.category).like(like, escape="\\"),
                )
            )
        return [_product(p) for p in self.session.scalars(q.order_by(m.Product.code))]

    def costs(self, product_ids: Iterable[int]) -> dict[int, Decimal | None]:
        """The cost price now in force of each product (None: not known)."""
        ids = sorted(set(product_ids))
        if not ids:
            return {}
        q = select(m.Product.id, m.Product.cost_price).where(m.Product.id.in_(ids))
        return {pid: cost for pid, cost in self.session.execute(q)}

    def categories(self) -> list[str]:
        return list(
            self.session.scalars(
                select(m.Product.category)
                .where(m.Product.category != "", m.Product.deleted_at.is_(None))
                .distinct()
                .order_by(m.Product.category)
            )
        )


def _product_values(data: ProductData) -> dict[str, Any]:
    return {
        "code": data.code,
        "name": data.name,
        "category": data.category,
        "unit": data.unit,
        "unit_price": money(data.unit_price),
        "active": data.active,
        "notes": data.notes,
        "cost_price": None if data.cost_price is None else money(data.cost_price),
    }


def _product(obj: m.Product) -> Product:
    return Product(
        id=obj.id,
        data=ProductData(
            code=obj.code,
            name=obj.name,
            unit_price=obj.unit_price,
            category=obj.category,
            unit=obj.unit,
            active=obj.active,
            notes=obj.notes,
            cost_price=obj.cost_price,
        ),
        version=obj.version,
    )
