// The native design loader (include/vpcsim/io/design.hpp): the AWS defaults it implies, the ids it
// generates, and every `vpcsim.design.*` message asserted in full.
#include <vpcsim/io/design.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace vpcsim;

namespace {

std::vector<std::string> messages(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& d : load_design_text(text, "d.jsonc").loaded.diagnostics) out.push_back(d.to_string());
  return out;
}

// A small valid design the error tests start from.
const std::string base = R"({
  "vpcsim": 1,
  "region": "us-east-1",
  "vpcs": [{"name": "app", "cidr": "10.0.0.0/16"}],
  "subnets": [{"name": "private-a", "cidr": "10.0.1.0/24", "az": "a"},
              {"name": "public-a", "cidr": "10.0.0.0/24", "az": "a"}],
  "internet_gateways": [{"name": "igw"}],
  "nat_gateways": [{"name": "nat-a", "subnet": "public-a"}],
)";

}  // namespace

TEST_CASE("a design implies what AWS creates with every VPC", "[io][design]") {
  auto r = load_design_text(base + R"("route_tables": [{"name": "private", "subnets": ["private-a"],
                                         "routes": [{"to": "0.0.0.0/0", "via": "nat-a"}]}]})",
                            "d.jsonc");
  REQUIRE(r.loaded.diagnostics.empty());
  const auto& n = r.loaded.network;
  REQUIRE(n.all<vpc>().size() == 1);
  const auto& the_vpc = n.all<vpc>().begin()->second;

  SECTION("DNS support on and DNS hostnames off, as for a new VPC (DNS-4, DNS-5)") {
    CHECK(the_vpc.enable_dns_support == true);
    CHECK(the_vpc.enable_dns_hostnames == false);
  }
  SECTION("a main route table with only the local route (RT-2, RT-6, RT-10)") {
    const auto* main = n.main_route_table(the_vpc.id);
    REQUIRE(main);
    REQUIRE(main->routes.size() == 1);
    CHECK(to_string(main->routes.front().destination) == "10.0.0.0/16");
    CHECK(main->routes.front().target.kind == target_kind::local);
    CHECK(r.name_of(main->id.value) == "app-main");
  }
  SECTION("every route table gets the local route before its own routes (RT-10)") {
    std::vector<std::string> routes;
    for (const auto& t : n.all<route_table>())
      if (r.name_of(t.first.value) == "private")
        for (const auto& x : t.second.routes) routes.push_back(to_string(x.destination) + " -> " + std::string(to_string(x.target.kind)));
    CHECK(routes == std::vector<std::string>{"10.0.0.0/16 -> local", "0.0.0.0/0 -> nat-gateway"});
  }
  SECTION("a default NACL that allows everything and holds every subnet (NACL-1, NACL-6, NACL-10)") {
    const auto* acl = n.default_network_acl(the_vpc.id);
    REQUIRE(acl);
    std::vector<std::string> entries;
    for (const auto& e : acl->entries) entries.push_back((e.egress ? "out " : "in ") + to_string(e));
    CHECK(entries == std::vector<std::string>{"in #100 allow all 0.0.0.0/0", "in #* deny all 0.0.0.0/0",
                                              "out #100 allow all 0.0.0.0/0", "out #* deny all 0.0.0.0/0"});
    CHECK(acl->associations.size() == 2);
  }
  SECTION("a default security group that admits its members and allows all out (SG-10)") {
    const auto* sg = n.default_security_group(the_vpc.id);
    REQUIRE(sg);
    REQUIRE(sg->ingress.size() == 1);
    CHECK(describe(sg->ingress.front(), true) == "all traffic from " + sg->id.value);
    REQUIRE(sg->egress.size() == 1);
    CHECK(describe(sg->egress.front(), false) == "all traffic to 0.0.0.0/0");
  }
  SECTION("the NAT gateway gets an interface with the first free address of its subnet") {
    const auto& nat = n.all<nat_gateway>().begin()->second;
    REQUIRE(nat.addresses.size() == 1);
    CHECK(nat.addresses.front().private_ip->to_string() == "10.0.0.4");
    CHECK(n.find(*nat.addresses.front().network_interface));
  }
  SECTION("the internet gateway is attached to the only VPC") {
    const auto& igw = n.all<internet_gateway>().begin()->second;
    REQUIRE(igw.attachments.size() == 1);
    CHECK(igw.attachments.front().is_attached());
  }
}

TEST_CASE("design names become Name tags and generated ids are stable", "[io][design]") {
  const std::string text = R"({"vpcsim": 1, "region": "us-east-1", "vpcs": [{"name": "app", "cidr": "10.0.0.0/16"},
                                {"name": "vpc-0123456789abcdef0", "cidr": "10.1.0.0/16"}]})";
  auto a = load_design_text(text, "a.jsonc");
  auto b = load_design_text(text, "b.jsonc");
  REQUIRE(a.loaded.usable());
  CHECK(a.loaded.network.all<vpc>() == b.loaded.network.all<vpc>());
  for (const auto& [id, v] : a.loaded.network.all<vpc>()) {
    CHECK(id.value.size() == std::string("vpc-0123456789abcdef0").size());
    if (id.value == "vpc-0123456789abcdef0") CHECK(v.tags.empty());
    else CHECK(name_tag(v.tags) == "app");
  }
}

TEST_CASE("design loader messages name the file, the line and column, the JSON path and the resource", "[io][design]") {
  SECTION("undefined reference, with the names that are defined") {
    CHECK(messages(base + R"("route_tables": [{"name": "private-a", "routes": [{"to": "0.0.0.0/0", "via": "nat-b"}]}]})") ==
          std::vector<std::string>{
              "[vpcsim.design.undefined_reference] d.jsonc:9:78 /route_tables/0/routes/0/via (route table private-a): routes to "
              "'nat-b', which is not defined; NAT gateways in this design: 'nat-a'"});
  }
  SECTION("undefined reference without candidates") {
    CHECK(messages(R"({"vpcsim": 1, "region": "us-east-1", "subnets": [{"name": "s", "vpc": "app", "cidr": "10.0.0.0/24"}]})") ==
          std::vector<std::string>{"[vpcsim.design.undefined_reference] d.jsonc:1:71 /subnets/0/vpc (subnet s): belongs to VPC 'app', "
                                   "which is not defined; this design has no VPCs"});
  }
  SECTION("ambiguous reference") {
    CHECK(messages(base + R"("instances": [{"name": "igw", "subnet": "public-a"}],
      "route_tables": [{"name": "public", "routes": [{"to": "0.0.0.0/0", "via": "igw"}]}]})")
              .back() == "[vpcsim.design.ambiguous_reference] d.jsonc:10:81 /route_tables/0/routes/0/via (route table public): "
                         "'igw' is the name of an internet gateway and an instance; rename one of them");
  }
  SECTION("external reference") {
    CHECK(messages(base + R"("route_tables": [{"name": "p", "routes": [{"to": "10.9.0.0/16", "via": "pcx-0123456789abcdef0"}]}]})") ==
          std::vector<std::string>{"[vpcsim.design.external_reference] d.jsonc:9:72 /route_tables/0/routes/0/via (route table p): "
                                   "peering connection pcx-0123456789abcdef0 is not in this design; read as a resource outside it "
                                   "(list it under 'external' to say so)"});
  }
  SECTION("not JSON") {
    CHECK(messages("{\"vpcsim\": 1,,}") ==
          std::vector<std::string>{"[vpcsim.design.not_json] d.jsonc: not JSON: parse error at line 1, column 14: syntax error while "
                                   "parsing object key - unexpected ','; expected string literal"});
  }
  SECTION("not a design") {
    CHECK(messages(R"({"Vpcs": []})") ==
          std::vector<std::string>{"[vpcsim.design.not_a_design] d.jsonc: no \"vpcsim\": 1 at the top level; a design starts with it"});
    CHECK(messages(R"({"vpcsim": 2})") ==
          std::vector<std::string>{"[vpcsim.design.not_a_design] d.jsonc: \"vpcsim\": 2 is not a format version this vpcsim reads (1)"});
  }
  SECTION("wrong type") {
    CHECK(messages(R"({"vpcsim": 1, "vpcs": {"name": "app"}})") ==
          std::vector<std::string>{"[vpcsim.design.wrong_type] d.jsonc:1:23 /vpcs: 'vpcs' must be an array, not an object"});
  }
  SECTION("missing field") {
    CHECK(messages(R"({"vpcsim": 1, "vpcs": [{"name": "app"}]})") ==
          std::vector<std::string>{"[vpcsim.design.missing_field] d.jsonc:1:24 /vpcs/0 (VPC app): field 'cidr' is required"});
  }
  SECTION("bad value: a CIDR with host bits") {
    CHECK(messages(R"({"vpcsim": 1, "vpcs": [{"name": "app", "cidr": "10.0.0.1/16"}]})") ==
          std::vector<std::string>{"[vpcsim.design.bad_value] d.jsonc:1:48 /vpcs/0/cidr (VPC app): 'cidr' must be a CIDR block "
                                   "without host bits (10.0.0.0/16), not '10.0.0.1/16'"});
  }
  SECTION("duplicate name") {
    CHECK(messages(R"({"vpcsim": 1, "vpcs": [{"name": "app", "cidr": "10.0.0.0/16"}, {"name": "app", "cidr": "10.1.0.0/16"}]})") ==
          std::vector<std::string>{"[vpcsim.design.duplicate_name] d.jsonc:1:73 /vpcs/1/name (VPC app): VPC name 'app' is already "
                                   "used at /vpcs/0"});
  }
  SECTION("duplicate id") {
    CHECK(messages(R"({"vpcsim": 1, "vpcs": [{"name": "a", "id": "vpc-01234567", "cidr": "10.0.0.0/16"},
                                            {"name": "b", "id": "vpc-01234567", "cidr": "10.1.0.0/16"}]})") ==
          std::vector<std::string>{"[vpcsim.design.duplicate_id] d.jsonc:2:45 /vpcs/1 (VPC b): id 'vpc-01234567' is already used at /vpcs/0"});
  }
  SECTION("unknown field, with the closest known ones") {
    CHECK(messages(R"({"vpcsim": 1, "vpcs": [{"name": "app", "cidr": "10.0.0.0/16", "dns_hostname": true}]})") ==
          std::vector<std::string>{"[vpcsim.design.unknown_field] d.jsonc:1:79 /vpcs/0/dns_hostname (VPC app): unknown field "
                                   "'dns_hostname' ignored; closest known: 'dns_hostnames', 'dns_support', 'name'"});
  }
  SECTION("ignored field") {
    CHECK(messages(base + R"("security_groups": [{"name": "web", "ingress": [{"protocol": "all", "ports": 443, "from": "0.0.0.0/0"}]}]})") ==
          std::vector<std::string>{"[vpcsim.design.ignored_field] d.jsonc:9:78 /security_groups/0/ingress/0/ports (security group web): "
                                   "'ports' ignored: protocol all has no ports (SG-12)"});
  }
  SECTION("conflict: two main route tables") {
    CHECK(messages(base + R"("route_tables": [{"name": "a", "main": true}, {"name": "b", "main": true}]})") ==
          std::vector<std::string>{"[vpcsim.design.conflict] d.jsonc:9:47 /route_tables/1 (route table b): VPC 'app' already has main "
                                   "route table 'a'; a VPC has exactly one (RT-2)"});
  }
  SECTION("subnet outside its VPC") {
    CHECK(messages(R"({"vpcsim": 1, "vpcs": [{"name": "app", "cidr": "10.0.0.0/16"}],
                       "subnets": [{"name": "s", "cidr": "10.1.0.0/24"}]})") ==
          std::vector<std::string>{"[vpcsim.design.subnet_outside_vpc] d.jsonc:2:58 /subnets/0/cidr (subnet s): subnet 's' "
                                   "(subnet-0792540d053e5985b): 10.1.0.0/24 is outside every CIDR block of VPC 'app' "
                                   "(vpc-047efe17221183eb9) (VPC-3)"});
  }
  SECTION("address outside its subnet") {
    CHECK(messages(base + R"("instances": [{"name": "web", "subnet": "public-a", "ip": "10.0.1.5"}]})") ==
          std::vector<std::string>{"[vpcsim.design.address_outside_subnet] d.jsonc:9:59 /instances/0/ip (instance web): 10.0.1.5 is "
                                   "not in subnet 'public-a' (10.0.0.0/24)"});
  }
  SECTION("no free address") {
    CHECK(messages(R"({"vpcsim": 1, "vpcs": [{"name": "app", "cidr": "10.0.0.0/16"}],
                       "subnets": [{"name": "tiny", "cidr": "10.0.0.0/29"}],
                       "instances": [{"name": "a", "subnet": "tiny"}, {"name": "b", "subnet": "tiny"}, {"name": "c", "subnet": "tiny"},
                                     {"name": "d", "subnet": "tiny"}]})") ==
          std::vector<std::string>{"[vpcsim.design.no_free_address] d.jsonc:4:38 /instances/3 (instance d): subnet 'tiny' (10.0.0.0/29) "
                                   "has no free address left; give 'ip' explicitly or use a larger subnet",
                                   "[vpcsim.design.subnet_cidr_size] d.jsonc:2:61 /subnets/0/cidr (subnet tiny): subnet 'tiny' "
                                   "(subnet-02a3ccc1cadafedd4): 10.0.0.0/29 is a /29; AWS allows a subnet from /16 to /28 (VPC-3)"});
  }
  SECTION("unreadable file") {
    auto r = load_design("/nonexistent/design.jsonc");
    REQUIRE(r.loaded.diagnostics.size() == 1);
    CHECK(r.loaded.diagnostics.front().to_string() ==
          "[vpcsim.design.unreadable] /nonexistent/design.jsonc: cannot read: No such file or directory");
  }
}

TEST_CASE("comments are allowed and a design file is told apart from AWS captures", "[io][design]") {
  auto r = load_design_text("// a design\n{\"vpcsim\": 1, /* no VPCs yet */ \"region\": \"us-east-1\"}", "c.jsonc");
  CHECK(r.loaded.usable());
  CHECK(r.loaded.diagnostics.empty());
  CHECK(is_design_file(std::string(VPCSIM_EXAMPLES_DIR) + "/designs/ecr-private-subnet.jsonc"));
  CHECK_FALSE(is_design_file(std::string(VPCSIM_EXAMPLES_DIR) + "/ecr-private-subnet/us-east-1/Vpcs.json"));
  CHECK_FALSE(is_design_file(std::string(VPCSIM_EXAMPLES_DIR) + "/ecr-private-subnet"));
}

TEST_CASE("a design's workloads name their subnets and groups, all of one VPC", "[io][design][workload]") {
  const std::string two_vpcs = R"({
  "vpcsim": 1,
  "region": "us-east-1",
  "vpcs": [{"name": "app", "cidr": "10.0.0.0/16"}, {"name": "other", "cidr": "10.1.0.0/16"}],
  "subnets": [{"name": "private-a", "vpc": "app", "cidr": "10.0.1.0/24", "az": "a"},
              {"name": "private-b", "vpc": "app", "cidr": "10.0.2.0/24", "az": "b"},
              {"name": "elsewhere", "vpc": "other", "cidr": "10.1.1.0/24", "az": "a"}],
  "security_groups": [{"name": "api", "vpc": "app"}, {"name": "foreign", "vpc": "other"}],
)";
  SECTION("a workload is placed in its subnets with its groups") {
    auto r = load_design_text(two_vpcs + R"("workloads": [{"name": "orders", "type": "AWS::ECS::Service",
                                                          "subnets": ["private-a", "private-b"], "security_groups": ["api"]}]})",
                              "d.jsonc");
    REQUIRE(r.loaded.diagnostics.empty());
    const auto* w = r.loaded.network.find_workload("orders");
    REQUIRE(w);
    CHECK(w->type == "AWS::ECS::Service");
    REQUIRE(w->subnets.size() == 2);
    CHECK(r.name_of(w->subnets[1].value) == "private-b");
    REQUIRE(w->security_groups.size() == 1);
    CHECK(r.name_of(w->security_groups[0].value) == "api");
    CHECK(w->where.region == "us-east-1");
  }
  SECTION("subnets of two VPCs are refused") {
    CHECK(messages(two_vpcs + R"("workloads": [{"name": "orders", "subnets": ["private-a", "elsewhere"]}]})") ==
          std::vector<std::string>{"[vpcsim.design.conflict] d.jsonc:9:45 /workloads/0/subnets (workload orders): subnet 'elsewhere' is "
                                   "in VPC 'other', the workload's first subnet in VPC 'app'; a workload runs in one VPC"});
  }
  SECTION("a group of another VPC is refused") {
    CHECK(messages(two_vpcs + R"("workloads": [{"name": "orders", "subnets": ["private-a"], "security_groups": ["foreign"]}]})") ==
          std::vector<std::string>{"[vpcsim.design.conflict] d.jsonc:9:79 /workloads/0/security_groups (workload orders): security "
                                   "group 'foreign' is of VPC 'other', not of the workload's VPC 'app'"});
  }
  SECTION("an unknown subnet and a missing one are named") {
    CHECK(messages(two_vpcs + R"("workloads": [{"name": "orders", "subnets": ["private-c"]}, {"name": "jobs"}]})") ==
          std::vector<std::string>{
              "[vpcsim.design.undefined_reference] d.jsonc:9:46 /workloads/0/subnets/0 (workload orders): runs in subnet 'private-c', "
              "which is not defined; subnets in this design: 'private-a', 'private-b', 'elsewhere'",
              "[vpcsim.design.missing_field] d.jsonc:9:61 /workloads/1 (workload jobs): field 'subnets' is required"});
  }
}
