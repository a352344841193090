# IPv6 on the command line (issue #22): --protocol icmpv6 is taken by trace and matrix, and matches
# icmpv6 rules only (aws-semantics.md IGW-11). On tests/data/scenarios/ipv6/design.jsonc.
set(VPCSIM_IPV6 ${CMAKE_CURRENT_SOURCE_DIR}/../data/scenarios/ipv6/design.jsonc)

vpcsim_cli_test(ipv6_trace_icmpv6 0 MATCH "^i-[0-9a-f]+ \"app\" -> 2600:1f18:6c2:4e02::20 \\(icmpv6\\)\n.*\"db-acl\" +network-acl inbound +#110 allow icmpv6 ::/0\n.*\"db-sg\" +security-group ingress +icmpv6 from 2600:1f18:6c2:4e00::/56\n.*REACHABLE via local\n$"
  ARGS trace ${VPCSIM_IPV6} --from app --to 2600:1f18:6c2:4e02::20 --protocol icmpv6)
vpcsim_cli_test(ipv6_trace_icmp_to_ipv6 1 MATCH "NOT REACHABLE: PROTOCOL_RESTRICTION at i-[0-9a-f]+ \"app\"\n  rule: ICMP \\(protocol 1\\) is IPv4 only; IPv6 uses icmpv6 \\(58\\)\n"
  ARGS trace ${VPCSIM_IPV6} --from app --to 2600:1f18:6c2:4e02::20 --protocol icmp)
vpcsim_cli_test(ipv6_matrix_icmpv6 0 MATCH "^SOURCE +2600:1f18:6c2:4e02::20 +10.60.2.20\ni-[0-9a-f]+ \"app\" +local +blocked: PROTOCOL_RESTRICTION at i-[0-9a-f]+ \"app\"\n$"
  ARGS matrix ${VPCSIM_IPV6} --from app --to 2600:1f18:6c2:4e02::20,10.60.2.20 --protocol icmpv6)
vpcsim_cli_test(ipv6_trace_bad_protocol 2 MATCH "--protocol: sctp not in \\{tcp,udp,icmp,icmpv6,all\\}"
  ARGS trace ${VPCSIM_IPV6} --from app --to 2600:1f18:6c2:4e02::20 --protocol sctp)
