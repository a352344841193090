#!/usr/bin/env python3
"""Generates the solver's scenario captures (tests/data/scenarios/<name>/us-east-1/*.json).

Each scenario is a small AWS account in the shapes `aws ec2 describe-* --output json` prints,
written as one merged bundle (`capture.json`) plus the `describe-vpc-attribute` responses
(`dns-support.json`, `dns-hostnames.json`; one pair per VPC) where the scenario has them.
The scenario tests (tests/data/scenarios/cases.jsonc, tests/sim/scenario_table_test.cpp and
tests/sim/scenarios_test.cpp) read the committed JSON; CI never runs this script.

    python3 tests/data/scenarios/make_scenarios.py            # rewrite every scenario
    python3 tests/data/scenarios/make_scenarios.py --check    # fail if the JSON is stale

Rule ids (GW-7b, NACL-7, ...) are those of docs/aws-semantics.md.
"""
import copy
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ACCOUNT = "111122223333"
REGION = "us-east-1"
AZ = "us-east-1a"

# Ids shared by the scenarios (each scenario is its own account snapshot).
VPC = "vpc-0e1a2b3c4d5e6f701"
VPC_PEER = "vpc-0e1a2b3c4d5e6f702"
SUB_PUB = "subnet-0a44444444444444d"    # 10.0.0.0/24, public (NAT gateway, web instance)
SUB_APP = "subnet-0a11111111111111a"    # 10.0.1.0/24, private (the client)
SUB_DB = "subnet-0a33333333333333c"     # 10.0.2.0/24, private (a second instance)
SUB_EP = "subnet-0a22222222222222b"     # 10.0.3.0/24, interface endpoint ENIs
SUB_PEER = "subnet-0a55555555555555e"   # 10.1.1.0/24 in the peer VPC
RTB_MAIN = "rtb-0c00000000000000a"
RTB_PRIV = "rtb-0c11111111111111b"
RTB_PUB = "rtb-0c22222222222222c"
RTB_OTHER = "rtb-0c33333333333333d"
RTB_PEER = "rtb-0c44444444444444e"
RTB_PEER_MAIN = "rtb-0c55555555555555f"
ACL_DEF = "acl-0d00000000000000a"
ACL_APP = "acl-0d11111111111111b"
ACL_EP = "acl-0d22222222222222c"
ACL_PUB = "acl-0d33333333333333d"
ACL_PEER_DEF = "acl-0d44444444444444e"
SG_DEF = "sg-0f00000000000000a"
SG_APP = "sg-0f11111111111111b"
SG_EP = "sg-0f22222222222222c"
SG_DB = "sg-0f33333333333333d"
SG_OTHER = "sg-0f44444444444444e"
SG_WEB = "sg-0f55555555555555f"
SG_PEER_DEF = "sg-0f66666666666666a"
SG_PEER_DB = "sg-0f77777777777777b"
I_APP, ENI_APP, IP_APP = "i-0b11111111111111a", "eni-0e11111111111111a", "10.0.1.10"
I_APP2, ENI_APP2, IP_APP2 = "i-0b33333333333333c", "eni-0e44444444444444d", "10.0.1.11"
I_DB, ENI_DB, IP_DB = "i-0b22222222222222b", "eni-0e55555555555555e", "10.0.2.20"
I_WEB, ENI_WEB, IP_WEB = "i-0b44444444444444d", "eni-0e66666666666666f", "10.0.0.10"
PUBLIC_IP_WEB = "52.23.180.41"
I_PEER, ENI_PEER, IP_PEER = "i-0b55555555555555e", "eni-0e77777777777777a", "10.1.1.20"
EP_API, ENI_API, IP_API = "vpce-0a1e0000000000a01", "eni-0e22222222222222b", "10.0.3.11"
EP_DKR, ENI_DKR, IP_DKR = "vpce-0a1e0000000000a02", "eni-0e33333333333333c", "10.0.3.12"
EP_S3 = "vpce-0a1e0000000000a03"
EP_S3_PEER = "vpce-0a1e0000000000a04"
EP_S3_IF, ENI_S3_IF, IP_S3_IF = "vpce-0a1e0000000000a05", "eni-0e99999999999999a", "10.0.3.13"
SUB_PEER_EP = "subnet-0a77777777777777a"  # 10.1.3.0/24 in the peer VPC
SG_PEER_EP = "sg-0f88888888888888c"
IGW = "igw-0a11111111111111a"
NAT, ENI_NAT, IP_NAT, EIP_NAT = "nat-0f11111111111111a", "eni-0e88888888888888b", "10.0.0.50", "44.200.15.7"
PCX = "pcx-0a11111111111111a"
PL_S3 = "pl-63a5400a"
PL_DDB = "pl-02cd2c6b"
PL_OFFICE = "pl-0a1b2c3d4e5f60718"  # a customer-managed list (describe-managed-prefix-lists)
DDB_CIDRS = ["52.94.0.0/22", "52.119.224.0/20"]
EP_DDB = "vpce-0a1e0000000000a06"
SG_PL_ONLY = "sg-0fbbbbbbbbbbbbbbf"
S3_CIDRS = ["54.231.0.0/16", "52.216.0.0/15", "3.5.0.0/19", "18.34.0.0/19", "16.182.0.0/16"]
# Appliances (RT-14): a NAT instance in the public subnet, firewalls in subnets of their own.
I_NATI, ENI_NATI, IP_NATI, PUBLIC_IP_NATI = "i-0b77777777777777b", "eni-0eaaaaaaaaaaaaaaa", "10.0.0.60", "54.160.10.20"
SG_NATI = "sg-0f99999999999999d"
SUB_FW, RTB_FW, SG_FW = "subnet-0a88888888888888b", "rtb-0c66666666666666a", "sg-0faaaaaaaaaaaaaae"  # 10.0.4.0/24
I_FW, ENI_FW, IP_FW = "i-0b88888888888888c", "eni-0ebbbbbbbbbbbbbbb", "10.0.4.10"
SUB_FW2, RTB_FW2 = "subnet-0a99999999999999c", "rtb-0c77777777777777b"  # 10.0.5.0/24
I_FW2, ENI_FW2, IP_FW2 = "i-0b99999999999999d", "eni-0eccccccccccccccc", "10.0.5.10"
RTB_DB = "rtb-0c88888888888888c"
STARPORT = "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"

ENDPOINT_DNS = {"ecr.api": "api.ecr", "ecr.dkr": "dkr.ecr", "s3": "s3"}
PRIVATE_NAMES = {"ecr.api": ["api.ecr.us-east-1.amazonaws.com"], "ecr.dkr": ["*.dkr.ecr.us-east-1.amazonaws.com"],
                 "s3": ["s3.us-east-1.amazonaws.com", "*.s3.us-east-1.amazonaws.com"]}

# Interface endpoints of services beyond S3, DynamoDB and ECR (IF-15): short name, the service part
# of the endpoint-specific names, the private DNS names DnsEntries lists when private DNS is on.
MORE_SERVICES = [(svc, part, [f"{name}.{REGION}.amazonaws.com"]) for svc, part, name in [
    ("cloudformation", "cloudformation", "cloudformation"),
    ("sagemaker.api", "api.sagemaker", "api.sagemaker"),
    ("sagemaker.runtime", "runtime.sagemaker", "runtime.sagemaker"),
    ("codeartifact.api", "api.codeartifact", "codeartifact"),
    ("codeartifact.repositories", "d.codeartifact", "*.d.codeartifact"),
    ("events", "events", "events"), ("states", "states", "states"), ("athena", "athena", "athena"),
    ("glue", "glue", "glue"), ("kinesis-firehose", "firehose", "firehose"), ("eks", "eks", "eks"),
    ("rds", "rds", "rds"), ("rds-data", "rds-data", "rds-data"), ("elasticmapreduce", "elasticmapreduce",
                                                                  "elasticmapreduce"),
    ("codebuild", "codebuild", "codebuild"), ("codecommit", "codecommit", "codecommit"),
    ("codedeploy", "codedeploy", "codedeploy"), ("codepipeline", "codepipeline", "codepipeline"),
    ("textract", "textract", "textract"), ("xray", "xray", "xray"), ("backup", "backup", "backup"),
    ("batch", "batch", "batch"), ("servicecatalog", "servicecatalog", "servicecatalog"),
    ("secretsmanager", "secretsmanager", "secretsmanager"), ("kms", "kms", "kms"), ("sts", "sts", "sts"),
    ("logs", "logs", "logs"), ("ssm", "ssm", "ssm"),
    # Not in vpcsim's catalogue: traced through its endpoint only (IF-16).
    ("bedrock-runtime", "bedrock-runtime", "bedrock-runtime")]]
# An endpoint service of another account (a Network Load Balancer behind PrivateLink): no private DNS.
PARTNER_SERVICE = f"com.amazonaws.vpce.{REGION}.vpce-svc-0e5f6a7b8c9d0e1f2"
for svc, part, names in MORE_SERVICES:
    ENDPOINT_DNS[svc], PRIVATE_NAMES[svc] = part, names
ENDPOINT_DNS[PARTNER_SERVICE] = "vpce-svc-0e5f6a7b8c9d0e1f2"


def tags(name):
    return [{"Key": "Name", "Value": name}]


def policy(*statements):
    """An endpoint policy document as AWS returns it: a JSON string."""
    return json.dumps({"Version": "2008-10-17", "Statement": list(statements)}, indent=2)


FULL_ACCESS = policy({"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"})


# ---------------------------------------------------------------------------------------------
# Base builders: one method per describe-* resource, in the real response shapes.
# ---------------------------------------------------------------------------------------------

class Capture:
    """One account snapshot; `write` emits capture.json and the VPC attribute files."""

    def __init__(self):
        self.vpcs, self.subnets, self.route_tables, self.acls = {}, {}, {}, {}
        self.sgs, self.enis, self.instances, self.igws, self.nats = {}, {}, {}, {}, {}
        self.endpoints, self.peerings = {}, {}
        self.dns = {}  # vpc id -> (enableDnsSupport or None, enableDnsHostnames or None)
        self.gateway_routes = []  # (route table, prefix list, endpoint) added by an association
        self.customer_lists = {}  # customer-managed prefix lists: id -> (name, entries)
        self.addresses = []  # describe-addresses
        # "bundle": capture.json; "calls": one file per call of the README's capture recipe,
        # named as the recipe names them, leaving out the calls in `omit`.
        self.layout, self.omit = "bundle", set()
        # Write get-managed-prefix-list-entries for AWS's lists too (the recipe fetches only the
        # customer-managed ones: AWS's come with their CIDRs from describe-prefix-lists).
        self.entries_of_aws_lists = False

    # -- VPCs and subnets ----------------------------------------------------------------------
    def vpc(self, vid, cidr, name, is_default=False, support=True, hostnames=True):
        self.vpcs[vid] = {
            "CidrBlock": cidr, "DhcpOptionsId": "dopt-0123456789abcdef0", "State": "available",
            "VpcId": vid, "OwnerId": ACCOUNT, "InstanceTenancy": "default",
            "CidrBlockAssociationSet": [{"AssociationId": "vpc-cidr-assoc-" + vid[4:], "CidrBlock": cidr,
                                         "CidrBlockState": {"State": "associated"}}],
            "IsDefault": is_default, "Tags": tags(name)}
        self.dns[vid] = (support, hostnames)

    def subnet(self, sid, vid, cidr, name, public=False, default_for_az=False):
        self.subnets[sid] = {
            "AvailabilityZone": AZ, "AvailabilityZoneId": "use1-az1", "AvailableIpAddressCount": 248,
            "CidrBlock": cidr, "DefaultForAz": default_for_az, "MapPublicIpOnLaunch": public,
            "MapCustomerOwnedIpOnLaunch": False, "State": "available", "SubnetId": sid, "VpcId": vid,
            "OwnerId": ACCOUNT, "AssignIpv6AddressOnCreation": False, "Ipv6CidrBlockAssociationSet": [],
            "Tags": tags(name), "SubnetArn": f"arn:aws:ec2:{REGION}:{ACCOUNT}:subnet/{sid}",
            "PrivateDnsNameOptionsOnLaunch": {"HostnameType": "ip-name", "EnableResourceNameDnsARecord": False,
                                              "EnableResourceNameDnsAAAARecord": False}}

    # -- Route tables --------------------------------------------------------------------------
    def route_table(self, rid, vid, name, routes=(), subnets=(), main=False):
        """`routes` are the non-local routes; the local route of the VPC CIDR comes first (RT-10)."""
        assoc = []
        if main:
            assoc.append({"Main": True, "RouteTableAssociationId": "rtbassoc-" + rid[4:-1] + "0",
                          "RouteTableId": rid, "AssociationState": {"State": "associated"}})
        for i, s in enumerate(subnets):
            assoc.append({"Main": False, "RouteTableAssociationId": "rtbassoc-" + rid[4:-1] + str(i + 1),
                          "RouteTableId": rid, "SubnetId": s, "AssociationState": {"State": "associated"}})
        local = {"DestinationCidrBlock": self.vpcs[vid]["CidrBlock"], "GatewayId": "local",
                 "Origin": "CreateRouteTable", "State": "active"}
        self.route_tables[rid] = {"Associations": assoc, "PropagatingVgws": [], "RouteTableId": rid,
                                  "Routes": [local] + list(routes), "Tags": tags(name), "VpcId": vid,
                                  "OwnerId": ACCOUNT}

    def add_route(self, rid, route):
        self.route_tables[rid]["Routes"].append(route)

    # -- Network ACLs --------------------------------------------------------------------------
    def acl(self, aid, vid, name, subnets=(), inbound=(), outbound=(), default=False):
        """`inbound`/`outbound`: (number, action, protocol, cidr, (from, to) or None). The final
        `*` deny rule (32767) of each direction is added, as AWS lists it (NACL-6). A default NACL
        is associated with every subnet of its VPC that no other NACL names (NACL-1)."""
        def entry(egress, n, action, proto, cidr, ports):
            e = {"CidrBlock": cidr, "Egress": egress, "Protocol": proto, "RuleAction": action, "RuleNumber": n}
            if ports:
                e["PortRange"] = {"From": ports[0], "To": ports[1]}
            return e
        entries = [entry(True, *r) for r in outbound] + [entry(True, 32767, "deny", "-1", "0.0.0.0/0", None)]
        entries += [entry(False, *r) for r in inbound] + [entry(False, 32767, "deny", "-1", "0.0.0.0/0", None)]
        self.acls[aid] = {"Associations": list(subnets), "Entries": entries, "IsDefault": default,
                          "NetworkAclId": aid, "Tags": tags(name) if name else [], "VpcId": vid, "OwnerId": ACCOUNT}

    def default_acl(self, aid, vid):
        """AWS's default NACL: allow all both ways (NACL-10)."""
        self.acl(aid, vid, None, inbound=[(100, "allow", "-1", "0.0.0.0/0", None)],
                 outbound=[(100, "allow", "-1", "0.0.0.0/0", None)], default=True)

    # -- Security groups -----------------------------------------------------------------------
    def sg(self, gid, vid, name, desc, ingress=(), egress=None):
        """`egress=None` is AWS's default for a new group: all traffic to 0.0.0.0/0 (SG-9)."""
        if egress is None:
            egress = [perm("-1", cidrs=["0.0.0.0/0"])]
        g = {"Description": desc, "GroupName": name, "IpPermissions": list(ingress), "OwnerId": ACCOUNT,
             "GroupId": gid, "IpPermissionsEgress": list(egress), "VpcId": vid}
        if name != "default":
            g["Tags"] = tags(name)
        self.sgs[gid] = g

    def default_sg(self, gid, vid):
        """The VPC's default group: inbound from itself, outbound to anywhere (SG-10)."""
        self.sg(gid, vid, "default", "default VPC security group", ingress=[perm("-1", groups=[gid])])

    # -- Network interfaces and instances ------------------------------------------------------
    def eni(self, eid, sid, ip, groups, desc="", itype="interface", instance=None, public_ip=None,
            requester_managed=False, source_dest_check=True):
        vid = self.subnets[sid]["VpcId"]
        dns = f"ip-{ip.replace('.', '-')}.ec2.internal"
        addr = {"Primary": True, "PrivateDnsName": dns, "PrivateIpAddress": ip}
        e = {"AvailabilityZone": AZ, "Description": desc,
             "Groups": [{"GroupId": g, "GroupName": self.sgs[g]["GroupName"]} for g in groups],
             "InterfaceType": itype, "Ipv6Addresses": [], "MacAddress": "0a:1b:2c:3d:4e:" + eid[-2:],
             "NetworkInterfaceId": eid, "OwnerId": ACCOUNT, "PrivateDnsName": dns, "PrivateIpAddress": ip,
             "PrivateIpAddresses": [addr], "RequesterManaged": requester_managed, "SourceDestCheck": source_dest_check,
             "Status": "in-use", "SubnetId": sid, "TagSet": [], "VpcId": vid}
        if requester_managed:
            e["RequesterId"] = "727180483921"
        if public_ip:
            association = {"IpOwnerId": "amazon",
                           "PublicDnsName": f"ec2-{public_ip.replace('.', '-')}.compute-1.amazonaws.com",
                           "PublicIp": public_ip}
            e["Association"] = association
            addr["Association"] = dict(association)
        if instance:
            e["Attachment"] = {"AttachTime": "2026-11-01T09:00:00+00:00", "AttachmentId": "eni-attach-" + eid[4:],
                               "DeleteOnTermination": True, "DeviceIndex": 0, "NetworkCardIndex": 0,
                               "InstanceId": instance, "InstanceOwnerId": ACCOUNT, "Status": "attached"}
        self.enis[eid] = e
        return e

    def instance(self, iid, eid, sid, ip, groups, name, public_ip=None, state="running", source_dest_check=True):
        e = self.eni(eid, sid, ip, groups, instance=iid, public_ip=public_ip, source_dest_check=source_dest_check)
        nic = {k: copy.deepcopy(v) for k, v in e.items()
               if k not in ("AvailabilityZone", "InterfaceType", "RequesterManaged", "TagSet", "Attachment")}
        nic["InterfaceType"] = "interface"
        nic["Attachment"] = {"AttachTime": "2026-11-01T09:00:00+00:00", "AttachmentId": "eni-attach-" + eid[4:],
                             "DeleteOnTermination": True, "DeviceIndex": 0, "Status": "attached", "NetworkCardIndex": 0}
        codes = {"running": 16, "stopped": 80, "pending": 0}
        inst = {"AmiLaunchIndex": 0, "ImageId": "ami-0abcdef1234567890", "InstanceId": iid, "InstanceType": "t3.micro",
                "LaunchTime": "2026-11-01T09:00:00+00:00", "Monitoring": {"State": "disabled"},
                "Placement": {"AvailabilityZone": AZ, "GroupName": "", "Tenancy": "default"},
                "PrivateDnsName": e["PrivateDnsName"], "PrivateIpAddress": ip, "ProductCodes": [],
                "PublicDnsName": e.get("Association", {}).get("PublicDnsName", ""),
                "State": {"Code": codes[state], "Name": state}, "SubnetId": sid, "VpcId": e["VpcId"],
                "Architecture": "x86_64", "NetworkInterfaces": [nic],
                "SecurityGroups": [{"GroupName": self.sgs[g]["GroupName"], "GroupId": g} for g in groups],
                "SourceDestCheck": source_dest_check, "Tags": tags(name)}
        if public_ip:
            inst["PublicIpAddress"] = public_ip
        self.instances[iid] = {"Groups": [], "Instances": [inst], "OwnerId": ACCOUNT,
                               "ReservationId": "r-" + iid[2:]}

    # -- Gateways ------------------------------------------------------------------------------
    def igw(self, gid, vid, name, attached=True):
        self.igws[gid] = {"Attachments": [{"State": "available", "VpcId": vid}] if attached else [],
                          "InternetGatewayId": gid, "OwnerId": ACCOUNT, "Tags": tags(name)}

    def nat(self, nid, sid, name, connectivity="public", state="available", failure=None):
        vid = self.subnets[sid]["VpcId"]
        address = {"NetworkInterfaceId": ENI_NAT, "PrivateIp": IP_NAT, "IsPrimary": True, "Status": "succeeded"}
        if connectivity == "public":
            address = {"AllocationId": "eipalloc-0a11111111111111a", "AssociationId": "eipassoc-0a11111111111111a",
                       **address, "PublicIp": EIP_NAT}
        n = {"CreateTime": "2026-11-01T08:30:00+00:00", "NatGatewayAddresses": [address], "NatGatewayId": nid,
             "State": state, "SubnetId": sid, "VpcId": vid, "Tags": tags(name), "ConnectivityType": connectivity}
        if failure:
            n["FailureCode"], n["FailureMessage"] = failure
        if state == "deleted":
            n["DeleteTime"] = "2026-11-02T10:00:00+00:00"
        self.nats[nid] = n
        if state not in ("deleted", "failed"):  # the NAT's own ENI (no security groups, NAT-12)
            self.eni(ENI_NAT, sid, IP_NAT, [], desc=f"Interface for NAT Gateway {nid}", itype="nat_gateway",
                     requester_managed=True)

    # -- VPC endpoints -------------------------------------------------------------------------
    def interface_endpoint(self, eid, svc, eni_id, ip, groups=(SG_EP,), private_dns=True, state="available",
                           policy_doc=FULL_ACCESS, sid=SUB_EP, vid=VPC, inbound_resolver_only=None):
        dns = ENDPOINT_DNS[svc]
        service_name = svc if svc.startswith("com.amazonaws.vpce.") else f"com.amazonaws.{REGION}.{svc}"
        entries = [{"DnsName": f"{eid}-4x8qbk2m.{dns}.{REGION}.vpce.amazonaws.com", "HostedZoneId": "Z7HUB22UULQXV"},
                   {"DnsName": f"{eid}-4x8qbk2m-{AZ}.{dns}.{REGION}.vpce.amazonaws.com",
                    "HostedZoneId": "Z7HUB22UULQXV"}]
        if private_dns:
            entries += [{"DnsName": n, "HostedZoneId": "ZONEIDPENDING"} for n in PRIVATE_NAMES.get(svc, [])]
        dns_options = {"DnsRecordIpType": "ipv4"}
        if inbound_resolver_only is not None:  # S3IF-4: S3 interface endpoints with private DNS
            dns_options["PrivateDnsOnlyForInboundResolverEndpoint"] = inbound_resolver_only
        self.endpoints[eid] = {
            "VpcEndpointId": eid, "VpcEndpointType": "Interface", "VpcId": vid,
            "ServiceName": service_name, "State": state, "PolicyDocument": policy_doc,
            "RouteTableIds": [], "SubnetIds": [sid],
            "Groups": [{"GroupId": g, "GroupName": self.sgs[g]["GroupName"]} for g in groups],
            "IpAddressType": "ipv4", "DnsOptions": dns_options, "PrivateDnsEnabled": private_dns,
            "RequesterManaged": False, "NetworkInterfaceIds": [eni_id], "DnsEntries": entries,
            "CreationTimestamp": "2026-11-01T08:00:00+00:00", "Tags": [], "OwnerId": ACCOUNT}
        self.eni(eni_id, sid, ip, list(groups), desc=f"VPC Endpoint Interface {eid}", itype="vpc_endpoint",
                 requester_managed=True)

    def gateway_endpoint(self, eid, route_tables, policy_doc=FULL_ACCESS, state="available", vid=VPC, svc="s3"):
        """An S3 (or DynamoDB) gateway endpoint; AWS adds `pl-… -> vpce-…` to each associated
        table (GW-6)."""
        self.endpoints[eid] = {
            "VpcEndpointId": eid, "VpcEndpointType": "Gateway", "VpcId": vid,
            "ServiceName": f"com.amazonaws.{REGION}.{svc}", "State": state, "PolicyDocument": policy_doc,
            "RouteTableIds": list(route_tables), "SubnetIds": [], "Groups": [], "PrivateDnsEnabled": False,
            "RequesterManaged": False, "NetworkInterfaceIds": [], "DnsEntries": [],
            "CreationTimestamp": "2026-11-01T08:00:00+00:00", "Tags": [], "OwnerId": ACCOUNT}
        self.gateway_routes += [(r, PL_S3 if svc == "s3" else PL_DDB, eid) for r in route_tables]

    def customer_list(self, pid, name, entries):
        """A customer-managed prefix list: `entries` are (cidr, description)."""
        self.customer_lists[pid] = (name, list(entries))

    def elastic_ip(self, alloc, public_ip, eni, private_ip, name):
        """An Elastic IP as describe-addresses lists it (with its documented `Tags`)."""
        self.addresses.append({
            "PublicIp": public_ip, "AllocationId": alloc, "AssociationId": "eipassoc-" + alloc[9:],
            "Domain": "vpc", "NetworkInterfaceId": eni, "NetworkInterfaceOwnerId": ACCOUNT,
            "PrivateIpAddress": private_ip, "Tags": tags(name), "PublicIpv4Pool": "amazon",
            "NetworkBorderGroup": REGION})

    def peering(self, pid, requester, accepter, status="active"):
        def side(vid):
            cidr = self.vpcs[vid]["CidrBlock"]
            return {"CidrBlock": cidr, "CidrBlockSet": [{"CidrBlock": cidr}], "OwnerId": ACCOUNT,
                    "PeeringOptions": {"AllowDnsResolutionFromRemoteVpc": False}, "VpcId": vid, "Region": REGION}
        self.peerings[pid] = {"AccepterVpcInfo": side(accepter), "RequesterVpcInfo": side(requester),
                              "Status": {"Code": status, "Message": status.capitalize()}, "Tags": tags("app-to-data"),
                              "VpcPeeringConnectionId": pid}

    # -- Output --------------------------------------------------------------------------------
    def bundle(self):
        for rid, pl, eid in self.gateway_routes:
            self.add_route(rid, {"DestinationPrefixListId": pl, "GatewayId": eid, "Origin": "CreateRoute",
                                 "State": "active"})
        self.gateway_routes = []
        # NACL-1: a default NACL serves every subnet of its VPC that no custom NACL names.
        claimed = {s for a in self.acls.values() if not a["IsDefault"] for s in a["Associations"]}
        for aid, a in self.acls.items():
            subnets = a["Associations"] if not a["IsDefault"] else \
                [s for s, sn in self.subnets.items() if sn["VpcId"] == a["VpcId"] and s not in claimed]
            a["Associations"] = [{"NetworkAclAssociationId": f"aclassoc-{aid[4:-2]}{i:02d}", "NetworkAclId": aid,
                                  "SubnetId": s} for i, s in enumerate(subnets)]
        out = {}
        for key, items in (("Vpcs", self.vpcs), ("Subnets", self.subnets), ("RouteTables", self.route_tables),
                           ("NetworkAcls", self.acls), ("SecurityGroups", self.sgs),
                           ("NetworkInterfaces", self.enis), ("Reservations", self.instances),
                           ("InternetGateways", self.igws), ("NatGateways", self.nats),
                           ("VpcEndpoints", self.endpoints), ("VpcPeeringConnections", self.peerings)):
            if items:
                out[key] = list(items.values())
        out["PrefixLists"] = [{"Cidrs": cidrs, "PrefixListId": pid, "PrefixListName": name}
                              for pid, name, cidrs in AWS_LISTS]
        if self.addresses:
            out["Addresses"] = self.addresses
        return out

    def managed_prefix_lists(self):
        """describe-managed-prefix-lists: AWS's lists (owner `AWS`, no size, no entries) and the
        customer-managed ones (owner the account; entries come from get-managed-prefix-list-entries)."""
        lists = [{"PrefixListId": pid, "AddressFamily": "IPv4", "State": "create-complete",
                  "PrefixListArn": f"arn:aws:ec2:{REGION}:aws:prefix-list/{pid}", "PrefixListName": name,
                  "Tags": [], "OwnerId": "AWS"} for pid, name, _ in AWS_LISTS]
        lists += [{"PrefixListId": pid, "AddressFamily": "IPv4", "State": "create-complete",
                   "PrefixListArn": f"arn:aws:ec2:{REGION}:{ACCOUNT}:prefix-list/{pid}", "PrefixListName": name,
                   "MaxEntries": 10, "Version": 1, "Tags": tags(name), "OwnerId": ACCOUNT}
                  for pid, (name, _) in self.customer_lists.items()]
        return {"PrefixLists": lists}

    def dns_files(self, name_of):
        files = {}
        for n, (vid, (support, hostnames)) in enumerate(self.dns.items()):
            if support is not None:
                files[name_of("support", n, vid)] = {"VpcId": vid, "EnableDnsSupport": {"Value": support}}
            if hostnames is not None:
                files[name_of("hostnames", n, vid)] = {"VpcId": vid, "EnableDnsHostnames": {"Value": hostnames}}
        return files

    def files(self):
        if self.layout == "calls":
            return self.call_files()
        files = {"capture.json": self.bundle()}
        files.update(self.dns_files(lambda attr, n, vid: f"dns-{attr}{'' if n == 0 else '-' + vid}.json"))
        return files

    def call_files(self):
        """The files of the README's capture recipe, one per call, as the AWS CLI writes them:
        every describe-* response (empty lists included), the entries of each customer-managed
        prefix list tagged with its id, and the VPC attributes."""
        bundle = self.bundle()
        files = {f"{call}.json": {key: bundle.get(key, [])} for call, key in RECIPE_CALLS}
        files["managed-prefix-lists.json"] = self.managed_prefix_lists()
        entries = {pid: [{"Cidr": c, "Description": d} for c, d in e] for pid, (_, e) in self.customer_lists.items()}
        if self.entries_of_aws_lists:
            entries.update({pid: [{"Cidr": c} for c in cidrs] for pid, _, cidrs in AWS_LISTS})
        for pid, e in entries.items():
            files[f"prefix-list-entries-{pid}.json"] = {"Entries": e, "PrefixListId": pid}
        files.update(self.dns_files(lambda attr, n, vid: f"dns-{attr}-{vid}.json"))
        return {name: doc for name, doc in files.items() if name[:-len(".json")] not in self.omit}


# AWS's service prefix lists of the region as describe-prefix-lists gives them (GW-5).
AWS_LISTS = [(PL_S3, f"com.amazonaws.{REGION}.s3", S3_CIDRS), (PL_DDB, f"com.amazonaws.{REGION}.dynamodb", DDB_CIDRS)]

# The README's capture recipe: `aws ec2 describe-$c > $c.json` for each call, and the top-level key
# of its answer (describe-managed-prefix-lists, which also answers `PrefixLists`, is written apart).
RECIPE_CALLS = [
    ("vpcs", "Vpcs"), ("subnets", "Subnets"), ("route-tables", "RouteTables"), ("network-acls", "NetworkAcls"),
    ("security-groups", "SecurityGroups"), ("internet-gateways", "InternetGateways"),
    ("egress-only-internet-gateways", "EgressOnlyInternetGateways"), ("nat-gateways", "NatGateways"),
    ("vpn-gateways", "VpnGateways"), ("vpc-endpoints", "VpcEndpoints"), ("instances", "Reservations"),
    ("network-interfaces", "NetworkInterfaces"), ("prefix-lists", "PrefixLists"),
    ("vpc-peering-connections", "VpcPeeringConnections"), ("transit-gateways", "TransitGateways"),
    ("transit-gateway-attachments", "TransitGatewayAttachments"),
    ("transit-gateway-vpc-attachments", "TransitGatewayVpcAttachments"),
    ("transit-gateway-route-tables", "TransitGatewayRouteTables"), ("addresses", "Addresses")]


def perm(proto="tcp", ports=None, cidrs=(), groups=(), pls=(), desc=None):
    """One IpPermission; `ports` is (from, to)."""
    p = {"IpProtocol": proto, "IpRanges": [{"CidrIp": c, **({"Description": desc} if desc else {})} for c in cidrs],
         "Ipv6Ranges": [], "PrefixListIds": [{"PrefixListId": pl, **({"Description": desc} if desc else {})}
                                              for pl in pls],
         "UserIdGroupPairs": [{"GroupId": g, "UserId": ACCOUNT, **({"Description": desc} if desc else {})}
                              for g in groups]}
    if ports:
        p["FromPort"], p["ToPort"] = ports
    return p


HTTPS_FROM_VPC = perm("tcp", (443, 443), cidrs=["10.0.0.0/16"], desc="HTTPS from the VPC")


def base(support=True, hostnames=True, is_default=False, endpoint_sg_ingress=(HTTPS_FROM_VPC,),
         app_egress=None, app_subnet_rtb=RTB_PRIV):
    """The common private VPC (10.0.0.0/16): the client instance in the app subnet (10.0.1.0/24),
    an endpoint subnet (10.0.3.0/24), a main route table with only the local route, a private
    route table for both subnets, the default NACL (allow all), the default SG, the client's SG
    (egress all) and the endpoints' SG (443 from the VPC)."""
    c = Capture()
    c.vpc(VPC, "10.0.0.0/16", "app-vpc", is_default=is_default, support=support, hostnames=hostnames)
    c.subnet(SUB_APP, VPC, "10.0.1.0/24", "app-private-a")
    c.subnet(SUB_EP, VPC, "10.0.3.0/24", "endpoints-a")
    c.route_table(RTB_MAIN, VPC, "main", main=True)
    c.route_table(RTB_PRIV, VPC, "private", subnets=[s for s in (SUB_APP,) if app_subnet_rtb == RTB_PRIV] + [SUB_EP])
    c.default_acl(ACL_DEF, VPC)
    c.default_sg(SG_DEF, VPC)
    c.sg(SG_APP, VPC, "app", "app servers", egress=app_egress)
    c.sg(SG_EP, VPC, "endpoints", "interface endpoints", ingress=endpoint_sg_ingress)
    c.instance(I_APP, ENI_APP, SUB_APP, IP_APP, [SG_APP], "app-1")
    return c


def add_public_nat(c, nat_state="available", connectivity="public", igw_route=True, failure=None,
                   private_route=True):
    """A public subnet (10.0.0.0/24) with an internet gateway route, a NAT gateway in it, and
    `0.0.0.0/0 -> nat` on the private route table (NAT-4)."""
    c.subnet(SUB_PUB, VPC, "10.0.0.0/24", "public-a", public=True)
    c.igw(IGW, VPC, "app-igw")
    routes = [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": IGW, "Origin": "CreateRoute", "State": "active"}]
    c.route_table(RTB_PUB, VPC, "public", routes=routes if igw_route else [], subnets=[SUB_PUB])
    c.nat(NAT, SUB_PUB, "nat-a", connectivity=connectivity, state=nat_state, failure=failure)
    if private_route:
        c.add_route(RTB_PRIV, nat_route(NAT, "0.0.0.0/0"))


def nat_route(nat, cidr, state="active"):
    return {"DestinationCidrBlock": cidr, "NatGatewayId": nat, "Origin": "CreateRoute", "State": state}


def add_ecr(c, api=True, dkr=True, s3=True, api_dns=True, dkr_dns=True, s3_tables=(RTB_PRIV,),
            s3_policy=FULL_ACCESS, api_policy=FULL_ACCESS, api_state="available"):
    """The ECR set of ECR-1: ecr.api and ecr.dkr interface endpoints in the endpoint subnet and an
    S3 gateway endpoint on the given route tables."""
    if api:
        c.interface_endpoint(EP_API, "ecr.api", ENI_API, IP_API, private_dns=api_dns, policy_doc=api_policy,
                             state=api_state)
    if dkr:
        c.interface_endpoint(EP_DKR, "ecr.dkr", ENI_DKR, IP_DKR, private_dns=dkr_dns)
    if s3:
        c.gateway_endpoint(EP_S3, s3_tables, policy_doc=s3_policy)


def add_public_web(c, public_ip=PUBLIC_IP_WEB, igw_attached=True, route_state="active"):
    """A public subnet with `0.0.0.0/0 -> igw` and a web instance in it (IGW-3)."""
    c.subnet(SUB_PUB, VPC, "10.0.0.0/24", "public-a", public=True)
    c.igw(IGW, VPC, "app-igw", attached=igw_attached)
    c.route_table(RTB_PUB, VPC, "public", subnets=[SUB_PUB], routes=[
        {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": IGW, "Origin": "CreateRoute", "State": route_state}])
    c.sg(SG_WEB, VPC, "web", "web servers", ingress=[perm("tcp", (443, 443), cidrs=["0.0.0.0/0"])])
    c.instance(I_WEB, ENI_WEB, SUB_PUB, IP_WEB, [SG_WEB], "web-1", public_ip=public_ip)


SCENARIOS = {}


def scenario(fn):
    SCENARIOS[fn.__name__.replace("_", "-")] = fn
    return fn


# ---------------------------------------------------------------------------------------------
# DNS (B.5, IF-11)
# ---------------------------------------------------------------------------------------------

@scenario
def dns_private_dns_on():
    """ecr.api interface endpoint with private DNS, both VPC DNS attributes on: the default name
    resolves to the endpoint ENI (IF-11a, DNS-6)."""
    c = base()
    add_ecr(c, dkr=False, s3=False)
    return c


@scenario
def dns_private_dns_off_nat():
    """ecr.api endpoint with private DNS off and a NAT gateway: the default name stays public and
    goes through the NAT; the endpoint-specific name still reaches the endpoint (IF-11e, IF-10)."""
    c = base()
    add_ecr(c, dkr=False, s3=False, api_dns=False)
    add_public_nat(c)
    return c


@scenario
def dns_private_dns_public_subnet():
    """ecr.api endpoint with private DNS and an instance with a public IPv4 in a public subnet: the
    default name still resolves to the endpoint, which wins by DNS, not routing (IF-11f)."""
    c = base()
    add_public_web(c)
    add_ecr(c, dkr=False, s3=False)
    return c


@scenario
def dns_hostnames_false_nat():
    """Private DNS on, but enableDnsHostnames false: private DNS is not in effect, the name resolves
    publicly and leaves through the NAT gateway (DNS-6, IF-11b)."""
    c = base(hostnames=False)
    add_ecr(c, dkr=False, s3=False)
    add_public_nat(c)
    return c


@scenario
def dns_hostnames_false_no_nat():
    """Private DNS on, enableDnsHostnames false, no NAT: the public address has no route in the
    private route table (DNS-6, RT-21). S3 through the gateway endpoint only needs its name to
    resolve to a prefix-list address, which DNS resolution alone gives (DNS-7, GW-11)."""
    c = base(hostnames=False)
    add_ecr(c, dkr=False)
    return c


@scenario
def dns_support_false():
    """enableDnsSupport false: the Amazon resolver does not answer, so no name resolves; addresses
    need no DNS (DNS-4)."""
    c = base(support=False, hostnames=False)
    add_ecr(c, dkr=False, s3=False)
    return c


@scenario
def dns_attributes_absent():
    """A non-default VPC without describe-vpc-attribute captures: AWS's defaults apply,
    enableDnsHostnames is false, so private DNS is not in effect (DNS-5, DNS-6)."""
    c = base(support=None, hostnames=None)
    add_ecr(c, dkr=False, s3=False)
    return c


@scenario
def dns_attributes_absent_default_vpc():
    """The default VPC (172.31.0.0/16) without attribute captures: hostnames default to true there,
    so the endpoint's private DNS is in effect (DNS-5, IF-11a). Client and endpoint share the
    default subnet."""
    c = Capture()
    sub = "subnet-0a66666666666666f"
    c.vpc(VPC, "172.31.0.0/16", "default", is_default=True, support=None, hostnames=None)
    c.subnet(sub, VPC, "172.31.0.0/20", "default-a", public=True, default_for_az=True)
    c.igw(IGW, VPC, "default-igw")
    c.route_table(RTB_MAIN, VPC, "main", main=True, routes=[
        {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": IGW, "Origin": "CreateRoute", "State": "active"}])
    c.default_acl(ACL_DEF, VPC)
    c.default_sg(SG_DEF, VPC)
    c.sg(SG_EP, VPC, "endpoints", "interface endpoints",
         ingress=[perm("tcp", (443, 443), cidrs=["172.31.0.0/16"], desc="HTTPS from the VPC")])
    c.instance(I_APP, ENI_APP, sub, "172.31.5.10", [SG_DEF], "app-1", public_ip="54.160.12.34")
    c.interface_endpoint(EP_API, "ecr.api", ENI_API, "172.31.7.11", sid=sub)
    return c


# ---------------------------------------------------------------------------------------------
# Security groups (A.2, IF-7, GW-9)
# ---------------------------------------------------------------------------------------------

@scenario
def sg_endpoint_no_443():
    """The endpoint security group admits only SSH, not HTTPS: the endpoint ENI drops the client's
    443 (IF-7, ECR-3)."""
    c = base(endpoint_sg_ingress=[perm("tcp", (22, 22), cidrs=["10.0.0.0/16"])])
    add_ecr(c, dkr=False, s3=False)
    return c


@scenario
def sg_endpoint_from_other_group():
    """The endpoint SG allows 443 only from another group (`ci-runners`), which the client is not
    in: a group reference matches only members' private IPs (SG-15)."""
    c = base(endpoint_sg_ingress=[perm("tcp", (443, 443), groups=[SG_OTHER])])
    c.sg(SG_OTHER, VPC, "ci-runners", "CI runners")
    add_ecr(c, dkr=False, s3=False)
    return c


@scenario
def sg_endpoint_from_client_group():
    """The endpoint SG allows 443 from the client's own group: the client is a member (SG-15)."""
    c = base(endpoint_sg_ingress=[perm("tcp", (443, 443), groups=[SG_APP])])
    add_ecr(c, dkr=False, s3=False)
    return c


@scenario
def sg_egress_vpc_only():
    """The client's SG allows egress only to the VPC CIDR; S3 through the gateway endpoint goes to
    public S3 addresses, so the client's SG blocks it (GW-9, SG-6), while the ecr.api interface
    endpoint's ENI is inside the VPC CIDR and allowed (IF-7b)."""
    c = base(app_egress=[perm("-1", cidrs=["10.0.0.0/16"])])
    add_ecr(c, dkr=False)
    return c


@scenario
def sg_egress_prefix_list():
    """The client's SG allows egress to the VPC and 443 to the S3 prefix list: S3 through the
    gateway endpoint is allowed (GW-9, SG-14)."""
    c = base(app_egress=[perm("-1", cidrs=["10.0.0.0/16"]),
                         perm("tcp", (443, 443), pls=[PL_S3], desc="S3 gateway endpoint")])
    add_ecr(c, api=False, dkr=False)
    return c


@scenario
def sg_no_egress_rules():
    """The client's SG has inbound rules but its default outbound rule was removed: nothing leaves
    (SG-6; Reachability Analyzer SG_HAS_NO_RULES)."""
    c = base(app_egress=[])
    c.sgs[SG_APP]["IpPermissions"] = [perm("tcp", (22, 22), cidrs=["10.0.0.0/16"])]
    add_ecr(c, api=False, dkr=False)
    return c


@scenario
def sg_endpoint_default_group():
    """The interface endpoint was created without a security group, so it has the VPC's default
    group, whose inbound rule admits only members of the default group: the client is not one
    (IF-7, SG-10; gotcha 5)."""
    c = base()
    add_ecr(c, dkr=False, s3=False)
    c.endpoints[EP_API]["Groups"] = [{"GroupId": SG_DEF, "GroupName": "default"}]
    c.enis[ENI_API]["Groups"] = [{"GroupId": SG_DEF, "GroupName": "default"}]
    return c


@scenario
def sg_stateful_replies():
    """The endpoint SG and the database SG have no outbound rules at all: replies to allowed
    inbound requests still leave, security groups being stateful (SG-20, IF-7a)."""
    c = base()
    c.sgs[SG_EP]["IpPermissionsEgress"] = []
    c.subnet(SUB_DB, VPC, "10.0.2.0/24", "db-private-a")
    c.sg(SG_DB, VPC, "db", "databases", ingress=[perm("tcp", (5432, 5432), groups=[SG_APP])], egress=[])
    c.instance(I_DB, ENI_DB, SUB_DB, IP_DB, [SG_DB], "db-1")
    add_ecr(c, dkr=False, s3=False)
    return c


@scenario
def sg_union_of_groups():
    """The client's interface has two groups: `app` has no outbound rule, `other` allows 443 to the
    S3 prefix list. The rules of all the groups form one set, so S3 is reached (SG-5, SG-14)."""
    c = base(app_egress=[])
    c.sg(SG_OTHER, VPC, "other", "S3 access", egress=[perm("tcp", (443, 443), pls=[PL_S3])])
    c.instance(I_APP, ENI_APP, SUB_APP, IP_APP, [SG_APP, SG_OTHER], "app-1")
    add_ecr(c, api=False, dkr=False)
    return c


@scenario
def instance_stopped():
    """The client instance is stopped: it sends nothing."""
    c = base()
    add_ecr(c, api=False, dkr=False)
    c.instances[I_APP]["Instances"][0]["State"] = {"Code": 80, "Name": "stopped"}
    c.instances[I_APP]["Instances"][0]["StateReason"] = {"Code": "Client.UserInitiatedShutdown",
                                                         "Message": "Client.UserInitiatedShutdown: User initiated shutdown"}
    return c


# ---------------------------------------------------------------------------------------------
# Network ACLs (A.3, GW-10, IF-8, NAT-12)
# ---------------------------------------------------------------------------------------------

def app_acl(c, inbound, outbound):
    c.acl(ACL_APP, VPC, "app-nacl", subnets=[SUB_APP], inbound=inbound, outbound=outbound)


@scenario
def nacl_deny_before_allow():
    """The app subnet NACL denies outbound 443 at #90 before #100 allows all: the first matching
    rule in ascending order decides (NACL-5)."""
    c = base()
    add_ecr(c, api=False, dkr=False)
    app_acl(c, inbound=[(100, "allow", "-1", "0.0.0.0/0", None)],
            outbound=[(90, "deny", "6", "0.0.0.0/0", (443, 443)), (100, "allow", "-1", "0.0.0.0/0", None)])
    return c


@scenario
def nacl_allow_before_deny():
    """The same rules numbered the other way round (#100 allow all, #200 deny 443): the allow
    decides first (NACL-5)."""
    c = base()
    add_ecr(c, api=False, dkr=False)
    app_acl(c, inbound=[(100, "allow", "-1", "0.0.0.0/0", None)],
            outbound=[(100, "allow", "-1", "0.0.0.0/0", None), (200, "deny", "6", "0.0.0.0/0", (443, 443))])
    return c


@scenario
def nacl_no_ephemeral_inbound():
    """The app subnet NACL allows 443 out but only SSH in: S3's replies to the client's ephemeral
    ports are dropped on the way back (NACL-7, GW-10)."""
    c = base()
    add_ecr(c, api=False, dkr=False)
    app_acl(c, inbound=[(100, "allow", "6", "10.0.0.0/16", (22, 22))],
            outbound=[(100, "allow", "6", "0.0.0.0/0", (443, 443))])
    return c


@scenario
def nacl_ephemeral_1024_65535():
    """The app subnet NACL allows 443 out and 1024-65535 in, as AWS recommends: round trip to S3
    works (NACL-18, GW-10)."""
    c = base()
    add_ecr(c, api=False, dkr=False)
    app_acl(c, inbound=[(100, "allow", "6", "0.0.0.0/0", (1024, 65535))],
            outbound=[(100, "allow", "6", "0.0.0.0/0", (443, 443))])
    return c


@scenario
def nacl_ephemeral_windows_only():
    """The app subnet NACL admits replies only on 49152-65535 (Windows clients); a Linux client's
    ports 32768-60999 are not all covered, so the return traffic is dropped (NACL-16, NACL-17)."""
    c = base()
    add_ecr(c, api=False, dkr=False)
    app_acl(c, inbound=[(100, "allow", "6", "0.0.0.0/0", (49152, 65535))],
            outbound=[(100, "allow", "6", "0.0.0.0/0", (443, 443))])
    return c


@scenario
def nacl_deny_inside_ephemeral():
    """The app subnet NACL denies inbound 40000-40010 at #90 before #100 admits 1024-65535: the
    replies to a Linux client's ports 32768-60999 meet the deny first, so the return traffic is
    dropped although the allow covers the whole range (NACL-5, NACL-19)."""
    c = base()
    add_ecr(c, api=False, dkr=False)
    app_acl(c, inbound=[(90, "deny", "6", "0.0.0.0/0", (40000, 40010)), (100, "allow", "6", "0.0.0.0/0", (1024, 65535))],
            outbound=[(100, "allow", "6", "0.0.0.0/0", (443, 443))])
    return c


@scenario
def nacl_custom_star_only():
    """A new custom NACL (only the `*` deny rules) is associated with the app subnet: it blocks all
    traffic until rules are added (NACL-11, NACL-6)."""
    c = base()
    add_ecr(c, api=False, dkr=False)
    app_acl(c, inbound=[], outbound=[])
    return c


@scenario
def nacl_endpoint_subnet_inbound():
    """The endpoint subnet's NACL admits 443 only from its own subnet: the client's request to the
    interface endpoint is dropped entering that subnet (IF-8, NACL-3)."""
    c = base()
    add_ecr(c, dkr=False, s3=False)
    c.acl(ACL_EP, VPC, "endpoints-nacl", subnets=[SUB_EP],
          inbound=[(100, "allow", "6", "10.0.3.0/24", (443, 443))],
          outbound=[(100, "allow", "6", "10.0.0.0/16", (1024, 65535))])
    return c


@scenario
def nacl_endpoint_subnet_return():
    """The endpoint subnet's NACL allows 443 in from the VPC but only 443 out: the endpoint's
    replies to the client's ephemeral ports are dropped leaving that subnet (IF-8, NACL-7)."""
    c = base()
    add_ecr(c, dkr=False, s3=False)
    c.acl(ACL_EP, VPC, "endpoints-nacl", subnets=[SUB_EP],
          inbound=[(100, "allow", "6", "10.0.0.0/16", (443, 443))],
          outbound=[(100, "allow", "6", "0.0.0.0/0", (443, 443))])
    return c


def nat_acl(c, inbound, outbound):
    c.acl(ACL_PUB, VPC, "public-nacl", subnets=[SUB_PUB], inbound=inbound, outbound=outbound)


@scenario
def nacl_nat_subnet_inbound():
    """The NAT subnet's NACL admits only 1024-65535 (replies) in: the client's 443 to the NAT
    gateway is dropped entering the NAT subnet (NAT-12, NAT-13)."""
    c = base()
    add_public_nat(c)
    nat_acl(c, inbound=[(100, "allow", "6", "0.0.0.0/0", (1024, 65535))],
            outbound=[(100, "allow", "-1", "0.0.0.0/0", None)])
    return c


@scenario
def nacl_nat_subnet_return():
    """The NAT subnet's NACL admits 443 from the VPC but not the internet's replies to the NAT's
    ports 1024-65535 (NAT-11, NAT-12, NACL-7)."""
    c = base()
    add_public_nat(c)
    nat_acl(c, inbound=[(100, "allow", "6", "10.0.0.0/16", (443, 443))],
            outbound=[(100, "allow", "-1", "0.0.0.0/0", None)])
    return c


@scenario
def nacl_nat_subnet_both_ways():
    """The NAT subnet's NACL allows 443 in from the VPC, replies in on 1024-65535, 443 out to the
    internet and replies out to the VPC: the round trip works (NAT-12, NAT-13)."""
    c = base()
    add_public_nat(c)
    nat_acl(c, inbound=[(100, "allow", "6", "10.0.0.0/16", (443, 443)),
                        (110, "allow", "6", "0.0.0.0/0", (1024, 65535))],
            outbound=[(100, "allow", "6", "0.0.0.0/0", (443, 443)),
                      (110, "allow", "6", "10.0.0.0/16", (1024, 65535))])
    return c


@scenario
def nacl_same_subnet():
    """A deny-all custom NACL on the app and db subnets: two instances in the same subnet still
    talk (NACLs apply only when traffic leaves or enters a subnet, NACL-2); an instance in the
    other subnet does not (NACL-3)."""
    c = base()
    c.subnet(SUB_DB, VPC, "10.0.2.0/24", "db-private-a")
    c.sg(SG_DB, VPC, "db", "databases", ingress=[perm("tcp", (5432, 5432), groups=[SG_APP])])
    c.sgs[SG_APP]["IpPermissions"] = [perm("tcp", (5432, 5432), groups=[SG_APP])]
    c.instance(I_APP2, ENI_APP2, SUB_APP, IP_APP2, [SG_APP], "app-2")
    c.instance(I_DB, ENI_DB, SUB_DB, IP_DB, [SG_DB], "db-1")
    c.acl(ACL_APP, VPC, "locked-down", subnets=[SUB_APP, SUB_DB])
    return c


# ---------------------------------------------------------------------------------------------
# Routing (A.1, GW-7)
# ---------------------------------------------------------------------------------------------

@scenario
def route_more_specific_nat():
    """A route 3.5.0.0/20 -> NAT is more specific than the S3 prefix-list entry 3.5.0.0/19: that
    part of S3 bypasses the gateway endpoint through the NAT (GW-7b, RT-16)."""
    c = base()
    add_public_nat(c, private_route=False)
    add_ecr(c, api=False, dkr=False)
    c.add_route(RTB_PRIV, nat_route(NAT, "3.5.0.0/20"))
    return c


@scenario
def route_more_specific_igw():
    """In a public subnet with the S3 gateway endpoint, a route 3.5.0.0/20 -> IGW beats the
    prefix-list entry 3.5.0.0/19: the instance reaches that part of S3 over the internet gateway
    (GW-7b)."""
    c = base()
    add_public_web(c)
    c.gateway_endpoint(EP_S3, [RTB_PUB])
    c.add_route(RTB_PUB, {"DestinationCidrBlock": "3.5.0.0/20", "GatewayId": IGW, "Origin": "CreateRoute",
                          "State": "active"})
    return c


@scenario
def route_equal_cidr():
    """A route 3.5.0.0/19 -> NAT equal to the S3 prefix-list entry takes precedence over the
    endpoint route (GW-7c, RT-18)."""
    c = base()
    add_public_nat(c, private_route=False)
    add_ecr(c, api=False, dkr=False)
    c.add_route(RTB_PRIV, nat_route(NAT, "3.5.0.0/19"))
    return c


@scenario
def route_blackhole():
    """`0.0.0.0/0 -> eni-…` of a terminated NAT instance: the route is a blackhole, still wins the
    lookup for internet addresses and drops the packet (RT-22, RT-23, RT-24); S3, matched by the
    more specific prefix-list route of the gateway endpoint, is unaffected (RT-16)."""
    c = base()
    add_ecr(c, api=False, dkr=False)
    c.add_route(RTB_PRIV, {"DestinationCidrBlock": "0.0.0.0/0", "NetworkInterfaceId": "eni-0e99999999999999f",
                           "Origin": "CreateRoute", "State": "blackhole"})
    return c


@scenario
def route_no_route():
    """The private route table holds only the local route: S3 (no gateway endpoint) and any
    internet address have no route (RT-21)."""
    return base()


@scenario
def route_main_table_fallback():
    """The app subnet has no explicit association, so it uses the main route table (RT-2), which
    carries the S3 gateway endpoint's route; the custom table (endpoint subnet only) does not."""
    c = base(app_subnet_rtb=RTB_MAIN)
    add_ecr(c, api=False, dkr=False, s3_tables=[RTB_MAIN])
    return c


@scenario
def route_main_table_fallback_no_route():
    """The app subnet has no explicit association; the main table has only the local route while
    the custom table with the NAT and S3 routes serves other subnets: no route (RT-2, RT-4)."""
    c = base(app_subnet_rtb=RTB_MAIN)
    add_public_nat(c)
    add_ecr(c, api=False, dkr=False)
    return c


@scenario
def route_gateway_endpoint_other_table():
    """The S3 gateway endpoint is associated only with another route table (rtb-…d, not the app
    subnet's): it does not help the app subnet, S3 and the ECR layer download have no route
    (GW-6, ECR-10a)."""
    c = base()
    c.route_table(RTB_OTHER, VPC, "batch-private")
    add_ecr(c, s3_tables=[RTB_OTHER])
    return c


# ---------------------------------------------------------------------------------------------
# NAT gateways (A.5)
# ---------------------------------------------------------------------------------------------

@scenario
def nat_public():
    """A public NAT gateway in a public subnet: a private instance reaches the internet (NAT-4)."""
    c = base()
    add_public_nat(c)
    return c


@scenario
def nat_private_to_igw():
    """A private NAT gateway whose subnet routes to the internet gateway: the IGW drops its
    traffic (NAT-3)."""
    c = base()
    add_public_nat(c, connectivity="private")
    return c


@scenario
def nat_failed():
    """The NAT gateway failed to create (state failed) while the route still points at it: only an
    available NAT forwards (NAT-14)."""
    c = base()
    add_public_nat(c, nat_state="failed", failure=("InsufficientFreeAddressesInSubnet",
                                                   "Subnet has insufficient free addresses to create this NAT gateway"))
    return c


@scenario
def nat_pending():
    """The NAT gateway is still pending: it does not forward yet (NAT-14)."""
    c = base()
    add_public_nat(c, nat_state="pending")
    return c


@scenario
def nat_unknown_state():
    """The NAT gateway reports a state this version does not know (`updating`, as a newer AWS API
    might): it is kept as written and, not being available, does not forward (NAT-14)."""
    c = base()
    add_public_nat(c, nat_state="updating")
    return c


@scenario
def nat_deleted():
    """The NAT gateway was deleted: as AWS shows it, the route to it is a blackhole (NAT-15, RT-23)."""
    c = base()
    add_public_nat(c, nat_state="deleted", private_route=False)
    c.add_route(RTB_PRIV, nat_route(NAT, "0.0.0.0/0", state="blackhole"))
    return c


@scenario
def nat_subnet_no_igw_route():
    """The NAT gateway's subnet has no route to an internet gateway: the NAT's traffic has nowhere
    to go (NAT-4 item 2)."""
    c = base()
    add_public_nat(c, igw_route=False)
    return c


# ---------------------------------------------------------------------------------------------
# Internet gateways (A.4)
# ---------------------------------------------------------------------------------------------

@scenario
def igw_public_instance():
    """An instance with a public IPv4 in a public subnet reaches the internet through the IGW,
    which maps its private address to the public one (IGW-3, IGW-5); the IGW drops outbound
    traffic to RFC 1918 and RFC 6598 destinations (IGW-6)."""
    c = base()
    add_public_web(c)
    return c


@scenario
def igw_no_public_ip():
    """An instance without a public IPv4 in a public subnet cannot use the IGW (IGW-3, IGW-6)."""
    c = base()
    add_public_web(c, public_ip=None)
    return c


@scenario
def igw_detached_blackhole():
    """The IGW was detached; as AWS shows it, the route to it turned into a blackhole (IGW-2,
    RT-22)."""
    c = base()
    add_public_web(c, igw_attached=False, route_state="blackhole")
    return c


@scenario
def igw_detached_active_route():
    """The IGW is not attached but the captured route still says active (a capture taken from
    two moments, or a hand-written design): the IGW is not usable (IGW-2)."""
    c = base()
    add_public_web(c, igw_attached=False)
    return c


# ---------------------------------------------------------------------------------------------
# Endpoint policies (B.4) and endpoint state
# ---------------------------------------------------------------------------------------------

@scenario
def policy_s3_other_bucket_only():
    """The S3 gateway endpoint's policy allows only the team's own bucket: the ECR layer download
    from the starport bucket is denied by the policy (ECR-8, ECR-10b, POL-4 implicit deny)."""
    c = base()
    add_ecr(c, s3_policy=policy({"Sid": "OwnBucketOnly", "Effect": "Allow", "Principal": "*",
                                 "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
                                 "Resource": ["arn:aws:s3:::acme-app-data", "arn:aws:s3:::acme-app-data/*"]}))
    return c


@scenario
def policy_explicit_deny():
    """The S3 gateway endpoint's policy allows everything but explicitly denies s3:GetObject on the
    starport layer bucket: the Deny wins (POL-4, ECR-10b)."""
    c = base()
    add_ecr(c, s3_policy=policy({"Sid": "AllowAll", "Effect": "Allow", "Principal": "*", "Action": "*",
                                 "Resource": "*"},
                                {"Sid": "DenyLayerBucket", "Effect": "Deny", "Principal": "*",
                                 "Action": "s3:GetObject", "Resource": STARPORT}))
    return c


@scenario
def policy_allow_starport_only():
    """The S3 gateway endpoint's policy allows only s3:GetObject on the starport layer bucket (ECR's
    minimum): image pulls work, other buckets are denied (ECR-8, POL-4)."""
    c = base()
    add_ecr(c, s3_policy=policy({"Sid": "AllowLayerBucket", "Effect": "Allow", "Principal": "*",
                                 "Action": "s3:GetObject", "Resource": STARPORT}))
    return c


@scenario
def policy_interface_deny():
    """The ecr.api interface endpoint's policy denies ecr:GetAuthorizationToken: the first leg of
    an image pull is denied (POL-3, POL-4)."""
    c = base()
    add_ecr(c, api_policy=policy({"Sid": "AllowAll", "Effect": "Allow", "Principal": "*", "Action": "*",
                                  "Resource": "*"},
                                 {"Sid": "NoTokens", "Effect": "Deny", "Principal": "*",
                                  "Action": "ecr:GetAuthorizationToken", "Resource": "*"}))
    return c


@scenario
def endpoint_pending():
    """The ecr.api interface endpoint is still pending: it does not carry traffic yet."""
    c = base()
    add_ecr(c, dkr=False, s3=False, api_state="pending")
    return c


@scenario
def gateway_endpoint_pending():
    """The S3 gateway endpoint is still pending while its route is already listed: it does not
    carry traffic yet."""
    c = base()
    add_ecr(c, api=False, dkr=False)
    c.endpoints[EP_S3]["State"] = "pending"
    return c


@scenario
def s3_other_region():
    """The us-east-1 S3 gateway endpoint and a NAT gateway: S3 in us-west-2 does not use the
    endpoint and leaves through the NAT (GW-4, GW-7a)."""
    c = base()
    add_public_nat(c)
    add_ecr(c, api=False, dkr=False)
    return c


def s3_interface(c, inbound_resolver_only):
    c.interface_endpoint(EP_S3_IF, "s3", ENI_S3_IF, IP_S3_IF, inbound_resolver_only=inbound_resolver_only)


@scenario
def s3_interface_inbound_only():
    """An S3 interface endpoint with private DNS "only for inbound Resolver endpoints" (the API
    default) beside the S3 gateway endpoint: in-VPC clients resolve S3 publicly and use the
    gateway endpoint; the endpoint-specific `bucket.vpce-…` name reaches the interface endpoint
    (S3IF-4, S3IF-2)."""
    c = base()
    add_ecr(c, api=False, dkr=False)
    s3_interface(c, True)
    return c


@scenario
def s3_interface_private_dns():
    """An S3 interface endpoint with private DNS for all clients (inbound-only off) beside the
    gateway endpoint: S3's Regional name resolves to the interface endpoint (S3IF-3, S3IF-4)."""
    c = base()
    add_ecr(c, api=False, dkr=False)
    s3_interface(c, False)
    return c


# ---------------------------------------------------------------------------------------------
# ECR image pull composite (B.3)
# ---------------------------------------------------------------------------------------------

@scenario
def ecr_full():
    """ecr.api + ecr.dkr interface endpoints with private DNS and the S3 gateway endpoint on the
    private route table: an image pull works without internet access (ECR-1, ECR-2)."""
    c = base()
    add_ecr(c)
    return c


@scenario
def ecr_no_s3_path():
    """Both ECR interface endpoints but no S3 gateway endpoint and no NAT: the layer download has no
    route (ECR-10)."""
    c = base()
    add_ecr(c, s3=False)
    return c


@scenario
def ecr_missing_dkr():
    """ecr.api and the S3 gateway endpoint but no ecr.dkr endpoint and no NAT: the registry call has
    no route (ECR-1)."""
    c = base()
    add_ecr(c, dkr=False)
    return c


@scenario
def ecr_dkr_private_dns_off():
    """The ecr.dkr endpoint has private DNS off and there is no NAT: the registry name resolves
    publicly and has no route (ECR-1: ecr.dkr needs private DNS; IF-11e)."""
    c = base()
    add_ecr(c, dkr_dns=False)
    return c


@scenario
def ecr_dkr_private_dns_off_nat():
    """The ecr.dkr endpoint has private DNS off and a NAT gateway exists: the registry call leaves
    through the NAT instead of the endpoint (IF-11e)."""
    c = base()
    add_ecr(c, dkr_dns=False)
    add_public_nat(c)
    return c


# ---------------------------------------------------------------------------------------------
# Destinations and sources
# ---------------------------------------------------------------------------------------------

@scenario
def destinations():
    """One VPC with a database instance in another subnet, the ecr.api endpoint and the S3 gateway
    endpoint, for the ways to name a destination (IP, instance, ENI, hostnames, endpoint-specific
    name, IF-10) and a source (instance, IP, ENI)."""
    c = base()
    c.subnet(SUB_DB, VPC, "10.0.2.0/24", "db-private-a")
    c.route_tables[RTB_PRIV]["Associations"].append(
        {"Main": False, "RouteTableAssociationId": "rtbassoc-0c11111111111111b9", "RouteTableId": RTB_PRIV,
         "SubnetId": SUB_DB, "AssociationState": {"State": "associated"}})
    c.sg(SG_DB, VPC, "db", "databases", ingress=[perm("tcp", (5432, 5432), groups=[SG_APP], desc="app servers")])
    c.instance(I_DB, ENI_DB, SUB_DB, IP_DB, [SG_DB], "db-1")
    add_ecr(c, dkr=False)
    return c


def more_endpoint(c, i, svc, private_dns=True):
    """The i-th endpoint of MORE_SERVICES (or the partner service) in the endpoint subnet, at
    10.0.3.(20 + i)."""
    c.interface_endpoint(f"vpce-0a1e0000000000b{i:02d}", svc, f"eni-0edddddddddddd{i:03d}", f"10.0.3.{20 + i}",
                         private_dns=private_dns)


@scenario
def endpoints_aws_services():
    """Interface endpoints with private DNS for 28 services beyond S3, DynamoDB and ECR
    (cloudformation, sagemaker.api, codeartifact.api, codeartifact.repositories, ...), one for
    bedrock-runtime, which the catalogue does not know, and one for a partner's endpoint service
    (`com.amazonaws.vpce.…vpce-svc-…`, no private DNS): each is a destination by short name, service
    name and DNS names (IF-10, IF-11a, IF-15, IF-16)."""
    c = base()
    for i, (svc, _, _) in enumerate(MORE_SERVICES):
        more_endpoint(c, i, svc)
    more_endpoint(c, len(MORE_SERVICES), PARTNER_SERVICE, private_dns=False)
    return c


@scenario
def endpoints_private_dns_off():
    """The cloudformation and bedrock-runtime endpoints have private DNS off and there is no NAT: the
    services' names resolve publicly and have no route; the endpoints' DnsEntries names still reach
    them (IF-11e, IF-10, IF-16)."""
    c = base()
    more_endpoint(c, 0, "cloudformation", private_dns=False)
    more_endpoint(c, len(MORE_SERVICES) - 1, "bedrock-runtime", private_dns=False)
    return c


# ---------------------------------------------------------------------------------------------
# Peering (B.6)
# ---------------------------------------------------------------------------------------------

def peered(peer_return_route=True, app_default_to_pcx=False):
    c = base()
    c.vpc(VPC_PEER, "10.1.0.0/16", "data-vpc")
    c.subnet(SUB_PEER, VPC_PEER, "10.1.1.0/24", "data-private-a")
    c.peering(PCX, VPC, VPC_PEER)
    pcx = lambda cidr: {"DestinationCidrBlock": cidr, "VpcPeeringConnectionId": PCX, "Origin": "CreateRoute",
                        "State": "active"}
    c.add_route(RTB_PRIV, pcx("0.0.0.0/0" if app_default_to_pcx else "10.1.0.0/16"))
    c.route_table(RTB_PEER_MAIN, VPC_PEER, "data-main", main=True)
    c.route_table(RTB_PEER, VPC_PEER, "data-private", subnets=[SUB_PEER],
                  routes=[pcx("10.0.0.0/16")] if peer_return_route else [])
    c.default_acl(ACL_PEER_DEF, VPC_PEER)
    c.default_sg(SG_PEER_DEF, VPC_PEER)
    c.sg(SG_PEER_DB, VPC_PEER, "data-db", "databases",
         ingress=[perm("tcp", (5432, 5432), cidrs=["10.0.0.0/16"], desc="app VPC")])
    c.instance(I_PEER, ENI_PEER, SUB_PEER, IP_PEER, [SG_PEER_DB], "data-db-1")
    return c


@scenario
def peering():
    """Two VPCs peered with routes both ways: the app instance reaches a database in the peer VPC
    (RT-14, RT-20)."""
    return peered()


@scenario
def peering_no_return_route():
    """The peer VPC's route table has no route back through the peering connection (RT-14: the peer
    needs the reverse route)."""
    return peered(peer_return_route=False)


@scenario
def peering_s3_through_peer():
    """The app VPC sends everything (0.0.0.0/0) to the peering connection, hoping to use the peer's
    S3 gateway endpoint: peering carries only the peer VPC's addresses (PEER-2, GW-12)."""
    c = peered(app_default_to_pcx=True)
    c.gateway_endpoint(EP_S3_PEER, [RTB_PEER], vid=VPC_PEER)
    return c


@scenario
def peering_interface_endpoint():
    """The peer VPC has an ecr.api interface endpoint with private DNS: its managed zone serves only
    the peer VPC, so the app VPC resolves the default name publicly (IF-11d, DNS-9); the
    endpoint-specific name reaches the endpoint over the peering connection (PEER-3, IF-13)."""
    c = peered()
    c.subnet(SUB_PEER_EP, VPC_PEER, "10.1.3.0/24", "data-endpoints-a")
    c.route_tables[RTB_PEER]["Associations"].append(
        {"Main": False, "RouteTableAssociationId": "rtbassoc-0c44444444444444e9", "RouteTableId": RTB_PEER,
         "SubnetId": SUB_PEER_EP, "AssociationState": {"State": "associated"}})
    c.sg(SG_PEER_EP, VPC_PEER, "data-endpoints", "interface endpoints",
         ingress=[perm("tcp", (443, 443), cidrs=["10.0.0.0/16", "10.1.0.0/16"], desc="HTTPS from both VPCs")])
    c.interface_endpoint(EP_API, "ecr.api", ENI_API, "10.1.3.11", groups=(SG_PEER_EP,), sid=SUB_PEER_EP,
                         vid=VPC_PEER)
    return c


# ---------------------------------------------------------------------------------------------
# Appliances (RT-13, RT-14, SG-19)
# ---------------------------------------------------------------------------------------------

def instance_route(cidr, iid, eid):
    """A route to an instance, as AWS prints it: the instance and its network interface."""
    return {"DestinationCidrBlock": cidr, "InstanceId": iid, "InstanceOwnerId": ACCOUNT, "NetworkInterfaceId": eid,
            "Origin": "CreateRoute", "State": "active"}


def eni_route(cidr, eid):
    return {"DestinationCidrBlock": cidr, "NetworkInterfaceId": eid, "Origin": "CreateRoute", "State": "active"}


def nat_instance(check=False, ingress_cidr="10.0.0.0/16"):
    """A NAT instance with a public IPv4 in the public subnet; the private route table sends
    0.0.0.0/0 to the instance (RT-13)."""
    c = base()
    c.subnet(SUB_PUB, VPC, "10.0.0.0/24", "public-a", public=True)
    c.igw(IGW, VPC, "app-igw")
    c.route_table(RTB_PUB, VPC, "public", subnets=[SUB_PUB], routes=[
        {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": IGW, "Origin": "CreateRoute", "State": "active"}])
    c.sg(SG_NATI, VPC, "nat-instance", "NAT instance", ingress=[perm("-1", cidrs=[ingress_cidr])])
    c.instance(I_NATI, ENI_NATI, SUB_PUB, IP_NATI, [SG_NATI], "nat-instance-a", public_ip=PUBLIC_IP_NATI,
               source_dest_check=check)
    c.add_route(RTB_PRIV, instance_route("0.0.0.0/0", I_NATI, ENI_NATI))
    return c


@scenario
def appliance_nat_instance():
    """A NAT instance (source/destination check off, public IPv4) carries the private instance's
    traffic to the internet gateway (RT-13, RT-14, IGW-5)."""
    return nat_instance()


@scenario
def appliance_source_dest_check_on():
    """The NAT instance still has its source/destination check on: it drops traffic that is not
    addressed to it (RT-14)."""
    return nat_instance(check=True)


@scenario
def appliance_sg_no_inbound():
    """The NAT instance's security group admits only 10.9.0.0/16: an appliance's groups filter the
    traffic it forwards (SG-5)."""
    return nat_instance(ingress_cidr="10.9.0.0/16")


def east_west(db_ingress, db_return_route=True):
    """A firewall appliance in its own subnet (10.0.4.0/24) between the app subnet and the database
    subnet (10.0.2.0/24): routes for the whole peer subnet, more specific than the local route,
    point at the firewall's network interface on both sides (RT-11, RT-14)."""
    c = base()
    c.subnet(SUB_DB, VPC, "10.0.2.0/24", "db-private-a")
    c.subnet(SUB_FW, VPC, "10.0.4.0/24", "firewall-a")
    c.sg(SG_FW, VPC, "firewall", "firewall appliance", ingress=[perm("-1", cidrs=["10.0.0.0/16"])])
    c.instance(I_FW, ENI_FW, SUB_FW, IP_FW, [SG_FW], "firewall-a", source_dest_check=False)
    c.route_table(RTB_FW, VPC, "firewall", subnets=[SUB_FW])
    c.add_route(RTB_PRIV, eni_route("10.0.2.0/24", ENI_FW))
    c.route_table(RTB_DB, VPC, "db", subnets=[SUB_DB],
                  routes=[eni_route("10.0.1.0/24", ENI_FW)] if db_return_route else [])
    c.sg(SG_DB, VPC, "db", "databases", ingress=[db_ingress])
    c.instance(I_DB, ENI_DB, SUB_DB, IP_DB, [SG_DB], "db-1")
    return c


@scenario
def appliance_firewall_east_west():
    """Traffic between two subnets goes through a firewall appliance both ways; the database allows
    the app subnet's CIDR (RT-11, RT-14, SG-19)."""
    return east_west(perm("tcp", (5432, 5432), cidrs=["10.0.1.0/24"], desc="app subnet"))


@scenario
def appliance_firewall_group_reference():
    """As above, but the database allows the app servers' security group: a group reference does not
    match traffic routed through an appliance (SG-19)."""
    return east_west(perm("tcp", (5432, 5432), groups=[SG_APP], desc="app servers"))


@scenario
def appliance_firewall_asymmetric():
    """The database subnet has no route back through the firewall: the reply bypasses it, which AWS
    does not support for appliances (RT-14)."""
    return east_west(perm("tcp", (5432, 5432), cidrs=["10.0.1.0/24"]), db_return_route=False)


@scenario
def appliance_loop():
    """Two appliances whose subnets send 0.0.0.0/0 to each other: the packet goes round and round
    (LOOP, with the cycle)."""
    c = base()
    c.subnet(SUB_FW, VPC, "10.0.4.0/24", "firewall-a")
    c.subnet(SUB_FW2, VPC, "10.0.5.0/24", "firewall-b")
    c.sg(SG_FW, VPC, "firewall", "firewall appliance", ingress=[perm("-1", cidrs=["10.0.0.0/16"])])
    c.instance(I_FW, ENI_FW, SUB_FW, IP_FW, [SG_FW], "firewall-a", source_dest_check=False)
    c.instance(I_FW2, ENI_FW2, SUB_FW2, IP_FW2, [SG_FW], "firewall-b", source_dest_check=False)
    c.route_table(RTB_FW, VPC, "firewall-a", subnets=[SUB_FW], routes=[eni_route("0.0.0.0/0", ENI_FW2)])
    c.route_table(RTB_FW2, VPC, "firewall-b", subnets=[SUB_FW2], routes=[eni_route("0.0.0.0/0", ENI_FW)])
    c.add_route(RTB_PRIV, eni_route("0.0.0.0/0", ENI_FW))
    return c


# ---------------------------------------------------------------------------------------------
# Captures made with the README's recipe (one file per call; GW-5, SG-14)
# ---------------------------------------------------------------------------------------------

def recipe_capture(omit=(), entries_of_aws_lists=False):
    """A private subnet with a NAT route, S3 and DynamoDB gateway endpoints, the ECR interface
    endpoints, a second instance whose group allows egress only to the service prefix lists and
    to a customer-managed list, and the NAT's Elastic IP in describe-addresses."""
    c = base()
    add_public_nat(c)
    add_ecr(c)
    c.gateway_endpoint(EP_DDB, [RTB_PRIV], svc="dynamodb")
    c.customer_list(PL_OFFICE, "office", [("198.51.100.0/24", "london"), ("203.0.113.0/24", "paris")])
    c.sg(SG_PL_ONLY, VPC, "prefix-lists-only", "egress to the service prefix lists and the office only",
         egress=[perm("tcp", (443, 443), pls=[PL_S3, PL_DDB, PL_OFFICE]),
                 perm("tcp", (443, 443), cidrs=["10.0.0.0/16"], desc="interface endpoints")])
    c.instance(I_APP2, ENI_APP2, SUB_APP, IP_APP2, [SG_PL_ONLY], "app-2")
    c.elastic_ip("eipalloc-0a11111111111111a", EIP_NAT, ENI_NAT, IP_NAT, "nat-a")
    c.layout, c.omit, c.entries_of_aws_lists = "calls", set(omit), entries_of_aws_lists
    return c


@scenario
def capture_recipe():
    """Every file of the README's capture recipe: AWS's S3 and DynamoDB lists appear in both
    describe-prefix-lists (with their CIDRs) and describe-managed-prefix-lists (owner `AWS`, no
    CIDRs), which sorts first; the two copies make one list, and S3 and DynamoDB go through their
    gateway endpoints, not the NAT gateway (GW-5, RT-5, SG-14)."""
    return recipe_capture()


@scenario
def capture_recipe_prefix_lists_only():
    """The recipe's capture without describe-managed-prefix-lists: AWS's lists still have their
    CIDRs from describe-prefix-lists; the customer-managed list is missing, and the rule naming
    it is reported (GW-5, SG-14)."""
    return recipe_capture(omit={"managed-prefix-lists", f"prefix-list-entries-{PL_OFFICE}"})


@scenario
def capture_recipe_managed_with_entries():
    """The recipe's capture without describe-prefix-lists but with get-managed-prefix-list-entries
    for AWS's lists too: the entries make the lists whole (GW-5)."""
    return recipe_capture(omit={"prefix-lists"}, entries_of_aws_lists=True)


@scenario
def capture_recipe_managed_only():
    """The recipe's capture without describe-prefix-lists: AWS's lists have no entries in the
    input, which the import reports for each route and rule naming them (GW-5)."""
    return recipe_capture(omit={"prefix-lists"})


# ---------------------------------------------------------------------------------------------

def render(obj):
    return json.dumps(obj, indent=1) + "\n"


README_HEAD = """# Solver scenarios

Small AWS accounts in the shapes `aws ec2 describe-* --output json` prints, one directory per
scenario: `<name>/us-east-1/capture.json` is a merged bundle of the describe-* responses the
scenario needs, and `dns-support*.json` / `dns-hostnames*.json` are `describe-vpc-attribute`
responses (one pair per VPC; absent where the scenario tests AWS's defaults). The flows asked of
them and AWS's answers are the rows of `cases.jsonc` (its format in its top comment), which
`tests/sim/scenario_table_test.cpp` (tag `[scenario]`) runs through trace, matrix and check;
`tests/sim/scenarios_test.cpp` holds the few tests that are not rows. Rule ids refer to
`docs/aws-semantics.md`.

The JSON is generated; do not edit it by hand. Change `make_scenarios.py` (a base builder per
resource type, one function per scenario whose docstring is the line below), then:

    python3 tests/data/scenarios/make_scenarios.py          # rewrites the JSON and this file
    python3 tests/data/scenarios/make_scenarios.py --check  # exits 1 if anything is stale

CI does not run Python; commit the regenerated files.

| Scenario | What it shows (rules) |
| --- | --- |
"""


def readme():
    lines = [README_HEAD]
    for name, fn in SCENARIOS.items():
        text = " ".join(fn.__doc__.split())
        lines.append(f"| `{name}` | {text} |\n")
    return "".join(lines)


def main(argv):
    check = "--check" in argv
    stale = []
    wanted = set()
    path = os.path.join(HERE, "README.md")
    text = readme()
    if not os.path.exists(path) or open(path).read() != text:
        stale.append(path)
        if not check:
            with open(path, "w") as out:
                out.write(text)
    for name, fn in SCENARIOS.items():
        d = os.path.join(HERE, name, REGION)
        wanted.add(name)
        files = {f: render(o) for f, o in fn().files().items()}
        existing = set(os.listdir(d)) if os.path.isdir(d) else set()
        for f, text in files.items():
            path = os.path.join(d, f)
            old = open(path).read() if os.path.exists(path) else None
            if old != text:
                stale.append(path)
                if not check:
                    os.makedirs(d, exist_ok=True)
                    with open(path, "w") as out:
                        out.write(text)
        for f in existing - set(files):
            stale.append(os.path.join(d, f))
            if not check:
                os.remove(os.path.join(d, f))
    for entry in sorted(os.listdir(HERE)):
        if os.path.isdir(os.path.join(HERE, entry)) and entry not in wanted:
            stale.append(os.path.join(HERE, entry))
            if not check:
                shutil.rmtree(os.path.join(HERE, entry))
    if check and stale:
        print("stale scenario files:\n  " + "\n  ".join(stale))
        return 1
    print(f"{len(SCENARIOS)} scenarios" + (" up to date" if check else f", {len(stale)} files written"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
