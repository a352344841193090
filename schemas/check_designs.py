#!/usr/bin/env python3
"""Validates native designs (JSON with comments) against schemas/design.schema.json.

    python3 schemas/check_designs.py FILE_OR_DIR...

Directories are searched for *.jsonc files. Prints one line per design and exits 1 when any
design does not match the schema (Debian package python3-jsonschema).
"""
import json
import pathlib
import sys

import jsonschema


def strip_comments(text):
    """Removes // and /* */ comments outside JSON strings."""
    out, i, n, in_string = [], 0, len(text), False
    while i < n:
        c = text[i]
        if in_string:
            out.append(c)
            if c == "\\":
                out.append(text[i + 1])
                i += 2
                continue
            in_string = c != '"'
            i += 1
        elif c == '"':
            in_string = True
            out.append(c)
            i += 1
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif text.startswith("/*", i):
            i = text.index("*/", i + 2) + 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def main(args):
    schema_path = pathlib.Path(__file__).with_name("design.schema.json")
    schema = json.loads(schema_path.read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    files = []
    for a in args:
        p = pathlib.Path(a)
        files.extend(sorted(p.rglob("*.jsonc")) if p.is_dir() else [p])
    if not files:
        print("no designs given")
        return 2
    failed = 0
    for f in files:
        errors = sorted(validator.iter_errors(json.loads(strip_comments(f.read_text()))), key=lambda e: list(e.path))
        for e in errors:
            print(f"{f}: /{'/'.join(str(x) for x in e.path)}: {e.message}")
        if errors:
            failed += 1
        else:
            print(f"{f}: ok")
    print(f"{len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
