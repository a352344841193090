#!/usr/bin/env python3
"""Validates JSON against vpcsim's schemas (schemas/*.schema.json), cross-schema $refs resolved.

  validate_cli_json.py SCHEMAS_DIR SCHEMA --file DOCUMENT [--invalid]
  validate_cli_json.py SCHEMAS_DIR SCHEMA --status N [--jsonl] -- COMMAND [ARGS...]

The second form runs COMMAND, checks its exit status, and validates what it printed on stdout; with
--jsonl the output is JSON Lines, each line parsed alone, and the array of the lines is validated
(against `matrix`, an array of answers: each line against the answer schema).
Prints one line per violation and exits 1 when there is any (with --invalid: when there is none).
Uses Debian's python3-jsonschema (scripts/setup.sh), old (RefResolver) or new (referencing) API.
"""
import json
import pathlib
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("validate_cli_json.py: the jsonschema module is missing; run scripts/setup.sh (python3-jsonschema)")

SCHEMAS = ["trace-answer", "check-result", "matrix", "intents", "diff", "lint", "network", "services"]


def validator_for(schemas_dir, name):
    schemas = {}
    for s in SCHEMAS:
        with open(pathlib.Path(schemas_dir) / f"{s}.schema.json") as f:
            schemas[s] = json.load(f)
    schema = schemas[name]
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    try:
        from referencing import Registry, Resource
    except ImportError:
        store = {s["$id"]: s for s in schemas.values()}
        return cls(schema, resolver=jsonschema.RefResolver.from_schema(schema, store=store))
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
    return cls(schema, registry=registry)


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    schemas_dir, name, mode = argv[1], argv[2], argv[3]
    if mode == "--file":
        label = argv[4]
        with open(label) as f:
            document = json.load(f)
        expect_invalid = argv[5:] == ["--invalid"]
    elif mode == "--status" and len(argv) > 6 and "--" in argv[5:7]:
        lines = argv[5] == "--jsonl"
        command = argv[7:] if lines else argv[6:]
        label = " ".join(command)
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode != int(argv[4]):
            print(f"{label}: exit status {run.returncode}, expected {argv[4]}\n{run.stdout}{run.stderr}")
            return 1
        if lines:
            if not run.stdout.endswith("\n"):
                print(f"{label}: the output does not end with a line break")
                return 1
            document = [json.loads(line) for line in run.stdout.splitlines()]
        else:
            document = json.loads(run.stdout)
        expect_invalid = False
    else:
        sys.exit(__doc__)
    errors = sorted(validator_for(schemas_dir, name).iter_errors(document), key=lambda e: list(e.absolute_path))
    for e in errors:
        path = "/".join(str(p) for p in e.absolute_path) or "(root)"
        print(f"{label}: {path}: {e.message}")
    if expect_invalid:
        if not errors:
            print(f"{label}: valid against {name}, expected violations")
        return 0 if errors else 1
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
