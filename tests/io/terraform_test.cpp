// The Terraform importer (include/vpcsim/io/terraform.hpp): real plans of the corpus and the
// hand-made fixtures in the shape of `terraform show -json` (tests/data/terraform/), the links a
// create plan leaves unknown rebuilt from the configuration's references (TF-2), and wrong shapes
// named by file, JSON pointer and address.
#include <vpcsim/io/design.hpp>
#include <vpcsim/io/load.hpp>
#include <vpcsim/io/terraform.hpp>
#include <vpcsim/sim/codes.hpp>
#include <vpcsim/sim/provenance.hpp>
#include <vpcsim/sim/trace.hpp>
#include <vpcsim/sim/workload.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

using namespace vpcsim;
namespace fs = std::filesystem;

namespace {

const fs::path data{fs::path(VPCSIM_TEST_DATA_DIR) / "terraform"};
const fs::path corpus = data / "corpus";
const fs::path example{fs::path(VPCSIM_TEST_DATA_DIR) / ".." / ".." / "examples" / "terraform" / "plan.json"};

std::vector<std::string> messages(const design_result& r, severity level) {
  std::vector<std::string> out;
  for (const auto& d : r.loaded.diagnostics)
    if (d.level == level) out.push_back(d.to_string());
  return out;
}

/// The model's id of the resource of kind T named `address`.
template <class T>
std::string id_of(const design_result& r, const std::string& address) {
  for (const auto& [id, x] : r.loaded.network.all<T>())
    if (logical_id(x.tags) == address) return id.str();
  return "(no " + address + ")";
}

template <class T>
const T& get(const design_result& r, const std::string& address) {
  for (const auto& [id, x] : r.loaded.network.all<T>())
    if (logical_id(x.tags) == address) return x;
  FAIL("no resource " << address);
  throw;
}

/// Names of ids, as the design loader gave them (the Terraform addresses).
template <class Id>
std::set<std::string> names(const design_result& r, const std::vector<Id>& ids) {
  std::set<std::string> out;
  for (const auto& i : ids) out.insert(r.name_of(i.str()));
  return out;
}

/// The route table's routes to `destination`, by the name of their target.
std::string route_to(const design_result& r, const route_table& t, const std::string& destination) {
  for (const auto& x : t.routes)
    if (const auto* c = std::get_if<cidr4>(&x.destination); c && c->to_string() == destination) return r.name_of(x.target.id);
  return "(no route)";
}

bool contains(const std::vector<std::string>& list, const std::string& part) {
  for (const auto& s : list)
    if (s.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("every corpus plan loads, with the network resources it plans", "[io][terraform]") {
  // Counts from the corpus README's table ("changes"); route tables and security groups add the
  // main route table and default group AWS creates with each VPC the plan creates (RT-2, SG-10).
  struct row {
    const char* file;
    std::size_t vpcs, subnets, route_tables, security_groups, nat_gateways, instances;
  };
  const row rows[] = {
      {"terraform-compliance__cli/tests/functional/test_issue-158/plan.out.json", 1, 6, 5, 1, 3, 0},
      {"terraform-compliance__cli/tests/functional/test_pull_330/plan.out.json", 1, 1, 1, 3, 1, 0},
      {"terraform-compliance__cli/tests/functional/test_issue-171/plan.out.json", 1, 4, 2, 2, 0, 0},
      {"terraform-compliance__cli/tests/functional/test_issue-514/plan.out.json", 1, 2, 1, 1, 0, 0},
      {"terraform-compliance__cli/tests/functional/test_issue-554/plan.out.json", 1, 0, 1, 2, 0, 0},
      {"terraform-compliance__cli/tests/functional/test_issue-sgr/plan.out.json", 1, 0, 1, 2, 0, 0},
      {"terraform-compliance__cli/tests/functional/test_issue-168/plan.out.json", 1, 1, 1, 1, 0, 0},
      {"bridgecrewio__checkov/tests/terraform/runner/resources/plan/tfplan.json", 2, 4, 3, 4, 0, 2},
      {"bridgecrewio__checkov/tests/terraform/parser/resources/plan_tags/tfplan.json", 2, 4, 3, 4, 0, 2},
      {"snyk__policy-engine/pkg/input/golden_test/tfplan/example-06-tf-v1.0/plan.json", 4, 0, 4, 7, 0, 0},
      {"snyk__policy-engine/pkg/input/golden_test/tfplan/modules/plan.json", 4, 0, 4, 7, 0, 0},
      {"fugue__regula/rego/tests/rules/tf/aws/vpc/inputs/flow_log_infra.json", 2, 0, 2, 2, 0, 0},
  };
  for (const auto& x : rows) {
    INFO(x.file);
    auto r = load_terraform(corpus / x.file);
    CHECK(messages(r, severity::error).empty());
    const auto& n = r.loaded.network;
    CHECK(n.all<vpc>().size() == x.vpcs);
    CHECK(n.all<subnet>().size() == x.subnets);
    CHECK(n.all<route_table>().size() == x.route_tables);
    CHECK(n.all<security_group>().size() == x.security_groups);
    CHECK(n.all<nat_gateway>().size() == x.nat_gateways);
    CHECK(n.all<instance>().size() == x.instances);
  }
}

TEST_CASE("every file of the corpus is recognised and loads without an error", "[io][terraform]") {
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(corpus)) {
    if (e.path().extension() != ".json") continue;
    INFO(e.path());
    ++files;
    CHECK(is_terraform_file(e.path()));
    auto r = vpcsim::load(e.path());
    CHECK(r.usable());
  }
  CHECK(files == 23);
}

TEST_CASE("terraform-aws-modules/vpc: each private subnet routes through the NAT gateway of its zone", "[io][terraform]") {
  // count.index pairing (TF-2): aws_route.private_nat_gateway[i] = {aws_route_table.private, count.index}
  // -> {aws_nat_gateway.this, count.index}; the NAT gateway in aws_subnet.public[i].
  auto r = load_terraform(corpus / "terraform-compliance__cli/tests/functional/test_issue-158/plan.out.json");
  REQUIRE(messages(r, severity::error).empty());
  for (int i = 0; i < 3; ++i) {
    const auto n = std::to_string(i);
    const auto& table = get<route_table>(r, "module.vpc.aws_route_table.private[" + n + "]");
    CHECK(route_to(r, table, "0.0.0.0/0") == "module.vpc.aws_nat_gateway.this[" + n + "]");
    CHECK(route_to(r, table, "10.0.0.0/16") == "local");
    REQUIRE(table.associations.size() == 1);
    CHECK(r.name_of(table.associations.front().subnet->str()) == "module.vpc.aws_subnet.private[" + n + "]");
    CHECK(r.name_of(get<nat_gateway>(r, "module.vpc.aws_nat_gateway.this[" + n + "]").subnet.str()) == "module.vpc.aws_subnet.public[" + n + "]");
  }
  const auto& pub = get<route_table>(r, "module.vpc.aws_route_table.public[0]");
  CHECK(route_to(r, pub, "0.0.0.0/0") == "module.vpc.aws_internet_gateway.this[0]");
  CHECK(pub.associations.size() == 3);
  CHECK(get<subnet>(r, "module.vpc.aws_subnet.private[2]").availability_zone == "eu-west-1c");
  // vpc_id = local.vpc_id: the JSON output holds no locals, so the link is a warning naming the
  // address and the attribute; the design's only VPC holds the subnet.
  CHECK(contains(messages(r, severity::warning),
                 "(module.vpc.aws_subnet.private[0]): vpc_id is known only after apply and its references ([\"local.vpc_id\"])"));
  CHECK(get<subnet>(r, "module.vpc.aws_subnet.private[0]").vpc.str() == id_of<vpc>(r, "module.vpc.aws_vpc.this[0]"));
  // The internet gateway's vpc_id is local.vpc_id too: left to the design's rule, attached to the
  // only VPC (IGW-2), not detached.
  const auto& igw = get<internet_gateway>(r, "module.vpc.aws_internet_gateway.this[0]");
  REQUIRE(igw.attachments.size() == 1);
  CHECK(igw.attachments.front().vpc.str() == id_of<vpc>(r, "module.vpc.aws_vpc.this[0]"));
  CHECK(igw.attachments.front().is_attached());
}

TEST_CASE("the example plan rebuilds every link from the configuration's references", "[io][terraform]") {
  auto r = load_terraform(example);
  REQUIRE(messages(r, severity::error).empty());
  CHECK(messages(r, severity::warning) ==
        std::vector<std::string>{"[vpcsim.terraform.not_modelled] " + example.generic_string() +
                                 ": resource types that carry no VPC network configuration vpcsim models: aws_ecs_cluster"});
  // subnet_ids = aws_subnet.endpoints[*].id: every instance of the counted resource.
  const auto& api = get<vpc_endpoint>(r, "aws_vpc_endpoint.ecr[\"ecr.api\"]");
  CHECK(api.type == endpoint_type::interface);
  CHECK(api.private_dns_enabled);
  CHECK(names(r, api.subnets) == std::set<std::string>{"aws_subnet.endpoints[0]", "aws_subnet.endpoints[1]"});
  CHECK(names(r, api.security_groups) == std::set<std::string>{"aws_security_group.endpoints"});
  // TF-9: no vpc_endpoint_type is a gateway endpoint; the association adds the route table.
  const auto& s3 = get<vpc_endpoint>(r, "aws_vpc_endpoint.s3");
  CHECK(s3.type == endpoint_type::gateway);
  CHECK(names(r, s3.route_tables) == std::set<std::string>{"aws_route_table.private"});
  // for_each = aws_subnet.private, subnet_id = each.value.id: the instance of the same key.
  const auto& rt = get<route_table>(r, "aws_route_table.private");
  std::set<std::string> associated;
  for (const auto& a : rt.associations)
    if (a.subnet) associated.insert(r.name_of(a.subnet->str()));
  CHECK(associated == std::set<std::string>{"aws_subnet.private[\"a\"]", "aws_subnet.private[\"b\"]"});
  // referenced_security_group_id = module.app.security_group_id: the module's output.
  const auto& endpoints = get<security_group>(r, "aws_security_group.endpoints");
  REQUIRE(endpoints.ingress.size() == 1);
  CHECK(r.name_of(std::get<security_group_id>(endpoints.ingress.front().peer).str()) == "module.app.aws_security_group.app");
  // TF-7: Terraform drops AWS's allow-all egress rule; the group has only the rules declared.
  CHECK(endpoints.egress.empty());
  const auto& app = get<security_group>(r, "module.app.aws_security_group.app");
  REQUIRE(app.egress.size() == 1);
  CHECK(describe(app.egress.front(), false) == "tcp 443 to 0.0.0.0/0");
  CHECK(app.vpc.str() == id_of<vpc>(r, "aws_vpc.main"));  // vpc_id = var.vpc_id, the module input
  // The ECS service: subnets = var.subnet_ids (the module input: aws_subnet.private), groups in the module.
  const auto& w = r.loaded.network.workloads().at("module.app.aws_ecs_service.api");
  CHECK(w.type == "aws_ecs_service");
  CHECK(names(r, w.subnets) == std::set<std::string>{"aws_subnet.private[\"a\"]", "aws_subnet.private[\"b\"]"});
  CHECK(names(r, w.security_groups) == std::set<std::string>{"module.app.aws_security_group.app"});
  CHECK(r.loaded.network.all<vpc>().begin()->second.where.region == "eu-west-1");
}

TEST_CASE("a state names its resources by address beside their real ids", "[io][terraform]") {
  auto r = load_terraform(data / "fixtures" / "state.json");
  REQUIRE(messages(r, severity::error).empty());
  CHECK(id_of<vpc>(r, "aws_vpc.main") == "vpc-0c1f4e2a9b3d57e18");
  CHECK(id_of<subnet>(r, "aws_subnet.private[\"b\"]") == "subnet-05d3a8e1f6c2b9470");
  CHECK(id_of<vpc_endpoint>(r, "aws_vpc_endpoint.s3") == "vpce-0e7f8a9b0c1d2e3f4");
  CHECK(r.loaded.network.all<vpc>().begin()->second.where.account == "210987654321");
  // Links by known ids: the same network as the plan's.
  const auto& w = r.loaded.network.workloads().at("module.app.aws_ecs_service.api");
  CHECK(names(r, w.subnets) == std::set<std::string>{"aws_subnet.private[\"a\"]", "aws_subnet.private[\"b\"]"});
  CHECK(names(r, get<vpc_endpoint>(r, "aws_vpc_endpoint.s3").route_tables) == std::set<std::string>{"aws_route_table.private"});
}

TEST_CASE("a plan's prior state is loaded with prior_state, its planned state without", "[io][terraform]") {
  const auto plan = data / "fixtures" / "remove-s3-association.plan.json";
  load_options before;
  before.prior_state = true;
  auto prior = load_terraform(plan, before);
  auto after = load_terraform(plan);
  REQUIRE(messages(prior, severity::error).empty());
  REQUIRE(messages(after, severity::error).empty());
  CHECK(names(prior, get<vpc_endpoint>(prior, "aws_vpc_endpoint.s3").route_tables) == std::set<std::string>{"aws_route_table.private"});
  CHECK(get<vpc_endpoint>(after, "aws_vpc_endpoint.s3").route_tables.empty());
}

TEST_CASE("a format version other than 0.x or 1.x is refused, naming it", "[io][terraform]") {
  auto r = load_terraform_text(R"({"format_version": "2.0", "terraform_version": "2.0.0", "values": {}})", "plan.json");
  CHECK(messages(r, severity::error) ==
        std::vector<std::string>{"[vpcsim.terraform.unsupported_version] plan.json /format_version: format_version 2.0 is not "
                                 "supported: vpcsim reads Terraform's JSON output format 0.1 to 1.x"});
  CHECK(messages(load_terraform_text(R"({"format_version": "1.9", "values": {}})", "s.json"), severity::error).empty());
}

TEST_CASE("wrong shapes are errors naming the JSON pointer and the address", "[io][terraform]") {
  auto r = load_terraform_text(R"({"format_version": "1.0", "values": {"root_module": {"resources": [
      {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main", "values": {"cidr_block": 10}}]}}})",
                               "state.json");
  CHECK(messages(r, severity::error) ==
        std::vector<std::string>{"[vpcsim.terraform.bad_value] state.json /values/root_module/resources/0/values/cidr_block "
                                 "(aws_vpc.main): cidr_block must be a string, not 10"});
  auto s = load_terraform_text(R"({"format_version": "1.0", "values": {"root_module": {"resources": {}}}})", "state.json");
  CHECK(messages(s, severity::error) ==
        std::vector<std::string>{"[vpcsim.terraform.bad_shape] state.json /values/root_module/resources: resources must be an array"});
}

TEST_CASE("a link the configuration does not settle is a warning naming the address and the attribute", "[io][terraform]") {
  // Two VPCs, a subnet whose vpc_id is unknown and written `var.x ? aws_vpc.a.id : aws_vpc.b.id`.
  const std::string plan = R"({"format_version": "1.2", "terraform_version": "1.9.5",
    "planned_values": {"root_module": {"resources": [
      {"address": "aws_vpc.a", "mode": "managed", "type": "aws_vpc", "name": "a", "values": {"cidr_block": "10.1.0.0/16"}},
      {"address": "aws_vpc.b", "mode": "managed", "type": "aws_vpc", "name": "b", "values": {"cidr_block": "10.2.0.0/16"}},
      {"address": "aws_subnet.s", "mode": "managed", "type": "aws_subnet", "name": "s", "values": {"cidr_block": "10.1.1.0/24"}}]}},
    "resource_changes": [{"address": "aws_subnet.s", "mode": "managed", "type": "aws_subnet", "name": "s",
      "change": {"actions": ["create"], "before": null, "after": {"cidr_block": "10.1.1.0/24"}, "after_unknown": {"id": true, "vpc_id": true}}}],
    "configuration": {"root_module": {"resources": [
      {"address": "aws_subnet.s", "mode": "managed", "type": "aws_subnet", "name": "s",
       "expressions": {"vpc_id": {"references": ["var.x", "aws_vpc.a.id", "aws_vpc.a", "aws_vpc.b.id", "aws_vpc.b"]}}}]}}})";
  auto r = load_terraform_text(plan, "plan.json");
  CHECK(contains(messages(r, severity::warning),
                 "[vpcsim.terraform.unresolved_link] plan.json /planned_values/root_module/resources/2/values/vpc_id (aws_subnet.s): vpc_id "
                 "is known only after apply and its references"));
  CHECK(contains(messages(r, severity::warning), "the expression names several resources that all exist"));
}

TEST_CASE("Auto Scaling groups, Lambda functions and EKS node groups are workloads by their addresses", "[io][terraform]") {
  // A state (ids known) in the shapes of hashicorp/aws 5.x: the group's security groups come from
  // its launch template, the function's from vpc_config, the node group has none of its own.
  const std::string state = R"({"format_version": "1.0", "terraform_version": "1.9.5", "values": {"root_module": {"resources": [
    {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main", "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 1, "values": {"cidr_block": "10.30.0.0/16", "enable_dns_hostnames": true, "enable_dns_support": true,
     "id": "vpc-0f1e2d3c4b5a69780", "owner_id": "210987654321"}, "sensitive_values": {}},
    {"address": "aws_subnet.app[0]", "mode": "managed", "type": "aws_subnet", "name": "app", "index": 0,
     "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 1, "values": {"availability_zone": "us-east-2a",
     "cidr_block": "10.30.1.0/24", "id": "subnet-0a1a2a3a4a5a6a7a8", "map_public_ip_on_launch": false, "vpc_id": "vpc-0f1e2d3c4b5a69780"},
     "sensitive_values": {}},
    {"address": "aws_subnet.app[1]", "mode": "managed", "type": "aws_subnet", "name": "app", "index": 1,
     "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 1, "values": {"availability_zone": "us-east-2b",
     "cidr_block": "10.30.2.0/24", "id": "subnet-0b1b2b3b4b5b6b7b8", "map_public_ip_on_launch": false, "vpc_id": "vpc-0f1e2d3c4b5a69780"},
     "sensitive_values": {}},
    {"address": "aws_security_group.web", "mode": "managed", "type": "aws_security_group", "name": "web",
     "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 1, "values": {"description": "web", "egress": [],
     "id": "sg-0c1c2c3c4c5c6c7c8", "ingress": [], "name": "web", "vpc_id": "vpc-0f1e2d3c4b5a69780"}, "sensitive_values": {}},
    {"address": "aws_security_group.fn", "mode": "managed", "type": "aws_security_group", "name": "fn",
     "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 1, "values": {"description": "fn", "egress": [],
     "id": "sg-0d1d2d3d4d5d6d7d8", "ingress": [], "name": "fn", "vpc_id": "vpc-0f1e2d3c4b5a69780"}, "sensitive_values": {}},
    {"address": "aws_launch_template.web", "mode": "managed", "type": "aws_launch_template", "name": "web",
     "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0, "values": {"id": "lt-0e1e2e3e4e5e6e7e8",
     "image_id": "ami-0abcdef1234567890", "instance_type": "t3.micro", "name": "web", "network_interfaces": [],
     "vpc_security_group_ids": ["sg-0c1c2c3c4c5c6c7c8"]}, "sensitive_values": {}},
    {"address": "aws_autoscaling_group.web", "mode": "managed", "type": "aws_autoscaling_group", "name": "web",
     "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0, "values": {"id": "web", "max_size": 2, "min_size": 1,
     "launch_template": [{"id": "lt-0e1e2e3e4e5e6e7e8", "name": "web", "version": "$Latest"}], "mixed_instances_policy": [],
     "vpc_zone_identifier": ["subnet-0a1a2a3a4a5a6a7a8", "subnet-0b1b2b3b4b5b6b7b8"]}, "sensitive_values": {}},
    {"address": "aws_lambda_function.worker", "mode": "managed", "type": "aws_lambda_function", "name": "worker",
     "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0, "values": {"function_name": "worker", "id": "worker",
     "vpc_config": [{"ipv6_allowed_for_dual_stack": false, "security_group_ids": ["sg-0d1d2d3d4d5d6d7d8"],
     "subnet_ids": ["subnet-0b1b2b3b4b5b6b7b8"], "vpc_id": "vpc-0f1e2d3c4b5a69780"}]}, "sensitive_values": {}},
    {"address": "aws_eks_node_group.workers", "mode": "managed", "type": "aws_eks_node_group", "name": "workers",
     "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0, "values": {"cluster_name": "prod", "id": "prod:workers",
     "launch_template": [], "node_group_name": "workers", "subnet_ids": ["subnet-0a1a2a3a4a5a6a7a8"]}, "sensitive_values": {}}
  ]}}})";
  auto r = load_terraform_text(state, "terraform.tfstate.json");
  REQUIRE(messages(r, severity::error).empty());
  const auto& w = r.loaded.network.workloads();
  REQUIRE(w.size() == 3);
  CHECK(names(r, w.at("aws_autoscaling_group.web").subnets) == std::set<std::string>{"aws_subnet.app[0]", "aws_subnet.app[1]"});
  CHECK(names(r, w.at("aws_autoscaling_group.web").security_groups) == std::set<std::string>{"aws_security_group.web"});
  CHECK(names(r, w.at("aws_lambda_function.worker").subnets) == std::set<std::string>{"aws_subnet.app[1]"});
  CHECK(names(r, w.at("aws_lambda_function.worker").security_groups) == std::set<std::string>{"aws_security_group.fn"});
  CHECK(names(r, w.at("aws_eks_node_group.workers").subnets) == std::set<std::string>{"aws_subnet.app[0]"});
  CHECK(w.at("aws_eks_node_group.workers").security_groups.empty());  // the VPC's default group (SG-11)
  CHECK(contains(messages(r, severity::note), "node group aws_eks_node_group.workers uses the cluster security group EKS creates"));
}

TEST_CASE("inline rules are read from the plan's values where the configuration leaves blocks out", "[io][terraform]") {
  // Terraform 0.12 wrote no nested blocks in `configuration`; the group's ingress is known in the
  // plan, and no rule resource names it (TF-12 does not apply).
  auto r = load_terraform(corpus / "bridgecrewio__checkov/tests/terraform/runner/resources/plan/tfplan.json");
  REQUIRE(messages(r, severity::error).empty());
  const auto& g = get<security_group>(r, "aws_security_group.web-node");
  std::vector<std::string> rules;
  for (const auto& x : g.ingress) rules.push_back(describe(x, true));
  for (const auto& x : g.egress) rules.push_back(describe(x, false));
  CHECK(rules == std::vector<std::string>{"tcp 22 from 0.0.0.0/0", "tcp 80 from 0.0.0.0/0", "all traffic to 0.0.0.0/0"});
}

namespace {

answer trace_https(const network& n, const std::string& from, const std::string& to) {
  flow_request req;
  req.from = from;
  req.to = to;
  return trace(n, req);
}

}  // namespace

TEST_CASE("a transit gateway with AWS's default route table associates and propagates every VPC attachment, so two "
          "VPCs on it reach each other (TGW-1, TF-14)",
          "[io][terraform]") {
  auto r = load_terraform(data / "fixtures" / "tgw-default-tables.plan.json");
  REQUIRE(messages(r, severity::error).empty());
  CHECK(messages(r, severity::warning).empty());
  const auto& n = r.loaded.network;
  // The table AWS creates: no resource declares it; named after the TGW's address, with an id the
  // design derives from that name (association_default_route_table_id is known only after apply).
  REQUIRE(n.all<transit_gateway_route_table>().size() == 1);
  const auto& [table_id, table] = *n.all<transit_gateway_route_table>().begin();
  CHECK(r.name_of(table_id.str()) == "aws_ec2_transit_gateway.hub default route table");
  CHECK(table_id.str().rfind("tgw-rtb-", 0) == 0);
  CHECK(r.name_of(table.transit_gateway.str()) == "aws_ec2_transit_gateway.hub");
  const auto& hub = get<transit_gateway>(r, "aws_ec2_transit_gateway.hub");
  REQUIRE(hub.association_default_route_table);
  CHECK(*hub.association_default_route_table == table_id);
  REQUIRE(hub.propagation_default_route_table);
  CHECK(*hub.propagation_default_route_table == table_id);
  CHECK(names(r, table.propagations) ==
        std::set<std::string>{"aws_ec2_transit_gateway_vpc_attachment.a", "aws_ec2_transit_gateway_vpc_attachment.b"});
  for (const char* a : {"aws_ec2_transit_gateway_vpc_attachment.a", "aws_ec2_transit_gateway_vpc_attachment.b"}) {
    INFO(a);
    const auto& att = get<transit_gateway_attachment>(r, a);
    REQUIRE(att.association);
    CHECK(*att.association == table_id);
  }
  const auto there = trace_https(n, "aws_instance.a", "aws_instance.b");
  CHECK(there.reachable);
  CHECK(there.via == std::optional<std::string>("transit-gateway"));
}

TEST_CASE("an attachment with transit_gateway_default_route_table_association = false is associated with no route "
          "table, and traffic entering the transit gateway by it is dropped (TGW-1, TF-14)",
          "[io][terraform]") {
  auto r = load_terraform(data / "fixtures" / "tgw-no-default-association.plan.json");
  REQUIRE(messages(r, severity::error).empty());
  const auto& n = r.loaded.network;
  CHECK_FALSE(get<transit_gateway_attachment>(r, "aws_ec2_transit_gateway_vpc_attachment.a").association);
  CHECK(get<transit_gateway_attachment>(r, "aws_ec2_transit_gateway_vpc_attachment.b").association);
  // It still propagates (transit_gateway_default_route_table_propagation stays true).
  REQUIRE(n.all<transit_gateway_route_table>().size() == 1);
  CHECK(names(r, n.all<transit_gateway_route_table>().begin()->second.propagations) ==
        std::set<std::string>{"aws_ec2_transit_gateway_vpc_attachment.a", "aws_ec2_transit_gateway_vpc_attachment.b"});
  const auto a = trace_https(n, "aws_instance.a", "aws_instance.b");
  CHECK_FALSE(a.reachable);
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == codes::tgw_missing_association);
  CHECK(r.name_of(a.blocked->component) == "aws_ec2_transit_gateway_vpc_attachment.a");
}

TEST_CASE("a state's default route table keeps the id AWS gave it, and a transit gateway with both defaults disabled "
          "has none (TGW-1, TF-14)",
          "[io][terraform]") {
  auto state = [](const std::string& association, const std::string& propagation) {
    return R"({"format_version": "1.0", "terraform_version": "1.9.5", "values": {"root_module": {"resources": [
    {"address": "aws_vpc.a", "mode": "managed", "type": "aws_vpc", "name": "a", "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 1, "values": {"cidr_block": "10.1.0.0/16", "id": "vpc-0a1a2a3a4a5a6a7a8"}, "sensitive_values": {}},
    {"address": "aws_subnet.a", "mode": "managed", "type": "aws_subnet", "name": "a", "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 1, "values": {"availability_zone": "us-east-2a", "cidr_block": "10.1.1.0/24", "id": "subnet-0a1a2a3a4a5a6a7a8",
     "vpc_id": "vpc-0a1a2a3a4a5a6a7a8"}, "sensitive_values": {}},
    {"address": "aws_ec2_transit_gateway.hub", "mode": "managed", "type": "aws_ec2_transit_gateway", "name": "hub",
     "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0, "values": {"amazon_side_asn": 64512,
     "association_default_route_table_id": "tgw-rtb-0c1c2c3c4c5c6c7c8", "default_route_table_association": ")" +
           association + R"(", "default_route_table_propagation": ")" + propagation + R"(", "id": "tgw-0b1b2b3b4b5b6b7b8",
     "propagation_default_route_table_id": "tgw-rtb-0c1c2c3c4c5c6c7c8"}, "sensitive_values": {}},
    {"address": "aws_ec2_transit_gateway_vpc_attachment.a", "mode": "managed", "type": "aws_ec2_transit_gateway_vpc_attachment",
     "name": "a", "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0, "values": {"id": "tgw-attach-0d1d2d3d4d5d6d7d8",
     "subnet_ids": ["subnet-0a1a2a3a4a5a6a7a8"], "transit_gateway_default_route_table_association": true,
     "transit_gateway_default_route_table_propagation": true, "transit_gateway_id": "tgw-0b1b2b3b4b5b6b7b8",
     "vpc_id": "vpc-0a1a2a3a4a5a6a7a8"}, "sensitive_values": {}}]}}})";
  };
  auto r = load_terraform_text(state("enable", "enable"), "terraform.tfstate.json");
  REQUIRE(messages(r, severity::error).empty());
  REQUIRE(r.loaded.network.all<transit_gateway_route_table>().size() == 1);
  CHECK(r.loaded.network.all<transit_gateway_route_table>().begin()->first.str() == "tgw-rtb-0c1c2c3c4c5c6c7c8");
  CHECK(r.name_of("tgw-rtb-0c1c2c3c4c5c6c7c8") == "aws_ec2_transit_gateway.hub default route table");
  const auto& att = r.loaded.network.all<transit_gateway_attachment>().begin()->second;
  CHECK(att.association == std::optional<transit_gateway_route_table_id>(transit_gateway_route_table_id{"tgw-rtb-0c1c2c3c4c5c6c7c8"}));
  auto none = load_terraform_text(state("disable", "disable"), "terraform.tfstate.json");
  REQUIRE(messages(none, severity::error).empty());
  CHECK(none.loaded.network.all<transit_gateway_route_table>().empty());
  CHECK_FALSE(none.loaded.network.all<transit_gateway_attachment>().begin()->second.association);
  // Propagation alone: AWS creates the table; the attachment propagates to it, associated with none.
  auto propagation = load_terraform_text(state("disable", "enable"), "terraform.tfstate.json");
  REQUIRE(propagation.loaded.network.all<transit_gateway_route_table>().size() == 1);
  CHECK(propagation.loaded.network.all<transit_gateway_route_table>().begin()->second.propagations.size() == 1);
  CHECK_FALSE(propagation.loaded.network.all<transit_gateway_attachment>().begin()->second.association);
}

TEST_CASE("an attachment's ipv6_support and an IPv6 aws_ec2_transit_gateway_route are read as AWS's IPv6 support "
          "and an IPv6 route (TGW-2)",
          "[io][terraform]") {
  auto state = [](const std::string& ipv6_support) {
    return R"({"format_version": "1.0", "terraform_version": "1.9.5", "values": {"root_module": {"resources": [
    {"address": "aws_vpc.a", "mode": "managed", "type": "aws_vpc", "name": "a", "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 1, "values": {"cidr_block": "10.1.0.0/16", "id": "vpc-0a1a2a3a4a5a6a7a8",
     "ipv6_cidr_block": "2600:1f16:8c3:2100::/56"}, "sensitive_values": {}},
    {"address": "aws_subnet.a", "mode": "managed", "type": "aws_subnet", "name": "a", "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 1, "values": {"availability_zone": "us-east-2a", "cidr_block": "10.1.1.0/24", "id": "subnet-0a1a2a3a4a5a6a7a8",
     "ipv6_cidr_block": "2600:1f16:8c3:2101::/64", "vpc_id": "vpc-0a1a2a3a4a5a6a7a8"}, "sensitive_values": {}},
    {"address": "aws_ec2_transit_gateway.hub", "mode": "managed", "type": "aws_ec2_transit_gateway", "name": "hub",
     "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0, "values": {"amazon_side_asn": 64512,
     "default_route_table_association": "disable", "default_route_table_propagation": "disable", "id": "tgw-0b1b2b3b4b5b6b7b8"},
     "sensitive_values": {}},
    {"address": "aws_ec2_transit_gateway_route_table.rt", "mode": "managed", "type": "aws_ec2_transit_gateway_route_table",
     "name": "rt", "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
     "values": {"id": "tgw-rtb-0c1c2c3c4c5c6c7c8", "transit_gateway_id": "tgw-0b1b2b3b4b5b6b7b8"}, "sensitive_values": {}},
    {"address": "aws_ec2_transit_gateway_vpc_attachment.a", "mode": "managed", "type": "aws_ec2_transit_gateway_vpc_attachment",
     "name": "a", "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0, "values": {"id": "tgw-attach-0d1d2d3d4d5d6d7d8",
     "ipv6_support": ")" + ipv6_support + R"(", "subnet_ids": ["subnet-0a1a2a3a4a5a6a7a8"],
     "transit_gateway_default_route_table_association": false, "transit_gateway_default_route_table_propagation": false,
     "transit_gateway_id": "tgw-0b1b2b3b4b5b6b7b8", "vpc_id": "vpc-0a1a2a3a4a5a6a7a8"}, "sensitive_values": {}},
    {"address": "aws_ec2_transit_gateway_route.v6", "mode": "managed", "type": "aws_ec2_transit_gateway_route", "name": "v6",
     "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0, "values": {"blackhole": false,
     "destination_cidr_block": "2600:1f16:8c3:2100::/56", "id": "tgw-rtb-0c1c2c3c4c5c6c7c8_2600:1f16:8c3:2100::/56",
     "transit_gateway_attachment_id": "tgw-attach-0d1d2d3d4d5d6d7d8", "transit_gateway_route_table_id": "tgw-rtb-0c1c2c3c4c5c6c7c8"},
     "sensitive_values": {}}]}}})";
  };
  auto on = load_terraform_text(state("enable"), "terraform.tfstate.json");
  REQUIRE(messages(on, severity::error).empty());
  CHECK(on.loaded.network.all<transit_gateway_attachment>().begin()->second.ipv6_support);
  const auto* rt = on.loaded.network.find(transit_gateway_route_table_id{"tgw-rtb-0c1c2c3c4c5c6c7c8"});
  REQUIRE(rt);
  REQUIRE(rt->routes.size() == 1);
  CHECK(rt->routes[0].destination == tgw_destination{*cidr6::parse("2600:1f16:8c3:2100::/56")});
  auto off = load_terraform_text(state("disable"), "terraform.tfstate.json");
  REQUIRE(messages(off, severity::error).empty());
  CHECK_FALSE(off.loaded.network.all<transit_gateway_attachment>().begin()->second.ipv6_support);
  auto bad = load_terraform_text(state("yes"), "terraform.tfstate.json");
  const auto errors = messages(bad, severity::error);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("ipv6_support must be enable or disable, not yes") != std::string::npos);
}

TEST_CASE("an Auto Scaling group with a mixed instances policy is traced with the security groups of the policy's "
          "launch template",
          "[io][terraform]") {
  const auto file = data / "fixtures" / "asg-mixed-instances.plan.json";
  auto r = load_terraform(file);
  REQUIRE(messages(r, severity::error).empty());
  CHECK(messages(r, severity::note).empty());
  // launch_template_specification[0].launch_template_id = aws_launch_template.web.id (known only after apply).
  const auto& w = r.loaded.network.workloads().at("aws_autoscaling_group.web");
  CHECK(names(r, w.subnets) == std::set<std::string>{"aws_subnet.app_a", "aws_subnet.app_b"});
  CHECK(names(r, w.security_groups) == std::set<std::string>{"aws_security_group.web"});
  // A template the file does not hold: a note naming the block, and the VPC's default group.
  std::ifstream in(file);
  auto plan = nlohmann::json::parse(in);
  for (auto& c : plan["configuration"]["root_module"]["resources"])
    if (c["address"] == "aws_autoscaling_group.web")
      c["expressions"]["mixed_instances_policy"][0]["launch_template"][0]["launch_template_specification"][0]["launch_template_id"]
       ["references"] = nlohmann::json::array({"data.aws_launch_template.shared.id", "data.aws_launch_template.shared"});
  auto gone = load_terraform_text(plan.dump(), "plan.json");
  REQUIRE(messages(gone, severity::error).empty());
  CHECK(gone.loaded.network.workloads().at("aws_autoscaling_group.web").security_groups.empty());
  CHECK(contains(messages(gone, severity::note),
                 "(aws_autoscaling_group.web): the launch template mixed_instances_policy[0].launch_template[0]."
                 "launch_template_specification[0] names is not in the file; aws_autoscaling_group.web is traced with its VPC's default group"));
}

TEST_CASE("an answer that crosses a resource whose link the plan does not settle says so, naming the address and the "
          "attribute (TF-2)",
          "[io][terraform]") {
  // aws_route.a_to_b: transit_gateway_id = local.hub_tgw_id, which the JSON output does not hold.
  auto r = load_terraform(data / "fixtures" / "tgw-unresolved-route.plan.json");
  REQUIRE(messages(r, severity::error).empty());
  CHECK(contains(messages(r, severity::warning),
                 "(aws_route.a_to_b): transit_gateway_id is known only after apply and its references ([\"local.hub_tgw_id\"])"));
  const auto& n = r.loaded.network;
  const auto table = id_of<route_table>(r, "aws_route_table.a");
  REQUIRE(n.unresolved().count(table) == 1);
  CHECK(n.unresolved().at(table) == std::vector<unresolved_link>{{"aws_route.a_to_b", "transit_gateway_id", "unknown until apply"}});
  auto a = trace_https(n, "aws_instance.a", "aws_instance.b");
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == codes::no_route);
  note_unresolved(n, a);
  const std::string said = "the answer depends on aws_route.a_to_b (in " + table +
                           " \"aws_route_table.a\"), whose transit_gateway_id could not be rebuilt from the plan (unknown until apply)";
  CHECK(std::count(a.warnings.begin(), a.warnings.end(), said) == 1);
  note_unresolved(n, a);  // once only
  CHECK(std::count(a.warnings.begin(), a.warnings.end(), said) == 1);
  // The way back does not cross aws_route_table.a: nothing to say.
  auto back = trace_https(n, "aws_instance.b", "aws_instance.a");
  const auto before = back.warnings.size();
  note_unresolved(n, back);
  CHECK(back.warnings.size() == before);
  // A plan whose every link is rebuilt: no such warning.
  auto settled = load_terraform(data / "fixtures" / "tgw-default-tables.plan.json");
  CHECK(settled.loaded.network.unresolved().empty());
}

TEST_CASE("aws_route53_resolver_endpoint is the endpoint in its subnets' VPC that a FORWARD rule names, as "
          "CloudFormation's ResolverEndpoint (DNS-13, CFN-11)",
          "[io][terraform][dns]") {
  const auto file = data / "fixtures" / "resolver-endpoint.plan.json";
  auto r = load_terraform(file);
  REQUIRE(messages(r, severity::error).empty());
  CHECK(messages(r, severity::warning).empty());
  const auto& n = r.loaded.network;
  REQUIRE(n.all<resolver_endpoint>().size() == 1);
  const auto& [id, ep] = *n.all<resolver_endpoint>().begin();
  CHECK(r.name_of(id.str()) == "aws_route53_resolver_endpoint.out");
  CHECK(ep.direction == "OUTBOUND");
  CHECK(ep.vpc.str() == id_of<vpc>(r, "aws_vpc.main"));  // host_vpc_id is known only after apply: its subnets' VPC
  CHECK(names(r, ep.security_groups) == std::set<std::string>{"aws_security_group.resolver"});
  const auto& rule = get<resolver_rule>(r, "aws_route53_resolver_rule.onprem");
  CHECK(rule.endpoint == id);
  const auto a = trace_https(n, "aws_instance.app", "db.onprem.example.com");
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == codes::dns_forwarded);
  CHECK_THAT(a.blocked->message, Catch::Matchers::Contains("through " + id.str() + " \"aws_route53_resolver_endpoint.out\""));
  // Subnets outside the file: its VPC is unknown, the endpoint is left out with a warning; the rule stays.
  std::ifstream in(file);
  auto plan = nlohmann::json::parse(in);
  for (auto& c : plan["configuration"]["root_module"]["resources"])
    if (c["address"] == "aws_route53_resolver_endpoint.out")
      for (auto& b : c["expressions"]["ip_address"]) b["subnet_id"]["references"] = nlohmann::json::array({"var.subnet_id"});
  auto outside = load_terraform_text(plan.dump(), "plan.json");
  REQUIRE(messages(outside, severity::error).empty());
  CHECK(outside.loaded.network.all<resolver_endpoint>().empty());
  CHECK(contains(messages(outside, severity::warning),
                 "(aws_route53_resolver_endpoint.out): resolver endpoint aws_route53_resolver_endpoint.out has no subnet of a VPC the file "
                 "declares; its VPC is unknown and it is left out"));
  CHECK(outside.loaded.network.all<resolver_rule>().size() == 1);
}

TEST_CASE("an answer from a subnet whose vpc_id the plan does not settle says so, for each representative interface "
          "of a workload in it (TF-2)",
          "[io][terraform]") {
  std::ifstream in(data / "fixtures" / "asg-mixed-instances.plan.json");
  auto plan = nlohmann::json::parse(in);
  for (auto& c : plan["configuration"]["root_module"]["resources"])
    if (c["address"] == "aws_subnet.app_a") c["expressions"]["vpc_id"]["references"] = nlohmann::json::array({"local.vpc_id"});
  auto r = load_terraform_text(plan.dump(), "plan.json");
  REQUIRE(messages(r, severity::error).empty());
  network placed = r.loaded.network;
  const auto sources = place_workload(placed, *placed.find_workload("aws_autoscaling_group.web"));
  REQUIRE(sources.size() == 2);
  const std::string said = "the answer depends on aws_subnet.app_a, whose vpc_id could not be rebuilt from the plan (unknown until apply)";
  for (const auto& src : sources) {
    flow_request req;
    req.from = src.interface.value;
    req.to = "1.1.1.1";
    auto a = trace(placed, req);
    note_unresolved(placed, a);
    const bool in_a = r.name_of(src.subnet.value) == "aws_subnet.app_a";
    INFO(r.name_of(src.subnet.value));
    CHECK(std::count(a.warnings.begin(), a.warnings.end(), said) == (in_a ? 1 : 0));
  }
}

TEST_CASE("the hand-made plans give the same network and notes whatever the order of their resources", "[io][terraform]") {
  // The default TGW route table, resolver endpoints' VPCs and unresolved links are settled after
  // every resource is read, in address order: reversing the file's arrays changes nothing.
  for (const char* name : {"tgw-default-tables.plan.json", "tgw-no-default-association.plan.json", "tgw-unresolved-route.plan.json",
                           "resolver-endpoint.plan.json", "asg-mixed-instances.plan.json"}) {
    INFO(name);
    std::ifstream in(data / "fixtures" / name);
    auto plan = nlohmann::json::parse(in);
    const auto forward = load_terraform_text(plan.dump(), "plan.json");
    auto& resources = plan["planned_values"]["root_module"]["resources"];
    std::reverse(resources.begin(), resources.end());
    std::reverse(plan["resource_changes"].begin(), plan["resource_changes"].end());
    auto& config = plan["configuration"]["root_module"]["resources"];
    std::reverse(config.begin(), config.end());
    const auto reversed = load_terraform_text(plan.dump(), "plan.json");
    REQUIRE(messages(forward, severity::error).empty());
    CHECK(write_design(forward.loaded.network) == write_design(reversed.loaded.network));
    CHECK(forward.loaded.network.unresolved() == reversed.loaded.network.unresolved());
    std::multiset<std::string> a, b;
    for (const auto& d : forward.loaded.diagnostics) a.insert(d.code + " " + d.resource + " " + d.message);
    for (const auto& d : reversed.loaded.diagnostics) b.insert(d.code + " " + d.resource + " " + d.message);
    CHECK(a == b);
  }
}

TEST_CASE("an endpoint's dns_options block gives its DNS record type; the inbound-only flag only where the "
          "service has gateway endpoints too (IF-17, S3IF-4, DDBIF-4)",
          "[io][terraform][s3-interface]") {
  auto r = load_terraform(data / "fixtures" / "state.json");
  REQUIRE(messages(r, severity::error).empty());
  const auto& api = get<vpc_endpoint>(r, "aws_vpc_endpoint.ecr[\"ecr.api\"]");
  CHECK(api.dns_record_ip_type == "ipv4");
  // The provider reports false for every endpoint; ecr.api has no gateway endpoint, so it means nothing.
  CHECK(api.private_dns_only_for_inbound_resolver_endpoint == std::nullopt);
}

TEST_CASE("aws_subnet's enable_dns64 becomes the subnet's EnableDns64 (DNS-15, issue #22)", "[io][terraform]") {
  // A plan in the shape of hashicorp/aws 5.x: the provider plans every argument, enable_dns64 included.
  const std::string plan = R"({"format_version": "1.2", "terraform_version": "1.9.5",
    "planned_values": {"root_module": {"resources": [
      {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main", "provider_name": "registry.terraform.io/hashicorp/aws",
       "schema_version": 1, "values": {"assign_generated_ipv6_cidr_block": true, "cidr_block": "10.40.0.0/16", "enable_dns_hostnames": true,
       "enable_dns_support": true}, "sensitive_values": {}},
      {"address": "aws_subnet.six", "mode": "managed", "type": "aws_subnet", "name": "six", "provider_name": "registry.terraform.io/hashicorp/aws",
       "schema_version": 1, "values": {"assign_ipv6_address_on_creation": true, "availability_zone": "us-east-1a", "cidr_block": "10.40.1.0/24",
       "enable_dns64": true, "enable_resource_name_dns_a_record_on_launch": false, "enable_resource_name_dns_aaaa_record_on_launch": false,
       "ipv6_native": false, "map_public_ip_on_launch": false, "tags": {"Name": "six"}}, "sensitive_values": {"tags": {}}},
      {"address": "aws_subnet.four", "mode": "managed", "type": "aws_subnet", "name": "four", "provider_name": "registry.terraform.io/hashicorp/aws",
       "schema_version": 1, "values": {"assign_ipv6_address_on_creation": false, "availability_zone": "us-east-1a", "cidr_block": "10.40.2.0/24",
       "enable_dns64": false, "ipv6_native": false, "map_public_ip_on_launch": false, "tags": {"Name": "four"}}, "sensitive_values": {"tags": {}}}]}},
    "configuration": {"root_module": {"resources": [
      {"address": "aws_subnet.six", "mode": "managed", "type": "aws_subnet", "name": "six",
       "expressions": {"vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]}}},
      {"address": "aws_subnet.four", "mode": "managed", "type": "aws_subnet", "name": "four",
       "expressions": {"vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]}}}]}}})";
  auto r = load_terraform_text(plan, "plan.json");
  CHECK(messages(r, severity::error).empty());
  CHECK(get<subnet>(r, "aws_subnet.six").enable_dns64);
  CHECK_FALSE(get<subnet>(r, "aws_subnet.four").enable_dns64);
}

TEST_CASE("aws_subnet's ipv6_native makes an IPv6-only subnet: its ipv6_cidr_block and no cidr_block (VPC-6, issue #22)",
          "[io][terraform]") {
  // A plan in the shape of hashicorp/aws 5.x: an IPv6-only subnet plans cidr_block as null.
  const std::string plan = R"({"format_version": "1.2", "terraform_version": "1.9.5",
    "planned_values": {"root_module": {"resources": [
      {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main", "provider_name": "registry.terraform.io/hashicorp/aws",
       "schema_version": 1, "values": {"assign_generated_ipv6_cidr_block": false, "cidr_block": "10.40.0.0/16", "enable_dns_hostnames": true,
       "enable_dns_support": true, "ipv6_cidr_block": "2600:1f18:6c2:9000::/56"}, "sensitive_values": {}},
      {"address": "aws_subnet.only6", "mode": "managed", "type": "aws_subnet", "name": "only6", "provider_name": "registry.terraform.io/hashicorp/aws",
       "schema_version": 1, "values": {"assign_ipv6_address_on_creation": true, "availability_zone": "us-east-1a", "cidr_block": null,
       "enable_dns64": true, "enable_resource_name_dns_a_record_on_launch": false, "enable_resource_name_dns_aaaa_record_on_launch": true,
       "ipv6_cidr_block": "2600:1f18:6c2:9001::/64", "ipv6_native": true, "map_public_ip_on_launch": false,
       "private_dns_hostname_type_on_launch": "resource-name", "tags": {"Name": "only6"}}, "sensitive_values": {"tags": {}}},
      {"address": "aws_subnet.four", "mode": "managed", "type": "aws_subnet", "name": "four", "provider_name": "registry.terraform.io/hashicorp/aws",
       "schema_version": 1, "values": {"assign_ipv6_address_on_creation": false, "availability_zone": "us-east-1a", "cidr_block": "10.40.2.0/24",
       "enable_dns64": false, "ipv6_native": false, "map_public_ip_on_launch": false, "tags": {"Name": "four"}}, "sensitive_values": {"tags": {}}}]}},
    "configuration": {"root_module": {"resources": [
      {"address": "aws_subnet.only6", "mode": "managed", "type": "aws_subnet", "name": "only6",
       "expressions": {"vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]}}},
      {"address": "aws_subnet.four", "mode": "managed", "type": "aws_subnet", "name": "four",
       "expressions": {"vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]}}}]}}})";
  auto r = load_terraform_text(plan, "plan.json");
  CHECK(messages(r, severity::error).empty());
  const auto& only6 = get<subnet>(r, "aws_subnet.only6");
  CHECK(only6.ipv6_native);
  CHECK_FALSE(only6.cidr_block);
  REQUIRE(only6.ipv6_cidr_blocks.size() == 1);
  CHECK(only6.ipv6_cidr_blocks.front().to_string() == "2600:1f18:6c2:9001::/64");
  const auto& four = get<subnet>(r, "aws_subnet.four");
  CHECK_FALSE(four.ipv6_native);
  REQUIRE(four.cidr_block);
  CHECK(four.cidr_block->to_string() == "10.40.2.0/24");
}
