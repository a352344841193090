#pragma once
/// Every AWS JSON key the importer reads, spelled once (style point 4). Names follow the key:
/// `cidr_block` is `CidrBlock`. Keys AWS emits that vpcsim deliberately ignores are listed per
/// resource type in `ignored`, and top-level keys of resources vpcsim does not model in
/// `unsupported_top_level`.

#include <array>
#include <string_view>

namespace vpcsim::aws_keys {

// Top-level keys of describe-* responses.
inline constexpr std::string_view vpcs = "Vpcs";
inline constexpr std::string_view subnets = "Subnets";
inline constexpr std::string_view route_tables = "RouteTables";
inline constexpr std::string_view security_groups = "SecurityGroups";
inline constexpr std::string_view network_acls = "NetworkAcls";
inline constexpr std::string_view internet_gateways = "InternetGateways";
inline constexpr std::string_view egress_only_internet_gateways = "EgressOnlyInternetGateways";
inline constexpr std::string_view nat_gateways = "NatGateways";
inline constexpr std::string_view vpn_gateways = "VpnGateways";
inline constexpr std::string_view vpc_endpoints = "VpcEndpoints";
inline constexpr std::string_view reservations = "Reservations";
inline constexpr std::string_view network_interfaces = "NetworkInterfaces";
inline constexpr std::string_view prefix_lists = "PrefixLists";
/// Not an AWS CLI key (describe-managed-prefix-lists answers `PrefixLists`); some capture
/// scripts write it, so it is read like `PrefixLists`.
inline constexpr std::string_view managed_prefix_lists = "ManagedPrefixLists";
inline constexpr std::string_view vpc_peering_connections = "VpcPeeringConnections";
inline constexpr std::string_view transit_gateways = "TransitGateways";
/// Also the attachment list of a transit gateway route.
inline constexpr std::string_view transit_gateway_attachments = "TransitGatewayAttachments";
inline constexpr std::string_view transit_gateway_vpc_attachments = "TransitGatewayVpcAttachments";
inline constexpr std::string_view transit_gateway_route_tables = "TransitGatewayRouteTables";
/// Batfish's capture of `search-transit-gateway-routes --filters type=static`, one per table.
inline constexpr std::string_view transit_gateway_static_routes = "TransitGatewayStaticRoutes";
/// Batfish's capture of `get-transit-gateway-route-table-propagations`, one per table.
inline constexpr std::string_view transit_gateway_propagations = "TransitGatewayPropagations";
inline constexpr std::string_view addresses = "Addresses";
inline constexpr std::string_view dhcp_options = "DhcpOptions";
// Route 53 and Route 53 Resolver (DNS-3, DNS-12, DNS-13).
inline constexpr std::string_view hosted_zones = "HostedZones";    ///< list-hosted-zones
inline constexpr std::string_view hosted_zone = "HostedZone";      ///< get-hosted-zone, with `VPCs`
inline constexpr std::string_view vpcs_of_zone = "VPCs";           ///< get-hosted-zone
inline constexpr std::string_view delegation_set = "DelegationSet";  ///< get-hosted-zone of a public zone
/// list-resource-record-sets, tagged with `HostedZoneId` by the capture recipe (README).
inline constexpr std::string_view resource_record_sets = "ResourceRecordSets";
inline constexpr std::string_view resolver_endpoints = "ResolverEndpoints";
inline constexpr std::string_view resolver_rules = "ResolverRules";
inline constexpr std::string_view resolver_rule_associations = "ResolverRuleAssociations";
/// Paging fields of list-* answers; the CLI's own paging leaves them at their last values.
inline constexpr std::array<std::string_view, 10> paging = {
    "IsTruncated", "Marker", "MaxItems", "MaxResults", "NextMarker", "NextRecordIdentifier",
    "NextRecordName", "NextRecordType", "NextToken", "DelegationSet"};
/// `get-managed-prefix-list-entries`; also a network ACL's entry list.
inline constexpr std::string_view entries = "Entries";

// describe-vpc-attribute.
inline constexpr std::string_view enable_dns_support = "EnableDnsSupport";
inline constexpr std::string_view enable_dns_hostnames = "EnableDnsHostnames";
inline constexpr std::string_view enable_network_address_usage_metrics = "EnableNetworkAddressUsageMetrics";
inline constexpr std::string_view value = "Value";

// Ids and references.
inline constexpr std::string_view vpc_id = "VpcId";
inline constexpr std::string_view subnet_id = "SubnetId";
inline constexpr std::string_view subnet_ids = "SubnetIds";
inline constexpr std::string_view route_table_id = "RouteTableId";
inline constexpr std::string_view route_table_ids = "RouteTableIds";
inline constexpr std::string_view network_acl_id = "NetworkAclId";
inline constexpr std::string_view group_id = "GroupId";
inline constexpr std::string_view group_name = "GroupName";
inline constexpr std::string_view internet_gateway_id = "InternetGatewayId";
inline constexpr std::string_view egress_only_internet_gateway_id = "EgressOnlyInternetGatewayId";
inline constexpr std::string_view nat_gateway_id = "NatGatewayId";
inline constexpr std::string_view vpn_gateway_id = "VpnGatewayId";
inline constexpr std::string_view vpc_endpoint_id = "VpcEndpointId";
inline constexpr std::string_view network_interface_id = "NetworkInterfaceId";
inline constexpr std::string_view network_interface_ids = "NetworkInterfaceIds";
inline constexpr std::string_view instance_id = "InstanceId";
inline constexpr std::string_view prefix_list_id = "PrefixListId";
inline constexpr std::string_view prefix_list_ids = "PrefixListIds";
inline constexpr std::string_view vpc_peering_connection_id = "VpcPeeringConnectionId";
inline constexpr std::string_view transit_gateway_id = "TransitGatewayId";
inline constexpr std::string_view transit_gateway_attachment_id = "TransitGatewayAttachmentId";
inline constexpr std::string_view transit_gateway_route_table_id = "TransitGatewayRouteTableId";
inline constexpr std::string_view gateway_id = "GatewayId";
inline constexpr std::string_view local_gateway_id = "LocalGatewayId";
inline constexpr std::string_view carrier_gateway_id = "CarrierGatewayId";
inline constexpr std::string_view core_network_arn = "CoreNetworkArn";
inline constexpr std::string_view allocation_id = "AllocationId";
inline constexpr std::string_view owner_id = "OwnerId";
inline constexpr std::string_view user_id = "UserId";

// Common fields.
inline constexpr std::string_view tags = "Tags";
inline constexpr std::string_view tag_set = "TagSet";
inline constexpr std::string_view key = "Key";
inline constexpr std::string_view state = "State";
inline constexpr std::string_view name = "Name";
inline constexpr std::string_view code = "Code";
inline constexpr std::string_view status = "Status";
inline constexpr std::string_view description = "Description";
inline constexpr std::string_view availability_zone = "AvailabilityZone";
inline constexpr std::string_view availability_zone_id = "AvailabilityZoneId";
inline constexpr std::string_view attachments = "Attachments";
inline constexpr std::string_view attachment = "Attachment";
inline constexpr std::string_view association = "Association";
inline constexpr std::string_view associations = "Associations";
inline constexpr std::string_view association_id = "AssociationId";
inline constexpr std::string_view options = "Options";
inline constexpr std::string_view ipv6_support = "Ipv6Support";
inline constexpr std::string_view region = "Region";

// VPCs and subnets.
inline constexpr std::string_view cidr_block = "CidrBlock";
inline constexpr std::string_view cidr_block_association_set = "CidrBlockAssociationSet";
inline constexpr std::string_view cidr_block_state = "CidrBlockState";
inline constexpr std::string_view cidr_block_set = "CidrBlockSet";
inline constexpr std::string_view ipv6_cidr_block = "Ipv6CidrBlock";
inline constexpr std::string_view ipv6_cidr_block_association_set = "Ipv6CidrBlockAssociationSet";
inline constexpr std::string_view ipv6_cidr_block_state = "Ipv6CidrBlockState";
inline constexpr std::string_view is_default = "IsDefault";
inline constexpr std::string_view map_public_ip_on_launch = "MapPublicIpOnLaunch";
inline constexpr std::string_view default_for_az = "DefaultForAz";
inline constexpr std::string_view enable_dns64 = "EnableDns64";
inline constexpr std::string_view ipv6_native = "Ipv6Native";

// Route tables.
inline constexpr std::string_view routes = "Routes";
inline constexpr std::string_view propagating_vgws = "PropagatingVgws";
inline constexpr std::string_view destination_cidr_block = "DestinationCidrBlock";
inline constexpr std::string_view destination_ipv6_cidr_block = "DestinationIpv6CidrBlock";
inline constexpr std::string_view destination_prefix_list_id = "DestinationPrefixListId";
inline constexpr std::string_view origin = "Origin";
inline constexpr std::string_view main = "Main";
inline constexpr std::string_view route_table_association_id = "RouteTableAssociationId";
inline constexpr std::string_view association_state = "AssociationState";

// Security groups.
inline constexpr std::string_view ip_permissions = "IpPermissions";
inline constexpr std::string_view ip_permissions_egress = "IpPermissionsEgress";
inline constexpr std::string_view ip_protocol = "IpProtocol";
inline constexpr std::string_view from_port = "FromPort";
inline constexpr std::string_view to_port = "ToPort";
inline constexpr std::string_view ip_ranges = "IpRanges";
inline constexpr std::string_view ipv6_ranges = "Ipv6Ranges";
inline constexpr std::string_view user_id_group_pairs = "UserIdGroupPairs";
inline constexpr std::string_view cidr_ip = "CidrIp";
inline constexpr std::string_view cidr_ipv6 = "CidrIpv6";

// Network ACLs.
inline constexpr std::string_view rule_number = "RuleNumber";
inline constexpr std::string_view egress = "Egress";
inline constexpr std::string_view rule_action = "RuleAction";
inline constexpr std::string_view protocol = "Protocol";
inline constexpr std::string_view port_range = "PortRange";
inline constexpr std::string_view from = "From";
inline constexpr std::string_view to = "To";
inline constexpr std::string_view icmp_type_code = "IcmpTypeCode";
inline constexpr std::string_view type = "Type";
inline constexpr std::string_view network_acl_association_id = "NetworkAclAssociationId";

// Gateways.
inline constexpr std::string_view vpc_attachments = "VpcAttachments";
inline constexpr std::string_view connectivity_type = "ConnectivityType";
inline constexpr std::string_view nat_gateway_addresses = "NatGatewayAddresses";
inline constexpr std::string_view private_ip = "PrivateIp";
inline constexpr std::string_view public_ip = "PublicIp";

// VPC endpoints.
inline constexpr std::string_view vpc_endpoint_type = "VpcEndpointType";
inline constexpr std::string_view service_name = "ServiceName";
inline constexpr std::string_view groups = "Groups";
inline constexpr std::string_view private_dns_enabled = "PrivateDnsEnabled";
inline constexpr std::string_view dns_options = "DnsOptions";
inline constexpr std::string_view private_dns_only_for_inbound_resolver_endpoint =
    "PrivateDnsOnlyForInboundResolverEndpoint";
inline constexpr std::string_view dns_record_ip_type = "DnsRecordIpType";
inline constexpr std::string_view dns_entries = "DnsEntries";
inline constexpr std::string_view dns_name = "DnsName";
inline constexpr std::string_view policy_document = "PolicyDocument";

// Network interfaces and instances.
inline constexpr std::string_view instances = "Instances";
inline constexpr std::string_view private_ip_address = "PrivateIpAddress";
inline constexpr std::string_view private_ip_addresses = "PrivateIpAddresses";
inline constexpr std::string_view public_ip_address = "PublicIpAddress";
inline constexpr std::string_view primary = "Primary";
inline constexpr std::string_view ipv6_addresses = "Ipv6Addresses";
inline constexpr std::string_view ipv6_address = "Ipv6Address";
inline constexpr std::string_view interface_type = "InterfaceType";
inline constexpr std::string_view requester_managed = "RequesterManaged";
inline constexpr std::string_view source_dest_check = "SourceDestCheck";
inline constexpr std::string_view device_index = "DeviceIndex";
inline constexpr std::string_view instance_type = "InstanceType";
inline constexpr std::string_view placement = "Placement";

// Prefix lists.
inline constexpr std::string_view prefix_list_name = "PrefixListName";
inline constexpr std::string_view cidrs = "Cidrs";
inline constexpr std::string_view cidr = "Cidr";
inline constexpr std::string_view max_entries = "MaxEntries";
inline constexpr std::string_view address_family = "AddressFamily";
/// The owner of AWS-managed prefix lists.
inline constexpr std::string_view aws_owner = "AWS";

// DHCP options.
inline constexpr std::string_view dhcp_options_id = "DhcpOptionsId";
inline constexpr std::string_view dhcp_configurations = "DhcpConfigurations";
inline constexpr std::string_view values = "Values";
inline constexpr std::string_view domain_name_servers = "domain-name-servers";
inline constexpr std::string_view domain_name_option = "domain-name";

// Route 53 hosted zones and records.
inline constexpr std::string_view id = "Id";
inline constexpr std::string_view config = "Config";
inline constexpr std::string_view comment = "Comment";
inline constexpr std::string_view private_zone = "PrivateZone";
inline constexpr std::string_view vpc_region = "VPCRegion";
inline constexpr std::string_view vpc_id_upper = "VPCId";
inline constexpr std::string_view hosted_zone_id = "HostedZoneId";
inline constexpr std::string_view resource_records = "ResourceRecords";
inline constexpr std::string_view alias_target = "AliasTarget";
inline constexpr std::string_view dns_name_upper = "DNSName";
inline constexpr std::string_view set_identifier = "SetIdentifier";

// Route 53 Resolver.
inline constexpr std::string_view domain_name = "DomainName";
inline constexpr std::string_view rule_type = "RuleType";
inline constexpr std::string_view target_ips = "TargetIps";
inline constexpr std::string_view ip = "Ip";
inline constexpr std::string_view port = "Port";
inline constexpr std::string_view resolver_endpoint_id = "ResolverEndpointId";
inline constexpr std::string_view resolver_rule_id = "ResolverRuleId";
inline constexpr std::string_view security_group_ids = "SecurityGroupIds";
inline constexpr std::string_view direction = "Direction";
inline constexpr std::string_view host_vpc_id = "HostVPCId";

// Peering.
inline constexpr std::string_view requester_vpc_info = "RequesterVpcInfo";
inline constexpr std::string_view accepter_vpc_info = "AccepterVpcInfo";
inline constexpr std::string_view peering_options = "PeeringOptions";
inline constexpr std::string_view allow_dns_resolution_from_remote_vpc = "AllowDnsResolutionFromRemoteVpc";

// Transit gateways.
inline constexpr std::string_view association_default_route_table_id = "AssociationDefaultRouteTableId";
inline constexpr std::string_view propagation_default_route_table_id = "PropagationDefaultRouteTableId";
inline constexpr std::string_view resource_type = "ResourceType";
inline constexpr std::string_view resource_id = "ResourceId";
inline constexpr std::string_view resource_owner_id = "ResourceOwnerId";
inline constexpr std::string_view vpc_owner_id = "VpcOwnerId";
inline constexpr std::string_view transit_gateway_route_table_propagations = "TransitGatewayRouteTablePropagations";

/// Top-level keys of AWS responses that vpcsim reads no resource from (one warning per file).
inline constexpr std::array<std::string_view, 30> unsupported_top_level = {
    "AvailabilityZones", "ClassicLinkInstances", "CustomerGateways", "DBInstances",
    "DirectConnectGatewayAssociations", "DirectConnectGateways",
    "DomainStatusList", "ElasticsearchDomains", "Hosts", "InstanceStatuses",
    "LoadBalancerAttributes", "LoadBalancerDescriptions", "LoadBalancerListeners",
    "LoadBalancerTargetHealth", "LoadBalancers", "MovingAddressStatuses", "PlacementGroups",
    "RdsInstances", "ServiceDetails", "ServiceNames", "Tags", "TargetGroups",
    "TransitGatewayConnects", "TransitGatewayPeeringAttachments", "VirtualGateways",
    "VirtualInterfaces", "VpcEndpointConnections", "VpcEndpointServices", "VpnConnections",
    "Connections"};

/// AWS fields each resource type carries that vpcsim deliberately does not read; any other
/// field the importer does not read is reported once per file as `vpcsim.import.unknown_field`.
namespace ignored {
inline constexpr std::array<std::string_view, 3> vpc = {
    "BlockPublicAccessStates", "EncryptionControl", "InstanceTenancy"};
inline constexpr std::array<std::string_view, 10> subnet = {
    "AssignIpv6AddressOnCreation", "AvailableIpAddressCount", "BlockPublicAccessStates",
    "CustomerOwnedIpv4Pool", "EnableLniAtDeviceIndex",
    "MapCustomerOwnedIpOnLaunch", "OutpostArn", "PrivateDnsNameOptionsOnLaunch", "SubnetArn",
    "Type"};
inline constexpr std::array<std::string_view, 0> route_table = {};
inline constexpr std::array<std::string_view, 3> route = {"InstanceOwnerId", "IpAddress", "OdbNetworkArn"};
inline constexpr std::array<std::string_view, 1> security_group = {"SecurityGroupArn"};
inline constexpr std::array<std::string_view, 0> ip_permission = {};
inline constexpr std::array<std::string_view, 0> network_acl = {};
inline constexpr std::array<std::string_view, 0> network_acl_entry = {};
inline constexpr std::array<std::string_view, 0> internet_gateway = {};
inline constexpr std::array<std::string_view, 10> nat_gateway = {
    "AttachedAppliances", "AutoProvisionZones", "AutoScalingIps", "AvailabilityMode", "CreateTime",
    "DeleteTime", "FailureCode", "FailureMessage", "ProvisionedBandwidth", "RouteTableId"};
inline constexpr std::array<std::string_view, 3> vpn_gateway = {"AmazonSideAsn", "AvailabilityZone",
                                                                "Type"};
inline constexpr std::array<std::string_view, 10> vpc_endpoint = {
    "CreationTimestamp", "FailureReason", "IpAddressType", "Ipv4Prefixes", "Ipv6Prefixes",
    "LastError", "RequesterManaged", "ResourceConfigurationArn", "ServiceNetworkArn",
    "ServiceRegion"};
inline constexpr std::array<std::string_view, 15> network_interface = {
    "AssociatedSubnets", "AvailabilityZoneId", "ConnectionTrackingConfiguration",
    "DenyAllIgwTraffic", "Ipv4Prefixes", "Ipv6Address", "Ipv6Native", "Ipv6Prefixes",
    "MacAddress", "Operator", "OutpostArn", "PrivateDnsName", "PublicDnsName",
    "PublicIpDnsNameOptions", "RequesterId"};
inline constexpr std::array<std::string_view, 3> reservation = {"Groups", "RequesterId",
                                                                "ReservationId"};
inline constexpr std::array<std::string_view, 49> instance = {
    "AmiLaunchIndex", "Architecture", "BlockDeviceMappings", "BootMode", "CapacityBlockId", "CapacityReservationId",
    "CapacityReservationSpecification", "ClientToken", "CpuOptions", "CurrentInstanceBootMode",
    "EbsOptimized", "ElasticGpuAssociations", "ElasticInferenceAcceleratorAssociations",
    "EnaSupport", "EnclaveOptions", "HibernationOptions", "Hypervisor", "IamInstanceProfile",
    "ImageId", "InstanceLifecycle", "Ipv6Address", "KernelId", "KeyName", "LaunchTime",
    "Licenses", "MaintenanceOptions", "MetadataOptions", "Monitoring", "NetworkPerformanceOptions",
    "Operator", "OutpostArn", "Platform", "PlatformDetails", "PrivateDnsName",
    "PrivateDnsNameOptions", "ProductCodes", "PublicDnsName", "RamdiskId", "RootDeviceName",
    "RootDeviceType", "SecondaryInterfaces", "SpotInstanceRequestId", "SriovNetSupport", "StateReason",
    "StateTransitionReason", "TpmSupport", "UsageOperation", "UsageOperationUpdateTime",
    "VirtualizationType"};
inline constexpr std::array<std::string_view, 6> prefix_list = {
    "IpamPrefixListResolverSyncEnabled", "IpamPrefixListResolverTargetId", "PrefixListArn",
    "State", "StateMessage", "Version"};
inline constexpr std::array<std::string_view, 1> peering_connection = {"ExpirationTime"};
inline constexpr std::array<std::string_view, 3> transit_gateway = {"CreationTime", "Description",
                                                                    "TransitGatewayArn"};
inline constexpr std::array<std::string_view, 2> transit_gateway_attachment = {
    "CreationTime", "TransitGatewayOwnerId"};
inline constexpr std::array<std::string_view, 1> transit_gateway_vpc_attachment = {"CreationTime"};
inline constexpr std::array<std::string_view, 3> transit_gateway_route_table = {
    "CreationTime", "DefaultAssociationRouteTable", "DefaultPropagationRouteTable"};
inline constexpr std::array<std::string_view, 11> address = {
    "AssociationId", "CarrierIp", "CustomerOwnedIp", "CustomerOwnedIpv4Pool", "Domain",
    "NetworkBorderGroup", "NetworkInterfaceOwnerId", "PublicIpv4Pool", "ServiceManaged", "SubnetId",
    "Tags"};
inline constexpr std::array<std::string_view, 0> dhcp_options = {};
inline constexpr std::array<std::string_view, 4> hosted_zone = {"CallerReference", "Features", "LinkedService",
                                                                "ResourceRecordSetCount"};
inline constexpr std::array<std::string_view, 10> resource_record_set = {
    "CidrRoutingConfig", "Failover", "GeoLocation", "GeoProximityLocation", "HealthCheckId",
    "MultiValueAnswer", "Region", "TTL", "TrafficPolicyInstanceId", "Weight"};
inline constexpr std::array<std::string_view, 1> alias_target = {"EvaluateTargetHealth"};
inline constexpr std::array<std::string_view, 7> resolver_rule = {
    "Arn", "CreationTime", "CreatorRequestId", "DelegationRecord", "ModificationTime", "ShareStatus",
    "StatusMessage"};
inline constexpr std::array<std::string_view, 3> resolver_target = {"Ipv6", "Protocol", "ServerNameIndication"};
inline constexpr std::array<std::string_view, 12> resolver_endpoint = {
    "Arn", "CreationTime", "CreatorRequestId", "IpAddressCount", "ModificationTime", "OutpostArn",
    "PreferredInstanceType", "Protocols", "ResolverEndpointType", "RniEnhancedMetricsEnabled",
    "StatusMessage", "TargetNameServerMetricsEnabled"};
inline constexpr std::array<std::string_view, 3> resolver_rule_association = {"Id", "Name", "StatusMessage"};
}  // namespace ignored

}  // namespace vpcsim::aws_keys
