// A loaded input as text: resource counts per account and region, then the diagnostics.
#include <vpcsim/report/validation.hpp>

#include <algorithm>
#include <iomanip>
#include <map>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vpcsim::report {

namespace {

using counts = std::map<std::string_view, std::size_t>;

// Per resource, a hash of its scope rather than a walk down a tree of scopes: `enterprise` has
// 100,000 resources in 10 scopes.
struct scope_hash {
  std::size_t operator()(const scope& s) const noexcept {
    return std::hash<std::string>{}(s.account) * 31 + std::hash<std::string>{}(s.region);
  }
};

template <class T>
void count(const network& n, std::string_view name, std::map<scope, counts>& out) {
  std::unordered_map<scope, std::size_t, scope_hash> in_scope;
  for (const auto& [id, r] : n.all<T>()) ++in_scope[r.where];
  for (const auto& [where, c] : in_scope) out[where][name] += c;
}

// Resource types in a fixed order, as listed.
struct type_row {
  std::string_view name;
  void (*add)(const network&, std::string_view, std::map<scope, counts>&);
};

constexpr type_row rows[] = {
    {"vpcs", count<vpc>},
    {"subnets", count<subnet>},
    {"route tables", count<route_table>},
    {"network ACLs", count<network_acl>},
    {"security groups", count<security_group>},
    {"internet gateways", count<internet_gateway>},
    {"egress-only internet gateways", count<egress_only_internet_gateway>},
    {"NAT gateways", count<nat_gateway>},
    {"VPN gateways", count<vpn_gateway>},
    {"VPC endpoints", count<vpc_endpoint>},
    {"network interfaces", count<network_interface>},
    {"instances", count<instance>},
    {"prefix lists", count<prefix_list>},
    {"peering connections", count<peering_connection>},
    {"transit gateways", count<transit_gateway>},
    {"transit gateway attachments", count<transit_gateway_attachment>},
    {"transit gateway route tables", count<transit_gateway_route_table>},
};

std::string_view level_name(severity s) {
  switch (s) {
    case severity::error: return "error";
    case severity::warning: return "warning";
    case severity::note: return "note";
  }
  return "note";
}

std::string or_none(const std::string& s) { return s.empty() ? "-" : s; }

// A table: one row per resource type, one column per (account, region), accounts above regions.
void print_counts(const network& n, std::ostream& out) {
  std::map<scope, counts> by_scope;
  for (const auto& row : rows) row.add(n, row.name, by_scope);
  if (by_scope.empty()) return;
  std::vector<std::size_t> widths;
  for (const auto& [where, c] : by_scope)
    widths.push_back(std::max({or_none(where.account).size(), or_none(where.region).size(), std::size_t{6}}) + 2);
  const int first = 30;
  out << std::left << std::setw(first) << "account";
  std::size_t i = 0;
  for (const auto& [where, c] : by_scope) out << std::right << std::setw(static_cast<int>(widths[i++])) << or_none(where.account);
  out << '\n' << std::left << std::setw(first) << "region";
  i = 0;
  for (const auto& [where, c] : by_scope) out << std::right << std::setw(static_cast<int>(widths[i++])) << or_none(where.region);
  out << '\n';
  for (const auto& row : rows) {
    out << std::left << std::setw(first) << row.name;
    i = 0;
    for (const auto& [where, c] : by_scope) {
      auto it = c.find(row.name);
      out << std::right << std::setw(static_cast<int>(widths[i++])) << (it == c.end() ? 0 : it->second);
    }
    out << '\n';
  }
}

}  // namespace

void write_text(const load_result& result, std::ostream& out) {
  print_counts(result.network, out);
  if (result.network.size() > 0 && !result.diagnostics.empty()) out << '\n';
  std::size_t errors = 0, warnings = 0;
  for (const auto& d : result.diagnostics) {
    out << level_name(d.level) << ": " << d.to_string() << '\n';
    errors += d.level == severity::error;
    warnings += d.level == severity::warning;
  }
  out << errors << (errors == 1 ? " error, " : " errors, ") << warnings
      << (warnings == 1 ? " warning" : " warnings") << '\n';
}


std::string to_text(const load_result& result) {
  std::ostringstream out;
  write_text(result, out);
  return out.str();
}

}  // namespace vpcsim::report
