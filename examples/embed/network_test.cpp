// The network tests of a fictional build service, "imagebuilder", whose workers run in a private
// subnet and pull container images from Amazon ECR without any route to the internet.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <vpcsim/vpcsim.hpp>

#include <algorithm>
#include <string>

namespace {

const std::string worker = "i-0b11111111111111a";                 // in the private app subnet
const vpcsim::security_group_id endpoint_group{"sg-0f22222222222222c"};  // on the ecr endpoints

/// The captured network, loaded once; loading errors fail the test that asks for it.
const vpcsim::network& captured() {
  static const vpcsim::load_result loaded = [] {
    vpcsim::load_options strict;
    strict.strict = true;  // a bad capture throws vpcsim::import_error with its code
    return vpcsim::load(NETWORK_DIR, strict);
  }();
  return loaded.network;
}

vpcsim::answer trace(const vpcsim::network& net, const std::string& to) {
  vpcsim::flow_request flow;
  flow.from = worker;
  flow.to = to;
  flow.port = 443;
  return vpcsim::trace(net, flow);
}

bool passes(const vpcsim::answer& a, const std::string& kind) {
  return std::any_of(a.path.begin(), a.path.end(), [&](const vpcsim::hop& h) { return h.kind == kind; });
}

}  // namespace

TEST_CASE("the app subnet reaches S3 only through the gateway endpoint") {
  const auto s3 = trace(captured(), "s3");
  INFO(vpcsim::to_json(s3).dump(2));
  REQUIRE(s3.reachable);
  CHECK(s3.via == "gateway-endpoint");
  CHECK(passes(s3, "gateway-endpoint"));
  // No other way out: an address on the internet is not reachable at all.
  const auto internet = trace(captured(), "203.0.113.25");
  CHECK_FALSE(internet.reachable);
}

TEST_CASE("ECR pulls work from the private subnet") {
  const auto pull = trace(captured(), "ecr");
  INFO(vpcsim::to_json(pull).dump(2));
  REQUIRE(pull.reachable);
  REQUIRE(pull.legs.size() == 3);
  CHECK(pull.legs[0].to == "ecr.api");
  CHECK(pull.legs[0].via == "interface-endpoint");
  CHECK(pull.legs[1].to == "ecr.dkr");
  CHECK(pull.legs[1].via == "interface-endpoint");
  CHECK(pull.legs[2].to == "s3");
  CHECK(pull.legs[2].via == "gateway-endpoint");
}

TEST_CASE("removing the endpoint security group's 443 rule breaks the pull and names that rule") {
  vpcsim::network what_if = captured();  // a copy: the captured network stays as it is
  const vpcsim::security_group* group = what_if.find(endpoint_group);
  REQUIRE(group != nullptr);
  vpcsim::security_group edited = *group;
  const auto removed = std::erase_if(edited.ingress, [](const vpcsim::sg_rule& r) {
    return r.protocol == vpcsim::protocol::tcp() && r.ports.contains(443);
  });
  REQUIRE(removed == 1);
  what_if.put(std::move(edited));

  const auto pull = trace(what_if, "ecr");
  INFO(vpcsim::to_json(pull).dump(2));
  REQUIRE_FALSE(pull.reachable);
  REQUIRE(pull.blocked.has_value());
  CHECK(pull.blocked->component == endpoint_group.value);
  CHECK(pull.blocked->code == "SG_HAS_NO_RULES");
  CHECK(pull.blocked->rule == "no inbound rule allows tcp 443 from 10.0.1.10");
  // The layers still come from S3 through the gateway endpoint; only the endpoint legs break.
  CHECK(pull.legs[2].reachable);
  // The untouched network still pulls.
  CHECK(trace(captured(), "ecr").reachable);
}

TEST_CASE("the S3 path is read hop by hop without printing an answer") {
  // A solver answers many flows; trace_path gives the verdict and the path by reference, and each
  // hop's rule only when asked.
  const vpcsim::solver solver(captured());
  vpcsim::flow_request flow;
  flow.from = "app-1";  // the worker's Name tag
  flow.to = "s3";
  const vpcsim::path_verdict s3 = solver.trace_path(flow);
  REQUIRE(s3.verdict.reachable);
  CHECK(s3.verdict.via == vpcsim::via_kind::gateway_endpoint);
  REQUIRE_FALSE(s3.path.empty());
  CHECK(s3.path.front().component == worker);
  CHECK(s3.path.front().name == "app-1");
  const auto route = std::find_if(s3.path.begin(), s3.path.end(), [](const vpcsim::path_hop& h) { return h.kind == "route-table"; });
  REQUIRE(route != s3.path.end());
  CHECK(route->name == "private");
  CHECK(vpcsim::compiled_network::rule_text(route->rule) == "pl-63a5400a -> vpce-0a1e0000000000a03");
}
