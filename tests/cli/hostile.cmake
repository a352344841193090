# Hostile inputs (tests/data/hostile, and the ones hostile_setup.cmake writes at test time): each
# exits 2 with one message naming the code, the file, the JSON pointer and the resource, or 0 with
# a warning where real AWS captures can look like that (a partial or unevenly timed capture).
set(VPCSIM_HOSTILE ${CMAKE_CURRENT_SOURCE_DIR}/../data/hostile)
set(VPCSIM_HOSTILE_GEN ${CMAKE_CURRENT_BINARY_DIR}/hostile)

# hostile_case(<name> <status> <level> <code> <file> <pointer-and-resource> <message regex> [ARGS …])
# runs `vpcsim validate <file>` (or ARGS) and matches `<level>: [vpcsim.<code>] …/<file><where>: <message>`.
# <where> is `` for file-level findings, else ` /json/pointer (resource)`.
function(hostile_case name status level code file where message)
  cmake_parse_arguments(PARSE_ARGV 7 H "" "" "ARGS")
  string(REPLACE "." "\\." file_re "${file}")
  if(NOT DEFINED H_ARGS)
    set(H_ARGS validate ${VPCSIM_HOSTILE}/${file})
  endif()
  vpcsim_cli_test(hostile_${name} ${status} ARGS ${H_ARGS}
    MATCH "${level}: \\[vpcsim\\.${code}\\] [^\n]*${file_re}${where}: ${message}")
  set_tests_properties(cli_hostile_${name} PROPERTIES LABELS hostile TIMEOUT 20)
endfunction()

set(VPC "vpc vpc-0a1b2c3d4e5f60001")
set(SG "security-group sg-0a1b2c3d4e5f60001")
set(ACL "network-acl acl-0a1b2c3d4e5f60001")
set(RTB "route-table rtb-0a1b2c3d4e5f60001")
set(SUBNET "subnet subnet-0a1b2c3d4e5f60001")
set(VPCE "vpc-endpoint vpce-0a1b2c3d4e5f60001")

# Files that are not a capture at all.
hostile_case(truncated_json 2 error import.not_json truncated-json.json ""
  "not JSON: parse error at line 6, column [0-9]+: syntax error while parsing value - invalid string")
hostile_case(binary_garbage 2 error import.not_json binary-garbage.json ""
  "not JSON: a NUL byte at line 3, column 122: binary data, not JSON text")
hostile_case(utf16 2 error import.not_json utf16-powershell-redirect.json ""
  "not JSON: UTF-16 text \\(byte order mark FF FE\\), not UTF-8: save it as UTF-8 \\(PowerShell's `>` writes UTF-16, `Out-File -Encoding utf8` writes UTF-8\\)")
hostile_case(document_is_array 2 error import.wrong_type document-is-array.json ""
  "the document must be an object, not an array")
hostile_case(document_is_null 2 error import.wrong_type document-is-null.json "" "the document must be an object, not null")
hostile_case(document_is_string 2 error import.wrong_type document-is-string.json ""
  "the document must be an object, not a string")
hostile_case(empty_object 2 error import.empty_input empty-object.json "" "no describe-\\* JSON to read")
hostile_case(whitespace_only 2 error import.empty_input whitespace-only.json "" "no describe-\\* JSON to read")
hostile_case(deep_nesting 2 error import.too_deep deep-nesting-in-array.json ""
  "too deep: nesting deeper than 64 levels at line 1, column 73 \\(--max-json-depth\\)")
hostile_case(directory_without_json 2 error import.empty_input directory-without-json ""
  "no describe-\\* JSON to read")
# A key twice in one object: JSON leaves its value ambiguous (nlohmann would keep the last).
hostile_case(duplicate_key_vpc_id 2 error import.duplicate_key duplicate-key-vpc-id.json " /Vpcs/0"
  "duplicate key \"VpcId\" in one object \\(line 10, column 13\\); JSON leaves its value ambiguous")
hostile_case(duplicate_key_top_level 2 error import.duplicate_key duplicate-key-top-level.json ""
  "duplicate key \"Vpcs\" in one object \\(line 11, column 5\\); JSON leaves its value ambiguous")
hostile_case(duplicate_key_in_design 2 error import.duplicate_key duplicate-key-in-design.json " /subnets/0"
  "duplicate key \"cidr\" in one object \\(line 8, column 6\\); JSON leaves its value ambiguous")

# Wrong types.
hostile_case(vpcs_is_object 2 error import.wrong_type vpcs-is-object.json " /Vpcs" "'Vpcs' must be an array, not an object")
hostile_case(vpc_element_is_string 2 error import.wrong_type vpc-element-is-string.json " /Vpcs/0"
  "each element of 'Vpcs' must be an object, not a string")
hostile_case(vpc_id_is_number 2 error import.wrong_type vpc-id-is-number.json " /Vpcs/0/VpcId \\(vpc\\)"
  "'VpcId' must be a string, not a number")
hostile_case(subnet_cidr_is_number 2 error import.wrong_type subnet-cidr-is-number.json
  " /Subnets/0/CidrBlock \\(${SUBNET}\\)" "'CidrBlock' must be a string, not a number")
hostile_case(sg_fromport_is_string 2 error import.wrong_type sg-fromport-is-string.json
  " /SecurityGroups/0/IpPermissions/0/FromPort \\(${SG}\\)" "'FromPort' must be an integer, not a string")
hostile_case(nacl_egress_is_string 2 error import.wrong_type nacl-egress-is-string.json
  " /NetworkAcls/0/Entries/0/Egress \\(${ACL}\\)" "'Egress' must be a boolean, not a string")
hostile_case(routes_is_object 2 error import.wrong_type route-table-routes-is-object.json
  " /RouteTables/0/Routes \\(${RTB}\\)" "'Routes' must be an array, not an object")
hostile_case(tags_is_object 2 error import.wrong_type vpc-tags-is-object.json " /Vpcs/0/Tags \\(${VPC}\\)"
  "'Tags' must be an array, not an object")
hostile_case(subnet_id_is_null 2 error import.missing_field subnet-id-is-null.json " /Subnets/0 \\(subnet\\)"
  "field 'SubnetId' is required")
hostile_case(isdefault_is_string 2 error import.wrong_type vpc-isdefault-is-string.json " /Vpcs/0/IsDefault \\(${VPC}\\)"
  "'IsDefault' must be a boolean, not a string")

# Numbers and ports (SG-13, NACL-13): -1 means all only where AWS writes it.
hostile_case(port_beyond_64_bits 2 error import.bad_value sg-port-beyond-64-bits.json
  " /SecurityGroups/0/IpPermissions/0/ToPort \\(${SG}\\)" "'ToPort' must be an integer, not '1\\.8[0-9.]*e\\+20'")
hostile_case(port_above_65535 2 error import.bad_value sg-port-above-65535.json
  " /SecurityGroups/0/IpPermissions/0/ToPort \\(${SG}\\)" "'ToPort' must be a port from 0 to 65535, not '70000'")
hostile_case(sg_negative_port 2 error import.bad_value sg-negative-port.json
  " /SecurityGroups/0/IpPermissions/0/FromPort \\(${SG}\\)" "'FromPort' must be a port from 0 to 65535, not '-22'")
hostile_case(sg_fromport_greater_than_toport 2 error import.bad_value sg-fromport-greater-than-toport.json
  " /SecurityGroups/0/IpPermissions/0/ToPort \\(${SG}\\)" "'ToPort' must be at least 'FromPort' \\(8443\\), not '443'")
hostile_case(sg_port_is_float 2 error import.bad_value sg-port-is-float.json
  " /SecurityGroups/0/IpPermissions/0/FromPort \\(${SG}\\)" "'FromPort' must be an integer, not '443\\.5'")
hostile_case(icmp_type_out_of_range 2 error import.bad_value sg-icmp-type-out-of-range.json
  " /SecurityGroups/0/IpPermissions/0/FromPort \\(${SG}\\)"
  "'FromPort' must be -1 or an ICMP type or code from 0 to 255, not '300'")
# ICMP: FromPort is the type, ToPort the code, so type 8 > code 0 is fine; protocol -1 with -1 ports
# is how AWS writes "all traffic".
vpcsim_cli_test(hostile_icmp_type_above_code 0 ARGS validate ${VPCSIM_HOSTILE}/sg-icmp-type-and-code.json
  MATCH "\n0 errors, [0-9]+ warnings?\n$")
vpcsim_cli_test(hostile_all_protocols_minus_one_ports 0 ARGS validate
  ${VPCSIM_HOSTILE}/sg-all-protocols-minus-one-ports.json MATCH "\n0 errors, [0-9]+ warnings?\n$")
set_tests_properties(cli_hostile_icmp_type_above_code cli_hostile_all_protocols_minus_one_ports PROPERTIES LABELS hostile)
hostile_case(nacl_port_range_reversed 2 error import.bad_value nacl-port-range-reversed.json
  " /NetworkAcls/0/Entries/0/PortRange/To \\(${ACL}\\)" "'To' must be at least 'From' \\(1024\\), not '80'")
hostile_case(nacl_negative_port 2 error import.bad_value nacl-negative-port.json
  " /NetworkAcls/0/Entries/0/PortRange/From \\(${ACL}\\)" "'From' must be a port from 0 to 65535, not '-1'")
hostile_case(nacl_rule_number_zero 2 error import.bad_value nacl-rule-number-zero.json
  " /NetworkAcls/0/Entries/0/RuleNumber \\(${ACL}\\)" "'RuleNumber' must be a rule number from 1 to 32766 \\(NACL-5\\), or AWS's final deny 32767 or 32768, not '0'")
hostile_case(nacl_rule_number_out_of_range 2 error import.bad_value nacl-rule-number-out-of-range.json
  " /NetworkAcls/0/Entries/0/RuleNumber \\(${ACL}\\)" "'RuleNumber' must be a rule number from 1 to 32766 [^\n]*, not '40000'")
hostile_case(nacl_rule_number_32767_allow 2 error import.bad_value nacl-rule-number-32767-allow.json
  " /NetworkAcls/0/Entries/0/RuleNumber \\(${ACL}\\)"
  "'RuleNumber' must be a rule number from 1 to 32766 for an allow rule \\(32767 and 32768 are AWS's final deny, NACL-6\\), not '32767'")

# CIDRs: AWS stores and describes them canonical (RT-8, NACL-14).
hostile_case(cidr_prefix_33 2 error import.bad_cidr subnet-cidr-prefix-33.json " /Subnets/0/CidrBlock \\(${SUBNET}\\)"
  "'CidrBlock' is not a CIDR block: '10\\.0\\.1\\.0/33'")
hostile_case(cidr_not_a_cidr 2 error import.bad_cidr vpc-cidr-not-a-cidr.json " /Vpcs/0/CidrBlock \\(${VPC}\\)"
  "'CidrBlock' is not a CIDR block: 'ten\\.zero\\.zero\\.zero/16'")
hostile_case(route_non_canonical_cidr 2 error import.non_canonical_cidr route-non-canonical-cidr.json
  " /RouteTables/0/Routes/1/DestinationCidrBlock \\(${RTB}\\)"
  "'DestinationCidrBlock' 10\\.0\\.0\\.1/16 has host bits set. AWS stores and describes it as 10\\.0\\.0\\.0/16 \\(RT-8, NACL-14\\)")
hostile_case(ipv6_non_canonical_cidr 2 error import.non_canonical_cidr sg-ipv6-non-canonical-cidr.json
  " /SecurityGroups/0/IpPermissions/0/Ipv6Ranges/0/CidrIpv6 \\(${SG}\\)"
  "'CidrIpv6' 2001:db8::1/32 has host bits set. AWS stores and describes it as 2001:db8::/32")
# A VPC CIDR disassociated between describe-vpcs and describe-subnets looks like this: a warning.
hostile_case(subnet_outside_vpc 0 warning validate.subnet_outside_vpc subnet-outside-vpc.json
  " /Subnets/0 \\(${SUBNET}\\)" "${SUBNET}: 192\\.168\\.1\\.0/24 is outside every CIDR block of VPC 'hostile' \\(vpc-0a1b2c3d4e5f60001\\) \\(VPC-3\\)")

# Ids, references and structure.
hostile_case(duplicate_vpc_id 2 error import.duplicate_id duplicate-vpc-id.json " /Vpcs/1 \\(${VPC}\\)"
  "id already defined in [^\n]*duplicate-vpc-id\\.json /Vpcs/0")
hostile_case(eni_duplicate_id 2 error import.duplicate_id eni-duplicate-id-two-subnets.json
  " /NetworkInterfaces/1 \\(network-interface eni-0a1b2c3d4e5f60001\\)" "id already defined in [^\n]* /NetworkInterfaces/0")
hostile_case(eni_in_two_subnets 2 error validate.interface_in_two_subnets eni-in-two-subnets.json
  " /Reservations/0/Instances/0/NetworkInterfaces/0 \\(network-interface eni-0a1b2c3d4e5f60001\\)"
  "in subnet-0a1b2c3d4e5f60002 here but in subnet-0a1b2c3d4e5f60001 in [^\n]* /NetworkInterfaces/0. a network interface belongs to exactly one subnet")
hostile_case(route_table_two_main_associations 2 error validate.multiple_main_route_tables
  route-table-two-main-associations.json " /RouteTables/0 \\(${RTB}\\)"
  "the route table lists 2 main associations. a VPC has exactly one \\(RT-2\\)")
hostile_case(two_main_route_tables 2 error validate.multiple_main_route_tables two-main-route-tables.json
  " /Vpcs/0 \\(${VPC}\\)" "route tables rtb-0a1b2c3d4e5f60001 and rtb-0a1b2c3d4e5f60002 are both main \\(RT-2\\)")
hostile_case(subnet_in_two_route_tables 2 error validate.multiple_route_table_associations subnet-in-two-route-tables.json
  " /Subnets/0 \\(${SUBNET}\\)" "associated with route tables rtb-0a1b2c3d4e5f60002 and rtb-0a1b2c3d4e5f60003 \\(RT-1\\)")
hostile_case(two_default_network_acls 2 error validate.multiple_default_network_acls two-default-network-acls.json
  " /Vpcs/0 \\(${VPC}\\)" "network ACLs acl-0a1b2c3d4e5f60001 and acl-0a1b2c3d4e5f60002 are both default \\(NACL-1\\)")
# A capture of one account misses resources of others: warnings.
hostile_case(subnet_of_missing_vpc 0 warning validate.missing_vpc subnet-of-missing-vpc.json
  " /Subnets/0 \\(${SUBNET}\\)" "vpc vpc-0ffffffffffffffff is not in the input")
hostile_case(route_to_missing_nat_gateway 0 warning validate.missing_route_target route-to-missing-nat-gateway.json
  " /RouteTables/0 \\(${RTB}\\)" "route 0\\.0\\.0\\.0/0 -> nat-0ffffffffffffffff: nat-gateway not in the input, treated as a blackhole")
hostile_case(route_unknown_state 2 error import.bad_value route-unknown-state.json
  " /RouteTables/0/Routes/1/State \\(${RTB}\\)" "'State' must be active or blackhole, not 'pending'")
hostile_case(route_gateway_unknown_kind 2 error import.bad_value route-gateway-id-unknown-kind.json
  " /RouteTables/0/Routes/1/GatewayId \\(${RTB}\\)" "'GatewayId' must be local or an igw-, vgw- or vpce- id, not 'xgw-0a1b2c3d4e5f60001'")
hostile_case(unknown_top_level_key 0 warning import.unknown_key unknown-top-level-key.json " /Widgets"
  "unknown top-level key 'Widgets' ignored")
hostile_case(unsupported_resource 0 warning import.unsupported_resource unsupported-resource-load-balancers.json
  " /LoadBalancerDescriptions" "'LoadBalancerDescriptions' is not modelled by vpcsim, ignored")

# Endpoint policies (POL-1): a string of IAM JSON.
hostile_case(policy_not_json 2 error import.bad_policy endpoint-policy-not-json.json
  " /VpcEndpoints/0/PolicyDocument \\(${VPCE}\\)" "'PolicyDocument' is not a valid policy: not JSON: ")
hostile_case(policy_unknown_element 2 error import.bad_policy endpoint-policy-unknown-element.json
  " /VpcEndpoints/0/PolicyDocument \\(${VPCE}\\)" "'PolicyDocument' is not a valid policy: [^\n]*unknown element 'Condtion'")
hostile_case(policy_statement_is_number 2 error import.bad_policy endpoint-policy-statement-is-number.json
  " /VpcEndpoints/0/PolicyDocument \\(${VPCE}\\)" "'PolicyDocument' is not a valid policy: 'Statement' must be an object or an array")
hostile_case(policy_is_object 2 error import.wrong_type endpoint-policy-is-object.json
  " /VpcEndpoints/0/PolicyDocument \\(${VPCE}\\)" "'PolicyDocument' must be a string, not an object")
hostile_case(policy_deep_nesting 2 error import.bad_policy endpoint-policy-deep-nesting.json
  " /VpcEndpoints/0/PolicyDocument \\(${VPCE}\\)"
  "'PolicyDocument' is not a valid policy: nesting deeper than 64 levels at line 1, column [0-9]+ \\(--max-json-depth\\)")
hostile_case(policy_duplicate_key 2 error import.bad_policy endpoint-policy-duplicate-key.json
  " /VpcEndpoints/0/PolicyDocument \\(${VPCE}\\)"
  "'PolicyDocument' is not a valid policy: /Statement/0: duplicate key \"Effect\" in one object \\(line 1, column 111\\); JSON leaves its value ambiguous")

# Generated at test time (hostile_setup.cmake): the fixture `hostile_files`.
add_test(NAME cli_hostile_setup COMMAND ${CMAKE_COMMAND} -DOUT=${VPCSIM_HOSTILE_GEN} -P ${CMAKE_CURRENT_SOURCE_DIR}/hostile_setup.cmake)
set_tests_properties(cli_hostile_setup PROPERTIES FIXTURES_SETUP hostile_files LABELS hostile)
function(hostile_generated name status level code file where message)
  cmake_parse_arguments(PARSE_ARGV 7 H "" "" "ARGS")
  if(NOT DEFINED H_ARGS)
    set(H_ARGS validate ${VPCSIM_HOSTILE_GEN}/${file})
  endif()
  hostile_case(${name} ${status} ${level} ${code} ${file} "${where}" "${message}" ARGS ${H_ARGS})
  set_tests_properties(cli_hostile_${name} PROPERTIES FIXTURES_REQUIRED hostile_files TIMEOUT 10)
endfunction()
hostile_generated(huge_file 2 error import.too_large huge-200mb.json ""
  "too large: 200000000 bytes, more than the limit of 134217728 bytes \\(--max-input-bytes\\)")
# With the limit raised it is read, and fails at its first zero byte.
hostile_generated(huge_file_read 2 error import.not_json huge-200mb.json ""
  "not JSON: a NUL byte at line 1, column 11: binary data, not JSON text"
  ARGS validate --max-input-bytes 300000000 ${VPCSIM_HOSTILE_GEN}/huge-200mb.json)
# About 2 s of CPU (reading 200 MB, twice: once to tell a design from a capture); more time on a
# loaded machine.
set_tests_properties(cli_hostile_huge_file_read PROPERTIES TIMEOUT 120)
hostile_generated(deep_100k 2 error import.too_deep deep-100k.json ""
  "too deep: nesting deeper than 64 levels at line 1, column 65 \\(--max-json-depth\\)")
# With the depth limit lifted, nlohmann parses and frees 100 000 levels without recursing.
hostile_generated(deep_100k_parsed 2 error import.wrong_type deep-100k.json "" "the document must be an object, not an array"
  ARGS validate --max-json-depth 200000 ${VPCSIM_HOSTILE_GEN}/deep-100k.json)
hostile_generated(empty_directory 2 error import.empty_input empty-directory "" "no describe-\\* JSON to read")
hostile_generated(fifo_in_directory 2 error import.unreadable fifo/describe-vpcs.json "" "cannot read: not a regular file: a FIFO"
  ARGS validate ${VPCSIM_HOSTILE_GEN}/fifo)
hostile_generated(fifo_as_input 2 error import.unreadable fifo/describe-vpcs.json "" "cannot read: not a regular file: a FIFO")
hostile_generated(dangling_symlink 2 error import.unreadable dangling-symlink/describe-vpcs.json ""
  "cannot read: No such file or directory \\(a symbolic link to a missing file\\)" ARGS validate ${VPCSIM_HOSTILE_GEN}/dangling-symlink)
hostile_generated(device 2 error import.unreadable device/describe-vpcs.json "" "cannot read: not a regular file: a character device"
  ARGS validate ${VPCSIM_HOSTILE_GEN}/device)
add_test(NAME cli_hostile_mode_000 COMMAND ${CMAKE_COMMAND} -DVPCSIM=$<TARGET_FILE:vpcsim_cli>
  -DINPUT=${VPCSIM_HOSTILE_GEN}/mode-000 -P ${CMAKE_CURRENT_SOURCE_DIR}/hostile_mode000.cmake)
set_tests_properties(cli_hostile_mode_000 PROPERTIES FIXTURES_REQUIRED hostile_files LABELS hostile
  SKIP_REGULAR_EXPRESSION "SKIP: running as root")

# The limits are options of every command that loads INPUT.
hostile_case(limit_bytes_on_show 2 error import.too_large truncated-json.json ""
  "too large: [0-9]+ bytes, more than the limit of 100 bytes \\(--max-input-bytes\\)"
  ARGS show --max-input-bytes 100 ${VPCSIM_HOSTILE}/truncated-json.json)
hostile_case(limit_depth_on_trace 2 error import.too_deep trace-nat-gateway-loop.json ""
  "too deep: nesting deeper than 3 levels at line [0-9]+, column [0-9]+ \\(--max-json-depth\\)"
  ARGS trace --max-json-depth 3 ${VPCSIM_HOSTILE}/trace-nat-gateway-loop.json --from eni-0a1b2c3d4e5f6000a --to 192.0.2.1)
vpcsim_cli_test(hostile_limit_depth_zero 2 ARGS validate --max-json-depth 0 ${VPCSIM_HOSTILE}/empty-object.json
  MATCH "--max-json-depth: Value 0 not in range")
vpcsim_cli_test(hostile_limit_hops_zero 2 ARGS trace --max-hops 0 ${VPCSIM_HOSTILE}/trace-nat-gateway-loop.json
  --from eni-0a1b2c3d4e5f6000a --to 192.0.2.1 MATCH "--max-hops: Value 0 not in range")

# Loops (trace): a verdict with the cycle, never unbounded recursion.
set(TRACE_FROM --from eni-0a1b2c3d4e5f6000a --to 192.0.2.1 --format json)
vpcsim_cli_test(hostile_trace_nat_gateway_loop 1 ARGS trace ${VPCSIM_HOSTILE}/trace-nat-gateway-loop.json ${TRACE_FROM}
  MATCH "\"code\": \"LOOP\",\n +\"component\": \"rtb-0a1b2c3d4e5f6000b\",\n +\"fix\": \"Change a route of the loop[^\n]*\",\n +\"fixes\": \\[\n[^\n]*\n +\\],\n +\"message\": \"The packet to 192\\.0\\.2\\.1 returns to rtb-0a1b2c3d4e5f6000b and goes round rtb-0a1b2c3d4e5f6000b -> nat-0a1b2c3d4e5f6000c -> rtb-0a1b2c3d4e5f6000c -> nat-0a1b2c3d4e5f6000b -> rtb-0a1b2c3d4e5f6000b without arriving: a routing loop\"")
vpcsim_cli_test(hostile_trace_max_hops 1 ARGS trace --max-hops 8 ${VPCSIM_HOSTILE}/trace-nat-gateway-loop.json ${TRACE_FROM}
  MATCH "\"code\": \"LOOP\",[^}]*\"message\": \"The path to 192\\.0\\.2\\.1 exceeds 8 hops \\(the --max-hops limit\\) at rtb-[0-9a-f-]+ without arriving: treated as a routing loop\"")
# --max-hops holds for matrix (both engines) and check too: a path of the working example longer
# than 3 hops is answered LOOP.
set(VPCSIM_ECR_EXAMPLE ${PROJECT_SOURCE_DIR}/examples/ecr-private-subnet)
vpcsim_cli_test(hostile_matrix_max_hops_compiled 0 ARGS matrix --max-hops 3 ${VPCSIM_ECR_EXAMPLE}
  --from i-0b11111111111111a --to s3,ecr.api --format csv
  MATCH "i-0b11111111111111a,s3,false,,LOOP,rtb-0c11111111111111b\ni-0b11111111111111a,ecr.api,false,,LOOP,rtb-0c11111111111111b\n$")
vpcsim_cli_test(hostile_matrix_max_hops_solver 0 ARGS matrix --max-hops 3 ${VPCSIM_ECR_EXAMPLE}
  --from i-0b11111111111111a --to s3 --format json
  MATCH "\"code\": \"LOOP\",[^}]*\"message\": \"The path to [0-9.]+ exceeds 3 hops \\(the --max-hops limit\\)")
vpcsim_cli_test(hostile_check_max_hops 1 ARGS check --max-hops 3 ${VPCSIM_ECR_EXAMPLE}
  --intents ${PROJECT_SOURCE_DIR}/docs/ci/intents.json
  MATCH "FAIL  S3 goes through the gateway endpoint: [^\n]*blocked: LOOP at rtb-0c11111111111111b \"private\": The path to [0-9.]+ exceeds 3 hops")
vpcsim_cli_test(hostile_matrix_default_hops 0 ARGS matrix ${VPCSIM_ECR_EXAMPLE} --from i-0b11111111111111a --to s3 --format csv
  MATCH "i-0b11111111111111a,s3,true,gateway-endpoint,,\n$")
set_tests_properties(cli_hostile_matrix_max_hops_compiled cli_hostile_matrix_max_hops_solver cli_hostile_check_max_hops
  cli_hostile_matrix_default_hops PROPERTIES LABELS hostile TIMEOUT 20)
# Peering is not transitive (PEER-2): a third CIDR routed back and forth stops at the first hop.
vpcsim_cli_test(hostile_trace_peering_third_cidr 1 ARGS trace ${VPCSIM_HOSTILE}/trace-peering-third-cidr.json
  --from eni-0a1b2c3d4e5f6000a --to 10.2.0.5 --format json
  MATCH "\"code\": \"PCX_REQUIRES_ADDRESS_IN_VPC_CIDR\",\n +\"component\": \"pcx-0a1b2c3d4e5f60001\"")
# An appliance whose own subnet routes everything back to it (RT-14): a loop, with its cycle.
vpcsim_cli_test(hostile_trace_appliance_route 1 ARGS trace ${VPCSIM_HOSTILE}/trace-appliance-route-loop.json ${TRACE_FROM}
  MATCH "\"code\": \"LOOP\",\n +\"component\": \"rtb-0a1b2c3d4e5f6000b\",[^}]*\"rule\": \"routing loop rtb-0a1b2c3d4e5f6000b -> eni-0a1b2c3d4e5f6000f -> rtb-0a1b2c3d4e5f6000b\"")
# Two VPCs on a transit gateway routing a third CIDR to each other through it: a loop.
vpcsim_cli_test(hostile_trace_transit_gateway_loop 1 ARGS trace ${VPCSIM_HOSTILE}/trace-transit-gateway-loop.json
  --from i-06ba034d88c84ef07 --to 172.16.5.5 --format json
  MATCH "\"code\": \"LOOP\",\n +\"component\": \"tgw-rtb-0fa40c8df355dce6e\",[^}]*\"rule\": \"routing loop tgw-rtb-0fa40c8df355dce6e -> tgw-attach-0ae2696617bb06fb4 -> rtb-017c36290c9baf017 -> tgw-attach-0ae2696617bb06fb4 -> tgw-rtb-0fa40c8df355dce6e\"")
set_tests_properties(cli_hostile_trace_transit_gateway_loop PROPERTIES LABELS hostile TIMEOUT 20)
# Bytes after a NUL: nlohmann_json would stop at the NUL and take `{"Vpcs": []}` alone.
hostile_case(nul_after_json 2 error import.not_json nul-after-json.json ""
  "not JSON: a NUL byte at line 4, column 1: binary data, not JSON text")
hostile_case(nul_in_design_comment 2 error design.not_json nul-in-design-comment.jsonc ""
  "not JSON: a NUL byte at line 1, column 49: binary data, not JSON text")
set_tests_properties(cli_hostile_trace_nat_gateway_loop cli_hostile_trace_max_hops cli_hostile_trace_peering_third_cidr
  cli_hostile_trace_appliance_route cli_hostile_limit_depth_zero cli_hostile_limit_hops_zero PROPERTIES LABELS hostile TIMEOUT 20)
