// Lint rules about endpoints: ECR's S3 leg, private DNS, endpoint security groups and NACLs,
// gateway endpoint associations, client egress, AZ coverage and endpoint policies.
#include "changes.hpp"
#include "lint_context.hpp"
#include "matching.hpp"
#include "rules.hpp"

#include <vpcsim/services/catalogue.hpp>
#include <vpcsim/sim/codes.hpp>
#include <vpcsim/sim/dns.hpp>
#include <vpcsim/sim/policy.hpp>

#include <algorithm>
#include <set>
#include <type_traits>

namespace vpcsim::detail::lint {

namespace {

std::string starport_bucket(const std::string& region) {
  return "arn:aws:s3:::prod-" + region + "-starport-layer-bucket/*";
}

// The VPC's ECR interface endpoints (ecr.api and ecr.dkr), ordered by id.
std::vector<const vpc_endpoint*> ecr_endpoints(const network& net, const vpc_id& v) {
  auto out = endpoints(net, v, endpoint_type::interface, "ecr.api");
  auto dkr = endpoints(net, v, endpoint_type::interface, "ecr.dkr");
  out.insert(out.end(), dkr.begin(), dkr.end());
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->id < b->id; });
  return out;
}

std::vector<std::string> ids(const std::vector<const vpc_endpoint*>& eps) {
  std::vector<std::string> out;
  for (const auto* ep : eps) out.push_back(ep->id.str());
  return out;
}

std::string subnet_label(const network& net, const subnet_id& s) {
  const auto* sn = net.find(s);
  return sn ? s.str() + " (" + cidr_text(*sn) + ")" : s.str();
}

// Security-group, NACL and policy blocks have rules of their own (L003, L005, L006, L014, L018).
bool is_filter_or_policy_block(const answer& a) {
  if (!a.blocked) return false;
  const auto& code = a.blocked->code;
  return code == codes::sg_rules_mismatch || code == codes::sg_has_no_rules || code == codes::subnet_acl_restriction ||
         code == codes::endpoint_policy_deny;
}

// The gateway endpoints whose route is in the client subnet's route table (GW-6), ordered by id.
std::vector<const vpc_endpoint*> gateway_endpoints_used(const network& net, const subnet_id& s) {
  std::vector<const vpc_endpoint*> out;
  const auto* rt = net.route_table_for(s).table;
  if (!rt) return out;
  for (const auto& r : rt->routes)
    if (r.target.kind == target_kind::gateway_endpoint)
      if (const auto* ep = net.find(vpc_endpoint_id{r.target.id}); ep && ep->type == endpoint_type::gateway)
        if (std::find(out.begin(), out.end(), ep) == out.end()) out.push_back(ep);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->id < b->id; });
  return out;
}

// The ENI of an interface endpoint a client in `az` is sent to: one in its zone, else the first
// (the choice dns.cpp makes, IF-12).
const network_interface* endpoint_eni_for(const network& net, const vpc_endpoint& ep, const std::string& az) {
  const network_interface* first = nullptr;
  for (const auto& id : ep.network_interfaces) {
    const auto* eni = net.find(id);
    if (!eni || !eni->primary_ip()) continue;
    if (!first) first = eni;
    if (eni->availability_zone == az) return eni;
  }
  return first;
}

// `["private-a", "private-b"]`: resources as a design's list references them (names, else ids).
template <class Ids>
std::string design_names(const context& c, const Ids& ids) {
  std::string out;
  for (const auto& id : ids) {
    if constexpr (std::is_convertible_v<decltype(id), std::string>) out += (out.empty() ? "" : ", ") + c.design_name(id);
    else out += (out.empty() ? "" : ", ") + c.design_name(id.str());
  }
  return "[" + out + "]";
}

// The design's inbound rules for TCP 443 from each CIDR: `{"protocol": "tcp", "ports": 443, "from": "10.0.1.0/24"}`.
std::string https_from(const std::vector<std::string>& cidrs) {
  std::string out;
  for (const auto& cidr : cidrs)
    out += (out.empty() ? "" : ", ") + std::string("{\"protocol\": \"tcp\", \"ports\": 443, \"from\": \"") + cidr + "\"}";
  return out;
}

// GW-6: a gateway endpoint serves the route tables associated with it.
std::string associate_route_table(const context& c, const vpc_endpoint& ep, const std::string& rt) {
  return c.change(ep.id.str(), "add " + c.design_name(rt) + " to its \"route_tables\"",
                  changes::add_endpoint_route_table(ep.id.str(), rt));
}

}  // namespace

// VPCSIM-L001. ECR-1, ECR-10: a pull fetches the layers from S3; without an S3 path (gateway
// endpoint on the puller's route table, ECR-10a / GW-6, or NAT/IGW) the layer download times out.
void ecr_no_s3_path(context& c) {
  for (const auto& [vpc, subnets] : c.clients()) {
    const auto ecr = ecr_endpoints(c.net, vpc);
    if (ecr.empty()) continue;
    const std::string region = c.region(vpc);
    const auto s3_gateways = endpoints(c.net, vpc, endpoint_type::gateway, "s3");
    for (const auto& [subnet, clients] : subnets) {
      const answer a = c.trace(clients.front(), "s3", "s3:GetObject", starport_bucket(region));
      if (a.reachable || is_filter_or_policy_block(a)) continue;
      const auto* rt = c.net.route_table_for(subnet).table;
      std::string fix;
      if (a.blocked && (a.blocked->code == codes::no_route || a.blocked->code == codes::bad_state_route) && rt)
        fix = s3_gateways.empty()
                  ? "Create an S3 gateway endpoint on " + rt->id.str() + ": " +
                        c.change(vpc.str(),
                                 "add {\"service\": \"s3\", \"vpc\": " + c.design_name(vpc.str()) +
                                     ", \"route_tables\": [" + c.design_name(rt->id.str()) + "]} to \"endpoints\"",
                                 changes::create_gateway_endpoint(vpc.str(), "com.amazonaws." + region + ".s3",
                                                                  rt->id.str())) +
                        " (ECR-1, GW-6)"
                  : "Associate " + s3_gateways.front()->id.str() + " with " + rt->id.str() + ": " +
                        associate_route_table(c, *s3_gateways.front(), rt->id.str()) + " (ECR-10a, GW-6)";
      else
        fix = a.blocked ? a.blocked->fix : "Give the subnet a path to S3";
      c.add("VPCSIM-L001", subnet.str(),
            "Subnet " + subnet_label(c.net, subnet) + " pulls images through the ECR endpoints of " + vpc.str() + " (" +
                join(ids(ecr)) + ") but has no path to S3 for the image layers: " +
                (a.blocked ? a.blocked->code + " at " + with_name(a.blocked->component, a.blocked->component_name) + ": " + a.blocked->message
                           : std::string("not reachable")),
            fix);
    }
  }
}

// VPCSIM-L002. DNS-6, IF-11b: private DNS needs enableDnsSupport and enableDnsHostnames.
void private_dns_needs_vpc_dns(context& c) {
  for (const auto& [id, ep] : c.net.all<vpc_endpoint>()) {
    if (ep.type != endpoint_type::interface || !ep.private_dns_enabled) continue;
    const auto support = c.net.dns_support(ep.vpc);
    const auto hostnames = c.net.dns_hostnames(ep.vpc);
    if (support.enabled && hostnames.enabled) continue;
    std::vector<std::string> off, names, commands, keys;
    auto note = [&, &endpoint_vpc = ep.vpc](const char* name, const char* option, const char* key, const dns_attribute& a,
                                            const char* why) {
      if (a.enabled) return;
      off.push_back(std::string(name) + " is false" + (a.assumed ? std::string(" (not in the input: ") + why + ")" : ""));
      names.push_back(name);
      commands.push_back(changes::enable_vpc_dns_attribute(endpoint_vpc.str(), option));
      keys.push_back(std::string("\"") + key + "\": true");
    };
    note("enableDnsSupport", "--enable-dns-support", "dns_support", support, "AWS's default is true, DNS-4");
    note("enableDnsHostnames", "--enable-dns-hostnames", "dns_hostnames", hostnames, "AWS's default for a non-default VPC, DNS-5");
    c.add("VPCSIM-L002", id.str(),
          "Interface endpoint " + id.str() + " (" + short_service(ep) + ") has private DNS enabled, but " + join(off) +
              " on " + ep.vpc.str() + ": the service's default name does not resolve to the endpoint, so clients use "
              "public addresses (DNS-6, IF-11b)",
          "Set " + join(names) + " to true on " + ep.vpc.str() + ": " +
              c.change(ep.vpc.str(), "set " + join(keys), join(commands)));
  }
}

// VPCSIM-L003. IF-7, ECR-3: the endpoint's security groups must allow inbound HTTPS from the clients.
void endpoint_sg_no_https_from_clients(context& c) {
  for (const auto& [id, ep] : c.net.all<vpc_endpoint>()) {
    if (ep.type != endpoint_type::interface) continue;
    const auto& subnets = c.clients_in(ep.vpc);
    if (subnets.empty()) continue;
    const security_group* default_group = nullptr;
    const auto groups = rules::endpoint_groups(c.net, ep, &default_group);
    const bool defaulted = default_group != nullptr;
    // The endpoint's inbound rules as the walk matches them (compiled.cpp lays them out, IF-7).
    const auto& t = c.sol.compiled().internal_tables();
    const auto& rules = t.endpoints[t.ep_ix.at(id.str())].ingress;
    std::vector<std::string> refused, cidrs;
    for (const auto& [subnet, clients] : subnets) {
      const bool all_admitted = std::all_of(clients.begin(), clients.end(), [&](const client& cl) {
        // SG-15: a group reference matches the client ENI's private address.
        const auto& from = t.enis[t.eni_by_id.at(cl.eni->id.str())];
        return engine::sg_match(t, t.f4, rules, protocol::tcp(), 443, from.v4.primary, &from,
                                engine::no_marker_listener{}) != engine::npos;
      });
      if (all_admitted) continue;
      refused.push_back(subnet_label(c.net, subnet));
      if (const auto* sn = c.net.find(subnet); sn && sn->cidr_block) cidrs.push_back(sn->cidr_block->to_string());
    }
    if (refused.empty()) continue;
    std::vector<std::string> group_ids;
    for (const auto& g : groups) group_ids.push_back(g.str());
    const std::string target = groups.empty() ? id.str() : groups.front().str();
    c.add("VPCSIM-L003", target,
          "The security groups of interface endpoint " + id.str() + " (" + short_service(ep) + ": " +
              (group_ids.empty() ? std::string("none") : join(group_ids)) + ") do not allow inbound TCP 443 from the "
              "clients in " + join(refused) + ", so their requests to the endpoint time out (IF-7, ECR-3)" +
              (defaulted ? "; the endpoint has no security group of its own and uses the VPC's default group, which "
                           "admits only its own members (IF-7, SG-10)"
                         : ""),
          c.design() && !groups.empty()
              ? "Add an inbound rule allowing TCP 443 from the clients: add " + https_from(cidrs) +
                    " to \"ingress\" in " + c.entry(target) + ", or the same rule \"from\" the clients' security group"
              : "Add an inbound rule to " + target + " allowing TCP 443 from " + join(cidrs) +
                    ", or from the clients' security group");
  }
}

// VPCSIM-L004. GW-6: only subnets whose route tables are associated with the gateway endpoint use
// it; the others send S3/DynamoDB traffic over NAT or IGW (PRICE-4: NAT charges per GB).
void gateway_endpoint_not_on_client_route_table(context& c) {
  for (const auto& [id, ep] : c.net.all<vpc_endpoint>()) {
    if (ep.type != endpoint_type::gateway) continue;
    const std::string svc = short_service(ep);
    // route table -> (subnets, the gateway the traffic takes instead)
    std::map<std::string, std::pair<std::vector<std::string>, std::string>> bypass;
    for (const auto& [subnet, clients] : c.clients_in(ep.vpc)) {
      const auto* rt = c.net.route_table_for(subnet).table;
      if (!rt) continue;
      const bool associated =
          std::find(ep.route_tables.begin(), ep.route_tables.end(), rt->id) != ep.route_tables.end() ||
          std::any_of(rt->routes.begin(), rt->routes.end(), [&endpoint = id](const route& r) { return r.target.id == endpoint.str(); });
      if (associated) continue;
      const answer a = c.trace(clients.front(), svc);
      if (!a.reachable || !(a.via == "nat-gateway" || a.via == "internet-gateway")) continue;
      auto& entry = bypass[rt->id.str()];
      entry.first.push_back(subnet.str());
      entry.second = *a.via;
    }
    for (const auto& [rt, what] : bypass)
      c.add("VPCSIM-L004", id.str(),
            "Subnets " + join(what.first) + " (route table " + rt + ") reach " + svc + " through the " +
                (what.second == "nat-gateway" ? "NAT gateway" : "internet gateway") + " although gateway endpoint " +
                id.str() + " exists in " + ep.vpc.str() + ": the endpoint serves only the route tables associated "
                "with it (GW-6), and this traffic leaves the VPC" +
                // PRICE-4: a NAT gateway charges per GB processed; an internet gateway does not,
                // but the traffic still leaves the VPC for public addresses the endpoint would keep private.
                (what.second == "nat-gateway" ? std::string(" and pays NAT data processing per GB (PRICE-4)")
                                              : std::string(" over the internet gateway, from a public address, where "
                                                            "the endpoint keeps it on AWS's network without one (GW-6)")),
            "Associate " + id.str() + " with " + rt + ": " + associate_route_table(c, ep, rt));
  }
}

// VPCSIM-L005. GW-9: clients' security groups must allow TCP 443 to the service (the prefix list is
// the usual rule destination, SG-14); SG-6: without a matching outbound rule nothing leaves.
void egress_without_service_prefix_list(context& c) {
  // (first group of the client, service) -> (instances, why the service is used)
  std::map<std::pair<std::string, std::string>, std::pair<std::vector<std::string>, std::string>> refused;
  for (const auto& [vpc, subnets] : c.clients()) {
    const std::string region = c.region(vpc);
    const bool ecr = !ecr_endpoints(c.net, vpc).empty();
    for (const auto& [subnet, clients] : subnets) {
      std::map<std::string, std::string> used;  // service -> why
      for (const auto* ep : gateway_endpoints_used(c.net, subnet))
        used.emplace(short_service(*ep), "its subnet routes " + short_service(*ep) + " to gateway endpoint " + ep->id.str());
      if (ecr) used.emplace("s3", "it pulls ECR image layers from S3 (ECR-1)");
      for (const auto& [svc, why] : used) {
        const auto res = resolve_destination(c.net, svc, vpc, region, c.net.find(subnet)->availability_zone);
        // An interface endpoint's address is inside the VPC: IF-7b, not a prefix-list question.
        if (!res.dest || res.dest->endpoint || !res.dest->address.is_v4()) continue;
        const auto& t = c.sol.compiled().internal_tables();
        for (const auto& cl : clients) {
          // The client's outbound rules as the walk matches them (SG-5, SG-14).
          const auto& rules = t.enis[t.eni_by_id.at(cl.eni->id.str())].v4.egress;
          if (engine::sg_match(t, t.f4, rules, protocol::tcp(), 443, res.dest->address.to_v4().to_uint(), nullptr,
                               engine::no_marker_listener{}) != engine::npos)
            continue;
          const std::string group = cl.eni->security_groups.empty() ? cl.eni->id.str() : cl.eni->security_groups.front().str();
          auto& entry = refused[{group, svc}];
          entry.first.push_back(cl.inst->id.str());
          if (entry.second.empty()) entry.second = why;
        }
      }
    }
  }
  for (const auto& [key, what] : refused) {
    const auto& [group, svc] = key;
    const auto* sg = c.net.find(security_group_id{group});
    const std::string region = sg ? c.region(sg->vpc) : std::string{};
    const auto* pl = c.net.prefix_list_named(services::endpoint_service_name(svc, region));
    const std::string target = pl ? pl->id.str() + " (the " + svc + " prefix list)"
                                  : "the " + svc + " prefix list (" + services::endpoint_service_name(svc, region) + ")";
    c.add("VPCSIM-L005", group,
          "Security group " + group + " of " + join(what.first) + " has restrictive egress without the " + svc +
              " prefix list: no outbound rule allows TCP 443 to " + svc + ", which these instances need because " +
              what.second + "; the security group drops the requests (GW-9, SG-6)",
          "Add an outbound rule to " + group + " allowing TCP 443 to " + target + " (SG-14)");
  }
}

// VPCSIM-L011. IF-2: one ENI per chosen AZ; IF-12: clients elsewhere cross AZs (PRICE-4 charges).
void interface_endpoint_missing_az(context& c) {
  for (const auto& [id, ep] : c.net.all<vpc_endpoint>()) {
    if (ep.type != endpoint_type::interface || !ep.is_available()) continue;
    std::set<std::string> azs;
    for (const auto& s : ep.subnets)
      if (const auto* sn = c.net.find(s); sn && !sn->availability_zone.empty()) azs.insert(sn->availability_zone);
    for (const auto& e : ep.network_interfaces)
      if (const auto* eni = c.net.find(e); eni && !eni->availability_zone.empty()) azs.insert(eni->availability_zone);
    if (azs.empty()) continue;
    std::map<std::string, std::string> missing;  // AZ -> first client subnet there
    for (const auto& [subnet, clients] : c.clients_in(ep.vpc))
      if (const auto* sn = c.net.find(subnet); sn && !sn->availability_zone.empty() && !azs.count(sn->availability_zone))
        missing.emplace(sn->availability_zone, subnet.str());
    if (missing.empty()) continue;
    std::vector<std::string> where, subnets;
    for (const auto& [az, s] : missing) {
      where.push_back(az + " (" + s + ")");
      subnets.push_back(s);
    }
    c.add("VPCSIM-L011", id.str(),
          "Interface endpoint " + id.str() + " (" + short_service(ep) + ") has network interfaces only in " +
              join({azs.begin(), azs.end()}) + "; clients in " + join(where) +
              " reach it across availability zones, which adds inter-AZ data charges and makes them depend on "
              "another zone (IF-12, PRICE-4)",
          "Add a subnet in each missing zone to the endpoint: " +
              c.change(id.str(), "add " + design_names(c, subnets) + " to its \"subnets\"",
                       "aws ec2 modify-vpc-endpoint --vpc-endpoint-id " + id.str() + " --add-subnet-ids " + join(subnets)) +
              " (each zone's endpoint interface is billed per hour, PRICE-2)");
  }
}

// VPCSIM-L012. ECR-1: the ecr.dkr endpoint needs private DNS, or docker never uses it (IF-11e).
void ecr_dkr_private_dns_off(context& c) {
  for (const auto& [id, ep] : c.net.all<vpc_endpoint>()) {
    if (ep.type != endpoint_type::interface || short_service(ep) != "ecr.dkr" || ep.private_dns_enabled) continue;
    c.add("VPCSIM-L012", id.str(),
          "The ecr.dkr interface endpoint " + id.str() + " has private DNS disabled: docker resolves the registry "
          "name ACCOUNT.dkr.ecr.REGION.amazonaws.com to public addresses and never uses the endpoint; ECR requires "
          "private DNS on this endpoint (ECR-1, IF-11e)",
          c.change(id.str(), "set \"private_dns\": true",
                   changes::enable_private_dns(id.str())));
  }
}

// VPCSIM-L013. ECR-1, ECR-2: a pull needs ecr.api (token) and ecr.dkr (registry) besides S3.
void ecr_endpoint_pair_incomplete(context& c) {
  for (const auto& [vpc, subnets] : c.clients()) {
    const auto api = endpoints(c.net, vpc, endpoint_type::interface, "ecr.api");
    const auto dkr = endpoints(c.net, vpc, endpoint_type::interface, "ecr.dkr");
    if (api.empty() == dkr.empty()) continue;
    const auto& present = api.empty() ? dkr : api;
    const std::string have = api.empty() ? "ecr.dkr" : "ecr.api";
    const std::string missing = api.empty() ? "ecr.api" : "ecr.dkr";
    std::vector<std::string> stuck;
    for (const auto& [subnet, clients] : subnets) {
      const answer a = c.trace(clients.front(), missing);
      if (!a.reachable)
        stuck.push_back(subnet.str() + (a.blocked ? " (" + a.blocked->code + " at " + with_name(a.blocked->component, a.blocked->component_name) + ")" : ""));
    }
    if (stuck.empty()) continue;
    const auto& ep = *present.front();
    std::string groups;
    for (const auto& g : ep.security_groups) groups += (groups.empty() ? "" : " ") + g.str();
    std::string subnet_ids;
    for (const auto& s : ep.subnets) subnet_ids += (subnet_ids.empty() ? "" : " ") + s.str();
    c.add("VPCSIM-L013", vpc.str(),
          vpc.str() + " has an " + have + " interface endpoint (" + ep.id.str() + ") but no " + missing +
              " endpoint, and " + join(stuck) + " cannot reach " + missing + " any other way: image pulls fail at the " +
              (missing == "ecr.dkr" ? "registry call" : "authorization token") + " (ECR-1, ECR-2)",
          "Create the " + missing + " interface endpoint with private DNS: " +
              c.change(vpc.str(),
                       "add {\"service\": \"" + missing + "\", \"vpc\": " + c.design_name(vpc.str()) +
                           (ep.subnets.empty() ? "" : ", \"subnets\": " + design_names(c, ep.subnets)) +
                           (ep.security_groups.empty() ? "" : ", \"security_groups\": " + design_names(c, ep.security_groups)) +
                           "} to \"endpoints\" (private DNS is on by default)",
                       "aws ec2 create-vpc-endpoint --vpc-endpoint-type Interface --vpc-id " + vpc.str() +
                           " --service-name com.amazonaws." + c.region(vpc) + "." + missing +
                           (subnet_ids.empty() ? "" : " --subnet-ids " + subnet_ids) +
                           (groups.empty() ? "" : " --security-group-ids " + groups) + " --private-dns-enabled"));
  }
}

// VPCSIM-L014. ECR-8, ECR-10b: the S3 endpoint policy must allow the layer bucket; POL-4: an
// explicit Deny wins and no matching Allow denies.
void s3_policy_blocks_ecr_layers(context& c) {
  std::set<vpc_id> vpcs;
  for (const auto& [id, ep] : c.net.all<vpc_endpoint>())
    if (ep.type == endpoint_type::interface && (short_service(ep) == "ecr.api" || short_service(ep) == "ecr.dkr"))
      vpcs.insert(ep.vpc);
  for (const auto& vpc : vpcs) {
    const std::string bucket = starport_bucket(c.region(vpc));
    for (const auto* ep : c.net.endpoints_in(vpc)) {
      if (short_service(*ep) != "s3" || ep->type == endpoint_type::gateway_load_balancer) continue;
      const auto policy = ep->policy ? *ep->policy : full_access_policy();  // POL-2
      const auto d = evaluate(policy, policy_request{"s3:GetObject", bucket, "", ep->id.str(), ep->vpc.str()});
      if (d.allowed()) continue;
      const bool explicit_deny = d.verdict == policy_verdict::explicit_deny;
      const std::string statement = explicit_deny && d.statement >= 0
                                        ? describe(policy.statements[static_cast<std::size_t>(d.statement)])
                                        : std::string{};
      c.add("VPCSIM-L014", ep->id.str(),
            "The policy of S3 " + std::string(ep->type == endpoint_type::gateway ? "gateway" : "interface") +
                " endpoint " + ep->id.str() + (explicit_deny ? " explicitly denies" : " does not allow") +
                " s3:GetObject on " + bucket + ", where ECR keeps image layers: image pulls in " + vpc.str() +
                " fail with 403 AccessDenied (ECR-8, ECR-10b, POL-4)" +
                (statement.empty() ? "" : "; the deciding statement: " + statement),
            explicit_deny ? "Narrow the Deny statement of " + ep->id.str() + "'s policy so that it does not cover " + bucket
                          : "Add to the policy of " + ep->id.str() +
                                " a statement {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", "
                                "\"Resource\": \"" + bucket + "\"} (ECR-8)");
    }
  }
}

// VPCSIM-L017. S3IF-4: "private DNS only for inbound Resolver endpoints" needs an S3 gateway endpoint.
void s3_inbound_only_dns_without_gateway(context& c) {
  for (const auto& [id, ep] : c.net.all<vpc_endpoint>()) {
    if (ep.type != endpoint_type::interface || short_service(ep) != "s3" || !ep.private_dns_enabled ||
        !ep.private_dns_only_for_inbound_resolver_endpoint.value_or(false))
      continue;
    if (!endpoints(c.net, ep.vpc, endpoint_type::gateway, "s3").empty()) continue;
    c.add("VPCSIM-L017", id.str(),
          "S3 interface endpoint " + id.str() + " enables private DNS only for inbound Resolver endpoints, which "
          "requires an S3 gateway endpoint in " + ep.vpc.str() + " (AWS refuses the setting without one); clients in "
          "the VPC resolve S3 to public addresses and have no gateway endpoint to use (S3IF-4)",
          "Create an S3 gateway endpoint on the route tables of " + ep.vpc.str() + "'s subnets, or turn off "
          "PrivateDnsOnlyForInboundResolverEndpoint on " + id.str());
  }
}

// VPCSIM-L018. IF-8, GW-10: NACLs are stateless and must allow requests and replies between the
// client subnets and the endpoint subnets or service CIDRs (NACL-3, NACL-7).
void nacl_blocks_endpoint_traffic(context& c) {
  // (acl, what) -> (subnets, message, fix)
  struct block_info {
    std::vector<std::string> subnets;
    std::string message, fix;
  };
  std::map<std::pair<std::string, std::string>, block_info> blocks;
  for (const auto& [vpc, subnets] : c.clients()) {
    for (const auto& [subnet, clients] : subnets) {
      const client& cl = clients.front();
      std::vector<std::pair<std::string, std::string>> targets;  // (trace destination, label)
      for (const auto* ep : c.net.endpoints_in(vpc))
        if (ep->type == endpoint_type::interface && ep->is_available())
          if (const auto* eni = endpoint_eni_for(c.net, *ep, cl.eni->availability_zone))
            targets.emplace_back(eni->primary_ip()->to_string(),
                                 "interface endpoint " + ep->id.str() + " (" + short_service(*ep) + ")");
      for (const auto* ep : gateway_endpoints_used(c.net, subnet))
        targets.emplace_back(short_service(*ep), short_service(*ep) + " through gateway endpoint " + ep->id.str());
      const auto* own = c.net.network_acl_for(subnet);
      for (const auto& [to, label] : targets) {
        const answer a = c.trace(cl, to);
        if (a.reachable || !a.blocked || a.blocked->code != codes::subnet_acl_restriction) continue;
        // The client subnet's own missing return rule is VPCSIM-L006.
        if (own && own->id.str() == a.blocked->component &&
            find_ephemeral_gap(c, *own, required_return_ports(c.net, *own)))
          continue;
        auto& b = blocks[{a.blocked->component, label}];
        b.subnets.push_back(subnet.str());
        if (b.message.empty()) {
          b.message = a.blocked->message;
          b.fix = a.blocked->fix;
        }
      }
    }
  }
  for (const auto& [key, b] : blocks)
    c.add("VPCSIM-L018", key.first,
          "Network ACL " + key.first + " blocks the traffic between " + join(b.subnets) + " and " + key.second + ": " +
              b.message + "; NACLs must allow the requests and the replies between the client and endpoint "
              "subnets (IF-8, GW-10)",
          b.fix);
}

// VPCSIM-L020. IF-11e: with private DNS off, the service's default name keeps resolving to public
// addresses, so clients that use it go through the NAT or internet gateway while the endpoint,
// billed per hour in each zone (PRICE-2), serves only clients that name its endpoint-specific DNS
// names. ecr.dkr has its own, stricter rule (L012); S3 and DynamoDB interface endpoints are meant
// to be used by their endpoint-specific names beside the gateway endpoint (S3IF-1, S3IF-2).
void interface_endpoint_private_dns_unused(context& c) {
  for (const auto& [id, ep] : c.net.all<vpc_endpoint>()) {
    if (ep.type != endpoint_type::interface || ep.private_dns_enabled || !ep.is_available()) continue;
    const std::string svc = short_service(ep);
    const auto* info = services::find_service(svc);
    if (!info || svc == "ecr.dkr" || svc == "s3" || svc == "dynamodb" || !info->private_dns_captures_default_name)
      continue;
    std::vector<std::string> through_nat, through_igw;
    for (const auto& [subnet, clients] : c.clients_in(ep.vpc))
      for (const auto& client : clients) {  // a subnet counts when any client's requests leave the VPC
        const answer a = c.trace(client, svc);
        if (!a.reachable || !a.via || (*a.via != "nat-gateway" && *a.via != "internet-gateway")) continue;
        (*a.via == "nat-gateway" ? through_nat : through_igw).push_back(subnet_label(c.net, subnet));
        break;
      }
    if (through_nat.empty() && through_igw.empty()) continue;
    std::string where;
    if (!through_nat.empty()) where = join(through_nat) + " through the NAT gateway (and pay NAT data processing per GB, PRICE-4)";
    if (!through_igw.empty())
      where += (where.empty() ? "" : ", and ") + join(through_igw) + " through the internet gateway";
    c.add("VPCSIM-L020", id.str(),
          "Interface endpoint " + id.str() + " (" + svc + ") has private DNS disabled: the default name of " + svc +
              " resolves to public addresses, so the clients in " + where +
              " leave the VPC instead of using the endpoint, which serves only clients configured with its "
              "endpoint-specific DNS names and is billed per hour in each zone all the same (IF-11e, PRICE-2)",
          "Turn on private DNS (it needs enableDnsSupport and enableDnsHostnames on the VPC, DNS-6): " +
              c.change(id.str(), "set \"private_dns\": true",
                       changes::enable_private_dns(id.str())) +
              "; or, if no client uses its endpoint-specific names, delete the endpoint");
  }
}

// VPCSIM-L021. GW-17: AWS changes its address ranges and keeps the S3 and DynamoDB prefix lists (GW-5)
// current; a security group rule that copies one of their CIDRs goes stale, one that names the list
// follows (SG-14). Network ACL entries cannot name a prefix list, so they are not flagged.
void service_cidr_instead_of_prefix_list(context& c) {
  for (const auto& [id, sg] : c.net.all<security_group>()) {
    std::string region;
    try {
      region = c.region(sg.vpc);
    } catch (const usage_error&) {
      continue;  // no region, no service list to compare with
    }
    for (const bool ingress : {false, true}) {
      const auto& rules = ingress ? sg.ingress : sg.egress;
      for (const auto& r : rules) {
        const auto* cidr = std::get_if<cidr4>(&r.peer);
        if (!cidr) continue;
        for (const char* svc : {"s3", "dynamodb"}) {
          const auto* pl = c.net.prefix_list_named(services::endpoint_service_name(svc, region));
          if (!pl || std::none_of(pl->cidrs.begin(), pl->cidrs.end(), [&](const cidr4& e) { return e.contains(*cidr); }))
            continue;
          const std::string direction = ingress ? "ingress" : "egress";
          const std::string peer_key = ingress ? "from" : "to";
          const std::string permission = changes::ip_permission(r.protocol, r.ports);
          c.add("VPCSIM-L021", id.str(),
                "Security group " + id.str() + " has the " + (ingress ? "inbound" : "outbound") + " rule '" +
                    describe(r, ingress) + "', whose " + cidr->to_string() + " is one of the " + svc +
                    " address ranges of prefix list " + pl->id.str() + " (" + pl->name +
                    "): AWS changes these ranges and keeps the prefix list current, so the copied range goes stale "
                    "(GW-17, SG-14)",
                "Name the prefix list instead of the CIDR: " +
                    c.change(id.str(),
                             "change \"" + peer_key + "\": \"" + cidr->to_string() + "\" of the rule in \"" + direction +
                                 "\" to \"" + peer_key + "\": " + c.design_name(pl->id.str()),
                             changes::authorize_security_group(ingress, id.str(), r.protocol, r.ports, pl->id.str()) +
                                 ", then aws ec2 revoke-security-group-" + direction + " --group-id " + id.str() +
                                 " --ip-permissions '" + permission + "," + changes::ip_permission_peer(cidr->to_string()) +
                                 "'"));
          break;
        }
      }
    }
  }
}

// Whether the subnet's route table has a peering or transit gateway route covering `a`: a cheap
// test before tracing (the trace decides, RT-16).
bool routes_across_vpcs(const network& net, const subnet_id& s, address4 a) {
  const auto* rt = net.route_table_for(s).table;
  if (!rt) return false;
  return std::any_of(rt->routes.begin(), rt->routes.end(), [&](const route& r) {
    const auto* block = std::get_if<cidr4>(&r.destination);
    return block && block->contains(a) &&
           (r.target.kind == target_kind::peering_connection || r.target.kind == target_kind::transit_gateway);
  });
}

// VPCSIM-L022. DNS-9, IF-11d, IF-13: an interface endpoint's private DNS answers only its own VPC;
// another VPC that reaches its network interfaces over peering or a transit gateway uses it by the
// service's default name only through a private hosted zone for that name associated with it (DNS-3).
// Without one, its clients resolve the public name and leave by its NAT or internet gateway, or fail.
void spoke_without_endpoint_zone(context& c) {
  for (const auto& per_vpc : c.clients()) {
    const vpc_id& vpc = per_vpc.first;  // named: a lambda below captures it (clang 14)
    const auto& subnets = per_vpc.second;
    std::string region;
    try {
      region = c.region(vpc);
    } catch (const usage_error&) {
      continue;
    }
    const auto* own = c.net.find(vpc);
    for (const auto& [id, ep] : c.net.all<vpc_endpoint>()) {
      if (ep.type != endpoint_type::interface || ep.vpc == vpc || !ep.is_available()) continue;
      const std::string svc = short_service(ep);
      const auto parts = services::parse_endpoint_service_name(ep.service_name);
      if (!services::find_service(svc) || !parts || parts->region != region) continue;
      const std::string host = services::default_hostname(svc, region, own ? own->where.account : std::string{});
      if (host.empty() || host.starts_with("*.")) continue;
      // The VPC's own endpoint for the service, or a zone associated with it, answers the name.
      if (!endpoints(c.net, vpc, endpoint_type::interface, svc).empty()) continue;
      const auto& zones = c.net.all<hosted_zone>();
      if (std::any_of(zones.begin(), zones.end(), [&](const auto& z) {
            return z.second.private_zone && z.second.associated_with(vpc) && dns_name_within(host, z.second.name);
          }))
        continue;
      std::vector<std::string> reaching;
      const client* first = nullptr;
      std::string over;
      for (const auto& [subnet, clients] : subnets) {
        const client& cl = clients.front();
        const auto* eni = endpoint_eni_for(c.net, ep, cl.eni->availability_zone);
        if (!eni) break;
        if (!routes_across_vpcs(c.net, subnet, *eni->primary_ip())) continue;
        const answer a = c.trace(cl, eni->primary_ip()->to_string());
        if (!a.reachable || !a.via || (*a.via != "peering" && *a.via != "transit-gateway")) continue;
        reaching.push_back(subnet_label(c.net, subnet));
        if (!first) {
          first = &cl;
          over = *a.via == "peering" ? "a peering connection" : "a transit gateway";
        }
      }
      if (!first) continue;
      const answer by_name = c.trace(*first, svc);
      std::string outcome;
      if (by_name.reachable && by_name.via)
        outcome = "leave through the " + std::string(*by_name.via == "nat-gateway" ? "NAT gateway" : *by_name.via) +
                  " instead of using the endpoint";
      else if (by_name.blocked)
        outcome = "are blocked (" + by_name.blocked->code + " at " + by_name.blocked->component + ")";
      else
        outcome = "do not use the endpoint";
      c.add("VPCSIM-L022", vpc.str(),
            (reaching.size() == 1 ? "Subnet " : "Subnets ") + join(reaching) + " of " + vpc.str() +
                (reaching.size() == 1 ? " reaches" : " reach") + " interface endpoint " + id.str() + " (" + svc +
                ") in " + ep.vpc.str() + " over " + over + ", but no private hosted zone for " + host +
                " is associated with " + vpc.str() + ": the endpoint's private DNS answers only its own VPC, so the " +
                "clients resolve the public name and " + outcome + " (DNS-3, DNS-9, IF-11d, IF-13)",
            "Create a private hosted zone for " + host + " with an alias A record to " + id.str() +
                "'s Regional DNS name, and associate it with " + vpc.str() +
                " (aws route53 associate-vpc-with-hosted-zone for an existing zone)");
    }
  }
}

// VPCSIM-L023. IF-6, ECR-5: an interface endpoint serves its own Region's service; a zone that
// points a name of one Region at an endpoint in another sends those requests to the wrong Region's
// service (DNS-12: the zone's record answers, whatever it names).
void zone_alias_to_other_region_endpoint(context& c) {
  for (const auto& [zid, z] : c.net.all<hosted_zone>()) {
    if (!z.private_zone) continue;
    for (const auto& r : z.records) {
      if (!r.is_alias()) continue;
      const auto target = services::parse_endpoint_specific_name(r.alias_target);
      if (!target) continue;
      std::string target_region = target->region;
      if (const auto* ep = c.net.find(vpc_endpoint_id{target->endpoint_id}); ep && !ep->where.region.empty())
        target_region = ep->where.region;
      // The Region the name is for: a service name's own, else that of the VPCs that ask it.
      std::vector<std::string> regions;
      if (const auto m = services::match_hostname(r.name); m && !m->region.empty()) {
        regions.push_back(m->region);
      } else {
        for (const auto& v : z.vpcs) {
          std::string vr = v.region;
          if (vr.empty()) try {
              vr = c.region(v.vpc);
            } catch (const usage_error&) {
            }
          if (!vr.empty() && std::find(regions.begin(), regions.end(), vr) == regions.end()) regions.push_back(vr);
        }
      }
      std::sort(regions.begin(), regions.end());
      std::erase(regions, target_region);
      if (regions.empty()) continue;
      c.add("VPCSIM-L023", zid.str(),
            "Record " + r.name + " of private hosted zone " + zid.str() + " (" + z.name + ") aliases " + r.alias_target +
                ", an interface endpoint in " + target_region + ", for clients of " + join(regions) +
                ": an interface endpoint serves only its own Region's service, so their requests reach the " +
                target_region + " service, or fail its Region check (IF-6, ECR-5)",
            "Point the record at the Regional DNS name of an interface endpoint for the service in " + join(regions) +
                " (create one in the hub VPC of that Region)");
    }
  }
}

}  // namespace vpcsim::detail::lint
