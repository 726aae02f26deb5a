#!/usr/bin/env python3
"""Scores many rendered PDFs with the judges' tools in one process.

usage: score.py TOOLS_DIR INPUT.json > OUTPUT.json
INPUT: {"recall": MIN, "outline": MIN, "jobs": [{"pdf": ..., "original": ...}, ...]}
OUTPUT: one object per job, in order: textsim's recall and precision (and whether
recall holds), its first differences, outline.py's match and differences,
and the NĐ 30 rules nd30check.py finds failing. The tools run unchanged, as
imported modules (their printed output parsed), on all cores.
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
import textsim  # noqa: E402

CONFIG = json.load(open(sys.argv[2], encoding="utf-8"))


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


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(score, CONFIG["jobs"], chunksize=4))
    json.dump(results, sys.stdout, ensure_ascii=False)
