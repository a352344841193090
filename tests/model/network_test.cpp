// The network's indexes and the listing of sources from them: what they answer does not depend on
// the order resources were put in.
#include <vpcsim/model/network.hpp>
#include <vpcsim/sim/selector.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace vpcsim;

namespace {

network_interface attached(const std::string& id, const std::string& inst, int device_index) {
  network_interface e;
  e.id = network_interface_id{id};
  e.vpc = vpc_id{"vpc-0aaa"};
  e.subnet = subnet_id{"subnet-0aaa"};
  e.attachment = interface_attachment{instance_id{inst}, device_index, "attached"};
  return e;
}

std::vector<std::string> ids(const std::vector<const network_interface*>& v) {
  std::vector<std::string> out;
  for (const auto* e : v) out.push_back(e->id.value);
  return out;
}

// Puts `resources` into `n` in their order, or in the reverse order.
template <class T>
void put_all(network& n, const std::vector<T>& resources, bool reversed) {
  if (reversed)
    for (auto it = resources.rbegin(); it != resources.rend(); ++it) n.put(*it);
  else
    for (const auto& r : resources) n.put(r);
}

}  // namespace

// AWS gives each interface of an instance its own device index; a hand-edited capture may not.
TEST_CASE("of two interfaces at one device index, the lower id is the instance's primary, in either input order",
          "[model]") {
  const std::vector<network_interface> enis{attached("eni-0ccc", "i-0abc", 1), attached("eni-0bbb", "i-0abc", 0),
                                            attached("eni-0aaa", "i-0abc", 0)};
  for (const bool reversed : {false, true}) {
    INFO("reversed: " << reversed);
    network n;
    put_all(n, enis, reversed);
    REQUIRE(n.primary_interface_of(instance_id{"i-0abc"}) != nullptr);
    CHECK(n.primary_interface_of(instance_id{"i-0abc"})->id.value == "eni-0aaa");
    CHECK(ids(n.interfaces_of(instance_id{"i-0abc"})) == std::vector<std::string>{"eni-0aaa", "eni-0bbb", "eni-0ccc"});
    const auto primary = n.primary_interfaces();  // the one-pass form `matrix` and `diff` list sources with
    REQUIRE(primary.size() == 1);
    CHECK(primary.at("i-0abc")->id.value == "eni-0aaa");
    CHECK(n.interfaces_of(instance_id{"i-0other"}).empty());
    CHECK(n.primary_interface_of(instance_id{"i-0other"}) == nullptr);
  }
}

// The listing `matrix`, `check` and `diff` take their sources from: ids longer than the 24 bytes
// its sort keys hold, and ids that share those bytes, order as their text does.
TEST_CASE("every instance with an interface is listed once in id order beside the primary interface the network names",
          "[model]") {
  std::vector<instance> instances;
  for (const auto* id : {"i-0abc", "i-0abd", "i-0123456789abcdef01234", "i-0123456789abcdef012345",
                         "i-0123456789abcdef0123456789", "i-0123456789abcdef0123456789a",
                         "i-0123456789abcdef0123456788zz"}) {
    instance inst;
    inst.id = instance_id{id};
    instances.push_back(inst);
  }
  const std::vector<network_interface> enis{
      attached("eni-0ccc", "i-0abc", 1), attached("eni-0bbb", "i-0abc", 0), attached("eni-0aaa", "i-0abc", 0),
      attached("eni-01", "i-0123456789abcdef01234", 0), attached("eni-02", "i-0123456789abcdef012345", 0),
      attached("eni-03", "i-0123456789abcdef0123456789a", 1), attached("eni-04", "i-0123456789abcdef0123456789a", 0),
      attached("eni-05", "i-0123456789abcdef0123456788zz", 0), attached("eni-06", "i-0gone", 0)};
  for (const bool reversed : {false, true}) {
    INFO("reversed: " << reversed);
    network n;
    put_all(n, instances, reversed);
    put_all(n, enis, reversed);
    std::vector<std::pair<std::string, std::string>> listed;
    for (const auto& [inst, eni] : instances_with_interfaces(n)) {
      CHECK(eni == n.primary_interface_of(inst->id));
      listed.emplace_back(inst->id.value, eni->id.value);
    }
    // i-0abd has no interface; i-0gone's interface names an instance not in the input.
    CHECK(listed == std::vector<std::pair<std::string, std::string>>{{"i-0123456789abcdef01234", "eni-01"},
                                                                     {"i-0123456789abcdef012345", "eni-02"},
                                                                     {"i-0123456789abcdef0123456788zz", "eni-05"},
                                                                     {"i-0123456789abcdef0123456789a", "eni-04"},
                                                                     {"i-0abc", "eni-0aaa"}});
    CHECK(all_instance_sources(n) == std::vector<std::string>{"i-0123456789abcdef01234", "i-0123456789abcdef012345",
                                                              "i-0123456789abcdef0123456788zz",
                                                              "i-0123456789abcdef0123456789a", "i-0abc"});
  }
}

// AWS never gives one address to two interfaces of a VPC (VPC-7); captures of different moments can.
TEST_CASE("of two interfaces holding one private address in a VPC the lower id holds it in either input order",
          "[model]") {
  auto holding = [](const std::string& id) {
    network_interface e = attached(id, "i-0" + id.substr(5), 0);
    e.private_ips.push_back({*parse_address4("10.0.1.5"), true, std::nullopt});
    return e;
  };
  const std::vector<network_interface> enis{holding("eni-0bbb"), holding("eni-0aaa"), holding("eni-0ccc")};
  for (const bool reversed : {false, true}) {
    INFO("reversed: " << reversed);
    network n;
    put_all(n, enis, reversed);
    const auto* held = n.interface_with_address(vpc_id{"vpc-0aaa"}, *parse_address4("10.0.1.5"));
    REQUIRE(held != nullptr);
    CHECK(held->id.value == "eni-0aaa");
    CHECK(ids(n.interfaces_with_address(*parse_address4("10.0.1.5"))) == std::vector<std::string>{"eni-0aaa"});
  }
}

// The interface indexes hold views of the network's own interfaces: a copy answers from its own, a
// replaced interface is found as it now is, and a moved-to network keeps answering.
TEST_CASE("a copied, assigned or moved network finds its own interfaces by address and by instance", "[model]") {
  network_interface e = attached("eni-0aaa", "i-0aaa", 0);
  e.private_ips.push_back({*parse_address4("10.0.1.5"), true, std::nullopt});
  network original;
  original.put(e);
  const auto address = *parse_address4("10.0.1.5");
  const vpc_id vpc{"vpc-0aaa"};
  auto owns = [&](const network& n) {
    const auto* by_address = n.interface_with_address(vpc, address);
    const auto* by_instance = n.primary_interface_of(instance_id{"i-0aaa"});
    REQUIRE(by_address != nullptr);
    CHECK(by_address == n.find(network_interface_id{"eni-0aaa"}));
    CHECK(by_instance == by_address);
    CHECK(n.interfaces_of(instance_id{"i-0aaa"}) == std::vector<const network_interface*>{by_address});
    CHECK(n.interfaces_with_address(address) == std::vector<const network_interface*>{by_address});
  };
  network copy(original);
  owns(copy);
  network assigned;
  assigned = original;
  owns(assigned);
  owns(original);

  // Replacing the interface: the old address and instance no longer lead to it.
  network_interface moved = attached("eni-0aaa", "i-0bbb", 0);
  moved.private_ips.push_back({*parse_address4("10.0.1.6"), true, std::nullopt});
  copy.put(moved);
  CHECK(copy.interface_with_address(vpc, address) == nullptr);
  CHECK(copy.primary_interface_of(instance_id{"i-0aaa"}) == nullptr);
  CHECK(copy.interface_with_address(vpc, *parse_address4("10.0.1.6")) == copy.find(network_interface_id{"eni-0aaa"}));
  owns(original);  // the copy's change is its own

  network target(std::move(assigned));
  owns(target);
}
