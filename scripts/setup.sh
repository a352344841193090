#!/usr/bin/env bash
# Installs the Debian 12 packages vpcsim needs to build, test and benchmark.
# Idempotent: runs `apt-get update` and `apt-get install` only when something is missing.
set -euo pipefail

packages=(
  cmake g++ make
  libboost-dev libboost-graph-dev
  nlohmann-json3-dev libcli11-dev catch2 libbenchmark-dev graphviz
  # CloudFormation templates (src/io/cfn/): libyaml's event API, found with pkg-config.
  libyaml-dev pkg-config
  # AWS CLI captures (src/io/aws_json.hpp): simdjson parses them at several hundred MB/s.
  libsimdjson-dev
  # The vpcsim tool's allocator (CMakeLists.txt VPCSIM_MIMALLOC).
  libmimalloc-dev
  libxml2-utils python3-jsonschema python3-yaml doxygen
  # The man page (vpcsim.1), generated at build time from `vpcsim --help`.
  help2man
  # The known-field audit of the AWS CLI importer reads botocore's EC2 service model.
  python3-botocore
  # Sanitizer and fuzz builds (CMakePresets.json `asan`, `fuzz`; scripts/fuzz.sh): clang, its
  # libFuzzer/ASan/UBSan runtimes, llvm-symbolizer for readable reports, ccache for the presets.
  clang libclang-rt-14-dev llvm ccache
  # lld, the linker of the presets: it links the sanitized test binary four times faster than ld.
  lld
  # The Python module (python/, docs/python.md): pybind11 and the headers to build it, pytest for
  # its tests, boto3 (and botocore, above) for vpcsim.capture, pip, setuptools and wheel for
  # `pip install --no-build-isolation ./python`.
  pybind11-dev python3-dev python3-pybind11 python3-pytest python3-boto3
  python3-pip python3-setuptools python3-wheel
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "setup: all packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "setup: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
