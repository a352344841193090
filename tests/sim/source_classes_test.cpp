// The compiled matrix walks one source per equivalence class (issue #24, src/sim/classes.hpp):
// sources with the same forwarding context share one walk per destination. These tests prove the
// classes exact: every cell of the class-based matrix equals the answer of its own source's walk
// (verdict, via, blocking code, component and rule, per leg), on generated networks with rules
// that name single addresses, and a source whose address alone a rule names gets a class of its own.
#include <vpcsim/error.hpp>
#include <vpcsim/gen/generate.hpp>
#include <vpcsim/io/load.hpp>
#include <vpcsim/report/matrix.hpp>
#include <vpcsim/sim/compiled.hpp>
#include <vpcsim/sim/matrix.hpp>
#include <vpcsim/sim/selector.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

using namespace vpcsim;

namespace {

// Every cell's answer from its own source's walk (no classes), as `run_matrix` words it.
std::vector<answer> per_source(const compiled_network& c, const matrix_request& req) {
  const std::size_t cols = req.destinations.size();
  std::vector<answer> out;
  std::map<std::string, std::vector<compiled_destination>> by_key;
  for (std::size_t i = 0; i < req.sources.size(); ++i) {
    const compiled_source src = c.source(req.sources[i], req.region);
    auto [it, fresh] = by_key.try_emplace(src.resolver_key);
    if (fresh)
      for (const auto& to : req.destinations) it->second.push_back(c.destination(to, src));
    for (std::size_t j = 0; j < cols; ++j) {
      const verdict v = c.trace(src, it->second[j], req.protocol, req.port, linux_ephemeral_ports, req.max_hops);
      out.push_back(c.to_answer(v, req.cell(i * cols + j)));
    }
  }
  return out;
}

std::string summary(const answer& a) {
  std::string s = a.reachable ? "reachable " + a.via.value_or("") : "blocked";
  if (a.blocked) s += " " + a.blocked->code + " at " + a.blocked->component + ": " + a.blocked->rule;
  for (const auto& l : a.legs) s += " | " + summary(l);
  return s;
}

// Compares the class-based matrix with per-source walks cell by cell; returns the cells compared.
std::size_t require_exact(const compiled_network& c, const matrix_request& req, const matrix_result& m) {
  const auto expected = per_source(c, req);
  REQUIRE(m.cells.size() == expected.size());
  std::size_t differences = 0;
  for (std::size_t k = 0; k < expected.size(); ++k)
    if (!(m.cells[k] == expected[k]) && ++differences <= 10) {
      UNSCOPED_INFO(m.cells[k].from << " -> " << m.cells[k].to << ": class gives '" << summary(m.cells[k])
                                    << "', own walk gives '" << summary(expected[k]) << "'");
    }
  CHECK(differences == 0);
  // The CSV written straight from the classes' verdicts is the CSV of the per-source answers.
  matrix_result own;
  own.sources = req.sources;
  own.destinations = req.destinations;
  own.cells = expected;
  std::size_t classes = 0;
  CHECK(matrix_csv(c, req, 2, {}, &classes) == report::to_csv(own));
  CHECK(classes == m.classes);
  return expected.size();
}

address4 primary_of(const network& net, const std::string& id) {
  return *net.primary_interface_of(instance_id{id})->primary_ip();
}

// A `#1 deny all` entry for `addr`/32 in every NACL, inbound: every NACL the source's packets enter
// (a destination's subnet, a NAT gateway's, an endpoint's) refuses that one source (NACL-5).
void deny_everywhere(network& net, address4 addr, int rule_number) {
  std::vector<network_acl> acls;
  for (const auto& [id, acl] : net.all<network_acl>()) acls.push_back(acl);
  for (auto& acl : acls) {
    network_acl_entry e;
    e.rule_number = rule_number;
    e.egress = false;
    e.action = rule_action::deny;
    e.protocol = protocol::all();
    e.cidr_block = cidr4(addr, 32);
    acl.entries.push_back(e);
    std::stable_sort(acl.entries.begin(), acl.entries.end(), [](const network_acl_entry& a, const network_acl_entry& b) {
      return std::make_pair(a.egress, a.rule_number) < std::make_pair(b.egress, b.rule_number);
    });
    net.put(std::move(acl));
  }
}

// Two running instances of one subnet with the same groups, the same public address presence and
// the same kind of attachment: the same forwarding context but for their addresses.
// In `vpc` when given.
std::pair<std::string, std::string> twins(const network& net, const vpc_id* vpc = nullptr) {
  std::map<std::string, std::string> first;
  for (const auto& [id, inst] : net.all<instance>()) {
    const auto* eni = net.primary_interface_of(id);
    if (!eni || !inst.is_running() || !eni->primary_ip() || (vpc && eni->vpc != *vpc)) continue;
    std::string key = eni->subnet.str() + "|" + std::to_string(eni->public_ip_for(*eni->primary_ip()).has_value()) + "|" +
                      std::to_string(eni->ipv6_addresses.size());
    for (const auto& g : eni->security_groups) key += "|" + g.str();
    auto [it, fresh] = first.try_emplace(key, id.str());
    if (!fresh) return {it->second, id.str()};
  }
  FAIL("no two instances share a subnet and groups");
  return {};
}

matrix_request request_for(const network& net, std::vector<std::string> sources) {
  matrix_request req;
  req.sources = std::move(sources);
  req.destinations = {"s3", "dynamodb", "ecr", "ecr.api", "ecr.dkr", "logs", "8.8.8.8"};
  // A few instances' addresses and ids: flows inside VPCs and between them.
  std::size_t n = 0;
  for (const auto& [id, inst] : net.all<instance>()) {
    if (n++ % 37 != 0) continue;
    req.destinations.push_back(id.str());
    if (const auto* eni = net.primary_interface_of(id); eni && eni->primary_ip())
      req.destinations.push_back(eni->primary_ip()->to_string());
  }
  req.region = "us-east-1";
  return req;
}

}  // namespace

TEST_CASE("the class-based matrix gives every source of a generated network the verdict of its own walk",
          "[sim][classes][exhaustive]") {
  std::size_t cells = 0;
  for (const std::uint64_t seed : {1, 2, 5}) {
    gen::generate_options options;
    options.size = gen::preset::small;
    options.seed = seed;
    network net = gen::generate(options);
    // Rules that name single addresses, so that sources of one subnet and groups differ: every
    // 5th instance's address is denied inbound by every NACL.
    const auto sources = all_instance_sources(net);
    for (std::size_t i = 0; i < sources.size(); i += 5) deny_everywhere(net, primary_of(net, sources[i]), 1 + static_cast<int>(i));
    const compiled_network c(net);
    for (const auto& [proto, port] : std::vector<std::pair<protocol, std::uint16_t>>{
             {protocol::tcp(), 443}, {protocol::tcp(), 22}, {protocol::udp(), 53}, {protocol::icmp(), 0}}) {
      matrix_request req = request_for(net, sources);
      req.protocol = proto;
      req.port = port;
      INFO("seed " << seed << ", " << proto.name() << " " << port);
      const matrix_result m = run_matrix(c, req, 2);
      // The classes share work: fewer classes than sources, more than one.
      CHECK(m.classes > 1);
      CHECK(m.classes < req.sources.size());
      cells += require_exact(c, req, m);
    }
  }
  CHECK(cells > 10000);
}

TEST_CASE("two instances of one subnet and groups share a class until a NACL entry names one's address (NACL-5)",
          "[sim][classes]") {
  gen::generate_options options;
  options.seed = 3;
  network net = gen::generate(options);
  const auto [a, b] = twins(net);
  const std::vector<std::string> pair{a, b};
  {
    const compiled_network c(net);
    const matrix_request req = request_for(net, pair);
    const matrix_result m = run_matrix(c, req, 2);
    CHECK(m.classes == 1);
    require_exact(c, req, m);
  }
  // `#1 deny all` from b's address alone, in every NACL: b's packets are refused wherever they
  // enter a subnet (a NAT gateway's, an interface endpoint's), a's are not.
  deny_everywhere(net, primary_of(net, b), 1);
  const compiled_network c(net);
  const matrix_request req = request_for(net, pair);
  const matrix_result m = run_matrix(c, req, 2);
  CHECK(m.classes == 2);
  require_exact(c, req, m);
  std::size_t differing = 0;
  for (std::size_t j = 0; j < req.destinations.size(); ++j) {
    const answer& to_a = m.at(0, j);
    const answer& to_b = m.at(1, j);
    if (summary(to_a) == summary(to_b)) continue;
    ++differing;
    INFO(req.destinations[j] << ": " << summary(to_a) << " vs " << summary(to_b));
    REQUIRE(to_b.blocked);
    CHECK(to_b.blocked->code == "SUBNET_ACL_RESTRICTION");
    CHECK(to_b.blocked->rule.find("#1 deny") != std::string::npos);
  }
  CHECK(differing > 0);
}

TEST_CASE("a security group rule that admits one source address alone splits its subnet's class (SG-8, IF-7)",
          "[sim][classes]") {
  gen::generate_options options;
  options.seed = 3;
  network net = gen::generate(options);
  // The ecr.api interface endpoint of a VPC admits TCP 443 from a's address only.
  const vpc_endpoint* ep = nullptr;
  for (const auto& [id, e] : net.all<vpc_endpoint>())
    if (!ep && e.type == endpoint_type::interface && e.service_name.ends_with(".ecr.api")) ep = &e;
  REQUIRE(ep);
  const auto [a, b] = twins(net, &ep->vpc);
  const auto* eni_a = net.primary_interface_of(instance_id{a});
  REQUIRE(!ep->security_groups.empty());
  for (const auto& gid : ep->security_groups) {
    security_group g = *net.find(gid);
    sg_rule r;
    r.protocol = protocol::tcp();
    r.ports = port_range{443, 443};
    r.peer = cidr4(*eni_a->primary_ip(), 32);
    g.ingress = {r};
    net.put(std::move(g));
  }
  const compiled_network c(net);
  matrix_request req = request_for(net, {a, b});
  req.destinations = {"ecr.api"};
  const matrix_result m = run_matrix(c, req, 2);
  CHECK(m.classes == 2);
  require_exact(c, req, m);
  CHECK(m.at(0, 0).reachable);
  CHECK(m.at(0, 0).via == "interface-endpoint");
  REQUIRE(m.at(1, 0).blocked);
  CHECK(m.at(1, 0).blocked->code == "ENI_SG_RULES_MISMATCH");
}

TEST_CASE("the class-based matrix gives every source of every scenario input the verdict of its own walk",
          "[sim][classes][exhaustive]") {
  // Appliances, transit gateways, peering, NAT instances, routing loops: every scenario input, from
  // every instance and interface to the services, the internet and every interface's address.
  std::size_t cells = 0, inputs = 0;
  for (const auto& dir : std::filesystem::directory_iterator(std::filesystem::path(VPCSIM_TEST_DATA_DIR) / "scenarios")) {
    if (!dir.is_directory()) continue;
    std::unique_ptr<load_result> loaded;
    try {
      loaded = std::make_unique<load_result>(vpcsim::load(dir.path()));
    } catch (const vpcsim::error&) {
      continue;  // not an input (a folder of helper files)
    }
    if (!loaded->usable()) continue;
    const network& net = loaded->network;
    matrix_request req;
    req.sources = all_instance_sources(net);
    for (const auto& [id, eni] : net.all<network_interface>())
      if (eni.primary_ip()) req.sources.push_back(id.str());
    req.destinations = {"s3", "dynamodb", "ecr", "ecr.api", "8.8.8.8", "203.0.113.25"};
    for (const auto& [id, eni] : net.all<network_interface>())
      if (auto ip = eni.primary_ip()) req.destinations.push_back(ip->to_string());
    req.region = "us-east-1";
    const compiled_network c(net);
    INFO(dir.path().filename().string());
    matrix_result m;
    try {
      m = run_matrix(c, req, 2);
    } catch (const vpcsim::error&) {
      continue;  // a source or destination this input cannot resolve (the per-source walk throws alike)
    }
    cells += require_exact(c, req, m);
    ++inputs;
  }
  CHECK(inputs > 40);
  CHECK(cells > 4000);
}

TEST_CASE("an instance that a route targets as an appliance is a class of its own, apart from its subnet's twin (RT-13, RT-14)",
          "[sim][classes]") {
  gen::generate_options options;
  options.seed = 5;
  network net = gen::generate(options);
  const auto [a, b] = twins(net);
  const std::vector<std::string> pair{a, b};
  {
    const compiled_network c(net);
    const matrix_request req = request_for(net, pair);
    CHECK(run_matrix(c, req, 2).classes == 1);
  }
  // The twins' subnet sends 8.8.8.8 to a's interface: b's packets enter a, whose own groups decide
  // them as an appliance's inbound (RT-14), and so do a's own. The walk reads a as an appliance,
  // so a must not share b's class.
  const auto* eni = net.primary_interface_of(instance_id{a});
  REQUIRE(eni);
  route_table table = *net.route_table_for(eni->subnet).table;
  route r;
  r.destination = *cidr4::parse("8.8.8.8/32");
  r.target = route_target{target_kind::network_interface, eni->id.str()};
  table.routes.push_back(r);
  net.put(std::move(table));
  const compiled_network c(net);
  const matrix_request req = request_for(net, pair);
  const matrix_result m = run_matrix(c, req, 2);
  CHECK(m.classes == 2);
  require_exact(c, req, m);
  const std::size_t google = std::find(req.destinations.begin(), req.destinations.end(), "8.8.8.8") - req.destinations.begin();
  REQUIRE(google < req.destinations.size());
  INFO(summary(m.at(0, google)) << " vs " << summary(m.at(1, google)));
  CHECK(summary(m.at(0, google)) != summary(m.at(1, google)));
  REQUIRE(m.at(1, google).blocked);
  const auto& groups = eni->security_groups;
  CHECK(std::find(groups.begin(), groups.end(), security_group_id{m.at(1, google).blocked->component}) != groups.end());
  CHECK(m.at(1, google).blocked->rule.find(primary_of(net, b).to_string()) != std::string::npos);
}

TEST_CASE("the CSV written batch by batch as the threads finish them comes out in row order, byte for byte",
          "[sim][classes][matrix]") {
  gen::generate_options options;
  options.seed = 2;
  const network net = gen::generate(options);
  const compiled_network c(net);
  // Every instance, twelve times over: thousands of rows, several batches of 512 for each thread.
  matrix_request req;
  const auto sources = all_instance_sources(net);
  for (int round = 0; round < 12; ++round) req.sources.insert(req.sources.end(), sources.begin(), sources.end());
  req.destinations = {"s3", "ecr", "8.8.8.8"};
  req.region = "us-east-1";
  REQUIRE(req.sources.size() > 3 * 512);
  const std::string expected = report::to_csv(run_matrix(c, req, 1));
  for (const unsigned jobs : {1u, 3u}) {
    INFO(jobs << " jobs");
    std::string written;
    std::size_t pieces = 0, classes = 0;
    write_matrix_csv(c, req, [&](std::string_view text) { written += text, ++pieces; }, jobs, {}, &classes);
    CHECK(written == expected);
    CHECK(pieces == 1 + (req.sources.size() + 511) / 512);  // the header, then each batch once
    CHECK(classes < sources.size());
  }
}

TEST_CASE("a CSV matrix with a destination that does not resolve writes nothing, not even its header",
          "[sim][classes][matrix]") {
  gen::generate_options options;
  const network net = gen::generate(options);
  const compiled_network c(net);
  matrix_request req;
  req.sources = all_instance_sources(net);
  req.destinations = {"s3", "nowhere.invalid"};
  req.region = "us-east-1";
  std::string written;
  try {
    write_matrix_csv(c, req, [&](std::string_view text) { written += text; });
    FAIL("an unresolvable destination was written");
  } catch (const usage_error& e) {
    CHECK(e.code() == "vpcsim.trace.unknown_destination");
  }
  CHECK(written.empty());
}
