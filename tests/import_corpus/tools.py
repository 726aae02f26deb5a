#!/usr/bin/env python3
"""Runs the judges' tools (shared/tools) over a whole corpus in one process.

usage: tools.py TOOLS_DIR score INPUT.json > OUTPUT.json
       tools.py TOOLS_DIR office-docx INPUT.json > OUTPUT.json
score: INPUT {"recall": MIN, "outline": MIN, "jobs": [{"pdf": ..., "original": ...}]};
  one object per job, in order: textsim's recall and precision (and whether
  recall holds), its first differences, outline.py's match and differences,
  and the NĐ 30 rules nd30check.py finds failing.
office-docx: INPUT {"jobs": [{"pdf": ..., "out": ...}]}; pdf2officedocx.py on
  each; one {"ok": bool, "error": str} per job ("landscape": true, and not
  run, for a PDF with a landscape page, which the tool leaves out).
The tools run unchanged, as imported modules (their printed output parsed),
on all cores.
"""
import contextlib
import io
import json
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor

sys.path.insert(0, sys.argv[1])
import nd30check  # noqa: E402
import outline  # noqa: E402
import pdf2officedocx  # noqa: E402
import textsim  # noqa: E402

CONFIG = json.load(open(sys.argv[3], encoding="utf-8"))


def run(fn, *args):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = fn(*args)
    return code, buf.getvalue()


def score(job):
    pdf, original = job["pdf"], job["original"]
    code, t = run(textsim.main, pdf, original, CONFIG["recall"])
    m = re.search(r"text recall ([\d.]+) .*precision ([\d.]+)", t)
    code_o, o = run(outline.main, pdf, original, CONFIG["outline"])
    mo = re.search(r"outline match ([\d.]+) .*?, (\d+) labels in the original", o)
    try:
        rep = nd30check.check_file(pdf)
        failed = [f"{rule}: {detail}".strip() for rule, ok, detail in rep.results if not ok]
    except Exception as e:  # a PDF the checker cannot read is a failure, not a crash
        failed = [f"nd30check: {type(e).__name__}: {e}"]
    return {
        "recall": float(m.group(1)),
        "recall_ok": code == 0,
        "precision": float(m.group(2)),
        "text_diff": [line.strip() for line in t.splitlines() if "not reproduced" in line],
        "outline": float(mo.group(1)),
        "outline_ok": code_o == 0,
        "outline_labels": int(mo.group(2)),
        "outline_diff": [line.strip() for line in o.splitlines() if line.startswith("  original")],
        "nd30_failed": failed,
    }


def office_docx(job):
    # The tool rebuilds portrait pages only: a document with a landscape
    # page (an appendix's table) would come without it, so without what it
    # is counted against.
    with pdf2officedocx.pdfplumber.open(job["pdf"]) as pdf:
        if any(p.width > p.height for p in pdf.pages):
            return {"ok": False, "landscape": True, "error": ""}
    try:
        run(pdf2officedocx.main, job["pdf"], job["out"])
        return {"ok": True, "error": ""}
    except Exception as e:  # the tool cannot rebuild every form (a công văn has no tên loại)
        return {"ok": False, "error": f"{type(e).__name__}: {e}"}


if __name__ == "__main__":
    work = {"score": score, "office-docx": office_docx}[sys.argv[2]]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(work, CONFIG["jobs"], chunksize=4))
    json.dump(results, sys.stdout, ensure_ascii=False)
