#include <vpcsim/error.hpp>
#include <vpcsim/sim/workload.hpp>

#include <algorithm>
#include <iterator>
#include <set>

namespace vpcsim {

namespace {

/// `eni-0` + 16 hex digits of FNV-1a 64 of `seed`: stable across runs, the shape of an AWS id.
std::string stable_eni_id(std::string_view seed) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : seed) {
    h ^= c;
    h *= 1099511628211ull;
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "eni-0";
  for (int i = 15; i >= 0; --i) out += hex[(h >> (i * 4)) & 0xf];
  return out;
}

template <class T>
std::vector<decltype(T::id)> named(const network::table<T>& all, std::string_view text) {
  std::vector<decltype(T::id)> out;
  for (const auto& entry : all) {
    const auto& tags = entry.second.tags;
    auto tag = [&](std::string_view key) {
      auto it = tags.find(std::string(key));
      return it != tags.end() && it->second == text;
    };
    if (std::any_of(std::begin(source_name_tags), std::end(source_name_tags), tag) || tag("Name")) out.push_back(entry.first);
  }
  return out;
}

}  // namespace

subnet_id find_subnet(const network& net, std::string_view text) {
  if (net.find(subnet_id{std::string(text)})) return subnet_id{std::string(text)};
  auto ids = named(net.all<subnet>(), text);
  if (ids.size() == 1) return ids.front();
  if (ids.empty()) throw usage_error("vpcsim.workload.unknown_subnet", "no subnet in the input has the id or name '" + std::string(text) + "'");
  throw usage_error("vpcsim.workload.ambiguous", "several subnets are named '" + std::string(text) + "'; give the subnet id");
}

security_group_id find_security_group(const network& net, std::string_view text, const vpc_id& v) {
  if (net.find(security_group_id{std::string(text)})) return security_group_id{std::string(text)};
  auto ids = named(net.all<security_group>(), text);
  if (ids.empty())
    for (const auto& [id, g] : net.all<security_group>())
      if (g.vpc == v && g.name == text) ids.push_back(id);
  if (ids.size() == 1) return ids.front();
  if (ids.empty())
    throw usage_error("vpcsim.workload.unknown_security_group", "no security group in the input has the id or name '" + std::string(text) + "'");
  throw usage_error("vpcsim.workload.ambiguous", "several security groups are named '" + std::string(text) + "'; give the group id");
}

std::vector<workload_source> place_workload(network& net, const workload& w) {
  std::vector<workload_source> out;
  for (const auto& sid : w.subnets) {
    const subnet* s = net.find(sid);
    if (!s)
      throw usage_error("vpcsim.workload.unknown_subnet",
                        w.name + " runs in subnet " + sid.value + ", which is not in the input (a subnet of another stack or account)");
    // The first address no interface holds; AWS reserves the first four and the last.
    std::set<std::uint32_t> used;
    for (const auto& [id, e] : net.all<network_interface>())
      if (e.subnet == sid)
        for (const auto& p : e.private_ips) used.insert(p.address.to_uint());
    // VPC-6: an IPv6-only subnet gives an interface no IPv4 address to represent the workload by.
    if (!s->cidr_block)
      throw usage_error("vpcsim.workload.ipv6_only_subnet",
                        w.name + " runs in subnet " + sid.value + ", an IPv6-only subnet (VPC-6); vpcsim places a workload's "
                        "representative interface at a private IPv4 address, so it cannot represent it there");
    std::optional<address4> ip;
    for (std::uint32_t a = s->cidr_block->first_uint() + 4; a < s->cidr_block->last_uint(); ++a)
      if (!used.count(a)) {
        ip = address4{a};
        break;
      }
    if (!ip) throw usage_error("vpcsim.workload.no_free_address", "subnet " + sid.value + " has no free address for an interface of " + w.name);
    network_interface e;
    e.id = network_interface_id{stable_eni_id("workload:" + w.name + ":" + sid.value)};
    e.where = s->where;
    e.subnet = sid;
    e.vpc = s->vpc;
    e.availability_zone = s->availability_zone;
    e.private_ips.push_back(private_ip{*ip, true, std::nullopt});
    e.security_groups = w.security_groups;
    for (const auto& g : e.security_groups)
      if (!net.find(g))
        throw usage_error("vpcsim.workload.unknown_security_group",
                          w.name + " uses security group " + g.value + ", which is not in the input (a group of another stack or account)");
    if (e.security_groups.empty())  // SG-11: the VPC's default group
      if (const auto* d = net.default_security_group(s->vpc)) e.security_groups.push_back(d->id);
    e.description = "representative interface of " + w.name + " (" + w.type + ")";
    const std::string& subnet_name = display_name(*s);
    e.tags["Name"] = w.name + "@" + (subnet_name.empty() ? sid.value : subnet_name);
    e.tags[std::string(workload_tag)] = w.name;
    out.push_back({sid, e.id, *ip});
    net.put(std::move(e));
  }
  return out;
}

void place_workloads(network& net) {
  std::vector<workload> all;
  for (const auto& [name, w] : net.workloads()) all.push_back(w);
  for (const auto& w : all) {
    network trial = net;  // a workload placed whole or not at all
    try {
      place_workload(trial, w);
    } catch (const usage_error&) {
      continue;
    }
    net = std::move(trial);
  }
}

}  // namespace vpcsim
