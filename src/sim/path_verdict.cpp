// Path verdicts: the full answer by reference. The one walk (walk.hpp) records each hop's facts
// (hops.hpp) and no words; the rule a hop quotes is written only when asked (`rule_text`).
#include <vpcsim/sim/compiled.hpp>
#include <vpcsim/sim/policy.hpp>
#include <vpcsim/sim/routing.hpp>

#include "hops.hpp"
#include "matching.hpp"

namespace vpcsim {

namespace {

// The recorder of path verdicts: each hop's facts, with the input's name of its component.
class hop_recorder {
 public:
  static constexpr bool words = false;
  hop_recorder(const engine::hop_context& c, bool path, std::vector<path_hop>& out) : c_(c), path_(path), out_(out) {}

  template <class K>
  void hop(const engine::walk_state<K>& w, const engine::event& e) {
    if (!path_) return;
    const path_hop h = engine::hop_of(c_, w, e);
    if (!h.kind.empty()) out_.push_back(h);
  }
  template <class K>
  void note(const engine::walk_state<K>& w, const engine::event& e) {
    if (path_ && e.what == engine::ev::policy_allows) engine::policy_allows(c_, w, e, out_.back());
  }
  template <class K>
  void stop(const engine::walk_state<K>&, const engine::event&) {}

 private:
  const engine::hop_context& c_;
  bool path_;
  std::vector<path_hop>& out_;
};

}  // namespace

path_verdict compiled_network::trace_path(const compiled_source& src, const compiled_destination& dst,
                                          const flow_request& request) const {
  static const network_interface none{};  // IGW-12: a source on the internet has no interface
  const engine::c_eni origin = src.internet ? engine::internet_origin(*src.internet) : engine::c_eni{};
  const auto& eni = src.internet ? origin : t_->enis[src.eni];
  const network_interface& model = src.internet ? none : *eni.model;
  auto one = [&](const compiled_leg& leg, path_verdict& out) {
    leg_verdict& v = out.verdict;
    if (!leg.resolved) {  // DNS-4: no path at all
      engine::unresolved(leg, v);
      out.component_name = display().of(v.component);
      return;
    }
    out.resolved = leg.address;
    const engine::hop_context c{net_, *t_, *leg.resolution->dest, model, src.internet ? nullptr : src.inst};
    if (request.path) out.path.reserve(16);  // a path of a VPC's own hops and the reply's NACLs fits
    hop_recorder rec(c, request.path, out.path);
    auto walk = [&]<class K>(engine::walk<hop_recorder, K>& w) {
      if (src.internet) w.run_from_internet();
      else w.run(src.inst);
      v = w.v;
    };
    if (leg.address.is_v6()) {  // RT-9, NACL-9: the walk over the IPv6 tables
      engine::walk<hop_recorder, uint128> w(*t_, eni, leg, request.protocol, request.port, request.client_ports,
                                            request.max_hops, rec);
      walk(w);
    } else {
      engine::walk<hop_recorder, std::uint32_t> w(*t_, eni, leg, request.protocol, request.port, request.client_ports,
                                                   request.max_hops, rec);
      walk(w);
    }
    if (v.blocked) out.component_name = display().of(v.component);  // the index of names, built on the first
  };
  path_verdict out;
  if (!dst.composite) {
    one(dst.legs.front(), out);
    return out;
  }
  // ECR-1, ECR-2: a composite destination is its legs together, as `solver::trace` answers it.
  out.verdict.reachable = true;
  out.legs.resize(dst.legs.size());
  for (std::size_t i = 0; i < dst.legs.size(); ++i) {
    auto& leg = out.legs[i];
    one(dst.legs[i], leg);
    if (!leg.verdict.reachable && out.verdict.reachable) {
      out.verdict = leg.verdict;
      out.verdict.via = via_kind::none;
      out.verdict.hops = 0;
      out.component_name = leg.component_name;
    }
  }
  return out;
}

std::string compiled_network::rule_text(const hop_rule& r) {
  using k = hop_rule::kind;
  switch (r.what) {
    case k::none: return {};
    case k::text: return std::string(r.prefix) + std::string(r.text);
    case k::sg_rule: return describe(*std::get<const sg_rule*>(r.object), r.ingress);
    case k::acl_entry: return engine::acl_decision_text(std::get<const network_acl_entry*>(r.object));
    case k::route: return describe(*std::get<const route*>(r.object));
    case k::tgw_route: return describe(*std::get<const transit_gateway_route*>(r.object));
    case k::nat: {
      const auto& nat = *std::get<const nat_gateway*>(r.object);
      return std::string(nat.connectivity == nat_connectivity::public_ ? "public" : "private") +
             " NAT: source becomes " + engine::nat_source_text(nat);
    }
    case k::nat64: {  // NAT-10: the IPv4 destination is the last 32 bits of the IPv6 one (RFC 6052)
      hop_rule nat = r;
      nat.what = k::nat;
      return "NAT64: destination " + r.address.to_string() + " becomes " +
             vpcsim::to_string(static_cast<std::uint32_t>(r.address.lo)) + ", " + rule_text(nat);
    }
    case k::source_becomes: return "source becomes " + r.address.to_string();
    case k::destination_becomes: return "destination becomes " + r.address.to_string();
    case k::policy_statement: return describe(*std::get<const policy_statement*>(r.object));
  }
  return {};
}

}  // namespace vpcsim
