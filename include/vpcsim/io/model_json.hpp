#pragma once
/// The normalised model as JSON: what `vpcsim show --format json` prints and what a format
/// converter reads. Ids, CIDRs and addresses are strings, enums lower-case words; resources are
/// grouped by type and ordered by id, so the output is deterministic.

#include <vpcsim/model/network.hpp>

#include <nlohmann/json_fwd.hpp>

namespace vpcsim {

/// Every resource of `n` with every field the model holds, under `vpcs`, `subnets`,
/// `route_tables`, … (one key per resource type, always present).
nlohmann::json to_json(const network& n);

}  // namespace vpcsim
