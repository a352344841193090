#!/usr/bin/env python3
"""`vpcsim matrix --format jsonl` holds the cells of `--format json`, one compact object per line.

  check_matrix_jsonl.py VPCSIM matrix INPUT [ARGS...]

Runs the matrix with `--format json` and with `--format jsonl`, and checks that the output ends with
a line break, that each line parses alone as an object, and that the objects are the array's
elements, in order. Exits 1 with a message naming the first difference.
"""
import json
import subprocess
import sys


def run(command):
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)}: exit status {done.returncode}\n{done.stderr}")
    return done.stdout


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    command = argv[1:]
    cells = json.loads(run(command + ["--format", "json"]))
    text = run(command + ["--format", "jsonl"])
    if not text.endswith("\n"):
        print("the JSON Lines output does not end with a line break")
        return 1
    lines = text.splitlines()
    if len(lines) != len(cells):
        print(f"{len(lines)} lines, {len(cells)} cells in the JSON array")
        return 1
    for number, (line, cell) in enumerate(zip(lines, cells), start=1):
        obj = json.loads(line)
        if not isinstance(obj, dict) or obj != cell:
            print(f"line {number} is not the array's element {number}:\n{line}\n{json.dumps(cell)}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
