"""`vpcsim.capture`: capture an AWS account with boto3, as the README's AWS CLI loop does.

Writes ``OUT/[ACCOUNT/]REGION/``: one file per describe call with every page merged
(``vpcs.json``, ``subnets.json``, …), each transit gateway route table's static routes and
propagations (``tgw-routes-ID.json``, ``tgw-propagations-ID.json``, tagged with the table id as
the README's ``jq`` does), each customer-managed prefix list's entries
(``prefix-list-entries-ID.json``), and each VPC's DNS attributes (``dns-support-VPC.json``,
``dns-hostnames-VPC.json``), and the README's DNS calls: each region's DHCP options and Route 53
Resolver endpoints, rules and rule associations (``dhcp-options.json``, ``resolver-*.json``), and,
once beside the first region's files (Route 53 is a global service), the hosted zones
(``hosted-zones.json``), each zone's VPCs (``hosted-zone-ZONE.json``) and its records tagged with
the zone's id (``record-sets-ZONE.json``). ``vpcsim.load(OUT)`` and ``vpcsim trace OUT`` read the
result.
"""

from __future__ import annotations

import datetime
import json
import os
import warnings
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional

# The README's loop, in its order: file name -> boto3 operation.
DESCRIBE_CALLS = [
    ("vpcs", "describe_vpcs"),
    ("subnets", "describe_subnets"),
    ("route-tables", "describe_route_tables"),
    ("network-acls", "describe_network_acls"),
    ("security-groups", "describe_security_groups"),
    ("internet-gateways", "describe_internet_gateways"),
    ("egress-only-internet-gateways", "describe_egress_only_internet_gateways"),
    ("nat-gateways", "describe_nat_gateways"),
    ("vpn-gateways", "describe_vpn_gateways"),
    ("vpc-endpoints", "describe_vpc_endpoints"),
    ("instances", "describe_instances"),
    ("network-interfaces", "describe_network_interfaces"),
    ("prefix-lists", "describe_prefix_lists"),
    ("managed-prefix-lists", "describe_managed_prefix_lists"),
    ("vpc-peering-connections", "describe_vpc_peering_connections"),
    ("transit-gateways", "describe_transit_gateways"),
    ("transit-gateway-attachments", "describe_transit_gateway_attachments"),
    ("transit-gateway-vpc-attachments", "describe_transit_gateway_vpc_attachments"),
    ("transit-gateway-route-tables", "describe_transit_gateway_route_tables"),
    ("addresses", "describe_addresses"),
]

# The README's DNS calls of each region: file name -> (service, boto3 operation).
RESOLVER_CALLS = [
    ("dhcp-options", "ec2", "describe_dhcp_options"),
    ("resolver-endpoints", "route53resolver", "list_resolver_endpoints"),
    ("resolver-rules", "route53resolver", "list_resolver_rules"),
    ("resolver-rule-associations", "route53resolver", "list_resolver_rule_associations"),
]

# Envelope fields: boto3's request metadata and the paging tokens (EC2's and Resolver's NextToken,
# Route 53's NextMarker and next record) are not AWS data.
_ENVELOPE = ("ResponseMetadata", "NextToken", "NextMarker", "NextRecordName", "NextRecordType",
             "NextRecordIdentifier")


def capture(session: Any = None, regions: Optional[Iterable[str]] = None, out: "str | os.PathLike[str]" = "capture",
            *, account: Optional[str] = None) -> List[Path]:
    """Captures every region of ``regions`` (default: the session's region) with the EC2,
    Route 53 Resolver and (once, beside the first region's files: a global service) Route 53 clients
    of ``session`` (default: ``boto3.Session()``) into ``out``, as the README's AWS CLI recipe
    does, reading every page of each paginated call. ``account`` adds a 12-digit ``ACCOUNT/``
    level. Returns the files written, in order. Raises what boto3 raises (credentials,
    permissions)."""
    if session is None:
        import boto3  # only capture needs boto3
        session = boto3.Session()
    if regions is None:
        if not getattr(session, "region_name", None):
            raise ValueError("capture(): give regions=[...]; the session has no default region")
        regions = [session.region_name]
    written: List[Path] = []
    for index, region in enumerate(regions):
        directory = Path(out) / (account or "") / region
        directory.mkdir(parents=True, exist_ok=True)
        client = session.client("ec2", region_name=region)

        def write(name: str, document: Dict[str, Any]) -> None:
            path = directory / f"{name}.json"
            with open(path, "w", encoding="utf-8") as f:
                json.dump(document, f, indent=4, default=_json_default)
                f.write("\n")
            written.append(path)

        responses: Dict[str, Dict[str, Any]] = {}
        for name, operation in DESCRIBE_CALLS:
            responses[operation] = all_pages(client, operation)
            write(name, responses[operation])
        tables = responses["describe_transit_gateway_route_tables"].get("TransitGatewayRouteTables", [])
        for table_id in [t["TransitGatewayRouteTableId"] for t in tables]:
            routes = all_pages(client, "search_transit_gateway_routes", TransitGatewayRouteTableId=table_id,
                               Filters=[{"Name": "type", "Values": ["static"]}])
            if routes.get("AdditionalRoutesAvailable"):
                warnings.warn(f"{table_id}: search-transit-gateway-routes returned its limit of routes; "
                              "the capture lacks the rest", stacklevel=2)
            write(f"tgw-routes-{table_id}", {"TransitGatewayStaticRoutes": [{**routes,
                                                                            "TransitGatewayRouteTableId": table_id}]})
            propagations = all_pages(client, "get_transit_gateway_route_table_propagations",
                                     TransitGatewayRouteTableId=table_id)
            write(f"tgw-propagations-{table_id}",
                  {"TransitGatewayPropagations": [{**propagations, "TransitGatewayRouteTableId": table_id}]})
        # Customer-managed prefix lists' entries (AWS's own lists come with their CIDRs in
        # prefix-lists.json), each tagged with its list id as the README's `jq` does.
        managed = responses["describe_managed_prefix_lists"].get("PrefixLists", [])
        for list_id in [p["PrefixListId"] for p in managed if p.get("OwnerId") != "AWS"]:
            entries = all_pages(client, "get_managed_prefix_list_entries", PrefixListId=list_id)
            write(f"prefix-list-entries-{list_id}", {**entries, "PrefixListId": list_id})
        for vpc_id in [v["VpcId"] for v in responses["describe_vpcs"].get("Vpcs", [])]:
            for attribute, name in (("enableDnsSupport", "dns-support"), ("enableDnsHostnames", "dns-hostnames")):
                write(f"{name}-{vpc_id}", all_pages(client, "describe_vpc_attribute", VpcId=vpc_id, Attribute=attribute))
        # DNS across VPCs: DHCP options (custom DNS servers) and Resolver rules, per region.
        clients = {"ec2": client}
        for name, service, operation in RESOLVER_CALLS:
            if service not in clients:
                clients[service] = session.client(service, region_name=region)
            write(name, all_pages(clients[service], operation))
        if index == 0:
            # Route 53 is global: its files once, beside the first region's. Each zone's VPCs
            # (get-hosted-zone) and its records, tagged with the zone's id as the README's `jq` does.
            route53 = session.client("route53", region_name=region)
            zones = all_pages(route53, "list_hosted_zones")
            write("hosted-zones", zones)
            for zone_id in [z["Id"] for z in zones.get("HostedZones", [])]:
                zone_id = zone_id[len("/hostedzone/"):] if zone_id.startswith("/hostedzone/") else zone_id
                write(f"hosted-zone-{zone_id}", all_pages(route53, "get_hosted_zone", Id=zone_id))
                records = all_pages(route53, "list_resource_record_sets", HostedZoneId=zone_id)
                write(f"record-sets-{zone_id}", {**records, "HostedZoneId": zone_id})
    return written


def all_pages(client: Any, operation: str, **arguments: Any) -> Dict[str, Any]:
    """One response holding every page of ``operation``: the lists of each page concatenated, the
    other fields of the first page, the envelope (``ResponseMetadata``, ``NextToken``) dropped.
    Operations boto3 has no paginator for are called again with the ``NextToken`` a page returns."""
    if client.can_paginate(operation):
        pages: Iterable[Dict[str, Any]] = client.get_paginator(operation).paginate(**arguments)
    else:
        pages = _token_pages(client, operation, arguments)
    merged: Dict[str, Any] = {}
    for page in pages:
        for key, value in page.items():
            if key in _ENVELOPE:
                continue
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            else:
                merged.setdefault(key, value)
    if "IsTruncated" in merged:
        merged["IsTruncated"] = False  # every page is in
    return merged


def _token_pages(client: Any, operation: str, arguments: Dict[str, Any]) -> Iterable[Dict[str, Any]]:
    page = getattr(client, operation)(**arguments)
    yield page
    while page.get("NextToken"):
        page = getattr(client, operation)(**arguments, NextToken=page["NextToken"])
        yield page


def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()  # as the AWS CLI prints timestamps
    raise TypeError(f"{type(value).__name__} is not JSON data")
