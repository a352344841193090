// How resources and rules are written in answers and listings.
#include "overloaded.hpp"

#include <vpcsim/model/network_acl.hpp>
#include <vpcsim/model/route_table.hpp>
#include <vpcsim/model/security_group.hpp>
#include <vpcsim/model/transit_gateway.hpp>
#include <vpcsim/model/vpc_endpoint.hpp>

#include <string>

namespace vpcsim {

using detail::overloaded;

std::string_view to_string(target_kind k) noexcept {
  switch (k) {
    case target_kind::local: return "local";
    case target_kind::internet_gateway: return "internet-gateway";
    case target_kind::egress_only_internet_gateway: return "egress-only-internet-gateway";
    case target_kind::nat_gateway: return "nat-gateway";
    case target_kind::gateway_endpoint: return "gateway-endpoint";
    case target_kind::gateway_load_balancer_endpoint: return "gateway-load-balancer-endpoint";
    case target_kind::network_interface: return "network-interface";
    case target_kind::instance: return "instance";
    case target_kind::peering_connection: return "peering-connection";
    case target_kind::transit_gateway: return "transit-gateway";
    case target_kind::virtual_private_gateway: return "virtual-private-gateway";
    case target_kind::local_gateway: return "local-gateway";
    case target_kind::carrier_gateway: return "carrier-gateway";
    case target_kind::core_network: return "core-network";
  }
  return "unknown";
}

std::string_view to_string(endpoint_type t) noexcept {
  switch (t) {
    case endpoint_type::gateway: return "Gateway";
    case endpoint_type::interface: return "Interface";
    case endpoint_type::gateway_load_balancer: return "GatewayLoadBalancer";
  }
  return "unknown";
}

std::string to_string(const route_destination& d) {
  return std::visit(overloaded{[](const cidr4& c) { return c.to_string(); },
                               [](const cidr6& c) { return c.to_string(); },
                               [](const prefix_list_id& p) { return p.value; }},
                    d);
}

std::string to_string(const tgw_destination& d) {
  return std::visit([](const auto& c) { return c.to_string(); }, d);
}

std::string to_string(const network_acl_entry& e) {
  // Appended piece by piece into one buffer: every hop of a full answer through a NACL quotes its entry.
  std::string out;
  out.reserve(48);
  out += '#';
  out += e.is_default_deny() ? std::string("*") : std::to_string(e.rule_number);
  out += e.action == rule_action::allow ? " allow " : " deny ";
  out += e.protocol.name();
  if (e.protocol.has_ports() && e.ports && !e.ports->is_all()) {
    out += ' ';
    out += e.ports->to_string();
  }
  if (e.protocol.is_icmp() && e.icmp && (e.icmp->type != -1 || e.icmp->code != -1)) {
    out += " type ";
    out += std::to_string(e.icmp->type);
    out += " code ";
    out += std::to_string(e.icmp->code);
  }
  if (e.cidr_block) {
    out += ' ';
    out += e.cidr_block->to_string();
  } else if (e.ipv6_cidr_block) {
    out += ' ';
    out += e.ipv6_cidr_block->to_string();
  }
  return out;
}

std::string describe(const sg_rule& r, bool ingress) {
  std::string out;
  if (r.protocol.is_all()) out = "all traffic";
  else {
    out = r.protocol.name();
    if (r.protocol.has_ports()) out += r.ports.is_all() ? " all ports" : " " + r.ports.to_string();
    else if (r.protocol.is_icmp() && r.icmp && (r.icmp->type != -1 || r.icmp->code != -1))
      out += " type " + std::to_string(r.icmp->type) + " code " + std::to_string(r.icmp->code);
  }
  out += ingress ? " from " : " to ";
  out += std::visit(overloaded{[](const cidr4& c) { return c.to_string(); },
                               [](const cidr6& c) { return c.to_string(); },
                               [](const security_group_id& g) { return g.value; },
                               [](const prefix_list_id& p) { return p.value; }},
                    r.peer);
  return out;
}

}  // namespace vpcsim
