// Lint rules about routes, NACL return rules and NAT gateways.
#include "changes.hpp"
#include "lint_context.hpp"
#include "rules.hpp"

#include <vpcsim/sim/routing.hpp>

#include <algorithm>

namespace vpcsim::detail::lint {

namespace {

std::vector<std::string> subnet_ids(const std::vector<const subnet*>& subnets) {
  std::vector<std::string> out;
  for (const auto* s : subnets) out.push_back(s->id.str());
  return out;
}

std::string used_by(const network& net, const route_table& rt) {
  const auto subnets = subnets_using(net, rt);
  return subnets.empty() ? "the table serves no subnet" : "used by " + join(subnet_ids(subnets));
}

// Whether the internet gateway is attached to the VPC (IGW-2).
bool attached(const internet_gateway& igw, const vpc_id& v) {
  return std::any_of(igw.attachments.begin(), igw.attachments.end(),
                     [&](const gateway_attachment& a) { return a.vpc == v && a.is_attached(); });
}

// What the route table does with internet traffic, for messages.
std::string internet_route_text(const route_choice& choice) {
  return choice.chosen ? "its route for internet addresses is " + describe(*choice.chosen)
                       : "no route matches internet addresses";
}

}  // namespace

// VPCSIM-L006. NACL-7: NACLs are stateless, so replies need an inbound rule for the client's
// ephemeral ports (NACL-17: Linux 32768-60999; NAT-11: a NAT gateway uses 1024-65535).
void nacl_no_ephemeral_return(context& c) {
  for (const auto& [id, acl] : c.net.all<network_acl>()) {
    const auto served = subnets_using(c.net, acl);
    // Only NACLs of subnets that start connections: clients or NAT gateways.
    const bool initiates = std::any_of(served.begin(), served.end(), [&](const subnet* s) {
      const auto& clients = c.clients_in(s->vpc);
      if (clients.count(s->id)) return true;
      const auto& nats = c.net.all<nat_gateway>();
      return std::any_of(nats.begin(), nats.end(), [&](const auto& kv) {
        return kv.second.subnet == s->id && kv.second.is_present();
      });
    });
    if (!initiates) continue;
    const port_range required = required_return_ports(c.net, acl);
    const auto gap = find_ephemeral_gap(c, acl, required);
    if (!gap) continue;
    const bool nat = required == nat_gateway_ports;
    const std::string peer = gap->outbound->cidr_block->to_string();
    c.add("VPCSIM-L006", id.str(),
          "Network ACL " + id.str() + " (" + join(subnet_ids(served)) + ") lets TCP 443 out to " + peer + " (" +
              to_string(*gap->outbound) + ") but no inbound rule admits the replies from " + peer + " on ports " +
              required.to_string() +
              (nat ? " (the source ports of the NAT gateway in its subnet, NAT-11)" : " (the Linux clients' ephemeral range, NACL-17)") +
              "; the inbound decision is " + gap->inbound_decision + ": NACLs are stateless, so the replies are "
              "dropped (NACL-7)",
          "Add an inbound rule to " + id.str() + " allowing TCP 1024-65535 from " + peer +
              ", numbered below any rule that denies it (AWS recommends 1024-65535 to cover every client, NACL-18)",
          nat ? "NACL-7, NAT-11, NACL-18" : "NACL-7, NACL-17, NACL-18, GW-10");
  }
}

// VPCSIM-L007. GW-7b, GW-7c: a CIDR route more specific than, or equal to, a prefix-list entry wins.
void route_shadows_prefix_list(context& c) {
  for (const auto& [id, rt] : c.net.all<route_table>()) {
    for (const auto& pr : rt.routes) {
      const auto* pl_id = std::get_if<prefix_list_id>(&pr.destination);
      const auto* pl = pl_id ? c.net.find(*pl_id) : nullptr;
      if (!pl) continue;
      for (const auto& r : rt.routes) {
        const auto* cidr = std::get_if<cidr4>(&r.destination);
        if (!cidr || r.target.kind == target_kind::local) continue;
        for (const auto& entry : pl->cidrs) {
          if (!entry.contains(*cidr)) continue;
          // Confirm with the route selection itself (RT-16, RT-18).
          const auto choice = select_route(c.net, rt, cidr->first());
          if (choice.chosen != &r || choice.shadowed_prefix_list_route != &pr) continue;
          const bool equal = entry == *cidr;
          c.add("VPCSIM-L007", id.str(),
                "Route " + describe(r) + " in " + id.str() + " is " + (equal ? "equal to" : "more specific than") + " " +
                    entry.to_string() + " of prefix list " + pl->id.str() + " (" + pl->name + ", route " + describe(pr) +
                    "): traffic to " + cidr->to_string() + " goes to " + r.target.id + " instead of " + pr.target.id +
                    (equal ? " (GW-7c)" : " (GW-7b)"),
                "Delete the route (" + delete_route(c, id.str(), r) + "), or change it so that it no longer overlaps " +
                    pl->id.str(),
                equal ? "GW-7c, RT-18" : "GW-7b, RT-16");
          break;
        }
      }
    }
  }
}

// VPCSIM-L008. RT-22, RT-23: a blackhole route's target is gone; RT-24: it still wins the lookup.
void route_blackhole(context& c) {
  for (const auto& [id, rt] : c.net.all<route_table>())
    for (const auto& r : rt.routes) {
      if (r.state != route_state::blackhole) continue;
      c.add("VPCSIM-L008", id.str(),
            "Route " + describe(r) + " in " + id.str() + " (" + used_by(c.net, rt) + ") is a blackhole: its target " +
                r.target.id + " is deleted or detached (RT-22, RT-23); it still wins longest-prefix matching, so "
                "traffic to " + to_string(r.destination) + " is dropped instead of taking a less specific route (RT-24)",
            "Delete the route (" + delete_route(c, id.str(), r) + ") or point it at a working target (" +
                c.change(id.str(), "change its \"via\"", "aws ec2 replace-route") + ")");
    }
}

// VPCSIM-L009. NAT-14: only an available NAT gateway forwards; IGW-2: an unattached internet
// gateway carries nothing; RT-14: an appliance forwards only with its source/destination check
// off and its instance running; a route naming a target the input lacks is a blackhole (RT-22).
void route_target_unusable(context& c) {
  for (const auto& [id, rt] : c.net.all<route_table>())
    for (const auto& r : rt.routes) {
      if (r.state != route_state::active) continue;
      std::string problem, rules, fix;
      switch (r.target.kind) {
        case target_kind::nat_gateway:
          if (const auto* nat = c.net.find(nat_gateway_id{r.target.id}); !nat) {
            problem = "NAT gateway " + r.target.id + " is not in the input";
            rules = "RT-22";
          } else if (!rules::nat_forwards(*nat)) {
            problem = "NAT gateway " + r.target.id + " is " + nat->state.text() + "; only an available NAT gateway forwards";
            rules = "NAT-14";
          }
          break;
        case target_kind::internet_gateway:
          if (const auto* igw = c.net.find(internet_gateway_id{r.target.id}); !igw) {
            problem = "internet gateway " + r.target.id + " is not in the input";
            rules = "RT-22";
          } else if (!attached(*igw, rt.vpc)) {
            problem = "internet gateway " + r.target.id + " is not attached to " + rt.vpc.str();
            rules = "IGW-2";
          }
          break;
        case target_kind::network_interface:
        case target_kind::instance: {
          const bool by_instance = r.target.kind == target_kind::instance;
          const auto* inst = by_instance ? c.net.find(instance_id{r.target.id}) : nullptr;
          const auto* eni = by_instance ? (inst ? c.net.primary_interface_of(inst->id) : nullptr)
                                        : c.net.find(network_interface_id{r.target.id});
          if (!inst && eni && eni->attachment && eni->attachment->instance) inst = c.net.find(*eni->attachment->instance);
          if (!eni) {
            problem = (by_instance ? "the network interface of instance " : "network interface ") + r.target.id +
                      " is not in the input";
            rules = "RT-22";
          } else if (inst && !rules::instance_runs(*inst)) {
            problem = "appliance instance " + inst->id.str() + " is " + inst->state.text();
            rules = "RT-14";
          } else if (eni->source_dest_check) {
            problem = "appliance " + eni->id.str() + " has its source/destination check on, so it drops traffic "
                      "not addressed to it";
            rules = "RT-14";
            // A design writes the check on the instance, or on the interface when it declares one.
            const std::string owner = c.design() && inst && !c.located(eni->id.str()) ? inst->id.str() : eni->id.str();
            fix = "Turn the check off (" +
                  c.change(owner, "set \"source_dest_check\": false",
                           changes::disable_source_dest_check(eni->id.str())) +
                  "), or point the route at another target";
          }
          break;
        }
        case target_kind::gateway_endpoint:
          if (const auto* ep = c.net.find(vpc_endpoint_id{r.target.id}); !ep) {
            problem = "gateway endpoint " + r.target.id + " is not in the input";
            rules = "RT-22";
          } else if (!ep->is_available()) {
            problem = "gateway endpoint " + r.target.id + " is " + ep->state.text();
            rules = "GW-6";
          }
          break;
        default: break;
      }
      if (problem.empty()) continue;
      c.add("VPCSIM-L009", id.str(),
            "Route " + describe(r) + " in " + id.str() + " (" + used_by(c.net, rt) + ") is listed as active, but " +
                problem + ": traffic to " + to_string(r.destination) + " is dropped there",
            fix.empty() ? "Point the route at a working target (" +
                              c.change(id.str(), "change the \"via\" of the route to " + design_destination(c, r),
                                       "aws ec2 replace-route --route-table-id " + id.str() + " " + destination_option(r) +
                                           " ...") +
                              ") or delete it"
                        : fix,
            rules);
    }
}

// VPCSIM-L010. NAT-2, NAT-4 (2): a public NAT gateway's subnet must route internet traffic to an
// attached internet gateway (or on through a transit gateway or virtual private gateway, NAT-2).
void nat_subnet_no_igw_route(context& c) {
  for (const auto& [id, nat] : c.net.all<nat_gateway>()) {
    if (nat.connectivity != nat_connectivity::public_ || !nat.is_present()) continue;
    const auto* rt = c.net.route_table_for(nat.subnet).table;
    if (!rt) continue;
    const auto choice = select_route(c.net, *rt, internet_probe());
    bool ok = false;
    if (choice.chosen && choice.chosen->state == route_state::active) {
      const auto& t = choice.chosen->target;
      if (t.kind == target_kind::internet_gateway) {
        const auto* igw = c.net.find(internet_gateway_id{t.id});
        ok = igw && attached(*igw, nat.vpc);
      }
      ok = ok || t.kind == target_kind::transit_gateway || t.kind == target_kind::virtual_private_gateway;
    }
    if (ok) continue;
    const auto* igw = c.net.internet_gateway_for(nat.vpc);
    c.add("VPCSIM-L010", id.str(),
          "Public NAT gateway " + id.str() + " is in " + nat.subnet.str() + ", whose route table " + rt->id.str() +
              " does not send internet traffic to an attached internet gateway (" + internet_route_text(choice) +
              "): the instances that route to the NAT gateway reach nothing on the internet (NAT-2, NAT-4)",
          igw ? "Add 0.0.0.0/0 -> " + igw->id.str() + " to " + rt->id.str() + " (" +
                    c.change(rt->id.str(),
                             "add {\"to\": \"0.0.0.0/0\", \"via\": " + c.design_name(igw->id.str()) + "} to \"routes\"",
                             changes::create_route(rt->id.str(), "0.0.0.0/0", igw->id.str())) +
                    "), or create the NAT gateway in a public subnet"
              : "Attach an internet gateway to " + nat.vpc.str() + " and route 0.0.0.0/0 of " + rt->id.str() + " to it");
  }
}

// VPCSIM-L015. NAT-3: a private NAT gateway has no Elastic IP; the internet gateway drops its traffic.
void private_nat_to_internet(context& c) {
  for (const auto& [id, nat] : c.net.all<nat_gateway>()) {
    if (nat.connectivity != nat_connectivity::private_ || !nat.is_present()) continue;
    const auto* own = c.net.route_table_for(nat.subnet).table;
    if (!own) continue;
    const auto onward = select_route(c.net, *own, internet_probe());
    if (!onward.chosen || onward.chosen->target.kind != target_kind::internet_gateway) continue;
    std::vector<std::string> tables;
    for (const auto& [rid, rt] : c.net.all<route_table>()) {
      if (rt.vpc != nat.vpc || subnets_using(c.net, rt).empty()) continue;
      const auto choice = select_route(c.net, rt, internet_probe());
      if (choice.chosen && choice.chosen->target.id == id.str()) tables.push_back(rid.str());
    }
    if (tables.empty()) continue;
    c.add("VPCSIM-L015", id.str(),
          "NAT gateway " + id.str() + " is a private NAT gateway (no Elastic IP), yet route tables " + join(tables) +
              " send internet traffic to it and its subnet's route " + describe(*onward.chosen) +
              " passes it to the internet gateway, which drops a private NAT gateway's traffic (NAT-3)",
          "Route internet traffic of " + join(tables) + " to a public NAT gateway in a public subnet (NAT-2); keep " +
              id.str() + " for transit gateway or VPN destinations");
  }
}

// VPCSIM-L016. RT-19: overlapping prefix-list routes to different targets: AWS picks one at random.
void overlapping_prefix_list_routes(context& c) {
  for (const auto& [id, rt] : c.net.all<route_table>()) {
    std::vector<std::pair<const route*, const prefix_list*>> pls;
    for (const auto& r : rt.routes)
      if (const auto* pl_id = std::get_if<prefix_list_id>(&r.destination))
        if (const auto* pl = c.net.find(*pl_id)) pls.emplace_back(&r, pl);
    for (std::size_t i = 0; i < pls.size(); ++i)
      for (std::size_t j = i + 1; j < pls.size(); ++j) {
        const auto& [ra, a] = pls[i];
        const auto& [rb, b] = pls[j];
        if (ra->target.id == rb->target.id) continue;
        std::string overlap;
        for (const auto& x : a->cidrs)
          for (const auto& y : b->cidrs)
            if (overlap.empty() && x.overlaps(y)) overlap = x.to_string() + " and " + y.to_string();
        if (overlap.empty()) continue;
        c.add("VPCSIM-L016", id.str(),
              "Prefix-list routes " + describe(*ra) + " and " + describe(*rb) + " in " + id.str() + " overlap (" + overlap +
                  ") with different targets: AWS picks one of them at random for the addresses in both and keeps "
                  "it; vpcsim assumes the longer prefix, then the lower prefix-list id (RT-19, RT-16)",
              "Remove the overlap: change the entries of " + b->id.str() + " or " + a->id.str() +
                  ", or route one of them elsewhere");
      }
  }
}

// VPCSIM-L019. NAT-6: a NAT gateway lives in one AZ; AWS recommends one per AZ.
void nat_gateway_in_other_az(context& c) {
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> crossing;  // (rtb, nat) -> subnets
  for (const auto& [vpc, subnets] : c.clients())
    for (const auto& [subnet, clients] : subnets) {
      const auto* sn = c.net.find(subnet);
      const auto* rt = c.net.route_table_for(subnet).table;
      if (!sn || !rt) continue;
      const auto choice = select_route(c.net, *rt, internet_probe());
      if (!choice.chosen || choice.chosen->state != route_state::active ||
          choice.chosen->target.kind != target_kind::nat_gateway)
        continue;
      const auto* nat = c.net.find(nat_gateway_id{choice.chosen->target.id});
      const auto* nat_subnet = nat ? c.net.find(nat->subnet) : nullptr;
      if (!nat || !rules::nat_forwards(*nat) || !nat_subnet || nat_subnet->availability_zone.empty() ||
          sn->availability_zone.empty() || nat_subnet->availability_zone == sn->availability_zone)
        continue;
      crossing[{rt->id.str(), nat->id.str()}].push_back(subnet.str() + " (" + sn->availability_zone + ")");
    }
  for (const auto& [key, subnets] : crossing) {
    const auto* nat = c.net.find(nat_gateway_id{key.second});
    const std::string nat_az = c.net.find(nat->subnet)->availability_zone;
    c.add("VPCSIM-L019", key.first,
          "Subnets " + join(subnets) + " send internet traffic through " + key.second + " in " + nat_az +
              " (route table " + key.first + "): an outage of " + nat_az + " cuts their internet access and the "
              "traffic crosses zones; AWS recommends a NAT gateway in each availability zone (NAT-6)",
          "Create a NAT gateway in a public subnet of each zone and point 0.0.0.0/0 of that zone's route tables at it");
  }
}

}  // namespace vpcsim::detail::lint
