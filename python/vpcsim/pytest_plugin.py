"""The pytest plugin (entry point ``vpcsim`` in group ``pytest11``; without pip, enable it with
``-p vpcsim.pytest_plugin`` or ``pytest_plugins = ["vpcsim.pytest_plugin"]``).

Fixtures:

- ``vpcsim_load``: ``vpcsim.load`` cached for the session, so each input is read once however
  many tests trace it.
- ``assert_reachable``, ``assert_blocked``: ``vpcsim.testing``'s assertions.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Dict, Tuple

import pytest

import vpcsim
from vpcsim import testing


@pytest.fixture(scope="session")
def vpcsim_load() -> Callable[..., vpcsim.Network]:
    """``vpcsim.load(path, region=...)``, each (path, region) loaded once per test session."""
    cache: Dict[Tuple[str, str], vpcsim.Network] = {}

    def load(path: "str | os.PathLike[str]", *, region: str = "") -> vpcsim.Network:
        key = (os.path.abspath(os.fspath(path)), region)
        if key not in cache:
            cache[key] = vpcsim.load(path, region=region or None)
        return cache[key]

    return load


@pytest.fixture
def assert_reachable() -> Callable[..., Any]:
    """``vpcsim.testing.assert_reachable``."""
    return testing.assert_reachable


@pytest.fixture
def assert_blocked() -> Callable[..., Any]:
    """``vpcsim.testing.assert_blocked``."""
    return testing.assert_blocked
