"""The rows of an HTML table: what many web systems export under an .xls name."""

from __future__ import annotations

from html.parser import HTMLParser


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._open: list[list[list[str]]] = []  # nested tables being read
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._open.append([])
        elif tag == "tr" and self._open:
            self._open[-1].append([])
        elif tag in ("td", "th") and self._open:
            if not self._open[-1]:
                self._open[-1].append([])
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._open:
            self._open[-1][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table" and self._open:
            self.tables.append(self._open.pop())

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(" ".join(data.split()) if "\n" in data else data)


def looks_like_html(head: str) -> bool:
    lowered = head.lstrip("\ufeff \t\r\n").lower()
    return lowered.startswith(("<!doctype html", "<html", "<table", "<?xml")) or (
        "<table" in lowered and lowered[:1] == "<"
    )


def html_rows(text: str) -> list[list[str]]:
    """The rows of the largest table in the page (cells as text; empty ones "")."""
    parser = _Tables()
    parser.feed(text)
    parser.close()
    tables = [table for table in parser.tables if table]
    return max(tables, key=len) if tables else []
