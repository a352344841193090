#pragma once
/// What every resource carries: where it lives (account, region) and its tags.

#include <map>
#include <string>
#include <string_view>

namespace vpcsim {

/// The account and region a resource was captured in. Empty when the input does not say.
struct scope {
  std::string account;
  std::string region;

  auto operator<=>(const scope&) const = default;
  bool operator==(const scope&) const = default;
};

/// AWS tags, ordered by key. `Name` is what consoles show.
using tag_map = std::map<std::string, std::string>;

/// The `Name` tag, or empty.
inline std::string name_tag(const tag_map& tags) {
  auto it = tags.find("Name");
  return it == tags.end() ? std::string{} : it->second;
}

/// The `aws:cloudformation:logical-id` tag CloudFormation puts on what a stack creates (CFN-3);
/// resources are named by it before their `Name` tag.
inline constexpr std::string_view logical_id_tag = "aws:cloudformation:logical-id";
/// The tag the Terraform importer gives each resource: its address (`module.vpc.aws_subnet.a[0]`),
/// by which it is named before its `Name` tag, as a logical id is (TF-1).
inline constexpr std::string_view terraform_address_tag = "terraform:address";
/// The tags that carry the name the input's author gave a resource, read before `Name`.
inline constexpr std::string_view source_name_tags[] = {logical_id_tag, terraform_address_tag};

/// The logical id of a resource a CloudFormation stack created, or the address of one Terraform
/// imported (`source_name_tags`); empty when neither.
inline std::string logical_id(const tag_map& tags) {
  for (auto key : source_name_tags)
    if (auto it = tags.find(std::string(key)); it != tags.end() && !it->second.empty()) return it->second;
  return {};
}

}  // namespace vpcsim
