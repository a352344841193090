#pragma once
// The lint designs of tests/data/lint (make_lint_designs.py), loaded once per test process with
// their solver. Shared by the intents, matrix and lint tests.

#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/sim/solver.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

namespace vpcsim::test {

struct loaded_design {
  load_result result;
  std::unique_ptr<vpcsim::solver> solver;
};

/// The design `tests/data/lint/<name>` (`base`, `ecr-no-s3-path/fail`, …), loaded and usable.
inline const loaded_design& design(const std::string& name) {
  static std::map<std::string, std::unique_ptr<loaded_design>> cache;
  auto& slot = cache[name];
  if (!slot) {
    auto d = std::make_unique<loaded_design>();
    const auto dir = std::filesystem::path(VPCSIM_TEST_DATA_DIR) / "lint" / name;
    REQUIRE(std::filesystem::is_directory(dir));
    d->result = load_aws_cli(dir);
    for (const auto& diag : d->result.diagnostics) INFO(diag.to_string());
    REQUIRE(d->result.usable());
    d->solver = std::make_unique<vpcsim::solver>(d->result.network);
    slot = std::move(d);
  }
  return *slot;
}

// Ids of the designs (make_lint_designs.py spells them once for the data).
inline const std::string VPC = "vpc-0c1a000000000000a";
inline const std::string SUB_APP_A = "subnet-0c1a00000000000a2";
inline const std::string SUB_APP_B = "subnet-0c1a00000000000b2";
inline const std::string SUB_PUB_A = "subnet-0c1a00000000000a1";
inline const std::string RTB_PRIV_A = "rtb-0c1a000000000000c";
inline const std::string RTB_PRIV_B = "rtb-0c1a000000000000d";
inline const std::string RTB_PUB = "rtb-0c1a000000000000b";
inline const std::string ACL_APP = "acl-0c1a000000000000b";
inline const std::string ACL_EP = "acl-0c1a000000000000c";
inline const std::string ACL_PUB = "acl-0c1a000000000000d";
inline const std::string SG_APP = "sg-0c1a000000000000b";
inline const std::string SG_EP = "sg-0c1a000000000000c";
inline const std::string I_APP1 = "i-0c1a00000000000a1";
inline const std::string I_OPS1 = "i-0c1a00000000000a2";
inline const std::string I_APP2 = "i-0c1a00000000000b1";
inline const std::string ENI_APP1 = "eni-0c1a00000000000a1";
inline const std::string IP_OPS1 = "10.0.1.20";
inline const std::string EP_API = "vpce-0c1a0000000000001";
inline const std::string EP_DKR = "vpce-0c1a0000000000002";
inline const std::string EP_S3 = "vpce-0c1a0000000000003";
inline const std::string EP_S3_IF = "vpce-0c1a0000000000004";
inline const std::string EP_STS = "vpce-0c1a0000000000005";
inline const std::string NAT_A = "nat-0c1a00000000000a1";
inline const std::string NAT_B = "nat-0c1a00000000000b1";
inline const std::string IGW = "igw-0c1a000000000000a";
inline const std::string PL_S3 = "pl-63a5400a";
inline const std::string SPOKE_VPC = "vpc-0c1a000000000000b";
inline const std::string ZONE_API = "Z0C1A2B3C4D5E6F7A8B9C0";
inline const std::string INTERNET = "203.0.113.25";  // a public address on no AWS prefix list

}  // namespace vpcsim::test
