#!/usr/bin/env python3
"""Staged hints: `vpcsim exercise check N` shows none unasked; each `--hint` adds the next one, the
symptom first; `exercise reset N` writes the starting design and forgets the hints seen.

    run_hints.py VPCSIM EXERCISES_DIR
"""
import json
import pathlib
import subprocess
import sys
import tempfile

NAME = "07-nacl-return-traffic"


def run(vpcsim, root, cwd, *args):
    p = subprocess.run([vpcsim, "exercise", *args, "--exercises", root], capture_output=True, text=True, cwd=cwd)
    return p.returncode, p.stdout + p.stderr


def main(vpcsim, root):
    hints = json.loads((pathlib.Path(root) / NAME / "expected.json").read_text())["hints"]
    problems = []

    def expect(cond, what, out):
        if not cond:
            problems.append(f"{what}\n{out}")

    with tempfile.TemporaryDirectory() as tmp:
        status, out = run(vpcsim, root, tmp, "reset", "7")
        expect(status == 0 and (pathlib.Path(tmp) / f"{NAME}.jsonc").exists(), "reset writes NN-name.jsonc", out)
        status, out = run(vpcsim, root, tmp, "check", "7")
        expect(status == 1 and "hint 1" not in out and f"hints: 0 of {len(hints)} seen" in out,
               "no hint comes unasked", out)
        status, out = run(vpcsim, root, tmp, "check", "7", "--hint")
        expect(f"hint 1 of {len(hints)}: {hints[0]}" in out and "hint 2" not in out, "the first --hint shows the symptom only", out)
        status, out = run(vpcsim, root, tmp, "check", "7", "--hint")
        expect(f"hint 2 of {len(hints)}: {hints[1]}" in out and "hint 3" not in out, "the second --hint shows the next", out)
        for _ in range(len(hints)):
            status, out = run(vpcsim, root, tmp, "check", "7", "--hint")
        expect("no more hints: `vpcsim exercise solution 07-nacl-return-traffic`" in out, "hints run out into the solution", out)
        status, out = run(vpcsim, root, tmp, "reset", "07")
        status, out = run(vpcsim, root, tmp, "check", "7", "--hint")
        expect(f"hint 1 of {len(hints)}" in out and "hint 2" not in out, "reset forgets the hints seen", out)
    if problems:
        return "\n".join(problems)
    print("hints staged as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
