"""The AWS CLI shapes the IPv6 scenarios' make_capture.py scripts add to `vpcsim convert --to aws`:
fields `aws ec2 describe-*` prints which the writer leaves out (association ids, pools, subnet and
interface flags, Ipv6Addresses items). Imported by ipv6/make_capture.py and ipv6-tgw/make_capture.py."""
import hashlib
import json


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
        s.update({"AvailabilityZoneId": "use1-az1", "AvailableIpAddressCount": 250, "AssignIpv6AddressOnCreation": False,
                  "Ipv6Native": False, "EnableDns64": s.get("EnableDns64", False), "MapCustomerOwnedIpOnLaunch": False,
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
