// The CloudFormation importer (include/vpcsim/io/cloudformation.hpp): each intrinsic function and
// condition as a stack creation evaluates it, the resources it maps, and every error naming the
// template's file:line. Values are observed through a tag of a VPC (`probe`).
#include <vpcsim/io/cloudformation.hpp>
#include <vpcsim/io/design.hpp>
#include <vpcsim/sim/trace.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

using namespace vpcsim;
namespace fs = std::filesystem;

namespace {

/// A template with a VPC whose `probe` tag is `value` (YAML, indented for its place), after
/// the sections in `head` (Parameters, Mappings, Conditions; top-level YAML).
std::string probe_template(const std::string& value, const std::string& head = "", const std::string& more = "") {
  return "AWSTemplateFormatVersion: '2010-09-09'\n" + head +
         "Resources:\n"
         "  Vpc:\n"
         "    Type: AWS::EC2::VPC\n"
         "    Properties:\n"
         "      CidrBlock: 10.0.0.0/16\n"
         "      Tags:\n"
         "        - Key: probe\n"
         "          Value: " +
         value + "\n" + more;
}

design_result load(const std::string& text, const load_options& o = {}) { return load_cloudformation_text(text, "t.yaml", o); }

std::vector<std::string> errors(const design_result& r) {
  std::vector<std::string> out;
  for (const auto& d : r.loaded.diagnostics)
    if (d.level == severity::error) out.push_back(d.to_string());
  return out;
}

/// The probe tag's value, or the first error.
std::string probe(const std::string& value, const std::string& head = "", const load_options& o = {}) {
  auto r = load(probe_template(value, head), o);
  auto e = errors(r);
  if (!e.empty()) return e.front();
  REQUIRE(r.loaded.network.all<vpc>().size() == 1);
  const auto& tags = r.loaded.network.all<vpc>().begin()->second.tags;
  auto it = tags.find("probe");
  return it == tags.end() ? "(no probe tag)" : it->second;
}

const std::string params = R"(Parameters:
  Env:
    Type: String
    Default: dev
  Subnets:
    Type: CommaDelimitedList
    Default: "a, b,c"
  Count:
    Type: Number
    Default: 2
)";

}  // namespace

TEST_CASE("Ref gives a parameter's default, or the value given for it", "[io][cfn]") {
  CHECK(probe("!Ref Env", params) == "dev");
  load_options o;
  o.parameters["Env"] = "prod";
  CHECK(probe("!Ref Env", params, o) == "prod");
  CHECK(probe("{Ref: Env}", params) == "dev");
}

TEST_CASE("Ref gives the pseudo parameters of the region, account and stack", "[io][cfn]") {
  load_options o;
  o.region = "eu-west-1";
  o.account = "111122223333";
  CHECK(probe("!Sub '${AWS::Region}/${AWS::AccountId}/${AWS::StackName}/${AWS::Partition}/${AWS::URLSuffix}'", "", o) ==
        "eu-west-1/111122223333/t/aws/amazonaws.com");
  o.region = "cn-north-1";
  CHECK(probe("!Sub '${AWS::Partition} ${AWS::URLSuffix}'", "", o) == "aws-cn amazonaws.com.cn");
  CHECK(probe("!Join ['-', !Ref AWS::NotificationARNs]") == "");
}

TEST_CASE("Ref AWS::NoValue removes the property or the list item it is in", "[io][cfn]") {
  auto r = load(probe_template("x", "Conditions:\n  No: !Equals [a, b]\n") +
                "        - !If [No, {Key: gone, Value: y}, !Ref AWS::NoValue]\n"
                "      EnableDnsHostnames: !If [No, true, !Ref AWS::NoValue]\n");
  REQUIRE(errors(r).empty());
  const auto& v = r.loaded.network.all<vpc>().begin()->second;
  CHECK(v.tags.count("gone") == 0);
  CHECK(v.tags.count("probe") == 1);
  CHECK_FALSE(r.loaded.network.dns_hostnames(v.id).enabled);  // DNS-5: the default stands
}

TEST_CASE("Fn::Sub takes a string or a string and variables, and ${!Literal} stays literal", "[io][cfn]") {
  CHECK(probe("!Sub 'app-${Env}'", params) == "app-dev");
  CHECK(probe("!Sub ['${A}-${Env}', {A: !Ref Count}]", params) == "2-dev");
  CHECK(probe("!Sub '${!Literal}-${Env}'", params) == "${Literal}-dev");
  CHECK(probe("{'Fn::Sub': 'x-${AWS::Region}'}") == "x-us-east-1");
}

TEST_CASE("Fn::Join, Fn::Select and Fn::Split work on lists, with string indexes too", "[io][cfn]") {
  CHECK(probe("!Join ['+', !Ref Subnets]", params) == "a+b+c");
  CHECK(probe("!Select [1, !Ref Subnets]", params) == "b");
  CHECK(probe("!Select ['2', !Ref Subnets]", params) == "c");
  CHECK(probe("!Select [1, !Split [':', 'x:y:z']]") == "y");
  CHECK(probe("!Join ['', [a, !Ref Env, c]]", params) == "adevc");
}

TEST_CASE("Fn::FindInMap reads a mapping with keys that are themselves intrinsics", "[io][cfn]") {
  const std::string head = params + "Mappings:\n  Cidrs:\n    dev:\n      Vpc: 10.1.0.0/16\n    us-east-1:\n      Az: two\n";
  CHECK(probe("!FindInMap [Cidrs, !Ref Env, Vpc]", head) == "10.1.0.0/16");
  CHECK(probe("!FindInMap [Cidrs, !Ref 'AWS::Region', Az]", head) == "two");
}

TEST_CASE("Fn::GetAZs gives the region's zones from the built-in table, or those given", "[io][cfn]") {
  CHECK(probe("!Join [',', !GetAZs '']") == "us-east-1a,us-east-1b,us-east-1c,us-east-1d,us-east-1e,us-east-1f");
  CHECK(probe("!Select [0, !GetAZs eu-west-1]") == "eu-west-1a");
  load_options o;
  o.azs = {"us-east-1x", "us-east-1y"};
  CHECK(probe("!Join [',', !GetAZs {Ref: 'AWS::Region'}]", "", o) == "us-east-1x,us-east-1y");
}

TEST_CASE("Fn::GetAtt reads attributes that are properties, and leaves the others symbolic", "[io][cfn]") {
  const std::string more =
      "  Subnet:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: !Select [0, !Cidr [!GetAtt Vpc.CidrBlock, 2, 8]]\n"
      "      AvailabilityZone: us-east-1b\n      Tags:\n        - {Key: az, Value: !GetAtt Subnet2.AvailabilityZone}\n"
      "        - {Key: lb, Value: !GetAtt [Lb, DNSName]}\n"
      "  Subnet2:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: 10.0.9.0/24\n      AvailabilityZone: us-east-1c\n"
      "  Lb:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n";
  auto r = load(probe_template("x", "", more));
  REQUIRE(errors(r).empty());
  const subnet* s = nullptr;
  for (const auto& [id, sn] : r.loaded.network.all<subnet>())
    if (sn.tags.at("aws:cloudformation:logical-id") == "Subnet") s = &sn;
  REQUIRE(s);
  REQUIRE(s->cidr_block);
  CHECK(s->cidr_block->to_string() == "10.0.0.0/24");
  CHECK(s->tags.at("az") == "us-east-1c");
  CHECK(s->tags.at("lb") == "GetAtt Lb.DNSName");
}

TEST_CASE("Fn::Cidr carves IPv4 and IPv6 blocks in order", "[io][cfn]") {
  CHECK(probe("!Join [' ', !Cidr [10.0.0.0/16, 3, 8]]") == "10.0.0.0/24 10.0.1.0/24 10.0.2.0/24");
  CHECK(probe("!Join [' ', !Cidr [192.168.0.0/24, 2, 6]]") == "192.168.0.0/26 192.168.0.64/26");
  CHECK(probe("!Join [' ', !Cidr ['2600:1f18:abcd:1200::/56', 2, 64]]") == "2600:1f18:abcd:1200::/64 2600:1f18:abcd:1201::/64");
}

TEST_CASE("Fn::If, Fn::Equals, Fn::Not, Fn::And, Fn::Or and Condition decide values and resources", "[io][cfn]") {
  const std::string head = params +
                           "Conditions:\n  IsDev: !Equals [!Ref Env, dev]\n  IsProd: !Not [!Condition IsDev]\n"
                           "  Both: !And [!Condition IsDev, !Equals [a, a]]\n  Either: !Or [!Condition IsProd, {Condition: Both}]\n";
  CHECK(probe("!If [IsDev, yes, no]", head) == "yes");
  CHECK(probe("!If [IsProd, yes, no]", head) == "no");
  CHECK(probe("!If [Both, yes, no]", head) == "yes");
  CHECK(probe("!If [Either, yes, no]", head) == "yes");
  auto r = load(probe_template("x", head,
                               "  Igw:\n    Type: AWS::EC2::InternetGateway\n    Condition: IsProd\n"
                               "  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Condition: IsDev\n    Properties:\n"
                               "      GroupDescription: d\n      VpcId: !Ref Vpc\n"));
  REQUIRE(errors(r).empty());
  CHECK(r.loaded.network.all<internet_gateway>().empty());
  CHECK(r.loaded.network.all<security_group>().size() == 2);  // Sg and the VPC's default group
}

TEST_CASE("Fn::Base64 encodes its string", "[io][cfn]") {
  CHECK(probe("!Base64 'hello'") == "aGVsbG8=");
  CHECK(probe("!Base64 {'Fn::Sub': 'ab${Env}'}", params) == "YWJkZXY=");
}

TEST_CASE("Fn::ImportValue reads the export of another template loaded with it", "[io][cfn]") {
  auto dir = fs::temp_directory_path() / "vpcsim-cfn-import-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "network.yaml") << probe_template("net") << "Outputs:\n  VpcId:\n    Value: !Ref Vpc\n    Export:\n"
                                                                  "      Name: !Sub '${AWS::StackName}-Vpc'\n";
  std::ofstream(dir / "app.yaml") << "Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: d\n"
                                     "      VpcId: !ImportValue network-Vpc\n";
  auto r = load_cloudformation(dir);
  fs::remove_all(dir);
  REQUIRE(errors(r).empty());
  const auto& v = r.loaded.network.all<vpc>().begin()->second;
  bool found = false;
  for (const auto& [id, g] : r.loaded.network.all<security_group>())
    if (g.tags.count("aws:cloudformation:logical-id") && g.tags.at("aws:cloudformation:logical-id") == "Sg") {
      found = true;
      CHECK(g.vpc == v.id);
    }
  CHECK(found);
}

TEST_CASE("resources are named by logical id and their ids are generated from it, the same every run", "[io][cfn]") {
  auto a = load(probe_template("x"));
  auto b = load(probe_template("x"));
  REQUIRE(errors(a).empty());
  const auto& id = a.loaded.network.all<vpc>().begin()->first;
  CHECK(id == b.loaded.network.all<vpc>().begin()->first);
  CHECK(a.name_of(id.value) == "Vpc");
}

// ---- errors, each naming file:line ----

TEST_CASE("a Ref to a name the template does not define is an error at its line", "[io][cfn][errors]") {
  CHECK(probe("!Ref Nope") ==
        "[vpcsim.cfn.unknown_reference] t.yaml:9 /Resources/Vpc/Properties/Tags/0/Value (Vpc): Ref to 'Nope', which is not a "
        "parameter, resource or pseudo parameter of this template");
}

TEST_CASE("a required parameter without a value is an error naming it", "[io][cfn][errors]") {
  CHECK(probe("!Ref Name", "Parameters:\n  Name:\n    Type: String\n") ==
        "[vpcsim.cfn.missing_parameter] t.yaml:3 /Parameters/Name (Name): parameter 'Name' has no Default and no value was "
        "given (--parameter Name=VALUE)");
  CHECK(probe("!Ref Env", "Parameters:\n  Env:\n    Type: String\n    Default: dev\n    AllowedValues: [dev, prod]\n",
              [] {
                load_options o;
                o.parameters["Env"] = "test";
                return o;
              }()) ==
        "[vpcsim.cfn.bad_parameter] t.yaml:3 /Parameters/Env (Env): parameter 'Env' is 'test', not one of its AllowedValues: dev, prod");
}

TEST_CASE("Fn::Select out of range is an error at its line", "[io][cfn][errors]") {
  CHECK(probe("!Select [3, !Ref Subnets]", params) ==
        "[vpcsim.cfn.select_out_of_range] t.yaml:19 /Resources/Vpc/Properties/Tags/0/Value (Vpc): Fn::Select: index 3 is out of "
        "range: the list has 3 items");
}

TEST_CASE("Fn::FindInMap with a missing key is an error naming the key", "[io][cfn][errors]") {
  const std::string head = "Mappings:\n  M:\n    dev:\n      A: x\n";
  CHECK(probe("!FindInMap [M, prod, A]", head) ==
        "[vpcsim.cfn.missing_mapping_key] t.yaml:13 /Resources/Vpc/Properties/Tags/0/Value (Vpc): Fn::FindInMap: mapping 'M' has "
        "no key 'prod'");
  CHECK(probe("!FindInMap [M, dev, B]", head) ==
        "[vpcsim.cfn.missing_mapping_key] t.yaml:13 /Resources/Vpc/Properties/Tags/0/Value (Vpc): Fn::FindInMap: mapping 'M' has "
        "no key 'B' under 'dev'");
  CHECK(probe("!FindInMap [N, dev, A]", head) ==
        "[vpcsim.cfn.missing_mapping_key] t.yaml:13 /Resources/Vpc/Properties/Tags/0/Value (Vpc): Fn::FindInMap: mapping 'N' is "
        "not defined in Mappings");
}

TEST_CASE("resources that reference each other in a circle are an error, as CloudFormation reports it", "[io][cfn][errors]") {
  auto r = load(probe_template("x", "",
                               "  A:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: a\n      VpcId: !Ref Vpc\n"
                               "      SecurityGroupIngress:\n        - {IpProtocol: tcp, FromPort: 1, ToPort: 1, SourceSecurityGroupId: !Ref B}\n"
                               "  B:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: b\n      VpcId: !Ref Vpc\n"
                               "      SecurityGroupIngress:\n        - {IpProtocol: tcp, FromPort: 1, ToPort: 1, SourceSecurityGroupId: !GetAtt A.GroupId}\n"));
  CHECK(errors(r) == std::vector<std::string>{"[vpcsim.cfn.circular_reference] t.yaml:10 /Resources/A (A): circular dependency "
                                              "between resources: A -> B -> A"});
}

TEST_CASE("a condition that depends on itself is an error", "[io][cfn][errors]") {
  CHECK(probe("!If [C, a, b]", "Conditions:\n  C: !Not [!Condition D]\n  D: !Condition C\n") ==
        "[vpcsim.cfn.circular_reference] t.yaml:4 /Conditions/D (Vpc): condition 'C' depends on itself");
  CHECK(probe("!If [C, a, b]", "Conditions:\n  C: !Not [!Condition D]\n  D: [C]\n") ==
        "[vpcsim.cfn.bad_condition] t.yaml:4 /Conditions/D (Vpc): a condition is Fn::Equals, Fn::Not, Fn::And, Fn::Or or a "
        "Condition, not a list");
  CHECK(probe("!If [C, a, b]", "Conditions:\n  C: !Not [!Condition D]\n  D: !Not [!Condition C]\n") ==
        "[vpcsim.cfn.circular_reference] t.yaml:4 /Conditions/D/0 (Vpc): condition 'C' depends on itself");
}

TEST_CASE("transforms, Fn::ForEach and dynamic references are named with their line", "[io][cfn][errors]") {
  CHECK(errors(load("Transform: AWS::Serverless-2016-10-31\n" + probe_template("x"))) ==
        std::vector<std::string>{"[vpcsim.cfn.unsupported] t.yaml:1 /Transform: Transform AWS::Serverless-2016-10-31 is not supported: "
                                 "it rewrites the template inside AWS (SAM: run `sam package` / `sam build` and load the template it writes)"});
  CHECK(probe("!Length [a, b]") ==
        "[vpcsim.cfn.unsupported] t.yaml:9 /Resources/Vpc/Properties/Tags/0/Value (Vpc): Fn::Length (the AWS::LanguageExtensions "
        "transform) is not supported");
  auto r = load(probe_template("'{{resolve:ssm:/my/param}}'"));
  REQUIRE(errors(r).empty());
  REQUIRE(r.loaded.diagnostics.size() == 1);
  CHECK(r.loaded.diagnostics.front().to_string() ==
        "[vpcsim.cfn.unsupported] t.yaml:9 /Resources/Vpc/Properties/Tags/0/Value (Vpc): dynamic reference {{resolve:ssm:/my/param}}... "
        "is resolved only at deployment; its value is unknown here");
}

TEST_CASE("a duplicate key is a warning and the last value is used; bad YAML is an error at its line", "[io][cfn][errors]") {
  auto r = load(probe_template("first") + "        - Key: other\n          Value: a\n          Value: b\n");
  REQUIRE(errors(r).empty());
  REQUIRE(r.loaded.diagnostics.size() == 1);
  CHECK(r.loaded.diagnostics.front().to_string() ==
        "[vpcsim.cfn.duplicate_key] t.yaml:12: duplicate key 'Value' (first on line 11); the last value is used");
  CHECK(r.loaded.network.all<vpc>().begin()->second.tags.at("other") == "b");
  CHECK(errors(load("Resources:\n  Vpc: [a\n")) ==
        std::vector<std::string>{"[vpcsim.cfn.not_yaml] t.yaml:3: not YAML or JSON: while parsing a flow sequence: did not find "
                                 "expected ',' or ']'"});
}

TEST_CASE("JSON templates read the same as YAML, with lines", "[io][cfn]") {
  auto r = load(R"({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": {"Fn::Select": [0, ["10.2.0.0/16"]]}}},
    "Sub": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.3.0.0/24"}}
  }
})");
  // A template AWS would refuse (VPC-3) is an error at the template's line, as a design's is.
  REQUIRE(r.loaded.diagnostics.size() == 1);
  CHECK(errors(r) == std::vector<std::string>{
                          "[vpcsim.design.subnet_outside_vpc] t.yaml:5 /Resources/Sub/Properties/CidrBlock (subnet Sub): "
                          "subnet 'Sub' (subnet-01e34158c98594ff8): 10.3.0.0/24 is outside every CIDR block of VPC 'Vpc' "
                          "(vpc-0c6017f71d780063d) (VPC-3)"});
}

TEST_CASE("what AWS creates implicitly is there, and CloudFormation's own defaults apply", "[io][cfn]") {
  auto r = load(probe_template("x", "",
                               "  Igw:\n    Type: AWS::EC2::InternetGateway\n"
                               "  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: d\n      VpcId: !Ref Vpc\n"
                               "  Out:\n    Type: AWS::EC2::SecurityGroupEgress\n    Properties:\n      GroupId: !Ref Sg\n"
                               "      IpProtocol: tcp\n      FromPort: 443\n      ToPort: 443\n      CidrIp: 10.0.0.0/8\n"
                               "  Ep:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: !Ref Vpc\n"
                               "      ServiceName: !Sub com.amazonaws.${AWS::Region}.s3\n"));
  REQUIRE(errors(r).empty());
  const auto& n = r.loaded.network;
  const auto& v = n.all<vpc>().begin()->second;
  CHECK(n.main_route_table(v.id));        // RT-2
  CHECK(n.default_network_acl(v.id));     // NACL-1
  CHECK(n.default_security_group(v.id));  // SG-10
  CHECK(n.internet_gateway_for(v.id) == nullptr);  // CFN-4: attached only by a VPCGatewayAttachment
  REQUIRE(n.all<vpc_endpoint>().size() == 1);
  CHECK(n.all<vpc_endpoint>().begin()->second.type == endpoint_type::gateway);  // CFN-2
  for (const auto& [id, g] : n.all<security_group>())
    if (g.name == "t-Sg") CHECK(g.egress.size() == 2);  // CFN-6: allow-all kept, one rule added
}

TEST_CASE("workloads are read with their subnets and security groups", "[io][cfn][workload]") {
  const std::string more = R"(  A:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
  B:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24}
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: d, VpcId: !Ref Vpc}
  Service:
    Type: AWS::ECS::Service
    Properties:
      NetworkConfiguration:
        AwsvpcConfiguration: {Subnets: [!Ref A, !Ref B], SecurityGroups: [!Ref Sg]}
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData: {SecurityGroupIds: [!GetAtt Sg.GroupId]}
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: 1
      MaxSize: 2
      VPCZoneIdentifier: [!Ref B]
      LaunchTemplate: {LaunchTemplateId: !Ref Template, Version: !GetAtt Template.LatestVersionNumber}
  Function:
    Type: AWS::Lambda::Function
    Properties:
      VpcConfig: {SubnetIds: [!Ref A], SecurityGroupIds: [!Ref Sg]}
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties: {SubnetId: !Ref A, SecurityGroupIds: [!Ref Sg], InstanceType: ml.t3.medium, RoleArn: arn}
  OutsideVpc:
    Type: AWS::Lambda::Function
    Properties: {Runtime: python3.12}
)";
  auto r = load(probe_template("x", "", more));
  REQUIRE(errors(r).empty());
  const auto& n = r.loaded.network;
  REQUIRE(n.workloads().size() == 4);
  auto names = [&](const auto& ids) {
    std::vector<std::string> out;
    for (const auto& id : ids) out.push_back(r.name_of(id.value));
    return out;
  };
  const auto* service = n.find_workload("Service");
  REQUIRE(service);
  CHECK(service->type == "AWS::ECS::Service");
  CHECK(names(service->subnets) == std::vector<std::string>{"A", "B"});
  CHECK(names(service->security_groups) == std::vector<std::string>{"Sg"});
  REQUIRE(n.find_workload("Group"));
  CHECK(names(n.find_workload("Group")->subnets) == std::vector<std::string>{"B"});
  CHECK(names(n.find_workload("Group")->security_groups) == std::vector<std::string>{"Sg"});
  REQUIRE(n.find_workload("Function"));
  REQUIRE(n.find_workload("Notebook"));
  CHECK(n.find_workload("OutsideVpc") == nullptr);  // no VpcConfig: not in a VPC

  // `convert --to native` keeps them: a design's `workloads` load back to the same placements.
  auto converted = write_design(n);
  CHECK(converted.find("\"workloads\"") != std::string::npos);
  auto back = load_design_text(converted, "converted.json");
  REQUIRE(errors(back).empty());
  CHECK(back.loaded.network.workloads() == n.workloads());
}

TEST_CASE("an instance in a subnet that maps public addresses reaches the internet through the attached gateway", "[io][cfn]") {
  const std::string more = R"(  Public:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, MapPublicIpOnLaunch: true}
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
  Rt:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  Default:
    Type: AWS::EC2::Route
    DependsOn: Attach
    Properties: {RouteTableId: !Ref Rt, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Public, RouteTableId: !Ref Rt}
  Web:
    Type: AWS::EC2::Instance
    Properties: {SubnetId: !Ref Public, ImageId: ami-0123456789abcdef0}
  Private:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      NetworkInterfaces: [{DeviceIndex: 0, SubnetId: !Ref Public, AssociatePublicIpAddress: false}]
)";
  auto r = load(probe_template("x", "", more));
  REQUIRE(errors(r).empty());
  const auto& n = r.loaded.network;
  REQUIRE(n.internet_gateway_for(n.all<vpc>().begin()->first));  // attached (CFN-4)
  std::map<std::string, const instance*> by_name;
  for (const auto& [id, i] : n.all<instance>()) by_name[i.tags.at("aws:cloudformation:logical-id")] = &i;
  REQUIRE(by_name.size() == 2);
  CHECK(by_name["Web"]->public_ip.has_value());       // IGW-3: the subnet maps one on launch
  CHECK_FALSE(by_name["Private"]->public_ip.has_value());  // the interface says not to
}

TEST_CASE("a property the resource type does not have is a warning at its line", "[io][cfn][errors]") {
  auto r = load(probe_template("x") + "      EnableDnsHostname: true\n");
  REQUIRE(errors(r).empty());
  REQUIRE(r.loaded.diagnostics.size() == 1);
  CHECK(r.loaded.diagnostics.front().to_string() ==
        "[vpcsim.cfn.unknown_property] t.yaml:10 /Resources/Vpc/Properties/EnableDnsHostname (Vpc): AWS::EC2::VPC has no property "
        "EnableDnsHostname that vpcsim knows; it is ignored");
}

TEST_CASE("YAML aliases that would expand without bound are refused", "[io][cfn][errors]") {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i)
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + std::string("*a") + std::to_string(i - 1) + ", *a" +
            std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + ", *a" + std::to_string(i - 1) +
            ", *a" + std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + "]\n";
  text += "Resources: {}\n";
  auto e = errors(load(text));
  REQUIRE(e.size() == 1);
  CHECK(e.front().find("[vpcsim.cfn.not_yaml] t.yaml:") == 0);
  CHECK(e.front().find("too many alias expansions: more than 1000000 nodes copied") != std::string::npos);
}

TEST_CASE("a route written before its route table is kept: the answer does not depend on template order", "[io][cfn]") {
  const std::string text = R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ARoute:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref ZTable
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Igw
  AAttachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref Vpc
      InternetGatewayId: !Ref Igw
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Igw:
    Type: AWS::EC2::InternetGateway
  ZTable:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
)";
  auto r = load(text);
  REQUIRE(errors(r).empty());
  const route_table* table = nullptr;
  for (const auto& [id, t] : r.loaded.network.all<route_table>())
    if (logical_id(t.tags) == "ZTable") table = &t;
  REQUIRE(table);
  REQUIRE(table->routes.size() == 2);  // local (RT-10), then the route to the gateway
  CHECK(r.name_of(table->routes.back().target.id) == "Igw");
  const auto& igw = r.loaded.network.all<internet_gateway>().begin()->second;
  CHECK(igw.attachments.size() == 1);  // CFN-4: attached by the attachment written before it
}

TEST_CASE("an endpoint's DnsOptions give the inbound-only flag and the DNS record type (IF-17, S3IF-4)",
          "[io][cfn][s3-interface]") {
  auto endpoint_template = [](const std::string& options) {
    return "Resources:\n"
           "  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n"
           "  Subnet:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: 10.0.1.0/24\n"
           "      AvailabilityZone: us-east-1a\n"
           "  S3Interface:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: !Ref Vpc\n"
           "      ServiceName: !Sub com.amazonaws.${AWS::Region}.s3\n      VpcEndpointType: Interface\n"
           "      SubnetIds: [!Ref Subnet]\n      PrivateDnsEnabled: true\n      DnsOptions:\n" +
           options;
  };
  load_options o;
  o.region = "us-east-1";
  SECTION("OnlyInboundResolver and a record type") {
    auto r = load(endpoint_template("        PrivateDnsOnlyForInboundResolverEndpoint: OnlyInboundResolver\n"
                                    "        DnsRecordIpType: ipv4\n"),
                  o);
    REQUIRE(errors(r).empty());
    REQUIRE(r.loaded.network.all<vpc_endpoint>().size() == 1);
    const auto& e = r.loaded.network.all<vpc_endpoint>().begin()->second;
    CHECK(e.private_dns_only_for_inbound_resolver_endpoint == std::optional<bool>{true});
    CHECK(e.dns_record_ip_type == "ipv4");
  }
  SECTION("AllResolvers, and not-specified leaves the record type out") {
    auto r = load(endpoint_template("        PrivateDnsOnlyForInboundResolverEndpoint: AllResolvers\n"
                                    "        DnsRecordIpType: not-specified\n"),
                  o);
    REQUIRE(errors(r).empty());
    const auto& e = r.loaded.network.all<vpc_endpoint>().begin()->second;
    CHECK(e.private_dns_only_for_inbound_resolver_endpoint == std::optional<bool>{false});
    CHECK(e.dns_record_ip_type.empty());
  }
  SECTION("a value CloudFormation does not take is an error naming the property") {
    auto r = load(endpoint_template("        PrivateDnsOnlyForInboundResolverEndpoint: true\n"), o);
    const auto e = errors(r);
    REQUIRE(e.size() == 1);
    CHECK_THAT(e.front(), Catch::Matchers::Contains("/Resources/S3Interface/Properties/DnsOptions") &&
                              Catch::Matchers::Contains("OnlyInboundResolver, AllResolvers or NotSpecified"));
  }
}

TEST_CASE("a dual-stack template's IPv6 fields reach the engine: an interface's Ipv6Addresses leave by ::/0 to the egress-only gateway (IGW-8, IGW-10)",
          "[io][cfn][ipv6]") {
  auto r = load(R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.7.0.0/16}
  Vpc6:
    Type: AWS::EC2::VPCCidrBlock
    Properties: {VpcId: !Ref Vpc, Ipv6CidrBlock: '2600:1f14:a0:7e00::/56'}
  Sub:
    Type: AWS::EC2::Subnet
    DependsOn: Vpc6
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.7.1.0/24, Ipv6CidrBlock: '2600:1f14:a0:7e01::/64', AvailabilityZone: us-east-1a}
  Eigw:
    Type: AWS::EC2::EgressOnlyInternetGateway
    Properties: {VpcId: !Ref Vpc}
  Rt:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Sub, RouteTableId: !Ref Rt}
  Out6:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Rt, DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: !Ref Eigw}
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Vpc
      SecurityGroupEgress: [{IpProtocol: '-1', CidrIpv6: '::/0'}]
  Eni:
    Type: AWS::EC2::NetworkInterface
    Properties:
      SubnetId: !Ref Sub
      PrivateIpAddress: 10.7.1.10
      Ipv6Addresses: [{Ipv6Address: '2600:1f14:a0:7e01::10'}]
      GroupSet: [!Ref Sg]
)");
  REQUIRE(errors(r).empty());
  const auto& n = r.loaded.network;
  REQUIRE(n.all<network_interface>().size() == 1);
  const auto& eni = n.all<network_interface>().begin()->second;
  REQUIRE(eni.ipv6_addresses.size() == 1);
  CHECK(eni.ipv6_addresses.front().to_string() == "2600:1f14:a0:7e01::10");
  flow_request q;
  q.from = eni.id.str();
  q.to = "2606:4700:4700::1111";
  q.region = "us-east-1";
  const auto a = trace(n, q);
  CHECK(a.reachable);
  CHECK(a.via == std::optional<std::string>("internet-gateway"));
  CHECK(std::any_of(a.path.begin(), a.path.end(), [](const hop& h) { return h.kind == "egress-only-internet-gateway"; }));
}

TEST_CASE("a VPC attachment's Options.Ipv6Support and an IPv6 AWS::EC2::TransitGatewayRoute are read as AWS's IPv6 "
          "support and an IPv6 route (TGW-2)",
          "[io][cfn]") {
  auto tmpl = [](const std::string& ipv6) {
    return "AWSTemplateFormatVersion: '2010-09-09'\n"
           "Resources:\n"
           "  Vpc:\n"
           "    Type: AWS::EC2::VPC\n"
           "    Properties:\n"
           "      CidrBlock: 10.0.0.0/16\n"
           "  Subnet:\n"
           "    Type: AWS::EC2::Subnet\n"
           "    Properties:\n"
           "      VpcId: !Ref Vpc\n"
           "      CidrBlock: 10.0.1.0/24\n"
           "      AvailabilityZone: us-east-1a\n"
           "  Tgw:\n"
           "    Type: AWS::EC2::TransitGateway\n"
           "    Properties:\n"
           "      DefaultRouteTableAssociation: disable\n"
           "      DefaultRouteTablePropagation: disable\n"
           "  Table:\n"
           "    Type: AWS::EC2::TransitGatewayRouteTable\n"
           "    Properties:\n"
           "      TransitGatewayId: !Ref Tgw\n"
           "  Attachment:\n"
           "    Type: AWS::EC2::TransitGatewayVpcAttachment\n"
           "    Properties:\n"
           "      TransitGatewayId: !Ref Tgw\n"
           "      VpcId: !Ref Vpc\n"
           "      SubnetIds: [!Ref Subnet]\n"
           "      Options:\n"
           "        DnsSupport: enable\n"
           "        Ipv6Support: " + ipv6 + "\n"
           "  Route6:\n"
           "    Type: AWS::EC2::TransitGatewayRoute\n"
           "    Properties:\n"
           "      TransitGatewayRouteTableId: !Ref Table\n"
           "      DestinationCidrBlock: 2600:1f18:7a0:1000::/56\n"
           "      TransitGatewayAttachmentId: !Ref Attachment\n";
  };
  auto on = load(tmpl("enable"));
  REQUIRE(errors(on).empty());
  REQUIRE(on.loaded.network.all<transit_gateway_attachment>().size() == 1);
  CHECK(on.loaded.network.all<transit_gateway_attachment>().begin()->second.ipv6_support);
  REQUIRE(on.loaded.network.all<transit_gateway_route_table>().size() == 1);
  const auto& routes = on.loaded.network.all<transit_gateway_route_table>().begin()->second.routes;
  REQUIRE(routes.size() == 1);
  CHECK(routes[0].destination == tgw_destination{*cidr6::parse("2600:1f18:7a0:1000::/56")});
  auto off = load(tmpl("disable"));
  REQUIRE(errors(off).empty());
  CHECK_FALSE(off.loaded.network.all<transit_gateway_attachment>().begin()->second.ipv6_support);
  const auto bad = errors(load(tmpl("yes")));
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].find("Options.Ipv6Support must be enable or disable, not") != std::string::npos);
}

namespace {

/// Two VPCs attached to one transit gateway (TGW properties `tgw_props`, YAML at its place),
/// each with an instance and a route to the other VPC through the TGW; `more` adds resources.
std::string tgw_template(const std::string& tgw_props, const std::string& more = "") {
  std::string t = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n";
  for (const std::string side : {"A", "B"}) {
    const std::string n = side == "A" ? "1" : "2", other = side == "A" ? "10.2.0.0/16" : "10.1.0.0/16";
    t += "  Vpc" + side + ":\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10." + n + ".0.0/16\n"
         "  Subnet" + side + ":\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc" + side +
         "\n      CidrBlock: 10." + n + ".1.0/24\n      AvailabilityZone: us-east-1a\n"
         "  Routes" + side + ":\n    Type: AWS::EC2::RouteTable\n    Properties:\n      VpcId: !Ref Vpc" + side + "\n"
         "  RoutesAssoc" + side + ":\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Properties:\n"
         "      SubnetId: !Ref Subnet" + side + "\n      RouteTableId: !Ref Routes" + side + "\n"
         "  ToOther" + side + ":\n    Type: AWS::EC2::Route\n    DependsOn: Attach" + side + "\n    Properties:\n"
         "      RouteTableId: !Ref Routes" + side + "\n      DestinationCidrBlock: " + other +
         "\n      TransitGatewayId: !Ref Tgw\n"
         "  Attach" + side + ":\n    Type: AWS::EC2::TransitGatewayVpcAttachment\n    Properties:\n"
         "      TransitGatewayId: !Ref Tgw\n      VpcId: !Ref Vpc" + side + "\n      SubnetIds: [!Ref Subnet" + side + "]\n"
         "  Sg" + side + ":\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: app\n"
         "      VpcId: !Ref Vpc" + side + "\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n"
         "          FromPort: 443\n          ToPort: 443\n          CidrIp: 10.0.0.0/8\n"
         "  Host" + side + ":\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0abcdef1234567890\n"
         "      SubnetId: !Ref Subnet" + side + "\n      PrivateIpAddress: 10." + n + ".1.10\n"
         "      SecurityGroupIds: [!Ref Sg" + side + "]\n";
  }
  return t + "  Tgw:\n    Type: AWS::EC2::TransitGateway\n" + (tgw_props.empty() ? "" : "    Properties:\n" + tgw_props) + more;
}

answer trace_a_to_b(const design_result& r) {
  flow_request q;
  q.from = "HostA";
  q.to = "HostB";
  return trace(r.loaded.network, q);
}

std::vector<std::string> warnings_with(const design_result& r, const std::string& code) {
  std::vector<std::string> out;
  for (const auto& d : r.loaded.diagnostics)
    if (d.level == severity::warning && d.code.find(code) != std::string::npos) out.push_back(d.to_string());
  return out;
}

}  // namespace

TEST_CASE("a transit gateway with AWS's default route table carries two attached VPCs' traffic (TGW-1, CFN-13)", "[io][cfn]") {
  auto r = load(tgw_template(""));
  REQUIRE(errors(r).empty());
  CHECK(warnings_with(r, "not_modelled").empty());
  const auto& tables = r.loaded.network.all<transit_gateway_route_table>();
  REQUIRE(tables.size() == 1);
  CHECK(display_name(tables.begin()->second) == "Tgw default route table");
  const auto a = trace_a_to_b(r);
  CHECK(a.reachable);
  CHECK(a.via == std::optional<std::string>("transit-gateway"));
  CHECK(std::any_of(a.path.begin(), a.path.end(), [](const hop& h) {
    return h.kind == "transit-gateway-route-table" && h.name == "Tgw default route table" && h.rule.find("10.2.0.0/16") != std::string::npos &&
           h.rule.find("propagated") != std::string::npos;
  }));
}

TEST_CASE("a transit gateway without default association leaves its attachments unassociated, and the flow is blocked at the "
          "attachment (TGW-1, CFN-13)",
          "[io][cfn]") {
  auto r = load(tgw_template("      DefaultRouteTableAssociation: disable\n"));
  REQUIRE(errors(r).empty());
  const auto a = trace_a_to_b(r);
  CHECK_FALSE(a.reachable);
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION");
  CHECK(a.blocked->component_name == "AttachA");
}

TEST_CASE("a transit gateway without default propagation has a default table without the VPCs' routes (TGW-1, CFN-13)", "[io][cfn]") {
  auto r = load(tgw_template("      DefaultRouteTablePropagation: disable\n"));
  REQUIRE(errors(r).empty());
  const auto a = trace_a_to_b(r);
  CHECK_FALSE(a.reachable);
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == "TGW_RTB_CANNOT_ROUTE");
  CHECK(a.blocked->component_name == "Tgw default route table");
}

TEST_CASE("with both defaults disabled AWS creates no default route table, and declared tables route alone (CFN-13)", "[io][cfn]") {
  const std::string table =
      "  Table:\n    Type: AWS::EC2::TransitGatewayRouteTable\n    Properties:\n      TransitGatewayId: !Ref Tgw\n";
  std::string more = table;
  for (const std::string side : {"A", "B"})
    more += "  Assoc" + side + ":\n    Type: AWS::EC2::TransitGatewayRouteTableAssociation\n    Properties:\n"
            "      TransitGatewayAttachmentId: !Ref Attach" + side + "\n      TransitGatewayRouteTableId: !Ref Table\n"
            "  Prop" + side + ":\n    Type: AWS::EC2::TransitGatewayRouteTablePropagation\n    Properties:\n"
            "      TransitGatewayAttachmentId: !Ref Attach" + side + "\n      TransitGatewayRouteTableId: !Ref Table\n";
  auto r = load(tgw_template("      DefaultRouteTableAssociation: disable\n      DefaultRouteTablePropagation: disable\n", more));
  REQUIRE(errors(r).empty());
  CHECK(warnings_with(r, "conflicting_association").empty());
  REQUIRE(r.loaded.network.all<transit_gateway_route_table>().size() == 1);
  CHECK(trace_a_to_b(r).reachable);
  // With the default association left on, AWS refuses the template's association: a warning.
  auto conflicting = load(tgw_template("      DefaultRouteTablePropagation: disable\n", more));
  REQUIRE(errors(conflicting).empty());
  const auto w = warnings_with(conflicting, "conflicting_association");
  REQUIRE(w.size() == 2);
  CHECK(w[0].find("AttachA is already associated with Tgw default route table") != std::string::npos);
  CHECK(w[0].find("/Resources/AssocA/Properties/TransitGatewayAttachmentId") != std::string::npos);
  const auto bad = errors(load(tgw_template("      DefaultRouteTableAssociation: yes\n")));
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].find("DefaultRouteTableAssociation must be enable or disable, not") != std::string::npos);
}

TEST_CASE("a subnet's EnableDns64 is read, defaults to false, and survives convert to a design (DNS-15, issue #22)", "[io][cfn]") {
  const std::string more = R"(  Six:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, Ipv6CidrBlock: 2600:1f18:6c2:9000::/64, EnableDns64: true}
  Four:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
)";
  auto r = load(probe_template("x", "", more));
  REQUIRE(errors(r).empty());
  std::map<std::string, bool> dns64;
  for (const auto& [id, s] : r.loaded.network.all<subnet>()) dns64[s.tags.at("aws:cloudformation:logical-id")] = s.enable_dns64;
  CHECK(dns64 == std::map<std::string, bool>{{"Four", false}, {"Six", true}});
  for (const auto& d : r.loaded.diagnostics) CHECK(d.to_string().find("EnableDns64") == std::string::npos);
  // `convert --to native` writes it as the design's `dns64`, which loads back the same.
  const auto converted = write_design(r.loaded.network);
  CHECK(converted.find("\"dns64\"") != std::string::npos);
  auto back = load_design_text(converted, "converted.json");
  REQUIRE(errors(back).empty());
  std::map<std::string, bool> back_dns64;
  for (const auto& [id, s] : back.loaded.network.all<subnet>()) back_dns64[id.str()] = s.enable_dns64;
  std::map<std::string, bool> first_dns64;
  for (const auto& [id, s] : r.loaded.network.all<subnet>()) first_dns64[id.str()] = s.enable_dns64;
  CHECK(back_dns64 == first_dns64);
}

TEST_CASE("an IPv6-only subnet (Ipv6Native with an Ipv6CidrBlock and no CidrBlock) loads without an IPv4 CIDR and "
          "survives convert to a design (VPC-6, issue #22)",
          "[io][cfn]") {
  const std::string more = R"(  VpcV6:
    Type: AWS::EC2::VPCCidrBlock
    Properties: {VpcId: !Ref Vpc, Ipv6CidrBlock: 2600:1f18:6c2:9000::/56}
  OnlySix:
    Type: AWS::EC2::Subnet
    DependsOn: VpcV6
    Properties:
      VpcId: !Ref Vpc
      Ipv6Native: true
      Ipv6CidrBlock: 2600:1f18:6c2:9001::/64
      AssignIpv6AddressOnCreation: true
      EnableDns64: true
      AvailabilityZone: us-east-1a
)";
  auto r = load(probe_template("x", "", more));
  REQUIRE(errors(r).empty());
  REQUIRE(r.loaded.network.all<subnet>().size() == 1);
  const subnet& s = r.loaded.network.all<subnet>().begin()->second;
  CHECK(s.ipv6_native);
  CHECK_FALSE(s.cidr_block);
  REQUIRE(s.ipv6_cidr_blocks.size() == 1);
  CHECK(s.ipv6_cidr_blocks.front().to_string() == "2600:1f18:6c2:9001::/64");
  CHECK(s.enable_dns64);
  for (const auto& d : r.loaded.diagnostics) CHECK(d.to_string().find("Ipv6Native") == std::string::npos);
  // `convert --to native` writes `ipv6_native` and no `cidr`, which loads back the same subnet.
  const auto converted = write_design(r.loaded.network);
  CHECK(converted.find("\"ipv6_native\": true") != std::string::npos);
  auto back = load_design_text(converted, "converted.json");
  REQUIRE(errors(back).empty());
  REQUIRE(back.loaded.network.all<subnet>().size() == 1);
  const subnet& again = back.loaded.network.all<subnet>().begin()->second;
  CHECK(again.ipv6_native);
  CHECK_FALSE(again.cidr_block);
  CHECK(again.ipv6_cidr_blocks == s.ipv6_cidr_blocks);
}

TEST_CASE("a subnet with neither CidrBlock nor Ipv6Native is an error that says only an IPv6-only subnet has no "
          "CidrBlock (VPC-6, issue #22)",
          "[io][cfn][errors]") {
  const std::string more = R"(  NoCidr:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, Ipv6CidrBlock: 2600:1f18:6c2:9001::/64}
)";
  const auto e = errors(load(probe_template("x", "", more)));
  REQUIRE(e.size() == 1);
  CHECK(e[0].find("subnet NoCidr has no CidrBlock") != std::string::npos);
  CHECK(e[0].find("only an IPv6-only subnet, Ipv6Native: true, has none; VPC-6") != std::string::npos);
}
