// Every message of the AWS CLI importer and of the validation after it (style point 8).
#include "aws_import.hpp"
#include "quote.hpp"

#include "aws_keys.hpp"

namespace vpcsim::detail::aws {

namespace {

diagnostic make(severity level, std::string code, const location& at, std::string message) {
  return diagnostic{level, std::move(code), at.file, at.pointer, at.resource, std::move(message)};
}

location field(const location& at, std::string_view key) {
  return {at.file, child_pointer(at.pointer, key), at.resource};
}


}  // namespace



std::string label(std::string_view kind, std::string_view id) {
  std::string out;
  out.reserve(kind.size() + 1 + id.size());
  out.append(kind);
  if (!id.empty()) out.append(1, ' ').append(id);
  return out;
}

namespace messages {

diagnostic unreadable(const std::string& file, const std::string& reason) {
  return make(severity::error, "vpcsim.import.unreadable", {file, "", ""}, "cannot read: " + reason);
}

diagnostic not_json(const std::string& file, const std::string& parse_error) {
  return make(severity::error, "vpcsim.import.not_json", {file, "", ""}, "not JSON: " + parse_error);
}

diagnostic empty_input(const std::string& file) {
  return make(severity::error, "vpcsim.import.empty_input", {file, "", ""},
              "no describe-* JSON to read");
}

diagnostic not_recognised(const std::string& file, bool looks_like_design) {
  return make(severity::error, "vpcsim.import.not_recognised", {file, "", ""},
              "neither a native design nor a recognised AWS CLI response: expected \"vpcsim\": 1 (a design) or a "
              "describe-* response's top-level key (Vpcs, Subnets, RouteTables, SecurityGroups, NetworkAcls, "
              "Reservations, ...)" +
                  std::string(looks_like_design ? "; this looks like a design: add \"vpcsim\": 1 at its top level"
                                                : ""));
}

diagnostic too_large(const std::string& file, const std::string& reason) {
  return make(severity::error, "vpcsim.import.too_large", {file, "", ""}, "too large: " + reason);
}

diagnostic too_deep(const std::string& file, const std::string& reason) {
  return make(severity::error, "vpcsim.import.too_deep", {file, "", ""}, "too deep: " + reason);
}

diagnostic duplicate_key(const std::string& file, const std::string& pointer, const std::string& problem) {
  return make(severity::error, "vpcsim.import.duplicate_key", {file, pointer, ""}, problem);
}

diagnostic wrong_type(const location& at, std::string_view what, std::string_view expected,
                      std::string_view found) {
  return make(severity::error, "vpcsim.import.wrong_type", at,
              std::string(what) + " must be " + std::string(expected) + ", not " + std::string(found));
}

diagnostic missing_field(const location& at, std::string_view key) {
  return make(severity::error, "vpcsim.import.missing_field", at,
              "field " + single_quoted(key) + " is required");
}

diagnostic missing_field(const location& at, std::string_view key, const std::string& why) {
  return make(severity::error, "vpcsim.import.missing_field", at, "field " + single_quoted(key) + " is required " + why);
}

diagnostic bad_cidr(const location& at, std::string_view key, std::string_view text) {
  return make(severity::error, "vpcsim.import.bad_cidr", at,
              single_quoted(key) + " is not a CIDR block: " + single_quoted(text));
}

diagnostic non_canonical_cidr(const location& at, std::string_view key, std::string_view text,
                              const std::string& canonical) {
  // AWS canonicalises every CIDR it stores, so describe-* output never has host bits set: such a
  // capture was edited by hand, and which network was meant is not known.
  return make(severity::error, "vpcsim.import.non_canonical_cidr", at,
              single_quoted(key) + " " + std::string(text) + " has host bits set; AWS stores and describes it as " +
                  canonical + " (RT-8, NACL-14)");
}

diagnostic bad_address(const location& at, std::string_view key, std::string_view text) {
  return make(severity::error, "vpcsim.import.bad_address", at,
              single_quoted(key) + " is not an IPv4 address: " + single_quoted(text));
}

diagnostic bad_value(const location& at, std::string_view key, std::string_view text,
                     std::string_view expected) {
  return make(severity::error, "vpcsim.import.bad_value", field(at, key),
              single_quoted(key) + " must be " + std::string(expected) + ", not " + single_quoted(text));
}

diagnostic duplicate_id(const location& at, const location& first) {
  return make(severity::error, "vpcsim.import.duplicate_id", at,
              "id already defined in " + first.file + " " + first.pointer);
}

diagnostic bad_policy(const location& at, std::string_view key, const std::string& problem) {
  return make(severity::error, "vpcsim.import.bad_policy", field(at, key),
              single_quoted(key) + " is not a valid policy: " + problem);
}

diagnostic unsupported_resource(const location& at, std::string_view key) {
  return make(severity::warning, "vpcsim.import.unsupported_resource", at,
              single_quoted(key) + " is not modelled by vpcsim, ignored");
}

diagnostic unsupported_value(const location& at, std::string_view what) {
  return make(severity::warning, "vpcsim.import.unsupported_resource", at,
              std::string(what) + " is not modelled by vpcsim, ignored");
}

diagnostic unknown_state(const location& at, std::string_view key, const std::string& warning) {
  return make(severity::warning, "vpcsim.import.unknown_state", field(at, key), single_quoted(key) + ": " + warning);
}

diagnostic unknown_key(const location& at, std::string_view key) {
  return make(severity::warning, "vpcsim.import.unknown_key", at,
              "unknown top-level key " + single_quoted(key) + " ignored");
}

diagnostic unknown_field(const location& at, std::string_view resource_type, std::string_view key) {
  return make(severity::warning, "vpcsim.import.unknown_field", at,
              "unknown " + std::string(resource_type) + " field " + single_quoted(key) + " ignored");
}

diagnostic route_without_target(const location& at, const std::string& destination) {
  return make(severity::warning, "vpcsim.import.route_without_target", at,
              "route to " + destination + " names no target vpcsim knows, ignored");
}

diagnostic orphan_data(const location& at, const std::string& what) {
  return make(severity::warning, "vpcsim.import.orphan_data", at, what + ", ignored");
}

diagnostic missing_vpc(const location& at, const vpc_id& v) {
  return make(severity::warning, "vpcsim.validate.missing_vpc", at,
              "vpc " + v.value + " is not in the input");
}

diagnostic missing_subnet(const location& at, const subnet_id& s) {
  return make(severity::warning, "vpcsim.validate.missing_subnet", at,
              "subnet " + s.value + " is not in the input");
}

diagnostic missing_route_target(const location& at, const route& r) {
  return make(severity::warning, "vpcsim.validate.missing_route_target", at,
              "route " + to_string(r.destination) + " -> " + r.target.id + ": " +
                  std::string(to_string(r.target.kind)) +
                  " not in the input, treated as a blackhole (RT-22, RT-23)");
}

diagnostic no_main_route_table(const location& at) {
  return make(severity::warning, "vpcsim.validate.no_main_route_table", at,
              "no main route table in the input (partial capture?): subnets without an explicit "
              "association have no routes (RT-2)");
}

diagnostic no_default_network_acl(const location& at) {
  return make(severity::warning, "vpcsim.validate.no_default_network_acl", at,
              "no default network ACL in the input (partial capture?): subnets without an "
              "association have no network ACL (NACL-1)");
}

diagnostic multiple_main_route_tables(const location& at, const route_table_id& a,
                                      const route_table_id& b) {
  return make(severity::error, "vpcsim.validate.multiple_main_route_tables", at,
              "route tables " + a.value + " and " + b.value + " are both main (RT-2)");
}

diagnostic multiple_main_associations(const location& at, std::size_t count) {
  return make(severity::error, "vpcsim.validate.multiple_main_route_tables", at,
              "the route table lists " + std::to_string(count) + " main associations; a VPC has exactly one (RT-2)");
}

diagnostic multiple_default_network_acls(const location& at, const network_acl_id& a,
                                         const network_acl_id& b) {
  return make(severity::error, "vpcsim.validate.multiple_default_network_acls", at,
              "network ACLs " + a.value + " and " + b.value + " are both default (NACL-1)");
}

diagnostic multiple_route_table_associations(const location& at, const route_table_id& a,
                                             const route_table_id& b) {
  return make(severity::error, "vpcsim.validate.multiple_route_table_associations", at,
              "associated with route tables " + a.value + " and " + b.value + " (RT-1)");
}

diagnostic aws_would_refuse(const location& at, const std::string& code, const std::string& message) {
  return make(severity::warning, "vpcsim.validate." + code, at, message);
}

diagnostic instance_without_interface(const location& at) {
  return make(severity::warning, "vpcsim.validate.instance_without_interface", at,
              "instance has a subnet but no network interface in the input; traces cannot start "
              "from it");
}

diagnostic interface_in_two_subnets(const location& at, const subnet_id& a, const location& first,
                                    const subnet_id& b) {
  return make(severity::error, "vpcsim.validate.interface_in_two_subnets", at,
              "in " + b.value + " here but in " + a.value + " in " + first.file + " " + first.pointer +
                  "; a network interface belongs to exactly one subnet");
}

diagnostic prefix_list_without_entries(const location& at, const prefix_list& p, const std::string& used_by) {
  const std::string list = p.id.value + (p.name.empty() ? "" : " (" + p.name + ")");
  const std::string capture =
      p.aws_managed ? "aws ec2 describe-prefix-lists --prefix-list-ids " + p.id.value
                    : "aws ec2 get-managed-prefix-list-entries --prefix-list-id " + p.id.value;
  return make(severity::warning, "vpcsim.validate.prefix_list_without_entries", at,
              "prefix list " + list + " has no entries in the input, so " + used_by +
                  " that names it matches no address (GW-5, SG-14); capture its entries with `" + capture + "`");
}

diagnostic missing_prefix_list(const location& at, const prefix_list_id& p) {
  return make(severity::warning, "vpcsim.validate.missing_prefix_list", at,
              "prefix list " + p.value + " is not in the input, so what names it matches no address; capture "
              "`aws ec2 describe-prefix-lists` and `aws ec2 describe-managed-prefix-lists`");
}

diagnostic address_outside_subnet(const location& at, const network_interface& e, const address4& a,
                                  const subnet& s) {
  // AWS assigns an interface's private addresses from its subnet's range; a capture that says
  // otherwise was edited or taken while the subnet changed.
  const bool endpoint = e.interface_type == "vpc_endpoint";
  return make(severity::warning, "vpcsim.validate.address_outside_subnet", at,
              "private address " + a.to_string() + (endpoint ? " of this interface endpoint's interface" : "") +
                  " is outside its subnet " + s.id.value + " (" + cidr_text(s) + ")" +
                  (endpoint ? "; the endpoint's DNS names resolve to it (IF-10)" : ""));
}

}  // namespace messages

}  // namespace vpcsim::detail::aws
