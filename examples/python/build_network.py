"""A tool in miniature: it lays out the VPC of a build service as a vpcsim design, the way an
infrastructure generator (CDK, Terraform, a platform team's script) would, from a few options.
test_build_network.py is that tool's test suite: it asserts what the generated network reaches."""

from typing import Any, Dict, Iterable


def build_network(services: Iterable[str] = ("ecr.api", "ecr.dkr", "logs"), *, gateway_s3: bool = True,
                  nat: bool = False, endpoint_port: int = 443, runners: int = 2) -> Dict[str, Any]:
    """A private subnet of build runners, interface endpoints for `services` in an endpoint subnet
    whose security group admits `endpoint_port` from the VPC, the S3 gateway endpoint when
    `gateway_s3`, and a NAT gateway in a public subnet when `nat`."""
    design: Dict[str, Any] = {
        "vpcsim": 1,
        "account": "111122223333",
        "region": "eu-west-1",
        "vpcs": [{"name": "build-vpc", "cidr": "10.42.0.0/16", "dns_hostnames": True}],
        "subnets": [
            {"name": "runners", "cidr": "10.42.1.0/24", "az": "a"},
            {"name": "endpoints", "cidr": "10.42.2.0/24", "az": "a"},
        ],
        "security_groups": [
            {"name": "runner"},
            {"name": "endpoint", "ingress": [{"protocol": "tcp", "ports": endpoint_port, "from": "10.42.0.0/16"}]},
        ],
        "route_tables": [{"name": "private", "subnets": ["runners", "endpoints"], "routes": []}],
        "endpoints": [
            {"name": s.replace(".", "-"), "service": s, "subnets": ["endpoints"], "security_groups": ["endpoint"]}
            for s in services
        ],
        "instances": [
            {"name": f"runner-{i}", "subnet": "runners", "ip": f"10.42.1.{10 + i}", "security_groups": ["runner"]}
            for i in range(1, runners + 1)
        ],
    }
    if gateway_s3:
        design["endpoints"].append({"name": "s3", "service": "s3", "route_tables": ["private"]})
    if nat:
        design["subnets"].append({"name": "public", "cidr": "10.42.0.0/24", "az": "a"})
        design["internet_gateways"] = [{"name": "igw"}]
        design["nat_gateways"] = [{"name": "nat", "subnet": "public", "public_ip": "52.16.0.10"}]
        design["route_tables"].append({"name": "public", "subnets": ["public"],
                                       "routes": [{"to": "0.0.0.0/0", "via": "igw"}]})
        design["route_tables"][0]["routes"].append({"to": "0.0.0.0/0", "via": "nat"})
    return design
