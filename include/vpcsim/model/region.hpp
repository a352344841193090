#pragma once
/// Availability zone -> region, written once for every importer, the solver and the reports.

#include <string>
#include <string_view>

namespace vpcsim {

/// The region of an availability zone name: `us-east-2b` -> `us-east-2`, also for local and
/// Wavelength zones (`us-west-2-lax-1a` -> `us-west-2`) and partitions (`us-gov-west-1a`,
/// `cn-north-1a`). Empty when `zone` does not start with a region name (a zone id such as
/// `use1-az1`, or nothing).
std::string region_of_zone(std::string_view zone);

}  // namespace vpcsim
