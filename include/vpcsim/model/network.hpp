#pragma once
/// The network: every resource of an input, indexed by id, with AWS's defaulting rules written
/// beside the lookups that apply them (main route table, default NACL, default SG, DNS defaults).

#include <vpcsim/model/dns.hpp>
#include <vpcsim/model/gateways.hpp>
#include <vpcsim/model/instance.hpp>
#include <vpcsim/model/network_acl.hpp>
#include <vpcsim/model/network_interface.hpp>
#include <vpcsim/model/peering.hpp>
#include <vpcsim/model/prefix_list.hpp>
#include <vpcsim/model/route_table.hpp>
#include <vpcsim/model/security_group.hpp>
#include <vpcsim/model/subnet.hpp>
#include <vpcsim/model/transit_gateway.hpp>
#include <vpcsim/model/vpc.hpp>
#include <vpcsim/model/vpc_endpoint.hpp>
#include <vpcsim/model/workload.hpp>

#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace vpcsim {

namespace detail {

/// A number unique in the process for one state of one network: drawn anew on construction, copy,
/// move (both sides) and every change, never reused, so that what is derived from a network (the
/// engine's compiled form) can be kept and found again by it.
class revision_stamp {
 public:
  revision_stamp() noexcept : value_(next()) {}
  revision_stamp(const revision_stamp&) noexcept : value_(next()) {}
  revision_stamp(revision_stamp&& other) noexcept : value_(next()) { other.renew(); }
  revision_stamp& operator=(const revision_stamp&) noexcept { return renew(), *this; }
  revision_stamp& operator=(revision_stamp&& other) noexcept { return renew(), other.renew(), *this; }
  ~revision_stamp() = default;

  void renew() noexcept { value_ = next(); }
  std::uint64_t value() const noexcept { return value_; }

 private:
  static std::uint64_t next() noexcept;
  std::uint64_t value_;
};

template <class Id>
struct resource_for;
#define VPCSIM_RESOURCE_FOR(T) \
  template <>                  \
  struct resource_for<decltype(T::id)> { using type = T; };
VPCSIM_RESOURCE_FOR(vpc)
VPCSIM_RESOURCE_FOR(subnet)
VPCSIM_RESOURCE_FOR(route_table)
VPCSIM_RESOURCE_FOR(network_acl)
VPCSIM_RESOURCE_FOR(security_group)
VPCSIM_RESOURCE_FOR(internet_gateway)
VPCSIM_RESOURCE_FOR(egress_only_internet_gateway)
VPCSIM_RESOURCE_FOR(nat_gateway)
VPCSIM_RESOURCE_FOR(vpn_gateway)
VPCSIM_RESOURCE_FOR(vpc_endpoint)
VPCSIM_RESOURCE_FOR(network_interface)
VPCSIM_RESOURCE_FOR(instance)
VPCSIM_RESOURCE_FOR(prefix_list)
VPCSIM_RESOURCE_FOR(peering_connection)
VPCSIM_RESOURCE_FOR(transit_gateway)
VPCSIM_RESOURCE_FOR(transit_gateway_attachment)
VPCSIM_RESOURCE_FOR(transit_gateway_route_table)
VPCSIM_RESOURCE_FOR(hosted_zone)
VPCSIM_RESOURCE_FOR(resolver_rule)
VPCSIM_RESOURCE_FOR(resolver_endpoint)
VPCSIM_RESOURCE_FOR(dhcp_options)
#undef VPCSIM_RESOURCE_FOR
}  // namespace detail

/// A VPC DNS attribute's effective value, and whether it was assumed from AWS's defaults.
struct dns_attribute {
  bool enabled = false;
  bool assumed = false;
};

/// Which route table governs a subnet, and whether by explicit association (RT-1, RT-2).
struct route_table_choice {
  const route_table* table = nullptr;
  bool is_explicit = false;
};

/// A link of the input an importer could not rebuild (a create plan's reference that leads to no
/// resource, TF-2): the resource that holds it, as the input names it (`module.vpc.aws_route.x`),
/// the attribute (`transit_gateway_id`) and why (`unknown until apply`). The resource is kept
/// without the link, with a warning at load; answers that cross what it configures say so
/// (sim/provenance.hpp).
struct unresolved_link {
  std::string address;
  std::string attribute;
  std::string reason;
  bool operator==(const unresolved_link&) const = default;
};

/// Whether `a` comes before `b` among one instance's interfaces: the lower device index (the
/// primary is at 0), then the lower id, so that no input order decides.
inline bool primary_before(const network_interface& a, const network_interface& b) {
  const int ia = a.attachment ? a.attachment->device_index : 0, ib = b.attachment ? b.attachment->device_index : 0;
  return ia != ib ? ia < ib : a.id < b.id;
}

/// All resources of one input, across accounts and regions. Ordered maps keep every listing,
/// and therefore every output, deterministic.
class network {
 public:
  template <class T>
  using table = std::map<decltype(T::id), T>;

  network() = default;
  network(const network& other);
  network(network&&) noexcept = default;
  network& operator=(const network& other);
  network& operator=(network&&) noexcept = default;
  ~network() = default;

  /// Inserts `r` (copied, or moved when an rvalue), or replaces the resource with the same id.
  /// Returns its entry in `all<T>()`: the id it is kept under and the resource as stored. The
  /// entry stays where it is, and its id unchanged, until the resource is erased; a replacement
  /// assigns the resource.
  template <class R>
  const typename table<std::remove_cvref_t<R>>::value_type& put(R&& r) {
    using T = std::remove_cvref_t<R>;
    auto& t = std::get<table<T>>(tables_);
    // The node's key is made from `r.id` before its value is moved from `r`.
    auto [it, inserted] = t.insert_or_assign(r.id, std::forward<R>(r));
    revision_.renew();
    if (inserted) index(it->second);
    else if constexpr (indexed<T>) reindex();  // a replaced resource may have left index entries
    return *it;
  }

  /// Every resource of one type, ordered by id.
  template <class T>
  const table<T>& all() const noexcept {
    return std::get<table<T>>(tables_);
  }

  /// Calls `f(all<T>())` for every resource type T.
  template <class F>
  void for_each_table(F&& f) const {
    std::apply([&](const auto&... t) { (f(t), ...); }, tables_);
  }

  /// The resource with that id, or nullptr.
  template <class Id>
  const typename detail::resource_for<Id>::type* find(const Id& id) const {
    const auto& t = all<typename detail::resource_for<Id>::type>();
    auto it = t.find(id);
    return it == t.end() ? nullptr : &it->second;
  }

  /// The subnet's route table: its explicit association, else its VPC's main table (RT-1, RT-2).
  route_table_choice route_table_for(const subnet_id& s) const;
  /// The VPC's main route table (RT-2), or nullptr when the input lacks it.
  const route_table* main_route_table(const vpc_id& v) const;
  /// The subnet's network ACL: its association, else the VPC's default NACL (NACL-1).
  const network_acl* network_acl_for(const subnet_id& s) const;
  /// The VPC's default network ACL (NACL-1), or nullptr when the input lacks it.
  const network_acl* default_network_acl(const vpc_id& v) const;
  /// The VPC's security group named `default` (SG-10), or nullptr.
  const security_group* default_security_group(const vpc_id& v) const;
  /// `enableDnsSupport`; AWS's default is true (DNS-4).
  dns_attribute dns_support(const vpc_id& v) const;
  /// `enableDnsHostnames`; AWS's default is false except in a default VPC (DNS-5).
  dns_attribute dns_hostnames(const vpc_id& v) const;
  /// The DHCP options set the VPC uses, or nullptr (AWS's default set, or one the input lacks).
  const dhcp_options* dhcp_options_for(const vpc_id& v) const;
  /// The internet gateway attached to the VPC (at most one, IGW-2), or nullptr.
  const internet_gateway* internet_gateway_for(const vpc_id& v) const;
  /// Every internet gateway with an attachment record for the VPC, attached or not.
  std::vector<const internet_gateway*> internet_gateways_naming(const vpc_id& v) const;
  /// The ENI in the VPC holding this private IPv4 (of two, the lower id), or nullptr.
  const network_interface* interface_with_address(const vpc_id& v, address4 a) const;
  /// Every ENI holding this private IPv4, in any VPC.
  std::vector<const network_interface*> interfaces_with_address(address4 a) const;
  /// Every instance's primary interface (as `primary_interface_of`), by instance id, found in one
  /// pass over the interfaces; the keys are views of the interfaces' attachments.
  std::unordered_map<std::string_view, const network_interface*> primary_interfaces() const;
  /// The ENIs attached to an instance, by device index (then id).
  std::vector<const network_interface*> interfaces_of(const instance_id& i) const;
  /// The first of `interfaces_of(i)` (its primary, device index 0, when present; of two at one
  /// index, the lower id), or nullptr; without building the list.
  const network_interface* primary_interface_of(const instance_id& i) const;
  /// The VPC's endpoints, ordered by id.
  std::vector<const vpc_endpoint*> endpoints_in(const vpc_id& v) const;
  /// The subnet of the VPC whose CIDR holds `a`, or nullptr.
  const subnet* subnet_containing(const vpc_id& v, address4 a) const;
  /// The prefix list with this name (`com.amazonaws.us-east-1.s3`), or nullptr.
  const prefix_list* prefix_list_named(const std::string& name) const;
  /// The (account, region) pairs present, ordered.
  std::set<scope> scopes() const;

  /// Identifies this network in its current state: no other network, and no earlier or later
  /// state of this one, has the same number (see `detail::revision_stamp`).
  std::uint64_t revision() const noexcept { return revision_.value(); }

  /// Total number of resources of every type.
  std::size_t size() const noexcept;

  /// Adds a workload, or replaces the one with the same name.
  void put_workload(workload w);
  /// Every workload, ordered by name.
  const std::map<std::string, workload, std::less<>>& workloads() const noexcept { return workloads_; }
  /// The workload with that name, or nullptr.
  const workload* find_workload(std::string_view name) const;

  /// Records a link the importer could not rebuild, under the id of the resource it would have
  /// configured (the route table an `aws_route` adds to), or the name of a workload; once each.
  void add_unresolved(const std::string& id_or_workload, unresolved_link link);
  /// The links the importer could not rebuild, by resource id or workload name; empty for inputs
  /// that hold every link (AWS CLI captures, designs).
  const std::map<std::string, std::vector<unresolved_link>, std::less<>>& unresolved() const noexcept { return unresolved_; }

 private:
  // The resource types the indexes below are built from; replacing any other type keeps them.
  template <class T>
  static constexpr bool indexed =
      std::is_same_v<T, route_table> || std::is_same_v<T, network_acl> || std::is_same_v<T, security_group> ||
      std::is_same_v<T, internet_gateway> || std::is_same_v<T, network_interface> ||
      std::is_same_v<T, vpc_endpoint> || std::is_same_v<T, prefix_list>;

  template <class T>
  void index(const T&) {}
  void index(const route_table& r);
  void index(const network_acl& n);
  void index(const security_group& g);
  void index(const internet_gateway& g);
  void index(const network_interface& e);
  void index(const vpc_endpoint& e);
  void index(const prefix_list& p);
  void reindex();

  std::tuple<table<vpc>, table<subnet>, table<route_table>, table<network_acl>,
             table<security_group>, table<internet_gateway>, table<egress_only_internet_gateway>,
             table<nat_gateway>, table<vpn_gateway>, table<vpc_endpoint>, table<network_interface>,
             table<instance>, table<prefix_list>, table<peering_connection>, table<transit_gateway>,
             table<transit_gateway_attachment>, table<transit_gateway_route_table>, table<hosted_zone>,
             table<resolver_rule>, table<resolver_endpoint>, table<dhcp_options>>
      tables_;

  std::map<std::string, workload, std::less<>> workloads_;
  std::map<std::string, std::vector<unresolved_link>, std::less<>> unresolved_;
  detail::revision_stamp revision_;

  // Indexes, kept in step by put(); keyed by ids so insertion order does not matter.
  std::map<subnet_id, route_table_id> subnet_route_table_;
  std::map<vpc_id, route_table_id> main_route_table_;
  std::map<subnet_id, network_acl_id> subnet_acl_;
  std::map<vpc_id, network_acl_id> default_acl_;
  std::map<vpc_id, security_group_id> default_sg_;
  std::multimap<vpc_id, internet_gateway_id> vpc_igws_;
  // The interfaces' two indexes hold views of the interfaces in their table (its nodes do not move;
  // a copy of the network builds them again for its own): about 130 bytes an interface, not 330
  // with copies of its ids (`enterprise`: 7-10 MB of the import's peak).
  // Address first: most comparisons end on the integer, and one address's interfaces are a range.
  std::map<std::pair<std::uint32_t, std::string_view>, const network_interface*> eni_by_address_;
  // Hashed: one lookup per trace's source, one insert per interface (a tree of 48,000 instance ids
  // costs a string comparison and a cache miss per level).
  std::unordered_multimap<std::string_view, const network_interface*> instance_enis_;
  std::multimap<vpc_id, vpc_endpoint_id> vpc_endpoints_;
  std::map<std::string, prefix_list_id> prefix_list_by_name_;
};

/// The name the user gave a resource: its CloudFormation logical id (CFN-3), else its `Name` tag
/// (a design's names are Name tags); a security group without either is known by its group name.
/// Empty when none. The same order as the names `--from`/`--to` accept (sim/selector.hpp).
template <class T>
const std::string& display_name(const T& r) {
  static const std::string none;
  // `source_name_tags` (CFN-3, TF-1), then `Name`: keys made once, not per call.
  static const std::string keys[] = {std::string(logical_id_tag), std::string(terraform_address_tag), "Name"};
  static_assert(std::size(source_name_tags) == 2);
  for (const auto& key : keys)
    if (auto it = r.tags.find(key); it != r.tags.end() && !it->second.empty()) return it->second;
  if constexpr (std::is_same_v<T, security_group>) return r.name;
  return none;
}

}  // namespace vpcsim
