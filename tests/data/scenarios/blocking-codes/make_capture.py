#!/usr/bin/env python3
"""Writes capture/ from design.jsonc: `vpcsim convert design.jsonc --to aws`, then the fields in the
exact shapes the AWS CLI prints which the writer leaves out: every VPC's DhcpOptionsId (the default
set, AmazonProvidedDNS, where the design names none, and that set in describe-dhcp-options), the
subnets' zone ids, the network interfaces' DNS names and attachment details, the VPN attachment's
owner, search-transit-gateway-routes' blackhole route (no attachments key) and resources, the
attachments' `Options`, the peering connection's `CidrBlock`, and list-resolver-rules' ARNs and the
autodefined Internet Resolver rule. Usage: make_capture.py PATH/TO/vpcsim"""
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from capture_shapes import ACCOUNT, enis, make, region_dir, suffix  # noqa: E402

REGION_DIR = region_dir(HERE)

DEFAULT_DOPT = "dopt-0" + suffix("default dopt")
ZONE_IDS = {"us-east-1a": "use1-az1", "us-east-1b": "use1-az2"}


def vpcs(d):
    # describe-vpcs names a DHCP options set for every VPC: the account's default one unless another
    # was associated.
    for v in d["Vpcs"]:
        v.setdefault("DhcpOptionsId", DEFAULT_DOPT)
        v["InstanceTenancy"] = "default"
        for a in v["CidrBlockAssociationSet"]:
            a["AssociationId"] = "vpc-cidr-assoc-0" + suffix(a["CidrBlock"])


def dhcp_options(d):
    # The default set AWS creates in each Region: the Amazon resolver and the Region's domain name.
    d["DhcpOptions"].append({
        "DhcpConfigurations": [{"Key": "domain-name", "Values": [{"Value": "ec2.internal"}]},
                               {"Key": "domain-name-servers", "Values": [{"Value": "AmazonProvidedDNS"}]}],
        "DhcpOptionsId": DEFAULT_DOPT, "OwnerId": ACCOUNT, "Tags": []})
    d["DhcpOptions"].sort(key=lambda o: o["DhcpOptionsId"])


def subnets(d):
    for s in d["Subnets"]:
        s.pop("Ipv6Native", None)  # the writer's (VPC-6); set again below, in describe-subnets' order
        s.update({"AvailabilityZoneId": ZONE_IDS[s["AvailabilityZone"]], "AvailableIpAddressCount": 250,
                  "AssignIpv6AddressOnCreation": False, "Ipv6CidrBlockAssociationSet": [], "Ipv6Native": False,
                  "EnableDns64": False, "MapCustomerOwnedIpOnLaunch": False,
                  "SubnetArn": "arn:aws:ec2:us-east-1:" + ACCOUNT + ":subnet/" + s["SubnetId"],
                  "PrivateDnsNameOptionsOnLaunch": {"HostnameType": "ip-name", "EnableResourceNameDnsARecord": False,
                                                    "EnableResourceNameDnsAAAARecord": False}})


def attachments(d):
    # describe-transit-gateway-attachments: a VPN attachment is owned by the account that created it.
    for a in d["TransitGatewayAttachments"]:
        if not a.get("ResourceOwnerId"):
            a["ResourceOwnerId"] = ACCOUNT
        a["TransitGatewayOwnerId"] = ACCOUNT
        a["CreationTime"] = "2026-11-01T09:00:00+00:00"


def vpc_attachments(d):
    # describe-transit-gateway-vpc-attachments prints every option.
    for a in d["TransitGatewayVpcAttachments"]:
        a["Options"] = {"DnsSupport": "enable", "SecurityGroupReferencingSupport": "disable", "Ipv6Support": "disable",
                        "ApplianceModeSupport": "disable"}
        a["VpcOwnerId"] = ACCOUNT
        a["CreationTime"] = "2026-11-01T09:00:00+00:00"


def static_routes(d):
    # search-transit-gateway-routes: a blackhole route (create-transit-gateway-route --blackhole) has
    # no TransitGatewayAttachments; the others name each attachment's resource.
    resources = {a["TransitGatewayAttachmentId"]: (a["ResourceId"], a["ResourceType"])
                 for a in json.loads((REGION_DIR / "TransitGatewayAttachments.json").read_text())["TransitGatewayAttachments"]}
    for t in d["TransitGatewayStaticRoutes"]:
        t["AdditionalRoutesAvailable"] = False
        for r in t["Routes"]:
            if r["State"] == "blackhole":
                r.pop("TransitGatewayAttachments", None)
                continue
            r["TransitGatewayAttachments"] = [
                {"ResourceId": resources[a["TransitGatewayAttachmentId"]][0],
                 "TransitGatewayAttachmentId": a["TransitGatewayAttachmentId"],
                 "ResourceType": resources[a["TransitGatewayAttachmentId"]][1]} for a in r["TransitGatewayAttachments"]]


def propagations(d):
    resources = {a["TransitGatewayAttachmentId"]: (a["ResourceId"], a["ResourceType"])
                 for a in json.loads((REGION_DIR / "TransitGatewayAttachments.json").read_text())["TransitGatewayAttachments"]}
    for t in d["TransitGatewayPropagations"]:
        for p in t["TransitGatewayRouteTablePropagations"]:
            rid, rtype = resources[p["TransitGatewayAttachmentId"]]
            p.update({"ResourceId": rid, "ResourceType": rtype})


def peering(d):
    # describe-vpc-peering-connections prints each side's primary CIDR beside the set.
    for p in d["VpcPeeringConnections"]:
        for side in ("AccepterVpcInfo", "RequesterVpcInfo"):
            info = p[side]
            info["CidrBlock"] = info["CidrBlockSet"][0]["CidrBlock"]
        p["Status"]["Message"] = "Active"


def resolver_rules(d):
    # list-resolver-rules lists the autodefined Internet Resolver rule beside the account's own.
    for r in d["ResolverRules"]:
        r["Arn"] = "arn:aws:route53resolver:us-east-1:" + ACCOUNT + ":resolver-rule/" + r["Id"]
        r["CreatorRequestId"] = r["Name"]
        r["ShareStatus"] = "NOT_SHARED"
    d["ResolverRules"].insert(0, {
        "Id": "rslvr-autodefined-rr-internet-resolver", "CreatorRequestId": "",
        "Arn": "arn:aws:route53resolver:us-east-1::autodefined-rule/rslvr-autodefined-rr-internet-resolver",
        "DomainName": ".", "Status": "COMPLETE", "RuleType": "RECURSIVE", "Name": "Internet Resolver",
        "OwnerId": "Route 53 Resolver", "ShareStatus": "NOT_SHARED"})


def main():
    make(HERE, [
        ("Vpcs.json", vpcs),
        ("DhcpOptions.json", dhcp_options),
        ("Subnets.json", subnets),
        ("NetworkInterfaces.json", enis),
        ("TransitGatewayAttachments.json", attachments),
        ("TransitGatewayVpcAttachments.json", vpc_attachments),
        ("TransitGatewayStaticRoutes.json", static_routes),
        ("TransitGatewayPropagations.json", propagations),
        ("VpcPeeringConnections.json", peering),
        ("ResolverRules.json", resolver_rules),
    ])


if __name__ == "__main__":
    main()
