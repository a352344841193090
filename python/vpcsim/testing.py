"""Assertions for test suites: one line per reachability expectation, and on failure the trace as
``vpcsim trace`` prints it (path, blocking rule, fix).

    from vpcsim.testing import assert_reachable, assert_blocked
    assert_reachable(net, "app-1", "ecr", via="interface-endpoint")
    assert_blocked(net, "app-1", "s3", by="endpoints", code="ENI_SG_RULES_MISMATCH")
"""

from __future__ import annotations

from typing import Any, Optional

from ._core import Answer, Network

__all__ = ["assert_blocked", "assert_reachable"]


def _vias(answer: Answer) -> list:
    return [leg.via for leg in answer.legs] if answer.legs else [answer.via]


def _fail(expected: str, answer: Answer) -> None:
    __tracebackhide__ = True
    raise AssertionError(f"{expected}\n\n{answer.text()}")


def assert_reachable(net: Network, src: str, dst: str, port: int = 443, protocol: str = "tcp", *,
                     via: Optional[str] = None, **trace_options: Any) -> Answer:
    """Asserts that ``src`` reaches ``dst``, and with ``via`` that it goes that way (for a
    composite such as ``ecr``, every leg), or through that component: an id (``vpce-…``) or a
    design name on the path. Returns the Answer. On failure the AssertionError holds the trace
    text. ``trace_options`` are ``Network.trace``'s (``region``, ``action``, …)."""
    answer = net.trace(src, dst, port, protocol, **trace_options)
    flow = f"{src} -> {dst} ({protocol} {port})"
    if not answer.reachable:
        _fail(f"expected {flow} to be reachable" + (f" via {via}" if via else "") + ", but it is blocked", answer)
    if via is not None and not all(v == via for v in _vias(answer)):
        components = {hop.component for leg in (answer.legs or [answer]) for hop in leg.path}
        if via not in components and net.id_of(via) not in components:
            got = ", ".join(str(v) for v in _vias(answer))
            _fail(f"expected {flow} via {via}, but it goes via {got}", answer)
    return answer


def assert_blocked(net: Network, src: str, dst: str, port: int = 443, protocol: str = "tcp", *,
                   by: Optional[str] = None, code: Optional[str] = None, **trace_options: Any) -> Answer:
    """Asserts that ``src`` does not reach ``dst``; with ``by``, that the resource stopping it is
    that one (its AWS id, ``sg-…``, or its design name); with ``code``, that the reason is that
    code (``SUBNET_ACL_RESTRICTION``). Returns the Answer. On failure the AssertionError holds the
    trace text (path, blocking rule, fix)."""
    __tracebackhide__ = True
    answer = net.trace(src, dst, port, protocol, **trace_options)
    flow = f"{src} -> {dst} ({protocol} {port})"
    blocked = answer.blocked_by
    if answer.reachable or blocked is None:
        _fail(f"expected {flow} to be blocked, but it is reachable", answer)
    if by is not None and by not in (blocked.component, net.name_of(blocked.component)):
        _fail(f"expected {flow} to be blocked by {by}, but {blocked.component} "
              f"({net.name_of(blocked.component)}) blocks it", answer)
    if code is not None and blocked.code != code:
        _fail(f"expected {flow} to be blocked with {code}, but the code is {blocked.code}", answer)
    return answer
