#!/usr/bin/env python3
"""Writes capture/ from design.jsonc: `vpcsim convert design.jsonc --to aws`, then the fields in the
exact shapes `aws ec2 describe-*` prints which the writer leaves out: the IPv6 association ids, pools
and network border groups, the subnets' IPv6 flags, the network interfaces' Ipv6Addresses items,
and describe-transit-gateway-vpc-attachments' `Options` (`Ipv6Support` `disable` included, as AWS
prints it), `VpcOwnerId` and `CreationTime`, and the attachments' `ResourceId`/`ResourceType` in
search-transit-gateway-routes and get-transit-gateway-route-table-propagations. Usage: make_capture.py PATH/TO/vpcsim"""
import hashlib
import json
import pathlib
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
CAPTURE = HERE / "capture"
REGION_DIR = CAPTURE / "111122223333" / "us-east-1"


def suffix(text, n=17):
    """A fixed hex id suffix per text (AWS ids are random; these stay stable across runs)."""
    return hashlib.sha256(text.encode()).hexdigest()[:n]


def rewrite(name, fix):
    path = REGION_DIR / name
    data = json.loads(path.read_text())
    fix(data)
    path.write_text(json.dumps(data, indent=4) + "\n")


def vpcs(d):
    for v in d["Vpcs"]:
        v["DhcpOptionsId"] = "dopt-0" + suffix("dopt")
        v["InstanceTenancy"] = "default"
        for a in v["CidrBlockAssociationSet"]:
            a["AssociationId"] = "vpc-cidr-assoc-0" + suffix(a["CidrBlock"])
        for a in v.get("Ipv6CidrBlockAssociationSet", []):
            a.update({"AssociationId": "vpc-cidr-assoc-0" + suffix(a["Ipv6CidrBlock"]), "Ipv6Pool": "Amazon",
                      "NetworkBorderGroup": "us-east-1"})


def subnets(d):
    for s in d["Subnets"]:
        s.update({"AvailabilityZoneId": "use1-az1", "AvailableIpAddressCount": 250, "AssignIpv6AddressOnCreation": False,
                  "Ipv6Native": False, "EnableDns64": False, "MapCustomerOwnedIpOnLaunch": False,
                  "SubnetArn": "arn:aws:ec2:us-east-1:111122223333:subnet/" + s["SubnetId"],
                  "PrivateDnsNameOptionsOnLaunch": {"HostnameType": "ip-name", "EnableResourceNameDnsARecord": False,
                                                    "EnableResourceNameDnsAAAARecord": False}})
        for a in s.get("Ipv6CidrBlockAssociationSet", []):
            a["AssociationId"] = "subnet-cidr-assoc-0" + suffix(a["Ipv6CidrBlock"])


def enis(d):
    for e in d["NetworkInterfaces"]:
        ip = e["PrivateIpAddresses"][0]["PrivateIpAddress"]
        dns = "ip-" + ip.replace(".", "-") + ".ec2.internal"
        e["MacAddress"] = "0e:" + ":".join(suffix(e["NetworkInterfaceId"], 10)[i:i + 2] for i in range(0, 10, 2))
        e["PrivateDnsName"] = dns
        e["PrivateIpAddress"] = ip
        e["Ipv6Native"] = False
        for p in e["PrivateIpAddresses"]:
            p["PrivateDnsName"] = dns
        e["Ipv6Addresses"] = [{"Ipv6Address": a["Ipv6Address"], "IsPrimaryIpv6": False} for a in e.get("Ipv6Addresses", [])]
        if "Attachment" in e:
            e["Attachment"].update({"AttachTime": "2026-11-01T09:00:00+00:00",
                                    "AttachmentId": "eni-attach-0" + suffix(e["NetworkInterfaceId"]),
                                    "DeleteOnTermination": True, "NetworkCardIndex": 0, "InstanceOwnerId": "111122223333"})


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
    vpcsim = sys.argv[1]
    shutil.rmtree(CAPTURE, ignore_errors=True)
    subprocess.run([vpcsim, "convert", str(HERE / "design.jsonc"), "--to", "aws", "--out", str(CAPTURE)], check=True)
    rewrite("Vpcs.json", vpcs)
    rewrite("Subnets.json", subnets)
    rewrite("NetworkInterfaces.json", enis)
    rewrite("TransitGatewayVpcAttachments.json", vpc_attachments)
    rewrite("TransitGatewayStaticRoutes.json", static_routes)
    rewrite("TransitGatewayPropagations.json", propagations)


if __name__ == "__main__":
    main()
