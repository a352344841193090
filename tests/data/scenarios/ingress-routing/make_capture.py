#!/usr/bin/env python3
"""Writes capture/ from design.jsonc: `vpcsim convert design.jsonc --to aws`, then the IPv6 fields in
the exact shapes `aws ec2 describe-*` prints, which the writer leaves out (the association ids, pools
and network border groups of Ipv6CidrBlockAssociationSet, the subnets' IPv6 flags, the network
interfaces' Ipv6Addresses items). The gateway route table's edge association is printed as the
writer puts it, as describe-route-tables does: an Associations entry with GatewayId and no SubnetId.
Usage: make_capture.py PATH/TO/vpcsim"""
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from capture_shapes import enis, make, subnets, vpcs  # noqa: E402


def main():
    make(HERE, [
        ("Vpcs.json", vpcs),
        ("Subnets.json", subnets),
        ("NetworkInterfaces.json", enis),
    ])


if __name__ == "__main__":
    main()
