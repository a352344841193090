// Route selection (A.1.3): longest prefix, then static over prefix list over propagated.
#include <vpcsim/sim/routing.hpp>

#include <catch2/catch.hpp>

using namespace vpcsim;

namespace {
cidr4 c(const char* t) { return *cidr4::parse(t); }
address4 a(const char* t) { return *parse_address4(t); }
route r(route_destination d, target_kind k, const char* id, route_origin o = route_origin::create_route,
        route_state s = route_state::active) {
  return route{std::move(d), route_target{k, id}, s, o};
}
network with_s3_list() {
  network net;
  prefix_list pl;
  pl.id = prefix_list_id{"pl-s3"};
  pl.name = "com.amazonaws.us-east-1.s3";
  pl.cidrs = {c("52.216.0.0/15"), c("54.231.0.0/16")};
  net.put(pl);
  return net;
}
}  // namespace

TEST_CASE("the longest prefix wins whatever the route kinds (RT-16)", "[sim][routing]") {
  auto net = with_s3_list();
  route_table rt;
  rt.id = route_table_id{"rtb-1"};
  rt.routes = {r(c("10.0.0.0/16"), target_kind::local, "local", route_origin::create_route_table),
               r(c("0.0.0.0/0"), target_kind::nat_gateway, "nat-1"),
               r(prefix_list_id{"pl-s3"}, target_kind::gateway_endpoint, "vpce-s3")};
  CHECK(select_route(net, rt, a("10.0.5.5")).chosen->target.id == "local");
  CHECK(select_route(net, rt, a("8.8.8.8")).chosen->target.id == "nat-1");
  auto s3 = select_route(net, rt, a("52.217.1.1"));
  CHECK(s3.chosen->target.id == "vpce-s3");  // GW-7a: the list entries are more specific than 0/0
  CHECK(s3.matched == c("52.216.0.0/15"));
}

TEST_CASE("a more specific CIDR route beats the prefix-list route and is flagged (GW-7b)", "[sim][routing]") {
  auto net = with_s3_list();
  route_table rt;
  rt.routes = {r(prefix_list_id{"pl-s3"}, target_kind::gateway_endpoint, "vpce-s3"),
               r(c("52.216.4.0/24"), target_kind::internet_gateway, "igw-1")};
  auto ch = select_route(net, rt, a("52.216.4.9"));
  CHECK(ch.chosen->target.id == "igw-1");
  REQUIRE(ch.shadowed_prefix_list_route);
  CHECK(ch.shadowed_prefix_list_route->target.id == "vpce-s3");
}

TEST_CASE("on equal prefixes a static CIDR route beats the prefix-list route (GW-7c, RT-18)", "[sim][routing]") {
  auto net = with_s3_list();
  route_table rt;
  rt.routes = {r(prefix_list_id{"pl-s3"}, target_kind::gateway_endpoint, "vpce-s3"),
               r(c("52.216.0.0/15"), target_kind::nat_gateway, "nat-1")};
  CHECK(select_route(net, rt, a("52.216.0.1")).chosen->target.id == "nat-1");
}

TEST_CASE("on equal prefixes a prefix-list route beats a propagated route (RT-18)", "[sim][routing]") {
  auto net = with_s3_list();
  route_table rt;
  rt.routes = {r(c("52.216.0.0/15"), target_kind::virtual_private_gateway, "vgw-1", route_origin::propagated),
               r(prefix_list_id{"pl-s3"}, target_kind::gateway_endpoint, "vpce-s3")};
  CHECK(select_route(net, rt, a("52.216.0.1")).chosen->target.id == "vpce-s3");
}

TEST_CASE("a static route beats a propagated route with the same destination (RT-17)", "[sim][routing]") {
  network net;
  route_table rt;
  rt.routes = {r(c("172.16.0.0/16"), target_kind::virtual_private_gateway, "vgw-1", route_origin::propagated),
               r(c("172.16.0.0/16"), target_kind::peering_connection, "pcx-1")};
  CHECK(select_route(net, rt, a("172.16.3.3")).chosen->target.id == "pcx-1");
}

TEST_CASE("a blackhole route still wins the longest-prefix match (RT-24)", "[sim][routing]") {
  network net;
  route_table rt;
  rt.routes = {r(c("0.0.0.0/0"), target_kind::internet_gateway, "igw-1"),
               r(c("8.8.8.0/24"), target_kind::nat_gateway, "nat-gone", route_origin::create_route, route_state::blackhole)};
  auto ch = select_route(net, rt, a("8.8.8.8"));
  CHECK(ch.chosen->target.id == "nat-gone");
  CHECK(ch.chosen->state == route_state::blackhole);
}

TEST_CASE("no matching route leaves nothing chosen (RT-21)", "[sim][routing]") {
  network net;
  route_table rt;
  rt.routes = {r(c("10.0.0.0/16"), target_kind::local, "local", route_origin::create_route_table)};
  CHECK(select_route(net, rt, a("8.8.8.8")).chosen == nullptr);
}

TEST_CASE("overlapping prefix lists pick the lowest id and say so (RT-19)", "[sim][routing]") {
  auto net = with_s3_list();
  prefix_list other;
  other.id = prefix_list_id{"pl-aaa"};
  other.name = "my-list";
  other.cidrs = {c("52.216.0.0/15")};
  net.put(other);
  route_table rt;
  rt.routes = {r(prefix_list_id{"pl-s3"}, target_kind::gateway_endpoint, "vpce-s3"),
               r(prefix_list_id{"pl-aaa"}, target_kind::nat_gateway, "nat-1")};
  auto ch = select_route(net, rt, a("52.216.0.1"));
  CHECK(ch.chosen->target.id == "nat-1");
  CHECK(ch.warnings.size() == 1);
}
