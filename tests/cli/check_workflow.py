#!/usr/bin/env python3
"""Checks the GitHub Actions example (docs/ci/github-actions-vpcsim-check.yml) and runs its check step.

    check_workflow.py WORKFLOW REPO_ROOT VPCSIM OUT_DIR

The workflow must parse as YAML, run on push and pull_request, and have a step that runs
`build/vpcsim check … --junit FILE`. That command is then run from REPO_ROOT with VPCSIM for
`build/vpcsim` and the JUnit file moved into OUT_DIR; it must exit 0 and write the file.
"""
import os
import shlex
import subprocess
import sys

import yaml


def fail(message):
    sys.exit(f"check_workflow.py: {message}")


def main(workflow, root, vpcsim, out_dir):
    with open(workflow) as f:
        doc = yaml.safe_load(f)
    # YAML 1.1 reads the key `on` as true.
    triggers = doc.get("on", doc.get(True))
    if not isinstance(triggers, dict) or "push" not in triggers or "pull_request" not in triggers:
        fail("the workflow must run on push and pull_request")
    runs = [step["run"] for job in doc["jobs"].values() for step in job["steps"] if "run" in step]
    checks = [r for r in runs if "vpcsim check" in r]
    if len(checks) != 1:
        fail(f"expected one step running vpcsim check, found {len(checks)}")
    argv = shlex.split(checks[0])
    if argv[:2] != ["build/vpcsim", "check"] or "--junit" not in argv:
        fail("the check step must run build/vpcsim check with --junit")
    junit = os.path.join(out_dir, "vpcsim-intents.xml")
    argv[0] = vpcsim
    argv[argv.index("--junit") + 1] = junit
    if os.path.exists(junit):
        os.remove(junit)
    done = subprocess.run(argv, cwd=root, capture_output=True, text=True)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    if done.returncode != 0:
        fail(f"the check step exits {done.returncode}")
    if not os.path.isfile(junit):
        fail("the check step wrote no JUnit report")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit("usage: check_workflow.py WORKFLOW REPO_ROOT VPCSIM OUT_DIR")
    sys.exit(main(*sys.argv[1:]))
