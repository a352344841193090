#pragma once
// The design loader on a parsed document (not installed): for importers that build a design
// from another format (CloudFormation) and let it imply AWS's defaults. Diagnostics carry design
// JSON pointers and an empty file; the caller maps them back to its own input.

#include <vpcsim/io/design.hpp>

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace vpcsim::detail::design {

design_result load_document(const nlohmann::ordered_json& doc, const std::string& file);

/// Appends a workload to the design's `workloads` (docs/design-format.md), as every importer that
/// maps onto a design and the design writer write it; returns its JSON pointer.
std::string add_workload(nlohmann::ordered_json& design, const std::string& name, const std::string& type,
                         const std::vector<std::string>& subnets, const std::vector<std::string>& security_groups);

}  // namespace vpcsim::detail::design
