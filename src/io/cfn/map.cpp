// CloudFormation resources onto the native design (map.hpp). Each resource type's properties are
// read as the AWS::EC2 resource reference defines them; the design loader then implies what AWS
// creates with a VPC, so those defaults are written once (design_rules.hpp).
#include "map.hpp"

#include "../design_document.hpp"
#include "../design_rules.hpp"
#include "../json_pointer.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace vpcsim::detail::cfn {

namespace {

using ojson = nlohmann::ordered_json;

/// The design array each modelled type declares into; empty for types that add to another resource.
struct type_info {
  std::string_view type;
  std::string_view array;  ///< the design's top-level key, or empty
};

constexpr type_info declared_types[] = {
    {"AWS::EC2::VPC", "vpcs"},
    {"AWS::EC2::Subnet", "subnets"},
    {"AWS::EC2::RouteTable", "route_tables"},
    {"AWS::EC2::InternetGateway", "internet_gateways"},
    {"AWS::EC2::EgressOnlyInternetGateway", "egress_only_internet_gateways"},
    {"AWS::EC2::VPNGateway", "vpn_gateways"},
    {"AWS::EC2::NatGateway", "nat_gateways"},
    {"AWS::EC2::SecurityGroup", "security_groups"},
    {"AWS::EC2::NetworkAcl", "network_acls"},
    {"AWS::EC2::VPCEndpoint", "endpoints"},
    {"AWS::EC2::Instance", "instances"},
    {"AWS::EC2::NetworkInterface", "network_interfaces"},
    {"AWS::EC2::PrefixList", "prefix_lists"},
    {"AWS::EC2::VPCPeeringConnection", "peering_connections"},
    {"AWS::EC2::TransitGateway", "transit_gateways"},
    {"AWS::EC2::TransitGatewayRouteTable", "transit_gateway_route_tables"},
    {"AWS::EC2::TransitGatewayAttachment", "transit_gateway_attachments"},
    {"AWS::EC2::TransitGatewayVpcAttachment", "transit_gateway_attachments"},
    {"AWS::EC2::DHCPOptions", "dhcp_options"},
    {"AWS::Route53::HostedZone", "hosted_zones"},
    {"AWS::Route53Resolver::ResolverEndpoint", "resolver_endpoints"},
    {"AWS::Route53Resolver::ResolverRule", "resolver_rules"},
};

/// Types that add to a declared resource (a route to its table, a rule to its group, ...).
constexpr std::string_view adding_types[] = {
    "AWS::EC2::VPCCidrBlock",
    "AWS::EC2::Route",
    "AWS::EC2::SubnetRouteTableAssociation",
    "AWS::EC2::VPCGatewayAttachment",
    "AWS::EC2::SecurityGroupIngress",
    "AWS::EC2::SecurityGroupEgress",
    "AWS::EC2::NetworkAclEntry",
    "AWS::EC2::SubnetNetworkAclAssociation",
    "AWS::EC2::NetworkInterfaceAttachment",
    "AWS::EC2::EIP",
    "AWS::EC2::EIPAssociation",
    "AWS::EC2::TransitGatewayRoute",
    "AWS::EC2::TransitGatewayRouteTableAssociation",
    "AWS::EC2::TransitGatewayRouteTablePropagation",
    "AWS::EC2::VPCDHCPOptionsAssociation",
    "AWS::Route53::RecordSet",
    "AWS::Route53::RecordSetGroup",
    "AWS::Route53Resolver::ResolverRuleAssociation",
};

/// Types that place a workload in subnets with security groups (`--from LogicalId`).
constexpr std::string_view workload_types[] = {
    "AWS::ECS::Service",           "AWS::AutoScaling::AutoScalingGroup", "AWS::Lambda::Function",
    "AWS::EKS::Cluster",           "AWS::EKS::Nodegroup",                "AWS::SageMaker::Domain",
    "AWS::SageMaker::NotebookInstance",
};

/// Types read for what they tell other resources (a launch template's security groups).
constexpr std::string_view helper_types[] = {"AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration",
                                             "AWS::CloudFormation::Stack"};  // its resources are a stack of their own

std::string_view array_of(std::string_view type) {
  for (const auto& t : declared_types)
    if (t.type == type) return t.array;
  return {};
}

/// The properties of each modelled type, as the CloudFormation resource reference lists them:
/// any other is a warning (a typo, or a property newer than this table), and is ignored.
const std::map<std::string_view, std::vector<std::string_view>>& known_properties() {
  static const std::map<std::string_view, std::vector<std::string_view>> table = {
      {"AWS::EC2::VPC", {"CidrBlock", "EnableDnsHostnames", "EnableDnsSupport", "InstanceTenancy", "Ipv4IpamPoolId", "Ipv4NetmaskLength", "Tags"}},
      {"AWS::EC2::VPCCidrBlock",
       {"AmazonProvidedIpv6CidrBlock", "CidrBlock", "Ipv4IpamPoolId", "Ipv4NetmaskLength", "Ipv6CidrBlock", "Ipv6CidrBlockNetworkBorderGroup",
        "Ipv6IpamPoolId", "Ipv6NetmaskLength", "Ipv6Pool", "VpcId"}},
      {"AWS::EC2::Subnet",
       {"AssignIpv6AddressOnCreation", "AvailabilityZone", "AvailabilityZoneId", "CidrBlock", "EnableDns64", "EnableLniAtDeviceIndex",
        "Ipv4IpamPoolId", "Ipv4NetmaskLength", "Ipv6CidrBlock", "Ipv6IpamPoolId", "Ipv6Native", "Ipv6NetmaskLength", "MapPublicIpOnLaunch",
        "OutpostArn", "PrivateDnsNameOptionsOnLaunch", "Tags", "VpcId"}},
      {"AWS::EC2::RouteTable", {"Tags", "VpcId"}},
      {"AWS::EC2::Route",
       {"CarrierGatewayId", "CoreNetworkArn", "DestinationCidrBlock", "DestinationIpv6CidrBlock", "DestinationPrefixListId",
        "EgressOnlyInternetGatewayId", "GatewayId", "InstanceId", "LocalGatewayId", "NatGatewayId", "NetworkInterfaceId", "RouteTableId",
        "TransitGatewayId", "VpcEndpointId", "VpcPeeringConnectionId"}},
      {"AWS::EC2::SubnetRouteTableAssociation", {"RouteTableId", "SubnetId"}},
      {"AWS::EC2::InternetGateway", {"Tags"}},
      {"AWS::EC2::VPCGatewayAttachment", {"InternetGatewayId", "VpcId", "VpnGatewayId"}},
      {"AWS::EC2::EgressOnlyInternetGateway", {"Tags", "VpcId"}},
      {"AWS::EC2::VPNGateway", {"AmazonSideAsn", "Tags", "Type"}},
      {"AWS::EC2::NatGateway",
       {"AllocationId", "AvailabilityMode", "ConnectivityType", "MaxDrainDurationSeconds", "PrivateIpAddress", "SecondaryAllocationIds",
        "SecondaryPrivateIpAddressCount", "SecondaryPrivateIpAddresses", "SubnetId", "Tags", "VpcId"}},
      {"AWS::EC2::EIP", {"Address", "Domain", "InstanceId", "IpamPoolId", "NetworkBorderGroup", "PublicIpv4Pool", "Tags", "TransferAddress"}},
      {"AWS::EC2::EIPAssociation", {"AllocationId", "EIP", "InstanceId", "NetworkInterfaceId", "PrivateIpAddress"}},
      {"AWS::EC2::SecurityGroup", {"GroupDescription", "GroupName", "SecurityGroupEgress", "SecurityGroupIngress", "Tags", "VpcId"}},
      {"AWS::EC2::SecurityGroupIngress",
       {"CidrIp", "CidrIpv6", "Description", "FromPort", "GroupId", "GroupName", "IpProtocol", "SourcePrefixListId", "SourceSecurityGroupId",
        "SourceSecurityGroupName", "SourceSecurityGroupOwnerId", "ToPort"}},
      {"AWS::EC2::SecurityGroupEgress",
       {"CidrIp", "CidrIpv6", "Description", "DestinationPrefixListId", "DestinationSecurityGroupId", "FromPort", "GroupId", "IpProtocol", "ToPort"}},
      {"AWS::EC2::NetworkAcl", {"Tags", "VpcId"}},
      {"AWS::EC2::NetworkAclEntry",
       {"CidrBlock", "Egress", "Icmp", "Ipv6CidrBlock", "NetworkAclId", "PortRange", "Protocol", "RuleAction", "RuleNumber"}},
      {"AWS::EC2::SubnetNetworkAclAssociation", {"NetworkAclId", "SubnetId"}},
      {"AWS::EC2::VPCEndpoint",
       {"DnsOptions", "IpAddressType", "PolicyDocument", "PrivateDnsEnabled", "ResourceConfigurationArn", "RouteTableIds", "SecurityGroupIds",
        "ServiceName", "ServiceNetworkArn", "ServiceRegion", "SubnetIds", "Tags", "VpcEndpointType", "VpcId"}},
      {"AWS::EC2::Instance",
       {"AdditionalInfo", "Affinity", "AvailabilityZone", "BlockDeviceMappings", "CpuOptions", "CreditSpecification", "DisableApiTermination",
        "EbsOptimized", "ElasticGpuSpecifications", "ElasticInferenceAccelerators", "EnclaveOptions", "HibernationOptions", "HostId",
        "HostResourceGroupArn", "IamInstanceProfile", "ImageId", "InstanceInitiatedShutdownBehavior", "InstanceType", "Ipv6AddressCount",
        "Ipv6Addresses", "KernelId", "KeyName", "LaunchTemplate", "LicenseSpecifications", "MaintenanceOptions", "MetadataOptions", "Monitoring",
        "NetworkInterfaces", "PlacementGroupName", "PrivateDnsNameOptions", "PrivateIpAddress", "PropagateTagsToVolumeOnCreation", "RamdiskId",
        "SecurityGroupIds", "SecurityGroups", "SourceDestCheck", "SsmAssociations", "SubnetId", "Tags", "Tenancy", "UserData", "Volumes"}},
      {"AWS::EC2::NetworkInterface",
       {"ConnectionTrackingSpecification", "Description", "EnablePrimaryIpv6", "GroupSet", "InterfaceType", "Ipv4PrefixCount", "Ipv4Prefixes",
        "Ipv6AddressCount", "Ipv6Addresses", "Ipv6PrefixCount", "Ipv6Prefixes", "PrivateIpAddress", "PrivateIpAddresses",
        "SecondaryPrivateIpAddressCount", "SourceDestCheck", "SubnetId", "Tags"}},
      {"AWS::EC2::NetworkInterfaceAttachment", {"DeleteOnTermination", "DeviceIndex", "EnaSrdSpecification", "InstanceId", "NetworkInterfaceId"}},
      {"AWS::EC2::PrefixList", {"AddressFamily", "Entries", "MaxEntries", "PrefixListName", "Tags"}},
      {"AWS::EC2::VPCPeeringConnection", {"PeerOwnerId", "PeerRegion", "PeerRoleArn", "PeerVpcId", "Tags", "VpcId"}},
      {"AWS::EC2::TransitGateway",
       {"AmazonSideAsn", "AssociationDefaultRouteTableId", "AutoAcceptSharedAttachments", "DefaultRouteTableAssociation",
        "DefaultRouteTablePropagation", "Description", "DnsSupport", "MulticastSupport", "PropagationDefaultRouteTableId",
        "SecurityGroupReferencingSupport", "Tags", "TransitGatewayCidrBlocks", "VpnEcmpSupport"}},
      {"AWS::EC2::TransitGatewayAttachment", {"Options", "SubnetIds", "Tags", "TransitGatewayId", "VpcId"}},
      {"AWS::EC2::TransitGatewayVpcAttachment", {"AddSubnetIds", "Options", "RemoveSubnetIds", "SubnetIds", "Tags", "TransitGatewayId", "VpcId"}},
      {"AWS::EC2::TransitGatewayRouteTable", {"Tags", "TransitGatewayId"}},
      {"AWS::EC2::TransitGatewayRoute", {"Blackhole", "DestinationCidrBlock", "TransitGatewayAttachmentId", "TransitGatewayRouteTableId"}},
      {"AWS::EC2::TransitGatewayRouteTableAssociation", {"TransitGatewayAttachmentId", "TransitGatewayRouteTableId"}},
      {"AWS::EC2::TransitGatewayRouteTablePropagation", {"TransitGatewayAttachmentId", "TransitGatewayRouteTableId"}},
      {"AWS::EC2::DHCPOptions",
       {"DomainName", "DomainNameServers", "Ipv6AddressPreferredLeaseTime", "NetbiosNameServers", "NetbiosNodeType", "NtpServers", "Tags"}},
      {"AWS::EC2::VPCDHCPOptionsAssociation", {"DhcpOptionsId", "VpcId"}},
      {"AWS::Route53::HostedZone", {"HostedZoneConfig", "HostedZoneFeatures", "HostedZoneTags", "Name", "QueryLoggingConfig", "VPCs"}},
      {"AWS::Route53::RecordSet",
       {"AliasTarget", "CidrRoutingConfig", "Comment", "Failover", "GeoLocation", "GeoProximityLocation", "HealthCheckId", "HostedZoneId",
        "HostedZoneName", "MultiValueAnswer", "Name", "Region", "ResourceRecords", "SetIdentifier", "TTL", "Type", "Weight"}},
      {"AWS::Route53::RecordSetGroup", {"Comment", "HostedZoneId", "HostedZoneName", "RecordSets"}},
      {"AWS::Route53Resolver::ResolverEndpoint",
       {"Direction", "IpAddresses", "Name", "OutpostArn", "PreferredInstanceType", "Protocols", "ResolverEndpointType", "SecurityGroupIds",
        "Tags"}},
      {"AWS::Route53Resolver::ResolverRule", {"DelegationRecord", "DomainName", "Name", "ResolverEndpointId", "RuleType", "Tags", "TargetIps"}},
      {"AWS::Route53Resolver::ResolverRuleAssociation", {"Name", "ResolverRuleId", "VPCId"}},
  };
  return table;
}

template <std::size_t N>
bool among(std::string_view type, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), type) != std::end(list);
}

class mapper {
 public:
  mapper(const std::vector<stack>& stacks, const eval_options& options, std::vector<diagnostic>& diags)
      : stacks_(stacks), options_(options), diags_(diags) {}

  mapped run() {
    out_.design = ojson::object();
    out_.design["vpcsim"] = 1;
    out_.design["account"] = options_.account;
    out_.design["region"] = options_.region;
    // Names: a logical id, qualified by its stack's name when another stack uses it too.
    std::map<std::string, int> uses;
    for (const auto& s : stacks_)
      for (const auto& r : s.resources) ++uses[r.logical_id];
    for (const auto& s : stacks_)
      for (const auto& r : s.resources) names_[{s.name, r.logical_id}] = uses[r.logical_id] > 1 ? s.name + "/" + r.logical_id : r.logical_id;
    // Pass 1: declare every resource that is one in the design, so references resolve in any order.
    for (const auto& s : stacks_)
      for (const auto& r : s.resources) {
        types_[{s.name, r.logical_id}] = r.type;
        resources_[{s.name, r.logical_id}] = &r;
        if (r.type == "AWS::EC2::EIP" || r.type == "AWS::EC2::EIPAssociation")
          if (const node* i = prop(r, "InstanceId"); i && i->is_scalar())
            if (auto ref = as_ref(i->text)) eip_instances_.insert(*ref);
        current_ = {&s, &r};
        if (auto array = array_of(r.type); !array.empty() && modelled(r)) declare(s, r, std::string(array));
      }
    // Pass 2: fill them in; pass 3: the resources that add to them, whatever the template's order
    // (a route written before its route table is not wiped when the table is filled).
    for (const auto& s : stacks_)
      for (const auto& r : s.resources) {
        current_ = {&s, &r};
        check_properties(r);
        if (!array_of(r.type).empty() && entries_.count({s.name, r.logical_id})) fill(s, r);
      }
    transit_gateway_defaults();
    std::map<std::string, std::map<std::string, int>> unmodelled;  // file -> type -> count
    for (const auto& s : stacks_)
      for (const auto& r : s.resources) {
        current_ = {&s, &r};
        if (!array_of(r.type).empty()) continue;
        else if (among(r.type, adding_types)) add(s, r);
        else if (among(r.type, workload_types)) workload(s, r);
        else if (!among(r.type, helper_types)) ++unmodelled[s.file][r.type];
      }
    finish_security_groups();
    for (const auto& [file, types] : unmodelled) {
      std::string list;
      for (const auto& [t, n] : types) list += (list.empty() ? "" : ", ") + t + (n > 1 ? " x" + std::to_string(n) : "");
      diags_.push_back(evaluator::make(severity::note, "not_modelled", file, 0, "/Resources", "",
                                       "resource types that carry no VPC network configuration vpcsim models: " + list));
    }
    // Arrays the design loader requires to be present only when used: drop empty ones.
    for (auto it = out_.design.begin(); it != out_.design.end();) {
      if (it->is_array() && it->empty()) it = out_.design.erase(it);
      else ++it;
    }
    return std::move(out_);
  }

 private:
  using key = std::pair<std::string, std::string>;  // stack name, logical id

  struct entry {
    std::string array;
    std::size_t index;
  };

  // ---- messages ----

  void report(severity level, std::string_view code, int line, const std::string& pointer, const std::string& message) {
    diags_.push_back(evaluator::make(level, code, current_.s->file, line, pointer, current_.r->logical_id, message));
  }
  std::string rpointer(std::string_view property = {}) const {
    auto p = child_pointer("/Resources", current_.r->logical_id);
    if (property.empty()) return p;
    return child_pointer(p + "/Properties", property);
  }
  int line_of(const node* n) const { return n && n->line ? n->line : current_.r->line; }

  // ---- reading properties ----

  const node* prop(const resource& r, std::string_view k) const { return r.properties.find(k); }

  /// A property that must be a plain string known before deployment.
  std::optional<std::string> text(const node* n, std::string_view what, bool required_known = true) {
    if (!n || n->is_null()) return std::nullopt;
    if (!n->is_scalar()) {
      report(severity::error, "bad_value", line_of(n), rpointer(what), std::string(what) + " must be a string");
      return std::nullopt;
    }
    if (has_token(n->text) && required_known && !as_ref(n->text)) {
      report(severity::warning, "unknown_value", line_of(n), rpointer(what),
             std::string(what) + " is " + readable(n->text) + ", known only at deployment; it is left out");
      return std::nullopt;
    }
    return n->text;
  }
  std::optional<std::string> text(const resource& r, std::string_view k) { return text(prop(r, k), k); }

  std::optional<bool> boolean(const resource& r, std::string_view k) {
    const node* n = prop(r, k);
    if (!n || n->is_null()) return std::nullopt;
    if (n->is_scalar() && (n->text == "true" || n->text == "True" || n->text == "TRUE")) return true;
    if (n->is_scalar() && (n->text == "false" || n->text == "False" || n->text == "FALSE")) return false;
    report(severity::error, "bad_value", line_of(n), rpointer(k), std::string(k) + " must be true or false, not " + readable(n->text));
    return std::nullopt;
  }

  std::optional<std::int64_t> integer(const node* n, std::string_view what) {
    if (!n || n->is_null()) return std::nullopt;
    if (n->is_scalar()) {
      const auto& t = n->text;
      bool neg = !t.empty() && t[0] == '-';
      if (t.size() > (neg ? 1u : 0u) && t.size() < 12 &&
          std::all_of(t.begin() + (neg ? 1 : 0), t.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::stoll(t);
    }
    report(severity::error, "bad_value", line_of(n), rpointer(what), std::string(what) + " must be a number, not " + readable(n->text));
    return std::nullopt;
  }

  /// The design name of the resource a reference names, when it is declared in the design;
  /// a literal id (a resource outside the templates) as it is.
  std::optional<std::string> reference(const node* n, std::string_view what, std::initializer_list<std::string_view> arrays) {
    if (!n || n->is_null()) return std::nullopt;
    if (!n->is_scalar()) {
      report(severity::error, "bad_value", line_of(n), rpointer(what), std::string(what) + " must be a reference, not a list or mapping");
      return std::nullopt;
    }
    if (auto ref = as_ref(n->text)) {
      auto [stack_name, id] = *ref;
      // A VPC's default security group or network ACL (Fn::GetAtt Vpc.DefaultSecurityGroup).
      for (std::string_view part : {".DefaultSecurityGroup", ".DefaultNetworkAcl"})
        if (id.size() > part.size() && id.compare(id.size() - part.size(), part.size(), part) == 0) {
          auto vpc = names_.find({stack_name, id.substr(0, id.size() - part.size())});
          if (vpc == names_.end()) break;
          return part == ".DefaultSecurityGroup" ? design::default_security_group_name(vpc->second)
                                                 : design::default_network_acl_name(vpc->second);
        }
      auto t = types_.find({stack_name, id});
      auto array = t == types_.end() ? std::string_view{} : array_of(t->second);
      if (array.empty() || std::find(arrays.begin(), arrays.end(), array) == arrays.end() || !entries_.count({stack_name, id})) {
        report(severity::warning, "unmodelled_reference", line_of(n), rpointer(what),
               std::string(what) + " names " + id + (t == types_.end() ? "" : " (" + t->second + ")") +
                   ", which vpcsim does not model here; it is left out");
        return std::nullopt;
      }
      return names_.at({stack_name, id});
    }
    if (has_token(n->text)) {
      report(severity::warning, "unknown_value", line_of(n), rpointer(what),
             std::string(what) + " is " + readable(n->text) + ", known only at deployment; it is left out");
      return std::nullopt;
    }
    if (n->text.empty()) return std::nullopt;
    return n->text;  // an id outside the templates (a parameter of type AWS::EC2::VPC::Id, ...)
  }
  std::optional<std::string> reference(const resource& r, std::string_view k, std::initializer_list<std::string_view> arrays) {
    return reference(prop(r, k), k, arrays);
  }
  std::vector<std::string> references(const resource& r, std::string_view k, std::initializer_list<std::string_view> arrays) {
    std::vector<std::string> out;
    const node* n = prop(r, k);
    if (!n || n->is_null()) return out;
    if (n->is_scalar()) {
      if (has_token(n->text) && !as_ref(n->text)) {
        report(severity::warning, "unknown_value", line_of(n), rpointer(k), std::string(k) + " is " + readable(n->text) + ", known only at deployment; it is left out");
        return out;
      }
      if (auto one = reference(n, k, arrays)) out.push_back(*one);
      return out;
    }
    for (const auto& item : n->items)
      if (auto one = reference(&item, k, arrays)) out.push_back(*one);
    return out;
  }

  ojson tags_of(const stack& s, const resource& r) {
    ojson tags = ojson::object();
    if (const node* t = prop(r, "Tags"); t && t->is_seq())
      for (const auto& item : t->items) {
        const node* k = item.find("Key");
        const node* v = item.find("Value");
        if (k && v && k->is_scalar() && v->is_scalar()) tags[k->text] = readable(v->text);
      }
    // CloudFormation tags what it creates with the stack and the logical id (CFN-3).
    tags["aws:cloudformation:logical-id"] = r.logical_id;
    tags["aws:cloudformation:stack-name"] = s.name;
    return tags;
  }

  void check_properties(const resource& r) {
    auto it = known_properties().find(r.type);
    if (it == known_properties().end()) return;
    for (std::size_t i = 0; i < r.properties.pairs.size(); ++i) {
      const auto& k = r.properties.pairs[i].first;
      if (std::find(it->second.begin(), it->second.end(), k) != it->second.end()) continue;
      report(severity::warning, "unknown_property", r.properties.key_lines.empty() ? r.line : r.properties.key_lines[i], rpointer(k),
             r.type + " has no property " + k + " that vpcsim knows; it is ignored");
    }
  }

  /// Whether a resource of a declared type can be modelled: one in the account's default VPC
  /// (no VpcId, no SubnetId) or of an endpoint type vpcsim lacks cannot, with a warning.
  bool modelled(const resource& r) {
    auto has = [&](std::string_view k) { return prop(r, k) != nullptr; };
    if (r.type == "AWS::EC2::SecurityGroup" && !has("VpcId")) {
      report(severity::warning, "default_vpc", r.line, rpointer(),
             "security group " + r.logical_id + " has no VpcId: it belongs to the account's default VPC, which the templates do not hold; it is left out");
      return false;
    }
    if (r.type == "AWS::EC2::Instance" && !has("SubnetId")) {
      bool inline_subnet = false;
      if (const node* nis = prop(r, "NetworkInterfaces"))
        for (const auto& ni : nis->items) inline_subnet = inline_subnet || ni.find("SubnetId") || ni.find("NetworkInterfaceId");
      if (!inline_subnet) {
        report(severity::warning, "default_vpc", r.line, rpointer(),
               "instance " + r.logical_id + " has no SubnetId: it is launched in the account's default VPC, which the templates do not hold; it is left out");
        return false;
      }
    }
    if (r.type == "AWS::EC2::NetworkInterface" && !has("PrivateIpAddress") && !has("PrivateIpAddresses")) {
      report(severity::warning, "unknown_value", r.line, rpointer(),
             "network interface " + r.logical_id + " has no PrivateIpAddress: AWS picks its address at deployment; it is left out");
      return false;
    }
    if (r.type == "AWS::Route53Resolver::ResolverEndpoint" && !resolver_endpoint_in_templates(r)) {
      report(severity::warning, "not_modelled", r.line, rpointer("IpAddresses"),
             "resolver endpoint " + r.logical_id + " has no subnet of a VPC the templates declare; its VPC is unknown and it is left out");
      return false;
    }
    if (r.type == "AWS::EC2::VPCEndpoint") {
      const node* t = prop(r, "VpcEndpointType");
      if (t && t->is_scalar() && t->text != "Interface" && t->text != "Gateway" && t->text != "GatewayLoadBalancer") {
        report(severity::warning, "not_modelled", line_of(t), rpointer("VpcEndpointType"),
               "endpoint type " + readable(t->text) + " is not modelled; endpoint " + r.logical_id + " is left out");
        return false;
      }
    }
    return true;
  }

  /// Whether a resolver endpoint has an address in a subnet of a VPC of the same stack (its VPC).
  bool resolver_endpoint_in_templates(const resource& r) const {
    const node* ips = prop(r, "IpAddresses");
    if (!ips || !ips->is_seq()) return false;
    auto find = [&](const node* n, std::string_view type) -> const resource* {
      if (!n || !n->is_scalar()) return nullptr;
      auto ref = as_ref(n->text);
      if (!ref || ref->first != current_.s->name) return nullptr;
      for (const auto& x : current_.s->resources)
        if (x.logical_id == ref->second && x.type == type) return &x;
      return nullptr;
    };
    for (const auto& ip : ips->items)
      if (const resource* sn = find(ip.find("SubnetId"), "AWS::EC2::Subnet"))
        if (find(sn->properties.find("VpcId"), "AWS::EC2::VPC")) return true;
    return false;
  }

  // ---- the design ----

  ojson& obj(const entry& e) { return out_.design[e.array][e.index]; }
  std::string dpointer(const entry& e, std::string_view field = {}) const {
    auto p = child_pointer(child_pointer("", e.array), e.index);
    return field.empty() ? p : child_pointer(p, field);
  }
  void remember(const std::string& design_pointer, const node* n, std::string_view property = {}) {
    out_.origins[design_pointer] = origin{current_.s->file, line_of(n), rpointer(property), current_.r->logical_id};
  }

  void declare(const stack& s, const resource& r, const std::string& array) {
    if (!out_.design.contains(array)) out_.design[array] = ojson::array();
    auto& arr = out_.design[array];
    ojson o = ojson::object();
    o["name"] = names_.at({s.name, r.logical_id});
    o["tags"] = tags_of(s, r);
    arr.push_back(std::move(o));
    entry e{array, arr.size() - 1};
    entries_[{s.name, r.logical_id}] = e;
    out_.origins[dpointer(e)] = origin{s.file, r.line, child_pointer("/Resources", r.logical_id), r.logical_id};
    out_.declared[names_.at({s.name, r.logical_id})] = out_.origins[dpointer(e)];
  }

  /// The design entry of the resource a property references, when it is declared.
  std::optional<entry> entry_of(const node* n) {
    if (!n || !n->is_scalar()) return std::nullopt;
    auto ref = as_ref(n->text);
    if (!ref) return std::nullopt;
    auto it = entries_.find(*ref);
    if (it == entries_.end()) return std::nullopt;
    return it->second;
  }

  void set(const entry& e, std::string_view field, ojson value, const node* from, std::string_view property) {
    obj(e)[std::string(field)] = std::move(value);
    remember(dpointer(e, field), from, property);
  }
  void push(const entry& e, std::string_view field, ojson value, const node* from, std::string_view property) {
    auto& o = obj(e);
    if (!o.contains(field)) o[std::string(field)] = ojson::array();
    o[std::string(field)].push_back(std::move(value));
    remember(child_pointer(dpointer(e, field), o[std::string(field)].size() - 1), from, property);
  }

  // ---- pass 2: declared resources ----

  void fill(const stack& s, const resource& r) {
    const entry e = entries_.at({s.name, r.logical_id});
    const auto& t = r.type;
    auto vpc = [&](std::string_view k) {
      if (auto v = reference(r, k, {"vpcs"})) set(e, "vpc", *v, prop(r, k), k);
    };
    if (t == "AWS::EC2::VPC") {
      if (auto c = text(r, "CidrBlock")) set(e, "cidr", *c, prop(r, "CidrBlock"), "CidrBlock");
      else if (!prop(r, "CidrBlock"))
        report(severity::error, "missing_property", r.line, rpointer(),
               "VPC " + r.logical_id + " has no CidrBlock (an IPAM pool's allocation is known only at deployment)");
      // CFN-1: a new VPC has DNS resolution on and DNS hostnames off unless the template says (DNS-4, DNS-5).
      if (auto b = boolean(r, "EnableDnsSupport")) set(e, "dns_support", *b, prop(r, "EnableDnsSupport"), "EnableDnsSupport");
      if (auto b = boolean(r, "EnableDnsHostnames")) set(e, "dns_hostnames", *b, prop(r, "EnableDnsHostnames"), "EnableDnsHostnames");
    } else if (t == "AWS::EC2::Subnet") {
      vpc("VpcId");
      // VPC-6: an IPv6-only subnet (Ipv6Native) has an Ipv6CidrBlock and no CidrBlock.
      const auto native = boolean(r, "Ipv6Native");
      if (native && *native) set(e, "ipv6_native", true, prop(r, "Ipv6Native"), "Ipv6Native");
      if (auto c = text(r, "CidrBlock")) set(e, "cidr", *c, prop(r, "CidrBlock"), "CidrBlock");
      else if (!(native && *native))
        report(severity::error, "missing_property", r.line, rpointer(),
               "subnet " + r.logical_id + " has no CidrBlock vpcsim can read" +
                   (prop(r, "CidrBlock") ? std::string{} : std::string(" (only an IPv6-only subnet, Ipv6Native: true, has none; VPC-6)")));
      if (auto az = text(r, "AvailabilityZone")) set(e, "az", *az, prop(r, "AvailabilityZone"), "AvailabilityZone");
      if (auto az = text(r, "AvailabilityZoneId")) set(e, "az_id", *az, prop(r, "AvailabilityZoneId"), "AvailabilityZoneId");
      if (auto b = boolean(r, "MapPublicIpOnLaunch")) set(e, "public_ip_on_launch", *b, prop(r, "MapPublicIpOnLaunch"), "MapPublicIpOnLaunch");
      if (auto b = boolean(r, "EnableDns64")) set(e, "dns64", *b, prop(r, "EnableDns64"), "EnableDns64");  // DNS-15
      if (const node* v6 = prop(r, "Ipv6CidrBlock"))
        if (auto c = text(v6, "Ipv6CidrBlock")) push(e, "ipv6_cidrs", *c, v6, "Ipv6CidrBlock");
    } else if (t == "AWS::EC2::RouteTable") {
      vpc("VpcId");
      obj(e)["routes"] = ojson::array();
      obj(e)["subnets"] = ojson::array();
    } else if (t == "AWS::EC2::InternetGateway" || t == "AWS::EC2::VPNGateway") {
      // CFN-4: a gateway is attached only by an AWS::EC2::VPCGatewayAttachment.
      obj(e)["attachments"] = ojson::array();
    } else if (t == "AWS::EC2::EgressOnlyInternetGateway") {
      vpc("VpcId");
    } else if (t == "AWS::EC2::NatGateway") {
      if (auto sn = reference(r, "SubnetId", {"subnets"})) set(e, "subnet", *sn, prop(r, "SubnetId"), "SubnetId");
      if (auto c = text(r, "ConnectivityType")) set(e, "connectivity", *c, prop(r, "ConnectivityType"), "ConnectivityType");
      if (auto ip = text(r, "PrivateIpAddress")) set(e, "private_ip", *ip, prop(r, "PrivateIpAddress"), "PrivateIpAddress");
    } else if (t == "AWS::EC2::SecurityGroup") {
      vpc("VpcId");
      // CFN-5: without GroupName, CloudFormation names the group `<stack>-<logical id>-<suffix>`.
      if (auto n = text(r, "GroupName")) set(e, "group_name", *n, prop(r, "GroupName"), "GroupName");
      else obj(e)["group_name"] = s.name + "-" + r.logical_id;
      if (auto d = text(prop(r, "GroupDescription"), "GroupDescription", false)) obj(e)["description"] = readable(*d);
      obj(e)["ingress"] = ojson::array();
      sg_rules(e, prop(r, "SecurityGroupIngress"), "SecurityGroupIngress", true);
      if (const node* eg = prop(r, "SecurityGroupEgress")) {
        obj(e)["egress"] = ojson::array();
        sg_rules(e, eg, "SecurityGroupEgress", false);
      }
    } else if (t == "AWS::EC2::NetworkAcl") {
      vpc("VpcId");
      obj(e)["inbound"] = ojson::array();
      obj(e)["outbound"] = ojson::array();
      obj(e)["subnets"] = ojson::array();
    } else if (t == "AWS::EC2::VPCEndpoint") {
      endpoint(e, r);
    } else if (t == "AWS::EC2::Instance") {
      instance(e, r);
    } else if (t == "AWS::EC2::NetworkInterface") {
      if (auto sn = reference(r, "SubnetId", {"subnets"})) set(e, "subnet", *sn, prop(r, "SubnetId"), "SubnetId");
      if (auto ip = text(r, "PrivateIpAddress")) set(e, "ip", *ip, prop(r, "PrivateIpAddress"), "PrivateIpAddress");
      if (const node* ips = prop(r, "PrivateIpAddresses"); ips && ips->is_seq()) {
        obj(e).erase("ip");
        for (const auto& item : ips->items)
          if (auto ip = text(item.find("PrivateIpAddress"), "PrivateIpAddresses")) {
            const node* primary = item.find("Primary");
            push(e, "private_ips", {{"ip", *ip}, {"primary", primary && primary->is_scalar() && primary->text == "true"}}, &item,
                 "PrivateIpAddresses");
          }
      }
      // IGW-10: the interface's IPv6 addresses (`Ipv6Addresses`: InstanceIpv6Address items).
      if (const node* v6 = prop(r, "Ipv6Addresses"); v6 && v6->is_seq())
        for (const auto& item : v6->items)
          if (auto a = text(item.find("Ipv6Address"), "Ipv6Addresses")) push(e, "ipv6_addresses", *a, &item, "Ipv6Addresses");
      if (prop(r, "GroupSet")) set(e, "security_groups", references(r, "GroupSet", {"security_groups"}), prop(r, "GroupSet"), "GroupSet");
      if (auto b = boolean(r, "SourceDestCheck")) set(e, "source_dest_check", *b, prop(r, "SourceDestCheck"), "SourceDestCheck");
      if (auto d = text(prop(r, "Description"), "Description", false)) obj(e)["description"] = readable(*d);
    } else if (t == "AWS::EC2::PrefixList") {
      if (auto n = text(r, "PrefixListName")) set(e, "prefix_list_name", *n, prop(r, "PrefixListName"), "PrefixListName");
      if (auto m = integer(prop(r, "MaxEntries"), "MaxEntries")) set(e, "max_entries", *m, prop(r, "MaxEntries"), "MaxEntries");
      obj(e)["cidrs"] = ojson::array();
      if (const node* entries = prop(r, "Entries"))
        for (const auto& item : entries->items)
          if (auto c = text(item.find("Cidr"), "Entries")) push(e, "cidrs", *c, &item, "Entries");
    } else if (t == "AWS::EC2::VPCPeeringConnection") {
      if (auto v = reference(r, "VpcId", {"vpcs"})) set(e, "requester", *v, prop(r, "VpcId"), "VpcId");
      const node* peer = prop(r, "PeerVpcId");
      if (auto pe = entry_of(peer); pe && pe->array == "vpcs") {
        set(e, "accepter", *reference(peer, "PeerVpcId", {"vpcs"}), peer, "PeerVpcId");
      } else if (auto id = text(peer, "PeerVpcId")) {
        ojson side = {{"vpc", *id}};
        if (auto a = text(r, "PeerOwnerId")) side["account"] = *a;
        if (auto g = text(r, "PeerRegion")) side["region"] = *g;
        set(e, "accepter", side, peer, "PeerVpcId");
        external(*id);
      }
    } else if (t == "AWS::EC2::TransitGateway") {
      // Its default route table: transit_gateway_defaults(), once every attachment names its TGW.
    } else if (t == "AWS::EC2::TransitGatewayRouteTable") {
      if (auto g = reference(r, "TransitGatewayId", {"transit_gateways"})) set(e, "transit_gateway", *g, prop(r, "TransitGatewayId"), "TransitGatewayId");
      obj(e)["routes"] = ojson::array();
      obj(e)["propagations"] = ojson::array();
    } else if (t == "AWS::EC2::TransitGatewayAttachment" || t == "AWS::EC2::TransitGatewayVpcAttachment") {
      if (auto g = reference(r, "TransitGatewayId", {"transit_gateways"})) set(e, "transit_gateway", *g, prop(r, "TransitGatewayId"), "TransitGatewayId");
      obj(e)["resource_type"] = "vpc";
      if (auto v = reference(r, "VpcId", {"vpcs"})) set(e, "resource", *v, prop(r, "VpcId"), "VpcId");
      set(e, "subnets", references(r, "SubnetIds", {"subnets"}), prop(r, "SubnetIds"), "SubnetIds");
      // TGW-2: `Options.Ipv6Support` (`enable` | `disable`, default `disable`).
      if (const node* o = prop(r, "Options"); o && o->is_map())
        if (const node* n = o->find("Ipv6Support"))
          if (auto v = text(n, "Options")) {
            if (*v == "enable" || *v == "disable") set(e, "ipv6_support", *v == "enable", n, "Options");
            else
              report(severity::error, "bad_value", line_of(n), rpointer("Options"),
                     "Options.Ipv6Support must be enable or disable, not " + readable(*v));
          }
    } else if (t == "AWS::EC2::DHCPOptions") {
      dhcp_options(e, r);
    } else if (t == "AWS::Route53::HostedZone") {
      hosted_zone(e, r);
    } else if (t == "AWS::Route53Resolver::ResolverEndpoint") {
      resolver_endpoint(e, r);
    } else if (t == "AWS::Route53Resolver::ResolverRule") {
      resolver_rule(e, r);
    }
  }

  // ---- DNS: DHCP options, Route 53 zones and records, Resolver rules (DNS-11..DNS-13) ----

  /// A property that is a string or a list of strings known before deployment.
  std::vector<std::string> strings(const resource& r, std::string_view k) {
    std::vector<std::string> out;
    const node* n = prop(r, k);
    if (!n || n->is_null()) return out;
    if (n->is_scalar()) {
      if (auto v = text(n, k)) out.push_back(*v);
      return out;
    }
    if (!n->is_seq()) {
      report(severity::error, "bad_value", line_of(n), rpointer(k), std::string(k) + " must be a list of strings");
      return out;
    }
    for (const auto& item : n->items)
      if (auto v = text(&item, k)) out.push_back(*v);
    return out;
  }

  void dhcp_options(const entry& e, const resource& r) {
    // DNS-11: the servers instances ask (`AmazonProvidedDNS` or addresses), the search domain.
    if (prop(r, "DomainNameServers")) set(e, "domain_name_servers", strings(r, "DomainNameServers"), prop(r, "DomainNameServers"), "DomainNameServers");
    if (auto d = text(r, "DomainName")) set(e, "domain_name", *d, prop(r, "DomainName"), "DomainName");
    ojson other = ojson::array();
    auto join = [](const std::vector<std::string>& xs) {
      std::string out;
      for (const auto& x : xs) out += (out.empty() ? "" : ",") + x;
      return out;
    };
    if (auto ntp = strings(r, "NtpServers"); !ntp.empty()) other.push_back("ntp-servers=" + join(ntp));
    if (auto nb = strings(r, "NetbiosNameServers"); !nb.empty()) other.push_back("netbios-name-servers=" + join(nb));
    if (auto t = integer(prop(r, "NetbiosNodeType"), "NetbiosNodeType")) other.push_back("netbios-node-type=" + std::to_string(*t));
    if (!other.empty()) obj(e)["other"] = other;
  }

  void hosted_zone(const entry& e, const resource& r) {
    if (auto n = text(r, "Name")) set(e, "domain", *n, prop(r, "Name"), "Name");
    else report(severity::error, "missing_property", r.line, rpointer(), "hosted zone " + r.logical_id + " has no Name vpcsim can read");
    if (const node* c = prop(r, "HostedZoneConfig"))
      if (const node* comment = c->find("Comment"); comment && comment->is_scalar()) obj(e)["comment"] = readable(comment->text);
    // CFN-11: a zone with VPCs is a private hosted zone associated with them (DNS-3).
    const node* vpcs = prop(r, "VPCs");
    set(e, "private", vpcs != nullptr, vpcs, "VPCs");
    if (vpcs) {
      obj(e)["vpcs"] = ojson::array();
      if (!vpcs->is_seq()) {
        report(severity::error, "bad_value", line_of(vpcs), rpointer("VPCs"), "VPCs must be a list of {VPCId, VPCRegion}");
      } else {
        for (const auto& item : vpcs->items) zone_vpc(e, item.find("VPCId"), &item, "VPCs");
      }
    }
    obj(e)["records"] = ojson::array();  // the templates' record sets add to it
  }

  /// Associates a VPC the templates declare with a zone; one outside them is left out.
  void zone_vpc(const entry& zone, const node* id, const node* from, std::string_view property) {
    if (!id) {
      report(severity::error, "missing_property", line_of(from), rpointer(property), std::string(property) + ": a VPC association needs VPCId");
      return;
    }
    auto v = entry_of(id);
    if (!v || v->array != "vpcs") {
      report(severity::warning, "not_modelled", line_of(id), rpointer(property),
             std::string(property) + " names " + readable(id->text) + ", a VPC outside the templates; its association is left out");
      return;
    }
    push(zone, "vpcs", *reference(id, property, {"vpcs"}), from, property);
  }

  void resolver_endpoint(const entry& e, const resource& r) {
    if (auto d = text(r, "Direction")) set(e, "direction", *d, prop(r, "Direction"), "Direction");
    if (prop(r, "SecurityGroupIds"))
      set(e, "security_groups", references(r, "SecurityGroupIds", {"security_groups"}), prop(r, "SecurityGroupIds"), "SecurityGroupIds");
    // The endpoint's VPC is its subnets' (the resource names none).
    if (const node* ips = prop(r, "IpAddresses"); ips && ips->is_seq())
      for (const auto& ip : ips->items)
        if (const resource* sn = resource_of(ip.find("SubnetId")))
          if (const node* v = sn->properties.find("VpcId"); v && entry_of(v)) {
            set(e, "vpc", *reference(v, "IpAddresses", {"vpcs"}), &ip, "IpAddresses");
            return;
          }
    report(severity::warning, "unknown_value", r.line, rpointer("IpAddresses"),
           "resolver endpoint " + r.logical_id + " has no subnet of a VPC the templates declare; its VPC is unknown");
  }

  void resolver_rule(const entry& e, const resource& r) {
    if (auto d = text(r, "DomainName")) set(e, "domain", *d, prop(r, "DomainName"), "DomainName");
    if (auto t = text(r, "RuleType")) set(e, "type", *t, prop(r, "RuleType"), "RuleType");
    else report(severity::error, "missing_property", r.line, rpointer(), "resolver rule " + r.logical_id + " has no RuleType");
    if (const node* ts = prop(r, "TargetIps"); ts && ts->is_seq()) {
      obj(e)["targets"] = ojson::array();
      for (const auto& item : ts->items) {
        auto ip = text(item.find("Ip"), "TargetIps");
        if (!ip) {
          if (item.find("Ipv6"))
            report(severity::warning, "not_modelled", line_of(&item), rpointer("TargetIps"), "IPv6 Resolver targets are not modelled; the target is left out");
          continue;
        }
        auto port = integer(item.find("Port"), "TargetIps");
        push(e, "targets", port ? *ip + ":" + std::to_string(*port) : *ip, &item, "TargetIps");
      }
    }
    if (const node* ep = prop(r, "ResolverEndpointId"))
      if (auto name = reference(ep, "ResolverEndpointId", {"resolver_endpoints"}); name && entry_of(ep))
        set(e, "endpoint", *name, ep, "ResolverEndpointId");
    obj(e)["vpcs"] = ojson::array();  // AWS::Route53Resolver::ResolverRuleAssociation adds to it
  }

  /// The hosted zone a record set names by HostedZoneId (a reference) or HostedZoneName.
  std::optional<entry> zone_of(const node& holder, std::string_view property) {
    if (const node* id = holder.find("HostedZoneId")) {
      if (auto z = entry_of(id); z && z->array == "hosted_zones") return z;
      report(severity::warning, "not_modelled", line_of(id), rpointer(property.empty() ? "HostedZoneId" : property),
             "HostedZoneId names " + readable(id->text) + ", a zone outside the templates; " + current_.r->logical_id + " is left out");
      return std::nullopt;
    }
    if (const node* n = holder.find("HostedZoneName"); n && n->is_scalar() && !has_token(n->text)) {
      auto canonical = [](std::string x) {
        std::transform(x.begin(), x.end(), x.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        while (!x.empty() && x.back() == '.') x.pop_back();
        return x;
      };
      std::optional<entry> found;
      int matches = 0;
      for (const auto& [k, en] : entries_)
        if (en.array == "hosted_zones" && obj(en).contains("domain") && canonical(obj(en)["domain"].get<std::string>()) == canonical(n->text)) {
          found = en;
          ++matches;
        }
      // A private and a public zone may share a name: CloudFormation refuses HostedZoneName then.
      if (matches == 1) return found;
      report(severity::warning, matches ? "ambiguous_reference" : "not_modelled", line_of(n), rpointer(property.empty() ? "HostedZoneName" : property),
             "HostedZoneName " + n->text + (matches ? " names several zones of the templates; use HostedZoneId" : " names no zone of the templates") +
                 "; " + current_.r->logical_id + " is left out");
      return std::nullopt;
    }
    report(severity::error, "missing_property", line_of(&holder), rpointer(property), current_.r->logical_id + " names no HostedZoneId or HostedZoneName");
    return std::nullopt;
  }

  /// CFN-12: `!Select [1, !Split [":", !Select [0, !GetAtt Endpoint.DnsEntries]]]` is the
  /// Regional DNS name of an interface endpoint (IF-10): the design's endpoint-specific name of it.
  std::optional<std::string> endpoint_dns_name(const std::string& value, const node* at, std::string_view property) {
    const std::string v = readable(value);
    static const std::string head = "item 1 of Fn::Split of item ", middle = " of GetAtt ", tail = ".DnsEntries";
    if (!v.starts_with(head) || !v.ends_with(tail)) return std::nullopt;
    const auto m = v.find(middle, head.size());
    if (m == std::string::npos) return std::nullopt;
    const std::string index = v.substr(head.size(), m - head.size());
    const std::string id = v.substr(m + middle.size(), v.size() - m - middle.size() - tail.size());
    const key k{current_.s->name, id};
    auto t = types_.find(k);
    auto en = entries_.find(k);
    if (t == types_.end() || t->second != "AWS::EC2::VPCEndpoint" || en == entries_.end()) return std::nullopt;
    if (index != "0") {
      report(severity::warning, "unknown_value", line_of(at), rpointer(property),
             "DnsEntries item " + index + " of " + id + " is a zonal name; the order of its zones is known only at deployment; the record is left out");
      return std::string{};
    }
    return design::endpoint_regional_dns_name(obj(en->second), options_.region);
  }

  /// One record of `AWS::Route53::RecordSet` (or of a group's RecordSets) into its zone.
  void record_set(const node& rs, std::string_view property, std::optional<entry> zone) {
    if (!zone) zone = zone_of(rs, property);
    if (!zone) return;
    ojson rec = ojson::object();
    auto field = [&](std::string_view k) -> const node* { return rs.find(k); };
    auto pname = [&](std::string_view k) { return property.empty() ? std::string(k) : std::string(property); };
    auto name = text(field("Name"), pname("Name"));
    if (!name) {
      if (!field("Name")) report(severity::error, "missing_property", line_of(&rs), rpointer(pname("Name")), current_.r->logical_id + ": a record set needs Name");
      return;
    }
    rec["name"] = *name;
    if (auto t = text(field("Type"), pname("Type"))) rec["type"] = *t;
    else {
      report(severity::error, "missing_property", line_of(&rs), rpointer(pname("Type")), current_.r->logical_id + ": a record set needs Type");
      return;
    }
    if (auto sid = text(field("SetIdentifier"), pname("SetIdentifier"))) rec["set_identifier"] = *sid;
    if (const node* alias = field("AliasTarget")) {
      const node* dns = alias->find("DNSName");
      if (!dns || !dns->is_scalar()) {
        report(severity::error, "missing_property", line_of(alias), rpointer(pname("AliasTarget")), "AliasTarget needs DNSName");
        return;
      }
      std::string target;
      if (!has_token(dns->text)) target = dns->text;
      else if (auto ep = endpoint_dns_name(dns->text, dns, pname("AliasTarget"))) {
        if (ep->empty()) return;
        target = *ep;
      } else {
        report(severity::warning, "unknown_value", line_of(dns), rpointer(pname("AliasTarget")),
               "the alias target of " + *name + " is " + readable(dns->text) + ", known only at deployment; the record is left out");
        return;
      }
      ojson a = {{"target", target}};
      if (const node* z = alias->find("HostedZoneId"); z && z->is_scalar() && !has_token(z->text)) a["zone_id"] = z->text;
      rec["alias"] = a;
    } else {
      const node* rr = field("ResourceRecords");
      ojson values = ojson::array();
      if (rr && rr->is_seq()) {
        for (const auto& v : rr->items) {
          if (!v.is_scalar()) continue;
          if (has_token(v.text)) {
            report(severity::warning, "unknown_value", line_of(&v), rpointer(pname("ResourceRecords")),
                   "a value of " + *name + " is " + readable(v.text) + ", known only at deployment; the record is left out");
            return;
          }
          values.push_back(v.text);
        }
      }
      rec["values"] = values;
    }
    out_.origins[child_pointer(dpointer(*zone, "records"), obj(*zone)["records"].size())] =
        origin{current_.s->file, line_of(&rs), rpointer(property), current_.r->logical_id};
    obj(*zone)["records"].push_back(std::move(rec));
  }

  void external(const std::string& id) {
    if (!out_.design.contains("external")) out_.design["external"] = ojson::array();
    auto& ext = out_.design["external"];
    if (std::find(ext.begin(), ext.end(), ojson(id)) == ext.end()) ext.push_back(id);
  }

  /// `IpProtocol`, `FromPort`, `ToPort` (SG-12, SG-13) as the design's `protocol`, `ports`, `icmp`.
  bool protocol_fields(ojson& rule, const node& n, std::string_view property) {
    auto proto = text(n.find("IpProtocol"), property);
    if (!proto) {
      report(severity::error, "missing_property", line_of(&n), rpointer(property), std::string(property) + ": a rule needs IpProtocol");
      return false;
    }
    std::string p = *proto;
    if (p == "-1") p = "all";
    rule["protocol"] = p;
    auto from = integer(n.find("FromPort"), property);
    auto to = integer(n.find("ToPort"), property);
    bool icmp = p == "icmp" || p == "1" || p == "icmpv6" || p == "58";
    if (icmp) {
      if (from || to) rule["icmp"] = {{"type", from.value_or(-1)}, {"code", to.value_or(-1)}};
    } else if (p == "tcp" || p == "udp" || p == "6" || p == "17") {
      if (from && to && !(*from == -1 && *to == -1) && !(*from == 0 && *to == 65535))
        rule["ports"] = *from == *to ? std::to_string(*from) : std::to_string(*from) + "-" + std::to_string(*to);
    }
    return true;
  }

  /// One security group rule as the design writes it; nullopt when its peer is not modelled.
  std::optional<ojson> sg_rule(const node& n, std::string_view property, bool ingress) {
    ojson rule = ojson::object();
    if (!protocol_fields(rule, n, property)) return std::nullopt;
    const char* peer_key = ingress ? "from" : "to";
    const char* cidr_keys[] = {"CidrIp", "CidrIpv6"};
    for (const char* k : cidr_keys)
      if (const node* c = n.find(k)) {
        if (auto v = text(c, property)) rule[peer_key] = *v;
        else return std::nullopt;
      }
    static constexpr std::array<std::string_view, 2> source_keys = {"SourceSecurityGroupId", "SourcePrefixListId"};
    static constexpr std::array<std::string_view, 2> destination_keys = {"DestinationSecurityGroupId", "DestinationPrefixListId"};
    for (std::string_view k : ingress ? source_keys : destination_keys)
      if (const node* c = n.find(k)) {
        if (auto v = reference(c, k, {"security_groups", "prefix_lists"})) rule[peer_key] = *v;
        else return std::nullopt;
      }
    if (!rule.contains(peer_key)) {
      if (n.find("SourceSecurityGroupName"))
        report(severity::warning, "not_modelled", line_of(&n), rpointer(property),
               std::string(property) + ": SourceSecurityGroupName names a group of a default VPC; the rule is left out");
      else
        report(severity::error, "missing_property", line_of(&n), rpointer(property),
               std::string(property) + ": a rule needs a CIDR block, a security group or a prefix list");
      return std::nullopt;
    }
    if (const node* d = n.find("Description"); d && d->is_scalar()) rule["description"] = readable(d->text);
    return rule;
  }

  void sg_rules(const entry& e, const node* list, std::string_view property, bool ingress) {
    if (!list || list->is_null()) return;
    if (!list->is_seq()) {
      report(severity::error, "bad_value", line_of(list), rpointer(property), std::string(property) + " must be a list of rules");
      return;
    }
    for (const auto& item : list->items)
      if (auto rule = sg_rule(item, property, ingress)) push(e, ingress ? "ingress" : "egress", *rule, &item, property);
  }

  void endpoint(const entry& e, const resource& r) {
    if (auto v = reference(r, "VpcId", {"vpcs"})) set(e, "vpc", *v, prop(r, "VpcId"), "VpcId");
    if (auto sv = text(r, "ServiceName")) set(e, "service", *sv, prop(r, "ServiceName"), "ServiceName");
    else report(severity::error, "missing_property", r.line, rpointer(), "endpoint " + r.logical_id + " has no ServiceName vpcsim can read");
    // CFN-2: VpcEndpointType defaults to Gateway; PrivateDnsEnabled defaults to false.
    auto type = text(r, "VpcEndpointType").value_or("Gateway");
    std::string design_type = type == "Interface" ? "interface" : type == "GatewayLoadBalancer" ? "gateway-load-balancer" : "gateway";
    set(e, "type", design_type, prop(r, "VpcEndpointType"), "VpcEndpointType");
    if (prop(r, "SubnetIds")) set(e, "subnets", references(r, "SubnetIds", {"subnets"}), prop(r, "SubnetIds"), "SubnetIds");
    if (prop(r, "RouteTableIds")) set(e, "route_tables", references(r, "RouteTableIds", {"route_tables"}), prop(r, "RouteTableIds"), "RouteTableIds");
    if (prop(r, "SecurityGroupIds"))
      set(e, "security_groups", references(r, "SecurityGroupIds", {"security_groups"}), prop(r, "SecurityGroupIds"), "SecurityGroupIds");
    if (design_type == "interface") set(e, "private_dns", boolean(r, "PrivateDnsEnabled").value_or(false), prop(r, "PrivateDnsEnabled"), "PrivateDnsEnabled");
    if (const node* dns = prop(r, "DnsOptions"); dns && !dns->is_null()) dns_options(e, *dns);
    if (const node* pol = prop(r, "PolicyDocument")) {
      auto j = to_json(*pol);
      if (j) set(e, "policy", *j, pol, "PolicyDocument");
      else report(severity::warning, "unknown_value", line_of(pol), rpointer("PolicyDocument"),
                  "the endpoint policy holds values known only at deployment; the default full-access policy is assumed (POL-2)");
    }
  }

  // CFN DnsOptionsSpecification: `PrivateDnsOnlyForInboundResolverEndpoint` is a string
  // (`OnlyInboundResolver`, `AllResolvers`, `NotSpecified`), `DnsRecordIpType` one of the EC2 API's
  // values or `not-specified` (S3IF-4, DDBIF-4, IF-17):
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-vpcendpoint-dnsoptionsspecification.html
  void dns_options(const entry& e, const node& dns) {
    if (!dns.is_map()) {
      report(severity::error, "bad_value", line_of(&dns), rpointer("DnsOptions"), "DnsOptions must be a mapping");
      return;
    }
    if (const node* n = dns.find("PrivateDnsOnlyForInboundResolverEndpoint")) {
      if (auto v = text(n, "DnsOptions")) {
        if (*v == "OnlyInboundResolver" || *v == "AllResolvers")
          set(e, "private_dns_only_for_inbound_resolver_endpoint", *v == "OnlyInboundResolver", n, "DnsOptions");
        else if (*v != "NotSpecified")
          report(severity::error, "bad_value", line_of(n), rpointer("DnsOptions"),
                 "DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint must be OnlyInboundResolver, AllResolvers or "
                 "NotSpecified, not " + readable(*v));
      }
    }
    if (const node* n = dns.find("DnsRecordIpType")) {
      if (auto v = text(n, "DnsOptions")) {
        if (*v == "ipv4" || *v == "dualstack" || *v == "ipv6" || *v == "service-defined")
          set(e, "dns_record_ip_type", *v, n, "DnsOptions");
        else if (*v != "not-specified")
          report(severity::error, "bad_value", line_of(n), rpointer("DnsOptions"),
                 "DnsOptions.DnsRecordIpType must be ipv4, dualstack, ipv6, service-defined or not-specified, not " + readable(*v));
      }
    }
  }

  /// An evaluated node as JSON (scalars as strings, `true`/`false`/numbers as CloudFormation
  /// passes them); nullopt when it holds a token.
  static std::optional<ojson> to_json(const node& n) {
    switch (n.t) {
      case node::type::scalar:
        if (has_token(n.text)) return std::nullopt;
        return ojson(n.text);
      case node::type::sequence: {
        ojson a = ojson::array();
        for (const auto& i : n.items) {
          auto v = to_json(i);
          if (!v) return std::nullopt;
          a.push_back(*v);
        }
        return a;
      }
      case node::type::mapping: {
        ojson o = ojson::object();
        for (const auto& [k, v] : n.pairs) {
          auto j = to_json(v);
          if (!j) return std::nullopt;
          o[k] = *j;
        }
        return o;
      }
    }
    return std::nullopt;
  }

  void instance(const entry& e, const resource& r) {
    if (auto sn = reference(r, "SubnetId", {"subnets"})) set(e, "subnet", *sn, prop(r, "SubnetId"), "SubnetId");
    if (auto ip = text(r, "PrivateIpAddress")) set(e, "ip", *ip, prop(r, "PrivateIpAddress"), "PrivateIpAddress");
    if (auto ty = text(r, "InstanceType")) obj(e)["type"] = *ty;
    if (auto b = boolean(r, "SourceDestCheck")) set(e, "source_dest_check", *b, prop(r, "SourceDestCheck"), "SourceDestCheck");
    std::vector<std::string> groups;
    bool has_groups = false;
    for (std::string_view k : {"SecurityGroupIds", "SecurityGroups"})
      if (prop(r, k)) {
        has_groups = true;
        for (auto& g : references(r, k, {"security_groups"})) groups.push_back(g);
      }
    if (const node* nis = prop(r, "NetworkInterfaces"); nis && nis->is_seq()) {
      std::vector<std::string> attached;
      for (const auto& ni : nis->items) {
        auto device = integer(ni.find("DeviceIndex"), "NetworkInterfaces").value_or(0);
        if (const node* id = ni.find("NetworkInterfaceId")) {
          if (auto name = reference(id, "NetworkInterfaces", {"network_interfaces"})) attached.push_back(*name);
          continue;
        }
        if (device != 0) {
          report(severity::warning, "not_modelled", line_of(&ni), rpointer("NetworkInterfaces"),
                 "a secondary interface declared inline (device " + std::to_string(device) + ") is not modelled; declare it as an AWS::EC2::NetworkInterface");
          continue;
        }
        if (const node* sn = ni.find("SubnetId"))
          if (auto name = reference(sn, "NetworkInterfaces", {"subnets"})) set(e, "subnet", *name, sn, "NetworkInterfaces");
        if (auto ip = text(ni.find("PrivateIpAddress"), "NetworkInterfaces")) set(e, "ip", *ip, &ni, "NetworkInterfaces");
        if (const node* gs = ni.find("GroupSet")) {
          has_groups = true;
          for (const auto& g : gs->items)
            if (auto name = reference(&g, "NetworkInterfaces", {"security_groups"})) groups.push_back(*name);
        }
      }
      if (!attached.empty()) set(e, "network_interfaces", attached, nis, "NetworkInterfaces");
    }
    if (has_groups) set(e, "security_groups", groups, prop(r, "SecurityGroupIds"), "SecurityGroupIds");
    // IGW-3: an instance gets a public IPv4 when its subnet maps one on launch (unless its
    // interface says not to) or an Elastic IP is associated with it. AWS picks the address at
    // deployment; an address of TEST-NET-1 (192.0.2.0/24, RFC 5737) stands for it.
    std::optional<bool> associate;
    const node* subnet_ref = prop(r, "SubnetId");
    if (const node* nis = prop(r, "NetworkInterfaces"); nis && nis->is_seq())
      for (const auto& ni : nis->items)
        if (integer(ni.find("DeviceIndex"), "NetworkInterfaces").value_or(0) == 0) {
          if (const node* a = ni.find("AssociatePublicIpAddress"); a && a->is_scalar()) associate = a->text == "true";
          if (!subnet_ref) subnet_ref = ni.find("SubnetId");
        }
    bool by_subnet = false;
    if (const resource* sn = resource_of(subnet_ref))
      if (const node* m = sn->properties.find("MapPublicIpOnLaunch"); m && m->is_scalar()) by_subnet = m->text == "true";
    bool by_eip = eip_instances_.count({current_.s->name, r.logical_id}) > 0;
    if (associate.value_or(by_subnet) || by_eip) {
      const auto address = "192.0.2." + std::to_string(++public_addresses_);
      obj(e)["public_ip"] = address;
      report(severity::note, "symbolic_address", r.line, rpointer(),
             "instance " + r.logical_id + " gets a public IPv4 at deployment (" +
                 (by_eip ? std::string("an Elastic IP") : std::string("its subnet maps one on launch")) + "); " + address +
                 " stands for it");
    }
  }

  // ---- pass 2: resources that add to others ----

  void add(const stack& s, const resource& r) {
    const auto& t = r.type;
    auto target = [&](std::string_view k, std::string_view array) -> std::optional<entry> {
      const node* n = prop(r, k);
      auto e = entry_of(n);
      if (e && e->array == array) return e;
      if (n && n->is_scalar() && !as_ref(n->text))
        report(severity::warning, "not_modelled", line_of(n), rpointer(k),
               std::string(k) + " names " + readable(n->text) + ", a resource outside the templates; " + t + " " + r.logical_id + " is left out");
      else if (n && n->is_scalar())
        report(severity::warning, "unmodelled_reference", line_of(n), rpointer(k),
               std::string(k) + " names " + readable(n->text) + ", which vpcsim does not model; " + r.logical_id + " is left out");
      else
        report(severity::error, "missing_property", r.line, rpointer(), t + " " + r.logical_id + " has no " + std::string(k));
      return std::nullopt;
    };
    (void)s;
    if (t == "AWS::EC2::VPCCidrBlock") {
      auto v = target("VpcId", "vpcs");
      if (!v) return;
      if (auto c = text(r, "CidrBlock")) {
        auto& o = obj(*v);
        if (!o.contains("cidrs")) {
          o["cidrs"] = ojson::array();
          if (o.contains("cidr")) {
            o["cidrs"].push_back(o["cidr"]);
            o.erase("cidr");
          }
        }
        push(*v, "cidrs", *c, prop(r, "CidrBlock"), "CidrBlock");
      } else if (auto c6 = text(r, "Ipv6CidrBlock")) {
        push(*v, "ipv6_cidrs", *c6, prop(r, "Ipv6CidrBlock"), "Ipv6CidrBlock");
      } else if (boolean(r, "AmazonProvidedIpv6CidrBlock").value_or(false) || prop(r, "Ipv6Pool") || prop(r, "Ipv6IpamPoolId")) {
        report(severity::warning, "unknown_value", r.line, rpointer(),
               "the IPv6 block AWS assigns to " + obj(*v)["name"].get<std::string>() + " is known only at deployment; IPv6 is left out");
      }
    } else if (t == "AWS::EC2::Route") {
      auto rt = target("RouteTableId", "route_tables");
      if (!rt) return;
      ojson route = ojson::object();
      if (auto c = text(r, "DestinationCidrBlock")) route["to"] = *c;
      else if (auto c6 = text(r, "DestinationIpv6CidrBlock")) route["to"] = *c6;
      else if (auto pl = reference(r, "DestinationPrefixListId", {"prefix_lists"})) route["to"] = *pl;
      else {
        report(severity::warning, "unknown_value", r.line, rpointer(), "route " + r.logical_id + " has no destination vpcsim can read; it is left out");
        return;
      }
      static constexpr std::string_view targets[] = {"GatewayId", "NatGatewayId", "InstanceId", "NetworkInterfaceId",
                                                      "VpcPeeringConnectionId", "TransitGatewayId", "EgressOnlyInternetGatewayId",
                                                      "VpcEndpointId"};
      for (auto k : targets)
        if (const node* n = prop(r, k)) {
          auto via = reference(n, k, {"internet_gateways", "vpn_gateways", "nat_gateways", "instances", "network_interfaces",
                                      "peering_connections", "transit_gateways", "egress_only_internet_gateways", "endpoints"});
          if (!via) return;
          route["via"] = *via;
          if (!entry_of(n)) external(*via);
        }
      if (!route.contains("via")) {
        for (std::string_view k : {"CarrierGatewayId", "LocalGatewayId", "CoreNetworkArn"})
          if (prop(r, k)) {
            report(severity::warning, "not_modelled", line_of(prop(r, k)), rpointer(k), std::string(k) + " targets are not modelled; route " + r.logical_id + " is left out");
            return;
          }
        report(severity::error, "missing_property", r.line, rpointer(), "route " + r.logical_id + " has no target");
        return;
      }
      push(*rt, "routes", route, &r.properties, "");
    } else if (t == "AWS::EC2::SubnetRouteTableAssociation") {
      auto rt = target("RouteTableId", "route_tables");
      if (!rt) return;
      if (auto sn = reference(r, "SubnetId", {"subnets"})) push(*rt, "subnets", *sn, prop(r, "SubnetId"), "SubnetId");
    } else if (t == "AWS::EC2::VPCGatewayAttachment") {
      auto v = reference(r, "VpcId", {"vpcs"});
      if (!v) return;
      if (prop(r, "InternetGatewayId")) {
        if (auto g = target("InternetGatewayId", "internet_gateways")) push(*g, "attachments", ojson{{"vpc", *v}}, prop(r, "VpcId"), "VpcId");
      } else if (prop(r, "VpnGatewayId")) {
        if (auto g = target("VpnGatewayId", "vpn_gateways")) push(*g, "attachments", ojson{{"vpc", *v}}, prop(r, "VpcId"), "VpcId");
      } else {
        report(severity::error, "missing_property", r.line, rpointer(), "gateway attachment " + r.logical_id + " names no gateway");
      }
    } else if (t == "AWS::EC2::SecurityGroupIngress" || t == "AWS::EC2::SecurityGroupEgress") {
      bool ingress = t == "AWS::EC2::SecurityGroupIngress";
      auto g = target("GroupId", "security_groups");
      if (!g) return;
      if (auto rule = sg_rule(r.properties, "", ingress)) {
        if (ingress) push(*g, "ingress", *rule, &r.properties, "");
        else standalone_egress_[g->index].push_back({*rule, origin{current_.s->file, r.line, rpointer(), r.logical_id}});
      }
    } else if (t == "AWS::EC2::NetworkAclEntry") {
      auto acl = target("NetworkAclId", "network_acls");
      if (!acl) return;
      ojson rule = ojson::object();
      if (auto n = integer(prop(r, "RuleNumber"), "RuleNumber")) rule["rule"] = *n;
      else return;
      auto action = text(r, "RuleAction").value_or("");
      std::transform(action.begin(), action.end(), action.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      rule["action"] = action;
      if (auto p = integer(prop(r, "Protocol"), "Protocol")) rule["protocol"] = *p == -1 ? std::string("all") : std::to_string(*p);
      if (auto c = text(r, "CidrBlock")) rule["cidr"] = *c;
      if (auto c6 = text(r, "Ipv6CidrBlock")) rule["ipv6_cidr"] = *c6;
      if (const node* pr = prop(r, "PortRange"); pr && rule.value("protocol", "") != "all") {
        auto from = integer(pr->find("From"), "PortRange");
        auto to = integer(pr->find("To"), "PortRange");
        if (from && to) rule["ports"] = *from == *to ? std::to_string(*from) : std::to_string(*from) + "-" + std::to_string(*to);
      }
      if (const node* ic = prop(r, "Icmp"))
        rule["icmp"] = {{"type", integer(ic->find("Type"), "Icmp").value_or(-1)}, {"code", integer(ic->find("Code"), "Icmp").value_or(-1)}};
      push(*acl, boolean(r, "Egress").value_or(false) ? "outbound" : "inbound", rule, &r.properties, "");
    } else if (t == "AWS::EC2::SubnetNetworkAclAssociation") {
      auto acl = target("NetworkAclId", "network_acls");
      if (!acl) return;
      if (auto sn = reference(r, "SubnetId", {"subnets"})) push(*acl, "subnets", *sn, prop(r, "SubnetId"), "SubnetId");
    } else if (t == "AWS::EC2::NetworkInterfaceAttachment") {
      auto eni = target("NetworkInterfaceId", "network_interfaces");
      if (!eni) return;
      if (auto i = reference(r, "InstanceId", {"instances"}))
        set(*eni, "attachment", {{"instance", *i}, {"device_index", integer(prop(r, "DeviceIndex"), "DeviceIndex").value_or(1)}},
            prop(r, "InstanceId"), "InstanceId");
    } else if (t == "AWS::EC2::TransitGatewayRoute") {
      auto rt = target("TransitGatewayRouteTableId", "transit_gateway_route_tables");
      if (!rt) return;
      ojson route = ojson::object();
      if (auto c = text(r, "DestinationCidrBlock")) route["to"] = *c;
      else return;
      if (boolean(r, "Blackhole").value_or(false)) route["state"] = "blackhole";
      else if (auto a = reference(r, "TransitGatewayAttachmentId", {"transit_gateway_attachments"})) route["attachments"] = ojson::array({*a});
      push(*rt, "routes", route, &r.properties, "");
    } else if (t == "AWS::EC2::TransitGatewayRouteTableAssociation") {
      auto att = target("TransitGatewayAttachmentId", "transit_gateway_attachments");
      if (!att) return;
      auto rt = reference(r, "TransitGatewayRouteTableId", {"transit_gateway_route_tables"});
      if (!rt) return;
      // TGW-1: an attachment has one association; AWS refuses a second one (CFN-13).
      if (obj(*att).contains("association") && obj(*att)["association"] != *rt)
        report(severity::warning, "conflicting_association", line_of(prop(r, "TransitGatewayAttachmentId")), rpointer("TransitGatewayAttachmentId"),
               obj(*att)["name"].get<std::string>() + " is already associated with " + obj(*att)["association"].get<std::string>() +
                   " (its transit gateway's DefaultRouteTableAssociation is enable); AWS associates an attachment with one route "
                   "table and refuses this association; it is modelled as replacing it");
      set(*att, "association", *rt, prop(r, "TransitGatewayRouteTableId"), "TransitGatewayRouteTableId");
    } else if (t == "AWS::EC2::TransitGatewayRouteTablePropagation") {
      auto rt = target("TransitGatewayRouteTableId", "transit_gateway_route_tables");
      if (!rt) return;
      if (auto a = reference(r, "TransitGatewayAttachmentId", {"transit_gateway_attachments"}))
        push(*rt, "propagations", *a, prop(r, "TransitGatewayAttachmentId"), "TransitGatewayAttachmentId");
    }
    else if (t == "AWS::EC2::VPCDHCPOptionsAssociation") {
      auto v = target("VpcId", "vpcs");
      if (!v) return;
      const node* d = prop(r, "DhcpOptionsId");
      // DNS-11: `default` gives the VPC AWS's default options (AmazonProvidedDNS).
      if (d && d->is_scalar() && d->text == "default") {
        obj(*v).erase("dhcp_options");
        return;
      }
      if (auto o = target("DhcpOptionsId", "dhcp_options")) set(*v, "dhcp_options", obj(*o)["name"], d, "DhcpOptionsId");
    } else if (t == "AWS::Route53::RecordSet") {
      record_set(r.properties, "", std::nullopt);
    } else if (t == "AWS::Route53::RecordSetGroup") {
      auto zone = zone_of(r.properties, "");
      if (!zone) return;
      if (const node* sets = prop(r, "RecordSets"); sets && sets->is_seq())
        for (const auto& rs : sets->items) record_set(rs, "RecordSets", zone);
    } else if (t == "AWS::Route53Resolver::ResolverRuleAssociation") {
      auto rule = target("ResolverRuleId", "resolver_rules");
      if (!rule) return;
      if (auto v = reference(r, "VPCId", {"vpcs"}); v && entry_of(prop(r, "VPCId"))) push(*rule, "vpcs", *v, prop(r, "VPCId"), "VPCId");
    }
    // AWS::EC2::EIP and EIPAssociation: the address is allocated at deployment; NAT gateways and
    // instances keep working without knowing it (the solver says "its Elastic IP").
  }

  /// TGW-1, CFN-13: the default route table AWS creates with a transit gateway whose
  /// DefaultRouteTableAssociation or DefaultRouteTablePropagation is enable (AWS's default for
  /// both): every VPC attachment of the TGW is associated with it / propagates to it. No resource of
  /// the template declares it; it is named `<TGW> default route table`, with the id that
  /// AssociationDefaultRouteTableId (else PropagationDefaultRouteTableId) gives as a literal. Runs
  /// after pass 2, when every attachment names its TGW, and before pass 3, whose
  /// AWS::EC2::TransitGatewayRouteTableAssociation then replaces an association (with a warning).
  void transit_gateway_defaults() {
    std::map<std::string, std::pair<std::optional<entry>, std::optional<entry>>> by_tgw;  // name -> (association, propagation)
    for (const auto& s : stacks_)
      for (const auto& r : s.resources) {
        if (r.type != "AWS::EC2::TransitGateway" || !entries_.count({s.name, r.logical_id})) continue;
        current_ = {&s, &r};
        const entry tgw = entries_.at({s.name, r.logical_id});
        const bool associate = enabled(r, "DefaultRouteTableAssociation"), propagate = enabled(r, "DefaultRouteTablePropagation");
        if (!associate && !propagate) continue;  // AWS creates no default route table (TGW-1)
        const std::string name = obj(tgw)["name"].get<std::string>();
        auto& arr = out_.design["transit_gateway_route_tables"];
        if (arr.is_null()) arr = ojson::array();
        ojson o = ojson::object();
        o["name"] = name + " default route table";
        for (std::string_view k : {"AssociationDefaultRouteTableId", "PropagationDefaultRouteTableId"})
          if (auto id = text(r, k); id && !has_token(*id) && !o.contains("id")) o["id"] = *id;
        o["transit_gateway"] = name;
        o["routes"] = ojson::array();
        o["propagations"] = ojson::array();
        arr.push_back(std::move(o));
        const entry table{"transit_gateway_route_tables", arr.size() - 1};
        remember(dpointer(table), prop(r, associate ? "DefaultRouteTableAssociation" : "DefaultRouteTablePropagation"),
                 associate ? "DefaultRouteTableAssociation" : "DefaultRouteTablePropagation");
        auto& d = by_tgw[name];
        if (associate) {
          set(tgw, "association_default_route_table", obj(table)["name"], prop(r, "DefaultRouteTableAssociation"), "DefaultRouteTableAssociation");
          d.first = table;
        }
        if (propagate) {
          set(tgw, "propagation_default_route_table", obj(table)["name"], prop(r, "DefaultRouteTablePropagation"), "DefaultRouteTablePropagation");
          d.second = table;
        }
      }
    for (const auto& s : stacks_)
      for (const auto& r : s.resources) {
        if ((r.type != "AWS::EC2::TransitGatewayAttachment" && r.type != "AWS::EC2::TransitGatewayVpcAttachment") ||
            !entries_.count({s.name, r.logical_id}))
          continue;
        current_ = {&s, &r};
        const entry a = entries_.at({s.name, r.logical_id});
        auto g = by_tgw.find(obj(a).value("transit_gateway", std::string()));
        if (g == by_tgw.end()) continue;  // a TGW outside the templates, or one without a default table
        if (g->second.first) set(a, "association", obj(*g->second.first)["name"], prop(r, "TransitGatewayId"), "TransitGatewayId");
        if (g->second.second) push(*g->second.second, "propagations", obj(a)["name"], prop(r, "TransitGatewayId"), "TransitGatewayId");
      }
  }

  /// `enable` (AWS's default when absent) or `disable`; anything else is an error, read as AWS's default.
  bool enabled(const resource& r, std::string_view k) {
    auto v = text(r, k);
    if (!v || *v == "enable") return true;
    if (*v == "disable") return false;
    report(severity::error, "bad_value", line_of(prop(r, k)), rpointer(k), std::string(k) + " must be enable or disable, not " + readable(*v));
    return true;
  }

  /// SG-9, CFN-6: a group declared without SecurityGroupEgress keeps AWS's allow-all outbound rule;
  /// AWS::EC2::SecurityGroupEgress resources add to it. Inline egress rules replace it.
  void finish_security_groups() {
    for (auto& [index, rules] : standalone_egress_) {
      entry e{"security_groups", index};
      auto& o = obj(e);
      if (!o.contains("egress")) {
        o["egress"] = ojson::array({ojson{{"protocol", "all"}, {"to", "0.0.0.0/0"}}});
      }
      for (auto& [rule, where] : rules) {
        o["egress"].push_back(rule);
        out_.origins[child_pointer(dpointer(e, "egress"), o["egress"].size() - 1)] = where;
      }
    }
  }

  // ---- workloads ----

  void workload(const stack& s, const resource& r) {
    workload_decl w;
    w.name = names_.at({s.name, r.logical_id});
    w.type = r.type;
    w.where = origin{s.file, r.line, rpointer(), r.logical_id};
    const auto& t = r.type;
    auto groups_from = [&](const node* n, std::string_view what) {
      if (!n) return;
      if (n->is_scalar()) {
        if (auto g = reference(n, what, {"security_groups"})) w.security_groups.push_back(*g);
        return;
      }
      for (const auto& g : n->items)
        if (auto name = reference(&g, what, {"security_groups"})) w.security_groups.push_back(*name);
    };
    auto subnets_from = [&](const node* n, std::string_view what) {
      if (!n) return;
      if (n->is_scalar()) {
        // A comma-separated string (VPCZoneIdentifier may be one).
        if (!has_token(n->text) || as_ref(n->text)) {
          if (auto sn = reference(n, what, {"subnets"})) w.subnets.push_back(*sn);
        } else {
          report(severity::warning, "unknown_value", line_of(n), rpointer(what), std::string(what) + " is " + readable(n->text) + ", known only at deployment");
        }
        return;
      }
      for (const auto& sn : n->items)
        if (auto name = reference(&sn, what, {"subnets"})) w.subnets.push_back(*name);
    };
    if (t == "AWS::ECS::Service") {
      const node* nc = prop(r, "NetworkConfiguration");
      const node* aws = nc ? nc->find("AwsvpcConfiguration") : nullptr;
      if (!aws) return;  // bridge or host networking: the tasks use their container instances' interfaces
      subnets_from(aws->find("Subnets"), "NetworkConfiguration");
      groups_from(aws->find("SecurityGroups"), "NetworkConfiguration");
    } else if (t == "AWS::AutoScaling::AutoScalingGroup") {
      subnets_from(prop(r, "VPCZoneIdentifier"), "VPCZoneIdentifier");
      const node* lt = prop(r, "LaunchTemplate");
      if (!lt) lt = prop(r, "MixedInstancesPolicy");
      if (lt && lt->find("LaunchTemplate")) lt = lt->find("LaunchTemplate")->find("LaunchTemplateSpecification");
      const node* lt_id = lt ? lt->find("LaunchTemplateId") : nullptr;
      if (lt && !lt_id) lt_id = lt->find("LaunchTemplateName");
      if (const resource* tmpl = resource_of(lt_id)) {
        const node* data = tmpl->properties.find("LaunchTemplateData");
        if (data) {
          groups_from(data->find("SecurityGroupIds"), "LaunchTemplate");
          if (const node* nis = data->find("NetworkInterfaces"); nis && nis->is_seq() && !nis->items.empty())
            groups_from(nis->items.front().find("Groups"), "LaunchTemplate");
        }
      }
      if (const resource* lc = resource_of(prop(r, "LaunchConfigurationName"))) groups_from(lc->properties.find("SecurityGroups"), "LaunchConfigurationName");
    } else if (t == "AWS::Lambda::Function") {
      const node* vc = prop(r, "VpcConfig");
      if (!vc) return;  // outside any VPC
      subnets_from(vc->find("SubnetIds"), "VpcConfig");
      groups_from(vc->find("SecurityGroupIds"), "VpcConfig");
    } else if (t == "AWS::EKS::Cluster") {
      const node* vc = prop(r, "ResourcesVpcConfig");
      if (!vc) return;
      subnets_from(vc->find("SubnetIds"), "ResourcesVpcConfig");
      groups_from(vc->find("SecurityGroupIds"), "ResourcesVpcConfig");
      report(severity::note, "not_modelled", r.line, rpointer(),
             "the cluster security group EKS creates for " + r.logical_id + " is not modelled; its interfaces are traced with the groups the template gives");
    } else if (t == "AWS::EKS::Nodegroup") {
      subnets_from(prop(r, "Subnets"), "Subnets");
      if (const node* lt = prop(r, "LaunchTemplate"))
        if (const resource* tmpl = resource_of(lt->find("Id") ? lt->find("Id") : lt->find("Name")))
          if (const node* data = tmpl->properties.find("LaunchTemplateData")) groups_from(data->find("SecurityGroupIds"), "LaunchTemplate");
      if (w.security_groups.empty())
        report(severity::note, "not_modelled", r.line, rpointer(),
               "node group " + r.logical_id + " uses the cluster security group EKS creates, which is not modelled; it is traced with its VPC's default group");
    } else if (t == "AWS::SageMaker::Domain") {
      subnets_from(prop(r, "SubnetIds"), "SubnetIds");
      if (const node* us = prop(r, "DefaultUserSettings")) groups_from(us->find("SecurityGroups"), "DefaultUserSettings");
    } else if (t == "AWS::SageMaker::NotebookInstance") {
      subnets_from(prop(r, "SubnetId"), "SubnetId");
      groups_from(prop(r, "SecurityGroupIds"), "SecurityGroupIds");
    }
    if (w.subnets.empty()) return;
    // Into the design's `workloads`, so that the design loader checks them and `convert` keeps them.
    out_.origins[detail::design::add_workload(out_.design, w.name, w.type, w.subnets, w.security_groups)] = w.where;
    out_.declared[w.name] = w.where;
  }

  const resource* resource_of(const node* n) {
    if (!n || !n->is_scalar()) return nullptr;
    auto ref = as_ref(n->text);
    if (!ref) return nullptr;
    auto it = resources_.find(*ref);
    return it == resources_.end() ? nullptr : it->second;
  }

  const std::vector<stack>& stacks_;
  const eval_options& options_;
  std::vector<diagnostic>& diags_;
  mapped out_;
  std::map<key, std::string> names_;
  std::map<key, std::string> types_;
  std::map<key, const resource*> resources_;
  std::map<key, entry> entries_;
  std::map<std::size_t, std::vector<std::pair<ojson, origin>>> standalone_egress_;
  std::set<key> eip_instances_;  ///< instances an Elastic IP is associated with
  int public_addresses_ = 0;
  struct {
    const stack* s = nullptr;
    const resource* r = nullptr;
  } current_;
};

}  // namespace

mapped map_stacks(const std::vector<stack>& stacks, const eval_options& options, std::vector<diagnostic>& diags) {
  return mapper(stacks, options, diags).run();
}

}  // namespace vpcsim::detail::cfn
