// Tests for include/vpcsim/report/dot.hpp: pictures of the examples and the corpus, read back
// statement by statement (the writer puts one statement on a line): clusters, nodes, the traced
// path hop by hop, and the blocking component.
#include <vpcsim/error.hpp>
#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/report/dot.hpp>
#include <vpcsim/sim/solver.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

using namespace vpcsim;
namespace fs = std::filesystem;

namespace {

const fs::path examples{VPCSIM_EXAMPLES_DIR};
const fs::path corpus = fs::path{VPCSIM_TEST_DATA_DIR} / "corpus" / "batfish-aws";
const std::string app = "i-0b11111111111111a";  // the seed example's instance

// A loaded input and a solver over it; built in place because the solver refers to the network.
struct loaded_network {
  load_result loaded;
  vpcsim::solver solver;
  explicit loaded_network(const fs::path& input) : loaded(load_aws_cli(input)), solver(loaded.network) {}
  const topology::topology& topo() const { return solver.topology(); }
  answer trace(const std::string& from, const std::string& to) const {
    flow_request r;
    r.from = from;
    r.to = to;
    return solver.trace(r);
  }
};

// A picture read back.
struct picture {
  std::map<std::string, std::string> nodes;                      // id -> attributes
  std::map<std::string, std::vector<std::string>> clusters_of;   // node id -> its clusters, outermost first
  std::map<std::string, std::vector<std::string>> members;       // cluster -> direct member nodes, in order
  std::map<std::string, std::string> cluster_attributes;         // cluster -> its attribute line
  std::vector<std::tuple<std::string, std::string, std::string>> edges;  // from, to, attributes
};

// The quoted id at the start of `s`, and what follows it.
std::pair<std::string, std::string> quoted_prefix(const std::string& s) {
  const auto end = s.find('"', 1);
  return {s.substr(1, end - 1), s.substr(end + 1)};
}

// `a=1, b="x"` out of ` [a=1, b="x"];`.
std::string inside_brackets(const std::string& s) {
  const auto open = s.find('[');
  return s.substr(open + 1, s.rfind(']') - open - 1);
}

picture read(const std::string& dot) {
  picture p;
  std::vector<std::string> open;
  std::istringstream in(dot);
  std::string line;
  while (std::getline(in, line)) {
    line.erase(0, line.find_first_not_of(' '));
    if (line.rfind("subgraph \"cluster_", 0) == 0) {
      open.push_back(quoted_prefix(line.substr(9)).first);
    } else if (line == "}") {
      if (!open.empty()) open.pop_back();
    } else if (line.rfind("style=", 0) == 0 && !open.empty()) {
      p.cluster_attributes[open.back()] = line;
    } else if (line.rfind('"', 0) == 0) {
      auto [from, rest] = quoted_prefix(line);
      if (rest.rfind(" -> \"", 0) == 0) {
        auto [to, attrs] = quoted_prefix(rest.substr(4));
        p.edges.emplace_back(from, to, inside_brackets(attrs));
      } else {
        p.nodes[from] = inside_brackets(rest);
        p.clusters_of[from] = open;
        if (!open.empty()) p.members[open.back()].push_back(from);
      }
    }
  }
  return p;
}

// The value of `name="…"` in an attribute list, or empty.
std::string attribute(const std::string& attrs, const std::string& name) {
  const auto at = attrs.find(" " + name + "=\"");
  if (at == std::string::npos && attrs.rfind(name + "=\"", 0) != 0) return {};
  const auto start = (at == std::string::npos ? 0 : at + 1) + name.size() + 2;
  return attrs.substr(start, attrs.find('"', start) - start);
}

bool has_class(const std::string& attrs, const std::string& c) {
  std::istringstream words(attribute(attrs, "class"));
  std::string w;
  while (words >> w)
    if (w == c) return true;
  return false;
}

// How the picture names a hop's component: services by `short@region`, the rest by id.
std::string drawn_id(const hop& h, const std::string& region) {
  return h.kind == "service" ? topology::topology::service_key(h.component, region) : h.component;
}

using step = std::tuple<std::string, std::string, std::string, std::string>;  // from, to, hop number, class

// The path edges and path nodes an answer should give: hop k-1 -> hop k, numbered k, every leg.
void expected_path(const answer& a, const std::string& region, std::set<step>& steps, std::set<std::string>& nodes) {
  for (const auto& leg : a.legs) expected_path(leg, region, steps, nodes);
  for (std::size_t k = 0; k < a.path.size(); ++k) {
    nodes.insert(drawn_id(a.path[k], region));
    if (k > 0)
      steps.emplace(drawn_id(a.path[k - 1], region), drawn_id(a.path[k], region), std::to_string(k + 1),
                    a.path[k].direction == "return" ? "path return" : "path forward");
  }
}

std::set<step> drawn_steps(const picture& p) {
  std::set<step> out;
  for (const auto& [from, to, attrs] : p.edges)
    if (has_class(attrs, "path")) out.emplace(from, to, attribute(attrs, "label"), attribute(attrs, "class"));
  return out;
}

std::set<std::string> drawn_nodes_with_class(const picture& p, const std::string& c) {
  std::set<std::string> out;
  for (const auto& [id, attrs] : p.nodes)
    if (has_class(attrs, c)) out.insert(id);
  return out;
}

// The picture's path equals the answer's, component by component and hop by hop.
void check_path_matches(const picture& p, const answer& a, const std::string& region) {
  std::set<step> steps;
  std::set<std::string> nodes;
  expected_path(a, region, steps, nodes);
  REQUIRE_FALSE(steps.empty());
  CHECK(drawn_steps(p) == steps);
  CHECK(drawn_nodes_with_class(p, "path") == nodes);
}

std::string html(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '>' ? "&gt;" : c == '<' ? "&lt;" : c == '&' ? "&amp;" : std::string(1, c);
  return out;
}

std::vector<fs::path> corpus_snapshots() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(corpus))
    if (e.is_directory()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("to_dot gives the same bytes for the same network loaded twice, nodes in id order", "[report][dot]") {
  const loaded_network one(examples / "ecr-private-subnet");
  const loaded_network two(examples / "ecr-private-subnet");
  CHECK(report::to_dot(one.topo()) == report::to_dot(two.topo()));
  const auto a = one.trace(app, "ecr");
  const auto dot = report::to_dot(one.topo(), a);
  CHECK(dot == report::to_dot(two.topo(), two.trace(app, "ecr")));

  // In every cluster the subnet's own node comes first, then the members by id.
  const auto p = read(dot);
  REQUIRE(p.members.size() == 3);
  for (const auto& [cluster, ids] : p.members) {
    INFO(cluster);
    auto first = ids.begin();
    if (cluster.rfind("cluster_subnet-", 0) == 0) CHECK(*first++ == cluster.substr(8));
    CHECK(std::is_sorted(first, ids.end()));
  }
}

TEST_CASE("to_dot draws each VPC as a cluster holding a cluster per subnet, for every corpus snapshot",
          "[report][dot]") {
  for (const auto& snapshot : corpus_snapshots()) {
    INFO(snapshot.filename().string());
    const loaded_network n(snapshot);
    const auto p = read(report::to_dot(n.topo()));
    const auto& net = n.loaded.network;
    for (const auto& [id, s] : net.all<subnet>()) {
      const std::vector<std::string> where = net.find(s.vpc)
                                                 ? std::vector<std::string>{"cluster_" + s.vpc.str(), "cluster_" + id.str()}
                                                 : std::vector<std::string>{"cluster_" + id.str()};
      CHECK(p.clusters_of.at(id.str()) == where);
      if (where.size() == 2) CHECK(p.cluster_attributes.at(where.front()).find(s.vpc.str()) != std::string::npos);
      CHECK(p.cluster_attributes.at("cluster_" + id.str()).find(s.availability_zone) != std::string::npos);
    }
    for (const auto& [id, e] : net.all<network_interface>())
      if (net.find(e.subnet)) CHECK(p.clusters_of.at(id.str()).back() == "cluster_" + e.subnet.str());
    for (const auto& [id, rt] : net.all<route_table>())
      if (net.find(rt.vpc)) CHECK(p.clusters_of.at(id.str()) == std::vector<std::string>{"cluster_" + rt.vpc.str()});
  }
}

TEST_CASE("to_dot labels route edges with their destinations and folds local routes into the table",
          "[report][dot]") {
  const loaded_network n(examples / "ecr-private-subnet");
  const auto p = read(report::to_dot(n.topo()));
  std::vector<std::string> routes;
  for (const auto& [from, to, attrs] : p.edges)
    if (from.rfind("rtb-", 0) == 0) routes.push_back(from + " -> " + to + " " + attribute(attrs, "label"));
  CHECK(routes == std::vector<std::string>{"rtb-0c11111111111111b -> vpce-0a1e0000000000a03 pl-63a5400a (s3)"});
  CHECK(p.nodes.at("rtb-0c11111111111111b").find("local: 10.0.0.0/16") != std::string::npos);
  CHECK(p.nodes.at("i-0b11111111111111a").find("<b>app-1</b><br/>i-0b11111111111111a") != std::string::npos);
}

TEST_CASE("to_dot highlights a reachable flow's path component by component and hop by hop", "[report][dot]") {
  SECTION("through a gateway endpoint") {
    const loaded_network n(examples / "ecr-private-subnet");
    const auto a = n.trace(app, "s3");
    REQUIRE(a.reachable);
    const auto p = read(report::to_dot(n.topo(), a));
    check_path_matches(p, a, "us-east-1");
    CHECK(drawn_nodes_with_class(p, "blocked").empty());
  }
  SECTION("through a NAT gateway and an internet gateway, with the return hops") {
    const loaded_network n(corpus / "test-nat-gateway");
    const auto a = n.trace("i-0a128d26e59be60f3", "8.8.8.8");
    REQUIRE(a.reachable);
    REQUIRE(std::any_of(a.path.begin(), a.path.end(), [](const hop& h) { return h.direction == "return"; }));
    const auto p = read(report::to_dot(n.topo(), a));
    check_path_matches(p, a, "us-east-2");
    CHECK(p.nodes.count("internet") == 1);
  }
  SECTION("to a service the topology has no vertex for (S3 through a NAT gateway)") {
    const loaded_network n(corpus / "test-nat-gateway");
    const auto a = n.trace("i-0a128d26e59be60f3", "s3");
    REQUIRE(a.reachable);
    const auto p = read(report::to_dot(n.topo(), a));
    check_path_matches(p, a, "us-east-2");
    CHECK(p.clusters_of.at("s3@us-east-2").empty());
  }
}

TEST_CASE("to_dot marks the blocking component red with its rule, and the hop that reached it", "[report][dot]") {
  const loaded_network n(examples / "ecr-private-subnet-broken");
  const auto a = n.trace(app, "ecr.api");
  REQUIRE(a.blocked);
  const auto p = read(report::to_dot(n.topo(), a));
  check_path_matches(p, a, "us-east-1");
  REQUIRE(drawn_nodes_with_class(p, "blocked") == std::set<std::string>{a.blocked->component});
  const auto& attrs = p.nodes.at(a.blocked->component);
  CHECK(attribute(attrs, "color") == "#D50000");
  CHECK(attrs.find("BLOCKED: " + a.blocked->code) != std::string::npos);
  CHECK(attrs.find(html(a.blocked->rule)) != std::string::npos);
  std::vector<std::pair<std::string, std::string>> blocked_edges;
  for (const auto& [from, to, e] : p.edges)
    if (has_class(e, "blocked")) blocked_edges.emplace_back(from, to);
  CHECK(blocked_edges == std::vector<std::pair<std::string, std::string>>{{a.path.back().component, a.blocked->component}});
}

TEST_CASE("to_dot marks a VPC's cluster red when the VPC itself stops the flow", "[report][dot]") {
  const loaded_network n(fs::path{VPCSIM_TEST_DATA_DIR} / "scenarios" / "dns-support-false");
  const auto a = n.trace(app, "ecr.api");
  REQUIRE(a.blocked);
  REQUIRE(a.blocked->component == "vpc-0e1a2b3c4d5e6f701");
  const auto p = read(report::to_dot(n.topo(), a));
  const auto& attrs = p.cluster_attributes.at("cluster_vpc-0e1a2b3c4d5e6f701");
  CHECK(attrs.find("class=\"blocked\"") != std::string::npos);
  CHECK(attrs.find("color=\"#D50000\"") != std::string::npos);
  CHECK(attrs.find("BLOCKED: DNS_RESOLUTION_DISABLED") != std::string::npos);
  CHECK(attrs.find(a.blocked->rule) != std::string::npos);
  CHECK(drawn_nodes_with_class(p, "blocked").empty());
  for (const auto& [from, to, e] : p.edges) CHECK_FALSE(has_class(e, "blocked"));
}

TEST_CASE("to_dot draws every leg of a composite ecr answer", "[report][dot]") {
  SECTION("all legs arrive") {
    const loaded_network n(examples / "ecr-private-subnet");
    const auto a = n.trace(app, "ecr");
    REQUIRE(a.legs.size() == 3);
    const auto p = read(report::to_dot(n.topo(), a));
    check_path_matches(p, a, "us-east-1");
    for (const auto* service : {"ecr.api@us-east-1", "ecr.dkr@us-east-1", "s3@us-east-1"})
      CHECK(has_class(p.nodes.at(service), "path"));
  }
  SECTION("two legs stop at the endpoints' security group") {
    const loaded_network n(examples / "ecr-private-subnet-broken");
    const auto a = n.trace(app, "ecr");
    REQUIRE_FALSE(a.reachable);
    const auto p = read(report::to_dot(n.topo(), a));
    check_path_matches(p, a, "us-east-1");
    CHECK(drawn_nodes_with_class(p, "blocked") == std::set<std::string>{"sg-0f22222222222222c"});
    CHECK(has_class(p.nodes.at("s3@us-east-1"), "path"));
  }
}

TEST_CASE("to_dot with a VPC draws that VPC and what its routes lead to", "[report][dot]") {
  const loaded_network n(corpus / "test-vpc-peering");
  report::dot_options only_a;
  only_a.vpc = "vpc-0404e08ceddf7f650";
  const auto p = read(report::to_dot(n.topo(), only_a));
  std::set<std::string> vpcs;
  for (const auto& [cluster, attrs] : p.cluster_attributes)
    if (cluster.rfind("cluster_vpc-", 0) == 0) vpcs.insert(cluster);
  CHECK(vpcs == std::set<std::string>{"cluster_vpc-0404e08ceddf7f650"});
  CHECK(p.nodes.count("i-06ba034d88c84ef07") == 1);
  CHECK(p.nodes.count("pcx-0b89b559e3319d6cf") == 1);
  CHECK(p.nodes.count("pcx-0d5b836985ac8ca8c") == 1);
  CHECK(p.nodes.count("i-0b14080af811fda3d") == 0);  // VPC B's instance
}

TEST_CASE("to_dot with a subnet draws what its traffic touches and leaves the rest out", "[report][dot]") {
  const loaded_network n(corpus / "test-nat-gateway");
  report::dot_options only;
  only.subnet = "subnet-06f469bcee42e408e";  // "Subnet 1": 0.0.0.0/0 through the NAT gateway
  const auto p = read(report::to_dot(n.topo(), only));
  for (const auto* id : {"i-0a128d26e59be60f3", "rtb-02fe228b42de92a7c", "acl-0380e24eb934b075e", "nat-07ab4846da51f4612",
                         "rtb-0ddf14681733ed0b7", "igw-071753b9c23d8a9b2", "internet"}) {
    INFO(id);
    CHECK(p.nodes.count(id) == 1);
  }
  for (const auto* id : {"i-0a73a1a6021c03ddb", "i-0b31b509174d7f5de", "subnet-02ff259e663e9613e"}) {
    INFO(id);
    CHECK(p.nodes.count(id) == 0);
  }

  SECTION("path components outside the subnet are drawn too") {
    const loaded_network seed(examples / "ecr-private-subnet");
    report::dot_options endpoints_only;
    endpoints_only.subnet = "subnet-0a22222222222222b";
    const auto a = seed.trace(app, "ecr.api");
    check_path_matches(read(report::to_dot(seed.topo(), a, endpoints_only)), a, "us-east-1");
  }
}

TEST_CASE("to_dot rejects a VPC or subnet the input does not hold", "[report][dot]") {
  const loaded_network n(examples / "ecr-private-subnet");
  report::dot_options o;
  o.vpc = "vpc-nope";
  CHECK_THROWS_MATCHES(report::to_dot(n.topo(), o), usage_error,
                       Catch::Matchers::Message("[vpcsim.graph.unknown_vpc] VPC vpc-nope is not in the input"));
  o.vpc.clear();
  o.subnet = "subnet-nope";
  CHECK_THROWS_MATCHES(report::to_dot(n.topo(), o), usage_error,
                       Catch::Matchers::Message("[vpcsim.graph.unknown_subnet] subnet subnet-nope is not in the input"));
}
