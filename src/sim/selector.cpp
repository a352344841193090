// Source selectors for batch questions.
#include <vpcsim/error.hpp>
#include <vpcsim/model/names.hpp>
#include <vpcsim/sim/answer.hpp>
#include <vpcsim/sim/selector.hpp>
#include <vpcsim/sim/workload.hpp>

#include "rules.hpp"

#include "../model/id_key.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace vpcsim {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// The instances, ordered by id, that `keep` accepts and that have a network interface to trace from.
template <class Pred>
std::vector<std::string> instances_where(const network& net, Pred keep) {
  std::vector<std::string> out;
  for (const auto& [inst, eni] : instances_with_interfaces(net))
    if (keep(*inst, *eni)) out.push_back(inst->id.str());
  return out;
}

[[noreturn]] void no_match(const source_selector& s, const std::string& why) {
  throw usage_error("vpcsim.selector.no_match", "'" + s.text + "' (" + std::string(to_string(s.kind)) + ") " + why);
}

}  // namespace

std::string_view to_string(selector_kind k) noexcept {
  switch (k) {
    case selector_kind::by_instance_id: return "instance id";
    case selector_kind::by_network_interface_id: return "network interface id";
    case selector_kind::by_subnet_id: return "subnet id";
    case selector_kind::by_address: return "address";
    case selector_kind::by_tag: return "tag";
    case selector_kind::by_name: return "Name tag";
  }
  return "Name tag";
}

source_selector parse_selector(std::string_view text) {
  source_selector s;
  s.text = std::string(text);
  if (text.empty()) throw usage_error("vpcsim.selector.bad_syntax", "a source selector cannot be empty");
  if (starts_with(text, "tag:")) {
    const auto body = text.substr(4);
    const auto eq = body.find('=');
    if (eq == std::string_view::npos || eq == 0)
      throw usage_error("vpcsim.selector.bad_syntax",
                        "'" + s.text + "' is not a tag selector: write tag:Key=Value (for example tag:Role=web)");
    s.kind = selector_kind::by_tag;
    s.key = std::string(body.substr(0, eq));
    s.value = std::string(body.substr(eq + 1));
    return s;
  }
  s.value = s.text;
  if (starts_with(text, "i-")) s.kind = selector_kind::by_instance_id;
  else if (starts_with(text, "eni-")) s.kind = selector_kind::by_network_interface_id;
  else if (starts_with(text, "subnet-")) s.kind = selector_kind::by_subnet_id;
  else if (parse_address4(text) || parse_address6(text)) s.kind = selector_kind::by_address;
  else {
    s.kind = selector_kind::by_name;
    s.key = "Name";
  }
  return s;
}

std::vector<std::string> expand(const network& net, const source_selector& s) {
  switch (s.kind) {
    case selector_kind::by_instance_id:
      if (!net.find(instance_id{s.value})) no_match(s, "is not in the input");
      return {s.value};
    case selector_kind::by_network_interface_id:
      if (!net.find(network_interface_id{s.value})) no_match(s, "is not in the input");
      return {s.value};
    case selector_kind::by_address: {
      bool held = false;
      if (const auto a4 = parse_address4(s.value)) held = !net.interfaces_with_address(*a4).empty();
      else if (const auto a6 = parse_address6(s.value))  // an interface's IPv6 address (IGW-10)
        for (const auto& [id, eni] : net.all<network_interface>())
          held = held || std::find(eni.ipv6_addresses.begin(), eni.ipv6_addresses.end(), *a6) != eni.ipv6_addresses.end();
      // IGW-12: an address on the internet is a source of its own.
      if (!held && (parse_address4(s.value) ? rules::on_internet(net, *parse_address4(s.value))
                                            : rules::on_internet(net, *parse_address6(s.value))))
        return {s.value};
      if (!held) no_match(s, "is held by no network interface in the input");
      return {s.value};
    }
    case selector_kind::by_subnet_id: {
      if (!net.find(subnet_id{s.value})) no_match(s, "is not in the input");
      // An instance is in the subnet of its primary network interface (device index 0).
      auto out = instances_where(net, [&](const instance&, const network_interface& eni) { return eni.subnet.str() == s.value; });
      if (out.empty()) no_match(s, "holds no instance with a network interface");
      return out;
    }
    case selector_kind::by_name: {
      // A name is an instance's (logical id or Name tag), else a workload's (its representative
      // interfaces, when placed: sim/workload.hpp), else a subnet's: every instance in it.
      auto out = instances_where(net, [&](const instance& inst, const network_interface&) { return display_name(inst) == s.value; });
      if (!out.empty()) return out;
      if (const workload* w = net.find_workload(s.value)) {
        for (const auto& sid : w->subnets)
          for (const auto& [id, eni] : net.all<network_interface>())
            if (eni.subnet == sid)
              if (auto t = eni.tags.find(std::string(workload_tag)); t != eni.tags.end() && t->second == w->name) out.push_back(id.value);
        if (out.empty())
          no_match(s, "is workload " + w->name + ", which has no representative interface here (its subnets or groups are not in the input)");
        return out;
      }
      std::vector<std::string> subnets;
      for (const auto& [id, sn] : net.all<subnet>())
        if (display_name(sn) == s.value) subnets.push_back(id.value);
      if (subnets.size() > 1)
        no_match(s, "names " + std::to_string(subnets.size()) + " subnets (" + subnets.front() + ", " + subnets[1] +
                        (subnets.size() > 2 ? ", ..." : "") + ") and no instance; give the subnet id");
      if (subnets.size() == 1) {
        out = instances_where(net, [&](const instance&, const network_interface& eni) { return eni.subnet.str() == subnets.front(); });
        if (out.empty()) no_match(s, "is subnet " + subnets.front() + ", which holds no instance with a network interface");
        return out;
      }
      std::vector<std::string> names;
      for (const auto& [id, inst] : net.all<instance>())
        if (!display_name(inst).empty()) names.push_back(display_name(inst));
      for (const auto& [id, sn] : net.all<subnet>())
        if (!display_name(sn).empty()) names.push_back(display_name(sn));
      std::string list;
      for (const auto& n : closest_names(s.value, names, 6)) list += (list.empty() ? "" : ", ") + ("'" + n + "'");
      no_match(s, "matches no instance with a network interface (tag Name=" + s.value + ") and no subnet" +
                      (list.empty() ? std::string{} : "; instances and subnets in the input: " + list));
    }
    case selector_kind::by_tag: {
      auto out = instances_where(net, [&](const instance& inst, const network_interface&) {
        auto it = inst.tags.find(s.key);
        return it != inst.tags.end() && it->second == s.value;
      });
      if (out.empty()) no_match(s, "matches no instance with a network interface (tag " + s.key + "=" + s.value + ")");
      return out;
    }
  }
  return {};
}

std::vector<std::pair<const instance*, const network_interface*>> instances_with_interfaces(const network& net) {
  // The interfaces attached to an instance, sorted by its id (each id's text read once, id_key),
  // then each instance's primary first (primary_before); merged with the instances in id order.
  std::vector<std::pair<detail::id_key<3>, const network_interface*>> attached;
  attached.reserve(net.all<network_interface>().size());
  for (const auto& [id, e] : net.all<network_interface>())
    if (e.attachment && e.attachment->instance) attached.emplace_back(detail::id_key<3>(e.attachment->instance->str()), &e);
  std::sort(attached.begin(), attached.end(), [](const auto& a, const auto& b) {
    if (const auto c = a.first <=> b.first; c != 0) return c < 0;
    return primary_before(*a.second, *b.second);
  });
  std::vector<std::pair<const instance*, const network_interface*>> out;
  out.reserve(std::min(attached.size(), net.all<instance>().size()));
  auto next = attached.begin();
  for (const auto& [id, inst] : net.all<instance>()) {
    const detail::id_key<3> key(id.str());
    while (next != attached.end() && next->first < key) ++next;
    if (next != attached.end() && next->first == key) out.emplace_back(&inst, next->second);
  }
  return out;
}

std::vector<std::string> all_instance_sources(const network& net) {
  return instances_where(net, [](const instance&, const network_interface&) { return true; });
}

std::vector<std::string> select_sources(const network& net, const std::vector<std::string>& selectors,
                                        bool skip_unmatched) {
  if (selectors.empty()) return all_instance_sources(net);
  std::vector<std::string> sources;
  std::set<std::string, std::less<>> seen;
  for (const auto& text : selectors) {
    const source_selector selector = parse_selector(text);
    std::vector<std::string> expanded;
    try {
      expanded = expand(net, selector);
    } catch (const usage_error& e) {
      if (!skip_unmatched || e.code() != "vpcsim.selector.no_match") throw;
    }
    for (auto& s : expanded)
      if (seen.insert(s).second) sources.push_back(std::move(s));
  }
  return sources;
}

name_index::name_index(const network& net) {
  // The tag keys a name comes from: `Name`, then (CFN-3, TF-1) a template's logical ids and a
  // Terraform plan's addresses, which override it.
  std::vector<std::string> keys{"Name"};
  for (auto key : source_name_tags) keys.emplace_back(key);
  // Per table, one walk over its resources: each key's names (a name several resources have is
  // ambiguous: no id).
  using names = std::unordered_map<std::string_view, std::string_view>;
  auto collect = [&](const auto& table) {
    std::vector<names> seen(keys.size());
    seen[0].reserve(table.size());  // most resources have a Name
    for (const auto& [id, r] : table)
      for (std::size_t k = 0; k < keys.size(); ++k)
        if (auto name = r.tags.find(keys[k]); name != r.tags.end() && !name->second.empty()) {
          auto [it, fresh] = seen[k].emplace(name->second, id.str());
          if (!fresh) it->second = {};
        }
    return seen;
  };
  const auto enis = collect(net.all<network_interface>());
  const auto instances = collect(net.all<instance>());
  ids_.reserve(enis[0].size() + instances[0].size());
  auto index = [&](const names& seen, bool overrides) {
    for (const auto& [name, id] : seen)
      if ((overrides && !id.empty()) || !ids_.count(name)) ids_[name] = id;
  };
  // An instance's Name before its interface's; a logical id before any Name.
  index(enis[0], false);
  index(instances[0], true);
  for (std::size_t k = 1; k < keys.size(); ++k) {
    index(enis[k], true);
    index(instances[k], true);
  }
}

resource_names::resource_names(const network& net) {
  std::size_t count = 0;
  net.for_each_table([&](const auto& table) { count += table.size(); });
  names_.reserve(count);
  net.for_each_table([&](const auto& table) {
    for (const auto& [id, r] : table)
      if (const auto& name = display_name(r); !name.empty()) names_.emplace(id.str(), name);
  });
}

std::string_view resource_names::of(std::string_view id) const {
  auto it = names_.find(id);
  return it == names_.end() ? std::string_view{} : it->second;
}

std::string resource_names::annotate(std::string text) const {
  std::set<std::string, std::less<>> done;
  auto is_id_char = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; };
  for (std::size_t i = 0; i < text.size();) {
    // An AWS CLI command stays as it is, to be pasted: from `aws ` to a `)`, `;`, `,` or ` (` outside quotes.
    if (text.compare(i, 4, "aws ") == 0 && (i == 0 || !is_id_char(text[i - 1]))) {
      char quote = 0;
      for (; i < text.size(); ++i) {
        const char c = text[i];
        if (quote) {
          if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == ')' || c == ';' || c == ',' || (c == ' ' && i + 1 < text.size() && text[i + 1] == '(')) {
          break;
        }
      }
      continue;
    }
    if (!is_id_char(text[i]) || (i > 0 && is_id_char(text[i - 1]))) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && is_id_char(text[end])) ++end;
    const std::string token = text.substr(i, end - i);
    const std::string_view name = token.find('-') == std::string::npos ? std::string_view{} : of(token);
    if (!name.empty() && name != token && done.insert(token).second) {
      const std::string insert = with_name(token, std::string(name)).substr(token.size());
      if (text.compare(end, insert.size(), insert) != 0) text.insert(end, insert);
      end += insert.size();
    }
    i = end;
  }
  return text;
}

std::optional<std::string_view> name_index::id_for(std::string_view name) const {
  auto it = ids_.find(name);
  if (it == ids_.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

}  // namespace vpcsim
