"""Shared paths for the Python tests: the repository (VPCSIM_SOURCE_DIR, set by CTest) and the
CLI binary the JSON is compared with (VPCSIM_CLI)."""

import os
from pathlib import Path

import pytest

# The plugin's fixtures (vpcsim_load, assert_reachable, assert_blocked), also without `-p`.
pytest_plugins = ["vpcsim.pytest_plugin"]

ROOT = Path(os.environ.get("VPCSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
EXAMPLES = ROOT / "examples"
DESIGNS = EXAMPLES / "designs"
SCENARIOS = ROOT / "tests" / "data" / "scenarios"
SEED_CAPTURE = EXAMPLES / "ecr-private-subnet"
BROKEN_CAPTURE = EXAMPLES / "ecr-private-subnet-broken"
SEED_DESIGN = DESIGNS / "ecr-private-subnet.jsonc"
I_APP = "i-0b11111111111111a"


@pytest.fixture(scope="session")
def cli() -> Path:
    """The built `vpcsim` binary (CTest passes it as VPCSIM_CLI)."""
    path = os.environ.get("VPCSIM_CLI", "")
    if not path:
        pytest.skip("VPCSIM_CLI is not set: run through CTest (the build without the CLI has no binary to compare)")
    return Path(path)
