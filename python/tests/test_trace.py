"""Answers: every `via`, the blocking codes of each kind of resource, composite ECR legs, options."""

import pytest

import vpcsim
from conftest import BROKEN_CAPTURE, DESIGNS, I_APP, SCENARIOS, SEED_CAPTURE

INTERNET = "203.0.113.25"


def design(name):
    return vpcsim.load(DESIGNS / f"{name}.jsonc")


def scenario(name):
    return vpcsim.load(SCENARIOS / name)


@pytest.mark.parametrize("net, src, dst, port, via", [
    (lambda: vpcsim.load(SEED_CAPTURE), I_APP, "ecr.api", 443, "interface-endpoint"),
    (lambda: vpcsim.load(SEED_CAPTURE), I_APP, "s3", 443, "gateway-endpoint"),
    (lambda: design("s3-dynamodb-gateway-with-nat"), "app-1", "sts", 443, "nat-gateway"),
    (lambda: design("public-subnet-igw"), "web-1", "s3", 443, "internet-gateway"),
    (lambda: scenario("sg-stateful-replies"), I_APP, "i-0b22222222222222b", 5432, "local"),
    (lambda: scenario("peering"), I_APP, "i-0b55555555555555e", 5432, "peering"),
    (lambda: design("transit-gateway-central-egress"), "app-a-1", "app-b-1", 443, "transit-gateway"),
], ids=["interface-endpoint", "gateway-endpoint", "nat-gateway", "internet-gateway", "local", "peering",
        "transit-gateway"])
def test_each_kind_of_reachable_answer_names_its_via(net, src, dst, port, via):
    answer = net().trace(src, dst, port)
    assert answer.reachable
    assert answer.via == via
    assert answer.blocked_by is None
    assert answer.path[0].kind in ("instance", "network-interface")


@pytest.mark.parametrize("net, src, dst, port, code, component", [
    (lambda: vpcsim.load(BROKEN_CAPTURE), I_APP, "ecr.api", 443, "SG_HAS_NO_RULES", "sg-0f22222222222222c"),
    (lambda: scenario("sg-endpoint-no-443"), I_APP, "ecr.api", 443, "ENI_SG_RULES_MISMATCH", "sg-0f22222222222222c"),
    (lambda: scenario("nacl-deny-before-allow"), I_APP, "s3", 443, "SUBNET_ACL_RESTRICTION", "acl-0d11111111111111b"),
    (lambda: scenario("route-no-route"), I_APP, "s3", 443, "NO_ROUTE_TO_DESTINATION", "rtb-"),
    (lambda: scenario("route-blackhole"), I_APP, INTERNET, 443, "BAD_STATE_ROUTE", "rtb-"),
    (lambda: scenario("instance-stopped"), I_APP, "s3", 443, "BAD_STATE", I_APP),
    (lambda: design("public-subnet-igw"), "web-2", "s3", 443, "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS", "i-"),
    (lambda: scenario("policy-explicit-deny"), I_APP, "ecr", 443, "ENDPOINT_POLICY_DENY", "vpce-0a1e0000000000a03"),
    (lambda: scenario("nat-private-to-igw"), I_APP, INTERNET, 443, "PRIVATE_NAT_NO_INTERNET", "nat-"),
    (lambda: scenario("appliance-loop"), I_APP, INTERNET, 443, "LOOP", "rtb-"),
    (lambda: design("transit-gateway-central-egress"), "app-a-2", INTERNET, 443, "TGW_ROUTE_AZ_RESTRICTION",
     "tgw-attach-"),
], ids=lambda v: v if isinstance(v, str) and v.isupper() else None)
def test_each_kind_of_blocked_answer_names_the_code_the_resource_the_rule_and_the_fix(net, src, dst, port, code,
                                                                                       component):
    answer = net().trace(src, dst, port)
    assert not answer.reachable
    assert answer.via is None
    assert answer.blocked_by.code == code
    assert answer.blocked_by.component.startswith(component)
    assert answer.blocked_by.rule and answer.blocked_by.message and answer.blocked_by.fix


def test_a_route_to_a_virtual_private_gateway_is_answered_as_unsupported_not_as_a_via():
    # The solver does not model paths through a VGW yet: the answer says so (UNSUPPORTED_COMPONENT)
    # with a warning, and never claims `via: virtual-private-gateway`.
    net = vpcsim.design({
        "region": "us-east-1", "vpcs": [{"name": "v", "cidr": "10.0.0.0/16"}],
        "subnets": [{"name": "a", "cidr": "10.0.1.0/24", "az": "a"}],
        "vpn_gateways": [{"name": "vgw", "vpc": "v"}],
        "route_tables": [{"name": "rt", "subnets": ["a"], "routes": [{"to": "192.168.0.0/16", "via": "vgw"}]}],
        "instances": [{"name": "box", "subnet": "a", "ip": "10.0.1.5"}],
    })
    answer = net.trace("box", "192.168.1.1")
    assert (answer.reachable, answer.via) == (False, None)
    assert answer.blocked_by.code == "UNSUPPORTED_COMPONENT"
    assert net.name_of(answer.blocked_by.component) == "vgw"
    assert answer.warnings == ["paths through virtual-private-gateway targets are not modelled yet"]


def test_an_image_pull_has_three_legs_each_with_its_own_via_and_path():
    answer = vpcsim.load(SEED_CAPTURE).trace(I_APP, "ecr")
    assert answer.reachable and answer.via is None
    assert [(leg.to, leg.via) for leg in answer.legs] == [
        ("ecr.api", "interface-endpoint"), ("ecr.dkr", "interface-endpoint"), ("s3", "gateway-endpoint")]
    assert all(leg.path and leg.reachable for leg in answer.legs)


def test_a_broken_image_pull_is_blocked_by_its_first_blocked_leg():
    answer = vpcsim.load(BROKEN_CAPTURE).trace(I_APP, "ecr")
    assert not answer.reachable
    first_blocked = next(leg for leg in answer.legs if not leg.reachable)
    assert answer.blocked_by.code == first_blocked.blocked_by.code == "SG_HAS_NO_RULES"
    assert answer.legs[2].via == "gateway-endpoint"


def test_the_path_quotes_each_rule_and_the_resolution_names_the_endpoint():
    answer = vpcsim.load(SEED_CAPTURE).trace(I_APP, "ecr.api")
    assert answer.resolved.address == "10.0.3.11"
    assert answer.resolved.by.startswith("private DNS of vpce-")
    sg = next(h for h in answer.path if h.kind == "security-group")
    assert (sg.check, sg.direction) == ("egress", "forward")
    assert sg.rule == "all traffic to 0.0.0.0/0"


def test_port_protocol_and_client_ports_reach_the_solver():
    net = scenario("nacl-ephemeral-windows-only")
    assert not net.trace(I_APP, "s3").reachable
    assert net.trace(I_APP, "s3", client_ports=(49152, 65535)).reachable
    answer = net.trace(I_APP, "s3", 8443, "udp")
    assert (answer.port, answer.protocol) == (8443, "udp")


def test_the_text_of_an_answer_is_the_cli_text_with_path_rule_and_fix():
    answer = vpcsim.load(BROKEN_CAPTURE).trace(I_APP, "ecr.api")
    text = str(answer)
    assert "NOT REACHABLE: SG_HAS_NO_RULES at sg-0f22222222222222c" in text
    # Ranked: the client's security group, then its subnet's CIDR, then its address (SG-15, IF-7).
    assert "  fix:  1. Add an inbound rule to sg-0f22222222222222c" in text
    fixes = answer.blocked_by.fixes
    assert [f.split(" allowing tcp 443 from ")[1].split(" ")[0] for f in fixes] == [
        "sg-0f11111111111111b", "10.0.1.0/24", "10.0.1.10/32"]
    assert answer.blocked_by.fix.startswith(fixes[0] + "; or add an inbound rule")
    assert "explanation:" in answer.text(explain=True)
    assert repr(answer) == ("<Answer i-0b11111111111111a -> ecr.api tcp 443: blocked by SG_HAS_NO_RULES at "
                            "sg-0f22222222222222c>")


def test_a_matrix_answers_every_source_times_every_destination():
    net = vpcsim.load(SEED_CAPTURE)
    m = net.matrix(destinations=["s3", "ecr.api"])
    assert m.sources == [I_APP] or I_APP in m.sources
    row = m.sources.index(I_APP)
    assert m.at(row, 0).via == "gateway-endpoint" and m.at(row, 1).via == "interface-endpoint"
    assert len(m.cells) == len(m.sources) * 2
    assert m.to_list()[row * 2]["via"] == "gateway-endpoint"
    assert "path" not in m.to_list()[0] and "path" in m.to_list(paths=True)[0]
    with pytest.raises(IndexError):
        m.at(len(m.sources), 0)


def test_intents_given_as_dicts_are_checked_like_an_intents_file():
    net = vpcsim.load(BROKEN_CAPTURE)
    report = net.check([
        {"name": "pull", "from": I_APP, "to": "ecr", "expect": "reachable"},
        {"name": "s3", "from": I_APP, "to": "s3", "expect": "reachable", "via": "gateway-endpoint"},
    ])
    assert (report.passed, report.failed) == (1, 1)
    assert [r.name for r in report.results if not r.passed] == ["pull"]
    assert report.to_dict()["failed"] == 1
    assert "<testsuite" in report.junit("intents")


def test_the_lint_finds_the_endpoint_group_without_443():
    report = vpcsim.load(DESIGNS / "endpoint-sg-without-443.jsonc").lint()
    assert report.has_errors
    assert report.findings and all(f.rule.startswith("VPCSIM-L") for f in report.findings)
    assert report.to_dict()["errors"] == sum(f.level == "error" for f in report.findings)
    assert report.sarif("design.jsonc")["version"] == "2.1.0"


def test_each_ranked_fix_is_a_change_in_the_input_own_terms():
    # On a design: the design's edit, its JSON pointer and the entry in the design's keys (issue #23).
    design = vpcsim.load(str(SCENARIOS / "fix-ranking" / "design.jsonc"))
    blocked = design.trace("app-1", "ecr.api").blocked_by
    assert [c.fix for c in blocked.changes] == blocked.fixes
    edit = blocked.changes[0].edits[0]
    assert (edit.op, edit.pointer) == ("add", "/security_groups/2/ingress")
    assert edit.entry == {"protocol": "tcp", "ports": 443, "from": "clients"}
    assert edit.location.endswith("design.jsonc:" + edit.location.split(":")[-2] + ":5")
    assert blocked.changes[0].commands == []
    # On the same network as AWS CLI captures: the AWS CLI command.
    capture = vpcsim.load(str(SCENARIOS / "fix-ranking" / "capture"))
    change = capture.trace("app-1", "ecr.api").blocked_by.changes[0]
    assert change.edits == []
    assert change.commands == [
        "aws ec2 authorize-security-group-ingress --group-id sg-0bdf8c7799a6e2ac1 --ip-permissions "
        "'IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{PrefixListId=pl-003188564a713c01c}]'"]
