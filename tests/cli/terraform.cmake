# Terraform plans and states as INPUT (io/terraform.hpp): answers name resources by their
# Terraform addresses (TF-1), the plan's prior state with --before, a plan alone to diff.
set(VPCSIM_TF_EXAMPLE ${CMAKE_CURRENT_SOURCE_DIR}/../../examples/terraform/plan.json)
set(VPCSIM_TF ${CMAKE_CURRENT_SOURCE_DIR}/../data/terraform)

# The acceptance test of the importer: the ECS service of the module traced to ECR, per subnet,
# every leg naming the Terraform addresses of what it crosses.
vpcsim_cli_test(trace_terraform_ecs_to_ecr 0 ARGS trace ${VPCSIM_TF_EXAMPLE}
  --from module.app.aws_ecs_service.api --to ecr EXPECTED trace_terraform_ecr.expected)
vpcsim_cli_test(trace_terraform_subnet_and_group 0 ARGS trace ${VPCSIM_TF_EXAMPLE}
  --from subnet:aws_subnet.private[\"b\"] --sg module.app.aws_security_group.app --to ecr.dkr
  MATCH "sg-[0-9a-f]+ \"module.app.aws_security_group.app\" +security-group egress +tcp 443 to 0.0.0.0/0\n.*vpce-[0-9a-f]+ \"aws_vpc_endpoint.ecr\\[\"ecr.dkr\"\\]\" +interface-endpoint.*REACHABLE via interface-endpoint\nALL REACHABLE \\(1 subnet\\)\n")
# The plan removes the S3 endpoint's route-table association: S3 is lost after, reachable before.
vpcsim_cli_test(trace_terraform_plan_after 1 ARGS trace ${VPCSIM_TF}/fixtures/remove-s3-association.plan.json
  --from module.app.aws_ecs_service.api --to s3
  MATCH "subnet-0b7e2f9c4d1a36e05 \"aws_subnet.private\\[\"a\"\\]\".*NOT REACHABLE: NO_ROUTE_TO_DESTINATION at rtb-07a3c5e9b1d2f4068 \"aws_route_table.private\"\n")
vpcsim_cli_test(trace_terraform_plan_before 0 ARGS trace ${VPCSIM_TF}/fixtures/remove-s3-association.plan.json --before
  --from module.app.aws_ecs_service.api --to s3 MATCH "REACHABLE via gateway-endpoint\n.*ALL REACHABLE \\(2 subnets\\)\n")
vpcsim_cli_test(diff_terraform_plan_alone 1 ARGS diff --resources ${VPCSIM_TF}/fixtures/remove-s3-association.plan.json
  MATCH "^~ route-table rtb-07a3c5e9b1d2f4068 \\(aws_route_table.private\\)\n    - route pl-[0-9a-f]+ -> gateway-endpoint vpce-0e7f8a9b0c1d2e3f4\n~ vpc-endpoint vpce-0e7f8a9b0c1d2e3f4 \\(aws_vpc_endpoint.s3\\)\n    - route table rtb-07a3c5e9b1d2f4068\n2 resources changed\n")
vpcsim_cli_test(diff_needs_after_unless_plan 2 ARGS diff ${VPCSIM_TF}/fixtures/state.json
  MATCH "\\[vpcsim.diff.missing_after\\] AFTER is required unless BEFORE is a Terraform plan")
vpcsim_cli_test(convert_terraform_plan 0 ARGS convert ${VPCSIM_TF_EXAMPLE} --to native
  MATCH "\"name\": \"aws_vpc_endpoint.ecr\\[\\\\\"ecr.api\\\\\"\\]\"")
vpcsim_cli_test(validate_terraform_state 0 ARGS validate ${VPCSIM_TF}/fixtures/state.json
  MATCH "account +210987654321\nregion +eu-west-1\n.*VPC endpoints +3\n.*0 errors, 1 warning\n$")
# Wrong input: exit 2 naming the file, the JSON pointer and the address.
vpcsim_cli_test(terraform_unknown_major 2 ARGS validate ${VPCSIM_TF}/bad/format-2.json
  MATCH "error: \\[vpcsim.terraform.unsupported_version\\] [^\n]*format-2.json /format_version: format_version 2.0 is not supported: vpcsim reads Terraform's JSON output format 0.1 to 1.x\n")
vpcsim_cli_test(terraform_bad_value 2 ARGS trace ${VPCSIM_TF}/bad/subnet-cidr-number.json --from x --to s3
  MATCH "error: \\[vpcsim.terraform.bad_value\\] [^\n]*subnet-cidr-number.json /values/root_module/resources/1/values/cidr_block \\(aws_subnet.app\\[0\\]\\): cidr_block must be a string, not 167772416\n")
vpcsim_cli_test(terraform_duplicate_key 2 ARGS validate ${VPCSIM_TF}/bad/duplicate-key.json
  MATCH "error: \\[vpcsim.import.duplicate_key\\] [^\n]*duplicate-key.json /planned_values/root_module/resources/0/values: duplicate key \"cidr_block\" in one object")
# TGW-1, TF-14: the default route table AWS creates with a transit gateway carries the VPCs'
# traffic; an attachment that opts out of the default association is blocked at the TGW.
vpcsim_cli_test(trace_terraform_tgw_default_table 0 ARGS trace ${VPCSIM_TF}/fixtures/tgw-default-tables.plan.json
  --from aws_instance.a --to aws_instance.b
  MATCH "tgw-rtb-[0-9a-f]+ \"aws_ec2_transit_gateway.hub default route table\" +transit-gateway-route-table route +10.2.0.0/16 -> tgw-attach-[0-9a-f]+ \\(propagated\\)\n.*REACHABLE via transit-gateway\n")
vpcsim_cli_test(trace_terraform_tgw_no_default_association 1 ARGS trace ${VPCSIM_TF}/fixtures/tgw-no-default-association.plan.json
  --from aws_instance.a --to aws_instance.b
  MATCH "NOT REACHABLE: TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION at tgw-attach-[0-9a-f]+ \"aws_ec2_transit_gateway_vpc_attachment.a\"\n")
# An Auto Scaling group's mixed instances policy: its launch template's group (egress 443 only) is
# the one traced, not the VPC's default group (which allows all egress).
vpcsim_cli_test(trace_terraform_asg_mixed_instances 1 ARGS trace ${VPCSIM_TF}/fixtures/asg-mixed-instances.plan.json
  --from aws_autoscaling_group.web --to 1.1.1.1 --port 80
  MATCH "NOT REACHABLE: [A-Z_]+ at sg-[0-9a-f]+ \"aws_security_group.web\"\n")
# TF-2: a link no reference settles (transit_gateway_id = local.hub_tgw_id) is a load warning, and
# the answer that crosses the route table it would have added to says so, naming address and attribute.
vpcsim_cli_test(trace_terraform_answer_names_unresolved_link 1 ARGS trace ${VPCSIM_TF}/fixtures/tgw-unresolved-route.plan.json
  --from aws_instance.a --to aws_instance.b --format json
  MATCH "\"warnings\": \\[\n +\"the answer depends on aws_route.a_to_b \\(in rtb-[0-9a-f]+ \\\\\"aws_route_table.a\\\\\"\\), whose transit_gateway_id could not be rebuilt from the plan \\(unknown until apply\\)\"\n")
# diff --from a workload, as trace --from: one representative interface per subnet on each side.
vpcsim_cli_test(diff_terraform_plan_from_workload 1 ARGS diff ${VPCSIM_TF}/fixtures/remove-s3-association.plan.json
  --from module.app.aws_ecs_service.api --to s3
  MATCH "^LOST  s3: gateway-endpoint -> blocked: NO_ROUTE_TO_DESTINATION at rtb-07a3c5e9b1d2f4068 \\(aws_route_table.private\\)\n.*2 flows changed \\(2 lost\\) in 1 group, of 2 compared from 2 sources; 2 resources changed\n$")
# aws_route53_resolver_endpoint (DNS-13): the FORWARD rule's answer names the endpoint by address.
vpcsim_cli_test(trace_terraform_resolver_endpoint 1 ARGS trace ${VPCSIM_TF}/fixtures/resolver-endpoint.plan.json
  --from aws_instance.app --to db.onprem.example.com
  MATCH "NOT REACHABLE: DNS_FORWARDED at rslvr-rr-[0-9a-f]+ \"aws_route53_resolver_rule.onprem\"\n.*through rslvr-out-[0-9a-f]+ \"aws_route53_resolver_endpoint.out\", outside the input")
