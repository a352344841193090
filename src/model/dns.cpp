// DNS names and the enums of model/dns.hpp.
#include <vpcsim/model/dns.hpp>

#include <algorithm>
#include <cctype>

namespace vpcsim {

std::string canonical_dns_name(std::string_view name) {
  std::string s(name);
  while (!s.empty() && s.back() == '.') s.pop_back();
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  // Route 53 writes `*` in a record name as the octal escape `\052`.
  for (std::size_t at; (at = s.find("\\052")) != std::string::npos;) s.replace(at, 4, "*");
  return s;
}

bool dns_name_within(std::string_view name, std::string_view domain) noexcept {
  if (domain.empty()) return true;  // the root, `.`
  if (name == domain) return true;
  return name.size() > domain.size() && name.ends_with(domain) && name[name.size() - domain.size() - 1] == '.';
}

std::string_view to_string(dns_record_type t) noexcept {
  switch (t) {
    case dns_record_type::a: return "A";
    case dns_record_type::aaaa: return "AAAA";
    case dns_record_type::cname: return "CNAME";
    case dns_record_type::other: break;
  }
  return "other";
}

std::string_view to_string(resolver_rule_type t) noexcept {
  switch (t) {
    case resolver_rule_type::forward: return "FORWARD";
    case resolver_rule_type::system: return "SYSTEM";
    case resolver_rule_type::recursive: break;
  }
  return "RECURSIVE";
}

}  // namespace vpcsim
