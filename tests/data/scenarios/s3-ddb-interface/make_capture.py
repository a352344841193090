#!/usr/bin/env python3
"""Writes capture/ from design.jsonc: `vpcsim convert design.jsonc --to aws`, then VpcEndpoints.json
in the exact shape `aws ec2 describe-vpc-endpoints` prints (key order, IpAddressType, GroupName,
RequesterManaged, the DnsEntries' HostedZoneId, CreationTimestamp, the default PolicyDocument), which
the writer leaves out. Usage: make_capture.py PATH/TO/vpcsim"""
import hashlib
import json
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
REGION_DIR = HERE / "capture" / "111122223333" / "us-east-1"
# The Regional PrivateLink zone of us-east-1 (the endpoint-specific names' HostedZoneId).
VPCE_ZONE = "Z7HUB22UULQXV"
DEFAULT_POLICY = ('{\n  "Version": "2008-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n'
                  '      "Principal": "*",\n      "Action": "*",\n      "Resource": "*"\n    }\n  ]\n}')


def private_zone(endpoint_id):
    """A private hosted zone id, fixed per endpoint (AWS's managed zone for its private DNS names)."""
    return "Z0" + hashlib.sha256(endpoint_id.encode()).hexdigest()[:18].upper()


def reshape(e, group_names):
    interface = e["VpcEndpointType"] == "Interface"
    out = {k: e[k] for k in ("VpcEndpointId", "VpcEndpointType", "VpcId", "ServiceName", "State")}
    out["PolicyDocument"] = e.get("PolicyDocument", DEFAULT_POLICY)
    out["RouteTableIds"] = e["RouteTableIds"]
    out["SubnetIds"] = e["SubnetIds"]
    out["Groups"] = [{"GroupId": g["GroupId"], "GroupName": group_names[g["GroupId"]]} for g in e["Groups"]]
    if interface:
        out["IpAddressType"] = "ipv4"
        out["DnsOptions"] = e["DnsOptions"]
    out["PrivateDnsEnabled"] = e["PrivateDnsEnabled"]
    out["RequesterManaged"] = False
    out["NetworkInterfaceIds"] = e["NetworkInterfaceIds"]
    out["DnsEntries"] = [{"DnsName": d["DnsName"],
                          "HostedZoneId": VPCE_ZONE if ".vpce.amazonaws.com" in d["DnsName"] else private_zone(e["VpcEndpointId"])}
                         for d in e["DnsEntries"]]
    out["CreationTimestamp"] = "2025-03-11T09:24:51.000Z"
    out["Tags"] = e["Tags"]
    out["OwnerId"] = e["OwnerId"]
    return out


def main():
    vpcsim = sys.argv[1]
    subprocess.run([vpcsim, "convert", str(HERE / "design.jsonc"), "--to", "aws", "--out", str(HERE / "capture"), "--force"],
                   check=True)
    groups = json.loads((REGION_DIR / "SecurityGroups.json").read_text())["SecurityGroups"]
    group_names = {g["GroupId"]: g["GroupName"] for g in groups}
    path = REGION_DIR / "VpcEndpoints.json"
    endpoints = json.loads(path.read_text())["VpcEndpoints"]
    endpoints = [reshape(e, group_names) for e in sorted(endpoints, key=lambda e: e["VpcEndpointId"])]
    path.write_text(json.dumps({"VpcEndpoints": endpoints}, indent=4) + "\n")


if __name__ == "__main__":
    main()
