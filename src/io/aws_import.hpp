#pragma once
// Internals of the AWS CLI importer shared by src/io/aws_*.cpp (not installed): the message
// factories, the run state, and a reader that type-checks fields and remembers which it read.

#include "aws_json.hpp"
#include "json_pointer.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/model/network.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace vpcsim::detail::aws {

using json = json_value;

/// Where a finding is: the file, a JSON pointer in it and the resource (`subnet subnet-0abc`).
struct location {
  std::string file;
  std::string pointer;
  std::string resource;
};


/// Every message of the importer and of the validation after it, in one place (style point 8).
/// `bad_value`, `bad_policy` and `wrong_type` take the object's location and point at its field;
/// `bad_cidr`, `non_canonical_cidr` and `bad_address` take the value's own location.
namespace messages {
diagnostic unreadable(const std::string& file, const std::string& reason);
diagnostic not_json(const std::string& file, const std::string& parse_error);
diagnostic empty_input(const std::string& file);
diagnostic not_recognised(const std::string& file, bool looks_like_design);
diagnostic too_large(const std::string& file, const std::string& reason);
diagnostic too_deep(const std::string& file, const std::string& reason);
diagnostic duplicate_key(const std::string& file, const std::string& pointer, const std::string& problem);
diagnostic wrong_type(const location& at, std::string_view what, std::string_view expected,
                      std::string_view found);
diagnostic missing_field(const location& at, std::string_view key);
/// The same, saying when the field may be absent (`why`).
diagnostic missing_field(const location& at, std::string_view key, const std::string& why);
diagnostic bad_cidr(const location& at, std::string_view key, std::string_view text);
diagnostic non_canonical_cidr(const location& at, std::string_view key, std::string_view text,
                              const std::string& canonical);
diagnostic bad_address(const location& at, std::string_view key, std::string_view text);
diagnostic bad_value(const location& at, std::string_view key, std::string_view text,
                     std::string_view expected);
diagnostic duplicate_id(const location& at, const location& first);
diagnostic bad_policy(const location& at, std::string_view key, const std::string& problem);
diagnostic unsupported_resource(const location& at, std::string_view key);
diagnostic unsupported_value(const location& at, std::string_view what);
diagnostic unknown_key(const location& at, std::string_view key);
diagnostic unknown_field(const location& at, std::string_view resource_type, std::string_view key);
diagnostic unknown_state(const location& at, std::string_view key, const std::string& warning);
diagnostic route_without_target(const location& at, const std::string& destination);
diagnostic orphan_data(const location& at, const std::string& what);

diagnostic missing_vpc(const location& at, const vpc_id& v);
diagnostic missing_subnet(const location& at, const subnet_id& s);
diagnostic missing_route_target(const location& at, const route& r);
diagnostic no_main_route_table(const location& at);
diagnostic no_default_network_acl(const location& at);
diagnostic multiple_main_route_tables(const location& at, const route_table_id& a,
                                      const route_table_id& b);
diagnostic multiple_main_associations(const location& at, std::size_t count);
diagnostic multiple_default_network_acls(const location& at, const network_acl_id& a,
                                         const network_acl_id& b);
diagnostic multiple_route_table_associations(const location& at, const route_table_id& a,
                                             const route_table_id& b);
/// A request AWS would refuse (model/creation_rules.hpp), seen in a capture: `vpcsim.validate.CODE`, a warning.
diagnostic aws_would_refuse(const location& at, const std::string& code, const std::string& message);
diagnostic instance_without_interface(const location& at);
diagnostic interface_in_two_subnets(const location& at, const subnet_id& a, const location& first,
                                    const subnet_id& b);
diagnostic prefix_list_without_entries(const location& at, const prefix_list& p, const std::string& used_by);
diagnostic missing_prefix_list(const location& at, const prefix_list_id& p);
diagnostic address_outside_subnet(const location& at, const network_interface& e, const address4& a,
                                  const subnet& s);
}  // namespace messages

/// A resource's label in messages: `subnet subnet-0abc`, or the kind alone when the id is unknown.
std::string label(std::string_view kind, std::string_view id);

/// One input file being read.
struct file_context {
  static constexpr std::uint32_t no_index = static_cast<std::uint32_t>(-1);
  std::string file;        ///< as shown in messages
  std::uint32_t index = no_index;  ///< in the importer's file names, once a resource is defined here
  scope where;             ///< region from the path, the file name, the zones, or the options
  bool account_from_path = false;
  std::string default_account;  ///< the one owner id seen beside this file, if unique
  std::set<std::pair<std::string, std::string>> reported_fields;  ///< (type, field) warned
};

/// Where a resource was first defined, to report duplicates and to locate validation findings.
/// Kept for every resource until import ends, so lean: the file and the scope are indexes into the
/// importer's file names and scopes, and the resource is the key it is kept under.
struct provenance {
  std::uint32_t file = 0;
  std::uint32_t where = 0;  ///< the resource's account and region, an index into the importer's scopes
  std::string pointer;
  std::string_view top_key;
};

/// Data that can only be applied once every file is read.
struct dns_attribute_doc {
  location at;
  vpc_id vpc;
  std::optional<bool> support;
  std::optional<bool> hostnames;
};
struct tgw_routes_doc {
  location at;
  transit_gateway_route_table_id table;
  std::vector<transit_gateway_route> routes;
};
struct tgw_propagations_doc {
  location at;
  transit_gateway_route_table_id table;
  std::vector<transit_gateway_attachment_id> attachments;
};
struct prefix_list_entries_doc {
  location at;
  std::optional<prefix_list_id> list;
  std::vector<cidr4> cidrs;
  std::vector<cidr6> ipv6_cidrs;
};
struct elastic_ip {
  location at;
  address4 public_ip;
  std::optional<network_interface_id> eni;
  std::optional<instance_id> instance;
  std::optional<address4> private_ip;
};
struct instance_interfaces {
  location at;
  std::vector<network_interface> interfaces;  ///< from `Instances[].NetworkInterfaces[]`
  std::vector<std::string> pointers;          ///< where each of `interfaces` is, in `at.file`
};

/// Route 53 data merged per zone after every file: list-hosted-zones, get-hosted-zone (`VPCs`)
/// and list-resource-record-sets each say part of a zone.
struct hosted_zone_doc {
  location at;
  hosted_zone zone;
};
struct record_sets_doc {
  location at;
  hosted_zone_id zone;
  std::vector<dns_record> records;
};
struct resolver_association_doc {
  location at;
  resolver_rule_id rule;
  vpc_id vpc;
  state_of<resolver_association_status> status = "COMPLETE";
};

class reader;

/// The state of one import run.
class importer {
 public:
  explicit importer(const load_options& options) : options_(options) {}

  /// Records a finding; in strict mode an error is thrown as an `import_error`.
  void report(diagnostic d);
  const load_options& options() const noexcept { return options_; }

  /// Reads one parsed document (a describe-* response or a merged bundle).
  void read_document(json doc, file_context& ctx);
  /// Applies deferred data and validates the whole network; call once, after every document.
  void finish();

  /// Adds the resource `r` read unless its id is already defined in the same scope; records where
  /// it is defined (`r`'s file and JSON pointer).
  template <class T>
  void add(T&& resource, reader& r, std::string_view top_key);
  /// The same for a resource defined at `at` (data merged after every file).
  template <class T>
  void add(T resource, const location& at, std::string_view top_key) {
    add_defined(std::move(resource), at.resource, file_index(at.file), [&] { return at; }, [&] { return at.pointer; },
                top_key);
  }

  /// The result: the network, the diagnostics, and where each resource is defined (its file and
  /// JSON pointer, `/SecurityGroups/3`; line and column are left to the SARIF writer, which reads
  /// the file again only when a finding needs them).
  load_result take();
  bool saw_anything() const noexcept { return saw_anything_; }
  /// Room for the resources of `bytes` of captures (about 870 bytes of describe-* responses per
  /// resource on `enterprise`; room for twice that many), so that the definitions are not
  /// rehashed as they grow. More resources only rehash.
  void expect_input(std::size_t bytes) { defined_.reserve(bytes / 512); }
  /// After every document: an input with no describe-* response and no error is an error of its
  /// own (empty, or only unknown keys), never a silent empty network.
  void report_if_nothing_read(const std::string& input_label);

  std::vector<dns_attribute_doc> dns_attributes;
  std::vector<tgw_routes_doc> tgw_routes;
  std::vector<tgw_propagations_doc> tgw_propagations;
  std::vector<prefix_list_entries_doc> prefix_list_entries;
  std::vector<elastic_ip> elastic_ips;
  std::map<instance_id, instance_interfaces> instance_enis;
  std::vector<hosted_zone_doc> hosted_zone_docs;
  std::vector<record_sets_doc> record_sets;
  std::vector<resolver_association_doc> resolver_associations;

  /// Where an instance's copy of an interface is: the instance's location, and the copy's JSON
  /// pointer in the same file.
  using copy_location = std::function<std::pair<location, std::string>()>;
  /// An interface as its instance lists it, `where()` (asked only when a message or a definition
  /// needs it): compared with the describe-network-interfaces copy when there is one, else added
  /// (unless `known_only`, which leaves it to the caller and answers false).
  bool add_instance_interface(const network_interface& e, const copy_location& where, bool known_only = false);

 private:
  void apply_deferred();
  /// Merges the Route 53 documents into zones, and Resolver rule associations into rules (aws_dns.cpp).
  void apply_dns();
  void validate();
  location where_defined(const std::string& resource) const;
  // Where each resource is defined, by its id (`load_result::locations`).
  std::map<std::string, source_location> locations() const;
  // `add`: `at()` makes the location of `id` for a message, `pointer()` its JSON pointer.
  template <class T, class At, class Pointer>
  void add_defined(T&& resource, const std::string& id, std::uint32_t file, At&& at, Pointer&& pointer,
                   std::string_view top_key);
  // By label (`subnet subnet-0abc`), hashed: AWS ids are random, and a tree of a million of them
  // costs a string comparison and a cache miss per level on every insert. `locations()` orders them.
  using definitions = std::unordered_map<std::string, provenance>;
  std::uint32_t file_index(const std::string& file);
  std::uint32_t scope_index(const scope& where);
  bool merge_attachment(const transit_gateway_attachment& a);
  // net_.put, keeping `interfaces_` in step. `add_defined` and `put` move an rvalue in.
  template <class T>
  void put(T&& resource);
  bool merge_prefix_list(const prefix_list& p);

  load_options options_;
  network net_;
  std::vector<diagnostic> diagnostics_;
  definitions defined_;
  std::optional<std::map<std::string, source_location>> locations_;  // built by `finish()` for `take()`
  std::vector<std::string> files_;  // provenance::file indexes these
  std::vector<scope> scopes_;       // provenance::where indexes these
  std::unordered_map<std::string, std::uint32_t> file_index_;
  // The interfaces in net_ by id (views of its keys): an instance's copy of each is looked up
  // here, where the map's nodes would be one cache miss per level.
  std::unordered_map<std::string_view, const network_interface*> interfaces_;
  bool saw_anything_ = false;
  bool recognised_ = false;        // a top-level key of a describe-* response was read
  bool looks_like_design_ = false;  // a top-level key of a native design was seen (`vpcs`, ...)
};

/// Reads fields of one JSON object, type-checking each and remembering which were read, so
/// `finish` can report the rest. Readers of nested objects share their parent's failure flag and
/// resource, and build their JSON pointer only when a message needs it. Keys are the static
/// strings of aws_keys.hpp (the reader keeps views of them).
class reader {
 public:
  reader(importer& imp, file_context& ctx, json object, std::string pointer,
         std::string resource, bool& failed);
  /// The element `index` of the array at `array_pointer`, which outlives the reader (no pointer
  /// is written for each element unless a message or a definition needs it).
  reader(importer& imp, file_context& ctx, json object, std::string_view array_pointer, std::size_t index,
         bool& failed);

  /// The value of `key`, or nullopt when absent or null. Marks `key` as read.
  std::optional<json> get(std::string_view key);
  /// The resource's id field (required); names the resource `kind id` in later messages.
  std::optional<std::string> id(std::string_view key, std::string_view kind);
  /// A string field; a missing required field or a non-string is an error (nullopt).
  std::optional<std::string> string(std::string_view key, bool required = false);
  std::optional<bool> boolean(std::string_view key, bool required = false);
  std::optional<std::int64_t> integer(std::string_view key, bool required = false);
  /// An array or object field, type-checked; nullopt when absent or of the wrong type.
  std::optional<json> array(std::string_view key, bool required = false);
  std::optional<json> object(std::string_view key, bool required = false);
  /// A CIDR field: host bits are cleared with a warning (RT-8, NACL-14); bad syntax is an error.
  std::optional<cidr4> cidr4_field(std::string_view key, bool required = false);
  std::optional<cidr6> cidr6_field(std::string_view key, bool required = false);
  std::optional<address4> address4_field(std::string_view key, bool required = false);
  /// The same checks on text found at `at` (an array element), named `key` in messages.
  std::optional<cidr4> parse_cidr4(const std::string& text, const location& at, std::string_view key);
  std::optional<cidr6> parse_cidr6(const std::string& text, const location& at, std::string_view key);
  /// `Tags` / `TagSet`: `[{Key, Value}]`.
  tag_map tags(std::string_view key);
  /// An array of strings (`SubnetIds`).
  std::vector<std::string> strings(std::string_view key);

  /// Calls `fn(reader&)` for each element of the array `key` that is an object.
  template <class F>
  void each(std::string_view key, F&& fn, bool required = false);
  /// A reader for the object at `key`, or nullopt when absent or not an object.
  std::optional<reader> child(std::string_view key);

  /// Reports once per (file, type, field) every field neither read nor in `ignored`.
  void finish(std::string_view type, std::span<const std::string_view> ignored);

  void error(diagnostic d);
  void warn(diagnostic d) { imp_.report(std::move(d)); }
  location at() const { return {ctx_.file, pointer(), resource()}; }
  location at(std::string_view key) const { return {ctx_.file, child_pointer(pointer(), key), resource()}; }
  void set_resource(std::string resource) {
    resource_ = std::move(resource);
    resource_from_ = nullptr;
  }
  /// The resource being read, as messages name it (`subnet subnet-0abc`).
  const std::string& resource() const noexcept { return resource_from_ ? resource_from_->resource() : resource_; }
  /// The scope of a resource read here: the path's account, else `owner`, else the snapshot's.
  scope scope_for(const std::optional<std::string>& owner) const;

  bool failed() const noexcept { return *failed_; }
  importer& imp() noexcept { return imp_; }
  file_context& ctx() noexcept { return ctx_; }
  json raw() const noexcept { return object_; }
  /// The object's JSON pointer in its file.
  std::string pointer() const;
  /// Its index in its array, for an element (`each`'s readers).
  std::size_t index() const noexcept { return index_; }
  /// Appends it to `out` (one buffer for the whole chain of parents).
  void append_pointer(std::string& out) const;

 private:
  static constexpr std::size_t no_index = static_cast<std::size_t>(-1);
  // The object at `key` of `parent` (its element `index` when `key` is an array).
  reader(const reader& parent, json object, std::string_view key, std::size_t index);

  enum class value_kind { object, array, string, boolean, integer };
  std::optional<json> typed(std::string_view key, bool required, value_kind k, std::string_view expected);

  importer& imp_;
  file_context& ctx_;
  json object_;
  std::string pointer_;           // a root's own
  std::string_view array_pointer_;  // a root element's array (`index_` its index)
  const reader* parent_ = nullptr;
  std::string_view key_;
  std::size_t index_ = no_index;
  std::string resource_;
  const reader* resource_from_ = nullptr;  // the ancestor whose resource this is, if not its own
  bool* failed_;
  // The object's fields, gathered from the DOM on first use: each field is then found in this
  // short list (one walk of the object, not one per field asked for) and marked when read, for
  // `finish`. The first ones in place, unset until gathered (an AWS object has a dozen or two),
  // and found through a small open-addressing table of their positions (+1; 0 is empty), which
  // also answers at once for the many optional fields absent. Linear probing from a key's slot
  // meets an earlier field before a later one of the same name, so the first one is found.
  struct field {
    std::string_view key;
    json value;
    bool read;
  };
  static constexpr std::size_t fields_in_place = 24;
  static constexpr std::size_t slots = 64;  // a power of two, at least twice fields_in_place
  static std::size_t slot_of(std::string_view key) noexcept {
    return key.empty() ? 0
                       : (key.size() * 131 + static_cast<unsigned char>(key.front()) * 31 +
                          static_cast<unsigned char>(key.back())) & (slots - 1);
  }
  union in_place {
    in_place() {}
    field at[fields_in_place];
  } fields_;
  std::array<std::uint8_t, slots> slot_;  // filled when gathered, for objects of few fields
  std::vector<field> more_fields_;
  std::uint32_t field_count_ = 0;
  bool gathered_ = false;
  void gather();
  field& field_at(std::size_t i) { return i < fields_in_place ? fields_.at[i] : more_fields_[i - fields_in_place]; }
  // The first field named `key`, or nullptr.
  field* find_field(std::string_view key);
};

template <class T>
void importer::add(T&& resource, reader& r, std::string_view top_key) {
  static_assert(!std::is_reference_v<T>, "moves the resource in: an rvalue");
  auto& ctx = r.ctx();
  if (ctx.index == file_context::no_index) ctx.index = file_index(ctx.file);
  add_defined(std::move(resource), r.resource(), ctx.index, [&] { return r.at(); }, [&] { return r.pointer(); },
              top_key);
}

template <class T, class At, class Pointer>
void importer::add_defined(T&& resource, const std::string& id, std::uint32_t file, At&& at, Pointer&& pointer,
                           std::string_view top_key) {
  static_assert(!std::is_reference_v<T>, "moves the resource in: an rvalue");
  auto [it, fresh] = defined_.try_emplace(id);
  if (!fresh) {
    // The same id in another account's capture is one shared resource (a transit gateway shared
    // through RAM, a peering connection seen from both sides). Keep the copy of the account (then
    // region) that sorts first, so that no file order changes the model.
    if (const scope& first = scopes_[it->second.where]; first != resource.where) {
      if (resource.where < first) {
        it->second = provenance{file, scope_index(resource.where), pointer(), top_key};
        put(std::move(resource));
      }
      return;
    }
    if constexpr (std::is_same_v<T, transit_gateway_attachment>) {
      // describe-transit-gateway-attachments and -vpc-attachments describe the same attachment.
      if (it->second.top_key != top_key && merge_attachment(resource)) return;
    }
    if constexpr (std::is_same_v<T, prefix_list>) {
      // describe-prefix-lists and describe-managed-prefix-lists both list AWS's service lists.
      if (merge_prefix_list(resource)) return;
    }
    report(messages::duplicate_id(at(), where_defined(id)));
    return;
  }
  it->second = provenance{file, scope_index(resource.where), pointer(), top_key};
  put(std::move(resource));
}

template <class T>
void importer::put(T&& resource) {
  static_assert(!std::is_reference_v<T>, "moves the resource in: an rvalue");
  const auto& [id, stored] = net_.put(std::move(resource));
  if constexpr (std::is_same_v<T, network_interface>) interfaces_[id.value] = &stored;
}

template <class F>
void reader::each(std::string_view key, F&& fn, bool required) {
  auto arr = array(key, required);
  if (!arr) return;
  arr->each_element([&](std::size_t i, json el) {
    if (!el.is_object()) {
      error(messages::wrong_type({ctx_.file, child_pointer(child_pointer(pointer(), key), i), resource()},
                                 "each element of '" + std::string(key) + "'", "an object", json_type_name(el)));
      return;
    }
    reader r(*this, el, key, i);
    fn(r);
  });
}

/// Maps an AWS enum string through `table`; anything else is a `bad_value` error (style point 6).
template <class E, std::size_t N>
std::optional<E> lookup(reader& r, std::string_view key, const std::string& text,
                        const std::array<std::pair<std::string_view, E>, N>& table,
                        std::string_view expected) {
  for (const auto& [name, value] : table)
    if (name == text) return value;
  r.error(messages::bad_value(r.at(), key, text, expected));
  return std::nullopt;
}

/// Reads a resource state into `out` (model/state.hpp parses it, the same for every importer): an
/// absent field keeps the default; a state this version does not know is kept as written and
/// warned about, never rejected.
template <class E>
void read_state(reader& r, std::string_view key, state_of<E>& out) {
  if (auto text = r.string(key)) {
    out = state_of<E>(std::move(*text));
    if (!out.known()) r.warn(messages::unknown_state(r.at(), key, unknown_state_warning(out)));
  }
}

// Readers of each resource family (aws_resources.cpp, aws_compute.cpp, aws_gateways.cpp). Each
// reads one array element and adds what it reads to the importer.
void read_vpc(reader& r);
void read_subnet(reader& r);
void read_route_table(reader& r);
void read_security_group(reader& r);
void read_network_acl(reader& r);
void read_internet_gateway(reader& r);
void read_egress_only_internet_gateway(reader& r);
void read_nat_gateway(reader& r);
void read_vpn_gateway(reader& r);
void read_vpc_endpoint(reader& r);
void read_reservation(reader& r);
void read_network_interface(reader& r);
void read_prefix_list(reader& r);
void read_peering_connection(reader& r);
void read_transit_gateway(reader& r);
void read_transit_gateway_attachment(reader& r);
void read_transit_gateway_vpc_attachment(reader& r);
void read_transit_gateway_route_table(reader& r);
void read_transit_gateway_static_routes(reader& r);
void read_transit_gateway_propagations(reader& r);
void read_address(reader& r);
void read_dhcp_options(reader& r);
void read_listed_hosted_zone(reader& r);
void read_resolver_endpoint(reader& r);
void read_resolver_rule(reader& r);
void read_resolver_rule_association(reader& r);
/// get-hosted-zone: `{"HostedZone": {…}, "VPCs": […]}`.
void read_hosted_zone_document(importer& imp, file_context& ctx, json doc);
/// list-resource-record-sets, with the `HostedZoneId` the capture recipe adds.
void read_record_sets_document(importer& imp, file_context& ctx, json doc);
/// A network interface as `describe-network-interfaces` or an instance's `NetworkInterfaces`
/// writes it; nullopt when reading failed.
std::optional<network_interface> read_interface_fields(reader& r, const std::optional<std::string>& az);

}  // namespace vpcsim::detail::aws
