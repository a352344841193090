#!/usr/bin/env python3
"""Grades the attempts of one exercise with `vpcsim exercise check` (tests/data/exercises/attempts.json).

    run_attempts.py VPCSIM EXERCISES_DIR ATTEMPTS_JSON EXERCISE

Each attempt is the starting design or the shipped solution (`base`), optionally edited by exact
text replacements (each must occur, so a stale attempt fails instead of passing unchanged), then
graded; the exit status and a regular expression on the output are checked. Every exercise must
have a wrong attempt (a WRONG flow), an attempt that breaks a constraint (BROKEN name) and the
solution graded solved, or this script fails.
"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile


def main(vpcsim, root, table_path, name):
    root = pathlib.Path(root)
    table = json.loads(pathlib.Path(table_path).read_text())
    attempts = table.get(name)
    if not attempts:
        return f"{table_path}: no attempts for {name}"
    kinds = set()
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, a in enumerate(attempts):
            base = root / name / "design.jsonc" if a["base"] == "start" else root / "solutions" / f"{name}.jsonc"
            text = base.read_text()
            for old, new in a.get("replace", []):
                if old not in text:
                    failures.append(f"attempt {i} ({a['attempt']}): {old!r} is not in {base.name}")
                new_text = text.replace(old, new, 1)
                text = new_text
            design = pathlib.Path(tmp) / f"attempt-{i}.jsonc"
            design.write_text(text)
            run = subprocess.run([vpcsim, "exercise", "check", name, "--exercises", str(root), "--design", str(design)],
                                 capture_output=True, text=True, cwd=tmp)
            out = run.stdout + run.stderr
            if run.returncode != a["status"]:
                failures.append(f"attempt {i} ({a['attempt']}): exit {run.returncode}, expected {a['status']}\n{out}")
            elif not re.search(a["expect"], out):
                failures.append(f"attempt {i} ({a['attempt']}): output does not match {a['expect']!r}\n{out}")
            if a["status"] == 0 and not a.get("replace") and a["base"] == "solution":
                kinds.add("solved")
            elif a["status"] == 1 and "BROKEN " in a["expect"]:
                kinds.add("constraint")
            elif a["status"] == 1 and "WRONG " in a["expect"]:
                kinds.add("wrong")
    for k in ("wrong", "constraint", "solved"):
        if k not in kinds:
            failures.append(f"{name}: no '{k}' attempt in {table_path}")
    if failures:
        return "\n".join(failures)
    print(f"{name}: {len(attempts)} attempts graded as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
