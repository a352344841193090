// The path solver: walks the network hop by hop, applying the AWS rules of aws-semantics.md at
// each step, forward and then the stateless return checks. A subnet's route table and NACL, and
// whether a route drops, come from rules.hpp (as for the compiled engine); no graph is built.
#include <vpcsim/error.hpp>
#include <vpcsim/services/catalogue.hpp>
#include <vpcsim/sim/codes.hpp>
#include <vpcsim/sim/dns.hpp>
#include <vpcsim/sim/filters.hpp>
#include <vpcsim/sim/policy.hpp>
#include <vpcsim/sim/routing.hpp>
#include <vpcsim/sim/solver.hpp>

#include "explain.hpp"
#include "rules.hpp"

#include <vpcsim/topology/graph.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>

namespace vpcsim {

namespace {

using rules::flow_text;
using rules::region_of;

// A NACL crossed by the forward packet; the reply crosses it the other way (NACL-7).
struct crossing {
  const network_acl* acl = nullptr;
  subnet_id subnet;
  bool egress = false;
  address4 peer;             // source (inbound) or destination (outbound) of the forward packet
  port_range src_ports;      // the forward packet's source ports: the reply's destination ports
  bool reply = true;         // the reply crosses it too
};

// One trace in progress.
class walk {
 public:
  walk(const network& net, const flow_request& req) : net_(net), req_(req) {}

  answer run(const network_interface& src, const instance* inst, const std::string& region);

 private:
  // Each step returns false when the packet stops (the answer then says why).
  bool block(std::string_view code, const std::string& component, std::string rule, std::string message,
             std::string fix);
  // `blocked_by.rule` in the words of explain.cpp (the compiled engine's too).
  std::string words(const blocked_rule& r) const { return explain::rule_text(r, req_.protocol, req_.port); }
  void add_hop(const std::string& component, std::string_view kind, std::string check, std::string rule,
               std::string aws_rule, std::string explanation, std::string direction = "forward");
  bool source_egress(const network_interface& src);
  bool cross_acl(const subnet_id& s, bool egress, address4 peer);
  const network_acl* acl_of(const subnet_id& s) const;
  bool route_from(const subnet_id& s, const vpc_id& v);
  bool deliver_in_vpc(const vpc_id& v, const subnet_id* from_subnet);
  bool arrive_at_eni(const network_interface& eni);
  bool through_nat(const std::string& nat_id);
  bool through_igw(const internet_gateway* igw, const std::string& target_id, const vpc_id& v);
  bool through_gateway_endpoint(const std::string& ep_id);
  bool through_peering(const std::string& pcx_id, const vpc_id& from_vpc);
  bool through_appliance(const route& r, const subnet_id& from);
  bool through_tgw(const std::string& tgw_id, const vpc_id& v, const subnet_id& from);
  bool tgw_route(const transit_gateway& tgw, const transit_gateway_attachment& in, const std::string& az);
  const subnet_id* attachment_subnet_in(const transit_gateway_attachment& a, const std::string& az) const;
  bool loop_at(const std::string& table);
  bool appliance_groups(const network_interface& eni, const std::string& name, bool ingress, const sg_peer_view& peer);
  void reply_through_appliance(const network_interface& dst);
  bool route_back_through(const network_interface& dst, const std::string& gateway);
  bool direct() const { return !appliance_ && !tgw_; }
  bool no_rules(const std::vector<security_group_id>& groups, bool ingress) const;
  bool endpoint_policy(const vpc_endpoint& ep);
  bool return_path();
  void arrive_at_service(std::string_view via);
  std::string service_of_destination() const;
  std::string missing_sg_rule_fix(const network_interface& src) const;
  std::string cycle_to(const std::string& route_table) const;

  const network& net_;
  const flow_request& req_;
  answer ans_;
  destination dest_;
  const network_interface* src_eni_ = nullptr;
  address4 src_addr_;          // current source address (changes at a NAT gateway, NAT-8)
  port_range src_ports_;       // current source ports (a NAT gateway uses 1024-65535, NAT-11)
  std::optional<address4> public_src_;  // public IPv4 the IGW maps the source to (IGW-5)
  bool via_nat_ = false;
  const nat_gateway* nat_ = nullptr;   // the NAT gateway the packet went through
  // The last appliance (RT-14) and transit gateway the packet went through. Past either, a group
  // reference no longer matches the source (`direct`, SG-19; SG-17: referencing is off by default).
  const network_interface* appliance_ = nullptr;
  const transit_gateway* tgw_ = nullptr;
  std::vector<crossing> crossings_;
  std::set<std::pair<std::string, std::uint32_t>> visited_;  // (route table, destination) pairs
};

// The forwarding components from the first visit of `route_table` back to it:
// `rtb-a -> nat-a -> rtb-b -> nat-b -> rtb-a` (filters left out).
std::string walk::cycle_to(const std::string& route_table) const {
  auto first = std::find_if(ans_.path.begin(), ans_.path.end(), [&](const hop& h) {
    return (h.kind == "route-table" || h.kind == "transit-gateway-route-table") && h.component == route_table;
  });
  std::string out;
  for (auto it = first; it != ans_.path.end(); ++it)
    if (it->kind != "security-group" && it->kind != "network-acl") out += it->component + " -> ";
  return out + route_table;
}

bool walk::block(std::string_view code, const std::string& component, std::string rule, std::string message,
                 std::string fix) {
  // The whole network first: the service's own endpoint exists in the VPC but its private DNS is
  // off, so the flow took the public name to wherever it stopped (IF-11e). Turning it on is the fix.
  if (dest_.private_dns_off)
    fix = "Enable private DNS on " + dest_.private_dns_off->id.str() + ", the " + dest_.service +
          " interface endpoint of " + dest_.private_dns_off->vpc.str() + ": with it off, " + dest_.service +
          "'s default name resolves to public addresses and the traffic never reaches the endpoint (IF-11e; it also "
          "needs enableDnsSupport and enableDnsHostnames, DNS-6). Otherwise: " + fix;
  ans_.reachable = false;
  ans_.via.reset();
  ans_.blocked = blocked_by{std::string(code), component, std::move(rule), std::move(message), std::move(fix), {}};
  return false;
}

void walk::add_hop(const std::string& component, std::string_view kind, std::string check, std::string rule,
                   std::string aws_rule, std::string explanation, std::string direction) {
  ans_.path.push_back(hop{component, std::string(kind), std::move(check), std::move(rule), std::move(direction),
                          std::move(aws_rule), std::move(explanation), {}});
}

// SG_HAS_NO_RULES rather than a mismatch: every one of `groups` is in the input and has no rule
// in the direction checked.
bool walk::no_rules(const std::vector<security_group_id>& groups, bool ingress) const {
  if (groups.empty()) return false;
  return std::all_of(groups.begin(), groups.end(), [&](const security_group_id& g) {
    const auto* sg = net_.find(g);
    return sg && (ingress ? sg->ingress : sg->egress).empty();
  });
}

std::string walk::missing_sg_rule_fix(const network_interface& src) const {
  const std::string what = flow_text(req_.protocol, req_.port);
  const std::string group = src.security_groups.empty() ? "a security group" : src.security_groups.front().str();
  if (!dest_.service.empty())
    if (const auto* pl = net_.prefix_list_named(services::endpoint_service_name(dest_.service, dest_.region));
        pl && !dest_.endpoint)
      return "Add an outbound rule to " + group + " allowing " + what + " to " + pl->id.str() + " (the " +
             dest_.service + " prefix list, GW-9)";
  if (dest_.endpoint)
    return "Add an outbound rule to " + group + " allowing " + what + " to the subnets of " + dest_.endpoint->id.str() +
           " or to its security group (IF-7b)";
  return "Add an outbound rule to " + group + " allowing " + what + " to " + dest_.address.to_string() + "/32 or a CIDR "
         "that contains it";
}

bool walk::source_egress(const network_interface& src) {
  const sg_peer_view peer{dest_.address, net_.interface_with_address(src.vpc, dest_.address)};
  auto v = check_security_groups(net_, src.security_groups, false, req_.protocol, req_.port, peer);
  ans_.warnings.insert(ans_.warnings.end(), v.warnings.begin(), v.warnings.end());
  if (v.allowed) {
    add_hop(v.group->id.str(), "security-group", "egress", describe(*v.rule, false), "SG-5",
            "Security group " + v.group->id.str() + " of " + src.id.str() + " lets the packet out: its outbound rule '" +
                describe(*v.rule, false) + "' matches (the rules of all the interface's groups form one set).");
    return true;
  }
  const std::string first = src.security_groups.empty() ? src.id.str() : src.security_groups.front().str();
  const bool empty = no_rules(src.security_groups, false);
  std::string groups;
  for (const auto& g : src.security_groups) groups += (groups.empty() ? "" : ", ") + g.str();
  return block(empty ? codes::sg_has_no_rules : codes::sg_rules_mismatch, first,
               words(explain::missing(blocked_rule::kind::sg_egress, dest_.address)),
               "The security groups of " + src.id.str() + " (" + groups + ") have no outbound rule that allows " +
                   flow_text(req_.protocol, req_.port) + " to " + dest_.address.to_string() + " (SG-5, SG-6)",
               missing_sg_rule_fix(src));
}

const network_acl* walk::acl_of(const subnet_id& s) const { return rules::subnet_acl(net_, s); }

bool walk::cross_acl(const subnet_id& s, bool egress, address4 peer) {
  const network_acl* acl = acl_of(s);
  if (!acl) {
    ans_.warnings.push_back("no network ACL of " + s.str() +
                            " is in the input; assumed AWS's default NACL, which allows all traffic (NACL-10)");
    return true;
  }
  const port_range dst_ports = port_range::single(req_.port);
  auto v = check_network_acl(*acl, egress, req_.protocol, dst_ports, peer);
  if (!v.allowed) {
    const std::string dir = egress ? "outbound" : "inbound";
    return block(codes::subnet_acl_restriction, acl->id.str(),
                 words(explain::acl_denial(v.entry, peer, egress)),
                 "Network ACL " + acl->id.str() + " of " + s.str() + " does not allow " + dir + " " +
                     flow_text(req_.protocol, req_.port) + (egress ? " to " : " from ") + peer.to_string() +
                     " (NACL-5, NACL-6)",
                 "Add an " + dir + " rule to " + acl->id.str() + " allowing " + flow_text(req_.protocol, req_.port) +
                     (egress ? " to " : " from ") + peer.to_string() + "/32 or a CIDR that contains it, numbered " +
                     "below any rule that denies it");
  }
  add_hop(acl->id.str(), "network-acl", egress ? "outbound" : "inbound", describe_acl_decision(v), "NACL-5",
          "Network ACL " + acl->id.str() + " lets the packet " + (egress ? "leave " : "enter ") + s.str() + ": rule " +
              describe_acl_decision(v) + " is the first rule, by number, that matches it.");
  crossings_.push_back(crossing{acl, s, egress, peer, src_ports_});
  return true;
}

// A route table (of a subnet or a transit gateway) seen again for the same destination routes the
// same way again: a loop. The hop limit bounds the walk whatever the topology (limits::max_hops).
// True (and the answer blocked) when the walk must stop at `table`.
bool walk::loop_at(const std::string& table) {
  if (!visited_.emplace(table, dest_.address.to_uint()).second) {
    const std::string cycle = cycle_to(table);
    block(codes::loop, table, "routing loop " + cycle,
          "The packet to " + dest_.address.to_string() + " returns to " + table + " and goes round " + cycle +
              " without arriving: a routing loop",
          "Change a route of the loop so that traffic to " + dest_.address.to_string() + " leaves it");
    return true;
  }
  if (ans_.path.size() >= req_.max_hops) {
    block(codes::loop, table, "more than " + std::to_string(req_.max_hops) + " hops",
          "The path to " + dest_.address.to_string() + " exceeds " + std::to_string(req_.max_hops) +
              " hops (the --max-hops limit) at " + table + " without arriving: treated as a routing loop",
          "Check the routes on the path, or raise --max-hops");
    return true;
  }
  return false;
}

// RT-15..RT-24 and the dispatch on the chosen route's target.
bool walk::route_from(const subnet_id& s, const vpc_id& v) {
  const route_table* rt = rules::subnet_route_table(net_, s);
  if (!rt)
    return block(codes::unknown_resource, s.str(), "no route table",
                 "Neither an associated route table nor the main route table of " + v.str() + " for " + s.str() +
                     " is in the input (RT-1, RT-2)",
                 "Capture describe-route-tables for " + v.str());
  if (loop_at(rt->id.str())) return false;

  auto choice = select_route(net_, *rt, dest_.address);
  ans_.warnings.insert(ans_.warnings.end(), choice.warnings.begin(), choice.warnings.end());
  if (!choice.chosen) {
    // The fix looks at what the VPC has. An endpoint path names the service's existing gateway
    // endpoint (GW-6) or says which endpoint to create (IF-11); the internet path is a route to a NAT
    // or internet gateway. A subnet without a default route in a VPC that has endpoints is private by
    // design: the endpoint path comes first, the internet path second and labelled as such.
    std::string endpoint_path;
    const auto* info = dest_.service.empty() ? nullptr : services::find_service(dest_.service);
    if (info && info->gateway_endpoint) {
      const std::string name = services::endpoint_service_name(dest_.service, dest_.region);
      const vpc_endpoint* existing = nullptr;
      for (const auto* ep : net_.endpoints_in(v))
        if (!existing && ep->type == endpoint_type::gateway && ep->service_name == name) existing = ep;
      endpoint_path = existing ? "associate " + existing->id.str() + " (the " + dest_.service + " gateway endpoint of " +
                                     v.str() + ") with " + rt->id.str() + " (GW-6)"
                               : "create a gateway endpoint for " + dest_.service + " associated with " + rt->id.str() +
                                     " (GW-6)";
    } else if (!dest_.service.empty()) {
      endpoint_path = "create an interface endpoint for " + dest_.service + " with private DNS in " + v.str() + " (IF-11)";
    }
    const std::string internet_path = "add a route to " + rt->id.str() + " for " + dest_.address.to_string() +
                                      " (for example 0.0.0.0/0 to a NAT gateway or internet gateway)";
    const bool private_design = !net_.endpoints_in(v).empty();
    std::string fix;
    if (endpoint_path.empty()) fix = internet_path;
    else if (private_design) fix = endpoint_path + "; or, for the internet path, " + internet_path;
    else fix = internet_path + "; or " + endpoint_path;
    fix[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(fix[0])));
    if (dest_.ineffective_private_dns)
      fix = "Turn on enableDnsSupport and enableDnsHostnames on " + v.str() + " so that the private DNS of " +
            dest_.ineffective_private_dns->id.str() + " takes effect (DNS-6). Otherwise: " + fix;
    // DNS-3: a private hosted zone answers only the VPCs associated with it.
    if (dest_.unassociated_zone)
      fix = "Associate the private hosted zone " + dest_.unassociated_zone->id.str() + " (" + dest_.unassociated_zone->name +
            ") with " + v.str() + " so that it answers there (DNS-3, DNS-12). Otherwise: " + fix;
    return block(codes::no_route, rt->id.str(), words(explain::missing(blocked_rule::kind::no_route, dest_.address)),
                 "Route table " + rt->id.str() + " of " + s.str() + " has no route for " + dest_.address.to_string() +
                     " (RT-21)",
                 fix);
  }
  const route& r = *choice.chosen;
  if (choice.shadowed_prefix_list_route && choice.shadowed_prefix_list_route->target.kind == target_kind::gateway_endpoint)
    ans_.warnings.push_back("route " + describe(r) + " is more specific than (or equal to) the prefix-list route " +
                            describe(*choice.shadowed_prefix_list_route) + "; traffic to " + dest_.address.to_string() +
                            " bypasses the gateway endpoint (GW-7b, GW-7c)");
  add_hop(rt->id.str(), "route-table", "route", describe(r), "RT-15",
          "Route table " + rt->id.str() + (rt == net_.route_table_for(s).table && !net_.route_table_for(s).is_explicit
                                               ? " (the VPC's main table: " + s.str() + " has no explicit association, RT-2)"
                                               : " of " + s.str()) +
              " sends " + dest_.address.to_string() + " by its most specific matching route, " + describe(r) +
              (std::holds_alternative<prefix_list_id>(r.destination) ? " (the prefix list's entry " + choice.matched.to_string() + " matches)" : "") + ".");

  // A route target the input does not hold behaves as a blackhole (RT-22, RT-23).
  if (rules::route_drops(net_, r)) {
    const bool target_missing = r.target.kind != target_kind::local && !rules::in_input(net_, r.target.id);
    return block(codes::bad_state_route, rt->id.str(), words(explain::route_rule(r)),
                 "The route " + describe(r) + " in " + rt->id.str() + " is a blackhole: its target " + r.target.id +
                     (target_missing ? " is not in the input" : " is deleted or detached") + " (RT-22, RT-24)",
                 "Delete the route, or point it at a working target");
  }

  switch (r.target.kind) {
    case target_kind::local: return deliver_in_vpc(v, &s);
    case target_kind::nat_gateway: return through_nat(r.target.id);
    case target_kind::internet_gateway: {
      const auto* igw = net_.find(internet_gateway_id{r.target.id});
      return through_igw(igw, r.target.id, v);
    }
    case target_kind::gateway_endpoint: return through_gateway_endpoint(r.target.id);
    case target_kind::peering_connection: return through_peering(r.target.id, v);
    case target_kind::network_interface:
    case target_kind::instance: return through_appliance(r, s);
    case target_kind::transit_gateway: return through_tgw(r.target.id, v, s);
    default: break;
  }
  ans_.warnings.push_back("paths through " + std::string(to_string(r.target.kind)) + " targets are not modelled yet");
  return block(codes::unsupported_component, r.target.id, describe(r),
               "The route sends the packet to " + r.target.id + " (" + std::string(to_string(r.target.kind)) +
                   "); vpcsim does not model paths through this kind of target yet",
               "Check this hop by hand, or trace to an address before it");
}

// Inside one VPC: find the ENI holding the destination (local route, RT-14).
bool walk::deliver_in_vpc(const vpc_id& v, const subnet_id* from_subnet) {
  const auto* eni = net_.interface_with_address(v, dest_.address);
  if (!eni) {
    const auto* sn = net_.subnet_containing(v, dest_.address);
    return block(codes::unknown_destination, sn ? sn->id.str() : v.str(),
                 words(explain::missing(blocked_rule::kind::no_eni, dest_.address)),
                 "No network interface in " + v.str() + " has the address " + dest_.address.to_string() +
                     ", so nothing answers there",
                 "Check the destination address");
  }
  const bool crossed = !from_subnet || eni->subnet != *from_subnet;
  if (crossed && !cross_acl(eni->subnet, false, src_addr_)) return false;  // NACL-3
  return arrive_at_eni(*eni);
}

bool walk::arrive_at_eni(const network_interface& eni) {
  const vpc_endpoint* ep = nullptr;
  for (const auto* candidate : net_.endpoints_in(eni.vpc))
    if (std::find(candidate->network_interfaces.begin(), candidate->network_interfaces.end(), eni.id) !=
        candidate->network_interfaces.end())
      ep = candidate;

  // SG-8 / IF-7: the receiver's security groups, inbound, matched on the packet's source.
  // After a NAT gateway the source is the NAT's address, which no group reference matches; after
  // an appliance no group reference matches either (SG-19).
  const sg_peer_view peer{src_addr_, direct() && src_eni_->has_address(src_addr_) ? src_eni_ : nullptr};
  const security_group* def = nullptr;
  const auto groups = rules::ingress_groups(net_, eni, ep, &def);
  if (def)
    ans_.warnings.push_back(ep->id.str() + " lists no security group; AWS attaches the VPC's default group " +
                            def->id.str() + " (IF-7)");
  auto v = check_security_groups(net_, groups, true, req_.protocol, req_.port, peer);
  ans_.warnings.insert(ans_.warnings.end(), v.warnings.begin(), v.warnings.end());
  if (!v.allowed) {
    const std::string first = groups.empty() ? eni.id.str() : groups.front().str();
    const bool empty = no_rules(groups, true);
    const std::string what = flow_text(req_.protocol, req_.port);
    const std::string whose = ep ? "endpoint " + ep->id.str() : eni.id.str();
    std::string message = "The security groups of " + whose + " have no inbound rule that allows " + what + " from " +
                          src_addr_.to_string() + (ep ? " (IF-7: the endpoint security group must allow inbound 443 from the clients)"
                                                      : " (SG-5, SG-6)");
    if (appliance_)
      message += "; the packet came through appliance " + appliance_->id.str() +
                 ", and a rule that references the source's security group does not match such traffic (SG-19)";
    else if (tgw_)
      message += "; the packet came through transit gateway " + tgw_->id.str() +
                 ", and a rule that references the source's security group matches across it only with security "
                 "group referencing support, off by default (SG-17)";
    return block(empty ? codes::sg_has_no_rules : codes::sg_rules_mismatch, first,
                 words(explain::missing(blocked_rule::kind::sg_ingress, src_addr_)), message,
                 "Add an inbound rule to " + first + " allowing " + what + " from " + src_addr_.to_string() +
                     (appliance_ || tgw_ ? "/32 or the client subnet's CIDR"
                                 : "/32, the client subnet's CIDR, or the client's security group") +
                     (ep ? " (ECR-3, IF-7)" : ""));
  }
  add_hop(v.group->id.str(), "security-group", "ingress", describe(*v.rule, true), ep ? "IF-7" : "SG-8",
          "Security group " + v.group->id.str() + " of " + (ep ? "endpoint " + ep->id.str() : eni.id.str()) +
              " lets the packet in: its inbound rule '" + describe(*v.rule, true) + "' matches.");

  if (!ep) {
    if (appliance_) reply_through_appliance(eni);
    add_hop(eni.id.str(), "network-interface", "", "", "RT-14",
            "The packet arrives at network interface " + eni.id.str() + (eni.attachment && eni.attachment->instance ? " of " + eni.attachment->instance->str() : std::string{}) + ".");
    ans_.via = via_nat_ ? "nat-gateway" : "local";
    ans_.reachable = true;
    return true;
  }
  // An interface endpoint (PrivateLink): IF-5 TCP only, state, policy.
  if (!rules::interface_endpoint_carries(req_.protocol))
    return block(codes::protocol_restriction, ep->id.str(), "interface endpoints carry TCP only",
                 "Interface endpoint " + ep->id.str() + " carries only TCP traffic (IF-5)", "Use TCP");
  if (!ep->is_available())
    return block(codes::bad_state, ep->id.str(), "state " + ep->state,
                 "Interface endpoint " + ep->id.str() + " is " + ep->state + ", not available", "Wait for the endpoint to "
                 "become available, or accept the connection if it is pending acceptance");
  add_hop(ep->id.str(), "interface-endpoint", "", "", "IF-1",
          "The packet reaches interface endpoint " + ep->id.str() + " (" + ep->service_name +
              "): PrivateLink carries it to the service from the endpoint's network interface " + eni.id.str() + ".");
  if (!endpoint_policy(*ep)) return false;
  ans_.via = "interface-endpoint";
  ans_.reachable = true;
  if (auto parts = services::parse_endpoint_service_name(ep->service_name))
    add_hop(parts->short_name, "service", "", "", "", "The request arrives at " + parts->short_name + ".");
  return true;
}

bool walk::endpoint_policy(const vpc_endpoint& ep) {
  const auto parts = services::parse_endpoint_service_name(ep.service_name);
  const auto* svc = parts ? services::find_service(parts->short_name) : nullptr;
  policy_request pr;
  pr.action = req_.action ? *req_.action : svc ? services::default_action(*svc) : "*";
  pr.resource = req_.resource ? *req_.resource : "*";
  const auto policy = ep.policy ? *ep.policy : full_access_policy();  // POL-2
  auto d = evaluate(policy, pr);
  for (const auto& w : d.warnings) ans_.warnings.push_back(ep.id.str() + " policy: " + w);
  if (d.allowed()) {
    hop& h = ans_.path.back();
    h.rule = d.statement >= 0 ? describe(policy.statements[static_cast<std::size_t>(d.statement)]) : std::string{};
    h.check = "policy";
    h.explanation += std::string(" Its policy") + (ep.policy ? "" : " (none given: AWS's default full access, POL-2)") +
                     " allows " + pr.action + " on " + pr.resource + (h.rule.empty() ? "" : ": " + h.rule) +
                     " (an explicit Deny would win, POL-4).";
    return true;
  }
  const bool explicit_deny = d.verdict == policy_verdict::explicit_deny;
  blocked_rule rule;
  if (explicit_deny && d.statement >= 0) {
    rule.what = blocked_rule::kind::policy_statement;
    rule.object = &policy.statements[static_cast<std::size_t>(d.statement)];
  }
  const std::string stmt = rule.what == blocked_rule::kind::policy_statement
                               ? words(rule)
                               : "no statement allows " + pr.action + " on " + pr.resource;
  return block(codes::endpoint_policy_deny, ep.id.str(), stmt,
               "The policy of " + ep.id.str() + (explicit_deny ? " explicitly denies " : " does not allow ") + pr.action +
                   " on " + pr.resource + "; the service answers with an authorization error (403 AccessDenied / "
                   "AccessDeniedException), not a timeout (POL-4, POL-6)",
               explicit_deny ? "Narrow or remove the Deny statement in the policy of " + ep.id.str()
                             : "Add an Allow statement for " + pr.action + " on " + pr.resource + " to the policy of " +
                                   ep.id.str() + (pr.resource.find("starport-layer-bucket") != std::string::npos
                                                      ? " (ECR-8: the layer bucket must be allowed)"
                                                      : ""));
}

// NAT-4, NAT-12, NAT-13: into the NAT's subnet, source translated, out by the NAT subnet's routes.
bool walk::through_nat(const std::string& nat_id) {
  const auto* nat = net_.find(nat_gateway_id{nat_id});
  if (!rules::nat_forwards(*nat))  // NAT-14
    return block(codes::bad_state, nat_id, "state " + nat->state,
                 "NAT gateway " + nat_id + " is " + nat->state + "; only an available NAT gateway forwards (NAT-14)",
                 "Replace the NAT gateway and point the route at the new one (NAT-15)");
  if (!rules::nat_carries(req_.protocol))
    return block(codes::protocol_restriction, nat_id, "TCP, UDP and ICMP only",
                 "NAT gateway " + nat_id + " carries only TCP, UDP and ICMP (NAT-4, NAT-10)", "Use TCP, UDP or ICMP");
  // NAT-4(4), NAT-12: the NAT subnet's NACL applies inbound.
  if (!cross_acl(nat->subnet, false, src_addr_)) return false;
  std::optional<address4> nat_private, nat_public;
  for (const auto& a : nat->addresses) {
    if (!nat_private && a.private_ip) nat_private = a.private_ip;
    if (!nat_public && a.public_ip) nat_public = a.public_ip;
  }
  const std::string translated = nat->connectivity == nat_connectivity::public_
                                     ? "public NAT: source becomes " + (nat_public ? nat_public->to_string() : std::string("its Elastic IP"))
                                     : "private NAT: source becomes " + (nat_private ? nat_private->to_string() : std::string("its private IP"));
  add_hop(nat_id, "nat-gateway", "", translated, "NAT-8",
          "NAT gateway " + nat_id + " rewrites the source (" + translated.substr(translated.find(':') + 2) +
              ", ports 1024-65535) and forwards by the route table of its subnet " + nat->subnet.str() + ".");
  // NAT-8, NAT-11: source address and ports are rewritten.
  if (nat_private) src_addr_ = *nat_private;
  src_ports_ = nat_gateway_ports;
  public_src_ = nat->connectivity == nat_connectivity::public_ ? nat_public : std::nullopt;
  if (nat->connectivity == nat_connectivity::public_ && !public_src_) public_src_ = address4{};  // EIP not captured
  via_nat_ = true;
  nat_ = nat;
  // The NAT subnet's route table decides what happens next; leaving the subnet crosses its NACL outbound.
  const route_table* rt = rules::subnet_route_table(net_, nat->subnet);
  const auto* nat_subnet = net_.find(nat->subnet);
  const bool leaves = !(nat_subnet && nat_subnet->cidr_block.contains(dest_.address));
  if (rt && leaves && !cross_acl(nat->subnet, true, dest_.address)) return false;
  return route_from(nat->subnet, nat->vpc);
}

// IGW-2, IGW-3, IGW-6: attached, public source, public destination.
bool walk::through_igw(const internet_gateway* igw, const std::string& target_id, const vpc_id& v) {
  bool attached = false;
  if (igw)
    for (const auto& a : igw->attachments) attached = attached || (a.vpc == v && a.is_attached());
  if (!attached)
    return block(codes::bad_state_attachment, target_id, "not attached to " + v.str(),
                 "Internet gateway " + target_id + " is not attached to " + v.str() + "; routes to it are blackholes (IGW-2)",
                 "Attach " + target_id + " to " + v.str());
  if (nat_ && !rules::nat_reaches_internet(*nat_))
    return block(codes::private_nat_no_internet, nat_->id.str(), "connectivity type private",
                 "NAT gateway " + nat_->id.str() + " is a private NAT gateway; the internet gateway drops its traffic (NAT-3)",
                 "Use a public NAT gateway (with an Elastic IP) in a public subnet for internet access");
  if (const auto kind = rules::igw_destination_of(dest_.address.to_uint()); kind != rules::igw_destination::routable) {
    const bool rfc1918 = kind == rules::igw_destination::rfc1918;
    return block(rfc1918 ? codes::igw_rfc1918_egress : codes::igw_rfc6598_egress, target_id,
                 words(explain::missing(rfc1918 ? blocked_rule::kind::rfc1918 : blocked_rule::kind::rfc6598, dest_.address)),
                 "Internet gateway " + target_id + " drops outbound traffic to " +
                     (rfc1918 ? "RFC 1918 (private)" : "RFC 6598 (shared, 100.64.0.0/10)") + " addresses (IGW-6)",
                 "Route such destinations through peering, a transit gateway or a VPN instead");
  }
  if (!via_nat_) {
    public_src_ = src_eni_->public_ip_for(src_addr_);
    // RT-13: an appliance that sends a private source to the internet gateway works as a NAT
    // instance, with its own public IPv4.
    if (!public_src_ && appliance_ && appliance_->primary_ip())
      if (auto pub = appliance_->public_ip_for(*appliance_->primary_ip())) {
        public_src_ = pub;
        ans_.warnings.push_back("appliance " + appliance_->id.str() + " is taken to translate the source " +
                                src_addr_.to_string() + " to its own address, as a NAT instance does; its public IPv4 " +
                                pub->to_string() + " is the address the internet sees (RT-13)");
      }
    if (!public_src_) {
      const std::string who = src_eni_->attachment && src_eni_->attachment->instance ? src_eni_->attachment->instance->str()
                                                                                      : src_eni_->id.str();
      return block(codes::igw_public_ip_for_egress, who, "no public IPv4 on " + src_eni_->id.str(),
                   who + " has no public IPv4 or Elastic IP address" +
                       (appliance_ ? ", nor has appliance " + appliance_->id.str() + " to translate it to," : std::string{}) +
                       " so internet gateway " + target_id + " cannot carry its traffic (IGW-3, IGW-6)",
                   "Associate an Elastic IP with " + src_eni_->id.str() +
                       ", or route the subnet's internet traffic through a NAT gateway in a public subnet (NAT-4)");
    }
  }
  const std::string mapped = public_src_ && *public_src_ != address4{} ? "source becomes " + public_src_->to_string() : std::string{};
  add_hop(target_id, "internet-gateway", "", mapped, "IGW-5",
          "Internet gateway " + target_id + " maps the private source to its public address" +
              (mapped.empty() ? std::string{} : " (" + mapped.substr(15) + ")") + " and sends the packet to the internet.");
  arrive_at_service(via_nat_ ? "nat-gateway" : "internet-gateway");
  return true;
}

std::string walk::service_of_destination() const {
  if (!dest_.service.empty()) return dest_.service;
  for (const auto& [id, pl] : net_.all<prefix_list>())
    for (const auto& c : pl.cidrs)
      if (c.contains(dest_.address))
        if (auto parts = services::parse_endpoint_service_name(pl.name)) return parts->short_name;
  return {};
}

void walk::arrive_at_service(std::string_view via) {
  const auto svc = service_of_destination();
  if (svc.empty()) add_hop("internet", "internet", "", "", "", "The packet is on the internet, bound for " + dest_.address.to_string() + ".");
  else add_hop(svc, "service", "", "", "", "The request arrives at " + svc + " over its public address " + dest_.address.to_string() + ".");
  ans_.via = std::string(via);
  ans_.reachable = true;
}

// GW-4..GW-8, POL-4: the gateway endpoint carries same-region S3/DynamoDB traffic.
bool walk::through_gateway_endpoint(const std::string& ep_id) {
  const auto* ep = net_.find(vpc_endpoint_id{ep_id});
  if (!ep->is_available())
    return block(codes::bad_state, ep_id, "state " + ep->state,
                 "Gateway endpoint " + ep_id + " is " + ep->state + ", not available", "Recreate the endpoint");
  if (!rules::gateway_endpoint_carries(req_.protocol))
    return block(codes::gateway_endpoint_protocol, ep_id, "gateway endpoints carry TCP and ICMP echo only",
                 "Gateway endpoint " + ep_id + " carries only TCP and ICMP echo traffic (RA-CODES)",
                 "Use TCP");
  // GW-11, DNS-7: the route does the diversion, but AWS asks for both DNS attributes with the Amazon resolver.
  if (!net_.dns_support(ep->vpc).enabled || !net_.dns_hostnames(ep->vpc).enabled)
    ans_.warnings.push_back("AWS states that gateway endpoints need both enableDnsSupport and enableDnsHostnames on " +
                            ep->vpc.str() + " when clients use the Amazon DNS server (GW-11); one of them is off");
  add_hop(ep_id, "gateway-endpoint", "", "", "GW-6",
          "Gateway endpoint " + ep_id + " (" + ep->service_name +
              ") carries the packet to the service without an internet gateway or NAT device.");
  if (!endpoint_policy(*ep)) return false;
  if (auto parts = services::parse_endpoint_service_name(ep->service_name))
    add_hop(parts->short_name, "service", "", "", "", "The request arrives at " + parts->short_name + ".");
  ans_.via = via_nat_ ? "nat-gateway" : "gateway-endpoint";
  ans_.reachable = true;
  return true;
}

// RT-13, RT-14, NACL-4: a route to a network interface (or to an instance: its primary
// interface) sends the packet to an appliance. It enters the appliance's subnet, its security
// groups filter it both ways, its source/destination check must be off, and the route table of
// its subnet forwards it. Loops through appliances meet the (route table, destination) check.
bool walk::through_appliance(const route& r, const subnet_id& from) {
  const instance* inst = nullptr;
  const network_interface* eni = nullptr;
  if (r.target.kind == target_kind::instance) {
    inst = net_.find(instance_id{r.target.id});
    eni = inst ? net_.primary_interface_of(inst->id) : nullptr;
  } else {
    eni = net_.find(network_interface_id{r.target.id});
    if (eni && eni->attachment && eni->attachment->instance) inst = net_.find(*eni->attachment->instance);
  }
  if (!eni)
    return block(codes::unknown_resource, r.target.id, describe(r),
                 "The route sends the packet to " + r.target.id + ", whose network interface is not in the input",
                 "Capture describe-network-interfaces for the VPC of " + r.target.id);
  const std::string name = eni->id.str() + (inst ? " of " + inst->id.str() : std::string{});
  if (inst && inst->state != "running")
    return block(codes::bad_state, inst->id.str(), "state " + inst->state,
                 "Appliance instance " + inst->id.str() + " is " + inst->state + " and forwards nothing",
                 "Start " + inst->id.str() + ", or route around it");
  // NACL-4: the packet enters the appliance's subnet.
  if (eni->subnet != from && !cross_acl(eni->subnet, false, src_addr_)) return false;
  // Straight from the source, a group reference can match; after a NAT or appliance it cannot.
  const network_interface* sender = direct() && src_eni_->has_address(src_addr_) ? src_eni_ : nullptr;
  if (!appliance_groups(*eni, name, true, sg_peer_view{src_addr_, sender})) return false;
  appliance_ = eni;
  if (eni->source_dest_check)
    return block(codes::eni_source_dest_check, eni->id.str(), "source/destination check on",
                 "Network interface " + name + " has its source/destination check on, so it drops the packet for " +
                     dest_.address.to_string() + ", which is not one of its addresses (RT-14: an appliance needs the "
                     "check off)",
                 "Turn the check off: aws ec2 modify-network-interface-attribute --network-interface-id " +
                     eni->id.str() + " --no-source-dest-check");
  add_hop(eni->id.str(), "appliance", "", "source/destination check off", "RT-14",
          "Network interface " + name + " has its source/destination check off: as an appliance it takes the packet "
          "for " + dest_.address.to_string() + " and forwards it by the route table of its subnet " + eni->subnet.str() +
              ".");
  const sg_peer_view next{dest_.address, net_.interface_with_address(eni->vpc, dest_.address)};
  if (!appliance_groups(*eni, name, false, next)) return false;
  const auto* sn = net_.find(eni->subnet);
  const bool leaves = !(sn && sn->cidr_block.contains(dest_.address));
  if (leaves && !cross_acl(eni->subnet, true, dest_.address)) return false;
  return route_from(eni->subnet, eni->vpc);
}

// SG-5, SG-8: an appliance's security groups filter the traffic it forwards, inbound on the
// packet's source and outbound on its destination.
bool walk::appliance_groups(const network_interface& eni, const std::string& name, bool ingress,
                            const sg_peer_view& peer) {
  auto v = check_security_groups(net_, eni.security_groups, ingress, req_.protocol, req_.port, peer);
  ans_.warnings.insert(ans_.warnings.end(), v.warnings.begin(), v.warnings.end());
  const std::string dir = ingress ? "inbound" : "outbound";
  const std::string what = flow_text(req_.protocol, req_.port) + (ingress ? " from " : " to ") + peer.address.to_string();
  if (!v.allowed) {
    const std::string first = eni.security_groups.empty() ? eni.id.str() : eni.security_groups.front().str();
    return block(no_rules(eni.security_groups, ingress) ? codes::sg_has_no_rules : codes::sg_rules_mismatch, first,
                 words(explain::missing(ingress ? blocked_rule::kind::sg_ingress : blocked_rule::kind::sg_egress,
                                        peer.address)),
                 "The security groups of appliance " + name + " have no " + dir + " rule that allows " + what +
                     "; an appliance's groups filter the traffic it forwards (SG-5, SG-6)",
                 "Add an " + dir + " rule to " + first + " allowing " + what + "/32 or a CIDR that contains it");
  }
  add_hop(v.group->id.str(), "security-group", ingress ? "ingress" : "egress", describe(*v.rule, ingress), "SG-5",
          "Security group " + v.group->id.str() + " of appliance " + name + " lets the forwarded packet " +
              (ingress ? "in" : "out") + ": its " + dir + " rule '" + describe(*v.rule, ingress) + "' matches.");
  return true;
}

// RT-14: the reply to a peering connection or transit gateway goes back through it, so the
// destination subnet's route table needs a route to the source through `gateway`.
bool walk::route_back_through(const network_interface& dst, const std::string& gateway) {
  const auto choice = net_.route_table_for(dst.subnet);
  if (!choice.table) return true;  // no table in the input: route_from reports that on its own
  const auto back = select_route(net_, *choice.table, src_addr_);
  if (back.chosen && back.chosen->target.id == gateway) return true;
  return block(codes::no_route, choice.table->id.str(),
               words(explain::route_or_none(back.chosen, src_addr_)),
               "Route table " + choice.table->id.str() + " of " + dst.subnet.str() + " has no route back to " +
                   src_addr_.to_string() + " through " + gateway + ", so the reply is lost (RT-14: the reverse route)",
               "Add a route for " + src_addr_.to_string() + " (or its VPC's CIDR) to " + gateway + " in " +
                   choice.table->id.str());
}

// RT-14: the reply must come back through the appliance; a route table that sends it elsewhere
// makes the routing asymmetric, which AWS does not support (a stateful appliance drops the flow).
void walk::reply_through_appliance(const network_interface& dst) {
  const auto choice = net_.route_table_for(dst.subnet);
  if (!choice.table) return;
  const auto back = select_route(net_, *choice.table, src_addr_);
  if (!back.chosen) return;  // no way back at all: the reply is a problem of its own
  const auto& t = back.chosen->target;
  const bool same = t.id == appliance_->id.str() ||
                    (appliance_->attachment && appliance_->attachment->instance && t.id == appliance_->attachment->instance->str());
  if (!same)
    ans_.warnings.push_back("the reply from " + dest_.address.to_string() + " to " + src_addr_.to_string() +
                            " leaves by route " + describe(*back.chosen) + " of " + choice.table->id.str() +
                            ", not through appliance " + appliance_->id.str() +
                            ": AWS does not support asymmetric routing through an appliance, and a stateful one "
                            "drops such a flow (RT-14)");
}

// RT-14 (`tgw-`: the transit gateway's route table decides), with the Transit Gateway guide's
// rules (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html, tgw-nacls.html):
// the packet enters through the source VPC's attachment, by its subnet in the packet's AZ (none:
// TGW_ROUTE_AZ_RESTRICTION), whose NACL checks it inbound even in the sender's own subnet.
bool walk::through_tgw(const std::string& tgw_id, const vpc_id& v, const subnet_id& from) {
  const auto* tgw = net_.find(transit_gateway_id{tgw_id});
  if (!tgw)
    return block(codes::unknown_resource, tgw_id, "not in the input",
                 "Transit gateway " + tgw_id + " is not in the input", "Capture describe-transit-gateways");
  if (!rules::tgw_forwards(tgw->state))
    return block(codes::bad_state, tgw_id, "state " + tgw->state,
                 "Transit gateway " + tgw_id + " is " + tgw->state + ", not available", "Wait for the transit gateway");
  const auto* in = rules::tgw_entry_attachment(net_, tgw->id, v);
  if (!in)
    return block(codes::unknown_resource, tgw_id, "no attachment of " + v.str(),
                 "The route sends the packet to transit gateway " + tgw_id + ", but no attachment of " + v.str() +
                     " to it is in the input",
                 "Attach " + v.str() + " to " + tgw_id + ", or capture describe-transit-gateway-vpc-attachments");
  if (!rules::tgw_forwards(in->state))
    return block(codes::bad_state_attachment, in->id.str(), "state " + in->state,
                 "Attachment " + in->id.str() + " of " + v.str() + " to " + tgw_id + " is " + in->state + ", not available",
                 "Wait for the attachment, or accept it in the transit gateway's account");
  const auto* sn = net_.find(from);
  const std::string az = sn ? sn->availability_zone : src_eni_->availability_zone;
  const subnet_id* entry = attachment_subnet_in(*in, az);
  if (!entry)
    return block(codes::tgw_route_az_restriction, in->id.str(), "no subnet in " + az,
                 "Attachment " + in->id.str() + " of " + v.str() + " to " + tgw_id + " has no subnet in " + az +
                     ", so resources there cannot reach the transit gateway",
                 "Add a subnet of " + az + " to " + in->id.str() +
                     " (aws ec2 modify-transit-gateway-vpc-attachment --add-subnet-ids)");
  if (!cross_acl(*entry, false, src_addr_)) return false;
  // tgw-nacls: in the sender's own subnet both rules apply to the packet going in, and none to the
  // reply coming out of the transit gateway.
  if (*entry == from)
    for (auto& c : crossings_)
      if (c.subnet == from) c.reply = false;
  add_hop(in->id.str(), "transit-gateway-attachment", "", "enters by " + entry->str(), "RT-14",
          "The packet enters transit gateway " + tgw_id + " through attachment " + in->id.str() + " of " + v.str() +
              ", by its subnet " + entry->str() + " in " + az + ".");
  tgw_ = tgw;
  return tgw_route(*tgw, *in, az);
}

// The route table associated with the attachment the packet came in by picks the attachment it
// leaves by. A VPC attachment hands it to its subnet (in the destination's AZ when it has one),
// whose NACL checks it outbound and whose route table routes on, as for a NAT gateway. The
// destination needs a way back through the transit gateway (RT-14). Other attachments (peering,
// VPN, Direct Connect, Connect) are not modelled.
bool walk::tgw_route(const transit_gateway& tgw, const transit_gateway_attachment& in, const std::string& az) {
  if (!in.association)
    return block(codes::tgw_missing_association, in.id.str(), "no route table association",
                 "Attachment " + in.id.str() + " is associated with no route table of " + tgw.id.str() +
                     ", so the transit gateway drops what comes in by it",
                 "Associate " + in.id.str() + " with a transit gateway route table");
  const auto* table = net_.find(*in.association);
  if (!table)
    return block(codes::unknown_resource, in.association->str(), "not in the input",
                 "Transit gateway route table " + in.association->str() + " is not in the input",
                 "Capture describe-transit-gateway-route-tables and its routes");
  if (loop_at(table->id.str())) return false;
  const auto r = select_tgw_route(net_, *table, dest_.address);
  if (!r)
    return block(codes::tgw_rtb_cannot_route, table->id.str(), "no route matches " + dest_.address.to_string(),
                 "Transit gateway route table " + table->id.str() + " has no route for " + dest_.address.to_string(),
                 "Add a static route for " + dest_.address.to_string() + " to " + table->id.str() +
                     ", or propagate the destination VPC's attachment into it");
  if (r->state == "blackhole" || r->attachments.empty())
    return block(codes::tgw_rtb_bad_state_route, table->id.str(), describe(*r),
                 "The route " + describe(*r) + " of " + table->id.str() + " is a blackhole: it drops the packet",
                 "Point the route at an attachment, or delete it");
  add_hop(table->id.str(), "transit-gateway-route-table", "route", describe(*r), "RT-14",
          "Transit gateway route table " + table->id.str() + " (associated with " + in.id.str() + ") sends " +
              dest_.address.to_string() + " by its most specific matching route, " + describe(*r) + ".");
  const auto* out = net_.find(r->attachments.front());
  if (!out)
    return block(codes::unknown_resource, r->attachments.front().str(), describe(*r),
                 "Transit gateway attachment " + r->attachments.front().str() + " is not in the input",
                 "Capture describe-transit-gateway-attachments");
  if (!rules::tgw_forwards(out->state))
    return block(codes::bad_state_attachment, out->id.str(), "state " + out->state,
                 "Attachment " + out->id.str() + " is " + out->state + ", not available", "Wait for the attachment");
  if (out->resource_type != "vpc") {
    ans_.warnings.push_back("paths through " + out->resource_type + " attachments of a transit gateway are not modelled yet");
    return block(codes::unsupported_component, out->id.str(), describe(*r),
                 "The transit gateway sends the packet to attachment " + out->id.str() + " (" + out->resource_type + " " +
                     out->resource_id + "); vpcsim models VPC attachments only",
                 "Check this hop by hand, or trace to an address before it");
  }
  const vpc_id dv{out->resource_id};
  if (!net_.find(dv))
    return block(codes::unknown_resource, dv.str(), "VPC not in the input",
                 "The VPC " + dv.str() + " of attachment " + out->id.str() +
                     " is not in the input, so its network ACLs, security groups and routes cannot be checked",
                 "Add the describe-* captures of the account that owns " + dv.str());
  const auto* dst_eni = net_.interface_with_address(dv, dest_.address);
  const subnet_id* exit = dst_eni ? attachment_subnet_in(*out, dst_eni->availability_zone) : nullptr;
  if (!exit) exit = attachment_subnet_in(*out, az);
  if (!exit && !out->subnets.empty()) exit = &out->subnets.front();
  if (!exit)
    return block(codes::unknown_resource, out->id.str(), "no subnet",
                 "Attachment " + out->id.str() + " lists no subnet of " + dv.str(), "Capture describe-transit-gateway-vpc-attachments");
  add_hop(out->id.str(), "transit-gateway-attachment", "", "leaves by " + exit->str(), "RT-14",
          "Transit gateway " + tgw.id.str() + " hands the packet to " + dv.str() + " through attachment " + out->id.str() +
              ", by its subnet " + exit->str() + ".");
  // RT-14: the reply needs a route back, from the destination's subnet to the transit gateway and
  // from the transit gateway to the attachment the packet came in by.
  if (dst_eni) {
    if (!route_back_through(*dst_eni, tgw.id.str())) return false;
    if (const auto* rt = out->association ? net_.find(*out->association) : nullptr) {
      const auto back = select_tgw_route(net_, *rt, src_addr_);
      if (!back || back->state == "blackhole" || back->attachments.empty())
        return block(codes::tgw_rtb_cannot_route, rt->id.str(),
                     back ? describe(*back) : "no route matches " + src_addr_.to_string(),
                     "Transit gateway route table " + rt->id.str() + " (associated with " + out->id.str() +
                         ") has no route back to " + src_addr_.to_string() + ", so the reply is lost",
                     "Add a route for " + src_addr_.to_string() + " to " + in.id.str() + " in " + rt->id.str() +
                         ", or propagate " + in.id.str() + " into it");
      if (back->attachments.front() != in.id)
        ans_.warnings.push_back("the reply to " + src_addr_.to_string() + " goes by " + describe(*back) + " of " +
                                rt->id.str() + ", not back through " + in.id.str() + ": asymmetric routing");
    }
  }
  const auto* esn = net_.find(*exit);
  const bool leaves = !(esn && esn->cidr_block.contains(dest_.address));
  if (leaves && !cross_acl(*exit, true, dest_.address)) return false;
  // tgw-nacls: to a destination in the attachment's own subnet no rule applies to the packet going
  // out of the transit gateway, and both (outbound, then inbound) to the reply going into it.
  if (!leaves)
    if (const auto* acl = acl_of(*exit)) {
      crossings_.push_back(crossing{acl, *exit, true, dest_.address, src_ports_, true});
      crossings_.push_back(crossing{acl, *exit, false, src_addr_, src_ports_, true});
    }
  if (!route_from(*exit, dv)) return false;
  ans_.via = "transit-gateway";
  return true;
}

const subnet_id* walk::attachment_subnet_in(const transit_gateway_attachment& a, const std::string& az) const {
  for (const auto& s : a.subnets)
    if (const auto* sn = net_.find(s); sn && sn->availability_zone == az) return &s;
  return nullptr;
}

// PEER-1, PEER-2, RT-14: into the peer VPC, and a route back through the same connection.
bool walk::through_peering(const std::string& pcx_id, const vpc_id& from_vpc) {
  const auto* pcx = net_.find(peering_connection_id{pcx_id});
  if (!pcx->is_active())
    return block(codes::bad_state, pcx_id, "status " + pcx->status,
                 "Peering connection " + pcx_id + " is " + pcx->status + ", not active", "Accept the peering connection");
  if (via_nat_)  // NAT-7, PEER-2: no edge-to-edge routing
    ans_.warnings.push_back("traffic from a NAT gateway into a peering connection keeps the NAT's address as source");
  const peering_side& peer = pcx->requester.vpc == from_vpc ? pcx->accepter : pcx->requester;
  const auto* peer_vpc = net_.find(peer.vpc);
  std::vector<cidr4> blocks = peer.cidr_blocks;
  if (peer_vpc) blocks.insert(blocks.end(), peer_vpc->cidr_blocks.begin(), peer_vpc->cidr_blocks.end());
  if (std::none_of(blocks.begin(), blocks.end(), [&](const cidr4& c) { return c.contains(dest_.address); }))
    return block(codes::pcx_address_in_vpc_cidr, pcx_id, "destination outside " + peer.vpc.str(),
                 "Peering connection " + pcx_id + " carries only traffic to addresses of " + peer.vpc.str() +
                     "; the peer's gateways and endpoints cannot be used (PEER-2)",
                 "Reach " + dest_.address.to_string() + " from a resource of " + peer.vpc.str() +
                     " itself, or use a transit gateway or an interface endpoint (PEER-3)");
  add_hop(pcx_id, "peering-connection", "", "", "PEER-1",
          "Peering connection " + pcx_id + " carries the packet into " + peer.vpc.str() + ", whose CIDRs hold " +
              dest_.address.to_string() + ".");
  if (!peer_vpc)
    return block(codes::unknown_resource, peer.vpc.str(), "peer VPC not in the input",
                 "The peer VPC " + peer.vpc.str() + (peer.account.empty() ? "" : " (account " + peer.account + ")") +
                     " is not in the input, so its network ACLs, security groups and return route cannot be checked",
                 "Add the peer account's describe-* captures to the input");
  const auto* eni = net_.interface_with_address(peer.vpc, dest_.address);
  if (!eni) return deliver_in_vpc(peer.vpc, nullptr);
  if (!route_back_through(*eni, pcx_id)) return false;
  if (!deliver_in_vpc(peer.vpc, nullptr)) return false;
  ans_.via = "peering";
  return true;
}

// NACL-7, NACL-19: the reply crosses every NACL again in the other direction, to the ports the
// forward packet came from. Security groups pass replies (SG-20).
bool walk::return_path() {
  for (auto it = crossings_.rbegin(); it != crossings_.rend(); ++it) {
    if (!it->reply) continue;
    const bool egress = !it->egress;
    auto v = check_network_acl(*it->acl, egress, req_.protocol, req_.protocol.has_ports() ? it->src_ports : port_range::all(),
                               it->peer);
    const std::string ports = req_.protocol.has_ports() ? " to ports " + it->src_ports.to_string() : "";
    if (!v.allowed) {
      const std::string dir = egress ? "outbound" : "inbound";
      const std::string what = req_.protocol.name() + (req_.protocol.has_ports() ? " " + it->src_ports.to_string() : "");
      return block(codes::subnet_acl_restriction, it->acl->id.str(),
                   words(explain::acl_denial(v.entry, it->peer, egress, it->src_ports)),
                   "Network ACL " + it->acl->id.str() + " of " + it->subnet.str() + " does not allow the return traffic " +
                       (egress ? "to " : "from ") + it->peer.to_string() + ports +
                       "; NACLs are stateless, so replies need their own rule (NACL-7, NACL-19)",
                   "Add an " + dir + " rule to " + it->acl->id.str() + " allowing " + what + (egress ? " to " : " from ") +
                       it->peer.to_string() + "/32 or a CIDR that contains it (AWS recommends ephemeral ports "
                       "1024-65535, NACL-18)");
    }
    add_hop(it->acl->id.str(), "network-acl", egress ? "outbound" : "inbound", describe_acl_decision(v), "NACL-7",
            "The reply " + std::string(egress ? "leaves " : "enters ") + it->subnet.str() + ": network ACL " +
                it->acl->id.str() + " is stateless and checks it again, and rule " + describe_acl_decision(v) +
                " allows " + (egress ? "it to " : "it from ") + it->peer.to_string() + ports + ".",
            "return");
  }
  return true;
}

answer walk::run(const network_interface& src, const instance* inst, const std::string& region) {
  src_eni_ = &src;
  src_addr_ = *src.primary_ip();
  src_ports_ = req_.client_ports;

  auto res = resolve_destination(net_, req_.to, src.vpc, region, src.availability_zone);
  if (res.failure) {
    ans_.blocked = res.failure;
    ans_.resolved = resolution{"", "DNS resolution failed", {}, {}};
    return ans_;
  }
  dest_ = *res.dest;
  ans_.warnings = dest_.warnings;
  ans_.resolved = resolution{dest_.address.to_string(), dest_.by,
                             dest_.zone ? dest_.zone->id.str() : std::string(), dest_.record};

  const std::string where = src_addr_.to_string() + " in " + src.subnet.str() + " of " + src.vpc.str();
  if (inst) add_hop(inst->id.str(), "instance", "", "", "", "The flow starts at instance " + inst->id.str() + " (" + src.id.str() + ", " + where + ").");
  else add_hop(src.id.str(), "network-interface", "", "", "", "The flow starts at network interface " + src.id.str() + " (" + where + ").");
  if (inst && inst->state != "running") {
    block(codes::bad_state, inst->id.str(), "state " + inst->state,
          "Instance " + inst->id.str() + " is " + inst->state + " and sends no traffic", "Start the instance");
    return ans_;
  }
  if (!source_egress(src)) return ans_;

  // RT-7, NACL-2: within one subnet, no route table and no NACL apply.
  if (const auto* dst_eni = net_.interface_with_address(src.vpc, dest_.address); dst_eni && dst_eni->subnet == src.subnet) {
    if (arrive_at_eni(*dst_eni)) return_path();
    return ans_;
  }
  if (!cross_acl(src.subnet, true, dest_.address)) return ans_;
  if (!route_from(src.subnet, src.vpc)) return ans_;
  if (!return_path()) return ans_;
  return ans_;
}

}  // namespace

/// The topology graph, built on the first call of `solver::topology` (for drawing); no trace needs it.
struct solver::drawing {
  std::once_flag once;
  std::unique_ptr<topology::topology> graph;
};

solver::solver(const network& net)
    : net_(net), names_(net), display_(net), drawing_(std::make_unique<drawing>()) {}
solver::~solver() = default;
solver::solver(solver&&) noexcept = default;

const topology::topology& solver::topology() const {
  std::call_once(drawing_->once, [&] { drawing_->graph = std::make_unique<topology::topology>(net_); });
  return *drawing_->graph;
}

void solver::name(answer& a) const {
  a.from_name = std::string(display_.of(a.from));
  for (auto& h : a.path) h.name = std::string(display_.of(h.component));
  if (a.blocked) {
    a.blocked->component_name = std::string(display_.of(a.blocked->component));
    // `sg-0f22… "endpoints"` after the first mention of each named resource (resource_names::annotate).
    a.blocked->message = display_.annotate(std::move(a.blocked->message));
    a.blocked->fix = display_.annotate(std::move(a.blocked->fix));
  }
}

std::optional<std::string> solver::id_named(const std::string& name) const {
  if (auto id = names_.id_for(name)) return std::string(*id);
  return std::nullopt;
}

answer solver::trace(const flow_request& req) const {
  // A name stands for the id it tags (design names are Name tags); the answer shows the id.
  if (!names_.empty()) {
    auto from = id_named(req.from);
    auto to = id_named(req.to);
    if (from || to) {
      flow_request by_id = req;
      if (from) by_id.from = *from;
      if (to) by_id.to = *to;
      return trace(by_id);
    }
  }
  // Source: an instance (its primary ENI), an ENI, or a private IPv4 of one.
  const network_interface* src = nullptr;
  const instance* inst = nullptr;
  if (req.from.rfind("i-", 0) == 0) {
    inst = net_.find(instance_id{req.from});
    if (!inst) throw usage_error("vpcsim.trace.unknown_source", "instance " + req.from + " is not in the input");
    src = net_.primary_interface_of(inst->id);
    if (!src)
      throw usage_error("vpcsim.trace.unknown_source", "instance " + req.from + " has no network interface in the input");
  } else if (req.from.rfind("eni-", 0) == 0) {
    src = net_.find(network_interface_id{req.from});
    if (!src) throw usage_error("vpcsim.trace.unknown_source", "network interface " + req.from + " is not in the input");
  } else if (auto a = parse_address4(req.from)) {
    auto enis = net_.interfaces_with_address(*a);
    if (enis.empty()) throw usage_error("vpcsim.trace.unknown_source", "no network interface has the address " + req.from);
    if (enis.size() > 1)
      throw usage_error("vpcsim.trace.ambiguous_source",
                        req.from + " is held by network interfaces in several VPCs; give the instance or ENI id");
    src = enis.front();
  } else {
    throw usage_error("vpcsim.trace.unknown_source",
                      "'" + req.from + "' is not an instance id, a network interface id or an IPv4 address");
  }
  if (!src->primary_ip())
    throw usage_error("vpcsim.trace.unknown_source", "network interface " + src->id.str() + " has no private IPv4 address");
  if (!inst && src->attachment && src->attachment->instance) inst = net_.find(*src->attachment->instance);

  std::string region = region_of(net_, *src);
  if (region.empty()) region = req.region;
  if (region.empty())
    throw usage_error("vpcsim.trace.unknown_region",
                      "the region of " + src->id.str() + " is not in the input; pass --region");

  // ECR-1, ECR-2, B.9 step 6: a composite destination is traced leg by leg.
  if (const auto legs = services::composite_legs(req.to, region); !legs.empty()) {
    answer top;
    top.from = req.from;
    top.to = req.to;
    top.protocol = req.protocol.name();
    top.port = req.port;
    top.reachable = true;
    std::string names;
    for (const auto& leg : legs) {
      flow_request sub = req;
      sub.to = leg.service;
      if (!req.action) sub.action = leg.action;
      if (!req.resource) sub.resource = leg.resource;
      auto a = trace(sub);
      a.from = req.from;
      if (!a.reachable && top.reachable) {
        top.reachable = false;
        top.blocked = a.blocked;
      }
      names += (names.empty() ? "" : " + ") + leg.service;
      top.legs.push_back(std::move(a));
    }
    top.resolved = resolution{"", "composite: " + names, {}, {}};
    top.from_name = std::string(display_.of(top.from));  // the legs and their blocking are named
    return top;
  }

  walk w(net_, req);
  answer a = w.run(*src, inst, region);
  a.from = req.from;
  a.to = req.to;
  a.protocol = req.protocol.name();
  a.port = req.port;
  name(a);
  return a;
}

// A loop of `trace(net, …)` builds the solver (name indexes) once: each thread keeps the
// solver of the last network it traced, found again by the network's revision, which changes on
// every change to the network and is never shared by another network (no lock, no stale answer).
answer trace(const network& net, const flow_request& request) {
  thread_local std::uint64_t revision = 0;
  thread_local std::unique_ptr<solver> cached;
  if (!cached || revision != net.revision()) {
    cached.reset();  // the old network may be gone: drop its solver before building the new one
    cached = std::make_unique<solver>(net);
    revision = net.revision();
  }
  return cached->trace(request);
}

}  // namespace vpcsim
