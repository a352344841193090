"""`vpcsim.capture`: the README's AWS CLI loop with boto3 paginators. Tested with a fake session whose
client answers in the shapes of EC2's API (each response checked against botocore's model of the
operation), page by page, and against moto's EC2 where moto is installed."""

import datetime
import json
import re

import pytest

import vpcsim
from vpcsim import _capture
from conftest import DESIGNS, ROOT, SCENARIOS, SEED_DESIGN

boto3 = pytest.importorskip("boto3", reason="boto3 (Debian python3-boto3) is not installed")
from botocore.validate import validate_parameters  # noqa: E402


def conform(value, shape, dropped, where=""):
    """`value` without the members `shape` does not have (recording them in `dropped`): what EC2
    returns of data vpcsim's writer produced."""
    if shape.type_name == "structure" and isinstance(value, dict):
        kept = {}
        for k, v in value.items():
            if k in shape.members:
                kept[k] = conform(v, shape.members[k], dropped, f"{where}.{k}")
            else:
                dropped.add(f"{where}.{k}")
        return kept
    if shape.type_name == "list" and isinstance(value, list):
        return [conform(v, shape.member, dropped, f"{where}[]") for v in value]
    return value


class FakePaginator:
    def __init__(self, client, operation):
        self.client, self.operation = client, operation

    def paginate(self, **arguments):
        token = None
        while True:
            page = self.client.call(self.operation, dict(arguments, **({"NextToken": token} if token else {})))
            yield page
            token = page.get("NextToken")
            if not token:
                return


class FakeEC2:
    """An EC2 client over canned data: list results in pages of `page_size`, with NextToken, as EC2
    pages them; every response validated against botocore's output shape of its operation."""

    def __init__(self, data, region, page_size=1):
        real = boto3.session.Session(region_name=region, aws_access_key_id="testing",
                                     aws_secret_access_key="testing").client("ec2")
        self.real, self.data, self.page_size, self.calls, self.dropped = real, data, page_size, [], set()

    def can_paginate(self, operation):
        return self.real.can_paginate(operation)

    def get_paginator(self, operation):
        assert self.can_paginate(operation), operation
        return FakePaginator(self, operation)

    def __getattr__(self, operation):
        if not operation.startswith(("describe_", "search_", "get_")):
            raise AttributeError(operation)
        return lambda **arguments: self.call(operation, arguments)

    def call(self, operation, arguments):
        self.calls.append((operation, arguments))
        model = self.real.meta.service_model.operation_model(self.real.meta.method_to_api_mapping[operation])
        validate_parameters(arguments, model.input_shape)
        response = conform(self.answer(operation, arguments, model.output_shape), model.output_shape, self.dropped)
        validate_parameters(response, model.output_shape)
        response["ResponseMetadata"] = {"RequestId": "fake", "HTTPStatusCode": 200, "HTTPHeaders": {},
                                        "RetryAttempts": 0}
        return response

    def answer(self, operation, arguments, shape):
        if operation == "describe_vpc_attribute":
            key = {"enableDnsSupport": "EnableDnsSupport", "enableDnsHostnames": "EnableDnsHostnames"}
            attribute = key[arguments["Attribute"]]
            value = self.data["attributes"].get((arguments["VpcId"], attribute), True)
            return {"VpcId": arguments["VpcId"], attribute: {"Value": value}}
        if operation == "search_transit_gateway_routes":
            assert arguments["Filters"] == [{"Name": "type", "Values": ["static"]}]
            entry = self.data["static"][arguments["TransitGatewayRouteTableId"]]
            return {"Routes": entry.get("Routes", []), "AdditionalRoutesAvailable": False}
        if operation == "get_transit_gateway_route_table_propagations":
            entry = self.data["propagations"][arguments["TransitGatewayRouteTableId"]]
            items = entry.get("TransitGatewayRouteTablePropagations", [])
            return self.page({"TransitGatewayRouteTablePropagations": items}, arguments)
        if operation == "get_managed_prefix_list_entries":
            return self.page({"Entries": self.data["entries"][arguments["PrefixListId"]]}, arguments)
        return self.page({list_key(self.real, operation): self.data["ops"].get(operation, [])}, arguments)

    def page(self, response, arguments):
        if not self.page_size:
            return response
        [(key, items)] = response.items()
        start = int(arguments.get("NextToken", "0"))
        end = start + self.page_size
        page = {key: items[start:end]}
        if end < len(items):
            page["NextToken"] = str(end)
        return page


class FakeSession:
    region_name = "us-east-1"

    def __init__(self, data, page_size=1):
        self.data, self.page_size, self.clients = data, page_size, []

    def client(self, service, region_name=None):
        assert service == "ec2"
        self.clients.append(FakeEC2(self.data, region_name, self.page_size))
        return self.clients[-1]


def list_key(client, operation):
    """The list an EC2 describe call answers with (`Vpcs`), from botocore's model of it."""
    model = client.meta.service_model.operation_model(client.meta.method_to_api_mapping[operation])
    [key] = [m for m, shape in model.output_shape.members.items() if shape.type_name == "list"]
    return key


def empty_data():
    return {"ops": {}, "static": {}, "propagations": {}, "attributes": {}, "entries": {}}


def canned(net):
    """The describe-* data of a network, from vpcsim's own writer, indexed as EC2 answers it."""
    client = boto3.session.Session(region_name="us-east-1", aws_access_key_id="testing",
                                   aws_secret_access_key="testing").client("ec2")
    keys = {op: list_key(client, op) for _, op in _capture.DESCRIBE_CALLS}
    data = empty_data()
    for path, response in sorted(net.to_responses().items()):
        if "VpcId" in response:
            for attribute in ("EnableDnsSupport", "EnableDnsHostnames"):
                if attribute in response:
                    data["attributes"][(response["VpcId"], attribute)] = response[attribute]["Value"]
            continue
        for key, items in response.items():
            if key == "TransitGatewayStaticRoutes":
                data["static"].update({e["TransitGatewayRouteTableId"]: e for e in items})
            elif key == "TransitGatewayPropagations":
                data["propagations"].update({e["TransitGatewayRouteTableId"]: e for e in items})
            else:
                for op in [op for op, k in keys.items() if k == key]:
                    data["ops"].setdefault(op, []).extend(items)
                if key == "PrefixLists":  # describe-managed-prefix-lists names AWS as the owner of its lists
                    data["ops"]["describe_managed_prefix_lists"] = [
                        {"OwnerId": "AWS", **p} for p in data["ops"]["describe_managed_prefix_lists"]]
                if key == "PrefixLists":  # a customer-managed list's entries: get-managed-prefix-list-entries
                    for p in items:
                        if p.get("OwnerId", "AWS") != "AWS":
                            data["entries"][p["PrefixListId"]] = [{"Cidr": c} for c in p.get("Cidrs", [])]
    return data


def canned_capture(directory):
    """The responses of a capture made by the README's recipe, indexed by the call that made each."""
    data = empty_data()
    calls = dict(_capture.DESCRIBE_CALLS)
    for path in sorted(directory.glob("*.json")):
        response = json.loads(path.read_text())
        name = path.stem
        if name in calls:
            [items] = [v for v in response.values() if isinstance(v, list)]
            data["ops"][calls[name]] = items
        elif name.startswith("tgw-routes-"):
            data["static"].update({e["TransitGatewayRouteTableId"]: e for e in response["TransitGatewayStaticRoutes"]})
        elif name.startswith("tgw-propagations-"):
            data["propagations"].update({e["TransitGatewayRouteTableId"]: e
                                         for e in response["TransitGatewayPropagations"]})
        elif name.startswith("prefix-list-entries-"):
            data["entries"][response["PrefixListId"]] = response["Entries"]
        elif name.startswith(("dns-support-", "dns-hostnames-")):
            for attribute in ("EnableDnsSupport", "EnableDnsHostnames"):
                if attribute in response:
                    data["attributes"][(response["VpcId"], attribute)] = response[attribute]["Value"]
        else:
            raise AssertionError(f"{path.name} is not a file of the README's recipe")
    return data


def flows(net):
    sources = net.sources()
    return [(s, d) for s in sources for d in ["s3", "ecr", "203.0.113.25"] + sources if s != d]


@pytest.mark.parametrize("design", [SEED_DESIGN, DESIGNS / "transit-gateway-central-egress.jsonc"],
                         ids=lambda p: p.stem)
def test_a_capture_through_a_paginating_session_traces_like_its_source(tmp_path, design):
    source = vpcsim.load(design)
    data = canned(source)
    for reservation in data["ops"].get("describe_instances", []):
        for instance in reservation["Instances"]:
            instance["LaunchTime"] = datetime.datetime(2026, 3, 4, 5, 6, 7, tzinfo=datetime.timezone.utc)
    session = FakeSession(data)
    written = vpcsim.capture(session, regions=["us-east-1"], out=tmp_path)
    assert all(p.parent == tmp_path / "us-east-1" for p in written)
    captured = vpcsim.load(tmp_path)
    for src, dst in flows(source):
        assert captured.trace(src, dst).to_dict() == source.trace(src, dst).to_dict(), f"{src} -> {dst}"
    assert not [d for d in captured.diagnostics if d.level == "warning"], [str(d) for d in captured.diagnostics]
    # Every page was asked for: one call per item, the next with the token the last gave.
    subnet_calls = [a for op, a in session.clients[0].calls if op == "describe_subnets"]
    assert len(subnet_calls) == len(data["ops"]["describe_subnets"]) > 1
    assert [a.get("NextToken") for a in subnet_calls][:2] == [None, "1"]


def test_a_capture_of_the_readme_recipe_account_writes_the_recipe_files_and_traces_alike(tmp_path):
    # tests/data/scenarios/capture-recipe is what the README's AWS CLI recipe wrote for a small
    # account (a customer-managed prefix list included): capture() through a session answering
    # with those responses writes the same files, which load to the same answers.
    recipe = SCENARIOS / "capture-recipe" / "us-east-1"
    session = FakeSession(canned_capture(recipe), page_size=2)
    written = vpcsim.capture(session, regions=["us-east-1"], out=tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in recipe.glob("*.json"))
    original, captured = vpcsim.load(recipe.parent), vpcsim.load(tmp_path)
    assert [str(d) for d in captured.diagnostics] == [str(d).replace(str(recipe), str(tmp_path / "us-east-1"))
                                                      for d in original.diagnostics]
    destinations = ["s3", "ecr", "dynamodb", "198.51.100.7", "203.0.113.25"] + original.sources()
    for src in original.sources():
        for dst in destinations:
            if src != dst:
                assert captured.trace(src, dst).to_dict() == original.trace(src, dst).to_dict(), f"{src} -> {dst}"
    entries_calls = [a for op, a in session.clients[0].calls if op == "get_managed_prefix_list_entries"]
    assert [a["PrefixListId"] for a in entries_calls] == ["pl-0a1b2c3d4e5f60718"]


def test_the_capture_writes_the_files_of_the_readme_loop(tmp_path):
    source = vpcsim.load(DESIGNS / "transit-gateway-central-egress.jsonc")
    written = vpcsim.capture(FakeSession(canned(source), page_size=0), regions=["us-east-1"], out=tmp_path,
                             account="111122223333")
    names = {p.name for p in written}
    readme = (ROOT / "README.md").read_text()
    loop = re.search(r"for c in (.*?); do", readme, re.S).group(1).replace("\\\n", " ").split()
    assert [name for name, _ in _capture.DESCRIBE_CALLS] == loop
    assert {f"{c}.json" for c in loop} <= names
    tables = [t["TransitGatewayRouteTableId"] for t in canned(source)["ops"]["describe_transit_gateway_route_tables"]]
    vpcs = [v["VpcId"] for v in canned(source)["ops"]["describe_vpcs"]]
    assert {f"tgw-routes-{t}.json" for t in tables} | {f"tgw-propagations-{t}.json" for t in tables} <= names
    assert {f"dns-support-{v}.json" for v in vpcs} | {f"dns-hostnames-{v}.json" for v in vpcs} <= names
    assert len(names) == len(loop) + 2 * len(tables) + 2 * len(vpcs)
    assert "for p in $(aws ec2 describe-managed-prefix-lists" in readme  # the entries loop, tested above
    assert all(p.parent == tmp_path / "111122223333" / "us-east-1" for p in written)


def test_a_session_without_a_region_needs_regions(tmp_path):
    class NoRegion(FakeSession):
        region_name = None

    with pytest.raises(ValueError, match="regions"):
        vpcsim.capture(NoRegion({}), out=tmp_path)


def test_a_capture_of_moto_ec2_loads_and_traces(tmp_path, monkeypatch):
    moto = pytest.importorskip("moto", reason="moto is not packaged in Debian 12: the capture is tested against "
                                              "moto only where it is installed (the fake session covers CI)")
    mock = getattr(moto, "mock_aws", None) or getattr(moto, "mock_ec2")
    for k, v in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                 "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(k, v)
    with mock():
        session = boto3.session.Session(region_name="us-east-1")
        ec2 = session.client("ec2")
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]
        instance = ec2.run_instances(ImageId="ami-12345678", MinCount=1, MaxCount=1, SubnetId=subnet["SubnetId"],
                                     PrivateIpAddress="10.0.1.10")["Instances"][0]["InstanceId"]
        vpcsim.capture(session, regions=["us-east-1"], out=tmp_path)
    answer = vpcsim.load(tmp_path).trace(instance, "s3")
    assert answer.blocked_by.code == "NO_ROUTE_TO_DESTINATION"
