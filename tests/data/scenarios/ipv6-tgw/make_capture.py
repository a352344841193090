#!/usr/bin/env python3
"""Writes capture/ from design.jsonc: `vpcsim convert design.jsonc --to aws`, then the fields in the
exact shapes `aws ec2 describe-*` prints which the writer leaves out: the IPv6 association ids, pools
and network border groups, the subnets' IPv6 flags, the network interfaces' Ipv6Addresses items,
and describe-transit-gateway-vpc-attachments' `Options` (`Ipv6Support` `disable` included, as AWS
prints it), `VpcOwnerId` and `CreationTime`, and the attachments' `ResourceId`/`ResourceType` in
search-transit-gateway-routes and get-transit-gateway-route-table-propagations. Usage: make_capture.py PATH/TO/vpcsim"""
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from capture_shapes import enis, make, region_dir, subnets, vpcs  # noqa: E402

REGION_DIR = region_dir(HERE)


def vpc_attachments(d):
    # describe-transit-gateway-vpc-attachments prints every option, `disable` ones too.
    for a in d["TransitGatewayVpcAttachments"]:
        ipv6 = a.get("Options", {}).get("Ipv6Support", "disable")
        a["Options"] = {"DnsSupport": "enable", "SecurityGroupReferencingSupport": "disable", "Ipv6Support": ipv6,
                        "ApplianceModeSupport": "disable"}
        a["VpcOwnerId"] = "111122223333"
        a["CreationTime"] = "2026-11-01T09:00:00+00:00"


def attachment_vpcs():
    data = json.loads((REGION_DIR / "TransitGatewayVpcAttachments.json").read_text())
    return {a["TransitGatewayAttachmentId"]: a["VpcId"] for a in data["TransitGatewayVpcAttachments"]}


def static_routes(d):
    # search-transit-gateway-routes names each attachment's resource and says whether more routes
    # were left out.
    vpc_of = attachment_vpcs()
    for t in d["TransitGatewayStaticRoutes"]:
        t["AdditionalRoutesAvailable"] = False
        for r in t["Routes"]:
            r["TransitGatewayAttachments"] = [
                {"ResourceId": vpc_of[a["TransitGatewayAttachmentId"]], "TransitGatewayAttachmentId": a["TransitGatewayAttachmentId"],
                 "ResourceType": "vpc"} for a in r["TransitGatewayAttachments"]]


def propagations(d):
    # get-transit-gateway-route-table-propagations names each attachment's resource.
    vpc_of = attachment_vpcs()
    for t in d["TransitGatewayPropagations"]:
        for p in t["TransitGatewayRouteTablePropagations"]:
            p.update({"ResourceId": vpc_of[p["TransitGatewayAttachmentId"]], "ResourceType": "vpc"})


def main():
    make(HERE, [
        ("Vpcs.json", vpcs),
        ("Subnets.json", subnets),
        ("NetworkInterfaces.json", enis),
        ("TransitGatewayVpcAttachments.json", vpc_attachments),
        ("TransitGatewayStaticRoutes.json", static_routes),
        ("TransitGatewayPropagations.json", propagations),
    ])


if __name__ == "__main__":
    main()
