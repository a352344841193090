// The diff of two networks: the model diff (by id, else by name), and the flows whose verdict, via
// or blocking component changed, grouped and explained, on the edited copies of
// tests/data/diff/base.jsonc (each file's first comment names its one change).
#include <vpcsim/error.hpp>
#include <vpcsim/gen/generate.hpp>
#include <vpcsim/report/diff_json.hpp>
#include <vpcsim/io/load.hpp>
#include <vpcsim/sim/diff.hpp>
#include <vpcsim/sim/selector.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <type_traits>

using namespace vpcsim;

namespace {

const network& diff_design(const std::string& name) {
  static std::map<std::string, std::unique_ptr<load_result>> cache;
  auto& slot = cache[name];
  if (!slot) {
    slot = std::make_unique<load_result>(load(std::string(VPCSIM_TEST_DATA_DIR) + "/diff/" + name + ".jsonc"));
    REQUIRE(slot->usable());
  }
  return slot->network;
}

diff_request with_internet() {
  diff_request r;
  r.to = {"s3", "dynamodb", "ecr", "203.0.113.25"};
  return r;
}

reachability_diff diff_of(const std::string& after, const diff_request& r = with_internet(), unsigned jobs = 2) {
  return diff_reachability(diff_design("base"), diff_design(after), r, jobs);
}

// The types of the resource changes a group lists as its explanation.
std::vector<std::string> explained_types(const reachability_diff& d, const flow_group& g) {
  std::vector<std::string> out;
  for (std::size_t c : g.explained_by) out.push_back(d.resources.changes[c].type + " " + d.resources.changes[c].name);
  return out;
}

}  // namespace

TEST_CASE("a design diffed against itself has no resource change and no changed flow", "[diff]") {
  const auto d = diff_of("base");
  CHECK(d.resources.empty());
  CHECK(d.empty());
  CHECK(d.groups.empty());
  CHECK(d.sources == 3);
  CHECK(d.flows_compared == 3 * (1 + 1 + 3 + 1));  // the ecr image pull counts its three legs
}

TEST_CASE("removing the endpoint group's rule loses both ECR legs, explained by that group", "[diff]") {
  const auto d = diff_of("sg-rule-removed");
  REQUIRE(d.resources.changes.size() == 1);
  const auto& change = d.resources.changes[0];
  CHECK(change.kind == resource_change_kind::changed);
  CHECK(change.type == "security-group");
  CHECK(change.name == "endpoints");
  CHECK(change.removed == std::vector<std::string>{"inbound tcp 443 from 10.0.0.0/16"});
  CHECK(change.added.empty());

  REQUIRE(d.groups.size() == 2);
  for (const auto& [g, leg] : {std::pair{&d.groups[0], "ecr.api (ecr)"}, std::pair{&d.groups[1], "ecr.dkr (ecr)"}}) {
    CHECK(g->kind == flow_change_kind::lost);
    CHECK(g->destination == leg);
    CHECK(g->before.summary() == "interface-endpoint");
    CHECK(g->after.code == "SG_HAS_NO_RULES");
    CHECK(g->after.component == change.after_id);
    CHECK(g->after.component_name == "endpoints");
    CHECK(g->flow_count() == 3);
    REQUIRE(g->sources.size() == 2);  // private-a (two instances), private-b (one)
    CHECK(g->sources[0].sources.size() + g->sources[1].sources.size() == 3);
    CHECK(explained_types(d, *g) == std::vector<std::string>{"security-group endpoints"});
  }
  CHECK(d.count(flow_change_kind::lost) == 6);
}

TEST_CASE("removing the NACL's ephemeral inbound entry loses every flow whose replies it admitted", "[diff]") {
  const auto d = diff_of("nacl-entry-removed");
  REQUIRE(d.resources.changes.size() == 1);
  CHECK(d.resources.changes[0].removed == std::vector<std::string>{"inbound #110 allow tcp 1024-65535 0.0.0.0/0"});
  REQUIRE(d.groups.size() == 4);
  std::vector<std::string> destinations;
  for (const auto& g : d.groups) {
    destinations.push_back(g.destination);
    CHECK(g.kind == flow_change_kind::lost);
    CHECK(g.after.code == "SUBNET_ACL_RESTRICTION");
    CHECK(g.after.component_name == "private-acl");
    CHECK(explained_types(d, g) == std::vector<std::string>{"network-acl private-acl"});
  }
  // The ECR endpoints' replies come from inside the VPC, which entry #100 still admits.
  CHECK(destinations == std::vector<std::string>{"s3", "dynamodb", "s3 (ecr)", "203.0.113.25"});
}

TEST_CASE("removing a default route loses internet access from its subnet only", "[diff]") {
  const auto d = diff_of("route-removed");
  REQUIRE(d.groups.size() == 1);
  const auto& g = d.groups[0];
  CHECK(g.kind == flow_change_kind::lost);
  CHECK(g.destination == "203.0.113.25");
  CHECK(g.before.via == "nat-gateway");
  CHECK(g.after.code == "NO_ROUTE_TO_DESTINATION");
  CHECK(g.after.component_name == "private-b-rt");
  REQUIRE(g.sources.size() == 1);
  CHECK(g.sources[0].subnet.find("(private-b)") != std::string::npos);
  CHECK(g.sources[0].security_groups.size() == 1);
  CHECK(explained_types(d, g) == std::vector<std::string>{"route-table private-b-rt"});
  CHECK(d.resources.changes[0].removed.front().rfind("route 0.0.0.0/0 -> nat-gateway nat-", 0) == 0);
}

TEST_CASE("turning off an interface endpoint's private DNS reroutes its service through the NAT gateway", "[diff]") {
  const auto d = diff_of("private-dns-off");
  REQUIRE(d.resources.changes.size() == 1);
  CHECK(d.resources.changes[0].attributes ==
        std::vector<attribute_change>{{"private_dns_enabled", "true", "false"}});
  REQUIRE(d.groups.size() == 1);
  const auto& g = d.groups[0];
  CHECK(g.kind == flow_change_kind::rerouted);
  CHECK(g.destination == "ecr.dkr (ecr)");
  CHECK(g.before.via == "interface-endpoint");
  CHECK(g.after.via == "nat-gateway");
  CHECK(explained_types(d, g) == std::vector<std::string>{"vpc-endpoint ecr-dkr"});
  CHECK(d.count(flow_change_kind::rerouted) == 3);
  CHECK(d.count(flow_change_kind::lost) == 0);
}

TEST_CASE("an S3 endpoint policy without the ECR layer bucket loses the image pull's S3 leg", "[diff]") {
  const auto d = diff_of("endpoint-policy");
  REQUIRE(d.resources.changes.size() == 1);
  const auto& change = d.resources.changes[0];
  CHECK(change.removed == std::vector<std::string>{"policy: AWS default, full access"});
  REQUIRE(change.added.size() == 1);
  CHECK(change.added[0].find("Allow principals * actions s3:* on arn:aws:s3:::app-data") != std::string::npos);
  REQUIRE(d.groups.size() == 1);
  CHECK(d.groups[0].kind == flow_change_kind::lost);
  CHECK(d.groups[0].destination == "s3 (ecr)");
  CHECK(d.groups[0].after.code == "ENDPOINT_POLICY_DENY");
  CHECK(d.groups[0].after.component_name == "s3");
  CHECK(explained_types(d, d.groups[0]) == std::vector<std::string>{"vpc-endpoint s3"});
}

TEST_CASE("moving a subnet to a route table without the gateway endpoints reroutes S3 and DynamoDB", "[diff]") {
  const auto d = diff_of("association-moved");
  REQUIRE(d.resources.changes.size() == 2);
  CHECK(d.resources.changes[0].removed.size() + d.resources.changes[1].removed.size() == 1);
  CHECK(d.resources.changes[0].added.size() + d.resources.changes[1].added.size() == 1);
  REQUIRE(d.groups.size() == 3);
  for (const auto& g : d.groups) {
    CHECK(g.kind == flow_change_kind::rerouted);
    CHECK(g.before.via == "gateway-endpoint");
    CHECK(g.after.via == "nat-gateway");
    // The old table is on the path before, the new one after.
    CHECK(explained_types(d, g) == std::vector<std::string>{"route-table private-b-rt", "route-table nat-only-rt"});
  }
}

TEST_CASE("removing the NAT gateway loses internet access, explained by the gateway and the routes to it", "[diff]") {
  const auto d = diff_of("nat-removed");
  REQUIRE(d.groups.size() == 2);  // one per route table that loses its default route
  for (const auto& g : d.groups) {
    CHECK(g.kind == flow_change_kind::lost);
    CHECK(g.destination == "203.0.113.25");
    CHECK(g.after.code == "NO_ROUTE_TO_DESTINATION");
    const auto types = explained_types(d, g);
    CHECK(std::count(types.begin(), types.end(), "nat-gateway nat-a") == 1);
    CHECK(types.size() == 2);
  }
  // Gateway-endpoint and interface-endpoint traffic does not touch the NAT gateway.
  CHECK(d.count(flow_change_kind::lost) == 3);
}

TEST_CASE("a change no requested flow crosses shows in the model diff only", "[diff]") {
  const auto d = diff_of("app-ingress-removed");
  CHECK(d.resources.changes.size() == 1);
  CHECK(d.empty());
}

TEST_CASE("instance-to-instance flows are sampled by subnet pair", "[diff]") {
  diff_request r;
  r.from = {"app-a1"};  // any source: the sample is added beside the requested flows
  r.to = {"s3"};
  r.port = 8080;
  r.between_instances = true;
  const auto d = diff_of("app-ingress-removed", r);
  // private-a stands by app-a1 (lowest id of its two), private-b by app-b1: a1 -> b1, b1 -> a1, and
  // a1 -> a2 inside private-a; the group's rule for 8080 was removed, so each is lost.
  CHECK(d.count(flow_change_kind::lost) == 3);
  CHECK(d.flows_compared == 1 + 3);
  REQUIRE(d.groups.size() == 2);
  for (const auto& g : d.groups) {
    CHECK(g.destination.rfind("instances in subnet ", 0) == 0);
    CHECK(g.after.code == "SG_HAS_NO_RULES");
    CHECK(explained_types(d, g) == std::vector<std::string>{"security-group app"});
  }
}

TEST_CASE("the diff is the same for one thread and for four", "[diff]") {
  for (const char* after : {"nacl-entry-removed", "association-moved", "nat-removed"}) {
    diff_request r = with_internet();
    r.between_instances = true;
    const auto one = diff_of(after, r, 1), four = diff_of(after, r, 4);
    CHECK(to_json(one, "b", "a").dump() == to_json(four, "b", "a").dump());
  }
}

TEST_CASE("the model diff matches a resource by name when its id changed", "[diff]") {
  // The security groups of base.jsonc, then the endpoints group recreated: a new id, the same
  // Name tag, one rule fewer.
  network before, after;
  const security_group* old = nullptr;
  for (const auto& [id, g] : diff_design("base").all<security_group>()) {
    before.put(g);
    if (name_tag(g.tags) == "endpoints") old = &g;
    else after.put(g);
  }
  REQUIRE(old);
  security_group recreated = *old;
  recreated.id = security_group_id("sg-0123456789abcdef0");
  recreated.ingress.clear();
  after.put(recreated);
  const auto d = diff_models(before, after);
  REQUIRE(d.changes.size() == 1);
  CHECK(d.changes[0].kind == resource_change_kind::changed);
  CHECK(d.changes[0].before_id == old->id.str());
  CHECK(d.changes[0].after_id == "sg-0123456789abcdef0");
  CHECK(d.changes[0].removed == std::vector<std::string>{"inbound tcp 443 from 10.0.0.0/16"});
  CHECK(d.changes[0].attributes == std::vector<attribute_change>{{"id", old->id.str(), "sg-0123456789abcdef0"}});

  // Two unmatched groups with the same name are not guessed at: one removed, one added.
  security_group twin = recreated;
  twin.id = security_group_id("sg-0fedcba9876543210");
  after.put(twin);
  const auto ambiguous = diff_models(before, after);
  REQUIRE(ambiguous.changes.size() == 3);
  CHECK(ambiguous.changes[0].kind == resource_change_kind::added);
  CHECK(ambiguous.changes[1].kind == resource_change_kind::removed);
  CHECK(ambiguous.changes[2].kind == resource_change_kind::added);
}

TEST_CASE("the fail-on option counts only its kind of change", "[diff]") {
  CHECK(counts_as_failure(diff_fail_on::any, flow_change_kind::gained));
  CHECK(counts_as_failure(diff_fail_on::lost, flow_change_kind::lost));
  CHECK_FALSE(counts_as_failure(diff_fail_on::lost, flow_change_kind::rerouted));
  CHECK(counts_as_failure(diff_fail_on::rerouted, flow_change_kind::rerouted));
  CHECK_FALSE(counts_as_failure(diff_fail_on::rerouted, flow_change_kind::lost));
  CHECK_FALSE(counts_as_failure(diff_fail_on::rerouted, flow_change_kind::reblocked));
}

TEST_CASE("a selector that names nothing on either side is an error", "[diff]") {
  diff_request r;
  r.from = {"no-such-instance"};
  CHECK_THROWS_AS(diff_of("sg-rule-removed", r), usage_error);
  // Selectors expand as matrix expands them, in the order given.
  diff_request two;
  two.from = {"app-b1", "app-a1", "app-b1"};
  const auto d = diff_reachability(diff_design("base"), diff_design("sg-rule-removed"), two, 1);
  CHECK(d.sources == 2);
  CHECK(d.sources_before_only == 0);
  CHECK(d.sources_after_only == 0);
  REQUIRE_FALSE(d.flows.empty());
  CHECK(d.flows.front().source == d.groups.front().sources.back().sources.front());
}

TEST_CASE("a destination named by its Name tag is diffed and explained like an id", "[diff]") {
  diff_request r;
  r.from = {"app-b1"};
  r.to = {"app-a2"};
  r.port = 8080;
  const auto d = diff_of("app-ingress-removed", r, 1);
  REQUIRE(d.groups.size() == 1);
  CHECK(d.groups[0].kind == flow_change_kind::lost);
  CHECK(d.groups[0].destination == "app-a2");
  CHECK(d.groups[0].before.via == "local");
  CHECK(d.groups[0].after.code == "SG_HAS_NO_RULES");
  CHECK(explained_types(d, d.groups[0]) == std::vector<std::string>{"security-group app"});
}

TEST_CASE("answering only the flows a change can reach gives the diff of the whole networks, on any number of threads", "[diff][exhaustive]") {
  // The small generated estate (4 VPCs) and copies with one change each; the last one joins two
  // VPCs by peering, a change outside every VPC, which is diffed on the whole networks.
  const network base = gen::generate({gen::preset::small, 7});
  auto healthy = [&base](const vpc_id& v) {  // a VPC the generator gave no defect, where endpoints work
    return !base.find(v)->tags.count(std::string(gen::defects_tag));
  };
  auto edit = [&base](auto change) {
    network n = base;
    change(n);
    return n;
  };
  std::vector<std::pair<std::string, network>> afters;
  afters.emplace_back("nothing", base);
  afters.emplace_back("endpoint group rule removed", edit([&](network& n) {
    for (const auto& [id, g] : n.all<security_group>())
      if (g.name.find("vpc-endpoints") != std::string::npos && !g.ingress.empty() && healthy(g.vpc)) {
        security_group changed = g;
        changed.ingress.erase(changed.ingress.begin());
        n.put(changed);
        return;
      }
  }));
  afters.emplace_back("NAT route removed", edit([](network& n) {
    for (const auto& [id, t] : n.all<route_table>())
      for (std::size_t k = 0; k < t.routes.size(); ++k)
        if (t.routes[k].target.kind == target_kind::nat_gateway) {
          route_table changed = t;
          changed.routes.erase(changed.routes.begin() + static_cast<std::ptrdiff_t>(k));
          n.put(changed);
          return;
        }
  }));
  afters.emplace_back("private DNS off", edit([&](network& n) {
    for (const auto& [id, e] : n.all<vpc_endpoint>())
      if (e.type == endpoint_type::interface && e.private_dns_enabled && healthy(e.vpc)) {
        vpc_endpoint changed = e;
        changed.private_dns_enabled = false;
        n.put(changed);
        return;
      }
  }));
  afters.emplace_back("an interface's groups replaced", edit([](network& n) {
    const auto& enis = n.all<network_interface>();
    const auto& last = std::prev(enis.end())->second;  // in another VPC than the first group's
    network_interface changed = enis.begin()->second;
    changed.security_groups = last.security_groups;  // a reference across VPCs joins them
    n.put(changed);
  }));
  afters.emplace_back("an instance gone", edit([](network& n) {
    network copy;  // the network without its first instance (a network has no erase)
    const instance_id gone = n.all<instance>().begin()->first;
    n.for_each_table([&](const auto& table) {
      for (const auto& [id, r] : table)
        if constexpr (std::is_same_v<std::decay_t<decltype(r)>, instance>) {
          if (r.id != gone) copy.put(r);
        } else {
          copy.put(r);
        }
    });
    n = copy;
  }));
  afters.emplace_back("VPCs peered", edit([](network& n) {
    const auto& vpcs = n.all<vpc>();
    peering_connection p;
    p.id = peering_connection_id("pcx-0123456789abcdef0");
    p.requester.vpc = vpcs.begin()->first;
    p.accepter.vpc = std::next(vpcs.begin())->first;
    n.put(p);
  }));
  for (const auto& [name, after] : afters) {
    INFO(name);
    diff_request sliced;
    sliced.between_instances = true;
    diff_request whole = sliced;
    whole.whole_networks = true;
    const auto d = diff_reachability(base, after, sliced, 2);
    CHECK(to_json(d, "b", "a").dump() == to_json(diff_reachability(base, after, whole, 2), "b", "a").dump());
    CHECK(to_json(d, "b", "a").dump() == to_json(diff_reachability(base, after, sliced, 1), "b", "a").dump());
    // The sources are matrix's on each side.
    CHECK(d.sources + d.sources_before_only == select_sources(base, {}).size());
    CHECK(d.sources + d.sources_after_only == select_sources(after, {}).size());
    if (name == "an instance gone") CHECK(d.sources_before_only == 1);
    if (name == "nothing") CHECK(d.empty());
    if (name == "endpoint group rule removed" || name == "private DNS off") CHECK_FALSE(d.empty());
    CHECK(d.flows_compared > 192 * 5);
  }
}
