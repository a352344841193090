#pragma once
/// The path solver's entry point: trace one flow through a network.

#include <vpcsim/limits.hpp>
#include <vpcsim/model/network.hpp>
#include <vpcsim/net/ports.hpp>
#include <vpcsim/net/protocol.hpp>
#include <vpcsim/sim/answer.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace vpcsim {

/// A question: from a source to a destination on a protocol and port (design.md `trace`).
struct flow_request {
  /// instance id, ENI id, a private IPv4 or IPv6 address of one, or an instance's/ENI's Name tag; or
  /// a public IPv4 or global IPv6 address outside every VPC of the input and held by no interface:
  /// the flow then starts on the internet (IGW-12, design.md "Flows from the internet"), and `to`
  /// is an instance or ENI (its public IPv4, or IPv6 address), or an address.
  std::string from;
  std::string to;    ///< service short name, `com.amazonaws.R.X`, `ecr`, hostname, IPv4, IPv6, `i-…`, `eni-…`,
                     ///< or an instance's/ENI's Name tag (a name wins over a service of that name)
  vpcsim::protocol protocol = protocol::tcp();
  std::uint16_t port = 443;
  std::string region;  ///< for service names when the source's region is unknown
  std::optional<std::string> action;    ///< IAM action for endpoint policies (`s3:GetObject`)
  std::optional<std::string> resource;  ///< ARN for endpoint policies
  port_range client_ports = linux_ephemeral_ports;  ///< the client's ephemeral range (NACL-16/17)
  /// Longest path, in hops, before the answer is a `LOOP` verdict (`limits::max_hops`).
  std::size_t max_hops = limits{}.max_hops;
  /// False: the answer's `path` is left empty and its words are not written (batch outputs
  /// without `--paths`); the verdict, `via`, `resolved`, `blocked_by` and warnings are the same.
  bool path = true;
  /// `--ip-version`: 4 or 6 picks the family of a name's answer (DNS-14); 0 as names resolve.
  int ip_version = 0;
};

/// Traces `request` through `net`. Throws `usage_error` when the source or destination cannot be
/// identified; every network outcome, blocked or not, is an `answer`.
answer trace(const network& net, const flow_request& request);

}  // namespace vpcsim
