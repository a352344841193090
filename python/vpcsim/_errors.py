"""The exceptions vpcsim raises. Every one carries the stable diagnostic ``code``."""

from __future__ import annotations

from typing import Any, List


class Error(Exception):
    """Base of every vpcsim exception; ``code`` is stable across releases
    (``vpcsim.import.not_json``, ``vpcsim.trace.unknown_source``, …)."""

    def __init__(self, text: str, code: str) -> None:
        super().__init__(text)
        #: The stable code, e.g. ``vpcsim.import.missing_field``.
        self.code = code


class InputError(Error, ValueError):
    """Input that cannot be used: unreadable, not JSON, wrong types, missing fields, bad CIDRs,
    a design's undefined reference. Names where: ``file``, ``pointer`` (a JSON pointer, with
    ``line:column`` in ``file`` for designs), ``resource``. ``diagnostics`` holds every finding
    of the load (warnings included), the first error being this one."""

    def __init__(self, text: str, code: str, file: str = "", pointer: str = "", resource: str = "",
                 message: str = "", diagnostics: List[Any] | None = None) -> None:
        super().__init__(text, code)
        #: The input file (or response label) as given.
        self.file = file
        #: The JSON pointer inside it, e.g. ``/Subnets/3``.
        self.pointer = pointer
        #: The resource concerned (``subnet subnet-0abc``), or ``''``.
        self.resource = resource
        #: What is wrong, without the code and location.
        self.message = message
        #: Every Diagnostic of the load, in input order.
        self.diagnostics = list(diagnostics or [])


class UsageError(Error, ValueError):
    """A question that cannot be answered as asked: an unknown source or destination, a selector
    that matches nothing, a bad argument (``vpcsim.python.bad_argument``)."""
