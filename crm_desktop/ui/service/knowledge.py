"""The knowledge base: articles (title, body, category, tags, language) found with the same
search as contacts; their editor; and the picker a ticket's reply takes an article from."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.records import RecordKind
from crm_desktop.domain.service import MAX_SUBJECT, Article, ArticleData
from crm_desktop.services import knowledge
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.changes import ChangeFollower
from crm_desktop.ui.errors import local_time
from crm_desktop.ui.operations import Op
from crm_desktop.ui.operations import service as service_ops
from crm_desktop.ui.widgets.form_dialog import FormDialog
from crm_desktop.ui.widgets.list_view import RowsTable
from crm_desktop.ui.widgets.palette import MUTED
from crm_desktop.ui.widgets.rows_model import Column
from crm_desktop.ui.widgets.search_box import SearchBox


def _language_names() -> dict[str, str]:
    return {
        "en": QCoreApplication.translate("ArticleList", "English"),
        "zh_CN": QCoreApplication.translate("ArticleList", "Chinese"),
    }


def article_html(article: Article | None) -> str:
    if article is None:
        return ""
    d = article.data
    meta = " · ".join(x for x in (d.category, ", ".join(d.tags)) if x)
    body = html.escape(d.body).replace("\n", "<br>")
    return (
        f"<h3>{html.escape(d.title)}</h3>"
        f"<p style='color:{MUTED.name()}'>{html.escape(meta)}</p><p>{body}</p>"
    )


class ArticleDialog(FormDialog):
    """A new article, or an existing one to edit (over its version: a colleague's change in
    between is a conflict, shown)."""

    def __init__(
        self, ws: Workspace, article: Article | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, error_name="article_error")
        self.setObjectName("article_dialog")
        self.ws = ws
        self.article = article
        self.saved: Article | None = None
        self.setWindowTitle(self.tr("Edit article") if article else self.tr("New article"))
        self.resize(640, 520)
        self.title = QLineEdit()
        self.title.setObjectName("article_title")
        self.title.setMaxLength(MAX_SUBJECT)
        self.category = QLineEdit()
        self.category.setObjectName("article_category")
        self.tags = QLineEdit()
        self.tags.setObjectName("article_tags")
        self.tags.setPlaceholderText(self.tr("Separated by commas"))
        self.language = QComboBox()
        self.language.setObjectName("article_language")
        for code, name in _language_names().items():
            self.language.addItem(name, code)
        self.body = QPlainTextEdit()
        self.body.setObjectName("article_body")
        self.body.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Tags"), self.tags)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Text"), self.body)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        self.add_footer(layout)
        self.title.textChanged.connect(self._validate)
        if article is not None:
            self._fill(article)
        else:
            zh = QLocale().language() == QLocale.Language.Chinese  # the window's language
            self.language.setCurrentIndex(self.language.findData("zh_CN" if zh else "en"))
        self._validate()

    def _fill(self, article: Article) -> None:
        d = article.data
        self.title.setText(d.title)
        self.category.setText(d.category)
        self.tags.setText(", ".join(d.tags))
        self.language.setCurrentIndex(max(self.language.findData(d.language), 0))
        self.body.setPlainText(d.body)

    def _validate(self) -> None:
        ok = bool(self.title.text().strip())
        self.error.setText("" if ok else self.tr("An article needs a title."))
        self.set_valid(ok)

    def data(self) -> ArticleData:
        tags = tuple(t.strip() for t in self.tags.text().replace("，", ",").split(",") if t.strip())
        return ArticleData(
            title=self.title.text(),
            body=self.body.toPlainText(),
            category=self.category.text(),
            tags=tags,
            language=self.language.currentData(),
        )

    def save_op(self) -> Op:
        if self.article is None:
            return service_ops.add_article(self, self.ws, self.data())
        a = self.article
        return service_ops.update_article(self, self.ws, a.id, a.version, self.data())

    def on_saved(self, article: Article) -> None:
        self.saved = article
        self.accept()

    def fresh_query(self) -> Callable[[], Article] | None:
        a, ws = self.article, self.ws
        return None if a is None else lambda: knowledge.get_article(ws, a.id)

    def show_fresh(self, article: Article, keep_edits: bool) -> None:
        self.article = article
        if not keep_edits:
            self._fill(article)


class ArticleList(QWidget):
    """A search box over the articles and the one selected shown beside the list."""

    loaded = Signal(int)

    def __init__(
        self,
        ws: Workspace,
        name: str,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self._generation = 0
        languages = _language_names()
        self.search = SearchBox(f"{name}_search", self.tr("Search articles…"), delay_ms=200)
        self.language = QComboBox()
        self.language.setObjectName(f"{name}_language")
        self.language.addItem(self.tr("All languages"), None)
        for code, label in languages.items():
            self.language.addItem(label, code)
        columns = [
            Column("title", self.tr("Title"), lambda a: a.data.title),
            Column("category", self.tr("Category"), lambda a: a.data.category),
            Column("tags", self.tr("Tags"), lambda a: ", ".join(a.data.tags)),
            Column("language", self.tr("Language"), lambda a: languages.get(a.data.language, "")),
            Column("updated", self.tr("Updated"), lambda a: local_time(a.updated_at)),
        ]
        self.table = RowsTable(columns, f"{name}_table", settings, stretch="title")
        self.preview = QTextBrowser()
        self.preview.setObjectName(f"{name}_preview")
        self.bar = QHBoxLayout()
        self.bar.addWidget(self.search, 1)
        self.bar.addWidget(self.language)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.bar)
        layout.addWidget(self.splitter, 1)
        self.search.searched.connect(lambda _t: self.reload())
        self.language.currentIndexChanged.connect(lambda *_: self.reload())
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.preview.setHtml(article_html(self.selected()))
        )

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        ws, text, language = self.ws, self.search.text().strip(), self.language.currentData()
        operations.query(self, lambda: knowledge.search_articles(ws, text, language)).success(
            lambda rows: self._show(generation, rows)
        ).run()

    def _show(self, generation: int, articles: list[Article]) -> None:
        if generation != self._generation:
            return
        self.table.set_rows(articles)
        if self.selected() is None and articles:
            self.table.selectRow(0)
        self.preview.setHtml(article_html(self.selected()))
        self.loaded.emit(len(articles))

    def selected(self) -> Article | None:
        row = self.table.current_row()
        return row if isinstance(row, Article) else None


class KnowledgeView(QWidget):
    """The knowledge base screen: search, read, write, delete articles."""

    statusChanged = Signal(str)

    def __init__(
        self, ws: Workspace, parent: QWidget | None = None, settings: QSettings | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.dialog: ArticleDialog | None = None
        self.list = ArticleList(ws, "article", settings)
        self.new_button = QPushButton(self.tr("New article…"))
        self.new_button.setObjectName("new_article")
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("edit_article")
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("delete_article")
        for button in (self.new_button, self.edit_button, self.delete_button):
            self.list.bar.addWidget(button)
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.list, 1)
        # self.count is shown in the window's status bar (statusChanged), not twice.
        self.new_button.clicked.connect(lambda: self.edit(None))
        self.edit_button.clicked.connect(lambda: self.edit(self.list.selected()))
        self.delete_button.clicked.connect(self.delete_selected)
        self.list.table.activated.connect(lambda *_: self.edit(self.list.selected()))
        self.list.loaded.connect(self._loaded)
        self.list.table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.follower = ChangeFollower(self, ws, (RecordKind.ARTICLE,), self.list.reload)
        self._update()

    def _loaded(self, count: int) -> None:
        text = self.tr("%n article(s)", "", count)
        self.count.setText(text)
        self.statusChanged.emit(text)
        self._update()

    def _update(self) -> None:
        chosen = self.list.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def edit(self, article: Article | None) -> ArticleDialog:
        self.dialog = ArticleDialog(self.ws, article, self)
        self.dialog.open()
        return self.dialog

    def delete_selected(self) -> None:
        article = self.list.selected()
        if article is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete article"),
            self.tr("Move the article “%1” to the Trash?").replace("%1", article.data.title),
        )
        if answer == QMessageBox.StandardButton.Yes:
            service_ops.delete_articles(self, self.ws, [article.id]).run()

    def focus_search(self) -> None:
        self.list.search.setFocus()
        self.list.search.selectAll()


class ArticlePicker(QDialog):
    """From a ticket: search the knowledge base, pick an article to insert into the reply."""

    picked = Signal(object)  # Article

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("article_picker")
        self.setWindowTitle(self.tr("Insert an article"))
        self.resize(860, 520)
        self.list = ArticleList(ws, "picker")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.insert_button = self.buttons.addButton(
            self.tr("Insert"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.insert_button.setObjectName("insert")
        self.buttons.accepted.connect(self.pick)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.list.table.activated.connect(lambda *_: self.pick())
        self.list.loaded.connect(lambda _n: self._update())
        self.list.table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.list.reload()
        self._update()

    def _update(self) -> None:
        self.insert_button.setEnabled(self.list.selected() is not None)

    def pick(self) -> None:
        article = self.list.selected()
        if article is None:
            return
        self.picked.emit(article)
        self.accept()
