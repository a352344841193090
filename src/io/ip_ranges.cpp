#include <vpcsim/error.hpp>
#include <vpcsim/io/ip_ranges.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace vpcsim {

namespace {

using nlohmann::json;

// The keys of AWS's ip-ranges format, spelled once.
constexpr const char* key_prefixes = "prefixes";
constexpr const char* key_ip_prefix = "ip_prefix";
constexpr const char* key_region = "region";
constexpr const char* key_service = "service";

[[noreturn]] void fail(const std::string& file, const char* code, std::string pointer, std::string message) {
  diagnostic d;
  d.code = code;
  d.file = file;
  d.pointer = std::move(pointer);
  d.message = std::move(message);
  throw import_error(std::move(d));
}

std::string required_string(const json& entry, const char* key, const std::string& file, const std::string& pointer) {
  auto it = entry.find(key);
  if (it == entry.end())
    fail(file, "vpcsim.import.missing_field", pointer, std::string("field '") + key + "' is required");
  if (!it->is_string())
    fail(file, "vpcsim.import.wrong_type", pointer + "/" + key, std::string("field '") + key + "' must be a string");
  return it->get<std::string>();
}

json parse_document(std::string_view json_text, const std::string& file) {
  json doc;
  try {
    doc = json::parse(json_text.begin(), json_text.end());
  } catch (const json::exception& e) {  // bad syntax, or a number out of range
    fail(file, "vpcsim.import.not_json", "", std::string("not JSON: ") + e.what());
  }
  if (!doc.is_object()) fail(file, "vpcsim.import.wrong_type", "", "an ip-ranges document must be a JSON object");
  return doc;
}

}  // namespace

std::vector<ip_range6> parse_ip_ranges6(std::string_view json_text, const std::string& file) {
  constexpr const char* key_ipv6_prefixes = "ipv6_prefixes";
  constexpr const char* key_ipv6_prefix = "ipv6_prefix";
  const json doc = parse_document(json_text, file);
  std::vector<ip_range6> out;
  auto prefixes = doc.find(key_ipv6_prefixes);
  if (prefixes == doc.end()) return out;
  if (!prefixes->is_array())
    fail(file, "vpcsim.import.wrong_type", std::string("/") + key_ipv6_prefixes,
         std::string("field '") + key_ipv6_prefixes + "' must be an array");
  out.reserve(prefixes->size());
  for (std::size_t i = 0; i < prefixes->size(); ++i) {
    const json& entry = (*prefixes)[i];
    const std::string pointer = std::string("/") + key_ipv6_prefixes + "/" + std::to_string(i);
    if (!entry.is_object()) fail(file, "vpcsim.import.wrong_type", pointer, "a prefix entry must be a JSON object");
    const std::string text = required_string(entry, key_ipv6_prefix, file, pointer);
    cidr_problem why{};
    auto cidr = cidr6::parse(text, &why);
    if (!cidr)
      fail(file, "vpcsim.import.bad_cidr", pointer + "/" + key_ipv6_prefix,
           "'" + text + (why == cidr_problem::not_canonical ? "' has host bits set" : "' is not an IPv6 CIDR"));
    out.push_back(ip_range6{required_string(entry, key_service, file, pointer),
                            required_string(entry, key_region, file, pointer), *cidr});
  }
  return out;
}

std::vector<ip_range> parse_ip_ranges(std::string_view json_text, const std::string& file) {
  json doc;
  try {
    doc = json::parse(json_text.begin(), json_text.end());
  } catch (const json::exception& e) {  // bad syntax, or a number out of range
    fail(file, "vpcsim.import.not_json", "", std::string("not JSON: ") + e.what());
  }
  if (!doc.is_object()) fail(file, "vpcsim.import.wrong_type", "", "an ip-ranges document must be a JSON object");
  auto prefixes = doc.find(key_prefixes);
  if (prefixes == doc.end())
    fail(file, "vpcsim.import.missing_field", "", std::string("field '") + key_prefixes + "' is required");
  if (!prefixes->is_array())
    fail(file, "vpcsim.import.wrong_type", std::string("/") + key_prefixes,
         std::string("field '") + key_prefixes + "' must be an array");

  std::vector<ip_range> out;
  out.reserve(prefixes->size());
  for (std::size_t i = 0; i < prefixes->size(); ++i) {
    const json& entry = (*prefixes)[i];
    const std::string pointer = std::string("/") + key_prefixes + "/" + std::to_string(i);
    if (!entry.is_object()) fail(file, "vpcsim.import.wrong_type", pointer, "a prefix entry must be a JSON object");
    const std::string text = required_string(entry, key_ip_prefix, file, pointer);
    cidr_problem why{};
    auto cidr = cidr4::parse(text, &why);
    if (!cidr)
      fail(file, "vpcsim.import.bad_cidr", pointer + "/" + key_ip_prefix,
           "'" + text + (why == cidr_problem::not_canonical ? "' has host bits set" : "' is not an IPv4 CIDR"));
    out.push_back(ip_range{required_string(entry, key_service, file, pointer),
                           required_string(entry, key_region, file, pointer), *cidr});
  }
  return out;
}

}  // namespace vpcsim
