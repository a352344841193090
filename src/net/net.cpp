// Address, CIDR, port and protocol parsing and printing.
#include <vpcsim/net/address.hpp>
#include <vpcsim/net/cidr.hpp>
#include <vpcsim/net/ports.hpp>
#include <vpcsim/net/prefix_set.hpp>
#include <vpcsim/net/protocol.hpp>

#include <algorithm>
#include <charconv>
#include <string>

namespace vpcsim {

namespace {

bool parse_int(std::string_view text, int& out) {
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc{} && p == end;
}

// Splits `addr/len` and checks the length is a plain decimal within [0, max].
bool split_cidr(std::string_view text, std::string& addr, int& len, int max) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos) return false;
  addr.assign(text.substr(0, slash));
  auto len_text = text.substr(slash + 1);
  if (len_text.empty() || len_text.size() > 3) return false;
  if (!std::all_of(len_text.begin(), len_text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  return parse_int(len_text, len) && len >= 0 && len <= max;
}

}  // namespace

std::optional<address4> parse_address4(std::string_view text) {
  // Asio accepts some forms inet_pton rejects on other platforms; insist on four decimal octets.
  int dots = 0;
  for (char c : text) {
    if (c == '.') ++dots;
    else if (c < '0' || c > '9') return std::nullopt;
  }
  if (dots != 3) return std::nullopt;
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address_v4(std::string(text), ec);
  if (ec) return std::nullopt;
  return a;
}

std::optional<address6> parse_address6(std::string_view text) {
  if (text.find('%') != std::string_view::npos) return std::nullopt;  // no scope ids in VPCs
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address_v6(std::string(text), ec);
  if (ec) return std::nullopt;
  return a;
}

cidr4::cidr4(address4 base, int prefix_length)
    : prefix_(static_cast<std::uint8_t>(std::clamp(prefix_length, 0, 32))) {
  base_ = base.to_uint() & mask();
}

std::optional<cidr4> cidr4::parse(std::string_view text, cidr_problem* problem) {
  auto set = [&](cidr_problem p) {
    if (problem) *problem = p;
  };
  std::string addr;
  int len = 0;
  if (!split_cidr(text, addr, len, 32)) return set(cidr_problem::syntax), std::nullopt;
  auto a = parse_address4(addr);
  if (!a) return set(cidr_problem::syntax), std::nullopt;
  cidr4 c{*a, len};
  if (c.first_uint() != a->to_uint()) return set(cidr_problem::not_canonical), std::nullopt;
  set(cidr_problem::none);
  return c;
}

std::optional<cidr4> cidr4::parse_canonicalising(std::string_view text) {
  std::string addr;
  int len = 0;
  if (!split_cidr(text, addr, len, 32)) return std::nullopt;
  auto a = parse_address4(addr);
  if (!a) return std::nullopt;
  return cidr4{*a, len};
}

boost::asio::ip::network_v4 cidr4::to_network() const {
  return boost::asio::ip::network_v4(first(), static_cast<unsigned short>(prefix_));
}

namespace {
// Writes `a` as dotted-quad text at `p` (room for 15 characters); returns the end.
char* write_address4(char* p, std::uint32_t a) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    p = std::to_chars(p, p + 3, (a >> shift) & 0xffu).ptr;
    if (shift) *p++ = '.';
  }
  return p;
}
}  // namespace

std::string to_string(std::uint32_t a) {
  char buf[15];
  return std::string(buf, write_address4(buf, a));
}

std::string cidr4::to_string() const {
  char buf[18];  // 255.255.255.255/32
  char* p = write_address4(buf, first().to_uint());
  *p++ = '/';
  return std::string(buf, std::to_chars(p, buf + sizeof buf, prefix_).ptr);
}

namespace {
address6::bytes_type masked(address6::bytes_type b, int prefix) {
  for (int i = 0; i < 16; ++i) {
    int keep = std::clamp(prefix - i * 8, 0, 8);
    auto mask = static_cast<unsigned char>(keep == 0 ? 0 : (0xFF << (8 - keep)) & 0xFF);
    b[static_cast<std::size_t>(i)] = static_cast<unsigned char>(b[static_cast<std::size_t>(i)] & mask);
  }
  return b;
}
}  // namespace

std::optional<cidr6> cidr6::parse(std::string_view text, cidr_problem* problem) {
  auto set = [&](cidr_problem p) {
    if (problem) *problem = p;
  };
  std::string addr;
  int len = 0;
  if (!split_cidr(text, addr, len, 128)) return set(cidr_problem::syntax), std::nullopt;
  auto a = parse_address6(addr);
  if (!a) return set(cidr_problem::syntax), std::nullopt;
  cidr6 c;
  c.prefix_ = static_cast<std::uint8_t>(len);
  c.bytes_ = masked(a->to_bytes(), len);
  if (c.bytes_ != a->to_bytes()) return set(cidr_problem::not_canonical), std::nullopt;
  set(cidr_problem::none);
  return c;
}

std::optional<cidr6> cidr6::parse_canonicalising(std::string_view text) {
  std::string addr;
  int len = 0;
  if (!split_cidr(text, addr, len, 128)) return std::nullopt;
  auto a = parse_address6(addr);
  if (!a) return std::nullopt;
  cidr6 c;
  c.prefix_ = static_cast<std::uint8_t>(len);
  c.bytes_ = masked(a->to_bytes(), len);
  return c;
}

cidr6::cidr6(const address6& base, int prefix_length)
    : bytes_(masked(base.to_bytes(), std::clamp(prefix_length, 0, 128))),
      prefix_(static_cast<std::uint8_t>(std::clamp(prefix_length, 0, 128))) {}

bool cidr6::contains(const address6& a) const noexcept { return masked(a.to_bytes(), prefix_) == bytes_; }

std::string cidr6::to_string() const { return first().to_string() + "/" + std::to_string(prefix_); }

std::string port_range::to_string() const {
  if (is_all()) return "all";
  if (from == to) return std::to_string(from);
  return std::to_string(from) + "-" + std::to_string(to);
}

std::optional<protocol> protocol::parse(std::string_view text) {
  std::string lower;
  for (char c : text) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  if (lower == "tcp") return tcp();
  if (lower == "udp") return udp();
  if (lower == "icmp") return icmp();
  if (lower == "icmpv6") return icmpv6();
  if (lower == "all" || lower == "-1") return all();
  int n = 0;
  if (parse_int(lower, n) && n >= 0 && n <= 255) return protocol{n};
  return std::nullopt;
}

std::string protocol::name() const {
  switch (number) {
    case -1: return "all";
    case 6: return "tcp";
    case 17: return "udp";
    case 1: return "icmp";
    case 58: return "icmpv6";
    default: return std::to_string(number);
  }
}

prefix_set::prefix_set(std::vector<cidr4> blocks) : blocks_(std::move(blocks)) {
  std::sort(blocks_.begin(), blocks_.end());
  blocks_.erase(std::unique(blocks_.begin(), blocks_.end()), blocks_.end());
}

void prefix_set::insert(const cidr4& block) {
  auto it = std::lower_bound(blocks_.begin(), blocks_.end(), block);
  if (it == blocks_.end() || *it != block) blocks_.insert(it, block);
}

std::optional<cidr4> prefix_set::longest_match(address4 a) const noexcept {
  std::optional<cidr4> best;
  for (const auto& b : blocks_)
    if (b.contains(a) && (!best || b.prefix_length() > best->prefix_length())) best = b;
  return best;
}

}  // namespace vpcsim
