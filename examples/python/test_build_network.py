"""The build-network tool's tests: each generated layout, traced by vpcsim, reaches what the
runners need and nothing more. Run with `pytest examples/python` (CTest: `python_example`)."""

import pytest

import vpcsim
from vpcsim.testing import assert_blocked, assert_reachable

from build_network import build_network


@pytest.fixture(scope="module")
def default_network():
    return vpcsim.design(build_network())


@pytest.mark.parametrize("runner", ["runner-1", "runner-2"])
def test_every_runner_pulls_images_through_the_endpoints_and_the_s3_gateway(default_network, runner):
    answer = assert_reachable(default_network, runner, "ecr")
    assert [leg.via for leg in answer.legs] == ["interface-endpoint", "interface-endpoint", "gateway-endpoint"]


def test_runners_ship_logs_over_privatelink(default_network):
    assert_reachable(default_network, "runner-1", "logs", via="logs")


def test_runners_have_no_way_to_the_internet_without_a_nat(default_network):
    assert_blocked(default_network, "runner-1", "203.0.113.10", by="private", code="NO_ROUTE_TO_DESTINATION")


def test_without_the_s3_gateway_the_layer_download_has_no_route():
    net = vpcsim.design(build_network(gateway_s3=False))
    answer = assert_blocked(net, "runner-1", "ecr", by="private", code="NO_ROUTE_TO_DESTINATION")
    assert answer.legs[2].to == "s3" and not answer.legs[2].reachable


def test_an_endpoint_group_opened_on_the_wrong_port_blocks_the_pull_at_that_group():
    net = vpcsim.design(build_network(endpoint_port=8443))
    assert_blocked(net, "runner-1", "ecr.api", by="endpoint", code="ENI_SG_RULES_MISMATCH")


def test_with_a_nat_the_services_without_an_endpoint_go_through_it_and_s3_stays_on_the_gateway():
    net = vpcsim.design(build_network(nat=True))
    assert_reachable(net, "runner-1", "sts", via="nat-gateway")
    assert_reachable(net, "runner-1", "s3", via="gateway-endpoint")
    assert_reachable(net, "runner-1", "ecr.api", via="interface-endpoint")
