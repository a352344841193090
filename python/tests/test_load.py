"""Loading: AWS CLI captures, designs from files and from dicts, boto3-shaped responses."""

import datetime
import json

import pytest

import vpcsim
from conftest import I_APP, SCENARIOS, SEED_CAPTURE, SEED_DESIGN


def capture_responses(directory):
    """The example capture's files as the dicts boto3 would return (one response each)."""
    return {p.name: json.loads(p.read_text()) for p in sorted(directory.glob("*.json"))}


def test_a_capture_directory_loads_and_traces_an_image_pull():
    net = vpcsim.load(SEED_CAPTURE)
    answer = net.trace(I_APP, "ecr")
    assert answer.reachable
    assert [leg.to for leg in answer.legs] == ["ecr.api", "ecr.dkr", "s3"]


def test_a_design_file_loads_and_its_names_are_sources():
    net = vpcsim.load(SEED_DESIGN)
    answer = net.trace("app-1", "ecr.api")
    assert answer.reachable and answer.via == "interface-endpoint"
    assert net.name_of(answer.path[0].component) == "app-1"
    assert net.id_of("app-1") == answer.path[0].component


def test_a_design_built_as_a_dict_in_code_loads_without_the_marker():
    spec = {
        "region": "us-east-1",
        "vpcs": [{"name": "v", "cidr": "10.0.0.0/16"}],
        "subnets": [{"name": "a", "cidr": "10.0.1.0/24", "az": "a"}],
        "route_tables": [{"name": "rt", "subnets": ["a"]}],
        "endpoints": [{"name": "s3", "service": "s3", "route_tables": ["rt"]}],
        "instances": [{"name": "box", "subnet": "a", "ip": "10.0.1.5"}],
    }
    net = vpcsim.design(spec)
    assert net.trace("box", "s3").via == "gateway-endpoint"
    assert net.trace("box", "dynamodb").blocked_by.code == "NO_ROUTE_TO_DESTINATION"


def test_a_design_given_as_text_with_comments_loads():
    net = vpcsim.design(SEED_DESIGN.read_text())
    assert net.trace("app-1", "ecr").reachable


def test_boto3_responses_with_datetimes_and_metadata_load_like_the_capture_files():
    responses = list(capture_responses(SEED_CAPTURE / "us-east-1").values())
    for r in responses:
        r["ResponseMetadata"] = {"RequestId": "x", "HTTPStatusCode": 200, "HTTPHeaders": {}, "RetryAttempts": 0}
    for reservation in next(r for r in responses if "Reservations" in r)["Reservations"]:
        for instance in reservation["Instances"]:
            instance["LaunchTime"] = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    net = vpcsim.from_responses(responses, region="us-east-1")
    expected = vpcsim.load(SEED_CAPTURE).trace(I_APP, "ecr").to_dict()
    assert net.trace(I_APP, "ecr").to_dict() == expected
    assert not [d for d in net.diagnostics if d.code == "vpcsim.import.unknown_key"]


def test_several_pages_of_one_call_are_read_together():
    files = capture_responses(SEED_CAPTURE / "us-east-1")
    subnets = files.pop("Subnets.json")["Subnets"]
    assert len(subnets) >= 2
    pages = [{"Subnets": subnets[:1], "NextToken": "t1"}, {"Subnets": subnets[1:]}]
    net = vpcsim.from_responses(pages + list(files.values()), region="us-east-1")
    assert net.trace(I_APP, "ecr").to_dict() == vpcsim.load(SEED_CAPTURE).trace(I_APP, "ecr").to_dict()


def test_without_the_page_that_holds_its_subnet_the_instance_is_warned_about():
    files = capture_responses(SEED_CAPTURE / "us-east-1")
    subnets = files.pop("Subnets.json")["Subnets"]
    net = vpcsim.from_responses([{"Subnets": subnets[1:]}] + list(files.values()), region="us-east-1")
    assert "vpcsim.validate.missing_subnet" in {d.code for d in net.diagnostics}


def test_one_merged_bundle_loads_as_one_response():
    bundle = json.loads((SCENARIOS / "peering" / "us-east-1" / "capture.json").read_text())
    net = vpcsim.from_responses(bundle, region="us-east-1")
    assert net.trace(I_APP, "i-0b55555555555555e", 5432).via == "peering"


def test_to_responses_round_trips_a_design_through_from_responses():
    net = vpcsim.load(SEED_DESIGN)
    again = vpcsim.from_responses(net.to_responses())
    assert again.trace("app-1", "ecr").to_dict() == net.trace("app-1", "ecr").to_dict()


def test_warnings_of_a_load_are_diagnostics_with_code_and_location():
    net = vpcsim.from_responses({"Vpcs": [], "LoadBalancers": []}, region="us-east-1")
    [d] = [d for d in net.diagnostics if d.code == "vpcsim.import.unsupported_resource"]
    assert (d.level, d.file, d.pointer) == ("warning", "response", "/LoadBalancers")
    assert str(d).startswith("[vpcsim.import.unsupported_resource] response /LoadBalancers")


def test_labelled_responses_take_a_list_of_pages_per_call_and_errors_name_the_page():
    files = capture_responses(SEED_CAPTURE / "us-east-1")
    subnets = files.pop("Subnets.json")["Subnets"]
    calls = {"describe_subnets": [{"Subnets": subnets[:1], "NextToken": "t"}, {"Subnets": subnets[1:]}]}
    calls.update({f"describe_{name[:-5].lower()}": response for name, response in files.items()})
    net = vpcsim.from_responses(calls, region="us-east-1")
    assert net.trace(I_APP, "ecr").to_dict() == vpcsim.load(SEED_CAPTURE).trace(I_APP, "ecr").to_dict()
    calls["describe_subnets"][1] = {"Subnets": [{"SubnetId": "subnet-0bad"}]}
    with pytest.raises(vpcsim.InputError) as e:
        vpcsim.from_responses(calls, region="us-east-1")
    assert (e.value.file, e.value.pointer) == ("describe_subnets[1]", "/Subnets/0")


def test_a_bundle_keyed_by_aws_keys_is_one_response_not_labelled_ones():
    bundle = json.loads((SCENARIOS / "peering" / "us-east-1" / "capture.json").read_text())
    assert all(k[0].isupper() for k in bundle)
    with pytest.raises(vpcsim.InputError) as e:
        vpcsim.from_responses({**bundle, "Subnets": [{"SubnetId": "subnet-0bad"}]}, region="us-east-1")
    assert e.value.file == "response"
