"""Excel benchmark: import a 100,000-row, 12-column .xlsx into an empty database, export
100,000 contacts; against a pandas baseline measured in the same run.

    .venv/bin/pip install -e ".[bench]"     # pandas, for the baseline
    .venv/bin/python bench/excel.py [--rows 100000] [--repeat 3]

Each measurement runs in a fresh child process (so peak memory is its own): the median of
``--repeat`` runs is printed with the peak resident memory, and the ratio baseline / ours.
Baseline import: ``pandas.read_excel`` + ``DataFrame.to_sql`` into SQLite (no checks, no
duplicate matching, no search index: the floor a naive importer pays). Baseline export:
``DataFrame.to_excel`` of the same rows read with ``pandas.read_sql``.
Targets: import at least 3x faster than the baseline, export at least 1.5x, peak < 300 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = Path(__file__).resolve().parent / ".data"
HEADERS = [
    "客户名称",
    "联系人",
    "手机",
    "电话",
    "邮箱",
    "城市",
    "地址",
    "行业",
    "客户等级",
    "备注",
    "负责人",
    "生日",
]
CITIES = ["杭州", "上海", "北京", "深圳", "广州", "成都", "Boston", "Chicago"]
INDUSTRIES = ["制造业", "批发零售", "信息技术", "物流", "Retail", "Manufacturing"]


def make_sheet(rows: int) -> Path:
    """A customer list as small firms keep it: phones as numbers, dates as serials, mixed text."""
    import xlsxwriter

    DATA.mkdir(exist_ok=True)
    path = DATA / f"import_{rows}.xlsx"
    if path.exists():
        return path
    rng = random.Random(1)
    surnames, given = (
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗",
        "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚",
    )
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("客户")
    sheet.write_row(0, 0, HEADERS)
    for r in range(1, rows + 1):
        name = (
            rng.choice(surnames)
            + rng.choice(given)
            + (rng.choice(given) if rng.random() < 0.5 else "")
        )
        company = f"{rng.choice(CITIES)}{rng.randrange(rows // 4)}号贸易有限公司"
        sheet.write_string(r, 0, company)
        sheet.write_string(r, 1, name)
        sheet.write_number(r, 2, float(13_000_000_000 + rng.randrange(10**9)))  # as Excel keeps it
        sheet.write_string(r, 3, f"0571-{rng.randrange(10**7, 10**8)}")
        sheet.write_string(r, 4, f"user{r}@example{rng.randrange(500)}.com")
        sheet.write_string(r, 5, rng.choice(CITIES))
        sheet.write_string(r, 6, f"人民路{rng.randrange(1, 999)}号")
        sheet.write_string(r, 7, rng.choice(INDUSTRIES))
        sheet.write_string(r, 8, rng.choice("ABC"))
        sheet.write_string(r, 9, "老客户" if rng.random() < 0.3 else "")
        sheet.write_string(r, 10, rng.choice(["王芳", "李强", "Emily Carter"]))
        sheet.write_number(r, 11, float(rng.randrange(20000, 38000)))  # a date serial
    book.close()
    return path


# -- the measurements, each run in a child process ------------------------------------------
def one(kind: str, source: Path, target: Path) -> dict[str, float]:
    start = time.perf_counter()
    if kind == "import-ours":
        from crm_desktop.services import importing
        from crm_desktop.services.workspace import open_workspace

        ws = open_workspace(target, "bench")
        report = importing.import_file(ws, source)
        ws.close()
        assert report.failed == 0, report.errors[:3]
    elif kind == "import-pandas":
        import sqlite3

        import pandas as pd

        frame = pd.read_excel(source)
        with sqlite3.connect(target) as conn:
            frame.to_sql("customers", conn, index=False)
    elif kind == "export-ours":
        from crm_desktop.services import exporting
        from crm_desktop.services.workspace import open_workspace

        ws = open_workspace(source, "bench")
        exporting.export_contacts(ws, target)
        ws.close()
    elif kind == "export-pandas":
        import sqlite3

        import pandas as pd

        with sqlite3.connect(source) as conn:
            frame = pd.read_sql(
                "SELECT c.id, c.name, co.name AS company, c.title, c.mobile, c.phone, c.email, "
                "c.im, c.city, c.address, c.birthday, c.notes, co.industry, co.region, co.grade, "
                "c.updated_at FROM contacts c LEFT JOIN companies co ON co.id = c.company_id "
                "WHERE c.deleted_at IS NULL ORDER BY c.name_sort",
                conn,
            )
        frame.to_excel(target, index=False)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak_mb}


def measure(kind: str, source: Path, repeat: int) -> tuple[float, float]:
    times, peaks = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / ("out.db" if kind.startswith("import") else "out.xlsx")
            out = subprocess.run(
                [sys.executable, __file__, "--one", kind, str(source), str(target)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            result = json.loads(out.strip().splitlines()[-1])
        times.append(result["seconds"])
        peaks.append(result["peak_mb"])
    return statistics.median(times), max(peaks)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--one", nargs=3, metavar=("KIND", "SOURCE", "TARGET"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.one:
        kind, source, target = args.one
        print(json.dumps(one(kind, Path(source), Path(target))))
        return 0
    try:
        import pandas  # noqa: F401
    except ImportError:
        print('pandas is needed for the baseline: pip install -e ".[bench]"', file=sys.stderr)
        return 2
    sheet = make_sheet(args.rows)
    print(
        f"{args.rows:,}-row, {len(HEADERS)}-column sheet; median of {args.repeat}, each in its own process"
    )
    ours, ours_mb = measure("import-ours", sheet, args.repeat)
    base, base_mb = measure("import-pandas", sheet, args.repeat)
    print(
        f"  import   ours {ours:6.2f} s  peak {ours_mb:5.0f} MB | pandas {base:6.2f} s  peak {base_mb:5.0f} MB | x{base / ours:4.2f} (target x3, < 300 MB)"
    )
    db = DATA / f"contacts_{args.rows}.db"
    if not db.exists():
        from crm_desktop.services import demo
        from crm_desktop.services.workspace import open_workspace

        ws = open_workspace(db, "bench")
        demo.make_demo(ws, args.rows, seed=1)
        ws.close()
    copy = DATA / "export-source.db"
    shutil.copy(db, copy)
    ours, ours_mb = measure("export-ours", copy, args.repeat)
    base, base_mb = measure("export-pandas", copy, args.repeat)
    print(
        f"  export   ours {ours:6.2f} s  peak {ours_mb:5.0f} MB | pandas {base:6.2f} s  peak {base_mb:5.0f} MB | x{base / ours:4.2f} (target x1.5, < 300 MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
