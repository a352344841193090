// The words of blocking rules: the one place `blocked_by.rule` texts are written.
#include "explain.hpp"

#include <vpcsim/sim/policy.hpp>
#include <vpcsim/sim/routing.hpp>

#include "rules.hpp"

namespace vpcsim::explain {

std::string rule_text(const blocked_rule& r, protocol proto, std::uint16_t port) {
  const std::string addr = r.address.to_string();
  const std::string dir = r.egress ? "outbound" : "inbound";
  const std::string flow = rules::flow_text(proto, port);
  switch (r.what) {
    case blocked_rule::kind::none: return {};
    case blocked_rule::kind::text: return std::string(r.prefix) + std::string(r.text);
    case blocked_rule::kind::sg_egress: return "no outbound rule allows " + flow + " to " + addr;
    case blocked_rule::kind::sg_ingress: return "no inbound rule allows " + flow + " from " + addr;
    case blocked_rule::kind::acl_entry: return to_string(*std::get<const network_acl_entry*>(r.object));
    case blocked_rule::kind::acl_final:
      return "no " + dir + " rule allows " + flow + (r.egress ? " to " : " from ") + addr + " (final #* deny)";
    case blocked_rule::kind::acl_return_final:
      return "no " + dir + " rule allows the return traffic " + (r.egress ? "to " : "from ") + addr +
             (proto.has_ports() ? " to ports " + r.ports.to_string() : "") + " (final #* deny)";
    case blocked_rule::kind::route: return describe(*std::get<const route*>(r.object));
    case blocked_rule::kind::no_route: return "no route matches " + addr;
    case blocked_rule::kind::no_eni: return "no network interface holds " + addr;
    case blocked_rule::kind::rfc1918: return "destination " + addr + " is in RFC 1918 space";
    case blocked_rule::kind::rfc6598: return "destination " + addr + " is in RFC 6598 space";
    case blocked_rule::kind::policy_statement: return describe(*std::get<const policy_statement*>(r.object));
    case blocked_rule::kind::tgw_route: return describe(*std::get<const transit_gateway_route*>(r.object));
  }
  return {};
}

blocked_rule missing(blocked_rule::kind k, address4 address, bool egress, port_range ports) {
  blocked_rule r;
  r.what = k;
  r.address = address;
  r.egress = egress;
  r.ports = ports;
  return r;
}

blocked_rule acl_denial(const network_acl_entry* entry, address4 peer, bool egress, std::optional<port_range> return_ports) {
  blocked_rule r = missing(entry                ? blocked_rule::kind::acl_entry
                           : return_ports       ? blocked_rule::kind::acl_return_final
                                                : blocked_rule::kind::acl_final,
                           peer, egress, return_ports.value_or(port_range{}));
  if (entry) r.object = entry;
  return r;
}

blocked_rule route_rule(const route& rt) {
  blocked_rule r;
  r.what = blocked_rule::kind::route;
  r.object = &rt;
  return r;
}

blocked_rule route_or_none(const route* rt, address4 address) {
  return rt ? route_rule(*rt) : missing(blocked_rule::kind::no_route, address);
}

}  // namespace vpcsim::explain
