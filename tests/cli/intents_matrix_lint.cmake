# CLI tests of vpcsim check, matrix and lint: exit statuses, summary lines, golden files, and the
# JUnit and SARIF reports validated against their schemas (tests/schemas/README.md).
set(VPCSIM_LINT_DESIGNS ${CMAKE_CURRENT_SOURCE_DIR}/../data/lint)
set(VPCSIM_BASE ${VPCSIM_LINT_DESIGNS}/base)
set(VPCSIM_INTENTS ${CMAKE_CURRENT_SOURCE_DIR}/../data/intents)
set(VPCSIM_SCHEMAS ${CMAKE_CURRENT_SOURCE_DIR}/../schemas)
set(VPCSIM_ECR ${PROJECT_SOURCE_DIR}/examples/ecr-private-subnet)
set(VPCSIM_CI ${PROJECT_SOURCE_DIR}/docs/ci)

# -- vpcsim check: 0 when every intent holds, 1 when one fails, 2 on bad input ----------------------
vpcsim_cli_test(check_ci_example_passes 0 ARGS check ${VPCSIM_ECR} --intents ${VPCSIM_CI}/intents.json
  MATCH "^PASS  app pulls images from ECR: i-0b11111111111111a \"app-1\" -> ecr \\(tcp 443\\): reachable: ecr.api via interface-endpoint, ecr.dkr via interface-endpoint, s3 via gateway-endpoint\n.*\n4 passed, 0 failed\n$")
vpcsim_cli_test(check_ci_example_on_broken_design 1 ARGS check ${VPCSIM_ECR}-broken --intents ${VPCSIM_CI}/intents.json
  MATCH "\nFAIL  ECR API stays on PrivateLink: i-0b11111111111111a \"app-1\" -> ecr.api \\(tcp 443\\): expected reachable. blocked: SG_HAS_NO_RULES at sg-0f22222222222222c \"endpoints\": [^\n]+\n.*\n2 passed, 2 failed\n$")
vpcsim_cli_test(check_every_selector_text 1 ARGS check ${VPCSIM_BASE} --intents ${VPCSIM_INTENTS}/base.json
  EXPECTED check_base.expected)
vpcsim_cli_test(check_json 1 ARGS check ${VPCSIM_BASE} --intents ${VPCSIM_INTENTS}/base.json --format json
  MATCH "\"passed\": 7,\n  \"results\": \\[\n")
vpcsim_cli_test(check_bad_intents_file 2 ARGS check ${VPCSIM_BASE} --intents ${VPCSIM_INTENTS}/bad-via.json
  MATCH "^vpcsim: \\[vpcsim.names.unknown\\] [^\n]*bad-via.json /intents/1/via \\(intent 's3 never through NAT'\\): no resource in the input has the id or name 'gateway'; resources in the input: [^\n]*; or a via kind: interface-endpoint, gateway-endpoint, nat-gateway, internet-gateway, local, peering, transit-gateway, virtual-private-gateway\n$")
vpcsim_cli_test(check_unknown_source 2 ARGS check ${VPCSIM_BASE} --intents ${VPCSIM_INTENTS}/unknown-source.json
  MATCH "^vpcsim: \\[vpcsim.selector.no_match\\] [^\n]*unknown-source.json /intents/0/from \\(intent 'web reaches s3'\\): 'tag:Role=web' \\(tag\\) matches no instance with a network interface \\(tag Role=web\\)\n$")
vpcsim_cli_test(check_missing_intents_file 2 ARGS check ${VPCSIM_BASE} --intents ${VPCSIM_INTENTS}/no-such.json
  MATCH "\\[vpcsim.intents.unreadable\\] [^\n]*no-such.json: cannot read: No such file or directory")
vpcsim_cli_test(check_without_intents 2 ARGS check ${VPCSIM_BASE} MATCH "--intents is required")
vpcsim_cli_test(check_missing_input 2 ARGS check ${VPCSIM_LINT_DESIGNS}/no-such-design --intents ${VPCSIM_CI}/intents.json
  MATCH "\\[vpcsim.import.unreadable\\]")

# -- vpcsim matrix: the same output whatever --jobs; shards partition the sources --------------------
set(VPCSIM_MATRIX_TO s3,dynamodb,ecr,203.0.113.25)
vpcsim_cli_test(matrix_csv_one_job 0 ARGS matrix ${VPCSIM_BASE} --to ${VPCSIM_MATRIX_TO} --format csv --jobs 1
  EXPECTED matrix_base.csv)
vpcsim_cli_test(matrix_csv_four_jobs 0 ARGS matrix ${VPCSIM_BASE} --to ${VPCSIM_MATRIX_TO} --format csv --jobs 4
  EXPECTED matrix_base.csv)
vpcsim_cli_test(matrix_text 0 ARGS matrix ${VPCSIM_BASE} --to ${VPCSIM_MATRIX_TO} EXPECTED matrix_base.txt)
# --timings: each step's wall time on stderr, after the table on stdout (csv writes its rows as the
# flows are done: one step).
vpcsim_cli_test(matrix_timings 0 ARGS matrix ${VPCSIM_BASE} --to ${VPCSIM_MATRIX_TO} --format csv --timings
  MATCH "^source,destination,[^\n]*\n.*timings: import [0-9.]+ s, sources [0-9.]+ s, compile [0-9.]+ s, flows and output [0-9.]+ s \\([0-9,]+ classes for [0-9,]+ sources\\), total [0-9.]+ s, [0-9.]+ s after import\n$")
vpcsim_cli_test(matrix_shard_1_of_2 0 ARGS matrix ${VPCSIM_BASE} --to ${VPCSIM_MATRIX_TO} --format csv --shard 1/2
  EXPECTED matrix_base_shard_1_of_2.csv)
vpcsim_cli_test(matrix_shard_2_of_2 0 ARGS matrix ${VPCSIM_BASE} --to ${VPCSIM_MATRIX_TO} --format csv --shard 2/2
  EXPECTED matrix_base_shard_2_of_2.csv)
vpcsim_cli_test(matrix_from_selectors_in_order 0 ARGS matrix ${VPCSIM_BASE} --from tag:Role=app --from ops-1,app-1
  --to s3 --format csv
  MATCH "^source,destination,reachable,via,blocked_code,blocked_component\ni-0c1a00000000000a1,s3,true,gateway-endpoint,,\ni-0c1a00000000000b1,s3,true,gateway-endpoint,,\ni-0c1a00000000000a2,s3,true,gateway-endpoint,,\n$")
vpcsim_cli_test(matrix_json 0 ARGS matrix ${VPCSIM_BASE} --from app-1 --to s3 --format json
  MATCH "^\\[\n  {\n    \"blocked_by\": null,\n    \"from\": \"i-0c1a00000000000a1\",\n")
# --format json is written as the cells are answered: the same bytes as the whole array dumped at once
# (matrix_base.json was printed by the build before streaming), whatever --jobs.
vpcsim_cli_test(matrix_json_one_job 0 ARGS matrix ${VPCSIM_BASE} --to ${VPCSIM_MATRIX_TO} --format json --jobs 1
  EXPECTED matrix_base.json)
vpcsim_cli_test(matrix_json_three_jobs 0 ARGS matrix ${VPCSIM_BASE} --to ${VPCSIM_MATRIX_TO} --format json --jobs 3
  EXPECTED matrix_base.json)
# A destination that does not resolve: the error alone, no partial array (the first row is held).
vpcsim_cli_test(matrix_json_unknown_destination_prints_no_cell 2 ARGS matrix ${VPCSIM_BASE} --to s3,nowhere.invalid --format json
  MATCH "^vpcsim: \\[vpcsim.trace.unknown_destination\\] cannot resolve 'nowhere.invalid' offline")
# The same for csv: its rows are written as they are done, but only once every destination resolved.
vpcsim_cli_test(matrix_csv_unknown_destination_prints_no_row 2 ARGS matrix ${VPCSIM_BASE} --to s3,nowhere.invalid --format csv
  MATCH "^vpcsim: \\[vpcsim.trace.unknown_destination\\] cannot resolve 'nowhere.invalid' offline")
vpcsim_cli_test(matrix_json_no_cell 0 ARGS matrix ${VPCSIM_BASE} --shard 1/9 --from app-1 --format json MATCH "^\\[\\]\n$")
# --format jsonl: one compact answer object per line, the cells of --format json in order (the
# schema check of each line is in tests/api).
vpcsim_cli_test(matrix_jsonl 0 ARGS matrix ${VPCSIM_BASE} --from app-1 --to s3,ecr --format jsonl
  MATCH "^{\"blocked_by\":null,\"from\":\"i-0c1a00000000000a1\",[^\n]*\"to\":\"s3\",[^\n]*}\n{\"blocked_by\":null,[^\n]*\"legs\":\\[{[^\n]*\"to\":\"ecr\",[^\n]*}\n$")
find_program(VPCSIM_PYTHON3 python3 HINTS /usr/bin)
add_test(NAME cli_matrix_jsonl_lines_are_the_json_cells
  COMMAND ${VPCSIM_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/check_matrix_jsonl.py $<TARGET_FILE:vpcsim_cli>
          matrix ${VPCSIM_ECR} --to s3,dynamodb,ecr,logs,203.0.113.25 --paths)
vpcsim_cli_test(matrix_json_paths 0 ARGS matrix ${VPCSIM_BASE} --from app-1 --to s3 --format json --paths
  MATCH "\"path\": \\[\n")
vpcsim_cli_test(matrix_bad_shard 2 ARGS matrix ${VPCSIM_BASE} --shard 3/2
  MATCH "vpcsim: \\[vpcsim.matrix.bad_shard\\] shard '3/2' is not i/n with 1 <= i <= n \\(for example 2/4\\)")
vpcsim_cli_test(matrix_unknown_destination 2 ARGS matrix ${VPCSIM_BASE} --to nowhere.invalid
  MATCH "vpcsim: \\[vpcsim.trace.unknown_destination\\] cannot resolve 'nowhere.invalid' offline")

# -- vpcsim lint: 0 without error findings, 1 with any, 2 on bad input -------------------------------
vpcsim_cli_test(lint_clean_design 0 ARGS lint ${VPCSIM_BASE} MATCH "^0 errors, 0 warnings\n$")
vpcsim_cli_test(lint_errors 1 ARGS lint ${VPCSIM_ECR}-broken
  MATCH "^error VPCSIM-L003 endpoint-sg-no-https-from-clients at sg-0f22222222222222c \"endpoints\"\n.*\n2 errors, 0 warnings\n$")
vpcsim_cli_test(lint_warnings_only 0 ARGS lint ${VPCSIM_LINT_DESIGNS}/route-shadows-prefix-list/fail
  MATCH "^warning VPCSIM-L007 route-shadows-prefix-list at rtb-0c1a000000000000c \"private-a\"\n.*\n0 errors, 1 warning\n$")
vpcsim_cli_test(lint_json 1 ARGS lint ${VPCSIM_LINT_DESIGNS}/ecr-no-s3-path/fail --format json
  MATCH "\"errors\": 2,\n  \"findings\": \\[\n    {\n      \"aws_rule\": \"ECR-1, ECR-10, ECR-10a, GW-6\",")
vpcsim_cli_test(lint_missing_input 2 ARGS lint ${VPCSIM_LINT_DESIGNS}/no-such-design MATCH "\\[vpcsim.import.unreadable\\]")
vpcsim_cli_test(lint_bad_format 2 ARGS lint ${VPCSIM_BASE} --format xml MATCH "--format: xml not in")
# Suppressions: --disable, --severity, and a design's own "lint": {"ignore"}; they are counted, not listed.
vpcsim_cli_test(lint_disable 0 ARGS lint ${VPCSIM_ECR}-broken --disable L003,VPCSIM-L012
  MATCH "^0 errors, 0 warnings \\(2 suppressed\\)\n$")
vpcsim_cli_test(lint_severity_error_drops_warnings 0 ARGS lint ${VPCSIM_LINT_DESIGNS}/route-shadows-prefix-list/fail --severity error
  MATCH "^0 errors, 0 warnings\n$")
vpcsim_cli_test(lint_disable_unknown_rule 2 ARGS lint ${VPCSIM_BASE} --disable L30
  MATCH "\\[vpcsim.lint.unknown_rule\\] no lint rule 'L30'; did you mean 'L003'\\?")
vpcsim_cli_test(lint_design_inline_ignore 0 ARGS lint ${CMAKE_CURRENT_SOURCE_DIR}/../data/designs/lint-ignore.jsonc
  MATCH "^0 errors, 0 warnings \\(2 suppressed\\)\n$")

# -- Reports against their schemas; the invalid samples prove the validators can fail -------------
find_program(VPCSIM_XMLLINT xmllint)
find_program(VPCSIM_PYTHON3 python3 HINTS /usr/bin)
set(VPCSIM_SARIF_CHECK ${VPCSIM_PYTHON3} ${VPCSIM_SCHEMAS}/validate_json_schema.py ${VPCSIM_SCHEMAS}/sarif-2.1.0.json)
set(VPCSIM_JUNIT_CHECK ${VPCSIM_XMLLINT} --noout --schema ${VPCSIM_SCHEMAS}/jenkins-junit.xsd)

function(vpcsim_report_test name status output stdout)
  cmake_parse_arguments(PARSE_ARGV 4 T "" "" "ARGS;VALIDATOR")
  # As in vpcsim_cli_test: lists travel |-separated, or add_test would split them.
  string(REPLACE ";" "|" args "${T_ARGS}")
  string(REPLACE ";" "|" validator "${T_VALIDATOR}")
  add_test(NAME cli_${name}
    COMMAND ${CMAKE_COMMAND} -DVPCSIM=$<TARGET_FILE:vpcsim_cli> "-DARGS=${args}" -DSTATUS=${status}
            -DOUTPUT=${CMAKE_CURRENT_BINARY_DIR}/${output} -DSTDOUT=${stdout} "-DVALIDATOR=${validator}"
            -P ${CMAKE_CURRENT_SOURCE_DIR}/validate_output.cmake)
endfunction()

vpcsim_report_test(check_junit_schema 1 check-base.xml OFF
  ARGS check ${VPCSIM_BASE} --intents ${VPCSIM_INTENTS}/base.json --junit ${CMAKE_CURRENT_BINARY_DIR}/check-base.xml
  VALIDATOR ${VPCSIM_JUNIT_CHECK})
vpcsim_report_test(lint_sarif_schema 1 lint-detached.sarif ON
  ARGS lint ${VPCSIM_LINT_DESIGNS}/route-target-unusable/fail-igw-detached --format sarif
  VALIDATOR ${VPCSIM_SARIF_CHECK})
vpcsim_report_test(lint_sarif_schema_clean 0 lint-base.sarif ON ARGS lint ${VPCSIM_BASE} --format sarif
  VALIDATOR ${VPCSIM_SARIF_CHECK})
# A design's findings carry a region (line and column); a suppressed one its suppression.
vpcsim_report_test(lint_sarif_schema_design 0 lint-design.sarif ON
  ARGS lint ${CMAKE_CURRENT_SOURCE_DIR}/../data/designs/lint-ignore.jsonc --format sarif
  VALIDATOR ${VPCSIM_SARIF_CHECK})
# A capture's findings are located at the file that describes the resource, at the line and column
# of its object (`/SecurityGroups/3` of capture.json, read again when the SARIF is written).
vpcsim_cli_test(lint_sarif_capture_region 1
  ARGS lint ${VPCSIM_LINT_DESIGNS}/endpoint-sg-no-https-from-clients/fail --format sarif
  MATCH "\"uri\": \"[^\"]*endpoint-sg-no-https-from-clients/fail/us-east-1/capture.json\"\n *},\n *\"region\": {\n *\"startColumn\": 5,\n *\"startLine\": 584\n")
vpcsim_report_test(lint_sarif_schema_capture 1 lint-capture.sarif ON
  ARGS lint ${VPCSIM_LINT_DESIGNS}/endpoint-sg-no-https-from-clients/fail --format sarif
  VALIDATOR ${VPCSIM_SARIF_CHECK})
# vpcsim diff --format junit: one test case per group of changed flows; one passing case when none.
vpcsim_report_test(diff_junit_schema 1 diff-sg-rule-removed.xml ON
  ARGS diff ${VPCSIM_LINT_DESIGNS}/../diff/base.jsonc ${VPCSIM_LINT_DESIGNS}/../diff/sg-rule-removed.jsonc --format junit
  VALIDATOR ${VPCSIM_JUNIT_CHECK})
vpcsim_report_test(diff_junit_schema_nothing_changed 0 diff-nothing.xml ON
  ARGS diff ${VPCSIM_LINT_DESIGNS}/../diff/base.jsonc ${VPCSIM_LINT_DESIGNS}/../diff/base.jsonc --format junit
  VALIDATOR ${VPCSIM_JUNIT_CHECK})
# vpcsim diff --format sarif: one result per group of changed flows; an empty run when none.
vpcsim_report_test(diff_sarif_schema 1 diff-sg-rule-removed.sarif ON
  ARGS diff ${VPCSIM_LINT_DESIGNS}/../diff/base.jsonc ${VPCSIM_LINT_DESIGNS}/../diff/sg-rule-removed.jsonc --format sarif
  VALIDATOR ${VPCSIM_SARIF_CHECK})
vpcsim_report_test(diff_sarif_schema_rerouted 1 diff-private-dns-off.sarif ON
  ARGS diff ${VPCSIM_LINT_DESIGNS}/../diff/base.jsonc ${VPCSIM_LINT_DESIGNS}/../diff/private-dns-off.jsonc --format sarif
  VALIDATOR ${VPCSIM_SARIF_CHECK})
# Two AWS CLI captures: results carry the region of the changed resource's object (diff.cmake).
vpcsim_report_test(diff_sarif_schema_captures 1 diff-captures.sarif ON
  ARGS diff ${CMAKE_CURRENT_SOURCE_DIR}/../../examples/ecr-private-subnet
  ${CMAKE_CURRENT_SOURCE_DIR}/../../examples/ecr-private-subnet-broken --format sarif
  VALIDATOR ${VPCSIM_SARIF_CHECK})
vpcsim_report_test(diff_sarif_schema_nothing_changed 0 diff-nothing.sarif ON
  ARGS diff ${VPCSIM_LINT_DESIGNS}/../diff/base.jsonc ${VPCSIM_LINT_DESIGNS}/../diff/base.jsonc --format sarif
  VALIDATOR ${VPCSIM_SARIF_CHECK})
add_test(NAME cli_check_junit_schema_rejects_invalid
  COMMAND ${VPCSIM_JUNIT_CHECK} ${VPCSIM_SCHEMAS}/invalid-junit.xml)
add_test(NAME cli_lint_sarif_schema_rejects_invalid COMMAND ${VPCSIM_SARIF_CHECK} ${VPCSIM_SCHEMAS}/invalid.sarif)
set_tests_properties(cli_check_junit_schema_rejects_invalid cli_lint_sarif_schema_rejects_invalid PROPERTIES WILL_FAIL TRUE)

# -- The GitHub Actions example of the README parses and its check step passes ---------------------
add_test(NAME cli_check_github_actions_example
  COMMAND ${VPCSIM_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/check_workflow.py ${VPCSIM_CI}/github-actions-vpcsim-check.yml
          ${PROJECT_SOURCE_DIR} $<TARGET_FILE:vpcsim_cli> ${CMAKE_CURRENT_BINARY_DIR})
