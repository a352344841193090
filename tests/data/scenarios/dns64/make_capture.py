#!/usr/bin/env python3
"""Writes capture/ from design.jsonc: `vpcsim convert design.jsonc --to aws`, then the IPv6 fields in
the exact shapes `aws ec2 describe-*` prints, which the writer leaves out (ipv6_capture_shapes.py:
association ids, pools, the subnets' flags with their EnableDns64, the network interfaces'
Ipv6Addresses items) and describe-egress-only-internet-gateways' shape (no OwnerId).
Usage: make_capture.py PATH/TO/vpcsim"""
import pathlib
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
CAPTURE = HERE / "capture"
REGION_DIR = CAPTURE / "111122223333" / "us-east-1"
sys.path.insert(0, str(HERE.parent))
from ipv6_capture_shapes import enis, rewrite as rewrite_in, subnets, vpcs  # noqa: E402


def rewrite(name, fix):
    rewrite_in(REGION_DIR, name, fix)


def eigws(d):
    for g in d["EgressOnlyInternetGateways"]:
        g.pop("OwnerId", None)


def main():
    vpcsim = sys.argv[1]
    shutil.rmtree(CAPTURE, ignore_errors=True)
    subprocess.run([vpcsim, "convert", str(HERE / "design.jsonc"), "--to", "aws", "--out", str(CAPTURE)], check=True)
    rewrite("Vpcs.json", vpcs)
    rewrite("Subnets.json", subnets)
    rewrite("NetworkInterfaces.json", enis)
    rewrite("EgressOnlyInternetGateways.json", eigws)


if __name__ == "__main__":
    main()
