// Route 53 hosted zones and records, Route 53 Resolver rules and endpoints, and DHCP options
// (`aws route53 …`, `aws route53resolver …`, `aws ec2 describe-dhcp-options`; DNS-3, DNS-11..DNS-13).
#include "aws_import.hpp"
#include "aws_keys.hpp"

#include <algorithm>
#include <cctype>

namespace vpcsim::detail::aws {

namespace k = aws_keys;

namespace {

// Route 53 writes zone ids as `/hostedzone/Z…`; the CLI's --id takes either form.
std::string zone_id_of(std::string text) {
  constexpr std::string_view prefix = "/hostedzone/";
  if (text.starts_with(prefix)) text.erase(0, prefix.size());
  return text;
}

// The fields of a HostedZone object (list-hosted-zones element, get-hosted-zone's HostedZone).
std::optional<hosted_zone> zone_fields(reader& r) {
  hosted_zone z;
  auto id = r.id(k::id, "hosted-zone");
  z.id = hosted_zone_id{zone_id_of(id.value_or(""))};
  r.set_resource(label("hosted-zone", z.id.value));
  z.where = r.scope_for(std::nullopt);
  z.name = canonical_dns_name(r.string(k::name, true).value_or(""));
  if (auto c = r.child(k::config)) {
    z.private_zone = c->boolean(k::private_zone).value_or(false);
    z.comment = c->string(k::comment).value_or("");
    c->finish("hosted zone config", std::span<const std::string_view>{});
  }
  r.finish("hosted zone", k::ignored::hosted_zone);
  if (r.failed()) return std::nullopt;
  return z;
}

dns_record_type record_type(const std::string& t) {
  if (t == "A") return dns_record_type::a;
  if (t == "AAAA") return dns_record_type::aaaa;
  if (t == "CNAME") return dns_record_type::cname;
  return dns_record_type::other;
}

}  // namespace

void read_dhcp_options(reader& r) {
  dhcp_options o;
  auto id = r.id(k::dhcp_options_id, "dhcp-options");
  o.id = dhcp_options_id{id.value_or("")};
  o.where = r.scope_for(r.string(k::owner_id));
  r.each(k::dhcp_configurations, [&](reader& c) {
    const auto key = c.string(k::key, true).value_or("");
    std::vector<std::string> values;
    c.each(k::values, [&](reader& v) {
      if (auto x = v.string(k::value, true)) values.push_back(*x);
      v.finish("DHCP option value", std::span<const std::string_view>{});
    });
    c.finish("DHCP configuration", std::span<const std::string_view>{});
    if (key == k::domain_name_servers) o.domain_name_servers = values;
    else if (key == k::domain_name_option) o.domain_name = values;
    else
      for (const auto& v : values) o.other.push_back(key + "=" + v);
  });
  o.tags = r.tags(k::tags);
  r.finish("DHCP options", k::ignored::dhcp_options);
  if (!r.failed()) r.imp().add(std::move(o), r, k::dhcp_options);
}

void read_listed_hosted_zone(reader& r) {
  if (auto z = zone_fields(r)) r.imp().hosted_zone_docs.push_back({r.at(), std::move(*z)});
}

void read_hosted_zone_document(importer& imp, file_context& ctx, json doc) {
  bool failed = false;
  reader top(imp, ctx, doc, "", "", failed);
  auto zr = top.child(k::hosted_zone);
  if (!zr) {
    top.error(messages::wrong_type(top.at(k::hosted_zone), "'HostedZone'", "an object", json_type_name(*doc.find(k::hosted_zone))));
    return;
  }
  auto z = zone_fields(*zr);
  if (!z) return;
  top.set_resource(label("hosted-zone", z->id.value));
  // DNS-3: the VPCs a private zone answers.
  top.each(k::vpcs_of_zone, [&](reader& v) {
    zone_vpc a;
    a.vpc = vpc_id{v.string(k::vpc_id_upper, true).value_or("")};
    a.region = v.string(k::vpc_region).value_or("");
    v.finish("hosted zone VPC", std::span<const std::string_view>{});
    if (!a.vpc.empty()) z->vpcs.push_back(std::move(a));
  });
  if (!failed) imp.hosted_zone_docs.push_back({top.at(), std::move(*z)});
}

void read_record_sets_document(importer& imp, file_context& ctx, json doc) {
  bool failed = false;
  reader top(imp, ctx, doc, "", "", failed);
  record_sets_doc d;
  // The README's recipe adds the zone's id beside the records (`. + {HostedZoneId: $z}`).
  auto zone = top.string(k::hosted_zone_id);
  if (!zone) {
    top.error(messages::missing_field(top.at(), k::hosted_zone_id));
    return;
  }
  d.zone = hosted_zone_id{zone_id_of(*zone)};
  top.set_resource(label("hosted-zone", d.zone.value));
  d.at = top.at(k::resource_record_sets);
  top.each(k::resource_record_sets, [&](reader& r) {
    dns_record rec;
    rec.name = canonical_dns_name(r.string(k::name, true).value_or(""));
    rec.type_name = r.string(k::type, true).value_or("");
    rec.type = record_type(rec.type_name);
    rec.set_identifier = r.string(k::set_identifier).value_or("");
    r.each(k::resource_records, [&](reader& v) {
      if (auto x = v.string(k::value, true)) rec.values.push_back(*x);
      v.finish("resource record", std::span<const std::string_view>{});
    });
    if (auto a = r.child(k::alias_target)) {
      rec.alias_target = canonical_dns_name(a->string(k::dns_name_upper, true).value_or(""));
      rec.alias_zone_id = a->string(k::hosted_zone_id, true).value_or("");
      a->finish("alias target", k::ignored::alias_target);
    }
    r.finish("resource record set", k::ignored::resource_record_set);
    d.records.push_back(std::move(rec));
  }, true);
  if (!failed) imp.record_sets.push_back(std::move(d));
}

void read_resolver_endpoint(reader& r) {
  resolver_endpoint e;
  auto id = r.id(k::id, "resolver-endpoint");
  e.id = resolver_endpoint_id{id.value_or("")};
  e.where = r.scope_for(std::nullopt);
  if (auto n = r.string(k::name); n && !n->empty()) e.tags["Name"] = *n;
  e.direction = r.string(k::direction, true).value_or(e.direction);
  e.vpc = vpc_id{r.string(k::host_vpc_id, true).value_or("")};
  for (const auto& g : r.strings(k::security_group_ids)) e.security_groups.emplace_back(g);
  read_state(r, k::status, e.status);
  r.finish("resolver endpoint", k::ignored::resolver_endpoint);
  if (!r.failed()) r.imp().add(std::move(e), r, k::resolver_endpoints);
}

void read_resolver_rule(reader& r) {
  resolver_rule x;
  auto id = r.id(k::id, "resolver-rule");
  x.id = resolver_rule_id{id.value_or("")};
  // Autodefined rules name `Route 53 Resolver` as their owner, not an account.
  auto owner = r.string(k::owner_id);
  if (owner && (owner->size() != 12 || !std::all_of(owner->begin(), owner->end(), [](unsigned char c) { return std::isdigit(c); })))
    owner.reset();
  x.where = r.scope_for(owner);
  if (auto n = r.string(k::name); n && !n->empty()) x.tags["Name"] = *n;
  x.domain_name = canonical_dns_name(r.string(k::domain_name, true).value_or(""));
  const auto type = r.string(k::rule_type, true).value_or("");
  static constexpr std::array<std::pair<std::string_view, resolver_rule_type>, 3> types{{
      {"FORWARD", resolver_rule_type::forward},
      {"SYSTEM", resolver_rule_type::system},
      {"RECURSIVE", resolver_rule_type::recursive},
  }};
  if (!type.empty())
    if (auto t = lookup(r, k::rule_type, type, types, "FORWARD, SYSTEM or RECURSIVE")) x.type = *t;
  r.each(k::target_ips, [&](reader& t) {
    resolver_target target;
    target.ip = t.string(k::ip).value_or("");
    target.port = static_cast<int>(t.integer(k::port).value_or(53));
    t.finish("resolver rule target", k::ignored::resolver_target);
    if (!target.ip.empty()) x.targets.push_back(std::move(target));
  });
  if (auto e = r.string(k::resolver_endpoint_id)) x.endpoint = resolver_endpoint_id{*e};
  read_state(r, k::status, x.status);
  r.finish("resolver rule", k::ignored::resolver_rule);
  if (!r.failed()) r.imp().add(std::move(x), r, k::resolver_rules);
}

void read_resolver_rule_association(reader& r) {
  resolver_association_doc d;
  d.rule = resolver_rule_id{r.string(k::resolver_rule_id, true).value_or("")};
  r.set_resource(label("resolver-rule", d.rule.value));
  d.vpc = vpc_id{r.string(k::vpc_id_upper, true).value_or("")};
  read_state(r, k::status, d.status);
  d.at = r.at();
  r.finish("resolver rule association", k::ignored::resolver_rule_association);
  if (!r.failed()) r.imp().resolver_associations.push_back(std::move(d));
}

void importer::apply_dns() {
  // One zone from every document that describes it; VPCs and records ordered so that no file
  // order changes the model.
  std::map<hosted_zone_id, hosted_zone_doc> zones;
  for (auto& d : hosted_zone_docs) {
    auto [it, inserted] = zones.try_emplace(d.zone.id, d);
    if (inserted) continue;
    auto& z = it->second.zone;
    for (auto& v : d.zone.vpcs)
      if (std::find(z.vpcs.begin(), z.vpcs.end(), v) == z.vpcs.end()) z.vpcs.push_back(v);
    if (z.name != d.zone.name || z.private_zone != d.zone.private_zone)
      report(messages::duplicate_id(d.at, it->second.at));
  }
  for (auto& d : record_sets) {
    auto it = zones.find(d.zone);
    if (it == zones.end()) {
      report(messages::orphan_data(d.at, "records of hosted zone " + d.zone.value +
                                             ", which is not in the input (capture aws route53 list-hosted-zones)"));
      continue;
    }
    auto& z = it->second.zone;
    z.records_known = true;
    z.records.insert(z.records.end(), d.records.begin(), d.records.end());
  }
  for (auto& [id, d] : zones) {
    auto& z = d.zone;
    std::sort(z.vpcs.begin(), z.vpcs.end(), [](const zone_vpc& a, const zone_vpc& b) {
      return std::tie(a.vpc, a.region) < std::tie(b.vpc, b.region);
    });
    std::sort(z.records.begin(), z.records.end(), [](const dns_record& a, const dns_record& b) {
      return std::tie(a.name, a.type_name, a.set_identifier) < std::tie(b.name, b.type_name, b.set_identifier);
    });
    z.records.erase(std::unique(z.records.begin(), z.records.end()), z.records.end());
    add(std::move(z), d.at, k::hosted_zones);
  }
  // DNS-13: a rule applies to the VPCs it is associated with.
  std::map<resolver_rule_id, resolver_rule> rules;
  for (const auto& d : resolver_associations) {
    const resolver_rule* r = net_.find(d.rule);
    if (!r) {
      report(messages::orphan_data(d.at, "an association of resolver rule " + d.rule.value +
                                             ", which is not in the input (capture aws route53resolver list-resolver-rules)"));
      continue;
    }
    if (d.status != resolver_association_status::complete) continue;  // CREATING, DELETING, FAILED, OVERRIDDEN: not in effect
    auto [it, inserted] = rules.try_emplace(d.rule, *r);
    if (std::find(it->second.vpcs.begin(), it->second.vpcs.end(), d.vpc) == it->second.vpcs.end())
      it->second.vpcs.push_back(d.vpc);
  }
  for (auto& [id, r] : rules) {
    std::sort(r.vpcs.begin(), r.vpcs.end());
    net_.put(std::move(r));
  }
}

}  // namespace vpcsim::detail::aws
