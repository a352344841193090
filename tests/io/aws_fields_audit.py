#!/usr/bin/env python3
"""No documented field of a resource vpcsim reads is reported as unknown.

For every describe-* response the importer reads, takes a real element of that response from the
test data, adds every member that botocore's EC2 service model (Debian's python3-botocore) lists
for its output shape and that the element lacks (recursively, in the nested objects the element
has), loads the result with `vpcsim validate` and fails on any `vpcsim.import.unknown_field`.
Exits 77 (skipped) where botocore is not installed.

    aws_fields_audit.py VPCSIM DATA_DIR WORK_DIR
"""
import gzip
import json
import os
import subprocess
import sys

# (describe operation, top-level key, file written); `PrefixLists` answers two operations.
OPERATIONS = [
    ("DescribeVpcs", "Vpcs"), ("DescribeSubnets", "Subnets"), ("DescribeRouteTables", "RouteTables"),
    ("DescribeSecurityGroups", "SecurityGroups"), ("DescribeNetworkAcls", "NetworkAcls"),
    ("DescribeInternetGateways", "InternetGateways"),
    ("DescribeEgressOnlyInternetGateways", "EgressOnlyInternetGateways"),
    ("DescribeNatGateways", "NatGateways"), ("DescribeVpnGateways", "VpnGateways"),
    ("DescribeVpcEndpoints", "VpcEndpoints"), ("DescribeInstances", "Reservations"),
    ("DescribeNetworkInterfaces", "NetworkInterfaces"), ("DescribePrefixLists", "PrefixLists"),
    ("DescribeManagedPrefixLists", "PrefixLists"), ("DescribeVpcPeeringConnections", "VpcPeeringConnections"),
    ("DescribeTransitGateways", "TransitGateways"), ("DescribeTransitGatewayAttachments", "TransitGatewayAttachments"),
    ("DescribeTransitGatewayVpcAttachments", "TransitGatewayVpcAttachments"),
    ("DescribeTransitGatewayRouteTables", "TransitGatewayRouteTables"), ("DescribeAddresses", "Addresses"),
    ("GetManagedPrefixListEntries", "Entries"), ("DescribeDhcpOptions", "DhcpOptions"),
]

SCALARS = {"string": "example", "boolean": False, "integer": 1, "long": 1, "double": 1.0, "float": 1.0,
           "timestamp": "2026-11-01T09:00:00+00:00", "blob": ""}


def service_model():
    try:
        import botocore
    except ImportError:
        return None
    root = os.path.join(os.path.dirname(botocore.__file__), "data", "ec2")
    path = os.path.join(root, sorted(os.listdir(root))[-1], "service-2.json")
    if os.path.exists(path):
        with open(path) as f:
            return json.load(f)
    with gzip.open(path + ".gz", "rt") as f:  # newer botocore releases compress their models
        return json.load(f)


def empty_value(shapes, name):
    kind = shapes[name]["type"]
    if kind == "list":
        return []
    if kind in ("structure", "map"):
        return {}
    return SCALARS[kind]


def augment(shapes, name, value):
    """`value` with every member of shape `name` it lacks, recursing into what it has."""
    shape = shapes[name]
    if shape["type"] == "structure" and isinstance(value, dict):
        out = dict(value)
        for member, spec in shape["members"].items():
            if member in out:
                out[member] = augment(shapes, spec["shape"], out[member])
            else:
                out[member] = empty_value(shapes, spec["shape"])
        return out
    if shape["type"] == "list" and isinstance(value, list):
        return [augment(shapes, shape["member"]["shape"], v) for v in value]
    return value


def json_files(root):
    for d, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            if f.endswith(".json"):
                yield os.path.join(d, f)


def base_elements(data_dir, key, managed):
    """A few real elements of `key` from the test data's captures (the describe-managed-prefix-lists
    shape has an owner, the describe-prefix-lists shape CIDRs)."""
    found = []
    for root in ("scenarios", "corpus", "aws"):
        for path in json_files(os.path.join(data_dir, root)):
            try:
                with open(path) as f:
                    doc = json.load(f)
            except (ValueError, UnicodeDecodeError):
                continue
            if not isinstance(doc, dict) or not isinstance(doc.get(key), list):
                continue
            for el in doc[key]:
                if not isinstance(el, dict):
                    continue
                if key == "PrefixLists" and ("OwnerId" in el) != managed:
                    continue
                found.append(el)
                if len(found) == 3:
                    return found
    return found


def main(argv):
    vpcsim, data_dir, work = argv[1:4]
    model = service_model()
    if model is None:
        print("skipped: python3-botocore is not installed")
        return 77
    shapes, operations = model["shapes"], model["operations"]
    os.makedirs(work, exist_ok=True)
    for f in os.listdir(work):
        os.remove(os.path.join(work, f))
    for op, key in OPERATIONS:
        output = shapes[operations[op]["output"]["shape"]]
        list_shape = output["members"][key]["shape"]
        elements = base_elements(data_dir, key, op == "DescribeManagedPrefixLists")
        if not elements:  # every member at its empty value
            elements = [{}]
        doc = {key: augment(shapes, list_shape, elements)}
        if key == "Entries":
            doc["PrefixListId"] = "pl-0a1b2c3d4e5f60718"
        with open(os.path.join(work, op + ".json"), "w") as f:
            json.dump(doc, f, indent=1)
    attribute = shapes[operations["DescribeVpcAttribute"]["output"]["shape"]]
    doc = augment(shapes, operations["DescribeVpcAttribute"]["output"]["shape"],
                  {"VpcId": "vpc-0e1a2b3c4d5e6f701", "EnableDnsSupport": {"Value": True}})
    assert set(doc) == set(attribute["members"])
    with open(os.path.join(work, "DescribeVpcAttribute.json"), "w") as f:
        json.dump(doc, f, indent=1)

    run = subprocess.run([vpcsim, "validate", work, "--region", "us-east-1"], capture_output=True, text=True)
    unknown = [line for line in (run.stdout + run.stderr).splitlines() if "unknown_field" in line]
    for line in unknown:
        print(line)
    print(f"{len(OPERATIONS) + 1} responses, every documented member added: {len(unknown)} reported as unknown")
    return 1 if unknown else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
