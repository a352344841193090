"""What the hand-made scenarios' make_capture.py scripts share: `make` writes capture/ from
design.jsonc with `vpcsim convert --to aws`, then rewrites files into the exact shapes the AWS CLI
prints, with the fields the writer leaves out (association ids, pools, subnet and interface flags,
Ipv6Addresses items, describe-egress-only-internet-gateways without OwnerId). Imported by the
make_capture.py of ipv6, ipv6-tgw, ingress-routing and blocking-codes. Run as a script, it writes
the captures of the dual-stack scenarios that need no other shape (DUAL_STACK):
Usage: capture_shapes.py PATH/TO/vpcsim SCENARIO_DIR...  (dns64, ipv6-only, internet-inbound)"""
import hashlib
import json
import pathlib
import shutil
import subprocess
import sys

ACCOUNT = "111122223333"


def region_dir(here):
    """The capture's one region folder."""
    return here / "capture" / ACCOUNT / "us-east-1"


def make(here, rewrites):
    """Writes here/capture: `vpcsim convert here/design.jsonc --to aws` (vpcsim: the script's first
    argument), then each (file name, fix) of `rewrites`, in order, in the region folder."""
    capture = here / "capture"
    shutil.rmtree(capture, ignore_errors=True)
    subprocess.run([sys.argv[1], "convert", str(here / "design.jsonc"), "--to", "aws", "--out", str(capture)], check=True)
    for name, fix in rewrites:
        rewrite(region_dir(here), name, fix)


def suffix(text, n=17):
    """A fixed hex id suffix per text (AWS ids are random; these stay stable across runs)."""
    return hashlib.sha256(text.encode()).hexdigest()[:n]


def rewrite(region_dir, name, fix):
    path = region_dir / name
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
        # EnableDns64 as the writer put it (DNS-15), else AWS's default.
        # Ipv6Native and EnableDns64 as the writer put them (VPC-6, DNS-15), else AWS's defaults; an
        # IPv6-only subnet has no CidrBlock and no IPv4 addresses to count.
        native = s.pop("Ipv6Native", False)
        s.update({"AvailabilityZoneId": "use1-az1", "AvailableIpAddressCount": 0 if native else 250,
                  "AssignIpv6AddressOnCreation": native,
                  "Ipv6Native": native, "EnableDns64": s.get("EnableDns64", False), "MapCustomerOwnedIpOnLaunch": False,
                  "SubnetArn": "arn:aws:ec2:us-east-1:111122223333:subnet/" + s["SubnetId"],
                  "PrivateDnsNameOptionsOnLaunch": {"HostnameType": "resource-name" if native else "ip-name", "EnableResourceNameDnsARecord": False,
                                                    "EnableResourceNameDnsAAAARecord": False}})
        for a in s.get("Ipv6CidrBlockAssociationSet", []):
            a["AssociationId"] = "subnet-cidr-assoc-0" + suffix(a["Ipv6CidrBlock"])


def enis(d):
    for e in d["NetworkInterfaces"]:
        e["MacAddress"] = "0e:" + ":".join(suffix(e["NetworkInterfaceId"], 10)[i:i + 2] for i in range(0, 10, 2))
        e["Ipv6Addresses"] = [{"Ipv6Address": a["Ipv6Address"], "IsPrimaryIpv6": False} for a in e.get("Ipv6Addresses", [])]
        if not e.get("PrivateIpAddresses"):
            # An interface of an IPv6-only subnet (VPC-6): no private IPv4, so no PrivateIpAddress nor
            # PrivateDnsName; its first IPv6 address is Ipv6Address.
            e["PrivateIpAddresses"] = []
            e["Ipv6Native"] = True
            if e["Ipv6Addresses"]:
                e["Ipv6Address"] = e["Ipv6Addresses"][0]["Ipv6Address"]
        else:
            ip = e["PrivateIpAddresses"][0]["PrivateIpAddress"]
            dns = "ip-" + ip.replace(".", "-") + ".ec2.internal"
            e["PrivateDnsName"] = dns
            e["PrivateIpAddress"] = ip
            e["Ipv6Native"] = False
            for p in e["PrivateIpAddresses"]:
                p["PrivateDnsName"] = dns
        if "Attachment" in e:
            e["Attachment"].update({"AttachTime": "2026-11-01T09:00:00+00:00",
                                    "AttachmentId": "eni-attach-0" + suffix(e["NetworkInterfaceId"]),
                                    "DeleteOnTermination": True, "NetworkCardIndex": 0, "InstanceOwnerId": "111122223333"})


def eigws(d):
    """describe-egress-only-internet-gateways prints no OwnerId."""
    for g in d["EgressOnlyInternetGateways"]:
        g.pop("OwnerId", None)


# The rewrites of a dual-stack scenario without other AWS CLI shapes to restore (dns64, ipv6-only,
# internet-inbound; ipv6 adds its own).
DUAL_STACK = [
    ("Vpcs.json", vpcs),
    ("Subnets.json", subnets),
    ("NetworkInterfaces.json", enis),
    ("EgressOnlyInternetGateways.json", eigws),
]


if __name__ == "__main__":
    for scenario in sys.argv[2:]:
        make(pathlib.Path(scenario).resolve(), DUAL_STACK)
