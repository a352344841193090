// Route 53 private hosted zones, Resolver rules and DHCP options read from infrastructure as code
// (CFN-11, CFN-12, TF-…): a CloudFormation template and a `terraform show -json` plan of a shared
// services hub whose ecr.api endpoint a private hosted zone aliases, traced end to end (DNS-8,
// DNS-11..DNS-13).
#include <vpcsim/io/cloudformation.hpp>
#include <vpcsim/io/design.hpp>
#include <vpcsim/io/terraform.hpp>
#include <vpcsim/model/dns.hpp>
#include <vpcsim/sim/codes.hpp>
#include <vpcsim/sim/dns.hpp>
#include <vpcsim/sim/trace.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using Catch::Matchers::Contains;
using namespace vpcsim;

namespace {

const std::filesystem::path data = std::filesystem::path(VPCSIM_TEST_DATA_DIR);
const std::string ECR_API = "api.ecr.us-east-1.amazonaws.com";

network from_cloudformation() {
  auto r = load_cloudformation(data / "cloudformation-dns" / "centralized-ecr-api.yaml");
  for (const auto& d : r.loaded.diagnostics) UNSCOPED_INFO(d.to_string());
  REQUIRE(r.loaded.usable());
  for (const auto& d : r.loaded.diagnostics) CHECK(d.level != severity::error);
  return std::move(r.loaded.network);
}

network from_terraform() {
  auto r = load_terraform(data / "terraform" / "fixtures" / "dns" / "dns-hub.plan.json");
  for (const auto& d : r.loaded.diagnostics) UNSCOPED_INFO(d.to_string());
  REQUIRE(r.loaded.usable());
  for (const auto& d : r.loaded.diagnostics) CHECK(d.level != severity::error);
  return std::move(r.loaded.network);
}

answer https(const network& net, const std::string& from, const std::string& to = ECR_API) {
  flow_request req;
  req.from = from;
  req.to = to;
  return trace(net, req);
}

bool has_hop(const answer& a, const std::string& kind) {
  return std::any_of(a.path.begin(), a.path.end(), [&](const hop& h) { return h.kind.rfind(kind, 0) == 0; });
}

// The same template and plan of a hub and its spokes, each in its own format: the spoke whose zone
// aliases the hub endpoint, the spoke with custom DHCP DNS servers, and what the FORWARD rule says.
struct iac_input {
  const char* format;
  network (*load)();
  std::string spoke, dhcp_spoke;
  std::vector<std::string> forward_words;  ///< in the DNS_FORWARDED message: the targets (and endpoint)
};

const std::vector<iac_input>& iac_inputs() {
  static const std::vector<iac_input> inputs = {
      {"CloudFormation (CFN-11, CFN-12)", from_cloudformation, "AppA", "AppC",
       {"192.168.10.10:53", "192.168.10.11:53", "through rslvr-out-"}},
      {"Terraform (TF-13)", from_terraform, "aws_instance.app_a", "aws_instance.app_c",
       {"192.168.10.10:53", "192.168.10.11:5353"}},
  };
  return inputs;
}

}  // namespace

TEST_CASE("a private hosted zone aliasing the first of an interface endpoint's DNS entries leads a spoke to that "
          "endpoint over peering, from a template and from a plan (DNS-12, IF-10, PEER-3)",
          "[io][cfn][terraform][dns]") {
  for (const auto& in : iac_inputs()) {
    INFO(in.format);
    const auto net = in.load();
    const auto a = https(net, in.spoke);
    INFO(a.resolved.by);
    CHECK(a.reachable);
    CHECK(a.via == std::optional<std::string>("peering"));
    CHECK_THAT(a.resolved.by, Contains("private hosted zone") && Contains("endpoint-specific DNS name"));
    CHECK_FALSE(a.resolved.zone.empty());
    CHECK(has_hop(a, "peering"));
    CHECK(has_hop(a, "interface-endpoint"));
    // ecr.api by its short name asks the same name (IF-15).
    CHECK(https(net, in.spoke, "ecr.api").reachable);
  }
}

TEST_CASE("DHCP options with custom DNS servers hide the private hosted zone from the VPC they are associated with, "
          "from a template and from a plan (DNS-8, DNS-11)",
          "[io][cfn][terraform][dns]") {
  for (const auto& in : iac_inputs()) {
    INFO(in.format);
    const auto a = https(in.load(), in.dhcp_spoke);
    CHECK_FALSE(a.reachable);
    REQUIRE(a.blocked);
    CHECK(a.blocked->code == codes::custom_dns_servers);
    CHECK_THAT(a.blocked->message, Contains("10.3.0.10, 10.3.0.11") && Contains("private hosted zone"));
  }
}

TEST_CASE("a FORWARD Resolver rule associated with a VPC sends its domain to its targets, outside the input, from a "
          "template and from a plan (DNS-13)",
          "[io][cfn][terraform][dns]") {
  for (const auto& in : iac_inputs()) {
    INFO(in.format);
    const auto a = https(in.load(), in.spoke, "db.onprem.example.com");
    CHECK_FALSE(a.reachable);
    REQUIRE(a.blocked);
    CHECK(a.blocked->code == codes::dns_forwarded);
    for (const auto& w : in.forward_words) CHECK_THAT(a.blocked->message, Contains(w));
  }
}

TEST_CASE("CloudFormation: record sets of a RecordSetGroup named by HostedZoneName answer in the zone's VPCs, CNAMEs "
          "followed (DNS-12)",
          "[io][cfn][dns]") {
  const auto net = from_cloudformation();
  const auto a = https(net, "AppA", "www.corp.example.com");
  INFO(a.resolved.by);
  CHECK(a.resolved.address == "10.1.1.10");
}

TEST_CASE("CloudFormation: a Resolver endpoint without a subnet of a VPC the templates declare is left out with a warning, "
          "not an error (CFN-11)",
          "[io][cfn][dns]") {
  const std::string text =
      "Resources:\n"
      "  Vpc:\n"
      "    Type: AWS::EC2::VPC\n"
      "    Properties:\n"
      "      CidrBlock: 10.0.0.0/16\n"
      "  Outbound:\n"
      "    Type: AWS::Route53Resolver::ResolverEndpoint\n"
      "    Properties:\n"
      "      Direction: OUTBOUND\n"
      "      IpAddresses:\n"
      "        - SubnetId: subnet-0123456789abcdef0\n"
      "      SecurityGroupIds: [sg-0123456789abcdef0]\n";
  const auto r = load_cloudformation_text(text, "t.yaml");
  REQUIRE(r.loaded.usable());
  const auto& ds = r.loaded.diagnostics;
  CHECK(std::none_of(ds.begin(), ds.end(), [](const diagnostic& d) { return d.level == severity::error; }));
  CHECK(std::any_of(ds.begin(), ds.end(), [](const diagnostic& d) {
    return d.level == severity::warning && d.to_string().find("t.yaml:6") != std::string::npos && d.message.find("Outbound") != std::string::npos;
  }));
}

TEST_CASE("CloudFormation: a record set naming a zone outside the templates is a warning naming the file, line and "
          "resource",
          "[io][cfn][dns]") {
  const std::string text =
      "Resources:\n"
      "  Vpc:\n"
      "    Type: AWS::EC2::VPC\n"
      "    Properties:\n"
      "      CidrBlock: 10.0.0.0/16\n"
      "  Rec:\n"
      "    Type: AWS::Route53::RecordSet\n"
      "    Properties:\n"
      "      HostedZoneId: Z0123456789ABC\n"
      "      Name: a.example.com\n"
      "      Type: A\n"
      "      ResourceRecords: [10.0.0.5]\n"
      "      Bogus: 1\n";
  const auto r = load_cloudformation_text(text, "t.yaml");
  REQUIRE(r.loaded.usable());
  std::vector<std::string> messages;
  for (const auto& d : r.loaded.diagnostics) messages.push_back(d.to_string());
  CAPTURE(messages);
  CHECK(std::any_of(messages.begin(), messages.end(), [](const std::string& m) {
    return m.find("t.yaml:9") != std::string::npos && m.find("Rec") != std::string::npos && m.find("Z0123456789ABC") != std::string::npos;
  }));
  CHECK(std::any_of(messages.begin(), messages.end(), [](const std::string& m) { return m.find("t.yaml:13") != std::string::npos && m.find("Bogus") != std::string::npos; }));
}

TEST_CASE("Terraform: an alias known only after apply that is no endpoint's dns_entry is left out with a warning naming "
          "the file, the pointer and the address, and the zone answers NXDOMAIN for the name (TF-13, DNS-12)",
          "[io][terraform][dns]") {
  std::ifstream in(data / "terraform" / "fixtures" / "dns" / "dns-hub.plan.json");
  auto plan = nlohmann::json::parse(in);
  for (auto& r : plan["configuration"]["root_module"]["resources"])
    if (r["address"] == "aws_route53_record.ecr_api")
      r["expressions"]["alias"][0]["name"]["references"] = nlohmann::json::array({"aws_lb.front.dns_name", "aws_lb.front"});
  const auto r = load_terraform_text(plan.dump(), "plan.json");
  REQUIRE(r.loaded.usable());
  const auto& ds = r.loaded.diagnostics;
  CHECK(std::any_of(ds.begin(), ds.end(), [](const diagnostic& d) {
    return d.level == severity::warning && d.file == "plan.json" && d.resource == "aws_route53_record.ecr_api" &&
           d.pointer.find("/alias/0/name") != std::string::npos;
  }));
  const auto a = https(r.loaded.network, "aws_instance.app_a");
  CHECK_FALSE(a.reachable);
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == codes::dns_name_not_found);
}

namespace {

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void replace_once(std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
}

answer https6(const network& net, const std::string& from, const std::string& to) {
  flow_request req;
  req.from = from;
  req.to = to;
  req.ip_version = 6;
  return trace(net, req);
}

}  // namespace

TEST_CASE("CloudFormation: a record set of Type AAAA answers an IPv6 query, the zone's A record for the same name an IPv4 "
          "one (DNS-14, issue #22)",
          "[io][cfn][dns][dns64]") {
  std::string text = read_text(data / "cloudformation-dns" / "centralized-ecr-api.yaml");
  replace_once(text, "        - Name: www.corp.example.com.\n", "        - Name: db.corp.example.com.\n          Type: AAAA\n"
                                                                 "          TTL: '300'\n          ResourceRecords: ['2600:1f18:6c2:a001::10']\n"
                                                                 "        - Name: www.corp.example.com.\n");
  auto r = load_cloudformation_text(text, "centralized-ecr-api.yaml");
  REQUIRE(r.loaded.usable());
  const auto& net = r.loaded.network;
  bool aaaa = false;
  for (const auto& [id, z] : net.all<hosted_zone>())
    for (const auto& rec : z.records) aaaa = aaaa || (rec.type == dns_record_type::aaaa && rec.name == "db.corp.example.com");
  CHECK(aaaa);
  const auto six = https6(net, "AppA", "db.corp.example.com");
  CHECK(six.resolved.address == "2600:1f18:6c2:a001::10");
  CHECK_THAT(six.resolved.by, Contains("record db.corp.example.com AAAA 2600:1f18:6c2:a001::10"));
  CHECK(https(net, "AppA", "db.corp.example.com").resolved.address == "10.1.1.10");
}

TEST_CASE("Terraform: enable_dns64 on the spoke's subnet turns the IPv6 query for a name with an alias A record only into "
          "64:ff9b::/96 + the endpoint's IPv4 address; without it the query has no IPv6 answer (DNS-15, DNS-14, issue #22)",
          "[io][terraform][dns][dns64]") {
  std::ifstream in(data / "terraform" / "fixtures" / "dns" / "dns-hub.plan.json");
  auto plan = nlohmann::json::parse(in);
  {
    const auto off = load_terraform_text(plan.dump(), "plan.json");
    REQUIRE(off.loaded.usable());
    CHECK_THROWS_WITH(https6(off.loaded.network, "aws_instance.app_a", ECR_API), Contains("EnableDns64 is off"));
  }
  bool set = false;
  for (auto& r : plan["planned_values"]["root_module"]["resources"])
    if (r["address"] == "aws_subnet.spoke_a_app") r["values"]["enable_dns64"] = set = true;
  REQUIRE(set);
  const auto on = load_terraform_text(plan.dump(), "plan.json");
  REQUIRE(on.loaded.usable());
  const auto v4 = https(on.loaded.network, "aws_instance.app_a");
  const auto a = https6(on.loaded.network, "aws_instance.app_a", ECR_API);
  INFO(a.resolved.by);
  REQUIRE(!v4.resolved.address.empty());
  CHECK(a.resolved.address == nat64_address(*parse_address4(v4.resolved.address)).to_string());
  CHECK_THAT(a.resolved.by, Contains("AAAA synthesized by DNS64 of"));
  // The spoke's instance has no IPv6 address: the synthesized answer is still an IPv6 destination.
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == codes::no_ipv6_address);
}
