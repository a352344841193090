# CLI tests of vpcsim diff: exit statuses (0 nothing changed, 1 something changed, 2 bad input),
# --fail-on, the same output for any --jobs, golden text, CSV and Markdown, JUnit against its XSD.
# The designs are tests/data/diff/base.jsonc and its edited copies (one change each).
set(VPCSIM_DIFF ${CMAKE_CURRENT_SOURCE_DIR}/../data/diff)
set(VPCSIM_DIFF_BASE ${VPCSIM_DIFF}/base.jsonc)
set(VPCSIM_DIFF_TO s3,dynamodb,ecr,203.0.113.25)

vpcsim_cli_test(diff_against_itself_is_empty 0 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF_BASE}
  MATCH "^0 flows changed, of 15 compared from 3 sources; 0 resources changed\n$")
vpcsim_cli_test(diff_resources_against_itself_is_empty 0 ARGS diff --resources ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF_BASE}
  MATCH "^no resource changed\n$")
vpcsim_cli_test(diff_sg_rule_removed_text 1 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/sg-rule-removed.jsonc
  EXPECTED diff_sg_rule_removed.txt)
vpcsim_cli_test(diff_nacl_entry_removed 1 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/nacl-entry-removed.jsonc --to ${VPCSIM_DIFF_TO}
  MATCH "^LOST  s3: gateway-endpoint -> blocked: SUBNET_ACL_RESTRICTION at acl-[0-9a-f]+ \\(private-acl\\)\n.*\n        - inbound #110 allow tcp 1024-65535 0.0.0.0/0\n.*\n12 flows changed \\(12 lost\\) in 4 groups, of 18 compared from 3 sources; 1 resource changed\n$")
vpcsim_cli_test(diff_route_removed 1 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/route-removed.jsonc --to ${VPCSIM_DIFF_TO}
  MATCH "^LOST  203.0.113.25: nat-gateway -> blocked: NO_ROUTE_TO_DESTINATION at rtb-[0-9a-f]+ \\(private-b-rt\\)\n  rule after:  no route matches 203.0.113.25\n  1 instance in subnet subnet-[0-9a-f]+ \\(private-b\\), sg sg-[0-9a-f]+ \\(app\\): i-[0-9a-f]+\n")
vpcsim_cli_test(diff_private_dns_off 1 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/private-dns-off.jsonc
  MATCH "^REROUTED  ecr.dkr \\(ecr\\): interface-endpoint -> nat-gateway\n.*    ~ vpc-endpoint vpce-[0-9a-f]+ \\(ecr-dkr\\)\n        private_dns_enabled: true -> false\n")
vpcsim_cli_test(diff_endpoint_policy 1 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/endpoint-policy.jsonc
  MATCH "^LOST  s3 \\(ecr\\): gateway-endpoint -> blocked: ENDPOINT_POLICY_DENY at vpce-[0-9a-f]+ \\(s3\\)\n  rule after:  no statement allows s3:GetObject on arn:aws:s3:::prod-us-east-1-starport-layer-bucket/\\*\n")
vpcsim_cli_test(diff_association_moved 1 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/association-moved.jsonc
  MATCH "^REROUTED  s3: gateway-endpoint -> nat-gateway\n.*REROUTED  dynamodb: gateway-endpoint -> nat-gateway\n.*REROUTED  s3 \\(ecr\\): gateway-endpoint -> nat-gateway\n.*\n3 flows changed \\(3 rerouted\\) in 3 groups")
vpcsim_cli_test(diff_nat_removed 1 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/nat-removed.jsonc --to ${VPCSIM_DIFF_TO}
  MATCH "^LOST  203.0.113.25: nat-gateway -> blocked: NO_ROUTE_TO_DESTINATION .*    - nat-gateway nat-[0-9a-f]+ \\(nat-a\\)\n.*\n3 flows changed \\(3 lost\\) in 2 groups, of 18 compared from 3 sources; 5 resources changed\n$")
# A change no flow crosses: exit 0, the resource change still listed.
vpcsim_cli_test(diff_unrelated_change 0 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/app-ingress-removed.jsonc
  MATCH "^resource changes:\n  ~ security-group sg-[0-9a-f]+ \\(app\\)\n      - inbound tcp 8080 from 10.0.0.0/16\n\n0 flows changed, of 15 compared from 3 sources; 1 resource changed\n$")
vpcsim_cli_test(diff_between_instances 1 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/app-ingress-removed.jsonc
  --between-instances --port 8080 --to s3
  MATCH "^LOST  instances in subnet subnet-[0-9a-f]+ \\(private-a\\): local -> blocked: SG_HAS_NO_RULES at sg-[0-9a-f]+ \\(app\\)\n")
vpcsim_cli_test(diff_resources_text 1 ARGS diff --resources ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/nat-removed.jsonc
  EXPECTED diff_resources_nat_removed.txt)

# --fail-on: exit 1 only for that kind of change.
vpcsim_cli_test(diff_fail_on_lost_ignores_rerouted 0 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/private-dns-off.jsonc --fail-on lost
  MATCH "^REROUTED  ecr.dkr \\(ecr\\): interface-endpoint -> nat-gateway  \\(not failing\\)\n")
vpcsim_cli_test(diff_fail_on_rerouted 1 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/private-dns-off.jsonc --fail-on rerouted
  MATCH "^REROUTED  ecr.dkr \\(ecr\\): interface-endpoint -> nat-gateway\n")
vpcsim_cli_test(diff_fail_on_rerouted_ignores_lost 0 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/sg-rule-removed.jsonc --fail-on rerouted
  MATCH "^LOST  ecr.api \\(ecr\\): [^\n]*  \\(not failing\\)\n")
vpcsim_cli_test(diff_fail_on_lost 1 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/sg-rule-removed.jsonc --fail-on lost
  MATCH "^LOST  ecr.api \\(ecr\\): ")
vpcsim_cli_test(diff_fail_on_any 1 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/private-dns-off.jsonc --fail-on any
  MATCH "^REROUTED  ")
vpcsim_cli_test(diff_fail_on_lost_nothing_changed 0 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF_BASE} --fail-on lost
  MATCH "^0 flows changed")

# The same output for any --jobs; CSV and Markdown against golden files.
vpcsim_cli_test(diff_csv_one_job 1 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/nacl-entry-removed.jsonc --to ${VPCSIM_DIFF_TO}
  --between-instances --format csv --jobs 1 EXPECTED diff_nacl_entry_removed.csv)
vpcsim_cli_test(diff_csv_four_jobs 1 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/nacl-entry-removed.jsonc --to ${VPCSIM_DIFF_TO}
  --between-instances --format csv --jobs 4 EXPECTED diff_nacl_entry_removed.csv)
vpcsim_cli_test(diff_text_one_job 1 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/sg-rule-removed.jsonc --jobs 1
  EXPECTED diff_sg_rule_removed.txt)
vpcsim_cli_test(diff_text_two_jobs 1 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/sg-rule-removed.jsonc --jobs 2
  EXPECTED diff_sg_rule_removed.txt)
vpcsim_cli_test(diff_markdown 1 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/association-moved.jsonc --format markdown
  EXPECTED diff_association_moved.md)
vpcsim_cli_test(diff_markdown_nothing_changed 0 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF_BASE} --format markdown
  MATCH "^### vpcsim diff: no change to reachability\n\n0 flows changed, of 15 compared from 3 sources; 0 resources changed.\n$")

# SARIF (validated against the schema in intents_matrix_lint.cmake): a lost flow is an error located
# at the changed group's line in the AFTER design; a rerouted one a warning.
vpcsim_cli_test(diff_sarif_lost_is_an_error 1 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/sg-rule-removed.jsonc --format sarif
  MATCH "\"results\": \\[\n        {\n          \"level\": \"error\",\n          \"locations\": \\[\n            {\n              \"logicalLocations\": \\[\n                {\n                  \"kind\": \"resource\",\n                  \"name\": \"sg-[0-9a-f]+ \\(endpoints\\)\"\n                }\n              \\],\n              \"physicalLocation\": {\n                \"artifactLocation\": {\n                  \"uri\": \"[^\"]*sg-rule-removed.jsonc\"\n                },\n                \"region\": {\n                  \"startColumn\": [0-9]+,\n                  \"startLine\": [0-9]+\n")
vpcsim_cli_test(diff_sarif_rerouted_is_a_warning 1 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/private-dns-off.jsonc --format sarif
  MATCH "\"level\": \"warning\",.*\"text\": \"REROUTED  ecr.dkr \\(ecr\\): interface-endpoint -> nat-gateway: 3 flows from 2 subnets; explained by: changed vpc-endpoint vpce-[0-9a-f]+ \\(ecr-dkr\\)\".*\"ruleId\": \"VPCSIM-DIFF-REROUTED\"")
# On AWS CLI captures a result points at the changed group's object in its describe-* file: line 64,
# column 3 of the broken example's SecurityGroups.json (its JSON pointer, found when SARIF is written).
vpcsim_cli_test(diff_sarif_capture_located_by_line 1 ARGS diff ${CMAKE_CURRENT_SOURCE_DIR}/../../examples/ecr-private-subnet
  ${CMAKE_CURRENT_SOURCE_DIR}/../../examples/ecr-private-subnet-broken --format sarif
  MATCH "\"name\": \"sg-0f22222222222222c \\(endpoints\\)\"\n +}\n +\\],\n +\"physicalLocation\": {\n +\"artifactLocation\": {\n +\"uri\": \"[^\"]*ecr-private-subnet-broken/us-east-1/SecurityGroups.json\"\n +},\n +\"region\": {\n +\"startColumn\": 3,\n +\"startLine\": 64\n")
vpcsim_cli_test(diff_resources_sarif_refused 2 ARGS diff --resources ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF_BASE} --format sarif
  MATCH "vpcsim: \\[vpcsim.diff.bad_format\\] --resources prints text, json or markdown; csv, junit and sarif")

# Bad input and usage: exit 2 with a message naming the file, the option or the selector.
vpcsim_cli_test(diff_missing_after 2 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF}/no-such.jsonc
  MATCH "error: \\[vpcsim.import.unreadable\\] [^\n]*no-such.jsonc: cannot read")
vpcsim_cli_test(diff_bad_design 2 ARGS diff ${VPCSIM_DIFF_BASE} ${CMAKE_CURRENT_SOURCE_DIR}/../data/designs/undefined-nat.jsonc
  MATCH "error: \\[vpcsim.design.undefined_reference\\] [^\n]*undefined-nat.jsonc")
vpcsim_cli_test(diff_one_input 2 ARGS diff ${VPCSIM_DIFF_BASE} MATCH "AFTER is required")
vpcsim_cli_test(diff_unknown_selector 2 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF_BASE} --from tag:Role=web
  MATCH "vpcsim: \\[vpcsim.selector.no_match\\] 'tag:Role=web' \\(tag\\) matches no instance")
vpcsim_cli_test(diff_unknown_destination 2 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF_BASE} --to nowhere.invalid
  MATCH "vpcsim: \\[vpcsim.trace.unknown_destination\\] cannot resolve 'nowhere.invalid' offline")
vpcsim_cli_test(diff_resources_csv_refused 2 ARGS diff --resources ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF_BASE} --format csv
  MATCH "vpcsim: \\[vpcsim.diff.bad_format\\] --resources prints text, json or markdown")
vpcsim_cli_test(diff_resources_fail_on_lost_refused 2 ARGS diff --resources ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF_BASE} --fail-on lost
  MATCH "vpcsim: \\[vpcsim.diff.bad_fail_on\\] --fail-on lost concerns flows")
vpcsim_cli_test(diff_bad_fail_on 2 ARGS diff ${VPCSIM_DIFF_BASE} ${VPCSIM_DIFF_BASE} --fail-on gained
  MATCH "--fail-on: gained not in")

# The README's GitHub Actions recipe parses, is quoted verbatim, and its diff command works.
add_test(NAME cli_diff_github_actions_recipe
  COMMAND ${VPCSIM_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/check_diff_workflow.py
          ${PROJECT_SOURCE_DIR}/docs/ci/github-actions-vpcsim-diff.yml ${PROJECT_SOURCE_DIR}/README.md
          ${PROJECT_SOURCE_DIR} $<TARGET_FILE:vpcsim_cli>)
