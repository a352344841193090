// The AWS CLI importer's entry points: reading files, deciding their scope, and dispatching on
// each response's top-level keys (design.md "Inputs" 1).
#include "aws_import.hpp"
#include "design_rules.hpp"
#include "input_limits.hpp"
#include "parse_ahead.hpp"

#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/model/region.hpp>
#include "aws_keys.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <future>
#include <iterator>
#include <limits>
#include <memory>
#include <numeric>
#include <regex>
#include <set>
#include <sstream>
#include <unordered_set>

namespace vpcsim {

namespace detail::aws {

namespace k = aws_keys;
namespace fs = std::filesystem;

namespace {

struct handler {
  std::string_view key;
  void (*read)(reader&);
};

constexpr handler handlers[] = {
    {k::vpcs, read_vpc},
    {k::subnets, read_subnet},
    {k::route_tables, read_route_table},
    {k::security_groups, read_security_group},
    {k::network_acls, read_network_acl},
    {k::internet_gateways, read_internet_gateway},
    {k::egress_only_internet_gateways, read_egress_only_internet_gateway},
    {k::nat_gateways, read_nat_gateway},
    {k::vpn_gateways, read_vpn_gateway},
    {k::vpc_endpoints, read_vpc_endpoint},
    {k::reservations, read_reservation},
    {k::network_interfaces, read_network_interface},
    {k::prefix_lists, read_prefix_list},
    {k::managed_prefix_lists, read_prefix_list},
    {k::vpc_peering_connections, read_peering_connection},
    {k::transit_gateways, read_transit_gateway},
    {k::transit_gateway_attachments, read_transit_gateway_attachment},
    {k::transit_gateway_vpc_attachments, read_transit_gateway_vpc_attachment},
    {k::transit_gateway_route_tables, read_transit_gateway_route_table},
    {k::transit_gateway_static_routes, read_transit_gateway_static_routes},
    {k::transit_gateway_propagations, read_transit_gateway_propagations},
    {k::addresses, read_address},
    {k::dhcp_options, read_dhcp_options},
    {k::hosted_zones, read_listed_hosted_zone},
    {k::resolver_endpoints, read_resolver_endpoint},
    {k::resolver_rules, read_resolver_rule},
    {k::resolver_rule_associations, read_resolver_rule_association},
};

bool is_unsupported(std::string_view key) {
  // `Instances` alone is describe-classic-link-instances; describe-instances nests them in
  // `Reservations`. Load balancer and Direct Connect responses come under several keys each.
  if (key == k::instances || key.starts_with("LoadBalancer") || key.starts_with("DirectConnect"))
    return true;
  return std::find(k::unsupported_top_level.begin(), k::unsupported_top_level.end(), key) !=
         k::unsupported_top_level.end();
}

// describe-vpc-attribute answers `{"VpcId": …, "EnableDnsSupport": {"Value": …}}`.
constexpr std::string_view attribute_keys[] = {k::enable_dns_support, k::enable_dns_hostnames,
                                               k::enable_network_address_usage_metrics};

bool is_attribute_document(json doc) {
  if (!doc.contains(k::vpc_id)) return false;
  return std::any_of(std::begin(attribute_keys), std::end(attribute_keys),
                     [&](std::string_view key) { return doc.contains(key); });
}

const std::string region_text =
    "[a-z]{2,4}(?:-(?:gov|iso[a-z]?|[a-z]{2}))?-"
    "(?:central|north|south|east|west|northeast|northwest|southeast|southwest)-[0-9]{1,2}";

bool is_region(const std::string& s) {
  static const std::regex re(region_text);
  return std::regex_match(s, re);
}

bool is_account(const std::string& s) {
  return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// `Subnets-us-west-2.json` names its region (corpus snapshot ipsec-vpn-host-aws-cisco).
std::string region_of_file_name(const fs::path& file) {
  static const std::regex re("(?:^|-)(" + region_text + ")$");
  std::string stem = file.stem().string();
  std::smatch m;
  return std::regex_search(stem, m, re) ? m[1].str() : std::string{};
}

/// What a document says about where it was captured: zones' regions and owners' accounts.
struct hints {
  std::set<std::string> regions;
  std::set<std::string> owners;

  void add(const hints& o) {
    regions.insert(o.regions.begin(), o.regions.end());
    owners.insert(o.owners.begin(), o.owners.end());
  }
};

// A string's value from its raw bytes between the quotes (escapes decoded).
std::optional<std::string> unescaped(std::string_view raw) {
  if (raw.find('\\') == std::string_view::npos) return std::string(raw);
  try {
    return nlohmann::json::parse("\"" + std::string(raw) + "\"").get<std::string>();
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

/// The one rule of scope hints, for a string value at `path` (`value()` gives it, decoded, only
/// when the path matches): the `OwnerId` of a top-level element, the `AvailabilityZone` of a
/// subnet or a network interface, and the `Placement.AvailabilityZone` of an instance in
/// `Reservations`.
template <class Value>
void add_hint(hints& h, std::span<const detail::json_scan_level> path, Value&& value) {
  auto is_key = [&](std::size_t d, std::string_view k) { return path[d].object && path[d].key == k; };
  auto add_zone = [&] {
    if (auto v = value())
      if (auto r = region_of_zone(*v); !r.empty()) h.regions.insert(r);
  };
  if (path.size() < 3 || !path[0].object || path[1].object || !path[2].object) return;
  if (path.size() == 3 && path[2].key == k::owner_id) {
    if (auto v = value(); v && is_account(*v)) h.owners.insert(*v);
  } else if (path.size() == 3 && path[2].key == k::availability_zone &&
             (path[0].key == k::subnets || path[0].key == k::network_interfaces)) {
    add_zone();
  } else if (path.size() == 6 && is_key(0, k::reservations) && is_key(2, k::instances) && !path[3].object &&
             is_key(4, k::placement) && is_key(5, k::availability_zone)) {
    add_zone();
  }
}

// Hints from the text scan, which sees raw strings.
detail::json_string_visitor hint_collector(hints& h) {
  return [&h](std::span<const detail::json_scan_level> path, std::string_view raw) {
    add_hint(h, path, [raw] { return unescaped(raw); });
  };
}

std::string only(const std::set<std::string>& s) { return s.size() == 1 ? *s.begin() : std::string{}; }

/// The scope a path gives: the deepest region-named and 12-digit levels, and the file name.
void scope_from_path(const fs::path& file, file_context& ctx) {
  for (const auto& part : file.parent_path()) {
    auto s = part.string();
    if (is_region(s)) ctx.where.region = s;
    if (is_account(s)) {
      ctx.where.account = s;
      ctx.account_from_path = true;
    }
  }
  if (auto r = region_of_file_name(file); !r.empty()) ctx.where.region = r;
}

/// Whether a file's scope needs hints from its text: unless its path gave both the region and the
/// account (`ACCOUNT/REGION/`, as `vpcsim capture` writes).
bool needs_hints(const file_context& from_path) {
  return from_path.where.region.empty() || !from_path.account_from_path;
}

/// Region: the path's, else the file's zones', else the snapshot's zones', else `--region`.
void complete_scope(file_context& ctx, const hints& file, const hints& snapshot,
                    const load_options& options) {
  if (ctx.where.region.empty()) ctx.where.region = only(file.regions);
  if (ctx.where.region.empty()) ctx.where.region = only(snapshot.regions);
  if (ctx.where.region.empty()) ctx.where.region = options.region;
  ctx.default_account = only(snapshot.owners);
}

void read_elements(importer& imp, file_context& ctx, json arr, std::string_view key, void (*read)(reader&)) {
  const std::string base = child_pointer("", key);
  arr.each_element([&](std::size_t i, json el) {
    if (!el.is_object()) {
      imp.report(messages::wrong_type({ctx.file, child_pointer(base, i), ""},
                                      "each element of '" + std::string(key) + "'", "an object", json_type_name(el)));
      return;
    }
    bool failed = false;
    reader r(imp, ctx, el, base, i, failed);
    read(r);
  });
}

void read_dns_attributes(importer& imp, file_context& ctx, json doc) {
  bool failed = false;
  reader r(imp, ctx, doc, "", "", failed);
  auto v = r.id(k::vpc_id, "vpc");
  dns_attribute_doc d{r.at(), vpc_id{v.value_or("")}, {}, {}};
  if (auto s = r.child(k::enable_dns_support)) d.support = s->boolean(k::value, true);
  if (auto h = r.child(k::enable_dns_hostnames)) d.hostnames = h->boolean(k::value, true);
  if (!failed) imp.dns_attributes.push_back(std::move(d));
}

// get-managed-prefix-list-entries answers `{"Entries": [{"Cidr": …}]}` without naming the
// list: tie it through a `PrefixListId` beside it, a `pl-…` file name, or the one list in
// the same document.
void read_prefix_list_entries(importer& imp, file_context& ctx, json doc) {
  bool failed = false;
  reader r(imp, ctx, doc, "", "", failed);
  prefix_list_entries_doc d;
  if (auto id = r.string(k::prefix_list_id)) d.list = prefix_list_id{*id};
  static const std::regex pl_re("pl-[0-9a-f]+");
  std::smatch m;
  std::string name = fs::path(ctx.file).filename().string();
  if (!d.list && std::regex_search(name, m, pl_re)) d.list = prefix_list_id{m.str()};
  for (auto key : {k::prefix_lists, k::managed_prefix_lists}) {
    auto lists = doc.find(key);
    if (d.list || !lists || !lists->is_array() || lists->size() != 1) continue;
    lists->each_element([&](std::size_t, json list) {
      if (auto id = list.find(k::prefix_list_id); id && id->is_string()) d.list = prefix_list_id{std::string(id->string())};
    });
  }
  r.set_resource(d.list ? label("prefix-list", d.list->value) : "");
  d.at = r.at(k::entries);
  r.each(k::entries, [&](reader& e) {
    auto text = e.string(k::cidr, true);
    e.get(k::description);
    if (!text) return;
    if (text->find(':') != std::string::npos) {
      if (auto c = e.parse_cidr6(*text, e.at(k::cidr), k::cidr)) d.ipv6_cidrs.push_back(*c);
    } else if (auto c = e.parse_cidr4(*text, e.at(k::cidr), k::cidr)) {
      d.cidrs.push_back(*c);
    }
  }, true);
  if (!failed) imp.prefix_list_entries.push_back(std::move(d));
}

// nlohmann quotes the bytes it stopped at; keep the message printable whatever the file holds.
std::string printable(const std::string& s) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f) out += static_cast<char>(c);
    else {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// The checks before parsing: not blank, not too deep, no key twice; and the scope hints, when
// `found` is given, from the same scan.
std::optional<diagnostic> check_text(const std::string& text, const std::string& file, const limits& lim,
                                     hints* found) {
  if (std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); }))
    return messages::empty_input(file);
  auto bad = found ? detail::structure_problem(text, lim.max_json_depth, hint_collector(*found))
                   : detail::structure_problem(text, lim.max_json_depth);
  if (!bad) return std::nullopt;
  switch (bad->what) {
    case detail::json_structure_problem::kind::too_deep: return messages::too_deep(file, bad->message);
    case detail::json_structure_problem::kind::duplicate_key:
      return messages::duplicate_key(file, bad->pointer, bad->message);
    case detail::json_structure_problem::kind::binary: break;
  }
  return messages::not_json(file, bad->message);
}

/// A capture parsed: its simdjson document and root (a view into it), or nothing.
struct parsed_document {
  std::unique_ptr<simdjson::dom::document> doc;
  json root;
};

// Whether the keys of one object are all different once decoded. Up to 64 keys go to a table of
// 128 slots, cleared by a new generation per object; more (rare) to a hash set.
class key_table {
 public:
  bool all_different(simdjson::dom::object o) {
    if (o.size() > 64) {
      big_.clear();
      for (const auto& kv : o)
        if (!big_.insert(kv.key).second) return false;
      return true;
    }
    ++generation_;
    for (const auto& kv : o) {
      std::size_t at = hash(kv.key) & (slots - 1);
      for (; stamp_[at] == generation_; at = (at + 1) & (slots - 1))
        if (key_[at] == kv.key) return false;
      stamp_[at] = generation_;
      key_[at] = kv.key;
    }
    return true;
  }

 private:
  static constexpr std::size_t slots = 128;
  // The length and up to 16 bytes, the first eight and the last eight: AWS's keys differ there.
  static std::size_t hash(std::string_view k) {
    std::uint64_t head = 0, tail = 0;
    std::memcpy(&head, k.data(), std::min<std::size_t>(k.size(), 8));
    const std::size_t rest = k.size() > 8 ? std::min<std::size_t>(k.size() - 8, 8) : 0;
    std::memcpy(&tail, k.data() + k.size() - rest, rest);
    std::uint64_t h = (head ^ (tail * 0x9e3779b97f4a7c15ULL) ^ k.size()) * 0xff51afd7ed558ccdULL;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
  std::array<std::uint64_t, slots> stamp_{};
  std::array<std::string_view, slots> key_{};
  std::uint64_t generation_ = 0;
  std::unordered_set<std::string_view> big_;
};

// Whether a parsed document nests deeper than `max_depth` arrays and objects, or has an object
// with two keys equal once decoded: then, and only then, the text scan (check_text), which words
// these problems, may find one in a text simdjson parsed. It compares keys decoded, so it flags
// `"a"` beside `"\u0061"`, which the scan, comparing them as written, lets pass. Without
// recursion: the walk keeps its own stack.
bool may_have_structure_problem(simdjson::dom::element root, std::size_t max_depth) {
  using simdjson::dom::element_type;
  struct level {
    bool object;
    simdjson::dom::object::iterator field, fields_end;
    simdjson::dom::array::iterator element, elements_end;
  };
  std::vector<level> open;
  key_table keys;
  auto enter = [&](simdjson::dom::element e) {  // false on a problem
    const auto type = e.type();
    if (type != element_type::OBJECT && type != element_type::ARRAY) return true;
    if (open.size() >= max_depth) return false;
    if (type == element_type::ARRAY) {
      auto a = e.get_array().value_unsafe();
      open.push_back(level{false, {}, {}, a.begin(), a.end()});
      return true;
    }
    auto o = e.get_object().value_unsafe();
    if (!keys.all_different(o)) return false;
    open.push_back(level{true, o.begin(), o.end(), {}, {}});
    return true;
  };
  if (!enter(root)) return true;
  while (!open.empty()) {
    level& l = open.back();
    simdjson::dom::element next;
    if (l.object ? l.field == l.fields_end : l.element == l.elements_end) {
      open.pop_back();
      continue;
    }
    if (l.object) next = (l.field++).value();
    else next = *(l.element++);
    if (!enter(next)) return true;
  }
  return false;
}

// The simdjson DOM of a capture's text, or why there is none. Unless `scanned` (check_text found
// nothing in this text already), the text scan runs only where it may find something: on a text
// simdjson refused, or one `may_have_structure_problem` flags. A text with no problem is so
// checked without a second pass over its bytes, and every problem is still worded by the scan.
// Each thread has its own parser; the document owns its memory, so several stay alive while the
// next files parse.
parsed_document parse_capture(const std::string& text, const std::string& file, const limits& lim, bool scanned,
                              std::vector<diagnostic>& problems) {
  auto scan = [&] {
    if (scanned) return false;
    scanned = true;
    if (auto problem = check_text(text, file, lim, nullptr)) {
      problems.push_back(std::move(*problem));
      return true;
    }
    return false;
  };
  thread_local simdjson::dom::parser parser;
  const std::size_t depth = std::max<std::size_t>(simdjson::DEFAULT_MAX_DEPTH, lim.max_json_depth + 1);
  if (parser.max_depth() < depth && parser.allocate(std::max(parser.capacity(), text.size()), depth)) {
    if (!scan())
      problems.push_back(messages::too_deep(file, "no memory to parse " + std::to_string(lim.max_json_depth) + " levels"));
    return {};
  }
  parsed_document out;
  out.doc = std::make_unique<simdjson::dom::document>();
  auto parse = [&](const std::string& t) {
    const bool padded = t.capacity() - t.size() >= simdjson::SIMDJSON_PADDING;
    return parser.parse_into_document(*out.doc, t.data(), t.size(), !padded);
  };
  auto root = parse(text);
  if (!root.error()) {
    if (!scanned && may_have_structure_problem(root.value_unsafe(), lim.max_json_depth) && scan()) return {};
    out.root = json(root.value_unsafe());
    return out;
  }
  if (scan()) return {};
  // simdjson refuses integers beyond 64 bits, which JSON allows and the readers report as bad
  // values (a port of 2^64): read through nlohmann, which keeps them as doubles, and parse its
  // text. It also words the reason for bad syntax, with a line and column.
  try {
    const std::string rewritten = nlohmann::json::parse(text).dump();
    root = parse(rewritten);
    if (!root.error()) {
      out.root = json(root.value_unsafe());
      return out;
    }
    problems.push_back(messages::not_json(file, simdjson::error_message(root.error())));
  } catch (const nlohmann::json::exception& e) {  // bad syntax, or a number out of range
    // Keep nlohmann's position and reason, drop its own `[json.exception…]` prefix.
    std::string what = e.what();
    auto close = what.find("] ");
    problems.push_back(messages::not_json(file, printable(close == std::string::npos ? what : what.substr(close + 2))));
  }
  out.doc.reset();
  return out;
}

}  // namespace

void importer::read_document(json doc, file_context& ctx) {
  if (!doc.is_object()) {
    report(messages::wrong_type({ctx.file, "", ""}, "the document", "an object", json_type_name(doc)));
    return;
  }
  if (!doc.empty()) saw_anything_ = true;
  bool attribute = is_attribute_document(doc);
  if (attribute) read_dns_attributes(*this, ctx, doc);
  // Top-level keys in sorted order, as a parsed object's keys always came (the order findings
  // are reported in).
  std::vector<std::pair<std::string_view, json>> keys;
  doc.each_field([&](std::string_view key, json value) { keys.emplace_back(key, value); });
  std::stable_sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [key, value] : keys) {
    location at{ctx.file, child_pointer("", key), ""};
    if (attribute && (key == k::vpc_id || std::find(std::begin(attribute_keys), std::end(attribute_keys), key) !=
                                              std::end(attribute_keys)))
      continue;
    const std::string_view name = key;  // clang 14 lambdas cannot capture a structured binding
    auto h = std::find_if(std::begin(handlers), std::end(handlers), [&](const handler& x) { return x.key == name; });
    const bool paging = std::find(k::paging.begin(), k::paging.end(), name) != k::paging.end();
    const bool route53 = key == k::hosted_zone || key == k::vpcs_of_zone || key == k::resource_record_sets ||
                         (key == k::hosted_zone_id && doc.contains(k::resource_record_sets));
    const bool known = h != std::end(handlers) || key == k::entries || key == k::prefix_list_id || is_unsupported(key) ||
                       route53;
    if (paging) continue;  // list-* answers' paging fields say nothing about resources
    recognised_ = recognised_ || known || attribute;
    if (!known && detail::design::is_design_key(key)) looks_like_design_ = true;
    if (h != std::end(handlers)) {
      if (!value.is_array())
        report(messages::wrong_type(at, "'" + std::string(key) + "'", "an array", json_type_name(value)));
      else
        read_elements(*this, ctx, value, h->key, h->read);
    } else if (key == k::hosted_zone) {
      read_hosted_zone_document(*this, ctx, doc);
    } else if (key == k::resource_record_sets) {
      read_record_sets_document(*this, ctx, doc);
    } else if (route53) {
      continue;  // read with the document's HostedZone or ResourceRecordSets
    } else if (key == k::entries) {
      read_prefix_list_entries(*this, ctx, doc);
    } else if (key == k::prefix_list_id && doc.contains(k::entries)) {
      continue;  // names the list of the entries beside it
    } else if (is_unsupported(key)) {
      report(messages::unsupported_resource(at, key));
    } else {
      report(messages::unknown_key(at, key));
    }
  }
}

void importer::report_if_nothing_read(const std::string& input_label) {
  if (!saw_anything_) report(messages::empty_input(input_label));
  else if (!recognised_) report(messages::not_recognised(input_label, looks_like_design_));
}

}  // namespace detail::aws

load_result load_aws_cli(const std::filesystem::path& input, const load_options& options) {
  namespace fs = std::filesystem;
  using namespace detail::aws;
  importer imp(options);
  const std::string input_label = input.generic_string();
  std::error_code ec;
  auto status = fs::status(input, ec);
  if (ec || !fs::exists(status)) {
    imp.report(messages::unreadable(input_label, std::generic_category().message(
                                                     ec ? ec.value() : static_cast<int>(std::errc::no_such_file_or_directory))));
    return imp.take();
  }

  std::vector<fs::path> files;
  if (fs::is_directory(status)) {
    for (auto it = fs::recursive_directory_iterator(input, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
      if (it->path().extension() == ".json" && !it->is_directory()) files.push_back(it->path());
    if (ec) {
      imp.report(messages::unreadable(input_label, ec.message()));
      return imp.take();
    }
    std::sort(files.begin(), files.end(),
              [](const fs::path& a, const fs::path& b) { return a.generic_string() < b.generic_string(); });
  } else {
    files.push_back(input);
  }
  return load_aws_cli_files(files, input_label, options);
}

load_result load_aws_cli_files(std::span<const std::filesystem::path> files, const std::string& input_label,
                               const load_options& options) {
  namespace fs = std::filesystem;
  using namespace detail::aws;
  importer imp(options);
  if (files.empty()) {
    imp.report(messages::empty_input(input_label));
    return imp.take();
  }

  // Two passes. The first reads and checks the files of each directory whose path leaves the
  // region or the account open (on both cores), and gathers, from the same linear scan, the scope
  // hints of that directory (a snapshot). The second parses each good file once, on both threads,
  // ahead of the reading and within a memory budget (parse_ahead.hpp), checking there the files
  // the first pass left, and reads it on this one with its directory's hints. Findings come in
  // file order whatever the threads do.
  struct checked {
    fs::path path;
    hints found;
    std::size_t size = 0;
    bool scanned = false;    // by the first pass, which found no problem
    std::size_t digest = 0;  // of the text scanned, to see a file changed since
    std::size_t position = 0;  // in `files`
  };
  std::vector<checked> good;
  // The first pass's findings, by position in `files`: reported in file order with the second's.
  std::vector<std::pair<std::size_t, diagnostic>> refused;
  std::size_t bad = 0;
  std::map<std::string, hints> snapshots;  // by directory
  // A directory whose path gives every file its region and account (`ACCOUNT/REGION/`, as
  // `vpcsim capture` writes) needs no hints: its files are checked when parsed, read once.
  std::set<fs::path> need_hints;
  for (const auto& f : files) {
    file_context from_path;
    scope_from_path(f, from_path);
    if (needs_hints(from_path)) need_hints.insert(f.parent_path());
  }
  auto file_problem = [&](const fs::path& f, std::size_t& size) -> std::optional<diagnostic> {
    bool too_large = false;
    auto problem = detail::input_file_problem(f, options.limits, too_large);
    if (!problem) {
      std::error_code ec;
      size = static_cast<std::size_t>(fs::file_size(f, ec));
      if (ec) problem = ec.message();
    }
    if (!problem) return std::nullopt;
    return too_large ? messages::too_large(f.generic_string(), *problem)
                     : messages::unreadable(f.generic_string(), *problem);
  };
  auto read_text = [&](const fs::path& f, std::string& text) -> std::optional<diagnostic> {
    std::size_t size = 0;
    auto problem = file_problem(f, size);
    if (!problem)
      if (auto reason = detail::read_input_file(f, text)) problem = messages::unreadable(f.generic_string(), *reason);
    return problem;
  };
  // The first pass on both cores: each file on its own, gathered in file order after.
  struct first_look {
    checked c;
    std::optional<diagnostic> problem;
  };
  std::vector<first_look> looks(files.size());
  std::atomic<std::size_t> next_file{0};
  auto look = [&] {
    for (std::size_t i; (i = next_file++) < files.size();) {
      auto& l = looks[i];
      l.c.path = files[i];
      if (!need_hints.contains(files[i].parent_path())) {
        l.problem = file_problem(files[i], l.c.size);
        continue;
      }
      std::string text;
      l.problem = read_text(files[i], text);
      if (!l.problem) l.problem = check_text(text, files[i].generic_string(), options.limits, &l.c.found);
      l.c.size = text.size();
      l.c.scanned = true;
      l.c.digest = std::hash<std::string>{}(text);
    }
  };
  {
    auto helper = std::async(std::launch::async, look);
    look();
    helper.get();
  }
  for (std::size_t i = 0; i < looks.size(); ++i) {
    auto& l = looks[i];
    l.c.position = i;
    if (l.problem) {
      refused.emplace_back(i, std::move(*l.problem));
      ++bad;
      continue;
    }
    snapshots[l.c.path.parent_path().generic_string()].add(l.c.found);
    good.push_back(std::move(l.c));
  }
  looks.clear();

  struct parsed {
    parsed_document doc;
    std::vector<diagnostic> problems;
  };
  auto parse_file = [&](const checked& c) {
    parsed p;
    std::string text;
    const std::string file = c.path.generic_string();
    if (auto problem = read_text(c.path, text)) {  // changed since the first pass looked: says so
      p.problems.push_back(std::move(*problem));
      return p;
    }
    const bool scanned = c.scanned && text.size() == c.size && std::hash<std::string>{}(text) == c.digest;
    p.doc = parse_capture(text, file, options.limits, scanned, p.problems);
    return p;
  };
  // The text alive as DOMs (about 5 bytes of DOM per byte of text): room for two of the largest
  // files (the one read, the next parsing), at least 12 MiB. With less, the largest files are
  // parsed one at a time (`huge`: 9.3 MB files, import 60 s -> 38 s). On `enterprise` (largest
  // file 4.6 MB) the peak stays at 2.4x the input.
  std::vector<std::size_t> sizes;
  for (const auto& c : good) sizes.push_back(c.size);
  const std::size_t largest = sizes.empty() ? 0 : *std::max_element(sizes.begin(), sizes.end());
  const std::size_t parse_budget = std::max(std::size_t{12} << 20, 2 * largest);
  imp.expect_input(std::accumulate(sizes.begin(), sizes.end(), std::size_t{0}));
  detail::parse_ahead<parsed> ahead(std::move(sizes), parse_budget,
                                    [&](std::size_t i) { return parse_file(good[i]); });
  auto next_refused = refused.begin();
  auto report_refused_before = [&](std::size_t position) {
    for (; next_refused != refused.end() && next_refused->first < position; ++next_refused)
      imp.report(std::move(next_refused->second));
  };
  for (std::size_t i = 0; i < good.size(); ++i) {
    report_refused_before(good[i].position);
    parsed p = ahead.take(i);
    for (auto& d : p.problems) imp.report(std::move(d));
    if (p.doc.doc) {
      const auto& l = good[i];
      file_context ctx;
      ctx.file = l.path.generic_string();
      scope_from_path(l.path, ctx);
      complete_scope(ctx, l.found, snapshots[l.path.parent_path().generic_string()], options);
      imp.read_document(p.doc.root, ctx);
    } else {
      ++bad;
    }
    ahead.give_back(i, std::move(p));
  }
  report_refused_before(files.size());
  if (bad == 0) imp.report_if_nothing_read(input_label);
  imp.finish();
  return imp.take();
}

namespace detail::aws {
namespace {

/// A text given in memory (a document written out, standard input), checked, scanned and parsed
/// as a file's is, so one reader serves every capture. True when it held a JSON object.
bool read_in_memory(importer& imp, std::string text, file_context& ctx, const hints& snapshot, const load_options& options) {
  hints found;
  const bool scan_first = needs_hints(ctx);
  if (scan_first)
    if (auto problem = check_text(text, ctx.file, options.limits, &found)) {
      imp.report(std::move(*problem));
      return false;
    }
  complete_scope(ctx, found, snapshot.regions.empty() && snapshot.owners.empty() ? found : snapshot, options);
  std::vector<diagnostic> problems;
  text.reserve(text.size() + simdjson::SIMDJSON_PADDING);
  auto p = parse_capture(text, ctx.file, options.limits, scan_first, problems);
  for (auto& d : problems) imp.report(std::move(d));
  if (!p.doc) return false;
  imp.read_document(p.root, ctx);
  return p.root.is_object();
}

hints hints_of(const nlohmann::json& document) {
  hints h;
  (void)detail::structure_problem(document.dump(), std::numeric_limits<std::size_t>::max(), hint_collector(h));
  return h;
}

}  // namespace
}  // namespace detail::aws

load_result load_aws_cli(const nlohmann::json& document, const std::string& file, const load_options& options) {
  using namespace detail::aws;
  importer imp(options);
  file_context ctx;
  ctx.file = file;
  scope_from_path(std::filesystem::path(file), ctx);
  read_in_memory(imp, document.dump(), ctx, hints{}, options);
  if (document.is_object()) imp.report_if_nothing_read(file);
  imp.finish();
  return imp.take();
}

load_result load_aws_cli_text(std::string_view text, const std::string& file, const load_options& options) {
  using namespace detail::aws;
  importer imp(options);
  file_context ctx;
  ctx.file = file;
  scope_from_path(std::filesystem::path(file), ctx);
  if (read_in_memory(imp, std::string(text), ctx, hints{}, options)) imp.report_if_nothing_read(file);
  imp.finish();
  return imp.take();
}

load_result load_aws_cli(const std::vector<std::pair<std::string, nlohmann::json>>& documents,
                         const load_options& options) {
  using namespace detail::aws;
  importer imp(options);
  hints all;
  for (const auto& [file, document] : documents) all.add(hints_of(document));
  for (const auto& [file, document] : documents) {
    file_context ctx;
    ctx.file = file;
    scope_from_path(std::filesystem::path(ctx.file), ctx);
    read_in_memory(imp, document.dump(), ctx, all, options);
  }
  imp.report_if_nothing_read(documents.empty() ? "no documents" : documents.front().first);
  imp.finish();
  return imp.take();
}

}  // namespace vpcsim
