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

// The entries of one prefixes array (`prefixes` / `ip_prefix` of IPv4, `ipv6_prefixes` /
// `ipv6_prefix` of IPv6); `required` says whether the document must have the array.
template <class Range, class Cidr>
std::vector<Range> parse_entries(const json& doc, const char* array_key, const char* prefix_key, bool required,
                                 const char* family, const std::string& file) {
  std::vector<Range> out;
  auto prefixes = doc.find(array_key);
  if (prefixes == doc.end()) {
    if (required) fail(file, "vpcsim.import.missing_field", "", std::string("field '") + array_key + "' is required");
    return out;
  }
  if (!prefixes->is_array())
    fail(file, "vpcsim.import.wrong_type", std::string("/") + array_key,
         std::string("field '") + array_key + "' must be an array");
  out.reserve(prefixes->size());
  for (std::size_t i = 0; i < prefixes->size(); ++i) {
    const json& entry = (*prefixes)[i];
    const std::string pointer = std::string("/") + array_key + "/" + std::to_string(i);
    if (!entry.is_object()) fail(file, "vpcsim.import.wrong_type", pointer, "a prefix entry must be a JSON object");
    const std::string text = required_string(entry, prefix_key, file, pointer);
    cidr_problem why{};
    auto cidr = Cidr::parse(text, &why);
    if (!cidr)
      fail(file, "vpcsim.import.bad_cidr", pointer + "/" + prefix_key,
           "'" + text + (why == cidr_problem::not_canonical ? "' has host bits set" : std::string("' is not an ") + family + " CIDR"));
    out.push_back(Range{required_string(entry, key_service, file, pointer), required_string(entry, key_region, file, pointer),
                        *cidr});
  }
  return out;
}

}  // namespace

std::vector<ip_range6> parse_ip_ranges6(std::string_view json_text, const std::string& file) {
  return parse_entries<ip_range6, cidr6>(parse_document(json_text, file), "ipv6_prefixes", "ipv6_prefix", false, "IPv6", file);
}

std::vector<ip_range> parse_ip_ranges(std::string_view json_text, const std::string& file) {
  return parse_entries<ip_range, cidr4>(parse_document(json_text, file), key_prefixes, key_ip_prefix, true, "IPv4", file);
}

}  // namespace vpcsim
