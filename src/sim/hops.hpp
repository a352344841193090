#pragma once
// The facts of each hop of a path, decided once: which component, of which kind, which check and
// which rule let the packet through, under which aws-semantics.md rule. The full answer's words
// (explain.cpp: each hop's sentence beside these facts) and the path verdict
// (`compiled_network::trace_path`) both take them from here. Private to the library.
#include <vpcsim/services/catalogue.hpp>
#include <vpcsim/sim/dns.hpp>
#include <vpcsim/sim/policy.hpp>

#include "walk.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace vpcsim::engine {

/// What a hop's facts depend on besides the walk: the flow's source and destination.
struct hop_context {
  const network& net;
  const compiled_network::tables& t;
  const destination& dest;
  const network_interface& src;  // the source interface (an empty one for a flow from the internet)
  const instance* inst;          // its instance, or nullptr
};

/// NAT-8: the address a NAT gateway gives the source: its Elastic IP (public), its private IP
/// (private), or words for one the input lacks.
inline std::string nat_source_text(const nat_gateway& nat) {
  std::optional<address4> nat_private, nat_public;
  for (const auto& a : nat.addresses) {
    if (!nat_private && a.private_ip) nat_private = a.private_ip;
    if (!nat_public && a.public_ip) nat_public = a.public_ip;
  }
  return nat.connectivity == nat_connectivity::public_
             ? (nat_public ? nat_public->to_string() : std::string("its Elastic IP"))
             : (nat_private ? nat_private->to_string() : std::string("its private IP"));
}

/// IGW-5: the public IPv4 the internet gateway maps the source to: the NAT gateway's Elastic IP
/// (0.0.0.0 when the capture lacks it), the source's own, or an appliance's acting as a NAT
/// instance (RT-13).
template <class K>
std::optional<address4> public_source(const hop_context& c, const walk_state<K>& w) {
  if (w.via_nat) {
    const auto* nat = c.t.nats[w.nat].model;
    for (const auto& a : nat->addresses)
      if (a.public_ip) return a.public_ip;
    return address4{};
  }
  if constexpr (!walk_state<K>::v6)
    if (auto p = c.src.public_ip_for(address4{w.src_addr})) return p;
  if (w.appliance)
    if (const auto* eni = c.t.enis[static_cast<std::uint32_t>(w.appliance - c.t.enis.data())].model; eni && eni->primary_ip())
      return eni->public_ip_for(*eni->primary_ip());
  return std::nullopt;
}

/// The service whose public address the destination is: the resolved one, else the AWS-managed
/// prefix list holding the address; empty when none. A view of the catalogue or the network.
inline std::string_view service_of_destination(const hop_context& c) {
  if (!c.dest.service.empty()) {
    if (const auto* s = services::find_service(c.dest.service); s && s->short_name == c.dest.service) return s->short_name;
    return c.t.keep(c.dest.service);  // a service outside the catalogue: kept with the tables
  }
  for (const auto& [id, pl] : c.net.all<prefix_list>())
    for (const auto& cidr : pl.cidrs)
      if (c.dest.address.is_v4() && cidr.contains(c.dest.address.to_v4()))
        if (auto parts = services::parse_endpoint_service_name(pl.name)) {
          const std::string_view name = pl.name;  // `com.amazonaws.<region>.<service>` ends with the short name
          return name.ends_with(parts->short_name) ? name.substr(name.size() - parts->short_name.size())
                                                   : c.t.keep(parts->short_name);
        }
  return {};
}

// The input's name of an interface, or empty (an interface the tables made up has no model).
inline std::string_view eni_name(const c_eni& eni) {
  return eni.model ? std::string_view(display_name(*eni.model)) : std::string_view();
}

/// The facts of the hop `e` reports, with the input's name of its component (from its model, or
/// kept by the tables); `kind` empty when `e` is not a hop of the path.
template <class K>
path_hop hop_of(const hop_context& c, const walk_state<K>& w, const event& e) {
  constexpr bool v6 = walk_state<K>::v6;
  const auto& t = c.t;
  path_hop h;
  auto set = [&h](std::string_view component, std::string_view name, std::string_view kind, std::string_view check,
                  std::string_view aws_rule) {
    h.component = component;
    h.name = name;
    h.kind = kind;
    h.check = check;
    h.aws_rule = aws_rule;
  };
  // An internet gateway named by its id (`e.text`): its name from the tables.
  auto gateway_name = [](const std::unordered_map<std::string_view, std::uint32_t>& ix,
                           const std::vector<c_igw>& gateways, std::string_view id) {
    const auto it = ix.find(id);
    return it == ix.end() ? std::string_view() : gateways[it->second].name;
  };
  auto sg = [&h](const sg_rule* r, bool ingress) {
    h.rule.what = hop_rule::kind::sg_rule;
    h.rule.object = r;
    h.rule.ingress = ingress;
  };
  auto acl = [&h](const network_acl_entry* entry) {
    h.rule.what = hop_rule::kind::acl_entry;
    h.rule.object = entry;
  };
  auto rt = [&h](const route* r) {
    h.rule.what = hop_rule::kind::route;
    h.rule.object = r;
  };
  auto text = [&h](std::string_view prefix, std::string_view rest) {
    h.rule.what = hop_rule::kind::text;
    h.rule.prefix = prefix;
    h.rule.text = rest;
  };
  switch (e.what) {
    case ev::start:
      if (c.inst) set(c.inst->id.value, display_name(*c.inst), "instance", "", "");
      else set(w.src.id, display_name(c.src), "network-interface", "", "");
      break;
    case ev::sg_egress: {
      const auto& r = w.f.sg_rules[e.sg_rule];
      set(r.owner->id.value, display_name(*r.owner), "security-group", "egress", "SG-5");
      sg(r.rule, false);
      break;
    }
    case ev::acl:
      set(t.acls[e.acl].id, t.acls[e.acl].name, "network-acl", e.egress ? "outbound" : "inbound", "NACL-5");
      acl(e.entry);
      break;
    case ev::route:
      set(t.tables[e.table].id, t.tables[e.table].name, "route-table", "route", "RT-15");
      rt(t.routes[e.route].r);
      break;
    case ev::sg_ingress: {
      const auto& r = w.f.sg_rules[e.sg_rule];
      set(r.owner->id.value, display_name(*r.owner), "security-group", "ingress",
          t.enis[e.eni].endpoint != npos ? "IF-7" : "SG-8");
      sg(r.rule, true);
      break;
    }
    case ev::arrive:
      set(t.enis[e.eni].id, eni_name(t.enis[e.eni]), "network-interface", "", "RT-14");
      break;
    case ev::interface_endpoint:
      set(t.endpoints[e.endpoint].id, display_name(*t.endpoint_models[e.endpoint]), "interface-endpoint", "", "IF-1");
      break;
    case ev::service: set(t.endpoints[e.endpoint].service, {}, "service", "", ""); break;
    case ev::internet: {
      const auto svc = service_of_destination(c);
      if (svc.empty()) set("internet", {}, "internet", "", "");
      else set(svc, {}, "service", "", "");
      break;
    }
    case ev::nat: {
      const nat_gateway* nat = t.nats[e.nat].model;
      set(nat->id.value, display_name(*nat), "nat-gateway", "", v6 ? "NAT-10" : "NAT-8");
      h.rule.what = v6 ? hop_rule::kind::nat64 : hop_rule::kind::nat;
      h.rule.object = nat;
      if constexpr (v6) h.rule.address = make_address6(w.dest);  // NAT-10: the IPv4 address is its last 32 bits
      break;
    }
    case ev::igw:
      set(e.text, gateway_name(t.igw_ix, t.igws, e.text), "internet-gateway", "", "IGW-5");
      if constexpr (!v6) {  // IGW-5: an IPv6 source is not translated
        if (const auto pub = public_source(c, w); pub && *pub != address4{}) {
          h.rule.what = hop_rule::kind::source_becomes;
          h.rule.address = *pub;
        }
      }
      break;
    case ev::eigw:
      set(e.text, gateway_name(t.eigw_ix, t.eigws, e.text), "egress-only-internet-gateway", "", "IGW-8");
      break;
    case ev::gateway_endpoint:
      set(t.endpoints[e.endpoint].id, display_name(*t.endpoint_models[e.endpoint]), "gateway-endpoint", "", "GW-6");
      break;
    case ev::appliance_sg: {
      const auto& r = w.f.sg_rules[e.sg_rule];
      set(r.owner->id.value, display_name(*r.owner), "security-group", e.egress ? "egress" : "ingress", "SG-5");
      sg(r.rule, !e.egress);
      break;
    }
    case ev::appliance:
      set(t.enis[e.eni].id, eni_name(t.enis[e.eni]), "appliance", "", "RT-14");
      text("source/destination check off", "");
      break;
    case ev::tgw_enter:
      set(t.tgw_attachments[e.attachment].id, t.tgw_attachments[e.attachment].name, "transit-gateway-attachment", "",
          "RT-14");
      text("enters by ", t.subnets[e.subnet].id);
      break;
    case ev::tgw_table:
      set(t.tgw_tables[e.table].id, t.tgw_tables[e.table].name, "transit-gateway-route-table", "route", "RT-14");
      h.rule.what = hop_rule::kind::tgw_route;
      h.rule.object = e.tgw_route;
      break;
    case ev::tgw_leave:
      set(t.tgw_attachments[e.attachment].id, t.tgw_attachments[e.attachment].name, "transit-gateway-attachment", "",
          "RT-14");
      text("leaves by ", t.subnets[e.subnet].id);
      break;
    case ev::peering:
      set(t.peerings[e.peering].id, t.peerings[e.peering].name, "peering-connection", "", "PEER-1");
      break;
    case ev::from_internet: set("internet", {}, "internet", "", "IGW-12"); break;
    case ev::igw_in:
      if constexpr (v6) {
        // IGW-5: admitted untranslated
        set(e.text, gateway_name(t.igw_ix, t.igws, e.text), "internet-gateway", "", "IGW-12");
      } else {
        set(e.text, gateway_name(t.igw_ix, t.igws, e.text), "internet-gateway", "", "IGW-5");
        const auto* p = t.public_ip(static_cast<std::uint32_t>(w.dest));
        h.rule.what = hop_rule::kind::destination_becomes;
        h.rule.address = p ? make_address4(p->second.second) : make_address4(static_cast<std::uint32_t>(w.dest));
      }
      break;
    case ev::route_reply:
      set(t.tables[e.table].id, t.tables[e.table].name, "route-table", "route", "RT-14");
      rt(t.routes[e.route].r);
      h.reply = true;
      break;
    case ev::edge_route:
      set(t.tables[e.table].id, t.tables[e.table].name, "route-table", "edge", "IGW-9");
      rt(t.routes[e.route].r);
      break;
    case ev::acl_reply:
      set(t.acls[e.acl].id, t.acls[e.acl].name, "network-acl", e.egress ? "outbound" : "inbound", "NACL-7");
      acl(e.entry);
      h.reply = true;
      break;
    default: break;
  }
  return h;
}

/// POL-2, POL-4: the endpoint's policy allows the request. The endpoint's hop (`last`) is then
/// checked by `policy`, and its rule is the statement that allows it (none: AWS's default policy).
template <class K>
void policy_allows(const hop_context& c, const walk_state<K>& w, const event& e, path_hop& last) {
  const auto& ep = *c.t.endpoint_models[e.endpoint];
  static const endpoint_policy full_access = full_access_policy();  // POL-2
  const auto& policy = ep.policy ? *ep.policy : full_access;
  const int st = w.leg.policy->statement[e.endpoint];
  last.check = "policy";
  last.rule = {};
  if (st >= 0) {
    last.rule.what = hop_rule::kind::policy_statement;
    last.rule.object = &policy.statements[static_cast<std::size_t>(st)];
  }
}

}  // namespace vpcsim::engine
