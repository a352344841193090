// The network generator (gen/generate.hpp): a fixed PRNG, one independent stream per VPC, and
// resources built the way AWS creates them (default NACL, default SG, main route table per VPC).
#include <vpcsim/gen/generate.hpp>
#include <vpcsim/model/aws_defaults.hpp>

#include <vpcsim/net/prefix_set.hpp>
#include <vpcsim/services/catalogue.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <random>
#include <set>
#include <string>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

namespace vpcsim::gen {

namespace {

// SplitMix64's finaliser: derives independent seeds for the per-VPC streams.
std::uint64_t mix(std::uint64_t x) noexcept {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// std::mt19937_64's output is fixed by the standard; the distributions are not, so the mapping
// to ranges is ours (rejection sampling: unbiased and the same everywhere).
class rng {
 public:
  explicit rng(std::uint64_t seed) : engine_(seed) {}

  std::uint64_t next() { return engine_(); }
  /// Uniform in [0, n); n > 0.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    for (;;) {
      std::uint64_t x = engine_();
      if (x >= threshold) return x % n;
    }
  }
  /// Uniform in [lo, hi].
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo + 1))); }
  /// True with probability percent / 100.
  bool chance(int percent) { return below(100) < static_cast<std::uint64_t>(percent); }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }
  /// `digits` lower-case hex digits.
  std::string hex(int digits) {
    static constexpr char xdigits[] = "0123456789abcdef";
    std::string s;
    s.reserve(static_cast<std::size_t>(digits));
    std::uint64_t bits = 0;
    for (int i = 0; i < digits; ++i) {
      if (i % 16 == 0) bits = engine_();
      s += xdigits[bits & 0xf];
      bits >>= 4;
    }
    return s;
  }
  /// `digits` characters of [a-z0-9], as in endpoint DNS names.
  std::string alnum(int digits) {
    static constexpr char chars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string s;
    for (int i = 0; i < digits; ++i) s += chars[below(36)];
    return s;
  }

 private:
  std::mt19937_64 engine_;
};

/// An id as AWS prints new-format ids: the prefix, a dash and 17 hex digits (`vpc-0a1b…`).
std::string make_id(rng& r, std::string_view prefix) { return std::string(prefix) + "-0" + r.hex(16); }

struct region_info {
  std::string_view name;
  std::string_view zone_id_prefix;  ///< `use1` in `use1-az1`
  std::string_view zones;           ///< zone letters
  std::string_view s3_list;         ///< AWS's prefix list id for com.amazonaws.REGION.s3
  std::string_view dynamodb_list;   ///< and for .dynamodb
  std::uint32_t public_base;        ///< a block EC2 hands public IPv4 addresses out of
  int public_prefix;
};

// Real regions, zone suffixes and AWS-managed prefix list ids.
constexpr std::array<region_info, 6> regions{{
    {"us-east-1", "use1", "abcdef", "pl-63a5400a", "pl-02cd2c6b", 0x22c00000u /*34.192.0.0*/, 10},
    {"eu-west-1", "euw1", "abc", "pl-6da54004", "pl-6fa54006", 0x34100000u /*52.16.0.0*/, 15},
    {"us-west-2", "usw2", "abcd", "pl-68a54001", "pl-00a54069", 0x22d00000u /*34.208.0.0*/, 12},
    {"eu-central-1", "euc1", "abc", "pl-6ea54007", "pl-66a5400f", 0x12c00000u /*18.192.0.0*/, 11},
    {"us-east-2", "use2", "abc", "pl-7ba54012", "pl-4ca54025", 0x12da0000u /*18.218.0.0*/, 15},
    {"ap-northeast-1", "apne1", "acd", "pl-61a54008", "pl-78a54011", 0x36f80000u /*54.248.0.0*/, 15},
}};

enum class tier { public_, private_, isolated };

struct planned_subnet {
  subnet s;
  tier kind = tier::private_;
  int zone = 0;
  std::uint32_t next_host = 0;  ///< next free address
  std::uint32_t last_host = 0;  ///< last usable address (AWS reserves the first four and the last)
  int weight = 1;               ///< share of the VPC's instances
};

// What instances of each tier run as, and the security groups that go with them.
struct role {
  std::string_view name;
  tier where;
};
constexpr std::array<role, 14> roles{{
    {"alb", tier::public_},         {"bastion", tier::public_},     {"web", tier::private_},
    {"api", tier::private_},        {"worker", tier::private_},     {"batch", tier::private_},
    {"ecs-node", tier::private_},   {"eks-node", tier::private_},   {"kafka", tier::private_},
    {"monitoring", tier::private_}, {"postgres", tier::isolated},   {"mysql", tier::isolated},
    {"redis", tier::isolated},      {"elasticsearch", tier::isolated},
}};

const std::vector<std::string_view> environments{"prod", "prod", "staging", "dev", "shared", "sandbox", "qa"};
const std::vector<std::string_view> applications{
    "payments", "orders",  "catalog", "search",    "identity", "analytics", "billing",  "checkout",
    "ledger",   "media",   "logging", "platform",  "data",     "ml",        "crm",      "inventory",
    "shipping", "pricing", "reports", "messaging", "gateway",  "risk",      "customer", "partner"};
const std::vector<std::string> instance_types{"t3.micro", "t3.small", "t3.medium", "t3.large", "m5.large",
                                              "m5.xlarge", "m6i.large", "m6i.2xlarge", "c5.xlarge",
                                              "c6g.large", "r5.large", "r6g.xlarge", "m7g.medium"};

// Ports seen in real security groups, with their protocol.
struct service_port {
  protocol proto;
  port_range ports;
};
const std::vector<service_port> common_ports{
    {protocol::tcp(), port_range::single(22)},    {protocol::tcp(), port_range::single(80)},
    {protocol::tcp(), port_range::single(443)},   {protocol::tcp(), port_range::single(3306)},
    {protocol::tcp(), port_range::single(5432)},  {protocol::tcp(), port_range::single(6379)},
    {protocol::tcp(), port_range::single(8080)},  {protocol::tcp(), port_range::single(8443)},
    {protocol::tcp(), port_range::single(9090)},  {protocol::tcp(), port_range::single(9092)},
    {protocol::tcp(), port_range::single(9200)},  {protocol::tcp(), port_range::single(2049)},
    {protocol::tcp(), port_range::single(11211)}, {protocol::tcp(), port_range::single(27017)},
    {protocol::tcp(), port_range::single(5672)},  {protocol::tcp(), port_range{8000, 8999}},
    {protocol::tcp(), port_range{30000, 32767}},  {protocol::udp(), port_range::single(53)},
    {protocol::udp(), port_range::single(123)},   {protocol::tcp(), port_range::single(3389)},
};

// Corporate address space security groups and NACLs admit (on-premises, VPN users).
const std::vector<cidr4> corporate{*cidr4::parse("10.0.0.0/8"), *cidr4::parse("172.16.0.0/12"),
                                   *cidr4::parse("192.168.0.0/16"), *cidr4::parse("192.168.10.0/24"),
                                   *cidr4::parse("192.168.20.0/24"), *cidr4::parse("100.64.0.0/10")};

const cidr4 anywhere = *cidr4::parse("0.0.0.0/0");
const cidr6 anywhere6 = *cidr6::parse("::/0");

struct vpc_plan {
  int index = 0;  ///< in the whole network
  scope where;
  const region_info* region = nullptr;
  cidr4 cidr;
  std::optional<cidr6> ipv6;  ///< dual-stack: the VPC's Amazon-provided /56
  std::string name;
  std::string environment;
  prefix_list_id customer_list;  ///< the account's office-CIDR list in this region
};

/// Public IPv4 addresses, unique in the network and outside S3/DynamoDB's published ranges.
class public_addresses {
 public:
  address4 take(rng& r, const region_info& region) {
    const std::uint32_t size = std::uint32_t{1} << (32 - region.public_prefix);
    auto& services = services_for(region);
    for (;;) {
      std::uint32_t a = region.public_base + static_cast<std::uint32_t>(r.below(size));
      if ((a & 0xff) == 0 || (a & 0xff) == 255) continue;
      address4 addr = make_address4(a);
      if (services.contains(addr) || !used_.insert(a).second) continue;
      return addr;
    }
  }

 private:
  const prefix_set& services_for(const region_info& region) {
    auto it = ranges_.find(region.name);
    if (it != ranges_.end()) return it->second;
    prefix_set set = services::published_ranges("s3", region.name);
    const prefix_set dynamodb = services::published_ranges("dynamodb", region.name);
    for (const auto& c : dynamodb.blocks()) set.insert(c);
    return ranges_.emplace(region.name, std::move(set)).first->second;
  }

  std::set<std::uint32_t> used_;
  std::map<std::string_view, prefix_set> ranges_;
};

sg_rule rule(protocol p, port_range ports, sg_peer peer, std::string description = {}) {
  sg_rule r;
  r.protocol = p;
  if (p.has_ports()) r.ports = ports;
  if (p.is_icmp()) r.icmp = icmp_type_code{static_cast<int>(ports.from), -1};  // SG-13: type, any code
  r.peer = std::move(peer);
  r.description = std::move(description);
  return r;
}

network_acl_entry nacl_entry(int number, bool egress, rule_action action, protocol p, std::variant<cidr4, cidr6> block,
                             std::optional<port_range> ports = std::nullopt) {
  network_acl_entry e;
  e.rule_number = number;
  e.egress = egress;
  e.action = action;
  e.protocol = p;
  if (const auto* v4 = std::get_if<cidr4>(&block)) e.cidr_block = *v4;
  else e.ipv6_cidr_block = std::get<cidr6>(block);
  if (p.has_ports()) e.ports = ports.value_or(port_range::all());
  return e;
}

// NACL-6: the `*` rules AWS lists last in each direction; NACL-5: in rule-number order.
void finish_entries(network_acl& n, const vpc& v) {
  for (auto& e : aws_defaults::final_denies(v)) n.entries.push_back(std::move(e));
  aws_defaults::sort_entries(n.entries);
}

std::string join(const std::vector<std::string_view>& parts) {
  std::string out;
  for (auto p : parts) {
    if (!out.empty()) out += ',';
    out += p;
  }
  return out;
}

// The DNS name parts of an interface endpoint's service: `api.ecr` in
// `vpce-….api.ecr.us-east-1.vpce.amazonaws.com`, and the private name it captures (IF-11).
struct interface_service {
  std::string_view short_name;
  std::string_view dns_label;
  std::string_view private_name_prefix;  ///< `api.ecr` -> `api.ecr.REGION.amazonaws.com`
};
constexpr std::array<interface_service, 4> interface_services{{
    {"ecr.api", "api.ecr", "api.ecr"},
    {"ecr.dkr", "dkr.ecr", "*.dkr.ecr"},
    {"logs", "logs", "logs"},
    {"sts", "sts", "sts"},
}};

class vpc_builder {
 public:
  vpc_builder(network& net, const vpc_plan& plan, const preset_shape& shape, std::uint64_t seed,
              public_addresses& publics)
      : net_(net), plan_(plan), shape_(shape), r_(mix(seed ^ mix(static_cast<std::uint64_t>(plan.index) + 1))),
        // The IPv6 resources' own stream: the IPv4 part draws exactly what it draws without them.
        r6_(mix(mix(seed ^ mix(static_cast<std::uint64_t>(plan.index) + 1)) ^ 0x6666666666666666ull)), publics_(publics) {}

  void build() {
    choose_features();
    make_vpc_and_subnets();
    make_security_groups();
    make_gateways();
    make_endpoints();
    make_route_tables();
    make_network_acls();
    make_instances();
    finish_vpc();
  }

 private:
  std::string tag_name(std::string_view what) const { return plan_.name + "-" + std::string(what); }

  void choose_features() {
    const int subnets = shape_.subnets_per_vpc;
    zones_ = (subnets % 3 == 0 && subnets / 3 >= 3 && plan_.region->zones.size() >= 3 && r_.chance(60)) ? 3 : 2;
    s3_gateway_ = r_.chance(70);
    dynamodb_gateway_ = r_.chance(35);
    interface_endpoints_ = r_.chance(45);
    nat_per_zone_ = r_.chance(75);
    custom_nacls_ = r_.chance(70);
    if (r_.chance(2)) {
      dns_support_ = false;
      defects_.push_back(defect_dns_support_off);
    }
    dns_hostnames_ = r_.chance(90);
    // Deliberate misconfigurations, each in about one VPC in twenty that can have it.
    if (interface_endpoints_) {
      if (r_.chance(5)) defects_.push_back(defect_endpoint_sg_no_443);
      if (r_.chance(5)) defects_.push_back(defect_no_ecr_dkr_endpoint);
      if (dns_hostnames_ && r_.chance(5)) dns_hostnames_ = false;
      if (!dns_hostnames_) defects_.push_back(defect_dns_hostnames_off);
    }
    if (custom_nacls_ && r_.chance(5)) defects_.push_back(defect_nacl_no_ephemeral);
    if (s3_gateway_ && r_.chance(5)) defects_.push_back(defect_s3_route_table_missing);
  }

  bool has_defect(std::string_view d) const { return std::find(defects_.begin(), defects_.end(), d) != defects_.end(); }

  std::string zone_name(int z) const { return std::string(plan_.region->name) + plan_.region->zones[static_cast<std::size_t>(z)]; }
  std::string zone_id(int z) const {
    return std::string(plan_.region->zone_id_prefix) + "-az" + std::to_string(z + 1);
  }

  void make_vpc_and_subnets() {
    v_.id = vpc_id{make_id(r_, "vpc")};
    v_.where = plan_.where;
    v_.cidr_blocks = {plan_.cidr};
    if (plan_.ipv6) v_.ipv6_cidr_blocks = {*plan_.ipv6};
    v_.enable_dns_support = dns_support_;
    v_.enable_dns_hostnames = dns_hostnames_;
    v_.tags = {{"Name", plan_.name}, {"Environment", plan_.environment}};

    // Per zone: a quarter public, a quarter isolated, the rest private (at least one of each).
    const int per_zone = shape_.subnets_per_vpc / zones_;
    const int publics = std::max(1, per_zone / 4), isolated = std::max(1, per_zone / 4);
    const int privates = per_zone - publics - isolated;
    struct want {
      tier kind;
      int zone;
      int ordinal;
      int prefix;
    };
    std::vector<want> wants;
    for (int z = 0; z < zones_; ++z) {
      for (int i = 0; i < publics; ++i) wants.push_back({tier::public_, z, i, r_.chance(70) ? 24 : 23});
      for (int i = 0; i < privates; ++i) wants.push_back({tier::private_, z, i, r_.between(20, 22)});
      for (int i = 0; i < isolated; ++i) wants.push_back({tier::isolated, z, i, r_.between(22, 24)});
    }
    // Largest blocks first: each block starts aligned, and at most 12 × /20 + 12 × /22 fits a /16.
    std::stable_sort(wants.begin(), wants.end(), [](const want& a, const want& b) { return a.prefix < b.prefix; });
    std::uint32_t cursor = plan_.cidr.first_uint();
    std::uint32_t ordinal6 = 0;  // the subnet's /64 in the VPC's /56
    for (const auto& w : wants) {
      planned_subnet p;
      p.kind = w.kind;
      p.zone = w.zone;
      p.s.id = subnet_id{make_id(r_, "subnet")};
      p.s.where = plan_.where;
      p.s.vpc = v_.id;
      p.s.cidr_block = cidr4{make_address4(cursor), w.prefix};
      if (plan_.ipv6)
        p.s.ipv6_cidr_blocks = {cidr6{make_address6(plan_.ipv6->first_uint() | (uint128{ordinal6++} << 64)), 64}};
      cursor += std::uint32_t{1} << (32 - w.prefix);
      p.s.availability_zone = zone_name(w.zone);
      p.s.availability_zone_id = zone_id(w.zone);
      p.s.map_public_ip_on_launch = w.kind == tier::public_;  // IGW-3: public subnets auto-assign
      std::string_view tier_name = w.kind == tier::public_ ? "public" : w.kind == tier::private_ ? "private" : "isolated";
      p.s.tags = {{"Name", tag_name(std::string(tier_name) + "-" + std::string(1, plan_.region->zones[static_cast<std::size_t>(w.zone)]) +
                                    (w.ordinal > 0 ? std::to_string(w.ordinal + 1) : std::string{}))},
                  {"Tier", std::string(tier_name)}};
      // AWS reserves the first four addresses and the last one of every subnet.
      p.next_host = p.s.cidr_block->first_uint() + 4;  // generated subnets always have an IPv4 CIDR
      p.last_host = p.s.cidr_block->last_uint() - 1;
      p.weight = w.kind == tier::public_ ? 1 : w.kind == tier::private_ ? 6 : 2;
      subnets_.push_back(std::move(p));
    }
  }

  std::optional<address4> take_address(planned_subnet& p) {
    if (p.next_host > p.last_host) return std::nullopt;
    address4 a = make_address4(p.next_host);
    // Scattered like a subnet where instances came and went, while room remains.
    std::uint32_t room = p.last_host - p.next_host;
    p.next_host += room > 512 ? 1 + static_cast<std::uint32_t>(r_.below(3)) : 1;
    return a;
  }

  std::vector<planned_subnet*> subnets_of(tier t, std::optional<int> zone = std::nullopt) {
    std::vector<planned_subnet*> out;
    for (auto& p : subnets_)
      if (p.kind == t && (!zone || p.zone == *zone)) out.push_back(&p);
    return out;
  }

  security_group new_group(std::string name, std::string description) {
    security_group g;
    g.id = security_group_id{make_id(r_, "sg")};
    g.where = plan_.where;
    g.vpc = v_.id;
    g.name = std::move(name);
    g.description = std::move(description);
    return g;
  }

  void make_security_groups() {
    // SG-10: AWS's default group: all traffic from its own members in, everything out.
    groups_.push_back(aws_defaults::default_security_group(v_, security_group_id{make_id(r_, "sg")}));

    // One group per role, in a random subset of roles (every tier keeps at least one).
    for (const auto& ro : roles) {
      bool keep = r_.chance(shape_.subnets_per_vpc >= 12 ? 85 : 45) || ro.name == "alb" || ro.name == "api" ||
                  ro.name == "postgres";
      if (!keep) continue;
      security_group g = new_group(plan_.name + "-" + std::string(ro.name), std::string(ro.name) + " instances");
      g.tags = {{"Name", tag_name(ro.name)}, {"Role", std::string(ro.name)}};
      role_groups_.push_back({ro.where, groups_.size()});
      groups_.push_back(std::move(g));
    }
    // Shared groups several roles carry: monitoring agents and SSH from the bastion.
    for (std::string_view shared : {"ssh-from-bastion", "monitoring-agents"}) {
      security_group g = new_group(plan_.name + "-" + std::string(shared), std::string(shared));
      g.tags = {{"Name", tag_name(shared)}};
      shared_groups_.push_back(groups_.size());
      groups_.push_back(std::move(g));
    }
    endpoint_group_ = groups_.size();
    if (interface_endpoints_) {
      security_group g = new_group(plan_.name + "-vpc-endpoints", "interface endpoints");
      g.tags = {{"Name", tag_name("vpc-endpoints")}};
      // IF-7: clients reach the endpoint ENIs on TCP 443.
      if (has_defect(defect_endpoint_sg_no_443))
        g.ingress.push_back(rule(protocol::tcp(), port_range::single(80), plan_.cidr, "HTTP from the VPC"));
      else
        g.ingress.push_back(rule(protocol::tcp(), port_range::single(443), plan_.cidr, "HTTPS from the VPC"));
      g.egress.push_back(rule(protocol::all(), port_range::all(), anywhere));
      if (plan_.ipv6) add_ipv6_twins(g);
      groups_.push_back(std::move(g));
    }
  }

  // 5–60 rules, most groups near the low end.
  int rule_count() {
    int a = r_.between(0, 55), b = r_.between(0, 55);
    return 5 + a * b / 55;
  }

  // Dual-stack: each rule open to 0.0.0.0/0 or to the VPC's IPv4 block gets its IPv6 twin (::/0,
  // the VPC's /56), as groups of dual-stack VPCs are written (SG rules are per family, SG-16).
  void add_ipv6_twins(security_group& g) const {
    for (auto* rules : {&g.ingress, &g.egress}) {
      std::vector<sg_rule> twins;
      for (const auto& r : *rules)
        if (const auto* c = std::get_if<cidr4>(&r.peer); c && (*c == anywhere || *c == plan_.cidr)) {
          sg_rule t = r;
          t.peer = *c == anywhere ? anywhere6 : *plan_.ipv6;
          twins.push_back(std::move(t));
        }
      rules->insert(rules->end(), twins.begin(), twins.end());
    }
  }

  void fill_security_groups(const std::vector<cidr4>& subnet_cidrs) {
    std::vector<security_group_id> ids;
    for (const auto& g : groups_) ids.push_back(g.id);
    const prefix_list_id s3{std::string(plan_.region->s3_list)};
    const prefix_list_id ddb{std::string(plan_.region->dynamodb_list)};
    auto fill = [&](security_group& g, bool public_facing) {
      const int target = rule_count();
      // Egress: mostly everything; else HTTPS out, to the VPC (interface endpoints), to S3 and
      // DynamoDB through their prefix lists (gateway endpoints), and to named peers.
      if (r_.chance(80)) {
        g.egress.push_back(rule(protocol::all(), port_range::all(), anywhere));
      } else {
        g.egress.push_back(rule(protocol::tcp(), port_range::single(443), anywhere, "HTTPS out"));
        g.egress.push_back(rule(protocol::tcp(), port_range::single(443), plan_.cidr, "VPC endpoints"));
        g.egress.push_back(rule(protocol::tcp(), port_range::single(443), s3, "S3 gateway endpoint"));
        if (r_.chance(50)) g.egress.push_back(rule(protocol::tcp(), port_range::single(443), ddb, "DynamoDB"));
        g.egress.push_back(rule(protocol::udp(), port_range::single(123), anywhere, "NTP"));
      }
      if (public_facing) {
        g.ingress.push_back(rule(protocol::tcp(), port_range::single(443), anywhere, "HTTPS"));
        g.ingress.push_back(rule(protocol::tcp(), port_range::single(80), anywhere, "HTTP redirect"));
      }
      g.ingress.push_back(rule(protocol::tcp(), port_range::single(22), plan_.customer_list, "SSH from the offices"));
      std::set<std::string> seen;
      int attempts = 0;
      while (static_cast<int>(g.ingress.size() + g.egress.size()) < target && attempts++ < 400) {
        const auto& sp = r_.pick(common_ports);
        sg_peer peer;
        std::string description;
        switch (r_.below(7)) {
          case 0: peer = plan_.cidr; description = "from the VPC"; break;
          case 1: peer = r_.pick(subnet_cidrs); description = "from a subnet"; break;
          case 2: peer = r_.pick(corporate); description = "corporate network"; break;
          case 3: peer = plan_.customer_list; description = "office ranges"; break;
          default: peer = r_.pick(ids); description = "from a peer group"; break;
        }
        sg_rule x = rule(sp.proto, sp.ports, peer, description);
        std::string key = std::to_string(x.protocol.number) + ":" + x.ports.to_string() + ":" +
                          std::visit([](const auto& p) {
                            using P = std::decay_t<decltype(p)>;
                            if constexpr (std::is_same_v<P, cidr4> || std::is_same_v<P, cidr6>) return p.to_string();
                            else return p.value;
                          }, x.peer);
        if (!seen.insert(key).second) continue;
        if (r_.chance(5)) x = rule(protocol::icmp(), port_range{8, 8}, plan_.cidr, "ping from the VPC");
        bool duplicate_icmp = x.protocol.is_icmp() && std::any_of(g.ingress.begin(), g.ingress.end(), [](const sg_rule& y) {
          return y.protocol.is_icmp();
        });
        if (duplicate_icmp) continue;
        g.ingress.push_back(std::move(x));
      }
      if (plan_.ipv6) add_ipv6_twins(g);
    };
    for (const auto& [where, index] : role_groups_) fill(groups_[index], where == tier::public_);
    for (auto index : shared_groups_) fill(groups_[index], false);
  }

  void make_gateways() {
    igw_.id = internet_gateway_id{make_id(r_, "igw")};
    igw_.where = plan_.where;
    igw_.attachments = {gateway_attachment{v_.id, "available"}};
    igw_.tags = {{"Name", tag_name("igw")}};
    if (plan_.ipv6) {  // IGW-8: IPv6 out of the private subnets, nothing initiated from outside
      eigw_.id = egress_only_internet_gateway_id{make_id(r6_, "eigw")};
      eigw_.where = plan_.where;
      eigw_.attachments = {gateway_attachment{v_.id, "attached"}};
      eigw_.tags = {{"Name", tag_name("eigw")}};
    }
    // NAT-1: public NAT gateways in a public subnet, one per zone or a single one to save cost.
    for (int z = 0; z < zones_; ++z) {
      if (!nat_per_zone_ && z > 0) break;
      planned_subnet* home = subnets_of(tier::public_, z).front();
      nat_gateway n;
      n.id = nat_gateway_id{make_id(r_, "nat")};
      n.where = plan_.where;
      n.vpc = v_.id;
      n.subnet = home->s.id;
      network_interface eni;
      eni.id = network_interface_id{make_id(r_, "eni")};
      eni.where = plan_.where;
      eni.subnet = home->s.id;
      eni.vpc = v_.id;
      eni.availability_zone = home->s.availability_zone;
      address4 priv = *take_address(*home);
      address4 pub = publics_.take(r_, *plan_.region);
      eni.private_ips = {private_ip{priv, true, pub}};
      eni.interface_type = "nat_gateway";
      eni.requester_managed = true;
      eni.source_dest_check = false;
      eni.description = "Interface for NAT Gateway " + n.id.value;
      n.addresses = {nat_gateway_address{make_id(r_, "eipalloc"), eni.id, priv, pub}};
      n.tags = {{"Name", tag_name("nat-" + std::string(1, plan_.region->zones[static_cast<std::size_t>(z)]))}};
      interfaces_.push_back(std::move(eni));
      nats_.push_back(std::move(n));
    }
  }

  void make_endpoints() {
    const std::string region(plan_.region->name);
    if (s3_gateway_) {
      vpc_endpoint e;
      e.id = vpc_endpoint_id{make_id(r_, "vpce")};
      e.service_name = services::endpoint_service_name("s3", region);
      s3_endpoint_ = e.id;
      gateway_endpoints_.push_back({std::move(e), prefix_list_id{std::string(plan_.region->s3_list)}});
    }
    if (dynamodb_gateway_) {
      vpc_endpoint e;
      e.id = vpc_endpoint_id{make_id(r_, "vpce")};
      e.service_name = services::endpoint_service_name("dynamodb", region);
      gateway_endpoints_.push_back({std::move(e), prefix_list_id{std::string(plan_.region->dynamodb_list)}});
    }
    for (auto& g : gateway_endpoints_) {
      auto& e = g.first;
      e.where = plan_.where;
      e.vpc = v_.id;
      e.type = endpoint_type::gateway;
      e.tags = {{"Name", tag_name(e.service_name.substr(e.service_name.rfind('.') + 1) + "-gateway")}};
    }
    if (!interface_endpoints_) return;
    // IF-2: one subnet per zone, the zone's first private subnet.
    std::vector<planned_subnet*> homes;
    for (int z = 0; z < zones_; ++z) homes.push_back(subnets_of(tier::private_, z).front());
    for (const auto& svc : interface_services) {
      if (svc.short_name == "ecr.dkr" && has_defect(defect_no_ecr_dkr_endpoint)) continue;
      if (svc.short_name == "logs" && !r_.chance(80)) continue;
      if (svc.short_name == "sts" && !r_.chance(60)) continue;
      vpc_endpoint e;
      e.id = vpc_endpoint_id{make_id(r_, "vpce")};
      e.where = plan_.where;
      e.vpc = v_.id;
      e.type = endpoint_type::interface;
      e.service_name = services::endpoint_service_name(svc.short_name, region);
      e.security_groups = {groups_[endpoint_group_].id};
      e.private_dns_enabled = r_.chance(95);
      std::string suffix = r_.alnum(8);
      std::string base = e.id.value + "-" + suffix;
      e.dns_names.push_back(base + "." + std::string(svc.dns_label) + "." + region + ".vpce.amazonaws.com");
      for (auto* home : homes) {
        network_interface eni;
        eni.id = network_interface_id{make_id(r_, "eni")};
        eni.where = plan_.where;
        eni.subnet = home->s.id;
        eni.vpc = v_.id;
        eni.availability_zone = home->s.availability_zone;
        eni.private_ips = {private_ip{*take_address(*home), true, std::nullopt}};
        eni.security_groups = e.security_groups;
        eni.interface_type = "vpc_endpoint";
        eni.requester_managed = true;
        eni.description = "VPC Endpoint Interface " + e.id.value;
        e.subnets.push_back(home->s.id);
        e.network_interfaces.push_back(eni.id);
        e.dns_names.push_back(base + "-" + home->s.availability_zone + "." + std::string(svc.dns_label) + "." + region +
                              ".vpce.amazonaws.com");
        interfaces_.push_back(std::move(eni));
      }
      if (e.private_dns_enabled)
        e.dns_names.push_back(std::string(svc.private_name_prefix) + "." + region + ".amazonaws.com");
      e.tags = {{"Name", tag_name(std::string(svc.short_name) + "-endpoint")}};
      interface_endpoints_list_.push_back(std::move(e));
    }
  }

  route_table new_table(std::string_view name) {
    route_table t;
    t.id = route_table_id{make_id(r_, "rtb")};
    t.where = plan_.where;
    t.vpc = v_.id;
    // RT-10: every table has the local route for each VPC CIDR block.
    t.routes = aws_defaults::local_routes(v_);
    t.tags = {{"Name", tag_name(name)}};
    return t;
  }

  void associate(route_table& t, const planned_subnet& p) {
    route_table_association a;
    a.id = make_id(r_, "rtbassoc");
    a.subnet = p.s.id;
    t.associations.push_back(std::move(a));
  }

  void make_route_tables() {
    // RT-2: the main table AWS creates with the VPC; subnets without an association use it.
    route_table main = new_table("main");
    route_table_association m;
    m.id = make_id(r_, "rtbassoc");
    m.main = true;
    main.associations.push_back(std::move(m));
    tables_.push_back(std::move(main));

    route_table pub = new_table("public");
    pub.routes.push_back(route{anywhere, route_target{target_kind::internet_gateway, igw_.id.value}});
    if (plan_.ipv6) pub.routes.push_back(route{anywhere6, route_target{target_kind::internet_gateway, igw_.id.value}});
    for (auto* p : subnets_of(tier::public_)) associate(pub, *p);
    tables_.push_back(std::move(pub));

    std::vector<std::size_t> endpoint_tables;  // private and isolated tables
    for (int z = 0; z < zones_; ++z) {
      route_table t = new_table("private-" + std::string(1, plan_.region->zones[static_cast<std::size_t>(z)]));
      const nat_gateway& nat = nats_[nat_per_zone_ ? static_cast<std::size_t>(z) : 0];
      t.routes.push_back(route{anywhere, route_target{target_kind::nat_gateway, nat.id.value}});
      if (plan_.ipv6)
        t.routes.push_back(route{anywhere6, route_target{target_kind::egress_only_internet_gateway, eigw_.id.value}});
      for (auto* p : subnets_of(tier::private_, z)) associate(t, *p);
      endpoint_tables.push_back(tables_.size());
      tables_.push_back(std::move(t));
    }
    route_table iso = new_table("isolated");
    for (auto* p : subnets_of(tier::isolated)) associate(iso, *p);
    endpoint_tables.push_back(tables_.size());
    tables_.push_back(std::move(iso));

    // GW-6: a gateway endpoint adds `prefix list -> vpce` to each table it is associated with.
    for (auto& [e, list] : gateway_endpoints_) {
      for (std::size_t i = 0; i < endpoint_tables.size(); ++i) {
        if (e.id == s3_endpoint_ && i == 0 && has_defect(defect_s3_route_table_missing)) continue;
        auto& t = tables_[endpoint_tables[i]];
        e.route_tables.push_back(t.id);
        t.routes.push_back(route{list, route_target{target_kind::gateway_endpoint, e.id.value}});
      }
    }
  }

  void make_network_acls() {
    // NACL-10: the default NACL allows everything both ways, before the `*` denies (NACL-6).
    network_acl d = aws_defaults::default_network_acl(v_, network_acl_id{make_id(r_, "acl")});

    network_acl pub, priv;
    if (custom_nacls_) {
      for (auto* n : {&pub, &priv}) {
        n->id = network_acl_id{make_id(r_, "acl")};
        n->where = plan_.where;
        n->vpc = v_.id;
      }
      pub.tags = {{"Name", tag_name("public-nacl")}};
      priv.tags = {{"Name", tag_name("private-nacl")}};
      // Public: web traffic and the VPC in, return traffic on ephemeral ports (NACL-16), all out.
      pub.entries.push_back(nacl_entry(100, false, rule_action::allow, protocol::tcp(), anywhere, port_range::single(443)));
      pub.entries.push_back(nacl_entry(110, false, rule_action::allow, protocol::tcp(), anywhere, port_range::single(80)));
      pub.entries.push_back(nacl_entry(120, false, rule_action::allow, protocol::all(), plan_.cidr));
      pub.entries.push_back(nacl_entry(130, false, rule_action::allow, protocol::tcp(), anywhere, port_range{1024, 65535}));
      pub.entries.push_back(nacl_entry(140, false, rule_action::allow, protocol::udp(), anywhere, port_range{1024, 65535}));
      if (r_.chance(30))
        pub.entries.push_back(nacl_entry(90, false, rule_action::deny, protocol::tcp(), anywhere, port_range::single(3389)));
      pub.entries.push_back(nacl_entry(100, true, rule_action::allow, protocol::all(), anywhere));
      // Private and isolated: the VPC and the corporate network in, return traffic from outside
      // (NAT, S3/DynamoDB through gateway endpoints) on ephemeral ports, all out.
      priv.entries.push_back(nacl_entry(100, false, rule_action::allow, protocol::all(), plan_.cidr));
      priv.entries.push_back(nacl_entry(110, false, rule_action::allow, protocol::tcp(), corporate[0], port_range::single(22)));
      if (!has_defect(defect_nacl_no_ephemeral)) {
        priv.entries.push_back(nacl_entry(120, false, rule_action::allow, protocol::tcp(), anywhere, port_range{1024, 65535}));
        priv.entries.push_back(nacl_entry(130, false, rule_action::allow, protocol::udp(), anywhere, port_range{1024, 65535}));
      }
      priv.entries.push_back(nacl_entry(100, true, rule_action::allow, protocol::all(), anywhere));
      if (plan_.ipv6) {  // NACL-9: IPv6 needs its own entries, numbered beside the IPv4 ones
        const cidr6 own = *plan_.ipv6;
        pub.entries.push_back(nacl_entry(101, false, rule_action::allow, protocol::tcp(), anywhere6, port_range::single(443)));
        pub.entries.push_back(nacl_entry(111, false, rule_action::allow, protocol::tcp(), anywhere6, port_range::single(80)));
        pub.entries.push_back(nacl_entry(121, false, rule_action::allow, protocol::all(), own));
        pub.entries.push_back(nacl_entry(131, false, rule_action::allow, protocol::tcp(), anywhere6, port_range{1024, 65535}));
        pub.entries.push_back(nacl_entry(141, false, rule_action::allow, protocol::udp(), anywhere6, port_range{1024, 65535}));
        pub.entries.push_back(nacl_entry(101, true, rule_action::allow, protocol::all(), anywhere6));
        priv.entries.push_back(nacl_entry(101, false, rule_action::allow, protocol::all(), own));
        if (!has_defect(defect_nacl_no_ephemeral)) {
          priv.entries.push_back(nacl_entry(121, false, rule_action::allow, protocol::tcp(), anywhere6, port_range{1024, 65535}));
          priv.entries.push_back(nacl_entry(131, false, rule_action::allow, protocol::udp(), anywhere6, port_range{1024, 65535}));
        }
        priv.entries.push_back(nacl_entry(101, true, rule_action::allow, protocol::all(), anywhere6));
      }
      finish_entries(pub, v_);
      finish_entries(priv, v_);
    }
    // Every subnet is associated with exactly one NACL; AWS lists the default NACL's too.
    for (auto& p : subnets_) {
      network_acl& n = !custom_nacls_ ? d : p.kind == tier::public_ ? pub : priv;
      n.associations.push_back(network_acl_association{make_id(r_, "aclassoc"), p.s.id});
    }
    acls_.push_back(std::move(d));
    if (custom_nacls_) {
      acls_.push_back(std::move(pub));
      acls_.push_back(std::move(priv));
    }
  }

  void make_instances() {
    std::vector<cidr4> subnet_cidrs;
    for (const auto& p : subnets_) subnet_cidrs.push_back(*p.s.cidr_block);
    fill_security_groups(subnet_cidrs);

    int total_weight = 0;
    for (const auto& p : subnets_) total_weight += p.weight;
    const long long count = static_cast<long long>(shape_.subnets_per_vpc) * shape_.instances_per_subnet;
    std::vector<int> counters(roles.size(), 0);
    for (long long n = 0; n < count; ++n) {
      // A subnet by weight; the next one with room when it is full.
      int w = static_cast<int>(r_.below(static_cast<std::uint64_t>(total_weight)));
      std::size_t at = 0;
      while (w >= subnets_[at].weight) w -= subnets_[at++].weight;
      std::optional<address4> addr;
      for (std::size_t tries = 0; tries < subnets_.size() && !addr; ++tries) {
        addr = take_address(subnets_[at]);
        if (!addr) at = (at + 1) % subnets_.size();
      }
      if (!addr) break;  // every subnet is full
      planned_subnet& home = subnets_[at];

      // A role of the subnet's tier that has a group, and maybe a shared group too.
      std::vector<std::size_t> candidates;
      for (std::size_t i = 0; i < role_groups_.size(); ++i)
        if (role_groups_[i].first == home.kind) candidates.push_back(i);
      std::size_t chosen = candidates.empty() ? 0 : candidates[r_.below(candidates.size())];
      const security_group& group = groups_[role_groups_[chosen].second];
      std::string role_name = group.tags.at("Role");

      instance i;
      i.id = instance_id{make_id(r_, "i")};
      i.where = plan_.where;
      i.state = r_.chance(95) ? "running" : "stopped";
      i.vpc = v_.id;
      i.subnet = home.s.id;
      i.private_ip = addr;
      i.security_groups = {group.id};
      if (r_.chance(40)) i.security_groups.push_back(groups_[shared_groups_[r_.below(shared_groups_.size())]].id);
      if (r_.chance(10)) i.security_groups.push_back(groups_[0].id);  // the default group
      // IGW-3: an instance launched in a public subnet gets a public address unless launched
      // without one; a stopped instance has released its auto-assigned address.
      if (home.s.map_public_ip_on_launch && i.state == instance_state::running && r_.chance(85))
        i.public_ip = publics_.take(r_, *plan_.region);
      i.instance_type = r_.pick(instance_types);
      auto role_index = static_cast<std::size_t>(
          std::find_if(roles.begin(), roles.end(), [&](const role& x) { return x.name == role_name; }) - roles.begin());
      int ordinal = ++counters[role_index];
      i.tags = {{"Name", plan_.name + "-" + role_name + "-" + std::to_string(ordinal)},
                {"Environment", plan_.environment},
                {"Role", role_name}};

      network_interface eni;
      eni.id = network_interface_id{make_id(r_, "eni")};
      eni.where = plan_.where;
      eni.subnet = home.s.id;
      eni.vpc = v_.id;
      eni.availability_zone = home.s.availability_zone;
      eni.private_ips = {private_ip{*addr, true, i.public_ip}};
      // Dual-stack: the subnet's /64 with the IPv4 host's offset in its block (unique, stable).
      if (!home.s.ipv6_cidr_blocks.empty())
        eni.ipv6_addresses = {make_address6(home.s.ipv6_cidr_blocks.front().first_uint() |
                                            (addr->to_uint() - home.s.cidr_block->first_uint()))};
      eni.security_groups = i.security_groups;
      eni.attachment = interface_attachment{i.id, 0, "attached"};
      eni.description = "Primary network interface";
      i.network_interfaces = {eni.id};
      net_.put(std::move(eni));
      net_.put(std::move(i));
    }
  }

  void finish_vpc() {
    if (!defects_.empty()) v_.tags[std::string(defects_tag)] = join(defects_);
    net_.put(std::move(v_));
    for (auto& p : subnets_) net_.put(std::move(p.s));
    net_.put(std::move(igw_));
    if (plan_.ipv6) net_.put(std::move(eigw_));
    for (auto& n : nats_) net_.put(std::move(n));
    for (auto& e : interfaces_) net_.put(std::move(e));
    for (auto& g : gateway_endpoints_) net_.put(std::move(g.first));
    for (auto& e : interface_endpoints_list_) net_.put(std::move(e));
    for (auto& t : tables_) net_.put(std::move(t));
    for (auto& a : acls_) net_.put(std::move(a));
    for (auto& g : groups_) net_.put(std::move(g));
  }

  network& net_;
  const vpc_plan& plan_;
  const preset_shape& shape_;
  rng r_;
  rng r6_;
  public_addresses& publics_;

  int zones_ = 2;
  bool s3_gateway_ = false, dynamodb_gateway_ = false, interface_endpoints_ = false;
  bool nat_per_zone_ = true, custom_nacls_ = true, dns_support_ = true, dns_hostnames_ = true;
  std::vector<std::string_view> defects_;

  vpc v_;
  std::vector<planned_subnet> subnets_;
  internet_gateway igw_;
  egress_only_internet_gateway eigw_;
  std::vector<nat_gateway> nats_;
  std::vector<network_interface> interfaces_;
  std::vector<std::pair<vpc_endpoint, prefix_list_id>> gateway_endpoints_;
  vpc_endpoint_id s3_endpoint_;
  std::vector<vpc_endpoint> interface_endpoints_list_;
  std::vector<route_table> tables_;
  std::vector<network_acl> acls_;
  std::vector<security_group> groups_;
  std::vector<std::pair<tier, std::size_t>> role_groups_;  // (tier, index in groups_)
  std::vector<std::size_t> shared_groups_;
  std::size_t endpoint_group_ = 0;
};

}  // namespace

std::string_view to_string(preset p) noexcept {
  switch (p) {
    case preset::small: return "small";
    case preset::enterprise: return "enterprise";
    case preset::huge: return "huge";
  }
  return "small";
}

std::optional<preset> parse_preset(std::string_view name) {
  for (preset p : {preset::small, preset::enterprise, preset::huge})
    if (to_string(p) == name) return p;
  return std::nullopt;
}

preset_shape shape_of(preset p) noexcept {
  switch (p) {
    case preset::small: return {2, 2, 1, 6, 8};
    case preset::enterprise: return {5, 2, 5, 24, 40};
    case preset::huge: return {25, 2, 10, 24, 40};
  }
  return {2, 2, 1, 6, 8};
}

network generate(const generate_options& options) {
  const preset_shape shape = shape_of(options.size);
  rng master(mix(options.seed));
  network net;
  public_addresses publics;

  // Accounts: 12 digits, not starting with 0.
  std::vector<std::string> accounts;
  for (int a = 0; a < shape.accounts; ++a) {
    std::string id = std::to_string(master.between(1, 9));
    for (int d = 0; d < 11; ++d) id += static_cast<char>('0' + master.below(10));
    accounts.push_back(std::move(id));
  }
  // Distinct /16s out of 10.0.0.0/8 while they last; larger estates reuse ranges across
  // accounts, as real ones do.
  std::vector<int> octets(256);
  for (int i = 0; i < 256; ++i) octets[static_cast<std::size_t>(i)] = i;
  for (std::size_t i = octets.size() - 1; i > 0; --i) std::swap(octets[i], octets[master.below(i + 1)]);

  std::set<std::string_view> regions_with_lists;
  int index = 0;
  for (int a = 0; a < shape.accounts; ++a) {
    for (int k = 0; k < shape.regions_per_account; ++k) {
      const region_info& region = regions[static_cast<std::size_t>(a + k) % regions.size()];
      scope where{accounts[static_cast<std::size_t>(a)], std::string(region.name)};
      // GW-5: AWS's S3 and DynamoDB prefix lists, with the published ranges, once per region.
      if (regions_with_lists.insert(region.name).second) {
        for (auto [service, id] : {std::pair{std::string_view("s3"), region.s3_list},
                                   std::pair{std::string_view("dynamodb"), region.dynamodb_list}}) {
          prefix_list p;
          p.id = prefix_list_id{std::string(id)};
          p.where = where;
          p.name = services::endpoint_service_name(service, region.name);
          p.cidrs = services::published_ranges(service, region.name).blocks();
          net.put(std::move(p));
        }
      }
      // The account's own managed prefix list of office ranges, referenced by security groups.
      prefix_list offices;
      offices.id = prefix_list_id{make_id(master, "pl")};
      offices.where = where;
      offices.name = "corp-offices";
      offices.aws_managed = false;
      offices.max_entries = 20;
      int n_offices = master.between(2, 6);
      for (int o = 0; o < n_offices; ++o)
        offices.cidrs.push_back(cidr4{make_address4(0xc0a80000u | (static_cast<std::uint32_t>(master.below(256)) << 8)), 24});
      std::sort(offices.cidrs.begin(), offices.cidrs.end());
      offices.cidrs.erase(std::unique(offices.cidrs.begin(), offices.cidrs.end()), offices.cidrs.end());
      offices.tags = {{"Name", "corp-offices"}};
      prefix_list_id offices_id = offices.id;
      net.put(std::move(offices));

      for (int v = 0; v < shape.vpcs_per_region; ++v, ++index) {
        vpc_plan plan;
        plan.index = index;
        plan.where = where;
        plan.region = &region;
        auto octet = static_cast<std::uint32_t>(octets[static_cast<std::size_t>(index) % octets.size()]);
        plan.cidr = cidr4{make_address4(0x0a000000u | (octet << 16)), 16};
        // An Amazon-provided /56 (from AWS's 2600:1f00::/24 pool), one per VPC in the network.
        if (options.dual_stack)
          plan.ipv6 = cidr6{make_address6((uint128{0x26001f10u} << 96) | (uint128(static_cast<std::uint32_t>(index)) << 72)), 56};
        plan.environment = std::string(master.pick(environments));
        plan.name = plan.environment + "-" + std::string(master.pick(applications)) + "-" + std::to_string(index + 1);
        plan.customer_list = offices_id;
        vpc_builder(net, plan, shape, options.seed, publics).build();
      }
    }
  }
  return net;
}

}  // namespace vpcsim::gen
