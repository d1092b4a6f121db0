"""Use cases of the Pipeline tab: stages, leads and their conversion, deals on the board,
the weighted forecast and the funnel."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.pipeline import (
    BoardColumn,
    BoardFilter,
    ConversionResult,
    ForecastRow,
    FunnelRow,
    Lead,
    LeadData,
    LeadStatus,
    Opportunity,
    OpportunityData,
    Outcome,
    Stage,
    StageData,
    StageStay,
)
from crm_desktop.domain.records import Change, ChangeAction, CompanyData, ContactData, RecordKind
from crm_desktop.domain.validation import clean_text, validate_lead, validate_opportunity
from crm_desktop.reports import pipeline as pipeline_reports
from crm_desktop.services.contacts import clean_company, clean_contact
from crm_desktop.services.workspace import Workspace, seed_defaults
from crm_desktop.services.writes import write

if TYPE_CHECKING:
    from crm_desktop.db.unit_of_work import UnitOfWork

MAX_STAGE_NAME = 100  # the columns' sizes
MAX_LOST_REASON = 200
# Won and lost deals stay on the board this long, then only the list shows them.
CLOSED_DAYS_ON_BOARD = 30


def ensure_stages(ws: Workspace, language: str = "en") -> list[Stage]:
    """The stages, after seeding the defaults in ``language`` on a database that has none.

    For a workspace opened without a language (tests, scripts): the window and the CLI have
    ``open_workspace`` seed them, and read with ``stages``, which never writes."""
    if seed_defaults(ws.database, language):
        found = stages(ws)
        ws.events.publish(
            Change(RecordKind.STAGE, tuple(s.id for s in found), ChangeAction.CREATED)
        )
        return found
    return stages(ws)


def stages(ws: Workspace) -> list[Stage]:
    """The live stages in the board's order: a pure read (an empty list on a database whose
    defaults were not seeded)."""
    with ws.reading() as uow:
        return uow.stages.all()


def lost_reasons(ws: Workspace) -> list[str]:
    with ws.reading() as uow:
        return uow.stages.lost_reasons()


def save_stages(
    ws: Workspace,
    stages: list[tuple[int | None, int, StageData]],
    lost_reasons: list[str] | None = None,
    origin: object = None,
) -> list[Stage]:
    """Apply the stage editor: ``(id or None for a new one, version, data)`` in the new order.
    Stages left out are retired (refused while deals sit in them). One transaction."""
    errors: dict[str, str] = {}
    for number, (_, _, data) in enumerate(stages, start=1):
        if not data.name.strip():
            errors[f"stages.{number}"] = f"Stage {number} needs a name."
        elif len(clean_text(data.name)) > MAX_STAGE_NAME:
            errors[f"stages.{number}"] = (
                f"Stage {number}: at most {MAX_STAGE_NAME} characters in a name."
            )
        elif not 0 <= data.probability <= 100:
            errors[f"stages.{number}"] = f"Stage {number}: probability is 0 to 100."
    for reason in lost_reasons or ():
        if len(clean_text(reason)) > MAX_LOST_REASON:
            errors["lost_reasons"] = f"A reason has at most {MAX_LOST_REASON} characters."
    names = [clean_text(d.name).casefold() for _, _, d in stages]
    if len(set(names)) != len(names):
        errors["stages"] = "Two stages have the same name."
    if not any(d.outcome is Outcome.OPEN for _, _, d in stages):
        errors["stages"] = "Keep at least one open stage."
    if errors:
        raise ValidationError(errors)
    with write(ws, RecordKind.STAGE, ChangeAction.UPDATED, origin) as w:
        uow = w.uow
        uow.stages.lock()
        kept: list[int] = []
        for stage_id, version, data in stages:
            data = replace(data, name=clean_text(data.name))
            if stage_id is None:
                kept.append(uow.stages.add(data))
            else:
                uow.stages.update(stage_id, version, data)
                kept.append(stage_id)
        for old in uow.stages.all():
            if old.id not in kept:
                uow.stages.remove(old.id)
        uow.stages.reorder(kept)
        if lost_reasons is not None:
            uow.stages.set_lost_reasons([clean_text(r) for r in lost_reasons])
        w.touched(kept)
        result = uow.stages.all()
    return result


# -- leads ---------------------------------------------------------------------------------
def clean_lead(data: LeadData) -> LeadData:
    return replace(
        data,
        name=clean_text(data.name),
        company_name=clean_text(data.company_name),
        title=clean_text(data.title),
        mobile=clean_text(data.mobile),
        phone=clean_text(data.phone),
        email=clean_text(data.email).lower(),
        city=clean_text(data.city),
        source=clean_text(data.source),
        notes=data.notes.strip(),
    )


def create_lead(ws: Workspace, data: LeadData, origin: object = None) -> Lead:
    data = clean_lead(data)
    validate_lead(data, ws.phone_region)
    with write(ws, RecordKind.LEAD, ChangeAction.CREATED, origin) as w:
        lead_id = w.uow.leads.add(data)
        w.touched([lead_id])
        lead = w.uow.leads.get(lead_id)
    return lead


def update_lead(
    ws: Workspace, lead_id: int, version: int, data: LeadData, origin: object = None
) -> Lead:
    data = clean_lead(data)
    validate_lead(data, ws.phone_region)
    with write(ws, RecordKind.LEAD, ChangeAction.UPDATED, origin, ids=[lead_id]) as w:
        w.uow.leads.update(lead_id, version, data)
        lead = w.uow.leads.get(lead_id)
    return lead


def get_lead(ws: Workspace, lead_id: int) -> Lead:
    with ws.reading() as uow:
        return uow.leads.get(lead_id)


def leads(
    ws: Workspace,
    search: str = "",
    status: LeadStatus | None = None,
    owner_id: int | None = None,
) -> list[Lead]:
    """Leads still being worked (or, given a status, those with it), newest first."""
    with ws.reading() as uow:
        return uow.leads.find(search, status, owner_id)


def delete_leads(ws: Workspace, ids: list[int], origin: object = None) -> list[int]:
    with write(ws, RecordKind.LEAD, ChangeAction.DELETED, origin) as w:
        done = w.uow.leads.set_deleted(ids, True)
        w.touched(done)
    return done


def conversion_matches(
    ws: Workspace, lead_id: int
) -> tuple[list[tuple[int, str]], list[tuple[int, str, str | None]]]:
    """Existing companies (same name) and contacts (same e-mail or phone, or same name at that
    company) the lead already is: converting should reuse them, not make duplicates."""
    with ws.reading() as uow:
        companies, contacts, _ = _matches(uow, uow.leads.get(lead_id).data, None, ws.phone_region)
    return companies, contacts


def _matches(
    uow: UnitOfWork, d: LeadData, company_id: int | None, region: str
) -> tuple[list[tuple[int, str]], list[tuple[int, str, str | None]], int | None]:
    """The companies named as the lead's, its contacts (at ``company_id``, or at the one
    company of that name), and that company's id: what the dialog offers is what conversion
    reuses."""
    companies = uow.customers.companies_named(d.company_name) if d.company_name else []
    if company_id is None and len(companies) == 1:
        company_id = companies[0][0]
    contacts = uow.customers.contacts_like(d.name, d.email, [d.mobile, d.phone], company_id, region)
    return companies, contacts, company_id


def convert_lead(
    ws: Workspace,
    lead_id: int,
    version: int,
    *,
    company_id: int | None = None,
    contact_id: int | None = None,
    opportunity: OpportunityData | None = None,
    reuse_matches: bool = True,
    origin: object = None,
) -> ConversionResult:
    """Qualify a lead into a customer: the given company and contact (existing ones, found by
    ``conversion_matches``), or new ones made from the lead; and a deal when ``opportunity``
    is given. All in one transaction: a failure leaves the lead as it was.

    Without explicit ids (and unless ``reuse_matches`` is off: the user has chosen to create
    new ones), an existing company of the same name and an existing contact with the same
    e-mail or phone are reused rather than duplicated."""
    if opportunity is not None:
        opportunity = clean_opportunity(opportunity)
        validate_opportunity(opportunity)
    company_created = contact_created = False
    with write(ws, RecordKind.LEAD, ChangeAction.UPDATED, origin, ids=[lead_id]) as w:
        uow = w.uow
        # Matching inside the write transaction: a colleague's conversion of the same customer
        # a moment ago is seen, not duplicated.
        d = uow.leads.get(lead_id).data
        if d.status is LeadStatus.CONVERTED:
            raise ValidationError({"status": "This lead has already been converted."})
        contact_given = contact_id is not None
        if reuse_matches:
            _, contacts, company_id = _matches(uow, d, company_id, ws.phone_region)
            if contact_id is None and contacts:
                contact_id = contacts[0][0]
        existing = uow.contacts.get(contact_id) if contact_id is not None else None
        if (
            company_id is None
            and existing is not None
            and (
                (reuse_matches and contact_given)
                # a lead without a company name: the person's company is the only one it can
                # mean, even when the user picked the contact (else the deal had no customer)
                or not d.company_name
            )
        ):
            company_id = existing.data.company_id  # the person's company, not a new one
        if company_id is None and d.company_name:
            company_id = uow.companies.add(
                clean_company(
                    CompanyData(
                        name=d.company_name,
                        city=d.city,
                        source=d.source,
                        owner_id=d.owner_id,
                        phone=d.phone if not d.name else "",
                    )
                )
            )
            company_created = True
        elif company_id is not None:
            uow.companies.get(company_id)  # NotFoundError if a colleague deleted it meanwhile
        if contact_id is None:
            contact_id = uow.contacts.add(
                clean_contact(
                    ContactData(
                        name=d.name or d.company_name,
                        company_id=company_id,
                        title=d.title,
                        mobile=d.mobile,
                        phone=d.phone,
                        email=d.email,
                        city=d.city,
                        owner_id=d.owner_id,
                        notes=d.notes,
                    )
                )
            )
            contact_created = True
        opportunity_id = None
        if opportunity is not None:
            opportunity_id = uow.opportunities.add(
                replace(
                    opportunity,
                    company_id=company_id,
                    contact_id=contact_id,
                    source=opportunity.source or d.source,
                    owner_id=opportunity.owner_id or d.owner_id,
                ),
                lead_id=lead_id,
            )
        uow.leads.mark_converted(lead_id, version, company_id, contact_id)
    if company_created and company_id is not None:
        ws.events.publish(Change(RecordKind.COMPANY, (company_id,), ChangeAction.CREATED, origin))
    if contact_created:
        ws.events.publish(Change(RecordKind.CONTACT, (contact_id,), ChangeAction.CREATED, origin))
    if opportunity_id is not None:
        ws.events.publish(
            Change(RecordKind.OPPORTUNITY, (opportunity_id,), ChangeAction.CREATED, origin)
        )
    return ConversionResult(
        lead_id, company_id, contact_id, opportunity_id, company_created, contact_created
    )


# -- opportunities -------------------------------------------------------------------------
def clean_opportunity(data: OpportunityData) -> OpportunityData:
    return replace(
        data,
        title=clean_text(data.title),
        currency=clean_text(data.currency).upper() or "CNY",
        next_step=clean_text(data.next_step),
        source=clean_text(data.source),
        competitor=clean_text(data.competitor),
        lost_reason=clean_text(data.lost_reason),
        notes=data.notes.strip(),
    )


def create_opportunity(ws: Workspace, data: OpportunityData, origin: object = None) -> Opportunity:
    data = clean_opportunity(data)
    validate_opportunity(data)
    with write(ws, RecordKind.OPPORTUNITY, ChangeAction.CREATED, origin) as w:
        opportunity_id = w.uow.opportunities.add(data)
        w.touched([opportunity_id])
        result = w.uow.opportunities.get(opportunity_id)
    return result


def update_opportunity(
    ws: Workspace, opportunity_id: int, version: int, data: OpportunityData, origin: object = None
) -> Opportunity:
    data = clean_opportunity(data)
    validate_opportunity(data)
    with write(ws, RecordKind.OPPORTUNITY, ChangeAction.UPDATED, origin, ids=[opportunity_id]) as w:
        w.uow.opportunities.update(opportunity_id, version, data)
        result = w.uow.opportunities.get(opportunity_id)
    return result


def move_opportunity(
    ws: Workspace,
    opportunity_id: int,
    version: int,
    stage_id: int,
    lost_reason: str = "",
    origin: object = None,
) -> int:
    """Move a deal to a stage (drag on the board); returns the deal's new version.

    ConflictError if a colleague changed or moved it since the board was loaded."""
    lost_reason = clean_text(lost_reason)
    if len(lost_reason) > MAX_LOST_REASON:
        raise ValidationError(
            {"lost_reason": f"At most {MAX_LOST_REASON} characters (this has {len(lost_reason)})."}
        )
    with write(ws, RecordKind.OPPORTUNITY, ChangeAction.MOVED, origin, ids=[opportunity_id]) as w:
        new_version = w.uow.opportunities.move(opportunity_id, version, stage_id, lost_reason)
    return new_version


def get_opportunity(ws: Workspace, opportunity_id: int) -> Opportunity:
    with ws.reading() as uow:
        return uow.opportunities.get(opportunity_id)


def delete_opportunities(ws: Workspace, ids: list[int], origin: object = None) -> list[int]:
    with write(ws, RecordKind.OPPORTUNITY, ChangeAction.DELETED, origin) as w:
        done = w.uow.opportunities.set_deleted(ids, True)
        w.touched(done)
    return done


def stage_history(ws: Workspace, opportunity_id: int) -> list[StageStay]:
    with ws.reading() as uow:
        return uow.opportunities.history(opportunity_id)


def company_opportunities(ws: Workspace, company_id: int) -> list[Opportunity]:
    with ws.reading() as uow:
        return uow.opportunities.for_company(company_id)


def board(ws: Workspace, flt: BoardFilter, today: date) -> list[BoardColumn]:
    """A column per stage with its cards, count and sums (open deals, and deals closed in the
    last CLOSED_DAYS_ON_BOARD days)."""
    with ws.reading() as uow:
        stage_list = uow.stages.all()
        return uow.opportunities.board(
            flt, stage_list, today - timedelta(days=CLOSED_DAYS_ON_BOARD)
        )


def opportunity_list(
    ws: Workspace,
    flt: BoardFilter,
    outcome: Outcome | None = None,
    sort: str = "close_date",
    descending: bool = False,
) -> list[Opportunity]:
    with ws.reading() as uow:
        return uow.opportunities.find(flt, outcome, sort, descending)


# -- forecast and funnel -------------------------------------------------------------------
def forecast(ws: Workspace, by: str = "month", owner_id: int | None = None) -> list[ForecastRow]:
    """Expected revenue of open deals: Σ amount × probability, by close month (``by="month"``),
    by owner (``"owner"``) or both (``"month,owner"``)."""
    parts = {p.strip() for p in by.split(",") if p.strip()}
    unknown = parts - {"month", "owner"}
    if unknown or not parts:
        raise ValidationError({"by": "Group the forecast by month, owner, or both."})
    with ws.reading() as uow:
        return pipeline_reports.forecast(uow, "owner" in parts, "month" in parts, owner_id)


def funnel(ws: Workspace) -> list[FunnelRow]:
    """Per stage, in order: deals, Σ amount, Σ weighted amount."""
    with ws.reading() as uow:
        return pipeline_reports.funnel(uow)
