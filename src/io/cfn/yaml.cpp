#include "yaml.hpp"

#include <yaml.h>

#include <map>
#include <memory>

namespace vpcsim::detail::cfn {

const node* node::find(std::string_view key) const {
  // The last of duplicate keys wins: search from the end.
  for (auto it = pairs.rbegin(); it != pairs.rend(); ++it)
    if (it->first == key) return &it->second;
  return nullptr;
}

namespace {

int line_of(const yaml_mark_t& m) { return static_cast<int>(m.line) + 1; }

std::string tag_of(const yaml_char_t* tag) {
  if (!tag) return {};
  std::string t(reinterpret_cast<const char*>(tag));
  // libyaml resolves `!Ref` against the primary handle `!` as the local tag `!Ref`; the default
  // tags of plain YAML (`tag:yaml.org,2002:str`) mean nothing to CloudFormation.
  if (t.rfind("tag:yaml.org,2002:", 0) == 0) return {};
  return t;
}

class reader {
 public:
  reader(std::vector<yaml_problem>& problems, std::size_t max_depth) : problems_(problems), max_depth_(max_depth) {}

  std::optional<node> run(std::string_view text) {
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
      problems_.push_back({0, "cannot start the YAML parser (out of memory)"});
      return std::nullopt;
    }
    std::unique_ptr<yaml_parser_t, void (*)(yaml_parser_t*)> guard(&parser, yaml_parser_delete);
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    parser_ = &parser;
    // STREAM-START, DOCUMENT-START, the root, ...
    yaml_event_t e;
    for (;;) {
      if (!next(e)) return std::nullopt;
      auto type = e.type;
      if (type == YAML_STREAM_END_EVENT) {
        yaml_event_delete(&e);
        problems_.push_back({0, "the file holds no YAML document"});
        return std::nullopt;
      }
      if (type == YAML_DOCUMENT_START_EVENT || type == YAML_STREAM_START_EVENT) {
        yaml_event_delete(&e);
        continue;
      }
      return build(e, 0);  // takes the event
    }
  }

 private:
  bool next(yaml_event_t& e) {
    if (!yaml_parser_parse(parser_, &e)) {
      int line = static_cast<int>(parser_->problem_mark.line) + 1;
      std::string what = parser_->problem ? parser_->problem : "syntax error";
      if (parser_->context) what = std::string(parser_->context) + ": " + what;
      problems_.push_back({line, "not YAML or JSON: " + what});
      return false;
    }
    return true;
  }

  std::optional<node> build(yaml_event_t& e, std::size_t depth) {
    std::unique_ptr<yaml_event_t, void (*)(yaml_event_t*)> guard(&e, yaml_event_delete);
    if (depth > max_depth_) {
      problems_.push_back({line_of(e.start_mark), "too deep: more than " + std::to_string(max_depth_) + " levels of nesting"});
      return std::nullopt;
    }
    node n;
    n.line = line_of(e.start_mark);
    const yaml_char_t* anchor = nullptr;
    switch (e.type) {
      case YAML_ALIAS_EVENT: {
        std::string name(reinterpret_cast<const char*>(e.data.alias.anchor));
        auto it = anchors_.find(name);
        if (it == anchors_.end()) {
          problems_.push_back({n.line, "alias *" + name + " names no anchor"});
          return std::nullopt;
        }
        // An alias copies its anchor: aliases of aliases grow exponentially ("billion laughs").
        copied_ += count(it->second);
        if (copied_ > max_copied) {
          problems_.push_back({n.line, "too many alias expansions: more than " + std::to_string(max_copied) + " nodes copied"});
          return std::nullopt;
        }
        return it->second;
      }
      case YAML_SCALAR_EVENT:
        n.t = node::type::scalar;
        n.tag = tag_of(e.data.scalar.tag);
        n.text.assign(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
        n.plain = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        anchor = e.data.scalar.anchor;
        break;
      case YAML_SEQUENCE_START_EVENT: {
        n.t = node::type::sequence;
        n.tag = tag_of(e.data.sequence_start.tag);
        anchor = e.data.sequence_start.anchor;
        std::string a = anchor ? reinterpret_cast<const char*>(anchor) : "";
        for (;;) {
          yaml_event_t c;
          if (!next(c)) return std::nullopt;
          if (c.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&c);
            break;
          }
          auto item = build(c, depth + 1);
          if (!item) return std::nullopt;
          n.items.push_back(std::move(*item));
        }
        if (!a.empty()) anchors_[a] = n;
        return n;
      }
      case YAML_MAPPING_START_EVENT: {
        n.t = node::type::mapping;
        n.tag = tag_of(e.data.mapping_start.tag);
        anchor = e.data.mapping_start.anchor;
        std::string a = anchor ? reinterpret_cast<const char*>(anchor) : "";
        std::map<std::string, int> seen;
        for (;;) {
          yaml_event_t k;
          if (!next(k)) return std::nullopt;
          if (k.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&k);
            break;
          }
          auto key = build(k, depth + 1);
          if (!key) return std::nullopt;
          if (!key->is_scalar()) {
            problems_.push_back({key->line, "a mapping key must be a plain string"});
            return std::nullopt;
          }
          yaml_event_t v;
          if (!next(v)) return std::nullopt;
          auto value = build(v, depth + 1);
          if (!value) return std::nullopt;
          if (auto [it, fresh] = seen.emplace(key->text, key->line); !fresh)
            problems_.push_back({key->line, "duplicate key '" + key->text + "' (first on line " + std::to_string(it->second) +
                                                "); the last value is used",
                                 false});
          n.key_lines.push_back(key->line);
          n.pairs.push_back(node_entry{std::move(key->text), std::move(*value)});
        }
        if (!a.empty()) anchors_[a] = n;
        return n;
      }
      default:
        problems_.push_back({n.line, "unexpected YAML event"});
        return std::nullopt;
    }
    if (anchor) anchors_[reinterpret_cast<const char*>(anchor)] = n;
    return n;
  }

  static std::size_t count(const node& n) {
    std::size_t c = 1;
    for (const auto& i : n.items) c += count(i);
    for (const auto& e : n.pairs) c += count(e.second);
    return c;
  }

  static constexpr std::size_t max_copied = 1'000'000;
  std::size_t copied_ = 0;
  yaml_parser_t* parser_ = nullptr;
  std::vector<yaml_problem>& problems_;
  std::size_t max_depth_;
  std::map<std::string, node> anchors_;
};

}  // namespace

std::optional<node> parse_yaml(std::string_view text, std::vector<yaml_problem>& problems, std::size_t max_depth) {
  return reader(problems, max_depth).run(text);
}

}  // namespace vpcsim::detail::cfn
