// Tests for include/vpcsim/io/aws_cli.hpp: the AWS CLI importer on real captures (the Batfish
// corpus), on verbatim describe-* fixtures per resource type, and on bad input.
#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/io/aws_writer.hpp>
#include <vpcsim/io/load.hpp>
#include <vpcsim/io/model_json.hpp>
#include "../../src/io/aws_keys.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

using namespace vpcsim;
namespace fs = std::filesystem;

namespace {

const fs::path data_dir{VPCSIM_TEST_DATA_DIR};

fs::path corpus(const std::string& snapshot) { return data_dir / "corpus" / "batfish-aws" / snapshot; }
fs::path fixture(const std::string& rel) { return data_dir / "aws" / rel; }
std::string label(const fs::path& p) { return p.generic_string(); }

load_result load_text(const std::string& text, const std::string& file = "input.json", load_options o = {}) {
  return load_aws_cli(nlohmann::json::parse(text), file, o);
}

std::vector<std::string> findings(const load_result& r, const std::string& code) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics)
    if (d.code == code) out.push_back(d.to_string());
  return out;
}

std::vector<std::string> all_findings(const load_result& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) out.push_back(d.to_string());
  return out;
}

template <class T>
std::size_t count(const network& n) {
  return n.all<T>().size();
}

struct counts {
  std::size_t vpcs, subnets, route_tables, network_acls, security_groups, internet_gateways, nat_gateways,
      vpn_gateways, vpc_endpoints, network_interfaces, instances, prefix_lists, peering_connections,
      transit_gateways, transit_gateway_attachments, transit_gateway_route_tables;
};

counts counts_of(const network& n) {
  return {count<vpc>(n),
          count<subnet>(n),
          count<route_table>(n),
          count<network_acl>(n),
          count<security_group>(n),
          count<internet_gateway>(n),
          count<nat_gateway>(n),
          count<vpn_gateway>(n),
          count<vpc_endpoint>(n),
          count<network_interface>(n),
          count<instance>(n),
          count<prefix_list>(n),
          count<peering_connection>(n),
          count<transit_gateway>(n),
          count<transit_gateway_attachment>(n),
          count<transit_gateway_route_table>(n)};
}

void check_counts(const counts& got, const counts& want) {
  CHECK(got.vpcs == want.vpcs);
  CHECK(got.subnets == want.subnets);
  CHECK(got.route_tables == want.route_tables);
  CHECK(got.network_acls == want.network_acls);
  CHECK(got.security_groups == want.security_groups);
  CHECK(got.internet_gateways == want.internet_gateways);
  CHECK(got.nat_gateways == want.nat_gateways);
  CHECK(got.vpn_gateways == want.vpn_gateways);
  CHECK(got.vpc_endpoints == want.vpc_endpoints);
  CHECK(got.network_interfaces == want.network_interfaces);
  CHECK(got.instances == want.instances);
  CHECK(got.prefix_lists == want.prefix_lists);
  CHECK(got.peering_connections == want.peering_connections);
  CHECK(got.transit_gateways == want.transit_gateways);
  CHECK(got.transit_gateway_attachments == want.transit_gateway_attachments);
  CHECK(got.transit_gateway_route_tables == want.transit_gateway_route_tables);
}

const route* route_to(const route_table& t, const std::string& destination) {
  for (const auto& r : t.routes)
    if (to_string(r.destination) == destination) return &r;
  return nullptr;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The corpus

TEST_CASE("every corpus snapshot loads as usable input without unknown keys or fields", "[io][aws_cli][corpus]") {
  std::vector<fs::path> snapshots;
  for (const auto& e : fs::directory_iterator(corpus("")))
    if (e.is_directory()) snapshots.push_back(e.path());
  std::sort(snapshots.begin(), snapshots.end());
  REQUIRE(snapshots.size() == 24);
  for (const auto& s : snapshots) {
    INFO(s.filename().string());
    auto r = load_aws_cli(s);
    INFO(Catch::Detail::stringify(all_findings(r)));
    CHECK(r.usable());
    CHECK(r.network.size() > 0);
    CHECK(findings(r, "vpcsim.import.unknown_key").empty());
    CHECK(findings(r, "vpcsim.import.unknown_field").empty());
  }
}

TEST_CASE("corpus snapshots hold exactly the resources their files list", "[io][aws_cli][corpus]") {
  // Counted from the files with a script: distinct ids per key; ENIs include those only an
  // instance lists; an id captured in two accounts is one resource.
  const std::map<std::string, counts> expected = {
      {"test-nat-gateway", {1, 3, 3, 2, 3, 1, 1, 0, 0, 4, 3, 0, 0, 0, 0, 0}},
      {"test-vpc-endpoint-gateway", {1, 2, 3, 2, 2, 1, 0, 0, 1, 2, 2, 2, 0, 0, 0, 0}},
      {"test-vpc-endpoint-interface", {1, 2, 2, 2, 2, 1, 0, 0, 1, 3, 2, 2, 0, 0, 0, 0}},
      {"test-public-private-subnet", {1, 2, 2, 1, 3, 1, 0, 1, 0, 2, 2, 0, 0, 0, 0, 0}},
      {"test-transit-gateway", {2, 3, 2, 2, 5, 1, 0, 0, 0, 5, 4, 0, 0, 1, 3, 1}},
      {"test-vpc-peering-multi-account", {2, 2, 4, 0, 4, 0, 0, 0, 0, 2, 3, 0, 3, 0, 0, 0}},
      {"hybrid-cloud-aws", {4, 10, 5, 4, 11, 3, 0, 1, 0, 9, 4, 2, 0, 0, 0, 0}},
  };
  for (const auto& [snapshot, want] : expected) {
    INFO(snapshot);
    auto r = load_aws_cli(corpus(snapshot));
    REQUIRE(r.usable());
    check_counts(counts_of(r.network), want);
  }
}

TEST_CASE("resource types vpcsim does not model give one warning per file", "[io][aws_cli][corpus]") {
  auto r = load_aws_cli(corpus("test-load-balancer"));
  auto lb = corpus("test-load-balancer");
  CHECK(findings(r, "vpcsim.import.unsupported_resource") ==
        std::vector<std::string>{
            "[vpcsim.import.unsupported_resource] " + label(lb / "AvailabilityZones.json") +
                " /AvailabilityZones: 'AvailabilityZones' is not modelled by vpcsim, ignored",
            "[vpcsim.import.unsupported_resource] " + label(lb / "LoadBalancerAttributes.json") +
                " /LoadBalancerAttributes: 'LoadBalancerAttributes' is not modelled by vpcsim, ignored",
            "[vpcsim.import.unsupported_resource] " + label(lb / "LoadBalancerListeners.json") +
                " /LoadBalancerListeners: 'LoadBalancerListeners' is not modelled by vpcsim, ignored",
            "[vpcsim.import.unsupported_resource] " + label(lb / "LoadBalancerTargetHealth.json") +
                " /LoadBalancerTargetHealth: 'LoadBalancerTargetHealth' is not modelled by vpcsim, ignored",
            "[vpcsim.import.unsupported_resource] " + label(lb / "LoadBalancers.json") +
                " /LoadBalancers: 'LoadBalancers' is not modelled by vpcsim, ignored",
            "[vpcsim.import.unsupported_resource] " + label(lb / "TargetGroups.json") +
                " /TargetGroups: 'TargetGroups' is not modelled by vpcsim, ignored",
            "[vpcsim.import.unsupported_resource] " + label(lb / "VpcEndpointServices.json") +
                " /ServiceDetails: 'ServiceDetails' is not modelled by vpcsim, ignored",
            "[vpcsim.import.unsupported_resource] " + label(lb / "VpcEndpointServices.json") +
                " /ServiceNames: 'ServiceNames' is not modelled by vpcsim, ignored",
        });
}

// ---------------------------------------------------------------------------------------------
// Scope

TEST_CASE("a region-named directory sets the region and OwnerId the account", "[io][aws_cli][scope]") {
  auto r = load_aws_cli(corpus("test-vpc-endpoint-gateway"));
  REQUIRE(r.usable());
  CHECK(r.network.scopes() == std::set<scope>{{"554773406868", "us-east-1"}});
}

TEST_CASE("a 12-digit directory sets the account of the files below it", "[io][aws_cli][scope]") {
  auto r = load_aws_cli(corpus("test-vpc-peering-multi-account"));
  REQUIRE(r.usable());
  CHECK(r.network.find(vpc_id{"vpc-0f44fae3468d2b998"})->where == scope{"123456789012", "us-east-1"});
  CHECK(r.network.find(vpc_id{"vpc-05951c91977125d2e"})->where == scope{"123456789013", "us-east-1"});
}

TEST_CASE("a directory level that is not 12 digits does not set the account", "[io][aws_cli][scope]") {
  auto r = load_aws_cli(corpus("test-multi-account"));
  REQUIRE(r.usable());
  CHECK(r.network.find(vpc_id{"vpc-015b20578b48c1349"})->where == scope{"554773406868", "us-west-1"});
  CHECK(r.network.find(vpc_id{"vpc-0008a7b45e3ddf1dd"})->where == scope{"554773406868", "us-west-2"});
}

TEST_CASE("without a region level the availability zones of the snapshot give the region", "[io][aws_cli][scope]") {
  auto r = load_aws_cli(corpus("test-nat-gateway"));
  REQUIRE(r.usable());
  // Subnets say us-east-2b; the VPC and the NAT gateway (no zone, no OwnerId) follow the snapshot.
  CHECK(r.network.find(subnet_id{"subnet-06f469bcee42e408e"})->where == scope{"554773406868", "us-east-2"});
  CHECK(r.network.find(vpc_id{"vpc-0008a7b45e3ddf1dd"})->where == scope{"554773406868", "us-east-2"});
  CHECK(r.network.scopes() == std::set<scope>{{"554773406868", "us-east-2"}});
}

TEST_CASE("parsed responses given together are read as the files of one directory", "[io][aws_cli][scope]") {
  const fs::path dir = corpus("test-nat-gateway");
  std::vector<std::pair<std::string, nlohmann::json>> documents;
  for (const auto* name : {"Vpcs.json", "NatGateways.json", "Subnets.json", "RouteTables.json"}) {
    std::ifstream in(dir / name);
    documents.emplace_back(name, nlohmann::json::parse(in));
  }
  auto r = load_aws_cli(documents);
  REQUIRE(r.usable());
  // Only Subnets.json names a zone (us-east-2b); the VPC and the NAT gateway take it from there,
  // as they do when the directory is read.
  const auto from_dir = load_aws_cli(dir);
  REQUIRE(r.network.find(vpc_id{"vpc-0008a7b45e3ddf1dd"}));
  CHECK(r.network.find(vpc_id{"vpc-0008a7b45e3ddf1dd"})->where ==
        from_dir.network.find(vpc_id{"vpc-0008a7b45e3ddf1dd"})->where);
  CHECK(r.network.find(vpc_id{"vpc-0008a7b45e3ddf1dd"})->where == scope{"554773406868", "us-east-2"});
  const auto* nat = r.network.find(nat_gateway_id{"nat-07ab4846da51f4612"});
  REQUIRE(nat);
  CHECK(nat->where.region == "us-east-2");
}

TEST_CASE("a response's label sets its scope like a path, and no responses is empty input", "[io][aws_cli][scope]") {
  std::vector<std::pair<std::string, nlohmann::json>> documents;
  documents.emplace_back("123456789012/eu-west-3/Vpcs.json",
                         nlohmann::json::parse(R"({"Vpcs": [{"VpcId": "vpc-0a", "CidrBlock": "10.0.0.0/16"}]})"));
  auto r = load_aws_cli(documents);
  REQUIRE(r.usable());
  REQUIRE(r.network.find(vpc_id{"vpc-0a"}));
  CHECK(r.network.find(vpc_id{"vpc-0a"})->where == scope{"123456789012", "eu-west-3"});
  auto none = load_aws_cli(std::vector<std::pair<std::string, nlohmann::json>>{});
  CHECK(findings(none, "vpcsim.import.empty_input") ==
        std::vector<std::string>{"[vpcsim.import.empty_input] no documents: no describe-* JSON to read"});
}

TEST_CASE("a region suffix in the file name sets the region", "[io][aws_cli][scope]") {
  auto r = load_aws_cli(corpus("ipsec-vpn-host-aws-cisco"));
  REQUIRE(r.usable());
  CHECK(r.network.find(vpc_id{"vpc-815775e7"})->where.region == "us-west-2");
  for (const auto& s : r.network.scopes()) CHECK(s.region == "us-west-2");
}

TEST_CASE("the region option applies only where path and zones name none", "[io][aws_cli][scope]") {
  SECTION("no region anywhere") {
    auto r = load_aws_cli(corpus("unit-tests"));
    CHECK(r.network.find(nat_gateway_id{"nat-08c21704416f06046"})->where.region.empty());
  }
  SECTION("--region fills it") {
    auto r = load_aws_cli(corpus("unit-tests"), load_options{"eu-west-2", false, {}, {}, {}, {}, {}});
    CHECK(r.network.find(nat_gateway_id{"nat-08c21704416f06046"})->where.region == "eu-west-2");
  }
  SECTION("--region does not override a region directory") {
    auto r = load_aws_cli(corpus("test-vpc-endpoint-gateway"), load_options{"eu-west-2", false, {}, {}, {}, {}, {}});
    CHECK(r.network.find(vpc_id{"vpc-05d56c7295fca139b"})->where.region == "us-east-1");
  }
}

TEST_CASE("a single document takes its scope from its label and its zones", "[io][aws_cli][scope]") {
  auto r = load_text(R"({"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24",
                          "AvailabilityZone": "ap-southeast-1c"}]})",
                     "accounts/123456789012/captures/subnets.json");
  CHECK(r.network.find(subnet_id{"subnet-1"})->where == scope{"123456789012", "ap-southeast-1"});
  auto gov = load_text(R"({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]})", "us-gov-west-1/Vpcs.json");
  CHECK(gov.network.find(vpc_id{"vpc-1"})->where.region == "us-gov-west-1");
}

// ---------------------------------------------------------------------------------------------
// Resource types, on verbatim fixtures

TEST_CASE("VPCs keep associated CIDR blocks only, primary first", "[io][aws_cli][vpc]") {
  auto r = load_aws_cli(fixture("vpcs/describe-vpcs.json"));
  REQUIRE(r.usable());
  const vpc* v = r.network.find(vpc_id{"vpc-0a1b2c3d4e5f60001"});
  REQUIRE(v);
  CHECK(v->cidr_blocks == std::vector<cidr4>{*cidr4::parse("10.0.0.0/16"), *cidr4::parse("10.1.0.0/16")});
  CHECK(v->ipv6_cidr_blocks == std::vector<cidr6>{*cidr6::parse("2600:1f16:abc:de00::/56")});
  CHECK_FALSE(v->is_default);
  CHECK(name_tag(v->tags) == "main");
  // No describe-vpc-attribute here: the model keeps nullopt and the index applies AWS's defaults.
  CHECK_FALSE(v->enable_dns_support);
  CHECK(r.network.dns_support(v->id).enabled);
  CHECK(r.network.dns_support(v->id).assumed);
  CHECK_FALSE(r.network.dns_hostnames(v->id).enabled);
}

TEST_CASE("DNS attribute files apply whether they come before or after the VPCs", "[io][aws_cli][vpc]") {
  // Sorted path order: in vpcs/ the attribute files come first, in vpcs-then-attributes/ last.
  for (const auto* dir : {"vpcs", "vpcs-then-attributes"}) {
    INFO(dir);
    auto r = load_aws_cli(fixture(dir));
    REQUIRE(r.usable());
    const vpc* v = r.network.find(vpc_id{"vpc-0a1b2c3d4e5f60001"});
    REQUIRE(v);
    CHECK(v->enable_dns_support == std::optional<bool>{true});
    CHECK(v->enable_dns_hostnames == std::optional<bool>{false});
    CHECK_FALSE(r.network.dns_hostnames(v->id).assumed);
  }
}

TEST_CASE("subnets read their CIDR, zone and flags", "[io][aws_cli][subnet]") {
  auto r = load_aws_cli(fixture("subnets/describe-subnets.json"));
  REQUIRE(r.usable());
  const subnet* s = r.network.find(subnet_id{"subnet-06f469bcee42e408e"});
  REQUIRE(s);
  CHECK(s->vpc == vpc_id{"vpc-0008a7b45e3ddf1dd"});
  CHECK(s->availability_zone == "us-east-2b");
  CHECK(s->where.region == "us-east-2");
}

TEST_CASE("routes become a destination and a typed target", "[io][aws_cli][route_table]") {
  auto r = load_aws_cli(fixture("route_tables/describe-route-tables.json"));
  REQUIRE(r.usable());

  SECTION("peering target, and a blackhole route keeps its state (RT-22)") {
    const route_table* t = r.network.find(route_table_id{"rtb-017c36290c9baf017"});
    REQUIRE(t);
    CHECK(t->is_main());
    REQUIRE(t->routes.size() == 3);
    CHECK(t->routes[0].target == route_target{target_kind::local, "local"});
    CHECK(t->routes[0].origin == route_origin::create_route_table);
    CHECK(t->routes[1].target == route_target{target_kind::peering_connection, "pcx-0b89b559e3319d6cf"});
    CHECK(t->routes[2].target == route_target{target_kind::internet_gateway, "igw-0a2c9ae201b441bff"});
    CHECK(t->routes[2].state == route_state::blackhole);
  }
  SECTION("a prefix-list destination to a gateway endpoint (GW-6)") {
    const route_table* t = r.network.find(route_table_id{"rtb-04f71fc2caa8d94cf"});
    REQUIRE(t);
    const route* pl = route_to(*t, "pl-63a5400a");
    REQUIRE(pl);
    CHECK(std::get<prefix_list_id>(pl->destination) == prefix_list_id{"pl-63a5400a"});
    CHECK(pl->target == route_target{target_kind::gateway_endpoint, "vpce-0b7357542bb7b83ec"});
    REQUIRE(t->associations.size() == 1);
    CHECK(t->associations[0].subnet == subnet_id{"subnet-01e5f0945f6d6f47c"});
    CHECK_FALSE(t->associations[0].main);
  }
  SECTION("propagated routes to a virtual private gateway") {
    const route_table* t = r.network.find(route_table_id{"rtb-296bf350"});
    REQUIRE(t);
    const route* dflt = route_to(*t, "0.0.0.0/0");
    REQUIRE(dflt);
    CHECK(dflt->target == route_target{target_kind::virtual_private_gateway, "vgw-81fd279f"});
    CHECK(dflt->origin == route_origin::propagated);
    CHECK(t->propagating_vgws == std::vector<vpn_gateway_id>{vpn_gateway_id{"vgw-81fd279f"}});
  }
}

TEST_CASE("route targets follow the documented precedence", "[io][aws_cli][route_table]") {
  auto r = load_aws_cli(fixture("route_tables/describe-route-tables-targets.json"));
  REQUIRE(r.usable());
  const route_table* t = r.network.find(route_table_id{"rtb-0a1b2c3d4e5f60001"});
  REQUIRE(t);
  CHECK(route_to(*t, "2600:1f16:abc:de00::/56")->target.kind == target_kind::local);
  CHECK(route_to(*t, "0.0.0.0/0")->target == route_target{target_kind::nat_gateway, "nat-0a1b2c3d4e5f60001"});
  CHECK(route_to(*t, "::/0")->target ==
        route_target{target_kind::egress_only_internet_gateway, "eigw-0a1b2c3d4e5f60001"});
  // AWS reports InstanceId and NetworkInterfaceId for a route to an instance: read as instance.
  CHECK(route_to(*t, "172.16.0.0/16")->target == route_target{target_kind::instance, "i-0a1b2c3d4e5f60001"});
  CHECK(route_to(*t, "172.17.0.0/16")->target ==
        route_target{target_kind::network_interface, "eni-0a1b2c3d4e5f60002"});
  CHECK(route_to(*t, "172.17.0.0/16")->state == route_state::blackhole);
  CHECK(route_to(*t, "172.18.0.0/16")->target == route_target{target_kind::transit_gateway, "tgw-0a1b2c3d4e5f60001"});
  CHECK(route_to(*t, "172.19.0.0/16")->target ==
        route_target{target_kind::gateway_load_balancer_endpoint, "vpce-0a1b2c3d4e5f60001"});
  // The disassociated association is dropped.
  REQUIRE(t->associations.size() == 1);
  CHECK(t->associations[0].subnet == subnet_id{"subnet-0a1b2c3d4e5f60001"});
}

TEST_CASE("security group permissions flatten into one rule per peer", "[io][aws_cli][security_group]") {
  SECTION("corpus groups: self reference, tcp 22, ICMP type and code") {
    auto r = load_aws_cli(fixture("security_groups/describe-security-groups.json"));
    REQUIRE(r.usable());
    const security_group* dflt = r.network.find(security_group_id{"sg-0010bf850022667c2"});
    REQUIRE(dflt);
    CHECK(dflt->is_default());
    REQUIRE(dflt->ingress.size() == 1);
    CHECK(dflt->ingress[0].protocol.is_all());
    CHECK(std::get<security_group_id>(dflt->ingress[0].peer) == dflt->id);  // SG-10
    const security_group* web = r.network.find(security_group_id{"sg-0253af84ae6485905"});
    REQUIRE(web);
    REQUIRE(web->ingress.size() == 2);
    CHECK(web->ingress[0].protocol == protocol::tcp());
    CHECK(web->ingress[0].ports == port_range::single(22));
    CHECK(web->ingress[0].description == "SSH Access");
    CHECK(web->ingress[1].protocol == protocol::icmp());
    CHECK(web->ingress[1].icmp == icmp_type_code{8, 0});  // SG-13: FromPort type, ToPort code
    CHECK(describe(web->ingress[1], true) == "icmp type 8 code 0 from 0.0.0.0/0");
  }
  SECTION("IPv6, group and prefix-list peers, numeric and other protocols") {
    auto r = load_aws_cli(fixture("security_groups/describe-security-groups-peers.json"));
    REQUIRE(r.usable());
    const security_group* g = r.network.find(security_group_id{"sg-0a1b2c3d4e5f60001"});
    REQUIRE(g);
    REQUIRE(g->ingress.size() == 4);
    CHECK(g->ingress[0].protocol == protocol::tcp());  // "6" normalised (SG-12)
    CHECK(g->ingress[0].ports == port_range::single(443));
    CHECK(std::get<cidr6>(g->ingress[0].peer) == *cidr6::parse("2600:1f16:abc:de00::/56"));
    CHECK(g->ingress[1].ports == port_range::single(443));
    CHECK(std::get<security_group_id>(g->ingress[1].peer) == security_group_id{"sg-0a1b2c3d4e5f60009"});
    CHECK(g->ingress[1].description == "peer group");
    CHECK(g->ingress[2].protocol == protocol::icmpv6());
    CHECK(g->ingress[2].icmp == icmp_type_code{-1, -1});
    CHECK(g->ingress[3].protocol.number == 50);
    CHECK(g->ingress[3].ports.is_all());  // SG-12: ports mean nothing for protocol 50
    REQUIRE(g->egress.size() == 1);
    CHECK(std::get<prefix_list_id>(g->egress[0].peer) == prefix_list_id{"pl-63a5400a"});
    CHECK(g->egress[0].description == "S3");
  }
}

TEST_CASE("network ACL entries are sorted by direction and rule number", "[io][aws_cli][network_acl]") {
  SECTION("corpus ACL listing egress first, with an ICMP entry") {
    auto r = load_aws_cli(fixture("network_acls/describe-network-acls.json"));
    REQUIRE(r.usable());
    const network_acl* a = r.network.find(network_acl_id{"acl-0792adae678b88f85"});
    REQUIRE(a);
    CHECK_FALSE(a->is_default);
    std::vector<std::string> entries;
    for (const auto& e : a->entries) entries.push_back((e.egress ? "out " : "in ") + to_string(e));
    CHECK(entries == std::vector<std::string>{"in #100 allow icmp 10.1.1.0/24", "in #200 allow all 0.0.0.0/0",
                                              "in #* deny all 0.0.0.0/0", "out #100 allow all 0.0.0.0/0",
                                              "out #* deny all 0.0.0.0/0"});
    CHECK(a->entries[0].icmp == icmp_type_code{-1, -1});
    CHECK(a->entries[2].is_default_deny());
    CHECK(r.network.find(network_acl_id{"acl-0380e24eb934b075e"})->is_default);
  }
  SECTION("port ranges and IPv6 entries") {
    auto r = load_aws_cli(fixture("network_acls/describe-network-acls-ports.json"));
    REQUIRE(r.usable());
    const network_acl* a = r.network.find(network_acl_id{"acl-0a1b2c3d4e5f60001"});
    REQUIRE(a);
    std::vector<std::string> entries;
    for (const auto& e : a->entries) entries.push_back(to_string(e));
    CHECK(entries == std::vector<std::string>{"#50 deny udp 53 192.0.2.0/24", "#100 allow tcp 443 0.0.0.0/0",
                                              "#200 allow tcp 1024-65535 0.0.0.0/0", "#* deny all 0.0.0.0/0",
                                              "#32768 deny all ::/0"});
    REQUIRE(a->associations.size() == 1);
    CHECK(a->associations[0].subnet == subnet_id{"subnet-0a1b2c3d4e5f60001"});
  }
}

TEST_CASE("internet gateways read their attachments", "[io][aws_cli][gateways]") {
  auto r = load_aws_cli(fixture("internet_gateways/describe-internet-gateways.json"));
  REQUIRE(r.usable());
  REQUIRE(count<internet_gateway>(r.network) == 1);
  const auto& g = r.network.all<internet_gateway>().begin()->second;
  REQUIRE(g.attachments.size() == 1);
  CHECK(g.attachments[0].vpc == vpc_id{"vpc-0008a7b45e3ddf1dd"});
  CHECK(g.attachments[0].is_attached());
}

TEST_CASE("NAT gateways are public unless the capture says private (NAT-1)", "[io][aws_cli][gateways]") {
  SECTION("public, with its Elastic IP") {
    auto r = load_aws_cli(fixture("nat_gateways/describe-nat-gateways.json"));
    const nat_gateway* n = r.network.find(nat_gateway_id{"nat-08c21704416f06046"});
    REQUIRE(n);
    CHECK(n->connectivity == nat_connectivity::public_);
    CHECK(n->state.text() == "available");
    CHECK(n->subnet == subnet_id{"subnet-a9660ce1"});
    REQUIRE(n->addresses.size() == 1);
    CHECK(n->addresses[0].allocation_id == "eipalloc-52f78c6f");
    CHECK(n->addresses[0].network_interface == network_interface_id{"eni-dba5f6e8"});
    CHECK(n->addresses[0].private_ip == parse_address4("10.180.20.7"));
    CHECK(n->addresses[0].public_ip == parse_address4("34.212.129.101"));
  }
  SECTION("private, without a public address") {
    auto r = load_aws_cli(fixture("nat_gateways/describe-nat-gateways-private.json"));
    const nat_gateway* n = r.network.find(nat_gateway_id{"nat-0a1b2c3d4e5f60002"});
    REQUIRE(n);
    CHECK(n->connectivity == nat_connectivity::private_);
    CHECK(n->state.text() == "pending");
    REQUIRE(n->addresses.size() == 1);
    CHECK(n->addresses[0].private_ip == parse_address4("10.0.3.17"));
    CHECK_FALSE(n->addresses[0].public_ip);
  }
}

TEST_CASE("VPC endpoints read type, service, placement, DNS and policy", "[io][aws_cli][vpc_endpoint]") {
  SECTION("interface and gateway endpoints from the corpus") {
    auto r = load_aws_cli(fixture("vpc_endpoints/describe-vpc-endpoints.json"));
    REQUIRE(r.usable());
    const vpc_endpoint* i = r.network.find(vpc_endpoint_id{"vpce-083c683a6be29b889"});
    REQUIRE(i);
    CHECK(i->type == endpoint_type::interface);
    CHECK(i->service_name == "com.amazonaws.us-east-1.cloudtrail");
    CHECK(i->subnets == std::vector<subnet_id>{subnet_id{"subnet-0bb8615d8368ece31"}});
    CHECK(i->network_interfaces == std::vector<network_interface_id>{network_interface_id{"eni-0084b734451ba23ca"}});
    CHECK(i->security_groups == std::vector<security_group_id>{security_group_id{"sg-0973207c61f3466e1"}});
    CHECK(i->private_dns_enabled);
    CHECK_FALSE(i->private_dns_only_for_inbound_resolver_endpoint);
    CHECK(i->dns_names.size() == 3);
    CHECK(i->dns_names[2] == "cloudtrail.us-east-1.amazonaws.com");
    REQUIRE(i->policy);
    REQUIRE(i->policy->statements.size() == 1);
    CHECK(i->policy->statements[0].effect == policy_effect::allow);
    const vpc_endpoint* g = r.network.find(vpc_endpoint_id{"vpce-0b7357542bb7b83ec"});
    REQUIRE(g);
    CHECK(g->type == endpoint_type::gateway);
    CHECK(g->route_tables ==
          std::vector<route_table_id>{route_table_id{"rtb-04f71fc2caa8d94cf"}, route_table_id{"rtb-0efde4139784b75b0"}});
    CHECK_FALSE(g->private_dns_enabled);
    CHECK(g->policy_document.find("2008-10-17") != std::string::npos);
  }
  SECTION("DnsOptions and a restrictive policy") {
    auto r = load_aws_cli(fixture("vpc_endpoints/describe-vpc-endpoints-dns-options.json"));
    REQUIRE(r.usable());
    const vpc_endpoint* e = r.network.find(vpc_endpoint_id{"vpce-0a1b2c3d4e5f60002"});
    REQUIRE(e);
    CHECK(e->private_dns_only_for_inbound_resolver_endpoint == std::optional<bool>{true});  // S3IF-4
    CHECK(e->dns_record_ip_type == "ipv4");                                                 // IF-17
    REQUIRE(e->policy);
    CHECK(e->policy->statements[0].actions == std::vector<std::string>{"s3:GetObject"});
  }
}

TEST_CASE("instances stand in for network interfaces the capture lacks", "[io][aws_cli][instance]") {
  // Reservations and subnets only: no describe-network-interfaces data.
  auto r = load_aws_cli(fixture("instances"));
  REQUIRE(r.usable());
  const instance* i = r.network.find(instance_id{"i-0b31b509174d7f5de"});
  REQUIRE(i);
  CHECK(i->state.text() == "running");
  CHECK(i->subnet == subnet_id{"subnet-0428892a357fa1f94"});
  CHECK(i->private_ip == parse_address4("10.1.250.116"));
  CHECK(i->public_ip == parse_address4("18.216.129.140"));
  CHECK(i->security_groups == std::vector<security_group_id>{security_group_id{"sg-0253af84ae6485905"}});
  CHECK(i->network_interfaces == std::vector<network_interface_id>{network_interface_id{"eni-068fb5a0a9a57f23c"}});
  auto enis = r.network.interfaces_of(i->id);
  REQUIRE(enis.size() == 1);
  const network_interface& e = *enis[0];
  CHECK(e.id == network_interface_id{"eni-068fb5a0a9a57f23c"});
  CHECK(e.subnet == subnet_id{"subnet-0428892a357fa1f94"});
  CHECK(e.availability_zone == "us-east-2b");
  CHECK(e.primary_ip() == parse_address4("10.1.250.116"));
  CHECK(e.public_ip_for(*parse_address4("10.1.250.116")) == parse_address4("18.216.129.140"));
  CHECK(e.security_groups == i->security_groups);
  CHECK(e.where == i->where);
  CHECK(count<network_interface>(r.network) == 3);
  CHECK(findings(r, "vpcsim.validate.instance_without_interface").empty());
}

TEST_CASE("Elastic IPs give public addresses to private ones that lack them", "[io][aws_cli][addresses]") {
  auto r = load_aws_cli(fixture("addresses"));
  REQUIRE(r.usable());
  const network_interface* e = r.network.find(network_interface_id{"eni-0a1b2c3d4e5f60020"});
  REQUIRE(e);
  CHECK_FALSE(e->public_ip_for(*parse_address4("10.0.1.10")));
  CHECK(e->public_ip_for(*parse_address4("10.0.1.11")) == parse_address4("198.51.100.7"));
}

TEST_CASE("peering connections read both sides", "[io][aws_cli][peering]") {
  auto r = load_aws_cli(fixture("peering/describe-vpc-peering-connections.json"));
  REQUIRE(r.usable());
  const peering_connection* p = r.network.find(peering_connection_id{"pcx-0d5b836985ac8ca8c"});
  REQUIRE(p);
  CHECK(p->is_active());
  CHECK(p->requester.vpc == vpc_id{"vpc-0404e08ceddf7f650"});
  CHECK(p->requester.cidr_blocks == std::vector<cidr4>{*cidr4::parse("10.10.0.0/16")});
  CHECK(p->accepter.vpc == vpc_id{"vpc-09095dbf2886404ee"});
  CHECK(p->accepter.account == "554773406868");
  CHECK(p->accepter.region == "us-east-2");
  CHECK_FALSE(p->accepter.allow_dns_resolution_from_remote_vpc);
  CHECK(name_tag(p->tags) == "A-C");
}

TEST_CASE("prefix lists read AWS service lists and managed lists with their entries", "[io][aws_cli][prefix_list]") {
  auto r = load_aws_cli(fixture("prefix_lists"));
  REQUIRE(r.usable());
  const prefix_list* s3 = r.network.prefix_list_named("com.amazonaws.us-east-1.s3");
  REQUIRE(s3);
  CHECK(s3->id == prefix_list_id{"pl-63a5400a"});
  CHECK(s3->cidrs.size() == 4);
  CHECK(s3->aws_managed);
  // Entries are tied to their list by the pl- id in the file name.
  const prefix_list* office = r.network.find(prefix_list_id{"pl-0123456789abcdef0"});
  REQUIRE(office);
  CHECK_FALSE(office->aws_managed);
  CHECK(office->max_entries == std::optional<int>{10});
  CHECK(office->cidrs == std::vector<cidr4>{*cidr4::parse("198.51.100.0/24"), *cidr4::parse("203.0.113.0/24")});
}

TEST_CASE("transit gateway data is tied to its tables and attachments", "[io][aws_cli][transit_gateway]") {
  SECTION("attachments and VPC attachments merge; propagations reach their table") {
    auto r = load_aws_cli(corpus("test-transit-gateway"));
    REQUIRE(r.usable());
    const transit_gateway_attachment* a = r.network.find(transit_gateway_attachment_id{"tgw-attach-07f5ec59e9f540021"});
    REQUIRE(a);
    CHECK(a->resource_type == "vpc");
    CHECK(a->resource_id == "vpc-0404e08ceddf7f650");
    CHECK(a->association == transit_gateway_route_table_id{"tgw-rtb-0fa40c8df355dce6e"});
    CHECK(a->subnets == std::vector<subnet_id>{subnet_id{"subnet-006a19c846f047bd7"}});
    const transit_gateway_route_table* t = r.network.find(transit_gateway_route_table_id{"tgw-rtb-0fa40c8df355dce6e"});
    REQUIRE(t);
    CHECK(t->propagations == std::vector<transit_gateway_attachment_id>{
                                 transit_gateway_attachment_id{"tgw-attach-07f5ec59e9f540021"},
                                 transit_gateway_attachment_id{"tgw-attach-0ae2696617bb06fb4"}});
  }
  SECTION("static routes") {
    auto r = load_aws_cli(corpus("test-transit-gateway-peering"));
    REQUIRE(r.usable());
    const transit_gateway_route_table* t = r.network.find(transit_gateway_route_table_id{"tgw-rtb-018a5e572ec3088d1"});
    REQUIRE(t);
    REQUIRE(t->routes.size() == 1);
    CHECK(t->routes[0].destination == tgw_destination{*cidr4::parse("192.168.0.0/16")});
    CHECK(t->routes[0].attachments ==
          std::vector<transit_gateway_attachment_id>{transit_gateway_attachment_id{"tgw-attach-012e5d602f859dd80"}});
    CHECK(t->routes[0].type == "static");
  }
  SECTION("Options.Ipv6Support as AWS prints it: disable in a real capture, enable in the IPv6 scenario (TGW-2)") {
    auto r = load_aws_cli(corpus("test-transit-gateway"));
    REQUIRE(r.usable());
    const transit_gateway_attachment* a = r.network.find(transit_gateway_attachment_id{"tgw-attach-07f5ec59e9f540021"});
    REQUIRE(a);
    CHECK_FALSE(a->ipv6_support);
    auto v6 = load_aws_cli(data_dir / "scenarios" / "ipv6-tgw" / "capture");
    REQUIRE(v6.usable());
    CHECK(v6.diagnostics.empty());
    const transit_gateway_attachment* b = v6.network.find(transit_gateway_attachment_id{"tgw-attach-08e971c3707fa6643"});
    REQUIRE(b);
    CHECK(b->ipv6_support);
    const transit_gateway_attachment* c = v6.network.find(transit_gateway_attachment_id{"tgw-attach-08e971b3707fa6490"});
    REQUIRE(c);
    CHECK_FALSE(c->ipv6_support);
  }
  SECTION("an IPv6 DestinationCidrBlock of search-transit-gateway-routes is an IPv6 route (TGW-2)") {
    auto r = load_aws_cli(data_dir / "scenarios" / "ipv6-tgw" / "capture");
    REQUIRE(r.usable());
    const transit_gateway_route_table* t = r.network.find(transit_gateway_route_table_id{"tgw-rtb-0bca79ae1528fc870"});
    REQUIRE(t);
    REQUIRE(t->routes.size() == 2);
    CHECK(t->routes[1].destination == tgw_destination{*cidr6::parse("2600:1f18:7a0:4000::/56")});
    CHECK(t->routes[1].attachments ==
          std::vector<transit_gateway_attachment_id>{transit_gateway_attachment_id{"tgw-attach-08e97223707fa7075"}});
  }
}

// ---------------------------------------------------------------------------------------------
// Bad input: every code, full message

TEST_CASE("unreadable, non-JSON and empty inputs are errors naming the file", "[io][aws_cli][errors]") {
  SECTION("missing path") {
    auto r = load_aws_cli(fixture("bad/no-such-file.json"));
    CHECK(all_findings(r) == std::vector<std::string>{"[vpcsim.import.unreadable] " +
                                                      label(fixture("bad/no-such-file.json")) +
                                                      ": cannot read: No such file or directory"});
    CHECK_FALSE(r.usable());
  }
  SECTION("not JSON, with the parse position") {
    auto r = load_aws_cli(fixture("bad/not-json.json"));
    CHECK(all_findings(r) ==
          std::vector<std::string>{"[vpcsim.import.not_json] " + label(fixture("bad/not-json.json")) +
                                   ": not JSON: parse error at line 2, column 1: syntax error while parsing value - "
                                   "unexpected end of input; expected '[', '{', or a literal"});
  }
  SECTION("an empty file") {
    auto r = load_aws_cli(fixture("bad/empty.json"));
    CHECK(all_findings(r) == std::vector<std::string>{"[vpcsim.import.empty_input] " +
                                                      label(fixture("bad/empty.json")) + ": no describe-* JSON to read"});
  }
  SECTION("a directory without JSON") {
    auto r = load_aws_cli(fixture("bad/no-json"));
    CHECK(all_findings(r) == std::vector<std::string>{"[vpcsim.import.empty_input] " +
                                                      label(fixture("bad/no-json")) + ": no describe-* JSON to read"});
  }
  SECTION("an empty document") {
    CHECK(all_findings(load_text("{}", "empty.json")) ==
          std::vector<std::string>{"[vpcsim.import.empty_input] empty.json: no describe-* JSON to read"});
  }
}

TEST_CASE("wrong JSON types are errors pointing at the value", "[io][aws_cli][errors]") {
  CHECK(all_findings(load_text(R"({"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": 10}]})",
                               "subnets.json")) ==
        std::vector<std::string>{"[vpcsim.import.wrong_type] subnets.json /Subnets/0/CidrBlock (subnet subnet-1): "
                                 "'CidrBlock' must be a string, not a number"});
  CHECK(all_findings(load_text(R"({"Subnets": {"SubnetId": "subnet-1"}})", "subnets.json")) ==
        std::vector<std::string>{
            "[vpcsim.import.wrong_type] subnets.json /Subnets: 'Subnets' must be an array, not an object"});
  CHECK(all_findings(load_text(R"({"Subnets": ["subnet-1"]})", "subnets.json")) ==
        std::vector<std::string>{"[vpcsim.import.wrong_type] subnets.json /Subnets/0: each element of 'Subnets' "
                                 "must be an object, not a string"});
  CHECK(all_findings(load_text(R"([1, 2])", "list.json")) ==
        std::vector<std::string>{"[vpcsim.import.wrong_type] list.json: the document must be an object, not an array"});
}

TEST_CASE("missing required fields are errors and the resource is skipped", "[io][aws_cli][errors]") {
  auto r = load_text(R"({"Subnets": [
      {"SubnetId": "subnet-0", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24"},
      {"SubnetId": "subnet-0abc", "VpcId": "vpc-1"},
      {"VpcId": "vpc-1", "CidrBlock": "10.0.2.0/24"}]})",
                     "subnets.json");
  CHECK(findings(r, "vpcsim.import.missing_field") ==
        std::vector<std::string>{"[vpcsim.import.missing_field] subnets.json /Subnets/1 (subnet subnet-0abc): "
                                 "field 'CidrBlock' is required unless Ipv6Native is true (only an IPv6-only subnet "
                                 "has no IPv4 CIDR, VPC-6)",
                                 "[vpcsim.import.missing_field] subnets.json /Subnets/2 (subnet): "
                                 "field 'SubnetId' is required"});
  CHECK(count<subnet>(r.network) == 1);
  CHECK_FALSE(r.usable());
}

TEST_CASE("an IPv6-only subnet (Ipv6Native, no CidrBlock) loads with its IPv6 block; Ipv6Native with a CidrBlock or "
          "without an IPv6 block is an error (VPC-6, issue #22)",
          "[io][aws_cli][errors]") {
  // describe-subnets' shape for an IPv6-only subnet: no CidrBlock, "Ipv6Native": true.
  auto r = load_text(R"({"Subnets": [
      {"AvailabilityZone": "us-east-1a", "AvailabilityZoneId": "use1-az1", "AvailableIpAddressCount": 0,
       "DefaultForAz": false, "MapPublicIpOnLaunch": false, "MapCustomerOwnedIpOnLaunch": false, "State": "available",
       "SubnetId": "subnet-0six", "VpcId": "vpc-1", "OwnerId": "111122223333", "AssignIpv6AddressOnCreation": true,
       "Ipv6CidrBlockAssociationSet": [{"AssociationId": "subnet-cidr-assoc-01", "Ipv6CidrBlock": "2600:1f18:6c2:9001::/64",
                                        "Ipv6CidrBlockState": {"State": "associated"}}],
       "SubnetArn": "arn:aws:ec2:us-east-1:111122223333:subnet/subnet-0six", "EnableDns64": true, "Ipv6Native": true,
       "PrivateDnsNameOptionsOnLaunch": {"HostnameType": "resource-name", "EnableResourceNameDnsARecord": false,
                                         "EnableResourceNameDnsAAAARecord": true}},
      {"SubnetId": "subnet-0both", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "Ipv6Native": true,
       "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": "2600:1f18:6c2:9002::/64", "Ipv6CidrBlockState": {"State": "associated"}}]},
      {"SubnetId": "subnet-0none", "VpcId": "vpc-1", "Ipv6Native": true, "Ipv6CidrBlockAssociationSet": []}]})",
                     "subnets.json");
  const auto* six = r.network.find(subnet_id{"subnet-0six"});
  REQUIRE(six);
  CHECK(six->ipv6_native);
  CHECK_FALSE(six->cidr_block);
  CHECK(six->ipv6_cidr_blocks == std::vector<cidr6>{*cidr6::parse("2600:1f18:6c2:9001::/64")});
  CHECK(six->enable_dns64);
  CHECK(findings(r, "vpcsim.import.unknown_field").empty());
  CHECK(findings(r, "vpcsim.import.bad_value") ==
        std::vector<std::string>{"[vpcsim.import.bad_value] subnets.json /Subnets/1/Ipv6Native (subnet subnet-0both): "
                                 "'Ipv6Native' must be false for a subnet with a CidrBlock (an IPv6-only subnet has no "
                                 "IPv4 CIDR, VPC-6), not 'true'"});
  CHECK(findings(r, "vpcsim.import.missing_field") ==
        std::vector<std::string>{"[vpcsim.import.missing_field] subnets.json /Subnets/2 (subnet subnet-0none): field "
                                 "'Ipv6CidrBlockAssociationSet' is required with an associated IPv6 CIDR block on an "
                                 "IPv6-only subnet (Ipv6Native, VPC-6)"});
  CHECK(count<subnet>(r.network) == 1);
}

TEST_CASE("CIDRs: bad syntax and host bits set are errors (RT-8)", "[io][aws_cli][errors]") {
  auto bad = load_text(R"({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0/16"}]})", "vpcs.json");
  CHECK(all_findings(bad) == std::vector<std::string>{"[vpcsim.import.bad_cidr] vpcs.json /Vpcs/0/CidrBlock (vpc vpc-1): "
                                                      "'CidrBlock' is not a CIDR block: '10.0.0/16'"});
  // AWS canonicalises CIDRs when it stores them, so its output never has host bits set.
  auto host_bits = load_text(R"({"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Routes": [
      {"DestinationCidrBlock": "100.68.0.18/18", "GatewayId": "igw-1", "State": "active", "Origin": "CreateRoute"}]}]})",
                             "rt.json");
  CHECK(findings(host_bits, "vpcsim.import.non_canonical_cidr") ==
        std::vector<std::string>{"[vpcsim.import.non_canonical_cidr] rt.json /RouteTables/0/Routes/0/DestinationCidrBlock "
                                 "(route-table rtb-1): 'DestinationCidrBlock' 100.68.0.18/18 has host bits set; AWS stores "
                                 "and describes it as 100.68.0.0/18 (RT-8, NACL-14)"});
  CHECK_FALSE(host_bits.network.find(route_table_id{"rtb-1"}));
  CHECK_FALSE(host_bits.usable());
}

TEST_CASE("bad addresses and bad enum values are errors", "[io][aws_cli][errors]") {
  CHECK(all_findings(load_text(R"({"NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-1",
          "VpcId": "vpc-1", "PrivateIpAddress": "10.0.0.256"}]})",
                               "enis.json")) ==
        std::vector<std::string>{"[vpcsim.import.bad_address] enis.json /NetworkInterfaces/0/PrivateIpAddress "
                                 "(network-interface eni-1): 'PrivateIpAddress' is not an IPv4 address: '10.0.0.256'"});
  CHECK(all_findings(load_text(R"({"NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "IsDefault": false,
          "Entries": [{"RuleNumber": 100, "Egress": false, "Protocol": "-1", "RuleAction": "permit",
                       "CidrBlock": "0.0.0.0/0"}]}]})",
                               "acls.json")) ==
        std::vector<std::string>{"[vpcsim.import.bad_value] acls.json /NetworkAcls/0/Entries/0/RuleAction "
                                 "(network-acl acl-1): 'RuleAction' must be allow or deny, not 'permit'"});
  CHECK(all_findings(load_text(R"({"SecurityGroups": [{"GroupId": "sg-1", "VpcId": "vpc-1",
          "IpPermissions": [{"IpProtocol": "tcpp", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]})",
                               "sgs.json")) ==
        std::vector<std::string>{"[vpcsim.import.bad_value] sgs.json /SecurityGroups/0/IpPermissions/0/IpProtocol "
                                 "(security-group sg-1): 'IpProtocol' must be a protocol name, a number from 0 to "
                                 "255, or -1, not 'tcpp'"});
}

TEST_CASE("an id defined twice in one scope is an error", "[io][aws_cli][errors]") {
  auto r = load_text(R"({"Subnets": [
      {"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24"},
      {"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24"}]})",
                     "subnets.json");
  CHECK(findings(r, "vpcsim.import.duplicate_id") ==
        std::vector<std::string>{"[vpcsim.import.duplicate_id] subnets.json /Subnets/1 (subnet subnet-1): id already "
                                 "defined in subnets.json /Subnets/0"});
  CHECK(r.network.find(subnet_id{"subnet-1"})->cidr_block == *cidr4::parse("10.0.0.0/24"));
}

TEST_CASE("an endpoint policy that does not parse is an error naming the endpoint", "[io][aws_cli][errors]") {
  auto r = load_text(R"({"VpcEndpoints": [{"VpcEndpointId": "vpce-1", "VpcId": "vpc-1", "VpcEndpointType": "Gateway",
      "ServiceName": "com.amazonaws.us-east-1.s3",
      "PolicyDocument": "{\"Statement\": [{\"Effect\": \"Maybe\", \"Principal\": \"*\", \"Action\": \"*\", \"Resource\": \"*\"}]}"}]})",
                     "endpoints.json");
  auto found = findings(r, "vpcsim.import.bad_policy");
  REQUIRE(found.size() == 1);
  CHECK_THAT(found[0], Catch::Matchers::StartsWith("[vpcsim.import.bad_policy] endpoints.json "
                                                   "/VpcEndpoints/0/PolicyDocument (vpc-endpoint vpce-1): "
                                                   "'PolicyDocument' is not a valid policy: "));
  CHECK_FALSE(r.network.find(vpc_endpoint_id{"vpce-1"}));
}

TEST_CASE("one key spelled with two escapes is read once, its first value, and is not an unknown field",
          "[io][aws_cli][warnings]") {
  // The scan before parsing compares keys as written, so `VpcId` and `Vpc\u0049d` both pass it;
  // the reader takes the first, as a JSON object lookup does.
  const auto r = load_aws_cli_text(R"({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "Vpc\u0049d": "vpc-2"}]})",
                                   "vpcs.json");
  CHECK(findings(r, "vpcsim.import.unknown_field").empty());
  REQUIRE(count<vpc>(r.network) == 1);
  CHECK(r.network.all<vpc>().begin()->first.value == "vpc-1");
}

TEST_CASE("an object is read the same whatever its number of fields", "[io][aws_cli][warnings]") {
  // The reader finds the fields of an object of up to 24 through a table, of a larger one in
  // order: each way finds every field, and reports every unknown one.
  for (int extra : {0, 10, 20, 21, 40}) {  // with the four fields read: up to 24 fields, then 25
    std::string text = R"({"Vpcs": [{)";
    for (int i = 0; i < extra; ++i) text += "\"Extra" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
    text += R"("VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "IsDefault": true, "OwnerId": "123456789012"}]})";
    const auto r = load_aws_cli_text(text, "vpcs.json");
    CAPTURE(extra);
    REQUIRE(count<vpc>(r.network) == 1);
    const auto& v = r.network.all<vpc>().begin()->second;
    CHECK(v.id.value == "vpc-1");
    REQUIRE(v.cidr_blocks.size() == 1);
    CHECK(v.cidr_blocks[0].to_string() == "10.0.0.0/16");
    CHECK(v.is_default);
    CHECK(v.where.account == "123456789012");
    CHECK(findings(r, "vpcsim.import.unknown_field").size() == static_cast<std::size_t>(extra));
  }
}

TEST_CASE("unknown keys, unknown fields and unsupported resources are warnings", "[io][aws_cli][warnings]") {
  auto r = load_text(R"({"Widgets": [], "LoadBalancerDescriptions": [],
      "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "Sparkle": 1},
               {"VpcId": "vpc-2", "CidrBlock": "10.1.0.0/16", "Sparkle": 2}],
      "VpcEndpoints": [{"VpcEndpointId": "vpce-1", "VpcId": "vpc-1", "VpcEndpointType": "ServiceNetwork",
                        "ServiceName": "x"}]})",
                     "bundle.json");
  CHECK(r.usable());
  CHECK(findings(r, "vpcsim.import.unknown_key") ==
        std::vector<std::string>{"[vpcsim.import.unknown_key] bundle.json /Widgets: unknown top-level key 'Widgets' ignored"});
  CHECK(findings(r, "vpcsim.import.unknown_field") ==
        std::vector<std::string>{"[vpcsim.import.unknown_field] bundle.json /Vpcs/0 (vpc vpc-1): unknown vpc field "
                                 "'Sparkle' ignored"});
  CHECK(findings(r, "vpcsim.import.unsupported_resource") ==
        std::vector<std::string>{
            "[vpcsim.import.unsupported_resource] bundle.json /LoadBalancerDescriptions: 'LoadBalancerDescriptions' is "
            "not modelled by vpcsim, ignored",
            "[vpcsim.import.unsupported_resource] bundle.json /VpcEndpoints/0/VpcEndpointType (vpc-endpoint vpce-1): "
            "endpoint type 'ServiceNetwork' is not modelled by vpcsim, ignored"});
  CHECK(count<vpc>(r.network) == 2);
}

TEST_CASE("a route with no target vpcsim knows is ignored with a warning", "[io][aws_cli][warnings]") {
  auto r = load_text(R"({"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Routes": [
      {"DestinationCidrBlock": "10.9.0.0/16", "OdbNetworkArn": "arn:aws:odb:us-east-1:123456789012:odb-network/x",
       "State": "active", "Origin": "CreateRoute"}]}]})",
                     "rt.json");
  CHECK(findings(r, "vpcsim.import.route_without_target") ==
        std::vector<std::string>{"[vpcsim.import.route_without_target] rt.json /RouteTables/0/Routes/0 (route-table "
                                 "rtb-1): route to 10.9.0.0/16 names no target vpcsim knows, ignored"});
  CHECK(r.network.find(route_table_id{"rtb-1"})->routes.empty());
}

TEST_CASE("data that names a resource not in the input is ignored with a warning", "[io][aws_cli][warnings]") {
  auto r = load_text(R"({"VpcId": "vpc-9", "EnableDnsSupport": {"Value": false}})", "attr.json");
  CHECK(findings(r, "vpcsim.import.orphan_data") ==
        std::vector<std::string>{"[vpcsim.import.orphan_data] attr.json (vpc vpc-9): DNS attributes for vpc vpc-9, "
                                 "which is not in the input, ignored"});
  auto entries = load_text(R"({"Entries": [{"Cidr": "10.0.0.0/8"}]})", "entries.json");
  CHECK(findings(entries, "vpcsim.import.orphan_data") ==
        std::vector<std::string>{"[vpcsim.import.orphan_data] entries.json /Entries: prefix list entries that name no "
                                 "prefix list, ignored"});
}

TEST_CASE("strict mode throws the first error", "[io][aws_cli][errors]") {
  load_options strict{"", true, {}, {}, {}, {}, {}};
  CHECK_THROWS_MATCHES(
      load_text(R"({"Subnets": [{"SubnetId": "subnet-0abc", "VpcId": "vpc-1"}]})", "subnets.json", strict),
      import_error,
      Catch::Matchers::Message("[vpcsim.import.missing_field] subnets.json /Subnets/0 (subnet subnet-0abc): "
                               "field 'CidrBlock' is required unless Ipv6Native is true (only an IPv6-only subnet "
                               "has no IPv4 CIDR, VPC-6)"));
  CHECK_NOTHROW(load_aws_cli(corpus("test-nat-gateway"), strict));
}

// ---------------------------------------------------------------------------------------------
// Validation after import

TEST_CASE("references to resources missing from a partial capture are warnings", "[io][aws_cli][validate]") {
  auto r = load_text(R"({
      "Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-9", "CidrBlock": "10.0.0.0/24"}],
      "RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-9",
          "Associations": [{"Main": false, "SubnetId": "subnet-7", "RouteTableAssociationId": "rtbassoc-1"}],
          "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1", "State": "active",
                      "Origin": "CreateRoute"},
                     {"DestinationCidrBlock": "10.8.0.0/16", "NatGatewayId": "nat-2", "State": "blackhole",
                      "Origin": "CreateRoute"}]}],
      "NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-8", "VpcId": "vpc-9",
                             "PrivateIpAddress": "10.0.0.5"}],
      "Reservations": [{"OwnerId": "123456789012", "Instances": [{"InstanceId": "i-1", "SubnetId": "subnet-1",
                        "VpcId": "vpc-9", "PrivateIpAddress": "10.0.0.6"}]}]})",
                     "partial.json");
  CHECK(r.usable());
  CHECK(all_findings(r) ==
        std::vector<std::string>{
            "[vpcsim.validate.missing_vpc] partial.json /Subnets/0 (subnet subnet-1): vpc vpc-9 is not in the input",
            "[vpcsim.validate.missing_vpc] partial.json /RouteTables/0 (route-table rtb-1): vpc vpc-9 is not in the input",
            "[vpcsim.validate.missing_subnet] partial.json /RouteTables/0 (route-table rtb-1): subnet subnet-7 is not "
            "in the input",
            "[vpcsim.validate.missing_route_target] partial.json /RouteTables/0 (route-table rtb-1): route 0.0.0.0/0 -> "
            "nat-1: nat-gateway not in the input, treated as a blackhole (RT-22, RT-23)",
            "[vpcsim.validate.missing_vpc] partial.json /NetworkInterfaces/0 (network-interface eni-1): vpc vpc-9 is "
            "not in the input",
            "[vpcsim.validate.missing_subnet] partial.json /NetworkInterfaces/0 (network-interface eni-1): subnet "
            "subnet-8 is not in the input",
            "[vpcsim.validate.instance_without_interface] partial.json /Reservations/0/Instances/0 (instance i-1): "
            "instance has a subnet but no network interface in the input; traces cannot start from it",
        });
}

TEST_CASE("a VPC without main route table or default network ACL is a partial capture", "[io][aws_cli][validate]") {
  auto r = load_text(R"({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]})", "vpcs.json");
  CHECK(r.usable());
  CHECK(all_findings(r) ==
        std::vector<std::string>{
            "[vpcsim.validate.no_main_route_table] vpcs.json /Vpcs/0 (vpc vpc-1): no main route table in the input "
            "(partial capture?): subnets without an explicit association have no routes (RT-2)",
            "[vpcsim.validate.no_default_network_acl] vpcs.json /Vpcs/0 (vpc vpc-1): no default network ACL in the "
            "input (partial capture?): subnets without an association have no network ACL (NACL-1)"});
}

TEST_CASE("data AWS could never hold is an error", "[io][aws_cli][validate]") {
  auto r = load_text(R"({
      "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}],
      "Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24"}],
      "RouteTables": [
        {"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"Main": true}, {"Main": false, "SubnetId": "subnet-1"}]},
        {"RouteTableId": "rtb-2", "VpcId": "vpc-1", "Associations": [{"Main": true}, {"Main": false, "SubnetId": "subnet-1"}]}],
      "NetworkAcls": [
        {"NetworkAclId": "acl-1", "VpcId": "vpc-1", "IsDefault": true},
        {"NetworkAclId": "acl-2", "VpcId": "vpc-1", "IsDefault": true}]})",
                     "bad.json");
  CHECK_FALSE(r.usable());
  CHECK(all_findings(r) ==
        std::vector<std::string>{
            "[vpcsim.validate.multiple_route_table_associations] bad.json /Subnets/0 (subnet subnet-1): associated with "
            "route tables rtb-1 and rtb-2 (RT-1)",
            "[vpcsim.validate.multiple_main_route_tables] bad.json /Vpcs/0 (vpc vpc-1): route tables rtb-1 and rtb-2 "
            "are both main (RT-2)",
            "[vpcsim.validate.multiple_default_network_acls] bad.json /Vpcs/0 (vpc vpc-1): network ACLs acl-1 and "
            "acl-2 are both default (NACL-1)"});
}

TEST_CASE("a subnet outside its VPC's CIDR blocks is flagged", "[io][aws_cli][validate]") {
  // The corpus snapshot `test` holds one (hand-edited data), so it is a warning, not an error.
  auto r = load_aws_cli(corpus("test"));
  CHECK(r.usable());
  CHECK(findings(r, "vpcsim.validate.subnet_outside_vpc") ==
        std::vector<std::string>{"[vpcsim.validate.subnet_outside_vpc] " + label(corpus("test") / "Subnets.json") +
                                 " /Subnets/1 (subnet subnet-1f315846): subnet subnet-1f315846: 172.31.0.0/20 is "
                                 "outside every CIDR block of VPC 'Arista Demo' (vpc-b390fad5) (VPC-3)"});
}

TEST_CASE("an interface endpoint's interface whose address lies outside its subnet is a warning naming both",
          "[io][aws_cli][validate]") {
  auto r = load_text(R"({
    "Vpcs": [{"VpcId": "vpc-0e1a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16", "OwnerId": "111122223333",
              "State": "available", "IsDefault": false}],
    "Subnets": [{"SubnetId": "subnet-0a22222222222222b", "VpcId": "vpc-0e1a2b3c4d5e6f701",
                 "CidrBlock": "10.0.3.0/24", "AvailabilityZone": "us-east-1a", "OwnerId": "111122223333",
                 "State": "available"}],
    "NetworkInterfaces": [{"NetworkInterfaceId": "eni-0e22222222222222b", "SubnetId": "subnet-0a22222222222222b",
                           "VpcId": "vpc-0e1a2b3c4d5e6f701", "AvailabilityZone": "us-east-1a",
                           "InterfaceType": "vpc_endpoint", "Description": "VPC Endpoint Interface vpce-0a1e0000000000a01",
                           "PrivateIpAddress": "10.0.1.11", "Status": "in-use", "OwnerId": "111122223333",
                           "PrivateIpAddresses": [{"Primary": true, "PrivateIpAddress": "10.0.1.11"}],
                           "Groups": [], "RequesterManaged": true, "SourceDestCheck": true, "TagSet": []}]
  })", "us-east-1/capture.json");
  CHECK(r.usable());
  CHECK(findings(r, "vpcsim.validate.address_outside_subnet") ==
        std::vector<std::string>{
            "[vpcsim.validate.address_outside_subnet] us-east-1/capture.json /NetworkInterfaces/0 (network-interface "
            "eni-0e22222222222222b): private address 10.0.1.11 of this interface endpoint's interface is outside its "
            "subnet subnet-0a22222222222222b (10.0.3.0/24); the endpoint's DNS names resolve to it (IF-10)"});
}

TEST_CASE("a response given as text is checked and read as a file is", "[io][aws_cli][text]") {
  const std::string subnets = R"({"Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f60001", "VpcId": "vpc-0a1b2c3d4e5f60001",
      "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a", "OwnerId": "111122223333", "State": "available"}]})";
  auto r = load_aws_cli_text(subnets, "stdin");
  REQUIRE(r.network.all<subnet>().size() == 1);
  const auto& s = r.network.all<subnet>().begin()->second;
  CHECK(s.where.region == "eu-west-1");  // from the zone, as for a file
  CHECK(s.where.account == "111122223333");

  auto codes = [](const load_result& x) {
    std::vector<std::string> out;
    for (const auto& d : x.diagnostics) out.push_back(d.code + " " + d.pointer);
    return out;
  };
  SECTION("a key twice in one object is refused before parsing") {
    CHECK(codes(load_aws_cli_text(R"({"Subnets": [], "Subnets": []})", "stdin")) ==
          std::vector<std::string>{"vpcsim.import.duplicate_key "});
  }
  SECTION("bad syntax is worded with its line and column") {
    auto x = load_aws_cli_text("{\"Subnets\": [}", "stdin");
    REQUIRE(x.diagnostics.size() == 1);
    CHECK(x.diagnostics.front().code == "vpcsim.import.not_json");
  }
  SECTION("an integer beyond 64 bits is a bad value of its field, not a parse failure") {
    auto x = load_aws_cli_text(R"({"NetworkAcls": [{"NetworkAclId": "acl-0a1b2c3d4e5f60001", "VpcId": "vpc-0a1b2c3d4e5f60001",
        "IsDefault": true, "Entries": [{"RuleNumber": 184467440737095516160, "Protocol": "-1", "RuleAction": "allow",
        "Egress": false, "CidrBlock": "0.0.0.0/0"}]}]})",
                               "stdin");
    std::vector<std::string> found = codes(x);
    CHECK(std::find(found.begin(), found.end(), "vpcsim.import.bad_value /NetworkAcls/0/Entries/0/RuleNumber") != found.end());
  }
  SECTION("an empty object is empty input") {
    CHECK(codes(load_aws_cli_text("{}", "stdin")) == std::vector<std::string>{"vpcsim.import.empty_input "});
  }
}

// `vpcsim validate` and `matrix --format csv` never name a place in the input and load without them.
TEST_CASE("a load without locations gives the same network and diagnostics and no locations in every format",
          "[io][aws_cli]") {
  const std::string examples = VPCSIM_EXAMPLES_DIR;
  for (const std::string& input : {examples + "/ecr-private-subnet-broken", examples + "/designs/ecr-private-subnet.jsonc",
                                  examples + "/cloudformation/ecr-private-subnet.yaml"}) {
    INFO(input);
    load_options without;
    without.locations = false;
    const load_result full = load(input, {}), bare = load(input, without);
    CHECK_FALSE(full.locations.empty());
    CHECK(bare.locations.empty());
    CHECK(to_json(bare.network) == to_json(full.network));
    CHECK(bare.diagnostics == full.diagnostics);
  }
}

TEST_CASE("every instance and interface of a large capture is located at its file and JSON pointer",
          "[io][aws_cli][exhaustive]") {
  // From 20,000 definitions on, the locations are built on a second thread while the checks after
  // import run (aws_finish.cpp). 12,000 instances, each with its interface, in one subnet, written
  // as `aws ec2 describe-*` prints them, split at 10,000 items per file (the writer's default).
  const scope where{"123456789012", "us-east-1"};
  network n;
  vpc v;
  v.id = vpc_id{"vpc-0a00000000000000a"};
  v.where = where;
  v.cidr_blocks = {*cidr4::parse("10.0.0.0/16")};
  n.put(v);
  subnet s;
  s.id = subnet_id{"subnet-0a00000000000000a"};
  s.where = where;
  s.vpc = v.id;
  s.cidr_block = v.cidr_blocks[0];
  s.availability_zone = "us-east-1a";
  n.put(s);
  std::vector<std::string> ids;
  for (std::uint32_t k = 0; k < 12'000; ++k) {
    char hex[18];
    std::snprintf(hex, sizeof hex, "%017x", 0x9e3779b9u * (k + 1));  // ids in no order
    network_interface e;
    e.id = network_interface_id{std::string("eni-") + hex};
    e.where = where;
    e.subnet = s.id;
    e.vpc = s.vpc;
    e.availability_zone = s.availability_zone;
    e.private_ips = {private_ip{make_address4(0x0a000010u + k), true, std::nullopt}};
    instance i;
    i.id = instance_id{std::string("i-") + hex};
    i.where = where;
    i.vpc = s.vpc;
    i.subnet = s.id;
    i.private_ip = e.private_ips[0].address;
    i.network_interfaces = {e.id};
    e.attachment = interface_attachment{i.id, 0, "attached"};
    ids.push_back(e.id.value);
    ids.push_back(i.id.value);
    n.put(std::move(e));
    n.put(std::move(i));
  }
  const fs::path dir = fs::temp_directory_path() / "vpcsim-aws-cli-test-locations";
  fs::remove_all(dir);
  write_aws_cli(n, dir, aws_write_options{});
  const auto r = load_aws_cli(dir);
  CHECK(findings(r, "vpcsim.import.duplicate_id").empty());
  REQUIRE(r.network.all<instance>().size() == 12'000);

  std::map<std::string, nlohmann::json> files;  // each written file, parsed once
  std::size_t located = 0;
  for (const auto& id : ids) {
    const auto where_defined = r.locations.find(id);
    if (where_defined == r.locations.end()) {
      FAIL_CHECK(id << " has no location");
      continue;
    }
    const auto& at = where_defined->second;
    auto& doc = files[at.file];
    if (doc.is_null()) doc = nlohmann::json::parse(std::ifstream(at.file));
    const auto& object = doc.at(nlohmann::json::json_pointer(at.pointer));
    const bool is_instance = id.starts_with("i-");
    CHECK(object.value(is_instance ? "InstanceId" : "NetworkInterfaceId", "") == id);
    CHECK(fs::path(at.file).filename().string().starts_with(is_instance ? "Reservations" : "NetworkInterfaces"));
    ++located;
  }
  CHECK(located == ids.size());
  CHECK(files.size() >= 4);  // Reservations, Reservations-2, NetworkInterfaces, NetworkInterfaces-2
  fs::remove_all(dir);
}
