#pragma once
/// The model as AWS CLI captures: one `describe-*` response per resource type and scope, in the
/// shapes `aws ec2 describe-* --output json` prints, so that the AWS CLI importer (and other tools
/// that read such captures) read the network back unchanged.

#include <vpcsim/model/network.hpp>

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace vpcsim {

/// Every response, by path relative to the output directory: `ACCOUNT/REGION/Subnets.json`
/// (the directory levels the importer reads the scope from), and one `describe-vpc-attribute`
/// answer per captured VPC DNS attribute.
std::map<std::string, nlohmann::json> to_aws_cli(const network& n);

struct aws_write_options {
  /// At most this many resources per file: a longer response is split into `Reservations.json`,
  /// `Reservations-2.json`, … in the same directory (the importer reads every file of it), so
  /// that no file grows past what readers hold in memory at once. 0: one file per response.
  std::size_t max_items_per_file = 10000;
};

/// What `write_aws_cli` wrote.
struct aws_write_summary {
  std::size_t files = 0;
  std::uintmax_t bytes = 0;
};

/// Writes the responses of `to_aws_cli(n)` under `directory`, creating it, each file as soon as
/// it is complete, split per `options`; throws `vpcsim::error` (`vpcsim.convert.unwritable`)
/// when a file cannot be written.
aws_write_summary write_aws_cli(const network& n, const std::filesystem::path& directory,
                                const aws_write_options& options);
/// `write_aws_cli(n, directory, aws_write_options{})`.
void write_aws_cli(const network& n, const std::filesystem::path& directory);

}  // namespace vpcsim
