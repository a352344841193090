// What AWS creates with a VPC and each new resource (model/aws_defaults.hpp).
#include <vpcsim/model/aws_defaults.hpp>

#include <algorithm>
#include <optional>
#include <utility>

namespace vpcsim::aws_defaults {

namespace {

network_acl_entry entry(int number, bool egress, rule_action action, std::optional<cidr4> v4, std::optional<cidr6> v6) {
  network_acl_entry e;
  e.rule_number = number;
  e.egress = egress;
  e.action = action;
  e.protocol = protocol::all();
  e.cidr_block = v4;
  e.ipv6_cidr_block = v6;
  return e;
}

cidr6 any6() { return *cidr6::parse("::/0"); }

}  // namespace

std::vector<route> local_routes(const vpc& v) {
  std::vector<route> out;
  auto add = [&](route_destination d) {
    route r;
    r.destination = std::move(d);
    r.target.kind = target_kind::local;
    r.target.id = "local";
    r.origin = route_origin::create_route_table;
    out.push_back(std::move(r));
  };
  for (const auto& c : v.cidr_blocks) add(c);
  for (const auto& c : v.ipv6_cidr_blocks) add(c);
  return out;
}

route_table main_route_table(const vpc& v, route_table_id id, std::string association_id) {
  route_table t;
  t.id = std::move(id);
  t.where = v.where;
  t.vpc = v.id;
  t.routes = local_routes(v);
  t.associations.push_back(route_table_association{std::move(association_id), true, {}, {}});
  return t;
}

std::vector<network_acl_entry> final_denies(const vpc& v) {
  std::vector<network_acl_entry> out;
  for (bool egress : {false, true}) {
    out.push_back(entry(32767, egress, rule_action::deny, cidr4{}, std::nullopt));
    if (!v.ipv6_cidr_blocks.empty()) out.push_back(entry(32768, egress, rule_action::deny, std::nullopt, any6()));
  }
  return out;
}

std::vector<network_acl_entry> default_acl_rules(const vpc& v, bool egress) {
  std::vector<network_acl_entry> out{entry(100, egress, rule_action::allow, cidr4{}, std::nullopt)};
  if (!v.ipv6_cidr_blocks.empty()) out.push_back(entry(101, egress, rule_action::allow, std::nullopt, any6()));
  return out;
}

void sort_entries(std::vector<network_acl_entry>& entries) {
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return std::pair{a.egress, a.rule_number} < std::pair{b.egress, b.rule_number};
  });
}

network_acl default_network_acl(const vpc& v, network_acl_id id) {
  network_acl n;
  n.id = std::move(id);
  n.where = v.where;
  n.vpc = v.id;
  n.is_default = true;
  for (bool egress : {false, true})
    for (auto& e : default_acl_rules(v, egress)) n.entries.push_back(std::move(e));
  for (auto& e : final_denies(v)) n.entries.push_back(std::move(e));
  sort_entries(n.entries);
  return n;
}

sg_rule allow_all_egress() {
  sg_rule r;
  r.peer = cidr4{};
  return r;
}

std::vector<sg_rule> default_group_ingress(const security_group_id& self) {
  sg_rule r;
  r.peer = self;
  return {r};
}

std::vector<sg_rule> default_group_egress(const vpc& v) {
  std::vector<sg_rule> out{allow_all_egress()};
  if (!v.ipv6_cidr_blocks.empty()) {
    sg_rule r;
    r.peer = any6();
    out.push_back(r);
  }
  return out;
}

security_group default_security_group(const vpc& v, security_group_id id) {
  security_group g;
  g.id = std::move(id);
  g.where = v.where;
  g.vpc = v.id;
  g.name = "default";
  g.description = std::string(default_group_description);
  g.ingress = default_group_ingress(g.id);
  g.egress = default_group_egress(v);
  return g;
}

}  // namespace vpcsim::aws_defaults
