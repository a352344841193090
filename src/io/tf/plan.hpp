#pragma once
// A Terraform plan or state JSON read into resource instances, with the configuration's
// expression references to rebuild the links a plan leaves unknown until apply (not installed).
// The shapes are those of Terraform's JSON output format (`terraform show -json`).

#include <vpcsim/error.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace vpcsim::detail::tf {

using json = nlohmann::json;

/// The keys of Terraform's JSON output format this importer reads, each spelled here once.
namespace key {
inline constexpr const char* format_version = "format_version";
inline constexpr const char* terraform_version = "terraform_version";
inline constexpr const char* planned_values = "planned_values";
inline constexpr const char* resource_changes = "resource_changes";
inline constexpr const char* prior_state = "prior_state";
inline constexpr const char* configuration = "configuration";
inline constexpr const char* variables = "variables";
inline constexpr const char* values = "values";
inline constexpr const char* value = "value";
inline constexpr const char* root_module = "root_module";
inline constexpr const char* child_modules = "child_modules";
inline constexpr const char* resources = "resources";
inline constexpr const char* address = "address";
inline constexpr const char* mode = "mode";
inline constexpr const char* type = "type";
inline constexpr const char* name = "name";
inline constexpr const char* index = "index";
inline constexpr const char* change = "change";
inline constexpr const char* actions = "actions";
inline constexpr const char* before = "before";
inline constexpr const char* after = "after";
inline constexpr const char* after_unknown = "after_unknown";
inline constexpr const char* expressions = "expressions";
inline constexpr const char* expression = "expression";
inline constexpr const char* references = "references";
inline constexpr const char* constant_value = "constant_value";
inline constexpr const char* module_calls = "module_calls";
inline constexpr const char* module = "module";
inline constexpr const char* outputs = "outputs";
inline constexpr const char* provider_config = "provider_config";
inline constexpr const char* managed = "managed";
inline constexpr const char* data = "data";
inline constexpr const char* module_address = "module_address";
inline constexpr const char* region = "region";
inline constexpr const char* id = "id";
}  // namespace key

/// One resource instance: `module.vpc.aws_subnet.private[0]`.
struct instance {
  std::string address;
  std::string module;         ///< the module instance: `module.vpc`, `module.sg["a"]`, "" for the root
  std::string config_module;  ///< the module in the configuration: `module.sg`, "" for the root
  bool managed = true;        ///< false for a data source
  std::string type, name;
  json index;                 ///< null, a count index or a for_each key
  const json* values = nullptr;
  const json* unknown = nullptr;  ///< after_unknown, when a plan has one for it
  std::string pointer;            ///< JSON pointer of `values` in the file
};

/// What a reference resolved to: a managed instance of the file, or an AWS id.
struct target {
  std::string address;  ///< a managed instance's address, or empty
  std::string id;       ///< an AWS id (a data source's, a variable's, a known value), or empty
  bool operator<(const target& o) const { return std::tie(address, id) < std::tie(o.address, o.id); }
  bool operator==(const target&) const = default;
};

struct resolution {
  std::vector<target> targets;
  std::vector<std::string> unresolved;  ///< why a reference led nowhere: `local.vpc_id (...)`
  bool ambiguous = false;
};

/// The file read: its instances (the after-state of a plan, its prior state, or a state) and the
/// configuration to follow references through.
class document {
 public:
  /// Reads `doc`; shape problems are errors in `diags` naming the pointer and the address.
  document(const json& doc, const std::string& file, bool prior, std::vector<diagnostic>& diags);

  const std::vector<instance>& instances() const { return instances_; }
  bool is_plan() const { return plan_; }
  /// The configuration's `expressions` object of an instance's resource, or nullptr.
  const json* expressions(const instance& in) const;
  /// The references of the expression at `path` in the instance's configuration (nullptr when
  /// the configuration does not hold it).
  const json* references_at(const instance& in, const std::vector<json>& path) const;
  /// Resolves `refs` as written in the configuration of `in`'s module. `plural`: the attribute
  /// is a list (a reference to a counted resource without an index means all its instances).
  resolution resolve(const instance& in, const json& refs, bool plural) const;
  /// The managed instance whose known `id` is `id`, or nullptr.
  const instance* by_id(const std::string& id) const;
  const instance* by_address(const std::string& address) const;
  /// Whether a resource of one of `types` anywhere in the file (planned, prior, or a change's
  /// before or after, deleted ones included) has `attr` equal to `id`.
  bool targeted_by(const std::string& id, const std::vector<std::string_view>& types, const char* attr) const;
  /// The region and account the file says (provider configuration, ARNs, zones), or empty.
  std::string region() const { return region_; }
  std::string account() const { return account_; }

 private:
  struct module_config {
    const json* module = nullptr;  ///< the `module` object: resources, module_calls, outputs
    const json* call = nullptr;    ///< its call in the parent: expressions, count, for_each
    std::string parent;            ///< the parent's configuration path
    std::string call_name;
  };
  void read_module(const json& m, const std::string& pointer, bool from_prior_or_state, std::vector<diagnostic>& diags,
                   const std::string& file, bool data_only);
  void read_config(const json& m, const std::string& path, const json* call, const std::string& parent, const std::string& name);
  resolution resolve_in(const std::string& module, const json& key, const json& refs, bool plural, int depth) const;

  bool plan_ = false;
  std::vector<instance> instances_;  ///< managed and data, managed first in file order
  std::map<std::string, std::size_t> by_address_;
  std::map<std::string, std::size_t> by_id_;
  std::map<std::string, const json*> unknown_;  ///< address -> after_unknown
  std::map<std::string, module_config> modules_;
  std::map<std::string, const json*> config_resources_;  ///< `module.x|aws_vpc.main` -> its configuration
  std::set<std::string> module_instances_;               ///< every module instance path, ancestors too
  std::multimap<std::string, const json*> every_values_;  ///< type -> values, of every resource the file holds
  const json* root_variables_ = nullptr;
  std::string region_, account_;
  std::string file_;
};

/// `module.sg["a"].module.x[0]` without its instance keys: `module.sg.module.x`.
std::string strip_keys(std::string_view module_instance);

/// The value at `path` (object keys and array indices) under `j`, or nullptr.
const json* at(const json* j, const std::vector<json>& path);
/// Whether `after_unknown` marks the value at `path` (or any part of it) unknown.
bool unknown_at(const json* unknown, const std::vector<json>& path);

}  // namespace vpcsim::detail::tf
