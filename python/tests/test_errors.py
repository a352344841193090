"""Errors are Python exceptions with the diagnostic's code and location; nothing crashes."""

import pytest

import vpcsim
from conftest import I_APP, SEED_CAPTURE


def test_a_missing_file_raises_input_error_unreadable_naming_the_file(tmp_path):
    missing = tmp_path / "nothing-here"
    with pytest.raises(vpcsim.InputError) as e:
        vpcsim.load(missing)
    assert e.value.code == "vpcsim.import.unreadable"
    assert e.value.file == missing.as_posix()
    assert str(e.value).startswith("[vpcsim.import.unreadable] " + missing.as_posix())


def test_a_file_that_is_not_json_raises_not_json_with_line_and_column(tmp_path):
    bad = tmp_path / "Vpcs.json"
    bad.write_text('{"Vpcs": [\n  {"VpcId": "vpc-1",}\n]}\n')
    with pytest.raises(vpcsim.InputError) as e:
        vpcsim.load(bad)
    assert e.value.code == "vpcsim.import.not_json"
    assert e.value.file == bad.as_posix()
    assert "line 2" in e.value.message
    assert e.value.diagnostics[0].code == "vpcsim.import.not_json"


def test_a_response_missing_a_required_field_names_the_json_pointer_and_the_resource():
    with pytest.raises(vpcsim.InputError) as e:
        vpcsim.from_responses([{"Vpcs": [{"VpcId": "vpc-0abc", "CidrBlock": "10.0.0.0/16"}]},
                               {"Subnets": [{"SubnetId": "subnet-0abc", "VpcId": "vpc-0abc"}]}], region="us-east-1")
    assert e.value.code == "vpcsim.import.missing_field"
    assert (e.value.file, e.value.pointer) == ("responses[1]", "/Subnets/0")
    assert "subnet-0abc" in e.value.resource
    assert isinstance(e.value, ValueError) and isinstance(e.value, vpcsim.Error)


def test_a_design_with_an_undefined_reference_names_line_column_and_pointer():
    with pytest.raises(vpcsim.InputError) as e:
        vpcsim.design({"region": "us-east-1", "vpcs": [{"name": "v", "cidr": "10.0.0.0/16"}],
                       "subnets": [{"name": "a", "vpc": "nope", "cidr": "10.0.1.0/24", "az": "a"}]})
    assert e.value.code == "vpcsim.design.undefined_reference"
    assert e.value.pointer == "/subnets/0/vpc"
    assert e.value.file.startswith("design:")


def test_design_text_that_is_not_json_raises_not_json():
    with pytest.raises(vpcsim.InputError) as e:
        vpcsim.design('{"vpcsim": 1, "vpcs": [}')
    assert e.value.code == "vpcsim.design.not_json"
    assert e.value.file == "design"
    assert "line 1, column 24" in e.value.message


def test_an_unknown_source_raises_usage_error_with_its_code():
    net = vpcsim.load(SEED_CAPTURE)
    with pytest.raises(vpcsim.UsageError) as e:
        net.trace("i-0000000000000dead", "s3")
    assert e.value.code.startswith("vpcsim.")
    assert "i-0000000000000dead" in str(e.value)


@pytest.mark.parametrize("kwargs, text", [
    ({"port": 70000}, "port 70000"),
    ({"protocol": "tcpx"}, "protocol 'tcpx'"),
    ({"client_ports": (60000, 1024)}, "client_ports"),
    ({"max_hops": 0}, "max_hops"),
])
def test_bad_arguments_raise_usage_error_not_a_crash(kwargs, text):
    net = vpcsim.load(SEED_CAPTURE)
    with pytest.raises(vpcsim.UsageError) as e:
        net.trace(I_APP, "s3", **kwargs)
    assert e.value.code == "vpcsim.python.bad_argument"
    assert text in str(e.value)


def test_values_json_cannot_hold_raise_input_error_with_their_pointer():
    with pytest.raises(vpcsim.InputError) as e:
        vpcsim.from_responses({"Vpcs": [{"VpcId": "vpc-1", "Tags": {1, 2}}]})
    assert (e.value.code, e.value.pointer) == ("vpcsim.import.wrong_type", "/Vpcs/0/Tags")
    with pytest.raises(vpcsim.InputError) as e:
        vpcsim.from_responses({"Vpcs": [{"VpcId": "vpc-1", "Weight": float("nan")}]})
    assert e.value.code == "vpcsim.import.bad_value"


def test_nesting_past_the_depth_limit_raises_too_deep_before_the_library_sees_it():
    deep = current = {}
    for _ in range(100):
        current["x"] = {}
        current = current["x"]
    with pytest.raises(vpcsim.InputError) as e:
        vpcsim.from_responses({"Vpcs": [deep]})
    assert e.value.code == "vpcsim.import.too_deep"


def test_a_response_that_is_not_an_object_raises_wrong_type():
    with pytest.raises(vpcsim.InputError) as e:
        vpcsim.from_responses([["not", "a", "response"]])
    assert e.value.code == "vpcsim.import.wrong_type"
    assert e.value.file == "responses[0]"


def test_intents_that_break_the_contract_raise_input_error_naming_the_intent():
    net = vpcsim.load(SEED_CAPTURE)
    with pytest.raises(vpcsim.InputError) as e:
        net.check([{"name": "x", "from": I_APP, "to": "s3", "expect": "sometimes"}])
    assert e.value.code.startswith("vpcsim.intents.")
    assert e.value.pointer.startswith("/intents/0")


def test_a_selector_that_matches_nothing_in_a_matrix_raises_usage_error():
    with pytest.raises(vpcsim.UsageError) as e:
        vpcsim.load(SEED_CAPTURE).matrix(["tag:Team=nobody"])
    assert e.value.code == "vpcsim.selector.no_match"
