// Availability zone -> region (model/region.hpp), as AWS names zones.
#include <vpcsim/model/region.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <utility>

TEST_CASE("a zone's region is its name up to the region's number, for every kind of zone AWS names", "[model][region]") {
  const std::pair<const char*, const char*> zones[] = {
      {"us-east-2b", "us-east-2"},            // a zone: the region and a letter
      {"eu-central-1a", "eu-central-1"},
      {"ap-southeast-2c", "ap-southeast-2"},
      {"us-west-2-lax-1a", "us-west-2"},      // a Local Zone
      {"us-east-1-wl1-bos-wlz-1", "us-east-1"},  // a Wavelength Zone
      {"us-gov-west-1a", "us-gov-west-1"},    // GovCloud
      {"cn-north-1a", "cn-north-1"},          // China
      {"us-isob-east-1a", "us-isob-east-1"},  // an ISO partition
      {"me-south-1", "me-south-1"},           // a region name is its own region
      {"use1-az1", ""},                       // a zone id names no region
      {"us-east-123a", ""},                   // region numbers have one or two digits
      {"us-middle-1a", ""},
      {"", ""},
  };
  for (const auto& [zone, region] : zones) {
    INFO(zone);
    CHECK(vpcsim::region_of_zone(zone) == region);
  }
}
