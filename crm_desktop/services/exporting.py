"""Export contacts (the current view: its search, filters and sort, or a selection) to a file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from crm_desktop.domain.columns import CONTACT_EXPORT_COLUMNS
from crm_desktop.domain.errors import Cancelled
from crm_desktop.domain.records import ListFilter
from crm_desktop.io.writing import TableWriter
from crm_desktop.services.workspace import Workspace

Progress = Callable[[int, int, str], None]
BATCH = 2000

# Column titles of an export, per language. The importer recognises both (and the plain keys).
# After the record's columns: its extra phones and e-mails, "; " between them.
EXTRA_COLUMNS = ("other_phones", "other_emails")
HEADERS: dict[str, dict[str, str]] = {
    "en": {
        "id": "ID",
        "name": "Name",
        "company": "Company",
        "title": "Title",
        "mobile": "Mobile",
        "phone": "Phone",
        "email": "E-mail",
        "im": "WeChat / IM",
        "city": "City",
        "address": "Address",
        "birthday": "Birthday",
        "owner": "Owner",
        "tags": "Tags",
        "notes": "Notes",
        "industry": "Industry",
        "region": "Region",
        "grade": "Grade",
        "updated_at": "Updated",
        "other_phones": "Other phones",
        "other_emails": "Other e-mails",
    },
    "zh_CN": {
        "id": "编号",
        "name": "姓名",
        "company": "公司名称",
        "title": "职务",
        "mobile": "手机",
        "phone": "电话",
        "email": "邮箱",
        "im": "微信",
        "city": "城市",
        "address": "地址",
        "birthday": "生日",
        "owner": "负责人",
        "tags": "标签",
        "notes": "备注",
        "industry": "行业",
        "region": "地区",
        "grade": "客户等级",
        "updated_at": "更新时间",
        "other_phones": "其他电话",
        "other_emails": "其他邮箱",
    },
}


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    rows: int


def export_contacts(
    ws: Workspace,
    path: Path,
    flt: ListFilter | None = None,
    ids: Sequence[int] | None = None,
    language: str = "en",
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    """Write the contacts the filter (and selection) shows to .xlsx or .csv, streamed in pages.

    The file appears only when complete; on Cancel (:class:`Cancelled`) or an error nothing
    is left behind."""
    flt = flt or ListFilter()
    report = progress or (lambda done, total, step: None)
    stop = cancelled or (lambda: False)
    titles = HEADERS.get(language, HEADERS["en"])
    with ws.reading() as uow:
        total = len(ids) if ids is not None else uow.contacts.count(flt)
    report(0, total, "export")
    cursor = None
    columns = (*CONTACT_EXPORT_COLUMNS, *EXTRA_COLUMNS)
    with TableWriter(path, [titles[c] for c in columns]) as out:
        while True:
            if stop():
                raise Cancelled()
            with ws.reading() as uow:  # one short read per page: writers are never held up
                page = uow.contacts.export_page(flt, cursor, BATCH, ids)
                extras = uow.contact_values.of(int(row[0]) for row in page.rows)
            for row in page.rows:
                pairs = extras.get(int(row[0]), ())
                others = [
                    "; ".join(v for k, v in pairs if k == kind) for kind in ("phone", "email")
                ]
                # The ID as text: Excel must not turn it into 1.2E+05 or a sum.
                out.write((str(row[0]), *row[1:], *others))
            report(out.rows, total, "export")
            cursor = page.cursor
            if not page.has_more:
                break
    return ExportResult(path, out.rows)
