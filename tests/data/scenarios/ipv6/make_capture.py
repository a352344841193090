#!/usr/bin/env python3
"""Writes capture/ from design.jsonc: `vpcsim convert design.jsonc --to aws`, then the IPv6 fields in
the exact shapes `aws ec2 describe-*` prints, which the writer leaves out: the association ids,
pools and network border groups of Ipv6CidrBlockAssociationSet, the subnets' IPv6 flags, the
network interfaces' Ipv6Addresses items (`IsPrimaryIpv6`), MAC and private DNS name, and
describe-egress-only-internet-gateways' shape (no OwnerId), the IcmpTypeCode of ICMPv6 NACL entries,
and the endpoints' IpAddressType. Usage: make_capture.py PATH/TO/vpcsim"""
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from capture_shapes import DUAL_STACK, make  # noqa: E402


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
    make(HERE, DUAL_STACK + [
        ("NetworkAcls.json", nacls),
        ("VpcEndpoints.json", endpoints),
    ])


if __name__ == "__main__":
    main()
