// Loading CloudFormation templates (io/cloudformation.hpp): read and parse each file, evaluate the
// stacks together, map them onto a design, and let the design loader build the model. Design
// findings are reported at the template line each part of the design came from.
#include "evaluate.hpp"
#include "map.hpp"
#include "yaml.hpp"

#include "../design_document.hpp"
#include "../input_limits.hpp"
#include "../json_pointer.hpp"

#include <vpcsim/io/cloudformation.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace vpcsim {

namespace {

using detail::cfn::evaluator;

constexpr std::string_view template_extensions[] = {".yaml", ".yml", ".json", ".template"};

bool has_template_extension(const std::filesystem::path& p) {
  auto ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(std::begin(template_extensions), std::end(template_extensions), ext) != std::end(template_extensions);
}

/// A quick look at the text: the marks of a template, before it is parsed.
bool looks_like_template(std::string_view text) {
  if (text.find("AWSTemplateFormatVersion") != std::string_view::npos) return true;
  return text.find("Resources") != std::string_view::npos && text.find("AWS::") != std::string_view::npos &&
         (text.find("Type") != std::string_view::npos) && text.find("\"vpcsim\"") == std::string_view::npos;
}

std::optional<std::string> read_small(const std::filesystem::path& p, std::size_t max) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text(max, '\0');
  in.read(text.data(), static_cast<std::streamsize>(max));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

/// Whether a template's top level is what CloudFormation takes: a Resources mapping of typed
/// resources. Reports what is wrong otherwise.
bool check_top_level(const detail::cfn::node& doc, const std::string& file, std::vector<diagnostic>& diags) {
  if (!doc.is_map()) {
    diags.push_back(evaluator::make(severity::error, "not_a_template", file, doc.line, "", "", "a template is a mapping with a Resources section"));
    return false;
  }
  const auto* resources = doc.find("Resources");
  if (!resources || !resources->is_map()) {
    diags.push_back(evaluator::make(severity::error, "not_a_template", file, doc.line, "/Resources", "",
                                    "a template needs a Resources mapping"));
    return false;
  }
  bool ok = true;
  if (const auto* t = doc.find("Transform")) {
    std::vector<std::string> names;
    if (t->is_scalar()) names.push_back(t->text);
    for (const auto& i : t->items)
      if (i.is_scalar()) names.push_back(i.text);
      else names.push_back("(a macro with parameters)");
    for (const auto& n : names) {
      if (n == "AWS::LanguageExtensions") {
        diags.push_back(evaluator::make(severity::warning, "unsupported", file, t->line, "/Transform", "",
                                        "Transform AWS::LanguageExtensions: templates are evaluated without its extensions; "
                                        "Fn::ForEach, Fn::Length and Fn::ToJsonString are errors where used"));
      } else {
        diags.push_back(evaluator::make(severity::error, "unsupported", file, t->line, "/Transform", "",
                                        "Transform " + n + " is not supported: it rewrites the template inside AWS (" +
                                            (n.rfind("AWS::Serverless", 0) == 0 ? "SAM: run `sam package` / `sam build` and load the template it writes"
                                                                                 : "a macro") +
                                            ")"));
        ok = false;
      }
    }
  }
  return ok;
}

/// Each design finding at the template line its part of the design came from.
void relocate(std::vector<diagnostic>& diags, const std::map<std::string, detail::cfn::origin>& origins, const std::string& fallback) {
  for (auto& d : diags) {
    if (!d.file.empty()) continue;
    std::string p = d.pointer;
    for (;;) {
      if (auto it = origins.find(p); it != origins.end()) {
        d.file = it->second.line > 0 ? it->second.file + ":" + std::to_string(it->second.line) : it->second.file;
        d.pointer = it->second.pointer;
        break;
      }
      auto slash = p.rfind('/');
      if (slash == std::string::npos || p.empty()) {
        d.file = fallback;
        break;
      }
      p.resize(slash);
    }
  }
}

struct input_file {
  std::string label;  ///< as given, for messages
  std::string stack_name;
  std::string text;
};

/// CFN-10: a template that another template of the input nests by a local `TemplateURL` (relative,
/// or through --template-map) is that stack's child, created with the parent's parameters, not a
/// stack of its own: it leaves the list of top-level stacks and is read once, as the nested stack.
void drop_nested_children(std::vector<detail::cfn::stack>& stacks, const load_options& options, std::vector<diagnostic>& diags) {
  auto canonical = [](const std::filesystem::path& p) {
    std::error_code ec;
    auto c = std::filesystem::weakly_canonical(p, ec);
    return ec ? p.lexically_normal() : c;
  };
  std::map<std::filesystem::path, std::string> nested;  // child file -> "parent.yaml (LogicalId)"
  for (const auto& s : stacks) {
    const auto* resources = s.doc.find("Resources");
    if (!resources || !resources->is_map()) continue;
    for (const auto& [id, r] : resources->pairs) {
      const auto* type = r.find("Type");
      const auto* props = r.find("Properties");
      const auto* url = props ? props->find("TemplateURL") : nullptr;
      if (!type || type->text != "AWS::CloudFormation::Stack" || !url || !url->is_scalar() || !url->tag.empty()) continue;
      std::filesystem::path file;
      if (auto m = options.template_map.find(url->text); m != options.template_map.end()) file = m->second;
      else if (url->text.find("://") == std::string::npos) file = std::filesystem::path(s.file).parent_path() / url->text;
      else continue;
      if (canonical(file) != canonical(s.file)) nested.emplace(canonical(file), s.file + " (" + id + ")");
    }
  }
  if (nested.empty()) return;
  // Stacks that nest each other in a circle keep them all: the evaluator reports the cycle.
  if (std::all_of(stacks.begin(), stacks.end(), [&](const auto& s) { return nested.count(canonical(s.file)) > 0; })) return;
  std::vector<detail::cfn::stack> kept;
  for (auto& s : stacks) {
    auto it = nested.find(canonical(s.file));
    if (it == nested.end()) {
      kept.push_back(std::move(s));
      continue;
    }
    diags.push_back(evaluator::make(severity::note, "nested_template", s.file, 0, "", "",
                                    "a nested stack of " + it->second + ": loaded as that stack, with its parent's parameters, "
                                    "not on its own (CFN-10)"));
  }
  stacks = std::move(kept);
}

design_result load_texts(std::vector<input_file> inputs, const load_options& options) {
  design_result out;
  auto& diags = out.loaded.diagnostics;
  std::vector<detail::cfn::stack> stacks;
  for (auto& in : inputs) {
    std::vector<detail::cfn::yaml_problem> problems;
    auto doc = detail::cfn::parse_yaml(in.text, problems, options.limits.max_json_depth);
    for (const auto& p : problems)
      diags.push_back(evaluator::make(p.fatal ? severity::error : severity::warning, p.fatal ? "not_yaml" : "duplicate_key", in.label, p.line, "", "",
                                      p.message));
    if (!doc) continue;
    if (!check_top_level(*doc, in.label, diags)) continue;
    detail::cfn::stack s;
    s.file = in.label;
    s.name = in.stack_name;
    s.doc = std::move(*doc);
    stacks.push_back(std::move(s));
  }
  if (has_errors(diags)) return out;
  drop_nested_children(stacks, options, diags);
  detail::cfn::eval_options eo;
  if (!options.region.empty()) eo.region = options.region;
  if (!options.account.empty()) eo.account = options.account;
  eo.parameters = options.parameters;
  eo.azs = options.azs;
  eo.template_map = options.template_map;
  eo.max_depth = options.limits.max_json_depth;
  evaluator(stacks, eo, diags).run();
  if (has_errors(diags)) return out;  // mapping a half-evaluated template would only add noise
  auto m = detail::cfn::map_stacks(stacks, eo, diags);
  if (has_errors(diags)) return out;
  const std::string label = inputs.size() == 1 ? inputs.front().label : "templates";
  auto loaded = detail::design::load_document(m.design, label);
  relocate(loaded.loaded.diagnostics, m.origins, label);
  for (auto& d : loaded.loaded.diagnostics) diags.push_back(std::move(d));
  out.loaded.network = std::move(loaded.loaded.network);
  out.names = std::move(loaded.names);
  // Where each resource is declared; what AWS creates with a VPC (`<vpc>-main`, `<vpc>-default`)
  // at its VPC's line.
  for (const auto& [id, name] : out.names) {
    auto it = m.declared.find(name);
    for (std::string_view suffix : {"-main", "-default"})
      if (it == m.declared.end() && name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
        it = m.declared.find(name.substr(0, name.size() - suffix.size()));
    if (it != m.declared.end()) out.loaded.locations[id] = source_location{it->second.file, it->second.line, 0, {}};
  }
  return out;
}

std::optional<input_file> read_input(const std::filesystem::path& file, const std::string& stack_name, const load_options& options,
                                     std::vector<diagnostic>& diags) {
  std::string text;
  bool too_large = false;
  auto problem = detail::input_file_problem(file, options.limits, too_large);
  if (!problem) problem = detail::read_input_file(file, text);
  if (problem) {
    diags.push_back(evaluator::make(severity::error, too_large ? "too_large" : "unreadable", file.generic_string(), 0, "", "",
                                    (too_large ? "too large: " : "cannot read: ") + *problem));
    return std::nullopt;
  }
  return input_file{file.generic_string(), stack_name, std::move(text)};
}

/// Stack names from file stems; a stem two files share takes the relative path instead.
std::vector<std::string> stack_names(const std::vector<std::filesystem::path>& files, const std::filesystem::path& base) {
  std::map<std::string, int> stems;
  for (const auto& f : files) ++stems[f.stem().string()];
  std::vector<std::string> out;
  for (const auto& f : files) {
    auto stem = f.stem().string();
    if (stems[stem] == 1) {
      out.push_back(stem);
      continue;
    }
    auto rel = std::filesystem::path(base.empty() ? f : f.lexically_relative(base)).replace_extension().generic_string();
    std::replace(rel.begin(), rel.end(), '/', '-');
    out.push_back(rel);
  }
  return out;
}

}  // namespace

bool is_cloudformation_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec) || !has_template_extension(path)) return false;
  if (path.extension() == ".jsonc") return false;
  auto text = read_small(path, 1 << 20);
  return text && looks_like_template(*text);
}

bool is_cloudformation_input(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return is_cloudformation_file(path);
  bool any = false;
  for (auto it = std::filesystem::recursive_directory_iterator(path, ec); !ec && it != std::filesystem::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    auto ext = it->path().extension().string();
    if (is_cloudformation_file(it->path())) any = true;
    else if (ext == ".json") return false;  // a describe-* capture: the AWS CLI importer's
  }
  return any;
}

design_result load_cloudformation(const std::vector<std::filesystem::path>& files, const load_options& options) {
  return [&] {
    std::vector<input_file> inputs;
    std::vector<diagnostic> diags;
    auto names = stack_names(files, {});
    for (std::size_t i = 0; i < files.size(); ++i)
      if (auto in = read_input(files[i], names[i], options, diags)) inputs.push_back(std::move(*in));
    if (has_errors(diags)) {
      design_result out;
      out.loaded.diagnostics = std::move(diags);
      return out;
    }
    auto out = load_texts(std::move(inputs), options);
    diags.insert(diags.end(), out.loaded.diagnostics.begin(), out.loaded.diagnostics.end());
    out.loaded.diagnostics = std::move(diags);
    return out;
  }();
}

design_result load_cloudformation(const std::filesystem::path& input, const load_options& options) {
  std::error_code ec;
  if (!std::filesystem::is_directory(input, ec)) {
    std::vector<input_file> inputs;
    std::vector<diagnostic> diags;
    if (auto in = read_input(input, input.stem().string(), options, diags)) inputs.push_back(std::move(*in));
    if (inputs.empty()) {
      design_result out;
      out.loaded.diagnostics = std::move(diags);
      return out;
    }
    return load_texts(std::move(inputs), options);
  }
  // Every template below the directory, in path order: the answer does not depend on listing order.
  std::vector<std::filesystem::path> files;
  for (auto it = std::filesystem::recursive_directory_iterator(input, ec); !ec && it != std::filesystem::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file(ec) && is_cloudformation_file(it->path())) files.push_back(it->path());
  std::sort(files.begin(), files.end());
  std::vector<input_file> inputs;
  std::vector<diagnostic> diags;
  auto names = stack_names(files, input);
  for (std::size_t i = 0; i < files.size(); ++i)
    if (auto in = read_input(files[i], names[i], options, diags)) inputs.push_back(std::move(*in));
  if (files.empty())
    diags.push_back(evaluator::make(severity::error, "not_a_template", input.generic_string(), 0, "", "", "the directory holds no CloudFormation template"));
  if (has_errors(diags)) {
    design_result out;
    out.loaded.diagnostics = std::move(diags);
    return out;
  }
  return load_texts(std::move(inputs), options);
}

design_result load_cloudformation_text(std::string_view text, const std::string& file, const load_options& options) {
  auto stem = std::filesystem::path(file).stem().string();
  return load_texts({input_file{file, stem.empty() ? "stack" : stem, std::string(text)}}, options);
}

void read_parameters_file(const std::filesystem::path& file, std::map<std::string, std::string>& out) {
  const auto label = file.generic_string();
  auto bad = [&](const std::string& pointer, const std::string& message) {
    throw import_error(diagnostic{severity::error, "vpcsim.cfn.bad_parameters", label, pointer, "", message});
  };
  std::ifstream in(file, std::ios::binary);
  if (!in) bad("", "cannot read the parameters file");
  std::stringstream ss;
  ss << in.rdbuf();
  auto doc = nlohmann::json::parse(ss.str(), nullptr, false);
  if (doc.is_discarded()) bad("", "not JSON; a parameters file is [{\"ParameterKey\": \"K\", \"ParameterValue\": \"V\"}, ...]");
  if (!doc.is_array()) bad("", "a parameters file is a JSON array of {\"ParameterKey\", \"ParameterValue\"} objects");
  for (std::size_t i = 0; i < doc.size(); ++i) {
    auto p = detail::child_pointer("", i);
    const auto& item = doc[i];
    if (!item.is_object() || !item.contains("ParameterKey") || !item["ParameterKey"].is_string())
      bad(p, "each item needs a string ParameterKey");
    if (item.value("UsePreviousValue", false)) bad(p + "/UsePreviousValue", "UsePreviousValue needs a deployed stack; give ParameterValue");
    if (!item.contains("ParameterValue") || !item["ParameterValue"].is_string()) bad(p + "/ParameterValue", "ParameterValue must be a string");
    out[item["ParameterKey"].get<std::string>()] = item["ParameterValue"].get<std::string>();
  }
}

}  // namespace vpcsim
