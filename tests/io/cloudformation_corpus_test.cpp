// The CloudFormation importer on real templates (tests/data/cloudformation/, see its README for
// sources and licences): every one loads or is refused naming the construct; resource counts as a
// deployment creates them (the main route table and the default security group included); and
// reachability answers on the templates that have VPC endpoints.
#include <vpcsim/io/cloudformation.hpp>
#include <vpcsim/io/model_json.hpp>
#include <vpcsim/sim/answer.hpp>
#include <vpcsim/sim/solver.hpp>
#include <vpcsim/sim/workload.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

using namespace vpcsim;
namespace fs = std::filesystem;

namespace {

const fs::path corpus{fs::path(VPCSIM_TEST_DATA_DIR) / "cloudformation"};
const fs::path parameters{fs::path(VPCSIM_TEST_DATA_DIR) / "cloudformation-parameters"};

/// The widdix templates that import the exports of `vpc-2azs.yaml` (their ParentVPCStack).
bool imports_widdix_vpc(const std::string& rel) {
  return rel.rfind("widdix__aws-cf-templates/", 0) == 0 && rel.find("vpc-2azs.yaml") == std::string::npos &&
         rel.find("azs") == std::string::npos;
}

/// Loads a corpus template with its parameters file (placeholders chosen by parameter type),
/// together with the template whose exports it imports.
design_result load_corpus(const std::string& rel) {
  load_options o;
  auto pf = (parameters / rel).replace_extension(".parameters.json");
  if (fs::exists(pf)) read_parameters_file(pf, o.parameters);
  std::vector<fs::path> files{corpus / rel};
  if (imports_widdix_vpc(rel)) files.insert(files.begin(), corpus / "widdix__aws-cf-templates/vpc/vpc-2azs.yaml");
  return files.size() == 1 ? load_cloudformation(files.front(), o) : load_cloudformation(files, o);
}

std::vector<std::string> errors(const design_result& r) {
  std::vector<std::string> out;
  for (const auto& d : r.loaded.diagnostics)
    if (d.level == severity::error) out.push_back(d.to_string());
  return out;
}

/// One trace from a hypothetical interface in a subnet with security groups, both by logical id.
answer trace_from(const network& loaded, const std::string& subnet_name, const std::vector<std::string>& groups, const std::string& to) {
  network n = loaded;
  workload w;
  w.name = "test";
  w.type = "hypothetical interface";
  w.subnets.push_back(find_subnet(n, subnet_name));
  const auto* s = n.find(w.subnets.front());
  for (const auto& g : groups) w.security_groups.push_back(find_security_group(n, g, s->vpc));
  auto placed = place_workload(n, w);
  flow_request req;
  req.from = placed.front().interface.value;
  req.to = to;
  return solver(n).trace(req);
}

}  // namespace

TEST_CASE("every corpus template loads, or is refused naming the construct", "[io][cfn][corpus]") {
  // Refused: the construct each names (Rain's `!Rain::Embed` is a packaging tag, not CloudFormation).
  const std::map<std::string, std::string> refused = {
      {"aws-cloudformation__aws-cloudformation-templates/ElastiCache/Elasticache-snapshot.yaml", "tag !Rain::Embed"},
      {"aws-cloudformation__aws-cloudformation-templates/IoT/amzn2-greengrass-cfn.yaml", "tag !Rain::Embed"},
  };
  std::size_t templates = 0;
  for (const auto& e : fs::recursive_directory_iterator(corpus)) {
    auto ext = e.path().extension().string();
    if (!e.is_regular_file() || (ext != ".yaml" && ext != ".yml" && ext != ".json")) continue;
    auto rel = e.path().lexically_relative(corpus).generic_string();
    CAPTURE(rel);
    CHECK(is_cloudformation_file(e.path()));
    ++templates;
    auto r = load_corpus(rel);
    auto errs = errors(r);
    if (auto it = refused.find(rel); it != refused.end()) {
      REQUIRE_FALSE(errs.empty());
      for (const auto& m : errs) CHECK(m.find(it->second) != std::string::npos);
    } else {
      CHECK(errs.empty());
    }
  }
  CHECK(templates == 93);
}

TEST_CASE("corpus templates create the VPCs, subnets, route tables, endpoints and groups a deployment would", "[io][cfn][corpus]") {
  struct expected {
    std::string file;
    std::size_t vpcs, subnets, route_tables, endpoints, security_groups, nat_gateways;
  };
  // Route tables count the main one, security groups the default one (RT-2, SG-10).
  const std::vector<expected> cases = {
      {"aws-cloudformation__aws-cloudformation-templates/VPC/VPC_With_Managed_NAT_And_Private_Subnet.yaml", 1, 4, 4, 0, 1, 2},
      {"aws-cloudformation__aws-cloudformation-templates/VPC/FindInMapAZs.yaml", 1, 4, 4, 0, 2, 2},
      {"aws-cloudformation__aws-cloudformation-templates/ECS/FargateLaunchType/clusters/private-vpc.yaml", 1, 4, 4, 1, 4, 2},
      {"aws-cloudformation__aws-cloudformation-templates/ECS/FargateLaunchType/clusters/private-vpc.json", 1, 4, 4, 1, 4, 2},
      {"aws-cloudformation__aws-cloudformation-templates/EKS/template.yaml", 1, 6, 5, 0, 2, 3},
      {"aws-cloudformation__aws-cloudformation-templates/Solutions/CloudFormationEndpointSignals/cfn-endpoint-creationpolicy-no-igw.yaml", 1, 2, 3, 1, 3, 0},
      {"aws-cloudformation__aws-cloudformation-templates/Solutions/CloudFormationEndpointSignals/cfn-endpoint-waitcondition.yaml", 1, 4, 4, 2, 4, 0},
      {"aws-cloudformation__aws-cloudformation-templates/RainModules/vpc.yml", 1, 4, 5, 0, 1, 2},
      // Two AZs (the parameters file), so the conditions create 4 of the 12 subnets declared.
      {"aws-quickstart__quickstart-aws-vpc/templates/aws-vpc.template.yaml", 1, 4, 4, 1, 1, 2},
      {"aws-samples__amazon-sagemaker-secure-mlops/cfn_templates/env-vpc.yaml", 1, 4, 4, 16, 4, 2},
      {"aws-samples__amazon-sagemaker-studio-secure-data-science-workshop/cloudformation/ds_shared_sagemaker_network.yaml", 1, 3, 2, 15, 5, 0},
      {"aws-samples__ecs-refarch-cloudformation/infrastructure/vpc.yaml", 1, 4, 4, 0, 1, 2},
      {"aws-samples__sagemaker-remote-decorator-with-private-package-repositories/cloudformation/vpc.yaml", 1, 2, 2, 13, 3, 0},
      {"aws-samples__secure-data-science-reference-architecture/cloudformation/ds_env_network.yaml", 1, 3, 2, 11, 4, 0},
      {"nathanpeck__aws-cloudformation-fargate/fargate-networking-stacks/public-private-vpc.yml", 1, 4, 4, 1, 4, 2},
      {"widdix__aws-cf-templates/vpc/vpc-2azs.yaml", 1, 4, 5, 0, 1, 0},
      {"widdix__aws-cf-templates/vpc/vpc-4azs.yaml", 1, 8, 9, 0, 1, 0},
  };
  for (const auto& c : cases) {
    CAPTURE(c.file);
    auto r = load_corpus(c.file);
    REQUIRE(errors(r).empty());
    const auto& n = r.loaded.network;
    CHECK(n.all<vpc>().size() == c.vpcs);
    CHECK(n.all<subnet>().size() == c.subnets);
    CHECK(n.all<route_table>().size() == c.route_tables);
    CHECK(n.all<vpc_endpoint>().size() == c.endpoints);
    CHECK(n.all<security_group>().size() == c.security_groups);
    CHECK(n.all<nat_gateway>().size() == c.nat_gateways);
  }
}

TEST_CASE("a no-internet SageMaker VPC pulls from ECR through interface endpoints and S3 through the gateway endpoint", "[io][cfn][corpus]") {
  for (std::string file : {"aws-samples__sagemaker-remote-decorator-with-private-package-repositories/cloudformation/vpc.yaml"}) {
    auto r = load_corpus(file);
    REQUIRE(errors(r).empty());
    auto a = trace_from(r.loaded.network, "SageMakerPrivateSubnet1", {"SageMakerSecurityGroup"}, "ecr");
    REQUIRE(a.reachable);
    REQUIRE(a.legs.size() == 3);
    CHECK(a.legs[0].via == "interface-endpoint");
    CHECK(a.legs[1].via == "interface-endpoint");
    CHECK(a.legs[2].via == "gateway-endpoint");
    // No NAT, no internet gateway: an address on the internet is not reachable.
    auto out = trace_from(r.loaded.network, "SageMakerPrivateSubnet1", {"SageMakerSecurityGroup"}, "203.0.113.10");
    CHECK_FALSE(out.reachable);
    REQUIRE(out.blocked);
    CHECK(out.blocked->code == "NO_ROUTE_TO_DESTINATION");
  }
}

TEST_CASE("the SageMaker data science workshop VPC reaches ECR, STS and S3 privately", "[io][cfn][corpus]") {
  auto r = load_corpus("aws-samples__amazon-sagemaker-studio-secure-data-science-workshop/cloudformation/ds_shared_sagemaker_network.yaml");
  REQUIRE(errors(r).empty());
  auto ecr = trace_from(r.loaded.network, "PrivateSubnetA", {"SageMakerSecurityGroup"}, "ecr");
  CHECK(ecr.reachable);
  auto sts = trace_from(r.loaded.network, "PrivateSubnetB", {"SageMakerSecurityGroup"}, "sts");
  CHECK(sts.reachable);
  CHECK(sts.via == "interface-endpoint");
  auto s3 = trace_from(r.loaded.network, "PrivateSubnetC", {"SageMakerSecurityGroup"}, "s3");
  CHECK(s3.reachable);
  CHECK(s3.via == "gateway-endpoint");
}

TEST_CASE("the secure data science environment VPC reaches S3 by its gateway endpoint and SSM by its interface endpoint", "[io][cfn][corpus]") {
  auto r = load_corpus("aws-samples__secure-data-science-reference-architecture/cloudformation/ds_env_network.yaml");
  REQUIRE(errors(r).empty());
  auto s3 = trace_from(r.loaded.network, "PrivateSubnetA", {"SageMakerSecurityGroup"}, "s3");
  CHECK(s3.reachable);
  CHECK(s3.via == "gateway-endpoint");
  auto ssm = trace_from(r.loaded.network, "PrivateSubnetA", {"SageMakerSecurityGroup"}, "ssm");
  CHECK(ssm.reachable);
  CHECK(ssm.via == "interface-endpoint");
}

TEST_CASE("a Fargate VPC reaches DynamoDB by its gateway endpoint and the internet by NAT", "[io][cfn][corpus]") {
  for (std::string file : {"aws-cloudformation__aws-cloudformation-templates/ECS/FargateLaunchType/clusters/private-vpc.yaml",
                           "aws-cloudformation__aws-cloudformation-templates/ECS/FargateLaunchType/clusters/private-vpc.json",
                           "nathanpeck__aws-cloudformation-fargate/fargate-networking-stacks/public-private-vpc.yml"}) {
    CAPTURE(file);
    auto r = load_corpus(file);
    REQUIRE(errors(r).empty());
    auto ddb = trace_from(r.loaded.network, "PrivateSubnetOne", {"FargateContainerSecurityGroup"}, "dynamodb");
    CHECK(ddb.reachable);
    CHECK(ddb.via == "gateway-endpoint");
    auto s3 = trace_from(r.loaded.network, "PrivateSubnetTwo", {"FargateContainerSecurityGroup"}, "s3");
    CHECK(s3.reachable);
    CHECK(s3.via == "nat-gateway");
  }
}

TEST_CASE("an instance in a VPC without an internet gateway reaches S3 only through the gateway endpoint", "[io][cfn][corpus]") {
  auto r = load_corpus("aws-cloudformation__aws-cloudformation-templates/Solutions/CloudFormationEndpointSignals/cfn-endpoint-waitcondition-no-igw.yaml");
  REQUIRE(errors(r).empty());
  const auto& n = r.loaded.network;
  REQUIRE(n.all<instance>().size() == 1);
  flow_request req;
  req.from = "PrivateInstance";  // the logical id names the instance (CFN-3)
  req.to = "s3";
  auto s3 = solver(n).trace(req);
  CHECK(s3.reachable);
  CHECK(s3.via == "gateway-endpoint");
  req.to = "203.0.113.10";
  auto out = solver(n).trace(req);
  CHECK_FALSE(out.reachable);
}

TEST_CASE("widdix endpoint stacks import the VPC stack's exports and give its subnets S3 and DynamoDB", "[io][cfn][corpus]") {
  load_options o;
  o.parameters["ParentVPCStack"] = "vpc-2azs";
  auto r = load_cloudformation(std::vector<fs::path>{corpus / "widdix__aws-cf-templates/vpc/vpc-2azs.yaml",
                                                     corpus / "widdix__aws-cf-templates/vpc/vpc-endpoint-s3.yaml",
                                                     corpus / "widdix__aws-cf-templates/vpc/vpc-endpoint-dynamodb.yaml",
                                                     corpus / "widdix__aws-cf-templates/state/client-sg.yaml"},
                               o);
  REQUIRE(errors(r).empty());
  CHECK(r.loaded.network.all<vpc_endpoint>().size() == 2);
  for (const char* subnet_name : {"SubnetAPrivate", "SubnetBPublic"}) {
    CAPTURE(subnet_name);
    auto s3 = trace_from(r.loaded.network, subnet_name, {"ClientSecurityGroup"}, "s3");
    CHECK(s3.reachable);
    CHECK(s3.via == "gateway-endpoint");
    auto ddb = trace_from(r.loaded.network, subnet_name, {"ClientSecurityGroup"}, "dynamodb");
    CHECK(ddb.reachable);
    CHECK(ddb.via == "gateway-endpoint");
  }
}

TEST_CASE("loading a directory of templates does not depend on the order files are listed in", "[io][cfn][corpus]") {
  load_options o;
  o.parameters["ParentVPCStack"] = "vpc-2azs";
  std::vector<fs::path> files{corpus / "widdix__aws-cf-templates/vpc/vpc-endpoint-s3.yaml", corpus / "widdix__aws-cf-templates/vpc/vpc-2azs.yaml"};
  auto a = load_cloudformation(files, o);
  std::reverse(files.begin(), files.end());
  auto b = load_cloudformation(files, o);
  REQUIRE(errors(a).empty());
  REQUIRE(errors(b).empty());
  CHECK(a.names == b.names);
  CHECK(a.loaded.network.size() == b.loaded.network.size());
}

TEST_CASE("convert --to native turns a template into a design that loads back to the same model", "[io][cfn][convert]") {
  for (std::string file : {"aws-cloudformation__aws-cloudformation-templates/ECS/FargateLaunchType/clusters/private-vpc.yaml",
                           "aws-samples__sagemaker-remote-decorator-with-private-package-repositories/cloudformation/vpc.yaml",
                           "widdix__aws-cf-templates/vpc/vpc-2azs.yaml", "aws-quickstart__quickstart-aws-vpc/templates/aws-vpc.template.yaml"}) {
    CAPTURE(file);
    auto r = load_corpus(file);
    REQUIRE(errors(r).empty());
    auto text = write_design(r.loaded.network);
    auto back = load_design_text(text, "converted.jsonc");
    REQUIRE(errors(back).empty());
    CHECK(to_json(back.loaded.network) == to_json(r.loaded.network));
    // Named by logical id, as in the template (CFN-3).
    for (const auto& [id, s] : r.loaded.network.all<subnet>())
      CHECK(text.find("\"name\": \"" + s.tags.at("aws:cloudformation:logical-id") + "\"") != std::string::npos);
  }
}

TEST_CASE("a nested stack is read from the file --template-map gives, its outputs passed to its siblings", "[io][cfn][nested]") {
  const auto dir = corpus / "aws-samples__ecs-refarch-cloudformation";
  const std::string url = "https://s3.amazonaws.com/ecs-refarch-cloudformation/";
  load_options o;
  for (const char* child : {"infrastructure/vpc.yaml", "infrastructure/security-groups.yaml", "infrastructure/load-balancers.yaml",
                            "infrastructure/ecs-cluster.yaml", "services/product-service/service.yaml",
                            "services/website-service/service.yaml", "infrastructure/lifecyclehook.yaml"})
    o.template_map[url + child] = (dir / child).generic_string();
  auto r = load_cloudformation(dir / "master.yaml", o);
  REQUIRE(errors(r).empty());
  const auto& n = r.loaded.network;
  CHECK(n.all<vpc>().size() == 1);
  CHECK(n.all<subnet>().size() == 4);
  CHECK(n.all<security_group>().size() == 3);
  // The Auto Scaling group of the ECS cluster stack runs in the subnets the VPC stack exports.
  const auto* asg = n.find_workload("ECSAutoScalingGroup");
  REQUIRE(asg);
  CHECK(asg->subnets.size() == 2);
  REQUIRE(asg->security_groups.size() == 1);
  network placed = n;
  for (const auto& src : place_workload(placed, *asg)) {
    flow_request req;
    req.from = src.interface.value;
    req.to = "s3";
    auto a = solver(placed).trace(req);
    CHECK(a.reachable);
    CHECK(a.via == "nat-gateway");
  }
  // Without the map, the children are not read: a warning each, and only the parent loads.
  auto alone = load_cloudformation(dir / "master.yaml");
  CHECK(errors(alone).empty());
  CHECK(alone.loaded.network.all<vpc>().empty());
}

TEST_CASE("a nested stack with a relative TemplateURL is read beside its parent", "[io][cfn][nested]") {
  auto dir = fs::temp_directory_path() / "vpcsim-cfn-nested-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "network.yaml") << "Parameters:\n  Cidr: {Type: String}\nResources:\n"
                                         "  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: !Ref Cidr}\n"
                                         "Outputs:\n  VpcId: {Value: !Ref Vpc}\n";
  std::ofstream(dir / "parent.yaml") << "Resources:\n  Network:\n    Type: AWS::CloudFormation::Stack\n"
                                        "    Properties:\n      TemplateURL: network.yaml\n      Parameters: {Cidr: 10.7.0.0/16}\n"
                                        "  Sg:\n    Type: AWS::EC2::SecurityGroup\n"
                                        "    Properties: {GroupDescription: d, VpcId: !GetAtt Network.Outputs.VpcId}\n";
  auto r = load_cloudformation(dir / "parent.yaml");
  fs::remove_all(dir);
  REQUIRE(errors(r).empty());
  REQUIRE(r.loaded.network.all<vpc>().size() == 1);
  const auto& v = r.loaded.network.all<vpc>().begin()->second;
  CHECK(v.cidr_blocks.front().to_string() == "10.7.0.0/16");
  CHECK(v.tags.at("aws:cloudformation:stack-name") == "parent-Network");
  bool found = false;
  for (const auto& [id, g] : r.loaded.network.all<security_group>())
    if (g.tags.count("aws:cloudformation:logical-id") && g.tags.at("aws:cloudformation:logical-id") == "Sg") {
      found = true;
      CHECK(g.vpc == v.id);
    }
  CHECK(found);
}

TEST_CASE("a directory loads a nested child once, as its parent's stack, and its exports reach the other templates", "[io][cfn][nested]") {
  // CFN-10. network.yaml needs the parent's parameter: loaded on its own it would be refused.
  auto dir = fs::temp_directory_path() / "vpcsim-cfn-nested-dir-test";
  fs::remove_all(dir);
  fs::create_directories(dir / "children");
  std::ofstream(dir / "children" / "network.yaml") << "Parameters:\n  Cidr: {Type: String}\nResources:\n"
                                                      "  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: !Ref Cidr}\n"
                                                      "Outputs:\n  VpcId:\n    Value: !Ref Vpc\n    Export: {Name: shared-vpc}\n";
  std::ofstream(dir / "parent.yaml") << "Resources:\n  Network:\n    Type: AWS::CloudFormation::Stack\n"
                                        "    Properties:\n      TemplateURL: children/network.yaml\n      Parameters: {Cidr: 10.7.0.0/16}\n";
  std::ofstream(dir / "app.yaml") << "Resources:\n  AppSg:\n    Type: AWS::EC2::SecurityGroup\n"
                                     "    Properties: {GroupDescription: app, VpcId: !ImportValue shared-vpc}\n";
  auto r = load_cloudformation(dir);
  fs::remove_all(dir);
  REQUIRE(errors(r).empty());
  const auto& n = r.loaded.network;
  REQUIRE(n.all<vpc>().size() == 1);
  const auto& v = n.all<vpc>().begin()->second;
  CHECK(v.cidr_blocks.front().to_string() == "10.7.0.0/16");
  CHECK(v.tags.at("aws:cloudformation:stack-name") == "parent-Network");
  bool imported = false;
  for (const auto& [id, g] : n.all<security_group>())
    if (g.tags.count("aws:cloudformation:logical-id") && g.tags.at("aws:cloudformation:logical-id") == "AppSg") imported = g.vpc == v.id;
  CHECK(imported);
  bool noted = false;
  for (const auto& d : r.loaded.diagnostics)
    noted = noted || (d.code == "vpcsim.cfn.nested_template" && d.message.find("parent.yaml (Network)") != std::string::npos);
  CHECK(noted);
}
