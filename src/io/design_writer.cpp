// The native design writer (design.hpp): any network as a design. It leaves out exactly what
// the loader implies (design_rules.hpp) and writes a resource in full, `"implied": false`, when
// the loader's defaults would not give it back.
#include "design_document.hpp"
#include "design_rules.hpp"
#include "json_pointer.hpp"

#include <vpcsim/io/design.hpp>
#include <vpcsim/services/catalogue.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace vpcsim {

namespace detail::design {

namespace {

using ojson = nlohmann::ordered_json;

template <class T>
constexpr kind kind_for();
template <> constexpr kind kind_for<vpc>() { return kind::vpc; }
template <> constexpr kind kind_for<prefix_list>() { return kind::prefix_list; }
template <> constexpr kind kind_for<subnet>() { return kind::subnet; }
template <> constexpr kind kind_for<security_group>() { return kind::security_group; }
template <> constexpr kind kind_for<internet_gateway>() { return kind::internet_gateway; }
template <> constexpr kind kind_for<egress_only_internet_gateway>() { return kind::egress_only_internet_gateway; }
template <> constexpr kind kind_for<vpn_gateway>() { return kind::vpn_gateway; }
template <> constexpr kind kind_for<transit_gateway>() { return kind::transit_gateway; }
template <> constexpr kind kind_for<transit_gateway_route_table>() { return kind::transit_gateway_route_table; }
template <> constexpr kind kind_for<transit_gateway_attachment>() { return kind::transit_gateway_attachment; }
template <> constexpr kind kind_for<peering_connection>() { return kind::peering_connection; }
template <> constexpr kind kind_for<route_table>() { return kind::route_table; }
template <> constexpr kind kind_for<network_acl>() { return kind::network_acl; }
template <> constexpr kind kind_for<nat_gateway>() { return kind::nat_gateway; }
template <> constexpr kind kind_for<vpc_endpoint>() { return kind::endpoint; }
template <> constexpr kind kind_for<network_interface>() { return kind::network_interface; }
template <> constexpr kind kind_for<instance>() { return kind::instance; }
template <> constexpr kind kind_for<dhcp_options>() { return kind::dhcp_options; }
template <> constexpr kind kind_for<hosted_zone>() { return kind::hosted_zone; }
template <> constexpr kind kind_for<resolver_endpoint>() { return kind::resolver_endpoint; }
template <> constexpr kind kind_for<resolver_rule>() { return kind::resolver_rule; }

// Names the loader searches together must differ: route targets, security-group peers, edge gateways.
int name_group(kind k) {
  switch (k) {
    case kind::internet_gateway:
    case kind::egress_only_internet_gateway:
    case kind::nat_gateway:
    case kind::vpn_gateway:
    case kind::endpoint:
    case kind::network_interface:
    case kind::instance:
    case kind::peering_connection:
    case kind::transit_gateway: return -1;
    case kind::security_group:
    case kind::prefix_list: return -2;
    default: return static_cast<int>(k);
  }
}

std::string origin_text(route_origin o) {
  switch (o) {
    case route_origin::create_route_table: return "CreateRouteTable";
    case route_origin::create_route: return "CreateRoute";
    case route_origin::propagated: return "EnableVgwRoutePropagation";
  }
  return "CreateRoute";
}

ojson port_json(const port_range& p) {
  if (p.from == p.to) return p.from;
  return std::to_string(p.from) + "-" + std::to_string(p.to);
}

std::string protocol_text(const vpcsim::protocol& p) { return p.is_all() ? "all" : p.name(); }

class writer {
 public:
  explicit writer(const network& n) : n_(n) {}

  ojson run();

 private:
  template <class T>
  void name_all();
  std::string name(kind k, const std::string& id) const;
  /// A reference to a resource: its name, or its id when it is not in the network.
  std::string ref(kind k, const std::string& id);
  bool has(kind k, const std::string& id) const { return names_[static_cast<std::size_t>(k)].count(id) > 0; }
  template <class T>
  ojson head(const T& r, const scope& inherited);
  scope scope_of_vpc(const vpc_id& v) const;
  void vpc_field(ojson& o, const vpc_id& v);
  std::vector<security_group_id> default_group(const std::optional<vpc_id>& v) const;

  template <class T>
  void all(ojson& doc, std::string_view key, ojson (writer::*one)(const T&));
  ojson one_vpc(const vpc& v);
  ojson one_prefix_list(const prefix_list& p);
  ojson one_subnet(const subnet& s);
  ojson one_security_group(const security_group& g);
  ojson sg_rule_json(const sg_rule& r, bool ingress);
  template <class T>
  ojson one_gateway(const T& g);
  ojson one_transit_gateway(const transit_gateway& t);
  ojson one_tgw_route_table(const transit_gateway_route_table& t);
  ojson one_tgw_attachment(const transit_gateway_attachment& a);
  ojson one_peering(const peering_connection& p);
  ojson one_route_table(const route_table& t);
  ojson route_json(const route& r);
  ojson one_network_acl(const network_acl& n);
  ojson acl_entry_json(const network_acl_entry& e);
  ojson one_nat_gateway(const nat_gateway& g);
  ojson one_endpoint(const vpc_endpoint& e);
  ojson one_network_interface(const network_interface& e);
  ojson one_instance(const instance& i);
  ojson one_dhcp_options(const dhcp_options& o);
  ojson one_hosted_zone(const hosted_zone& z);
  ojson one_resolver_endpoint(const resolver_endpoint& e);
  ojson one_resolver_rule(const resolver_rule& r);

  // What the loader would imply; a resource equal to it is left out.
  bool implied_main(const route_table& t) const;
  bool implied_acl(const network_acl& n) const;
  bool implied_group(const security_group& g) const;
  bool implied_list(const prefix_list& p) const;
  std::vector<route> endpoint_routes(const route_table_id& t) const;
  std::vector<network_acl_association> default_associations(const network_acl& n,
                                                            const std::vector<network_acl_association>& declared) const;

  const network& n_;
  std::array<std::map<std::string, std::string>, kind_count> names_;
  std::set<std::string> external_;
  std::set<std::string> generated_enis_;
  scope file_;
  std::optional<vpc_id> only_vpc_;
};

template <class T>
void writer::name_all() {
  constexpr kind k = kind_for<T>();
  for (const auto& [id, r] : n_.template all<T>()) names_[static_cast<std::size_t>(k)][id.value] = id.value;
}

std::string writer::name(kind k, const std::string& id) const {
  const auto& m = names_[static_cast<std::size_t>(k)];
  auto it = m.find(id);
  return it == m.end() ? id : it->second;
}

std::string writer::ref(kind k, const std::string& id) {
  if (!has(k, id)) external_.insert(id);
  return name(k, id);
}

scope writer::scope_of_vpc(const vpc_id& v) const {
  const auto* x = n_.find(v);
  return x ? x->where : file_;
}

void writer::vpc_field(ojson& o, const vpc_id& v) {
  if (!(only_vpc_ && *only_vpc_ == v)) o["vpc"] = ref(kind::vpc, v.value);
}

std::vector<security_group_id> writer::default_group(const std::optional<vpc_id>& v) const {
  std::vector<security_group_id> out;
  for (const auto& [id, g] : n_.all<security_group>())
    if (v && g.vpc == *v && g.is_default()) out.push_back(id);
  return out;
}

template <class T>
ojson writer::head(const T& r, const scope& inherited) {
  constexpr kind k = kind_for<T>();
  ojson o;
  std::string nm = name(k, r.id.value);
  o["name"] = nm;
  // The loader takes the name as the id when it has an id's shape, else generates one from it.
  bool id_implied = nm == r.id.value ? has_id_shape(k, nm) : generated_id(k, nm) == r.id.value;
  if (!id_implied) o["id"] = r.id.value;
  if (r.where.account != inherited.account) o["account"] = r.where.account;
  if (r.where.region != inherited.region) o["region"] = r.where.region;
  // The loader makes a name that is not the id the Name tag, unless `tags` is written.
  bool name_is_tag = nm != r.id.value && name_tag(r.tags) == nm && r.tags.count("Name");
  if (name_is_tag ? r.tags.size() > 1 : nm != r.id.value || !r.tags.empty()) o["tags"] = r.tags;
  return o;
}

template <class T>
void writer::all(ojson& doc, std::string_view key, ojson (writer::*one)(const T&)) {
  ojson arr = ojson::array();
  for (const auto& [id, r] : n_.template all<T>()) {
    ojson o = (this->*one)(r);
    if (o.is_null()) continue;
    if (o.contains("tags")) {  // tags last, after what the resource is
      ojson t = o["tags"];
      o.erase("tags");
      o["tags"] = std::move(t);
    }
    arr.push_back(std::move(o));
  }
  if (!arr.empty()) doc[std::string(key)] = std::move(arr);
}

// ---- implied parts ----

std::vector<route> writer::endpoint_routes(const route_table_id& t) const {
  std::vector<route> out;
  for (const auto& [id, e] : n_.all<vpc_endpoint>()) {
    if (e.type != endpoint_type::gateway || std::find(e.route_tables.begin(), e.route_tables.end(), t) == e.route_tables.end()) continue;
    if (const prefix_list* pl = n_.prefix_list_named(e.service_name)) {
      route r;
      r.destination = pl->id;
      r.target = route_target{target_kind::gateway_endpoint, id.value};
      out.push_back(std::move(r));
    }
  }
  return out;
}

// The loader's route list for a table: local routes not replaced, the declared ones, then the
// gateway endpoints' routes not already there (RT-10, GW-6).
std::vector<route> expected_routes(const std::vector<route>& local, const std::vector<route>& declared,
                                   const std::vector<route>& endpoints) {
  std::vector<route> out;
  for (const auto& l : local)
    if (std::none_of(declared.begin(), declared.end(), [&](const route& d) { return d.destination == l.destination; }))
      out.push_back(l);
  out.insert(out.end(), declared.begin(), declared.end());
  for (const auto& e : endpoints)
    if (std::none_of(out.begin(), out.end(), [&](const route& x) { return x.destination == e.destination; })) out.push_back(e);
  return out;
}

bool writer::implied_main(const route_table& t) const {
  const vpc* v = n_.find(t.vpc);
  if (!v) return false;
  auto m = main_route_table(*v, name(kind::vpc, v->id.value));
  m.routes = expected_routes({}, m.routes, endpoint_routes(m.id));
  return t == m;
}

std::vector<network_acl_association> writer::default_associations(const network_acl& n,
                                                                  const std::vector<network_acl_association>& declared) const {
  std::set<subnet_id> associated;
  for (const auto& [id, other] : n_.all<network_acl>())
    if (id != n.id)
      for (const auto& a : other.associations) associated.insert(a.subnet);
  for (const auto& a : declared) associated.insert(a.subnet);
  std::vector<network_acl_association> out;
  for (const auto& [sid, s] : n_.all<subnet>())
    if (s.vpc == n.vpc && !associated.count(sid))
      out.push_back({generated_id("aclassoc-", seed_association(name(kind::network_acl, n.id.value), name(kind::subnet, sid.value))), sid});
  return out;
}

bool writer::implied_acl(const network_acl& n) const {
  const vpc* v = n_.find(n.vpc);
  if (!v) return false;
  auto d = default_network_acl(*v, name(kind::vpc, v->id.value));
  if (d.id != n.id) return false;
  d.associations = default_associations(d, {});
  return n == d;
}

bool writer::implied_group(const security_group& g) const {
  const vpc* v = n_.find(g.vpc);
  return v && g == default_security_group(*v, name(kind::vpc, v->id.value));
}

bool writer::implied_list(const prefix_list& p) const {
  for (const auto& [id, e] : n_.all<vpc_endpoint>()) {
    auto parts = services::parse_endpoint_service_name(e.service_name);
    if (e.type != endpoint_type::gateway || !parts || e.service_name != p.name) continue;
    auto expected = aws_prefix_list(parts->short_name, scope{file_.account, parts->region});
    return expected && *expected == p;
  }
  return false;
}

// ---- resources ----

ojson writer::one_vpc(const vpc& v) {
  ojson o = head(v, file_);
  if (v.cidr_blocks.size() == 1) {
    o["cidr"] = v.cidr_blocks.front().to_string();
  } else {
    o["cidrs"] = ojson::array();
    for (const auto& c : v.cidr_blocks) o["cidrs"].push_back(c.to_string());
  }
  if (!v.ipv6_cidr_blocks.empty()) {
    o["ipv6_cidrs"] = ojson::array();
    for (const auto& c : v.ipv6_cidr_blocks) o["ipv6_cidrs"].push_back(c.to_string());
  }
  if (v.is_default) o["default"] = true;
  if (v.state.text() != "available") o["state"] = v.state.text();
  // DNS-4, DNS-5: AWS's values for a new VPC are left out; null says "not captured".
  auto dns = [&](const char* key, const std::optional<bool>& value, bool aws_default) {
    if (!value) o[key] = nullptr;
    else if (*value != aws_default) o[key] = *value;
  };
  dns("dns_support", v.enable_dns_support, true);
  dns("dns_hostnames", v.enable_dns_hostnames, v.is_default);
  ojson absent = ojson::array();
  auto any = [&](auto pred, const auto& resources) {
    return std::any_of(resources.begin(), resources.end(), [&](const auto& kv) { return kv.second.vpc == v.id && pred(kv.second); });
  };
  if (!any([](const route_table& t) { return t.is_main(); }, n_.all<route_table>())) absent.push_back("main_route_table");
  if (!any([](const network_acl& a) { return a.is_default; }, n_.all<network_acl>())) absent.push_back("default_network_acl");
  if (!any([](const security_group& g) { return g.is_default(); }, n_.all<security_group>()))
    absent.push_back("default_security_group");
  if (!absent.empty()) o["not_captured"] = absent;
  if (!v.dhcp_options.empty()) o["dhcp_options"] = ref(kind::dhcp_options, v.dhcp_options.value);  // DNS-11
  return o;
}

// ---- DNS (DNS-11..DNS-13) ----

namespace {
// One value as a string, several as an array (the loader reads both).
ojson one_or_more(const std::vector<std::string>& v) {
  if (v.size() == 1) return v.front();
  return v;
}
}  // namespace

ojson writer::one_dhcp_options(const dhcp_options& d) {
  ojson o = head(d, file_);
  if (!d.domain_name_servers.empty()) o["domain_name_servers"] = one_or_more(d.domain_name_servers);
  if (!d.domain_name.empty()) o["domain_name"] = one_or_more(d.domain_name);
  if (!d.other.empty()) o["other"] = d.other;
  return o;
}

ojson writer::one_hosted_zone(const hosted_zone& z) {
  ojson o = head(z, file_);
  o["domain"] = z.name;
  if (!z.private_zone) o["private"] = false;
  if (!z.comment.empty()) o["comment"] = z.comment;
  if (!z.vpcs.empty()) {
    o["vpcs"] = ojson::array();
    for (const auto& a : z.vpcs) o["vpcs"].push_back(ref(kind::vpc, a.vpc.value));
  }
  if (!z.records_known) {
    o["records"] = nullptr;  // not captured
    return o;
  }
  ojson records = ojson::array();
  for (const auto& r : z.records) {
    ojson x;
    x["name"] = r.name;
    if (r.type_name != "A") x["type"] = r.type_name;
    if (r.is_alias()) {
      if (r.alias_zone_id.empty()) x["alias"] = r.alias_target;
      else x["alias"] = ojson{{"target", r.alias_target}, {"zone_id", r.alias_zone_id}};
    } else if (!r.values.empty()) {
      x["values"] = one_or_more(r.values);
    }
    if (!r.set_identifier.empty()) x["set_identifier"] = r.set_identifier;
    records.push_back(std::move(x));
  }
  if (!records.empty()) o["records"] = std::move(records);
  return o;
}

ojson writer::one_resolver_endpoint(const resolver_endpoint& e) {
  ojson o = head(e, scope_of_vpc(e.vpc));
  vpc_field(o, e.vpc);
  if (e.direction != "OUTBOUND") o["direction"] = e.direction;
  if (!e.security_groups.empty()) {
    o["security_groups"] = ojson::array();
    for (const auto& g : e.security_groups) o["security_groups"].push_back(ref(kind::security_group, g.value));
  }
  if (e.status != resolver_endpoint_status::operational) o["status"] = e.status.text();
  return o;
}

ojson writer::one_resolver_rule(const resolver_rule& r) {
  ojson o = head(r, file_);
  o["domain"] = r.domain_name.empty() ? std::string(".") : r.domain_name;
  if (r.type != resolver_rule_type::forward) o["type"] = std::string(to_string(r.type));
  if (!r.targets.empty()) {
    o["targets"] = ojson::array();
    for (const auto& t : r.targets) o["targets"].push_back(t.port == 53 ? t.ip : t.ip + ":" + std::to_string(t.port));
  }
  if (!r.endpoint.empty()) o["endpoint"] = ref(kind::resolver_endpoint, r.endpoint.value);
  if (!r.vpcs.empty()) {
    o["vpcs"] = ojson::array();
    for (const auto& v : r.vpcs) o["vpcs"].push_back(ref(kind::vpc, v.value));
  }
  if (r.status != resolver_rule_status::complete) o["status"] = r.status.text();
  return o;
}

ojson writer::one_prefix_list(const prefix_list& p) {
  if (implied_list(p)) return nullptr;
  ojson o = head(p, file_);
  if (p.name != name(kind::prefix_list, p.id.value)) o["prefix_list_name"] = p.name;
  ojson cidrs = ojson::array();
  for (const auto& c : p.cidrs) cidrs.push_back(c.to_string());
  for (const auto& c : p.ipv6_cidrs) cidrs.push_back(c.to_string());
  o["cidrs"] = cidrs;
  if (p.aws_managed != p.name.starts_with("com.amazonaws.")) o["aws_managed"] = p.aws_managed;
  if (p.max_entries) o["max_entries"] = *p.max_entries;
  return o;
}

ojson writer::one_subnet(const subnet& s) {
  ojson o = head(s, scope_of_vpc(s.vpc));
  vpc_field(o, s.vpc);
  if (s.cidr_block) o["cidr"] = s.cidr_block->to_string();
  if (!s.ipv6_cidr_blocks.empty()) {
    o["ipv6_cidrs"] = ojson::array();
    for (const auto& c : s.ipv6_cidr_blocks) o["ipv6_cidrs"].push_back(c.to_string());
  }
  // A one-letter zone would be read as a letter of the region.
  if (!s.availability_zone.empty()) o["az"] = s.availability_zone;
  if (!s.availability_zone_id.empty()) o["az_id"] = s.availability_zone_id;
  if (s.map_public_ip_on_launch) o["public_ip_on_launch"] = true;
  if (s.default_for_az) o["default_for_az"] = true;
  if (s.enable_dns64) o["dns64"] = true;
  if (s.ipv6_native) o["ipv6_native"] = true;  // VPC-6
  if (s.state.text() != "available") o["state"] = s.state.text();
  return o;
}

ojson writer::sg_rule_json(const sg_rule& r, bool ingress) {
  ojson o;
  if (!r.protocol.is_all()) o["protocol"] = protocol_text(r.protocol);
  if (r.protocol.has_ports() && !r.ports.is_all()) o["ports"] = port_json(r.ports);
  if (r.icmp && !(r.protocol.is_icmp() && *r.icmp == icmp_type_code{})) o["icmp"] = ojson{{"type", r.icmp->type}, {"code", r.icmp->code}};
  std::string peer_text = std::visit(
      [&](const auto& p) -> std::string {
        using P = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<P, security_group_id>) return ref(kind::security_group, p.value);
        else if constexpr (std::is_same_v<P, prefix_list_id>) return ref(kind::prefix_list, p.value);
        else return p.to_string();
      },
      r.peer);
  o[ingress ? "from" : "to"] = peer_text;
  if (!r.description.empty()) o["description"] = r.description;
  return o;
}

ojson writer::one_security_group(const security_group& g) {
  if (implied_group(g)) return nullptr;
  ojson o = head(g, scope_of_vpc(g.vpc));
  vpc_field(o, g.vpc);
  std::string nm = name(kind::security_group, g.id.value);
  if (g.name != nm) o["group_name"] = g.name;
  bool is_default = g.name == "default";
  if (g.description != (is_default ? std::string(default_group_description) : std::string{})) o["description"] = g.description;
  const vpc* v = n_.find(g.vpc);
  auto default_in = is_default ? default_group_ingress(g.id) : std::vector<sg_rule>{};
  auto default_out = is_default && v ? default_group_egress(*v) : std::vector<sg_rule>{allow_all_egress()};
  if (g.ingress != default_in) {
    o["ingress"] = ojson::array();
    for (const auto& r : g.ingress) o["ingress"].push_back(sg_rule_json(r, true));
  }
  if (g.egress != default_out) {
    o["egress"] = ojson::array();
    for (const auto& r : g.egress) o["egress"].push_back(sg_rule_json(r, false));
  }
  return o;
}

template <class T>
ojson writer::one_gateway(const T& g) {
  constexpr kind k = kind_for<T>();
  ojson o = head(g, file_);
  if constexpr (std::is_same_v<T, vpn_gateway>)
    if (g.state.text() != "available") o["state"] = g.state.text();
  const std::string state(default_attachment_state(k));
  const auto& atts = g.attachments;
  // The loader attaches a gateway without `attachments` to its `vpc`, or to the only VPC.
  if (atts.empty()) {
    if (only_vpc_) o["attachments"] = ojson::array();
  } else if (atts.size() == 1 && atts.front().state.text() == state) {
    if (!(only_vpc_ && atts.front().vpc == *only_vpc_)) o["vpc"] = ref(kind::vpc, atts.front().vpc.value);
  } else {
    o["attachments"] = ojson::array();
    for (const auto& a : atts) {
      ojson x{{"vpc", ref(kind::vpc, a.vpc.value)}};
      if (a.state.text() != state) x["state"] = a.state.text();
      o["attachments"].push_back(x);
    }
  }
  return o;
}

ojson writer::one_transit_gateway(const transit_gateway& t) {
  ojson o = head(t, file_);
  if (t.state.text() != "available") o["state"] = t.state.text();
  if (t.association_default_route_table)
    o["association_default_route_table"] = ref(kind::transit_gateway_route_table, t.association_default_route_table->value);
  if (t.propagation_default_route_table)
    o["propagation_default_route_table"] = ref(kind::transit_gateway_route_table, t.propagation_default_route_table->value);
  return o;
}

ojson writer::one_tgw_route_table(const transit_gateway_route_table& t) {
  ojson o = head(t, file_);
  o["transit_gateway"] = ref(kind::transit_gateway, t.transit_gateway.value);
  if (t.state.text() != "available") o["state"] = t.state.text();
  if (!t.routes.empty()) {
    o["routes"] = ojson::array();
    for (const auto& r : t.routes) {
      ojson x{{"to", vpcsim::to_string(r.destination)}, {"attachments", ojson::array()}};
      for (const auto& a : r.attachments) x["attachments"].push_back(ref(kind::transit_gateway_attachment, a.value));
      if (r.type != "static") x["type"] = r.type;
      if (r.state.text() != "active") x["state"] = r.state.text();
      o["routes"].push_back(x);
    }
  }
  if (!t.propagations.empty()) {
    o["propagations"] = ojson::array();
    for (const auto& a : t.propagations) o["propagations"].push_back(ref(kind::transit_gateway_attachment, a.value));
  }
  return o;
}

ojson writer::one_tgw_attachment(const transit_gateway_attachment& a) {
  ojson o = head(a, file_);
  o["transit_gateway"] = ref(kind::transit_gateway, a.transit_gateway.value);
  if (a.resource_type != "vpc") o["resource_type"] = a.resource_type;
  const vpc* v = nullptr;
  if (a.resource_type == "vpc") {
    o["resource"] = ref(kind::vpc, a.resource_id);
    v = n_.find(vpc_id{a.resource_id});
  } else if (!a.resource_id.empty()) {
    o["resource"] = a.resource_id;
  }
  if (a.resource_owner != (v ? v->where.account : std::string{})) o["resource_owner"] = a.resource_owner;
  if (!a.subnets.empty()) {
    o["subnets"] = ojson::array();
    for (const auto& s : a.subnets) o["subnets"].push_back(ref(kind::subnet, s.value));
  }
  if (a.state.text() != "available") o["state"] = a.state.text();
  if (a.association) o["association"] = ref(kind::transit_gateway_route_table, a.association->value);
  if (a.ipv6_support) o["ipv6_support"] = true;
  return o;
}

ojson writer::one_peering(const peering_connection& p) {
  ojson o = head(p, file_);
  auto side = [&](const peering_side& s) -> ojson {
    const vpc* v = n_.find(s.vpc);
    peering_side derived;
    derived.vpc = s.vpc;
    if (v) {
      derived.account = v->where.account;
      derived.region = v->where.region;
      derived.cidr_blocks = v->cidr_blocks;
    }
    if (s == derived) return ref(kind::vpc, s.vpc.value);
    ojson x{{"vpc", ref(kind::vpc, s.vpc.value)}};
    if (s.account != derived.account) x["account"] = s.account;
    if (s.region != derived.region) x["region"] = s.region;
    if (s.cidr_blocks != derived.cidr_blocks) {
      x["cidrs"] = ojson::array();
      for (const auto& c : s.cidr_blocks) x["cidrs"].push_back(c.to_string());
    }
    if (s.allow_dns_resolution_from_remote_vpc) x["allow_remote_dns"] = true;
    return x;
  };
  o["requester"] = side(p.requester);
  o["accepter"] = side(p.accepter);
  if (p.status.text() != "active") o["status"] = p.status.text();
  return o;
}

ojson writer::route_json(const route& r) {
  ojson o;
  o["to"] = std::visit(
      [&](const auto& d) -> std::string {
        if constexpr (std::is_same_v<std::decay_t<decltype(d)>, prefix_list_id>) return ref(kind::prefix_list, d.value);
        else return d.to_string();
      },
      r.destination);
  std::optional<kind> k;
  switch (r.target.kind) {
    case target_kind::internet_gateway: k = kind::internet_gateway; break;
    case target_kind::egress_only_internet_gateway: k = kind::egress_only_internet_gateway; break;
    case target_kind::nat_gateway: k = kind::nat_gateway; break;
    case target_kind::virtual_private_gateway: k = kind::vpn_gateway; break;
    case target_kind::gateway_endpoint:
    case target_kind::gateway_load_balancer_endpoint: k = kind::endpoint; break;
    case target_kind::network_interface: k = kind::network_interface; break;
    case target_kind::instance: k = kind::instance; break;
    case target_kind::peering_connection: k = kind::peering_connection; break;
    case target_kind::transit_gateway: k = kind::transit_gateway; break;
    default: break;
  }
  std::string via = r.target.kind == target_kind::local ? std::string("local") : k ? ref(*k, r.target.id) : r.target.id;
  if (!k && r.target.kind != target_kind::local) external_.insert(r.target.id);
  o["via"] = via;
  // What the loader would read `via` as; `target` says it when that is not the target's kind.
  std::optional<target_kind> inferred;
  if (via == "local") inferred = target_kind::local;
  else if (k && has(*k, r.target.id)) {
    inferred = target_kind_of_id(std::string(info(*k).prefix));
    if (*k == kind::endpoint) {
      const auto* e = n_.find(vpc_endpoint_id{r.target.id});
      inferred = e->type == endpoint_type::gateway_load_balancer ? target_kind::gateway_load_balancer_endpoint : target_kind::gateway_endpoint;
    }
  } else {
    inferred = target_kind_of_id(via);
  }
  if (inferred != r.target.kind) o["target"] = std::string(to_string(r.target.kind));
  auto default_origin = r.target.kind == target_kind::local ? route_origin::create_route_table : route_origin::create_route;
  if (r.origin != default_origin) o["origin"] = origin_text(r.origin);
  if (r.state == route_state::blackhole) o["state"] = "blackhole";
  return o;
}

ojson writer::one_route_table(const route_table& t) {
  if (t.is_main() && implied_main(t)) return nullptr;
  ojson o = head(t, scope_of_vpc(t.vpc));
  vpc_field(o, t.vpc);
  std::string nm = name(kind::route_table, t.id.value);
  // Associations: `main` and `subnets` when their ids are the ones the loader makes.
  auto main_id = generated_id("rtbassoc-", seed_main_association(nm));
  auto subnet_assoc_id = [&](const std::string& s) { return generated_id("rtbassoc-", seed_association(nm, name(kind::subnet, s))); };
  bool short_form = true;
  for (std::size_t i = 0; i < t.associations.size() && short_form; ++i) {
    const auto& a = t.associations[i];
    if (a.gateway) short_form = false;
    else if (a.main) short_form = i == 0 && !a.subnet && a.id == main_id;
    else short_form = a.subnet && a.id == subnet_assoc_id(a.subnet->value);
  }
  if (short_form) {
    if (t.is_main()) o["main"] = true;
    ojson subnets = ojson::array();
    for (const auto& a : t.associations)
      if (a.subnet) subnets.push_back(ref(kind::subnet, a.subnet->value));
    if (!subnets.empty()) o["subnets"] = subnets;
  } else {
    o["associations"] = ojson::array();
    for (const auto& a : t.associations) {
      ojson x;
      std::string seed_name;
      if (a.main) x["main"] = true;
      if (a.subnet) x["subnet"] = ref(kind::subnet, a.subnet->value);
      if (a.gateway) {
        bool vgw = has(kind::vpn_gateway, *a.gateway);
        x["gateway"] = vgw ? name(kind::vpn_gateway, *a.gateway) : ref(kind::internet_gateway, *a.gateway);
      }
      std::string expected = a.main ? main_id
                                    : generated_id("rtbassoc-", seed_association(nm, a.subnet ? name(kind::subnet, a.subnet->value)
                                                                                              : name(kind::internet_gateway, a.gateway.value_or(""))));
      if (a.id != expected) x["id"] = a.id;
      o["associations"].push_back(x);
    }
  }
  // Routes: the shortest declared list that the loader's defaults turn back into these routes.
  const vpc* v = n_.find(t.vpc);
  auto local = v ? local_routes(*v) : std::vector<route>{};
  auto eps = endpoint_routes(t.id);
  std::optional<std::vector<route>> declared;
  const auto& R = t.routes;
  for (std::size_t len = 0; len <= R.size() && !declared; ++len)
    for (std::size_t k = 0; k + len <= R.size() && !declared; ++k) {
      std::vector<route> d(R.begin() + static_cast<std::ptrdiff_t>(k), R.begin() + static_cast<std::ptrdiff_t>(k + len));
      if (expected_routes(local, d, eps) == R) declared = std::move(d);
    }
  if (!declared) {
    o["implied"] = false;
    declared = R;
  }
  if (!declared->empty()) {
    o["routes"] = ojson::array();
    for (const auto& r : *declared) o["routes"].push_back(route_json(r));
  }
  if (!t.propagating_vgws.empty()) {
    o["propagating_vgws"] = ojson::array();
    for (const auto& g : t.propagating_vgws) o["propagating_vgws"].push_back(ref(kind::vpn_gateway, g.value));
  }
  return o;
}

ojson writer::acl_entry_json(const network_acl_entry& e) {
  ojson o{{"rule", e.rule_number}, {"action", e.action == rule_action::allow ? "allow" : "deny"}};
  if (!e.protocol.is_all()) o["protocol"] = protocol_text(e.protocol);
  if (e.cidr_block) o["cidr"] = e.cidr_block->to_string();
  if (e.ipv6_cidr_block) o[e.cidr_block ? "ipv6_cidr" : "cidr"] = e.ipv6_cidr_block->to_string();
  if (e.ports) o["ports"] = e.ports->is_all() ? ojson("all") : port_json(*e.ports);
  if (e.icmp) o["icmp"] = ojson{{"type", e.icmp->type}, {"code", e.icmp->code}};
  return o;
}

ojson writer::one_network_acl(const network_acl& n) {
  if (n.is_default && implied_acl(n)) return nullptr;
  ojson o = head(n, scope_of_vpc(n.vpc));
  vpc_field(o, n.vpc);
  std::string nm = name(kind::network_acl, n.id.value);
  if (n.is_default) o["default"] = true;
  const vpc* v = n_.find(n.vpc);
  // Entries: leave out the `*` denies (NACL-6) and, on the default NACL, its allow rules (NACL-10).
  auto star = v ? final_denies(*v) : std::vector<network_acl_entry>{};
  std::vector<network_acl_entry> in, out;
  for (const auto& e : n.entries)
    if (std::find(star.begin(), star.end(), e) == star.end()) (e.egress ? out : in).push_back(e);
  bool omit_in = n.is_default && v && in == default_acl_rules(*v, false);
  bool omit_out = n.is_default && v && out == default_acl_rules(*v, true);
  std::vector<network_acl_entry> rebuilt = in;
  rebuilt.insert(rebuilt.end(), out.begin(), out.end());
  for (const auto& s : star)
    if (std::none_of(rebuilt.begin(), rebuilt.end(), [&](const auto& x) { return x.egress == s.egress && x.rule_number == s.rule_number; }))
      rebuilt.push_back(s);
  sort_entries(rebuilt);
  // Associations: the default NACL's associations with the subnets nobody else has are implied.
  std::vector<network_acl_association> declared = n.associations;
  bool literal = !v || rebuilt != n.entries;
  if (!literal && n.is_default) {
    bool found = false;
    for (std::size_t k = 0; k <= n.associations.size() && !found; ++k) {
      std::vector<network_acl_association> head_part(n.associations.begin(), n.associations.begin() + static_cast<std::ptrdiff_t>(k));
      auto tail = default_associations(n, head_part);
      if (std::equal(n.associations.begin() + static_cast<std::ptrdiff_t>(k), n.associations.end(), tail.begin(), tail.end())) {
        declared = head_part;
        found = true;
      }
    }
    literal = !found;
  }
  if (literal) {
    o["implied"] = false;
    declared = n.associations;
    in.clear();
    out.clear();
    for (const auto& e : n.entries) (e.egress ? out : in).push_back(e);
    omit_in = omit_out = false;
  }
  auto rules = [&](const char* key, const std::vector<network_acl_entry>& es, bool omit) {
    if (omit || (es.empty() && !n.is_default)) return;
    o[key] = ojson::array();
    for (const auto& e : es) o[key].push_back(acl_entry_json(e));
  };
  rules("inbound", in, omit_in);
  rules("outbound", out, omit_out);
  auto assoc_id = [&](const subnet_id& s) { return generated_id("aclassoc-", seed_association(nm, name(kind::subnet, s.value))); };
  bool short_form = std::all_of(declared.begin(), declared.end(), [&](const auto& a) { return a.id == assoc_id(a.subnet); });
  if (!declared.empty()) {
    const char* key = short_form ? "subnets" : "associations";
    o[key] = ojson::array();
    for (const auto& a : declared) {
      if (short_form) {
        o[key].push_back(ref(kind::subnet, a.subnet.value));
        continue;
      }
      ojson x{{"subnet", ref(kind::subnet, a.subnet.value)}};
      if (a.id != assoc_id(a.subnet)) x["id"] = a.id;
      o[key].push_back(x);
    }
  }
  return o;
}

ojson writer::one_nat_gateway(const nat_gateway& g) {
  const subnet* s = n_.find(g.subnet);
  ojson o = head(g, scope_of_vpc(g.vpc));
  if (!s || s->vpc != g.vpc) o["vpc"] = ref(kind::vpc, g.vpc.value);
  o["subnet"] = ref(kind::subnet, g.subnet.value);
  if (g.connectivity == nat_connectivity::private_) o["connectivity"] = "private";
  if (g.state.text() != "available") o["state"] = g.state.text();
  std::string nm = name(kind::nat_gateway, g.id.value);
  // The short form: one address whose interface the loader makes (NAT-8).
  if (s && g.addresses.size() == 1) {
    const auto& a = g.addresses.front();
    auto eni_id = generated_id(kind::network_interface, seed_nat_interface(nm));
    auto alloc = g.connectivity == nat_connectivity::public_ ? generated_id("eipalloc-", nm) : std::string{};
    const auto* eni = n_.find(network_interface_id{eni_id});
    if (a.allocation_id == alloc && a.network_interface == network_interface_id{eni_id} && a.private_ip && eni &&
        *eni == nat_interface(g, eni_id, *s, *a.private_ip)) {
      generated_enis_.insert(eni_id);
      o["private_ip"] = a.private_ip->to_string();
      if (a.public_ip) o["public_ip"] = a.public_ip->to_string();
      return o;
    }
  }
  o["addresses"] = ojson::array();
  for (const auto& a : g.addresses) {
    ojson x = ojson::object();
    if (!a.allocation_id.empty()) x["allocation_id"] = a.allocation_id;
    if (a.network_interface) x["network_interface"] = ref(kind::network_interface, a.network_interface->value);
    if (a.private_ip) x["private_ip"] = a.private_ip->to_string();
    if (a.public_ip) x["public_ip"] = a.public_ip->to_string();
    o["addresses"].push_back(x);
  }
  return o;
}

ojson writer::one_endpoint(const vpc_endpoint& e) {
  ojson o = head(e, scope_of_vpc(e.vpc));
  vpc_field(o, e.vpc);
  std::string nm = name(kind::endpoint, e.id.value);
  auto parts = services::parse_endpoint_service_name(e.service_name);
  bool short_name = parts && parts->region == e.where.region && services::find_service(parts->short_name) &&
                    full_service_name(parts->short_name, e.where.region) == e.service_name;
  o["service"] = short_name ? parts->short_name : e.service_name;
  auto default_type = gateway_by_default(e.service_name) ? endpoint_type::gateway : endpoint_type::interface;
  if (e.type != default_type)
    o["type"] = e.type == endpoint_type::gateway ? "gateway" : e.type == endpoint_type::interface ? "interface" : "gateway-load-balancer";
  if (e.state.text() != "available") o["state"] = e.state.text();
  if (!e.route_tables.empty()) {
    o["route_tables"] = ojson::array();
    for (const auto& t : e.route_tables) o["route_tables"].push_back(ref(kind::route_table, t.value));
  }
  if (!e.subnets.empty()) {
    o["subnets"] = ojson::array();
    for (const auto& s : e.subnets) o["subnets"].push_back(ref(kind::subnet, s.value));
  }
  auto default_groups = e.type == endpoint_type::gateway ? std::vector<security_group_id>{} : default_group(e.vpc);
  if (e.security_groups != default_groups) {
    o["security_groups"] = ojson::array();
    for (const auto& g : e.security_groups) o["security_groups"].push_back(ref(kind::security_group, g.value));
  }
  if (e.private_dns_enabled != private_dns_by_default(e.type)) o["private_dns"] = e.private_dns_enabled;
  if (e.private_dns_only_for_inbound_resolver_endpoint)
    o["private_dns_only_for_inbound_resolver_endpoint"] = *e.private_dns_only_for_inbound_resolver_endpoint;
  if (!e.dns_record_ip_type.empty()) o["dns_record_ip_type"] = e.dns_record_ip_type;
  if (!e.dns_names.empty()) o["dns_names"] = e.dns_names;
  if (!e.policy_document.empty()) {
    auto doc = ojson::parse(e.policy_document, nullptr, false);
    if (!doc.is_discarded() && doc.is_object() && doc.dump() == e.policy_document) o["policy"] = doc;
    else o["policy"] = e.policy_document;
  }
  // The short form: one interface per subnet, made by the loader (IF-2).
  bool generated = e.type != endpoint_type::gateway && e.network_interfaces.size() == e.subnets.size();
  std::vector<std::string> ips;
  for (std::size_t i = 0; generated && i < e.subnets.size(); ++i) {
    const subnet* s = n_.find(e.subnets[i]);
    auto id = generated_id(kind::network_interface, seed_endpoint_interface(nm, name(kind::subnet, e.subnets[i].value)));
    const auto* eni = n_.find(network_interface_id{id});
    generated = s && e.network_interfaces[i].value == id && eni && eni->primary_ip() &&
                *eni == endpoint_interface(e, id, *s, *eni->primary_ip());
    if (generated) ips.push_back(eni->primary_ip()->to_string());
  }
  if (generated) {
    for (const auto& id : e.network_interfaces) generated_enis_.insert(id.value);
    if (!ips.empty()) o["ips"] = ips;
  } else if (!e.network_interfaces.empty() || e.type != endpoint_type::gateway) {
    o["network_interfaces"] = ojson::array();
    for (const auto& id : e.network_interfaces) o["network_interfaces"].push_back(ref(kind::network_interface, id.value));
  }
  return o;
}

ojson writer::one_network_interface(const network_interface& e) {
  if (generated_enis_.count(e.id.value)) return nullptr;
  const subnet* s = n_.find(e.subnet);
  ojson o = head(e, scope_of_vpc(e.vpc));
  o["subnet"] = ref(kind::subnet, e.subnet.value);
  if (!s || s->vpc != e.vpc) o["vpc"] = ref(kind::vpc, e.vpc.value);
  if (e.availability_zone != (s ? s->availability_zone : std::string{})) o["az"] = e.availability_zone;
  if (e.private_ips.size() == 1 && e.private_ips.front().primary) {
    o["ip"] = e.private_ips.front().address.to_string();
    if (e.private_ips.front().public_ip) o["public_ip"] = e.private_ips.front().public_ip->to_string();
  } else if (!(e.private_ips.empty() && s && !s->cidr_block)) {  // VPC-6: none in an IPv6-only subnet
    o["private_ips"] = ojson::array();
    for (const auto& p : e.private_ips) {
      ojson x{{"ip", p.address.to_string()}};
      if (p.primary) x["primary"] = true;
      if (p.public_ip) x["public_ip"] = p.public_ip->to_string();
      o["private_ips"].push_back(x);
    }
  }
  if (!e.ipv6_addresses.empty()) {
    o["ipv6_addresses"] = ojson::array();
    for (const auto& a : e.ipv6_addresses) o["ipv6_addresses"].push_back(a.to_string());
  }
  if (e.security_groups != default_group(e.vpc)) {
    o["security_groups"] = ojson::array();
    for (const auto& g : e.security_groups) o["security_groups"].push_back(ref(kind::security_group, g.value));
  }
  if (e.interface_type != "interface") o["interface_type"] = e.interface_type;
  if (e.attachment) {
    ojson a = ojson::object();
    if (e.attachment->instance) a["instance"] = ref(kind::instance, e.attachment->instance->value);
    if (e.attachment->device_index != 0) a["device_index"] = e.attachment->device_index;
    if (e.attachment->status.text() != "attached") a["status"] = e.attachment->status.text();
    o["attachment"] = a;
  }
  if (e.requester_managed) o["requester_managed"] = true;
  if (!e.source_dest_check) o["source_dest_check"] = false;
  if (e.status.text() != "in-use") o["status"] = e.status.text();
  if (!e.description.empty()) o["description"] = e.description;
  return o;
}

ojson writer::one_instance(const instance& i) {
  std::string nm = name(kind::instance, i.id.value);
  const subnet* s = i.subnet ? n_.find(*i.subnet) : nullptr;
  ojson o = head(i, i.vpc ? scope_of_vpc(*i.vpc) : file_);
  if (i.subnet) o["subnet"] = ref(kind::subnet, i.subnet->value);
  if (i.vpc && (!s || s->vpc != *i.vpc)) o["vpc"] = ref(kind::vpc, i.vpc->value);
  if (i.private_ip) o["ip"] = i.private_ip->to_string();
  if (i.public_ip) o["public_ip"] = i.public_ip->to_string();
  if (i.security_groups != default_group(i.vpc)) {
    o["security_groups"] = ojson::array();
    for (const auto& g : i.security_groups) o["security_groups"].push_back(ref(kind::security_group, g.value));
  }
  if (!i.instance_type.empty()) o["type"] = i.instance_type;
  if (i.state.text() != "running") o["state"] = i.state.text();
  if (!i.source_dest_check) o["source_dest_check"] = false;
  // The short form: the primary interface the loader makes in the instance's subnet.
  auto eni_id = generated_id(kind::network_interface, seed_instance_interface(nm));
  const auto* eni = n_.find(network_interface_id{eni_id});
  if (s && i.vpc == s->vpc && i.private_ip && i.network_interfaces.size() == 1 && i.network_interfaces.front().value == eni_id && eni &&
      *eni == instance_interface(i, eni_id, *s, *i.private_ip)) {
    generated_enis_.insert(eni_id);
    return o;
  }
  o["network_interfaces"] = ojson::array();
  for (const auto& e : i.network_interfaces) o["network_interfaces"].push_back(ref(kind::network_interface, e.value));
  return o;
}

ojson writer::run() {
  // Names: a resource's Name tag when the loader can tell it apart from everything else, else its id.
  name_all<vpc>();
  name_all<prefix_list>();
  name_all<subnet>();
  name_all<security_group>();
  name_all<internet_gateway>();
  name_all<egress_only_internet_gateway>();
  name_all<vpn_gateway>();
  name_all<transit_gateway>();
  name_all<transit_gateway_route_table>();
  name_all<transit_gateway_attachment>();
  name_all<peering_connection>();
  name_all<route_table>();
  name_all<network_acl>();
  name_all<nat_gateway>();
  name_all<vpc_endpoint>();
  name_all<network_interface>();
  name_all<instance>();
  name_all<dhcp_options>();
  name_all<hosted_zone>();
  name_all<resolver_endpoint>();
  name_all<resolver_rule>();
  std::map<std::pair<int, std::string>, int> uses;
  std::map<std::pair<kind, std::string>, std::string> tag_of;  // (kind, id) -> Name tag
  auto collect = [&](auto tag) {
    using T = typename decltype(tag)::type;
    constexpr kind k = kind_for<T>();
    for (const auto& [id, r] : n_.template all<T>()) {
      // CFN-3: what a CloudFormation stack created is named by its logical id, else by its Name tag.
      // TF-1: and what Terraform imported by its address.
      auto nm = logical_id(r.tags);
      if (nm.empty()) nm = name_tag(r.tags);
      if (nm.empty()) continue;
      ++uses[{name_group(k), nm}];
      tag_of[{k, id.value}] = nm;
    }
  };
  auto each_type = [&](auto f) {
    f(std::type_identity<vpc>{});
    f(std::type_identity<prefix_list>{});
    f(std::type_identity<subnet>{});
    f(std::type_identity<security_group>{});
    f(std::type_identity<internet_gateway>{});
    f(std::type_identity<egress_only_internet_gateway>{});
    f(std::type_identity<vpn_gateway>{});
    f(std::type_identity<transit_gateway>{});
    f(std::type_identity<transit_gateway_route_table>{});
    f(std::type_identity<transit_gateway_attachment>{});
    f(std::type_identity<peering_connection>{});
    f(std::type_identity<route_table>{});
    f(std::type_identity<network_acl>{});
    f(std::type_identity<nat_gateway>{});
    f(std::type_identity<vpc_endpoint>{});
    f(std::type_identity<network_interface>{});
    f(std::type_identity<instance>{});
    f(std::type_identity<dhcp_options>{});
    f(std::type_identity<hosted_zone>{});
    f(std::type_identity<resolver_endpoint>{});
    f(std::type_identity<resolver_rule>{});
  };
  each_type(collect);
  auto usable = [&](kind k, const std::string& nm, const std::set<std::string>& reserved) {
    if (uses[{name_group(k), nm}] != 1 || nm == "local" || nm == "all" || kind_of_id(nm) || reserved.count(nm)) return false;
    if (cidr4::parse_canonicalising(nm) || parse_address4(nm) || nm.find(':') != std::string::npos || nm.starts_with("com.")) return false;
    // The implied AWS prefix lists are named after their service, and security-group peers
    // look at prefix lists too.
    if ((k == kind::prefix_list || k == kind::security_group) && services::find_service(nm)) return false;
    return true;
  };
  std::set<std::string> reserved;
  for (const auto& [id, v] : n_.all<vpc>())
    if (auto it = tag_of.find({kind::vpc, id.value}); it != tag_of.end() && usable(kind::vpc, it->second, reserved))
      names_[static_cast<std::size_t>(kind::vpc)][id.value] = it->second;
  // The names the loader gives what it implies must stay free.
  for (const auto& [id, nm] : names_[static_cast<std::size_t>(kind::vpc)]) {
    reserved.insert(main_route_table_name(nm));
    reserved.insert(default_network_acl_name(nm));
  }
  for (const auto& [key, nm] : tag_of)
    if (key.first != kind::vpc && usable(key.first, nm, reserved)) names_[static_cast<std::size_t>(key.first)][key.second] = nm;
  // What the loader implies has the name it gives it, so that its generated ids match.
  auto role = [&](kind k, const std::string& nm) {
    auto id = generated_id(k, nm);
    if (has(k, id) && !tag_of.count({k, id})) names_[static_cast<std::size_t>(k)][id] = nm;
  };
  for (const auto& [id, nm] : names_[static_cast<std::size_t>(kind::vpc)]) {
    role(kind::route_table, main_route_table_name(nm));
    role(kind::network_acl, default_network_acl_name(nm));
    role(kind::security_group, default_security_group_name(nm));
  }
  std::map<std::string, std::vector<std::string>> lists_by_service;  // short name -> ids
  for (const auto& [id, p] : n_.all<prefix_list>())
    if (auto parts = services::parse_endpoint_service_name(p.name); parts && id.value == generated_id(kind::prefix_list, p.name) &&
                                                                       !tag_of.count({kind::prefix_list, id.value}))
      lists_by_service[parts->short_name].push_back(id.value);
  for (const auto& [service, ids] : lists_by_service)
    if (ids.size() == 1) names_[static_cast<std::size_t>(kind::prefix_list)][ids.front()] = service;

  // Scope: the file's is the most common account and region; resources say where they differ.
  std::map<std::string, int> accounts, regions;
  each_type([&](auto tag) {
    using T = typename decltype(tag)::type;
    for (const auto& [id, r] : n_.template all<T>()) {
      ++accounts[r.where.account];
      ++regions[r.where.region];
    }
  });
  auto most = [](const std::map<std::string, int>& m) {
    std::string best;
    int count = 0;
    for (const auto& [k, c] : m)
      if (c > count) {
        best = k;
        count = c;
      }
    return best;
  };
  file_ = scope{most(accounts), most(regions)};
  if (n_.all<vpc>().size() == 1) only_vpc_ = n_.all<vpc>().begin()->first;

  ojson doc;
  doc[std::string(design_marker)] = design_version;
  if (!file_.account.empty()) doc["account"] = file_.account;
  if (!file_.region.empty()) doc["region"] = file_.region;
  doc["external"] = ojson::array();
  all<vpc>(doc, "vpcs", &writer::one_vpc);
  all<prefix_list>(doc, "prefix_lists", &writer::one_prefix_list);
  all<subnet>(doc, "subnets", &writer::one_subnet);
  all<security_group>(doc, "security_groups", &writer::one_security_group);
  all<internet_gateway>(doc, "internet_gateways", &writer::one_gateway<internet_gateway>);
  all<egress_only_internet_gateway>(doc, "egress_only_internet_gateways", &writer::one_gateway<egress_only_internet_gateway>);
  all<vpn_gateway>(doc, "vpn_gateways", &writer::one_gateway<vpn_gateway>);
  all<transit_gateway>(doc, "transit_gateways", &writer::one_transit_gateway);
  all<transit_gateway_route_table>(doc, "transit_gateway_route_tables", &writer::one_tgw_route_table);
  all<transit_gateway_attachment>(doc, "transit_gateway_attachments", &writer::one_tgw_attachment);
  all<peering_connection>(doc, "peering_connections", &writer::one_peering);
  all<route_table>(doc, "route_tables", &writer::one_route_table);
  all<network_acl>(doc, "network_acls", &writer::one_network_acl);
  all<nat_gateway>(doc, "nat_gateways", &writer::one_nat_gateway);
  all<vpc_endpoint>(doc, "endpoints", &writer::one_endpoint);
  all<instance>(doc, "instances", &writer::one_instance);  // before interfaces: marks the ones it makes
  all<network_interface>(doc, "network_interfaces", &writer::one_network_interface);
  all<dhcp_options>(doc, "dhcp_options", &writer::one_dhcp_options);
  all<hosted_zone>(doc, "hosted_zones", &writer::one_hosted_zone);
  all<resolver_endpoint>(doc, "resolver_endpoints", &writer::one_resolver_endpoint);
  all<resolver_rule>(doc, "resolver_rules", &writer::one_resolver_rule);
  for (const auto& [nm, w] : n_.workloads()) {
    std::vector<std::string> subnets, groups;
    for (const auto& s : w.subnets) subnets.push_back(ref(kind::subnet, s.value));
    for (const auto& g : w.security_groups) groups.push_back(ref(kind::security_group, g.value));
    add_workload(doc, w.name, w.type, subnets, groups);
  }
  if (external_.empty()) doc.erase("external");
  else doc["external"] = external_;
  return doc;
}

}  // namespace

}  // namespace detail::design

namespace detail::design {

std::string add_workload(ojson& design, const std::string& name, const std::string& type,
                         const std::vector<std::string>& subnets, const std::vector<std::string>& security_groups) {
  ojson o = ojson::object();
  o["name"] = name;
  if (!type.empty()) o["type"] = type;
  o["subnets"] = subnets;
  if (!security_groups.empty()) o["security_groups"] = security_groups;
  if (!design.contains("workloads")) design["workloads"] = ojson::array();
  design["workloads"].push_back(std::move(o));
  return child_pointer("/workloads", design["workloads"].size() - 1);
}

std::string endpoint_regional_dns_name(const ojson& endpoint, const std::string& region) {
  const std::string name = endpoint.value("name", "");
  std::string service = endpoint.value("service", "");
  std::string in_region = region;
  if (auto parts = services::parse_endpoint_service_name(service)) {
    service = parts->short_name;
    in_region = parts->region;
  }
  // `ecr.api` -> `api.ecr`: the service part of its endpoint-specific names (IF-10).
  std::string part;
  for (std::size_t end = service.size(); end > 0;) {
    const auto dot = service.rfind('.', end - 1);
    const std::size_t begin = dot == std::string::npos ? 0 : dot + 1;
    part += (part.empty() ? "" : ".") + service.substr(begin, end - begin);
    if (dot == std::string::npos) break;
    end = dot;
  }
  const std::string id = endpoint.contains("id") && endpoint["id"].is_string() ? endpoint["id"].get<std::string>()
                                                                                : generated_id(kind::endpoint, name);
  const std::string suffix = generated_id("", "dns-entry/" + name).substr(1, 8);
  return id + "-" + suffix + "." + part + "." + in_region + ".vpce.amazonaws.com";
}

}  // namespace detail::design

nlohmann::ordered_json to_design(const network& n) { return detail::design::writer(n).run(); }

namespace detail::design {
namespace {

// Two-space indentation, with an object or array on one line when it fits in 100 columns: a
// design stays short to read.
void print(const ojson& j, std::size_t indent, bool flat, std::string& out) {
  if (!j.is_structured() || j.empty()) {
    out += j.dump();
    return;
  }
  flat = flat || indent + j.dump().size() <= 100;
  std::string pad = flat ? std::string{} : "\n" + std::string(indent + 2, ' ');
  out += j.is_object() ? "{" : "[";
  bool first = true;
  for (auto it = j.begin(); it != j.end(); ++it) {
    out += first ? pad : "," + (flat ? std::string(" ") : pad);
    first = false;
    if (j.is_object()) out += ojson(it.key()).dump() + ": ";
    print(*it, indent + 2, flat, out);
  }
  if (!flat) out += "\n" + std::string(indent, ' ');
  out += j.is_object() ? "}" : "]";
}

}  // namespace
}  // namespace detail::design

std::string write_design(const network& n) {
  std::string out;
  detail::design::print(to_design(n), 0, false, out);
  return out + "\n";
}

}  // namespace vpcsim
