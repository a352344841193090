#!/usr/bin/env python3
"""Generates the lint test designs (tests/data/lint/<design>/us-east-1/*.json).

Every design is a small AWS account in the shapes `aws ec2 describe-* --output json` prints: one
merged bundle (`capture.json`) plus the `describe-vpc-attribute` answers (`dns-support.json`,
`dns-hostnames.json`) where the design has them. `base` is a clean two-zone ECR design that no
lint rule flags; every other design is `base` with one change, named `<rule>/pass…` (the rule's
situation done right) or `<rule>/fail…` (the mistake the rule finds). tests/sim/lint_test.cpp
reads the committed JSON; CI never runs this script.

    python3 tests/data/lint/make_lint_designs.py            # rewrite every design and README.md
    python3 tests/data/lint/make_lint_designs.py --check    # exit 1 if anything is stale

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
AZ_A, AZ_B = "us-east-1a", "us-east-1b"
AZ_ID = {AZ_A: "use1-az1", AZ_B: "use1-az2"}

VPC = "vpc-0c1a000000000000a"
SUB_PUB_A, SUB_PUB_B = "subnet-0c1a00000000000a1", "subnet-0c1a00000000000b1"   # 10.0.0.0/24, 10.0.10.0/24
SUB_APP_A, SUB_APP_B = "subnet-0c1a00000000000a2", "subnet-0c1a00000000000b2"   # 10.0.1.0/24, 10.0.11.0/24
SUB_EP_A, SUB_EP_B = "subnet-0c1a00000000000a3", "subnet-0c1a00000000000b3"     # 10.0.3.0/24, 10.0.13.0/24
RTB_MAIN = "rtb-0c1a000000000000a"
RTB_PUB = "rtb-0c1a000000000000b"
RTB_PRIV_A = "rtb-0c1a000000000000c"
RTB_PRIV_B = "rtb-0c1a000000000000d"
RTB_PUB_B = "rtb-0c1a000000000000e"
ACL_DEF = "acl-0c1a000000000000a"
ACL_APP = "acl-0c1a000000000000b"
ACL_EP = "acl-0c1a000000000000c"
ACL_PUB = "acl-0c1a000000000000d"
SG_DEF = "sg-0c1a000000000000a"
SG_APP = "sg-0c1a000000000000b"
SG_EP = "sg-0c1a000000000000c"
SG_OPS = "sg-0c1a000000000000d"
I_APP1, ENI_APP1, IP_APP1 = "i-0c1a00000000000a1", "eni-0c1a00000000000a1", "10.0.1.10"
I_OPS1, ENI_OPS1, IP_OPS1 = "i-0c1a00000000000a2", "eni-0c1a00000000000a2", "10.0.1.20"
I_APP2, ENI_APP2, IP_APP2 = "i-0c1a00000000000b1", "eni-0c1a00000000000b1", "10.0.11.10"
EP_API = "vpce-0c1a0000000000001"
EP_DKR = "vpce-0c1a0000000000002"
EP_S3 = "vpce-0c1a0000000000003"
EP_S3_IF = "vpce-0c1a0000000000004"
EP_STS = "vpce-0c1a0000000000005"
IGW = "igw-0c1a000000000000a"
NAT_A, NAT_B = "nat-0c1a00000000000a1", "nat-0c1a00000000000b1"
NAT_C = "nat-0c1a00000000000c1"
NAT_GONE = "nat-0c1a00000000000f0"
PL_S3 = "pl-63a5400a"
PL_DDB = "pl-02cd2c6b"
PL_TEAM = "pl-0c1a000000000000a"
S3_CIDRS = ["54.231.0.0/16", "52.216.0.0/15", "3.5.0.0/19", "18.34.0.0/19", "16.182.0.0/16"]
DDB_CIDRS = ["52.94.0.0/22", "52.119.224.0/20"]
STARPORT = f"arn:aws:s3:::prod-{REGION}-starport-layer-bucket/*"
# A spoke VPC peered with the ECR VPC (the hub of the centralized-endpoint designs, DNS-9).
SPOKE_VPC = "vpc-0c1a000000000000b"
SUB_SPOKE = "subnet-0c1a00000000001a1"   # 10.1.1.0/24
RTB_SPOKE_MAIN, RTB_SPOKE = "rtb-0c1a000000000001a", "rtb-0c1a000000000001b"
ACL_SPOKE_DEF = "acl-0c1a000000000001a"
SG_SPOKE_DEF, SG_SPOKE = "sg-0c1a000000000001a", "sg-0c1a000000000001b"
I_SPOKE, ENI_SPOKE, IP_SPOKE = "i-0c1a00000000001a1", "eni-0c1a00000000001a1", "10.1.1.10"
PCX = "pcx-0c1a000000000000a"
ZONE_API, ZONE_DKR = "Z0C1A2B3C4D5E6F7A8B9C0", "Z0C1A2B3C4D5E6F7A8B9C1"

ENDPOINT_DNS = {"ecr.api": "api.ecr", "ecr.dkr": "dkr.ecr", "s3": "s3", "sts": "sts"}
PRIVATE_NAMES = {"ecr.api": [f"api.ecr.{REGION}.amazonaws.com"], "ecr.dkr": [f"*.dkr.ecr.{REGION}.amazonaws.com"],
                 "s3": [f"s3.{REGION}.amazonaws.com", f"*.s3.{REGION}.amazonaws.com"],
                 "sts": [f"sts.{REGION}.amazonaws.com"]}


def tags(name, **extra):
    return [{"Key": "Name", "Value": name}] + [{"Key": k, "Value": v} for k, v in extra.items()]


def policy(*statements):
    """An endpoint policy document as AWS returns it: a JSON string."""
    return json.dumps({"Version": "2008-10-17", "Statement": list(statements)}, indent=2)


FULL_ACCESS = policy({"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"})


def perm(proto="tcp", ports=None, cidrs=(), groups=(), pls=()):
    """One IpPermission; `ports` is (from, to)."""
    p = {"IpProtocol": proto, "IpRanges": [{"CidrIp": c} for c in cidrs], "Ipv6Ranges": [],
         "PrefixListIds": [{"PrefixListId": pl} for pl in pls],
         "UserIdGroupPairs": [{"GroupId": g, "UserId": ACCOUNT} for g in groups]}
    if ports:
        p["FromPort"], p["ToPort"] = ports
    return p


def route(cidr=None, pl=None, state="active", **target):
    r = {"Origin": "CreateRoute", "State": state, **target}
    if cidr:
        r["DestinationCidrBlock"] = cidr
    if pl:
        r["DestinationPrefixListId"] = pl
    return r


class Design:
    """One account snapshot in describe-* shapes; `files` renders capture.json and the VPC attributes."""

    def __init__(self):
        self.vpcs, self.subnets, self.route_tables, self.acls, self.sgs = {}, {}, {}, {}, {}
        self.enis, self.instances, self.igws, self.nats, self.endpoints = {}, {}, {}, {}, {}
        self.prefix_lists = {
            PL_S3: {"Cidrs": S3_CIDRS, "PrefixListId": PL_S3, "PrefixListName": f"com.amazonaws.{REGION}.s3"},
            PL_DDB: {"Cidrs": DDB_CIDRS, "PrefixListId": PL_DDB, "PrefixListName": f"com.amazonaws.{REGION}.dynamodb"}}
        self.dns = {}
        self.peerings, self.zones = {}, {}

    # -- VPCs and subnets ----------------------------------------------------------------------
    def vpc(self, vid, cidr, name, is_default=False, support=True, hostnames=True):
        self.vpcs[vid] = {"CidrBlock": cidr, "DhcpOptionsId": "dopt-0123456789abcdef0", "State": "available",
                          "VpcId": vid, "OwnerId": ACCOUNT, "InstanceTenancy": "default", "IsDefault": is_default,
                          "CidrBlockAssociationSet": [{"AssociationId": "vpc-cidr-assoc-" + vid[4:], "CidrBlock": cidr,
                                                       "CidrBlockState": {"State": "associated"}}],
                          "Tags": tags(name)}
        self.dns[vid] = (support, hostnames)

    def subnet(self, sid, cidr, az, name, public=False, vpc=VPC):
        self.subnets[sid] = {"AvailabilityZone": az, "AvailabilityZoneId": AZ_ID[az], "AvailableIpAddressCount": 250,
                             "CidrBlock": cidr, "DefaultForAz": False, "MapPublicIpOnLaunch": public, "State": "available",
                             "SubnetId": sid, "VpcId": vpc, "OwnerId": ACCOUNT, "AssignIpv6AddressOnCreation": False,
                             "Ipv6CidrBlockAssociationSet": [], "Tags": tags(name),
                             "SubnetArn": f"arn:aws:ec2:{REGION}:{ACCOUNT}:subnet/{sid}"}

    # -- Route tables --------------------------------------------------------------------------
    def route_table(self, rid, name, routes=(), subnets=(), main=False, vpc=VPC):
        """`routes` are the non-local routes; the local route of the VPC CIDR comes first (RT-10)."""
        assoc = []
        if main:
            assoc.append({"Main": True, "RouteTableAssociationId": "rtbassoc-" + rid[4:-1] + "0", "RouteTableId": rid,
                          "AssociationState": {"State": "associated"}})
        for i, s in enumerate(subnets):
            assoc.append({"Main": False, "RouteTableAssociationId": "rtbassoc-" + rid[4:-1] + str(i + 1),
                          "RouteTableId": rid, "SubnetId": s, "AssociationState": {"State": "associated"}})
        local = {"DestinationCidrBlock": self.vpcs[vpc]["CidrBlock"], "GatewayId": "local", "Origin": "CreateRouteTable",
                 "State": "active"}
        self.route_tables[rid] = {"Associations": assoc, "PropagatingVgws": [], "RouteTableId": rid,
                                  "Routes": [local] + list(routes), "Tags": tags(name), "VpcId": vpc,
                                  "OwnerId": ACCOUNT}

    def routes(self, rid):
        return self.route_tables[rid]["Routes"]

    def move_subnet(self, sid, rid):
        """Re-associates a subnet with another route table (RT-1)."""
        for t in self.route_tables.values():
            t["Associations"] = [a for a in t["Associations"] if a.get("SubnetId") != sid]
        t = self.route_tables[rid]
        t["Associations"].append({"Main": False, "RouteTableAssociationId": "rtbassoc-" + rid[4:-1] + sid[-2:],
                                  "RouteTableId": rid, "SubnetId": sid, "AssociationState": {"State": "associated"}})

    # -- Network ACLs --------------------------------------------------------------------------
    def acl(self, aid, name, subnets=(), inbound=(), outbound=(), default=False, vpc=VPC):
        """`inbound`/`outbound`: (number, action, protocol, cidr, (from, to) or None). AWS lists the
        final `*` deny (32767) of each direction (NACL-6). A default NACL serves every subnet no
        custom NACL names (NACL-1)."""
        def entry(egress, n, action, proto, cidr, ports):
            e = {"CidrBlock": cidr, "Egress": egress, "Protocol": proto, "RuleAction": action, "RuleNumber": n}
            if ports:
                e["PortRange"] = {"From": ports[0], "To": ports[1]}
            return e
        entries = [entry(True, *r) for r in outbound] + [entry(True, 32767, "deny", "-1", "0.0.0.0/0", None)]
        entries += [entry(False, *r) for r in inbound] + [entry(False, 32767, "deny", "-1", "0.0.0.0/0", None)]
        self.acls[aid] = {"Associations": list(subnets), "Entries": entries, "IsDefault": default,
                          "NetworkAclId": aid, "Tags": tags(name), "VpcId": vpc, "OwnerId": ACCOUNT}

    # -- Security groups -----------------------------------------------------------------------
    def sg(self, gid, name, desc, ingress=(), egress=None, vpc=VPC):
        """`egress=None` is AWS's default for a new group: all traffic to 0.0.0.0/0 (SG-9)."""
        if egress is None:
            egress = [perm("-1", cidrs=["0.0.0.0/0"])]
        g = {"Description": desc, "GroupName": name, "IpPermissions": list(ingress), "OwnerId": ACCOUNT,
             "GroupId": gid, "IpPermissionsEgress": list(egress), "VpcId": vpc}
        if name != "default":
            g["Tags"] = tags(name)
        self.sgs[gid] = g

    # -- Network interfaces and instances ------------------------------------------------------
    def eni(self, eid, sid, ip, groups, desc="", itype="interface", instance=None, requester_managed=False):
        dns = f"ip-{ip.replace('.', '-')}.ec2.internal"
        addr = {"Primary": True, "PrivateDnsName": dns, "PrivateIpAddress": ip}
        e = {"AvailabilityZone": self.subnets[sid]["AvailabilityZone"], "Description": desc,
             "Groups": [{"GroupId": g, "GroupName": self.sgs[g]["GroupName"]} for g in groups],
             "InterfaceType": itype, "Ipv6Addresses": [], "MacAddress": "0a:1b:2c:3d:4e:" + eid[-2:],
             "NetworkInterfaceId": eid, "OwnerId": ACCOUNT, "PrivateDnsName": dns, "PrivateIpAddress": ip,
             "PrivateIpAddresses": [addr], "RequesterManaged": requester_managed, "SourceDestCheck": True,
             "Status": "in-use", "SubnetId": sid, "TagSet": [], "VpcId": self.subnets[sid]["VpcId"]}
        if requester_managed:
            e["RequesterId"] = "727180483921"
        if instance:
            e["Attachment"] = {"AttachTime": "2026-11-01T09:00:00+00:00", "AttachmentId": "eni-attach-" + eid[4:],
                               "DeleteOnTermination": True, "DeviceIndex": 0, "NetworkCardIndex": 0,
                               "InstanceId": instance, "InstanceOwnerId": ACCOUNT, "Status": "attached"}
        self.enis[eid] = e

    def instance(self, iid, eid, sid, ip, groups, name, role):
        self.eni(eid, sid, ip, groups, instance=iid)
        e = self.enis[eid]
        nic = {k: copy.deepcopy(v) for k, v in e.items()
               if k not in ("AvailabilityZone", "InterfaceType", "RequesterManaged", "TagSet", "Attachment")}
        nic["InterfaceType"] = "interface"
        nic["Attachment"] = {"AttachTime": "2026-11-01T09:00:00+00:00", "AttachmentId": "eni-attach-" + eid[4:],
                             "DeleteOnTermination": True, "DeviceIndex": 0, "Status": "attached", "NetworkCardIndex": 0}
        inst = {"AmiLaunchIndex": 0, "ImageId": "ami-0abcdef1234567890", "InstanceId": iid, "InstanceType": "t3.micro",
                "LaunchTime": "2026-11-01T09:00:00+00:00", "Monitoring": {"State": "disabled"},
                "Placement": {"AvailabilityZone": e["AvailabilityZone"], "GroupName": "", "Tenancy": "default"},
                "PrivateDnsName": e["PrivateDnsName"], "PrivateIpAddress": ip, "ProductCodes": [],
                "PublicDnsName": "", "State": {"Code": 16, "Name": "running"}, "SubnetId": sid, "VpcId": e["VpcId"],
                "Architecture": "x86_64", "NetworkInterfaces": [nic],
                "SecurityGroups": [{"GroupName": self.sgs[g]["GroupName"], "GroupId": g} for g in groups],
                "SourceDestCheck": True, "Tags": tags(name, Role=role)}
        self.instances[iid] = {"Groups": [], "Instances": [inst], "OwnerId": ACCOUNT, "ReservationId": "r-" + iid[2:]}

    # -- Gateways ------------------------------------------------------------------------------
    def igw(self, attached=True):
        self.igws[IGW] = {"Attachments": [{"State": "available", "VpcId": VPC}] if attached else [],
                          "InternetGatewayId": IGW, "OwnerId": ACCOUNT, "Tags": tags("app-igw")}

    def nat(self, nid, sid, eni_id, ip, eip, name, connectivity="public", state="available"):
        address = {"NetworkInterfaceId": eni_id, "PrivateIp": ip, "IsPrimary": True, "Status": "succeeded"}
        if connectivity == "public":
            address = {"AllocationId": "eipalloc-" + nid[4:], "AssociationId": "eipassoc-" + nid[4:], **address,
                       "PublicIp": eip}
        self.nats[nid] = {"CreateTime": "2026-11-01T08:30:00+00:00", "NatGatewayAddresses": [address],
                          "NatGatewayId": nid, "State": state, "SubnetId": sid, "VpcId": VPC, "Tags": tags(name),
                          "ConnectivityType": connectivity}
        # The NAT's own ENI carries no security groups (NAT-12).
        self.eni(eni_id, sid, ip, [], desc=f"Interface for NAT Gateway {nid}", itype="nat_gateway",
                 requester_managed=True)

    # -- VPC endpoints -------------------------------------------------------------------------
    def interface_endpoint(self, eid, svc, placements, groups=(SG_EP,), private_dns=True, inbound_resolver_only=None):
        """`placements`: (subnet, eni id, ip) per zone (IF-1, IF-2)."""
        dns = ENDPOINT_DNS[svc]
        entries = [{"DnsName": f"{eid}-4x8qbk2m.{dns}.{REGION}.vpce.amazonaws.com", "HostedZoneId": "Z7HUB22UULQXV"}]
        for sid, _, _ in placements:
            az = self.subnets[sid]["AvailabilityZone"]
            entries.append({"DnsName": f"{eid}-4x8qbk2m-{az}.{dns}.{REGION}.vpce.amazonaws.com",
                            "HostedZoneId": "Z7HUB22UULQXV"})
        if private_dns:
            entries += [{"DnsName": n, "HostedZoneId": "ZONEIDPENDING"} for n in PRIVATE_NAMES[svc]]
        options = {"DnsRecordIpType": "ipv4"}
        if inbound_resolver_only is not None:  # S3IF-4
            options["PrivateDnsOnlyForInboundResolverEndpoint"] = inbound_resolver_only
        self.endpoints[eid] = {
            "VpcEndpointId": eid, "VpcEndpointType": "Interface", "VpcId": VPC,
            "ServiceName": f"com.amazonaws.{REGION}.{svc}", "State": "available", "PolicyDocument": FULL_ACCESS,
            "RouteTableIds": [], "SubnetIds": [p[0] for p in placements],
            "Groups": [{"GroupId": g, "GroupName": self.sgs[g]["GroupName"]} for g in groups],
            "IpAddressType": "ipv4", "DnsOptions": options, "PrivateDnsEnabled": private_dns,
            "RequesterManaged": False, "NetworkInterfaceIds": [p[1] for p in placements], "DnsEntries": entries,
            "CreationTimestamp": "2026-11-01T08:00:00+00:00", "Tags": [], "OwnerId": ACCOUNT}
        for sid, eni_id, ip in placements:
            self.eni(eni_id, sid, ip, list(groups), desc=f"VPC Endpoint Interface {eid}", itype="vpc_endpoint",
                     requester_managed=True)

    def remove_interface_endpoint(self, eid):
        for eni_id in self.endpoints.pop(eid)["NetworkInterfaceIds"]:
            del self.enis[eni_id]

    def gateway_endpoint(self, eid, route_tables, svc="s3", pl=PL_S3, policy_doc=FULL_ACCESS):
        """AWS adds `pl-… -> vpce-…` to each associated table (GW-6)."""
        self.endpoints[eid] = {
            "VpcEndpointId": eid, "VpcEndpointType": "Gateway", "VpcId": VPC,
            "ServiceName": f"com.amazonaws.{REGION}.{svc}", "State": "available", "PolicyDocument": policy_doc,
            "RouteTableIds": list(route_tables), "SubnetIds": [], "Groups": [], "PrivateDnsEnabled": False,
            "RequesterManaged": False, "NetworkInterfaceIds": [], "DnsEntries": [],
            "CreationTimestamp": "2026-11-01T08:00:00+00:00", "Tags": [], "OwnerId": ACCOUNT}
        for rid in route_tables:
            self.routes(rid).append(route(pl=pl, GatewayId=eid))

    def remove_gateway_endpoint(self, eid):
        del self.endpoints[eid]
        for t in self.route_tables.values():
            t["Routes"] = [r for r in t["Routes"] if r.get("GatewayId") != eid]

    # -- Output --------------------------------------------------------------------------------
    def bundle(self):
        claimed = {s for a in self.acls.values() if not a["IsDefault"] for s in a["Associations"]}
        acls = copy.deepcopy(self.acls)
        for aid, a in acls.items():
            subnets = a["Associations"] if not a["IsDefault"] else [
                s for s, sub in self.subnets.items() if s not in claimed and sub["VpcId"] == a["VpcId"]]
            a["Associations"] = [{"NetworkAclAssociationId": f"aclassoc-{aid[4:-2]}{i:02d}", "NetworkAclId": aid,
                                  "SubnetId": s} for i, s in enumerate(subnets)]
        out = {}
        for key, items in (("Vpcs", self.vpcs), ("Subnets", self.subnets), ("RouteTables", self.route_tables),
                           ("NetworkAcls", acls), ("SecurityGroups", self.sgs), ("NetworkInterfaces", self.enis),
                           ("Reservations", self.instances), ("InternetGateways", self.igws),
                           ("NatGateways", self.nats), ("VpcEndpoints", self.endpoints),
                           ("VpcPeeringConnections", self.peerings),
                           ("PrefixLists", self.prefix_lists)):
            if items:
                out[key] = list(items.values())
        return out

    # -- Peering and Route 53 (DNS-9) -------------------------------------------------------------
    def peering(self, pid, requester, accepter, name):
        def info(vid):
            return {"CidrBlock": self.vpcs[vid]["CidrBlock"], "CidrBlockSet": [{"CidrBlock": self.vpcs[vid]["CidrBlock"]}],
                    "OwnerId": ACCOUNT, "PeeringOptions": {"AllowDnsResolutionFromRemoteVpc": False,
                                                           "AllowEgressFromLocalClassicLinkToRemoteVpc": False,
                                                           "AllowEgressFromLocalVpcToRemoteClassicLink": False},
                    "VpcId": vid, "Region": REGION}
        self.peerings[pid] = {"AccepterVpcInfo": info(accepter), "RequesterVpcInfo": info(requester),
                              "Status": {"Code": "active", "Message": "Active"}, "Tags": tags(name),
                              "VpcPeeringConnectionId": pid}

    def zone(self, zid, domain, vpcs, alias_name, alias_target):
        """A private hosted zone for `domain` (list-hosted-zones, get-hosted-zone with its VPCs,
        list-resource-record-sets) with AWS's NS and SOA records and one alias A record."""
        z = {"Id": f"/hostedzone/{zid}", "Name": domain + ".", "CallerReference": "lint-" + zid,
             "Config": {"Comment": f"{domain} through the hub endpoint", "PrivateZone": True}, "ResourceRecordSetCount": 3}
        records = [
            {"Name": domain + ".", "Type": "NS", "TTL": 172800,
             "ResourceRecords": [{"Value": v} for v in ("ns-1536.awsdns-00.co.uk.", "ns-0.awsdns-00.com.",
                                                          "ns-1024.awsdns-00.org.", "ns-512.awsdns-00.net.")]},
            {"Name": domain + ".", "Type": "SOA", "TTL": 900, "ResourceRecords": [
                {"Value": "ns-1536.awsdns-00.co.uk. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"}]},
            {"Name": alias_name + ".", "Type": "A",
             "AliasTarget": {"HostedZoneId": "Z7HUB22UULQXV", "DNSName": alias_target + ".", "EvaluateTargetHealth": False}}]
        self.zones[zid] = (z, [{"VPCRegion": REGION, "VPCId": v} for v in vpcs], records)

    def files(self):
        files = {"capture.json": self.bundle()}
        for i, (vid, (support, hostnames)) in enumerate(self.dns.items()):
            suffix = "" if i == 0 else "-" + self.vpcs[vid]["Tags"][0]["Value"]
            if support is not None:
                files[f"dns-support{suffix}.json"] = {"VpcId": vid, "EnableDnsSupport": {"Value": support}}
            if hostnames is not None:
                files[f"dns-hostnames{suffix}.json"] = {"VpcId": vid, "EnableDnsHostnames": {"Value": hostnames}}
        if self.zones:
            files["HostedZones.json"] = {"HostedZones": [z for z, _, _ in self.zones.values()], "IsTruncated": False,
                                         "MaxItems": "100"}
            for zid, (z, vpcs, records) in self.zones.items():
                files[f"hosted-zone-{zid}.json"] = {"HostedZone": z, "VPCs": vpcs}
                files[f"record-sets-{zid}.json"] = {"HostedZoneId": zid, "ResourceRecordSets": records,
                                                     "IsTruncated": False, "MaxItems": "300"}
        return files


def base():
    """A private two-zone ECR design: app subnets in us-east-1a and us-east-1b, ecr.api and ecr.dkr
    interface endpoints with private DNS in both zones, the S3 gateway endpoint on both private
    route tables, one public NAT gateway per zone, a custom app NACL with ephemeral return rules,
    restrictive app egress (443 to the VPC and the S3 prefix list) and an ops instance with AWS's
    default egress. No lint rule flags it."""
    d = Design()
    d.vpc(VPC, "10.0.0.0/16", "ecr-vpc")
    d.subnet(SUB_PUB_A, "10.0.0.0/24", AZ_A, "public-a", public=True)
    d.subnet(SUB_PUB_B, "10.0.10.0/24", AZ_B, "public-b", public=True)
    d.subnet(SUB_APP_A, "10.0.1.0/24", AZ_A, "app-a")
    d.subnet(SUB_APP_B, "10.0.11.0/24", AZ_B, "app-b")
    d.subnet(SUB_EP_A, "10.0.3.0/24", AZ_A, "endpoints-a")
    d.subnet(SUB_EP_B, "10.0.13.0/24", AZ_B, "endpoints-b")
    d.igw()
    d.route_table(RTB_MAIN, "main", main=True)
    d.route_table(RTB_PUB, "public", routes=[route("0.0.0.0/0", GatewayId=IGW)], subnets=[SUB_PUB_A, SUB_PUB_B])
    d.route_table(RTB_PRIV_A, "private-a", routes=[route("0.0.0.0/0", NatGatewayId=NAT_A)], subnets=[SUB_APP_A, SUB_EP_A])
    d.route_table(RTB_PRIV_B, "private-b", routes=[route("0.0.0.0/0", NatGatewayId=NAT_B)], subnets=[SUB_APP_B, SUB_EP_B])
    d.acl(ACL_DEF, "default", inbound=[(100, "allow", "-1", "0.0.0.0/0", None)],
          outbound=[(100, "allow", "-1", "0.0.0.0/0", None)], default=True)
    # NACL-7, NACL-18: HTTPS out, replies back on 1024-65535; everything inside the VPC both ways.
    d.acl(ACL_APP, "app", subnets=[SUB_APP_A, SUB_APP_B],
          outbound=[(100, "allow", "6", "0.0.0.0/0", (443, 443)), (110, "allow", "-1", "10.0.0.0/16", None)],
          inbound=[(100, "allow", "6", "0.0.0.0/0", (1024, 65535)), (110, "allow", "-1", "10.0.0.0/16", None)])
    d.sg(SG_DEF, "default", "default VPC security group", ingress=[perm("-1", groups=[SG_DEF])])
    # GW-9: restrictive egress that keeps the S3 prefix list.
    d.sg(SG_APP, "app", "app servers",
         egress=[perm("tcp", (443, 443), cidrs=["10.0.0.0/16"]), perm("tcp", (443, 443), pls=[PL_S3])])
    d.sg(SG_OPS, "ops", "operations hosts")
    d.sg(SG_EP, "endpoints", "interface endpoints", ingress=[perm("tcp", (443, 443), cidrs=["10.0.0.0/16"])])
    d.instance(I_APP1, ENI_APP1, SUB_APP_A, IP_APP1, [SG_APP], "app-1", "app")
    d.instance(I_OPS1, ENI_OPS1, SUB_APP_A, IP_OPS1, [SG_OPS], "ops-1", "ops")
    d.instance(I_APP2, ENI_APP2, SUB_APP_B, IP_APP2, [SG_APP], "app-2", "app")
    d.nat(NAT_A, SUB_PUB_A, "eni-0c1a00000000000c1", "10.0.0.50", "44.200.15.7", "nat-a")
    d.nat(NAT_B, SUB_PUB_B, "eni-0c1a00000000000c2", "10.0.10.50", "44.200.15.8", "nat-b")
    d.interface_endpoint(EP_API, "ecr.api", [(SUB_EP_A, "eni-0c1a00000000000e1", "10.0.3.11"),
                                             (SUB_EP_B, "eni-0c1a00000000000e2", "10.0.13.11")])
    d.interface_endpoint(EP_DKR, "ecr.dkr", [(SUB_EP_A, "eni-0c1a00000000000e3", "10.0.3.12"),
                                             (SUB_EP_B, "eni-0c1a00000000000e4", "10.0.13.12")])
    d.gateway_endpoint(EP_S3, [RTB_PRIV_A, RTB_PRIV_B])
    return d


DESIGNS = {}


def design(name):
    def register(fn):
        DESIGNS[name] = fn
        return fn
    return register


design("base")(base)


def without_nat_routes(d):
    for rid in (RTB_PRIV_A, RTB_PRIV_B):
        d.route_tables[rid]["Routes"] = [r for r in d.routes(rid) if "NatGatewayId" not in r]


# -- VPCSIM-L001 ecr-no-s3-path ------------------------------------------------------------------

@design("ecr-no-s3-path/pass")
def _():
    """No S3 gateway endpoint, but each private route table sends internet traffic to its zone's NAT
    gateway: the layer download takes the NAT (ECR-1, ECR-10)."""
    d = base()
    d.remove_gateway_endpoint(EP_S3)
    return d


@design("ecr-no-s3-path/fail")
def _():
    """No S3 gateway endpoint and no NAT route on the private route tables: with the ECR endpoints,
    logins work and the layer download has no route (ECR-10)."""
    d = base()
    d.remove_gateway_endpoint(EP_S3)
    without_nat_routes(d)
    return d


# -- VPCSIM-L002 private-dns-needs-vpc-dns -------------------------------------------------------

@design("private-dns-needs-vpc-dns/pass")
def _():
    """A default VPC without describe-vpc-attribute captures: enableDnsHostnames defaults to true
    there (DNS-5), so private DNS is in effect (DNS-6)."""
    d = base()
    d.vpc(VPC, "10.0.0.0/16", "ecr-vpc", is_default=True, support=None, hostnames=None)
    return d


@design("private-dns-needs-vpc-dns/fail")
def _():
    """enableDnsHostnames is false: the private DNS of both ECR endpoints is not in effect (DNS-6, IF-11b)."""
    d = base()
    d.dns[VPC] = (True, False)
    return d


@design("private-dns-needs-vpc-dns/fail-defaults")
def _():
    """A non-default VPC without describe-vpc-attribute captures: enableDnsHostnames defaults to
    false (DNS-5), so private DNS is not in effect (DNS-6)."""
    d = base()
    d.dns[VPC] = (None, None)
    return d


# -- VPCSIM-L003 endpoint-sg-no-https-from-clients -----------------------------------------------

@design("endpoint-sg-no-https-from-clients/pass")
def _():
    """The endpoint security group admits 443 from the app and ops groups: every client is a member
    of one (SG-15)."""
    d = base()
    d.sgs[SG_EP]["IpPermissions"] = [perm("tcp", (443, 443), groups=[SG_APP, SG_OPS])]
    return d


@design("endpoint-sg-no-https-from-clients/fail")
def _():
    """The endpoint security group admits 443 only from app-a (10.0.1.0/24): the clients in app-b
    time out (IF-7, ECR-3)."""
    d = base()
    d.sgs[SG_EP]["IpPermissions"] = [perm("tcp", (443, 443), cidrs=["10.0.1.0/24"])]
    return d


# -- VPCSIM-L004 gateway-endpoint-not-on-client-route-table ---------------------------------------

@design("gateway-endpoint-not-on-client-route-table/fail")
def _():
    """The S3 gateway endpoint is on private-a only: app-b reaches S3 through nat-b (GW-6, PRICE-4)."""
    d = base()
    d.remove_gateway_endpoint(EP_S3)
    d.gateway_endpoint(EP_S3, [RTB_PRIV_A])
    return d


# -- VPCSIM-L005 egress-without-service-prefix-list -----------------------------------------------

@design("egress-without-service-prefix-list/pass")
def _():
    """The app security group keeps AWS's default egress (all traffic to 0.0.0.0/0) (SG-9, GW-9)."""
    d = base()
    d.sgs[SG_APP]["IpPermissionsEgress"] = [perm("-1", cidrs=["0.0.0.0/0"])]
    return d


@design("egress-without-service-prefix-list/fail")
def _():
    """The app security group allows 443 only to the VPC CIDR: S3 through the gateway endpoint goes
    to public S3 addresses, which it does not allow (GW-9, SG-6)."""
    d = base()
    d.sgs[SG_APP]["IpPermissionsEgress"] = [perm("tcp", (443, 443), cidrs=["10.0.0.0/16"])]
    return d


# -- VPCSIM-L006 nacl-no-ephemeral-return ---------------------------------------------------------

@design("nacl-no-ephemeral-return/pass")
def _():
    """The app NACL admits replies only on the Linux ephemeral range 32768-60999, which covers the
    Linux clients (NACL-17)."""
    d = base()
    d.acls[ACL_APP]["Entries"][3]["PortRange"] = {"From": 32768, "To": 60999}
    return d


@design("nacl-no-ephemeral-return/fail")
def _():
    """The app NACL lets 443 out to anywhere but admits nothing back from outside the VPC: replies
    from S3 and the internet are dropped (NACL-7)."""
    d = base()
    entries = d.acls[ACL_APP]["Entries"]
    d.acls[ACL_APP]["Entries"] = [e for e in entries if not (not e["Egress"] and e["RuleNumber"] == 100)]
    return d


@design("nacl-no-ephemeral-return/fail-nat-subnet")
def _():
    """The public subnets' NACL admits replies only on 32768-65535: the NAT gateways use source ports
    1024-65535, so part of their replies are dropped (NAT-11, NAT-12)."""
    d = base()
    d.acl(ACL_PUB, "public", subnets=[SUB_PUB_A, SUB_PUB_B],
          outbound=[(100, "allow", "-1", "0.0.0.0/0", None)],
          inbound=[(100, "allow", "-1", "10.0.0.0/16", None), (110, "allow", "6", "0.0.0.0/0", (32768, 65535))])
    return d


# -- VPCSIM-L007 route-shadows-prefix-list --------------------------------------------------------

@design("route-shadows-prefix-list/pass")
def _():
    """A route 3.0.0.0/8 -> nat-a is less specific than the S3 entry 3.5.0.0/19: S3 keeps the gateway
    endpoint (RT-16, GW-7a)."""
    d = base()
    d.routes(RTB_PRIV_A).append(route("3.0.0.0/8", NatGatewayId=NAT_A))
    return d


@design("route-shadows-prefix-list/fail")
def _():
    """A route 3.5.0.0/20 -> nat-a is more specific than the S3 entry 3.5.0.0/19: that part of S3
    bypasses the gateway endpoint (GW-7b)."""
    d = base()
    d.routes(RTB_PRIV_A).append(route("3.5.0.0/20", NatGatewayId=NAT_A))
    return d


# -- VPCSIM-L008 route-blackhole ------------------------------------------------------------------

@design("route-blackhole/pass")
def _():
    """An extra active route 203.0.113.0/24 -> nat-a: no blackhole (RT-22)."""
    d = base()
    d.routes(RTB_PRIV_A).append(route("203.0.113.0/24", NatGatewayId=NAT_A))
    return d


@design("route-blackhole/fail")
def _():
    """203.0.113.0/24 -> a deleted NAT gateway, state blackhole: it still wins for those addresses
    and drops them (RT-22, RT-24)."""
    d = base()
    d.routes(RTB_PRIV_A).append(route("203.0.113.0/24", state="blackhole", NatGatewayId=NAT_GONE))
    return d


# -- VPCSIM-L009 route-target-unusable ------------------------------------------------------------

@design("route-target-unusable/pass")
def _():
    """A third NAT gateway, still pending, that no route names yet (NAT-14)."""
    d = base()
    d.nat(NAT_C, SUB_PUB_A, "eni-0c1a00000000000c3", "10.0.0.51", "44.200.15.9", "nat-c", state="pending")
    return d


@design("route-target-unusable/fail")
def _():
    """nat-b failed while private-b still lists 0.0.0.0/0 -> nat-b as active: only an available NAT
    gateway forwards (NAT-14)."""
    d = base()
    d.nats[NAT_B]["State"] = "failed"
    d.nats[NAT_B]["FailureCode"] = "InsufficientFreeAddressesInSubnet"
    d.nats[NAT_B]["FailureMessage"] = "Subnet has insufficient free addresses to create this NAT gateway"
    del d.enis["eni-0c1a00000000000c2"]  # a failed NAT gateway keeps no network interface
    return d


@design("route-target-unusable/fail-appliance-check-on")
def _():
    """private-b sends 0.0.0.0/0 to a NAT instance whose source/destination check is still on: it
    drops every packet not addressed to it (RT-14)."""
    d = base()
    d.instance("i-0c1a00000000000f1", "eni-0c1a00000000000f1", SUB_PUB_B, "10.0.10.60", [SG_OPS], "nat-instance-b",
               "nat")
    d.routes(RTB_PRIV_B)[1] = route("0.0.0.0/0", InstanceId="i-0c1a00000000000f1",
                                    NetworkInterfaceId="eni-0c1a00000000000f1", InstanceOwnerId=ACCOUNT)
    return d


@design("route-target-unusable/fail-igw-detached")
def _():
    """The internet gateway is detached while the public route table still lists 0.0.0.0/0 -> igw as
    active (IGW-2); the NAT gateways behind it have no internet route either (NAT-4)."""
    d = base()
    d.igw(attached=False)
    return d


# -- VPCSIM-L010 nat-subnet-no-igw-route ----------------------------------------------------------

@design("nat-subnet-no-igw-route/pass")
def _():
    """public-b has its own route table, with 0.0.0.0/0 -> igw (NAT-4)."""
    d = base()
    d.route_table(RTB_PUB_B, "public-b", routes=[route("0.0.0.0/0", GatewayId=IGW)])
    d.move_subnet(SUB_PUB_B, RTB_PUB_B)
    return d


@design("nat-subnet-no-igw-route/fail")
def _():
    """public-b's route table has only the local route: nat-b's traffic has nowhere to go (NAT-2, NAT-4)."""
    d = base()
    d.route_table(RTB_PUB_B, "public-b")
    d.move_subnet(SUB_PUB_B, RTB_PUB_B)
    return d


# -- VPCSIM-L011 interface-endpoint-missing-az ----------------------------------------------------

@design("interface-endpoint-missing-az/pass")
def _():
    """The ecr.api endpoint is only in us-east-1a, and so are all clients (app-2 is gone)."""
    d = base()
    d.remove_interface_endpoint(EP_API)
    d.interface_endpoint(EP_API, "ecr.api", [(SUB_EP_A, "eni-0c1a00000000000e1", "10.0.3.11")])
    del d.instances[I_APP2]
    del d.enis[ENI_APP2]
    return d


@design("interface-endpoint-missing-az/fail")
def _():
    """The ecr.api endpoint is only in us-east-1a: app-2 in us-east-1b crosses zones (IF-12, PRICE-4)."""
    d = base()
    d.remove_interface_endpoint(EP_API)
    d.interface_endpoint(EP_API, "ecr.api", [(SUB_EP_A, "eni-0c1a00000000000e1", "10.0.3.11")])
    return d


# -- VPCSIM-L012 ecr-dkr-private-dns-off ----------------------------------------------------------

@design("ecr-dkr-private-dns-off/pass")
def _():
    """The ecr.api endpoint has private DNS off, which ECR allows (clients pass --endpoint-url); the
    ecr.dkr endpoint keeps it on (ECR-1). The private subnets have no NAT route, so nothing reaches
    ecr.api by its public name either (IF-11e)."""
    d = base()
    without_nat_routes(d)
    d.remove_interface_endpoint(EP_API)
    d.interface_endpoint(EP_API, "ecr.api", [(SUB_EP_A, "eni-0c1a00000000000e1", "10.0.3.11"),
                                             (SUB_EP_B, "eni-0c1a00000000000e2", "10.0.13.11")], private_dns=False)
    return d


@design("ecr-dkr-private-dns-off/fail")
def _():
    """The ecr.dkr endpoint has private DNS off: docker never uses it (ECR-1, IF-11e)."""
    d = base()
    d.remove_interface_endpoint(EP_DKR)
    d.interface_endpoint(EP_DKR, "ecr.dkr", [(SUB_EP_A, "eni-0c1a00000000000e3", "10.0.3.12"),
                                             (SUB_EP_B, "eni-0c1a00000000000e4", "10.0.13.12")], private_dns=False)
    return d


# -- VPCSIM-L020 interface-endpoint-private-dns-unused ---------------------------------------------

def sts_endpoint(d, private_dns):
    d.interface_endpoint(EP_STS, "sts", [(SUB_EP_A, "eni-0c1a00000000000e7", "10.0.3.15"),
                                         (SUB_EP_B, "eni-0c1a00000000000e8", "10.0.13.15")], private_dns=private_dns)


@design("interface-endpoint-private-dns-unused/pass")
def _():
    """An sts interface endpoint in both zones with private DNS on: the clients' requests to
    sts.us-east-1.amazonaws.com go to it (IF-11f)."""
    d = base()
    sts_endpoint(d, True)
    return d


@design("interface-endpoint-private-dns-unused/fail")
def _():
    """The sts endpoint has private DNS off: sts.us-east-1.amazonaws.com resolves to public addresses
    and ops-1 (AWS's default egress) in app-a reaches it through nat-a, bypassing the endpoint; the app
    group's restrictive egress blocks the rest (IF-11e, PRICE-2)."""
    d = base()
    sts_endpoint(d, False)
    return d


# -- VPCSIM-L021 service-cidr-instead-of-prefix-list ----------------------------------------------

@design("service-cidr-instead-of-prefix-list/fail")
def _():
    """Besides the S3 prefix list, the app security group allows 443 out to 3.5.0.0/19, one of the
    list's ranges copied by hand: it goes stale when AWS changes its ranges (GW-17, SG-14)."""
    d = base()
    d.sgs[SG_APP]["IpPermissionsEgress"].append(perm("tcp", (443, 443), cidrs=["3.5.0.0/19"]))
    return d


# -- VPCSIM-L013 ecr-endpoint-pair-incomplete -----------------------------------------------------

def open_app_https(d):
    d.sgs[SG_APP]["IpPermissionsEgress"].append(perm("tcp", (443, 443), cidrs=["0.0.0.0/0"]))


@design("ecr-endpoint-pair-incomplete/pass")
def _():
    """No ecr.dkr endpoint, but the app security group allows 443 out and the NAT gateways carry
    the registry calls (ECR-2)."""
    d = base()
    d.remove_interface_endpoint(EP_DKR)
    open_app_https(d)
    return d


@design("ecr-endpoint-pair-incomplete/fail")
def _():
    """No ecr.dkr endpoint and no NAT route: the registry call of a pull has no route (ECR-1)."""
    d = base()
    d.remove_interface_endpoint(EP_DKR)
    open_app_https(d)
    without_nat_routes(d)
    return d


# -- VPCSIM-L014 s3-policy-blocks-ecr-layers ------------------------------------------------------

@design("s3-policy-blocks-ecr-layers/pass")
def _():
    """The S3 endpoint policy allows only s3:GetObject on the ECR layer bucket, ECR's minimum (ECR-8)."""
    d = base()
    d.endpoints[EP_S3]["PolicyDocument"] = policy(
        {"Sid": "EcrLayers", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": STARPORT})
    return d


@design("s3-policy-blocks-ecr-layers/fail")
def _():
    """The S3 endpoint policy allows only the team's bucket: layer downloads get 403 (ECR-10b, POL-4)."""
    d = base()
    d.endpoints[EP_S3]["PolicyDocument"] = policy(
        {"Sid": "TeamBucket", "Effect": "Allow", "Principal": "*", "Action": "s3:*",
         "Resource": ["arn:aws:s3:::team-artifacts", "arn:aws:s3:::team-artifacts/*"]})
    return d


# -- VPCSIM-L015 private-nat-to-internet ----------------------------------------------------------

@design("private-nat-to-internet/pass")
def _():
    """A private NAT gateway nat-c in public-b that no subnet sends internet traffic to (NAT-3)."""
    d = base()
    d.nat(NAT_C, SUB_PUB_B, "eni-0c1a00000000000c3", "10.0.10.51", None, "nat-c-private", connectivity="private")
    return d


@design("private-nat-to-internet/fail")
def _():
    """nat-b is a private NAT gateway in the public subnet, and private-b sends 0.0.0.0/0 to it: the
    internet gateway drops its traffic (NAT-3)."""
    d = base()
    d.nats.pop(NAT_B)
    del d.enis["eni-0c1a00000000000c2"]
    d.nat(NAT_B, SUB_PUB_B, "eni-0c1a00000000000c2", "10.0.10.50", None, "nat-b-private", connectivity="private")
    return d


# -- VPCSIM-L016 overlapping-prefix-list-routes ---------------------------------------------------

@design("overlapping-prefix-list-routes/pass")
def _():
    """A customer-managed prefix list (192.0.2.0/24) routed to nat-a beside the S3 prefix list: no
    overlap (RT-19)."""
    d = base()
    d.prefix_lists[PL_TEAM] = {"Cidrs": ["192.0.2.0/24"], "PrefixListId": PL_TEAM, "PrefixListName": "partners",
                               "OwnerId": ACCOUNT, "MaxEntries": 5, "AddressFamily": "IPv4"}
    d.routes(RTB_PRIV_A).append(route(pl=PL_TEAM, NatGatewayId=NAT_A))
    return d


@design("overlapping-prefix-list-routes/fail")
def _():
    """A customer-managed prefix list holding 3.5.0.0/19, routed to nat-a, overlaps the S3 prefix list
    routed to the gateway endpoint: AWS picks one at random (RT-19)."""
    d = base()
    d.prefix_lists[PL_TEAM] = {"Cidrs": ["3.5.0.0/19"], "PrefixListId": PL_TEAM, "PrefixListName": "s3-via-nat",
                               "OwnerId": ACCOUNT, "MaxEntries": 5, "AddressFamily": "IPv4"}
    d.routes(RTB_PRIV_A).append(route(pl=PL_TEAM, NatGatewayId=NAT_A))
    return d


# -- VPCSIM-L017 s3-inbound-only-dns-without-gateway ----------------------------------------------

S3_IF_PLACEMENTS = [(SUB_EP_A, "eni-0c1a00000000000e5", "10.0.3.13"), (SUB_EP_B, "eni-0c1a00000000000e6", "10.0.13.13")]


@design("s3-inbound-only-dns-without-gateway/pass")
def _():
    """An S3 interface endpoint with private DNS only for inbound Resolver endpoints beside the S3
    gateway endpoint, as AWS requires (S3IF-4)."""
    d = base()
    d.interface_endpoint(EP_S3_IF, "s3", S3_IF_PLACEMENTS, inbound_resolver_only=True)
    return d


@design("s3-inbound-only-dns-without-gateway/fail")
def _():
    """The same S3 interface endpoint without an S3 gateway endpoint in the VPC (S3IF-4); S3 traffic
    of the clients leaves through the NAT gateways."""
    d = base()
    d.remove_gateway_endpoint(EP_S3)
    d.interface_endpoint(EP_S3_IF, "s3", S3_IF_PLACEMENTS, inbound_resolver_only=True)
    return d


# -- VPCSIM-L018 nacl-blocks-endpoint-traffic -----------------------------------------------------

@design("nacl-blocks-endpoint-traffic/pass")
def _():
    """The endpoint subnets' NACL admits 443 from the VPC and lets the replies out to the VPC on
    1024-65535 (IF-8)."""
    d = base()
    d.acl(ACL_EP, "endpoints", subnets=[SUB_EP_A, SUB_EP_B],
          inbound=[(100, "allow", "6", "10.0.0.0/16", (443, 443))],
          outbound=[(100, "allow", "6", "10.0.0.0/16", (1024, 65535))])
    return d


@design("nacl-blocks-endpoint-traffic/fail")
def _():
    """The endpoint subnets' NACL admits 443 only from the endpoint subnets themselves: the clients'
    requests are dropped entering them (IF-8, NACL-3)."""
    d = base()
    d.acl(ACL_EP, "endpoints", subnets=[SUB_EP_A, SUB_EP_B],
          inbound=[(100, "allow", "6", "10.0.3.0/24", (443, 443)), (110, "allow", "6", "10.0.13.0/24", (443, 443))],
          outbound=[(100, "allow", "6", "10.0.0.0/16", (1024, 65535))])
    return d


@design("nacl-blocks-endpoint-traffic/fail-return")
def _():
    """The endpoint subnets' NACL admits 443 from the VPC but lets only 443 out: the replies to the
    clients' ephemeral ports are dropped (IF-8, NACL-7)."""
    d = base()
    d.acl(ACL_EP, "endpoints", subnets=[SUB_EP_A, SUB_EP_B],
          inbound=[(100, "allow", "6", "10.0.0.0/16", (443, 443))],
          outbound=[(100, "allow", "6", "10.0.0.0/16", (443, 443))])
    return d


# -- VPCSIM-L019 nat-gateway-in-other-az ----------------------------------------------------------

@design("nat-gateway-in-other-az/pass")
def _():
    """One NAT gateway only, and all clients in its zone: app-2 in us-east-1b is gone (NAT-6)."""
    d = base()
    d.nats.pop(NAT_B)
    del d.enis["eni-0c1a00000000000c2"]
    for r in d.routes(RTB_PRIV_B):
        if r.get("NatGatewayId") == NAT_B:
            r["NatGatewayId"] = NAT_A
    del d.instances[I_APP2]
    del d.enis[ENI_APP2]
    return d


@design("nat-gateway-in-other-az/fail")
def _():
    """One NAT gateway in us-east-1a for both zones: app-b's internet traffic crosses zones and
    depends on us-east-1a (NAT-6)."""
    d = base()
    d.nats.pop(NAT_B)
    del d.enis["eni-0c1a00000000000c2"]
    for r in d.routes(RTB_PRIV_B):
        if r.get("NatGatewayId") == NAT_B:
            r["NatGatewayId"] = NAT_A
    return d


# -- VPCSIM-L022 spoke-without-endpoint-zone and VPCSIM-L023 zone-alias-to-other-region-endpoint --

def hub_and_spoke(zones=True, api_target=f"{EP_API}-4x8qbk2m.api.ecr.{REGION}.vpce.amazonaws.com"):
    """`base` as the hub of a spoke VPC peered with it (DNS-9, PEER-3): the spoke routes the hub CIDR
    to the peering connection, the hub's private route tables route the spoke back, the endpoint
    security group admits the spoke; with `zones`, private hosted zones for the ECR names alias the
    hub endpoints and are associated with the spoke."""
    d = base()
    d.vpc(SPOKE_VPC, "10.1.0.0/16", "spoke-vpc")
    d.subnet(SUB_SPOKE, "10.1.1.0/24", AZ_A, "spoke-app", vpc=SPOKE_VPC)
    d.route_table(RTB_SPOKE_MAIN, "spoke-main", main=True, vpc=SPOKE_VPC)
    d.route_table(RTB_SPOKE, "spoke-app", routes=[route("10.0.0.0/16", VpcPeeringConnectionId=PCX)],
                  subnets=[SUB_SPOKE], vpc=SPOKE_VPC)
    for rid in (RTB_PRIV_A, RTB_PRIV_B):
        d.routes(rid).append(route("10.1.0.0/16", VpcPeeringConnectionId=PCX))
    d.acl(ACL_SPOKE_DEF, "spoke-default", inbound=[(100, "allow", "-1", "0.0.0.0/0", None)],
          outbound=[(100, "allow", "-1", "0.0.0.0/0", None)], default=True, vpc=SPOKE_VPC)
    d.sg(SG_SPOKE_DEF, "default", "default VPC security group", ingress=[perm("-1", groups=[SG_SPOKE_DEF])], vpc=SPOKE_VPC)
    d.sg(SG_SPOKE, "spoke-app", "spoke app servers", vpc=SPOKE_VPC)
    d.instance(I_SPOKE, ENI_SPOKE, SUB_SPOKE, IP_SPOKE, [SG_SPOKE], "spoke-app-1", "app")
    d.peering(PCX, SPOKE_VPC, VPC, "spoke-to-hub")
    d.sgs[SG_EP]["IpPermissions"] = [perm("tcp", (443, 443), cidrs=["10.0.0.0/16", "10.1.0.0/16"])]
    if zones:
        d.zone(ZONE_API, f"api.ecr.{REGION}.amazonaws.com", [SPOKE_VPC], f"api.ecr.{REGION}.amazonaws.com", api_target)
        d.zone(ZONE_DKR, f"dkr.ecr.{REGION}.amazonaws.com", [SPOKE_VPC], f"*.dkr.ecr.{REGION}.amazonaws.com",
               f"*.{EP_DKR}-4x8qbk2m.dkr.ecr.{REGION}.vpce.amazonaws.com")
    return d


@design("spoke-without-endpoint-zone/pass")
def _():
    """A spoke VPC peered with the hub (`base`) whose private hosted zones for api.ecr and dkr.ecr
    alias the hub's ECR endpoints and are associated with the spoke: the spoke uses the hub
    endpoints by their default names (DNS-9, DNS-12, PEER-3)."""
    return hub_and_spoke()


@design("spoke-without-endpoint-zone/fail")
def _():
    """The same spoke without the private hosted zones: it reaches the hub endpoints over the
    peering connection, but the endpoints' private DNS answers only the hub, so the spoke resolves
    the public ECR names and has no route to them (DNS-3, IF-11d, IF-13)."""
    return hub_and_spoke(zones=False)


@design("zone-alias-to-other-region-endpoint/fail")
def _():
    """The spoke's zone for api.ecr.us-east-1.amazonaws.com aliases an ecr.api endpoint in
    us-west-2: that endpoint serves the us-west-2 service (IF-6, ECR-5)."""
    return hub_and_spoke(api_target="vpce-0c1a0000000000009-7hk3m2pq.api.ecr.us-west-2.vpce.amazonaws.com")


# ---------------------------------------------------------------------------------------------

README_HEAD = """# Lint designs

Small AWS accounts in the shapes `aws ec2 describe-* --output json` prints, one directory per
design: `<design>/us-east-1/capture.json` is a merged bundle of the describe-* responses, and
`dns-support.json` / `dns-hostnames.json` are `describe-vpc-attribute` responses (absent where the
design tests AWS's defaults). `base` is a clean two-zone ECR design no lint rule flags; each
`<rule>/pass…` design is the rule's situation done right, each `<rule>/fail…` the mistake the rule
finds, both as one change to `base` (which is the passing design of rules without a `pass`
directory). `tests/sim/lint_test.cpp` (tag `[lint]`) states which rules
fire on each. Rule ids refer to `docs/aws-semantics.md`.

The JSON is generated; do not edit it by hand. Change `make_lint_designs.py`, then:

    python3 tests/data/lint/make_lint_designs.py          # rewrites the JSON and this file
    python3 tests/data/lint/make_lint_designs.py --check  # exits 1 if anything is stale

| Design | What it is (rules) |
| --- | --- |
"""


def readme():
    lines = [README_HEAD]
    for name, fn in DESIGNS.items():
        lines.append(f"| `{name}` | {' '.join(fn.__doc__.split())} |\n")
    return "".join(lines)


def render(obj):
    return json.dumps(obj, indent=2) + "\n"


def main(argv):
    check = "--check" in argv
    stale = []
    wanted = {}
    wanted[os.path.join(HERE, "README.md")] = readme()
    for name, fn in DESIGNS.items():
        for f, obj in fn().files().items():
            wanted[os.path.join(HERE, name, REGION, f)] = render(obj)
    for path, text in wanted.items():
        old = open(path).read() if os.path.exists(path) else None
        if old != text:
            stale.append(path)
            if not check:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w") as out:
                    out.write(text)
    for root, _, files in os.walk(HERE):
        for f in files:
            path = os.path.join(root, f)
            if f.endswith(".json") and path not in wanted:
                stale.append(path)
                if not check:
                    os.remove(path)
    if not check:
        for root, dirs, files in os.walk(HERE, topdown=False):
            if root != HERE and not os.listdir(root):
                shutil.rmtree(root)
    for path in stale:
        print(("stale: " if check else "wrote: ") + os.path.relpath(path, HERE))
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
