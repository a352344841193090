#pragma once
/// The model as AWS CLI captures: one `describe-*` response per resource type and scope, in the
/// shapes `aws ec2 describe-* --output json` prints, so that the AWS CLI importer (and other tools
/// that read such captures) read the network back unchanged.

#include <vpcsim/model/network.hpp>

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <map>
#include <string>

namespace vpcsim {

/// Every response, by path relative to the output directory: `ACCOUNT/REGION/Subnets.json`
/// (the directory levels the importer reads the scope from), and one `describe-vpc-attribute`
/// answer per captured VPC DNS attribute.
std::map<std::string, nlohmann::json> to_aws_cli(const network& n);

/// Writes `to_aws_cli(n)` under `directory`, creating it; throws `vpcsim::error`
/// (`vpcsim.convert.unwritable`) when a file cannot be written.
void write_aws_cli(const network& n, const std::filesystem::path& directory);

}  // namespace vpcsim
