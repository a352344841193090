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

// S3IF-4, DDBIF-4: "private DNS only for inbound Resolver endpoints", offered for services that
// have gateway endpoints too (S3, DynamoDB): the endpoint's private names then answer only queries
// arriving through a Route 53 Resolver inbound endpoint, never the VPC's own clients. A capture
// without DnsOptions predates the option: false. The API's default of true applies when an endpoint
// is created, and then shows in DnsOptions.
bool private_dns_inbound_only(const vpc_endpoint& ep, const std::string& short_name) {
  const auto* s = services::find_service(short_name);
  return s && s->gateway_endpoint && ep.private_dns_only_for_inbound_resolver_endpoint.value_or(false);
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


// --- Route 53: private hosted zones, Resolver rules, DHCP options (DNS-3, DNS-8, DNS-11..DNS-13) ---

std::size_t labels(const std::string& name) {
  return name.empty() ? 0 : static_cast<std::size_t>(std::count(name.begin(), name.end(), '.')) + 1;
}

// `a` is more specific than `b` (more labels); names of equal depth by text, so no input order decides.
bool more_specific(const std::string& a, const std::string& b) {
  const auto la = labels(a), lb = labels(b);
  return la != lb ? la > lb : a < b;
}

// DNS-12: the private hosted zone that answers `host` for `v`: of the zones associated with `v`
// (or, with `associated` false, of those that are not), the most specific holding it.
const hosted_zone* private_zone_for(const network& net, const std::string& host, const vpc_id& v, bool associated) {
  const hosted_zone* best = nullptr;
  for (const auto& [id, z] : net.all<hosted_zone>()) {
    if (!z.private_zone || z.associated_with(v) != associated || !dns_name_within(host, z.name)) continue;
    if (!best || more_specific(z.name, best->name) || (z.name == best->name && z.id < best->id)) best = &z;
  }
  return best;
}

// DNS-13: the most specific Resolver rule associated with `v` whose domain holds `host`.
const resolver_rule* resolver_rule_for(const network& net, const std::string& host, const vpc_id& v) {
  const resolver_rule* best = nullptr;
  for (const auto& [id, r] : net.all<resolver_rule>()) {
    if (!r.associated_with(v) || !dns_name_within(host, r.domain_name)) continue;
    if (!best || more_specific(r.domain_name, best->domain_name) ||
        (r.domain_name == best->domain_name && r.type == resolver_rule_type::forward &&
         best->type != resolver_rule_type::forward))
      best = &r;
  }
  return best;
}

// The records of `z` that answer an A query (an AAAA query with `aaaa`) for `host` (DNS-12,
// DNS-14): those named `host`, else those of the most specific wildcard covering it; A (AAAA),
// CNAME and alias A (AAAA) records only. Several (weighted, latency, … records) come ordered by set
// identifier.
std::vector<const dns_record*> records_answering(const hosted_zone& z, const std::string& host, bool aaaa = false) {
  std::vector<const dns_record*> exact, wild;
  std::string wild_name;
  const auto family = aaaa ? dns_record_type::aaaa : dns_record_type::a;
  for (const auto& r : z.records) {
    if (r.type != family && r.type != dns_record_type::cname) continue;
    if (r.name == host) exact.push_back(&r);
    else if (r.name.starts_with("*.") && dns_name_within(host, r.name.substr(2)) && host != r.name.substr(2)) {
      if (wild_name.empty() || more_specific(r.name, wild_name)) {
        wild_name = r.name;
        wild.clear();
      }
      if (r.name == wild_name) wild.push_back(&r);
    }
  }
  auto& out = exact.empty() ? wild : exact;
  std::sort(out.begin(), out.end(), [](const dns_record* a, const dns_record* b) { return a->set_identifier < b->set_identifier; });
  return out;
}

std::string describe_record(const dns_record& r) {
  std::string out = r.name + " " + r.type_name;
  if (r.is_alias()) return out + " alias " + r.alias_target;
  for (std::size_t i = 0; i < r.values.size(); ++i) out += (i ? "," : " ") + r.values[i];
  return out;
}

std::string zone_label(const hosted_zone& z) {
  return "private hosted zone " + with_name(z.id.str(), display_name(z)) + " (" + z.name + ")";
}

// The interface endpoint one of whose network interfaces holds `a`, or nullptr.
const vpc_endpoint* endpoint_at(const network& net, address4 a) {
  for (const auto* eni : net.interfaces_with_address(a))
    for (const auto& [id, ep] : net.all<vpc_endpoint>())
      if (ep.type == endpoint_type::interface &&
          std::find(ep.network_interfaces.begin(), ep.network_interfaces.end(), eni->id) != ep.network_interfaces.end())
        return &ep;
  return nullptr;
}

// Whether a private hosted zone or a FORWARD Resolver rule of the input holds `host`: such a name
// is a destination even when it names no service (DNS-12, DNS-13).
bool some_zone_holds(const network& net, const std::string& host) {
  for (const auto& [id, z] : net.all<hosted_zone>())
    if (z.private_zone && dns_name_within(host, z.name)) return true;
  for (const auto& [id, r] : net.all<resolver_rule>())
    if (r.type == resolver_rule_type::forward && !r.domain_name.empty() && dns_name_within(host, r.domain_name)) return true;
  return false;
}

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

constexpr int max_alias_depth = 8;  // CNAME/alias chains vpcsim follows before giving up

resolution_result resolve(const network& net, const std::string& to, const vpc_id& client_vpc,
                          const std::string& region, const std::string& client_az, int depth, int ip_version);

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

namespace {

// Whether `to` is a DNS name (not an IP address or a resource id, which need no DNS).
bool is_dns_name(const std::string& to) {
  return !parse_address4(to) && !parse_address6(to) && to.find(':') == std::string::npos && to.rfind("i-", 0) != 0 &&
         to.rfind("eni-", 0) != 0;
}

// DNS-14: the answer of `to` in family `version` (4 or 6), from the answer resolution gave.
void pick_family(const network& net, const std::string& to, destination& d, int version, const subnet* client_subnet) {
  const bool v6 = d.address.is_v6();
  if (version == 4) {
    if (v6) throw no_answer_in_family("'" + to + "' is an IPv6 address; --ip-version 4 asks for an IPv4 destination", "");
    if (d.endpoint && d.endpoint->dns_record_ip_type == "ipv6")
      throw no_answer_in_family("'" + to + "' has no IPv4 answer: " + d.endpoint->id.str() +
                                    " has DnsRecordIpType ipv6, so its DNS names answer AAAA records only (IF-17)",
                                "; use --ip-version 6");
    return;
  }
  if (v6) return;
  // DNS-14: a private hosted zone answered with an A record and holds no AAAA record for the name.
  if (d.zone_a_only)
    throw no_answer_in_family("'" + to + "' has no IPv6 answer: " + (d.zone ? zone_label(*d.zone) : std::string("its zone")) +
                                  " holds " + d.record + " and no AAAA record for the name (an alias A record answers A "
                                  "queries only)" +
                                  (client_subnet && !client_subnet->enable_dns64
                                       ? "; EnableDns64 is off on " + client_subnet->id.str() + " (DNS-15)"
                                       : std::string{}),
                              "; add an AAAA record (alias AAAA for an endpoint) or use --ip-version 4 (DNS-14)");
  // S3-DS: a dual-stack service name answers AAAA with an address of the service's published IPv6
  // ranges in its Region (data/aws-ip-ranges-s3-dynamodb.json).
  if (d.dualstack_name) {
    const auto host = services::dualstack_hostname(d.service, d.region);
    if (auto a6 = services::representative_address6(d.service, d.region)) {
      d.address = *a6;
      d.by = "public DNS of " + host + " (AAAA: an address in AWS's published " + d.service + " IPv6 ranges for " + d.region +
             ", S3-DS)";
      return;
    }
    throw no_answer_in_family("'" + to + "' has no IPv6 answer vpcsim knows: AWS's published ranges hold no " + d.service +
                                  " IPv6 range for " + d.region,
                              "");
  }
  // An interface endpoint: AAAA records with its network interfaces' IPv6 addresses, when its
  // DnsRecordIpType is dualstack or ipv6 (IF-17); the same interface the A record gave.
  if (const auto* ep = d.endpoint) {
    const auto& type = ep->dns_record_ip_type;
    if (type != "dualstack" && type != "ipv6")
      throw no_answer_in_family("'" + to + "' has no IPv6 answer: " + ep->id.str() + " has DnsRecordIpType " +
                                    (type.empty() ? std::string("ipv4 (none in the input)") : type) +
                                    ", so its DNS names answer A records only (IF-17)",
                                "; use --ip-version 4");
    for (const auto& id : ep->network_interfaces)
      if (const auto* eni = net.find(id); eni && eni->primary_ip() && ip_address(*eni->primary_ip()) == d.address) {
        if (eni->ipv6_addresses.empty())
          throw no_answer_in_family("'" + to + "' has no IPv6 answer: network interface " + eni->id.str() + " of " +
                                        ep->id.str() + " has no IPv6 address in the input (IF-17)",
                                    "");
        d.address = eni->ipv6_addresses.front();
        d.by += " (AAAA: DnsRecordIpType " + type + ")";
        return;
      }
    throw no_answer_in_family("'" + to + "' has no IPv6 answer: no network interface of " + ep->id.str() +
                                  " with an IPv6 address is in the input (IF-17)",
                              "");
  }
  // An instance or a network interface named by id: its (first) IPv6 address (IGW-3).
  if (to.rfind("i-", 0) == 0 || to.rfind("eni-", 0) == 0) {
    std::vector<const network_interface*> enis;
    if (to.rfind("i-", 0) == 0) enis = net.interfaces_of(instance_id{to});
    else if (const auto* eni = net.find(network_interface_id{to})) enis.push_back(eni);
    for (const auto* eni : enis)
      if (eni && eni->primary_ip() && ip_address(*eni->primary_ip()) == d.address) {
        if (eni->ipv6_addresses.empty())
          throw no_answer_in_family("'" + to + "' has no IPv6 address in the input (its network interface " + eni->id.str() +
                                        " has none)",
                                    "; use --ip-version 4");
        d.address = eni->ipv6_addresses.front();
        d.by = "IPv6 address of " + to;
        return;
      }
  }
  std::string dns64_note;
  // S3-DS: the service's default name is IPv4 only; its dual-stack name answers AAAA.
  if (const auto ds = services::dualstack_hostname(d.service, d.region); !ds.empty() && !d.dualstack_name && !d.endpoint)
    dns64_note = "; " + services::default_hostname(d.service, d.region) + " answers A records only, " + ds +
                 " answers AAAA (S3-DS)";
  if (client_subnet && is_dns_name(to))
    dns64_note += client_subnet->enable_dns64
                     ? "; " + client_subnet->id.str() + " has EnableDns64 on, but its queries go to DNS servers of the DHCP "
                       "options, not the Amazon resolver that synthesizes 64:ff9b::/96 answers (DNS-15, DNS-8)"
                     : "; EnableDns64 is off on " + client_subnet->id.str() +
                           ", so the Amazon resolver synthesizes no 64:ff9b::/96 answer for it (DNS-15)";
  throw no_answer_in_family("'" + to + "' has no IPv6 answer vpcsim knows (it resolves by " + d.by +
                                "): vpcsim answers AAAA for interface endpoints with DnsRecordIpType dualstack or ipv6 "
                                "and for instances' and interfaces' IPv6 addresses" + dns64_note,
                            "; give --to an IPv6 address instead");
}

// DNS-15: whether the answer of `to` holds A records only, so DNS64 synthesizes its AAAA: a name
// (not an address or a resource id) answered without an AAAA record, that is neither an interface
// endpoint with DnsRecordIpType dualstack or ipv6 (IF-17) nor an IPv6 address already.
bool a_records_only(const std::string& to, const destination& d) {
  if (!is_dns_name(to) || d.address.is_v6()) return false;
  if (d.zone_a_only) return true;
  if (d.dualstack_name) return false;  // S3-DS: it has AAAA records
  if (d.endpoint && (d.endpoint->dns_record_ip_type == "dualstack" || d.endpoint->dns_record_ip_type == "ipv6")) return false;
  return true;
}

}  // namespace

address6 nat64_address(address4 a) {
  // RFC 6052 section 2.2: with a /96 prefix the IPv4 address takes bits 96..127.
  return make_address6((uint128{0x64ff9bu} << 96) | a.to_uint());
}

resolution_result resolve_destination(const network& net, const std::string& to, const vpc_id& client_vpc,
                                      const std::string& region, const std::string& client_az, int ip_version,
                                      const subnet* client_subnet) {
  auto out = resolve(net, to, client_vpc, region, client_az, 0, ip_version);
  if (ip_version == 0 || !out.dest) return out;
  auto& d = *out.dest;
  // DNS-15: with EnableDns64 on the client's subnet, the Amazon resolver answers an AAAA query for a
  // name with A records only by the IPv4 address in 64:ff9b::/96. DNS servers of the DHCP options
  // (DNS-8) are not the Amazon resolver: their DNS64, if any, is outside the input.
  const auto* opts = net.dhcp_options_for(client_vpc);
  if (ip_version == 6 && client_subnet && client_subnet->enable_dns64 && a_records_only(to, d) &&
      !(opts && !opts->uses_amazon_dns())) {
    const address4 a = d.address.to_v4();
    d.dns64_from = a;
    d.address = nat64_address(a);
    d.by += " -> AAAA synthesized by DNS64 of " + with_name(client_subnet->id.str(), display_name(*client_subnet)) +
            ": 64:ff9b::/96 + " + a.to_string() + " (RFC 6052, DNS-15)";
    return out;
  }
  pick_family(net, to, d, ip_version, client_subnet);
  return out;
}

namespace {

resolution_result resolve(const network& net, const std::string& to, const vpc_id& client_vpc,
                          const std::string& region, const std::string& client_az, int depth, int ip_version) {
  resolution_result out;
  destination d;

  // Addresses and resources need no DNS.
  if (auto a = parse_address4(to)) {
    d.address = *a;
    d.by = "IP address";
    out.dest = d;
    return out;
  }
  // An IPv6 address: the flow is IPv6 and meets IPv6 routes, rules and entries only (RT-9, NACL-9).
  if (auto a6 = parse_address6(to)) {
    if (a6->is_v4_mapped())  // `::ffff:a.b.c.d` means the IPv4 address (RFC 4291)
      throw usage_error("vpcsim.trace.unknown_destination",
                        "'" + to + "' is an IPv4-mapped IPv6 address; give the IPv4 address " +
                            boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, *a6).to_string());
    d.address = *a6;
    d.by = "IP address";
    out.dest = d;
    return out;
  }
  // No name has a colon: text with one was meant as an IPv6 address.
  if (to.find(':') != std::string::npos)
    throw usage_error("vpcsim.trace.unknown_destination", "'" + to + "' is not a valid IPv6 address");
  if (to.rfind("i-", 0) == 0) {
    const auto* inst = net.find(instance_id{to});
    if (!inst) throw usage_error("vpcsim.trace.unknown_destination", "instance " + to + " is not in the input");
    auto enis = net.interfaces_of(inst->id);
    std::optional<address4> ip = inst->private_ip;
    if (!ip && !enis.empty()) ip = enis.front()->primary_ip();
    // VPC-6: an instance of an IPv6-only subnet is reached at its IPv6 address.
    if (!ip && !enis.empty() && enis.front() && !enis.front()->ipv6_addresses.empty()) {
      d.address = enis.front()->ipv6_addresses.front();
      d.by = "IPv6 address of " + to + " (an IPv6-only subnet's instance has no IPv4 address, VPC-6)";
      out.dest = d;
      return out;
    }
    if (!ip) throw usage_error("vpcsim.trace.unknown_destination", "instance " + to + " has no private IPv4 address");
    d.address = *ip;
    d.by = "primary private IP of " + to;
    out.dest = d;
    return out;
  }
  if (to.rfind("eni-", 0) == 0) {
    const auto* eni = net.find(network_interface_id{to});
    if (!eni) throw usage_error("vpcsim.trace.unknown_destination", "network interface " + to + " is not in the input");
    if (!eni->primary_ip() && !eni->ipv6_addresses.empty()) {  // VPC-6: an IPv6-only subnet's interface
      d.address = eni->ipv6_addresses.front();
      d.by = "IPv6 address of " + to + " (an IPv6-only subnet's interface has no IPv4 address, VPC-6)";
      out.dest = d;
      return out;
    }
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
  bool dualstack = false;  // S3-DS: a dual-stack service name
  if (const auto* s = services::find_service(host)) {
    const auto parts = services::parse_endpoint_service_name(host);
    svc = aws_service(s->short_name, parts ? parts->region : region);
  } else if (auto ds = services::match_dualstack_hostname(host)) {
    svc = aws_service(ds->short_name, ds->region);
    dualstack = true;
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
  } else if (some_zone_holds(net, host)) {
    // DNS-12: a name only a private hosted zone of the input knows; no service.
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

  // The name the client asks the resolver: the service's default name for a service given by its
  // short or endpoint service name (IF-15); a name of the `*.` form (one label before it) has no
  // single name to ask, and forms without the account are asked as given.
  std::string qname = host;
  if (svc && svc->catalogued && !dualstack && !services::match_hostname(host)) {
    const auto* v = net.find(client_vpc);
    const auto h = services::default_hostname(svc->short_name, svc->region, v ? v->where.account : std::string{});
    if (!h.empty() && !h.starts_with(".") && !h.starts_with("*.")) qname = h;
  }
  // DNS-11..DNS-13: which DNS server answers, and whether a private zone holds the name.
  const bool dns_attributes_on = net.dns_support(client_vpc).enabled && net.dns_hostnames(client_vpc).enabled;
  // IF-11a: an endpoint in the client's VPC whose AWS-managed zone answers `qname` (its zone is named
  // for the service name itself, so no zone of the user's holding `qname` is more specific, DNS-12).
  const vpc_endpoint* managed = nullptr;
  // S3-DS: the endpoint's private DNS names the service's default names, not its dual-stack name
  // (inference from S3IF-3's list of names).
  if (svc && !named_endpoint && !dualstack)
    if (const auto* e = find_interface_endpoint(net, client_vpc, svc->service_name);
        e && e->private_dns_enabled && dns_attributes_on &&
        !private_dns_inbound_only(*e, svc->short_name))
      managed = e;
  const hosted_zone* phz = named_endpoint ? nullptr : private_zone_for(net, qname, client_vpc, true);
  if (managed && phz) {
    // DNS-12: a zone of the same name as the managed one cannot be associated beside it (AWS refuses
    // the conflicting domain: inference); a less specific one loses to it.
    d.warnings.push_back(zone_label(*phz) + " is associated with " + client_vpc.str() + ", but the private DNS of " +
                         managed->id.str() + " answers " + qname + " there: the most specific zone wins (DNS-12)");
    phz = nullptr;
  }
  const bool private_answer = managed || (phz && dns_attributes_on);
  // The client's own query meets the DHCP options' servers and the Resolver rules; an alias or CNAME
  // target (depth > 0) is followed by the resolver that answered it.
  const dhcp_options* opts = depth == 0 ? net.dhcp_options_for(client_vpc) : nullptr;
  if (opts && !opts->uses_amazon_dns()) {
    // DNS-8, DNS-11: the instances ask the DHCP options' servers, not the Amazon resolver.
    const std::string servers = join(opts->domain_name_servers);
    std::string resolver = "the Amazon resolver";
    if (const auto* v = net.find(client_vpc); v && !v->cidr_blocks.empty())
      resolver += " at " + make_address4(v->cidr_blocks.front().first_uint() + 2).to_string();  // DNS-1: VPC base + 2
    if (private_answer) {
      const std::string what = managed ? "the private DNS zone of " + managed->id.str() : zone_label(*phz);
      out.failure = blocked_by{
          std::string(codes::custom_dns_servers), opts->id.str(), "domain-name-servers = " + servers,
          "DHCP options " + opts->id.str() + " of " + client_vpc.str() + " send DNS queries to " + servers +
              ", not to the Amazon resolver, so " + what + " does not answer '" + to + "' unless those servers forward " +
              qname + " to " + resolver + "; vpcsim cannot see their configuration (DNS-8, DNS-11)",
          "Forward " + qname + " from " + servers + " to " + resolver + ", or put AmazonProvidedDNS in the DHCP options of " +
              client_vpc.str() + " (DNS-8)",
          {}};
      return out;
    }
    d.warnings.push_back("DHCP options " + opts->id.str() + " of " + client_vpc.str() + " send DNS queries to " + servers +
                         "; vpcsim assumes they answer " + qname + " as public DNS does (DNS-8, DNS-11)");
    phz = nullptr;
  } else {
    // DNS-13: the most specific Resolver rule decides where the query goes; each private zone
    // associated with the VPC has an autodefined rule for its name, and a FORWARD rule for the
    // same name takes precedence over the zone.
    if (const auto* rule = depth == 0 ? resolver_rule_for(net, qname, client_vpc) : nullptr;
        rule && rule->type == resolver_rule_type::forward) {
      const std::string zone_name = managed ? qname : phz && dns_attributes_on ? phz->name : std::string{};
      if (zone_name.empty() || !more_specific(zone_name, rule->domain_name)) {
        std::vector<std::string> targets;
        for (const auto& t : rule->targets) targets.push_back(t.ip + ":" + std::to_string(t.port));
        const std::string domain = rule->domain_name.empty() ? "." : rule->domain_name;
        out.failure = blocked_by{
            std::string(codes::dns_forwarded), rule->id.str(), "FORWARD " + domain + " to " + (targets.empty() ? "?" : join(targets)),
            "Resolver rule " + rule->id.str() + " associated with " + client_vpc.str() + " forwards '" + to + "' to " +
                (targets.empty() ? std::string("DNS servers the input does not name") : join(targets)) +
                (rule->endpoint.empty() ? std::string{} : " through " + rule->endpoint.str()) +
                ", outside the input: vpcsim cannot know the answer (DNS-13)",
            "Trace the address those servers return with --to ADDRESS, or add a SYSTEM rule for " + qname +
                " so the Amazon resolver answers it (DNS-13)",
            {}};
        return out;
      }
    }
  }

  if (phz && !dns_attributes_on) {
    // DNS-6: both VPC DNS attributes must be true to use a private hosted zone.
    d.warnings.push_back(zone_label(*phz) + " holds " + qname + " but is not in effect: enableDnsSupport and " +
                         "enableDnsHostnames must both be true on " + client_vpc.str() + " (DNS-6)");
    phz = nullptr;
  }
  if (phz) {
    // DNS-12: the zone answers; without a record for the name the answer is NXDOMAIN, never public DNS.
    if (!phz->records_known) {
      out.failure = blocked_by{std::string(codes::unknown_resource), phz->id.str(), "records not in the input",
                               "The records of " + zone_label(*phz) + ", which answers '" + to + "' in " +
                                   client_vpc.str() + ", are not in the input",
                               "Capture aws route53 list-resource-record-sets --hosted-zone-id " + phz->id.str(), {}};
      return out;
    }
    // DNS-14: an IPv6 client asks AAAA; a name with A records only has no AAAA answer (its A answer
    // then is what DNS64 may synthesize from, DNS-15, or no answer in the family).
    auto records = ip_version == 6 ? records_answering(*phz, qname, true) : std::vector<const dns_record*>{};
    if (records.empty()) {
      records = records_answering(*phz, qname);
      d.zone_a_only = ip_version == 6 && !records.empty() && records.front()->type == dns_record_type::a;
    }
    if (records.empty()) {
      out.failure = blocked_by{std::string(codes::dns_name_not_found), phz->id.str(), "no A or CNAME record for " + qname,
                               zone_label(*phz) + ", associated with " + client_vpc.str() + ", holds no record for " + qname +
                                   ": the Resolver answers NXDOMAIN and does not ask public DNS (DNS-12)",
                               "Add an A record (an alias to the endpoint's DNS name for an interface endpoint) for " + qname +
                                   " to " + phz->id.str() + ", or remove the zone's association with " + client_vpc.str(),
                               {}};
      return out;
    }
    const dns_record& r = *records.front();
    if (records.size() > 1)
      d.warnings.push_back(zone_label(*phz) + " holds " + std::to_string(records.size()) + " records for " + qname +
                           " (a routing policy); vpcsim follows the first by set identifier, " +
                           (r.set_identifier.empty() ? std::string("(none)") : r.set_identifier) + " (DNS-12)");
    d.zone = phz;
    d.record = describe_record(r);
    const std::string answered = zone_label(*phz) + " record " + d.record;
    if (!r.is_alias() && r.type == dns_record_type::aaaa) {
      for (const auto& v : r.values)
        if (auto a6 = parse_address6(v)) {
          d.address = *a6;
          d.by = answered;
          out.dest = d;
          return out;
        }
      out.failure = blocked_by{std::string(codes::dns_name_not_found), phz->id.str(), d.record,
                               "Record " + d.record + " of " + zone_label(*phz) + " holds no IPv6 address", "Give the record an IPv6 address", {}};
      return out;
    }
    if (!r.is_alias() && r.type == dns_record_type::a) {
      for (const auto& v : r.values)
        if (auto a = parse_address4(v)) {
          d.address = *a;
          d.endpoint = endpoint_at(net, *a);
          d.by = answered;
          out.dest = d;
          return out;
        }
      out.failure = blocked_by{std::string(codes::dns_name_not_found), phz->id.str(), d.record,
                               "Record " + d.record + " of " + zone_label(*phz) + " holds no IPv4 address", "Give the record an IPv4 address", {}};
      return out;
    }
    // An alias or CNAME: the Resolver answers with what the target resolves to (DNS-12, IF-10).
    const std::string target = r.is_alias() ? r.alias_target : canonical_dns_name(r.values.empty() ? "" : r.values.front());
    auto unresolvable = [&](const std::string& why) {
      out.failure = blocked_by{std::string(codes::dns_name_not_found), phz->id.str(), d.record,
                               "Record " + d.record + " of " + zone_label(*phz) + " points at " + target + ", which " + why,
                               "Point the record at a name the input holds (the DNS name of an interface endpoint)", {}};
      return out;
    };
    if (target.empty() || target == qname || depth >= max_alias_depth) return unresolvable("does not resolve (a loop or an empty target)");
    resolution_result sub;
    try {
      sub = resolve(net, target, client_vpc, region, client_az, depth + 1, ip_version);
    } catch (const usage_error& e) {
      return unresolvable("vpcsim cannot resolve offline: " + std::string(e.what()));
    }
    if (sub.failure) return sub;
    destination res = *sub.dest;
    res.by = answered + " -> " + res.by;
    res.warnings.insert(res.warnings.begin(), d.warnings.begin(), d.warnings.end());
    res.zone = phz;
    res.record = d.record;
    res.zone_a_only = res.zone_a_only || d.zone_a_only;
    if (res.service.empty() && svc) {
      res.service = svc->short_name;
      res.region = svc->region;
    }
    // IF-6: an interface endpoint serves its own Region.
    if (res.endpoint && !res.endpoint->where.region.empty() && !region.empty() && res.endpoint->where.region != region)
      res.warnings.push_back(zone_label(*phz) + " points " + qname + " at " + res.endpoint->id.str() + " in " +
                             res.endpoint->where.region + ", not in the client's Region " + region + " (IF-6)");
    out.dest = res;
    return out;
  }
  if (!managed && !named_endpoint)
    if (const auto* other = private_zone_for(net, qname, client_vpc, false)) {
      // DNS-3: a private hosted zone answers only the VPCs associated with it.
      d.unassociated_zone = other;
      d.warnings.push_back(zone_label(*other) + " holds " + qname + " but is not associated with " + client_vpc.str() +
                           ", so the name resolves by public DNS there (DNS-3)");
    }
  if (!svc) {
    out.failure = blocked_by{std::string(codes::dns_name_not_found), d.unassociated_zone ? d.unassociated_zone->id.str() : client_vpc.str(),
                             "no zone associated with " + client_vpc.str() + " holds " + host,
                             "No private hosted zone associated with " + client_vpc.str() + " holds '" + to + "'" +
                                 (d.unassociated_zone ? "; " + zone_label(*d.unassociated_zone) + " does, but is not associated with it"
                                                      : std::string{}) +
                                 ", and public DNS is outside the input (DNS-3)",
                             d.unassociated_zone ? "Associate " + d.unassociated_zone->id.str() + " with " + client_vpc.str()
                                                 : "Add a record for " + host + " to a zone associated with " + client_vpc.str(),
                             {}};
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
  const auto* ep = dualstack ? nullptr : find_interface_endpoint(net, client_vpc, svc->service_name);
  std::string inbound_only_note;  // S3IF-4, DDBIF-4: why the public name answered, for `resolved.by`
  if (ep) {
    const auto support = net.dns_support(client_vpc);
    const auto hostnames = net.dns_hostnames(client_vpc);
    const auto* known = services::find_service(short_name);
    const std::string default_name =
        known ? services::default_hostname(short_name, svc_region) : "the private DNS name of " + svc->service_name;
    if (!ep->private_dns_enabled) {
      d.private_dns_off = ep;
      d.warnings.push_back(ep->id.str() + " has private DNS disabled, so " + default_name +
                           (aws ? " resolves to public addresses" : " does not lead to it") +
                           "; only its endpoint-specific names lead to it (IF-11e)" +
                           (short_name == "ecr.dkr" ? "; ecr.dkr needs private DNS enabled (ECR-1)" : ""));
    } else if (private_dns_inbound_only(*ep, short_name)) {
      // S3IF-4, DDBIF-4: in-VPC clients keep the public addresses, which the gateway endpoint's route
      // carries when there is one (S3IF-6).
      const std::string rule = short_name == "s3" ? "S3IF-4" : "DDBIF-4";
      d.warnings.push_back(ep->id.str() + " enables private DNS only for inbound Resolver endpoints; clients in the VPC "
                           "resolve " + short_name + " to public addresses (" + rule + ")");
      inbound_only_note = "; private DNS of " + ep->id.str() + " answers only queries through inbound Resolver endpoints (" +
                          rule + ")";
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
  pub.private_dns_off = d.private_dns_off;
  pub.unassociated_zone = d.unassociated_zone;
  pub.by += inbound_only_note;
  if (dualstack) {  // S3-DS: the same public A answer, under the name asked
    pub.dualstack_name = true;
    if (const auto at = pub.by.find(services::default_hostname(short_name, svc_region)); at != std::string::npos)
      pub.by.replace(at, services::default_hostname(short_name, svc_region).size(), host);
  }
  if (d.unassociated_zone)
    pub.by += "; " + zone_label(*d.unassociated_zone) + " holds the name but is not associated with " + client_vpc.str();
  out.dest = pub;
  return out;
}

}  // namespace

}  // namespace vpcsim
