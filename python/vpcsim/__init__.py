"""vpcsim for Python: load an AWS VPC network (AWS CLI captures, boto3 responses or a design built
in code), trace flows, and assert reachability in tests. docs/python.md is the reference.

    import vpcsim
    net = vpcsim.load("examples/designs/ecr-private-subnet.jsonc")
    answer = net.trace("app-1", "ecr.api")
    assert answer.reachable and answer.via == "interface-endpoint"

Every answer's ``to_dict()`` is exactly the JSON of the ``vpcsim`` CLI. Bad input raises
``InputError`` (code, file, JSON pointer, resource); a blocked flow is an answer, never an error.
"""

from __future__ import annotations

import datetime as _datetime
import json as _json
import os as _os
from collections.abc import Mapping as _Mapping
from typing import Any, Iterable, List, Sequence, Tuple, Union

from . import _core
from ._core import (Answer, BlockedBy, CheckReport, DesignEdit, Diagnostic, Diff, FixChange, Hop, IntentResult,
                    LintFinding, LintReport, Matrix, Network, Resolution, diff)
from ._errors import Error, InputError, UsageError
from ._capture import capture

__all__ = [
    "Answer", "BlockedBy", "CheckReport", "DesignEdit", "Diagnostic", "Diff", "Error", "FixChange", "Hop", "InputError",
    "IntentResult",
    "LintFinding", "LintReport", "Matrix", "Network", "Resolution", "UsageError", "__version__", "capture", "design",
    "diff", "from_responses", "load",
]

#: The version of the C++ library this module wraps.
__version__: str = _core.version

#: Default limits, as the CLI's ``--max-input-bytes`` and ``--max-json-depth``.
MAX_INPUT_BYTES = 128 << 20
MAX_JSON_DEPTH = 64

PathLike = Union[str, "_os.PathLike[str]"]


def load(path: PathLike, *, region: str | None = None, max_input_bytes: int = MAX_INPUT_BYTES,
         max_json_depth: int = MAX_JSON_DEPTH) -> Network:
    """Loads a native design (``.jsonc``, or ``.json`` with ``"vpcsim": 1``) or AWS CLI captures (a
    directory read recursively, or one file), as every ``vpcsim`` command reads INPUT. ``region``:
    for captures that do not say (``--region``). Raises ``InputError`` for unusable input."""
    return _core._load(_os.fspath(path), region or "", int(max_input_bytes), int(max_json_depth))


def design(spec: Union[_Mapping, str], *, label: str = "design", max_input_bytes: int = MAX_INPUT_BYTES,
           max_json_depth: int = MAX_JSON_DEPTH) -> Network:
    """Loads a native design given as a dict (as a tool generates it) or as its JSON text (comments
    allowed). A dict without the ``"vpcsim"`` marker gets ``"vpcsim": 1``. ``label`` names it in
    errors (``design:12:5 /subnets/0/az``). Raises ``InputError``."""
    if isinstance(spec, _Mapping):
        document = dict(spec)
        document.setdefault("vpcsim", 1)
        text = _json.dumps(_plain(document, label), indent=2, allow_nan=False)
    elif isinstance(spec, str):
        text = spec
    else:
        raise UsageError(f"[vpcsim.python.bad_argument] design() takes a dict or JSON text, not {type(spec).__name__}",
                         "vpcsim.python.bad_argument")
    return _core._design_text(text, label, int(max_input_bytes), int(max_json_depth))


# Envelope fields of a boto3 response (and the CLI's paging token): not EC2 data.
_ENVELOPE = ("ResponseMetadata", "NextToken")


def from_responses(responses: Union[_Mapping, Sequence[_Mapping]], *, region: str | None = None) -> Network:
    """Loads boto3 describe-* responses as they come back (``ec2.describe_vpcs()``, a paginator's
    pages, ``describe_vpc_attribute``), datetimes and all, read together as the files of one
    capture directory. ``responses`` is one of:

    - one response dict, or a merged bundle holding several keys (as a capture file);
    - a list of them: every page of every call;
    - a dict of labelled responses, each a response or a list of pages:
      ``{"describe_vpcs": ec2.describe_vpcs(), "describe_subnets": [page1, page2]}``. Labels are
      told from AWS keys (``Vpcs``) by their lower-case first letter; a label that is a path
      (``"111122223333/us-east-1/Vpcs.json"``, as ``Network.to_responses()`` returns) also sets
      the scope of its response.

    ``ResponseMetadata`` and ``NextToken`` are dropped. ``region``: for responses whose
    availability zones do not say. Raises ``InputError`` naming the response (``responses[2]``,
    ``describe_subnets[1]``) and the JSON pointer."""
    documents: List[Tuple[str, Any]] = []
    if isinstance(responses, _Mapping):
        labelled = bool(responses) and all(isinstance(k, str) and (k.endswith(".json") or k[:1].islower())
                                           for k in responses)
        if labelled:
            for label, value in responses.items():
                if isinstance(value, (list, tuple)):
                    documents += [(f"{label}[{i}]", page) for i, page in enumerate(value)]
                else:
                    documents.append((label, value))
        else:
            documents = [("response", responses)]
    elif isinstance(responses, (list, tuple)):
        documents = [(f"responses[{i}]", r) for i, r in enumerate(responses)]
    else:
        raise UsageError("[vpcsim.python.bad_argument] from_responses() takes a response dict, a list of them or a "
                         f"dict of labelled responses, not {type(responses).__name__}", "vpcsim.python.bad_argument")
    texts = []
    for label, document in documents:
        if isinstance(document, _Mapping):
            document = {k: v for k, v in document.items() if k not in _ENVELOPE}
        texts.append((label, _json.dumps(_plain(document, label), allow_nan=False)))
    return _core._load_documents(texts, region or "")


def _check(self: Network, intents: Union[PathLike, _Mapping, Iterable[_Mapping]], *, region: str | None = None) -> CheckReport:
    """Checks reachability intents as ``vpcsim check`` does: a path to an intents file, a dict in the
    file's shape (``{"intents": [...]}``), or a list of intent dicts (``{"name", "from", "to",
    "expect": "reachable" | "blocked", "via", "blocked_by", "port", "protocol"}``). Raises
    ``InputError`` (``vpcsim.intents.*``) for intents the contract does not allow."""
    if isinstance(intents, (str, _os.PathLike)):
        return self._check_file(_os.fspath(intents), region or "")
    document = intents if isinstance(intents, _Mapping) else {"intents": list(intents)}
    return self._check_text(_json.dumps(_plain(document, "intents"), allow_nan=False), "intents", region or "")


Network.check = _check  # type: ignore[attr-defined]


def _plain(value: Any, label: str) -> Any:
    """``value`` as JSON data: datetimes and dates as ISO 8601 text (as the AWS CLI prints them);
    anything else JSON cannot hold, or nesting deeper than the JSON depth limit, is InputError."""
    def walk(v: Any, pointer: str, depth: int) -> Any:
        if depth > MAX_JSON_DEPTH:
            raise InputError(f"[vpcsim.import.too_deep] {label} {pointer}: nested deeper than {MAX_JSON_DEPTH} levels",
                             "vpcsim.import.too_deep", label, pointer, "", f"nested deeper than {MAX_JSON_DEPTH} levels")
        if v is None or isinstance(v, (str, bool, int)):
            return v
        if isinstance(v, float):
            if v != v or v in (float("inf"), float("-inf")):
                return fail(pointer, "vpcsim.import.bad_value", f"{v!r} is not a JSON number")
            return v
        if isinstance(v, (_datetime.datetime, _datetime.date)):
            return v.isoformat()
        if isinstance(v, _Mapping):
            out = {}
            for k, item in v.items():
                if not isinstance(k, str):
                    return fail(pointer, "vpcsim.import.wrong_type", f"key {k!r} is not a string")
                out[k] = walk(item, pointer + "/" + k.replace("~", "~0").replace("/", "~1"), depth + 1)
            return out
        if isinstance(v, (list, tuple)):
            return [walk(item, f"{pointer}/{i}", depth + 1) for i, item in enumerate(v)]
        return fail(pointer, "vpcsim.import.wrong_type", f"a {type(v).__name__} is not JSON data")

    def fail(pointer: str, code: str, message: str) -> Any:
        raise InputError(f"[{code}] {label} {pointer}: {message}", code, label, pointer, "", message)

    return walk(value, "", 1)
