// The scenario table (tests/data/scenarios/cases.jsonc, its format in its top comment): each case
// is traced through the public API (`solver::trace` on `vpcsim::load` of the capture folder), every
// expectation of the case is asserted, and the same verdict is asserted through `matrix` (one cell
// of `run_matrix` on a `compiled_network`) and `check` (intents expecting the case's answer pass);
// `solver::trace_path` gives the answer's verdict and path by reference.
#include <vpcsim/error.hpp>
#include <vpcsim/io/load.hpp>
#include <vpcsim/report/answer_json.hpp>
#include <vpcsim/sim/codes.hpp>
#include <vpcsim/sim/compiled.hpp>
#include <vpcsim/sim/intents.hpp>
#include <vpcsim/sim/matrix.hpp>
#include <vpcsim/sim/solver.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace vpcsim;
using json = nlohmann::json;

namespace {

const std::filesystem::path scenarios = std::filesystem::path(VPCSIM_TEST_DATA_DIR) / "scenarios";

struct engines {
  load_result loaded;
  vpcsim::solver plain;
  compiled_network compiled;
  resource_names names;  // every resource's name by id: what each hop's name must be
  explicit engines(load_result r)
      : loaded(std::move(r)), plain(loaded.network), compiled(loaded.network), names(loaded.network) {}
};

// Loads a scenario once per process, with both engines.
const engines& scenario(const std::string& name) {
  static std::map<std::string, std::unique_ptr<engines>> cache;
  auto& slot = cache[name];
  if (!slot) {
    const auto dir = scenarios / name;
    REQUIRE(std::filesystem::exists(dir));  // a capture folder or a design file
    auto loaded = vpcsim::load(dir);
    std::string diagnostics;
    for (const auto& d : loaded.diagnostics) diagnostics += d.to_string() + "\n";
    INFO("diagnostics of " << name << ":\n" << diagnostics);
    REQUIRE(loaded.usable());
    slot = std::make_unique<engines>(std::move(loaded));
  }
  return *slot;
}

// The table, read once.
const json& table() {
  static const json cases = [] {
    std::ifstream in(scenarios / "cases.jsonc");
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str(), nullptr, true, /*ignore_comments=*/true);
  }();
  return cases;
}

// The answer in a few lines, for failure messages.
std::string show(const answer& a, const std::string& indent = "") {
  std::string out = indent + a.from + " -> " + a.to + ": " + (a.reachable ? "reachable" : "NOT reachable") +
                    " via " + a.via.value_or("(none)") + ", resolved " + a.resolved.address + " by " + a.resolved.by +
                    "\n";
  if (a.blocked)
    out += indent + "  blocked: " + a.blocked->code + " at " + a.blocked->component + " [" + a.blocked->rule + "] " +
           a.blocked->message + " fix: " + a.blocked->fix + "\n";
  for (const auto& h : a.path)
    out += indent + "  hop " + h.direction + " " + h.kind + " " + h.component + " " + h.check + " [" + h.rule + "]\n";
  for (const auto& w : a.warnings) out += indent + "  warning: " + w + "\n";
  for (const auto& l : a.legs) out += show(l, indent + "    ");
  return out;
}

std::string str(const json& j, const char* key, const std::string& otherwise = "") {
  return j.contains(key) ? j.at(key).get<std::string>() : otherwise;
}

std::vector<std::string> texts(const json& j, const char* key) {
  return j.contains(key) ? j.at(key).get<std::vector<std::string>>() : std::vector<std::string>{};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A key the runner does not know is an error: a misspelt expectation would assert nothing.
void require_known_keys(const json& j, const std::set<std::string>& known, const std::string& where) {
  REQUIRE(j.is_object());
  for (const auto& item : j.items()) {
    INFO(where << ": unknown key \"" << item.key() << "\"");
    CHECK(known.count(item.key()) == 1);
  }
}

const std::set<std::string> case_keys{"name",   "scenario",     "from",   "to",       "protocol", "port",
                                      "client_ports", "action", "resource", "region", "ip_version", "expect"};
const std::set<std::string> expect_keys{
    "reachable",         "via",          "code",         "component",    "rule",          "rule_contains",
    "message_contains",  "fix",          "fix_contains", "fix_starts_with", "fix_lacks", "fixes_start_with",  "component_name",
    "resolved",          "resolved_not", "resolved_by",  "resolved_by_contains", "from",  "from_name",
    "first_hop",         "last_forward_hop", "warning_contains", "warning_lacks", "no_warnings", "kinds_absent",
    "findings_absent",   "hops",         "hops_absent",  "legs",         "usage_error"};
const std::set<std::string> leg_keys{"to",   "reachable",   "via",  "code", "component", "same_blocked",
                                     "hops", "hops_absent", "warning_contains"};
const std::set<std::string> hop_keys{"component", "direction", "check", "kind", "rule", "rule_contains", "name"};

const hop* find_hop(const answer& a, const std::string& component, const std::string& direction,
                    const std::string& check) {
  auto it = std::find_if(a.path.begin(), a.path.end(), [&](const hop& h) {
    return h.component == component && h.direction == direction && (check.empty() || h.check == check);
  });
  return it == a.path.end() ? nullptr : &*it;
}

void check_hops(const answer& a, const json& e) {
  if (e.contains("hops"))
    for (const auto& want : e.at("hops")) {
      require_known_keys(want, hop_keys, "hop");
      const std::string component = str(want, "component");
      const std::string direction = str(want, "direction", "forward");
      const std::string check = str(want, "check");
      INFO("hop " << direction << " " << component << " " << check);
      const hop* h = find_hop(a, component, direction, check);
      REQUIRE(h);
      if (want.contains("kind")) CHECK(h->kind == str(want, "kind"));
      if (want.contains("rule")) CHECK(h->rule == str(want, "rule"));
      for (const auto& part : texts(want, "rule_contains")) CHECK_THAT(h->rule, Catch::Matchers::Contains(part));
      if (want.contains("name")) CHECK(h->name == str(want, "name"));
    }
  if (e.contains("hops_absent"))
    for (const auto& absent : e.at("hops_absent")) {
      const json spec = absent.is_string() ? json{{"component", absent}} : absent;
      require_known_keys(spec, {"component", "direction", "check"}, "hops_absent");
      const std::string component = str(spec, "component");
      const std::string direction = str(spec, "direction", "forward");
      INFO("no hop " << direction << " " << component << " " << str(spec, "check"));
      CHECK_FALSE(find_hop(a, component, direction, str(spec, "check")));
    }
}

void check_warnings(const answer& a, const json& e) {
  auto any = [&](const std::string& text) {
    return std::any_of(a.warnings.begin(), a.warnings.end(), [&](const std::string& w) { return contains(w, text); });
  };
  for (const auto& text : texts(e, "warning_contains")) {
    INFO("a warning contains: " << text);
    CHECK(any(text));
  }
  for (const auto& text : texts(e, "warning_lacks")) {
    INFO("no warning contains: " << text);
    CHECK_FALSE(any(text));
  }
  if (e.value("no_warnings", false)) CHECK(a.warnings.empty());
}

void check_leg(const answer& leg, const answer& whole, const json& e) {
  require_known_keys(e, leg_keys, "leg");
  if (e.contains("to")) CHECK(leg.to == str(e, "to"));
  if (e.contains("reachable")) REQUIRE(leg.reachable == e.at("reachable").get<bool>());
  if (e.contains("via")) CHECK(leg.via == std::optional<std::string>(str(e, "via")));
  if (e.contains("code")) {
    REQUIRE(leg.blocked);
    CHECK(leg.blocked->code == str(e, "code"));
  }
  if (e.contains("component")) {
    REQUIRE(leg.blocked);
    CHECK(leg.blocked->component == str(e, "component"));
  }
  if (e.value("same_blocked", false)) CHECK(leg.blocked == whole.blocked);
  check_hops(leg, e);
  check_warnings(leg, e);
}

// Every expectation of the case on the traced answer.
void check_answer(const engines& s, const std::string& scenario_name, const answer& a, const json& e) {
  const bool reachable = e.at("reachable").get<bool>();
  if (reachable) {
    REQUIRE(a.reachable);
    CHECK_FALSE(a.blocked);
    REQUIRE(e.contains("via"));
    if (e.at("via").is_null()) {
      CHECK_FALSE(a.via);
    } else {
      REQUIRE(a.via);
      CHECK(*a.via == str(e, "via"));
    }
  } else {
    REQUIRE_FALSE(a.reachable);
    CHECK_FALSE(a.via);
    REQUIRE(a.blocked);
    CHECK(a.blocked->code == str(e, "code"));
    CHECK(a.blocked->component == str(e, "component"));
  }
  // The blocking rule's texts need a blocked answer (a reachable case that names them is wrong).
  for (const char* key : {"rule", "rule_contains", "message_contains", "fix", "fix_contains", "fix_starts_with",
                          "fix_lacks", "fixes_start_with", "component_name"})
    if (e.contains(key)) {
      INFO(key << " needs a blocked answer");
      REQUIRE(a.blocked);
    }
  if (e.contains("rule")) CHECK(a.blocked->rule == str(e, "rule"));
  for (const auto& part : texts(e, "rule_contains")) CHECK_THAT(a.blocked->rule, Catch::Matchers::Contains(part));
  for (const auto& part : texts(e, "message_contains")) CHECK_THAT(a.blocked->message, Catch::Matchers::Contains(part));
  if (e.contains("fix")) CHECK(a.blocked->fix == str(e, "fix"));
  for (const auto& part : texts(e, "fix_contains")) CHECK_THAT(a.blocked->fix, Catch::Matchers::Contains(part));
  if (e.contains("fix_starts_with")) CHECK_THAT(a.blocked->fix, Catch::Matchers::StartsWith(str(e, "fix_starts_with")));
  for (const auto& part : texts(e, "fix_lacks")) CHECK_THAT(a.blocked->fix, !Catch::Matchers::Contains(part));
  if (e.contains("fixes_start_with")) {  // the ranked alternatives, all of them, in order
    const auto starts = texts(e, "fixes_start_with");
    CHECK(a.blocked->fixes.size() == starts.size());
    for (std::size_t i = 0; i < std::min(starts.size(), a.blocked->fixes.size()); ++i)
      CHECK_THAT(a.blocked->fixes[i], Catch::Matchers::StartsWith(starts[i]));
  }
  if (e.contains("component_name")) CHECK(a.blocked->component_name == str(e, "component_name"));
  if (e.contains("resolved")) CHECK(a.resolved.address == str(e, "resolved"));
  if (e.contains("resolved_not")) CHECK(a.resolved.address != str(e, "resolved_not"));
  if (e.contains("resolved_by")) CHECK(a.resolved.by == str(e, "resolved_by"));
  if (e.contains("resolved_by_contains"))
    CHECK_THAT(a.resolved.by, Catch::Matchers::Contains(str(e, "resolved_by_contains")));
  if (e.contains("from")) CHECK(a.from == str(e, "from"));
  if (e.contains("from_name")) CHECK(a.from_name == str(e, "from_name"));
  if (e.contains("first_hop")) {
    REQUIRE_FALSE(a.path.empty());
    CHECK(a.path.front().component == str(e, "first_hop"));
  }
  if (e.contains("last_forward_hop")) {
    const auto last = std::find_if(a.path.rbegin(), a.path.rend(), [](const hop& h) { return h.direction == "forward"; });
    REQUIRE(last != a.path.rend());
    CHECK(last->component == str(e, "last_forward_hop"));
  }
  for (const auto& kind : texts(e, "kinds_absent")) {
    INFO("no hop of kind " << kind);
    CHECK(std::none_of(a.path.begin(), a.path.end(), [&](const hop& h) { return h.kind == kind; }));
  }
  for (const auto& code : texts(e, "findings_absent")) {
    INFO("no finding " << code << " in " << scenario_name);
    CHECK(std::none_of(s.loaded.diagnostics.begin(), s.loaded.diagnostics.end(),
                       [&](const diagnostic& d) { return d.code == code; }));
  }
  check_hops(a, e);
  check_warnings(a, e);
  if (e.contains("legs")) {
    const auto& legs = e.at("legs");
    REQUIRE(a.legs.size() == legs.size());
    for (std::size_t i = 0; i < legs.size(); ++i) {
      INFO("leg " << i);
      check_leg(a.legs[i], a, legs[i]);
    }
  }
}

// The verdict of an answer: reachable, via, blocking code and component, and the same of each leg.
std::string verdict(const answer& a) {
  std::string out = a.reachable ? "reachable via " + a.via.value_or("-") : "blocked";
  if (a.blocked) out += " by " + a.blocked->code + " at " + a.blocked->component;
  for (const auto& l : a.legs) out += " [" + l.to + ": " + verdict(l) + "]";
  return out;
}

// `matrix`: one cell on the compiled engine gives the traced verdict.
void check_matrix(const engines& s, const flow_request& r, const answer& traced) {
  matrix_request m;
  m.sources = {r.from};
  m.destinations = {r.to};
  m.protocol = r.protocol;
  m.port = r.port;
  m.region = r.region;
  m.ip_version = r.ip_version;
  const matrix_result result = run_matrix(s.compiled, m, 1);
  REQUIRE(result.cells.size() == 1);
  INFO("matrix cell:\n" << show(result.cells[0]));
  CHECK(verdict(result.cells[0]) == verdict(traced));
}

// `check`: intents expecting what the case expects pass, each with the traced verdict.
void check_intents(const engines& s, const flow_request& r, const answer& traced, const json& e) {
  std::vector<intent> intents;
  auto base = [&] {
    intent it;
    it.name = "case " + std::to_string(intents.size());
    it.from = r.from;
    it.to = r.to;
    it.protocol = r.protocol;
    it.port = r.port;
    it.action = r.action;
    it.resource = r.resource;
    it.ip_version = r.ip_version;
    return it;
  };
  if (e.at("reachable").get<bool>()) {
    intent it = base();
    it.expect = expectation::reachable;
    if (!e.at("via").is_null()) it.via = str(e, "via");
    intents.push_back(std::move(it));
  } else {
    for (const std::string& by : {str(e, "code"), str(e, "component")}) {
      intent it = base();
      it.expect = expectation::blocked;
      it.blocked_by = by;
      intents.push_back(std::move(it));
    }
  }
  const check_report report = check(s.plain, intents, r.region);
  REQUIRE(report.results.size() == intents.size());
  for (const auto& result : report.results) {
    INFO("check: " << result.source << " -> " << result.intent.to << ": " << result.reason);
    CHECK(result.passed);
    CHECK(verdict(result.answer) == verdict(traced));
  }
}

// The answer writer's text is what nlohmann prints for the same document: keys in byte order,
// its layout and escaping, compact, pretty and as an element of the matrix's array.
void check_json_text(const answer& a) {
  for (const int indent : {-1, 2}) {
    std::string text;
    append_json(text, a, indent);
    CHECK(json::parse(text).dump(indent) == text);
  }
  std::string element, lean;
  append_json(element, a, 2, 1);
  std::string shifted;
  for (const char ch : json::parse(element).dump(2)) shifted += ch == '\n' ? std::string("\n  ") : std::string(1, ch);
  CHECK(shifted == element);
  append_json(lean, a, -1, 0, false);
  CHECK(!json::parse(lean).contains("path"));
}

// `trace_path`: the same walk, by reference, gives the answer's verdict, blocking rule, resolved
// address and path, hop by hop (component, kind, check, rule, direction, AWS rule, name).
void check_path_verdict(const engines& s, const flow_request& r, const path_verdict& p, const answer& a) {
  const compiled_network& c = s.plain.compiled();
  CHECK(p.verdict.reachable == a.reachable);
  CHECK(std::string(to_string(p.verdict.via)) == a.via.value_or(""));
  CHECK(p.verdict.blocked == a.blocked.has_value());
  if (a.blocked && p.verdict.blocked) {
    CHECK(p.verdict.code == a.blocked->code);
    CHECK(p.verdict.component == a.blocked->component);
    CHECK(p.component_name == a.blocked->component_name);
    CHECK(c.rule_text(p.verdict, r.protocol, r.port) == a.blocked->rule);
  }
  CHECK((p.resolved ? to_string(*p.resolved) : std::string()) == a.resolved.address);
  REQUIRE(p.path.size() == a.path.size());
  for (std::size_t i = 0; i < p.path.size(); ++i) {
    const path_hop& x = p.path[i];
    const hop& h = a.path[i];
    INFO("hop " << i << ": " << h.component << " " << h.kind);
    CHECK(x.component == h.component);
    CHECK(x.kind == h.kind);
    CHECK(x.check == h.check);
    CHECK(compiled_network::rule_text(x.rule) == h.rule);
    CHECK((x.reply ? "return" : "forward") == h.direction);
    CHECK(x.aws_rule == h.aws_rule);
    CHECK(x.name == h.name);
    CHECK(h.name == s.names.of(h.component));
  }
  REQUIRE(p.legs.size() == a.legs.size());
  for (std::size_t i = 0; i < p.legs.size(); ++i) {
    INFO("leg " << a.legs[i].to);
    check_path_verdict(s, r, p.legs[i], a.legs[i]);
  }
}

// One question of a case on one scenario and one destination.
void run_case(const json& c, const std::string& scenario_name, const std::string& to) {
  require_known_keys(c, case_keys, "case");
  const engines& s = scenario(scenario_name);
  const json& e = c.at("expect");
  require_known_keys(e, expect_keys, "expect");
  flow_request r;
  r.from = str(c, "from");
  r.to = to;
  if (c.contains("protocol")) {
    const auto p = protocol::parse(str(c, "protocol"));
    REQUIRE(p);
    r.protocol = *p;
  }
  r.port = c.value("port", std::uint16_t{443});
  if (c.contains("client_ports")) {
    const auto ports = c.at("client_ports").get<std::vector<std::uint16_t>>();
    REQUIRE(ports.size() == 2);
    r.client_ports = port_range{ports[0], ports[1]};
  }
  if (c.contains("action")) r.action = str(c, "action");
  if (c.contains("resource")) r.resource = str(c, "resource");
  r.region = str(c, "region");
  r.ip_version = c.value("ip_version", 0);  // trace and matrix --ip-version, check intents' ip_version
  if (e.contains("usage_error")) {
    const json& error = e.at("usage_error");
    if (error.is_string())
      CHECK_THROWS_MATCHES(s.plain.trace(r), usage_error, Catch::Matchers::Message(error.get<std::string>()));
    else
      CHECK_THROWS_AS(s.plain.trace(r), usage_error);
    // `matrix` refuses the question too; `check` reports it as an error of the intent.
    matrix_request m;
    m.sources = {r.from};
    m.destinations = {r.to};
    m.ip_version = r.ip_version;
    CHECK_THROWS_AS(run_matrix(s.compiled, m, 1), usage_error);
    CHECK_THROWS_AS(s.plain.trace_path(r), usage_error);
    intent it;
    it.name = "case";
    it.from = r.from;
    it.to = r.to;
    it.ip_version = r.ip_version;
    CHECK_THROWS_AS(check(s.plain, {it}, r.region), vpcsim::error);
    return;
  }
  const answer a = s.plain.trace(r);
  INFO(show(a));
  check_answer(s, scenario_name, a, e);
  check_json_text(a);
  check_path_verdict(s, r, s.plain.trace_path(r), a);
  {  // an answer without its path (matrix JSON without --paths) is the same answer, path aside
    auto lean_request = r;
    lean_request.path = false;
    answer lean = s.plain.trace(lean_request), full = a;
    CHECK(lean.path.empty());
    const auto drop = [](answer& x, const auto& self) -> void {
      x.path.clear();
      for (auto& leg : x.legs) self(leg, self);
    };
    drop(full, drop);
    CHECK(lean == full);
    check_path_verdict(s, r, s.plain.trace_path(lean_request), lean);
  }
  // Matrix asks protocol and port only; check has no client ports.
  const bool client_ports = c.contains("client_ports");
  const bool matrix_can_ask = !r.action && !r.resource && !client_ports;
  if (matrix_can_ask) check_matrix(s, r, a);
  if (!client_ports) check_intents(s, r, a, e);
}

std::vector<std::string> one_or_many(const json& j) {
  return j.is_array() ? j.get<std::vector<std::string>>() : std::vector<std::string>{j.get<std::string>()};
}

}  // namespace

TEST_CASE("every case of the scenario table gives its expected answer through trace, matrix and check",
          "[scenario][table]") {
  const json& cases = table();
  REQUIRE(cases.is_array());
  REQUIRE(cases.size() > 100);
  // Section names must be unique: Catch2 runs a second section of the same name never.
  std::set<std::string> names;
  for (const auto& c : cases) {
    const std::string name = str(c, "name");
    INFO("case: " << name);
    CHECK(names.insert(name).second);
    const auto scenarios_of_case = one_or_many(c.at("scenario"));
    const auto destinations = one_or_many(c.at("to"));
    for (const auto& scenario_name : scenarios_of_case)
      for (const auto& to : destinations) {
        std::string section = name;
        if (scenarios_of_case.size() > 1) section += " [" + scenario_name + "]";
        if (destinations.size() > 1) section += " [--to " + to + "]";
        // Catch2 2.13 wraps a failing section's name with its lines indented past the first ": ",
        // and aborts when that is wider than the console: the name is shown with " - " instead.
        for (auto at = section.find(": "); at != std::string::npos; at = section.find(": ", at)) section.replace(at, 2, " - ");
        DYNAMIC_SECTION(section) { run_case(c, scenario_name, to); }
      }
  }
}

// Issue #23: the consistency checks of tests/sim/compiled_test.cpp (messages, fixes and changes name
// the flow's protocol and port) see a code's words only on a flow it blocks, so the table blocks a
// flow with every code. A code added to codes.hpp without a case fails here.
TEST_CASE("every blocking code of codes.hpp blocks a case of the scenario table", "[scenario][table]") {
  std::set<std::string> expected;
  for (const auto& c : table()) {
    const json& e = c.at("expect");
    if (e.contains("code")) expected.insert(str(e, "code"));
    if (e.contains("legs"))
      for (const auto& leg : e.at("legs"))
        if (leg.contains("code")) expected.insert(str(leg, "code"));
  }
  for (const auto code : codes::all) {
    INFO("no case of cases.jsonc expects " << code);
    CHECK(expected.count(std::string(code)) == 1);
  }
  // And the table expects no code codes.hpp does not define (a misspelt code could never match).
  for (const auto& code : expected) {
    INFO("cases.jsonc expects " << code << ", which codes::all does not list");
    CHECK(std::find(codes::all.begin(), codes::all.end(), code) != codes::all.end());
  }
}

TEST_CASE("the list of all blocking codes names every code codes.hpp defines, once", "[scenario][table]") {
  // codes::all is written by hand next to the definitions: read the header's own definitions.
  std::ifstream in(std::filesystem::path(VPCSIM_TEST_DATA_DIR) / ".." / ".." / "include" / "vpcsim" / "sim" / "codes.hpp");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  const std::string header = text.str();
  static const std::regex definition(R"re(inline constexpr std::string_view \w+ = "([A-Z0-9_]+)";)re");
  std::set<std::string> defined;
  for (std::sregex_iterator it(header.begin(), header.end(), definition), end; it != end; ++it) defined.insert((*it)[1].str());
  REQUIRE(defined.size() >= 30);
  const std::set<std::string> listed(codes::all.begin(), codes::all.end());
  CHECK(listed.size() == codes::all.size());  // once each
  CHECK(listed == defined);
}
