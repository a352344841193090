#!/usr/bin/env python3
"""Writes capture/ from design.jsonc: `vpcsim convert design.jsonc --to aws`, then the IPv6 fields in
the exact shapes `aws ec2 describe-*` prints, which the writer leaves out (the association ids, pools
and network border groups of Ipv6CidrBlockAssociationSet, the subnets' IPv6 flags, the network
interfaces' Ipv6Addresses items), and describe-egress-only-internet-gateways' shape (no OwnerId).
Usage: make_capture.py PATH/TO/vpcsim"""
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from capture_shapes import DUAL_STACK, make  # noqa: E402


def main():
    make(HERE, DUAL_STACK)


if __name__ == "__main__":
    main()
