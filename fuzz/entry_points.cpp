#include "entry_points.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/io/design.hpp>
#include <vpcsim/io/policy_json.hpp>
#include <vpcsim/io/terraform.hpp>
#include <vpcsim/sim/policy.hpp>

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vpcsim::fuzz {

namespace {

std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A network that loaded without errors goes through the design writer and back through the
// design loader: both must cope with whatever the loaders accepted.
void write_and_reload(const network& n) {
  const std::string text = write_design(n);
  (void)load_design_text(text, "written.json");
}

// The findings of the checks on a capture's text (blank, not JSON, too deep, a key twice), the
// file aside: the same whether the text is scanned before parsing or only where the parsed
// document shows a problem may be.
std::vector<std::string> text_findings(const load_result& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics)
    if (d.code == "vpcsim.import.empty_input" || d.code == "vpcsim.import.not_json" ||
        d.code == "vpcsim.import.too_deep" || d.code == "vpcsim.import.duplicate_key")
      out.push_back(d.code + " " + d.pointer + " " + d.message);
  return out;
}

}  // namespace

void aws_cli_import(const std::uint8_t* data, std::size_t size) {
  // The bytes as a file's text: the checks before parsing, simdjson's parser and the readers.
  // A file whose path names no account scans its text before parsing, for scope hints; one under
  // ACCOUNT/REGION/ is parsed first: both must find the same problems in the text.
  load_options options;
  options.region = "us-east-1";
  std::vector<std::string> found[2];
  const char* files[2] = {"capture.json", "123456789012/us-east-1/capture.json"};
  for (int i = 0; i < 2; ++i) {
    try {
      auto loaded = load_aws_cli_text(as_text(data, size), files[i], options);
      found[i] = text_findings(loaded);
      if (i == 0 && loaded.usable()) write_and_reload(loaded.network);
    } catch (const vpcsim::error&) {
      // Bad input reported the documented way.
    }
  }
  if (found[0] != found[1]) throw std::logic_error("the text checks differ with the path's scope");
}

void design_load(const std::uint8_t* data, std::size_t size) {
  try {
    auto loaded = load_design_text(as_text(data, size), "design.jsonc");
    if (loaded.loaded.usable()) write_and_reload(loaded.loaded.network);
  } catch (const vpcsim::error&) {
  }
}

void terraform_import(const std::uint8_t* data, std::size_t size) {
  for (bool prior : {false, true}) {
    load_options options;
    options.prior_state = prior;
    try {
      auto loaded = load_terraform_text(as_text(data, size), "plan.json", options);
      if (loaded.loaded.usable()) write_and_reload(loaded.loaded.network);
    } catch (const vpcsim::error&) {
    }
  }
}

void endpoint_policy(const std::uint8_t* data, std::size_t size) {
  std::string problem;
  std::optional<vpcsim::endpoint_policy> policy;
  try {
    policy = parse_endpoint_policy(as_text(data, size), problem);
  } catch (const vpcsim::error&) {
    return;
  }
  if (!policy) return;
  static const std::vector<policy_request> requests = {
      {"s3:GetObject", "arn:aws:s3:::prod-ecr-layers/layer", "", "", ""},
      {"s3:*", "*", "", "vpce-0123456789abcdef0", "vpc-0123456789abcdef0"},
      {"ecr:BatchGetImage", "*", "arn:aws:iam::123456789012:role/app", "vpce-1a2b3c4d", "vpc-1a2b3c4d"},
      {"dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/t", "123456789012", "", ""},
  };
  try {
    for (const auto& r : requests) (void)evaluate(*policy, r);
    for (const auto& s : policy->statements) {
      (void)describe(s);
      // The policy's own patterns against its own resources: wildcard matching on hostile text.
      for (const auto& a : s.actions)
        for (const auto& res : s.resources) (void)iam_wildcard_match(a, res, true);
    }
  } catch (const vpcsim::error&) {
  }
}

}  // namespace vpcsim::fuzz
