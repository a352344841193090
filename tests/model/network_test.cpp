// The network's indexes: what they answer does not depend on the order resources were put in.
#include <vpcsim/model/network.hpp>

#include <catch2/catch.hpp>

#include <string>
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

}  // namespace

// AWS gives each interface of an instance its own device index; a hand-edited capture may not.
TEST_CASE("of two interfaces at one device index, the lower id is the instance's primary, in either input order",
          "[model]") {
  const std::vector<network_interface> enis{attached("eni-0ccc", "i-0abc", 1), attached("eni-0bbb", "i-0abc", 0),
                                            attached("eni-0aaa", "i-0abc", 0)};
  for (const bool reversed : {false, true}) {
    INFO("reversed: " << reversed);
    network n;
    if (reversed)
      for (auto it = enis.rbegin(); it != enis.rend(); ++it) n.put(*it);
    else
      for (const auto& e : enis) n.put(e);
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
