#pragma once
// What each fuzz target does with one input. The libFuzzer targets (fuzz/*_fuzz.cpp) and the
// regression test replaying tests/data/fuzz-regressions/<target>/ both call these, so a crash
// input committed there fails the normal test suite too.
//
// Contract: bad input is an expected outcome (diagnostics, nullopt, a `vpcsim::error` caught
// here, a non-zero CLI status); anything else escapes: another exception propagates, a crash or a
// sanitizer report aborts. None of them calls exit().

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace vpcsim::fuzz {

/// The bytes as the content of one AWS CLI capture file (`aws ec2 describe-* --output json`),
/// imported as `load_aws_cli` imports a file; a usable network is then written as a design and
/// loaded back. The text is imported twice, as a file whose path leaves the account open (scanned
/// before parsing) and as one under ACCOUNT/REGION/ (parsed first): the problems found in the
/// text must be the same.
void aws_cli_import(const std::uint8_t* data, std::size_t size);

/// The bytes as a native design (.jsonc text); a usable design is written back out and reloaded.
void design_load(const std::uint8_t* data, std::size_t size);

/// The bytes as a Terraform plan or state (`terraform show -json`), imported as
/// `load_terraform_text` imports it, then with its prior state; a usable network is then written
/// as a design and loaded back.
void terraform_import(const std::uint8_t* data, std::size_t size);

/// The bytes as an endpoint policy document; a parsed policy is evaluated for a few requests.
void endpoint_policy(const std::uint8_t* data, std::size_t size);

/// The bytes split at NUL bytes into the arguments of `vpcsim trace NETWORK ...` against the
/// bundled example network (examples/ecr-private-subnet). Defined only when the CLI is built.
void cli_trace(const std::uint8_t* data, std::size_t size);

/// The targets by name, as fuzz/<name>_fuzz.cpp and tests/data/fuzz-regressions/<name>/.
inline constexpr std::string_view target_names[] = {"aws_cli_import", "design_load", "endpoint_policy",
                                                    "cli_trace", "terraform_import"};

}  // namespace vpcsim::fuzz
