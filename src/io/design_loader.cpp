// The native design loader (design.hpp): every name first, then every resource, then the AWS
// defaults the design implies (design_rules.hpp), then the checks AWS itself would make.
#include "design_document.hpp"
#include "design_messages.hpp"
#include "design_rules.hpp"
#include "input_limits.hpp"
#include "json_pointer.hpp"

#include <vpcsim/io/design.hpp>
#include <vpcsim/io/policy_json.hpp>
#include <vpcsim/model/creation_rules.hpp>
#include <vpcsim/services/catalogue.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

namespace vpcsim {

namespace detail::design {

namespace {

using ojson = nlohmann::ordered_json;

std::string_view type_name(const ojson& j) {
  switch (j.type()) {
    case ojson::value_t::object: return "an object";
    case ojson::value_t::array: return "an array";
    case ojson::value_t::string: return "a string";
    case ojson::value_t::boolean: return "a boolean";
    case ojson::value_t::number_integer:
    case ojson::value_t::number_unsigned:
    case ojson::value_t::number_float: return "a number";
    case ojson::value_t::null: return "null";
    default: return "a binary value";
  }
}



/// A declared (or implied) resource: its name, id, and where it is written.
struct decl {
  std::string name;
  std::string id;
  std::string pointer;          ///< empty for an implied resource
  const ojson* node = nullptr;  ///< nullptr for an implied resource
  std::string vpc;              ///< the VPC id it belongs to, when it belongs to one
  std::optional<endpoint_type> endpoint;  ///< endpoints: their type, known before they are built
};

class loader;

/// Reads the fields of one JSON object, remembering which it asked for so that `finish` can
/// report the others as unknown.
class fields {
 public:
  fields(loader& l, const ojson& obj, std::string pointer, std::string resource)
      : l_(l), obj_(obj), pointer_(std::move(pointer)), resource_(std::move(resource)) {}

  place at() const { return {pointer_, resource_}; }
  place at(std::string_view key) const { return {detail::child_pointer(pointer_, key), resource_}; }
  const std::string& pointer() const { return pointer_; }
  const std::string& resource() const { return resource_; }

  const ojson* get(std::string_view key) {
    read_.emplace(key);
    auto it = obj_.find(key);
    return it == obj_.end() ? nullptr : &*it;
  }
  bool has(std::string_view key) {
    read_.emplace(key);
    return obj_.contains(key);
  }

  const ojson* typed(std::string_view key, bool required, bool (ojson::*is)() const noexcept, std::string_view expected);
  std::optional<std::string> str(std::string_view key, bool required = false);
  std::optional<bool> boolean(std::string_view key);
  std::optional<std::int64_t> integer(std::string_view key, bool required = false);
  const ojson* array(std::string_view key, bool required = false) {
    return typed(key, required, &ojson::is_array, "an array");
  }
  const ojson* object(std::string_view key) { return typed(key, false, &ojson::is_object, "an object"); }
  /// An array of strings; each bad element is reported.
  std::vector<std::pair<std::string, std::string>> strings(std::string_view key);
  std::optional<cidr4> cidr4_of(std::string_view key, bool required = false);
  std::optional<address4> address_of(std::string_view key);
  tag_map tags();

  void finish();

 private:
  loader& l_;
  const ojson& obj_;
  std::string pointer_;
  std::string resource_;
  std::set<std::string, std::less<>> read_;
};

class loader {
 public:
  explicit loader(std::string file) : file_(std::move(file)) {}

  design_result run(const ojson& doc);

  void report(diagnostic d) { diags_.push_back(std::move(d)); }

 private:
  friend class fields;

  // Pass 1: names and ids.
  void declare(const ojson& doc);
  void declare_implied(kind k, std::string name, std::string id, const vpc_id& v, const place& why, std::string_view hint);
  std::string peek_vpc(const ojson& node);
  std::optional<std::string> peek_string(const ojson& node, std::string_view key);

  // References.
  std::optional<std::string> resolve(kind k, const std::string& text, const place& at, std::string_view verb);
  std::optional<std::string> ref(fields& f, kind k, std::string_view key, std::string_view verb, bool required = false);
  template <class Id>
  std::vector<Id> refs(fields& f, kind k, std::string_view key, std::string_view verb);
  std::optional<route_target> target(fields& f);
  std::optional<sg_peer> peer(fields& f, std::string_view key);
  /// The VPC a resource belongs to: its `vpc` field, else the design's only VPC.
  std::optional<vpc_id> owner_vpc(fields& f, bool required = true);
  const decl* declared(kind k, const std::string& id) const;
  /// SG-10: the VPC's default security group, declared or implied.
  std::vector<security_group_id> default_group(const std::optional<vpc_id>& v);
  std::string name_of(kind k, const std::string& id) const;

  scope scope_of(fields& f, const std::optional<vpc_id>& v);
  template <class T>
  void common(T& r, fields& f, const decl& d, const std::optional<vpc_id>& v);

  // Pass 2: one builder per kind.
  void build(kind k, const decl& d);
  void build_vpc(fields& f, const decl& d);
  void build_prefix_list(fields& f, const decl& d);
  void build_subnet(fields& f, const decl& d);
  void build_security_group(fields& f, const decl& d);
  void build_gateway(fields& f, const decl& d, kind k);
  void build_transit_gateway(fields& f, const decl& d);
  void build_transit_gateway_route_table(fields& f, const decl& d);
  void build_transit_gateway_attachment(fields& f, const decl& d);
  void build_peering(fields& f, const decl& d);
  void build_route_table(fields& f, const decl& d);
  void build_network_acl(fields& f, const decl& d);
  void build_nat_gateway(fields& f, const decl& d);
  void build_endpoint(fields& f, const decl& d);
  void build_network_interface(fields& f, const decl& d);
  void build_instance(fields& f, const decl& d);
  void build_dhcp_options(fields& f, const decl& d);
  void build_hosted_zone(fields& f, const decl& d);
  void build_resolver_endpoint(fields& f, const decl& d);
  void build_resolver_rule(fields& f, const decl& d);
  /// A string or an array of strings.
  std::vector<std::string> one_or_more(fields& f, std::string_view key);
  /// `workloads`: not AWS resources with ids, but where a service's interfaces will be created.
  void build_workloads(const ojson& doc);

  std::vector<sg_rule> sg_rules(fields& f, std::string_view key, bool ingress);
  std::optional<std::vector<network_acl_entry>> acl_entries(fields& f, std::string_view key, bool egress);
  std::vector<gateway_attachment> attachments(fields& f, kind k);
  std::optional<port_range> ports(fields& f);
  std::optional<icmp_type_code> icmp(fields& f);
  std::optional<vpcsim::protocol> protocol_of(fields& f);

  // Addresses.
  void use_address(const subnet_id& s, address4 a, const place& at);
  std::optional<address4> explicit_address(fields& f, std::string_view key, const subnet* s);
  std::optional<address4> allocate(const subnet& s, const place& at);

  // After pass 2.
  void imply();
  void check();

  std::string file_;
  std::vector<diagnostic> diags_;
  scope file_scope_;
  std::array<std::vector<decl>, kind_count> decls_;
  std::array<std::map<std::string, std::size_t>, kind_count> by_name_;
  std::array<std::map<std::string, std::size_t>, kind_count> by_id_;
  std::set<std::string> external_;
  network net_;

  std::set<route_table_id> literal_tables_;
  std::set<network_acl_id> literal_acls_;
  std::map<route_table_id, std::set<route_destination>> declared_destinations_;
  std::map<subnet_id, std::set<std::uint32_t>> used_;
  std::vector<std::function<void()>> pending_;  // address allocations, run after pass 2
  std::map<vpc_id, std::set<std::string>> not_captured_;
  std::map<std::string, place> places_;  // resource label -> where it is declared
  std::map<std::string, std::vector<std::string>> lint_ignores_;  // id -> rules, from `"lint"`
};

// ---- fields ----

const ojson* fields::typed(std::string_view key, bool required, bool (ojson::*is)() const noexcept,
                           std::string_view expected) {
  const ojson* v = get(key);
  if (!v) {
    if (required) l_.report(messages::missing_field(at(), key));
    return nullptr;
  }
  if (!(v->*is)()) {
    l_.report(messages::wrong_type(at(key), "'" + std::string(key) + "'", expected, type_name(*v)));
    return nullptr;
  }
  return v;
}

// Reads a resource state into `out` (model/state.hpp parses it, the same for every importer): an
// absent field keeps the default; a state this version does not know is kept as written and warned
// about, never rejected.
template <class E>
void read_state(loader& l, fields& f, std::string_view key, state_of<E>& out) {
  if (auto text = f.str(key)) {
    out = state_of<E>(std::move(*text));
    if (!out.known()) l.report(messages::unknown_state(f.at(key), key, unknown_state_warning(out)));
  }
}

std::optional<std::string> fields::str(std::string_view key, bool required) {
  const ojson* v = typed(key, required, &ojson::is_string, "a string");
  return v ? std::optional<std::string>(v->get<std::string>()) : std::nullopt;
}

std::optional<bool> fields::boolean(std::string_view key) {
  const ojson* v = typed(key, false, &ojson::is_boolean, "a boolean");
  return v ? std::optional<bool>(v->get<bool>()) : std::nullopt;
}

std::optional<std::int64_t> fields::integer(std::string_view key, bool required) {
  const ojson* v = typed(key, required, &ojson::is_number_integer, "an integer");
  if (!v) return std::nullopt;
  if (v->is_number_unsigned() && v->get<std::uint64_t>() > 0x7fffffffULL) {
    l_.report(messages::bad_value(at(key), key, v->dump(), "an integer"));
    return std::nullopt;
  }
  return v->get<std::int64_t>();
}

std::vector<std::pair<std::string, std::string>> fields::strings(std::string_view key) {
  std::vector<std::pair<std::string, std::string>> out;  // (text, pointer)
  const ojson* arr = array(key);
  for (std::size_t i = 0; arr && i < arr->size(); ++i) {
    const auto& el = (*arr)[i];
    auto p = detail::child_pointer(detail::child_pointer(pointer_, key), i);
    if (el.is_string()) out.emplace_back(el.get<std::string>(), p);
    else l_.report(messages::wrong_type({p, resource_}, "each element of '" + std::string(key) + "'", "a string", type_name(el)));
  }
  return out;
}

std::optional<cidr4> fields::cidr4_of(std::string_view key, bool required) {
  auto text = str(key, required);
  if (!text) return std::nullopt;
  cidr_problem problem = cidr_problem::none;
  if (auto c = cidr4::parse(*text, &problem)) return c;
  l_.report(messages::bad_value(at(key), key, *text,
                                problem == cidr_problem::not_canonical
                                    ? "a CIDR block without host bits (" + cidr4::parse_canonicalising(*text)->to_string() + ")"
                                    : std::string("an IPv4 CIDR block")));
  return std::nullopt;
}

std::optional<address4> fields::address_of(std::string_view key) {
  auto text = str(key);
  if (!text) return std::nullopt;
  if (auto a = parse_address4(*text)) return a;
  l_.report(messages::bad_value(at(key), key, *text, "an IPv4 address"));
  return std::nullopt;
}

tag_map fields::tags() {
  tag_map out;
  const ojson* t = object("tags");
  if (!t) return out;
  for (auto it = t->begin(); it != t->end(); ++it) {
    if (it->is_string()) out[it.key()] = it->get<std::string>();
    else l_.report(messages::wrong_type(at("tags"), "tag '" + it.key() + "'", "a string", type_name(*it)));
  }
  return out;
}

void fields::finish() {
  std::vector<std::string_view> known(read_.begin(), read_.end());
  for (auto it = obj_.begin(); it != obj_.end(); ++it)
    if (!read_.count(it.key())) l_.report(messages::unknown_field(at(it.key()), it.key(), known));
}

// ---- pass 1: names ----

std::optional<std::string> loader::peek_string(const ojson& node, std::string_view key) {
  auto it = node.find(key);
  if (it == node.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::string loader::peek_vpc(const ojson& node) {
  const auto& vpcs = decls_[static_cast<std::size_t>(kind::vpc)];
  auto v = peek_string(node, "vpc");
  if (!v) return vpcs.size() == 1 ? vpcs.front().id : std::string{};
  auto& names = by_name_[static_cast<std::size_t>(kind::vpc)];
  if (auto it = names.find(*v); it != names.end()) return vpcs[it->second].id;
  return *v;
}

void loader::declare(const ojson& doc) {
  for (const auto& ki : kinds()) {
    auto it = doc.find(ki.key);
    if (it == doc.end()) continue;
    std::string base = detail::child_pointer("", ki.key);
    if (!it->is_array()) {
      report(messages::wrong_type({base, ""}, "'" + std::string(ki.key) + "'", "an array", type_name(*it)));
      continue;
    }
    auto& list = decls_[static_cast<std::size_t>(ki.k)];
    auto& names = by_name_[static_cast<std::size_t>(ki.k)];
    auto& ids = by_id_[static_cast<std::size_t>(ki.k)];
    for (std::size_t i = 0; i < it->size(); ++i) {
      const ojson& node = (*it)[i];
      std::string p = detail::child_pointer(base, i);
      if (!node.is_object()) {
        report(messages::wrong_type({p, ""}, "each element of '" + std::string(ki.key) + "'", "an object", type_name(node)));
        continue;
      }
      auto name = node.find("name");
      if (name == node.end()) {
        report(messages::missing_field({p, std::string(ki.label)}, "name"));
        continue;
      }
      if (!name->is_string() || name->get<std::string>().empty()) {
        report(messages::wrong_type({detail::child_pointer(p, "name"), std::string(ki.label)}, "'name'", "a non-empty string", type_name(*name)));
        continue;
      }
      decl d;
      d.name = name->get<std::string>();
      d.pointer = p;
      d.node = &node;
      std::string label = std::string(ki.label) + " " + d.name;
      // The id: given, else the name itself when it is an AWS id, else generated from the name.
      if (auto id = peek_string(node, "id")) d.id = *id;
      else if (has_id_shape(ki.k, d.name)) d.id = d.name;
      else d.id = generated_id(ki.k, d.name);
      if (auto prev = names.find(d.name); prev != names.end()) {
        report(messages::duplicate_name({detail::child_pointer(p, "name"), label}, ki.label, d.name, list[prev->second].pointer));
        continue;
      }
      if (auto prev = ids.find(d.id); prev != ids.end()) {
        report(messages::duplicate_id({p, label}, d.id, list[prev->second].pointer));
        continue;
      }
      if (ki.k != kind::vpc && ki.k != kind::prefix_list) d.vpc = peek_vpc(node);
      if (ki.k == kind::endpoint) {
        std::string region = peek_string(node, "region").value_or("");
        if (region.empty())
          if (const auto* v = declared(kind::vpc, d.vpc)) region = peek_string(*v->node, "region").value_or(file_scope_.region);
        if (region.empty()) region = file_scope_.region;
        auto service = full_service_name(peek_string(node, "service").value_or(""), region);
        auto type = peek_string(node, "type");
        d.endpoint = type == std::optional<std::string>("interface")               ? endpoint_type::interface
                     : type == std::optional<std::string>("gateway-load-balancer") ? endpoint_type::gateway_load_balancer
                     : type == std::optional<std::string>("gateway")               ? endpoint_type::gateway
                     : gateway_by_default(service)                                 ? endpoint_type::gateway
                                                                                   : endpoint_type::interface;
      }
      names.emplace(d.name, list.size());
      ids.emplace(d.id, list.size());
      places_[std::string(ki.label) + " " + d.id] = place{p, label};
      list.push_back(std::move(d));
    }
  }

  // What every VPC has without being declared (RT-2, NACL-1, SG-10), unless the design declares it.
  for (const auto& v : decls_[static_cast<std::size_t>(kind::vpc)]) {
    std::set<std::string> absent;
    if (auto nc = v.node->find("not_captured"); nc != v.node->end() && nc->is_array())
      for (const auto& x : *nc)
        if (x.is_string()) absent.insert(x.get<std::string>());
    not_captured_[vpc_id{v.id}] = absent;
    auto has = [&](kind k, auto pred) {
      for (const auto& d : decls_[static_cast<std::size_t>(k)])
        if (d.node && d.vpc == v.id && pred(d)) return true;
      return false;
    };
    place at{v.pointer, "VPC " + v.name};
    if (!absent.count("main_route_table") &&
        !has(kind::route_table, [&](const decl& d) {
          if (d.node->value("main", false) == true) return true;
          auto a = d.node->find("associations");
          return a != d.node->end() && a->is_array() &&
                 std::any_of(a->begin(), a->end(), [](const ojson& x) { return x.is_object() && x.value("main", false) == true; });
        }))
      declare_implied(kind::route_table, main_route_table_name(v.name),
                      generated_id(kind::route_table, main_route_table_name(v.name)), vpc_id{v.id}, at,
                      "mark the VPC's main route table \"main\": true, or rename the route table");
    if (!absent.count("default_network_acl") &&
        !has(kind::network_acl, [&](const decl& d) { return d.node->value("default", false) == true; }))
      declare_implied(kind::network_acl, default_network_acl_name(v.name),
                      generated_id(kind::network_acl, default_network_acl_name(v.name)), vpc_id{v.id}, at,
                      "mark the VPC's default network ACL \"default\": true, or rename the network ACL");
    if (!absent.count("default_security_group") && !has(kind::security_group, [&](const decl& d) {
          return peek_string(*d.node, "group_name").value_or(d.name) == "default";
        }))
      declare_implied(kind::security_group, default_security_group_name(v.name),
                      generated_id(kind::security_group, default_security_group_name(v.name)), vpc_id{v.id}, at,
                      "name the VPC's default security group \"default\" (or give it \"group_name\": \"default\"), or rename the security group");
  }

  // GW-5: the AWS-managed prefix list of each gateway-endpoint service, unless declared.
  std::set<std::string> implied_lists;
  for (const auto& e : decls_[static_cast<std::size_t>(kind::endpoint)]) {
    if (e.endpoint != endpoint_type::gateway) continue;
    const auto* v = declared(kind::vpc, e.vpc);
    std::string region = peek_string(*e.node, "region").value_or(v ? peek_string(*v->node, "region").value_or(file_scope_.region) : file_scope_.region);
    auto parts = services::parse_endpoint_service_name(full_service_name(peek_string(*e.node, "service").value_or(""), region));
    if (!parts || services::published_ranges(parts->short_name, parts->region).empty()) continue;
    std::string full = services::endpoint_service_name(parts->short_name, parts->region);
    bool present = false;
    for (const auto& p : decls_[static_cast<std::size_t>(kind::prefix_list)])
      present = present || (p.node && peek_string(*p.node, "prefix_list_name").value_or(p.name) == full);
    if (present || !implied_lists.insert(full).second) continue;
    std::string name = by_name_[static_cast<std::size_t>(kind::prefix_list)].count(parts->short_name) ? full : parts->short_name;
    declare_implied(kind::prefix_list, name, generated_id(kind::prefix_list, full), vpc_id{}, {e.pointer, "endpoint " + e.name},
                    "declare the prefix list or rename the one that has this name");
  }
}

void loader::declare_implied(kind k, std::string name, std::string id, const vpc_id& v, const place& why, std::string_view hint) {
  auto& names = by_name_[static_cast<std::size_t>(k)];
  auto& list = decls_[static_cast<std::size_t>(k)];
  if (names.count(name) || by_id_[static_cast<std::size_t>(k)].count(id)) {
    report(messages::implied_name_taken(why, "the implied " + std::string(info(k).label), name, hint));
    return;
  }
  decl d;
  d.name = std::move(name);
  d.id = std::move(id);
  d.vpc = v.value;
  names.emplace(d.name, list.size());
  by_id_[static_cast<std::size_t>(k)].emplace(d.id, list.size());
  list.push_back(std::move(d));
}

const decl* loader::declared(kind k, const std::string& id) const {
  const auto& ids = by_id_[static_cast<std::size_t>(k)];
  auto it = ids.find(id);
  return it == ids.end() ? nullptr : &decls_[static_cast<std::size_t>(k)][it->second];
}

std::vector<security_group_id> loader::default_group(const std::optional<vpc_id>& v) {
  std::vector<security_group_id> out;
  for (const auto& sg : decls_[static_cast<std::size_t>(kind::security_group)])
    if (v && sg.vpc == v->value && (!sg.node || peek_string(*sg.node, "group_name").value_or(sg.name) == "default"))
      out.emplace_back(sg.id);
  return out;
}

std::string loader::name_of(kind k, const std::string& id) const {
  const auto* d = declared(k, id);
  return d ? d->name : id;
}

// ---- references ----

std::optional<std::string> loader::resolve(kind k, const std::string& text, const place& at, std::string_view verb) {
  const auto& ki = info(k);
  if (auto it = by_name_[static_cast<std::size_t>(k)].find(text); it != by_name_[static_cast<std::size_t>(k)].end())
    return decls_[static_cast<std::size_t>(k)][it->second].id;
  if (declared(k, text) || external_.count(text)) return text;
  if (has_id_shape(k, text)) {
    report(messages::external_reference(at, text, ki.label));
    return text;
  }
  std::vector<candidate> known;
  for (const auto& d : decls_[static_cast<std::size_t>(k)]) known.push_back({d.name, ""});
  report(messages::undefined_reference(at, verb, text, ki.plural, known));
  return std::nullopt;
}

std::optional<std::string> loader::ref(fields& f, kind k, std::string_view key, std::string_view verb, bool required) {
  auto text = f.str(key, required);
  if (!text) return std::nullopt;
  return resolve(k, *text, f.at(key), verb);
}

template <class Id>
std::vector<Id> loader::refs(fields& f, kind k, std::string_view key, std::string_view verb) {
  std::vector<Id> out;
  for (const auto& [text, p] : f.strings(key))
    if (auto id = resolve(k, text, {p, f.resource()}, verb)) out.emplace_back(*id);
  return out;
}

std::optional<vpc_id> loader::owner_vpc(fields& f, bool required) {
  if (f.has("vpc")) {
    auto v = ref(f, kind::vpc, "vpc", "belongs to VPC", true);
    return v ? std::optional<vpc_id>(vpc_id{*v}) : std::nullopt;
  }
  const auto& vpcs = decls_[static_cast<std::size_t>(kind::vpc)];
  if (vpcs.size() == 1) return vpc_id{vpcs.front().id};
  if (required) report(messages::no_vpc(f.at(), vpcs.size()));
  return std::nullopt;
}

std::optional<route_target> loader::target(fields& f) {
  auto text = f.str("via", true);
  auto forced_text = f.str("target");
  std::optional<target_kind> forced;
  if (forced_text) {
    forced = parse_target_kind(*forced_text);
    if (!forced) {
      report(messages::bad_value(f.at("target"), "target", *forced_text, "a target kind such as nat-gateway or internet-gateway"));
      return std::nullopt;
    }
  }
  if (!text) return std::nullopt;
  if (*text == "local") return route_target{target_kind::local, "local"};
  // A name: look in every kind a route can send traffic to (RT-13).
  static constexpr std::pair<kind, target_kind> targets[] = {
      {kind::internet_gateway, target_kind::internet_gateway},
      {kind::egress_only_internet_gateway, target_kind::egress_only_internet_gateway},
      {kind::nat_gateway, target_kind::nat_gateway},
      {kind::vpn_gateway, target_kind::virtual_private_gateway},
      {kind::endpoint, target_kind::gateway_endpoint},
      {kind::network_interface, target_kind::network_interface},
      {kind::instance, target_kind::instance},
      {kind::peering_connection, target_kind::peering_connection},
      {kind::transit_gateway, target_kind::transit_gateway},
  };
  std::vector<std::pair<const decl*, target_kind>> found;
  std::vector<std::string> kinds_found;
  for (const auto& [k, tk] : targets) {
    auto& names = by_name_[static_cast<std::size_t>(k)];
    const decl* d = nullptr;
    if (auto it = names.find(*text); it != names.end()) d = &decls_[static_cast<std::size_t>(k)][it->second];
    else d = declared(k, *text);
    if (!d) continue;
    auto kind_found = tk;
    if (k == kind::endpoint && d->endpoint == endpoint_type::gateway_load_balancer)
      kind_found = target_kind::gateway_load_balancer_endpoint;
    found.emplace_back(d, kind_found);
    kinds_found.push_back(std::string(info(k).label));
  }
  if (found.size() > 1) {
    report(messages::ambiguous_reference(f.at("via"), *text, kinds_found));
    return std::nullopt;
  }
  if (found.size() == 1) {
    const auto& [d, tk] = found.front();
    if (d->endpoint == endpoint_type::interface) {
      report(messages::bad_value(f.at("via"), "via", *text,
                                 "a route target; an interface endpoint takes no routes, DNS leads to it (IF-3)"));
      return std::nullopt;
    }
    return route_target{forced.value_or(tk), d->id};
  }
  if (external_.count(*text) || forced) {
    auto tk = forced ? forced : target_kind_of_id(*text);
    if (tk) return route_target{*tk, *text};
  }
  if (auto k = kind_of_id(*text); k && has_id_shape(*k, *text)) {
    if (auto tk = target_kind_of_id(*text)) {
      report(messages::external_reference(f.at("via"), *text, info(*k).label));
      return route_target{*tk, *text};
    }
  }
  std::vector<candidate> known;
  for (const auto& [k, tk] : targets)
    for (const auto& d : decls_[static_cast<std::size_t>(k)])
      if (!d.endpoint || d.endpoint != endpoint_type::interface) known.push_back({d.name, std::string(info(k).label)});
  // One kind asked for by the name's look (`nat-…`): list only that kind, as a compiler would.
  if (auto tk = target_kind_of_id(*text)) {
    std::vector<candidate> same;
    for (const auto& c : known)
      for (const auto& [k, t] : targets)
        if (t == *tk && c.kind == info(k).label) same.push_back({c.name, ""});
    for (const auto& [k, t] : targets)
      if (t == *tk) {
        report(messages::undefined_reference(f.at("via"), "routes to", *text, info(k).plural, same));
        return std::nullopt;
      }
  }
  report(messages::undefined_reference(f.at("via"), "routes to", *text, "route targets", known));
  return std::nullopt;
}

std::optional<sg_peer> loader::peer(fields& f, std::string_view key) {
  auto text = f.str(key, true);
  if (!text) return std::nullopt;
  if (auto c = cidr4::parse(*text)) return *c;
  if (text->find(':') != std::string::npos) {
    if (auto c = cidr6::parse(*text)) return *c;
    report(messages::bad_value(f.at(key), key, *text, "an IPv6 CIDR block without host bits"));
    return std::nullopt;
  }
  if (text->find('/') != std::string::npos && std::isdigit(static_cast<unsigned char>(text->front()))) {
    auto c = cidr4::parse_canonicalising(*text);
    report(messages::bad_value(f.at(key), key, *text,
                               c ? "a CIDR block without host bits (" + c->to_string() + ")" : std::string("a CIDR block")));
    return std::nullopt;
  }
  auto& sgs = by_name_[static_cast<std::size_t>(kind::security_group)];
  auto& pls = by_name_[static_cast<std::size_t>(kind::prefix_list)];
  bool sg = sgs.count(*text) || declared(kind::security_group, *text);
  bool pl = pls.count(*text) || declared(kind::prefix_list, *text);
  if (sg && pl) {
    report(messages::ambiguous_reference(f.at(key), *text, {"security group", "prefix list"}));
    return std::nullopt;
  }
  if (sg) return security_group_id{*resolve(kind::security_group, *text, f.at(key), "")};
  if (pl) return prefix_list_id{*resolve(kind::prefix_list, *text, f.at(key), "")};
  if (text->starts_with("pl-")) {
    if (auto id = resolve(kind::prefix_list, *text, f.at(key), "names prefix list")) return prefix_list_id{*id};
    return std::nullopt;
  }
  if (text->starts_with("sg-") || external_.count(*text)) {
    if (auto id = resolve(kind::security_group, *text, f.at(key), "names security group")) return security_group_id{*id};
    return std::nullopt;
  }
  std::vector<candidate> known;
  for (const auto& d : decls_[static_cast<std::size_t>(kind::security_group)]) known.push_back({d.name, "security group"});
  for (const auto& d : decls_[static_cast<std::size_t>(kind::prefix_list)]) known.push_back({d.name, "prefix list"});
  report(messages::undefined_reference(f.at(key), "names", *text, "CIDR blocks aside, security groups and prefix lists", known));
  return std::nullopt;
}

// ---- common fields ----

scope loader::scope_of(fields& f, const std::optional<vpc_id>& v) {
  scope s = file_scope_;
  if (v)
    if (const auto* vp = net_.find(*v)) s = vp->where;
  if (auto a = f.str("account")) s.account = *a;
  if (auto r = f.str("region")) s.region = *r;
  return s;
}

template <class T>
void loader::common(T& r, fields& f, const decl& d, const std::optional<vpc_id>& v) {
  f.get("name");
  f.get("id");
  r.id = decltype(r.id){d.id};
  r.where = scope_of(f, v);
  bool has_tags = f.has("tags");
  r.tags = f.tags();
  // A name that is not the resource's id is its `Name` tag, as a console shows it, unless the
  // design gives `tags`: then they are all its tags.
  if (d.name != d.id && !has_tags) r.tags["Name"] = d.name;
}


// ---- DNS: DHCP options, hosted zones, Resolver endpoints and rules (DNS-11..DNS-13) ----

std::vector<std::string> loader::one_or_more(fields& f, std::string_view key) {
  std::vector<std::string> out;
  const ojson* x = f.get(key);
  if (!x) return out;
  if (x->is_string()) {
    out.push_back(x->get<std::string>());
    return out;
  }
  if (!x->is_array()) {
    report(messages::wrong_type(f.at(key), "'" + std::string(key) + "'", "a string or an array of strings", type_name(*x)));
    return out;
  }
  for (const auto& [text, p] : f.strings(key)) out.push_back(text);
  return out;
}

void loader::build_dhcp_options(fields& f, const decl& d) {
  dhcp_options o;
  common(o, f, d, std::nullopt);
  o.domain_name_servers = one_or_more(f, "domain_name_servers");
  for (const auto& server : o.domain_name_servers)
    if (server != amazon_provided_dns && !parse_address4(server))
      report(messages::bad_value(f.at("domain_name_servers"), "domain_name_servers", server,
                                 "AmazonProvidedDNS or an IPv4 address"));
  o.domain_name = one_or_more(f, "domain_name");
  // Other DHCP keys (`ntp-servers`, …) as `key=value`.
  for (const auto& [text, p] : f.strings("other")) o.other.push_back(text);
  net_.put(std::move(o));
}

void loader::build_hosted_zone(fields& f, const decl& d) {
  hosted_zone z;
  common(z, f, d, std::nullopt);
  z.name = canonical_dns_name(f.str("domain", true).value_or(""));
  z.private_zone = f.boolean("private").value_or(true);
  z.comment = f.str("comment").value_or("");
  // DNS-3: the VPCs the zone answers, by name.
  if (const ojson* vs = f.array("vpcs")) {
    for (std::size_t i = 0; i < vs->size(); ++i) {
      const ojson& x = (*vs)[i];
      place at{detail::child_pointer(f.at("vpcs").pointer, i), f.resource()};
      if (!x.is_string()) {
        report(messages::wrong_type(at, "each element of 'vpcs'", "a VPC name", type_name(x)));
        continue;
      }
      if (auto v = resolve(kind::vpc, x.get<std::string>(), at, "is associated with VPC")) {
        zone_vpc a{vpc_id{*v}, {}};
        if (const auto* vp = net_.find(a.vpc)) a.region = vp->where.region;
        z.vpcs.push_back(std::move(a));
      }
    }
  }
  if (!z.private_zone && !z.vpcs.empty())
    report(messages::bad_value(f.at("vpcs"), "vpcs", "[…]", "no VPCs: a public zone has no VPC associations"));
  // `"records": null` says the records are not known (a capture without list-resource-record-sets).
  const ojson* rs = f.get("records");
  z.records_known = !(rs && rs->is_null());
  if (rs && !rs->is_null() && !rs->is_array())
    report(messages::wrong_type(f.at("records"), "'records'", "an array or null", type_name(*rs)));
  if (rs && rs->is_array()) {
    for (std::size_t i = 0; i < rs->size(); ++i) {
      const ojson& x = (*rs)[i];
      const std::string p = detail::child_pointer(f.at("records").pointer, i);
      if (!x.is_object()) {
        report(messages::wrong_type({p, f.resource()}, "each element of 'records'", "an object", type_name(x)));
        continue;
      }
      fields g(*this, x, p, f.resource());
      dns_record r;
      r.name = canonical_dns_name(g.str("name", true).value_or(""));
      if (!r.name.empty() && !dns_name_within(r.name.starts_with("*.") ? r.name.substr(2) : r.name, z.name))
        report(messages::bad_value(g.at("name"), "name", r.name, "a name in the zone " + z.name));
      r.type_name = g.str("type").value_or("A");
      r.type = r.type_name == "A" ? dns_record_type::a : r.type_name == "AAAA" ? dns_record_type::aaaa
               : r.type_name == "CNAME" ? dns_record_type::cname : dns_record_type::other;
      r.values = one_or_more(g, "values");
      r.set_identifier = g.str("set_identifier").value_or("");
      if (const ojson* alias = g.object("alias")) {
        fields a(*this, *alias, g.at("alias").pointer, f.resource());
        r.alias_target = canonical_dns_name(a.str("target", true).value_or(""));
        r.alias_zone_id = a.str("zone_id").value_or("");
        a.finish();
      } else if (auto target = g.str("alias")) {
        r.alias_target = canonical_dns_name(*target);  // `"alias": "vpce-….vpce.amazonaws.com"`
      }
      if (r.is_alias() && !r.values.empty())
        report(messages::bad_value(g.at("values"), "values", "[…]", "no values: an alias record has a target instead"));
      if (!r.is_alias() && r.values.empty() && r.type != dns_record_type::other)
        report(messages::missing_field(g.at(), "values"));
      g.finish();
      z.records.push_back(std::move(r));
    }
  }
  net_.put(std::move(z));
}

void loader::build_resolver_endpoint(fields& f, const decl& d) {
  resolver_endpoint e;
  auto v = owner_vpc(f);
  common(e, f, d, v);
  if (v) e.vpc = *v;
  e.direction = f.str("direction").value_or(e.direction);
  if (e.direction != "INBOUND" && e.direction != "OUTBOUND" && e.direction != "INBOUND_DELEGATION")
    report(messages::bad_value(f.at("direction"), "direction", e.direction, "INBOUND, OUTBOUND or INBOUND_DELEGATION"));
  e.security_groups = refs<security_group_id>(f, kind::security_group, "security_groups", "uses security group");
  read_state(*this, f, "status", e.status);
  net_.put(std::move(e));
}

void loader::build_resolver_rule(fields& f, const decl& d) {
  resolver_rule r;
  common(r, f, d, std::nullopt);
  // `.` (or `""`) is every name.
  r.domain_name = canonical_dns_name(f.str("domain", true).value_or(""));
  const std::string type = f.str("type").value_or("FORWARD");
  if (type == "FORWARD") r.type = resolver_rule_type::forward;
  else if (type == "SYSTEM") r.type = resolver_rule_type::system;
  else if (type == "RECURSIVE") r.type = resolver_rule_type::recursive;
  else report(messages::bad_value(f.at("type"), "type", type, "FORWARD, SYSTEM or RECURSIVE"));
  // `"10.0.0.10"` or `"10.0.0.10:5353"`.
  for (const auto& [text, p] : f.strings("targets")) {
    resolver_target t;
    const auto colon = text.rfind(':');
    t.ip = colon == std::string::npos ? text : text.substr(0, colon);
    if (colon != std::string::npos) {
      const std::string port = text.substr(colon + 1);
      if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); }) ||
          std::stoi(port) < 1 || std::stoi(port) > 65535) {
        report(messages::bad_value({p, f.resource()}, "targets", text, "an IPv4 address, optionally with :PORT"));
        continue;
      }
      t.port = std::stoi(port);
    }
    if (!parse_address4(t.ip)) {
      report(messages::bad_value({p, f.resource()}, "targets", text, "an IPv4 address, optionally with :PORT"));
      continue;
    }
    r.targets.push_back(std::move(t));
  }
  if (auto e = ref(f, kind::resolver_endpoint, "endpoint", "forwards through resolver endpoint")) r.endpoint = resolver_endpoint_id{*e};
  r.vpcs = refs<vpc_id>(f, kind::vpc, "vpcs", "is associated with VPC");
  read_state(*this, f, "status", r.status);
  if (r.type == resolver_rule_type::forward && r.targets.empty())
    report(messages::missing_field(f.at(), "targets"));
  net_.put(std::move(r));
}

// ---- pass 2 ----

void loader::build(kind k, const decl& d) {
  if (!d.node) return;  // implied: made after pass 2
  fields f(*this, *d.node, d.pointer, std::string(info(k).label) + " " + d.name);
  switch (k) {
    case kind::vpc: build_vpc(f, d); break;
    case kind::prefix_list: build_prefix_list(f, d); break;
    case kind::subnet: build_subnet(f, d); break;
    case kind::security_group: build_security_group(f, d); break;
    case kind::internet_gateway:
    case kind::egress_only_internet_gateway:
    case kind::vpn_gateway: build_gateway(f, d, k); break;
    case kind::transit_gateway: build_transit_gateway(f, d); break;
    case kind::transit_gateway_route_table: build_transit_gateway_route_table(f, d); break;
    case kind::transit_gateway_attachment: build_transit_gateway_attachment(f, d); break;
    case kind::peering_connection: build_peering(f, d); break;
    case kind::route_table: build_route_table(f, d); break;
    case kind::network_acl: build_network_acl(f, d); break;
    case kind::nat_gateway: build_nat_gateway(f, d); break;
    case kind::endpoint: build_endpoint(f, d); break;
    case kind::network_interface: build_network_interface(f, d); break;
    case kind::instance: build_instance(f, d); break;
    case kind::dhcp_options: build_dhcp_options(f, d); break;
    case kind::hosted_zone: build_hosted_zone(f, d); break;
    case kind::resolver_endpoint: build_resolver_endpoint(f, d); break;
    case kind::resolver_rule: build_resolver_rule(f, d); break;
  }
  // `"lint": {"ignore": ["L003"]}`: lint reports that rule's findings on this resource as suppressed.
  if (const ojson* lint = f.object("lint")) {
    fields l(*this, *lint, detail::child_pointer(d.pointer, "lint"), std::string(info(k).label) + " " + d.name);
    for (auto& [rule, where] : l.strings("ignore")) lint_ignores_[d.id].push_back(rule);
    l.finish();
  }
  f.finish();
}

void loader::build_vpc(fields& f, const decl& d) {
  vpc v;
  common(v, f, d, std::nullopt);
  if (f.has("cidrs")) {
    for (const auto& [text, p] : f.strings("cidrs")) {
      if (auto c = cidr4::parse(text)) v.cidr_blocks.push_back(*c);
      else report(messages::bad_value({p, f.resource()}, "cidrs", text, "an IPv4 CIDR block without host bits"));
    }
  } else if (auto c = f.cidr4_of("cidr", true)) {
    v.cidr_blocks.push_back(*c);
  }
  for (const auto& [text, p] : f.strings("ipv6_cidrs")) {
    if (auto c = cidr6::parse(text)) v.ipv6_cidr_blocks.push_back(*c);
    else report(messages::bad_value({p, f.resource()}, "ipv6_cidrs", text, "an IPv6 CIDR block without host bits"));
  }
  v.is_default = f.boolean("default").value_or(false);
  read_state(*this, f, "state", v.state);
  // DNS-4, DNS-5: a new VPC supports DNS, and has DNS hostnames only when it is a default VPC.
  // `null` says the value is not known (a capture without describe-vpc-attribute).
  auto dns = [&](std::string_view key, bool aws_default) -> std::optional<bool> {
    const ojson* x = f.get(key);
    if (!x) return aws_default;
    if (x->is_null()) return std::nullopt;
    if (x->is_boolean()) return x->get<bool>();
    report(messages::wrong_type(f.at(key), "'" + std::string(key) + "'", "a boolean or null", type_name(*x)));
    return aws_default;
  };
  v.enable_dns_support = dns("dns_support", true);
  v.enable_dns_hostnames = dns("dns_hostnames", v.is_default);
  // DNS-11: the DHCP options set the VPC uses (absent: AWS's default set, AmazonProvidedDNS).
  if (auto o = ref(f, kind::dhcp_options, "dhcp_options", "uses DHCP options")) v.dhcp_options = dhcp_options_id{*o};
  for (const auto& [text, p] : f.strings("not_captured"))
    if (text != "main_route_table" && text != "default_network_acl" && text != "default_security_group")
      report(messages::bad_value({p, f.resource()}, "not_captured", text,
                                 "main_route_table, default_network_acl or default_security_group"));
  net_.put(std::move(v));
}

void loader::build_prefix_list(fields& f, const decl& d) {
  prefix_list p;
  common(p, f, d, std::nullopt);
  p.name = f.str("prefix_list_name").value_or(d.name);
  for (const auto& [text, ptr] : f.strings("cidrs")) {
    if (text.find(':') != std::string::npos) {
      if (auto c = cidr6::parse(text)) p.ipv6_cidrs.push_back(*c);
      else report(messages::bad_value({ptr, f.resource()}, "cidrs", text, "a CIDR block without host bits"));
    } else if (auto c = cidr4::parse(text)) {
      p.cidrs.push_back(*c);
    } else {
      report(messages::bad_value({ptr, f.resource()}, "cidrs", text, "a CIDR block without host bits"));
    }
  }
  // GW-5: AWS's service lists are named com.amazonaws.REGION.SERVICE.
  p.aws_managed = f.boolean("aws_managed").value_or(p.name.starts_with("com.amazonaws."));
  if (auto m = f.integer("max_entries")) p.max_entries = static_cast<int>(*m);
  net_.put(std::move(p));
}

void loader::build_subnet(fields& f, const decl& d) {
  subnet s;
  auto v = owner_vpc(f);
  common(s, f, d, v);
  if (v) s.vpc = *v;
  // VPC-6: an IPv6-only subnet (`ipv6_native`) has `ipv6_cidrs` and no `cidr`; every other one has `cidr`.
  s.ipv6_native = f.boolean("ipv6_native").value_or(false);
  if (s.ipv6_native && f.has("cidr"))
    report(messages::conflict(f.at("cidr"), "an IPv6-only subnet ('ipv6_native': true) has no IPv4 CIDR (VPC-6); drop 'cidr' or 'ipv6_native'"));
  else if (!s.ipv6_native && !f.has("cidr"))
    report(messages::missing_field(f.at(), "cidr"));
  s.cidr_block = f.cidr4_of("cidr");
  for (const auto& [text, p] : f.strings("ipv6_cidrs")) {
    if (auto c = cidr6::parse(text)) s.ipv6_cidr_blocks.push_back(*c);
    else report(messages::bad_value({p, f.resource()}, "ipv6_cidrs", text, "an IPv6 CIDR block without host bits"));
  }
  if (s.ipv6_native && !f.has("ipv6_cidrs"))
    report(messages::conflict(f.at(), "an IPv6-only subnet ('ipv6_native': true) needs 'ipv6_cidrs' (VPC-6)"));
  auto az = f.str("az").value_or("");
  // `"az": "a"` is short for the zone of that letter in the subnet's region.
  if (az.size() == 1 && az[0] >= 'a' && az[0] <= 'z') {
    if (s.where.region.empty()) report(messages::no_region(f.at("az"), "the zone letter '" + az + "'"));
    az = s.where.region + az;
  }
  s.availability_zone = az;
  s.availability_zone_id = f.str("az_id").value_or("");
  s.map_public_ip_on_launch = f.boolean("public_ip_on_launch").value_or(false);
  s.default_for_az = f.boolean("default_for_az").value_or(false);
  s.enable_dns64 = f.boolean("dns64").value_or(false);  // DNS-15: EnableDns64
  read_state(*this, f, "state", s.state);
  net_.put(std::move(s));
}

std::optional<vpcsim::protocol> loader::protocol_of(fields& f) {
  const ojson* v = f.get("protocol");
  if (!v) return protocol::all();
  std::string text = v->is_string() ? v->get<std::string>() : v->is_number_integer() ? std::to_string(v->get<std::int64_t>()) : "";
  if (text.empty() && !v->is_string()) {
    report(messages::wrong_type(f.at("protocol"), "'protocol'", "a string", type_name(*v)));
    return std::nullopt;
  }
  auto p = vpcsim::protocol::parse(text);
  if (!p) report(messages::bad_value(f.at("protocol"), "protocol", text, "tcp, udp, icmp, icmpv6, all or a protocol number"));
  return p;
}

std::optional<port_range> loader::ports(fields& f) {
  const ojson* v = f.get("ports");
  if (!v) return std::nullopt;
  std::string text = v->is_string() ? v->get<std::string>() : v->is_number_integer() ? std::to_string(v->get<std::int64_t>()) : "";
  auto number = [](std::string_view s) -> std::optional<std::uint16_t> {
    if (s.empty() || s.size() > 5 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    auto n = std::stoul(std::string(s));
    return n > 65535 ? std::nullopt : std::optional<std::uint16_t>(static_cast<std::uint16_t>(n));
  };
  auto dash = text.find('-');
  auto lo = number(dash == std::string::npos ? text : text.substr(0, dash));
  auto hi = dash == std::string::npos ? lo : number(text.substr(dash + 1));
  if (text == "all") return port_range::all();
  if (!lo || !hi || *lo > *hi) {
    report(messages::bad_value(f.at("ports"), "ports", v->is_string() ? text : v->dump(), "a port, a range such as 1024-65535, or all"));
    return std::nullopt;
  }
  return port_range{*lo, *hi};
}

std::optional<icmp_type_code> loader::icmp(fields& f) {
  const ojson* v = f.object("icmp");
  if (!v) return std::nullopt;
  fields g(*this, *v, f.at("icmp").pointer, f.resource());
  auto part = [&](std::string_view key) {
    auto x = g.integer(key).value_or(-1);
    if (x < -1 || x > 255) {
      report(messages::bad_value(g.at(key), key, std::to_string(x), "-1 or a number from 0 to 255"));
      return -1;
    }
    return static_cast<int>(x);
  };
  icmp_type_code out{part("type"), part("code")};
  g.finish();
  return out;
}

std::vector<sg_rule> loader::sg_rules(fields& f, std::string_view key, bool ingress) {
  std::vector<sg_rule> out;
  const ojson* arr = f.array(key);
  for (std::size_t i = 0; arr && i < arr->size(); ++i) {
    auto p = detail::child_pointer(detail::child_pointer(f.pointer(), key), i);
    if (!(*arr)[i].is_object()) {
      report(messages::wrong_type({p, f.resource()}, "each rule", "an object", type_name((*arr)[i])));
      continue;
    }
    fields r(*this, (*arr)[i], p, f.resource());
    sg_rule rule;
    auto proto = protocol_of(r);
    auto pr = ports(r);
    auto ic = icmp(r);
    auto other = ingress ? "to" : "from";
    if (r.has(other))
      report(messages::ignored_field(r.at(other), other,
                                     ingress ? "an inbound rule names its source in 'from'" : "an outbound rule names its destination in 'to'"));
    auto pe = peer(r, ingress ? "from" : "to");
    rule.description = r.str("description").value_or("");
    r.finish();
    if (!proto || !pe) continue;
    rule.protocol = *proto;
    rule.peer = *pe;
    // SG-12: ports only mean something for TCP and UDP; SG-13: ICMP takes a type and code.
    if (pr && !proto->has_ports()) report(messages::ignored_field(r.at("ports"), "ports", "protocol " + proto->name() + " has no ports (SG-12)"));
    else if (pr) rule.ports = *pr;
    if (ic) rule.icmp = ic;
    else if (proto->is_icmp()) rule.icmp = icmp_type_code{};
    out.push_back(std::move(rule));
  }
  return out;
}

void loader::build_security_group(fields& f, const decl& d) {
  security_group g;
  auto v = owner_vpc(f);
  common(g, f, d, v);
  if (v) g.vpc = *v;
  g.name = f.str("group_name").value_or(d.name);
  bool is_default = g.name == "default";
  g.description = f.str("description").value_or(is_default ? std::string(default_group_description) : std::string{});
  g.ingress = sg_rules(f, "ingress", true);
  g.egress = sg_rules(f, "egress", false);
  // SG-9: a new group allows all outbound traffic and no inbound; SG-10: the default group also
  // admits its own members. Writing `ingress` or `egress` replaces those rules.
  const vpc* vp = v ? net_.find(*v) : nullptr;
  if (!f.has("ingress") && is_default) g.ingress = default_group_ingress(g.id);
  if (!f.has("egress")) g.egress = is_default && vp ? default_group_egress(*vp) : std::vector<sg_rule>{allow_all_egress()};
  net_.put(std::move(g));
}

std::vector<gateway_attachment> loader::attachments(fields& f, kind k) {
  std::vector<gateway_attachment> out;
  std::string state(default_attachment_state(k));
  if (f.has("attachments")) {
    const ojson* arr = f.array("attachments");
    for (std::size_t i = 0; arr && i < arr->size(); ++i) {
      auto p = detail::child_pointer(detail::child_pointer(f.pointer(), "attachments"), i);
      if (!(*arr)[i].is_object()) {
        report(messages::wrong_type({p, f.resource()}, "each attachment", "an object", type_name((*arr)[i])));
        continue;
      }
      fields a(*this, (*arr)[i], p, f.resource());
      auto v = ref(a, kind::vpc, "vpc", "is attached to VPC", true);
      gateway_attachment att{vpc_id{v.value_or("")}, state};
      read_state(*this, a, "state", att.state);
      a.finish();
      if (v) out.push_back(std::move(att));
    }
  } else if (auto v = owner_vpc(f, false)) {
    out.push_back(gateway_attachment{*v, state});  // attached to its VPC (IGW-2)
  }
  return out;
}

void loader::build_gateway(fields& f, const decl& d, kind k) {
  if (k == kind::internet_gateway) {
    internet_gateway g;
    common(g, f, d, std::nullopt);
    g.attachments = attachments(f, k);
    net_.put(std::move(g));
  } else if (k == kind::egress_only_internet_gateway) {
    egress_only_internet_gateway g;
    common(g, f, d, std::nullopt);
    g.attachments = attachments(f, k);
    net_.put(std::move(g));
  } else {
    vpn_gateway g;
    common(g, f, d, std::nullopt);
    read_state(*this, f, "state", g.state);
    g.attachments = attachments(f, k);
    net_.put(std::move(g));
  }
}

void loader::build_transit_gateway(fields& f, const decl& d) {
  transit_gateway t;
  common(t, f, d, std::nullopt);
  read_state(*this, f, "state", t.state);
  if (auto a = ref(f, kind::transit_gateway_route_table, "association_default_route_table", "names route table"))
    t.association_default_route_table = transit_gateway_route_table_id{*a};
  if (auto p = ref(f, kind::transit_gateway_route_table, "propagation_default_route_table", "names route table"))
    t.propagation_default_route_table = transit_gateway_route_table_id{*p};
  net_.put(std::move(t));
}

void loader::build_transit_gateway_route_table(fields& f, const decl& d) {
  transit_gateway_route_table t;
  common(t, f, d, std::nullopt);
  if (auto g = ref(f, kind::transit_gateway, "transit_gateway", "belongs to transit gateway", true))
    t.transit_gateway = transit_gateway_id{*g};
  read_state(*this, f, "state", t.state);
  const ojson* arr = f.array("routes");
  for (std::size_t i = 0; arr && i < arr->size(); ++i) {
    auto p = detail::child_pointer(detail::child_pointer(f.pointer(), "routes"), i);
    if (!(*arr)[i].is_object()) {
      report(messages::wrong_type({p, f.resource()}, "each route", "an object", type_name((*arr)[i])));
      continue;
    }
    fields r(*this, (*arr)[i], p, f.resource());
    transit_gateway_route route;
    // TGW-2: an IPv4 or an IPv6 CIDR block.
    std::optional<tgw_destination> to;
    if (auto text = r.str("to"); text && text->find(':') != std::string::npos) {
      if (auto c6 = cidr6::parse(*text)) to = *c6;
      else report(messages::bad_value(r.at("to"), "to", *text, "an IPv6 CIDR block without host bits"));
    } else if (auto c4 = r.cidr4_of("to", true)) {
      to = *c4;
    }
    route.attachments = refs<transit_gateway_attachment_id>(r, kind::transit_gateway_attachment, "attachments", "routes to attachment");
    route.type = r.str("type").value_or(route.type);
    read_state(*this, r, "state", route.state);
    r.finish();
    if (!to) continue;
    route.destination = *to;
    t.routes.push_back(std::move(route));
  }
  t.propagations = refs<transit_gateway_attachment_id>(f, kind::transit_gateway_attachment, "propagations", "propagates attachment");
  net_.put(std::move(t));
}

void loader::build_transit_gateway_attachment(fields& f, const decl& d) {
  transit_gateway_attachment a;
  common(a, f, d, std::nullopt);
  if (auto g = ref(f, kind::transit_gateway, "transit_gateway", "belongs to transit gateway", true))
    a.transit_gateway = transit_gateway_id{*g};
  a.resource_type = f.str("resource_type").value_or("vpc");
  const vpc* vp = nullptr;
  if (a.resource_type == "vpc") {
    if (auto v = ref(f, kind::vpc, "resource", "attaches VPC", true)) {
      a.resource_id = *v;
      vp = net_.find(vpc_id{*v});
    }
  } else {
    a.resource_id = f.str("resource").value_or("");
  }
  a.resource_owner = f.str("resource_owner").value_or(vp ? vp->where.account : std::string{});
  a.subnets = refs<subnet_id>(f, kind::subnet, "subnets", "uses subnet");
  read_state(*this, f, "state", a.state);
  if (auto r = ref(f, kind::transit_gateway_route_table, "association", "is associated with route table"))
    a.association = transit_gateway_route_table_id{*r};
  a.ipv6_support = f.boolean("ipv6_support").value_or(false);  // TGW-2
  net_.put(std::move(a));
}

void loader::build_peering(fields& f, const decl& d) {
  peering_connection p;
  common(p, f, d, std::nullopt);
  auto side = [&](std::string_view key) {
    peering_side s;
    const ojson* x = f.get(key);
    if (!x) {
      report(messages::missing_field(f.at(), key));
      return s;
    }
    // `"requester": "app"` is the VPC with its own account, region and CIDR blocks.
    if (x->is_string()) {
      if (auto v = resolve(kind::vpc, x->get<std::string>(), f.at(key), "peers VPC")) {
        s.vpc = vpc_id{*v};
        if (const auto* vp = net_.find(s.vpc)) {
          s.account = vp->where.account;
          s.region = vp->where.region;
          s.cidr_blocks = vp->cidr_blocks;
        }
      }
      return s;
    }
    if (!x->is_object()) {
      report(messages::wrong_type(f.at(key), "'" + std::string(key) + "'", "a VPC name or an object", type_name(*x)));
      return s;
    }
    fields g(*this, *x, f.at(key).pointer, f.resource());
    const vpc* vp = nullptr;
    if (auto v = ref(g, kind::vpc, "vpc", "peers VPC", true)) {
      s.vpc = vpc_id{*v};
      vp = net_.find(s.vpc);
    }
    s.account = g.str("account").value_or(vp ? vp->where.account : std::string{});
    s.region = g.str("region").value_or(vp ? vp->where.region : std::string{});
    if (g.has("cidrs")) {
      for (const auto& [text, ptr] : g.strings("cidrs")) {
        if (auto c = cidr4::parse(text)) s.cidr_blocks.push_back(*c);
        else report(messages::bad_value({ptr, f.resource()}, "cidrs", text, "an IPv4 CIDR block without host bits"));
      }
    } else if (vp) {
      s.cidr_blocks = vp->cidr_blocks;
    }
    s.allow_dns_resolution_from_remote_vpc = g.boolean("allow_remote_dns").value_or(false);  // DNS-10
    g.finish();
    return s;
  };
  p.requester = side("requester");
  p.accepter = side("accepter");
  read_state(*this, f, "status", p.status);
  net_.put(std::move(p));
}

void loader::build_route_table(fields& f, const decl& d) {
  route_table t;
  auto v = owner_vpc(f);
  common(t, f, d, v);
  if (v) t.vpc = *v;
  bool literal = f.boolean("implied").value_or(true) == false;
  if (literal) literal_tables_.insert(t.id);
  const ojson* arr = f.array("routes");
  for (std::size_t i = 0; arr && i < arr->size(); ++i) {
    auto p = detail::child_pointer(detail::child_pointer(f.pointer(), "routes"), i);
    if (!(*arr)[i].is_object()) {
      report(messages::wrong_type({p, f.resource()}, "each route", "an object", type_name((*arr)[i])));
      continue;
    }
    fields r(*this, (*arr)[i], p, f.resource());
    route rt;
    std::optional<route_destination> dest;
    if (auto to = r.str("to", true)) {
      cidr_problem problem = cidr_problem::none;
      if (auto c4 = cidr4::parse(*to, &problem)) dest = *c4;
      else if (auto c6 = to->find(':') != std::string::npos ? cidr6::parse(*to) : std::nullopt) dest = *c6;
      else if (problem == cidr_problem::not_canonical)
        report(messages::bad_value(r.at("to"), "to", *to, "a CIDR block without host bits (" + cidr4::parse_canonicalising(*to)->to_string() + ")"));
      else if (auto pl = resolve(kind::prefix_list, *to, r.at("to"), "routes traffic for"))
        dest = prefix_list_id{*pl};
    }
    auto tg = target(r);
    if (auto s = r.str("state")) {
      if (*s == "blackhole") rt.state = route_state::blackhole;  // RT-22
      else if (*s != "active") report(messages::bad_value(r.at("state"), "state", *s, "active or blackhole"));
    }
    if (auto o = r.str("origin")) {
      if (*o == "CreateRouteTable") rt.origin = route_origin::create_route_table;
      else if (*o == "CreateRoute") rt.origin = route_origin::create_route;
      else if (*o == "EnableVgwRoutePropagation") rt.origin = route_origin::propagated;  // RT-15
      else report(messages::bad_value(r.at("origin"), "origin", *o, "CreateRouteTable, CreateRoute or EnableVgwRoutePropagation"));
    } else if (tg && tg->kind == target_kind::local) {
      rt.origin = route_origin::create_route_table;  // RT-10: the local route comes with the table
    }
    r.finish();
    if (!dest || !tg) continue;
    rt.destination = *dest;
    rt.target = *tg;
    declared_destinations_[t.id].insert(*dest);
    t.routes.push_back(std::move(rt));
  }
  // Associations: `main` and `subnets` in short, or `associations` with their ids.
  if (f.has("associations")) {
    const ojson* list = f.array("associations");
    for (std::size_t i = 0; list && i < list->size(); ++i) {
      auto p = detail::child_pointer(detail::child_pointer(f.pointer(), "associations"), i);
      if (!(*list)[i].is_object()) {
        report(messages::wrong_type({p, f.resource()}, "each association", "an object", type_name((*list)[i])));
        continue;
      }
      fields a(*this, (*list)[i], p, f.resource());
      route_table_association assoc;
      assoc.main = a.boolean("main").value_or(false);
      if (auto s = ref(a, kind::subnet, "subnet", "is associated with subnet")) assoc.subnet = subnet_id{*s};
      if (auto g = a.str("gateway")) {
        // RT-25: an edge association names an internet or virtual private gateway.
        if (by_name_[static_cast<std::size_t>(kind::vpn_gateway)].count(*g))
          assoc.gateway = resolve(kind::vpn_gateway, *g, a.at("gateway"), "");
        else
          assoc.gateway = resolve(kind::internet_gateway, *g, a.at("gateway"), "is associated with gateway");
      }
      std::string seed = assoc.main ? seed_main_association(d.name)
                                    : seed_association(d.name, assoc.subnet ? name_of(kind::subnet, assoc.subnet->value)
                                                                            : name_of(kind::internet_gateway, assoc.gateway.value_or("")));
      assoc.id = a.str("id").value_or(generated_id("rtbassoc-", seed));
      a.finish();
      t.associations.push_back(std::move(assoc));
    }
  } else {
    if (f.boolean("main").value_or(false))
      t.associations.push_back(route_table_association{generated_id("rtbassoc-", seed_main_association(d.name)), true, {}, {}});
    for (const auto& [text, p] : f.strings("subnets"))
      if (auto s = resolve(kind::subnet, text, {p, f.resource()}, "is associated with subnet"))
        t.associations.push_back(route_table_association{
            generated_id("rtbassoc-", seed_association(d.name, name_of(kind::subnet, *s))), false, subnet_id{*s}, {}});
  }
  if (f.has("associations") && f.has("main"))
    report(messages::ignored_field(f.at("main"), "main", "'associations' lists every association"));
  if (f.has("associations") && f.has("subnets"))
    report(messages::ignored_field(f.at("subnets"), "subnets", "'associations' lists every association"));
  t.propagating_vgws = refs<vpn_gateway_id>(f, kind::vpn_gateway, "propagating_vgws", "takes routes from VPN gateway");
  net_.put(std::move(t));
}

std::optional<std::vector<network_acl_entry>> loader::acl_entries(fields& f, std::string_view key, bool egress) {
  if (!f.has(key)) return std::nullopt;
  std::vector<network_acl_entry> out;
  const ojson* arr = f.array(key);
  for (std::size_t i = 0; arr && i < arr->size(); ++i) {
    auto p = detail::child_pointer(detail::child_pointer(f.pointer(), key), i);
    if (!(*arr)[i].is_object()) {
      report(messages::wrong_type({p, f.resource()}, "each rule", "an object", type_name((*arr)[i])));
      continue;
    }
    fields r(*this, (*arr)[i], p, f.resource());
    network_acl_entry e;
    e.egress = egress;
    auto number = r.integer("rule", true);
    if (number && (*number < 1 || *number > 32768))
      report(messages::bad_value(r.at("rule"), "rule", std::to_string(*number), "a rule number from 1 to 32766 (NACL-5)"));
    auto action = r.str("action").value_or("allow");
    if (action != "allow" && action != "deny") report(messages::bad_value(r.at("action"), "action", action, "allow or deny"));
    auto proto = protocol_of(r);
    bool bad_cidr = false;
    for (std::string_view ck : {"cidr", "ipv6_cidr"}) {
      auto text = r.str(ck, ck == "cidr" && !r.has("ipv6_cidr"));
      if (!text) continue;
      if (text->find(':') != std::string::npos) {
        if (auto c = cidr6::parse(*text)) e.ipv6_cidr_block = *c;
        else bad_cidr = true;
      } else if (auto c = cidr4::parse(*text)) {
        e.cidr_block = *c;
      } else {
        bad_cidr = true;
      }
      if (bad_cidr) report(messages::bad_value(r.at(ck), ck, *text, "a CIDR block without host bits"));
    }
    e.ports = ports(r);
    e.icmp = icmp(r);
    r.finish();
    if (!number || !proto || bad_cidr || (action != "allow" && action != "deny")) continue;
    e.rule_number = static_cast<int>(*number);
    e.action = action == "allow" ? rule_action::allow : rule_action::deny;
    e.protocol = *proto;
    out.push_back(std::move(e));
  }
  return out;
}

void loader::build_network_acl(fields& f, const decl& d) {
  network_acl n;
  auto v = owner_vpc(f);
  common(n, f, d, v);
  if (v) n.vpc = *v;
  n.is_default = f.boolean("default").value_or(false);
  bool literal = f.boolean("implied").value_or(true) == false;
  if (literal) literal_acls_.insert(n.id);

  const vpc* vp = v ? net_.find(*v) : nullptr;
  for (bool egress : {false, true}) {
    auto key = egress ? "outbound" : "inbound";
    auto entries = acl_entries(f, key, egress);
    // NACL-10: the default NACL allows all traffic unless its rules are written; NACL-11: a
    // custom NACL has only the `*` deny.
    if (!entries && n.is_default && vp && !literal) entries = default_acl_rules(*vp, egress);
    for (auto& e : entries.value_or(std::vector<network_acl_entry>{})) n.entries.push_back(std::move(e));
  }
  if (f.has("associations")) {
    const ojson* list = f.array("associations");
    for (std::size_t i = 0; list && i < list->size(); ++i) {
      auto p = detail::child_pointer(detail::child_pointer(f.pointer(), "associations"), i);
      if (!(*list)[i].is_object()) {
        report(messages::wrong_type({p, f.resource()}, "each association", "an object", type_name((*list)[i])));
        continue;
      }
      fields a(*this, (*list)[i], p, f.resource());
      auto s = ref(a, kind::subnet, "subnet", "is associated with subnet", true);
      auto id = a.str("id");
      a.finish();
      if (s) n.associations.push_back({id.value_or(generated_id("aclassoc-", seed_association(d.name, name_of(kind::subnet, *s)))), subnet_id{*s}});
    }
  } else {
    for (const auto& [text, p] : f.strings("subnets"))
      if (auto s = resolve(kind::subnet, text, {p, f.resource()}, "is associated with subnet"))
        n.associations.push_back({generated_id("aclassoc-", seed_association(d.name, name_of(kind::subnet, *s))), subnet_id{*s}});
  }
  sort_entries(n.entries);  // NACL-5: each direction in ascending rule order, as AWS lists them
  net_.put(std::move(n));
}

void loader::use_address(const subnet_id& s, address4 a, const place& at) {
  const subnet* sn = net_.find(s);
  if (sn && (!sn->cidr_block || !sn->cidr_block->contains(a)))  // VPC-6: an IPv6-only subnet holds no IPv4 address
    report(messages::address_outside_subnet(at, a.to_string(), name_of(kind::subnet, s.value), cidr_text(*sn)));
  used_[s].insert(to_uint(a));
}

std::optional<address4> loader::explicit_address(fields& f, std::string_view key, const subnet* s) {
  auto a = f.address_of(key);
  if (a && s) use_address(s->id, *a, f.at(key));
  return a;
}

std::optional<address4> loader::allocate(const subnet& s, const place& at) {
  // AWS reserves the first four addresses and the last one of every subnet.
  auto& used = used_[s.id];
  if (!s.cidr_block) {  // VPC-6
    report(messages::conflict(at, "subnet '" + name_of(kind::subnet, s.id.value) + "' is IPv6-only (VPC-6): it has no IPv4 "
                                  "address to give; an interface there is a network interface with 'ipv6_addresses' and no 'ip'"));
    return std::nullopt;
  }
  for (std::uint32_t a = s.cidr_block->first_uint() + 4; s.cidr_block->last_uint() > 0 && a < s.cidr_block->last_uint(); ++a)
    if (!used.count(a)) {
      used.insert(a);
      return make_address4(a);
    }
  report(messages::no_free_address(at, name_of(kind::subnet, s.id.value), s.cidr_block->to_string()));
  return std::nullopt;
}

void loader::build_nat_gateway(fields& f, const decl& d) {
  nat_gateway n;
  auto s = ref(f, kind::subnet, "subnet", "is in subnet", true);
  const subnet* sn = s ? net_.find(subnet_id{*s}) : nullptr;
  std::optional<vpc_id> v;
  if (f.has("vpc")) v = owner_vpc(f);
  else if (sn) v = sn->vpc;
  common(n, f, d, v);
  if (v) n.vpc = *v;
  if (s) n.subnet = subnet_id{*s};
  if (auto c = f.str("connectivity")) {
    if (*c == "private") n.connectivity = nat_connectivity::private_;
    else if (*c != "public") report(messages::bad_value(f.at("connectivity"), "connectivity", *c, "public or private"));
  }
  read_state(*this, f, "state", n.state);
  if (f.has("addresses")) {
    const ojson* arr = f.array("addresses");
    for (std::size_t i = 0; arr && i < arr->size(); ++i) {
      auto p = detail::child_pointer(detail::child_pointer(f.pointer(), "addresses"), i);
      if (!(*arr)[i].is_object()) {
        report(messages::wrong_type({p, f.resource()}, "each address", "an object", type_name((*arr)[i])));
        continue;
      }
      fields a(*this, (*arr)[i], p, f.resource());
      nat_gateway_address x;
      x.allocation_id = a.str("allocation_id").value_or("");
      if (auto e = ref(a, kind::network_interface, "network_interface", "uses network interface")) x.network_interface = network_interface_id{*e};
      x.private_ip = a.address_of("private_ip");
      x.public_ip = a.address_of("public_ip");
      a.finish();
      n.addresses.push_back(std::move(x));
    }
    net_.put(std::move(n));
    return;
  }
  // NAT-8: a NAT gateway has an interface in its subnet, and a public one an Elastic IP.
  nat_gateway_address x;
  if (n.connectivity == nat_connectivity::public_) x.allocation_id = generated_id("eipalloc-", d.name);
  x.network_interface = network_interface_id{generated_id(kind::network_interface, seed_nat_interface(d.name))};
  x.public_ip = f.address_of("public_ip");
  x.private_ip = explicit_address(f, "private_ip", sn);
  n.addresses.push_back(x);
  net_.put(n);
  if (!sn) return;
  pending_.push_back([this, id = n.id, at = f.at()] {
    nat_gateway g = *net_.find(id);
    const subnet* where = net_.find(g.subnet);
    auto& a = g.addresses.front();
    if (!a.private_ip) a.private_ip = allocate(*where, at);
    if (!a.private_ip) return;
    net_.put(nat_interface(g, a.network_interface->value, *where, *a.private_ip));
    net_.put(std::move(g));
  });
}

void loader::build_endpoint(fields& f, const decl& d) {
  vpc_endpoint e;
  auto v = owner_vpc(f);
  common(e, f, d, v);
  if (v) e.vpc = *v;
  e.type = *d.endpoint;
  if (auto t = f.str("type"); t && *t != "interface" && *t != "gateway" && *t != "gateway-load-balancer")
    report(messages::bad_value(f.at("type"), "type", *t, "interface, gateway or gateway-load-balancer"));
  if (auto s = f.str("service", true)) {
    if (e.where.region.empty() && !s->starts_with("com.") && !s->starts_with("aws."))
      report(messages::no_region(f.at("service"), "the service name '" + *s + "'"));
    e.service_name = full_service_name(*s, e.where.region);
    auto parts = services::parse_endpoint_service_name(e.service_name);
    if (parts && !services::find_service(parts->short_name) && !s->starts_with("com."))
      report(messages::bad_value(f.at("service"), "service", *s, "a service vpcsim knows (s3, dynamodb, ecr.api, ecr.dkr, logs, sts, …) or a full service name"));
  }
  read_state(*this, f, "state", e.state);
  e.route_tables = refs<route_table_id>(f, kind::route_table, "route_tables", "routes through route table");
  auto subnets = f.strings("subnets");
  for (const auto& [text, p] : subnets)
    if (auto s = resolve(kind::subnet, text, {p, f.resource()}, "has an interface in subnet")) e.subnets.emplace_back(*s);
  // IF-7: an interface endpoint without security groups gets its VPC's default group; gateway and
  // Gateway Load Balancer endpoints have none (CreateVpcEndpoint's SecurityGroupIds is "(Interface endpoint)").
  if (f.has("security_groups")) {
    e.security_groups = refs<security_group_id>(f, kind::security_group, "security_groups", "uses security group");
  } else if (e.type == endpoint_type::interface) {
    e.security_groups = default_group(v);
  }
  e.private_dns_enabled = f.boolean("private_dns").value_or(private_dns_by_default(e.type));  // IF-11c
  e.private_dns_only_for_inbound_resolver_endpoint = f.boolean("private_dns_only_for_inbound_resolver_endpoint");  // S3IF-4, DDBIF-4
  if (auto t = f.str("dns_record_ip_type")) {  // IF-17
    if (*t == "ipv4" || *t == "dualstack" || *t == "ipv6" || *t == "service-defined") e.dns_record_ip_type = *t;
    else report(messages::bad_value(f.at("dns_record_ip_type"), "dns_record_ip_type", *t, "ipv4, dualstack, ipv6 or service-defined (IF-17)"));
  }
  for (const auto& [text, p] : f.strings("dns_names")) e.dns_names.push_back(text);
  if (const ojson* pol = f.get("policy")) {
    if (pol->is_object()) e.policy_document = pol->dump();
    else if (pol->is_string()) e.policy_document = pol->get<std::string>();
    else report(messages::wrong_type(f.at("policy"), "'policy'", "an object or a string", type_name(*pol)));
    if (!e.policy_document.empty()) {
      std::string problem;
      e.policy = parse_endpoint_policy(e.policy_document, problem);
      if (!e.policy) report(messages::bad_value(f.at("policy"), "policy", problem, "a valid endpoint policy (POL-1)"));
    }
  }
  if (f.has("network_interfaces")) {
    e.network_interfaces = refs<network_interface_id>(f, kind::network_interface, "network_interfaces", "uses network interface");
    if (f.has("ips")) report(messages::ignored_field(f.at("ips"), "ips", "'network_interfaces' names the interfaces"));
    net_.put(std::move(e));
    return;
  }
  // IF-2: an interface (or Gateway Load Balancer) endpoint has one interface in each of its subnets.
  std::vector<std::optional<address4>> ips;
  for (const auto& [text, p] : f.strings("ips")) {
    auto a = parse_address4(text);
    if (!a) report(messages::bad_value({p, f.resource()}, "ips", text, "an IPv4 address"));
    ips.push_back(a);
  }
  if (f.has("ips") && ips.size() != e.subnets.size())
    report(messages::bad_value(f.at("ips"), "ips", std::to_string(ips.size()) + " addresses",
                               "one address per subnet (" + std::to_string(e.subnets.size()) + ")"));
  if (e.type == endpoint_type::gateway) {
    if (!e.subnets.empty()) report(messages::ignored_field(f.at("subnets"), "subnets", "a gateway endpoint has no interfaces (GW-2)"));
    e.subnets.clear();
    net_.put(std::move(e));
    return;
  }
  for (std::size_t i = 0; i < e.subnets.size(); ++i) {
    e.network_interfaces.emplace_back(generated_id(kind::network_interface, seed_endpoint_interface(d.name, name_of(kind::subnet, e.subnets[i].value))));
    if (i < ips.size() && ips[i]) use_address(e.subnets[i], *ips[i], place{detail::child_pointer(f.at("ips").pointer, i), f.resource()});
  }
  net_.put(e);
  pending_.push_back([this, id = e.id, ips, at = f.at()] {
    vpc_endpoint ep = *net_.find(id);
    for (std::size_t i = 0; i < ep.subnets.size(); ++i) {
      const subnet* s = net_.find(ep.subnets[i]);
      if (!s) continue;
      auto ip = i < ips.size() && ips[i] ? ips[i] : allocate(*s, at);
      if (ip) net_.put(endpoint_interface(ep, ep.network_interfaces[i].value, *s, *ip));
    }
  });
}

void loader::build_network_interface(fields& f, const decl& d) {
  network_interface e;
  auto s = ref(f, kind::subnet, "subnet", "is in subnet", true);
  const subnet* sn = s ? net_.find(subnet_id{*s}) : nullptr;
  std::optional<vpc_id> v;
  if (f.has("vpc")) v = owner_vpc(f);
  else if (sn) v = sn->vpc;
  common(e, f, d, v);
  if (v) e.vpc = *v;
  if (s) e.subnet = subnet_id{*s};
  e.availability_zone = f.str("az").value_or(sn ? sn->availability_zone : std::string{});
  if (f.has("private_ips")) {
    const ojson* arr = f.array("private_ips");
    for (std::size_t i = 0; arr && i < arr->size(); ++i) {
      auto p = detail::child_pointer(detail::child_pointer(f.pointer(), "private_ips"), i);
      if (!(*arr)[i].is_object()) {
        report(messages::wrong_type({p, f.resource()}, "each private IP", "an object", type_name((*arr)[i])));
        continue;
      }
      fields a(*this, (*arr)[i], p, f.resource());
      auto ip = explicit_address(a, "ip", sn);
      bool primary = a.boolean("primary").value_or(false);
      auto pub = a.address_of("public_ip");
      if (!a.has("ip")) report(messages::missing_field(a.at(), "ip"));
      a.finish();
      if (ip) e.private_ips.push_back(private_ip{*ip, primary, pub});
    }
  } else if (auto ip = explicit_address(f, "ip", sn)) {
    e.private_ips.push_back(private_ip{*ip, true, f.address_of("public_ip")});
  } else if (!f.has("ip") && !(sn && !sn->cidr_block)) {  // VPC-6: none in an IPv6-only subnet
    report(messages::missing_field(f.at(), "ip"));
  }
  // AWS lists the primary address first.
  std::stable_partition(e.private_ips.begin(), e.private_ips.end(), [](const private_ip& p) { return p.primary; });
  for (const auto& [text, p] : f.strings("ipv6_addresses")) {
    if (auto a = parse_address6(text)) e.ipv6_addresses.push_back(*a);
    else report(messages::bad_value({p, f.resource()}, "ipv6_addresses", text, "an IPv6 address"));
  }
  if (sn && !sn->cidr_block && !f.has("ipv6_addresses"))
    report(messages::missing_field(f.at(), "ipv6_addresses"));  // VPC-6: its only addresses
  if (f.has("security_groups")) e.security_groups = refs<security_group_id>(f, kind::security_group, "security_groups", "uses security group");
  else e.security_groups = default_group(v);  // SG-11
  e.interface_type = f.str("interface_type").value_or(e.interface_type);
  if (const ojson* att = f.object("attachment")) {
    fields a(*this, *att, f.at("attachment").pointer, f.resource());
    interface_attachment x;
    if (auto i = ref(a, kind::instance, "instance", "is attached to instance")) x.instance = instance_id{*i};
    x.device_index = static_cast<int>(a.integer("device_index").value_or(0));
    read_state(*this, a, "status", x.status);
    a.finish();
    e.attachment = x;
  }
  e.requester_managed = f.boolean("requester_managed").value_or(false);
  e.source_dest_check = f.boolean("source_dest_check").value_or(true);
  read_state(*this, f, "status", e.status);
  e.description = f.str("description").value_or("");
  net_.put(std::move(e));
}

void loader::build_instance(fields& f, const decl& d) {
  instance i;
  std::optional<std::string> s = f.has("subnet") ? ref(f, kind::subnet, "subnet", "is in subnet") : std::nullopt;
  const subnet* sn = s ? net_.find(subnet_id{*s}) : nullptr;
  std::optional<vpc_id> v;
  if (f.has("vpc")) v = owner_vpc(f);
  else if (sn) v = sn->vpc;
  common(i, f, d, v);
  i.vpc = v;
  if (s) i.subnet = subnet_id{*s};
  read_state(*this, f, "state", i.state);
  i.instance_type = f.str("type").value_or("");
  i.source_dest_check = f.boolean("source_dest_check").value_or(true);
  i.public_ip = f.address_of("public_ip");
  // SG-11: an instance launched without a security group gets its VPC's default group.
  if (f.has("security_groups")) i.security_groups = refs<security_group_id>(f, kind::security_group, "security_groups", "uses security group");
  else i.security_groups = default_group(v);
  if (f.has("network_interfaces")) {
    i.private_ip = f.address_of("ip");
    i.network_interfaces = refs<network_interface_id>(f, kind::network_interface, "network_interfaces", "uses network interface");
    net_.put(std::move(i));
    return;
  }
  if (!sn) {
    if (!s && !f.has("subnet")) report(messages::missing_field(f.at(), "subnet"));
    return;
  }
  // The primary interface AWS creates with the instance, in its subnet (device 0).
  i.private_ip = explicit_address(f, "ip", sn);
  i.network_interfaces.emplace_back(generated_id(kind::network_interface, seed_instance_interface(d.name)));
  net_.put(i);
  pending_.push_back([this, id = i.id, at = f.at()] {
    instance inst = *net_.find(id);
    const subnet* where = net_.find(*inst.subnet);
    if (!inst.private_ip) inst.private_ip = allocate(*where, at);
    if (!inst.private_ip) return;
    net_.put(instance_interface(inst, inst.network_interfaces.front().value, *where, *inst.private_ip));
    net_.put(std::move(inst));
  });
}

void loader::build_workloads(const ojson& doc) {
  auto list = doc.find("workloads");
  if (list == doc.end() || !list->is_array()) return;  // a wrong type is reported with the top level
  std::map<std::string, std::string> seen;  // name -> pointer
  for (std::size_t i = 0; i < list->size(); ++i) {
    const ojson& node = (*list)[i];
    std::string p = detail::child_pointer("/workloads", i);
    if (!node.is_object()) {
      report(messages::wrong_type({p, ""}, "each element of 'workloads'", "an object", type_name(node)));
      continue;
    }
    auto name = peek_string(node, "name");
    fields f(*this, node, p, "workload " + name.value_or(""));
    if (!f.str("name", true)) continue;
    if (auto [prev, inserted] = seen.emplace(*name, p); !inserted) {
      report(messages::duplicate_name(f.at("name"), "workload", *name, prev->second));
      continue;
    }
    workload w;
    w.name = *name;
    w.type = f.str("type").value_or("");
    const ojson* subnets = f.array("subnets", true);
    if (subnets && subnets->empty()) report(messages::conflict(f.at("subnets"), "a workload needs at least one subnet to run in"));
    w.subnets = refs<subnet_id>(f, kind::subnet, "subnets", "runs in subnet");
    w.security_groups = refs<security_group_id>(f, kind::security_group, "security_groups", "uses security group");
    f.finish();
    if (w.subnets.empty()) continue;
    // One VPC: an ECS service's, Auto Scaling group's or Lambda function's subnets and groups are
    // all of one VPC (AWS refuses the others at creation).
    std::optional<vpc_id> v;
    for (const auto& s : w.subnets)
      if (const subnet* sn = net_.find(s)) {
        if (!v) {
          v = sn->vpc;
          w.where = sn->where;
        } else if (sn->vpc != *v) {
          report(messages::conflict(f.at("subnets"), "subnet '" + name_of(kind::subnet, s.value) + "' is in VPC '" +
                                                         name_of(kind::vpc, sn->vpc.value) + "', the workload's first subnet in VPC '" +
                                                         name_of(kind::vpc, v->value) + "'; a workload runs in one VPC"));
        }
      }
    for (const auto& g : w.security_groups)
      if (const security_group* sg = net_.find(g); sg && v && sg->vpc != *v)
        report(messages::conflict(f.at("security_groups"), "security group '" + name_of(kind::security_group, g.value) +
                                                               "' is of VPC '" + name_of(kind::vpc, sg->vpc.value) + "', not of the workload's VPC '" +
                                                               name_of(kind::vpc, v->value) + "'"));
    if (w.where.account.empty() && w.where.region.empty()) w.where = file_scope_;
    net_.put_workload(std::move(w));
  }
}

// ---- after pass 2 ----

void loader::imply() {
  for (auto& run : pending_) run();
  // The resources every VPC has (RT-2, NACL-1, SG-10), where the design does not declare them.
  for (const auto& [id, v] : net_.all<vpc>()) {
    const auto* d = declared(kind::vpc, id.value);
    auto rt = main_route_table(v, d->name);
    if (const auto* x = declared(kind::route_table, rt.id.value); x && !x->node) net_.put(std::move(rt));
    auto acl = default_network_acl(v, d->name);
    if (const auto* x = declared(kind::network_acl, acl.id.value); x && !x->node) net_.put(std::move(acl));
    auto sg = default_security_group(v, d->name);
    if (const auto* x = declared(kind::security_group, sg.id.value); x && !x->node) net_.put(std::move(sg));
  }
  // GW-5: AWS's prefix lists of the gateway-endpoint services.
  for (const auto& d : decls_[static_cast<std::size_t>(kind::prefix_list)]) {
    if (d.node) continue;
    for (const auto& [id, e] : net_.all<vpc_endpoint>()) {
      auto parts = services::parse_endpoint_service_name(e.service_name);
      if (!parts || e.type != endpoint_type::gateway) continue;
      auto pl = aws_prefix_list(parts->short_name, scope{file_scope_.account, parts->region});
      if (pl && pl->id.value == d.id && !net_.find(pl->id)) net_.put(std::move(*pl));
    }
  }
  // RT-10: every route table has a local route for each VPC CIDR block, unless a route replaces
  // it; GW-6: a gateway endpoint adds its prefix-list route to each of its route tables.
  std::map<route_table_id, std::vector<route>> endpoint_routes;
  for (const auto& [id, e] : net_.all<vpc_endpoint>()) {
    if (e.type != endpoint_type::gateway) continue;
    const prefix_list* pl = net_.prefix_list_named(e.service_name);
    if (!pl) continue;
    for (const auto& t : e.route_tables)
      endpoint_routes[t].push_back(route{pl->id, route_target{target_kind::gateway_endpoint, id.value}, route_state::active, route_origin::create_route});
  }
  std::vector<route_table> tables;
  for (const auto& [id, t] : net_.all<route_table>()) tables.push_back(t);
  for (auto& t : tables) {
    if (literal_tables_.count(t.id)) continue;
    const vpc* v = net_.find(t.vpc);
    const bool implied = !declared(kind::route_table, t.id.value)->node;  // made with its local routes
    auto& have = declared_destinations_[t.id];
    std::vector<route> routes;
    for (auto& r : v && !implied ? local_routes(*v) : std::vector<route>{})
      if (!have.count(r.destination)) routes.push_back(r);
    routes.insert(routes.end(), t.routes.begin(), t.routes.end());
    for (const auto& r : endpoint_routes[t.id])
      if (std::none_of(routes.begin(), routes.end(), [&](const route& x) { return x.destination == r.destination; }))
        routes.push_back(r);
    t.routes = std::move(routes);
    net_.put(std::move(t));
  }
  // NACL-6: every NACL ends with the `*` deny of each direction; NACL-1: a subnet without an
  // association is associated with its VPC's default NACL.
  std::set<subnet_id> associated;
  for (const auto& [id, n] : net_.all<network_acl>())
    for (const auto& a : n.associations) associated.insert(a.subnet);
  std::vector<network_acl> acls;
  for (const auto& [id, n] : net_.all<network_acl>()) acls.push_back(n);
  for (auto& n : acls) {
    if (literal_acls_.count(n.id)) continue;
    const vpc* v = net_.find(n.vpc);
    if (!v) continue;
    for (const auto& e : final_denies(*v))
      if (std::none_of(n.entries.begin(), n.entries.end(),
                       [&](const network_acl_entry& x) { return x.egress == e.egress && x.rule_number == e.rule_number; }))
        n.entries.push_back(e);
    sort_entries(n.entries);
    if (n.is_default) {
      const auto* acl_decl = declared(kind::network_acl, n.id.value);
      for (const auto& [sid, s] : net_.all<subnet>())
        if (s.vpc == n.vpc && !associated.count(sid))
          n.associations.push_back({generated_id("aclassoc-", seed_association(acl_decl->name, name_of(kind::subnet, sid.value))), sid});
    }
    net_.put(std::move(n));
  }
}

void loader::check() {
  auto at = [&](std::string_view k, const std::string& id) {
    auto it = places_.find(std::string(k) + " " + id);
    return it == places_.end() ? place{} : it->second;
  };
  std::map<vpc_id, route_table_id> mains;
  std::map<subnet_id, route_table_id> tables;
  // In the design's order, so that the second of two conflicting resources is the one named.
  for (const auto& d : decls_[static_cast<std::size_t>(kind::route_table)]) {
    const route_table_id id{d.id};
    const route_table* found = net_.find(id);
    if (!found) continue;
    const route_table& t = *found;
    for (const auto& a : t.associations) {
      if (a.main) {
        auto [it, inserted] = mains.emplace(t.vpc, id);
        if (!inserted)
          report(messages::conflict(at("route table", id.value), "VPC '" + name_of(kind::vpc, t.vpc.value) + "' already has main route table '" +
                                                                    name_of(kind::route_table, it->second.value) + "'; a VPC has exactly one (RT-2)"));
      }
      if (!a.subnet) continue;
      auto [it, inserted] = tables.emplace(*a.subnet, id);
      if (!inserted && it->second != id)
        report(messages::conflict(at("route table", id.value), "subnet '" + name_of(kind::subnet, a.subnet->value) +
                                                                   "' is already associated with route table '" +
                                                                   name_of(kind::route_table, it->second.value) + "'; a subnet has one route table (RT-1)"));
    }
  }
  std::map<vpc_id, network_acl_id> defaults;
  std::map<subnet_id, network_acl_id> acls;
  for (const auto& d : decls_[static_cast<std::size_t>(kind::network_acl)]) {
    const network_acl_id id{d.id};
    const network_acl* found = net_.find(id);
    if (!found) continue;
    const network_acl& n = *found;
    if (n.is_default) {
      auto [it, inserted] = defaults.emplace(n.vpc, id);
      if (!inserted)
        report(messages::conflict(at("network ACL", id.value), "VPC '" + name_of(kind::vpc, n.vpc.value) + "' already has default network ACL '" +
                                                                   name_of(kind::network_acl, it->second.value) + "' (NACL-1)"));
    }
    for (const auto& a : n.associations) {
      auto [it, inserted] = acls.emplace(a.subnet, id);
      if (!inserted && it->second != id)
        report(messages::conflict(at("network ACL", id.value), "subnet '" + name_of(kind::subnet, a.subnet.value) +
                                                                   "' is already associated with network ACL '" +
                                                                   name_of(kind::network_acl, it->second.value) + "'; a subnet has one network ACL (NACL-1)"));
    }
  }
  // What AWS refuses at creation (model/creation_rules.hpp): a design that breaks it cannot be
  // deployed, so each is an error at the field it concerns (the resource's entry when none).
  for (const auto& r : creation_refusals(net_)) {
    place p = at(r.kind, r.resource);
    std::string field = r.field;
    if (const vpc* v = r.kind == "VPC" ? net_.find(vpc_id{r.resource}) : nullptr; v && v->cidr_blocks.size() > 1)
      field = "cidrs";  // a VPC with several blocks lists them under `cidrs`
    if (!p.pointer.empty() && !field.empty()) p.pointer += "/" + field;
    report(messages::aws_refuses(p, r.code, r.message));
  }
}

design_result loader::run(const ojson& doc) {
  design_result out;
  if (!doc.is_object()) {
    report(messages::not_a_design(file_, "a design is a JSON object, not " + std::string(type_name(doc))));
  } else if (auto m = doc.find(design_marker); m == doc.end()) {
    report(messages::not_a_design(file_, "no \"vpcsim\": 1 at the top level; a design starts with it"));
  } else if (!m->is_number_integer() || m->get<std::int64_t>() != design_version) {
    report(messages::not_a_design(file_, "\"vpcsim\": " + m->dump() + " is not a format version this vpcsim reads (1)"));
  } else {
    fields top(*this, doc, "", "");
    top.get(design_marker);
    top.get("$schema");
    top.str("description");
    file_scope_.account = top.str("account").value_or("");
    file_scope_.region = top.str("region").value_or("");
    for (const auto& [text, p] : top.strings("external")) external_.insert(text);
    for (const auto& ki : kinds()) top.get(ki.key);
    top.array("workloads");
    top.finish();
    declare(doc);
    for (const auto& ki : kinds())
      for (const auto& d : decls_[static_cast<std::size_t>(ki.k)]) build(ki.k, d);
    build_workloads(doc);
    if (!has_errors(diags_)) {
      imply();
      check();
    }
  }
  for (const auto& ki : kinds())
    for (const auto& d : decls_[static_cast<std::size_t>(ki.k)]) {
      out.names[d.id] = d.name;
      if (!d.pointer.empty()) out.pointers[d.id] = d.pointer;
    }
  out.loaded.lint_ignores = std::move(lint_ignores_);
  out.loaded.network = std::move(net_);
  out.loaded.diagnostics = std::move(diags_);
  return out;
}

std::string read_text(const std::filesystem::path& file, std::string& problem) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    problem = std::strerror(errno);
    return {};
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::optional<ojson> parse(std::string_view text, const std::string& file, std::vector<diagnostic>& diags) {
  try {
    return ojson::parse(text, nullptr, true, true);
  } catch (const ojson::exception& e) {  // bad syntax, or a number out of range
    // Keep nlohmann's line, column and reason, drop its own `[json.exception…]` prefix.
    std::string what = e.what();
    auto close = what.find("] ");
    diags.push_back(messages::not_json(file, close == std::string::npos ? what : what.substr(close + 2)));
    return std::nullopt;
  }
}

}  // namespace

design_result load_document(const ojson& doc, const std::string& file) { return loader(file).run(doc); }

}  // namespace detail::design

std::string design_result::name_of(const std::string& id) const {
  auto it = names.find(id);
  return it == names.end() ? id : it->second;
}

bool is_design_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  auto ext = path.extension().string();
  if (ext == ".jsonc") return true;  // the AWS CLI never writes comments
  if (ext != ".json") return false;
  std::string problem;
  auto text = detail::design::read_text(path, problem);
  if (!problem.empty()) return false;
  auto doc = nlohmann::ordered_json::parse(text, nullptr, false, true);
  // A design with a syntax error still names the marker: let the design loader report it.
  if (doc.is_discarded()) return text.find("\"vpcsim\"") != std::string::npos;
  return doc.is_object() && doc.contains(design_marker);
}

design_result load_design_text(std::string_view text, const std::string& file, const limits& lim) {
  using namespace detail::design;
  std::vector<diagnostic> diags;
  if (auto bad = detail::structure_problem(text, lim.max_json_depth)) {
    design_result out;
    using problem = detail::json_structure_problem::kind;
    out.loaded.diagnostics.push_back(
        bad->what == problem::too_deep
            ? diagnostic{severity::error, "vpcsim.import.too_deep", file, "", "", "too deep: " + bad->message}
        : bad->what == problem::duplicate_key
            ? diagnostic{severity::error, "vpcsim.import.duplicate_key", file, bad->pointer, "", bad->message}
            : messages::not_json(file, bad->message));
    return out;
  }
  auto doc = parse(text, file, diags);
  design_result out;
  if (!doc) {
    out.loaded.diagnostics = std::move(diags);
    return out;
  }
  out = loader(file).run(*doc);
  // Like a compiler: `file:line:column` of the value each finding is about.
  positions where(text);
  for (auto& d : out.loaded.diagnostics)
    if (d.file.empty()) d.file = where.locate(file, d.pointer);
  // Where each resource is written, for lint's SARIF regions.
  for (const auto& [id, pointer] : out.pointers) {
    const auto [line, column] = where.line_column(pointer);
    if (line > 0) out.loaded.locations[id] = source_location{file, line, column, pointer};
  }
  return out;
}

design_result load_design(const std::filesystem::path& file, const limits& lim) {
  std::string text;
  bool too_large = false;
  auto problem = detail::input_file_problem(file, lim, too_large);
  if (!problem) problem = detail::read_input_file(file, text);
  if (problem) {
    design_result out;
    out.loaded.diagnostics.push_back(
        too_large ? diagnostic{severity::error, "vpcsim.import.too_large", file.generic_string(), "", "", "too large: " + *problem}
                  : detail::design::messages::unreadable(file.generic_string(), *problem));
    return out;
  }
  return load_design_text(text, file.generic_string(), lim);
}

}  // namespace vpcsim
