// Route selection (A.1.3).
#include <vpcsim/sim/routing.hpp>

#include <tuple>
#include <type_traits>
#include <variant>

namespace vpcsim {

namespace {
// RT-15/17/18: on equal prefix length, static CIDR routes (local included) rank first, then
// prefix-list routes, then propagated routes.
int rank(const route& r) {
  if (r.origin == route_origin::propagated) return 2;
  if (std::holds_alternative<prefix_list_id>(r.destination)) return 1;
  return 0;
}
}  // namespace

// The one route selection, for either family: `Cidr` is the family's block type, `entries` a
// prefix list's entries of that family.
namespace {
template <class Cidr, class Address, class Entries>
basic_route_choice<Cidr> select_in_family(const network& net, const route_table& table, const Address& dst,
                                          Entries entries) {
  basic_route_choice<Cidr> best;
  int best_len = -1, best_rank = 3;
  const route* best_pl = nullptr;
  int best_pl_len = -1;
  for (std::size_t i = 0; i < table.routes.size(); ++i) {
    const route& r = table.routes[i];
    std::optional<Cidr> m;
    if (const auto* c = std::get_if<Cidr>(&r.destination)) {
      if (c->contains(dst)) m = *c;
    } else if (const auto* pl_id = std::get_if<prefix_list_id>(&r.destination)) {
      const auto* pl = net.find(*pl_id);
      if (!pl) {
        best.warnings.push_back("route " + describe(r) + " in " + table.id.str() + " names prefix list " +
                                pl_id->str() + ", which is not in the input; it matches nothing");
        continue;
      }
      // RT-16: a prefix-list route behaves as one route per entry of the list.
      for (const auto& entry : entries(*pl))
        if (entry.contains(dst) && (!m || entry.prefix_length() > m->prefix_length())) m = entry;
      if (m && m->prefix_length() > best_pl_len) {
        best_pl = &r;
        best_pl_len = m->prefix_length();
      }
    }
    // The other family's destinations never match (RT-9).
    if (!m) continue;
    const int len = m->prefix_length(), rk = rank(r);
    bool better = len > best_len || (len == best_len && rk < best_rank);
    if (len == best_len && rk == best_rank && rk == 1 && best.chosen) {
      // RT-19: overlapping prefix lists with different targets: AWS picks one and keeps it; we
      // pick the lowest prefix-list id and say so.
      const auto& a = std::get<prefix_list_id>(r.destination);
      const auto& b = std::get<prefix_list_id>(best.chosen->destination);
      better = a < b;
      best.warnings.push_back("prefix-list routes " + a.str() + " and " + b.str() + " in " + table.id.str() +
                              " both match " + dst.to_string() +
                              "; AWS picks one at random, vpcsim assumes the lowest id (RT-19)");
    }
    if (better) {
      best.chosen = &r;
      best.index = static_cast<int>(i);
      best.matched = *m;
      best_len = len;
      best_rank = rk;
    }
  }
  if (best.chosen && best_pl && best.chosen != best_pl) best.shadowed_prefix_list_route = best_pl;
  return best;
}
}  // namespace

route_choice select_route(const network& net, const route_table& table, address4 dst) {
  return select_in_family<cidr4>(net, table, dst, [](const prefix_list& pl) -> const auto& { return pl.cidrs; });
}

route_choice6 select_route(const network& net, const route_table& table, const address6& dst) {
  return select_in_family<cidr6>(net, table, dst, [](const prefix_list& pl) -> const auto& { return pl.ipv6_cidrs; });
}

std::string describe(const route& r) {
  std::string out = to_string(r.destination) + " -> " + r.target.id;
  if (r.state == route_state::blackhole) out += " (blackhole)";
  return out;
}

namespace {
// RT-14, TGW-1, TGW-2: longest prefix of the family's routes; a static route beats a propagated
// one of the same prefix. A VPC attachment propagates its VPC's IPv4 CIDRs, and its IPv6 CIDRs
// only with `Ipv6Support` enabled.
template <class Cidr, class Address>
std::optional<transit_gateway_route> select_tgw_in_family(const network& net, const transit_gateway_route_table& table,
                                                          const Address& dst) {
  std::optional<transit_gateway_route> best;
  int best_len = -1;
  auto consider = [&](const transit_gateway_route& r) {
    const auto* c = std::get_if<Cidr>(&r.destination);
    if (!c || !c->contains(dst)) return;
    const int len = c->prefix_length();
    const bool better = len > best_len || (len == best_len && r.type == "static" && best->type != "static");
    if (better) {
      best = r;
      best_len = len;
    }
  };
  for (const auto& r : table.routes) consider(r);
  for (const auto& id : table.propagations) {
    const auto* a = net.find(id);
    if (!a || a->resource_type != "vpc") continue;
    const auto* v = net.find(vpc_id{a->resource_id});
    if (!v) continue;
    if constexpr (std::is_same_v<Cidr, cidr4>) {
      for (const auto& c : v->cidr_blocks) consider(transit_gateway_route{c, {id}, "propagated", "active"});
    } else if (a->ipv6_support) {
      for (const auto& c : v->ipv6_cidr_blocks) consider(transit_gateway_route{c, {id}, "propagated", "active"});
    }
  }
  return best;
}
}  // namespace

std::optional<transit_gateway_route> select_tgw_route(const network& net, const transit_gateway_route_table& table,
                                                      address4 dst) {
  return select_tgw_in_family<cidr4>(net, table, dst);
}

std::optional<transit_gateway_route> select_tgw_route(const network& net, const transit_gateway_route_table& table,
                                                      const address6& dst) {
  return select_tgw_in_family<cidr6>(net, table, dst);
}

std::string describe(const transit_gateway_route& r) {
  std::string out = to_string(r.destination) + " ->";
  for (const auto& a : r.attachments) out += " " + a.str();
  if (r.state == tgw_route_state::blackhole) out += " (blackhole)";
  else if (r.type == "propagated") out += " (propagated)";
  return out;
}

}  // namespace vpcsim
