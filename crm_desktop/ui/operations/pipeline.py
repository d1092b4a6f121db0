"""Pipeline actions (deals, leads, stages): one factory per user action, each an ``Op``.

The caller adds ``.success/.failure`` and ``.run()``; ``parent`` is also the change's origin
(a view ignores the echo of its own action by it).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QWidget

from crm_desktop.domain.pipeline import LeadData, OpportunityData, StageData
from crm_desktop.services import pipeline as pipeline_service
from crm_desktop.services import sales as sales_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.operations import Op, write


def create_deal(parent: QWidget, ws: Workspace, data: OpportunityData) -> Op:
    return write(parent, lambda: pipeline_service.create_opportunity(ws, data, origin=parent))


def update_deal(
    parent: QWidget, ws: Workspace, deal_id: int, version: int, data: OpportunityData
) -> Op:
    return write(
        parent,
        lambda: pipeline_service.update_opportunity(ws, deal_id, version, data, origin=parent),
    )


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
        new_version = pipeline_service.move_opportunity(
            ws, deal_id, current, stage_id, lost_reason, origin=parent
        )
        versions[deal_id] = new_version
        return new_version

    return write(parent, move)


def delete_deals(parent: QWidget, ws: Workspace, ids: list[int]) -> Op:
    return write(parent, lambda: pipeline_service.delete_opportunities(ws, ids, origin=parent))


def order_from_deal(parent: QWidget, ws: Workspace, deal_id: int, today: date) -> Op:
    """The won deal's order (one line of its amount, due in 30 days); succeeds with it."""
    return write(
        parent,
        lambda: sales_service.order_from_opportunity(
            ws, deal_id, today, due_date=today + timedelta(days=30), origin=parent
        ),
    )


def create_lead(parent: QWidget, ws: Workspace, data: LeadData) -> Op:
    return write(parent, lambda: pipeline_service.create_lead(ws, data, origin=parent))


def update_lead(parent: QWidget, ws: Workspace, lead_id: int, version: int, data: LeadData) -> Op:
    return write(
        parent, lambda: pipeline_service.update_lead(ws, lead_id, version, data, origin=parent)
    )


def delete_leads(parent: QWidget, ws: Workspace, ids: list[int]) -> Op:
    return write(parent, lambda: pipeline_service.delete_leads(ws, ids, origin=parent))


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
    return write(
        parent,
        lambda: pipeline_service.convert_lead(
            ws,
            lead_id,
            version,
            company_id=company_id,
            contact_id=contact_id,
            opportunity=opportunity,
            reuse_matches=reuse_matches,
            origin=parent,
        ),
    )


def save_stages(
    parent: QWidget,
    ws: Workspace,
    stages: list[tuple[int | None, int, StageData]],
    lost_reasons: list[str],
) -> Op:
    return write(
        parent, lambda: pipeline_service.save_stages(ws, stages, lost_reasons, origin=parent)
    )
