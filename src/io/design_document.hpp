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

/// The Regional endpoint-specific DNS name (IF-10) of a design's interface endpoint (`name`,
/// `service`, optional `id`): the first of its `DnsEntries`, which importers read as a symbolic
/// value (`!GetAtt Endpoint.DnsEntries`, `aws_vpc_endpoint.x.dns_entry[0].dns_name`). The id is the
/// one the design loader gives the endpoint; the random suffix AWS adds is a stable stand-in.
std::string endpoint_regional_dns_name(const nlohmann::ordered_json& endpoint, const std::string& region);

}  // namespace vpcsim::detail::design
