#!/usr/bin/env bash
# Runs the libFuzzer targets (fuzz/) for SECONDS each (default 60), one after the other, on seeds
# built from the test data and the examples. Builds the `fuzz` preset first unless --no-build.
#
#   scripts/fuzz.sh [--no-build] [--keep-going] [--build-dir DIR] [--work-dir DIR] [SECONDS] [TARGET...]
#
# --keep-going: libFuzzer's fork mode, which records a crash and goes on fuzzing (long runs).
# TARGETs: aws_cli_import design_load endpoint_policy cli_trace terraform_import (default: all built).
# Under WORK (default BUILD/fuzz-work): seeds/<target>/ (rebuilt each run), corpus/<target>/ (what
# the fuzzer found interesting, kept between runs) and crashes/<target>/ (crash-*, leak-*,
# timeout-*, oom-* inputs). Exit status 1 when any target found something: reproduce it with
# `BUILD/fuzz/fuzz_<target> FILE`, fix it, and commit FILE under tests/data/fuzz-regressions/<target>/.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build_dir="$root/build-fuzz"
work_dir=""
do_build=1
keep_going=0
seconds=60
targets=()
while (($#)); do
  case "$1" in
    --no-build) do_build=0 ;;
    --keep-going) keep_going=1 ;;
    --build-dir) build_dir=$2; shift ;;
    --work-dir) work_dir=$2; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    [0-9]*) seconds=$1 ;;
    *) targets+=("$1") ;;
  esac
  shift
done
work_dir=${work_dir:-$build_dir/fuzz-work}
all_targets=(aws_cli_import design_load endpoint_policy cli_trace terraform_import)
((${#targets[@]})) || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [[ " ${all_targets[*]} " == *" $t "* ]] || { echo "fuzz.sh: unknown target '$t' (${all_targets[*]})" >&2; exit 2; }
done

if ((do_build)); then
  if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    if [ "$build_dir" = "$root/build-fuzz" ]; then
      (cd "$root" && cmake --preset fuzz)
    else
      echo "fuzz.sh: $build_dir is not configured (cmake --preset fuzz configures build-fuzz)" >&2
      exit 2
    fi
  fi
  cmake --build "$build_dir" -j2 --target "${targets[@]/#/fuzz_}"
fi

# Seeds: every input of the right kind in the test data and the examples (never ../shared).
seed_sources=("$root/tests/data/corpus" "$root/tests/data/aws" "$root/tests/data/scenarios" "$root/examples")
make_seeds() {
  local t=$1 out=$2
  rm -rf "$out" && mkdir -p "$out"
  python3 - "$t" "$out" "$root" "${seed_sources[@]}" <<'PY'
import hashlib, json, os, re, sys
target, out, root, sources = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
if target == "design_load":
    sources = sources + [os.path.join(root, "tests", "data", "designs")]
if target == "terraform_import":
    sources = [os.path.join(root, "tests", "data", "terraform"), os.path.join(root, "examples", "terraform")]

def files(exts):
    for src in sources:
        for d, _, names in os.walk(src):
            for n in sorted(names):
                if n.endswith(exts):
                    yield os.path.join(d, n)

def save(data):
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(out, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)

def is_design(path, text):
    return path.endswith(".jsonc") or re.search(r'"vpcsim"\s*:', text) is not None

def policies(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("PolicyDocument", "policy"):
                yield v if isinstance(v, str) else json.dumps(v, indent=2)
            else:
                yield from policies(v)
    elif isinstance(node, list):
        for v in node:
            yield from policies(v)

def strip_comments(text):
    return re.sub(r'^\s*//.*$', '', text, flags=re.M)

if target == "terraform_import":
    for path in files((".json",)):
        save(open(path, "rb").read())
elif target in ("aws_cli_import", "design_load", "endpoint_policy"):
    for path in files((".json", ".jsonc")):
        text = open(path, encoding="utf-8", errors="replace").read()
        if target == "aws_cli_import" and not is_design(path, text):
            save(text)
        elif target == "design_load" and is_design(path, text):
            save(text)
        elif target == "endpoint_policy":
            try:
                doc = json.loads(strip_comments(text))
            except ValueError:
                continue
            for p in policies(doc):
                save(p)
elif target == "cli_trace":
    net = os.path.join(root, "examples", "ecr-private-subnet")
    ids, ips = set(), set()
    for path in files((".json",)):
        if not path.startswith(net):
            continue
        text = open(path).read()
        ids.update(re.findall(r'"((?:i|eni)-[0-9a-f]+)"', text))
        ips.update(re.findall(r'"PrivateIpAddress": "([0-9.]+)"', text))
    sources_ = sorted(ids | ips)
    dests = ["s3", "ecr", "ecr.api", "ecr.dkr", "dynamodb", "com.amazonaws.us-east-1.s3",
             "api.ecr.us-east-1.amazonaws.com", "8.8.8.8"] + sources_
    extras = [[], ["--format", "json"], ["--explain"], ["--port", "80", "--protocol", "udp"],
              ["--protocol", "icmp"], ["--client-ports", "1024-65535"], ["--region", "us-east-1"],
              ["--action", "s3:GetObject", "--resource", "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"]]
    i = 0
    for s in sources_:
        for d in dests:
            if s != d:
                save("\0".join(["--from", s, "--to", d] + extras[i % len(extras)]))
                i += 1
PY
  echo "fuzz.sh: $t: $(ls "$out" | wc -l) seeds"
}

status=0
for t in "${targets[@]}"; do
  bin="$build_dir/fuzz/fuzz_$t"
  [ -x "$bin" ] || { echo "fuzz.sh: $bin not built" >&2; exit 2; }
  seeds="$work_dir/seeds/$t" corpus="$work_dir/corpus/$t" crashes="$work_dir/crashes/$t"
  mkdir -p "$corpus" "$crashes"
  make_seeds "$t" "$seeds"
  # -entropic=0: LLVM 14's entropic schedule updates each feature's frequency across the whole
  # corpus; with the importers' 160,000 features that was 80 % of the time, and the aws_cli_import
  # seeds alone took 118 s (5 inputs/s) before any fuzzing. Without it: 15 s, then 160 inputs/s.
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -entropic=0
        -artifact_prefix="$crashes/")
  [ -f "$root/fuzz/$t.dict" ] && args+=(-dict="$root/fuzz/$t.dict")
  ((keep_going)) && args+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  # The CLI prints every answer and usage error: keep libFuzzer's own output readable.
  [ "$t" = cli_trace ] && args+=(-close_fd_mask=3)
  echo "fuzz.sh: $t for ${seconds}s, crashes -> $crashes/"
  before=$(ls "$crashes" | wc -l)
  rc=0
  "$bin" "${args[@]}" "$corpus" "$seeds" || rc=$?
  after=$(ls "$crashes" | wc -l)
  if ((rc != 0 || after != before)); then
    echo "fuzz.sh: $t FOUND SOMETHING (exit $rc): $(ls -t "$crashes" | head -5 | tr '\n' ' ')" >&2
    status=1
  else
    echo "fuzz.sh: $t clean"
  fi
done
exit $status
