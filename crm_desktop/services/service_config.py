"""The Service tab's settings: categories per ticket kind, response-time rules, business hours
and the automatic return visit. Shared by everyone working on the database."""

from __future__ import annotations

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.records import ChangeAction, RecordKind
from crm_desktop.domain.service import (
    MAX_DAYS_RETURN_VISIT,
    ServiceSettings,
    SlaRule,
    TicketKind,
    default_categories,
)
from crm_desktop.domain.validation import MAX_SHORT, clean_text
from crm_desktop.services.workspace import Workspace
from crm_desktop.services.writes import write

_SETTINGS_ID = 0  # the settings are one record: the Change names it 0


def service_settings(ws: Workspace) -> ServiceSettings:
    with ws.reading() as uow:
        return uow.service_config.settings()


def save_service_settings(ws: Workspace, s: ServiceSettings, origin: object = None) -> None:
    errors = {}
    if s.business_hours and (not s.work_days or s.work_end <= s.work_start):
        errors["business_hours"] = "Pick working days and a working day that ends after it starts."
    if not 0 <= s.return_visit_days <= MAX_DAYS_RETURN_VISIT:
        errors["return_visit_days"] = f"0 (none) to {MAX_DAYS_RETURN_VISIT} days."
    if errors:
        raise ValidationError(errors)
    s.hours()  # an unknown time zone is a ValidationError
    with write(ws, RecordKind.SERVICE_SETTINGS, ChangeAction.UPDATED, origin, [_SETTINGS_ID]) as w:
        w.uow.service_config.save_settings(s)


def categories(ws: Workspace, kind: TicketKind, language: str = "en") -> list[str]:
    """The categories offered for ``kind``: the configured list, or the defaults in
    ``language`` (complaints: product quality, delivery, billing, service attitude)."""
    with ws.reading() as uow:
        found = uow.service_config.categories(kind)
    return found if found is not None else list(default_categories(language, kind))


def save_categories(
    ws: Workspace, kind: TicketKind, names: list[str], origin: object = None
) -> list[str]:
    cleaned = list(dict.fromkeys(n for n in (clean_text(n) for n in names) if n))
    if any(len(n) > MAX_SHORT for n in cleaned):
        raise ValidationError({"categories": f"At most {MAX_SHORT} characters in a category."})
    with write(ws, RecordKind.SERVICE_SETTINGS, ChangeAction.UPDATED, origin, [_SETTINGS_ID]) as w:
        w.uow.service_config.set_categories(kind, cleaned)
    return cleaned


def sla_rules(ws: Workspace) -> tuple[SlaRule, ...]:
    """The response-time rules: the kind × priority grid and the channel rules (the defaults
    until a firm saves its own)."""
    with ws.reading() as uow:
        return uow.service_config.rules()


def save_sla_rules(ws: Workspace, rules: tuple[SlaRule, ...], origin: object = None) -> None:
    """Replace the rules; tickets opened (or re-prioritised) from now on follow them."""
    for number, r in enumerate(rules, start=1):
        if r.first_response < 0 or r.resolution < 0:
            raise ValidationError({f"rules.{number}": "Times are 0 (none) or more."})
        if r.channel is None and (r.kind is None or r.priority is None):
            raise ValidationError({f"rules.{number}": "Give a kind and priority, or a channel."})
        if r.channel is None and r.resolution <= 0:
            raise ValidationError(
                {f"rules.{number}": "Every kind and priority needs a resolution time."}
            )
        if r.channel is not None and not (r.first_response or r.resolution):
            raise ValidationError({f"rules.{number}": "A channel rule needs a time."})
    with write(ws, RecordKind.SERVICE_SETTINGS, ChangeAction.UPDATED, origin, [_SETTINGS_ID]) as w:
        w.uow.service_config.set_rules(rules)
