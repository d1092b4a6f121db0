"""A private scratch folder beside a file being written: the half-written file and XlsxWriter's
temporary files live there, never in the system's temporary folder (they hold every exported
customer). It is removed on every outcome; one a crash or a kill left behind is swept at the
next start, through a note kept in the app's own folder while the writing runs."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

SUFFIX = ".crm-writing"
STALE_SECONDS = 24 * 3600  # where a process cannot be asked whether it still runs (Windows)
_notes: Path | None = None  # set once at start-up: see use_notes


def use_notes(notes: Path) -> list[Path]:
    """Keep the notes of writings in progress in ``notes`` (the app's cache folder), and sweep
    what crashed writings left there; returns the scratch folders removed."""
    global _notes
    _notes = notes
    return sweep(notes)


class ScratchFolder:
    """``with ScratchFolder(target, notes) as folder: ...``: ``folder`` is a new private
    (mode 700) folder in the target's folder; gone afterwards, whatever happened."""

    def __init__(self, target: Path, notes: Path | None = None) -> None:
        self.target = target
        self.notes = notes or _notes
        self.path: Path | None = None
        self._note: Path | None = None

    def __enter__(self) -> Path:
        self.path = Path(
            tempfile.mkdtemp(prefix=f".{self.target.name}.", suffix=SUFFIX, dir=self.target.parent)
        )
        if self.notes is not None:
            try:
                self.notes.mkdir(parents=True, exist_ok=True)
                fd, name = tempfile.mkstemp(prefix=f"{os.getpid()}-", dir=self.notes)
                with os.fdopen(fd, "w", encoding="utf-8") as note:
                    note.write(str(self.path))
                self._note = Path(name)
            except OSError:
                self._note = None  # the sweep is a second line; the writing goes on
        return self.path

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)
        if self._note is not None:
            self._note.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    if sys.platform == "win32":
        return True  # os.kill would end it: judged by age instead
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def sweep(notes: Path) -> list[Path]:
    """Remove the scratch folders of writings whose process is gone; returns them."""
    removed: list[Path] = []
    try:
        entries = list(notes.iterdir())
    except OSError:
        return removed
    for note in entries:
        try:
            pid = int(note.name.split("-", 1)[0])
            age = time.time() - note.stat().st_mtime
            if _running(pid) and age < STALE_SECONDS:
                continue
            folder = Path(note.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            continue
        if folder.name.endswith(SUFFIX) and folder.is_dir():  # only what we made
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        note.unlink(missing_ok=True)
    return removed
