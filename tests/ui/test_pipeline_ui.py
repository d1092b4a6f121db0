"""The Pipeline tab driven as a salesperson would: drag deals on the board, open and save a
deal, qualify a lead, edit the stages; with a colleague changing things on the same file."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox
from sqlalchemy import update

from crm_desktop.db import models as m
from crm_desktop.domain.pipeline import BoardFilter, LeadData, OpportunityData, Outcome, StageData
from crm_desktop.domain.records import CompanyData, ContactData
from crm_desktop.services import contacts as cs
from crm_desktop.services import pipeline as ps
from crm_desktop.services.workspace import seed_defaults
from crm_desktop.ui import operations
from crm_desktop.ui.pipeline.board import COLUMN_WIDTH, BoardView, StageColumn
from crm_desktop.ui.pipeline.deal_dialog import DealDialog
from crm_desktop.ui.pipeline.leads import ConvertLeadDialog, LeadDialog, LeadsView
from crm_desktop.ui.pipeline.stages_dialog import StagesDialog
from crm_desktop.ui.sales import order_dialog as _registers_the_order_dialog  # noqa: F401
from tests.ui.dialogs import answer_next_box


def _deals(ws):  # type: ignore[no-untyped-def]
    stages = ps.ensure_stages(ws, "en")
    acme = cs.create_company(ws, CompanyData(name="Acme Trading"))
    tea = cs.create_company(ws, CompanyData(name="西湖茶叶"))
    soon = date.today() + timedelta(days=10)
    erp = ps.create_opportunity(
        ws,
        OpportunityData(
            "ERP upgrade", stages[0].id, company_id=acme.id, amount=Decimal("120000"),
            close_date=soon, next_step="Send quote", next_step_date=date.today() - timedelta(days=2),
        ),
    )  # fmt: skip
    tea_deal = ps.create_opportunity(
        ws,
        OpportunityData("年度茶叶采购", stages[1].id, company_id=tea.id, amount=Decimal("8800.50")),
    )
    return stages, erp, tea_deal


def _board(qtbot, make_window) -> BoardView:  # type: ignore[no-untyped-def]
    window = make_window()
    window.tabs.setCurrentWidget(window.pipeline)
    board = window.pipeline.deals.board
    qtbot.waitUntil(lambda: board.card_count() > 0)
    # Laid out side by side (a drag is aimed at where the columns are on screen).
    qtbot.waitUntil(
        lambda: (
            all(c.view.viewport().width() < COLUMN_WIDTH for c in board.columns)
            and board.columns[1].x() >= COLUMN_WIDTH
        )
    )
    return board


def _drag(qtbot, board: BoardView, card_id: int, target: StageColumn) -> None:  # type: ignore[no-untyped-def]
    source = board.column_of_card(card_id)
    assert source is not None
    view = source.view
    rect = view.visualRect(source.model.index(source.model.row_of(card_id)))
    start = rect.center()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in (QPoint(10, 5), QPoint(30, 10)):
        qtbot.mouseMove(view.viewport(), start + step)
    # Over the target column: positions given in the target's viewport.
    goal = target.view.viewport().rect().center()
    qtbot.mouseMove(target.view.viewport(), goal)
    qtbot.mouseRelease(target.view.viewport(), Qt.MouseButton.LeftButton, pos=goal)


def test_board_shows_a_column_per_stage_with_counts_sums_and_overdue_steps(
    qtbot, ws, make_window
) -> None:
    stages, erp, _ = _deals(ws)
    board = _board(qtbot, make_window)
    assert [c.stage.name for c in board.columns] == [s.name for s in stages]
    first = board.columns[0]
    assert "(1)" in first.title.text()
    assert first.model.totals()[1] == Decimal("120000.00")
    card = first.model.cards[0]
    assert card.id == erp.id and card.next_step_overdue(date.today())
    tip = first.model.data(first.model.index(0), Qt.ItemDataRole.ToolTipRole)
    assert "Send quote" in tip and "Acme Trading" in tip


def test_dragging_a_card_moves_the_deal_and_records_its_path(qtbot, ws, make_window) -> None:
    stages, erp, _ = _deals(ws)
    board = _board(qtbot, make_window)
    proposal = board.column_of_stage(stages[2].id)
    assert proposal is not None
    _drag(qtbot, board, erp.id, proposal)
    assert board.column_of_card(erp.id) is proposal  # shown at once
    qtbot.waitUntil(lambda: ps.get_opportunity(ws, erp.id).data.stage_id == stages[2].id)
    saved = ps.get_opportunity(ws, erp.id)
    assert saved.probability == stages[2].probability
    assert [s.stage_name for s in ps.stage_history(ws, erp.id)] == ["Prospect", "Proposal"]
    assert "(1)" in proposal.title.text()
    # The card knows its new version: a second drag is not taken for a conflict.
    qtbot.waitUntil(lambda: board.card(erp.id).version == saved.version)  # type: ignore[union-attr]
    negotiation = board.column_of_stage(stages[3].id)
    assert negotiation is not None
    _drag(qtbot, board, erp.id, negotiation)
    qtbot.waitUntil(lambda: ps.get_opportunity(ws, erp.id).data.stage_id == stages[3].id)


def test_a_card_dragged_again_before_its_save_came_back_is_no_conflict(
    qtbot, ws, make_window, monkeypatch
) -> None:
    """Two quick drags: the second used the version the card had before the first save, and
    the user was told a colleague (themselves) had changed the deal; the move was lost."""
    stages, erp, _ = _deals(ws)
    board = _board(qtbot, make_window)
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text: warnings.append(text))
    )
    _drag(qtbot, board, erp.id, board.column_of_stage(stages[2].id))  # type: ignore[arg-type]
    _drag(qtbot, board, erp.id, board.column_of_stage(stages[3].id))  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: ps.get_opportunity(ws, erp.id).data.stage_id == stages[3].id)
    qtbot.waitUntil(lambda: operations.running_ops() == 0)
    assert warnings == []
    path = [s.stage_name for s in ps.stage_history(ws, erp.id)]
    assert path == ["Prospect", "Proposal", "Negotiation"]
    assert board.column_of_card(erp.id) is board.column_of_stage(stages[3].id)


def test_a_double_click_or_enter_opens_a_deal_once(qtbot, ws, make_window, monkeypatch) -> None:
    """doubleClicked and activated were both connected: a double-click opened the deal, and
    when that dialog was closed, opened it again."""
    _, erp, _ = _deals(ws)
    board = _board(qtbot, make_window)
    opened: list[int] = []
    monkeypatch.setattr(DealDialog, "exec", lambda self: opened.append(self.deal_id))
    column = board.column_of_card(erp.id)
    assert column is not None
    pos = column.view.visualRect(column.model.index(column.model.row_of(erp.id))).center()
    qtbot.mouseClick(column.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(column.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert opened == [erp.id]
    qtbot.keyClick(column.view, Qt.Key.Key_Return)
    assert opened == [erp.id, erp.id]
    # The list view of the same deals: Enter opens the current row.
    deals = board.parent()
    while deals is not None and not hasattr(deals, "list_button"):
        deals = deals.parent()
    assert deals is not None
    qtbot.mouseClick(deals.list_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: deals.table_model.rowCount() == 2)
    deals.table.setFocus()
    deals.table.setCurrentIndex(deals.table_model.index(0, 0))
    first = deals.table_model.rows[0].id
    qtbot.keyClick(deals.table, Qt.Key.Key_Return)
    assert opened[-1] == first and len(opened) == 3


def test_leads_list_opens_with_enter_and_deletes_with_the_delete_key(
    qtbot, ws, monkeypatch
) -> None:
    lead = ps.create_lead(ws, LeadData(name="李雷", mobile="13800138000"))
    view = LeadsView(ws)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    opened: list[int] = []
    monkeypatch.setattr(LeadDialog, "exec", lambda self: opened.append(self.lead.id))
    view.table.setFocus()
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: opened == [lead.id])  # read as it is now, then opened
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert ps.leads(ws) == []


def test_converting_a_name_and_phone_lead_to_a_known_contact_keeps_its_company(qtbot, ws) -> None:
    ps.ensure_stages(ws, "en")
    acme = cs.create_company(ws, CompanyData(name="杭州科技"))
    person = cs.create_contact(
        ws, ContactData(name="张伟", company_id=acme.id, mobile="13812345678")
    )
    lead = ps.create_lead(ws, LeadData(name="张伟", mobile="13812345678"))
    dialog = ConvertLeadDialog(ws, lead)
    qtbot.addWidget(dialog)
    use = dialog.findChild(object, f"use_contact_{person.id}")
    assert use is not None and use.isChecked()  # the match, offered first
    dialog.convert()
    _settled(qtbot)
    result = dialog.result_
    assert result is not None and result.opportunity_id is not None
    assert result.contact_id == person.id and result.company_id == acme.id
    assert ps.get_opportunity(ws, result.opportunity_id).company_name == "杭州科技"


def test_dropping_on_lost_asks_why(qtbot, ws, make_window, monkeypatch) -> None:
    stages, erp, _ = _deals(ws)
    asked: list[str] = []

    def pick(parent, title, label, items, current, editable):  # type: ignore[no-untyped-def]
        asked.append(label)
        return "Price", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(pick))
    board = _board(qtbot, make_window)
    lost = board.column_of_stage(stages[5].id)
    assert lost is not None and lost.stage.outcome is Outcome.LOST
    _drag(qtbot, board, erp.id, lost)
    qtbot.waitUntil(lambda: ps.get_opportunity(ws, erp.id).outcome is Outcome.LOST)
    deal = ps.get_opportunity(ws, erp.id)
    assert deal.data.lost_reason == "Price" and deal.closed_at is not None
    assert asked and "ERP upgrade" in asked[0]


def test_a_colleague_moved_the_same_deal_first(
    qtbot, ws, colleague, make_window, monkeypatch
) -> None:
    stages, erp, _ = _deals(ws)
    board = _board(qtbot, make_window)
    # The colleague, on the shared file, moves the deal after this board was loaded.
    ps.move_opportunity(colleague, erp.id, erp.version, stages[1].id)
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text: warnings.append(text))
    )
    proposal = board.column_of_stage(stages[2].id)
    assert proposal is not None
    _drag(qtbot, board, erp.id, proposal)
    qtbot.waitUntil(lambda: bool(warnings))
    assert "Colleague" in warnings[0]
    # Nothing of ours was written, and the board puts the card where the colleague left it.
    assert ps.get_opportunity(ws, erp.id).data.stage_id == stages[1].id
    qualified = board.column_of_stage(stages[1].id)
    qtbot.waitUntil(lambda: board.column_of_card(erp.id) is qualified)


def test_search_and_owner_filter_the_board(qtbot, ws, colleague, make_window) -> None:
    stages, _, tea_deal = _deals(ws)
    theirs = ps.create_opportunity(colleague, OpportunityData("Their deal", stages[0].id))
    board = _board(qtbot, make_window)
    qtbot.waitUntil(lambda: board.card_count() == 3)
    deals = board.parent()
    while deals is not None and not hasattr(deals, "search"):
        deals = deals.parent()
    assert deals is not None
    qtbot.keyClicks(deals.search, "xihu")  # pinyin of 西湖
    qtbot.waitUntil(lambda: board.card_count() == 1)
    assert board.card(tea_deal.id) is not None
    deals.search.clear()
    qtbot.waitUntil(lambda: board.card_count() == 3)
    qtbot.waitUntil(lambda: deals.owner.is_loaded)  # the users come in the background
    deals.owner.setCurrentIndex(deals.owner.findData(colleague.user.id))
    qtbot.waitUntil(lambda: board.card_count() == 1)
    assert board.card(theirs.id) is not None


def test_new_deal_dialog_saves_exact_amounts_and_shows_on_the_board(qtbot, ws, make_window) -> None:
    stages, _, _ = _deals(ws)
    board = _board(qtbot, make_window)
    dialog = DealDialog(ws, None, board)
    qtbot.addWidget(dialog)
    form = dialog.form
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    assert not save.isEnabled()  # no title yet
    qtbot.keyClicks(form.title, "Warehouse scanners")
    qtbot.keyClicks(form.amount, "12,345.6x")
    assert not save.isEnabled() and form.error.text()
    form.amount.clear()
    qtbot.keyClicks(form.amount, "12,345.60")
    form.stage.setCurrentIndex(form.stage.findData(stages[3].id))
    assert form.probability.value() == stages[3].probability  # follows the stage
    assert save.isEnabled()
    save.click()
    _settled(qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted
    created = dialog.saved
    assert created is not None and created.data.amount == Decimal("12345.60")
    column = board.column_of_stage(stages[3].id)
    qtbot.waitUntil(lambda: column is not None and column.model.row_of(created.id) >= 0)


def test_deal_dialog_conflict_says_who_and_reloads(
    qtbot, ws, colleague, make_window, monkeypatch
) -> None:
    _, erp, _ = _deals(ws)
    dialog = _opened(qtbot, ws, erp.id)
    current = ps.get_opportunity(colleague, erp.id)
    ps.update_opportunity(
        colleague, erp.id, current.version,
        OpportunityData(**{**_fields(current.data), "amount": Decimal("99")}),
    )  # fmt: skip
    warnings: list[str] = []
    answer_next_box("Reload", warnings)
    dialog.form.title.setText("ERP upgrade phase 2")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.form.amount.text() == "99.00")  # reloaded: as in the file
    assert warnings and "Colleague" in warnings[0]
    assert ps.get_opportunity(ws, erp.id).data.amount == Decimal("99.00")
    assert dialog.form.title.text() == "ERP upgrade"
    assert "Colleague" in dialog.form.error.text()


def _opened(qtbot, ws, deal_id: int, parent=None) -> DealDialog:  # type: ignore[no-untyped-def]
    """A deal's dialog once it has read the deal (in the background)."""
    dialog = DealDialog(ws, deal_id, parent)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.deal is not None and not dialog.loading)
    return dialog


def _settled(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Wait for the saves started to come back (they run in the background)."""
    qtbot.waitUntil(lambda: operations.running_ops() == 0)


def _fields(data: OpportunityData) -> dict[str, object]:
    return {f: getattr(data, f) for f in OpportunityData.__dataclass_fields__}


def test_converting_a_lead_reuses_the_company_already_there(qtbot, ws) -> None:
    ps.ensure_stages(ws, "en")
    existing = cs.create_company(ws, CompanyData(name="杭州西湖科技有限公司"))
    lead = ps.create_lead(
        ws, LeadData(name="李雷", company_name="杭州西湖科技 有限公司", mobile="13800138000")
    )
    dialog = ConvertLeadDialog(ws, lead)
    qtbot.addWidget(dialog)
    use = dialog.findChild(object, f"use_company_{existing.id}")
    assert use is not None and use.isChecked()
    qtbot.keyClicks(dialog.deal_amount, "50000")
    dialog.convert()
    _settled(qtbot)
    result = dialog.result_
    assert result is not None
    assert result.company_id == existing.id and not result.company_created
    assert result.contact_created and result.opportunity_id is not None
    deal = ps.get_opportunity(ws, result.opportunity_id)
    assert deal.data.amount == Decimal("50000.00") and deal.company_name == "杭州西湖科技有限公司"
    assert ps.get_lead(ws, lead.id).opportunity_id == result.opportunity_id


def test_stage_editor_renames_and_refuses_to_drop_a_stage_with_deals(qtbot, ws) -> None:
    _, erp, _ = _deals(ws)
    dialog = StagesDialog(ws)
    qtbot.addWidget(dialog)
    dialog.table.item(0, 0).setText("Lead-in")
    dialog.table.setCurrentCell(0, 0)
    dialog._remove_row()  # the first stage still holds the ERP deal
    dialog.save()
    _settled(qtbot)
    assert "Prospect" in dialog.error.text()
    assert ps.stages(ws)[0].name == "Prospect"  # nothing saved
    dialog = StagesDialog(ws)
    qtbot.addWidget(dialog)
    dialog.table.item(0, 0).setText("Lead-in")
    dialog.save()
    _settled(qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ps.stages(ws)[0].name == "Lead-in"
    assert ps.get_opportunity(ws, erp.id).stage_name == "Lead-in"


@pytest.mark.parametrize("language", ["zh_CN"], indirect=True)
def test_board_in_chinese_uses_chinese_stage_names(qtbot, ws, language, make_window) -> None:
    seed_defaults(ws.database, language)  # as the app opens a workspace: in the window's language
    board_window = make_window()
    board_window.tabs.setCurrentWidget(board_window.pipeline)
    board = board_window.pipeline.deals.board
    qtbot.waitUntil(lambda: len(board.columns) == 6)
    assert [c.stage.name for c in board.columns][:2] == ["初步接洽", "需求确认"]
    assert board_window.pipeline.views.tabText(0) == "商机"


def test_a_customers_deals_show_on_its_record(qtbot, ws, make_window) -> None:
    _, erp, _ = _deals(ws)
    window = make_window()
    tab = window.contacts
    tab.set_view(1)  # companies
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    row = next(r for r in range(2) if tab.model.index(r, 0).data() == "Acme Trading")
    tab.table.selectRow(row)
    deals = tab.detail.deals
    qtbot.waitUntil(lambda: deals.count() == 1)
    assert deals.tree.topLevelItem(0).text(0) == "ERP upgrade"
    assert tab.detail.tabs.tabText(3) == "Deals (1)"
    # A deal saved elsewhere (the board, a colleague's window) shows up here too.
    ps.create_opportunity(
        ws, OpportunityData("Spare parts", erp.data.stage_id, company_id=erp.data.company_id)
    )
    qtbot.waitUntil(lambda: deals.count() == 2)


def test_refresh_shows_what_a_colleague_saved_to_the_shared_file(
    qtbot, ws, colleague, make_window
) -> None:
    stages, _, _ = _deals(ws)
    window = make_window()
    window.tabs.setCurrentWidget(window.pipeline)
    board = window.pipeline.deals.board
    qtbot.waitUntil(lambda: board.card_count() == 2)
    theirs = ps.create_opportunity(colleague, OpportunityData("From the colleague", stages[0].id))
    window.refresh_action.trigger()
    qtbot.waitUntil(lambda: board.card(theirs.id) is not None)


def test_an_activity_logged_on_a_deal_shows_on_the_customers_timeline(qtbot, ws) -> None:
    from crm_desktop.services import timeline as ts

    _, erp, _ = _deals(ws)
    dialog = _opened(qtbot, ws, erp.id)
    logging = dialog.log_activity()
    assert logging is not None
    qtbot.keyClicks(logging.subject, "Called about the quote")
    logging.save()
    qtbot.waitUntil(lambda: dialog.activities.rowCount() == 1)
    history = ts.timeline(ws, company_id=erp.data.company_id)
    assert [(a.data.subject, a.deal_title) for a in history] == [
        ("Called about the quote", "ERP upgrade")
    ]


def test_a_follow_up_on_a_deal_lands_in_my_tasks_and_on_the_customer(qtbot, ws) -> None:
    from crm_desktop.services import timeline as ts

    _, erp, _ = _deals(ws)
    dialog = _opened(qtbot, ws, erp.id)
    adding = dialog.add_follow_up()
    assert adding is not None
    qtbot.keyClicks(adding.title, "Send the revised quote")
    adding.due.setDate(adding.due.date().addDays(-2))  # already overdue
    adding.save()
    qtbot.waitUntil(lambda: dialog.follow_ups.rowCount() == 1)
    assert dialog.follow_ups.item(0, 1).text() == "Send the revised quote"
    mine = ts.my_tasks(ws, date.today())
    assert [t.data.title for t in mine] == ["Send the revised quote"]
    assert mine[0].data.opportunity_id == erp.id
    on_company = ts.open_tasks(ws, company_id=erp.data.company_id)
    assert [t.data.title for t in on_company] == ["Send the revised quote"]


def test_a_customers_debt_in_receivables_opens_its_unpaid_orders(qtbot, ws, make_window) -> None:
    window = make_window()
    window.tabs.setCurrentWidget(window.pipeline)
    pipeline = window.pipeline
    pipeline.views.setCurrentWidget(pipeline.receivables)
    pipeline.receivables.openCustomerOrders.emit(7, "Acme Trading")
    assert pipeline.views.currentWidget() is pipeline.orders


def test_a_won_deal_becomes_its_customers_order(qtbot, ws) -> None:
    from crm_desktop.services import sales

    stages, erp, _ = _deals(ws)
    won = next(s for s in stages if s.outcome is Outcome.WON)
    ps.move_opportunity(ws, erp.id, erp.version, won.id)
    dialog = _opened(qtbot, ws, erp.id)
    assert not dialog.order_button.isHidden()
    assert dialog.open_order() is None  # made in the background, then opened
    qtbot.waitUntil(lambda: dialog.order_dialog is not None)
    order_dialog = dialog.order_dialog
    orders = sales.orders_of_opportunity(ws, erp.id)
    assert len(orders) == 1
    order = sales.get_order(ws, orders[0])
    assert order.total == Decimal("120000.00") and order.company_name == "Acme Trading"
    assert order.data.opportunity_id == erp.id
    order_dialog.close()
    # Asked again, it opens the same order rather than making a second one.
    again = dialog.open_order()
    assert again is not None and sales.orders_of_opportunity(ws, erp.id) == orders
    again.close()


def test_an_open_deal_offers_no_order(qtbot, ws) -> None:
    _, erp, _ = _deals(ws)
    dialog = _opened(qtbot, ws, erp.id)
    assert dialog.order_button.isHidden()


def test_deleting_a_deal_from_its_dialog_takes_it_off_the_board(
    qtbot, ws, make_window, monkeypatch
) -> None:
    _, erp, _ = _deals(ws)
    board = _board(qtbot, make_window)
    dialog = _opened(qtbot, ws, erp.id, board)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    assert dialog.delete()
    qtbot.waitUntil(lambda: board.card(erp.id) is None)
    assert all(d.id != erp.id for d in ps.opportunity_list(ws, BoardFilter()))


def test_a_deal_in_a_retired_stage_keeps_it_when_saved(qtbot, ws) -> None:
    stages, erp, _ = _deals(ws)
    extra = [(s.id, s.version, StageData(s.name, s.probability, s.outcome)) for s in stages]
    extra.insert(1, (None, 1, StageData("Old step", 30, Outcome.OPEN)))
    ps.save_stages(ws, extra)
    old = next(s for s in ps.stages(ws) if s.name == "Old step")
    ps.move_opportunity(ws, erp.id, erp.version, old.id)
    # The stage is retired behind the deal's back (as a colleague's older app version could).
    with ws.writing() as uow:
        uow.session.execute(
            update(m.Stage).where(m.Stage.id == old.id).values(deleted_at=m.utcnow())
        )
        uow.commit()
    dialog = _opened(qtbot, ws, erp.id)
    assert dialog.form.stage.currentText() == "Old step"
    dialog.form.next_step.setText("Call back")
    dialog.save()
    _settled(qtbot)
    saved = ps.get_opportunity(ws, erp.id)
    assert saved.data.stage_id == old.id and saved.data.next_step == "Call back"


def test_lead_dialog_after_a_colleagues_save_shows_theirs_and_saves_over_it(
    qtbot, ws, colleague
) -> None:
    from crm_desktop.ui.pipeline.leads import LeadDialog

    lead = ps.create_lead(ws, LeadData(name="李雷", company_name="西湖茶叶"))
    dialog = LeadDialog(ws, lead)
    qtbot.addWidget(dialog)
    ps.update_lead(
        colleague,
        lead.id,
        lead.version,
        LeadData(name="李雷", company_name="西湖茶叶", city="杭州"),
    )
    dialog.fields["title"].setText("经理")
    seen: list[str] = []
    answer_next_box("Reload", seen)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.fields["city"].text() == "杭州")  # what the colleague saved
    assert "Colleague" in seen[0] and "Colleague" in dialog.error.text()
    dialog.fields["title"].setText("经理")
    dialog.save()
    _settled(qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = ps.get_lead(ws, lead.id).data
    assert (saved.title, saved.city) == ("经理", "杭州")


def test_what_was_logged_with_a_lead_joins_the_customers_history(qtbot, ws) -> None:
    from crm_desktop.services import timeline as ts
    from crm_desktop.ui.pipeline.leads import LeadsView

    ps.ensure_stages(ws, "en")
    lead = ps.create_lead(ws, LeadData(name="李雷", company_name="西湖茶叶", mobile="13800138000"))
    view = LeadsView(ws)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.selectRow(0)
    logging = view.log_activity()
    assert logging is not None
    qtbot.keyClicks(logging.subject, "Asked for a price list")
    logging.save()  # in the background: wait for it
    qtbot.waitUntil(lambda: len(ts.timeline(ws, lead_id=lead.id)) == 1)
    assert [a.data.subject for a in ts.timeline(ws, lead_id=lead.id)] == ["Asked for a price list"]
    result = ps.convert_lead(ws, lead.id, ps.get_lead(ws, lead.id).version)
    history = ts.timeline(ws, company_id=result.company_id)
    assert [a.data.subject for a in history] == ["Asked for a price list"]


def test_a_column_with_yuan_and_dollar_deals_does_not_add_them_up(qtbot, ws, make_window) -> None:
    stages, _, _ = _deals(ws)  # ERP upgrade: ¥120,000 in the first stage
    ps.create_opportunity(
        ws, OpportunityData("Export order", stages[0].id, amount=Decimal("5000"), currency="USD")
    )
    board = _board(qtbot, make_window)
    first = board.columns[0]
    qtbot.waitUntil(lambda: len(first.model.cards) == 2)
    assert first.model.totals_by_currency() == {
        "CNY": (Decimal("120000.00"), Decimal("12000.00")),
        "USD": (Decimal("5000.00"), Decimal("500.00")),
    }
    assert "¥" in first.sums.text() and "$" in first.sums.text()
    assert "125" not in first.sums.text()  # 120k yuan + 5k dollars is no sum at all
