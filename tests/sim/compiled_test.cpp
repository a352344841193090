// The two recorders of the one walk (sim/walk.hpp) agree: on every scenario, corpus snapshot and
// example, every source × a set of destinations and protocols, the verdict (`compiled_network::
// trace`, the verdict recorder of matrix, check and diff) equals the full answer (`solver::trace`,
// the path recorder) projected onto verdict fields (reachable, via, blocked code, component and
// rule, the number of hops, and the same for each composite leg), and the path verdict
// (`solver::trace_path`, the hop recorder) equals it hop by hop. All go through the same source and
// destination resolution, so the same usage errors.
#include <vpcsim/error.hpp>
#include <vpcsim/gen/generate.hpp>
#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/io/load.hpp>
#include <vpcsim/sim/codes.hpp>
#include <vpcsim/sim/compiled.hpp>
#include <vpcsim/sim/intents.hpp>
#include <vpcsim/sim/matrix.hpp>
#include <vpcsim/sim/selector.hpp>
#include <vpcsim/sim/solver.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <new>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

// Counts allocations on the calling thread while `counting` is set, to show the hot path allocates
// nothing.
namespace {
thread_local bool counting = false;
thread_local std::size_t allocations = 0;
}  // namespace

// GCC pairs the replaced operators' malloc/free with new/delete expressions it inlines them into.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void* operator new(std::size_t n) {
  if (counting) ++allocations;
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
// Every form is replaced, so that no allocation pairs a runtime's own operator (a sanitizer's,
// say) with these.
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  if (counting) ++allocations;
  return std::malloc(n == 0 ? 1 : n);
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return operator new(n, t); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

using namespace vpcsim;
namespace fs = std::filesystem;

namespace {

const fs::path data{VPCSIM_TEST_DATA_DIR};
const fs::path examples{VPCSIM_EXAMPLES_DIR};

struct engines {
  load_result loaded;
  vpcsim::solver plain;
  compiled_network compiled;
  resource_names names;  // every resource's name by id: what each hop's name must be
  explicit engines(const fs::path& input) : engines(vpcsim::load(input)) {}
  explicit engines(load_result r)
      : loaded(std::move(r)), plain(loaded.network), compiled(loaded.network), names(loaded.network) {}
};

std::string via_of(const leg_verdict& v) { return std::string(to_string(v.via)); }

// The first difference between an answer and a verdict, or empty.
std::string difference(const compiled_network& c, const answer& a, const leg_verdict& v, const flow_request& r) {
  if (a.reachable != v.reachable) return "reachable " + std::to_string(a.reachable) + " vs " + std::to_string(v.reachable);
  if (a.via.value_or("") != via_of(v)) return "via " + a.via.value_or("-") + " vs " + via_of(v);
  if (a.blocked.has_value() != v.blocked) return "blocked presence differs";
  if (a.blocked) {
    if (a.blocked->code != v.code) return "code " + a.blocked->code + " vs " + std::string(v.code);
    if (a.blocked->component != v.component) return "component " + a.blocked->component + " vs " + std::string(v.component);
    if (const auto rule = c.rule_text(v, r.protocol, r.port); a.blocked->rule != rule)
      return "rule '" + a.blocked->rule + "' vs '" + rule + "'";
  }
  if (a.path.size() != v.hops) return "hops " + std::to_string(a.path.size()) + " vs " + std::to_string(v.hops);
  return {};
}

std::string difference(const compiled_network& c, const answer& a, const verdict& v, const flow_request& r) {
  if (auto d = difference(c, a, static_cast<const leg_verdict&>(v), r); !d.empty()) return d;
  if (a.legs.size() != v.leg_count) return "legs " + std::to_string(a.legs.size()) + " vs " + std::to_string(v.leg_count);
  for (std::size_t i = 0; i < a.legs.size(); ++i)
    if (auto d = difference(c, a.legs[i], v.legs[i], r); !d.empty()) return "leg " + std::to_string(i) + ": " + d;
  return {};
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The digits (an optional '-' first when `sign`) at `text[i]`, or empty; `i` moves past them.
std::string_view number_at(std::string_view text, std::size_t& i, bool sign) {
  const std::size_t from = i;
  if (sign && i < text.size() && text[i] == '-') ++i;
  const std::size_t digits = i;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  if (i == digits) i = from;
  return text.substr(from, i - from);
}

// Consumes `word` at `text[i]` if it is there.
bool take(std::string_view text, std::size_t& i, std::string_view word) {
  if (text.substr(i, word.size()) != word) return false;
  i += word.size();
  return true;
}

// The flows a text words: each `PROTOCOL PORT` (tcp, udp, icmp or all, then a whole number that is
// not the start of a range: `tcp 1024-65535` is the reply's range, not a flow).
std::vector<std::pair<std::string_view, std::string_view>> flow_words(std::string_view text) {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && word_char(text[i - 1])) continue;
    for (const std::string_view proto : {"tcp", "udp", "icmp", "all"}) {
      std::size_t j = i;
      if (!take(text, j, proto) || !take(text, j, " ")) continue;
      const auto port = number_at(text, j, false);
      if (!port.empty() && (j == text.size() || (!word_char(text[j]) && text[j] != '-'))) out.emplace_back(proto, port);
    }
  }
  return out;
}

// A rule in an AWS CLI command: `IpProtocol=P[,FromPort=A,ToPort=B]` (security groups) or
// `--protocol P [--port-range From=A,To=B]` (network ACLs); ports empty when absent.
struct command_rule {
  std::string_view text, protocol, from, to;
};

std::vector<command_rule> command_rules(std::string_view command) {
  std::vector<command_rule> out;
  for (std::size_t i = 0; i < command.size();) {
    const auto sg = command.find("IpProtocol=", i), acl = command.find("--protocol ", i);
    if (sg == std::string_view::npos && acl == std::string_view::npos) break;
    const bool is_sg = sg < acl;
    const std::size_t start = is_sg ? sg : acl;
    std::size_t j = start + std::string_view("IpProtocol=").size();  // as long as "--protocol "
    command_rule r;
    const std::size_t value = j;
    while (j < command.size() && (is_sg ? command[j] != ',' && command[j] != '\'' : !std::isspace(static_cast<unsigned char>(command[j])))) ++j;
    if (j == value) {  // no protocol: not a rule
      i = value;
      continue;
    }
    r.protocol = command.substr(value, j - value);
    std::size_t k = j;
    if (take(command, k, is_sg ? ",FromPort=" : " --port-range From=")) {
      const auto from = number_at(command, k, is_sg);
      if (!from.empty() && take(command, k, is_sg ? ",ToPort=" : ",To=")) {
        const auto to = number_at(command, k, is_sg);
        if (!to.empty()) {
          r.from = from;
          r.to = to;
          j = k;
        }
      }
    }
    r.text = command.substr(start, j - start);
    out.push_back(r);
    i = j;
  }
  return out;
}

// Where a blocked answer's message or fix speaks of another flow than the one asked (a protocol and
// port other than the request's: `udp 443` in the fix of a `tcp 22` flow); empty if none. Port
// ranges (the reply's ephemeral ports, `tcp 1024-65535`) are the reply's, not the flow's.
std::string words_inconsistency(const answer& a, const flow_request& r) {
  const std::string port = std::to_string(r.port);
  if (a.blocked)
    for (const std::string* text : {&a.blocked->message, &a.blocked->fix})
      for (const auto& [proto, number] : flow_words(*text))
        if (proto != r.protocol.name() || number != port)
          return "'" + std::string(proto) + " " + std::string(number) + "' in a " + r.protocol.name() + " " + port + " answer: " + *text;
  // The changes (design.md `changes`, here AWS CLI commands: no locations) speak of the same flow:
  // each rule's protocol is the flow's, its ports the flow's port or the reply's (the client's
  // ephemeral range, or 1024-65535, NACL-18).
  const std::string proto = r.protocol.is_all() ? "-1" : r.protocol.name();
  if (a.blocked)
    for (const auto& c : a.blocked->changes)
      for (const auto& command : c.commands)
        for (const auto& rule : command_rules(command)) {
          const bool ports_ok = !r.protocol.has_ports() ? rule.from.empty() || rule.from == "-1"
                                                        : (rule.from == port && rule.to == port) ||
                                                              (rule.from == "1024" && rule.to == "65535") ||
                                                              (rule.from == std::to_string(r.client_ports.from) &&
                                                               rule.to == std::to_string(r.client_ports.to));
          if (rule.protocol != proto || !ports_ok)
            return "'" + std::string(rule.text) + "' in a " + r.protocol.name() + " " + port + " answer's change: " + command;
        }
  for (const auto& leg : a.legs)
    if (auto d = words_inconsistency(leg, r); !d.empty()) return d;
  return {};
}

// The first difference between a full answer and the path verdict of the same flow (the same walk
// by reference: verdict, resolved address, each hop's facts and rule), or empty. Each hop's name
// is also checked against the index of every resource's name.
std::string path_difference(const engines& e, const path_verdict& p, const answer& a, const flow_request& r) {
  if (p.verdict.reachable != a.reachable || std::string(to_string(p.verdict.via)) != a.via.value_or(""))
    return "path verdict: reachable or via";
  if (p.verdict.blocked != a.blocked.has_value()) return "path verdict: blocked";
  if (a.blocked && (p.verdict.code != a.blocked->code || p.verdict.component != a.blocked->component ||
                    p.component_name != a.blocked->component_name ||
                    e.compiled.rule_text(p.verdict, r.protocol, r.port) != a.blocked->rule))
    return "path verdict: blocked_by " + std::string(p.verdict.code) + " at " + std::string(p.verdict.component);
  if ((p.resolved ? to_string(*p.resolved) : std::string()) != a.resolved.address) return "path verdict: resolved";
  if (p.path.size() != a.path.size()) return "path verdict: " + std::to_string(p.path.size()) + " hops vs " + std::to_string(a.path.size());
  for (std::size_t i = 0; i < p.path.size(); ++i) {
    const auto& x = p.path[i];
    const auto& h = a.path[i];
    if (x.component != h.component || x.kind != h.kind || x.check != h.check || x.aws_rule != h.aws_rule ||
        (x.reply ? "return" : "forward") != h.direction || compiled_network::rule_text(x.rule) != h.rule || x.name != h.name)
      return "path verdict: hop " + std::to_string(i) + " (" + h.kind + " " + h.component + ")";
    if (h.name != e.names.of(h.component)) return "hop " + std::to_string(i) + " named '" + h.name + "' (" + h.component + ")";
  }
  if (p.legs.size() != a.legs.size()) return "path verdict: legs";
  for (std::size_t i = 0; i < p.legs.size(); ++i)
    if (auto d = path_difference(e, p.legs[i], a.legs[i], r); !d.empty()) return a.legs[i].to + ": " + d;
  return {};
}

// How the verdict, the path verdict and the full answer differ on one flow (the same error code
// counts as agreeing); empty if not.
std::string compare(const engines& e, const flow_request& r) {
  answer a;
  verdict v;
  std::string plain_error, compiled_error;
  try {
    a = e.plain.trace(r);
  } catch (const vpcsim::error& x) {
    plain_error = x.code();
  }
  try {
    v = e.compiled.trace(r);
  } catch (const vpcsim::error& x) {
    compiled_error = x.code();
  }
  if (plain_error != compiled_error) return "error '" + plain_error + "' vs '" + compiled_error + "'";
  if (!plain_error.empty()) return {};
  if (auto d = difference(e.compiled, a, v, r); !d.empty()) return d;
  if (auto d = path_difference(e, e.plain.trace_path(r), a, r); !d.empty()) return d;
  // Every code and component words the flow asked, never another (issue #23: UDP to an endpoint
  // was told to open UDP 443 on its group, then hit PROTOCOL_RESTRICTION).
  return words_inconsistency(a, r);
}

struct flow_kind {
  protocol proto;
  std::uint16_t port;
};

// Every source (instances and ENIs) × services, an internet address and every ENI's address, on
// several protocols; returns the differences found, and counts the flows compared.
std::vector<std::string> compare_all(const engines& e, std::size_t& flows) {
  std::vector<std::string> sources = all_instance_sources(e.loaded.network);
  std::vector<std::string> addresses;
  for (const auto& [id, eni] : e.loaded.network.all<network_interface>()) {
    sources.push_back(id.str());
    if (auto ip = eni.primary_ip()) addresses.push_back(ip->to_string());
    // IGW-12: what a client on the internet can ask for: public IPv4s and IPv6 addresses.
    for (const auto& p : eni.private_ips)
      if (p.public_ip) addresses.push_back(p.public_ip->to_string());
    if (!eni.ipv6_addresses.empty()) addresses.push_back(eni.ipv6_addresses.front().to_string());
  }
  // IGW-12: clients on the internet, over IPv4 and IPv6.
  sources.push_back("198.51.100.7");
  sources.push_back("2001:db8:1::7");
  std::vector<std::string> services{"s3", "dynamodb", "ecr.api", "ecr.dkr", "ecr", "sts", "logs", "8.8.8.8", "203.0.113.25",
                                    // IF-15, IF-16: catalogued services and services only an endpoint names
                                    "cloudformation", "sagemaker.api", "codeartifact.api", "bedrock-runtime",
                                    "com.amazonaws.vpce.us-east-1.vpce-svc-0e5f6a7b8c9d0e1f2"};
  // Name tags stand for ids, as sources and as destinations.
  for (const auto& [id, inst] : e.loaded.network.all<instance>())
    if (auto name = name_tag(inst.tags); !name.empty()) {
      sources.push_back(name);
      services.push_back(name);
    }
  const std::vector<flow_kind> kinds{{protocol::tcp(), 443}, {protocol::tcp(), 22}, {protocol::udp(), 53},
                                     {protocol::icmp(), 0}, {protocol::all(), 0}};
  std::vector<std::string> out;
  for (const auto& from : sources)
    for (const auto& kind : kinds)
      for (const auto* list : {&services, &addresses})
        for (const auto& to : *list) {
          if (list == &addresses && kind.port == 22) continue;  // keep the run short
          flow_request r;
          r.from = from;
          r.to = to;
          r.protocol = kind.proto;
          r.port = kind.port;
          r.region = "us-east-1";
          ++flows;
          const std::string d = compare(e, r);
          if (!d.empty() && out.size() < 20)
            out.push_back(from + " -> " + to + " " + kind.proto.name() + " " + std::to_string(kind.port) + ": " + d);
        }
  return out;
}

std::vector<fs::path> inputs() {
  std::vector<fs::path> out;
  for (const auto& dir : {data / "scenarios", data / "corpus" / "batfish-aws"})
    for (const auto& e : fs::directory_iterator(dir))
      if (e.is_directory()) out.push_back(e.path());
  // Networks with routing loops (LOOP verdicts worded with their cycle) and odd routes.
  for (const auto& e : fs::directory_iterator(data / "hostile"))
    if (e.path().filename().string().rfind("trace-", 0) == 0) out.push_back(e.path());
  out.push_back(examples / "ecr-private-subnet");
  out.push_back(examples / "ecr-private-subnet-broken");
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("the words check reads the flows a message and an AWS CLI command name", "[sim][compiled][words]") {
  using pairs = std::vector<std::pair<std::string_view, std::string_view>>;
  CHECK(flow_words("Allow tcp 443 in; udp 53, then icmp 0.") == pairs{{"tcp", "443"}, {"udp", "53"}, {"icmp", "0"}});
  CHECK(flow_words("the reply on tcp 1024-65535 and xtcp 22, tcp 22a").empty());
  const auto sg = command_rules(
      "aws ec2 authorize-security-group-ingress --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=10.0.0.0/16}]'");
  REQUIRE(sg.size() == 1);
  CHECK((sg[0].protocol == "tcp" && sg[0].from == "443" && sg[0].to == "443"));
  const auto all = command_rules("--ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]' IpProtocol=icmp,FromPort=-1,ToPort=-1");
  REQUIRE(all.size() == 2);
  CHECK((all[0].protocol == "-1" && all[0].from.empty() && all[1].protocol == "icmp" && all[1].from == "-1"));
  const auto acl = command_rules(
      "aws ec2 create-network-acl-entry --network-acl-id acl-1 --ingress --rule-number 90 --protocol tcp --port-range From=1024,To=65535 --cidr-block 0.0.0.0/0 --rule-action allow");
  REQUIRE(acl.size() == 1);
  CHECK((acl[0].protocol == "tcp" && acl[0].from == "1024" && acl[0].to == "65535"));
  CHECK(command_rules("aws ec2 replace-route --route-table-id rtb-1 --destination-cidr-block 0.0.0.0/0").empty());
}

TEST_CASE("a verdict and a path verdict are the full answer's on every scenario, corpus snapshot and example",
          "[sim][compiled][exhaustive]") {
  std::size_t flows = 0, networks = 0;
  for (const auto& input : inputs()) {
    std::unique_ptr<engines> e;
    try {
      e = std::make_unique<engines>(input);
    } catch (const vpcsim::error&) {
      continue;  // not an input (a folder of helper files)
    }
    if (e->loaded.network.all<network_interface>().empty()) continue;
    ++networks;
    const auto diffs = compare_all(*e, flows);
    INFO(input.string());
    for (const auto& d : diffs) UNSCOPED_INFO(d);
    CHECK(diffs.empty());
  }
  CHECK(networks > 60);
  CHECK(flows > 10000);
}

TEST_CASE("NACLs of any size are walked natively: a reply's port range split by 100 rules (NACL-5, NACL-7, NACL-19)",
          "[sim][compiled]") {
  // Every NACL of the example gains, in each direction, 100 allow rules of 50 ports each across
  // the ephemeral range, numbered before its own rules: the reply's range is decided piece by
  // piece, more pieces than the walk keeps inline.
  auto loaded = vpcsim::load(examples / "ecr-private-subnet-broken");
  std::vector<network_acl> acls;
  for (const auto& [id, acl] : loaded.network.all<network_acl>()) acls.push_back(acl);
  for (auto& acl : acls) {
    for (bool egress : {true, false})
      for (int i = 0; i < 100; ++i) {
        network_acl_entry e;
        e.rule_number = 1 + i;
        e.egress = egress;
        e.action = rule_action::allow;
        e.protocol = protocol::tcp();
        e.cidr_block = *cidr4::parse("0.0.0.0/0");
        const auto from = static_cast<std::uint16_t>(32768 + i * 100);
        e.ports = port_range{from, static_cast<std::uint16_t>(from + 49)};
        acl.entries.push_back(e);
      }
    std::stable_sort(acl.entries.begin(), acl.entries.end(),
                     [](const auto& x, const auto& y) { return std::pair{x.egress, x.rule_number} < std::pair{y.egress, y.rule_number}; });
    loaded.network.put(std::move(acl));
  }
  const engines e(std::move(loaded));
  std::size_t flows = 0;
  const auto diffs = compare_all(e, flows);
  for (const auto& d : diffs) UNSCOPED_INFO(d);
  CHECK(diffs.empty());
  CHECK(flows > 100);
}

namespace {

// The fields of an answer that matrix cells carry, for comparing answers given three ways.
std::string verdict_text(const answer& a) {
  std::string out = a.reachable ? "reachable" : "blocked";
  if (a.via) out += " via " + *a.via;
  if (a.blocked) out += " by " + a.blocked->code + " at " + a.blocked->component + ": " + a.blocked->rule;
  for (const auto& l : a.legs) out += " [" + l.to + ": " + verdict_text(l) + "]";
  return out;
}

}  // namespace

// Issue #23: every code × every flow kind words one flow. compare_all asks a fixed set of
// destinations; the scenario table's questions (tests/data/scenarios/cases.jsonc) reach every
// blocking code (scenario_table_test.cpp asserts so), with names (db.corp.internal) and inputs (a
// design file, a capture folder inside a scenario) compare_all does not ask. Each question is asked
// as written and on each flow kind; the verdict must be the full answer's and the message, fix and
// changes must name that flow's protocol and port.
TEST_CASE("the scenario table's questions word every blocking code with the flow's protocol and port on every flow kind",
          "[sim][compiled][words]") {
  std::ifstream in(data / "scenarios" / "cases.jsonc");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  const auto cases = nlohmann::json::parse(text.str(), nullptr, true, /*ignore_comments=*/true);
  const auto one_or_many = [](const nlohmann::json& j) {
    return j.is_array() ? j.get<std::vector<std::string>>() : std::vector<std::string>{j.get<std::string>()};
  };
  std::map<std::string, std::unique_ptr<engines>> loaded;
  std::set<std::string> seen;  // the codes of the blocked answers whose words were checked
  std::size_t flows = 0;
  const std::vector<flow_kind> kinds{{protocol::tcp(), 443}, {protocol::tcp(), 22}, {protocol::udp(), 53},
                                     {protocol::icmp(), 0}, {protocol::all(), 0}};
  for (const auto& c : cases) {
    if (c.at("expect").contains("usage_error")) continue;
    for (const auto& name : one_or_many(c.at("scenario"))) {
      auto& e = loaded[name];
      if (!e) e = std::make_unique<engines>(data / "scenarios" / name);
      for (const auto& to : one_or_many(c.at("to"))) {
        flow_request asked;
        asked.from = c.at("from").get<std::string>();
        asked.to = to;
        if (c.contains("protocol")) asked.protocol = *protocol::parse(c.at("protocol").get<std::string>());
        asked.port = c.value("port", std::uint16_t{443});
        if (c.contains("client_ports")) {
          const auto ports = c.at("client_ports").get<std::vector<std::uint16_t>>();
          asked.client_ports = port_range{ports.at(0), ports.at(1)};
        }
        if (c.contains("action")) asked.action = c.at("action").get<std::string>();
        if (c.contains("resource")) asked.resource = c.at("resource").get<std::string>();
        asked.region = c.value("region", std::string{});
        asked.ip_version = c.value("ip_version", 0);
        std::vector<flow_request> requests{asked};
        for (const auto& kind : kinds) {
          flow_request r = asked;
          r.protocol = kind.proto;
          r.port = kind.port;
          requests.push_back(r);
        }
        for (const auto& r : requests) {
          ++flows;
          INFO(c.at("name").get<std::string>() << " [" << name << "] " << r.from << " -> " << r.to << " "
                                               << r.protocol.name() << " " << r.port);
          CHECK(compare(*e, r) == std::string{});
          try {
            const answer a = e->plain.trace(r);
            const auto note = [&seen](const answer& x) {
              if (x.blocked) seen.insert(x.blocked->code);
            };
            note(a);
            for (const auto& leg : a.legs) note(leg);
          } catch (const vpcsim::error&) {
            // a usage error of this flow kind (compare checked both engines agree)
          }
        }
      }
    }
  }
  for (const auto code : codes::all) {
    INFO("no question of the table is blocked with " << code);
    CHECK(seen.count(std::string(code)) == 1);
  }
  CHECK(flows > 1000);
}

TEST_CASE("every scenario, corpus snapshot and example gives the same answer through trace, matrix and check",
          "[sim][compiled][three-ways][exhaustive]") {
  std::size_t cells = 0;
  for (const auto& input : inputs()) {
    std::unique_ptr<engines> e;
    try {
      e = std::make_unique<engines>(input);
    } catch (const vpcsim::error&) {
      continue;  // not an input (a folder of helper files)
    }
    const network& net = e->loaded.network;
    matrix_request request;
    request.sources = all_instance_sources(net);
    if (request.sources.empty()) continue;
    request.destinations = default_matrix_destinations();
    request.destinations.push_back("8.8.8.8");
    for (const auto& [id, eni] : net.all<network_interface>())
      if (auto ip = eni.primary_ip(); ip && request.destinations.size() < 12) request.destinations.push_back(ip->to_string());
    request.region = "us-east-1";
    INFO(input.string());
    const matrix_result m = run_matrix(e->compiled, request, 2);
    // `check`: each cell as an intent that expects what `trace` answered.
    std::vector<intent> intents;
    std::vector<answer> traced;
    for (std::size_t i = 0; i < request.sources.size(); ++i)
      for (std::size_t j = 0; j < request.destinations.size(); ++j) {
        flow_request r;
        r.from = request.sources[i];
        r.to = request.destinations[j];
        r.region = request.region;
        const answer a = e->plain.trace(r);
        INFO(r.from + " -> " + r.to);
        CHECK(verdict_text(m.at(i, j)) == verdict_text(a));
        intent it;
        it.name = "cell " + std::to_string(intents.size());
        it.from = r.from;
        it.to = r.to;
        it.expect = a.reachable ? expectation::reachable : expectation::blocked;
        if (a.reachable && a.via) it.via = a.via;
        if (a.blocked) it.blocked_by = a.blocked->code;
        intents.push_back(std::move(it));
        traced.push_back(a);
        ++cells;
      }
    const check_report report = check(e->plain, intents, request.region);
    REQUIRE(report.results.size() == traced.size());
    for (std::size_t k = 0; k < traced.size(); ++k) {
      INFO(report.results[k].source + " -> " + report.results[k].intent.to + ": " + report.results[k].reason);
      CHECK(report.results[k].passed);
      CHECK(report.results[k].answer == traced[k]);
    }
  }
  CHECK(cells > 1000);
}

TEST_CASE("a prepared compiled trace allocates nothing", "[sim][compiled]") {
  const engines e(examples / "ecr-private-subnet");
  const auto src = e.compiled.source("i-0b11111111111111a", "");
  for (const std::string to : {"s3", "ecr.api", "ecr", "10.0.3.12", "8.8.8.8"}) {
    const auto dst = e.compiled.destination(to, src);
    allocations = 0;
    counting = true;
    const auto v = e.compiled.trace(src, dst, protocol::tcp(), 443);
    counting = false;
    INFO(to);
    CHECK(allocations == 0);
    CHECK(v.hops + v.leg_count > 0);
  }
}

// A real capture (batfish hybrid-cloud-aws): i-0b26ec095feb42260 has eni-707e5a5e at device index 0
// (192.168.1.186, subnet-1641fa70) and eni-297b5c07 at device index 1 (192.168.2.23,
// subnet-073b8061), whose id sorts first. An instance as source is its primary interface, the one at
// device index 0; an interface given by id is itself.
TEST_CASE("an instance with two interfaces sends from the one at device index 0, not the first by id", "[sim][compiled]") {
  const engines e(data / "corpus/batfish-aws/hybrid-cloud-aws");
  const auto& c = e.compiled;
  const auto by_instance = c.source("i-0b26ec095feb42260", "");
  CHECK(by_instance.inst != nullptr);
  CHECK(by_instance.resolver_key.find("us-west-2") != std::string::npos);
  flow_request r;
  r.from = "i-0b26ec095feb42260";
  r.to = "192.168.1.138";
  const auto a = e.plain.trace(r);
  REQUIRE_FALSE(a.path.empty());
  CHECK(a.path.front().component == "i-0b26ec095feb42260");
  CHECK_THAT(a.path.front().explanation, Catch::Contains("(eni-707e5a5e, 192.168.1.186 in subnet-1641fa70 of "));
  r.from = "eni-297b5c07";
  const auto b = e.plain.trace(r);
  REQUIRE_FALSE(b.path.empty());
  CHECK(b.path.front().component == "i-0b26ec095feb42260");
  CHECK_THAT(b.path.front().explanation, Catch::Contains("(eni-297b5c07, 192.168.2.23 in subnet-073b8061 of "));
}

TEST_CASE("the compiled engine's answer carries the verdict fields of the solver's answer", "[sim][compiled]") {
  const engines e(examples / "ecr-private-subnet-broken");
  flow_request r;
  r.from = "i-0b11111111111111a";
  r.to = "ecr";
  const auto plain = e.plain.trace(r);
  const auto fast = e.compiled.to_answer(e.compiled.trace(r), r);
  CHECK(fast.reachable == plain.reachable);
  REQUIRE(fast.legs.size() == plain.legs.size());
  for (std::size_t i = 0; i < fast.legs.size(); ++i) {
    CHECK(fast.legs[i].to == plain.legs[i].to);
    CHECK(fast.legs[i].via == plain.legs[i].via);
    CHECK(fast.legs[i].blocked.has_value() == plain.legs[i].blocked.has_value());
    if (fast.legs[i].blocked) CHECK(fast.legs[i].blocked->code == plain.legs[i].blocked->code);
  }
  REQUIRE(fast.blocked.has_value() == plain.blocked.has_value());
  if (fast.blocked) {
    CHECK(fast.blocked->code == plain.blocked->code);
    CHECK(fast.blocked->component == plain.blocked->component);
    CHECK(fast.blocked->rule == plain.blocked->rule);
  }
}

namespace {

// `count` random flows (fixed seed) between instances, services and addresses of `net`; returns
// the differences found.
std::vector<std::string> compare_sample(const engines& e, std::size_t count, std::uint64_t seed, std::size_t& compared) {
  const auto sources = all_instance_sources(e.loaded.network);
  std::vector<std::string> to{"s3", "dynamodb", "ecr.api", "ecr.dkr", "ecr", "sts", "logs", "8.8.8.8"};
  for (const auto& [id, inst] : e.loaded.network.all<instance>())
    if (inst.private_ip) to.push_back(inst.private_ip->to_string());
  const std::vector<flow_kind> kinds{{protocol::tcp(), 443}, {protocol::tcp(), 22}, {protocol::udp(), 53},
                                     {protocol::icmp(), 0}};
  std::mt19937_64 rng(seed);
  std::vector<std::string> out;
  for (std::size_t n = 0; n < count && !sources.empty(); ++n) {
    flow_request r;
    r.from = sources[rng() % sources.size()];
    // Half services, half addresses: the mix of a matrix and of east-west checks.
    r.to = rng() % 2 ? to[rng() % 8] : to[8 + rng() % (to.size() - 8)];
    const auto kind = kinds[rng() % kinds.size()];
    r.protocol = kind.proto;
    r.port = kind.port;
    r.region = "us-east-1";
    ++compared;
    const std::string d = compare(e, r);
    if (!d.empty() && out.size() < 20)
      out.push_back(r.from + " -> " + r.to + " " + r.protocol.name() + " " + std::to_string(r.port) + ": " + d);
  }
  return out;
}

}  // namespace

TEST_CASE("a verdict is the full answer's verdict on 2,000 random flows of a generated network",
          "[sim][compiled][exhaustive]") {
  gen::generate_options options;
  options.size = gen::preset::small;
  options.seed = 7;
  load_result generated;
  generated.network = gen::generate(options);
  const engines e(std::move(generated));
  std::size_t compared = 0;
  const auto diffs = compare_sample(e, 2000, 1, compared);
  for (const auto& d : diffs) UNSCOPED_INFO(d);
  CHECK(diffs.empty());
  CHECK(compared == 2000);
}

// By hand: `vpcsim_tests "[enterprise]"` on the enterprise preset (seed 1) generated in process, or
// on captures when VPCSIM_ENTERPRISE names a directory; VPCSIM_ENTERPRISE_FLOWS (default 100000).
TEST_CASE("a verdict is the full answer's verdict on a random sample of enterprise flows",
          "[.][enterprise]") {
  const char* dir = std::getenv("VPCSIM_ENTERPRISE");
  const char* flows_env = std::getenv("VPCSIM_ENTERPRISE_FLOWS");
  const std::size_t count = flows_env ? std::stoul(flows_env) : 100000;
  load_result input;
  if (dir) {
    input = vpcsim::load(dir);
  } else {
    gen::generate_options options;
    options.size = gen::preset::enterprise;
    input.network = gen::generate(options);
  }
  const engines e(std::move(input));
  std::size_t compared = 0;
  const auto diffs = compare_sample(e, count, 20261126, compared);
  for (const auto& d : diffs) UNSCOPED_INFO(d);
  CHECK(diffs.empty());
  CHECK(compared == count);
  WARN("compared " << compared << " flows");
}
