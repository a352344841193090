#pragma once
// The words of answers, written once: `blocked_by.rule` from the `blocked_rule` value a step
// decision yields, and full answers (hops, warnings, messages, fixes) from the walk's events.
// Private to the library.

#include <vpcsim/sim/compiled.hpp>
#include <vpcsim/sim/trace.hpp>

#include "tables.hpp"

#include <string>

namespace vpcsim::explain {

/// `blocked_by.rule` for a flow of `proto`/`port`: the rule quoted (`#100 deny all 0.0.0.0/0`,
/// `0.0.0.0/0 -> nat-… (blackhole)`, a policy statement) or which rule is missing.
std::string rule_text(const blocked_rule& r, protocol proto, std::uint16_t port);

/// A missing rule of kind `k` about `address` (`egress`: the NACL's direction; `ports`: the reply's).
blocked_rule missing(blocked_rule::kind k, address4 address, bool egress = false, port_range ports = {});
/// The NACL entry that denied, or the final `*` deny when `entry` is nullptr (`return_ports` set:
/// the reply's check, NACL-7).
blocked_rule acl_denial(const network_acl_entry* entry, address4 peer, bool egress,
                        std::optional<port_range> return_ports = std::nullopt);
/// The route that decided.
blocked_rule route_rule(const route& r);
/// The route that decided, or none matching `address`.
blocked_rule route_or_none(const route* r, address4 address);

/// The full answer of one flow (or one leg) from `src` (`src_model` in the network, `inst` its
/// instance or nullptr): the one walk run with the recorder of words; `from_internet`: from
/// `engine::internet_origin` (IGW-12), `src_model` then an empty interface. `from`, `to`, the protocol and
/// the names other than the hops' are the caller's to fill.
/// Sets `b.fixes` (each a capitalised sentence) and `b.fix`, the same alternatives joined into one
/// sentence: the one place the two are written.
void set_fixes(blocked_by& b, std::vector<std::string> fixes);
/// The same from ranked changes: `b.changes` and, from their sentences, `b.fixes` and `b.fix`.
void set_fixes(blocked_by& b, std::vector<fix_change> changes);

answer full_answer(const network& net, const compiled_network::tables& t, const network_interface& src_model,
                   const engine::c_eni& src, const instance* inst, const compiled_leg& leg, const flow_request& req,
                   bool from_internet = false);

}  // namespace vpcsim::explain
