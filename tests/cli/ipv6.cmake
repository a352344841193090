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

# --ip-version picks the family of a name's answer (DNS-14, IF-17).
vpcsim_cli_test(ipv6_trace_ip_version_6 0 MATCH "^i-[0-9a-f]+ \"app\" -> sts \\(tcp 443\\)\nresolved: 2600:1f18:6c2:4e03::40 \\(private DNS of vpce-[0-9a-f]+ \\(AAAA: DnsRecordIpType dualstack\\)\\)\n.*REACHABLE via interface-endpoint\n$"
  ARGS trace ${VPCSIM_IPV6} --from app --to sts --ip-version 6)
vpcsim_cli_test(ipv6_trace_ip_version_no_aaaa 2 MATCH "^vpcsim: \\[vpcsim.trace.no_answer_in_family\\] 'logs' has no IPv6 answer: vpce-[0-9a-f]+ has DnsRecordIpType ipv4, so its DNS names answer A records only \\(IF-17\\); use --ip-version 4\n$"
  ARGS trace ${VPCSIM_IPV6} --from app --to logs --ip-version 6)
vpcsim_cli_test(ipv6_trace_ip_version_bad 2 MATCH "--ip-version: 5 not in \\{4,6\\}"
  ARGS trace ${VPCSIM_IPV6} --from app --to sts --ip-version 5)
vpcsim_cli_test(ipv6_matrix_ip_version_6 0 MATCH "\"resolved\":\\{\"address\":\"2600:1f18:6c2:4e03::40\",\"by\":\"private DNS of vpce-[0-9a-f]+ \\(AAAA: DnsRecordIpType dualstack\\)\"\\}.*\"via\":\"interface-endpoint\""
  ARGS matrix ${VPCSIM_IPV6} --from app --to sts --ip-version 6 --format jsonl)
# check intents take ip_version as trace takes --ip-version; a name without an answer in that family
# is an error of the intent, at its ip_version.
vpcsim_cli_test(ipv6_check_ip_version 0 MATCH "^PASS  sts over its dual-stack endpoint, IPv6: i-[0-9a-f]+ \"app\" -> sts \\(tcp 443, IPv6\\): reachable via interface-endpoint\nPASS  sts over its dual-stack endpoint, IPv4: [^\n]*\\(tcp 443, IPv4\\)[^\n]*\n2 passed, 0 failed\n$"
  ARGS check ${VPCSIM_IPV6} --intents ${CMAKE_CURRENT_SOURCE_DIR}/../data/intents/ipv6.json)
vpcsim_cli_test(ipv6_check_ip_version_no_answer 2 MATCH "^vpcsim: \\[vpcsim.trace.no_answer_in_family\\] [^\n]*ipv6-no-answer.json /intents/0/ip_version \\(intent 'logs over its endpoint, IPv6'\\): 'logs' has no IPv6 answer: vpce-[0-9a-f]+ has DnsRecordIpType ipv4"
  ARGS check ${VPCSIM_IPV6} --intents ${CMAKE_CURRENT_SOURCE_DIR}/../data/intents/ipv6-no-answer.json)

# DNS64 and NAT64 (issue #22, DNS-15, NAT-10) on tests/data/scenarios/dns64/design.jsonc: the
# synthesized answer and the NAT gateway's translation in the text answer; the usage errors without
# an AAAA answer.
set(VPCSIM_DNS64 ${CMAKE_CURRENT_SOURCE_DIR}/../data/scenarios/dns64/design.jsonc)
vpcsim_cli_test(dns64_trace_nat64 0 MATCH "^i-[0-9a-f]+ \"app\" -> legacy.corp.example \\(tcp 443\\)\nresolved: 64:ff9b::a50:914 \\(private hosted zone Z[0-9A-F]+ \"corp-zone\" \\(corp.example\\) record legacy.corp.example A 10.80.9.20 -> AAAA synthesized by DNS64 of subnet-[0-9a-f]+ \"app\": 64:ff9b::/96 \\+ 10.80.9.20 \\(RFC 6052, DNS-15\\)\\)\n.*nat-[0-9a-f]+ \"nat64\" +nat-gateway +NAT64: destination 64:ff9b::a50:914 becomes 10.80.9.20, public NAT: source becomes 44.200.80.7\n.*REACHABLE via nat-gateway\n$"
  ARGS trace ${VPCSIM_DNS64} --from app --to legacy.corp.example --ip-version 6)
vpcsim_cli_test(dns64_trace_alias_a_no_aaaa 2 MATCH "^vpcsim: \\[vpcsim.trace.no_answer_in_family\\] 'sts4.corp.example' has no IPv6 answer: private hosted zone Z[0-9A-F]+ \"corp-zone\" \\(corp.example\\) holds sts4.corp.example A alias vpce-0d64a1b2c3d4e5f60-6s4k2m1q.sts.us-east-1.vpce.amazonaws.com and no AAAA record for the name \\(an alias A record answers A queries only\\); EnableDns64 is off on subnet-[0-9a-f]+ \\(DNS-15\\); add an AAAA record \\(alias AAAA for an endpoint\\) or use --ip-version 4 \\(DNS-14\\)\n$"
  ARGS trace ${VPCSIM_DNS64} --from plain --to sts4.corp.example --ip-version 6)
vpcsim_cli_test(dns64_matrix_ip_version_6 0 MATCH "\"resolved\":\\{\"address\":\"64:ff9b::34d8:1\",\"by\":\"public DNS of s3.us-east-1.amazonaws.com .*AAAA synthesized by DNS64 of subnet-[0-9a-f]+ \\\\\"app\\\\\": 64:ff9b::/96 \\+ 52.216.0.1 \\(RFC 6052, DNS-15\\)\"\\}.*\"via\":\"nat-gateway\""
  ARGS matrix ${VPCSIM_DNS64} --from app --to s3 --ip-version 6 --format jsonl)

# IPv6-only subnets (issue #22, VPC-6) on tests/data/scenarios/ipv6-only: the capture, whose
# describe-subnets output has subnets without CidrBlock and with "Ipv6Native": true, validates; an
# IPv4 flow from such a subnet's instance is refused at its start, with the reason.
set(VPCSIM_V6ONLY ${CMAKE_CURRENT_SOURCE_DIR}/../data/scenarios/ipv6-only)
vpcsim_cli_test(ipv6_only_validate_capture 0 MATCH "\nsubnets +4\n.*\n0 errors, 0 warnings\n$"
  ARGS validate ${VPCSIM_V6ONLY}/capture)
vpcsim_cli_test(ipv6_only_trace_ipv4_refused 1 MATCH "NOT REACHABLE: NO_IPV4_ADDRESS at i-[0-9a-f]+ \"v6app\"\n  rule: no IPv4 address on eni-[0-9a-f]+\n.*its subnet subnet-[0-9a-f]+ \"v6only\" is IPv6-only \\(Ipv6Native\\)"
  ARGS trace ${VPCSIM_V6ONLY}/capture --from v6app --to 10.90.2.10)
vpcsim_cli_test(ipv6_only_convert_native 0 MATCH "\"name\": \"v6only\",[^}]*\"ipv6_native\": true"
  ARGS convert ${VPCSIM_V6ONLY}/capture --to native)
