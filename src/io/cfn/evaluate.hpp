#pragma once
// CloudFormation templates evaluated into plain values (not installed): parameters, mappings,
// conditions and every intrinsic function resolved, so the mapper onto the model sees only
// strings, lists and maps. What only a deployment knows (a resource's physical id, an attribute
// such as a load balancer's DNS name) stays symbolic: a token inside the string.

#include "yaml.hpp"

#include <vpcsim/error.hpp>

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace vpcsim::detail::cfn {

// ---- tokens: symbolic values inside strings ----

/// A reference to a resource of a stack, as `Ref` returns its physical id: `\x1fR<stack>\x1e<id>\x1f`;
/// `r` instead of `R` when the id may hold any character (an ARN), so it cannot be split.
std::string ref_token(std::string_view stack, std::string_view logical_id, bool opaque = false);
/// A value only a deployment knows (`GetAtt LB.DNSName`): `\x1f?<what>\x1f`.
std::string unknown_token(std::string_view what);
/// When `text` is exactly one reference token: its stack and logical id.
std::optional<std::pair<std::string, std::string>> as_ref(std::string_view text);
/// Whether `text` holds any token (a reference or an unknown).
bool has_token(std::string_view text);
/// `text` with each token spelled for people: `Ref(Vpc)`, `GetAtt(LB.DNSName)`.
std::string readable(std::string_view text);

/// The availability zones `Fn::GetAZs` returns for a region (AWS's names as most accounts see
/// them), or an empty list for a region the table does not hold.
std::vector<std::string> default_azs(std::string_view region);

/// What a template is evaluated with (the `aws cloudformation create-stack` arguments).
struct eval_options {
  std::string region = "us-east-1";
  std::string account = "123456789012";
  std::map<std::string, std::string> parameters;  ///< --parameter, --parameters
  std::vector<std::string> azs;                   ///< --azs: replaces the table for `region`
  std::map<std::string, std::string> template_map;  ///< --template-map: nested stack URL -> local file
  std::size_t max_depth = 64;                        ///< nesting limit of nested stacks' YAML
};

/// One resource after evaluation.
struct resource {
  std::string logical_id;
  std::string type;
  int line = 0;
  node properties;  ///< a mapping; intrinsics resolved, `AWS::NoValue` removed
  std::vector<std::string> depends_on;
};

/// One template being evaluated: a stack.
struct stack {
  std::string file;  ///< as given, for messages
  std::string name;  ///< `AWS::StackName`: the file's stem, or a relative path in a directory
  node doc;
  std::vector<resource> resources;  ///< created (their `Condition` holds), in document order
  std::set<std::string> skipped;    ///< logical ids whose `Condition` is false
  /// A nested stack: the parameters its parent passes (the command line's are the root's only).
  std::optional<std::map<std::string, std::string>> given;
};

/// Evaluates a set of stacks together (`Fn::ImportValue` reads the others' exports). Every
/// problem is a diagnostic (`vpcsim.cfn.*`) naming `file:line`.
class evaluator {
 public:
  evaluator(std::vector<stack>& stacks, eval_options options, std::vector<diagnostic>& diags);
  void run();

  /// The diagnostic format of this importer: `file:line`, the JSON pointer, the logical id.
  static diagnostic make(severity level, std::string_view code, const std::string& file, int line,
                         std::string pointer, std::string resource, std::string message);

 private:
  struct frame;
  class scope;
  friend class scope;

  /// The scope of the nested stack `logical_id` of `parent` (an AWS::CloudFormation::Stack),
  /// read and set up on first use; nullptr when its template is not a local file.
  scope* nested(scope& parent, const std::string& logical_id);

  std::vector<stack>& stacks_;
  eval_options options_;
  std::vector<diagnostic>& diags_;
  std::deque<stack> children_;                          ///< nested stacks, in the order first used
  std::vector<std::unique_ptr<scope>>* scopes_ = nullptr;
  std::map<std::string, scope*> nested_;                ///< `<parent stack>\x1e<logical id>` -> its scope
  std::set<std::string> nesting_;                       ///< nested stacks being set up (a cycle guard)
  bool materializing_ = false;
  /// Sets up every nested stack not used yet, so that an `Fn::ImportValue` finds the exports of
  /// nested stacks too; false when already under way.
  bool materialize_nested();
};

}  // namespace vpcsim::detail::cfn
