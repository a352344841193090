// Lint: the rule table, what the rules share, and the driver.
#include "changes.hpp"
#include "lint_context.hpp"
#include "matching.hpp"
#include "rules.hpp"

#include <vpcsim/model/region.hpp>
#include "../model/edit_distance.hpp"

#include <vpcsim/services/catalogue.hpp>
#include <vpcsim/sim/selector.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <set>
#include <tuple>

namespace vpcsim {

const std::vector<lint_rule>& lint_rules() {
  static const std::vector<lint_rule> rules = {
      {"VPCSIM-L001", "ecr-no-s3-path", severity::error, "ECR-1, ECR-10, ECR-10a, GW-6",
       "A subnet that pulls images through ECR interface endpoints has no working route to S3, where ECR keeps the "
       "image layers"},
      {"VPCSIM-L002", "private-dns-needs-vpc-dns", severity::error, "DNS-6, IF-11b, DNS-4, DNS-5",
       "An interface endpoint has private DNS enabled while enableDnsSupport or enableDnsHostnames of its VPC is "
       "off, so its private DNS name is not in effect"},
      {"VPCSIM-L003", "endpoint-sg-no-https-from-clients", severity::error, "IF-7, ECR-3, SG-5, SG-15",
       "The security groups of an interface endpoint do not allow inbound TCP 443 from client subnets of its VPC"},
      {"VPCSIM-L004", "gateway-endpoint-not-on-client-route-table", severity::warning, "GW-6, GW-7a, ECR-10a, PRICE-4",
       "A subnet reaches S3 or DynamoDB through a NAT or internet gateway because the VPC's gateway endpoint is not "
       "associated with its route table"},
      {"VPCSIM-L005", "egress-without-service-prefix-list", severity::error, "GW-9, SG-6, SG-14",
       "The security-group egress of clients that use S3 or DynamoDB does not allow TCP 443 to the service's "
       "prefix list"},
      {"VPCSIM-L006", "nacl-no-ephemeral-return", severity::error, "NACL-7, NACL-17, NACL-18, NAT-11, GW-10",
       "A network ACL lets TCP 443 out but does not let the replies back in on the clients' ephemeral ports "
       "(1024-65535 in a NAT gateway's subnet)"},
      {"VPCSIM-L007", "route-shadows-prefix-list", severity::warning, "GW-7b, GW-7c, RT-16, RT-18",
       "A CIDR route more specific than, or equal to, an entry of a gateway endpoint's prefix list takes that part "
       "of the service away from the endpoint"},
      {"VPCSIM-L008", "route-blackhole", severity::error, "RT-22, RT-23, RT-24",
       "A route is a blackhole: its target is gone, yet it still wins longest-prefix matching and drops the traffic"},
      {"VPCSIM-L009", "route-target-unusable", severity::error, "NAT-14, IGW-2, RT-14, RT-22",
       "A route listed as active points at a NAT gateway that is not available, an internet gateway not attached "
       "to the VPC, a gateway endpoint that is missing or not available, or an appliance (network interface or "
       "instance) with its source/destination check on or its instance not running"},
      {"VPCSIM-L010", "nat-subnet-no-igw-route", severity::error, "NAT-2, NAT-4",
       "A public NAT gateway sits in a subnet whose route table does not send internet traffic to an attached "
       "internet gateway"},
      {"VPCSIM-L011", "interface-endpoint-missing-az", severity::warning, "IF-2, IF-12, PRICE-2, PRICE-4",
       "Clients in an availability zone where an interface endpoint has no network interface cross zones to reach "
       "it (inter-AZ charges, and a zone outage cuts them off)"},
      {"VPCSIM-L012", "ecr-dkr-private-dns-off", severity::error, "ECR-1, IF-11e",
       "The ecr.dkr interface endpoint has private DNS disabled, so docker clients never use it"},
      {"VPCSIM-L013", "ecr-endpoint-pair-incomplete", severity::error, "ECR-1, ECR-2, ECR-7",
       "A VPC has only one of the ecr.api and ecr.dkr interface endpoints and its clients cannot reach the other "
       "service any other way"},
      {"VPCSIM-L014", "s3-policy-blocks-ecr-layers", severity::error, "ECR-8, ECR-10b, POL-4, GW-16",
       "The S3 endpoint policy in a VPC with ECR endpoints does not allow s3:GetObject on the ECR layer bucket"},
      {"VPCSIM-L015", "private-nat-to-internet", severity::error, "NAT-3, NAT-1",
       "Subnets send internet traffic to a private NAT gateway whose subnet routes it to an internet gateway, which "
       "drops it"},
      {"VPCSIM-L016", "overlapping-prefix-list-routes", severity::warning, "RT-19, RT-16",
       "Two prefix-list routes of one route table overlap with different targets; AWS picks one at random"},
      {"VPCSIM-L017", "s3-inbound-only-dns-without-gateway", severity::error, "S3IF-4",
       "An S3 interface endpoint enables private DNS only for inbound Resolver endpoints but the VPC has no S3 "
       "gateway endpoint"},
      {"VPCSIM-L018", "nacl-blocks-endpoint-traffic", severity::error, "IF-8, GW-10, NACL-3, NACL-7",
       "A network ACL between clients and an interface endpoint, or a gateway endpoint's service, blocks the "
       "requests or their replies"},
      {"VPCSIM-L019", "nat-gateway-in-other-az", severity::warning, "NAT-6",
       "A subnet sends internet traffic to a NAT gateway in another availability zone; AWS recommends one NAT "
       "gateway per zone"},
      {"VPCSIM-L020", "interface-endpoint-private-dns-unused", severity::warning, "IF-11e, PRICE-2, PRICE-4",
       "An interface endpoint has private DNS off while clients reach its service's default name through a NAT or "
       "internet gateway: paid for, and bypassed by every client that does not use its endpoint-specific names"},
      {"VPCSIM-L021", "service-cidr-instead-of-prefix-list", severity::warning, "GW-17, GW-5, SG-14",
       "A security group rule copies an address range of the S3 or DynamoDB prefix list instead of naming the "
       "list, and goes stale when AWS changes its ranges"},
      {"VPCSIM-L022", "spoke-without-endpoint-zone", severity::warning, "DNS-3, DNS-9, IF-11d, IF-13",
       "A VPC reaches another VPC's interface endpoint over peering or a transit gateway, but no private hosted "
       "zone for the service's name is associated with it, so its clients resolve the public name and take the "
       "internet path"},
      {"VPCSIM-L023", "zone-alias-to-other-region-endpoint", severity::error, "IF-6, ECR-5, DNS-12",
       "A private hosted zone aliases a service name of one Region to an interface endpoint in another Region"},
  };
  return rules;
}

const lint_rule* find_lint_rule(std::string_view id) {
  const auto& rules = lint_rules();
  auto it = std::find_if(rules.begin(), rules.end(), [&](const lint_rule& r) { return r.id == id; });
  return it == rules.end() ? nullptr : &*it;
}

std::string_view to_string(severity level) noexcept {
  switch (level) {
    case severity::error: return "error";
    case severity::warning: return "warning";
    case severity::note: return "note";
  }
  return "error";
}

bool has_errors(const std::vector<lint_finding>& findings) {
  return std::any_of(findings.begin(), findings.end(),
                     [](const lint_finding& f) { return f.level == severity::error && f.suppressed.empty(); });
}

namespace {
// `L003` -> `VPCSIM-L003`; an id naming no rule is a usage error with the nearest rule.
std::string rule_id(const std::string& text) {
  std::string id = text.starts_with("VPCSIM-") ? text : "VPCSIM-" + text;
  if (find_lint_rule(id)) return id;
  const lint_rule* best = nullptr;
  std::size_t best_distance = 0;
  for (const auto& r : lint_rules())
    if (const auto d = detail::edit_distance(id, r.id); !best || d < best_distance) best = &r, best_distance = d;
  throw usage_error("vpcsim.lint.unknown_rule", "no lint rule '" + text + "'" +
                                                    (best && best_distance <= 2 ? "; did you mean '" + std::string(best->id.substr(7)) + "'?"
                                                                               : std::string("; rules are L001 to ") +
                                                                                     std::string(lint_rules().back().id.substr(7))));
}
}  // namespace

std::string finding_fingerprint(const std::string& rule, const std::string& resource, const std::string& message) {
  std::uint64_t h = 14695981039346656037ull;
  for (const std::string* part : {&rule, &resource, &message}) {
    for (unsigned char c : *part) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xffu) * 1099511628211ull;  // a separator, so ("ab","c") and ("a","bc") differ
  }
  static const char* hex = "0123456789abcdef";
  std::string out = rule + ":" + resource + ":";
  for (int shift = 60; shift >= 0; shift -= 4) out += hex[(h >> shift) & 15];
  return out;
}

void select_findings(std::vector<lint_finding>& findings, const lint_selection& selection) {
  std::set<std::string> disabled;
  for (const auto& r : selection.disabled) disabled.insert(rule_id(r));
  std::map<std::string, std::set<std::string>> ignored;
  for (const auto& [resource, rules] : selection.ignored)
    for (const auto& r : rules) ignored[resource].insert(rule_id(r));
  // severity: error < warning < note in the enum, the most severe first.
  std::erase_if(findings, [&](const lint_finding& f) { return static_cast<int>(f.level) > static_cast<int>(selection.threshold); });
  for (auto& f : findings) {
    if (auto it = ignored.find(f.resource); it != ignored.end() && it->second.count(f.rule)) f.suppressed = "inSource";
    else if (disabled.count(f.rule)) f.suppressed = "external";
  }
}

namespace detail::lint {

address4 internet_probe() { return *parse_address4("198.51.100.10"); }

context::context(const solver& s, const lint_options& options)
    : net(s.net()), sol(s), options_(options), names_(net) {
  // A design's locations have a pointer and a line; a capture's a pointer only (line 0).
  design_ = changes::is_design(options_.locations);
  for (const auto& [id, inst] : net.all<instance>()) {
    if (!rules::instance_runs(inst)) continue;  // a stopped instance sends nothing
    const auto enis = net.interfaces_of(id);
    if (enis.empty() || !enis.front()->primary_ip()) continue;
    clients_[enis.front()->vpc][enis.front()->subnet].push_back(client{&inst, enis.front()});
  }
}

const std::map<subnet_id, std::vector<client>>& context::clients_in(const vpc_id& v) const {
  static const std::map<subnet_id, std::vector<client>> none;
  auto it = clients_.find(v);
  return it == clients_.end() ? none : it->second;
}

std::string context::region(const vpc_id& v) const {
  if (const auto* p = net.find(v); p && !p->where.region.empty()) return p->where.region;
  for (const auto& [id, s] : net.all<subnet>()) {
    if (s.vpc != v) continue;
    if (auto r = region_of_zone(s.availability_zone); !r.empty()) return r;
  }
  if (!options_.region.empty()) return options_.region;
  throw usage_error("vpcsim.lint.unknown_region", "the region of " + v.str() + " is not in the input; pass --region");
}

answer context::trace(const client& c, const std::string& to, std::optional<std::string> action,
                      std::optional<std::string> resource) const {
  flow_request req;
  req.from = c.inst->id.str();
  req.to = to;
  req.region = options_.region;
  req.action = std::move(action);
  req.resource = std::move(resource);
  return sol.trace(req);
}

std::string context::design_name(const std::string& id) const {
  const std::string_view name = names_.of(id);
  return "\"" + (name.empty() ? id : std::string(name)) + "\"";
}

std::string context::entry(const std::string& id) const {
  const auto it = options_.locations.find(id);
  if (it == options_.locations.end() || it->second.pointer.empty() || it->second.line == 0) return design_name(id);
  const auto& l = it->second;
  return design_name(id) + " (" + l.pointer + ", " + changes::location_text(l) + ")";
}

std::string context::change(const std::string& id, const std::string& design_edit, const std::string& aws_command) const {
  return design() ? design_edit + " in " + entry(id) : aws_command;
}

void context::add(std::string_view rule_id, std::string resource, std::string message, std::string fix,
                  std::string aws_rule) {
  const lint_rule* r = find_lint_rule(rule_id);
  findings_.push_back(lint_finding{std::string(rule_id), r->level, std::move(resource),
                                   aws_rule.empty() ? std::string(r->aws_rules) : std::move(aws_rule),
                                   std::move(message), std::move(fix), {}, {}, {}});
}

std::string short_service(const vpc_endpoint& ep) {
  auto parts = services::parse_endpoint_service_name(ep.service_name);
  return parts ? parts->short_name : ep.service_name;
}

std::vector<const vpc_endpoint*> endpoints(const network& net, const vpc_id& v, endpoint_type type,
                                           std::string_view short_name) {
  std::vector<const vpc_endpoint*> out;
  for (const auto* ep : net.endpoints_in(v))
    if (ep->type == type && short_service(*ep) == short_name) out.push_back(ep);
  return out;
}

std::vector<const subnet*> subnets_using(const network& net, const route_table& rt) {
  std::vector<const subnet*> out;
  for (const auto& [id, s] : net.all<subnet>())
    if (net.route_table_for(id).table == &rt) out.push_back(&s);
  return out;
}

std::vector<const subnet*> subnets_using(const network& net, const network_acl& acl) {
  std::vector<const subnet*> out;
  for (const auto& [id, s] : net.all<subnet>())
    if (net.network_acl_for(id) == &acl) out.push_back(&s);
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

std::string destination_option(const route& r) {
  if (const auto* pl = std::get_if<prefix_list_id>(&r.destination)) return "--destination-prefix-list-id " + pl->str();
  if (std::holds_alternative<cidr6>(r.destination)) return "--destination-ipv6-cidr-block " + to_string(r.destination);
  return "--destination-cidr-block " + to_string(r.destination);
}

std::string design_destination(const context& c, const route& r) {
  if (const auto* pl = std::get_if<prefix_list_id>(&r.destination)) return c.design_name(pl->str());
  return "\"" + to_string(r.destination) + "\"";
}

std::string delete_route(const context& c, const std::string& table, const route& r) {
  return c.change(table, "remove the route {\"to\": " + design_destination(c, r) + "} from \"routes\"",
                  "aws ec2 delete-route --route-table-id " + table + " " + destination_option(r));
}

std::optional<ephemeral_gap> find_ephemeral_gap(const context& c, const network_acl& acl, port_range required) {
  const auto& t = c.sol.compiled().internal_tables();
  const auto& f = t.f4;
  const auto& compiled = t.acls[t.acl_ix.at(acl.id.str())];
  // The outbound IPv4 entries in rule-number order (NACL-5, NACL-9), as the walk reads them.
  for (std::uint32_t i = compiled.egress.off; i < compiled.egress.off + compiled.egress.len; ++i) {
    const auto& e = f.acl_rules[i];
    const std::uint32_t peer = e.lo;  // the entry's first address (an entry without an IPv4 block holds none)
    if (!e.allow || !engine::acl_entry_admits(e, protocol::tcp(), 443, peer)) continue;
    // Only an entry that really lets TCP 443 out to its peer (no lower-numbered deny) needs replies (NACL-5).
    if (!engine::acl_allows(f, compiled, true, protocol::tcp(), port_range::single(443), peer).allowed) continue;
    // NACL-7: the replies come back from the peer to the client's ephemeral ports.
    const auto back = engine::acl_allows(f, compiled, false, protocol::tcp(), required, peer);
    if (!back.allowed) return ephemeral_gap{e.entry, address4{peer}, engine::acl_decision_text(back.entry), required};
  }
  return std::nullopt;
}

port_range required_return_ports(const network& net, const network_acl& acl) {
  for (const auto* s : subnets_using(net, acl))
    for (const auto& [id, nat] : net.all<nat_gateway>())
      if (nat.subnet == s->id && nat.is_present())
        return nat_gateway_ports;  // NAT-11: the NAT gateway uses source ports 1024-65535
  return linux_ephemeral_ports;  // NACL-17
}

}  // namespace detail::lint

std::vector<lint_finding> lint(const solver& s, const lint_options& options) {
  using namespace detail::lint;
  context c(s, options);
  ecr_no_s3_path(c);
  private_dns_needs_vpc_dns(c);
  endpoint_sg_no_https_from_clients(c);
  gateway_endpoint_not_on_client_route_table(c);
  egress_without_service_prefix_list(c);
  nacl_no_ephemeral_return(c);
  route_shadows_prefix_list(c);
  route_blackhole(c);
  route_target_unusable(c);
  nat_subnet_no_igw_route(c);
  interface_endpoint_missing_az(c);
  ecr_dkr_private_dns_off(c);
  ecr_endpoint_pair_incomplete(c);
  s3_policy_blocks_ecr_layers(c);
  private_nat_to_internet(c);
  overlapping_prefix_list_routes(c);
  s3_inbound_only_dns_without_gateway(c);
  nacl_blocks_endpoint_traffic(c);
  nat_gateway_in_other_az(c);
  interface_endpoint_private_dns_unused(c);
  service_cidr_instead_of_prefix_list(c);
  spoke_without_endpoint_zone(c);
  zone_alias_to_other_region_endpoint(c);
  auto findings = c.take();
  // The user's names beside the ids (after the fingerprint, which stays the same when a name changes).
  const auto& names = c.names();
  for (auto& f : findings) {
    f.fingerprint = finding_fingerprint(f.rule, f.resource, f.message);
    f.resource_name = std::string(names.of(f.resource));
    f.message = names.annotate(std::move(f.message));
    f.fix = names.annotate(std::move(f.fix));
  }
  std::stable_sort(findings.begin(), findings.end(), [](const lint_finding& a, const lint_finding& b) {
    return std::tie(a.rule, a.resource, a.message) < std::tie(b.rule, b.resource, b.message);
  });
  return findings;
}

}  // namespace vpcsim
