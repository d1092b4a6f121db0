"""Refresh the translation sources and compile them: ``python -m crm_desktop.i18n_tool``.

``update`` (the default) runs Qt's lupdate over the UI code into ``resources/i18n/*.ts`` (Chinese:
every string; English: only the plural forms such as "%n contact(s)"), then lrelease into the
``.qm`` files the app loads. ``check`` lists what is still untranslated and exits 1 if anything is.
Translators edit the ``.ts`` files with Qt Linguist (``pyside6-linguist``) or any XML editor.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGUAGES = {"zh_CN": False, "en": True}  # language -> plural forms only


def tool(name: str) -> str:
    """Path of a Qt tool shipped inside the PySide6 wheel (lupdate, lrelease)."""
    import PySide6

    folder = Path(PySide6.__file__).parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Qt" / "libexec" / name):
        if candidate.exists():
            return str(candidate)
    raise SystemExit(f"{name} not found in {folder}; reinstall PySide6-Essentials")


def sources(root: Path = ROOT) -> list[str]:
    package = root / "crm_desktop"
    files = [*sorted((package / "ui").rglob("*.py")), package / "app.py"]
    return [str(f.relative_to(root)) for f in files]


def ts_path(language: str, folder: Path = I18N) -> Path:
    return folder / f"crm_desktop_{language}.ts"


def qm_path(language: str, folder: Path = I18N) -> Path:
    return folder / f"crm_desktop_{language}.qm"


def update(folder: Path = I18N, root: Path = ROOT) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for language, plural_only in LANGUAGES.items():
        ts = ts_path(language, folder)
        args = [tool("lupdate"), "-no-obsolete", "-locations", "none"]
        if plural_only:
            args.append("-pluralonly")
        args += [*sources(root), "-target-language", language, "-ts", str(ts)]
        subprocess.run(args, cwd=root, check=True, stdout=subprocess.DEVNULL)
        release(language, folder)


def release(language: str, folder: Path = I18N, out: Path | None = None) -> Path:
    target = out or qm_path(language, folder)
    subprocess.run(
        [tool("lrelease"), "-silent", str(ts_path(language, folder)), "-qm", str(target)],
        check=True,
    )
    return target


def unfinished(ts: Path) -> list[str]:
    """Source texts without a finished translation (every plural form filled)."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            source = message.findtext("source") or ""
            if translation is None or translation.get("type") in ("unfinished", "vanished"):
                missing.append(f"{name}: {source}")
                continue
            forms = translation.findall("numerusform")
            texts = [f.text for f in forms] if forms else [translation.text]
            if not all(t and t.strip() for t in texts):
                missing.append(f"{name}: {source}")
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crm_desktop.i18n_tool")
    parser.add_argument("command", nargs="?", default="update", choices=["update", "check"])
    args = parser.parse_args(argv)
    if args.command == "update":
        update()
    bad = 0
    for language in LANGUAGES:
        missing = unfinished(ts_path(language))
        for line in missing:
            print(f"{language}: untranslated: {line}")
        print(f"{language}: {len(missing)} untranslated", file=sys.stderr)
        bad += len(missing)
    return 1 if bad and args.command == "check" else 0


if __name__ == "__main__":
    raise SystemExit(main())
