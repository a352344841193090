// What AWS refuses at creation (model/creation_rules.hpp, aws-semantics.md A.0): an error in a
// design at the field it concerns, with file:line:col, the JSON pointer and the rule id; the same
// network read back as an AWS capture holds them as warnings.
#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/io/aws_writer.hpp>
#include <vpcsim/io/design.hpp>
#include <vpcsim/model/creation_rules.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace vpcsim;

namespace {

// The head of every case (lines 1-3): two VPCs, `shop` and `other`, unless a case gives its own.
const std::string default_vpcs = R"({"name": "shop", "cidr": "10.0.0.0/16"}, {"name": "other", "cidr": "10.1.0.0/16"})";

std::string design(const std::string& tail, const std::string& vpcs = default_vpcs) {
  return "{\"vpcsim\": 1, \"region\": \"us-east-1\",\n\"vpcs\": [" + vpcs + "],\n" + tail;
}

std::vector<std::string> errors(const std::string& tail, const std::string& vpcs) {
  std::vector<std::string> out;
  for (const auto& d : load_design_text(design(tail, vpcs), "d.jsonc").loaded.diagnostics)
    if (d.level == severity::error) out.push_back(d.to_string());
  return out;
}

std::string sgs(int n, const std::string& prefix) {
  std::string out;
  for (int i = 0; i < n; ++i) out += (i ? ", " : "") + ("\"" + prefix + std::to_string(i) + "\"");
  return out;
}

std::string rules(int n) {
  std::string out;
  for (int i = 0; i < n; ++i)
    out += std::string(i ? ", " : "") + R"({"protocol": "tcp", "ports": 443, "from": "10.9.)" + std::to_string(i) + R"(.0/24"})";
  return out;
}

std::string routes(int n) {
  std::string out;
  for (int i = 0; i < n; ++i)
    out += std::string(i ? ", " : "") + R"({"to": "172.16.)" + std::to_string(i) + R"(.0/24", "via": "edge"})";
  return out;
}

}  // namespace

TEST_CASE("a design AWS would refuse is an error naming the field, the resource and the rule", "[io][design][creation]") {
  struct refusal_case {
    const char* what;
    std::string tail;
    std::string expected;
    std::string vpcs = default_vpcs;
  };
  const std::vector<refusal_case> cases{
      {"two subnets with the same CIDR (VPC-4) say so, not that an address is taken",
       R"("subnets": [{"name": "app-a", "vpc": "shop", "cidr": "10.0.1.0/24", "az": "a"},
                      {"name": "app-b", "vpc": "shop", "cidr": "10.0.1.0/24", "az": "b"}],
          "instances": [{"name": "web", "subnet": "app-b"}]})",
       "[vpcsim.design.subnet_overlap] d.jsonc:4:64 /subnets/1/cidr (subnet app-b): subnet 'app-b' "
       "(subnet-03cebc472684de03a) has the same CIDR 10.0.1.0/24 as subnet 'app-a' (subnet-03cebc372684dde87); "
       "subnets of a VPC cannot overlap (VPC-4)"},
      {"overlapping subnets (VPC-4)",
       R"("subnets": [{"name": "app-a", "vpc": "shop", "cidr": "10.0.0.0/20", "az": "a"},
                      {"name": "app-b", "vpc": "shop", "cidr": "10.0.1.0/24", "az": "b"}]})",
       "[vpcsim.design.subnet_overlap] d.jsonc:4:64 /subnets/1/cidr (subnet app-b): subnet 'app-b' "
       "(subnet-03cebc472684de03a), 10.0.1.0/24, overlaps subnet 'app-a' (subnet-03cebc372684dde87), "
       "10.0.0.0/20; subnets of a VPC cannot overlap (VPC-4)"},
      {"a subnet outside every block of its VPC (VPC-3)",
       R"("subnets": [{"name": "app-a", "vpc": "shop", "cidr": "10.2.1.0/24", "az": "a"}]})",
       "[vpcsim.design.subnet_outside_vpc] d.jsonc:3:54 /subnets/0/cidr (subnet app-a): subnet 'app-a' "
       "(subnet-03cebc372684dde87): 10.2.1.0/24 is outside every CIDR block of VPC 'shop' "
       "(vpc-0ac394c658c5d74a6) (VPC-3)"},
      {"a subnet smaller than /28 (VPC-3)",
       R"("subnets": [{"name": "app-a", "vpc": "shop", "cidr": "10.0.1.0/29", "az": "a"}]})",
       "[vpcsim.design.subnet_cidr_size] d.jsonc:3:54 /subnets/0/cidr (subnet app-a): subnet 'app-a' "
       "(subnet-03cebc372684dde87): 10.0.1.0/29 is a /29; AWS allows a subnet from /16 to /28 (VPC-3)"},
      {"a VPC larger than /16 (VPC-1)", R"("subnets": []})", "[vpcsim.design.vpc_cidr_size] d.jsonc:2:35 /vpcs/0/cidr (VPC shop): VPC 'shop' (vpc-0ac394c658c5d74a6): "
       "CIDR block 10.0.0.0/8 is a /8; AWS allows a VPC block from /16 to /28 (VPC-1)", R"({"name": "shop", "cidr": "10.0.0.0/8"})"},
      {"a second CIDR block overlapping the first (VPC-2)", R"("subnets": []})", "[vpcsim.design.vpc_cidr_overlap] d.jsonc:2:36 /vpcs/0/cidrs (VPC shop): VPC 'shop' "
       "(vpc-0ac394c658c5d74a6): CIDR block 10.0.128.0/20 overlaps its block 10.0.0.0/16; AWS refuses a block "
       "that overlaps one the VPC has (VPC-2)",
       R"({"name": "shop", "cidrs": ["10.0.0.0/16", "10.0.128.0/20"]})"},
      {"two routes with the same destination in one table (RT-28)",
       R"("subnets": [{"name": "app-a", "vpc": "shop", "cidr": "10.0.1.0/24", "az": "a"}],
          "internet_gateways": [{"name": "edge", "vpc": "shop"}],
          "route_tables": [{"name": "public", "vpc": "shop", "routes": [{"to": "0.0.0.0/0", "via": "edge"},
                                                                        {"to": "0.0.0.0/0", "via": "edge"}]}]})",
       "[vpcsim.design.duplicate_route] d.jsonc:5:72 /route_tables/0/routes (route table public): route table "
       "'public' (rtb-03b041ce7c3f4c782) has two routes to 0.0.0.0/0; AWS refuses a second route with the same "
       "destination (RT-28)"},
      {"a route to the internet gateway of another VPC (VPC-5)",
       R"("internet_gateways": [{"name": "edge", "vpc": "other"}],
          "route_tables": [{"name": "public", "vpc": "shop", "routes": [{"to": "0.0.0.0/0", "via": "edge"}]}]})",
       "[vpcsim.design.other_vpc] d.jsonc:4:72 /route_tables/0/routes (route table public): route table 'public' "
       "(rtb-03b041ce7c3f4c782) of VPC 'shop' (vpc-0ac394c658c5d74a6): its route to 0.0.0.0/0 goes to 'edge' "
       "(igw-070d939632e9be732), which is in VPC 'other' (vpc-00e758fd91d896878); a route's target must be in "
       "the table's VPC (VPC-5)"},
      {"an endpoint in a subnet of another VPC (VPC-5)",
       R"("subnets": [{"name": "o-a", "vpc": "other", "cidr": "10.1.1.0/24", "az": "a"}],
          "endpoints": [{"name": "ssm", "vpc": "shop", "service": "ssm", "subnets": ["o-a"]}]})",
       "[vpcsim.design.other_vpc] d.jsonc:4:85 /endpoints/0/subnets (endpoint ssm): endpoint 'ssm' "
       "(vpce-0bba9246554f2d62b) of VPC 'shop' (vpc-0ac394c658c5d74a6) names subnet 'o-a' "
       "(subnet-087d91c8cd4ab4655) of VPC 'other' (vpc-00e758fd91d896878); an endpoint's subnets must be in its "
       "VPC (VPC-5)"},
      {"an interface endpoint with two subnets in one AZ (IF-2)",
       R"("subnets": [{"name": "app-a", "vpc": "shop", "cidr": "10.0.1.0/24", "az": "a"},
                      {"name": "app-a2", "vpc": "shop", "cidr": "10.0.2.0/24", "az": "a"}],
          "endpoints": [{"name": "ssm", "vpc": "shop", "service": "ssm", "subnets": ["app-a", "app-a2"]}]})",
       "[vpcsim.design.endpoint_az_twice] d.jsonc:5:85 /endpoints/0/subnets (endpoint ssm): endpoint 'ssm' "
       "(vpce-0bba9246554f2d62b) names subnets 'app-a' (subnet-03cebc372684dde87) and 'app-a2' "
       "(subnet-0d27bd0673c516d8f), both in us-east-1a; an interface endpoint takes one subnet per Availability "
       "Zone (IF-2)"},
      {"a gateway route table that sends traffic entering by the internet gateway back to it (RT-26)",
       R"("subnets": [{"name": "app-a", "vpc": "shop", "cidr": "10.0.1.0/24", "az": "a"}],
          "internet_gateways": [{"name": "edge", "vpc": "shop"}],
          "route_tables": [{"name": "edge-rt", "vpc": "shop", "associations": [{"gateway": "edge"}],
                            "routes": [{"to": "10.0.1.0/24", "via": "edge"}]}]})",
       "[vpcsim.design.gateway_route_table_target] d.jsonc:6:39 /route_tables/0/routes (route table edge-rt): gateway "
       "route table 'edge-rt' (rtb-00dd4d2a50b9d850b), associated with internet gateway 'edge' (igw-070d939632e9be732), "
       "routes 10.0.1.0/24 to 'edge' (igw-070d939632e9be732); a gateway route table routes only to local, a network "
       "interface or a Gateway Load Balancer endpoint (RT-26)"},
      {"a gateway route table that sends one host, not a whole subnet, to an appliance (RT-26)",
       R"("subnets": [{"name": "app-a", "vpc": "shop", "cidr": "10.0.1.0/24", "az": "a"}],
          "internet_gateways": [{"name": "edge", "vpc": "shop"}],
          "network_interfaces": [{"name": "fw-eni", "subnet": "app-a", "ip": "10.0.1.5"}],
          "route_tables": [{"name": "edge-rt", "vpc": "shop", "associations": [{"gateway": "edge"}],
                            "routes": [{"to": "10.0.1.10/32", "via": "fw-eni"}]}]})",
       "[vpcsim.design.gateway_route_table_destination] d.jsonc:7:39 /route_tables/0/routes (route table edge-rt): "
       "gateway route table 'edge-rt' (rtb-00dd4d2a50b9d850b), associated with internet gateway 'edge' "
       "(igw-070d939632e9be732), routes 10.0.1.10/32 to 'fw-eni' (eni-0f00fdd103bcf7327); to a network interface or a "
       "Gateway Load Balancer endpoint, a gateway route table routes only an entire CIDR block of its VPC or of one of "
       "its subnets (RT-26)"},
      {"61 inbound rules in a security group (QUOTA-1)",
       R"("security_groups": [{"name": "web", "vpc": "shop", "ingress": [)" + rules(61) + "]}]}",
       "[vpcsim.design.over_quota] d.jsonc:3:63 /security_groups/0/ingress (security group web): security group "
       "'web' (sg-02e5e8219f05c5dd5) has 61 inbound IPv4 rules; AWS's default quota is 60 (raise it with Service "
       "Quotas first) (QUOTA-1)"},
      {"51 routes in a route table (QUOTA-2)",
       R"("internet_gateways": [{"name": "edge", "vpc": "shop"}],
          "route_tables": [{"name": "public", "vpc": "shop", "routes": [)" + routes(51) + "]}]}",
       "[vpcsim.design.over_quota] d.jsonc:4:72 /route_tables/0/routes (route table public): route table "
       "'public' (rtb-03b041ce7c3f4c782) has 51 IPv4 routes; AWS's default quota is 50 per table (raise it with "
       "Service Quotas first) (QUOTA-2)"},
      {"an instance in one VPC using a security group of another (SG-2)",
       R"("subnets": [{"name": "app-a", "vpc": "shop", "cidr": "10.0.1.0/24", "az": "a"}],
          "security_groups": [{"name": "g-other", "vpc": "other"}],
          "instances": [{"name": "web", "subnet": "app-a", "security_groups": ["g-other"]}]})",
       "[vpcsim.design.other_vpc] d.jsonc:5:79 /instances/0/security_groups (instance web): instance 'web' "
       "(i-09b0b9e710f977622), interface eni-03fbbc04ea54247b5, in VPC 'shop' (vpc-0ac394c658c5d74a6) uses "
       "security group 'g-other' (sg-046cc79decb67609d) of VPC 'other' (vpc-00e758fd91d896878); a security group "
       "can only be used in its VPC (SG-2)"},
      {"six security groups on an instance (QUOTA-3)",
       R"("subnets": [{"name": "app-a", "vpc": "shop", "cidr": "10.0.1.0/24", "az": "a"}],
          "security_groups": [{"name": "g0", "vpc": "shop"}, {"name": "g1", "vpc": "shop"}, {"name": "g2", "vpc": "shop"},
                              {"name": "g3", "vpc": "shop"}, {"name": "g4", "vpc": "shop"}, {"name": "g5", "vpc": "shop"}],
          "instances": [{"name": "web", "subnet": "app-a", "security_groups": [)" + sgs(6, "g") + "]}]}",
       "[vpcsim.design.over_quota] d.jsonc:6:79 /instances/0/security_groups (instance web): instance 'web' "
       "(i-09b0b9e710f977622), interface eni-03fbbc04ea54247b5, has 6 security groups; AWS's default quota is 5 "
       "per interface (raise it with Service Quotas first) (QUOTA-3)"},
      {"two instances given one private address in a VPC (VPC-7)",
       R"("subnets": [{"name": "app-a", "vpc": "shop", "cidr": "10.0.1.0/24", "az": "a"}],
          "instances": [{"name": "web", "subnet": "app-a", "ip": "10.0.1.20"},
                        {"name": "api", "subnet": "app-a", "ip": "10.0.1.20"}]})",
       "[vpcsim.design.address_in_use] d.jsonc:5:25 /instances/1 (instance api): instance 'api' "
       "(i-036486771675330cc), interface eni-09613374ed615a3eb, has private IPv4 10.0.1.20, which instance 'web' "
       "(i-09b0b9e710f977622), interface eni-03fbbc04ea54247b5, already has in VPC 'shop' (vpc-0ac394c658c5d74a6); "
       "AWS refuses an address in use, and traces deliver it to eni-03fbbc04ea54247b5 (the lower id) (VPC-7)"},
      {"an interface given the address of an instance (VPC-7)",
       R"("subnets": [{"name": "app-a", "vpc": "shop", "cidr": "10.0.1.0/24", "az": "a"}],
          "network_interfaces": [{"name": "fw-eni", "subnet": "app-a", "ip": "10.0.1.20"}],
          "instances": [{"name": "web", "subnet": "app-a", "ip": "10.0.1.20"}]})",
       "[vpcsim.design.address_in_use] d.jsonc:4:34 /network_interfaces/0 (network interface fw-eni): network "
       "interface 'fw-eni' (eni-0f00fdd103bcf7327) has private IPv4 10.0.1.20, which instance 'web' "
       "(i-09b0b9e710f977622), interface eni-03fbbc04ea54247b5, already has in VPC 'shop' (vpc-0ac394c658c5d74a6); "
       "AWS refuses an address in use, and traces deliver it to eni-03fbbc04ea54247b5 (the lower id) (VPC-7)"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    const auto found = errors(c.tail, c.vpcs);
    CHECK(found == std::vector<std::string>{c.expected});
  }
}

TEST_CASE("a capture holding what AWS would refuse is read, with a warning", "[io][aws][creation]") {
  // Two subnets with the same CIDR can only be in a capture taken call by call (VPC-4).
  const auto d = load_design_text(design(R"("subnets": [{"name": "app-a", "vpc": "shop", "cidr": "10.0.1.0/24", "az": "a"},
                                                        {"name": "app-b", "vpc": "shop", "cidr": "10.0.2.0/24", "az": "b"}]})"),
                                  "d.jsonc");
  REQUIRE(d.loaded.usable());
  network n = d.loaded.network;
  subnet b = *n.find(subnet_id{"subnet-03cebc472684de03a"});
  b.cidr_block = *cidr4::parse("10.0.1.0/24");
  n.put(b);
  const auto dir = std::filesystem::temp_directory_path() / "vpcsim-creation-rules-capture";
  std::filesystem::remove_all(dir);
  write_aws_cli(n, dir);
  const auto r = load_aws_cli(dir, load_options{});
  std::filesystem::remove_all(dir);
  CHECK(r.usable());
  std::vector<std::string> found;
  for (const auto& x : r.diagnostics)
    if (x.code == "vpcsim.validate.subnet_overlap") found.push_back(std::string(x.level == severity::warning ? "warning " : "error ") + x.message);
  CHECK(found == std::vector<std::string>{
                     "warning subnet 'app-b' (subnet-03cebc472684de03a) has the same CIDR 10.0.1.0/24 as subnet 'app-a' "
                     "(subnet-03cebc372684dde87); subnets of a VPC cannot overlap (VPC-4)"});
}

// Two interfaces can hold one address only in a capture taken call by call (or edited by hand):
// the lower id holds it (network::interface_with_address), whatever order the file lists them in.
TEST_CASE("a capture whose two interfaces hold one private address warns and names the lower id as its holder in either file order",
          "[io][aws][creation]") {
  const auto d = load_design_text(design(R"("subnets": [{"name": "app-a", "vpc": "shop", "cidr": "10.0.1.0/24", "az": "a"}],
                                            "instances": [{"name": "web", "subnet": "app-a", "ip": "10.0.1.20"},
                                                          {"name": "api", "subnet": "app-a", "ip": "10.0.1.21"}]})"),
                                  "d.jsonc");
  REQUIRE(d.loaded.usable());
  network n = d.loaded.network;
  network_interface api = *n.find(network_interface_id{"eni-09613374ed615a3eb"});
  api.private_ips.front().address = *parse_address4("10.0.1.20");
  n.put(api);
  const auto dir = std::filesystem::temp_directory_path() / "vpcsim-creation-rules-address";
  for (const bool reversed : {false, true}) {
    INFO((reversed ? "interfaces listed in reverse" : "interfaces listed as written"));
    std::filesystem::remove_all(dir);
    write_aws_cli(n, dir);
    if (reversed) {
      std::filesystem::path file;  // the describe-network-interfaces response, where the writer lays it
      for (const auto& f : std::filesystem::recursive_directory_iterator(dir))
        if (f.path().filename() == "NetworkInterfaces.json") file = f.path();
      REQUIRE(!file.empty());
      auto doc = nlohmann::json::parse(std::ifstream(file));
      auto& list = doc["NetworkInterfaces"];
      std::reverse(list.begin(), list.end());
      std::ofstream(file) << doc.dump(2);
    }
    const auto r = load_aws_cli(dir, load_options{});
    std::filesystem::remove_all(dir);
    CHECK(r.usable());
    std::vector<std::string> found;
    for (const auto& x : r.diagnostics)
      if (x.code == "vpcsim.validate.address_in_use")
        found.push_back(std::string(x.level == severity::warning ? "warning " : "error ") + x.message);
    CHECK(found == std::vector<std::string>{
                       "warning instance 'api' (i-036486771675330cc), interface eni-09613374ed615a3eb, has private IPv4 "
                       "10.0.1.20, which instance 'web' (i-09b0b9e710f977622), interface eni-03fbbc04ea54247b5, already has "
                       "in VPC 'shop' (vpc-0ac394c658c5d74a6); AWS refuses an address in use, and traces deliver it to "
                       "eni-03fbbc04ea54247b5 (the lower id) (VPC-7)"});
    const network_interface* holder = r.network.interface_with_address(vpc_id{"vpc-0ac394c658c5d74a6"}, *parse_address4("10.0.1.20"));
    REQUIRE(holder != nullptr);
    CHECK(holder->id.value == "eni-03fbbc04ea54247b5");
  }
}
