# Names in, names out (issue 19): examples/names/shop.jsonc is written from docs/design-format.md
# by names only. Every command runs on it without an id typed, and every answer names the user's
# resources beside their ids. Then names the input lacks or shares are refused with the choices.
set(VPCSIM_SHOP ${CMAKE_CURRENT_SOURCE_DIR}/../../examples/names/shop.jsonc)
set(VPCSIM_SHOP_INTENTS ${CMAKE_CURRENT_SOURCE_DIR}/../../examples/names/intents.json)

# One case a line: name, exit status, regex on stdout+stderr, then the arguments.
vpcsim_cli_test(names_trace_by_name 0 MATCH "^i-[0-9a-f]+ \"web-1\" -> ecr.api \\(tcp 443\\)\n.*sg-[0-9a-f]+ \"vpce\" +security-group ingress +tcp 443 from 10.20.1.0/24\n.*vpce-[0-9a-f]+ \"ecr-api\" +interface-endpoint.*REACHABLE via interface-endpoint\n$"
  ARGS trace ${VPCSIM_SHOP} --from web-1 --to ecr.api)
vpcsim_cli_test(names_trace_blocked_names_the_group 1 MATCH "NOT REACHABLE: ENI_SG_RULES_MISMATCH at sg-[0-9a-f]+ \"vpce\"\n.*  fix:  1\\. Add an inbound rule to sg-[0-9a-f]+ \"vpce\" allowing tcp 443"
  ARGS trace ${VPCSIM_SHOP} --from bastion --to ecr.api)
vpcsim_cli_test(names_trace_json_names 1 MATCH "\"component_name\": \"vpce\".*\"from_name\": \"bastion\""
  ARGS trace ${VPCSIM_SHOP} --from bastion --to ecr.api --format json)
vpcsim_cli_test(names_check_intents_by_name 0 MATCH "^PASS  the app pulls images over PrivateLink: i-[0-9a-f]+ \"web-1\" -> ecr.api [^\n]*reachable via interface-endpoint\nPASS  S3 stays on the gateway endpoint: i-[0-9a-f]+ \"web-2\" -> s3 [^\n]* through vpce-[0-9a-f]+ \"s3-gateway\"\nPASS  the internet goes out through the NAT gateway: [^\n]* through nat-[0-9a-f]+ \"egress-a\"\nPASS  ops cannot use the ECR endpoint: i-[0-9a-f]+ \"bastion\" -> [^\n]*blocked: ENI_SG_RULES_MISMATCH at sg-[0-9a-f]+ \"vpce\"\n4 passed, 0 failed\n$"
  ARGS check ${VPCSIM_SHOP} --intents ${VPCSIM_SHOP_INTENTS})
vpcsim_cli_test(names_matrix_from_subnet_name 0 MATCH "^SOURCE +s3 +ecr.api\ni-[0-9a-f]+ \"web-2\" +gateway-endpoint +interface-endpoint\n$"
  ARGS matrix ${VPCSIM_SHOP} --from app-b --to s3,ecr.api)
vpcsim_cli_test(names_graph_subnet_by_name 0 MATCH "label=<<b>private subnet</b> ops .*<b>bastion</b><br/>i-[0-9a-f]+"
  ARGS graph ${VPCSIM_SHOP} --subnet ops)
vpcsim_cli_test(names_graph_vpc_by_name 0 MATCH "label=<<b>VPC</b> shop<br/>"
  ARGS graph ${VPCSIM_SHOP} --vpc shop)
vpcsim_cli_test(names_lint_by_names 1 MATCH "error VPCSIM-L003 endpoint-sg-no-https-from-clients at sg-[0-9a-f]+ \"vpce\"\n  The security groups of interface endpoint vpce-[0-9a-f]+ \"ecr-[a-z]+\" [^\n]*\n  fix: Add an inbound rule allowing TCP 443 from the clients: add {\"protocol\": \"tcp\", \"ports\": 443, \"from\": \"10.20.9.0/24\"} to \"ingress\" in \"vpce\" \\(/security_groups/[0-9]+, [^\n]*shop.jsonc:[0-9]+:[0-9]+\\)"
  ARGS lint ${VPCSIM_SHOP})
vpcsim_cli_test(names_graph_unknown_vpc_lists_names 2 MATCH "^vpcsim: \\[vpcsim.names.unknown\\] no VPC in the input has the id or name 'shopp'; VPCs in the input: 'shop'\n$"
  ARGS graph ${VPCSIM_SHOP} --vpc shopp)
vpcsim_cli_test(names_graph_unknown_subnet_lists_closest 2 MATCH "^vpcsim: \\[vpcsim.names.unknown\\] no subnet in the input has the id or name 'app-c'; subnets in the input: 'app-a', 'app-b', "
  ARGS graph ${VPCSIM_SHOP} --subnet app-c)
vpcsim_cli_test(names_graph_subnet_any_case 0 MATCH "label=<<b>private subnet</b> ops "
  ARGS graph ${VPCSIM_SHOP} --subnet OPS)
vpcsim_cli_test(names_matrix_unknown_name_lists_closest 2 MATCH "\\[vpcsim.selector.no_match\\] 'web-3' \\(Name tag\\) matches no instance with a network interface \\(tag Name=web-3\\) and no subnet; instances and subnets in the input: 'web-1', 'web-2', "
  ARGS matrix ${VPCSIM_SHOP} --from web-3)
# A name two resources share is refused with each of them (the NACL and the group called app).
vpcsim_cli_test(names_ambiguous_lists_candidates 2 MATCH "^vpcsim: \\[vpcsim.names.ambiguous\\] [^\n]*intents-ambiguous-name.json /intents/0/blocked_by \\(intent 'no http out'\\): 'app' names 2 resources: 'app' \\(acl-0c1a000000000000b\\), 'app' \\(sg-0c1a000000000000b\\); give the id\n$"
  ARGS check ${CMAKE_CURRENT_SOURCE_DIR}/../data/lint/base --intents ${CMAKE_CURRENT_SOURCE_DIR}/../data/user-errors/intents-ambiguous-name.json)
