"""A Chinese-capable font in matplotlib's fallback list, chosen from what the system has.

matplotlib (3.6+) falls back glyph by glyph along ``font.family``: Latin text keeps
DejaVu Sans, Chinese characters come from the first CJK family found here. Without any, Chinese
renders as boxes: ``cjk_font_problem()`` says so in words the window can show, once in the log.
"""

from __future__ import annotations

import logging
from functools import cache

import matplotlib
from matplotlib import font_manager

log = logging.getLogger(__name__)

# In order of preference: Windows, macOS, then the free families of Linux distributions.
CJK_FAMILIES = (
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Hiragino Sans GB",
    "Heiti SC",
    "SimHei",
    "Microsoft JhengHei",
    "Droid Sans Fallback",
)
LATIN = "DejaVu Sans"  # bundled with matplotlib: always there
NO_CJK_FONT = (
    "No Chinese font found (such as Microsoft YaHei, PingFang SC, Noto Sans CJK SC or "
    "WenQuanYi Micro Hei): Chinese names in charts show as empty boxes. Install one "
    "(Debian/Ubuntu: sudo apt install fonts-noto-cjk) and restart CRM Desktop."
)


@cache
def cjk_family() -> str | None:
    """The first family of CJK_FAMILIES installed, or None."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FAMILIES if name in installed), None)


def cjk_font_problem() -> str | None:
    """What to tell the user when no Chinese font exists (None when one does)."""
    return None if cjk_family() else NO_CJK_FONT


@cache
def use_cjk_font() -> str | None:
    """Put the CJK family (if any) after DejaVu Sans in the font fallback list, once;
    returns it. Every figure builder calls this before it makes text."""
    family = cjk_family()
    if family is None:
        log.warning(NO_CJK_FONT)
    rc = matplotlib.rcParams
    # Named families, not the generic "sans-serif": matplotlib resolves a generic family to
    # one font, and falls back glyph by glyph only along a list of named ones.
    rc["font.family"] = [LATIN, family] if family else [LATIN]
    rc["axes.unicode_minus"] = False  # a plain hyphen-minus: every font has it
    return family
