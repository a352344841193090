#!/usr/bin/env bash
# Regenerates the golden DOT files in tests/report/golden/ and the picture in docs/images/.
#   tests/report/regenerate.sh BUILD_DIR      (BUILD_DIR holds the built `vpcsim`)
# The picture is the seed scenario with the ECR image pull highlighted:
#   cd examples && vpcsim graph ecr-private-subnet --from i-0b11111111111111a --to ecr \
#       --out ../docs/images/ecr-private-subnet.svg
# Read the diff before committing: a golden file changes only when the picture is meant to.
set -euo pipefail
build=${1:?usage: tests/report/regenerate.sh BUILD_DIR}
root=$(cd "$(dirname "$0")/../.." && pwd)
vpcsim=$(cd "$build" && pwd)/vpcsim
golden=$root/tests/report/golden
app=i-0b11111111111111a

cd "$root/examples"
"$vpcsim" graph ecr-private-subnet >"$golden/ecr-private-subnet.dot"
"$vpcsim" graph ecr-private-subnet --from $app --to ecr >"$golden/ecr-private-subnet-ecr.dot"
# The broken twin is not reachable: exit status 1 is the expected one.
status=0
"$vpcsim" graph ecr-private-subnet-broken --from $app --to ecr >"$golden/ecr-private-subnet-broken-ecr.dot" || status=$?
if [ "$status" -ne 1 ]; then
  echo "regenerate: expected exit status 1 for the broken example, got $status" >&2
  exit 1
fi
"$vpcsim" graph ecr-private-subnet --from $app --to ecr --out "$root/docs/images/ecr-private-subnet.svg"
echo "regenerate: wrote $golden/*.dot and docs/images/ecr-private-subnet.svg"
