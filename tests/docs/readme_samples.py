#!/usr/bin/env python3
"""Every sample session in the project's Markdown is real output.

A sample is a fenced block whose first line is `$ vpcsim ...` (or `$ build/vpcsim ...`): the
command runs in the source tree with the built `vpcsim`, through bash (pipes allowed), and the rest
of the block must equal what it prints on standard output (write `2>&1` to show the rest). A line
that is only `…` or `...` (indented or not) stands for any number of lines. `--update` rewrites
the blocks without such lines instead of comparing (review the diff).

Usage: readme_samples.py --vpcsim BIN --root SRC [--update] FILE.md...
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^```[a-z]*$")


def samples(lines):
    """(first line index of the output, end index, command) of each sample block."""
    i = 0
    while i < len(lines):
        if FENCE.match(lines[i]) and i + 1 < len(lines) and re.match(r"^\$ (build/)?vpcsim ", lines[i + 1]):
            end = i + 2
            while end < len(lines) and lines[end] != "```":
                end += 1
            yield i + 2, end, lines[i + 1][2:]
            i = end
        i += 1


def matches(expected, actual):
    """`…` or `...` alone on a line matches any run of lines."""
    if not expected:
        return not actual
    if expected[0].strip() in ("…", "..."):
        return any(matches(expected[1:], actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def run(command, vpcsim, root):
    with tempfile.TemporaryDirectory() as bindir:
        os.symlink(vpcsim, os.path.join(bindir, "vpcsim"))
        command = re.sub(r"^build/vpcsim ", "vpcsim ", command)
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""), COLUMNS="100")
        p = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=root, env=env, capture_output=True, text=True)
        if p.returncode not in (0, 1):
            raise RuntimeError(f"`{command}` exited {p.returncode}: {p.stderr.strip()}")
        return p.stdout.rstrip("\n").split("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vpcsim", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    failed = 0
    count = 0
    for name in a.files:
        path = os.path.join(a.root, name)
        lines = open(path, encoding="utf-8").read().split("\n")
        changed = False
        for start, end, command in reversed(list(samples(lines))):
            count += 1
            try:
                actual = run(command, os.path.abspath(a.vpcsim), a.root)
            except RuntimeError as e:
                print(f"{name}:{start - 1}: {e}")
                failed += 1
                continue
            expected = lines[start:end]
            if matches(expected, actual):
                continue
            if a.update and not any(l.strip() in ("…", "...") for l in expected):
                lines[start:end] = actual
                changed = True
                print(f"{name}:{start - 1}: updated `{command}`")
                continue
            failed += 1
            print(f"{name}:{start - 1}: `{command}` prints something else now; expected:")
            print("\n".join("  | " + l for l in expected))
            print("actual:")
            print("\n".join("  | " + l for l in actual))
        if changed:
            open(path, "w", encoding="utf-8").write("\n".join(lines))
    print(f"{count - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
