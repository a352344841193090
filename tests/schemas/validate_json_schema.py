#!/usr/bin/env python3
"""Validates a JSON document against a JSON Schema: validate_json_schema.py SCHEMA DOCUMENT.

Prints one line per violation (JSON path: message) and exits 1 when there is any, 0 otherwise.
Uses Debian's python3-jsonschema (scripts/setup.sh); the schema's own $schema picks the draft.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("validate_json_schema.py: the jsonschema module is missing; run scripts/setup.sh (python3-jsonschema)")


def main(schema_path, document_path):
    with open(schema_path) as f:
        schema = json.load(f)
    with open(document_path) as f:
        document = json.load(f)
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    errors = sorted(validator(schema).iter_errors(document), key=lambda e: list(e.absolute_path))
    for e in errors:
        path = "/".join(str(p) for p in e.absolute_path) or "(root)"
        print(f"{document_path}: {path}: {e.message}")
    return 1 if errors else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: validate_json_schema.py SCHEMA DOCUMENT")
    sys.exit(main(sys.argv[1], sys.argv[2]))
