// Readers for network interfaces, instances (`Reservations`) and Elastic IPs (`Addresses`).
#include "aws_import.hpp"

#include "aws_keys.hpp"

#include <algorithm>

namespace vpcsim::detail::aws {

namespace k = aws_keys;

namespace {

std::optional<address4> public_ip_of(reader& r) {
  auto assoc = r.child(k::association);
  if (!assoc) return std::nullopt;
  return assoc->address4_field(k::public_ip);
}

}  // namespace

std::optional<network_interface> read_interface_fields(reader& r, const std::optional<std::string>& az) {
  network_interface e;
  auto id = r.id(k::network_interface_id, "network-interface");
  e.id = network_interface_id{id.value_or("")};
  e.where = r.scope_for(r.string(k::owner_id));
  e.subnet = subnet_id{r.string(k::subnet_id, true).value_or("")};
  e.vpc = vpc_id{r.string(k::vpc_id, true).value_or("")};
  e.availability_zone = r.string(k::availability_zone).value_or(az.value_or(""));
  r.each(k::private_ip_addresses, [&](reader& p) {
    auto a = p.address4_field(k::private_ip_address, true);
    bool primary = p.boolean(k::primary).value_or(false);
    auto pub = public_ip_of(p);
    if (a) e.private_ips.push_back(private_ip{*a, primary, pub});
  });
  // The top-level PrivateIpAddress and Association repeat the primary address's.
  auto primary = r.address4_field(k::private_ip_address);
  auto primary_public = public_ip_of(r);
  if (e.private_ips.empty() && primary) e.private_ips.push_back(private_ip{*primary, true, primary_public});
  for (auto& p : e.private_ips)
    if (p.primary && !p.public_ip) p.public_ip = primary_public;
  std::stable_partition(e.private_ips.begin(), e.private_ips.end(), [](const auto& p) { return p.primary; });
  r.each(k::ipv6_addresses, [&](reader& p) {
    auto text = p.string(k::ipv6_address, true);
    if (!text) return;
    if (auto a = parse_address6(*text)) e.ipv6_addresses.push_back(*a);
    else p.error(messages::bad_value(p.at(), k::ipv6_address, *text, "an IPv6 address"));
  });
  r.each(k::groups, [&](reader& g) {
    if (auto gid = g.string(k::group_id, true)) e.security_groups.emplace_back(*gid);
  });
  e.interface_type = r.string(k::interface_type).value_or(e.interface_type);
  if (auto a = r.child(k::attachment)) {
    interface_attachment att;
    if (auto i = a->string(k::instance_id)) att.instance = instance_id{*i};
    att.device_index = static_cast<int>(a->integer(k::device_index).value_or(0));
    read_state(*a, k::status, att.status);
    e.attachment = att;
  }
  e.requester_managed = r.boolean(k::requester_managed).value_or(false);
  e.source_dest_check = r.boolean(k::source_dest_check).value_or(true);
  read_state(r, k::status, e.status);
  e.description = r.string(k::description).value_or("");
  e.tags = r.tags(k::tag_set);
  r.finish("network interface", k::ignored::network_interface);
  if (r.failed()) return std::nullopt;
  return e;
}

void read_network_interface(reader& r) {
  if (auto e = read_interface_fields(r, std::nullopt)) r.imp().add(std::move(*e), r, k::network_interfaces);
}

namespace {

void read_instance(reader& r, const std::optional<std::string>& owner) {
  instance inst;
  auto id = r.id(k::instance_id, "instance");
  inst.id = instance_id{id.value_or("")};
  inst.where = r.scope_for(owner);
  if (auto s = r.child(k::state)) read_state(*s, k::name, inst.state);
  if (auto v = r.string(k::vpc_id)) inst.vpc = vpc_id{*v};
  if (auto s = r.string(k::subnet_id)) inst.subnet = subnet_id{*s};
  inst.private_ip = r.address4_field(k::private_ip_address);
  inst.public_ip = r.address4_field(k::public_ip_address);
  r.each(k::security_groups, [&](reader& g) {
    if (auto gid = g.string(k::group_id, true)) inst.security_groups.emplace_back(*gid);
  });
  inst.source_dest_check = r.boolean(k::source_dest_check).value_or(true);
  inst.instance_type = r.string(k::instance_type).value_or("");
  inst.tags = r.tags(k::tags);
  std::optional<std::string> az;
  if (auto p = r.child(k::placement)) az = p->string(k::availability_zone);

  // An instance's own copy of its interfaces: stands in for describe-network-interfaces data the
  // capture may lack, so it is kept until every file is read, unless that data came already.
  std::vector<network_interface> copies;
  std::vector<std::size_t> positions;  // each copy's index in the instance's array
  std::vector<std::pair<int, network_interface_id>> by_index;
  r.each(k::network_interfaces, [&](reader& x) {
    auto e = read_interface_fields(x, az);
    if (!e) return;
    if (!e->attachment) e->attachment = interface_attachment{};
    e->attachment->instance = inst.id;  // AWS omits InstanceId inside the instance
    e->where = inst.where;
    by_index.emplace_back(e->attachment->device_index, e->id);
    positions.push_back(x.index());
    copies.push_back(std::move(*e));
  });
  std::stable_sort(by_index.begin(), by_index.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [index, eni] : by_index) inst.network_interfaces.push_back(std::move(eni));
  r.finish("instance", k::ignored::instance);
  if (r.failed()) return;
  r.imp().add(std::move(inst), r, k::reservations);
  // Where the instance and a copy are, written only for a message or a copy kept (most copies
  // repeat an interface read already).
  std::optional<location> at;
  auto where = [&](std::size_t i) {
    if (!at) at = r.at();
    return std::pair{*at, child_pointer(child_pointer(at->pointer, k::network_interfaces), positions[i])};
  };
  instance_interfaces later;
  for (std::size_t i = 0; i < copies.size(); ++i)
    if (!r.imp().add_instance_interface(copies[i], [&] { return where(i); }, true)) {
      later.pointers.push_back(where(i).second);
      later.interfaces.push_back(std::move(copies[i]));
    }
  if (later.interfaces.empty()) return;
  later.at = *at;
  const instance_id of = *later.interfaces.front().attachment->instance;
  r.imp().instance_enis.emplace(of, std::move(later));
}

}  // namespace

void read_reservation(reader& r) {
  auto owner = r.string(k::owner_id);
  const std::string base = child_pointer(r.pointer(), k::instances);
  if (auto instances = r.array(k::instances))
    instances->each_element([&](std::size_t i, json el) {
      if (!el.is_object()) {
        r.error(messages::wrong_type({r.ctx().file, child_pointer(base, i), ""},
                                     "each element of '" + std::string(k::instances) + "'", "an object",
                                     json_type_name(el)));
        return;
      }
      bool failed = false;  // each instance stands or falls alone
      reader x(r.imp(), r.ctx(), el, base, i, failed);
      read_instance(x, owner);
    });
  r.finish("reservation", k::ignored::reservation);
}

void read_address(reader& r) {
  auto pub = r.address4_field(k::public_ip, true);
  r.set_resource(label("address", r.string(k::allocation_id).value_or(pub ? pub->to_string() : "")));
  elastic_ip eip{r.at(), pub.value_or(address4{}), {}, {}, {}};
  if (auto e = r.string(k::network_interface_id)) eip.eni = network_interface_id{*e};
  if (auto i = r.string(k::instance_id)) eip.instance = instance_id{*i};
  eip.private_ip = r.address4_field(k::private_ip_address);
  r.finish("address", k::ignored::address);
  if (!r.failed()) r.imp().elastic_ips.push_back(std::move(eip));
}

}  // namespace vpcsim::detail::aws
