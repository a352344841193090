"""`vpcsim.capture`: the README's AWS CLI loop with boto3 paginators. Tested with a fake session whose
client answers in the shapes of EC2's, Route 53's and Route 53 Resolver's APIs (each request and
response checked against botocore's model of the operation), page by page with each paginator's
tokens, and against moto where moto is installed."""

import contextlib
import datetime
import functools
import json
import re

import pytest

import vpcsim
from vpcsim import _capture
from conftest import DESIGNS, ROOT, SCENARIOS, SEED_DESIGN

boto3 = pytest.importorskip("boto3", reason="boto3 (Debian python3-boto3) is not installed")
import botocore.session  # noqa: E402
from botocore.validate import ParamValidator, validate_parameters  # noqa: E402


def validate_response(response, shape):
    """`response` has the members, types and required fields of `shape`. Lengths are not checked:
    the model's minimums are for requests, and AWS answers with empty strings where a request may
    not (list-resolver-rules: the autodefined rules' CreatorRequestId is "")."""
    report = ParamValidator().validate(response, shape)
    errors = [e for e in report._errors if e[0] != "invalid length"]
    assert not errors, errors


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


@functools.lru_cache(maxsize=None)
def real_client(service, region):
    """A boto3 client, for botocore's models of `service` only (never called): one per service and
    region, since building one loads the models from disk."""
    return boto3.session.Session(region_name=region, aws_access_key_id="testing",
                                 aws_secret_access_key="testing").client(service)


@functools.lru_cache(maxsize=None)
def paginator_model(service):
    return botocore.session.get_session().get_paginator_model(service)


def pagination(client, operation):
    """botocore's paginator model of `operation` (its tokens), or None."""
    if not client.can_paginate(operation):
        return None
    model = paginator_model(client.meta.service_model.service_name)
    config = model.get_paginator(client.meta.method_to_api_mapping[operation])
    listed = lambda t: t if isinstance(t, list) else [t]  # noqa: E731
    return listed(config["input_token"]), listed(config["output_token"]), config.get("more_results")


class FakePaginator:
    """Pages as boto3's paginator does, with the tokens botocore's model of the operation names
    (EC2's and Resolver's NextToken, Route 53's Marker/NextMarker and StartRecordName/…)."""

    def __init__(self, client, operation):
        self.client, self.operation = client, operation

    def paginate(self, **arguments):
        inputs, outputs, more = pagination(self.client.real, self.operation)
        tokens = {}
        while True:
            page = self.client.call(self.operation, dict(arguments, **tokens))
            yield page
            if (more and not page.get(more)) or not page.get(outputs[0]):
                return
            tokens = {i: page[o] for i, o in zip(inputs, outputs) if page.get(o)}


class FakeClient:
    """An EC2, Route 53 or Route 53 Resolver client over canned data: list results in pages of
    `page_size`, with the paging tokens of botocore's paginator model, as AWS pages them; every
    request and response validated against botocore's model of its operation."""

    def __init__(self, data, service, region, page_size=1):
        real = real_client(service, region)
        self.service, self.region = service, region
        self.real, self.data, self.page_size, self.calls, self.dropped = real, data, page_size, [], set()

    def can_paginate(self, operation):
        return self.real.can_paginate(operation)

    def get_paginator(self, operation):
        assert self.can_paginate(operation), operation
        return FakePaginator(self, operation)

    def __getattr__(self, operation):
        if not operation.startswith(("describe_", "search_", "get_", "list_")):
            raise AttributeError(operation)
        assert operation in self.real.meta.method_to_api_mapping, f"{self.service} has no {operation}"
        return lambda **arguments: self.call(operation, arguments)

    def call(self, operation, arguments):
        self.calls.append((operation, arguments))
        model = self.real.meta.service_model.operation_model(self.real.meta.method_to_api_mapping[operation])
        validate_parameters(arguments, model.input_shape)
        response = conform(self.answer(operation, arguments, model.output_shape), model.output_shape, self.dropped)
        validate_response(response, model.output_shape)
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
            entry = self.data["static"].get(arguments["TransitGatewayRouteTableId"], {})  # a table without static routes
            return {"Routes": entry.get("Routes", []), "AdditionalRoutesAvailable": False}
        if operation == "get_transit_gateway_route_table_propagations":
            entry = self.data["propagations"].get(arguments["TransitGatewayRouteTableId"], {})
            items = entry.get("TransitGatewayRouteTablePropagations", [])
            return self.page(operation, {"TransitGatewayRouteTablePropagations": items}, arguments)
        if operation == "get_managed_prefix_list_entries":
            return self.page(operation, {"Entries": self.data["entries"][arguments["PrefixListId"]]}, arguments)
        if operation == "get_hosted_zone":
            assert not arguments["Id"].startswith("/"), "the README strips /hostedzone/ from the zone's id"
            return self.data["zones"][arguments["Id"]]
        if operation == "list_resource_record_sets":
            assert not arguments["HostedZoneId"].startswith("/")
            page = self.page(operation, {"ResourceRecordSets": self.data["records"][arguments["HostedZoneId"]]},
                             arguments)
            return {**page, "MaxItems": str(self.page_size or 300)}
        page = self.page(operation, {list_key(self.real, operation): self.data["ops"].get(operation, [])}, arguments)
        if operation == "list_hosted_zones":
            page.update(Marker=arguments.get("Marker", ""), MaxItems=str(self.page_size or 100))
        return page

    def page(self, operation, response, arguments):
        tokens = pagination(self.real, operation)
        if not tokens:
            return response
        inputs, outputs, more = tokens
        [(key, items)] = response.items()
        if not self.page_size:
            return {key: items, **({more: False} if more else {})}
        start = int(arguments.get(inputs[0], "0"))
        end = start + self.page_size
        page = {key: items[start:end]}
        if more:
            page[more] = end < len(items)
        if end < len(items):  # an opaque token: the offset of the next page (a record's type beside it)
            page[outputs[0]] = str(end)
            if "NextRecordType" in outputs:
                page["NextRecordType"] = items[end]["Type"]
        return page


# Route 53 is global: the services each region of a capture asks, and Route 53 once.
SERVICES = ("ec2", "route53resolver", "route53")


class FakeSession:
    region_name = "us-east-1"

    def __init__(self, data, page_size=1):
        self.data, self.page_size, self.clients = data, page_size, []

    def client(self, service, region_name=None):
        assert service in SERVICES, service
        self.clients.append(FakeClient(self.data, service, region_name, self.page_size))
        return self.clients[-1]

    def calls(self, service, operation):
        return [a for c in self.clients if c.service == service for op, a in c.calls if op == operation]


def list_key(client, operation):
    """The list a describe or list call answers with (`Vpcs`, `HostedZones`), from botocore's model of it."""
    model = client.meta.service_model.operation_model(client.meta.method_to_api_mapping[operation])
    [key] = [m for m, shape in model.output_shape.members.items() if shape.type_name == "list"]
    return key


def empty_data():
    return {"ops": {}, "static": {}, "propagations": {}, "attributes": {}, "entries": {}, "zones": {},
            "records": {}}


def list_keys():
    """The list each call of the capture answers with: `Vpcs` -> [describe_vpcs], `HostedZones` -> …"""
    keys = {}
    calls = [("ec2", op) for _, op in _capture.DESCRIBE_CALLS] + [(s, op) for _, s, op in _capture.RESOLVER_CALLS]
    for service, op in calls + [("route53", "list_hosted_zones")]:
        keys.setdefault(list_key(real_client(service, "us-east-1"), op), []).append(op)
    return keys


def zone_id(response):
    return response["HostedZone"]["Id"].removeprefix("/hostedzone/")


def canned(net):
    """The describe-* and DNS data of a network, from vpcsim's own writer, indexed as AWS answers it."""
    keys = list_keys()
    data = empty_data()
    for path, response in sorted(net.to_responses().items()):
        if "VpcId" in response:
            for attribute in ("EnableDnsSupport", "EnableDnsHostnames"):
                if attribute in response:
                    data["attributes"][(response["VpcId"], attribute)] = response[attribute]["Value"]
            continue
        if "HostedZone" in response:  # get-hosted-zone
            data["zones"][zone_id(response)] = response
            continue
        if "ResourceRecordSets" in response:  # list-resource-record-sets, tagged with its zone
            data["records"][response["HostedZoneId"]] = response["ResourceRecordSets"]
            continue
        for key, items in response.items():
            if key == "TransitGatewayStaticRoutes":
                data["static"].update({e["TransitGatewayRouteTableId"]: e for e in items})
            elif key == "TransitGatewayPropagations":
                data["propagations"].update({e["TransitGatewayRouteTableId"]: e for e in items})
            else:
                for op in keys.get(key, []):
                    data["ops"].setdefault(op, []).extend(items)
                if key == "PrefixLists":  # describe-managed-prefix-lists names AWS as the owner of its lists
                    data["ops"]["describe_managed_prefix_lists"] = [
                        {"OwnerId": "AWS", **p} for p in data["ops"]["describe_managed_prefix_lists"]]
                if key == "PrefixLists":  # a customer-managed list's entries: get-managed-prefix-list-entries
                    for p in items:
                        if p.get("OwnerId", "AWS") != "AWS":
                            data["entries"][p["PrefixListId"]] = [{"Cidr": c} for c in p.get("Cidrs", [])]
    return data


def canned_capture(*directories):
    """The responses of a capture made by the README's recipe, indexed by the call that made each."""
    data = empty_data()
    calls = dict(_capture.DESCRIBE_CALLS)
    calls.update({name: op for name, _, op in _capture.RESOLVER_CALLS}, **{"hosted-zones": "list_hosted_zones"})
    for path in sorted(p for d in directories for p in d.glob("*.json")):
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
        elif name.startswith("hosted-zone-"):
            data["zones"][zone_id(response)] = response
        elif name.startswith("record-sets-"):
            data["records"][response["HostedZoneId"]] = response["ResourceRecordSets"]
        else:
            raise AssertionError(f"{path.name} is not a file of the README's recipe")
    return data


def without_changes(answer):
    """An answer's dict without `blocked_by.changes`, which each input writes in its own terms: a
    design's edits, a capture's AWS CLI commands (design.md `changes`)."""
    if answer.get("blocked_by"):
        answer["blocked_by"].pop("changes", None)
    for leg in answer.get("legs", []):
        without_changes(leg)
    return answer


def flows(net):
    sources = net.sources()
    return [(s, d) for s in sources for d in ["s3", "ecr", "203.0.113.25"] + sources if s != d]


@pytest.mark.parametrize("design", [SEED_DESIGN, DESIGNS / "transit-gateway-central-egress.jsonc",
                                    DESIGNS / "centralized-interface-endpoints.jsonc"],
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
    # The recipe does not capture a hosted zone's tags (its Name): the answers are those of the
    # design's responses, which lack them as well.
    reference = vpcsim.from_responses(source.to_responses()) if data["zones"] else source
    for src, dst in flows(source):
        assert without_changes(captured.trace(src, dst).to_dict()) == without_changes(reference.trace(src, dst).to_dict()), \
            f"{src} -> {dst}"
    assert not [d for d in captured.diagnostics if d.level == "warning"], [str(d) for d in captured.diagnostics]
    # Every page was asked for: one call per item, the next with the token the last gave.
    subnet_calls = [a for op, a in session.clients[0].calls if op == "describe_subnets"]
    assert len(subnet_calls) == len(data["ops"]["describe_subnets"]) > 1
    assert [a.get("NextToken") for a in subnet_calls][:2] == [None, "1"]
    # Route 53's pages too, with its own tokens (Marker; StartRecordName and StartRecordType).
    for zone, records in data["records"].items():
        record_calls = [a for a in session.calls("route53", "list_resource_record_sets") if a["HostedZoneId"] == zone]
        assert len(record_calls) == max(len(records), 1)
        assert all("StartRecordType" in a for a in record_calls[1:])
    zone_calls = session.calls("route53", "list_hosted_zones")
    assert len(zone_calls) == max(len(data["ops"].get("list_hosted_zones", [])), 1)
    assert [a.get("Marker") for a in zone_calls][1:2] in ([], ["1"])


def test_a_capture_through_a_private_hosted_zone_resolves_as_its_source(tmp_path):
    # A spoke reaches the hub's interface endpoint through a private hosted zone associated with it
    # (get-hosted-zone's VPCs) and an alias record (list-resource-record-sets): the captured zone
    # answers as the design's does, naming the zone and record that answered.
    source = vpcsim.load(DESIGNS / "centralized-interface-endpoints.jsonc")
    data = canned(source)
    assert data["zones"] and data["records"] and any(z.get("VPCs") for z in data["zones"].values())
    session = FakeSession(data, page_size=1)
    vpcsim.capture(session, regions=["us-east-1"], out=tmp_path)
    captured = vpcsim.load(tmp_path)
    want, got = source.trace("app-a", "ecr.api"), captured.trace("app-a", "ecr.api")
    assert got.to_dict() == vpcsim.from_responses(source.to_responses()).trace("app-a", "ecr.api").to_dict()
    assert got.resolved.zone and got.resolved.zone == want.resolved.zone
    assert got.resolved.record == want.resolved.record
    assert got.resolved.address == want.resolved.address
    assert got.reachable and want.reachable
    assert [h.component for h in got.path] == [h.component for h in want.path]


def test_a_capture_of_the_readme_recipe_account_writes_the_recipe_files_and_traces_alike(tmp_path):
    # tests/data/scenarios/capture-recipe and capture-recipe-dns are what the README's AWS CLI
    # recipe wrote for a small account (a customer-managed prefix list, a private hosted zone, a
    # Resolver FORWARD rule included): capture() through a session answering with those responses
    # writes the same files, which load to the same answers.
    recipe = [SCENARIOS / d / "us-east-1" for d in ("capture-recipe", "capture-recipe-dns")]
    session = FakeSession(canned_capture(*recipe), page_size=2)
    out = tmp_path / "captured"
    written = vpcsim.capture(session, regions=["us-east-1"], out=out)
    assert sorted(p.name for p in written) == sorted(p.name for d in recipe for p in d.glob("*.json"))
    both = tmp_path / "recipe" / "us-east-1"
    both.mkdir(parents=True)
    for path in [p for d in recipe for p in d.glob("*.json")]:
        (both / path.name).write_bytes(path.read_bytes())
    original, captured = vpcsim.load(both.parent), vpcsim.load(out)
    assert [str(d) for d in captured.diagnostics] == [str(d).replace(str(both), str(out / "us-east-1"))
                                                      for d in original.diagnostics]
    assert not [d for d in captured.diagnostics if d.level == "warning"], [str(d) for d in captured.diagnostics]
    # The private zone answers in its VPC; the FORWARD rule's domain goes where vpcsim cannot see.
    app = "i-0b11111111111111a"  # in vpc-0e1a2b3c4d5e6f701, the zone's and the rule's VPC
    db = captured.trace(app, "db.corp.internal")
    assert db.resolved.address == "10.0.2.25" and db.resolved.zone
    assert db.to_dict() == original.trace(app, "db.corp.internal").to_dict()
    onprem = captured.trace(app, "files.onprem.example.com")
    assert onprem.to_dict() == original.trace(app, "files.onprem.example.com").to_dict()
    assert "DNS_FORWARDED" in json.dumps(onprem.to_dict())
    destinations = ["s3", "ecr", "dynamodb", "198.51.100.7", "203.0.113.25", "db.corp.internal",
                    "files.onprem.example.com"] + original.sources()
    for src in original.sources():
        for dst in destinations:
            if src != dst:
                assert captured.trace(src, dst).to_dict() == original.trace(src, dst).to_dict(), f"{src} -> {dst}"
    entries_calls = session.calls("ec2", "get_managed_prefix_list_entries")
    assert [a["PrefixListId"] for a in entries_calls] == ["pl-0a1b2c3d4e5f60718"]
    assert [a["Id"] for a in session.calls("route53", "get_hosted_zone")] == ["Z04512343KLMNOPQRSTUV"]


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
    # The DNS calls: one file each per region, and Route 53's (global) files once.
    dns = re.findall(r"^aws (ec2|route53resolver) ([a-z-]+) --region us-east-1 --output json > ([a-z-]+)\.json$",
                     readme, re.M)
    assert [(name, service, operation.replace("-", "_")) for service, operation, name in dns] == \
        _capture.RESOLVER_CALLS
    assert "aws route53 list-hosted-zones --output json > hosted-zones.json" in readme
    assert "aws route53 get-hosted-zone --id $z --output json > hosted-zone-$z.json" in readme
    assert "jq --arg z $z '. + {HostedZoneId: $z}' > record-sets-$z.json" in readme
    zones = [z["HostedZone"]["Id"].removeprefix("/hostedzone/") for z in canned(source)["zones"].values()]
    assert {f"{name}.json" for name, _, _ in _capture.RESOLVER_CALLS} | {"hosted-zones.json"} <= names
    assert {f"hosted-zone-{z}.json" for z in zones} | {f"record-sets-{z}.json" for z in zones} <= names
    assert len(names) == (len(loop) + 2 * len(tables) + 2 * len(vpcs) + len(_capture.RESOLVER_CALLS) + 1
                          + 2 * len(zones))
    assert "for p in $(aws ec2 describe-managed-prefix-lists" in readme  # the entries loop, tested above
    assert all(p.parent == tmp_path / "111122223333" / "us-east-1" for p in written)


def test_route53_is_captured_once_beside_the_first_regions_files(tmp_path):
    # Route 53 is a global service: asking it in every region would write its zones twice. The
    # zone's VPCs carry their region (VPCRegion), so one copy serves every region's VPCs.
    source = vpcsim.load(DESIGNS / "centralized-interface-endpoints.jsonc")
    session = FakeSession(canned(source), page_size=0)
    written = vpcsim.capture(session, regions=["us-east-1", "eu-west-1"], out=tmp_path)
    route53 = [p for p in written if p.name.startswith(("hosted-zone", "record-sets-"))]
    assert route53 and all(p.parent == tmp_path / "us-east-1" for p in route53)
    assert len(session.calls("route53", "list_hosted_zones")) == 1
    for region in ("us-east-1", "eu-west-1"):
        assert {f"{name}.json" for name, _, _ in _capture.RESOLVER_CALLS} <= \
            {p.name for p in written if p.parent == tmp_path / region}
    assert {c.region for c in session.clients if c.service == "route53resolver"} == {"us-east-1", "eu-west-1"}


def test_a_session_without_a_region_needs_regions(tmp_path):
    class NoRegion(FakeSession):
        region_name = None

    with pytest.raises(ValueError, match="regions"):
        vpcsim.capture(NoRegion({}), out=tmp_path)


def test_a_capture_of_moto_ec2_loads_and_traces(tmp_path, monkeypatch):
    moto = pytest.importorskip("moto", reason="moto is not packaged in Debian 12: the capture is tested against "
                                              "moto only where it is installed (the fake session covers CI)")
    mocks = [getattr(moto, "mock_aws", None)] if hasattr(moto, "mock_aws") else [  # moto < 5: one per service
        getattr(moto, f"mock_{s}", None) for s in ("ec2", "route53", "route53resolver")]
    if not all(mocks):
        pytest.skip("this moto does not mock EC2, Route 53 and Route 53 Resolver, which capture() asks")
    for k, v in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                 "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(k, v)
    with contextlib.ExitStack() as stack:
        for mock in mocks:
            stack.enter_context(mock())
        session = boto3.session.Session(region_name="us-east-1")
        ec2 = session.client("ec2")
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]
        instance = ec2.run_instances(ImageId="ami-12345678", MinCount=1, MaxCount=1, SubnetId=subnet["SubnetId"],
                                     PrivateIpAddress="10.0.1.10")["Instances"][0]["InstanceId"]
        vpcsim.capture(session, regions=["us-east-1"], out=tmp_path)
    answer = vpcsim.load(tmp_path).trace(instance, "s3")
    assert answer.blocked_by.code == "NO_ROUTE_TO_DESTINATION"
