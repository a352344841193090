#!/usr/bin/env python3
"""Checks the README's GitHub Actions recipe for vpcsim diff (docs/ci/github-actions-vpcsim-diff.yml).

    check_diff_workflow.py WORKFLOW README REPO_ROOT VPCSIM

The workflow must parse as YAML, run on pull_request, run `build/vpcsim diff BEFORE AFTER --format
markdown` and comment with its output; the README must quote it verbatim. The diff step's command is
then run on two designs of tests/data/diff (BEFORE and AFTER replaced): it must exit 1 (a flow is
lost) and print the Markdown headline.
"""
import shlex
import subprocess
import sys

import yaml


def fail(message):
    sys.exit(f"check_diff_workflow.py: {message}")


def main(workflow, readme, root, vpcsim):
    text = open(workflow).read()
    if text not in open(readme).read():
        fail("README.md does not quote the workflow verbatim")
    doc = yaml.safe_load(text)
    triggers = doc.get("on", doc.get(True))  # YAML 1.1 reads the key `on` as true
    if not isinstance(triggers, dict) or "pull_request" not in triggers:
        fail("the workflow must run on pull_request")
    runs = [step["run"] for job in doc["jobs"].values() for step in job["steps"] if "run" in step]
    diffs = [line.strip() for r in runs for line in r.splitlines() if "vpcsim diff" in line]
    if len(diffs) != 1:
        fail(f"expected one command running vpcsim diff, found {len(diffs)}")
    argv = shlex.split(diffs[0].split(">")[0])
    if argv[:2] != ["build/vpcsim", "diff"] or argv[argv.index("--format") + 1] != "markdown":
        fail("the diff step must run build/vpcsim diff with --format markdown")
    if not any("gh pr comment" in r and "--body-file vpcsim-diff.md" in r for r in runs):
        fail("no step comments the Markdown on the pull request")
    argv[0] = vpcsim
    argv[2] = f"{root}/tests/data/diff/base.jsonc"
    argv[3] = f"{root}/tests/data/diff/sg-rule-removed.jsonc"
    run = subprocess.run(argv, capture_output=True, text=True)
    if run.returncode != 1 or not run.stdout.startswith("### vpcsim diff: 2 changes to reachability\n"):
        fail(f"the diff step exited {run.returncode}:\n{run.stdout}{run.stderr}")
    print("ok")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
