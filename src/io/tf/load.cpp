// Terraform plans and states onto the native design (io/terraform.hpp). Each AWS provider
// resource's attributes are read as the provider's documentation defines them; the design loader
// then implies what AWS creates with a VPC, so those defaults are written once (design_rules.hpp).
// Terraform's own behaviour is the TF- rules of docs/aws-semantics.md.
#include "plan.hpp"

#include "../design_document.hpp"
#include "../design_rules.hpp"
#include "../input_limits.hpp"
#include "../json_pointer.hpp"

#include <vpcsim/io/terraform.hpp>

#include <algorithm>
#include <fstream>

namespace vpcsim {

namespace {

using detail::child_pointer;
using detail::tf::document;
using detail::tf::instance;
using detail::tf::json;
using ojson = nlohmann::ordered_json;
namespace key = detail::tf::key;

/// The design array each modelled type declares into.
struct type_info {
  std::string_view type;
  std::string_view array;
};
constexpr type_info declared_types[] = {
    {"aws_vpc", "vpcs"},
    {"aws_subnet", "subnets"},
    {"aws_route_table", "route_tables"},
    {"aws_default_route_table", "route_tables"},
    {"aws_internet_gateway", "internet_gateways"},
    {"aws_egress_only_internet_gateway", "egress_only_internet_gateways"},
    {"aws_vpn_gateway", "vpn_gateways"},
    {"aws_nat_gateway", "nat_gateways"},
    {"aws_security_group", "security_groups"},
    {"aws_default_security_group", "security_groups"},
    {"aws_network_acl", "network_acls"},
    {"aws_default_network_acl", "network_acls"},
    {"aws_vpc_endpoint", "endpoints"},
    {"aws_instance", "instances"},
    {"aws_network_interface", "network_interfaces"},
    {"aws_ec2_managed_prefix_list", "prefix_lists"},
    {"aws_vpc_peering_connection", "peering_connections"},
    {"aws_ec2_transit_gateway", "transit_gateways"},
    {"aws_ec2_transit_gateway_route_table", "transit_gateway_route_tables"},
    {"aws_ec2_transit_gateway_vpc_attachment", "transit_gateway_attachments"},
    {"aws_vpc_dhcp_options", "dhcp_options"},
    {"aws_route53_zone", "hosted_zones"},
    {"aws_route53_resolver_rule", "resolver_rules"},
    {"aws_route53_resolver_endpoint", "resolver_endpoints"},
};

/// Types that add to a declared resource (a route to its table, a rule to its group, ...).
constexpr std::string_view adding_types[] = {
    "aws_vpc_ipv4_cidr_block_association",
    "aws_route",
    "aws_route_table_association",
    "aws_main_route_table_association",
    "aws_internet_gateway_attachment",
    "aws_vpn_gateway_attachment",
    "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule",
    "aws_network_acl_rule",
    "aws_network_acl_association",
    "aws_vpc_endpoint_route_table_association",
    "aws_vpc_endpoint_subnet_association",
    "aws_vpc_endpoint_security_group_association",
    "aws_vpc_endpoint_policy",
    "aws_network_interface_sg_attachment",
    "aws_network_interface_attachment",
    "aws_ec2_managed_prefix_list_entry",
    "aws_ec2_transit_gateway_route",
    "aws_ec2_transit_gateway_route_table_association",
    "aws_ec2_transit_gateway_route_table_propagation",
    "aws_vpc_dhcp_options_association",
    "aws_route53_zone_association",
    "aws_route53_record",
    "aws_route53_resolver_rule_association",
};

/// Types read for what they tell others, or that change nothing vpcsim traces: an Elastic IP is
/// allocated at apply (NAT gateways and instances work without knowing it), a peering connection
/// is active once accepted.
constexpr std::string_view quiet_types[] = {
    "aws_eip", "aws_eip_association", "aws_launch_template", "aws_launch_configuration", "aws_vpc_peering_connection_accepter",
    "aws_vpc_peering_connection_options",
};

/// Types that place a workload in subnets with security groups (`--from ADDRESS`).
constexpr std::string_view workload_types[] = {"aws_ecs_service", "aws_autoscaling_group", "aws_lambda_function", "aws_eks_node_group"};

template <std::size_t N>
bool among(std::string_view type, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), type) != std::end(list);
}

std::string_view array_of(std::string_view type) {
  for (const auto& t : declared_types)
    if (t.type == type) return t.array;
  return {};
}

using arrays = std::vector<std::string_view>;
const arrays route_targets = {"internet_gateways", "vpn_gateways", "nat_gateways", "instances", "network_interfaces",
                                  "peering_connections", "transit_gateways", "egress_only_internet_gateways", "endpoints"};

struct workload_decl {
  std::string name, type;
  std::vector<std::string> subnets, security_groups;
};

struct entry {
  std::string array;
  std::size_t index;
};

/// One block of a nested attribute (a route of a table, a rule of a group, a network
/// configuration): read from the plan's values when known, else from the configuration's block.
struct element {
  bool from_config = false;
  std::vector<json> path;  ///< values: its path under the instance's values; config: under expressions
  const json* obj = nullptr;
};

class mapper {
 public:
  mapper(const document& doc, const std::string& file, std::vector<diagnostic>& diags) : doc_(doc), file_(file), diags_(diags) {}

  struct result {
    ojson design;
    std::map<std::string, std::pair<std::string, std::string>> origins;  ///< design pointer -> (file pointer, address)
    /// Links not rebuilt, under the design name (or workload name) of what they configure.
    std::vector<std::pair<std::string, unresolved_link>> unresolved;
  };

  result run(const std::string& region, const std::string& account) {
    out_.design = ojson::object();
    out_.design["vpcsim"] = 1;
    out_.design["account"] = account;
    out_.design["region"] = region;
    // A VPC's default route table, network ACL and security group by their ids (a state knows them).
    for (const auto& in : doc_.instances())
      if (in.managed && in.type == "aws_vpc")
        for (const char* k : {"default_route_table_id", "main_route_table_id", "default_network_acl_id", "default_security_group_id"})
          if (const json* v = at_known(in, {k}); v && v->is_string()) vpc_defaults_[v->get<std::string>()] = in.address;
    // Pass 1: declare every resource that is one in the design, so references resolve in any order.
    for (const auto& in : doc_.instances()) {
      if (!in.managed) continue;
      cur_ = &in;
      if (auto a = array_of(in.type); !a.empty() && modelled(in)) declare(in, std::string(a));
    }
    // Pass 2: fill them in; pass 3: what adds to them, whatever the order of the file.
    for (const auto& in : doc_.instances()) {
      cur_ = &in;
      if (in.managed && entries_.count(in.address)) fill(in);
    }
    transit_gateway_defaults();
    resolver_endpoint_vpcs();
    adding_to_.clear();
    std::map<std::string, int> unmodelled;
    for (const auto& in : doc_.instances()) {
      if (!in.managed) continue;
      cur_ = &in;
      adding_to_.clear();
      if (!array_of(in.type).empty()) {
        continue;
      } else if (among(in.type, adding_types)) {
        add(in);
      } else if (among(in.type, workload_types)) {
        workload(in);
      } else if (!among(in.type, quiet_types)) {
        ++unmodelled[in.type];
      }
    }
    if (!unmodelled.empty()) {
      std::string list;
      for (const auto& [t, n] : unmodelled) list += (list.empty() ? "" : ", ") + t + (n > 1 ? " x" + std::to_string(n) : "");
      diags_.push_back({severity::warning, "vpcsim.terraform.not_modelled", file_, "", "",
                        "resource types that carry no VPC network configuration vpcsim models: " + list});
    }
    for (auto it = out_.design.begin(); it != out_.design.end();) {
      if (it->is_array() && it->empty()) it = out_.design.erase(it);
      else ++it;
    }
    return std::move(out_);
  }

 private:
  // ---- messages ----

  std::string pointer_of(const std::vector<json>& path) const {
    std::string p = cur_->pointer;
    for (const auto& x : path) p = x.is_string() ? child_pointer(p, x.get<std::string>()) : child_pointer(p, x.get<std::size_t>());
    return p;
  }
  static std::string label(const std::vector<json>& path) {
    std::string out;
    for (const auto& x : path) out += x.is_string() ? (out.empty() ? "" : ".") + x.get<std::string>() : "[" + std::to_string(x.get<std::size_t>()) + "]";
    return out;
  }
  void report(severity level, std::string_view code, const std::vector<json>& path, const std::string& message) {
    diags_.push_back({level, "vpcsim.terraform." + std::string(code), file_, pointer_of(path), cur_->address, message});
  }
  /// A link that cannot be rebuilt (TF-2): a warning naming the address and the attribute, and a
  /// note for the answers that cross what it configures: the resource being filled, or the one it
  /// adds to (the route table of an aws_route), or the workload whose template is read.
  void unresolved(const std::vector<json>& path, const std::string& message, const std::string& reason, std::string attribute = {}) {
    report(severity::warning, "unresolved_link", path, message);
    if (attribute.empty()) attribute = label(path);
    const std::string& into = !adding_to_.empty() ? adding_to_ : cur_->address;
    out_.unresolved.push_back({into, unresolved_link{cur_->address, attribute, reason}});
  }

  // ---- reading values ----

  /// The known value at `path`; null and "" (how a state writes an unset string) are absent.
  const json* at_known(const instance& in, const std::vector<json>& path) const {
    const json* v = detail::tf::at(in.values, path);
    return v && !v->is_null() && !(v->is_string() && v->get<std::string>().empty()) ? v : nullptr;
  }
  bool unknown(const std::vector<json>& path) const { return detail::tf::unknown_at(cur_->unknown, path); }
  /// TF-12: an optional computed attribute the configuration does not write (an endpoint's
  /// route_table_ids, a group's ingress) shows what separate resources (associations, rules)
  /// created when the plan was made, not what the plan makes: those resources say it. A state has
  /// no configuration: its values are what exists.
  /// Only when such resources exist for this one: Terraform 0.12 leaves nested blocks out of the
  /// configuration, where inline rules are then known only by their values.
  bool computed_only(const std::vector<json>& path) const {
    const json* e = doc_.expressions(*cur_);
    if (!e || detail::tf::at(e, path)) return false;
    const json* id = at_known(*cur_, {key::id});
    if (!id || !id->is_string()) return false;
    const auto& t = cur_->type;
    const auto& a = path.front().get_ref<const std::string&>();
    const auto& i = id->get_ref<const std::string&>();
    if (t == "aws_security_group" || t == "aws_default_security_group")
      return doc_.targeted_by(i, {"aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"},
                              "security_group_id");
    if (t == "aws_route_table" || t == "aws_default_route_table") return doc_.targeted_by(i, {"aws_route"}, "route_table_id");
    if ((t == "aws_network_acl" || t == "aws_default_network_acl") && a == "subnet_ids")
      return doc_.targeted_by(i, {"aws_network_acl_association"}, "network_acl_id");
    if (t == "aws_network_acl" || t == "aws_default_network_acl") return doc_.targeted_by(i, {"aws_network_acl_rule"}, "network_acl_id");
    if (t == "aws_vpc_endpoint") {
      const std::string_view type = a == "route_table_ids"  ? "aws_vpc_endpoint_route_table_association"
                                    : a == "subnet_ids"     ? "aws_vpc_endpoint_subnet_association"
                                                            : "aws_vpc_endpoint_security_group_association";
      return doc_.targeted_by(i, {type}, "vpc_endpoint_id");
    }
    return false;
  }

  /// A plain attribute (not a link): its known value, or a warning when it is known only after apply.
  const json* value(const std::vector<json>& path) {
    if (const json* v = at_known(*cur_, path)) return v;
    // Unknown and not written in the configuration: the provider or AWS picks it (a zone, a
    // default), as the design loader implies; written but unknown: derived from an unknown value.
    if (unknown(path) && (!doc_.expressions(*cur_) || detail::tf::at(doc_.expressions(*cur_), path)))
      report(severity::warning, "unknown_value", path, label(path) + " is known only after apply; it is left out");
    return nullptr;
  }
  std::optional<std::string> str(const std::vector<json>& path) {
    const json* v = value(path);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
      report(severity::error, "bad_value", path, label(path) + " must be a string, not " + v->dump());
      return std::nullopt;
    }
    if (v->get<std::string>().empty()) return std::nullopt;
    return v->get<std::string>();
  }
  std::optional<bool> boolean(const std::vector<json>& path) {
    const json* v = value(path);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
      report(severity::error, "bad_value", path, label(path) + " must be true or false, not " + v->dump());
      return std::nullopt;
    }
    return v->get<bool>();
  }
  std::optional<std::int64_t> integer(const json* v, const std::vector<json>& path) {
    if (!v || v->is_null()) return std::nullopt;
    if (v->is_number_integer()) return v->get<std::int64_t>();
    if (v->is_string()) {  // Terraform keeps some numbers as strings (a NACL rule's protocol)
      try {
        std::size_t used = 0;
        auto n = std::stoll(v->get<std::string>(), &used);
        if (used == v->get<std::string>().size()) return n;
      } catch (...) {
      }
    }
    report(severity::error, "bad_value", path, label(path) + " must be a number, not " + v->dump());
    return std::nullopt;
  }

  /// An element's field: the plan's value, or the configuration's constant.
  const json* field(const element& e, const char* name) {
    if (!e.from_config) return at_known(*cur_, [&] { auto p = e.path; p.push_back(name); return p; }());
    const json* c = detail::tf::at(e.obj, {name, key::constant_value});
    return c && !c->is_null() ? c : nullptr;
  }
  std::vector<json> sub(const std::vector<json>& path, const char* name) {
    auto p = path;
    p.push_back(name);
    return p;
  }

  /// The blocks of a nested attribute. When any part is unknown (a create plan's set holding an id
  /// not yet assigned), the configuration's blocks are read instead: a set's order in the plan is
  /// not its order in the configuration, so they cannot be matched one by one.
  std::vector<element> elements(const char* name) { return elements_at({name}); }
  /// The blocks at `path` (a block nested in blocks: `mixed_instances_policy`, 0, `launch_template`).
  /// The configuration's blocks stand at the same indices for list blocks (the nested blocks this
  /// reads are lists of at most one block, whose order is the configuration's).
  std::vector<element> elements_at(const std::vector<json>& path) {
    std::vector<element> out;
    auto at_index = [&](std::size_t i) {
      auto p = path;
      p.push_back(i);
      return p;
    };
    if (unknown(path)) {
      const json* cfg = detail::tf::at(doc_.expressions(*cur_), path);
      if (cfg && cfg->is_array()) {
        for (std::size_t i = 0; i < cfg->size(); ++i)
          if ((*cfg)[i].is_object()) out.push_back({true, at_index(i), &(*cfg)[i]});
        return out;
      }
      // Not written in the configuration: the provider computes it (an optional computed attribute).
      if (cfg || !doc_.expressions(*cur_))
        unresolved(path, label(path) + " is known only after apply and the configuration writes it as an expression vpcsim cannot read; it is left out",
                   "unknown until apply");
      return out;
    }
    const json* v = at_known(*cur_, path);
    if (!v) return out;
    if (!v->is_array()) {
      report(severity::error, "bad_value", path, label(path) + " must be a list of blocks");
      return out;
    }
    for (std::size_t i = 0; i < v->size(); ++i)
      if ((*v)[i].is_object()) out.push_back({false, at_index(i), &(*v)[i]});
    return out;
  }
  /// The blocks `name` inside the block `parent`.
  std::vector<element> nested(const element& parent, const char* name) {
    if (!parent.from_config) return elements_at(sub(parent.path, name));
    std::vector<element> out;
    const json* cfg = detail::tf::at(parent.obj, {name});
    if (cfg && cfg->is_array())
      for (std::size_t i = 0; i < cfg->size(); ++i) {
        auto p = sub(parent.path, name);
        p.push_back(i);
        if ((*cfg)[i].is_object()) out.push_back({true, p, &(*cfg)[i]});
      }
    return out;
  }

  // ---- links ----

  /// Design names (or external ids) of what the attribute at `path` names: known ids, else the
  /// configuration's references (TF-2); a link that cannot be rebuilt is a warning naming the
  /// address and the attribute, never a guess.
  std::vector<std::string> links(const std::vector<json>& path, const arrays& want, bool plural) {
    std::vector<detail::tf::target> ts;
    const json* v = at_known(*cur_, path);
    auto add_id = [&](const json& x) {
      if (!x.is_string() || x.get<std::string>().empty()) return;
      const auto id = x.get<std::string>();
      if (const instance* in = doc_.by_id(id)) ts.push_back({in->address, ""});
      else if (auto d = vpc_defaults_.find(id); d != vpc_defaults_.end()) ts.push_back({d->second, ""});
      else ts.push_back({"", id});
    };
    if (v && v->is_array())
      for (const auto& x : *v) add_id(x);
    else if (v)
      add_id(*v);
    if (unknown(path)) {
      const json* refs = doc_.references_at(*cur_, path);
      ts = resolve_refs(refs, path, plural, ts);
    }
    return names(ts, path, want);
  }
  std::optional<std::string> link(const std::vector<json>& path, const arrays& want) {
    auto all = links(path, want, false);
    if (all.size() > 1) {
      std::string list;
      for (const auto& a : all) list += (list.empty() ? "" : ", ") + a;
      unresolved(path, label(path) + " names one resource, and its references lead to several (" + list + "); it is left out",
                 "its references lead to several resources");
      return std::nullopt;
    }
    if (all.empty()) return std::nullopt;
    return all.front();
  }
  /// A link of a block read from the configuration: its references only.
  std::vector<std::string> element_links(const element& e, const char* name, const arrays& want, bool plural) {
    if (!e.from_config) return links(sub(e.path, name), want, plural);
    const json* f = detail::tf::at(e.obj, {name});
    std::vector<detail::tf::target> ts;
    if (f && f->contains(key::constant_value)) {
      const auto& c = (*f)[key::constant_value];
      for (const auto& x : c.is_array() ? c : json::array({c}))
        if (x.is_string() && !x.get<std::string>().empty()) ts.push_back({"", x.get<std::string>()});
    } else if (f && f->contains(key::references)) {
      ts = resolve_refs(&(*f)[key::references], sub(e.path, name), plural, {});
    }
    return names(ts, sub(e.path, name), want);
  }

  std::vector<detail::tf::target> resolve_refs(const json* refs, const std::vector<json>& path, bool plural, std::vector<detail::tf::target> known) {
    if (!refs) {
      // Not written in the configuration (an optional attribute the provider computes): nothing to link.
      if (!doc_.expressions(*cur_) || detail::tf::at(doc_.expressions(*cur_), path))
        unresolved(path, label(path) + " is known only after apply and the configuration holds no reference for it; it is left out",
                   "unknown until apply");
      return known;
    }
    auto r = doc_.resolve(*cur_, *refs, plural);
    if (r.targets.empty() || r.ambiguous) {
      std::string why;
      for (const auto& u : r.unresolved) why += (why.empty() ? "" : "; ") + u;
      unresolved(path,
                 label(path) + " is known only after apply and its references (" + refs->dump() + ") do not say which resource" +
                     (why.empty() ? "" : ": " + why) + "; it is left out",
                 "unknown until apply");
      if (r.ambiguous) return known;
    }
    for (auto& t : r.targets) known.push_back(t);
    return known;
  }

  std::vector<std::string> names(const std::vector<detail::tf::target>& ts, const std::vector<json>& path, const arrays& want) {
    std::vector<std::string> out;
    for (const auto& t : ts) {
      if (!t.id.empty()) {
        external(t.id);
        out.push_back(t.id);
        continue;
      }
      auto e = entries_.find(t.address);
      if (e != entries_.end() && std::find(want.begin(), want.end(), e->second.array) != want.end()) {
        out.push_back(t.address);
        continue;
      }
      // A VPC where its default route table, network ACL or group is meant (aws_vpc.x.default_*_id).
      if (e != entries_.end() && e->second.array == "vpcs") {
        if (std::find(want.begin(), want.end(), "security_groups") != want.end()) {
          out.push_back(detail::design::default_security_group_name(t.address));
          continue;
        }
        if (std::find(want.begin(), want.end(), "network_acls") != want.end()) {
          out.push_back(detail::design::default_network_acl_name(t.address));
          continue;
        }
        if (std::find(want.begin(), want.end(), "route_tables") != want.end()) {
          out.push_back(detail::design::main_route_table_name(t.address));
          continue;
        }
      }
      const instance* in = doc_.by_address(t.address);
      report(severity::warning, "unmodelled_reference", path,
             label(path) + " names " + t.address + (in ? " (" + in->type + ")" : "") + ", which vpcsim does not model here; it is left out");
    }
    return out;
  }

  void external(const std::string& id) {
    if (!out_.design.contains("external")) out_.design["external"] = ojson::array();
    auto& ext = out_.design["external"];
    if (std::find(ext.begin(), ext.end(), ojson(id)) == ext.end()) ext.push_back(id);
  }

  // ---- the design ----

  ojson& obj(const entry& e) { return out_.design[e.array][e.index]; }
  std::string dpointer(const entry& e, std::string_view f = {}) const {
    auto p = child_pointer(child_pointer("", e.array), e.index);
    return f.empty() ? p : child_pointer(p, f);
  }
  void set(const entry& e, std::string_view f, ojson v, const std::vector<json>& from) {
    obj(e)[std::string(f)] = std::move(v);
    out_.origins[dpointer(e, f)] = {pointer_of(from), cur_->address};
  }
  /// Adds to a list of the design; a value already there (a state lists an association or a rule
  /// both on its resource and on the one it adds to) is not added twice.
  void push(const entry& e, std::string_view f, ojson v, const std::vector<json>& from) {
    auto& o = obj(e);
    if (!o.contains(f)) o[std::string(f)] = ojson::array();
    auto& list = o[std::string(f)];
    if (std::find(list.begin(), list.end(), v) != list.end()) return;
    o[std::string(f)].push_back(std::move(v));
    out_.origins[child_pointer(dpointer(e, f), o[std::string(f)].size() - 1)] = {pointer_of(from), cur_->address};
  }
  std::optional<entry> target(const std::vector<json>& path, std::string_view array) {
    auto name = link(path, {array});
    if (!name) return std::nullopt;
    auto it = entries_.find(*name);
    if (it == entries_.end()) {
      report(severity::warning, "not_modelled", path,
             label(path) + " names " + *name + ", a resource outside the file; " + cur_->address + " is left out");
      return std::nullopt;
    }
    adding_to_ = *name;
    return it->second;
  }

  /// TF-13: an `aws_route53_record` into its zone's `records`; an alias whose name is an interface
  /// endpoint's `dns_entry[0].dns_name` (known only after apply) names that endpoint's Regional name.
  void record(const instance& in) {
    auto z = target({"zone_id"}, "hosted_zones");
    if (!z) return;
    ojson rec = ojson::object();
    auto name = str({"name"});
    if (!name) return;
    rec["name"] = *name;
    auto type = str({"type"});
    if (!type) return;
    rec["type"] = *type;
    if (auto sid = str({"set_identifier"})) rec["set_identifier"] = *sid;
    const auto aliases = elements("alias");
    if (!aliases.empty()) {
      const element& a = aliases.front();
      const json* n = field(a, "name");
      std::string target_name;
      if (n && n->is_string() && !n->get<std::string>().empty()) {
        target_name = n->get<std::string>();
      } else {
        // The configuration's references: `aws_vpc_endpoint.x.dns_entry[0].dns_name`, `…dns_entry[0]`, ….
        const json* cfg = a.from_config ? a.obj : detail::tf::at(doc_.expressions(in), {"alias", 0});
        const json* refs = cfg ? detail::tf::at(cfg, {"name", key::references}) : nullptr;
        bool first_entry = false;
        if (refs && refs->is_array())
          for (const auto& r : *refs) first_entry = first_entry || (r.is_string() && r.get<std::string>().find(".dns_entry[0]") != std::string::npos);
        std::optional<std::string> ep;
        if (refs && refs->is_array()) {
          auto res = doc_.resolve(in, *refs, false);
          if (res.targets.size() == 1 && !res.targets.front().address.empty())
            if (auto it = entries_.find(res.targets.front().address); it != entries_.end() && it->second.array == "endpoints") ep = it->first;
        }
        if (!ep || !first_entry) {
          report(severity::warning, "unknown_value", sub(a.path, "name"),
                 "alias.name is known only after apply and is not the first dns_entry of an endpoint the file declares; " + in.address +
                     " is left out");
          return;
        }
        target_name = detail::design::endpoint_regional_dns_name(obj(entries_.at(*ep)), out_.design.value("region", ""));
      }
      ojson alias = {{"target", target_name}};
      if (const json* zid = field(a, "zone_id"); zid && zid->is_string() && !zid->get<std::string>().empty()) alias["zone_id"] = *zid;
      rec["alias"] = alias;
    } else {
      const json* v = value({"records"});
      if (!v && unknown({"records"})) return;  // reported by value()
      rec["values"] = v && v->is_array() ? *v : json::array();
    }
    auto& records = obj(*z)["records"];
    out_.origins[child_pointer(dpointer(*z, "records"), records.size())] = {cur_->pointer, cur_->address};
    records.push_back(std::move(rec));
  }

  /// Whether a declared type's instance can be modelled; reports why not.
  bool modelled(const instance& in) {
    auto has = [&](const char* k) { return at_known(in, {k}) || unknown({k}); };
    auto needs = [&](const char* k, const std::string& why) {
      if (at_known(in, {k})) return true;
      report(severity::warning, unknown({k}) ? "unknown_value" : "default_vpc", {k}, why);
      return false;
    };
    if (in.type == "aws_vpc") return needs("cidr_block", "the VPC's cidr_block is known only after apply (an IPAM allocation); " + in.address + " is left out");
    // VPC-6: an IPv6-only subnet (ipv6_native) has no cidr_block; its ipv6_cidr_block is its range.
    if (in.type == "aws_subnet" && at_known(in, {"ipv6_native"}) && at_known(in, {"ipv6_native"})->is_boolean() &&
        at_known(in, {"ipv6_native"})->get<bool>())
      return needs("ipv6_cidr_block", "the IPv6-only subnet's ipv6_cidr_block is known only after apply; " + in.address + " is left out");
    if (in.type == "aws_subnet") return needs("cidr_block", "the subnet's cidr_block is known only after apply; " + in.address + " is left out");
    if (in.type == "aws_vpc_endpoint") return needs("service_name", "the endpoint's service_name is known only after apply; " + in.address + " is left out");
    if (in.type == "aws_security_group" && !has("vpc_id") && !doc_.references_at(in, {"vpc_id"})) {
      report(severity::warning, "default_vpc", {},
             "security group " + in.address + " has no vpc_id: it belongs to the account's default VPC, which the plan does not hold; it is left out");
      return false;
    }
    if (in.type == "aws_security_group" && unknown({"vpc_id"}) && !doc_.references_at(in, {"vpc_id"})) {
      report(severity::warning, "default_vpc", {},
             "security group " + in.address + " sets no vpc_id: it belongs to the account's default VPC, which the plan does not hold; it is left out");
      return false;
    }
    if (in.type == "aws_instance" && !at_known(in, {"subnet_id"}) && !doc_.references_at(in, {"subnet_id"})) {
      bool inline_interface = at_known(in, {"network_interface"}) && !at_known(in, {"network_interface"})->empty();
      if (!inline_interface) {
        report(severity::warning, "default_vpc", {},
               "instance " + in.address + " has no subnet_id: it is launched in the account's default VPC, which the plan does not hold; it is left out");
        return false;
      }
    }
    if (in.type == "aws_network_interface" && !at_known(in, {"private_ip"}) && !at_known(in, {"private_ips"})) {
      report(severity::warning, "unknown_value", {},
             "network interface " + in.address + " has no private_ip: AWS picks its address at apply; it is left out");
      return false;
    }
    if (in.type == "aws_route53_resolver_endpoint" && !at_known(in, {"host_vpc_id"}) && endpoint_subnets(in).empty()) {
      report(severity::warning, "not_modelled", {"ip_address"},
             "resolver endpoint " + in.address + " has no subnet of a VPC the file declares; its VPC is unknown and it is left out");
      return false;
    }
    if (in.type == "aws_vpc_endpoint")
      if (auto t = at_known(in, {"vpc_endpoint_type"}); t && t->is_string() && t->get<std::string>() != "Interface" &&
                                                         t->get<std::string>() != "Gateway" && t->get<std::string>() != "GatewayLoadBalancer") {
        report(severity::warning, "not_modelled", {"vpc_endpoint_type"},
               "endpoint type " + t->get<std::string>() + " is not modelled; " + in.address + " is left out");
        return false;
      }
    return true;
  }

  void declare(const instance& in, const std::string& array) {
    if (!out_.design.contains(array)) out_.design[array] = ojson::array();
    auto& arr = out_.design[array];
    ojson o = ojson::object();
    o["name"] = in.address;
    // A known id (a state, a resource the plan keeps) is the resource's id; others are generated.
    if (auto id = at_known(in, {key::id}); id && id->is_string())
      for (const auto& k : detail::design::kinds())
        if (k.key == array && detail::design::has_id_shape(k.k, id->get<std::string>())) o["id"] = *id;
    ojson tags = ojson::object();
    const json* t = at_known(in, {"tags_all"});
    if (!t || !t->is_object()) t = at_known(in, {"tags"});
    if (t && t->is_object())
      for (const auto& [k, v] : t->items())
        if (v.is_string()) tags[k] = v;
    tags[std::string(terraform_address_tag)] = in.address;  // TF-1
    o["tags"] = std::move(tags);
    arr.push_back(std::move(o));
    entry e{array, arr.size() - 1};
    entries_[in.address] = e;
    out_.origins[dpointer(e)] = {in.pointer, in.address};
  }

  // ---- pass 2: declared resources ----

  void fill(const instance& in) {
    const entry e = entries_.at(in.address);
    const auto& t = in.type;
    auto vpc = [&](const char* k) {
      if (auto v = link({k}, {"vpcs"})) set(e, "vpc", *v, {k});
    };
    if (t == "aws_vpc") {
      if (auto c = str({"cidr_block"})) set(e, "cidr", *c, {"cidr_block"});
      // TF-4: the provider's defaults are AWS's: DNS resolution on, DNS hostnames off (DNS-4, DNS-5).
      if (auto b = boolean({"enable_dns_support"})) set(e, "dns_support", *b, {"enable_dns_support"});
      if (auto b = boolean({"enable_dns_hostnames"})) set(e, "dns_hostnames", *b, {"enable_dns_hostnames"});
      if (auto c6 = at_known(in, {"ipv6_cidr_block"}); c6 && c6->is_string() && !c6->get<std::string>().empty())
        push(e, "ipv6_cidrs", *c6, {"ipv6_cidr_block"});
    } else if (t == "aws_subnet") {
      vpc("vpc_id");
      if (auto c = str({"cidr_block"})) set(e, "cidr", *c, {"cidr_block"});
      if (auto az = str({"availability_zone"})) set(e, "az", *az, {"availability_zone"});
      else if (auto id = str({"availability_zone_id"})) set(e, "az_id", *id, {"availability_zone_id"});
      if (auto b = boolean({"map_public_ip_on_launch"})) set(e, "public_ip_on_launch", *b, {"map_public_ip_on_launch"});
      if (auto b = boolean({"enable_dns64"})) set(e, "dns64", *b, {"enable_dns64"});  // DNS-15
      if (auto b = boolean({"ipv6_native"}); b && *b) set(e, "ipv6_native", true, {"ipv6_native"});  // VPC-6
      if (auto c6 = at_known(in, {"ipv6_cidr_block"}); c6 && c6->is_string() && !c6->get<std::string>().empty())
        push(e, "ipv6_cidrs", *c6, {"ipv6_cidr_block"});
    } else if (t == "aws_route_table" || t == "aws_default_route_table") {
      if (t == "aws_route_table") vpc("vpc_id");
      else {
        // TF-6: aws_default_route_table adopts the VPC's main route table and keeps only the routes it declares.
        if (auto v = link({"default_route_table_id"}, {"vpcs"})) set(e, "vpc", *v, {"default_route_table_id"});
        else vpc("vpc_id");
        set(e, "main", true, {"default_route_table_id"});
      }
      obj(e)["routes"] = ojson::array();
      obj(e)["subnets"] = ojson::array();
      for (const auto& r : computed_only({"route"}) ? std::vector<element>{} : elements("route"))
        if (auto route = route_of(r)) push(e, "routes", *route, r.path);
    } else if (t == "aws_internet_gateway" || t == "aws_vpn_gateway") {
      // TF-5: a gateway is attached to the VPC its vpc_id names, else only by an attachment
      // resource. A vpc_id whose link is not rebuilt (warned) leaves the design's rule: the only VPC (IGW-2).
      const bool vpc_set = at_known(in, {"vpc_id"}) || doc_.references_at(in, {"vpc_id"});
      if (!vpc_set) obj(e)["attachments"] = ojson::array();
      else if (auto v = link({"vpc_id"}, {"vpcs"})) push(e, "attachments", ojson{{"vpc", *v}}, {"vpc_id"});
    } else if (t == "aws_egress_only_internet_gateway") {
      vpc("vpc_id");
    } else if (t == "aws_nat_gateway") {
      if (auto sn = link({"subnet_id"}, {"subnets"})) set(e, "subnet", *sn, {"subnet_id"});
      if (auto c = str({"connectivity_type"})) set(e, "connectivity", *c, {"connectivity_type"});
      if (auto ip = at_known(in, {"private_ip"}); ip && ip->is_string() && !ip->get<std::string>().empty()) set(e, "private_ip", *ip, {"private_ip"});
    } else if (t == "aws_security_group" || t == "aws_default_security_group") {
      vpc("vpc_id");
      if (t == "aws_default_security_group") set(e, "group_name", "default", {});
      else if (auto n = at_known(in, {"name"}); n && n->is_string()) set(e, "group_name", *n, {"name"});
      else obj(e)["group_name"] = in.address;  // name_prefix or a generated name: known only after apply
      if (auto d = at_known(in, {"description"}); d && d->is_string()) obj(e)["description"] = *d;
      // TF-7: Terraform removes the allow-all egress rule AWS gives a new group (and every rule of
      // the default group): a group has exactly the rules declared, inline or as rule resources.
      obj(e)["ingress"] = ojson::array();
      obj(e)["egress"] = ojson::array();
      for (const char* dir : {"ingress", "egress"})
        if (!computed_only({dir}))
          for (const auto& r : elements(dir)) sg_block(e, r, dir == std::string_view("ingress"));
    } else if (t == "aws_network_acl" || t == "aws_default_network_acl") {
      if (t == "aws_network_acl") vpc("vpc_id");
      else {
        // TF-8: aws_default_network_acl adopts the VPC's default ACL and keeps only the rules it declares.
        if (auto v = link({"default_network_acl_id"}, {"vpcs"})) set(e, "vpc", *v, {"default_network_acl_id"});
        else vpc("vpc_id");
        set(e, "default", true, {"default_network_acl_id"});
      }
      obj(e)["inbound"] = ojson::array();
      obj(e)["outbound"] = ojson::array();
      obj(e)["subnets"] = ojson::array();
      for (const char* dir : {"ingress", "egress"})
        for (const auto& r : computed_only({dir}) ? std::vector<element>{} : elements(dir))
          if (auto rule = acl_rule(r, "rule_no", "action")) push(e, dir == std::string_view("ingress") ? "inbound" : "outbound", *rule, r.path);
      if (!computed_only({"subnet_ids"}))
        for (auto& s : links({"subnet_ids"}, {"subnets"}, true)) push(e, "subnets", s, {"subnet_ids"});
    } else if (t == "aws_vpc_endpoint") {
      vpc("vpc_id");
      if (auto s = str({"service_name"})) set(e, "service", *s, {"service_name"});
      // TF-9: vpc_endpoint_type defaults to Gateway and private_dns_enabled to false.
      auto type = str({"vpc_endpoint_type"}).value_or("Gateway");
      std::string design_type = type == "Interface" ? "interface" : type == "GatewayLoadBalancer" ? "gateway-load-balancer" : "gateway";
      set(e, "type", design_type, {"vpc_endpoint_type"});
      if (design_type != "gateway") {
        set(e, "subnets", computed_only({"subnet_ids"}) ? ojson::array() : ojson(links({"subnet_ids"}, {"subnets"}, true)), {"subnet_ids"});
        auto groups = computed_only({"security_group_ids"}) ? std::vector<std::string>{} : links({"security_group_ids"}, {"security_groups"}, true);
        if (!groups.empty()) set(e, "security_groups", groups, {"security_group_ids"});
      } else {
        set(e, "route_tables", computed_only({"route_table_ids"}) ? ojson::array() : ojson(links({"route_table_ids"}, {"route_tables"}, true)),
            {"route_table_ids"});
      }
      if (design_type == "interface") set(e, "private_dns", boolean({"private_dns_enabled"}).value_or(false), {"private_dns_enabled"});
      // The `dns_options` block (IF-17, S3IF-4, DDBIF-4). The provider reports the inbound-only flag
      // false for every endpoint; it means something only for services with gateway endpoints too.
      if (const json* d = at_known(in, {"dns_options"}); design_type == "interface" && d && d->is_array() && !d->empty()) {
        if (auto ip = str({"dns_options", 0, "dns_record_ip_type"})) set(e, "dns_record_ip_type", *ip, {"dns_options", 0, "dns_record_ip_type"});
        const std::vector<json> flag{"dns_options", 0, "private_dns_only_for_inbound_resolver_endpoint"};
        if (auto only = boolean(flag); only && (*only || detail::design::gateway_by_default(str({"service_name"}).value_or(""))))
          set(e, "private_dns_only_for_inbound_resolver_endpoint", *only, flag);
      }
      // A state knows the endpoint's DNS names (IF-10); an alias record may name them.
      if (const json* entries = at_known(in, {"dns_entry"}); entries && entries->is_array())
        for (std::size_t i = 0; i < entries->size(); ++i)
          if (const json* n = detail::tf::at(&(*entries)[i], {"dns_name"}); n && n->is_string() && !n->get<std::string>().empty())
            push(e, "dns_names", *n, {"dns_entry", i});
      policy(e, {"policy"});
    } else if (t == "aws_vpc_dhcp_options") {
      // DNS-11: the servers instances ask, the search domain; other options as `key=value`.
      if (const json* v = value({"domain_name_servers"}); v && v->is_array()) set(e, "domain_name_servers", *v, {"domain_name_servers"});
      if (auto d = str({"domain_name"})) set(e, "domain_name", *d, {"domain_name"});
      ojson other = ojson::array();
      for (const char* k : {"ntp_servers", "netbios_name_servers"})
        if (const json* v = value({k}); v && v->is_array() && !v->empty()) {
          std::string list;
          for (const auto& x : *v)
            if (x.is_string()) list += (list.empty() ? "" : ",") + x.get<std::string>();
          std::string key = k;
          std::replace(key.begin(), key.end(), '_', '-');
          other.push_back(key + "=" + list);
        }
      if (auto n = str({"netbios_node_type"})) other.push_back("netbios-node-type=" + *n);
      if (!other.empty()) set(e, "other", other, {});
    } else if (t == "aws_route53_zone") {
      if (auto n = str({"name"})) set(e, "domain", *n, {"name"});
      if (auto c = str({"comment"}); c && *c != "Managed by Terraform") obj(e)["comment"] = *c;
      // TF-13: a zone with `vpc` blocks is private, associated with them (DNS-3); aws_route53_zone_association adds others.
      const auto vpcs = elements("vpc");
      set(e, "private", !vpcs.empty(), {"vpc"});
      obj(e)["vpcs"] = ojson::array();
      for (const auto& v : vpcs)
        for (auto& name : element_links(v, "vpc_id", {"vpcs"}, false)) push(e, "vpcs", name, v.path);
      obj(e)["records"] = ojson::array();  // aws_route53_record adds to it
    } else if (t == "aws_route53_resolver_endpoint") {
      // DNS-13, TF-13: as CloudFormation's AWS::Route53Resolver::ResolverEndpoint (CFN-11); its VPC,
      // host_vpc_id (known only after apply) or its subnets', in resolver_endpoint_vpcs().
      if (auto d = str({"direction"})) set(e, "direction", *d, {"direction"});
      auto groups = links({"security_group_ids"}, {"security_groups"}, true);
      if (!groups.empty()) set(e, "security_groups", groups, {"security_group_ids"});
    } else if (t == "aws_route53_resolver_rule") {
      if (auto d = str({"domain_name"})) set(e, "domain", *d, {"domain_name"});
      if (at_known(in, {"resolver_endpoint_id"}) || doc_.references_at(in, {"resolver_endpoint_id"}))
        if (auto ep = link({"resolver_endpoint_id"}, {"resolver_endpoints"}); ep && entries_.count(*ep)) set(e, "endpoint", *ep, {"resolver_endpoint_id"});
      if (auto ty = str({"rule_type"})) set(e, "type", *ty, {"rule_type"});
      obj(e)["targets"] = ojson::array();
      for (const auto& ti : elements("target_ip")) {
        const json* ip = field(ti, "ip");
        if (!ip || !ip->is_string()) {
          if (field(ti, "ipv6"))
            report(severity::warning, "not_modelled", ti.path, "IPv6 Resolver targets are not modelled; the target is left out");
          continue;
        }
        auto port = integer(field(ti, "port"), sub(ti.path, "port"));
        push(e, "targets", port ? ip->get<std::string>() + ":" + std::to_string(*port) : ip->get<std::string>(), ti.path);
      }
      obj(e)["vpcs"] = ojson::array();  // aws_route53_resolver_rule_association adds to it
    } else if (t == "aws_instance") {
      instance_(e);
    } else if (t == "aws_network_interface") {
      if (auto sn = link({"subnet_id"}, {"subnets"})) set(e, "subnet", *sn, {"subnet_id"});
      if (auto ips = at_known(in, {"private_ips"}); ips && ips->is_array() && ips->size() > 1) {
        const json* primary = at_known(in, {"private_ip"});
        for (std::size_t i = 0; i < ips->size(); ++i)
          if ((*ips)[i].is_string())
            push(e, "private_ips", {{"ip", (*ips)[i]}, {"primary", primary ? *primary == (*ips)[i] : i == 0}}, {"private_ips", i});
      } else if (auto ip = at_known(in, {"private_ip"}); ip && ip->is_string()) {
        set(e, "ip", *ip, {"private_ip"});
      } else if (ips && ips->is_array() && ips->size() == 1) {
        set(e, "ip", (*ips)[0], {"private_ips"});
      }
      // IGW-10: the interface's IPv6 addresses (`ipv6_addresses`, a list of strings).
      if (auto v6 = at_known(in, {"ipv6_addresses"}); v6 && v6->is_array())
        for (std::size_t i = 0; i < v6->size(); ++i)
          if ((*v6)[i].is_string()) push(e, "ipv6_addresses", (*v6)[i], {"ipv6_addresses", i});
      auto groups = links({"security_groups"}, {"security_groups"}, true);
      if (!groups.empty()) set(e, "security_groups", groups, {"security_groups"});
      if (auto b = boolean({"source_dest_check"})) set(e, "source_dest_check", *b, {"source_dest_check"});
      for (const auto& a : elements("attachment")) {
        auto i = element_links(a, "instance", {"instances"}, false);
        if (!i.empty()) set(e, "attachment", {{"instance", i.front()}, {"device_index", integer(field(a, "device_index"), a.path).value_or(1)}}, a.path);
      }
    } else if (t == "aws_ec2_managed_prefix_list") {
      if (auto n = str({"name"})) set(e, "prefix_list_name", *n, {"name"});
      if (auto m = integer(at_known(in, {"max_entries"}), {"max_entries"})) set(e, "max_entries", *m, {"max_entries"});
      obj(e)["cidrs"] = ojson::array();
      for (const auto& x : elements("entry"))
        if (const json* c = field(x, "cidr"); c && c->is_string()) push(e, "cidrs", *c, x.path);
    } else if (t == "aws_vpc_peering_connection") {
      if (auto v = link({"vpc_id"}, {"vpcs"})) set(e, "requester", *v, {"vpc_id"});
      if (auto p = link({"peer_vpc_id"}, {"vpcs"})) {
        if (entries_.count(*p)) set(e, "accepter", *p, {"peer_vpc_id"});
        else {
          ojson side = {{"vpc", *p}};
          if (auto a = str({"peer_owner_id"})) side["account"] = *a;
          if (auto r = str({"peer_region"})) side["region"] = *r;
          set(e, "accepter", side, {"peer_vpc_id"});
        }
      }
    } else if (t == "aws_ec2_transit_gateway") {
      // Its default route table, and the attachments AWS associates with it: transit_gateway_defaults().
    } else if (t == "aws_ec2_transit_gateway_route_table") {
      if (auto g = link({"transit_gateway_id"}, {"transit_gateways"})) set(e, "transit_gateway", *g, {"transit_gateway_id"});
      obj(e)["routes"] = ojson::array();
      obj(e)["propagations"] = ojson::array();
    } else if (t == "aws_ec2_transit_gateway_vpc_attachment") {
      if (auto g = link({"transit_gateway_id"}, {"transit_gateways"})) set(e, "transit_gateway", *g, {"transit_gateway_id"});
      obj(e)["resource_type"] = "vpc";
      if (auto v = link({"vpc_id"}, {"vpcs"})) set(e, "resource", *v, {"vpc_id"});
      set(e, "subnets", links({"subnet_ids"}, {"subnets"}, true), {"subnet_ids"});
      // TGW-2: `ipv6_support` is `enable` or `disable` (the provider's default).
      if (auto v6 = str({"ipv6_support"})) {
        if (*v6 == "enable" || *v6 == "disable") set(e, "ipv6_support", *v6 == "enable", {"ipv6_support"});
        else report(severity::error, "bad_value", {"ipv6_support"}, "ipv6_support must be enable or disable, not " + *v6);
      }
    }
  }

  /// TGW-1, TF-14: the default route table AWS creates with a transit gateway whose default
  /// association or propagation is enabled (the provider's default, "enable"), every VPC attachment
  /// with transit_gateway_default_route_table_association (default true) associated with it, every
  /// one with ..._propagation (default true) propagating to it. Its id is the TGW's
  /// association_default_route_table_id (else propagation_default_route_table_id) when the file knows
  /// it; in a create plan it is known only after apply, and the design loader derives one from the
  /// table's name, `<TGW address> default route table`. Run after pass 2 (every attachment names its
  /// TGW) and before pass 3, whose aws_ec2_transit_gateway_route_table_association resources replace
  /// an attachment's association; TGWs and attachments are read in address order, not file order.
  void transit_gateway_defaults() {
    struct defaults {
      std::optional<entry> association, propagation;  ///< the default tables, when enabled
    };
    std::map<std::string, defaults> by_tgw;  // TGW address -> its default tables
    std::vector<const instance*> tgws, attachments;
    for (const auto& in : doc_.instances()) {
      if (!in.managed || !entries_.count(in.address)) continue;
      if (in.type == "aws_ec2_transit_gateway") tgws.push_back(&in);
      else if (in.type == "aws_ec2_transit_gateway_vpc_attachment") attachments.push_back(&in);
    }
    auto by_address = [](const instance* a, const instance* b) { return a->address < b->address; };
    std::sort(tgws.begin(), tgws.end(), by_address);
    std::sort(attachments.begin(), attachments.end(), by_address);
    for (const instance* in : tgws) {
      cur_ = in;
      const entry tgw = entries_.at(in->address);
      const bool associate = str({"default_route_table_association"}).value_or("enable") == "enable";
      const bool propagate = str({"default_route_table_propagation"}).value_or("enable") == "enable";
      if (!associate && !propagate) continue;  // AWS creates no default route table
      // The table a known id names: one the file declares (imported, or made the default by
      // aws_ec2_transit_gateway_default_route_table_association), else the one AWS created.
      std::map<std::string, entry> made;  // id ("" when unknown) -> the table AWS created
      auto table = [&](const char* id_key) -> entry {
        std::string id;
        if (const json* v = at_known(*in, {id_key}); v && v->is_string()) id = v->get<std::string>();
        if (!id.empty())
          if (const instance* declared = doc_.by_id(id); declared && declared->type == "aws_ec2_transit_gateway_route_table")
            if (auto it = entries_.find(declared->address); it != entries_.end()) return it->second;
        if (auto it = made.find(id); it != made.end()) return it->second;
        // Two different ids the file does not declare: the second is named after its role.
        const std::string role = made.empty() ? "" : id_key == std::string_view("propagation_default_route_table_id") ? " propagation" : " association";
        return made[id] = default_tgw_table(*in, tgw, id, in->address + " default" + role + " route table", {id_key});
      };
      defaults d;
      if (associate) {
        d.association = table("association_default_route_table_id");
        set(tgw, "association_default_route_table", obj(*d.association)["name"], {"association_default_route_table_id"});
      }
      if (propagate) {
        d.propagation = table(associate && !at_known(*in, {"propagation_default_route_table_id"}) ? "association_default_route_table_id"
                                                                                                     : "propagation_default_route_table_id");
        set(tgw, "propagation_default_route_table", obj(*d.propagation)["name"], {"propagation_default_route_table_id"});
      }
      by_tgw[in->address] = d;
    }
    for (const instance* in : attachments) {
      cur_ = in;
      const entry a = entries_.at(in->address);
      auto g = by_tgw.find(obj(a).value("transit_gateway", std::string()));
      if (g == by_tgw.end()) continue;  // a TGW outside the file, or one without default tables
      const defaults& d = g->second;
      if (d.association && boolean({"transit_gateway_default_route_table_association"}).value_or(true))
        set(a, "association", obj(*d.association)["name"], {"transit_gateway_default_route_table_association"});
      if (d.propagation && boolean({"transit_gateway_default_route_table_propagation"}).value_or(true))
        push(*d.propagation, "propagations", in->address, {"transit_gateway_default_route_table_propagation"});
    }
  }

  /// The addresses of the subnets (of the file) a resolver endpoint's `ip_address` blocks name:
  /// known ids, else the configuration's references. Read before the design exists (pass 1).
  std::vector<std::string> endpoint_subnets(const instance& in) const {
    std::vector<std::string> out;
    auto add = [&](const std::string& address) {
      const instance* sn = doc_.by_address(address);
      if (sn && sn->managed && sn->type == "aws_subnet" && std::find(out.begin(), out.end(), address) == out.end()) out.push_back(address);
    };
    if (const json* v = at_known(in, {"ip_address"}); v && v->is_array())
      for (const auto& b : *v)
        if (const json* id = detail::tf::at(&b, {"subnet_id"}); id && id->is_string())
          if (const instance* sn = doc_.by_id(id->get<std::string>())) add(sn->address);
    if (const json* cfg = detail::tf::at(doc_.expressions(in), {"ip_address"}); cfg && cfg->is_array())
      for (const auto& b : *cfg)
        if (const json* refs = detail::tf::at(&b, {"subnet_id", key::references}); refs && refs->is_array())
          for (const auto& t : doc_.resolve(in, *refs, false).targets) add(t.address);
    return out;
  }

  /// A resolver endpoint's VPC: host_vpc_id when the file knows it, else the VPC of the first of
  /// its subnets (by address: all are in its VPC). After pass 2, when every subnet names its VPC.
  void resolver_endpoint_vpcs() {
    std::vector<const instance*> endpoints;
    for (const auto& in : doc_.instances())
      if (in.managed && in.type == "aws_route53_resolver_endpoint" && entries_.count(in.address)) endpoints.push_back(&in);
    for (const instance* in : endpoints) {
      cur_ = in;
      const entry e = entries_.at(in->address);
      if (at_known(*in, {"host_vpc_id"})) {
        if (auto v = link({"host_vpc_id"}, {"vpcs"})) set(e, "vpc", *v, {"host_vpc_id"});
        continue;
      }
      auto subnets = endpoint_subnets(*in);
      std::sort(subnets.begin(), subnets.end());
      for (const auto& sn : subnets)
        if (auto it = entries_.find(sn); it != entries_.end() && obj(it->second).contains("vpc")) {
          set(e, "vpc", obj(it->second)["vpc"], {"ip_address"});
          break;
        }
    }
  }

  /// Declares the default route table AWS creates for the transit gateway `in` (TGW-1).
  entry default_tgw_table(const instance& in, const entry& tgw, const std::string& id, const std::string& name,
                          const std::vector<json>& from) {
    auto& arr = out_.design["transit_gateway_route_tables"];
    if (arr.is_null()) arr = ojson::array();
    ojson o = ojson::object();
    o["name"] = name;
    if (!id.empty()) o["id"] = id;
    o["transit_gateway"] = obj(tgw)["name"];
    o["routes"] = ojson::array();
    o["propagations"] = ojson::array();
    arr.push_back(std::move(o));
    entry e{"transit_gateway_route_tables", arr.size() - 1};
    out_.origins[dpointer(e)] = {pointer_of(from), in.address};
    return e;
  }

  void policy(const entry& e, const std::vector<json>& path) {
    auto p = at_known(*cur_, path);
    if (!p || !p->is_string() || p->get<std::string>().empty()) {
      if (unknown(path) && doc_.references_at(*cur_, path))
        report(severity::warning, "unknown_value", path, "the endpoint policy is known only after apply; the default full-access policy is assumed (POL-2)");
      return;
    }
    auto j = ojson::parse(p->get<std::string>(), nullptr, false);
    if (j.is_discarded()) report(severity::error, "bad_value", path, "the policy is not JSON");
    else set(e, "policy", j, path);
  }

  /// A route of a table (inline `route` block or aws_route): `to` and `via`.
  std::optional<ojson> route_of(const element& r) {
    ojson route = ojson::object();
    for (const char* k : {"cidr_block", "destination_cidr_block", "ipv6_cidr_block", "destination_ipv6_cidr_block"})
      if (const json* c = field(r, k); c && c->is_string() && !c->get<std::string>().empty()) route["to"] = *c;
    if (!route.contains("to"))
      for (const char* k : {"destination_prefix_list_id"})
        if (field(r, k) || (!r.from_config && unknown(sub(r.path, k))) || (r.from_config && detail::tf::at(r.obj, {k}))) {
          auto pl = element_links(r, k, {"prefix_lists"}, false);
          if (pl.empty()) return std::nullopt;
          route["to"] = pl.front();
        }
    if (!route.contains("to")) {
      report(severity::warning, "unknown_value", r.path, "a route has no destination vpcsim can read; it is left out");
      return std::nullopt;
    }
    static constexpr const char* targets[] = {"gateway_id", "nat_gateway_id", "network_interface_id", "transit_gateway_id",
                                              "vpc_peering_connection_id", "egress_only_gateway_id", "vpc_endpoint_id", "instance_id"};
    for (const char* k : targets) {
      bool set_here = r.from_config ? detail::tf::at(r.obj, {k}) != nullptr
                                    : (field(r, k) && !(field(r, k)->is_string() && field(r, k)->get<std::string>().empty())) ||
                                          unknown(sub(r.path, k));
      // A create plan marks every optional computed target unknown: the configuration says which is set.
      if (!r.from_config && !field(r, k) && unknown(sub(r.path, k)) && !doc_.references_at(*cur_, sub(r.path, k))) set_here = false;
      if (!set_here) continue;
      auto via = element_links(r, k, route_targets, false);
      if (via.empty()) return std::nullopt;
      route["via"] = via.front();
      break;
    }
    if (!route.contains("via")) {
      for (const char* k : {"carrier_gateway_id", "local_gateway_id", "core_network_arn"})
        if (const json* x = field(r, k); x && x->is_string() && !x->get<std::string>().empty()) {
          report(severity::warning, "not_modelled", sub(r.path, k), std::string(k) + " targets are not modelled; the route is left out");
          return std::nullopt;
        }
      unresolved(r.path, "a route's target is not known before apply; it is left out", "unknown until apply", "route target");
      return std::nullopt;
    }
    return route;
  }

  /// `protocol`, `from_port`, `to_port` (SG-12, SG-13) as the design's `protocol`, `ports`, `icmp`.
  bool protocol_fields(ojson& rule, const element& r, const char* protocol_key) {
    const json* p = field(r, protocol_key);
    if (!p || !(p->is_string() || p->is_number_integer())) {
      report(severity::warning, "unknown_value", sub(r.path, protocol_key), "a rule's protocol is not known before apply; the rule is left out");
      return false;
    }
    std::string proto = p->is_string() ? p->get<std::string>() : std::to_string(p->get<int>());
    std::transform(proto.begin(), proto.end(), proto.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (proto == "-1" || proto == "all") proto = "all";
    rule["protocol"] = proto;
    auto from = integer(field(r, "from_port"), sub(r.path, "from_port"));
    auto to = integer(field(r, "to_port"), sub(r.path, "to_port"));
    if (proto == "icmp" || proto == "1" || proto == "icmpv6" || proto == "58") {
      if ((from || to) && !(from.value_or(-1) == -1 && to.value_or(-1) == -1)) rule["icmp"] = {{"type", from.value_or(-1)}, {"code", to.value_or(-1)}};
    } else if (proto == "tcp" || proto == "udp" || proto == "6" || proto == "17") {
      if (from && to && !(*from == 0 && *to == 65535) && !(*from == -1 && *to == -1))
        rule["ports"] = *from == *to ? std::to_string(*from) : std::to_string(*from) + "-" + std::to_string(*to);
    }
    return true;
  }

  /// One inline rule block or aws_security_group_rule: a design rule per peer (AWS keeps one
  /// permission with several ranges; the design writes one rule per range).
  void sg_block(const entry& e, const element& r, bool ingress, bool rule_resource = false) {
    ojson base = ojson::object();
    if (!protocol_fields(base, r, "protocol")) return;
    if (const json* d = field(r, "description"); d && d->is_string() && !d->get<std::string>().empty()) base["description"] = *d;
    const char* peer_key = ingress ? "from" : "to";
    const char* dir = ingress ? "ingress" : "egress";
    auto add = [&](const ojson& peer) {
      ojson rule = base;
      rule[peer_key] = peer;
      push(e, dir, rule, r.path);
    };
    for (const char* k : {"cidr_blocks", "ipv6_cidr_blocks"})
      if (const json* c = field(r, k); c && c->is_array())
        for (const auto& x : *c)
          if (x.is_string()) add(x);
    for (auto& pl : element_links(r, "prefix_list_ids", {"prefix_lists"}, true)) add(pl);
    for (auto& g : element_links(r, rule_resource ? "source_security_group_id" : "security_groups", {"security_groups"}, !rule_resource)) add(g);
    if (const json* s = field(r, "self"); s && s->is_boolean() && s->get<bool>()) add(obj(e)["name"]);
  }

  /// A network ACL rule (inline block or aws_network_acl_rule).
  std::optional<ojson> acl_rule(const element& r, const char* number_key, const char* action_key) {
    ojson rule = ojson::object();
    auto n = integer(field(r, number_key), sub(r.path, number_key));
    const json* action = field(r, action_key);
    const json* p = field(r, "protocol");
    if (!n || !action || !action->is_string() || !p) {
      report(severity::warning, "unknown_value", r.path, "a network ACL rule's number, action or protocol is not known before apply; it is left out");
      return std::nullopt;
    }
    rule["rule"] = *n;
    auto a = action->get<std::string>();
    std::transform(a.begin(), a.end(), a.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    rule["action"] = a;
    std::string proto = p->is_string() ? p->get<std::string>() : p->dump();
    std::transform(proto.begin(), proto.end(), proto.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    // NACL-4: a protocol number; Terraform also takes the names.
    static const std::map<std::string, std::string> numbers = {{"-1", "all"}, {"all", "all"}, {"tcp", "6"}, {"udp", "17"}, {"icmp", "1"}, {"icmpv6", "58"}};
    if (auto it = numbers.find(proto); it != numbers.end()) proto = it->second;
    rule["protocol"] = proto;
    if (const json* c = field(r, "cidr_block"); c && c->is_string() && !c->get<std::string>().empty()) rule["cidr"] = *c;
    if (const json* c = field(r, "ipv6_cidr_block"); c && c->is_string() && !c->get<std::string>().empty()) rule["ipv6_cidr"] = *c;
    if (proto == "6" || proto == "17") {
      auto from = integer(field(r, "from_port"), sub(r.path, "from_port"));
      auto to = integer(field(r, "to_port"), sub(r.path, "to_port"));
      if (from && to && !(*from == 0 && *to == 0)) rule["ports"] = *from == *to ? std::to_string(*from) : std::to_string(*from) + "-" + std::to_string(*to);
    }
    if (proto == "1" || proto == "58") {
      auto type = integer(field(r, "icmp_type"), sub(r.path, "icmp_type"));
      auto code = integer(field(r, "icmp_code"), sub(r.path, "icmp_code"));
      if (type || code) rule["icmp"] = {{"type", type.value_or(-1)}, {"code", code.value_or(-1)}};
    }
    return rule;
  }

  void instance_(const entry& e) {
    if (auto sn = link({"subnet_id"}, {"subnets"})) set(e, "subnet", *sn, {"subnet_id"});
    if (auto ip = at_known(*cur_, {"private_ip"}); ip && ip->is_string() && !ip->get<std::string>().empty()) set(e, "ip", *ip, {"private_ip"});
    if (auto ty = at_known(*cur_, {"instance_type"}); ty && ty->is_string()) obj(e)["type"] = *ty;
    if (auto b = boolean({"source_dest_check"})) set(e, "source_dest_check", *b, {"source_dest_check"});
    auto groups = links({"vpc_security_group_ids"}, {"security_groups"}, true);
    if (!groups.empty()) set(e, "security_groups", groups, {"vpc_security_group_ids"});
    std::vector<std::string> attached;
    for (const auto& ni : elements("network_interface")) {
      auto eni = element_links(ni, "network_interface_id", {"network_interfaces"}, false);
      attached.insert(attached.end(), eni.begin(), eni.end());
    }
    if (!attached.empty()) set(e, "network_interfaces", attached, {"network_interface"});
    // IGW-3: a public IPv4 when associate_public_ip_address says so or the subnet maps one on
    // launch. AWS picks the address at apply; one of TEST-NET-1 (RFC 5737) stands for it.
    std::optional<bool> associate;
    if (auto a = at_known(*cur_, {"associate_public_ip_address"}); a && a->is_boolean()) associate = a->get<bool>();
    bool by_subnet = false;
    if (obj(e).contains("subnet")) {
      auto s = entries_.find(obj(e)["subnet"].get<std::string>());
      if (s != entries_.end()) by_subnet = obj(s->second).value("public_ip_on_launch", false);
    }
    if (auto p = at_known(*cur_, {"public_ip"}); p && p->is_string() && !p->get<std::string>().empty()) {
      obj(e)["public_ip"] = *p;
    } else if (associate.value_or(by_subnet)) {
      const auto address = "192.0.2." + std::to_string(++public_addresses_);
      obj(e)["public_ip"] = address;
      report(severity::note, "symbolic_address", {}, "instance " + cur_->address + " gets a public IPv4 at apply; " + address + " stands for it");
    }
  }

  // ---- pass 2: resources that add to others ----

  void add(const instance& in) {
    const auto& t = in.type;
    const element whole{false, {}, in.values};
    if (t == "aws_vpc_dhcp_options_association") {
      auto v = target({"vpc_id"}, "vpcs");
      if (!v) return;
      if (auto o = target({"dhcp_options_id"}, "dhcp_options")) set(*v, "dhcp_options", obj(*o)["name"], {"dhcp_options_id"});
      return;
    }
    if (t == "aws_route53_zone_association") {
      auto z = target({"zone_id"}, "hosted_zones");
      if (!z) return;
      if (auto v = link({"vpc_id"}, {"vpcs"}); v && entries_.count(*v)) {
        // A zone created without a `vpc` block is public: AWS refuses to associate a VPC with it.
        if (!obj(*z).value("private", false)) {
          report(severity::warning, "not_modelled", {"zone_id"},
                 obj(*z)["name"].get<std::string>() + " is a public zone (no vpc block): AWS associates VPCs with private zones only; " +
                     in.address + " is left out");
          return;
        }
        push(*z, "vpcs", *v, {"vpc_id"});
      }
      return;
    }
    if (t == "aws_route53_resolver_rule_association") {
      auto r = target({"resolver_rule_id"}, "resolver_rules");
      if (!r) return;
      if (auto v = link({"vpc_id"}, {"vpcs"}); v && entries_.count(*v)) push(*r, "vpcs", *v, {"vpc_id"});
      return;
    }
    if (t == "aws_route53_record") {
      record(in);
      return;
    }
    if (t == "aws_vpc_ipv4_cidr_block_association") {
      auto v = target({"vpc_id"}, "vpcs");
      if (!v) return;
      auto c = str({"cidr_block"});
      if (!c) return;
      auto& o = obj(*v);
      if (!o.contains("cidrs")) {
        o["cidrs"] = ojson::array();
        if (o.contains("cidr")) {
          o["cidrs"].push_back(o["cidr"]);
          o.erase("cidr");
        }
      }
      push(*v, "cidrs", *c, {"cidr_block"});
    } else if (t == "aws_route") {
      auto rt = target({"route_table_id"}, "route_tables");
      if (!rt) return;
      if (auto route = route_of(whole)) push(*rt, "routes", *route, {});
    } else if (t == "aws_route_table_association") {
      if (at_known(in, {"gateway_id"})) {
        report(severity::warning, "not_modelled", {"gateway_id"}, "edge associations (a route table on a gateway) are not modelled; it is left out");
        return;
      }
      auto rt = target({"route_table_id"}, "route_tables");
      if (!rt) return;
      if (auto sn = link({"subnet_id"}, {"subnets"})) push(*rt, "subnets", *sn, {"subnet_id"});
    } else if (t == "aws_main_route_table_association") {
      auto rt = target({"route_table_id"}, "route_tables");
      if (!rt) return;
      // RT-6, TF-11: one main route table per VPC: the association replaces the one AWS created.
      const std::string vpc = obj(*rt).value("vpc", std::string());
      for (auto& other : out_.design["route_tables"])
        if (other.value("vpc", std::string()) == vpc) other.erase("main");
      set(*rt, "main", true, {"route_table_id"});
    } else if (t == "aws_internet_gateway_attachment" || t == "aws_vpn_gateway_attachment") {
      bool igw = t == "aws_internet_gateway_attachment";
      auto g = target({igw ? "internet_gateway_id" : "vpn_gateway_id"}, igw ? "internet_gateways" : "vpn_gateways");
      if (!g) return;
      if (auto v = link({"vpc_id"}, {"vpcs"})) push(*g, "attachments", ojson{{"vpc", *v}}, {"vpc_id"});
    } else if (t == "aws_security_group_rule") {
      auto g = target({"security_group_id"}, "security_groups");
      if (!g) return;
      auto type = str({"type"});
      if (!type || (*type != "ingress" && *type != "egress")) {
        report(severity::error, "bad_value", {"type"}, "type must be ingress or egress");
        return;
      }
      sg_block(*g, whole, *type == "ingress", true);
    } else if (t == "aws_vpc_security_group_ingress_rule" || t == "aws_vpc_security_group_egress_rule") {
      bool ingress = t == "aws_vpc_security_group_ingress_rule";
      auto g = target({"security_group_id"}, "security_groups");
      if (!g) return;
      ojson rule = ojson::object();
      if (!protocol_fields(rule, whole, "ip_protocol")) return;
      if (auto d = str({"description"})) rule["description"] = *d;
      const char* peer = ingress ? "from" : "to";
      if (auto c = str({"cidr_ipv4"})) rule[peer] = *c;
      else if (auto c6 = str({"cidr_ipv6"})) rule[peer] = *c6;
      else if (at_known(in, {"prefix_list_id"}) || doc_.references_at(in, {"prefix_list_id"})) {
        auto pl = link({"prefix_list_id"}, {"prefix_lists"});
        if (!pl) return;
        rule[peer] = *pl;
      } else if (at_known(in, {"referenced_security_group_id"}) || doc_.references_at(in, {"referenced_security_group_id"})) {
        auto sg = link({"referenced_security_group_id"}, {"security_groups"});
        if (!sg) return;
        rule[peer] = *sg;
      } else {
        report(severity::warning, "unknown_value", {}, "the rule's peer is not known before apply; it is left out");
        return;
      }
      push(*g, ingress ? "ingress" : "egress", rule, {});
    } else if (t == "aws_network_acl_rule") {
      auto acl = target({"network_acl_id"}, "network_acls");
      if (!acl) return;
      if (auto rule = acl_rule(whole, "rule_number", "rule_action"))
        push(*acl, boolean({"egress"}).value_or(false) ? "outbound" : "inbound", *rule, {});
    } else if (t == "aws_network_acl_association") {
      auto acl = target({"network_acl_id"}, "network_acls");
      if (!acl) return;
      if (auto sn = link({"subnet_id"}, {"subnets"})) push(*acl, "subnets", *sn, {"subnet_id"});
    } else if (t == "aws_vpc_endpoint_route_table_association") {
      auto ep = target({"vpc_endpoint_id"}, "endpoints");
      if (!ep) return;
      if (auto rt = link({"route_table_id"}, {"route_tables"})) push(*ep, "route_tables", *rt, {"route_table_id"});
    } else if (t == "aws_vpc_endpoint_subnet_association") {
      auto ep = target({"vpc_endpoint_id"}, "endpoints");
      if (!ep) return;
      if (auto sn = link({"subnet_id"}, {"subnets"})) push(*ep, "subnets", *sn, {"subnet_id"});
    } else if (t == "aws_vpc_endpoint_security_group_association") {
      auto ep = target({"vpc_endpoint_id"}, "endpoints");
      if (!ep) return;
      auto sg = link({"security_group_id"}, {"security_groups"});
      if (!sg) return;
      // IF-7: an endpoint created without groups has its VPC's default group; an association adds
      // to it unless replace_default_association.
      auto& o = obj(*ep);
      if (!o.contains("security_groups") && !boolean({"replace_default_association"}).value_or(false) && o.contains("vpc"))
        push(*ep, "security_groups", detail::design::default_security_group_name(o["vpc"].get<std::string>()), {});
      push(*ep, "security_groups", *sg, {"security_group_id"});
    } else if (t == "aws_vpc_endpoint_policy") {
      auto ep = target({"vpc_endpoint_id"}, "endpoints");
      if (ep) policy(*ep, {"policy"});
    } else if (t == "aws_network_interface_sg_attachment") {
      auto eni = target({"network_interface_id"}, "network_interfaces");
      if (!eni) return;
      if (auto sg = link({"security_group_id"}, {"security_groups"})) push(*eni, "security_groups", *sg, {"security_group_id"});
    } else if (t == "aws_network_interface_attachment") {
      auto eni = target({"network_interface_id"}, "network_interfaces");
      if (!eni) return;
      if (auto i = link({"instance_id"}, {"instances"}))
        set(*eni, "attachment", {{"instance", *i}, {"device_index", integer(at_known(in, {"device_index"}), {"device_index"}).value_or(1)}}, {"instance_id"});
    } else if (t == "aws_ec2_managed_prefix_list_entry") {
      auto pl = target({"prefix_list_id"}, "prefix_lists");
      if (!pl) return;
      if (auto c = str({"cidr"})) push(*pl, "cidrs", *c, {"cidr"});
    } else if (t == "aws_ec2_transit_gateway_route") {
      auto rt = target({"transit_gateway_route_table_id"}, "transit_gateway_route_tables");
      if (!rt) return;
      ojson route = ojson::object();
      if (auto c = str({"destination_cidr_block"})) route["to"] = *c;
      else return;
      if (boolean({"blackhole"}).value_or(false)) route["state"] = "blackhole";
      else if (auto a = link({"transit_gateway_attachment_id"}, {"transit_gateway_attachments"})) route["attachments"] = ojson::array({*a});
      push(*rt, "routes", route, {});
    } else if (t == "aws_ec2_transit_gateway_route_table_association") {
      auto att = target({"transit_gateway_attachment_id"}, "transit_gateway_attachments");
      if (!att) return;
      auto rt = link({"transit_gateway_route_table_id"}, {"transit_gateway_route_tables"});
      if (!rt) return;
      // TGW-1: an attachment has one association; the default one (TF-14) stays unless this replaces it.
      if (obj(*att).contains("association") && obj(*att)["association"] != *rt && !boolean({"replace_existing_association"}).value_or(false))
        report(severity::warning, "conflicting_association", {"transit_gateway_attachment_id"},
               obj(*att)["name"].get<std::string>() + " is already associated with " + obj(*att)["association"].get<std::string>() +
                   " (transit_gateway_default_route_table_association); AWS associates an attachment with one route table and refuses "
                   "this association unless replace_existing_association is true; it is modelled as replacing it");
      set(*att, "association", *rt, {"transit_gateway_route_table_id"});
    } else if (t == "aws_ec2_transit_gateway_route_table_propagation") {
      auto rt = target({"transit_gateway_route_table_id"}, "transit_gateway_route_tables");
      if (!rt) return;
      if (auto a = link({"transit_gateway_attachment_id"}, {"transit_gateway_attachments"})) push(*rt, "propagations", *a, {"transit_gateway_attachment_id"});
    }
  }

  // ---- workloads ----

  /// The launch template an Auto Scaling group or node group names: a `launch_template` block
  /// (`id`, `name`), or a mixed instances policy's `launch_template_specification`
  /// (`launch_template_id`, `launch_template_name`).
  const instance* launch_template(const element& block, const char* id_key = "id", const char* name_key = "name") {
    // A launch template is not a design resource: find it by its known id or name, else by reference.
    for (const char* k : {id_key, name_key}) {
      if (const json* v = field(block, k); v && v->is_string())
        for (const auto& in : doc_.instances())
          if (in.managed && in.type == "aws_launch_template" && at_known(in, {k}) && *at_known(in, {k}) == *v) return &in;
      const json* refs = block.from_config ? detail::tf::at(block.obj, {k, key::references}) : doc_.references_at(*cur_, sub(block.path, k));
      if (refs) {
        auto r = doc_.resolve(*cur_, *refs, false);
        for (const auto& t : r.targets)
          if (const instance* in = doc_.by_address(t.address); in && in->type == "aws_launch_template") return in;
      }
    }
    return nullptr;
  }

  void workload(const instance& in) {
    adding_to_ = in.address;  // a launch template's links configure the workload
    workload_decl w;
    w.name = in.address;
    w.type = in.type;
    const auto& t = in.type;
    auto groups_of_template = [&](const instance* lt, const element& block) {
      if (!lt) {
        report(severity::note, "not_modelled", block.path,
               "the launch template " + label(block.path) + " names is not in the file; " + in.address + " is traced with its VPC's default group");
        return;
      }
      const instance* saved = cur_;
      cur_ = lt;
      auto g = links({"vpc_security_group_ids"}, {"security_groups"}, true);
      for (const auto& ni : elements("network_interfaces")) {
        auto more = element_links(ni, "security_groups", {"security_groups"}, true);
        g.insert(g.end(), more.begin(), more.end());
      }
      cur_ = saved;
      w.security_groups.insert(w.security_groups.end(), g.begin(), g.end());
    };
    if (t == "aws_ecs_service") {
      auto blocks = elements("network_configuration");
      if (blocks.empty()) return;  // bridge or host networking: the tasks use their container instances' interfaces
      w.subnets = element_links(blocks.front(), "subnets", {"subnets"}, true);
      w.security_groups = element_links(blocks.front(), "security_groups", {"security_groups"}, true);
    } else if (t == "aws_autoscaling_group") {
      w.subnets = links({"vpc_zone_identifier"}, {"subnets"}, true);
      for (const auto& b : elements("launch_template")) groups_of_template(launch_template(b), b);
      // A mixed instances policy launches from its launch_template_specification (an override's
      // own template, for some instance types, is reported: the workload has one set of groups).
      for (const auto& p : elements("mixed_instances_policy"))
        for (const auto& lt : nested(p, "launch_template")) {
          const instance* main = nullptr;
          for (const auto& spec : nested(lt, "launch_template_specification")) {
            main = launch_template(spec, "launch_template_id", "launch_template_name");
            groups_of_template(main, spec);
          }
          for (const auto& o : nested(lt, "override"))
            for (const auto& spec : nested(o, "launch_template_specification"))
              if (const instance* other = launch_template(spec, "launch_template_id", "launch_template_name"); other && other != main)
                report(severity::note, "not_modelled", spec.path,
                       "instances of this override launch from " + other->address + "; " + in.address + " is traced with the groups of " +
                           (main ? main->address : std::string("its VPC's default group")));
        }
    } else if (t == "aws_lambda_function") {
      auto blocks = elements("vpc_config");
      if (blocks.empty()) return;  // outside any VPC
      w.subnets = element_links(blocks.front(), "subnet_ids", {"subnets"}, true);
      w.security_groups = element_links(blocks.front(), "security_group_ids", {"security_groups"}, true);
    } else if (t == "aws_eks_node_group") {
      w.subnets = links({"subnet_ids"}, {"subnets"}, true);
      for (const auto& b : elements("launch_template")) groups_of_template(launch_template(b), b);
      if (w.security_groups.empty())
        report(severity::note, "not_modelled", {},
               "node group " + in.address + " uses the cluster security group EKS creates, which is not modelled; it is traced with its VPC's default group");
    }
    if (w.subnets.empty()) return;
    // Into the design's `workloads`, so that the design loader checks them and `convert` keeps them.
    out_.origins[detail::design::add_workload(out_.design, w.name, w.type, w.subnets, w.security_groups)] = {in.pointer, in.address};
  }

  const document& doc_;
  const std::string& file_;
  std::vector<diagnostic>& diags_;
  result out_;
  std::map<std::string, entry> entries_;
  std::map<std::string, std::string> vpc_defaults_;  ///< a VPC's default route table / ACL / group id -> the VPC's address
  const instance* cur_ = nullptr;
  std::string adding_to_;  ///< in pass 3: the design name of the resource cur_ adds to; a workload's name
  int public_addresses_ = 0;
};

/// `major.minor` of format_version; nullopt when it is not one.
std::optional<std::pair<int, int>> version_of(const json& v) {
  if (!v.is_string()) return std::nullopt;
  const auto s = v.get<std::string>();
  auto dot = s.find('.');
  if (dot == std::string::npos) return std::nullopt;
  try {
    std::size_t a = 0, b = 0;
    int major = std::stoi(s.substr(0, dot), &a);
    int minor = std::stoi(s.substr(dot + 1), &b);
    if (a != dot || dot + 1 + b != s.size()) return std::nullopt;
    return std::make_pair(major, minor);
  } catch (...) {
    return std::nullopt;
  }
}

diagnostic problem(const std::string& file, std::string_view code, const std::string& pointer, const std::string& message) {
  return diagnostic{severity::error, "vpcsim.terraform." + std::string(code), file, pointer, "", message};
}

}  // namespace

bool is_terraform_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  auto ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext != ".json") return false;
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  // `terraform show -json` writes format_version first and its sections after; a quick look at the
  // head tells a plan or state from a design or an AWS CLI capture without parsing the file.
  auto has = [&](const char* k) { return head.find(std::string("\"") + k + "\"") != std::string::npos; };
  return has(key::format_version) &&
         (has(key::planned_values) || has(key::resource_changes) || has(key::values) || has(key::terraform_version)) &&
         !has("vpcsim");
}

bool is_terraform_plan(const std::filesystem::path& path) {
  if (!is_terraform_file(path)) return false;
  std::string text;
  if (detail::read_input_file(path, text)) return false;
  if (detail::structure_problem(text, 512)) return false;  // as the loader would refuse it
  const auto doc = json::parse(text, nullptr, false);
  return doc.is_object() && (doc.contains(key::planned_values) || doc.contains(key::resource_changes));
}

design_result load_terraform_text(std::string_view text, const std::string& file, const load_options& options) {
  design_result out;
  auto& diags = out.loaded.diagnostics;
  if (auto bad = detail::structure_problem(text, options.limits.max_json_depth)) {
    using kind = detail::json_structure_problem::kind;
    diags.push_back(diagnostic{severity::error,
                               bad->what == kind::too_deep ? "vpcsim.import.too_deep"
                               : bad->what == kind::duplicate_key ? "vpcsim.import.duplicate_key"
                                                                  : "vpcsim.terraform.not_json",
                               file, bad->pointer, "", bad->message});
    return out;
  }
  auto doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) {
    diags.push_back(problem(file, "not_json", "", "not JSON: a plan or state is what `terraform show -json` writes"));
    return out;
  }
  if (!doc.is_object() || !doc.contains(key::format_version)) {
    diags.push_back(problem(file, "not_terraform", "", "not a Terraform plan or state: the top level has no format_version"));
    return out;
  }
  // TF-3: format_version is major.minor; a minor version only adds, a new major may change meaning.
  auto version = version_of(doc[key::format_version]);
  if (!version) {
    diags.push_back(problem(file, "bad_shape", "/format_version", "format_version must be a string major.minor, not " + doc[key::format_version].dump()));
    return out;
  }
  if (version->first > 1 || version->first < 0 || (version->first == 0 && version->second < 1)) {
    diags.push_back(problem(file, "unsupported_version", "/format_version",
                            "format_version " + doc[key::format_version].get<std::string>() +
                                " is not supported: vpcsim reads Terraform's JSON output format 0.1 to 1.x"));
    return out;
  }
  const bool plan = doc.contains(key::planned_values) || doc.contains(key::resource_changes);
  if (!plan && options.prior_state)
    diags.push_back({severity::warning, "vpcsim.terraform.no_prior_state", file, "", "",
                     "--before reads a plan's prior state; a state is itself the current state, loaded as it is"});
  document d(doc, file, options.prior_state && plan, diags);
  if (has_errors(diags)) return out;
  const std::string region = !d.region().empty() ? d.region() : !options.region.empty() ? options.region : "us-east-1";
  const std::string account = !d.account().empty() ? d.account() : !options.account.empty() ? options.account : "123456789012";
  auto m = mapper(d, file, diags).run(region, account);
  if (has_errors(diags)) return out;
  auto loaded = detail::design::load_document(m.design, file);
  // Each design finding at the plan's JSON pointer and address its part came from.
  for (auto& x : loaded.loaded.diagnostics) {
    if (x.file.empty() || x.file == file) {
      std::string p = x.pointer;
      for (;;) {
        if (auto it = m.origins.find(p); it != m.origins.end()) {
          x.pointer = it->second.first;
          x.resource = it->second.second;
          break;
        }
        auto slash = p.rfind('/');
        if (slash == std::string::npos || p.empty()) break;
        p.resize(slash);
      }
      x.file = file;
    }
    diags.push_back(std::move(x));
  }
  out.loaded.network = std::move(loaded.loaded.network);
  out.names = std::move(loaded.names);
  // Links not rebuilt, by the id of the resource they configure (or the workload's name), for the
  // answers that cross it (sim/provenance.hpp). Names are Terraform addresses, each one resource.
  std::map<std::string, std::vector<std::string>> ids;  // design name -> ids
  for (const auto& [id, name] : out.names) ids[name].push_back(id);
  for (auto& [into, link] : m.unresolved) {
    if (auto it = ids.find(into); it != ids.end())
      for (const auto& id : it->second) out.loaded.network.add_unresolved(id, link);
    else if (out.loaded.network.find_workload(into))
      out.loaded.network.add_unresolved(into, link);
  }
  return out;
}

design_result load_terraform(const std::filesystem::path& file, const load_options& options) {
  std::string text;
  bool too_large = false;
  auto bad = detail::input_file_problem(file, options.limits, too_large);
  if (!bad) bad = detail::read_input_file(file, text);
  if (bad) {
    design_result out;
    out.loaded.diagnostics.push_back(
        diagnostic{severity::error, too_large ? "vpcsim.import.too_large" : "vpcsim.import.unreadable", file.generic_string(), "", "", *bad});
    return out;
  }
  return load_terraform_text(text, file.generic_string(), options);
}

}  // namespace vpcsim
