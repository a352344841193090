// Writes the topology graph as Graphviz DOT. Boost.Graph's write_graphviz cannot nest clusters,
// so the writer is ours: VPC and subnet clusters, HTML-like labels, everything ordered by id.
#include <vpcsim/error.hpp>
#include <vpcsim/model/region.hpp>
#include <vpcsim/report/dot.hpp>
#include <vpcsim/services/catalogue.hpp>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <utility>
#include <vector>

namespace vpcsim::report {

namespace {

using topology::link_kind;
using topology::node_kind;
using topology::vertex;

// The path colours are strong and the fills pale, so a path stands out on any picture.
constexpr std::string_view forward_colour = "#1565C0";
constexpr std::string_view return_colour = "#E65100";
constexpr std::string_view blocked_colour = "#D50000";
constexpr std::string_view blocked_fill = "#FFCDD2";
constexpr std::string_view kind_colour = "#607D8B";
constexpr std::string_view route_colour = "#37474F";
constexpr std::string_view association_colour = "#0277BD";
constexpr std::string_view filter_colour = "#90A4AE";
constexpr std::string_view endpoint_colour = "#00796B";

// How one kind of component is drawn. Kinds that share a look share a legend entry.
struct look {
  std::string_view name;  // for people: "route table"
  std::string_view shape;
  std::string_view style;
  std::string_view fill;
  std::string_view legend;
};

look look_of(node_kind k) {
  constexpr std::string_view gateway_fill = "#D1C4E9";
  constexpr std::string_view gateway_legend = "gateway or connection (internet, NAT, VPN, transit, peering)";
  constexpr std::string_view endpoint_fill = "#B2DFDB";
  constexpr std::string_view endpoint_legend = "VPC endpoint (gateway, interface)";
  switch (k) {
    case node_kind::vpc: return {"VPC", "box", "filled", "#FFFFFF", "VPC"};
    case node_kind::subnet: return {"subnet", "box", "filled", "#FFFFFF", "subnet (its CIDR)"};
    case node_kind::instance: return {"EC2 instance", "box", "rounded,filled", "#FFE0B2", "EC2 instance"};
    case node_kind::network_interface:
      return {"network interface", "ellipse", "filled", "#FFF8F0", "network interface (ENI)"};
    case node_kind::route_table: return {"route table", "note", "filled", "#E1F5FE", "route table (local routes inside)"};
    case node_kind::network_acl: return {"network ACL", "hexagon", "filled", "#FFF9C4", "network ACL"};
    case node_kind::security_group: return {"security group", "octagon", "filled", "#F3E5F5", "security group"};
    case node_kind::internet_gateway: return {"internet gateway", "box3d", "filled", gateway_fill, gateway_legend};
    case node_kind::egress_only_internet_gateway:
      return {"egress-only internet gateway", "box3d", "filled", gateway_fill, gateway_legend};
    case node_kind::nat_gateway: return {"NAT gateway", "box3d", "filled", gateway_fill, gateway_legend};
    case node_kind::vpn_gateway: return {"virtual private gateway", "box3d", "filled", gateway_fill, gateway_legend};
    case node_kind::peering_connection: return {"peering connection", "box3d", "filled", gateway_fill, gateway_legend};
    case node_kind::transit_gateway: return {"transit gateway", "box3d", "filled", gateway_fill, gateway_legend};
    case node_kind::gateway_endpoint: return {"gateway endpoint", "component", "filled", endpoint_fill, endpoint_legend};
    case node_kind::interface_endpoint:
      return {"interface endpoint", "component", "filled", endpoint_fill, endpoint_legend};
    case node_kind::gateway_load_balancer_endpoint:
      return {"gateway load balancer endpoint", "component", "filled", endpoint_fill, endpoint_legend};
    case node_kind::service: return {"AWS service", "cylinder", "filled", "#C8E6C9", "AWS service"};
    case node_kind::internet: return {"internet", "ellipse", "filled,bold", "#ECEFF1", "internet"};
    case node_kind::missing: return {"not in the input", "box", "dashed", "#FFFFFF", "referenced but not in the input"};
  }
  return look_of(node_kind::missing);
}

// The node kind a hop names (`security-group`), or `missing` for kinds the topology lacks.
node_kind kind_of_hop(std::string_view kind) {
  for (int k = 0; k <= static_cast<int>(node_kind::missing); ++k)
    if (topology::to_string(static_cast<node_kind>(k)) == kind) return static_cast<node_kind>(k);
  return node_kind::missing;
}

// Text inside an HTML-like label.
std::string html(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// A DOT double-quoted string; a line break becomes DOT's `\n` so each statement stays on one line.
std::string dot_quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string font(std::string_view colour, int size, const std::string& text) {
  return "<font color=\"" + std::string(colour) + "\" point-size=\"" + std::to_string(size) + "\">" + text + "</font>";
}

// The cluster a component is drawn in: its subnet's, else its VPC's, else none.
struct home {
  std::string vpc;
  std::string subnet;
};

// A path edge: from one hop's node to the next, numbered like the trace's hops (1-based).
struct step {
  std::string from, to;
  int number = 0;
  bool forward = true;
  auto operator<=>(const step&) const = default;
};

// A note on a path node: the check and rule a hop applied there.
struct note {
  std::string text;
  bool forward = true;
  bool operator==(const note&) const = default;
};

// A `local` route (folded into its route table's label, never drawn as an edge).
bool is_local_route(const topology::topology& topo, topology::edge e) {
  const auto& l = topo.graph()[e];
  if (l.kind != link_kind::route) return false;
  const auto* rt = topo.net().find(route_table_id{topo[boost::source(e, topo.graph())].id});
  return rt->routes[static_cast<std::size_t>(l.route_index)].target.kind == target_kind::local;
}

// The edges along which traffic reaches further components: all but membership (drawn as
// clusters) and local routes (which reach the whole VPC).
struct touches {
  const topology::topology* topo = nullptr;
  bool operator()(const topology::edge& e) const {
    const auto k = topo->graph()[e].kind;
    return k != link_kind::in_vpc && k != link_kind::contains && !is_local_route(*topo, e);
  }
};

// Records every component a search reaches.
class recorder : public boost::default_bfs_visitor {
 public:
  explicit recorder(std::map<std::string, vertex>& drawn) : drawn_(&drawn) {}
  template <class Graph>
  void discover_vertex(vertex v, const Graph& g) const {
    drawn_->emplace(g[v].id, v);
  }

 private:
  std::map<std::string, vertex>* drawn_;
};

class picture {
 public:
  picture(const topology::topology& topo, const dot_options& options);

  void mark(const answer& a);
  std::string write() const;

 private:
  const network& net() const { return topo_.net(); }
  const topology::node& node_of(vertex v) const { return topo_[v]; }
  home home_of(vertex v) const;
  bool is_public(const subnet& s) const;

  void seed(const dot_options& options);
  void show(vertex v);
  std::string node_for(const hop& h, const std::string& region);
  std::string region_of(const answer& a) const;

  std::string kind_line(vertex v) const;
  std::vector<std::string> details(vertex v) const;
  std::string marked_lines(const std::string& id) const;
  std::string node_attributes(const std::string& id, const look& l, const std::string& label) const;
  std::string node_statement(vertex v) const;
  std::string extra_statement(const std::string& id, node_kind k) const;
  std::string cluster_attributes(const std::string& id, std::string_view border, std::string_view fill,
                                 const std::string& label) const;
  void write_vpc(std::string& out, const std::string& vpc, const std::string& indent) const;
  void write_subnet(std::string& out, const std::string& subnet, const std::string& indent) const;
  std::set<link_kind> write_edges(std::string& out) const;
  void write_path(std::string& out) const;
  void write_legend(std::string& out, const std::set<link_kind>& edges) const;

  const topology::topology& topo_;
  std::string region_;
  std::map<std::string, vertex> drawn_;  // by id: what the picture shows (VPCs as clusters)
  std::map<std::string, node_kind> extra_;  // path components the topology lacks, drawn at top level
  std::map<std::string, std::vector<note>> notes_;
  std::map<std::string, bool> on_path_;  // id -> on a forward hop (else only on return hops)
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> blocked_;  // id -> (code, rule)s
  std::set<step> steps_;
  std::set<std::pair<std::string, std::string>> blocked_edges_;
};

picture::picture(const topology::topology& topo, const dot_options& options) : topo_(topo), region_(options.region) {
  seed(options);
}

home picture::home_of(vertex v) const {
  const auto& n = node_of(v);
  auto in_vpc = [&](const vpc_id& id) { return net().find(id) ? home{id.str(), ""} : home{}; };
  auto in_subnet = [&](const subnet_id& s, const vpc_id& fallback) {
    if (const auto* sn = net().find(s)) return home{net().find(sn->vpc) ? sn->vpc.str() : "", s.str()};
    return in_vpc(fallback);
  };
  auto attached_vpc = [&](const std::vector<gateway_attachment>& attachments) {
    return attachments.empty() ? home{} : in_vpc(attachments.front().vpc);
  };
  switch (n.kind) {
    case node_kind::subnet: return in_subnet(subnet_id{n.id}, {});
    case node_kind::instance: {
      const auto enis = net().interfaces_of(instance_id{n.id});
      if (!enis.empty()) return in_subnet(enis.front()->subnet, enis.front()->vpc);
      const auto* i = net().find(instance_id{n.id});
      return i && i->subnet ? in_subnet(*i->subnet, i->vpc.value_or(vpc_id{})) : home{};
    }
    case node_kind::network_interface: {
      const auto* e = net().find(network_interface_id{n.id});
      return e ? in_subnet(e->subnet, e->vpc) : home{};
    }
    case node_kind::nat_gateway: {
      const auto* g = net().find(nat_gateway_id{n.id});
      return g ? in_subnet(g->subnet, g->vpc) : home{};
    }
    case node_kind::route_table: return in_vpc(net().find(route_table_id{n.id})->vpc);
    case node_kind::network_acl: return in_vpc(net().find(network_acl_id{n.id})->vpc);
    case node_kind::security_group: return in_vpc(net().find(security_group_id{n.id})->vpc);
    case node_kind::gateway_endpoint:
    case node_kind::interface_endpoint:
    case node_kind::gateway_load_balancer_endpoint: return in_vpc(net().find(vpc_endpoint_id{n.id})->vpc);
    case node_kind::internet_gateway: return attached_vpc(net().find(internet_gateway_id{n.id})->attachments);
    case node_kind::egress_only_internet_gateway:
      return attached_vpc(net().find(egress_only_internet_gateway_id{n.id})->attachments);
    case node_kind::vpn_gateway: return attached_vpc(net().find(vpn_gateway_id{n.id})->attachments);
    default: return {};
  }
}

// Public when its route table sends something to an internet gateway (AWS's definition of a
// public subnet); the picture colours it like AWS's diagrams do.
bool picture::is_public(const subnet& s) const {
  const auto choice = net().route_table_for(s.id);
  if (!choice.table) return false;
  return std::any_of(choice.table->routes.begin(), choice.table->routes.end(), [](const route& r) {
    return r.target.kind == target_kind::internet_gateway && r.state == route_state::active;
  });
}

// What to draw: every component, one VPC, or one subnet, and whatever their traffic reaches from
// there (a breadth-first search over the `touches` view).
void picture::seed(const dot_options& options) {
  if (!options.vpc.empty() && !net().find(vpc_id{options.vpc}))
    throw usage_error("vpcsim.graph.unknown_vpc", "VPC " + options.vpc + " is not in the input");
  const subnet* only_subnet = nullptr;
  if (!options.subnet.empty() && !(only_subnet = net().find(subnet_id{options.subnet})))
    throw usage_error("vpcsim.graph.unknown_subnet", "subnet " + options.subnet + " is not in the input");

  const auto& g = topo_.graph();
  std::vector<vertex> seeds;
  for (auto [it, end] = boost::vertices(g); it != end; ++it) {
    const auto k = node_of(*it).kind;
    if (k == node_kind::vpc) continue;
    const home h = home_of(*it);
    if (only_subnet) {
      // Private DNS sends the subnet's service traffic to the VPC's interface endpoints.
      const bool endpoint_of_vpc = k == node_kind::interface_endpoint && h.vpc == only_subnet->vpc.str();
      if (h.subnet == options.subnet || endpoint_of_vpc) seeds.push_back(*it);
    } else if (!options.vpc.empty()) {
      if (h.vpc == options.vpc) seeds.push_back(*it);
    } else if (k != node_kind::internet && k != node_kind::service && k != node_kind::missing) {
      seeds.push_back(*it);  // the rest appears when something leads to it
    }
  }
  const boost::filtered_graph<topology::graph_type, touches> view(g, touches{&topo_});
  std::vector<boost::default_color_type> colour(boost::num_vertices(g));
  boost::queue<vertex> queue;
  boost::breadth_first_search(view, seeds.begin(), seeds.end(), queue, recorder(drawn_),
                              boost::make_iterator_property_map(colour.begin(), boost::get(boost::vertex_index, g)));
}

// Draws `v`, and the subnet it sits in, without following their edges (path components outside
// the chosen part).
void picture::show(vertex v) {
  drawn_.emplace(node_of(v).id, v);
  if (const home h = home_of(v); !h.subnet.empty()) drawn_.emplace(h.subnet, *topo_.find(h.subnet));
}

// The region of the traced source, as the solver finds it; service hops are named by it.
std::string picture::region_of(const answer& a) const {
  if (a.path.empty()) return region_;
  const std::string& first = a.path.front().component;
  const network_interface* eni = net().find(network_interface_id{first});
  if (const auto* i = net().find(instance_id{first})) {
    const auto enis = net().interfaces_of(i->id);
    if (!enis.empty()) eni = enis.front();
  }
  if (!eni) return region_;
  if (const auto* v = net().find(eni->vpc); v && !v->where.region.empty()) return v->where.region;
  if (!eni->where.region.empty()) return eni->where.region;
  if (auto r = region_of_zone(eni->availability_zone); !r.empty()) return r;
  return region_;
}

std::string picture::node_for(const hop& h, const std::string& region) {
  const std::string id = h.kind == "service" ? topology::topology::service_key(h.component, region) : h.component;
  if (const auto v = topo_.find(id)) show(*v);
  // A transit gateway's attachments and route tables are parts of it: drawn as gateways.
  else if (h.kind == "transit-gateway-attachment" || h.kind == "transit-gateway-route-table")
    extra_.emplace(id, node_kind::transit_gateway);
  else extra_.emplace(id, kind_of_hop(h.kind));
  return id;
}

void picture::mark(const answer& a) {
  for (const auto& leg : a.legs) mark(leg);
  if (!a.legs.empty()) return;  // the legs carry the paths; the top-level verdict repeats a leg's

  const std::string region = region_of(a);
  std::vector<std::string> ids;
  for (const auto& h : a.path) {
    const bool forward = h.direction != "return";
    const std::string id = node_for(h, region);
    if (!ids.empty()) steps_.insert(step{ids.back(), id, static_cast<int>(ids.size()) + 1, forward});
    ids.push_back(id);
    on_path_[id] = on_path_[id] || forward;
    std::string text = h.check.empty() ? h.rule : h.rule.empty() ? h.check : h.check + ": " + h.rule;
    if (text.empty()) continue;
    const note n{forward ? text : "return " + text, forward};
    auto& notes = notes_[id];
    if (std::find(notes.begin(), notes.end(), n) == notes.end()) notes.push_back(n);
  }
  if (!a.blocked || a.blocked->component.empty()) return;
  const auto& b = *a.blocked;
  const auto v = topo_.find(b.component);
  if (v) show(*v);
  else extra_.emplace(b.component, node_kind::missing);
  auto& reasons = blocked_[b.component];
  if (std::find(reasons.begin(), reasons.end(), std::pair{b.code, b.rule}) == reasons.end())
    reasons.emplace_back(b.code, b.rule);
  const bool cluster = v && node_of(*v).kind == node_kind::vpc;  // a VPC is a cluster: no edge ends there
  if (!ids.empty() && !cluster && std::find(ids.begin(), ids.end(), b.component) == ids.end())
    blocked_edges_.emplace(ids.back(), b.component);
}

std::string picture::kind_line(vertex v) const {
  const auto& n = node_of(v);
  if (n.kind == node_kind::missing) return n.label + " (not in the input)";
  return std::string(look_of(n.kind).name);
}

// The few facts an architect reads off each component; local routes are folded in here.
std::vector<std::string> picture::details(vertex v) const {
  const auto& n = node_of(v);
  std::vector<std::string> out;
  switch (n.kind) {
    case node_kind::subnet: {
      const auto* s = net().find(subnet_id{n.id});
      out.push_back(cidr_text(*s));  // VPC-6: an IPv6-only subnet shows its IPv6 block
      break;
    }
    case node_kind::instance: {
      const auto* i = net().find(instance_id{n.id});
      if (i->private_ip) out.push_back(i->private_ip->to_string());
      if (!i->is_running()) out.push_back(i->state.text());
      break;
    }
    case node_kind::network_interface: {
      const auto* e = net().find(network_interface_id{n.id});
      if (const auto ip = e->primary_ip()) {
        const auto pub = e->public_ip_for(*ip);
        out.push_back(ip->to_string() + (pub ? " (public " + pub->to_string() + ")" : ""));
      }
      break;
    }
    case node_kind::route_table: {
      const auto* rt = net().find(route_table_id{n.id});
      if (rt->is_main()) out.push_back("main");
      for (const auto& r : rt->routes)
        if (r.target.kind == target_kind::local) out.push_back("local: " + to_string(r.destination));
      break;
    }
    case node_kind::network_acl:
      if (net().find(network_acl_id{n.id})->is_default) out.push_back("default");
      break;
    case node_kind::nat_gateway: {
      const auto* g = net().find(nat_gateway_id{n.id});
      std::string what = g->connectivity == nat_connectivity::public_ ? "public" : "private";
      for (const auto& a : g->addresses)
        if (a.public_ip) what += " " + a.public_ip->to_string();
      out.push_back(what);
      if (!g->is_available()) out.push_back(g->state.text());
      break;
    }
    case node_kind::gateway_endpoint:
    case node_kind::interface_endpoint:
    case node_kind::gateway_load_balancer_endpoint: {
      const auto* ep = net().find(vpc_endpoint_id{n.id});
      const auto parts = services::parse_endpoint_service_name(ep->service_name);
      std::string what = parts ? parts->short_name : ep->service_name;
      if (ep->type == endpoint_type::interface) what += ep->private_dns_enabled ? ", private DNS on" : ", private DNS off";
      out.push_back(what);
      if (!ep->is_available()) out.push_back(ep->state.text());
      break;
    }
    case node_kind::internet_gateway: {
      const auto* g = net().find(internet_gateway_id{n.id});
      if (std::none_of(g->attachments.begin(), g->attachments.end(), [](const auto& a) { return a.is_attached(); }))
        out.push_back("not attached");
      break;
    }
    case node_kind::peering_connection: {
      const auto* p = net().find(peering_connection_id{n.id});
      out.push_back(p->requester.vpc.str() + " - " + p->accepter.vpc.str());
      if (!p->is_active()) out.push_back(p->status.text());
      break;
    }
    default: break;
  }
  return out;
}

// Path notes and the blocking rule, as label lines.
std::string picture::marked_lines(const std::string& id) const {
  std::string out;
  if (auto it = notes_.find(id); it != notes_.end())
    for (const auto& n : it->second) out += "<br/>" + font(n.forward ? forward_colour : return_colour, 9, html(n.text));
  if (auto it = blocked_.find(id); it != blocked_.end())
    for (const auto& [code, rule] : it->second)
      out += "<br/>" + font(blocked_colour, 10, "<b>BLOCKED: " + html(code) + "</b>") + "<br/>" +
             font(blocked_colour, 9, html(rule));
  return out;
}

std::string picture::node_attributes(const std::string& id, const look& l, const std::string& label) const {
  std::string out = "shape=" + std::string(l.shape) + ", style=" + dot_quoted(l.style);
  const bool blocked = blocked_.count(id) > 0;
  const auto path = on_path_.find(id);
  if (blocked) {
    out += ", fillcolor=" + dot_quoted(blocked_fill) + ", color=" + dot_quoted(blocked_colour) + ", penwidth=3";
    out += path != on_path_.end() ? ", class=\"path blocked\"" : ", class=\"blocked\"";
  } else if (path != on_path_.end()) {
    out += ", fillcolor=" + dot_quoted(l.fill) + ", color=" + dot_quoted(path->second ? forward_colour : return_colour) +
           ", penwidth=3, class=\"path\"";
  } else {
    out += ", fillcolor=" + dot_quoted(l.fill);
  }
  return out + ", label=<" + label + marked_lines(id) + ">";
}

std::string picture::node_statement(vertex v) const {
  const auto& n = node_of(v);
  std::string name = n.label;
  std::string id_line = n.id;
  switch (n.kind) {
    case node_kind::subnet: name.clear(); break;  // the cluster label carries it
    case node_kind::gateway_endpoint:
    case node_kind::interface_endpoint:
    case node_kind::gateway_load_balancer_endpoint: name = display_name(*net().find(vpc_endpoint_id{n.id})); break;
    case node_kind::service:
      if (auto parts = services::parse_endpoint_service_name(n.label)) {
        name = parts->short_name;
        id_line = parts->region;
      }
      break;
    case node_kind::internet:
      name = "internet";
      id_line.clear();
      break;
    case node_kind::missing: name.clear(); break;
    default: break;
  }
  std::string label = font(kind_colour, 8, html(kind_line(v)));
  if (!name.empty()) label += "<br/><b>" + html(name) + "</b>";
  if (!id_line.empty()) label += "<br/>" + html(id_line);
  for (const auto& d : details(v)) label += "<br/>" + font(kind_colour, 9, html(d));
  return dot_quoted(n.id) + " [" + node_attributes(n.id, look_of(n.kind), label) + "];\n";
}

std::string picture::extra_statement(const std::string& id, node_kind k) const {
  const look l = look_of(k);
  std::string label = font(kind_colour, 8, html(k == node_kind::missing ? std::string("component") : std::string(l.name)));
  label += "<br/><b>" + html(id) + "</b>";
  if (k == node_kind::missing) label += "<br/>" + font(kind_colour, 9, "not in the input");
  return dot_quoted(id) + " [" + node_attributes(id, l, label) + "];\n";
}

std::string picture::cluster_attributes(const std::string& id, std::string_view border, std::string_view fill,
                                        const std::string& label) const {
  std::string out = "style=\"filled,rounded\"; fillcolor=" + dot_quoted(fill) + "; ";
  if (auto it = blocked_.find(id); it != blocked_.end())
    out += "color=" + dot_quoted(blocked_colour) + "; penwidth=3; class=\"blocked\"; ";
  else
    out += "color=" + dot_quoted(border) + "; penwidth=2; ";
  return out + "label=<" + label + marked_lines(id) + ">;\n";
}

void picture::write_subnet(std::string& out, const std::string& id, const std::string& indent) const {
  const auto* s = net().find(subnet_id{id});
  const bool pub = is_public(*s);
  const std::string name = display_name(*s);
  std::string label = "<b>" + std::string(pub ? "public subnet" : "private subnet") + "</b>";
  if (!name.empty()) label += " " + html(name);
  if (!s->availability_zone.empty()) label += " " + font(kind_colour, 10, html(s->availability_zone));
  out += indent + "subgraph " + dot_quoted("cluster_" + id) + " {\n";
  out += indent + "  " + cluster_attributes(id, pub ? "#7AA116" : "#00A4A6", pub ? "#F2F6E8" : "#E6F6F7", label);
  // The subnet's own node, where its route table and NACL edges start; then what sits in it.
  out += indent + "  " + node_statement(drawn_.at(id));
  for (const auto& [other, v] : drawn_)
    if (other != id && node_of(v).kind != node_kind::vpc && home_of(v).subnet == id)
      out += indent + "  " + node_statement(v);
  out += indent + "}\n";
}

void picture::write_vpc(std::string& out, const std::string& id, const std::string& indent) const {
  const auto* v = net().find(vpc_id{id});
  const std::string name = display_name(*v);
  std::string label = "<b>VPC</b>";
  if (!name.empty()) label += " " + html(name);
  label += "<br/>" + font(kind_colour, 10, html(id));
  std::string blocks;
  for (const auto& c : v->cidr_blocks) blocks += (blocks.empty() ? "" : ", ") + c.to_string();
  if (!blocks.empty()) label += font(kind_colour, 10, "  " + html(blocks));
  std::string where = v->where.account.empty() ? v->where.region : "account " + v->where.account + ", " + v->where.region;
  if (!where.empty()) label += "<br/>" + font(kind_colour, 10, html(where));
  out += indent + "subgraph " + dot_quoted("cluster_" + id) + " {\n";
  out += indent + "  " + cluster_attributes(id, "#8C4FFF", "#FCFAFF", label);
  for (const auto& [sid, sv] : drawn_)
    if (node_of(sv).kind == node_kind::subnet && home_of(sv).vpc == id) write_subnet(out, sid, indent + "  ");
  for (const auto& [other, w] : drawn_) {
    const home h = home_of(w);
    if (node_of(w).kind != node_kind::vpc && h.vpc == id && h.subnet.empty()) out += indent + "  " + node_statement(w);
  }
  out += indent + "}\n";
}

std::set<link_kind> picture::write_edges(std::string& out) const {
  const auto& g = topo_.graph();
  std::set<link_kind> drawn;
  for (const auto& [id, v] : drawn_) {
    // Route edges to one target are merged: one arrow, every destination in its label.
    std::map<std::string, std::vector<std::string>> routes;
    std::map<std::string, bool> all_blackhole;
    std::map<std::string, link_kind> others;
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) {
      const std::string& to = node_of(boost::target(*it, g)).id;
      if (!drawn_.count(to) || node_of(boost::target(*it, g)).kind == node_kind::vpc) continue;
      const auto& l = g[*it];
      if (l.kind == link_kind::route) {
        if (is_local_route(topo_, *it)) continue;  // folded into the table's label
        const auto& r = net().find(route_table_id{id})->routes[static_cast<std::size_t>(l.route_index)];
        std::string dest = to_string(r.destination);
        if (const auto* pl = std::get_if<prefix_list_id>(&r.destination))
          if (const auto* p = net().find(*pl))
            if (auto parts = services::parse_endpoint_service_name(p->name)) dest += " (" + parts->short_name + ")";
        if (r.state == route_state::blackhole) dest += " blackhole";
        routes[to].push_back(dest);
        auto [bh, first] = all_blackhole.emplace(to, r.state == route_state::blackhole);
        if (!first) bh->second = bh->second && r.state == route_state::blackhole;
      } else if (l.kind != link_kind::in_subnet && l.kind != link_kind::in_vpc && l.kind != link_kind::contains) {
        others.emplace(to, l.kind);  // membership is drawn by the clusters
      }
    }
    for (const auto& [to, dests] : routes) {
      drawn.insert(link_kind::route);
      std::string label;
      for (const auto& d : dests) label += (label.empty() ? "" : "\n") + d;
      out += "  " + dot_quoted(id) + " -> " + dot_quoted(to) + " [color=" + dot_quoted(route_colour) + ", fontcolor=" +
             dot_quoted(route_colour) + (all_blackhole.at(to) ? ", style=dashed" : "") + ", label=" + dot_quoted(label) +
             "];\n";
    }
    for (const auto& [to, kind] : others) {
      drawn.insert(kind);
      std::string attrs;
      switch (kind) {
        case link_kind::attached: attrs = "color=" + dot_quoted(kind_colour) + ", arrowhead=none"; break;
        case link_kind::routes_with: {
          const bool main = !net().route_table_for(subnet_id{id}).is_explicit;  // RT-2
          attrs = "color=" + dot_quoted(association_colour) + ", style=dashed" +
                  (main ? ", fontcolor=" + dot_quoted(association_colour) + ", label=\"main\"" : "");
          break;
        }
        case link_kind::filtered_by: attrs = "color=" + dot_quoted(filter_colour) + ", style=dotted, arrowhead=none"; break;
        case link_kind::endpoint_eni:
          attrs = "color=" + dot_quoted(endpoint_colour) + ", style=dotted, arrowhead=none";
          break;
        case link_kind::serves: attrs = "color=" + dot_quoted(endpoint_colour); break;
        case link_kind::exits: attrs = "color=" + dot_quoted(route_colour); break;
        default: break;
      }
      out += "  " + dot_quoted(id) + " -> " + dot_quoted(to) + " [" + attrs + "];\n";
    }
  }
  return drawn;
}

// Forward hops take part in the layout, so the path reads left to right; return hops run
// backwards and would fold it, so they do not.
void picture::write_path(std::string& out) const {
  for (const auto& s : steps_) {
    const auto colour = dot_quoted(s.forward ? forward_colour : return_colour);
    out += "  " + dot_quoted(s.from) + " -> " + dot_quoted(s.to) + " [class=" +
           dot_quoted(s.forward ? "path forward" : "path return") + ", color=" + colour + ", fontcolor=" + colour +
           (s.forward ? ", penwidth=3" : ", penwidth=2.5, style=dashed, constraint=false") + ", fontsize=11, label=" +
           dot_quoted(std::to_string(s.number)) + "];\n";
  }
  for (const auto& [from, to] : blocked_edges_)
    out += "  " + dot_quoted(from) + " -> " + dot_quoted(to) + " [class=\"blocked\", color=" + dot_quoted(blocked_colour) +
           ", penwidth=3, arrowhead=tee];\n";
}

// A compact table: a swatch per kind of box in the picture, then the styles of its lines.
void picture::write_legend(std::string& out, const std::set<link_kind>& edges) const {
  std::string boxes;
  auto swatch = [&](std::string_view fill, std::string_view border, const std::string& text) {
    boxes += "<tr><td border=\"1\" bgcolor=\"" + std::string(fill) + "\" color=\"" + std::string(border) +
             "\" align=\"left\">" + font("#263238", 9, text) + "</td></tr>";
  };
  bool public_subnet = false, private_subnet = false, vpc = false;
  std::map<int, look> looks;  // by kind, so the legend follows the enum's order
  for (const auto& [id, v] : drawn_) {
    const auto k = node_of(v).kind;
    if (k == node_kind::subnet) (is_public(*net().find(subnet_id{id})) ? public_subnet : private_subnet) = true;
    if (k != node_kind::vpc && k != node_kind::subnet) looks.emplace(static_cast<int>(k), look_of(k));
    vpc = vpc || k == node_kind::vpc || !home_of(v).vpc.empty();
  }
  for (const auto& [id, k] : extra_) looks.emplace(static_cast<int>(k), look_of(k));
  if (vpc) swatch("#FCFAFF", "#8C4FFF", "VPC");
  if (public_subnet) swatch("#F2F6E8", "#7AA116", "public subnet (routes to an internet gateway)");
  if (private_subnet) swatch("#E6F6F7", "#00A4A6", "private subnet");
  std::set<std::string_view> seen;
  for (const auto& [k, l] : looks)
    if (seen.insert(l.legend).second) swatch(l.fill, kind_colour, std::string(l.legend));
  if (!on_path_.empty()) swatch("#FFFFFF", forward_colour, "<b>on the traced path</b> (bold outline, rules used)");
  if (!blocked_.empty()) swatch(blocked_fill, blocked_colour, "<b>stops the flow</b> (with the rule)");
  if (boxes.empty()) return;  // nothing drawn, nothing to explain

  std::string lines;
  auto line = [&](std::string_view colour, const std::string& sample, const std::string& text) {
    lines += "<tr><td align=\"left\">" + font(colour, 10, sample) + "</td><td align=\"left\">" +
             font("#263238", 9, text) + "</td></tr>";
  };
  if (edges.count(link_kind::route)) line(route_colour, "&#9473;&#9473;&#9654;", "route, labelled with its destinations");
  if (edges.count(link_kind::routes_with))
    line(association_colour, "- - &#9654;", "subnet to its route table (main: by default)");
  if (edges.count(link_kind::filtered_by))
    line(filter_colour, "&#183;&#183;&#183;&#183;", "network ACL of a subnet, security group of an ENI");
  if (edges.count(link_kind::serves) || edges.count(link_kind::endpoint_eni))
    line(endpoint_colour, "&#9473;&#9473;&#9654;", "endpoint to its service (dotted: to its ENIs)");
  if (edges.count(link_kind::attached)) line(kind_colour, "&#9472;&#9472;&#9472;", "instance to its network interfaces");
  if (edges.count(link_kind::exits)) line(route_colour, "&#9473;&#9473;&#9654;", "internet gateway to the internet");
  if (!steps_.empty()) {
    line(forward_colour, "<b>&#9473;&#9473;&#9654;</b>", "traced path, numbered by hop");
    line(return_colour, "<b>- - &#9654;</b>", "return traffic (stateless NACL checks)");
  }
  if (!blocked_edges_.empty()) line(blocked_colour, "<b>&#9473;&#9473;&#9508;</b>", "where the flow stops");
  out += "  legend [shape=plaintext, label=<<table border=\"1\" style=\"rounded\" color=\"#B0BEC5\" "
         "cellborder=\"0\" cellspacing=\"4\"><tr><td colspan=\"2\" align=\"left\"><b>legend</b></td></tr>"
         "<tr><td valign=\"top\"><table border=\"0\" cellspacing=\"3\">" + boxes + "</table></td>" +
         (lines.empty() ? "" : "<td valign=\"top\"><table border=\"0\" cellspacing=\"2\">" + lines + "</table></td>") +
         "</tr></table>>];\n";
}

std::string picture::write() const {
  std::string out = "digraph vpcsim {\n";
  out += "  graph [rankdir=LR, newrank=true, bgcolor=white, pad=0.2, fontname=\"Helvetica\", fontsize=12, "
         "labeljust=l, nodesep=0.25, ranksep=0.5];\n";
  out += "  node [fontname=\"Helvetica\", fontsize=10, color=\"#546E7A\", margin=\"0.12,0.04\"];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.7];\n";
  std::set<std::string> vpcs;
  for (const auto& [id, v] : drawn_) {
    if (node_of(v).kind == node_kind::vpc) vpcs.insert(id);
    else if (const home h = home_of(v); !h.vpc.empty()) vpcs.insert(h.vpc);
  }
  for (const auto& id : vpcs) write_vpc(out, id, "  ");
  for (const auto& [id, v] : drawn_) {
    const home h = home_of(v);
    if (h.vpc.empty() && node_of(v).kind == node_kind::subnet) write_subnet(out, id, "  ");
  }
  for (const auto& [id, v] : drawn_) {
    const home h = home_of(v);
    if (h.vpc.empty() && h.subnet.empty() && node_of(v).kind != node_kind::vpc) out += "  " + node_statement(v);
  }
  for (const auto& [id, k] : extra_) out += "  " + extra_statement(id, k);
  const auto edges = write_edges(out);
  write_path(out);
  write_legend(out, edges);
  return out + "}\n";
}

}  // namespace

std::string to_dot(const topology::topology& topo, const dot_options& options) { return picture(topo, options).write(); }

std::string to_dot(const topology::topology& topo, const answer& a, const dot_options& options) {
  picture p(topo, options);
  p.mark(a);
  return p.write();
}

}  // namespace vpcsim::report
