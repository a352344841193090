#!/usr/bin/env python3
"""Writes capture/ from design.jsonc: `vpcsim convert design.jsonc --to aws`, then the IPv6 fields in
the exact shapes `aws ec2 describe-*` prints, which the writer leaves out: the association ids,
pools and network border groups of Ipv6CidrBlockAssociationSet, the subnets' IPv6 flags, the
network interfaces' Ipv6Addresses items (`IsPrimaryIpv6`), MAC and private DNS name, and
describe-egress-only-internet-gateways' shape (no OwnerId), the IcmpTypeCode of ICMPv6 NACL entries,
and the endpoints' IpAddressType. Usage: make_capture.py PATH/TO/vpcsim"""
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


def eigws(d):
    for g in d["EgressOnlyInternetGateways"]:
        g.pop("OwnerId", None)


def nacls(d):
    # CreateNetworkAclEntry requires a type and code for protocol 58 with an IPv6 CIDR (NACL-12):
    # describe-network-acls prints them (-1: all).
    for a in d["NetworkAcls"]:
        for e in a["Entries"]:
            if e["Protocol"] == "58" and "Ipv6CidrBlock" in e:
                e.setdefault("IcmpTypeCode", {"Code": -1, "Type": -1})


def endpoints(d):
    # An endpoint whose DNS records are dualstack or ipv6 has that IP address type (IF-17).
    for e in d["VpcEndpoints"]:
        record = e.get("DnsOptions", {}).get("DnsRecordIpType", "ipv4")
        e["IpAddressType"] = record if record in ("dualstack", "ipv6") else "ipv4"


def main():
    vpcsim = sys.argv[1]
    shutil.rmtree(CAPTURE, ignore_errors=True)
    subprocess.run([vpcsim, "convert", str(HERE / "design.jsonc"), "--to", "aws", "--out", str(CAPTURE)], check=True)
    rewrite("Vpcs.json", vpcs)
    rewrite("Subnets.json", subnets)
    rewrite("NetworkInterfaces.json", enis)
    rewrite("EgressOnlyInternetGateways.json", eigws)
    rewrite("NetworkAcls.json", nacls)
    rewrite("VpcEndpoints.json", endpoints)


if __name__ == "__main__":
    main()
