"""`vpcsim.testing` and the pytest plugin: one-line assertions whose failures print the trace."""

import pytest

import vpcsim
from vpcsim.testing import assert_blocked, assert_reachable
from conftest import DESIGNS, SEED_DESIGN

ENDPOINT_SG = DESIGNS / "endpoint-sg-without-443.jsonc"


def test_assert_reachable_passes_with_the_via_of_every_leg():
    net = vpcsim.load(SEED_DESIGN)
    answer = assert_reachable(net, "app-1", "ecr.api", via="interface-endpoint")
    assert answer.via == "interface-endpoint"
    assert_reachable(net, "app-1", "s3", via="gateway-endpoint")


def test_assert_reachable_accepts_a_component_on_the_path_by_id_or_name():
    net = vpcsim.load(SEED_DESIGN)
    assert_reachable(net, "app-1", "ecr.api", via="ecr-api")
    assert_reachable(net, "app-1", "ecr.api", via=net.id_of("ecr-api"))


def test_a_composite_is_via_a_kind_only_when_every_leg_is():
    net = vpcsim.load(SEED_DESIGN)
    with pytest.raises(AssertionError) as e:
        assert_reachable(net, "app-1", "ecr", via="interface-endpoint")
    assert "but it goes via interface-endpoint, interface-endpoint, gateway-endpoint" in str(e.value)


def test_assert_reachable_fails_with_the_trace_text_path_blocking_rule_and_fix():
    net = vpcsim.load(ENDPOINT_SG)
    with pytest.raises(AssertionError) as e:
        assert_reachable(net, "app-1", "ecr.api", via="interface-endpoint")
    message = str(e.value)
    assert message.startswith("expected app-1 -> ecr.api (tcp 443) to be reachable via interface-endpoint, "
                              "but it is blocked")
    assert "path:\n  1." in message
    assert "NOT REACHABLE: ENI_SG_RULES_MISMATCH at sg-" in message
    assert "\n  rule: " in message and "\n  fix:  " in message


def test_assert_blocked_passes_by_design_name_by_id_and_by_code():
    net = vpcsim.load(ENDPOINT_SG)
    answer = assert_blocked(net, "app-1", "ecr.api", by="endpoints", code="ENI_SG_RULES_MISMATCH")
    assert_blocked(net, "app-1", "ecr.api", by=answer.blocked_by.component)


def test_assert_blocked_fails_naming_the_resource_that_really_blocks():
    net = vpcsim.load(ENDPOINT_SG)
    with pytest.raises(AssertionError) as e:
        assert_blocked(net, "app-1", "ecr.api", by="app")
    assert "to be blocked by app, but sg-" in str(e.value) and "(endpoints) blocks it" in str(e.value)
    with pytest.raises(AssertionError) as e:
        assert_blocked(net, "app-1", "ecr.api", code="SUBNET_ACL_RESTRICTION")
    assert "but the code is ENI_SG_RULES_MISMATCH" in str(e.value)


def test_assert_blocked_fails_on_a_reachable_flow_with_its_path():
    net = vpcsim.load(SEED_DESIGN)
    with pytest.raises(AssertionError) as e:
        assert_blocked(net, "app-1", "s3")
    assert "to be blocked, but it is reachable" in str(e.value)
    assert "REACHABLE via gateway-endpoint" in str(e.value)


def test_the_plugin_fixtures_load_once_and_assert(vpcsim_load, assert_reachable, assert_blocked):
    net = vpcsim_load(SEED_DESIGN)
    assert vpcsim_load(str(SEED_DESIGN)) is net
    assert_reachable(net, "app-1", "ecr")
    assert_blocked(vpcsim_load(ENDPOINT_SG), "app-1", "ecr.api", by="endpoints")
