"""The one way services write: commit, then announce; an error announces nothing."""

from __future__ import annotations

import pytest

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.records import Change, ChangeAction, CompanyData, ListFilter, RecordKind
from crm_desktop.services import contacts as cs
from crm_desktop.services.workspace import Workspace
from crm_desktop.services.writes import write


def test_a_write_commits_then_publishes_what_it_touched(ws: Workspace) -> None:
    seen: list[tuple[Change, int]] = []
    # the listener runs after the commit: a fresh read already sees the row
    ws.events.subscribe(lambda c: seen.append((c, cs.count(ws, c.kind, ListFilter()))))
    origin = object()
    with write(ws, RecordKind.COMPANY, ChangeAction.CREATED, origin, ids=[]) as w:
        w.touched([w.uow.companies.add(CompanyData(name="Acme"))])
    assert [(c.kind, c.action, c.origin, n) for c, n in seen] == [
        (RecordKind.COMPANY, ChangeAction.CREATED, origin, 1)
    ]
    assert seen[0][0].ids == w.ids and len(w.ids) == 1


def test_a_failed_write_rolls_back_and_announces_nothing(ws: Workspace) -> None:
    seen: list[Change] = []
    ws.events.subscribe(seen.append)
    with (
        pytest.raises(ValidationError),
        write(ws, RecordKind.COMPANY, ChangeAction.CREATED, ids=[1]) as w,
    ):
        w.uow.companies.add(CompanyData(name="Acme"))
        raise ValidationError({"name": "no"})
    assert seen == [] and cs.count(ws, RecordKind.COMPANY, ListFilter()) == 0


def test_a_write_that_touched_nothing_announces_nothing(ws: Workspace) -> None:
    seen: list[Change] = []
    ws.events.subscribe(seen.append)
    assert cs.set_deleted(ws, RecordKind.COMPANY, [12345], True) == []
    assert seen == []
