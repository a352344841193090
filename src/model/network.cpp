// The network index and AWS's defaulting rules.
#include <vpcsim/model/network.hpp>

#include <algorithm>
#include <atomic>

namespace vpcsim {

std::uint64_t detail::revision_stamp::next() noexcept {
  static std::atomic<std::uint64_t> counter{0};
  return counter.fetch_add(1, std::memory_order_relaxed) + 1;
}

void network::index(const route_table& r) {
  for (const auto& a : r.associations) {
    if (a.main) main_route_table_[r.vpc] = r.id;          // RT-2
    if (a.subnet) subnet_route_table_[*a.subnet] = r.id;  // RT-1: explicit association
  }
}

void network::index(const network_acl& n) {
  if (n.is_default) default_acl_[n.vpc] = n.id;
  for (const auto& a : n.associations) subnet_acl_[a.subnet] = n.id;  // NACL-1
}

void network::index(const security_group& g) {
  if (g.is_default()) default_sg_[g.vpc] = g.id;  // SG-10
}

void network::index(const internet_gateway& g) {
  for (const auto& a : g.attachments) vpc_igws_.emplace(a.vpc, g.id);
}

void network::index(const network_interface& e) {
  // AWS gives an address to one interface of a VPC (VPC-7); should an input repeat one (captures of
  // different moments), the lower id holds it, whatever the order the interfaces were put in.
  for (const auto& p : e.private_ips)
    if (auto [it, fresh] = eni_by_address_.try_emplace({p.address.to_uint(), e.vpc.str()}, &e);
        !fresh && e.id < it->second->id)
      it->second = &e;
  if (e.attachment && e.attachment->instance) instance_enis_.emplace(e.attachment->instance->str(), &e);
}

// The indexes of views (`eni_by_address_`, `instance_enis_`) are built again over this network's
// own interfaces; the others hold ids and are copied.
network::network(const network& other)
    : tables_(other.tables_), workloads_(other.workloads_), unresolved_(other.unresolved_), revision_(other.revision_) {
  reindex();
}

network& network::operator=(const network& other) {
  if (this != &other) {
    network copy(other);
    *this = std::move(copy);
  }
  return *this;
}

void network::index(const vpc_endpoint& e) { vpc_endpoints_.emplace(e.vpc, e.id); }

void network::index(const prefix_list& p) { prefix_list_by_name_[p.name] = p.id; }

void network::reindex() {
  subnet_route_table_.clear();
  main_route_table_.clear();
  subnet_acl_.clear();
  default_acl_.clear();
  default_sg_.clear();
  vpc_igws_.clear();
  eni_by_address_.clear();
  instance_enis_.clear();
  vpc_endpoints_.clear();
  prefix_list_by_name_.clear();
  std::apply([&](const auto&... t) { ((std::for_each(t.begin(), t.end(), [&](const auto& kv) { index(kv.second); })), ...); },
             tables_);
}

route_table_choice network::route_table_for(const subnet_id& s) const {
  if (auto it = subnet_route_table_.find(s); it != subnet_route_table_.end())
    return {find(it->second), true};
  // RT-2: a subnet without an explicit association uses its VPC's main route table.
  const subnet* sn = find(s);
  if (!sn) return {};
  return {main_route_table(sn->vpc), false};
}

const route_table* network::main_route_table(const vpc_id& v) const {
  auto it = main_route_table_.find(v);
  return it == main_route_table_.end() ? nullptr : find(it->second);
}

const network_acl* network::network_acl_for(const subnet_id& s) const {
  if (auto it = subnet_acl_.find(s); it != subnet_acl_.end()) return find(it->second);
  // NACL-1: a subnet without an association uses its VPC's default NACL.
  const subnet* sn = find(s);
  return sn ? default_network_acl(sn->vpc) : nullptr;
}

const network_acl* network::default_network_acl(const vpc_id& v) const {
  auto it = default_acl_.find(v);
  return it == default_acl_.end() ? nullptr : find(it->second);
}

const security_group* network::default_security_group(const vpc_id& v) const {
  auto it = default_sg_.find(v);
  return it == default_sg_.end() ? nullptr : find(it->second);
}

dns_attribute network::dns_support(const vpc_id& v) const {
  const vpc* p = find(v);
  if (p && p->enable_dns_support) return {*p->enable_dns_support, false};
  return {true, true};  // DNS-4: enableDnsSupport defaults to true
}

dns_attribute network::dns_hostnames(const vpc_id& v) const {
  const vpc* p = find(v);
  if (p && p->enable_dns_hostnames) return {*p->enable_dns_hostnames, false};
  return {p && p->is_default, true};  // DNS-5: false, except true in a default VPC
}

const dhcp_options* network::dhcp_options_for(const vpc_id& v) const {
  const vpc* p = find(v);
  return p && !p->dhcp_options.empty() ? find(p->dhcp_options) : nullptr;
}

const internet_gateway* network::internet_gateway_for(const vpc_id& v) const {
  for (const auto* g : internet_gateways_naming(v))
    for (const auto& a : g->attachments)
      if (a.vpc == v && a.is_attached()) return g;  // IGW-2: one attached IGW per VPC
  return nullptr;
}

std::vector<const internet_gateway*> network::internet_gateways_naming(const vpc_id& v) const {
  std::vector<const internet_gateway*> out;
  auto [b, e] = vpc_igws_.equal_range(v);
  for (auto it = b; it != e; ++it)
    if (const auto* g = find(it->second)) out.push_back(g);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b2) { return a->id < b2->id; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const network_interface* network::interface_with_address(const vpc_id& v, address4 a) const {
  auto it = eni_by_address_.find({a.to_uint(), v.str()});
  return it == eni_by_address_.end() ? nullptr : it->second;
}

std::vector<const network_interface*> network::interfaces_with_address(address4 a) const {
  std::vector<const network_interface*> out;
  // One address's interfaces, in VPC id order.
  for (auto it = eni_by_address_.lower_bound({a.to_uint(), std::string_view{}});
       it != eni_by_address_.end() && it->first.first == a.to_uint(); ++it)
    out.push_back(it->second);
  return out;
}

std::vector<const network_interface*> network::interfaces_of(const instance_id& i) const {
  std::vector<const network_interface*> out;
  auto [b, e] = instance_enis_.equal_range(i.str());
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  std::sort(out.begin(), out.end(), [](auto* x, auto* y) { return primary_before(*x, *y); });
  return out;
}

const network_interface* network::primary_interface_of(const instance_id& i) const {
  const network_interface* first = nullptr;
  auto [b, e] = instance_enis_.equal_range(i.str());
  for (auto it = b; it != e; ++it)
    if (!first || primary_before(*it->second, *first)) first = it->second;
  return first;
}

std::unordered_map<std::string_view, const network_interface*> network::primary_interfaces() const {
  std::unordered_map<std::string_view, const network_interface*> out;
  out.reserve(all<instance>().size());
  for (const auto& [id, e] : all<network_interface>())
    if (e.attachment && e.attachment->instance) {
      auto [it, fresh] = out.try_emplace(e.attachment->instance->str(), &e);
      if (!fresh && primary_before(e, *it->second)) it->second = &e;
    }
  return out;
}

std::vector<const vpc_endpoint*> network::endpoints_in(const vpc_id& v) const {
  std::vector<const vpc_endpoint*> out;
  auto [b, e] = vpc_endpoints_.equal_range(v);
  for (auto it = b; it != e; ++it)
    if (const auto* ep = find(it->second)) out.push_back(ep);
  std::sort(out.begin(), out.end(), [](auto* x, auto* y) { return x->id < y->id; });
  return out;
}

const subnet* network::subnet_containing(const vpc_id& v, address4 a) const {
  const subnet* best = nullptr;
  for (const auto& [id, s] : all<subnet>())
    if (s.vpc == v && s.cidr_block && s.cidr_block->contains(a) &&
        (!best || s.cidr_block->prefix_length() > best->cidr_block->prefix_length()))
      best = &s;
  return best;
}

const prefix_list* network::prefix_list_named(const std::string& name) const {
  auto it = prefix_list_by_name_.find(name);
  return it == prefix_list_by_name_.end() ? nullptr : find(it->second);
}

std::set<scope> network::scopes() const {
  std::set<scope> out;
  std::apply([&](const auto&... t) { ((std::for_each(t.begin(), t.end(), [&](const auto& kv) { out.insert(kv.second.where); })), ...); },
             tables_);
  return out;
}

std::size_t network::size() const noexcept {
  return std::apply([](const auto&... t) { return (t.size() + ... + 0); }, tables_);
}

void network::put_workload(workload w) {
  revision_.renew();
  auto name = w.name;
  workloads_.insert_or_assign(std::move(name), std::move(w));
}

void network::add_unresolved(const std::string& id_or_workload, unresolved_link link) {
  auto& links = unresolved_[id_or_workload];
  if (std::find(links.begin(), links.end(), link) == links.end()) links.push_back(std::move(link));
}

const workload* network::find_workload(std::string_view name) const {
  auto it = workloads_.find(name);
  return it == workloads_.end() ? nullptr : &it->second;
}

}  // namespace vpcsim
