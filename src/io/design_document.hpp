#pragma once
// The design loader on a parsed document (not installed): for importers that build a design
// from another format (CloudFormation) and let it imply AWS's defaults. Diagnostics carry design
// JSON pointers and an empty file; the caller maps them back to its own input.

#include <vpcsim/io/design.hpp>

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace vpcsim::detail::design {

design_result load_document(const nlohmann::ordered_json& doc, const std::string& file);

}  // namespace vpcsim::detail::design
