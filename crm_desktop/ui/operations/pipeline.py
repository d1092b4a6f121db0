"""Pipeline actions (deals, leads, stages): one factory per user action, each an ``Op``.

The caller adds ``.success/.failure`` and ``.run()``; ``parent`` is also the change's origin
(a view ignores the echo of its own action by it).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QWidget

from crm_desktop.domain.pipeline import LeadData, OpportunityData, StageData
from crm_desktop.services import pipeline as p
from crm_desktop.services import sales as sales_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.operations import Op, service_write, write


def create_deal(parent: QWidget, ws: Workspace, data: OpportunityData) -> Op:
    return service_write(parent, p.create_opportunity, ws, data)


def update_deal(
    parent: QWidget, ws: Workspace, id_: int, version: int, data: OpportunityData
) -> Op:
    return service_write(parent, p.update_opportunity, ws, id_, version, data)


def move_deal(
    parent: QWidget,
    ws: Workspace,
    deal_id: int,
    version: int,
    stage_id: int,
    lost_reason: str = "",
    moved: dict[int, int] | None = None,
) -> Op:
    """Succeeds with the deal's new version. ``moved`` (deal id → version its last move
    saved) lets a second drag queued behind the first use the version that one made."""
    versions = {} if moved is None else moved

    def move() -> int:
        current = max(version, versions.get(deal_id, 0))
        new_version = p.move_opportunity(ws, deal_id, current, stage_id, lost_reason, origin=parent)
        versions[deal_id] = new_version
        return new_version

    return write(parent, move)


def delete_deals(parent: QWidget, ws: Workspace, ids: list[int]) -> Op:
    return service_write(parent, p.delete_opportunities, ws, ids)


def order_from_deal(parent: QWidget, ws: Workspace, deal_id: int, today: date) -> Op:
    """The won deal's order (one line of its amount, due in 30 days); succeeds with it."""
    due = today + timedelta(days=30)
    return service_write(
        parent, sales_service.order_from_opportunity, ws, deal_id, today, due_date=due
    )


def create_lead(parent: QWidget, ws: Workspace, data: LeadData) -> Op:
    return service_write(parent, p.create_lead, ws, data)


def update_lead(parent: QWidget, ws: Workspace, id_: int, version: int, data: LeadData) -> Op:
    return service_write(parent, p.update_lead, ws, id_, version, data)


def delete_leads(parent: QWidget, ws: Workspace, ids: list[int]) -> Op:
    return service_write(parent, p.delete_leads, ws, ids)


def convert_lead(
    parent: QWidget,
    ws: Workspace,
    lead_id: int,
    version: int,
    *,
    company_id: int | None,
    contact_id: int | None,
    opportunity: OpportunityData | None,
    reuse_matches: bool = True,
) -> Op:
    return service_write(
        parent,
        p.convert_lead,
        ws,
        lead_id,
        version,
        company_id=company_id,
        contact_id=contact_id,
        opportunity=opportunity,
        reuse_matches=reuse_matches,
    )


def save_stages(
    parent: QWidget,
    ws: Workspace,
    stages: list[tuple[int | None, int, StageData]],
    lost_reasons: list[str],
) -> Op:
    return service_write(parent, p.save_stages, ws, stages, lost_reasons)
