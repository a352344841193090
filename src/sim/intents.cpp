// Reachability intents: expand each source selector, trace, and judge the answer.
#include <vpcsim/error.hpp>
#include <vpcsim/model/names.hpp>
#include <vpcsim/sim/intents.hpp>
#include <vpcsim/sim/selector.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace vpcsim {

namespace {

// The `via` values of a trace answer (design.md, `vpcsim trace`).
constexpr std::array<std::string_view, 8> via_kinds = {
    "interface-endpoint", "gateway-endpoint", "nat-gateway", "internet-gateway",
    "local",              "peering",          "transit-gateway", "virtual-private-gateway"};

// Id prefixes of the components a path or a blocked_by can name.
constexpr std::array<std::string_view, 17> component_prefixes = {
    "vpce-", "nat-", "igw-", "eigw-", "pcx-", "tgw-", "vgw-", "eni-", "i-",
    "rtb-",  "sg-",  "acl-", "subnet-", "vpc-", "pl-",  "cgw-", "lgw-"};

// Every resource a path or a block can name, with its name: what `via` and `blocked_by` may name.
std::vector<name_candidate> components(const network& net) {
  std::vector<name_candidate> out;
  auto add = [&](std::vector<name_candidate> more) { out.insert(out.end(), more.begin(), more.end()); };
  add(name_candidates<vpc_endpoint>(net));
  add(name_candidates<nat_gateway>(net));
  add(name_candidates<internet_gateway>(net));
  add(name_candidates<egress_only_internet_gateway>(net));
  add(name_candidates<peering_connection>(net));
  add(name_candidates<transit_gateway>(net));
  add(name_candidates<transit_gateway_attachment>(net));   // blocked_by: TGW_* codes name these
  add(name_candidates<transit_gateway_route_table>(net));
  add(name_candidates<vpn_gateway>(net));
  add(name_candidates<security_group>(net));
  add(name_candidates<network_acl>(net));
  add(name_candidates<route_table>(net));
  add(name_candidates<subnet>(net));
  add(name_candidates<vpc>(net));
  add(name_candidates<network_interface>(net));
  add(name_candidates<instance>(net));
  // DNS codes name these (CUSTOM_DNS_SERVERS, DNS_FORWARDED, DNS_NAME_NOT_FOUND).
  add(name_candidates<dhcp_options>(net));
  add(name_candidates<resolver_rule>(net));
  add(name_candidates<hosted_zone>(net));
  // UNKNOWN_RESOURCE names a peer VPC the input does not hold by its id.
  for (const auto& [id, pcx] : net.all<peering_connection>())
    for (const auto* side : {&pcx.requester, &pcx.accepter})
      if (!side->vpc.empty() && !net.find(side->vpc)) out.push_back({side->vpc.value, ""});
  return out;
}

std::string blocked_text(const answer& a, bool with_message) {
  const answer* leg = &a;
  for (const auto& l : a.legs)
    if (!l.reachable) {
      leg = &l;
      break;
    }
  std::string where = leg != &a ? " (leg " + leg->to + ")" : "";
  if (!leg->blocked) return "not reachable" + where;
  std::string out = "blocked" + where + ": " + leg->blocked->code + " at " + with_name(leg->blocked->component, leg->blocked->component_name);
  if (with_message) out += ": " + leg->blocked->message;
  return out;
}

std::string reachable_text(const answer& a) {
  if (a.legs.empty()) return "reachable via " + a.via.value_or("?");
  std::string out = "reachable:";
  for (std::size_t i = 0; i < a.legs.size(); ++i)
    out += (i ? ", " : " ") + a.legs[i].to + " via " + a.legs[i].via.value_or("?");
  return out;
}

bool path_has(const answer& a, const std::string& id) {
  return std::any_of(a.path.begin(), a.path.end(), [&](const hop& h) { return h.direction == "forward" && h.component == id; });
}

// `id "name"` of a component on the path of `a` or of one of its legs; `id` alone when it has no name.
std::string component_text(const answer& a, const std::string& id) {
  for (const auto& h : a.path)
    if (h.component == id) return with_name(id, h.name);
  for (const auto& l : a.legs)
    for (const auto& h : l.path)
      if (h.component == id) return with_name(id, h.name);
  return id;
}

// The diagnostic for an intent that cannot be checked; `e` is the selector's or the trace's error.
import_error intent_error(const intent& i, const std::string& field, const usage_error& e) {
  std::string message = e.what();
  const std::string prefix = "[" + e.code() + "] ";
  if (message.rfind(prefix, 0) == 0) message.erase(0, prefix.size());
  return import_error(diagnostic{severity::error, e.code(), i.file, i.pointer.empty() ? "" : i.pointer + field,
                                 "intent '" + i.name + "'", message});
}

}  // namespace

std::string_view to_string(expectation e) noexcept { return e == expectation::reachable ? "reachable" : "blocked"; }

bool is_via_kind(std::string_view text) noexcept {
  return std::find(via_kinds.begin(), via_kinds.end(), text) != via_kinds.end();
}

std::optional<std::string> via_kind_spelling(std::string_view text) {
  std::string t;
  for (unsigned char c : text) t += c == '_' || c == ' ' ? '-' : static_cast<char>(std::tolower(c));
  if (is_via_kind(t)) return t;
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> aliases{{
      {"nat", "nat-gateway"}, {"igw", "internet-gateway"}, {"internet", "internet-gateway"},
      {"privatelink", "interface-endpoint"}, {"tgw", "transit-gateway"}, {"internet-gw", "internet-gateway"},
      {"vgw", "virtual-private-gateway"}, {"vpn", "virtual-private-gateway"}, {"pcx", "peering"},
      {"peering-connection", "peering"}}};
  for (const auto& [alias, kind] : aliases)
    if (t == alias) return std::string(kind);
  return std::nullopt;
}

std::string via_kinds_text() {
  std::string out;
  for (auto k : via_kinds) out += (out.empty() ? "" : ", ") + std::string(k);
  return out;
}

bool is_component_id(std::string_view text) noexcept {
  return std::any_of(component_prefixes.begin(), component_prefixes.end(), [&](std::string_view p) {
    return text.size() > p.size() && text.substr(0, p.size()) == p &&
           std::all_of(text.begin() + static_cast<std::ptrdiff_t>(p.size()), text.end(),
                       [](unsigned char c) { return std::isalnum(c) || c == '-'; });
  });
}

bool is_blocking_code(std::string_view text) noexcept {
  return !text.empty() && std::isupper(static_cast<unsigned char>(text.front())) &&
         std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isupper(c) || std::isdigit(c) || c == '_'; });
}

std::size_t check_report::passed() const noexcept {
  return static_cast<std::size_t>(std::count_if(results.begin(), results.end(), [](const auto& r) { return r.passed; }));
}

std::size_t check_report::failed() const noexcept { return results.size() - passed(); }

intent_result judge(const intent& i, const std::string& source, answer a) {
  intent_result r{i, source, false, {}, std::move(a)};
  const answer& ans = r.answer;
  if (i.expect == expectation::reachable) {
    if (!ans.reachable) {
      r.reason = "expected reachable; " + blocked_text(ans, true);
      return r;
    }
    if (i.via && is_via_kind(*i.via)) {
      // A composite (ecr) carries `via` on its legs: every leg must use the expected kind.
      std::vector<const answer*> parts;
      if (ans.legs.empty()) parts.push_back(&ans);
      for (const auto& l : ans.legs) parts.push_back(&l);
      for (const auto* p : parts)
        if (p->via != *i.via) {
          r.reason = "expected via " + *i.via + "; " + reachable_text(ans);
          return r;
        }
    } else if (i.via) {
      const bool through = path_has(ans, *i.via) ||
                           std::any_of(ans.legs.begin(), ans.legs.end(), [&](const answer& l) { return path_has(l, *i.via); });
      if (!through) {
        r.reason = "expected a path through " + *i.via + "; " + reachable_text(ans) + " without it";
        return r;
      }
    }
    r.passed = true;
    r.reason = reachable_text(ans) + (i.via && !is_via_kind(*i.via) ? " through " + component_text(ans, *i.via) : "");
    return r;
  }
  if (ans.reachable) {
    r.reason = "expected blocked; " + reachable_text(ans);
    return r;
  }
  if (i.blocked_by) {
    const auto& b = ans.blocked;
    if (!b || (b->component != *i.blocked_by && b->code != *i.blocked_by)) {
      r.reason = "expected blocked by " + *i.blocked_by + "; " + blocked_text(ans, true);
      return r;
    }
  }
  r.passed = true;
  r.reason = blocked_text(ans, false);
  return r;
}

check_report check(const solver& s, const std::vector<intent>& intents, const std::string& region,
                   std::size_t max_hops) {
  const network& net = s.net();
  check_report report;
  for (const auto& i : intents) {
    std::vector<std::string> sources;
    try {
      sources = expand(net, parse_selector(i.from));
    } catch (const usage_error& e) {
      throw intent_error(i, "/from", e);
    }
    // `via` and `blocked_by` by name: the id of the resource the user named.
    intent resolved = i;
    if (i.via && !is_via_kind(*i.via)) try {
        resolved.via = resolve_name(*i.via, components(net), "resource", "resources");
      } catch (const usage_error& e) {
        throw intent_error(i, "/via", usage_error(e.code(), std::string(e.what()).substr(e.code().size() + 3) +
                                                                "; or a via kind: " + via_kinds_text()));
      }
    // IGW-12: `internet` is the component of a flow from the internet that meets no resource.
    if (i.blocked_by && !is_blocking_code(*i.blocked_by) && *i.blocked_by != "internet") try {
        resolved.blocked_by = resolve_name(*i.blocked_by, components(net), "resource", "resources");
      } catch (const usage_error& e) {
        throw intent_error(i, "/blocked_by", e);
      }
    for (const auto& source : sources) {
      flow_request req;
      req.from = source;
      req.to = i.to;
      req.protocol = i.protocol;
      req.port = i.port;
      req.region = region;
      req.action = i.action;
      req.resource = i.resource;
      req.ip_version = i.ip_version;
      req.max_hops = max_hops;
      answer a;
      try {
        a = s.trace(req);
      } catch (const usage_error& e) {
        throw intent_error(i, e.code() == "vpcsim.trace.unknown_destination"      ? "/to"
                              : e.code() == "vpcsim.trace.no_answer_in_family" ? "/ip_version"
                                                                                : "",
                           e);
      }
      report.results.push_back(judge(resolved, source, std::move(a)));
      report.results.back().intent = i;  // as the user wrote it
    }
  }
  return report;
}

}  // namespace vpcsim
