// Destination resolution (B.5, B.9 step 1).
#include <vpcsim/error.hpp>
#include <vpcsim/services/catalogue.hpp>
#include <vpcsim/sim/codes.hpp>
#include <vpcsim/sim/dns.hpp>

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
  std::string short_name, svc_region = region, endpoint_id;
  if (const auto* s = services::find_service(host)) {
    short_name = s->short_name;
    if (auto parts = services::parse_endpoint_service_name(host)) svc_region = parts->region;
  } else if (auto m = services::match_hostname(host)) {
    short_name = m->short_name;
    svc_region = m->region;
    endpoint_id = m->endpoint_id;
  } else if (!private_dns_name_address(host)) {
    throw usage_error("vpcsim.trace.unknown_destination",
                      "cannot resolve '" + to +
                          "' offline: give an IPv4 address, an instance or network interface id, a service name "
                          "(s3, dynamodb, ecr.api, ecr.dkr, ...) or an AWS service hostname");
  }

  // DNS-4: without enableDnsSupport the Amazon resolver does not answer at all.
  if (const auto support = net.dns_support(client_vpc); !support.enabled) {
    out.failure = blocked_by{std::string(codes::dns_resolution_disabled), client_vpc.str(), "enableDnsSupport = false",
                             "The Amazon DNS server does not answer in " + client_vpc.str() + ", so '" + to +
                                 "' does not resolve (DNS-4)",
                             "Enable DNS resolution (enableDnsSupport) on " + client_vpc.str() +
                                 ", or give the destination as an IP address"};
    return out;
  }

  if (auto a = private_dns_name_address(host)) {
    d.address = *a;
    d.by = "Amazon-provided private DNS name";
    out.dest = d;
    return out;
  }

  d.service = short_name;
  d.region = svc_region;
  const auto service_name = services::endpoint_service_name(short_name, svc_region);

  // IF-10: endpoint-specific names resolve to that endpoint's ENIs from anywhere.
  if (!endpoint_id.empty()) {
    const auto* ep = net.find(vpc_endpoint_id{endpoint_id});
    if (!ep) throw usage_error("vpcsim.trace.unknown_destination", "endpoint " + endpoint_id + " is not in the input");
    const auto* eni = endpoint_eni(net, *ep, client_az, d.warnings);
    if (!eni)
      throw usage_error("vpcsim.trace.unknown_destination",
                        "endpoint " + endpoint_id + " has no network interface with an address in the input");
    d.address = *eni->primary_ip();
    d.by = "endpoint-specific DNS name of " + endpoint_id;
    d.endpoint = ep;
    out.dest = d;
    return out;
  }

  // IF-11a / DNS-6: private DNS of an interface endpoint in the client's VPC captures the default name.
  if (const auto* ep = find_interface_endpoint(net, client_vpc, service_name)) {
    const auto support = net.dns_support(client_vpc);
    const auto hostnames = net.dns_hostnames(client_vpc);
    const auto* svc = services::find_service(short_name);
    if (!ep->private_dns_enabled) {
      d.warnings.push_back(ep->id.str() + " has private DNS disabled, so " +
                           services::default_hostname(short_name, svc_region) +
                           " resolves to public addresses; only its endpoint-specific names lead to it (IF-11e)" +
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
      if (svc && !svc->private_dns_captures_default_name)
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

  auto pub = public_service_address(net, short_name, svc_region);
  pub.warnings.insert(pub.warnings.begin(), d.warnings.begin(), d.warnings.end());
  pub.ineffective_private_dns = d.ineffective_private_dns;
  out.dest = pub;
  return out;
}

}  // namespace vpcsim
