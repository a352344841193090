// vpcsim._core: the C++ library for Python (pybind11). The package `vpcsim` (python/vpcsim/)
// wraps it; docs/python.md is the reference. Every answer's JSON and text come from the same
// library functions the CLI prints with (to_json, report::to_text), never rebuilt here.
//
// Threads: the GIL is released while the library works (load, trace, matrix, check, lint). A
// network is immutable once loaded and `solver::trace` is const and thread-safe, so one network
// may be queried from several Python threads at once.
#include <vpcsim/vpcsim.hpp>

#include <vpcsim/io/aws_writer.hpp>
#include <vpcsim/report/diff_json.hpp>
#include <vpcsim/report/diff.hpp>
#include <vpcsim/sim/diff.hpp>
#include <vpcsim/report/intents.hpp>
#include <vpcsim/report/lint.hpp>
#include <vpcsim/report/matrix.hpp>
#include <vpcsim/sim/selector.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace py = pybind11;

namespace {

// The exception classes live in vpcsim/_errors.py (documented Python classes); the translator
// raises them with the diagnostic's fields.
py::object error_class(const char* name) { return py::module_::import("vpcsim._errors").attr(name); }

std::string level_name(vpcsim::severity s) { return std::string(vpcsim::to_string(s)); }

py::object make_input_error(const vpcsim::diagnostic& d, const std::vector<vpcsim::diagnostic>& all) {
  py::list diagnostics;
  for (const auto& x : all) diagnostics.append(py::cast(x));
  return error_class("InputError")(d.to_string(), d.code, d.file, d.pointer, d.resource, d.message, diagnostics);
}

[[noreturn]] void raise(py::object exception) {
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exception.ptr())), exception.ptr());
  throw py::error_already_set();
}

[[noreturn]] void bad_argument(const std::string& what) {
  raise(error_class("UsageError")("[vpcsim.python.bad_argument] " + what, "vpcsim.python.bad_argument"));
}

// A loaded network and its path solver, which refers to it: built in place, never moved.
struct loaded_network {
  vpcsim::load_result loaded;
  std::map<std::string, std::string> names;  // AWS id -> the design's name
  std::optional<vpcsim::solver> solver;

  loaded_network() = default;
  loaded_network(const loaded_network&) = delete;
  loaded_network& operator=(const loaded_network&) = delete;
};

// An unusable input raises InputError for its first error, carrying every diagnostic.
std::shared_ptr<loaded_network> finish(vpcsim::load_result r, std::map<std::string, std::string> names = {}) {
  if (!r.usable()) {
    const auto first = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                                    [](const vpcsim::diagnostic& d) { return d.level == vpcsim::severity::error; });
    raise(make_input_error(*first, r.diagnostics));
  }
  auto n = std::make_shared<loaded_network>();
  n->loaded = std::move(r);
  n->names = std::move(names);
  n->solver.emplace(n->loaded.network, n->loaded.locations);
  return n;
}

vpcsim::load_options options_of(const std::string& region, std::uint64_t max_input_bytes, std::size_t max_json_depth) {
  vpcsim::load_options o;
  o.region = region;
  o.limits.max_input_bytes = max_input_bytes;
  o.limits.max_json_depth = max_json_depth;
  return o;
}

std::shared_ptr<loaded_network> load_path(const std::string& path, const std::string& region,
                                          std::uint64_t max_input_bytes, std::size_t max_json_depth) {
  const auto options = options_of(region, max_input_bytes, max_json_depth);
  vpcsim::load_result r;
  std::map<std::string, std::string> names;
  {
    py::gil_scoped_release unlocked;
    r = vpcsim::load(path, options);
    std::error_code ec;
    // vpcsim::load has refused what is not a readable regular file before is_design_file reads it.
    if (r.usable() && !std::filesystem::is_directory(path, ec) && vpcsim::is_design_file(path))
      names = vpcsim::load_design(path, options.limits).names;
  }
  return finish(std::move(r), std::move(names));
}

std::shared_ptr<loaded_network> load_design_text(const std::string& text, const std::string& label,
                                                 std::uint64_t max_input_bytes, std::size_t max_json_depth) {
  vpcsim::limits lim;
  lim.max_input_bytes = max_input_bytes;
  lim.max_json_depth = max_json_depth;
  vpcsim::design_result d;
  {
    py::gil_scoped_release unlocked;
    d = vpcsim::load_design_text(text, label, lim);
  }
  return finish(std::move(d.loaded), std::move(d.names));
}

// Several describe-* responses given as (label, JSON text), as the files of one directory.
std::shared_ptr<loaded_network> load_documents(const std::vector<std::pair<std::string, std::string>>& texts,
                                               const std::string& region) {
  vpcsim::load_result r;
  {
    py::gil_scoped_release unlocked;
    std::vector<std::pair<std::string, nlohmann::json>> documents;
    std::vector<vpcsim::diagnostic> problems;
    for (const auto& [label, text] : texts) {
      try {
        documents.emplace_back(label, nlohmann::json::parse(text));
      } catch (const nlohmann::json::exception& e) {  // the wrapper writes the text: a bug if reached
        problems.push_back({vpcsim::severity::error, "vpcsim.import.not_json", label, "", "", e.what()});
      }
    }
    r = problems.empty() ? vpcsim::load_aws_cli(documents, options_of(region, vpcsim::limits{}.max_input_bytes,
                                                                      vpcsim::limits{}.max_json_depth))
                         : vpcsim::load_result{{}, std::move(problems), {}, {}};
  }
  return finish(std::move(r));
}

vpcsim::protocol protocol_of(const std::string& text) {
  auto p = vpcsim::protocol::parse(text);
  if (!p) bad_argument("protocol '" + text + "' is not tcp, udp, icmp, all or a number -1..255");
  return *p;
}

std::uint16_t port_of(long port) {
  if (port < 0 || port > 65535) bad_argument("port " + std::to_string(port) + " is not within 0-65535");
  return static_cast<std::uint16_t>(port);
}

std::size_t hops_of(long max_hops) {
  if (max_hops < 1) bad_argument("max_hops " + std::to_string(max_hops) + " must be at least 1");
  return static_cast<std::size_t>(max_hops);
}

vpcsim::port_range client_ports_of(const std::pair<long, long>& r) {
  if (r.first < 0 || r.second > 65535 || r.first > r.second)
    bad_argument("client_ports (" + std::to_string(r.first) + ", " + std::to_string(r.second) +
                 ") is not a range A-B within 0-65535");
  return {static_cast<std::uint16_t>(r.first), static_cast<std::uint16_t>(r.second)};
}

py::object json_loads(const std::string& text) { return py::module_::import("json").attr("loads")(text); }

// The batch results as Python objects (each is moved in once); their to_dict/to_list and text are
// the library's to_json and report functions, as the CLI prints them.
struct matrix_report {
  vpcsim::matrix_result result;
};
struct diff_result {
  vpcsim::reachability_diff diff;
  std::string before, after;  // the labels of the JSON answer
};
struct check_result {
  vpcsim::check_report report;
};
struct lint_report {
  std::vector<vpcsim::lint_finding> findings;
};

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "vpcsim's C++ library; use the package `vpcsim`, which wraps it (docs/python.md).";
  m.attr("version") = std::string(vpcsim::version);

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const vpcsim::import_error& e) {
      PyErr_SetObject(error_class("InputError").ptr(),
                      make_input_error(e.finding(), {e.finding()}).ptr());
    } catch (const vpcsim::usage_error& e) {
      PyErr_SetObject(error_class("UsageError").ptr(), error_class("UsageError")(e.what(), e.code()).ptr());
    } catch (const vpcsim::error& e) {
      PyErr_SetObject(error_class("Error").ptr(), error_class("Error")(e.what(), e.code()).ptr());
    }
  });

  py::class_<vpcsim::diagnostic>(m, "Diagnostic", "One finding about the input: code, file, JSON pointer, resource.")
      .def_property_readonly("level", [](const vpcsim::diagnostic& d) { return level_name(d.level); },
                             "`error`, `warning` or `note`.")
      .def_readonly("code", &vpcsim::diagnostic::code, "Stable code, e.g. `vpcsim.import.missing_field`.")
      .def_readonly("file", &vpcsim::diagnostic::file, "The input file (or response label), as given.")
      .def_readonly("pointer", &vpcsim::diagnostic::pointer, "JSON pointer inside the file, e.g. `/Subnets/3`.")
      .def_readonly("resource", &vpcsim::diagnostic::resource, "The resource concerned (`subnet subnet-0abc`), or ''.")
      .def_readonly("message", &vpcsim::diagnostic::message, "What is wrong, in a sentence.")
      .def("__str__", &vpcsim::diagnostic::to_string)
      .def("__repr__", [](const vpcsim::diagnostic& d) { return "<Diagnostic " + d.to_string() + ">"; });

  py::class_<vpcsim::hop>(m, "Hop", "One step of a path: the component and the rule that let the packet through.")
      .def_readonly("component", &vpcsim::hop::component, "AWS id (`sg-0aa…`), or a name (`internet`, `s3`).")
      .def_readonly("kind", &vpcsim::hop::kind, "`instance`, `security-group`, `network-acl`, `route-table`, …")
      .def_readonly("check", &vpcsim::hop::check, "`egress`, `ingress`, `outbound`, `inbound`, `route`, … or ''.")
      .def_readonly("rule", &vpcsim::hop::rule, "The rule quoted, or ''.")
      .def_readonly("direction", &vpcsim::hop::direction, "`forward` or `return`.")
      .def_readonly("aws_rule", &vpcsim::hop::aws_rule, "The docs/aws-semantics.md rule applied (`SG-5`), or ''.")
      .def_readonly("explanation", &vpcsim::hop::explanation, "The step in a plain sentence.")
      .def_readonly("name", &vpcsim::hop::name, "The component's name in the input (design name, Name tag), or ''.")
      .def("__repr__", [](const vpcsim::hop& h) { return "<Hop " + h.kind + " " + h.component + ">"; });

  py::class_<vpcsim::design_edit>(m, "DesignEdit", "One edit of a design that a fix makes, in the design's own keys.")
      .def_readonly("op", &vpcsim::design_edit::op,
                    "`add`: append `entry` to the array at `pointer` (created when absent); `set`: set the key.")
      .def_readonly("pointer", &vpcsim::design_edit::pointer, "JSON pointer of the array or key (`/security_groups/2/ingress`).")
      .def_readonly("resource", &vpcsim::design_edit::resource, "AWS id of the design entry edited; '' for a top-level list.")
      .def_readonly("location", &vpcsim::design_edit::location, "`file:line:column` of that entry, or ''.")
      .def_property_readonly(
          "entry", [](const vpcsim::design_edit& e) { return py::module_::import("json").attr("loads")(e.entry); },
          "The value, in the design's keys and names (a dict, list, str or bool).")
      .def("__repr__", [](const vpcsim::design_edit& e) { return "<DesignEdit " + e.op + " " + e.pointer + ">"; });

  py::class_<vpcsim::fix_change>(m, "FixChange",
                                 "A ranked fix as a change in the input's own terms: design edits, or AWS CLI commands.")
      .def_readonly("fix", &vpcsim::fix_change::fix, "The sentence (the same as `fixes[i]`).")
      .def_readonly("edits", &vpcsim::fix_change::edits, "On a design: every edit of the design (`DesignEdit`).")
      .def_readonly("commands", &vpcsim::fix_change::commands, "On other inputs: the AWS CLI commands, in order.")
      .def("__repr__", [](const vpcsim::fix_change& c) {
        return "<FixChange " + std::to_string(c.edits.size()) + " edits, " + std::to_string(c.commands.size()) + " commands>";
      });

  py::class_<vpcsim::blocked_by>(m, "BlockedBy", "Why a flow does not arrive: code, component, rule, message, fix.")
      .def_readonly("code", &vpcsim::blocked_by::code, "Reason code, e.g. `ENI_SG_RULES_MISMATCH`.")
      .def_readonly("component", &vpcsim::blocked_by::component, "AWS id of the resource that stops the flow.")
      .def_readonly("rule", &vpcsim::blocked_by::rule, "The rule that stops it, or which rule is missing.")
      .def_readonly("message", &vpcsim::blocked_by::message, "One sentence.")
      .def_readonly("fix", &vpcsim::blocked_by::fix, "What to change.")
      .def_readonly("component_name", &vpcsim::blocked_by::component_name, "The component's name in the input, or ''.")
      .def_readonly("fixes", &vpcsim::blocked_by::fixes,
                    "Every change that would fix the flow, ranked: the one to try first first; `fix` joins them.")
      .def_readonly("changes", &vpcsim::blocked_by::changes,
                    "`fixes` as changes in the input's own terms (`FixChange`), one each, in the same order.")
      .def("__repr__", [](const vpcsim::blocked_by& b) { return "<BlockedBy " + b.code + " at " + b.component + ">"; });

  py::class_<vpcsim::resolution>(m, "Resolution", "What the destination resolved to, and by what.")
      .def_readonly("address", &vpcsim::resolution::address, "IPv4 text; '' when resolution failed.")
      .def_readonly("by", &vpcsim::resolution::by, "`private DNS of vpce-…`, `public DNS (…)`, `IP address`, …")
      .def_readonly("zone", &vpcsim::resolution::zone,
                    "The Route 53 private hosted zone that answered (DNS-12), or ''.")
      .def_readonly("record", &vpcsim::resolution::record, "The zone's record that answered (`NAME TYPE VALUE`), or ''.")
      .def("__repr__", [](const vpcsim::resolution& r) { return "<Resolution " + r.address + " by " + r.by + ">"; });

  py::class_<vpcsim::answer, std::shared_ptr<vpcsim::answer>>(
      m, "Answer", "The answer to a trace: verdict, path, blocking rule and fix (the CLI's `trace` answer).")
      .def_readonly("from_", &vpcsim::answer::from, "The source as asked (JSON `from`).")
      .def_readonly("from_name", &vpcsim::answer::from_name, "The source's name in the input, or ''.")
      .def_readonly("to", &vpcsim::answer::to, "The destination as asked.")
      .def_readonly("protocol", &vpcsim::answer::protocol, "`tcp`, `udp`, `icmp`, `all`.")
      .def_readonly("port", &vpcsim::answer::port, "Destination port.")
      .def_readonly("resolved", &vpcsim::answer::resolved, "The Resolution of the destination.")
      .def_readonly("reachable", &vpcsim::answer::reachable, "Whether the flow arrives (every leg, for `ecr`).")
      .def_readonly("via", &vpcsim::answer::via,
                    "`interface-endpoint`, `gateway-endpoint`, `nat-gateway`, `internet-gateway`, `local`, "
                    "`peering`, `transit-gateway`, `virtual-private-gateway`; None when blocked or composite.")
      .def_readonly("path", &vpcsim::answer::path, "The hops, as a list of Hop.")
      .def_readonly("blocked_by", &vpcsim::answer::blocked, "A BlockedBy when not reachable, else None.")
      .def_readonly("warnings", &vpcsim::answer::warnings, "Assumptions the answer rests on.")
      .def_readonly("legs", &vpcsim::answer::legs, "For a composite destination (`ecr`): one Answer per leg.")
      .def("to_dict",
           [](const vpcsim::answer& a) {
             std::string text;
             vpcsim::append_json(text, a, -1);
             return json_loads(text);
           },
           "The answer as `vpcsim trace --format json` prints it, as a dict.")
      .def("text", [](const vpcsim::answer& a, bool explain) { return vpcsim::report::to_text(a, explain); },
           py::arg("explain") = false, "The answer as `vpcsim trace` prints it (`explain`: `--explain`).")
      .def("__str__", [](const vpcsim::answer& a) { return vpcsim::report::to_text(a); })
      .def("__repr__", [](const vpcsim::answer& a) {
        std::string verdict = a.reachable ? "reachable" : "blocked";
        if (a.via) verdict += " via " + *a.via;
        if (a.blocked) verdict += " by " + a.blocked->code + " at " + a.blocked->component;
        return "<Answer " + a.from + " -> " + a.to + " " + a.protocol + " " + std::to_string(a.port) + ": " +
               verdict + ">";
      });

  py::class_<matrix_report, std::shared_ptr<matrix_report>>(m, "Matrix", "Every source × every destination.")
      .def_property_readonly("sources", [](const matrix_report& r) { return r.result.sources; }, "Row order.")
      .def_property_readonly("destinations", [](const matrix_report& r) { return r.result.destinations; },
                             "Column order.")
      .def_property_readonly("cells", [](const matrix_report& r) { return r.result.cells; },
                             "Every Answer, row-major.")
      .def(
          "at",
          [](const matrix_report& r, std::size_t source, std::size_t destination) {
            if (source >= r.result.sources.size() || destination >= r.result.destinations.size())
              throw py::index_error("no cell (" + std::to_string(source) + ", " + std::to_string(destination) + ")");
            return r.result.at(source, destination);
          },
          py::arg("source"), py::arg("destination"), "The Answer of source index × destination index.")
      .def(
          "to_list", [](const matrix_report& r, bool paths) { return json_loads(vpcsim::to_json(r.result, paths).dump()); },
          py::arg("paths") = false, "As `vpcsim matrix --format json` (`paths`: `--paths`).")
      .def("text", [](const matrix_report& r) { return vpcsim::report::to_text(r.result); },
           "As `vpcsim matrix` prints it.")
      .def("csv", [](const matrix_report& r) { return vpcsim::report::to_csv(r.result); },
           "As `vpcsim matrix --format csv` prints it.");

  py::class_<vpcsim::intent_result>(m, "IntentResult", "The outcome of one intent for one of its sources.")
      .def_property_readonly("name", [](const vpcsim::intent_result& r) { return r.intent.name; }, "The intent's name.")
      .def_readonly("source", &vpcsim::intent_result::source, "The source its selector expanded to.")
      .def_readonly("passed", &vpcsim::intent_result::passed, "Whether the intent holds for this source.")
      .def_readonly("reason", &vpcsim::intent_result::reason, "Why it passed or failed.")
      .def_readonly("answer", &vpcsim::intent_result::answer, "The trace Answer it was judged on.")
      .def("__repr__", [](const vpcsim::intent_result& r) {
        return "<IntentResult " + r.intent.name + " " + r.source + (r.passed ? " passed>" : " failed>");
      });

  py::class_<check_result, std::shared_ptr<check_result>>(m, "CheckReport", "Every intent's results, in order.")
      .def_property_readonly("results", [](const check_result& c) { return c.report.results; }, "IntentResult list.")
      .def_property_readonly("passed", [](const check_result& c) { return c.report.passed(); }, "Results that hold.")
      .def_property_readonly("failed", [](const check_result& c) { return c.report.failed(); }, "Results that fail.")
      .def(
          "to_dict", [](const check_result& c, bool paths) { return json_loads(vpcsim::to_json(c.report, paths).dump()); },
          py::arg("paths") = true, "As `vpcsim check --format json`.")
      .def("text", [](const check_result& c) { return vpcsim::report::to_text(c.report); }, "As `vpcsim check` prints it.")
      .def("junit", [](const check_result& c, const std::string& suite) { return vpcsim::report::to_junit(c.report, suite); },
           py::arg("suite") = "intents", "JUnit XML, as `vpcsim check --junit` writes it.");

  py::class_<vpcsim::lint_finding>(m, "LintFinding", "One endpoint-routing mistake in one resource.")
      .def_readonly("rule", &vpcsim::lint_finding::rule, "The rule id, e.g. `VPCSIM-L001`.")
      .def_property_readonly("level", [](const vpcsim::lint_finding& f) { return level_name(f.level); },
                             "`error`, `warning` or `note`.")
      .def_readonly("resource", &vpcsim::lint_finding::resource, "The AWS id of the resource to change.")
      .def_readonly("resource_name", &vpcsim::lint_finding::resource_name,
                    "The input's name of the resource (design name, Name tag, logical id, Terraform address); "
                    "empty when it has none.")
      .def_readonly("aws_rule", &vpcsim::lint_finding::aws_rule, "The aws-semantics.md rule ids behind it.")
      .def_readonly("message", &vpcsim::lint_finding::message, "What is wrong.")
      .def_readonly("fix", &vpcsim::lint_finding::fix, "What to change.")
      .def("__repr__", [](const vpcsim::lint_finding& f) { return "<LintFinding " + f.rule + " " + f.resource + ">"; });

  py::class_<diff_result, std::shared_ptr<diff_result>>(
      m, "Diff", "What a change does to reachability: the changed flows in groups, and the resource changes.")
      .def_property_readonly("changed", [](const diff_result& d) { return !d.diff.empty(); },
                             "Whether any flow's verdict, via or blocking component changed.")
      .def("count", [](const diff_result& d, const std::string& kind) {
             for (auto k : {vpcsim::flow_change_kind::lost, vpcsim::flow_change_kind::gained,
                            vpcsim::flow_change_kind::rerouted, vpcsim::flow_change_kind::reblocked})
               if (vpcsim::to_string(k) == kind) return d.diff.count(k);
             throw vpcsim::usage_error("vpcsim.python.bad_argument",
                                       "kind '" + kind + "' is not lost, gained, rerouted or reblocked");
           }, py::arg("kind"), "The changed flows of one kind: `lost`, `gained`, `rerouted` or `reblocked`.")
      .def("to_dict", [](const diff_result& d) { return json_loads(vpcsim::to_json(d.diff, d.before, d.after).dump()); },
           "Exactly `vpcsim diff --format json`.")
      .def("text", [](const diff_result& d) { return vpcsim::report::to_text(d.diff, vpcsim::diff_fail_on::any); },
           "As `vpcsim diff` prints it.")
      .def("markdown", [](const diff_result& d) { return vpcsim::report::to_markdown(d.diff, vpcsim::diff_fail_on::any); },
           "As `vpcsim diff --format markdown` prints it, for a pull-request comment.");

  py::class_<lint_report, std::shared_ptr<lint_report>>(m, "LintReport", "The lint's findings, ordered by rule id.")
      .def_property_readonly("findings", [](const lint_report& l) { return l.findings; }, "LintFinding list.")
      .def_property_readonly("has_errors", [](const lint_report& l) { return vpcsim::has_errors(l.findings); },
                             "Whether any finding is an error (`vpcsim lint` exits 1).")
      .def("to_dict", [](const lint_report& l) { return json_loads(vpcsim::to_json(l.findings).dump()); },
           "As `vpcsim lint --format json`.")
      .def(
          "sarif", [](const lint_report& l, const std::string& artifact) { return json_loads(vpcsim::to_sarif(l.findings, artifact).dump()); },
          py::arg("artifact_path"), "As `vpcsim lint --format sarif`, located at `artifact_path`.")
      .def("text", [](const lint_report& l) { return vpcsim::report::to_text(l.findings); }, "As `vpcsim lint` prints it.");

  py::class_<loaded_network, std::shared_ptr<loaded_network>>(
      m, "Network", "A loaded network: load once, ask many questions, from several threads if you like.")
      .def(
          "trace",
          [](const loaded_network& n, const std::string& src, const std::string& dst, long port,
             const std::string& protocol, const std::string& region, std::optional<std::string> action,
             std::optional<std::string> resource, std::optional<std::pair<long, long>> client_ports, long max_hops) {
            vpcsim::flow_request req;
            req.from = src;
            req.to = dst;
            req.port = port_of(port);
            req.protocol = protocol_of(protocol);
            req.region = region;
            req.action = std::move(action);
            req.resource = std::move(resource);
            if (client_ports) req.client_ports = client_ports_of(*client_ports);
            req.max_hops = hops_of(max_hops);
            py::gil_scoped_release unlocked;
            auto a = n.solver->trace(req);
            return a;
          },
          py::arg("src"), py::arg("dst"), py::arg("port") = 443, py::arg("protocol") = "tcp", py::kw_only(),
          py::arg("region") = "", py::arg("action") = py::none(), py::arg("resource") = py::none(),
          py::arg("client_ports") = py::none(), py::arg("max_hops") = static_cast<long>(vpcsim::limits{}.max_hops),
          "Traces one flow as `vpcsim trace` does and returns its Answer.")
      .def(
          "matrix",
          [](const loaded_network& n, std::optional<std::vector<std::string>> sources,
             const std::vector<std::string>& destinations, long port, const std::string& protocol,
             const std::string& region, unsigned jobs, long max_hops) {
            vpcsim::matrix_request req;
            req.destinations = destinations;
            req.port = port_of(port);
            req.protocol = protocol_of(protocol);
            req.region = region;
            req.max_hops = hops_of(max_hops);
            auto r = std::make_shared<matrix_report>();
            py::gil_scoped_release unlocked;
            const auto& net = n.loaded.network;
            if (!sources) req.sources = vpcsim::all_instance_sources(net);
            else
              for (const auto& text : *sources)
                for (auto& s : vpcsim::expand(net, vpcsim::parse_selector(text)))
                  if (std::find(req.sources.begin(), req.sources.end(), s) == req.sources.end())
                    req.sources.push_back(std::move(s));
            r->result = vpcsim::run_matrix(*n.solver, req, jobs);
            return r;
          },
          py::arg("sources") = py::none(),
          py::arg("destinations") = std::vector<std::string>{"s3", "dynamodb", "ecr"}, py::arg("port") = 443,
          py::arg("protocol") = "tcp", py::kw_only(), py::arg("region") = "", py::arg("jobs") = 0u,
          py::arg("max_hops") = static_cast<long>(vpcsim::limits{}.max_hops),
          "Every source selector's sources × every destination, as `vpcsim matrix --format json` answers.")
      .def(
          "_check_text",
          [](const loaded_network& n, const std::string& text, const std::string& label, const std::string& region) {
            auto r = std::make_shared<check_result>();
            py::gil_scoped_release unlocked;
            r->report = vpcsim::check(*n.solver, vpcsim::parse_intents(text, label), region);
            return r;
          },
          py::arg("text"), py::arg("label"), py::arg("region") = "")
      .def(
          "_check_file",
          [](const loaded_network& n, const std::string& path, const std::string& region) {
            auto r = std::make_shared<check_result>();
            py::gil_scoped_release unlocked;
            r->report = vpcsim::check(*n.solver, vpcsim::load_intents(path), region);
            return r;
          },
          py::arg("path"), py::arg("region") = "")
      .def(
          "lint",
          [](const loaded_network& n, const std::string& region) {
            auto r = std::make_shared<lint_report>();
            py::gil_scoped_release unlocked;
            r->findings = vpcsim::lint(*n.solver, vpcsim::lint_options{region, n.loaded.locations});
            return r;
          },
          py::kw_only(), py::arg("region") = "", "Runs every lint rule, as `vpcsim lint`.")
      .def(
          "_time_trace",
          [](const loaded_network& n, const std::string& src, const std::string& dst, std::size_t repetitions) {
            // The same trace `repetitions` times in C++ alone (bench/python_trace.py): the baseline
            // the cost of a call from Python is measured against.
            vpcsim::flow_request req;
            req.from = src;
            req.to = dst;
            py::gil_scoped_release unlocked;
            const auto start = std::chrono::steady_clock::now();
            std::size_t hops = 0;  // used after the loop, so no trace can be left out
            for (std::size_t i = 0; i < repetitions; ++i) hops += n.solver->trace(req).path.size();
            if (hops == std::size_t(-1)) return -1.0;
            return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
          },
          py::arg("src"), py::arg("dst"), py::arg("repetitions"))
      .def(
          "sources",
          [](const loaded_network& n, std::optional<std::string> selector) {
            if (!selector) return vpcsim::all_instance_sources(n.loaded.network);
            return vpcsim::expand(n.loaded.network, vpcsim::parse_selector(*selector));
          },
          py::arg("selector") = py::none(),
          "The sources a selector names (`i-…`, a Name, `subnet-…`, `tag:Key=Value`), ordered by id; without "
          "one, every instance that has a network interface. UsageError when it names nothing.")
      .def_property_readonly(
          "diagnostics", [](const loaded_network& n) { return n.loaded.diagnostics; },
          "Every warning and note found while loading (errors raise InputError instead).")
      .def(
          "name_of",
          [](const loaded_network& n, const std::string& id) {
            auto it = n.names.find(id);
            return it == n.names.end() ? id : it->second;
          },
          py::arg("id"), "The design's name for an AWS id, or the id itself.")
      .def(
          "id_of",
          [](const loaded_network& n, const std::string& name) -> std::optional<std::string> {
            for (const auto& [id, named] : n.names)
              if (named == name) return id;
            return n.solver->id_named(name);
          },
          py::arg("name"), "The AWS id a design name (or an instance's Name tag) stands for, or None.")
      .def("show", [](const loaded_network& n) { return vpcsim::report::to_text(n.loaded.network); },
           "The normalised model as `vpcsim show` prints it.")
      .def("to_design", [](const loaded_network& n) { return json_loads(vpcsim::to_design(n.loaded.network).dump()); },
           "The network as a native design (a dict), as `vpcsim convert --to native` writes it.")
      .def(
          "to_responses",
          [](const loaded_network& n) {
            py::dict out;
            for (const auto& [path, document] : vpcsim::to_aws_cli(n.loaded.network))
              out[py::str(path)] = json_loads(document.dump());
            return out;
          },
          "The network as describe-* responses (dicts) by relative path (`ACCOUNT/REGION/Subnets.json`), "
          "as `vpcsim convert --to aws` writes them; `from_responses` reads them back.");

  m.def("_load", &load_path, py::arg("path"), py::arg("region"), py::arg("max_input_bytes"), py::arg("max_json_depth"));
  m.def("_design_text", &load_design_text, py::arg("text"), py::arg("label"), py::arg("max_input_bytes"),
        py::arg("max_json_depth"));
  m.def("_load_documents", &load_documents, py::arg("documents"), py::arg("region"));
  m.def(
      "diff",
      [](const loaded_network& before, const loaded_network& after, std::optional<std::vector<std::string>> sources,
         std::optional<std::vector<std::string>> destinations, long port, const std::string& protocol,
         bool between_instances, const std::string& region, unsigned jobs, const std::string& before_label,
         const std::string& after_label) {
        vpcsim::diff_request req;
        if (sources) req.from = *sources;
        if (destinations) req.to = *destinations;
        req.port = port_of(port);
        req.protocol = protocol_of(protocol);
        req.between_instances = between_instances;
        req.region = region;
        auto r = std::make_shared<diff_result>();
        r->before = before_label;
        r->after = after_label;
        py::gil_scoped_release unlocked;
        r->diff = vpcsim::diff_reachability(before.loaded.network, after.loaded.network, req, jobs);
        return r;
      },
      py::arg("before"), py::arg("after"), py::kw_only(), py::arg("sources") = py::none(),
      py::arg("destinations") = py::none(), py::arg("port") = 443, py::arg("protocol") = "tcp",
      py::arg("between_instances") = false, py::arg("region") = "", py::arg("jobs") = 0u,
      py::arg("before_label") = "before", py::arg("after_label") = "after",
      "What the change from `before` to `after` does to reachability, as `vpcsim diff BEFORE AFTER`.");
}
