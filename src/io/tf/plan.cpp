// Reading a plan or state (plan.hpp) and following the configuration's references: what
// Terraform's JSON output format says an expression's `references` are (TF-2).
#include "plan.hpp"

#include "../json_pointer.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>

namespace vpcsim::detail::tf {

namespace {

/// One step of a reference or module path: a name, or an index (`[0]`, `["a"]`).
struct part {
  std::string name;
  json index;  ///< null for a name
  bool is_index() const { return !index.is_null(); }
};

/// `module.a["x"].aws_subnet.b[0].id` as its parts. An index that is an expression stops it.
std::vector<part> parse(std::string_view s) {
  std::vector<part> out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '.') {
      ++i;
      continue;
    }
    if (s[i] == '[') {
      ++i;
      if (i < s.size() && s[i] == '"') {
        std::string k;
        ++i;
        while (i < s.size() && s[i] != '"') {
          if (s[i] == '\\' && i + 1 < s.size()) ++i;
          k += s[i++];
        }
        i += 2;  // the quote and the bracket
        out.push_back({"", json(k)});
      } else {
        std::size_t end = s.find(']', i);
        if (end == std::string_view::npos) break;
        long long n = 0;
        auto [p, ec] = std::from_chars(s.data() + i, s.data() + end, n);
        if (ec != std::errc{} || p != s.data() + end) break;
        out.push_back({"", json(n)});
        i = end + 1;
      }
      continue;
    }
    std::size_t end = i;
    while (end < s.size() && s[end] != '.' && s[end] != '[') ++end;
    out.push_back({std::string(s.substr(i, end - i)), nullptr});
    i = end;
  }
  return out;
}

std::string index_text(const json& index) {
  if (index.is_null()) return {};
  return "[" + index.dump() + "]";
}

/// A module instance path's segments: (call name, key).
std::vector<std::pair<std::string, json>> module_segments(std::string_view path) {
  std::vector<std::pair<std::string, json>> out;
  auto parts = parse(path);
  for (std::size_t i = 0; i + 1 < parts.size(); ++i)
    if (parts[i].name == key::module && !parts[i + 1].is_index()) {
      json k;
      if (i + 2 < parts.size() && parts[i + 2].is_index()) k = parts[i + 2].index;
      out.emplace_back(parts[i + 1].name, k);
    }
  return out;
}

std::string module_path(const std::vector<std::pair<std::string, json>>& segments, std::size_t n, bool keys) {
  std::string out;
  for (std::size_t i = 0; i < n && i < segments.size(); ++i)
    out += (out.empty() ? "module." : ".module.") + segments[i].first + (keys ? index_text(segments[i].second) : "");
  return out;
}

/// An AWS id's shape: lower-case words joined by `-`, then 8 to 17 hex digits (`vpc-0a1b2c3d`,
/// `tgw-attach-…`, `pl-…`).
bool looks_like_id(std::string_view s) {
  auto dash = s.rfind('-');
  if (dash == std::string_view::npos || dash == 0) return false;
  auto hex = s.substr(dash + 1);
  if (hex.size() < 8 || hex.size() > 17) return false;
  if (!std::all_of(hex.begin(), hex.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) && !std::isupper(static_cast<unsigned char>(c)); }))
    return false;
  return std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(dash), [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
}

void ids_of(const json& v, std::vector<target>& out) {
  if (v.is_string() && looks_like_id(v.get<std::string>())) out.push_back({"", v.get<std::string>()});
  if (v.is_array())
    for (const auto& x : v) ids_of(x, out);
}

diagnostic make(const std::string& file, const std::string& pointer, const std::string& address, const std::string& message) {
  return diagnostic{severity::error, "vpcsim.terraform.bad_shape", file, pointer, address, message};
}

}  // namespace

std::string strip_keys(std::string_view module_instance) {
  auto segments = module_segments(module_instance);
  return module_path(segments, segments.size(), false);
}

const json* at(const json* j, const std::vector<json>& path) {
  for (const auto& p : path) {
    if (!j) return nullptr;
    if (p.is_string()) {
      if (!j->is_object()) return nullptr;
      auto it = j->find(p.get<std::string>());
      j = it == j->end() ? nullptr : &*it;
    } else {
      auto i = p.get<std::size_t>();
      if (!j->is_array() || i >= j->size()) return nullptr;
      j = &(*j)[i];
    }
  }
  return j;
}

bool unknown_at(const json* unknown, const std::vector<json>& path) {
  const json* j = unknown;
  for (const auto& p : path) {
    if (!j) return false;
    if (j->is_boolean()) return j->get<bool>();
    j = at(j, {p});
  }
  if (!j) return false;
  std::function<bool(const json&)> any = [&](const json& x) {
    if (x.is_boolean()) return x.get<bool>();
    if (x.is_structured())
      for (const auto& y : x)
        if (any(y)) return true;
    return false;
  };
  return any(*j);
}

document::document(const json& doc, const std::string& file, bool prior, std::vector<diagnostic>& diags) : file_(file) {
  plan_ = doc.contains(key::planned_values) || doc.contains(key::resource_changes);
  const auto* rc = doc.contains(key::resource_changes) ? &doc[key::resource_changes] : nullptr;
  if (rc && !rc->is_array()) {
    diags.push_back(make(file, "/resource_changes", "", "resource_changes must be an array of resource changes"));
    rc = nullptr;
  }
  // The changes: after_unknown of each address; the instances when planned_values is missing.
  auto from_changes = [&](const char* side) {
    for (std::size_t i = 0; rc && i < rc->size(); ++i) {
      const auto& c = (*rc)[i];
      const auto p = child_pointer("/resource_changes", i);
      if (!c.is_object() || !c.contains(key::address) || !c[key::address].is_string() || !c.contains(key::change) ||
          !c[key::change].is_object()) {
        diags.push_back(make(file, p, "", "a resource change is an object with an address string and a change object"));
        continue;
      }
      if (!c[key::change].contains(side) || !c[key::change][side].is_object()) continue;  // created (before) or destroyed (after)
      const json& v = c[key::change][side];
      instance in;
      in.address = c[key::address].get<std::string>();
      in.module = c.value(key::module_address, std::string());
      in.managed = c.value(key::mode, std::string(key::managed)) == key::managed;
      in.type = c.value(key::type, std::string());
      in.name = c.value(key::name, std::string());
      in.index = c.contains(key::index) ? c[key::index] : json();
      in.values = &v;
      in.pointer = child_pointer(child_pointer(p, key::change), side);
      instances_.push_back(std::move(in));
    }
  };
  for (std::size_t i = 0; rc && i < rc->size(); ++i) {
    const auto& c = (*rc)[i];
    if (c.is_object() && c.contains(key::address) && c[key::address].is_string() && c.contains(key::change) &&
        c[key::change].is_object() && c[key::change].contains(key::after_unknown))
      unknown_[c[key::address].get<std::string>()] = &c[key::change][key::after_unknown];
    if (c.is_object() && c.contains(key::type) && c[key::type].is_string() && c.contains(key::change) && c[key::change].is_object())
      for (const char* side : {key::before, key::after})
        if (c[key::change].contains(side) && c[key::change][side].is_object())
          every_values_.emplace(c[key::type].get<std::string>(), &c[key::change][side]);
  }
  auto root_of = [&](const char* section, const char* sub) -> const json* {
    if (!doc.contains(section)) return nullptr;
    const json* s = &doc[section];
    if (sub) s = s->is_object() && s->contains(sub) ? &(*s)[sub] : nullptr;
    if (!s || !s->is_object() || !s->contains(key::root_module)) return nullptr;
    return &(*s)[key::root_module];
  };
  if (plan_) {
    const json* prior_root = root_of(key::prior_state, key::values);
    if (!prior) {
      if (const json* r = root_of(key::planned_values, nullptr)) read_module(*r, "/planned_values/root_module", false, diags, file, false);
      // Every change's after-state too: Terraform writes both, a trimmed file may hold one.
      from_changes(key::after);
      // Data sources read at plan time are in the prior state (TF-10).
      if (prior_root) read_module(*prior_root, "/prior_state/values/root_module", true, diags, file, true);
    } else if (prior_root) {
      read_module(*prior_root, "/prior_state/values/root_module", true, diags, file, false);
    } else {
      from_changes(key::before);
    }
  } else if (const json* r = root_of(key::values, nullptr)) {
    read_module(*r, "/values/root_module", true, diags, file, false);
  }
  // Managed instances first, each address once (a data source in both planned values and prior state).
  std::stable_partition(instances_.begin(), instances_.end(), [](const instance& i) { return i.managed; });
  std::vector<instance> unique;
  std::set<std::string> seen;
  for (auto& in : instances_)
    if (seen.insert(in.address).second) unique.push_back(std::move(in));
  instances_ = std::move(unique);
  for (std::size_t i = 0; i < instances_.size(); ++i) {
    auto& in = instances_[i];
    in.config_module = strip_keys(in.module);
    if (auto it = unknown_.find(in.address); it != unknown_.end() && !prior) in.unknown = it->second;
    by_address_[in.address] = i;
    if (in.values) every_values_.emplace(in.type, in.values);
    if (in.values && in.values->is_object() && in.values->contains(key::id) && (*in.values)[key::id].is_string())
      by_id_.emplace((*in.values)[key::id].get<std::string>(), i);
    auto segments = module_segments(in.module);
    for (std::size_t n = 0; n <= segments.size(); ++n) module_instances_.insert(module_path(segments, n, true));
  }
  if (const json* c = root_of(key::configuration, nullptr)) read_config(*c, "", nullptr, "", "");
  if (doc.contains(key::variables) && doc[key::variables].is_object()) root_variables_ = &doc[key::variables];
  // Region: the aws provider's configuration, else the zones of subnets. Account: ARNs, owner ids.
  if (doc.contains(key::configuration)) {
    const json* r = at(&doc[key::configuration], {key::provider_config, "aws", key::expressions, key::region, key::constant_value});
    if (r && r->is_string()) region_ = r->get<std::string>();
  }
  for (const auto& in : instances_) {
    if (!in.values || !in.values->is_object()) continue;
    if (region_.empty())
      if (auto az = in.values->find("availability_zone"); az != in.values->end() && az->is_string() && az->get<std::string>().size() > 1) {
        auto z = az->get<std::string>();
        if (std::isalpha(static_cast<unsigned char>(z.back())) && std::isdigit(static_cast<unsigned char>(z[z.size() - 2])))
          region_ = z.substr(0, z.size() - 1);
      }
    if (account_.empty())
      if (auto o = in.values->find("owner_id"); o != in.values->end() && o->is_string() && o->get<std::string>().size() == 12) account_ = o->get<std::string>();
  }
}

void document::read_module(const json& m, const std::string& pointer, bool, std::vector<diagnostic>& diags, const std::string& file,
                           bool data_only) {
  if (!m.is_object()) {
    diags.push_back(make(file, pointer, "", "a module is an object with resources and child_modules"));
    return;
  }
  const std::string module = m.contains(key::address) && m[key::address].is_string() ? m[key::address].get<std::string>() : "";
  if (m.contains(key::resources)) {
    const auto& rs = m[key::resources];
    const auto rp = child_pointer(pointer, key::resources);
    if (!rs.is_array()) diags.push_back(make(file, rp, module, "resources must be an array"));
    for (std::size_t i = 0; rs.is_array() && i < rs.size(); ++i) {
      const auto& r = rs[i];
      const auto p = child_pointer(rp, i);
      const std::string address = r.is_object() && r.contains(key::address) && r[key::address].is_string() ? r[key::address].get<std::string>() : "";
      if (address.empty() || !r.contains(key::type) || !r[key::type].is_string() || !r.contains(key::name) || !r[key::name].is_string()) {
        diags.push_back(make(file, p, address, "a resource is an object with address, type and name strings"));
        continue;
      }
      instance in;
      in.address = address;
      in.module = module;
      in.managed = r.value(key::mode, std::string(key::managed)) != key::data;
      if (data_only && in.managed) continue;
      in.type = r[key::type].get<std::string>();
      in.name = r[key::name].get<std::string>();
      in.index = r.contains(key::index) ? r[key::index] : json();
      if (r.contains(key::values) && !r[key::values].is_object()) {
        diags.push_back(make(file, child_pointer(p, key::values), address, "values must be an object of the resource's attributes"));
        continue;
      }
      static const json empty = json::object();
      in.values = r.contains(key::values) ? &r[key::values] : &empty;
      in.pointer = child_pointer(p, key::values);
      instances_.push_back(std::move(in));
    }
  }
  if (m.contains(key::child_modules)) {
    const auto& cs = m[key::child_modules];
    const auto cp = child_pointer(pointer, key::child_modules);
    if (!cs.is_array()) diags.push_back(make(file, cp, module, "child_modules must be an array"));
    for (std::size_t i = 0; cs.is_array() && i < cs.size(); ++i) read_module(cs[i], child_pointer(cp, i), false, diags, file, data_only);
  }
}

void document::read_config(const json& m, const std::string& path, const json* call, const std::string& parent, const std::string& name) {
  if (!m.is_object()) return;
  modules_[path] = module_config{&m, call, parent, name};
  if (auto rs = m.find(key::resources); rs != m.end() && rs->is_array())
    for (const auto& r : *rs)
      if (r.is_object() && r.contains(key::address) && r[key::address].is_string())
        config_resources_[path + "|" + r[key::address].get<std::string>()] = &r;
  if (auto calls = m.find(key::module_calls); calls != m.end() && calls->is_object())
    for (const auto& [n, c] : calls->items())
      if (c.is_object() && c.contains(key::module))
        read_config(c[key::module], (path.empty() ? "module." : path + ".module.") + n, &c, path, n);
}

const json* document::expressions(const instance& in) const {
  auto it = config_resources_.find(in.config_module + "|" + (in.managed ? "" : "data.") + in.type + "." + in.name);
  if (it == config_resources_.end()) return nullptr;
  auto e = it->second->find(key::expressions);
  return e == it->second->end() ? nullptr : &*e;
}

const json* document::references_at(const instance& in, const std::vector<json>& path) const {
  const json* e = at(expressions(in), path);
  if (!e || !e->is_object()) return nullptr;
  auto r = e->find(key::references);
  return r == e->end() || !r->is_array() ? nullptr : &*r;
}

const instance* document::by_id(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() || !instances_[it->second].managed ? nullptr : &instances_[it->second];
}

const instance* document::by_address(const std::string& address) const {
  auto it = by_address_.find(address);
  return it == by_address_.end() ? nullptr : &instances_[it->second];
}

bool document::targeted_by(const std::string& id, const std::vector<std::string_view>& types, const char* attr) const {
  for (auto t : types) {
    auto [from, to] = every_values_.equal_range(std::string(t));
    for (auto it = from; it != to; ++it)
      if (const json* v = at(it->second, {attr}); v && v->is_string() && v->get<std::string>() == id) return true;
  }
  return false;
}

resolution document::resolve(const instance& in, const json& refs, bool plural) const {
  // `each.value` of a resource whose for_each is another resource (`for_each = aws_subnet.private`)
  // is that resource's instance of the same key.
  bool each_value = false;
  for (const auto& r : refs)
    each_value = each_value || (r.is_string() && r.get<std::string>().rfind("each.value", 0) == 0);
  if (each_value && in.index.is_string()) {
    auto it = config_resources_.find(in.config_module + "|" + (in.managed ? "" : "data.") + in.type + "." + in.name);
    const json* fe = it == config_resources_.end() ? nullptr : at(it->second, {"for_each_expression", key::references});
    if (fe && fe->is_array()) {
      json more = refs;
      for (const auto& r : *fe) {
        if (!r.is_string()) continue;
        auto parts = parse(r.get<std::string>());
        const bool resource = parts.size() == 2 && !parts[0].is_index() && !parts[1].is_index() && parts[0].name != "var" &&
                              parts[0].name != "local" && parts[0].name != "module" && parts[0].name != "each" && parts[0].name != "count";
        if (resource) more.push_back(r.get<std::string>() + index_text(in.index));
      }
      return resolve_in(in.module, in.index, more, plural, 0);
    }
  }
  return resolve_in(in.module, in.index, refs, plural, 0);
}

resolution document::resolve_in(const std::string& module, const json& key, const json& refs, bool plural, int depth) const {
  resolution out;
  if (depth > 16 || !refs.is_array()) return out;
  // References grouped by what they name: Terraform 1.x lists `aws_subnet.a[0].id`,
  // `aws_subnet.a[0]` and `aws_subnet.a` for one use; an explicit index wins.
  struct group {
    std::string kind, a, b;  ///< kind: var, module, data, resource
    std::vector<json> indexes;
    std::set<std::string> outputs;
    std::string text;
  };
  std::vector<group> groups;
  auto group_of = [&](const std::string& kind, const std::string& a, const std::string& b, const std::string& text) -> group& {
    for (auto& g : groups)
      if (g.kind == kind && g.a == a && g.b == b) return g;
    groups.push_back(group{kind, a, b, {}, {}, text});
    return groups.back();
  };
  for (const auto& r : refs) {
    if (!r.is_string()) continue;
    const auto text = r.get<std::string>();
    auto parts = parse(text);
    if (parts.empty() || parts[0].is_index()) continue;
    const auto& head = parts[0].name;
    if (head == "count" || head == "each" || head == "self" || head == "path" || head == "terraform") continue;
    if (head == "local") {
      out.unresolved.push_back(text + " (Terraform's JSON output does not hold locals)");
      continue;
    }
    if (parts.size() < 2 || parts[1].is_index()) continue;
    if (head == "var") {
      group_of("var", parts[1].name, "", text);
    } else if (head == "module") {
      auto& g = group_of("module", parts[1].name, "", text);
      std::size_t next = 2;
      if (parts.size() > 2 && parts[2].is_index()) {
        g.indexes.push_back(parts[2].index);
        next = 3;
      }
      if (parts.size() > next && !parts[next].is_index()) g.outputs.insert(parts[next].name);
    } else if (head == "data") {
      if (parts.size() < 3 || parts[2].is_index()) continue;
      auto& g = group_of("data", parts[1].name, parts[2].name, text);
      if (parts.size() > 3 && parts[3].is_index()) g.indexes.push_back(parts[3].index);
    } else {
      auto& g = group_of("resource", head, parts[1].name, text);
      if (parts.size() > 2 && parts[2].is_index()) g.indexes.push_back(parts[2].index);
    }
  }
  // Which of several candidates an expression means: its index, else the only one, else the one
  // of the same count index or for_each key (count.index / each.key pairing), else all of them
  // for a list attribute; otherwise it is ambiguous.
  auto choose = [&](const std::vector<std::pair<json, std::string>>& candidates, const group& g, std::vector<std::string>& chosen) {
    if (!g.indexes.empty()) {
      for (const auto& [idx, what] : candidates)
        if (std::find(g.indexes.begin(), g.indexes.end(), idx) != g.indexes.end()) chosen.push_back(what);
      return;
    }
    if (candidates.size() <= 1) {
      for (const auto& c : candidates) chosen.push_back(c.second);
      return;
    }
    if (!key.is_null())
      for (const auto& [idx, what] : candidates)
        if (idx == key) {
          chosen.push_back(what);
          return;
        }
    if (plural) {
      for (const auto& c : candidates) chosen.push_back(c.second);
      return;
    }
    out.ambiguous = true;
    out.unresolved.push_back(g.text + " (" + std::to_string(candidates.size()) + " instances, and the expression does not say which)");
  };
  std::vector<std::vector<target>> yields;
  for (const auto& g : groups) {
    std::vector<target> ts;
    if (g.kind == "var") {
      if (module.empty()) {
        const json* v = at(root_variables_, {g.a, key::value});
        if (v) ids_of(*v, ts);
        else out.unresolved.push_back(g.text + " (no value in the plan's variables)");
      } else {
        auto segments = module_segments(module);
        auto mc = modules_.find(strip_keys(module));
        const json* e = mc == modules_.end() || !mc->second.call ? nullptr : at(mc->second.call, {key::expressions, g.a});
        if (e && e->contains(key::references)) {
          auto sub = resolve_in(module_path(segments, segments.size() - 1, true), segments.back().second, (*e)[key::references], plural,
                                depth + 1);
          ts = sub.targets;
          out.ambiguous = out.ambiguous || sub.ambiguous;
          out.unresolved.insert(out.unresolved.end(), sub.unresolved.begin(), sub.unresolved.end());
        } else if (e && e->contains(key::constant_value)) {
          ids_of((*e)[key::constant_value], ts);
        } else {
          out.unresolved.push_back(g.text + " (the module call does not set it)");
        }
      }
    } else if (g.kind == "resource" || g.kind == "data") {
      std::vector<std::pair<json, std::string>> candidates;
      for (const auto& in : instances_)
        if (in.managed == (g.kind == "resource") && in.module == module && in.type == g.a && in.name == g.b)
          candidates.emplace_back(in.index, in.address);
      std::vector<std::string> chosen;
      choose(candidates, g, chosen);
      for (const auto& a : chosen) {
        if (g.kind == "resource") {
          ts.push_back({a, ""});
          continue;
        }
        const auto& in = *by_address(a);
        const json* id = at(in.values, {key::id});
        if (id && id->is_string() && !id->get<std::string>().empty()) {
          const instance* managed = by_id(id->get<std::string>());
          ts.push_back(managed ? target{managed->address, ""} : target{"", id->get<std::string>()});
        } else {
          out.unresolved.push_back(g.text + " (the data source has no id in the plan)");
        }
      }
    } else if (g.kind == "module") {
      const std::string child_config = (strip_keys(module).empty() ? "module." : strip_keys(module) + ".module.") + g.a;
      auto mc = modules_.find(child_config);
      if (mc == modules_.end() || g.outputs.empty()) {
        out.unresolved.push_back(g.text + " (the configuration does not hold that module's outputs)");
      } else {
        std::vector<std::pair<json, std::string>> candidates;
        for (const auto& m : module_instances_) {
          auto segments = module_segments(m);
          if (!segments.empty() && strip_keys(m) == child_config && module_path(segments, segments.size() - 1, true) == module)
            candidates.emplace_back(segments.back().second, m);
        }
        std::vector<std::string> chosen;
        if (candidates.empty()) out.unresolved.push_back(g.text + " (the module has no resources in the plan)");
        else choose(candidates, g, chosen);
        for (const auto& child : chosen)
          for (const auto& o : g.outputs) {
            const json* e = at(mc->second.module, {key::outputs, o, key::expression});
            if (e && e->contains(key::references)) {
              auto sub = resolve_in(child, json(), (*e)[key::references], plural, depth + 1);
              ts.insert(ts.end(), sub.targets.begin(), sub.targets.end());
              out.ambiguous = out.ambiguous || sub.ambiguous;
              out.unresolved.insert(out.unresolved.end(), sub.unresolved.begin(), sub.unresolved.end());
            } else if (e && e->contains(key::constant_value)) {
              ids_of((*e)[key::constant_value], ts);
            } else {
              out.unresolved.push_back(g.text + " (the module has no output " + o + ")");
            }
          }
      }
    }
    if (!ts.empty()) yields.push_back(std::move(ts));
  }
  // A scalar attribute named by two resources that both exist (the two sides of a conditional)
  // is ambiguous; one that exists is the side Terraform took.
  if (!plural && yields.size() > 1) {
    std::set<target> distinct;
    for (const auto& y : yields) distinct.insert(y.begin(), y.end());
    if (distinct.size() > 1) {
      out.ambiguous = true;
      out.unresolved.push_back("the expression names several resources that all exist");
      return out;
    }
  }
  for (const auto& y : yields)
    for (const auto& t : y)
      if (std::find(out.targets.begin(), out.targets.end(), t) == out.targets.end()) out.targets.push_back(t);
  return out;
}

}  // namespace vpcsim::detail::tf
