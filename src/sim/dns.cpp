// Destination resolution (B.5, B.9 step 1).
#include <vpcsim/error.hpp>
#include <vpcsim/services/catalogue.hpp>
#include <vpcsim/sim/codes.hpp>
#include <vpcsim/sim/dns.hpp>

#include "../model/edit_distance.hpp"

#include <algorithm>
#include <cctype>

namespace vpcsim {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The endpoint ENI a client uses: one in the client's AZ when there is one, else the first
// (IF-12: whether the Regional name prefers the same AZ is not documented; this is vpcsim's choice).
const network_interface* endpoint_eni(const network& net, const vpc_endpoint& ep, const std::string& client_az,
                                      std::vector<std::string>& warnings) {
  const network_interface* first = nullptr;
  for (const auto& id : ep.network_interfaces) {
    const auto* eni = net.find(id);
    if (!eni || !eni->primary_ip()) continue;
    if (!first) first = eni;
    if (!client_az.empty() && eni->availability_zone == client_az) return eni;
  }
  if (first && !client_az.empty() && first->availability_zone != client_az)
    warnings.push_back(ep.id.str() + " has no network interface in " + client_az + "; the client uses " +
                       first->id.str() + " in " + first->availability_zone +
                       " across availability zones (IF-12, inter-AZ charges apply)");
  return first;
}

// IF-10: a zonal endpoint-specific name answers with that zone's ENI only.
const network_interface* zonal_eni(const network& net, const vpc_endpoint& ep, const std::string& zone) {
  for (const auto& id : ep.network_interfaces)
    if (const auto* eni = net.find(id); eni && eni->primary_ip() && eni->availability_zone == zone) return eni;
  return nullptr;
}

// `ip-10-0-1-5.ec2.internal`, `ip-10-0-1-5.us-east-2.compute.internal`: Amazon-provided private names.
std::optional<address4> private_dns_name_address(const std::string& host) {
  if (host.rfind("ip-", 0) != 0) return std::nullopt;
  const auto dot = host.find('.');
  if (dot == std::string::npos) return std::nullopt;
  const auto tail = host.substr(dot);
  if (tail != ".ec2.internal" && !(tail.size() > 18 && tail.ends_with(".compute.internal"))) return std::nullopt;
  std::string dotted = host.substr(3, dot - 3);
  std::replace(dotted.begin(), dotted.end(), '-', '.');
  return parse_address4(dotted);
}

const vpc_endpoint* find_interface_endpoint(const network& net, const vpc_id& v, const std::string& service_name) {
  for (const auto* ep : net.endpoints_in(v))
    if (ep->type == endpoint_type::interface && ep->service_name == service_name) return ep;
  return nullptr;
}

// A service as `--to` names it: catalogued, or named only by an endpoint of the input (IF-16).
struct named_service {
  std::string short_name;    ///< `X` of `com.amazonaws.REGION.X`; the full name of other endpoint services
  std::string region;
  std::string service_name;  ///< the endpoint service name
  bool catalogued = false;
};

named_service aws_service(const std::string& short_name, const std::string& region) {
  return {short_name, region, services::endpoint_service_name(short_name, region),
          services::find_service(short_name) != nullptr};
}

// The service an endpoint of the input connects to, as the client in `region` names it.
named_service service_of(const vpc_endpoint& ep, const std::string& region) {
  if (auto parts = services::parse_endpoint_service_name(lower(ep.service_name)))
    return aws_service(parts->short_name, parts->region);
  // `com.amazonaws.vpce.REGION.vpce-svc-…` and other endpoint services: no short name (IF-16).
  return {lower(ep.service_name), ep.where.region.empty() ? region : ep.where.region, ep.service_name, false};
}

// IF-16: `host` names a service through an endpoint of the input: its service name, or the short
// name of a `com.amazonaws.REGION.X` service.
std::optional<named_service> service_named_by_endpoint(const network& net, const std::string& host,
                                                       const std::string& region) {
  for (const auto& [id, ep] : net.all<vpc_endpoint>()) {
    if (ep.type != endpoint_type::interface) continue;
    if (lower(ep.service_name) == host) return service_of(ep, region);
    if (auto parts = services::parse_endpoint_service_name(lower(ep.service_name)); parts && parts->short_name == host)
      return aws_service(host, region);
  }
  return std::nullopt;
}

// Whether `host` is `name`, or matches it as a wildcard name (`*.d.codeartifact.…`: any labels).
bool dns_name_matches(const std::string& name, const std::string& host) {
  const std::string n = lower(name.ends_with(".") ? name.substr(0, name.size() - 1) : name);
  if (n == host) return true;
  return n.starts_with("*.") && host.size() > n.size() - 1 && host.ends_with(n.substr(1));
}

// The endpoint whose `DnsEntries` list `host` (IF-10 names, and the private DNS names AWS lists when
// private DNS is on), or nullptr.
const vpc_endpoint* endpoint_listing(const network& net, const std::string& host) {
  for (const auto& [id, ep] : net.all<vpc_endpoint>())
    if (ep.type == endpoint_type::interface)
      for (const auto& n : ep.dns_names)
        if (dns_name_matches(n, host)) return &ep;
  return nullptr;
}


// Up to five destinations close to `host`: catalogued services and the services the input's
// endpoints name, within two edits or extending it by a part (`sagemaker` -> `sagemaker.api`).
std::vector<std::string> close_names(const network& net, const std::string& host) {
  std::vector<std::string> candidates{"ecr"};
  for (const auto& s : services::all_services()) candidates.push_back(s.short_name);
  for (const auto& [id, ep] : net.all<vpc_endpoint>()) {
    candidates.push_back(lower(ep.service_name));
    if (auto parts = services::parse_endpoint_service_name(lower(ep.service_name))) candidates.push_back(parts->short_name);
  }
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& c : candidates) {
    const std::size_t d = c.starts_with(host + ".") || c.starts_with(host + "-") ? 1 : detail::edit_distance(host, c);
    if (d <= 2 && d < c.size()) scored.emplace_back(d, c);
  }
  std::sort(scored.begin(), scored.end());
  scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
  std::vector<std::string> out;
  for (const auto& [d, c] : scored)
    if (out.size() < 5 && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  return out;
}

}  // namespace

destination public_service_address(const network& net, const std::string& short_name, const std::string& region) {
  destination d;
  d.service = short_name;
  d.region = region;
  const auto host = services::default_hostname(short_name, region);
  // GW-5: the AWS-managed prefix list is what a gateway endpoint route matches; prefer it.
  const auto* pl = net.prefix_list_named(services::endpoint_service_name(short_name, region));
  if (pl && !pl->cidrs.empty()) {
    d.address = services::representative_address(prefix_set{pl->cidrs});
    d.by = "public DNS of " + host + " (an address in prefix list " + pl->id.str() + ")";
    return d;
  }
  d.address = services::representative_address(short_name, region);
  if (!services::published_ranges(short_name, region).empty()) {
    d.by = "public DNS of " + host + " (an address in AWS's published " + short_name + " ranges for " + region + ")";
    d.warnings.push_back((pl ? "prefix list " + pl->id.str() + " (" + pl->name + ") has no entries in the input"
                             : "the input has no prefix list for " + services::endpoint_service_name(short_name, region)) +
                         "; vpcsim used AWS's published ip-ranges, which AWS does not state equal the prefix list");
  } else if (host.empty()) {
    // IF-16: a service only the input's endpoints name.
    d.by = "public DNS of " + short_name + " (a representative public address of the service)";
    d.warnings.push_back("the catalogue does not know " + services::endpoint_service_name(short_name, region) +
                         ", so its public name and addresses are unknown; vpcsim used a representative public "
                         "address (IF-16)");
  } else {
    d.by = "public DNS of " + host + " (a representative public address of the service)";
  }
  return d;
}

resolution_result resolve_destination(const network& net, const std::string& to, const vpc_id& client_vpc,
                                      const std::string& region, const std::string& client_az) {
  resolution_result out;
  destination d;

  // Addresses and resources need no DNS.
  if (auto a = parse_address4(to)) {
    d.address = *a;
    d.by = "IP address";
    out.dest = d;
    return out;
  }
  if (to.rfind("i-", 0) == 0) {
    const auto* inst = net.find(instance_id{to});
    if (!inst) throw usage_error("vpcsim.trace.unknown_destination", "instance " + to + " is not in the input");
    auto enis = net.interfaces_of(inst->id);
    std::optional<address4> ip = inst->private_ip;
    if (!ip && !enis.empty()) ip = enis.front()->primary_ip();
    if (!ip) throw usage_error("vpcsim.trace.unknown_destination", "instance " + to + " has no private IPv4 address");
    d.address = *ip;
    d.by = "primary private IP of " + to;
    out.dest = d;
    return out;
  }
  if (to.rfind("eni-", 0) == 0) {
    const auto* eni = net.find(network_interface_id{to});
    if (!eni) throw usage_error("vpcsim.trace.unknown_destination", "network interface " + to + " is not in the input");
    if (!eni->primary_ip())
      throw usage_error("vpcsim.trace.unknown_destination", "network interface " + to + " has no private IPv4 address");
    d.address = *eni->primary_ip();
    d.by = "primary private IP of " + to;
    out.dest = d;
    return out;
  }

  // Names: a service, a service hostname, an endpoint-specific name, or a private EC2 name.
  const std::string host = lower(to.ends_with(".") ? to.substr(0, to.size() - 1) : to);
  std::optional<named_service> svc;
  const vpc_endpoint* named_endpoint = nullptr;  // IF-10: the endpoint an endpoint-specific name names
  std::string zone;                              // ... and its zone, for a zonal name
  if (const auto* s = services::find_service(host)) {
    const auto parts = services::parse_endpoint_service_name(host);
    svc = aws_service(s->short_name, parts ? parts->region : region);
  } else if (auto m = services::match_hostname(host)) {
    svc = aws_service(m->short_name, m->region);
    if (!m->endpoint_id.empty()) {
      named_endpoint = net.find(vpc_endpoint_id{m->endpoint_id});
      if (!named_endpoint)
        throw usage_error("vpcsim.trace.unknown_destination", "endpoint " + m->endpoint_id + " is not in the input");
      zone = m->zone;
    }
  } else if (auto named = service_named_by_endpoint(net, host, region)) {
    svc = named;
  } else if (const auto* ep = endpoint_listing(net, host)) {
    // IF-10, IF-16: a name the endpoint's DnsEntries list: an endpoint-specific name, or the private
    // DNS name of its service.
    svc = service_of(*ep, region);
    if (auto e = services::parse_endpoint_specific_name(host); e && e->endpoint_id == ep->id.str()) {
      named_endpoint = ep;
      zone = e->zone;
    }
  } else if (auto e = services::parse_endpoint_specific_name(host); e && net.find(vpc_endpoint_id{e->endpoint_id})) {
    // IF-10: an endpoint-specific name of an endpoint the input holds, without DnsEntries to match.
    named_endpoint = net.find(vpc_endpoint_id{e->endpoint_id});
    svc = service_of(*named_endpoint, region);
    zone = e->zone;
  } else if (!private_dns_name_address(host)) {
    std::string message = "cannot resolve '" + to +
                          "' offline: give an IPv4 address, an instance or network interface id, a service name "
                          "(s3, dynamodb, ecr.api, ecr.dkr, ...) or an AWS service hostname";
    if (const auto near = close_names(net, host); !near.empty()) {
      message += "; close names: ";
      for (std::size_t i = 0; i < near.size(); ++i) message += (i ? ", " : "") + near[i];
    }
    throw usage_error("vpcsim.trace.unknown_destination", message);
  }

  // DNS-4: without enableDnsSupport the Amazon resolver does not answer at all.
  if (const auto support = net.dns_support(client_vpc); !support.enabled) {
    out.failure = blocked_by{std::string(codes::dns_resolution_disabled), client_vpc.str(), "enableDnsSupport = false",
                             "The Amazon DNS server does not answer in " + client_vpc.str() + ", so '" + to +
                                 "' does not resolve (DNS-4)",
                             "Enable DNS resolution (enableDnsSupport) on " + client_vpc.str() +
                                 ", or give the destination as an IP address",
                             {}};
    return out;
  }

  if (auto a = private_dns_name_address(host)) {
    d.address = *a;
    d.by = "Amazon-provided private DNS name";
    out.dest = d;
    return out;
  }

  const std::string& short_name = svc->short_name;
  const std::string& svc_region = svc->region;
  d.service = short_name;
  d.region = svc_region;
  const bool aws = services::parse_endpoint_service_name(lower(svc->service_name)).has_value();
  // IF-16: a service the catalogue does not know is traced through the input's endpoints.
  if (!svc->catalogued)
    d.warnings.push_back((aws ? "the catalogue does not know " + svc->service_name
                              : svc->service_name + " is an endpoint service, not an AWS service") +
                         "; vpcsim traces it through the endpoints of the input and their DNS names (IF-16)");

  // IF-10: endpoint-specific names resolve to that endpoint's ENIs from anywhere; a zonal name to
  // the ENI in its zone.
  auto by_endpoint_name = [&](const vpc_endpoint& ep, const std::string& in_zone, std::string by) {
    const auto* eni = in_zone.empty() ? endpoint_eni(net, ep, client_az, d.warnings) : zonal_eni(net, ep, in_zone);
    if (!eni)
      throw usage_error("vpcsim.trace.unknown_destination",
                        "endpoint " + ep.id.str() + " has no network interface with an address" +
                            (in_zone.empty() ? std::string{} : " in " + in_zone) + " in the input");
    d.address = *eni->primary_ip();
    d.by = std::move(by);
    d.endpoint = &ep;
    out.dest = d;
    return out;
  };
  if (named_endpoint) return by_endpoint_name(*named_endpoint, zone, "endpoint-specific DNS name of " + named_endpoint->id.str());

  // IF-11a / DNS-6: private DNS of an interface endpoint in the client's VPC captures the default name.
  const auto* ep = find_interface_endpoint(net, client_vpc, svc->service_name);
  if (ep) {
    const auto support = net.dns_support(client_vpc);
    const auto hostnames = net.dns_hostnames(client_vpc);
    const auto* known = services::find_service(short_name);
    const std::string default_name =
        known ? services::default_hostname(short_name, svc_region) : "the private DNS name of " + svc->service_name;
    if (!ep->private_dns_enabled) {
      d.warnings.push_back(ep->id.str() + " has private DNS disabled, so " + default_name +
                           (aws ? " resolves to public addresses" : " does not lead to it") +
                           "; only its endpoint-specific names lead to it (IF-11e)" +
                           (short_name == "ecr.dkr" ? "; ecr.dkr needs private DNS enabled (ECR-1)" : ""));
    } else if (short_name == "s3" && ep->private_dns_only_for_inbound_resolver_endpoint.value_or(false)) {
      // A capture without DnsOptions predates the option: false. The API's default of true (S3IF-4)
      // applies when an endpoint is created, and then shows in DnsOptions.
      // S3IF-4: in-VPC clients keep public S3 addresses (and the gateway endpoint).
      d.warnings.push_back(ep->id.str() +
                           " enables private DNS only for inbound Resolver endpoints; clients in the VPC resolve S3 "
                           "to public addresses (S3IF-4)");
    } else if (!support.enabled || !hostnames.enabled) {
      d.ineffective_private_dns = ep;
      d.warnings.push_back("private DNS of " + ep->id.str() + " is not in effect because " +
                           (hostnames.enabled ? "enableDnsSupport" : "enableDnsHostnames") + " is false on " +
                           client_vpc.str() + (hostnames.assumed ? " (AWS's default for a non-default VPC, DNS-5)" : "") +
                           "; the name resolves to public addresses (DNS-6, IF-11b)");
    } else {
      if (known && !known->private_dns_captures_default_name)
        d.warnings.push_back("private DNS for " + short_name +
                             " interface endpoints is not confirmed by AWS documentation; vpcsim honours the "
                             "endpoint's PrivateDnsEnabled flag (DDBIF-2)");
      if (hostnames.assumed)
        d.warnings.push_back("enableDnsHostnames of " + client_vpc.str() +
                             " is not in the input; assumed true as in a default VPC (DNS-5)");
      if (const auto* eni = endpoint_eni(net, *ep, client_az, d.warnings)) {
        d.address = *eni->primary_ip();
        d.by = "private DNS of " + ep->id.str();
        d.endpoint = ep;
        out.dest = d;
        return out;
      }
      d.warnings.push_back(ep->id.str() + " has no network interface with an address in the input; the name resolves "
                                          "to public addresses instead");
    }
  }

  // IF-16: an endpoint service that is not an AWS service has no public name; a client reaches it by
  // the endpoint-specific names of its endpoint in the client's VPC, else of one elsewhere (IF-13).
  if (!aws) {
    const vpc_endpoint* use = ep;
    if (!use)
      for (const auto& [id, other] : net.all<vpc_endpoint>())
        if (!use && other.type == endpoint_type::interface && other.service_name == svc->service_name) use = &other;
    if (use && !use->network_interfaces.empty())
      return by_endpoint_name(*use, "", "endpoint-specific DNS name of " + use->id.str() +
                                            " (the endpoint service has no public name)");
    throw usage_error("vpcsim.trace.unknown_destination",
                      svc->service_name + " has no public name and no endpoint with a network interface in the input");
  }

  auto pub = public_service_address(net, short_name, svc_region);
  pub.warnings.insert(pub.warnings.begin(), d.warnings.begin(), d.warnings.end());
  pub.ineffective_private_dns = d.ineffective_private_dns;
  out.dest = pub;
  return out;
}

}  // namespace vpcsim
