// Template evaluation: parameters, mappings, conditions and intrinsic functions, as CloudFormation
// applies them when it creates a stack (AWS CloudFormation User Guide, "Intrinsic function
// reference", "Pseudo parameters reference", "Parameters", "Conditions").
#include "evaluate.hpp"

#include "../json_pointer.hpp"

#include <vpcsim/net/cidr.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <memory>

namespace vpcsim::detail::cfn {

// ---- tokens ----

namespace {
constexpr char token_mark = '\x1f';
constexpr char token_sep = '\x1e';
}  // namespace

std::string ref_token(std::string_view stack, std::string_view logical_id, bool opaque) {
  std::string t(1, token_mark);
  t += opaque ? 'r' : 'R';
  t += stack;
  t += token_sep;
  t += logical_id;
  t += token_mark;
  return t;
}

std::string unknown_token(std::string_view what) {
  std::string t(1, token_mark);
  t += '?';
  t += what;
  t += token_mark;
  return t;
}

std::optional<std::pair<std::string, std::string>> as_ref(std::string_view text) {
  if (text.size() < 4 || text.front() != token_mark || text.back() != token_mark || (text[1] != 'R' && text[1] != 'r')) return std::nullopt;
  auto body = text.substr(2, text.size() - 3);
  if (body.find(token_mark) != std::string_view::npos) return std::nullopt;
  auto sep = body.find(token_sep);
  if (sep == std::string_view::npos) return std::nullopt;
  return std::pair{std::string(body.substr(0, sep)), std::string(body.substr(sep + 1))};
}

bool has_token(std::string_view text) { return text.find(token_mark) != std::string_view::npos; }

std::string readable(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] != token_mark) {
      out += text[i++];
      continue;
    }
    auto end = text.find(token_mark, i + 1);
    if (end == std::string_view::npos || end == i + 1) {
      out += text.substr(i);
      break;
    }
    auto body = text.substr(i + 2, end - i - 2);
    if (text[i + 1] == 'R' || text[i + 1] == 'r') {
      auto sep = body.find(token_sep);
      out += "Ref(" + std::string(sep == std::string_view::npos ? body : body.substr(sep + 1)) + ")";
    } else {
      out += std::string(body);
    }
    i = end + 1;
  }
  return out;
}

std::vector<std::string> default_azs(std::string_view region) {
  // The zone letters most accounts see in each region (`aws ec2 describe-availability-zones`);
  // an account may see others: `--azs` replaces them.
  static const std::map<std::string_view, std::string_view> letters = {
      {"us-east-1", "abcdef"},     {"us-east-2", "abc"},        {"us-west-1", "ab"},         {"us-west-2", "abcd"},
      {"ca-central-1", "abd"},     {"ca-west-1", "abc"},        {"sa-east-1", "abc"},        {"mx-central-1", "abc"},
      {"eu-west-1", "abc"},        {"eu-west-2", "abc"},        {"eu-west-3", "abc"},        {"eu-central-1", "abc"},
      {"eu-central-2", "abc"},     {"eu-north-1", "abc"},       {"eu-south-1", "abc"},       {"eu-south-2", "abc"},
      {"ap-northeast-1", "acd"},   {"ap-northeast-2", "abcd"},  {"ap-northeast-3", "abc"},   {"ap-southeast-1", "abc"},
      {"ap-southeast-2", "abc"},   {"ap-southeast-3", "abc"},   {"ap-southeast-4", "abc"},   {"ap-southeast-5", "abc"},
      {"ap-south-1", "abc"},       {"ap-south-2", "abc"},       {"ap-east-1", "abc"},        {"me-south-1", "abc"},
      {"me-central-1", "abc"},     {"il-central-1", "abc"},     {"af-south-1", "abc"},       {"us-gov-west-1", "abc"},
      {"us-gov-east-1", "abc"},    {"cn-north-1", "abd"},       {"cn-northwest-1", "abc"},
  };
  std::vector<std::string> out;
  if (auto it = letters.find(region); it != letters.end())
    for (char c : it->second) out.push_back(std::string(region) + c);
  return out;
}

// ---- diagnostics ----

diagnostic evaluator::make(severity level, std::string_view code, const std::string& file, int line, std::string pointer,
                           std::string resource, std::string message) {
  return diagnostic{level, "vpcsim.cfn." + std::string(code), line > 0 ? file + ":" + std::to_string(line) : file,
                    std::move(pointer), std::move(resource), std::move(message)};
}

namespace {

/// An evaluation that cannot go on: the construct's line, pointer and what is wrong.
struct eval_error {
  std::string code;
  int line;
  std::string pointer;
  std::string message;
};

[[noreturn]] void fail(std::string code, const node& at, const std::string& pointer, std::string message) {
  throw eval_error{std::move(code), at.line, pointer, std::move(message)};
}

node scalar(std::string text, int line) {
  node n;
  n.t = node::type::scalar;
  n.text = std::move(text);
  n.line = line;
  return n;
}

node sequence(std::vector<node> items, int line) {
  node n;
  n.t = node::type::sequence;
  n.items = std::move(items);
  n.line = line;
  return n;
}

node no_value(int line) {
  node n = scalar("", line);
  n.tag = "!NoValue";
  return n;
}

bool is_no_value(const node& n) { return n.tag == "!NoValue"; }

std::string base64(std::string_view in) {
  static constexpr char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    auto v = (static_cast<unsigned>(static_cast<unsigned char>(in[i])) << 16) |
             (static_cast<unsigned>(static_cast<unsigned char>(in[i + 1])) << 8) | static_cast<unsigned char>(in[i + 2]);
    out += table[(v >> 18) & 63];
    out += table[(v >> 12) & 63];
    out += table[(v >> 6) & 63];
    out += table[v & 63];
  }
  if (i < in.size()) {
    unsigned v = static_cast<unsigned>(static_cast<unsigned char>(in[i])) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned>(static_cast<unsigned char>(in[i + 1])) << 8;
    out += table[(v >> 18) & 63];
    out += table[(v >> 12) & 63];
    out += i + 1 < in.size() ? table[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> split(std::string_view s, std::string_view delimiter) {
  std::vector<std::string> out;
  if (delimiter.empty()) {
    out.emplace_back(s);
    return out;
  }
  std::size_t start = 0;
  for (;;) {
    auto at = s.find(delimiter, start);
    if (at == std::string_view::npos) {
      out.emplace_back(s.substr(start));
      return out;
    }
    out.emplace_back(s.substr(start, at - start));
    start = at + delimiter.size();
  }
}

/// The long name of a short-form tag (`!GetAtt` -> `Fn::GetAtt`), or empty for other tags.
std::string function_of_tag(std::string_view tag) {
  static constexpr std::array<std::string_view, 19> fns = {
      "Ref",  "Condition", "GetAtt", "Sub",   "Join",   "Select", "Split",   "FindInMap", "GetAZs", "Cidr",
      "ImportValue", "Base64", "If", "Equals", "Not",   "And",    "Or",      "Length",    "ToJsonString"};
  if (tag.empty() || tag.front() != '!') return {};
  auto name = tag.substr(1);
  for (auto f : fns)
    if (f == name) return f == "Ref" || f == "Condition" ? std::string(f) : "Fn::" + std::string(f);
  if (name == "ForEach" || name == "Transform") return "Fn::" + std::string(name);
  return {};
}

}  // namespace

// ---- one stack's scope ----

class evaluator::scope {
 public:
  scope(evaluator& ev, std::size_t index) : scope(ev, ev.stacks_[index]) {}
  scope(evaluator& ev, stack& st) : ev_(ev), st_(st) {
    const node& d = st_.doc;
    parameters_ = d.find("Parameters");
    mappings_ = d.find("Mappings");
    conditions_ = d.find("Conditions");
    resources_ = d.find("Resources");
    outputs_ = d.find("Outputs");
    if (resources_ && resources_->is_map())
      for (std::size_t i = 0; i < resources_->pairs.size(); ++i) resource_index_[resources_->pairs[i].first] = i;
  }

  stack& st() { return st_; }

  void report(severity level, std::string_view code, int line, std::string pointer, std::string resource, std::string message) {
    ev_.diags_.push_back(make(level, code, st_.file, line, std::move(pointer), std::move(resource), std::move(message)));
  }
  void report(const eval_error& e, const std::string& resource) {
    if (e.code.empty()) return;  // already reported
    report(severity::error, e.code, e.line, e.pointer, resource, e.message);
  }

  // -- parameters --

  void resolve_parameters(std::set<std::string>& used) {
    if (!parameters_) return;
    if (!parameters_->is_map()) {
      report(severity::error, "bad_template", parameters_->line, "/Parameters", "", "Parameters must be a mapping");
      return;
    }
    for (std::size_t i = 0; i < parameters_->pairs.size(); ++i) {
      const auto& [name, decl] = parameters_->pairs[i];
      const int line = parameters_->key_lines[i];
      auto pointer = child_pointer("/Parameters", name);
      std::string type;
      if (const node* t = decl.find("Type"); t && t->is_scalar()) type = t->text;
      std::optional<std::string> text;
      const auto& supplied = st_.given ? *st_.given : ev_.options_.parameters;
      if (auto it = supplied.find(name); it != supplied.end()) {
        text = it->second;
        used.insert(name);
      } else if (const node* def = decl.find("Default"); def && def->is_scalar()) {
        text = def->text;
      } else if (def && def->is_seq()) {
        std::string joined;
        for (const auto& item : def->items) joined += (joined.empty() ? "" : ",") + item.text;
        text = joined;
      }
      if (!text) {
        report(severity::error, "missing_parameter", line, pointer, name,
               "parameter '" + name + "' has no Default and no value was given (--parameter " + name + "=VALUE)");
        continue;
      }
      if (const node* allowed = decl.find("AllowedValues"); allowed && allowed->is_seq() && type.rfind("List<", 0) != 0 &&
                                                            type != "CommaDelimitedList") {
        bool ok = std::any_of(allowed->items.begin(), allowed->items.end(), [&](const node& a) { return a.text == *text; });
        if (!ok) {
          std::string values;
          for (const auto& a : allowed->items) values += (values.empty() ? "" : ", ") + a.text;
          report(severity::error, "bad_parameter", line, pointer, name,
                 "parameter '" + name + "' is '" + *text + "', not one of its AllowedValues: " + values);
          continue;
        }
      }
      node value;
      if (type.rfind("AWS::SSM::Parameter::Value<", 0) == 0) {
        value = scalar(unknown_token("SSM parameter " + *text), line);  // resolved by SSM at deployment
      } else if (type == "CommaDelimitedList" || type.rfind("List<", 0) == 0) {
        std::vector<node> items;
        if (!text->empty())
          for (auto& part : split(*text, ",")) items.push_back(scalar(trim(part), line));
        value = sequence(std::move(items), line);
      } else {
        value = scalar(*text, line);
      }
      parameter_values_[name] = std::move(value);
    }
  }

  // -- conditions --

  bool condition(const std::string& name, const node& at, const std::string& pointer) {
    if (auto it = condition_memo_.find(name); it != condition_memo_.end()) return it->second;
    const node* c = conditions_ && conditions_->is_map() ? conditions_->find(name) : nullptr;
    if (!c) fail("unknown_condition", at, pointer, "condition '" + name + "' is not defined in Conditions");
    if (!condition_busy_.insert(name).second)
      fail("circular_reference", at, pointer, "condition '" + name + "' depends on itself");
    bool v = condition_value(*c, child_pointer("/Conditions", name));
    condition_busy_.erase(name);
    condition_memo_[name] = v;
    return v;
  }

  bool condition_value(const node& n, const std::string& pointer) {
    std::string fn;
    const node* arg = intrinsic(n, fn);
    if (!arg) {
      // A literal: CloudFormation takes the strings "true" and "false".
      if (n.is_scalar() && (n.text == "true" || n.text == "false")) return n.text == "true";
      fail("bad_condition", n, pointer, "a condition is Fn::Equals, Fn::Not, Fn::And, Fn::Or or a Condition, not " + describe(n));
    }
    auto args = [&](std::size_t lo, std::size_t hi) -> const std::vector<node>& {
      if (!arg->is_seq() || arg->items.size() < lo || arg->items.size() > hi)
        fail("bad_intrinsic", n, pointer, fn + " takes a list of " + (lo == hi ? std::to_string(lo) : std::to_string(lo) + " to " + std::to_string(hi)) + " items");
      return arg->items;
    };
    if (fn == "Condition") {
      if (!arg->is_scalar()) fail("bad_intrinsic", n, pointer, "Condition takes a condition's name");
      return condition(arg->text, n, pointer);
    }
    if (fn == "Fn::Equals") {
      const auto& a = args(2, 2);
      node l = eval(a[0], child_pointer(pointer, 0));
      node r = eval(a[1], child_pointer(pointer, 1));
      if (!l.is_scalar() || !r.is_scalar()) fail("bad_intrinsic", n, pointer, "Fn::Equals compares two strings");
      // A parameter without a value was reported where it is declared: say nothing more.
      if (l.text.find("(no value)") != std::string::npos || r.text.find("(no value)") != std::string::npos)
        throw eval_error{"", n.line, pointer, ""};
      if (has_token(l.text) || has_token(r.text))
        fail("unsupported", n, pointer, "Fn::Equals on a value only a deployment knows (" + readable(has_token(l.text) ? l.text : r.text) + ")");
      return l.text == r.text;
    }
    if (fn == "Fn::Not") return !condition_value(args(1, 1)[0], child_pointer(pointer, 0));
    if (fn == "Fn::And" || fn == "Fn::Or") {
      const auto& a = args(2, 10);
      bool is_and = fn == "Fn::And";
      // Every operand is checked (a mistake in any is reported), then combined.
      std::vector<bool> vs;
      for (std::size_t i = 0; i < a.size(); ++i) vs.push_back(condition_value(a[i], child_pointer(pointer, i)));
      return is_and ? std::all_of(vs.begin(), vs.end(), [](bool b) { return b; })
                    : std::any_of(vs.begin(), vs.end(), [](bool b) { return b; });
    }
    fail("bad_condition", n, pointer, fn + " is not a condition function (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition)");
  }

  // -- values --

  /// The argument of `n` when `n` is an intrinsic function call; `fn` gets its long name.
  static const node* intrinsic(const node& n, std::string& fn) {
    if (!n.tag.empty()) {
      fn = function_of_tag(n.tag);
      return fn.empty() ? nullptr : &n;
    }
    if (n.is_map() && n.pairs.size() == 1) {
      const auto& key = n.pairs.front().first;
      if (key == "Ref" || key == "Condition" || key.rfind("Fn::", 0) == 0) {
        fn = key;
        return &n.pairs.front().second;
      }
    }
    return nullptr;
  }

  /// The argument node of a short-form call, without its tag (`!Ref X` -> the scalar `X`).
  static node untagged(const node& n) {
    node c = n;
    c.tag.clear();
    return c;
  }

  static std::string describe(const node& n) {
    if (n.is_seq()) return "a list";
    if (n.is_map()) return "a mapping";
    return "'" + readable(n.text) + "'";
  }

  node eval(const node& n, const std::string& pointer) {
    if (!n.tag.empty() && function_of_tag(n.tag).empty() && n.tag != "!NoValue")
      fail("unsupported", n, pointer, "tag " + n.tag + " is not a CloudFormation intrinsic function");
    std::string fn;
    if (const node* arg = intrinsic(n, fn)) {
      node a = arg == &n ? untagged(n) : *arg;
      node out = call(fn, a, n, pointer);
      if (out.line == 0) out.line = n.line;
      return out;
    }
    switch (n.t) {
      case node::type::scalar: {
        if (n.text.find("{{resolve:") != std::string::npos) {
          report(severity::warning, "unsupported", n.line, pointer, resource_,
                 "dynamic reference " + n.text.substr(n.text.find("{{resolve:"), 40) +
                     "... is resolved only at deployment; its value is unknown here");
          return scalar(unknown_token("dynamic reference"), n.line);
        }
        return n;
      }
      case node::type::sequence: {
        node out = n;
        out.items.clear();
        for (std::size_t i = 0; i < n.items.size(); ++i) {
          node v = eval(n.items[i], child_pointer(pointer, i));
          if (!is_no_value(v)) out.items.push_back(std::move(v));
        }
        return out;
      }
      case node::type::mapping: {
        node out = n;
        out.pairs.clear();
        out.key_lines.clear();
        for (std::size_t i = 0; i < n.pairs.size(); ++i) {
          const auto& [k, v] = n.pairs[i];
          if (k.rfind("Fn::ForEach", 0) == 0)
            fail("unsupported", v, child_pointer(pointer, k), "Fn::ForEach (the AWS::LanguageExtensions transform) is not supported");
          node e = eval(v, child_pointer(pointer, k));
          if (is_no_value(e)) continue;
          out.pairs.push_back(node_entry{k, std::move(e)});
          out.key_lines.push_back(n.key_lines.empty() ? n.line : n.key_lines[i]);
        }
        return out;
      }
    }
    return n;
  }

  std::string string_arg(const node& a, const node& at, const std::string& pointer, std::string_view fn, std::string_view what) {
    node v = eval(a, pointer);
    if (!v.is_scalar() || is_no_value(v)) fail("bad_intrinsic", at, pointer, std::string(fn) + ": " + std::string(what) + " must be a string, not " + describe(v));
    return v.text;
  }

  node list_arg(const node& a, const node& at, const std::string& pointer, std::string_view fn) {
    node v = eval(a, pointer);
    if (v.is_scalar() && has_token(v.text) && !as_ref(v.text)) return v;  // an unknown list
    if (!v.is_seq()) fail("bad_intrinsic", at, pointer, std::string(fn) + " needs a list, not " + describe(v));
    return v;
  }

  const std::vector<node>& items(const node& a, const node& at, const std::string& pointer, std::string_view fn, std::size_t lo,
                                 std::size_t hi) {
    if (!a.is_seq() || a.items.size() < lo || a.items.size() > hi)
      fail("bad_intrinsic", at, pointer,
           std::string(fn) + " takes a list of " + (lo == hi ? std::to_string(lo) : std::to_string(lo) + " or " + std::to_string(hi)) + " items");
    return a.items;
  }

  node call(const std::string& fn, const node& a, const node& at, const std::string& pointer) {
    const int line = at.line;
    if (fn == "Ref") {
      if (!a.is_scalar()) fail("bad_intrinsic", at, pointer, "Ref takes the name of a parameter, resource or pseudo parameter");
      return ref(a.text, at, pointer);
    }
    if (fn == "Condition") fail("bad_intrinsic", at, pointer, "Condition is valid only inside Fn::And, Fn::Or and Fn::Not");
    if (fn == "Fn::GetAtt") {
      std::string target, attribute;
      if (a.is_scalar()) {
        auto dot = a.text.find('.');
        if (dot == std::string::npos) fail("bad_intrinsic", at, pointer, "Fn::GetAtt takes 'Resource.Attribute'");
        target = a.text.substr(0, dot);
        attribute = a.text.substr(dot + 1);
      } else {
        const auto& xs = items(a, at, pointer, fn, 2, 2);
        if (!xs[0].is_scalar()) fail("bad_intrinsic", at, pointer, "Fn::GetAtt: the resource must be a logical id");
        target = xs[0].text;
        attribute = string_arg(xs[1], at, child_pointer(pointer, 1), fn, "the attribute");
      }
      return get_att(target, attribute, at, pointer);
    }
    if (fn == "Fn::Sub") return sub(a, at, pointer);
    if (fn == "Fn::Join") {
      const auto& xs = items(a, at, pointer, fn, 2, 2);
      auto delimiter = string_arg(xs[0], at, child_pointer(pointer, 0), fn, "the delimiter");
      node list = list_arg(xs[1], at, child_pointer(pointer, 1), fn);
      if (list.is_scalar()) return scalar(unknown_token("Fn::Join of " + readable(list.text)), line);
      std::string out;
      for (std::size_t i = 0; i < list.items.size(); ++i) {
        if (!list.items[i].is_scalar()) fail("bad_intrinsic", at, pointer, "Fn::Join: item " + std::to_string(i) + " is not a string");
        out += (i ? delimiter : "") + list.items[i].text;
      }
      return scalar(out, line);
    }
    if (fn == "Fn::Select") {
      const auto& xs = items(a, at, pointer, fn, 2, 2);
      auto index_text = string_arg(xs[0], at, child_pointer(pointer, 0), fn, "the index");
      node list = list_arg(xs[1], at, child_pointer(pointer, 1), fn);
      std::size_t index = 0;
      if (index_text.empty() || index_text.size() > 9 ||
          !std::all_of(index_text.begin(), index_text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        fail("bad_intrinsic", at, pointer, "Fn::Select: the index '" + readable(index_text) + "' is not a number");
      index = std::stoul(index_text);
      if (list.is_scalar()) return scalar(unknown_token("item " + index_text + " of " + readable(list.text)), line);
      if (index >= list.items.size())
        fail("select_out_of_range", at, pointer,
             "Fn::Select: index " + index_text + " is out of range: the list has " + std::to_string(list.items.size()) + " items");
      return list.items[index];
    }
    if (fn == "Fn::Split") {
      const auto& xs = items(a, at, pointer, fn, 2, 2);
      auto delimiter = string_arg(xs[0], at, child_pointer(pointer, 0), fn, "the delimiter");
      auto text = string_arg(xs[1], at, child_pointer(pointer, 1), fn, "the source");
      // A value only a deployment knows may hold the delimiter (an ARN holds '/' and ':'): its
      // pieces are unknown. EC2 ids hold none of the delimiters templates split on.
      if (text.find(std::string(1, token_mark) + "?") != std::string::npos || text.find(std::string(1, token_mark) + "r") != std::string::npos)
        return scalar(unknown_token("Fn::Split of " + readable(text)), line);
      std::vector<node> out;
      for (auto& part : split(text, delimiter)) out.push_back(scalar(part, line));
      return sequence(std::move(out), line);
    }
    if (fn == "Fn::FindInMap") {
      const auto& xs = items(a, at, pointer, fn, 3, 4);
      std::array<std::string, 3> keys;
      for (std::size_t i = 0; i < 3; ++i) keys[i] = string_arg(xs[i], at, child_pointer(pointer, i), fn, "each key");
      const node* m = mappings_ ? mappings_->find(keys[0]) : nullptr;
      const node* top = m && m->is_map() ? m->find(keys[1]) : nullptr;
      const node* second = top && top->is_map() ? top->find(keys[2]) : nullptr;
      if (!second) {
        if (xs.size() == 4)
          if (const node* d = xs[3].is_map() ? xs[3].find("DefaultValue") : nullptr) return eval(*d, child_pointer(pointer, 3));
        std::string missing = !m ? "mapping '" + keys[0] + "' is not defined in Mappings"
                              : !top ? "mapping '" + keys[0] + "' has no key '" + readable(keys[1]) + "'"
                                     : "mapping '" + keys[0] + "' has no key '" + keys[2] + "' under '" + keys[1] + "'";
        fail("missing_mapping_key", at, pointer, "Fn::FindInMap: " + missing);
      }
      return eval(*second, pointer);
    }
    if (fn == "Fn::GetAZs") {
      auto region = a.is_null() ? std::string() : a.is_scalar() && a.tag.empty() ? a.text : string_arg(a, at, pointer, fn, "the region");
      if (region.empty() || region == ev_.options_.region) region = ev_.options_.region;
      auto zones = region == ev_.options_.region && !ev_.options_.azs.empty() ? ev_.options_.azs : default_azs(region);
      if (zones.empty())
        fail("unknown_region", at, pointer, "Fn::GetAZs: no availability zones known for region '" + region + "' (give them with --azs)");
      std::vector<node> out;
      for (auto& z : zones) out.push_back(scalar(z, line));
      return sequence(std::move(out), line);
    }
    if (fn == "Fn::Cidr") return cidr(a, at, pointer);
    if (fn == "Fn::ImportValue") {
      auto name = string_arg(a, at, pointer, fn, "the export name");
      return ev_import(name, at, pointer);
    }
    if (fn == "Fn::If") {
      const auto& xs = items(a, at, pointer, fn, 3, 3);
      if (!xs[0].is_scalar()) fail("bad_intrinsic", at, pointer, "Fn::If: the first item is a condition's name");
      bool c = condition(xs[0].text, at, pointer);
      return eval(xs[c ? 1 : 2], child_pointer(pointer, c ? 1 : 2));
    }
    if (fn == "Fn::Equals" || fn == "Fn::Not" || fn == "Fn::And" || fn == "Fn::Or") {
      // Condition functions outside Conditions (in Fn::If, Rules): their value as a string.
      node wrapped;
      wrapped.t = node::type::mapping;
      wrapped.line = line;
      wrapped.pairs.push_back(node_entry{fn, a});
      wrapped.key_lines.push_back(line);
      return scalar(condition_value(wrapped, pointer) ? "true" : "false", line);
    }
    if (fn == "Fn::Base64") {
      auto text = string_arg(a, at, pointer, fn, "the value");
      return scalar(has_token(text) ? unknown_token("Fn::Base64 of " + readable(text)) : base64(text), line);
    }
    if (fn == "Fn::ForEach" || fn == "Fn::Length" || fn == "Fn::ToJsonString")
      fail("unsupported", at, pointer, fn + " (the AWS::LanguageExtensions transform) is not supported");
    if (fn == "Fn::Transform") fail("unsupported", at, pointer, "Fn::Transform (a macro) is not supported: macros run only in AWS");
    fail("bad_intrinsic", at, pointer, "unknown intrinsic function " + fn);
  }

  node ref(const std::string& name, const node& at, const std::string& pointer) {
    const int line = at.line;
    const auto& o = ev_.options_;
    std::string partition = o.region.rfind("cn-", 0) == 0 ? "aws-cn" : o.region.rfind("us-gov-", 0) == 0 ? "aws-us-gov" : "aws";
    if (name == "AWS::Region") return scalar(o.region, line);
    if (name == "AWS::AccountId") return scalar(o.account, line);
    if (name == "AWS::StackName") return scalar(st_.name, line);
    if (name == "AWS::StackId") return scalar(unknown_token("AWS::StackId"), line);
    if (name == "AWS::Partition") return scalar(partition, line);
    if (name == "AWS::URLSuffix") return scalar(partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com", line);
    if (name == "AWS::NotificationARNs") return sequence({}, line);
    if (name == "AWS::NoValue") return no_value(line);
    if (auto it = parameter_values_.find(name); it != parameter_values_.end()) {
      node v = it->second;
      v.line = line;
      return v;
    }
    // A parameter without a value is reported once, where it is declared; its uses stay unknown.
    if (parameters_ && parameters_->find(name)) return scalar(unknown_token("parameter " + name + " (no value)"), line);
    if (resource_index_.count(name)) {
      if (st_.skipped.count(name))
        fail("bad_reference", at, pointer, "Ref to resource '" + name + "', which is not created (its Condition is false)");
      depends(name);
      return scalar(ref_token(st_.name, name, opaque(name)), line);
    }
    fail("unknown_reference", at, pointer, "Ref to '" + name + "', which is not a parameter, resource or pseudo parameter of this template");
  }

  /// Whether the physical id `Ref` returns for a resource may hold any character: an ARN, a name.
  /// EC2 resources return ids such as `vpc-0a1b…`.
  bool opaque(const std::string& logical_id) const {
    const node* t = resources_->pairs[resource_index_.at(logical_id)].second.find("Type");
    return !(t && t->is_scalar() && t->text.rfind("AWS::EC2::", 0) == 0);
  }

  /// The evaluated value of one property of another resource (for `Fn::GetAtt` attributes that
  /// are properties), or nullopt when the resource does not set it.
  std::optional<node> property_of(const std::string& target, const std::string& property, const node& at, const std::string& pointer) {
    auto key = target + "." + property;
    if (auto it = property_memo_.find(key); it != property_memo_.end()) return it->second;
    const node* r = &resources_->pairs[resource_index_.at(target)].second;
    const node* props = r->find("Properties");
    const node* p = props && props->is_map() ? props->find(property) : nullptr;
    if (!p) return std::nullopt;
    if (!property_busy_.insert(key).second)
      fail("circular_reference", at, pointer, "Fn::GetAtt " + key + " depends on itself");
    auto saved = resource_;
    node v = eval(*p, child_pointer(child_pointer(child_pointer("/Resources", target), "Properties"), property));
    resource_ = saved;
    property_busy_.erase(key);
    property_memo_[key] = v;
    return v;
  }

  node get_att(const std::string& target, const std::string& attribute, const node& at, const std::string& pointer) {
    const int line = at.line;
    auto it = resource_index_.find(target);
    if (it == resource_index_.end()) fail("unknown_reference", at, pointer, "Fn::GetAtt names '" + target + "', which is not a resource of this template");
    if (st_.skipped.count(target))
      fail("bad_reference", at, pointer, "Fn::GetAtt names resource '" + target + "', which is not created (its Condition is false)");
    depends(target);
    std::string type;
    if (const node* t = resources_->pairs[it->second].second.find("Type"); t && t->is_scalar()) type = t->text;
    // Attributes that are the resource's own properties as written, or its implicit parts.
    struct projection {
      std::string_view type, attribute, property;
    };
    static constexpr projection projections[] = {
        {"AWS::EC2::VPC", "CidrBlock", "CidrBlock"},
        {"AWS::EC2::Subnet", "CidrBlock", "CidrBlock"},
        {"AWS::EC2::Subnet", "AvailabilityZone", "AvailabilityZone"},
        {"AWS::EC2::Subnet", "VpcId", "VpcId"},
        {"AWS::EC2::SecurityGroup", "VpcId", "VpcId"},
        {"AWS::EC2::Instance", "PrivateIp", "PrivateIpAddress"},
        {"AWS::EC2::Instance", "AvailabilityZone", "AvailabilityZone"},
        {"AWS::EC2::NetworkInterface", "PrimaryPrivateIpAddress", "PrivateIpAddress"},
        {"AWS::EC2::RouteTable", "VpcId", "VpcId"},
        {"AWS::EC2::NetworkAcl", "VpcId", "VpcId"},
    };
    for (const auto& p : projections)
      if (p.type == type && p.attribute == attribute) {
        if (auto v = property_of(target, std::string(p.property), at, pointer)) return *v;
        return scalar(unknown_token("GetAtt " + target + "." + attribute), line);
      }
    // A VPC's default security group and network ACL are parts AWS creates with it (SG-10, NACL-1).
    if (type == "AWS::EC2::VPC" && (attribute == "DefaultSecurityGroup" || attribute == "DefaultNetworkAcl"))
      return scalar(ref_token(st_.name, target + "." + attribute, false), line);
    if (type == "AWS::CloudFormation::Stack" && attribute.rfind("Outputs.", 0) == 0) {
      scope* child = ev_.nested(*this, target);
      if (!child) return scalar(unknown_token("GetAtt " + target + "." + attribute), line);
      auto name = attribute.substr(8);
      const node* o = child->output_node(name);
      if (!o) fail("unknown_reference", at, pointer, "Fn::GetAtt: nested stack " + target + " (" + child->st().file + ") has no output " + name);
      auto v = child->output(name, *o);
      if (!v) fail("bad_reference", at, pointer, "Fn::GetAtt: output " + name + " of nested stack " + target + " is not created (its Condition is false)");
      node out = *v;
      out.line = line;
      return out;
    }
    // Every other `…Id` attribute is the physical id `Ref` returns (GroupId, AllocationId, ...).
    if (attribute == "Id" || (attribute.size() > 2 && attribute.compare(attribute.size() - 2, 2, "Id") == 0 &&
                              attribute.find("Ipv6") == std::string::npos && attribute.find("Association") == std::string::npos &&
                              attribute.find("Owner") == std::string::npos))
      return scalar(ref_token(st_.name, target, opaque(target)), line);
    return scalar(unknown_token("GetAtt " + target + "." + attribute), line);
  }

  node sub(const node& a, const node& at, const std::string& pointer) {
    std::string text;
    std::map<std::string, node> vars;
    if (a.is_scalar()) {
      text = a.text;
    } else {
      const auto& xs = items(a, at, pointer, "Fn::Sub", 2, 2);
      if (!xs[0].is_scalar() || !xs[0].tag.empty()) fail("bad_intrinsic", at, pointer, "Fn::Sub: the first item must be a literal string");
      text = xs[0].text;
      if (!xs[1].is_map()) fail("bad_intrinsic", at, pointer, "Fn::Sub: the second item must be a mapping of variables");
      for (const auto& [k, v] : xs[1].pairs) vars[k] = eval(v, child_pointer(child_pointer(pointer, 1), k));
    }
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
      if (text.compare(i, 2, "${") != 0) {
        out += text[i++];
        continue;
      }
      auto close = text.find('}', i + 2);
      if (close == std::string::npos) fail("bad_intrinsic", at, pointer, "Fn::Sub: '${' without a closing '}'");
      auto name = text.substr(i + 2, close - i - 2);
      i = close + 1;
      if (!name.empty() && name.front() == '!') {  // `${!Literal}` writes `${Literal}`
        out += "${" + name.substr(1) + "}";
        continue;
      }
      name = trim(name);
      node v;
      if (auto it = vars.find(name); it != vars.end()) v = it->second;
      else if (auto dot = name.find('.'); dot != std::string::npos && name.rfind("AWS::", 0) != 0)
        v = get_att(name.substr(0, dot), name.substr(dot + 1), at, pointer);
      else v = ref(name, at, pointer);
      if (!v.is_scalar() || is_no_value(v)) fail("bad_intrinsic", at, pointer, "Fn::Sub: ${" + name + "} is " + describe(v) + ", not a string");
      out += v.text;
    }
    return scalar(out, at.line);
  }

  node cidr(const node& a, const node& at, const std::string& pointer) {
    const auto& xs = items(a, at, pointer, "Fn::Cidr", 3, 3);
    auto block = string_arg(xs[0], at, child_pointer(pointer, 0), "Fn::Cidr", "the address block");
    auto count_text = string_arg(xs[1], at, child_pointer(pointer, 1), "Fn::Cidr", "the count");
    auto bits_text = string_arg(xs[2], at, child_pointer(pointer, 2), "Fn::Cidr", "the size in bits");
    auto number = [&](const std::string& s, std::string_view what) {
      if (s.empty() || s.size() > 4 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        fail("bad_intrinsic", at, pointer, "Fn::Cidr: the " + std::string(what) + " '" + readable(s) + "' is not a number");
      return std::stoi(s);
    };
    int count = number(count_text, "count");
    int bits = number(bits_text, "size in bits");
    if (count < 1 || count > 256) fail("bad_intrinsic", at, pointer, "Fn::Cidr: the count must be 1 to 256, not " + count_text);
    std::vector<node> out;
    if (has_token(block)) {  // an IPv6 block AWS assigns at deployment
      for (int i = 0; i < count; ++i) out.push_back(scalar(unknown_token("block " + std::to_string(i) + " of Fn::Cidr " + readable(block)), at.line));
      return sequence(std::move(out), at.line);
    }
    if (auto c4 = cidr4::parse_canonicalising(block); c4 && block.find(':') == std::string::npos) {
      int prefix = 32 - bits;
      if (bits < 0 || bits > 32 || prefix < c4->prefix_length() || (prefix - c4->prefix_length() < 31 && (1LL << (prefix - c4->prefix_length())) < count))
        fail("bad_intrinsic", at, pointer,
             "Fn::Cidr: " + block + " does not hold " + count_text + " blocks of " + bits_text + " bits (/" + std::to_string(prefix) + ")");
      for (int i = 0; i < count; ++i) {
        auto base = c4->first_uint() + static_cast<std::uint32_t>(i) * (bits == 32 ? 0u : (std::uint32_t{1} << bits));
        out.push_back(scalar(cidr4(address4{base}, prefix).to_string(), at.line));
      }
      return sequence(std::move(out), at.line);
    }
    if (auto c6 = cidr6::parse_canonicalising(block)) {
      int prefix = 128 - bits;
      if (bits < 0 || bits > 128 || prefix < c6->prefix_length() || (prefix - c6->prefix_length() < 31 && (1LL << (prefix - c6->prefix_length())) < count))
        fail("bad_intrinsic", at, pointer,
             "Fn::Cidr: " + block + " does not hold " + count_text + " blocks of " + bits_text + " bits (/" + std::to_string(prefix) + ")");
      auto bytes = c6->first().to_bytes();
      for (int i = 0; i < count; ++i) {
        // Add i << bits to the 128-bit base: i (at most 256) shifted spans two bytes, then carries.
        auto b = bytes;
        unsigned v = static_cast<unsigned>(i) << (bits % 8);
        int k = 15 - bits / 8;
        unsigned carry = 0;
        for (; k >= 0 && (v || carry); --k, v >>= 8) {
          unsigned sum = b[static_cast<std::size_t>(k)] + (v & 0xffu) + carry;
          b[static_cast<std::size_t>(k)] = static_cast<unsigned char>(sum & 0xffu);
          carry = sum >> 8;
        }
        out.push_back(scalar(boost::asio::ip::address_v6(b).to_string() + "/" + std::to_string(prefix), at.line));
      }
      return sequence(std::move(out), at.line);
    }
    fail("bad_intrinsic", at, pointer, "Fn::Cidr: '" + block + "' is not a CIDR block");
  }

  node ev_import(const std::string& name, const node& at, const std::string& pointer);

  // -- dependencies between resources (a cycle is an error, as CloudFormation reports it) --

  void depends(const std::string& target) {
    if (!resource_.empty()) dependencies_[resource_].insert(target);
  }

  void check_cycles() {
    // Depth-first, in logical-id order, so the cycle reported does not depend on file order.
    std::map<std::string, int> state;  // 1 visiting, 2 done
    std::vector<std::string> path;
    std::function<bool(const std::string&)> visit = [&](const std::string& r) {
      state[r] = 1;
      path.push_back(r);
      for (const auto& d : dependencies_[r]) {
        if (state[d] == 1) {
          auto from = std::find(path.begin(), path.end(), d);
          std::string cycle;
          for (auto p = from; p != path.end(); ++p) cycle += *p + " -> ";
          cycle += d;
          report(severity::error, "circular_reference", resources_->key_lines[resource_index_.at(d)], child_pointer("/Resources", d), d,
                 "circular dependency between resources: " + cycle);
          return true;
        }
        if (state[d] == 0 && visit(d)) return true;
      }
      path.pop_back();
      state[r] = 2;
      return false;
    };
    for (const auto& [r, _] : dependencies_)
      if (state[r] == 0 && visit(r)) return;
  }

  // -- resources --

  /// Each resource's Condition, before any value is evaluated: a Ref to a resource that is not
  /// created is an error, in this stack or through an import.
  void decide_conditions() {
    if (!resources_ || !resources_->is_map()) return;
    auto& created = created_;
    created.assign(resources_->pairs.size(), false);
    for (std::size_t i = 0; i < resources_->pairs.size(); ++i) {
      const auto& [id, r] = resources_->pairs[i];
      auto pointer = child_pointer("/Resources", id);
      if (!r.is_map()) {
        report(severity::error, "bad_template", resources_->key_lines[i], pointer, id, "a resource must be a mapping");
        continue;
      }
      const node* c = r.find("Condition");
      if (!c) {
        created[i] = true;
        continue;
      }
      try {
        if (!c->is_scalar()) fail("bad_intrinsic", *c, pointer + "/Condition", "Condition takes a condition's name");
        resource_ = id;
        created[i] = condition(c->text, *c, pointer + "/Condition");
        if (!created[i]) st_.skipped.insert(id);
      } catch (const eval_error& e) {
        report(e, id);
        st_.skipped.insert(id);
      }
    }
    resource_.clear();
  }

  void evaluate_resources() {
    if (!resources_ || !resources_->is_map()) return;
    const auto& created = created_;
    for (std::size_t i = 0; i < resources_->pairs.size(); ++i) {
      if (!created[i]) continue;
      const auto& [id, r] = resources_->pairs[i];
      auto pointer = child_pointer("/Resources", id);
      resource out;
      out.logical_id = id;
      out.line = resources_->key_lines[i];
      resource_ = id;
      try {
        const node* type = r.find("Type");
        if (!type || !type->is_scalar() || type->text.empty()) fail("bad_template", r, pointer, "resource '" + id + "' has no Type");
        out.type = type->text;
        if (const node* dep = r.find("DependsOn")) {
          if (dep->is_scalar()) out.depends_on.push_back(dep->text);
          for (const auto& d : dep->items) out.depends_on.push_back(d.text);
          for (const auto& d : out.depends_on) {
            if (!resource_index_.count(d))
              fail("unknown_reference", *dep, pointer + "/DependsOn", "DependsOn names '" + d + "', which is not a resource of this template");
            depends(d);
          }
        }
        if (const node* props = r.find("Properties")) {
          out.properties = eval(*props, pointer + "/Properties");
          if (!out.properties.is_map() && !is_no_value(out.properties) && !out.properties.is_null())
            fail("bad_template", *props, pointer + "/Properties", "Properties must be a mapping");
        }
        if (!out.properties.is_map()) {
          out.properties = node{};
          out.properties.t = node::type::mapping;
          out.properties.line = out.line;
        }
        const bool is_stack = out.type == "AWS::CloudFormation::Stack";
        st_.resources.push_back(std::move(out));
        if (is_stack) ev_.nested(*this, id);  // its resources are part of the deployment
      } catch (const eval_error& e) {
        report(e, id);
      }
    }
    resource_.clear();
    check_cycles();
  }

  void check_outputs() {
    // Outputs are evaluated as a deployment would, so a mistake in one is reported.
    if (!outputs_ || !outputs_->is_map()) return;
    for (std::size_t i = 0; i < outputs_->pairs.size(); ++i) {
      const auto& [name, o] = outputs_->pairs[i];
      try {
        output(name, o);
      } catch (const eval_error& e) {
        report(e, "");
      }
    }
  }

  /// An output's value, when its Condition holds.
  std::optional<node> output(const std::string& name, const node& o) {
    if (auto it = output_memo_.find(name); it != output_memo_.end()) return it->second;
    auto pointer = child_pointer("/Outputs", name);
    if (const node* c = o.find("Condition"); c && c->is_scalar() && !condition(c->text, *c, pointer + "/Condition")) {
      output_memo_[name] = std::nullopt;
      return std::nullopt;
    }
    const node* v = o.find("Value");
    if (!v) fail("bad_template", o, pointer, "output '" + name + "' has no Value");
    if (!output_busy_.insert(name).second) fail("circular_reference", *v, pointer, "output '" + name + "' depends on itself");
    auto saved = resource_;
    resource_.clear();
    node value = eval(*v, pointer + "/Value");
    resource_ = saved;
    output_busy_.erase(name);
    output_memo_[name] = value;
    return value;
  }

  /// Export name -> output name, for outputs whose Condition holds.
  std::map<std::string, std::pair<std::string, int>> exports() {
    std::map<std::string, std::pair<std::string, int>> out;
    if (!outputs_ || !outputs_->is_map()) return out;
    for (std::size_t i = 0; i < outputs_->pairs.size(); ++i) {
      const auto& [name, o] = outputs_->pairs[i];
      const node* e = o.is_map() ? o.find("Export") : nullptr;
      const node* n = e && e->is_map() ? e->find("Name") : nullptr;
      if (!n) continue;
      try {
        auto pointer = child_pointer(child_pointer("/Outputs", name), "Export") + "/Name";
        if (const node* c = o.find("Condition"); c && c->is_scalar() && !condition(c->text, *c, pointer)) continue;
        auto export_name = string_arg(*n, *n, pointer, "Export", "the name");
        out[export_name] = {name, n->line};
      } catch (const eval_error& err) {
        report(err, "");
      }
    }
    return out;
  }

  /// The nested stacks this template creates (their `Condition` holds), by logical id.
  std::vector<std::string> created_stacks() const {
    std::vector<std::string> out;
    if (!resources_ || !resources_->is_map()) return out;
    for (std::size_t i = 0; i < resources_->pairs.size(); ++i) {
      const node* type = resources_->pairs[i].second.find("Type");
      if (i < created_.size() && created_[i] && type && type->is_scalar() && type->text == "AWS::CloudFormation::Stack")
        out.push_back(resources_->pairs[i].first);
    }
    return out;
  }

  const node* output_node(const std::string& name) const { return outputs_ ? outputs_->find(name) : nullptr; }
  const node* resource_node(const std::string& logical_id) const {
    auto it = resource_index_.find(logical_id);
    return it == resource_index_.end() ? nullptr : &resources_->pairs[it->second].second;
  }
  int resource_line(const std::string& logical_id) const { return resources_->key_lines[resource_index_.at(logical_id)]; }
  /// Evaluates a node of this stack (a nested stack's TemplateURL and Parameters).
  node evaluate(const node& n, const std::string& pointer, const std::string& resource) {
    auto saved = resource_;
    resource_ = resource;
    node v = eval(n, pointer);
    resource_ = saved;
    return v;
  }

 private:
  evaluator& ev_;
  stack& st_;
  const node* parameters_ = nullptr;
  const node* mappings_ = nullptr;
  const node* conditions_ = nullptr;
  const node* resources_ = nullptr;
  const node* outputs_ = nullptr;
  std::map<std::string, std::size_t> resource_index_;
  std::map<std::string, node> parameter_values_;
  std::map<std::string, bool> condition_memo_;
  std::set<std::string> condition_busy_;
  std::map<std::string, node> property_memo_;
  std::set<std::string> property_busy_;
  std::map<std::string, std::optional<node>> output_memo_;
  std::set<std::string> output_busy_;
  std::map<std::string, std::set<std::string>> dependencies_;
  std::string resource_;  ///< the resource being evaluated, for dependencies and messages
  std::vector<bool> created_;

 public:
  std::vector<std::unique_ptr<scope>>* all = nullptr;
  std::map<std::string, std::pair<std::size_t, std::string>>* export_table = nullptr;
  std::set<std::string>* import_busy = nullptr;
};

node evaluator::scope::ev_import(const std::string& name, const node& at, const std::string& pointer) {
  auto it = export_table->find(name);
  // A nested stack's export: set up the nested stacks not used yet, then look again.
  if (it == export_table->end() && !has_token(name) && ev_.materialize_nested()) it = export_table->find(name);
  if (it == export_table->end()) {
    if (has_token(name)) return scalar(unknown_token("ImportValue " + readable(name)), at.line);
    fail("unknown_export", at, pointer,
         "Fn::ImportValue: no template loaded with this one exports '" + name + "' (load the exporting template too: give a directory)");
  }
  const auto& [owner, output_name] = it->second;
  if (!import_busy->insert(name).second) fail("circular_reference", at, pointer, "Fn::ImportValue '" + name + "' depends on itself");
  auto& other = *(*all)[owner];
  std::optional<node> v;
  try {
    v = other.output(output_name, *other.output_node(output_name));
  } catch (const eval_error& e) {
    import_busy->erase(name);
    // The exporting template's own mistake is reported there; here the import cannot be read.
    other.report(e, "");
    fail("unknown_export", at, pointer, "Fn::ImportValue '" + name + "': the exported value cannot be evaluated (" + other.st().file + ")");
  }
  import_busy->erase(name);
  if (!v) fail("unknown_export", at, pointer, "Fn::ImportValue '" + name + "': its output's Condition is false");
  node out = *v;
  out.line = at.line;
  return out;
}

// ---- nested stacks ----

evaluator::scope* evaluator::nested(scope& parent, const std::string& logical_id) {
  const std::string key = parent.st().name + std::string(1, token_sep) + logical_id;
  if (auto it = nested_.find(key); it != nested_.end()) return it->second;
  const node* r = parent.resource_node(logical_id);
  const node* props = r ? r->find("Properties") : nullptr;
  const std::string pointer = child_pointer("/Resources", logical_id) + "/Properties";
  const int line = parent.resource_line(logical_id);
  const node* url_node = props ? props->find("TemplateURL") : nullptr;
  if (!url_node) {
    parent.report(severity::error, "missing_property", line, pointer, logical_id, "nested stack " + logical_id + " has no TemplateURL");
    nested_[key] = nullptr;
    return nullptr;
  }
  if (!nesting_.insert(key).second) fail("circular_reference", *url_node, pointer, "nested stack " + logical_id + " depends on itself");
  auto done = [&](scope* s) {
    nesting_.erase(key);
    nested_[key] = s;
    return s;
  };
  node url = parent.evaluate(*url_node, pointer + "/TemplateURL", logical_id);
  if (!url.is_scalar() || has_token(url.text)) {
    parent.report(severity::warning, "unknown_value", url_node->line, pointer + "/TemplateURL", logical_id,
                  "nested stack " + logical_id + ": TemplateURL is " + readable(url.text) +
                      ", known only at deployment; its resources are not loaded");
    return done(nullptr);
  }
  // A local file: the --template-map entry for the URL, else a path relative to the parent.
  std::filesystem::path file;
  if (auto m = options_.template_map.find(url.text); m != options_.template_map.end()) file = m->second;
  else if (url.text.find("://") == std::string::npos) file = std::filesystem::path(parent.st().file).parent_path() / url.text;
  else {
    parent.report(severity::warning, "not_modelled", url_node->line, pointer + "/TemplateURL", logical_id,
                  "nested stack " + logical_id + ": " + url.text +
                      " is not a local file; its resources are not loaded and its outputs stay unknown (--template-map URL=FILE)");
    return done(nullptr);
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) fail("unreadable", *url_node, pointer + "/TemplateURL", "nested stack " + logical_id + ": cannot read " + file.generic_string());
  std::stringstream text;
  text << in.rdbuf();
  std::vector<yaml_problem> problems;
  auto doc = parse_yaml(text.str(), problems, options_.max_depth);
  for (const auto& p : problems)
    diags_.push_back(make(p.fatal ? severity::error : severity::warning, p.fatal ? "not_yaml" : "duplicate_key", file.generic_string(), p.line, "", "", p.message));
  if (!doc || !doc->is_map() || !doc->find("Resources"))
    fail("not_a_template", *url_node, pointer + "/TemplateURL", "nested stack " + logical_id + ": " + file.generic_string() + " is not a template");
  // The parameters the parent passes, as strings (CloudFormation joins lists with commas).
  std::map<std::string, std::string> given;
  if (const node* ps = props->find("Parameters")) {
    node v = parent.evaluate(*ps, pointer + "/Parameters", logical_id);
    for (const auto& [k, x] : v.pairs) {
      if (x.is_scalar()) given[k] = x.text;
      else if (x.is_seq()) {
        std::string joined;
        for (const auto& i : x.items) joined += (joined.empty() ? "" : ",") + i.text;
        given[k] = joined;
      }
    }
  }
  stack child;
  child.file = file.generic_string();
  child.name = parent.st().name + "-" + logical_id;  // AWS adds a random suffix
  child.doc = std::move(*doc);
  child.given = std::move(given);
  children_.push_back(std::move(child));
  scopes_->push_back(std::make_unique<scope>(*this, children_.back()));
  scope* s = scopes_->back().get();
  s->all = parent.all;
  s->export_table = parent.export_table;
  s->import_busy = parent.import_busy;
  std::set<std::string> unused;
  s->resolve_parameters(unused);
  s->decide_conditions();
  // A nested stack's exports are the account's like any stack's (CFN-10).
  for (auto& [name, where] : s->exports()) {
    if (auto it = s->export_table->find(name); it != s->export_table->end()) {
      s->report(severity::error, "duplicate_export", where.second, "/Outputs", "",
                "export '" + name + "' is also exported by " + (*scopes_)[it->second.first]->st().file);
      continue;
    }
    (*s->export_table)[name] = {scopes_->size() - 1, where.first};
  }
  return done(s);
}

bool evaluator::materialize_nested() {
  if (materializing_ || !scopes_) return false;
  materializing_ = true;
  for (std::size_t i = 0; i < scopes_->size(); ++i) {  // grows as nested stacks nest others
    scope& parent = *(*scopes_)[i];
    for (const auto& id : parent.created_stacks()) {
      const std::string key = parent.st().name + std::string(1, token_sep) + id;
      if (nested_.count(key) || nesting_.count(key)) continue;
      try {
        nested(parent, id);
      } catch (const eval_error&) {
        // Reported when the nested stack is set up in its turn.
        nesting_.erase(key);
      }
    }
  }
  materializing_ = false;
  return true;
}

// ---- evaluator ----

evaluator::evaluator(std::vector<stack>& stacks, eval_options options, std::vector<diagnostic>& diags)
    : stacks_(stacks), options_(std::move(options)), diags_(diags) {}

void evaluator::run() {
  std::vector<std::unique_ptr<scope>> scopes;
  std::map<std::string, std::pair<std::size_t, std::string>> export_table;
  std::set<std::string> import_busy;
  std::set<std::string> used;
  for (std::size_t i = 0; i < stacks_.size(); ++i) {
    scopes.push_back(std::make_unique<scope>(*this, i));
    scopes.back()->all = &scopes;
    scopes.back()->export_table = &export_table;
    scopes.back()->import_busy = &import_busy;
    scopes.back()->resolve_parameters(used);
  }
  scopes_ = &scopes;
  for (const auto& [name, value] : options_.parameters)
    if (!used.count(name))
      diags_.push_back(make(severity::warning, "unknown_parameter", stacks_.empty() ? "" : stacks_.front().file, 0, "/Parameters", name,
                            "parameter '" + name + "' was given a value but no template declares it"));
  for (auto& s : scopes) s->decide_conditions();
  for (std::size_t i = 0; i < scopes.size(); ++i)
    for (auto& [name, where] : scopes[i]->exports()) {
      if (auto it = export_table.find(name); it != export_table.end()) {
        scopes[i]->report(severity::error, "duplicate_export", where.second, "/Outputs", "",
                          "export '" + name + "' is also exported by " + stacks_[it->second.first].file);
        continue;
      }
      export_table[name] = {i, where.first};
    }
  // Nested stacks join the list as they are first used; each is evaluated once.
  for (std::size_t i = 0; i < scopes.size(); ++i) {
    try {
      scopes[i]->evaluate_resources();
    } catch (const eval_error& e) {
      scopes[i]->report(e, "");
    }
    scopes[i]->check_outputs();
  }
  scopes.clear();
  for (auto& c : children_) stacks_.push_back(std::move(c));
  children_.clear();
}

}  // namespace vpcsim::detail::cfn
