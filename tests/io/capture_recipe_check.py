#!/usr/bin/env python3
"""The test capture of the README's recipe has a file for every call the recipe makes.

Reads the capture loop of the README ("Input: AWS CLI captures": `for c in …; do aws ec2
describe-$c … > $c.json`) and the further files it writes (TGW routes and propagations per table,
prefix-list entries per customer-managed list, VPC attributes per VPC), and checks that
tests/data/scenarios/capture-recipe/us-east-1 holds each, in the shape the AWS CLI writes (the
top-level key of the call's answer). A call added to the README without test data fails here.

    capture_recipe_check.py README.md CAPTURE_DIR [DNS_CAPTURE_DIR]

The DNS calls (DHCP options, Route 53, Route 53 Resolver) are checked in DNS_CAPTURE_DIR when
given (tests/data/scenarios/capture-recipe-dns/us-east-1), else in CAPTURE_DIR.
"""
import json
import os
import re
import sys

# The top-level key of each call's answer.
KEYS = {
    "vpcs": "Vpcs", "subnets": "Subnets", "route-tables": "RouteTables", "network-acls": "NetworkAcls",
    "security-groups": "SecurityGroups", "internet-gateways": "InternetGateways",
    "egress-only-internet-gateways": "EgressOnlyInternetGateways", "nat-gateways": "NatGateways",
    "vpn-gateways": "VpnGateways", "vpc-endpoints": "VpcEndpoints", "instances": "Reservations",
    "network-interfaces": "NetworkInterfaces", "prefix-lists": "PrefixLists", "managed-prefix-lists": "PrefixLists",
    "vpc-peering-connections": "VpcPeeringConnections", "transit-gateways": "TransitGateways",
    "transit-gateway-attachments": "TransitGatewayAttachments",
    "transit-gateway-vpc-attachments": "TransitGatewayVpcAttachments",
    "transit-gateway-route-tables": "TransitGatewayRouteTables", "addresses": "Addresses",
}
# Route 53 and Route 53 Resolver: the file the recipe writes, and the key its answer holds.
ROUTE53 = {
    "dhcp-options.json": "DhcpOptions", "hosted-zones.json": "HostedZones", "resolver-endpoints.json": "ResolverEndpoints",
    "resolver-rules.json": "ResolverRules", "resolver-rule-associations.json": "ResolverRuleAssociations",
}


def main(argv):
    readme, capture = argv[1], argv[2]
    dns_capture = argv[3] if len(argv) > 3 else capture
    text = open(readme).read()
    m = re.search(r"for c in (.*?); do\n\s*aws ec2 describe-\$c .*?> \$c\.json", text, re.S)
    if not m:
        print("README: no `for c in …; do aws ec2 describe-$c … > $c.json` loop")
        return 1
    calls = m.group(1).replace("\\\n", " ").split()
    problems = []
    for c in calls:
        if c not in KEYS:
            problems.append(f"README calls describe-{c}, whose answer this check does not know")
            continue
        path = os.path.join(capture, c + ".json")
        if not os.path.exists(path):
            problems.append(f"no {c}.json in {capture}")
            continue
        doc = json.load(open(path))
        if list(doc) != [KEYS[c]]:
            problems.append(f"{c}.json holds {list(doc)}, describe-{c} answers {{'{KEYS[c]}': …}}")
    for name, key in ROUTE53.items():
        if "> " + name not in text and "> $c.json" not in text:
            problems.append(f"README no longer writes {name}")
        path = os.path.join(dns_capture, name)
        if not os.path.exists(path):
            problems.append(f"no {name} in {dns_capture}")
        elif key not in json.load(open(path)):
            problems.append(f"{name} does not hold '{key}'")
    # The files written per resource: each pattern of the README must have at least one file.
    for pattern, where in (("prefix-list-entries-$p.json", capture), ("dns-support-$v.json", capture),
                           ("dns-hostnames-$v.json", capture), ("hosted-zone-$z.json", dns_capture),
                           ("record-sets-$z.json", dns_capture)):
        if pattern not in text:
            problems.append(f"README no longer writes {pattern}")
        prefix = pattern.split("$")[0]
        if not any(f.startswith(prefix) for f in os.listdir(where)):
            problems.append(f"no {prefix}*.json in {where}")
    for p in problems:
        print(p)
    print(f"{len(calls)} calls in the README's capture loop, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
