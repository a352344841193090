# Flows from the internet on the command line (issue #22, aws-semantics.md IGW-12): `trace --from`
# a public address outside every VPC. On tests/data/scenarios/internet-inbound/design.jsonc.
set(VPCSIM_INTERNET ${CMAKE_CURRENT_SOURCE_DIR}/../data/scenarios/internet-inbound/design.jsonc)

vpcsim_cli_test(internet_trace_to_elastic_ip 0 MATCH "^198\\.51\\.100\\.7 -> i-[0-9a-f]+ \\(tcp 443\\)\nresolved: 3\\.92\\.70\\.10 \\(public IPv4 of eni-[0-9a-f]+ \\(mapped to 10\\.70\\.0\\.10\\)\\)\npath:\n +1\\. +internet +internet\n +2\\. +igw-[0-9a-f]+ \"web-igw\" +internet-gateway +destination becomes 10\\.70\\.0\\.10\n.*<- rtb-[0-9a-f]+ \"public-rt\" +route-table route +0\\.0\\.0\\.0/0 -> igw-[0-9a-f]+\n.*REACHABLE via internet-gateway\n$"
  ARGS trace ${VPCSIM_INTERNET} --from 198.51.100.7 --to web)
vpcsim_cli_test(internet_trace_eigw_json 1 MATCH "\"code\": \"NO_INBOUND_FROM_INTERNET\",\n +\"component\": \"eigw-[0-9a-f]+\",\n +\"component_name\": \"egress-eigw\".*\"from\": \"2001:db8:1::7\".*\"component\": \"internet\".*\"reachable\": false"
  ARGS trace ${VPCSIM_INTERNET} --from 2001:db8:1::7 --to worker --format json)
vpcsim_cli_test(internet_trace_service_name 2 MATCH "^vpcsim: \\[vpcsim.trace.unknown_destination\\] from the internet, --to takes an instance or network interface"
  ARGS trace ${VPCSIM_INTERNET} --from 198.51.100.7 --to s3)
# Each source's destinations resolve in its own family: the IPv6 client reaches api's IPv6 address.
vpcsim_cli_test(internet_matrix 0 MATCH "^SOURCE +web +api\n198\\.51\\.100\\.7 +internet-gateway +blocked: NO_ROUTE_TO_DESTINATION at rtb-[0-9a-f]+ \"backend-rt\"\n2001:db8:1::7 +internet-gateway +blocked: NO_INBOUND_FROM_INTERNET at eigw-[0-9a-f]+ \"web-eigw\"\n$"
  ARGS matrix ${VPCSIM_INTERNET} --from 198.51.100.7,2001:db8:1::7 --to web,api)
# Ingress routing (IGW-9, RT-25..RT-27): the gateway route table edge-associated with the internet
# gateway sends the packet to the firewall appliance first; the reply goes back through it. On
# tests/data/scenarios/ingress-routing/design.jsonc.
set(VPCSIM_INGRESS ${CMAKE_CURRENT_SOURCE_DIR}/../data/scenarios/ingress-routing/design.jsonc)
vpcsim_cli_test(internet_trace_ingress_routing 0 MATCH "\n +2\\. +igw-[0-9a-f]+ \"edge-igw\" +internet-gateway +destination becomes 10\\.80\\.1\\.10\n +3\\. +rtb-[0-9a-f]+ \"edge-rt\" +route-table edge +10\\.80\\.1\\.0/24 -> eni-[0-9a-f]+\n.*\n +6\\. +eni-[0-9a-f]+ \"fw-eni\" +appliance +source/destination check off\n.*<- rtb-[0-9a-f]+ \"app-rt\" +route-table route +0\\.0\\.0\\.0/0 -> eni-[0-9a-f]+\n +[0-9]+\\. <- rtb-[0-9a-f]+ \"fw-rt\" +route-table route +0\\.0\\.0\\.0/0 -> igw-[0-9a-f]+\n.*REACHABLE via internet-gateway\n$"
  ARGS trace ${VPCSIM_INGRESS} --from 198.51.100.7 --to app)
vpcsim_cli_test(internet_matrix_ingress_routing 0 MATCH "^SOURCE +app +guarded +open\n198\\.51\\.100\\.7 +internet-gateway +blocked: ENI_SOURCE_DEST_CHECK_RESTRICTION at eni-[0-9a-f]+ \"chk-eni\" +internet-gateway\n$"
  ARGS matrix ${VPCSIM_INGRESS} --from 198.51.100.7 --to app,guarded,open)
