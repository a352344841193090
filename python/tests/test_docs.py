"""Every public name of the module is documented in docs/python.md and has a docstring."""

import inspect
import re
from pathlib import Path

import pytest

import vpcsim
import vpcsim.pytest_plugin
import vpcsim.testing
from conftest import ROOT

DOC = (ROOT / "docs" / "python.md").read_text()
# Every identifier that appears inside `code` in the document's text (code blocks aside).
PROSE = re.sub(r"^```.*?^```", "", DOC, flags=re.S | re.M)
DOCUMENTED = {word for span in re.findall(r"`([^`]+)`", PROSE) for word in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", span)}


def public_names():
    for name in vpcsim.__all__:
        yield name, getattr(vpcsim, name)
        if inspect.isclass(getattr(vpcsim, name)):
            for member, value in vars(getattr(vpcsim, name)).items():
                if not member.startswith("_"):
                    yield f"{name}.{member}", value
    for name in vpcsim.testing.__all__:
        yield f"testing.{name}", getattr(vpcsim.testing, name)
    for name in ("vpcsim_load", "assert_reachable", "assert_blocked"):
        yield f"pytest_plugin.{name}", getattr(vpcsim.pytest_plugin, name)
    yield "MAX_INPUT_BYTES", vpcsim.MAX_INPUT_BYTES
    yield "MAX_JSON_DEPTH", vpcsim.MAX_JSON_DEPTH


NAMES = list(public_names())


@pytest.mark.parametrize("qualified, value", NAMES, ids=[n for n, _ in NAMES])
def test_every_public_name_is_in_the_python_reference(qualified, value):
    assert qualified.split(".")[-1] in DOCUMENTED, f"{qualified} is not documented in docs/python.md"


@pytest.mark.parametrize("qualified, value", [(n, v) for n, v in NAMES if callable(v) or isinstance(v, property)],
                         ids=[n for n, v in NAMES if callable(v) or isinstance(v, property)])
def test_every_public_class_function_and_property_has_a_docstring(qualified, value):
    assert (getattr(value, "__doc__", None) or "").strip(), f"{qualified} has no docstring"


def test_the_check_finds_an_undocumented_name():
    assert "trace" in DOCUMENTED and "no_such_function_anywhere" not in DOCUMENTED
    assert len(NAMES) > 60


def test_the_typed_stubs_name_every_class_and_member_of_the_extension_and_no_other():
    import ast

    from vpcsim import _core

    tree = ast.parse((Path(vpcsim.__file__).parent / "_core.pyi").read_text())
    stubbed = {node.name: {item.name for item in node.body if isinstance(item, ast.FunctionDef)}
               for node in tree.body if isinstance(node, ast.ClassDef)}
    actual = {name: {m for m in vars(value) if not m.startswith("__")}
              for name, value in vars(_core).items() if isinstance(value, type) and not name.startswith("_")}
    actual["Network"].add("check")  # added in Python by vpcsim/__init__.py
    assert stubbed == actual
    functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert functions == {n for n, v in vars(_core).items() if callable(v) and not isinstance(v, type)
                         and not n.startswith("__")}
