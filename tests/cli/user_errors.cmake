# Issue 19 through the CLI, one table: what a user gets wrong is refused with exit 2 and a message
# saying what was expected; warnings become errors under --strict.
set(VPCSIM_UE ${CMAKE_CURRENT_SOURCE_DIR}/../data/user-errors)
set(VPCSIM_UE_DESIGN ${CMAKE_CURRENT_SOURCE_DIR}/../../examples/designs/ecr-private-subnet.jsonc)
set(VPCSIM_UE_CAPTURE ${CMAKE_CURRENT_SOURCE_DIR}/../data/corpus/batfish-aws/test-vpc-endpoint-gateway)

# One case a line: name, exit status, regex on stdout+stderr, then the arguments.
vpcsim_cli_test(json_neither_design_nor_capture 2 MATCH "error: \\[vpcsim.import.not_recognised\\] [^\n]*caller-identity.json: neither a native design nor a recognised AWS CLI response: expected \"vpcsim\": 1 \\(a design\\) or a describe-\\* response's top-level key \\(Vpcs, [^\n]*\\)\n"
  ARGS validate ${VPCSIM_UE}/caller-identity.json)
vpcsim_cli_test(json_like_a_design_suggests_marker 2 MATCH "design-without-marker.json: neither [^\n]*; this looks like a design: add \"vpcsim\": 1 at its top level\n"
  ARGS trace ${VPCSIM_UE}/design-without-marker.json --from app-a --to s3)
vpcsim_cli_test(directory_without_recognised_resource 2 MATCH "error: \\[vpcsim.import.not_recognised\\] [^\n]*only-caller-identity: neither a native design nor a recognised AWS CLI response"
  ARGS lint ${VPCSIM_UE}/only-caller-identity)
vpcsim_cli_test(intents_unknown_field_did_you_mean 2 MATCH "^vpcsim: \\[vpcsim.intents.unknown_field\\] [^\n]*intents-misspelt-field.json /intents/0/expected \\(intent 'app reaches s3'\\): unknown field 'expected'; did you mean 'expect'\\? \\(fields: name, from, to, port, protocol, expect, via, blocked_by, action, resource, ip_version, description\\)\n$"
  ARGS check ${VPCSIM_UE_DESIGN} --intents ${VPCSIM_UE}/intents-misspelt-field.json)
vpcsim_cli_test(intents_unknown_top_level_did_you_mean 2 MATCH "^vpcsim: \\[vpcsim.intents.unknown_field\\] [^\n]*intents-misspelt-top.json /intent: unknown field 'intent'; did you mean 'intents'\\?"
  ARGS check ${VPCSIM_UE_DESIGN} --intents ${VPCSIM_UE}/intents-misspelt-top.json)
vpcsim_cli_test(strict_validate_warnings_are_errors 2 MATCH "error: \\[vpcsim.import.unsupported_resource\\] [^\n]*VpnConnections.json /VpnConnections: 'VpnConnections' is not modelled by vpcsim, ignored\n12 errors, 0 warnings\n$"
  ARGS validate --strict ${VPCSIM_UE_CAPTURE})
vpcsim_cli_test(without_strict_warnings_pass 0 MATCH "\n0 errors, 12 warnings\n$"
  ARGS validate ${VPCSIM_UE_CAPTURE})
vpcsim_cli_test(strict_trace_refuses_input_with_warnings 2 MATCH "^error: \\[vpcsim.import.unsupported_resource\\]"
  ARGS trace --strict ${VPCSIM_UE_CAPTURE} --from 10.1.1.10 --to s3)
vpcsim_cli_test(strict_show 2 MATCH "error: \\[vpcsim.import"
  ARGS show --strict ${VPCSIM_UE_CAPTURE})
vpcsim_cli_test(strict_lint 2 MATCH "error: \\[vpcsim.import"
  ARGS lint --strict ${VPCSIM_UE_CAPTURE})
vpcsim_cli_test(strict_matrix 2 MATCH "error: \\[vpcsim.import"
  ARGS matrix --strict ${VPCSIM_UE_CAPTURE})
vpcsim_cli_test(strict_graph 2 MATCH "error: \\[vpcsim.import"
  ARGS graph --strict ${VPCSIM_UE_CAPTURE})
vpcsim_cli_test(strict_convert 2 MATCH "error: \\[vpcsim.import"
  ARGS convert --strict ${VPCSIM_UE_CAPTURE} --to native)
vpcsim_cli_test(strict_diff 2 MATCH "error: \\[vpcsim.import"
  ARGS diff --strict ${VPCSIM_UE_CAPTURE} ${VPCSIM_UE_CAPTURE})
vpcsim_cli_test(strict_check 2 MATCH "error: \\[vpcsim.import"
  ARGS check --strict ${VPCSIM_UE_CAPTURE} --intents ${CMAKE_CURRENT_SOURCE_DIR}/../data/intents/base.json)
vpcsim_cli_test(strict_clean_design_passes 0 MATCH "\n0 errors, 0 warnings\n$"
  ARGS validate --strict ${VPCSIM_UE_DESIGN})

# convert --to aws: a non-empty --out is refused; --force replaces the earlier capture, stale files too.
add_test(NAME cli_convert_out_not_empty_needs_force
  COMMAND ${CMAKE_COMMAND} -DVPCSIM=$<TARGET_FILE:vpcsim_cli> -DDESIGN=${VPCSIM_UE_DESIGN}
          -DOUT=${CMAKE_CURRENT_BINARY_DIR}/convert-force -P ${CMAKE_CURRENT_SOURCE_DIR}/convert_force.cmake)

# The command line as people expect it: a mistyped subcommand is named, --version says what was
# built, services and completion print what the command line knows, and INPUT - reads stdin.
vpcsim_cli_test(unknown_subcommand_did_you_mean 2 MATCH "^vpcsim: unknown subcommand 'trcae'; did you mean 'trace'\\?\n$"
  ARGS trcae)
vpcsim_cli_test(unknown_subcommand_far_from_any 2 MATCH "^vpcsim: unknown subcommand 'deploy'; run vpcsim --help for the list\n$"
  ARGS deploy)
vpcsim_cli_test(version_names_commit_and_build 0 MATCH "^vpcsim [0-9]+\\.[0-9]+\\.[0-9]+ \\(commit ([0-9a-f]+|unknown), [A-Za-z]+ build\\)\n$"
  ARGS --version)
vpcsim_cli_test(services_lists_endpoint_types_and_hostnames 0 MATCH "\necr\\.api +interface +api\\.ecr\\.eu-west-1\\.amazonaws\\.com\n.*\ns3 +gateway, interface +s3\\.eu-west-1\\.amazonaws\\.com\n"
  ARGS services --region eu-west-1)
vpcsim_cli_test(services_json 0 MATCH "\"schema_version\": 1.*\"name\": \"dynamodb\""
  ARGS services --format json)
vpcsim_cli_test(completion_bash_knows_subcommands_and_options 0 MATCH "compgen -W \"validate show trace graph check matrix diff lint convert exercise generate services completion --help --version\".*    trace\\) [^\n]*--strict [^\n]*--from "
  ARGS completion bash)
vpcsim_cli_test(completion_zsh 0 MATCH "^#compdef vpcsim\n" ARGS completion zsh)
vpcsim_cli_test(completion_fish 0 MATCH "complete -c vpcsim -n '__fish_seen_subcommand_from matrix' -l shard\n" ARGS completion fish)
vpcsim_cli_test(completion_unknown_shell 2 MATCH "SHELL: tcsh not in \\{bash,zsh,fish\\}" ARGS completion tcsh)
vpcsim_cli_test(help_says_input_may_be_a_design_and_names 0 MATCH "INPUT TEXT REQUIRED +A native design \\(.json/.jsonc\\), AWS CLI captures.*Resources may be named by id or by the names the input gives them"
  ARGS trace --help)
# INPUT -: a design, or one AWS response, on standard input (run by stdin.cmake with INPUT_FILE).
function(vpcsim_stdin_test name file match)
  string(REPLACE ";" "|" args "${ARGN}")
  add_test(NAME cli_stdin_${name}
    COMMAND ${CMAKE_COMMAND} -DVPCSIM=$<TARGET_FILE:vpcsim_cli> "-DARGS=${args}" -DINPUT_FILE=${file} "-DMATCH=${match}"
            -P ${CMAKE_CURRENT_SOURCE_DIR}/stdin.cmake)
endfunction()
vpcsim_stdin_test(design ${VPCSIM_UE_DESIGN} "REACHABLE: every leg arrives" trace - --from app-1 --to ecr)
vpcsim_stdin_test(aws_response ${VPCSIM_UE_CAPTURE}/us-east-1/Vpcs.json "vpcs +1\n" validate -)
vpcsim_stdin_test(not_json ${VPCSIM_UE}/README.md "\\[vpcsim.(import|design).not_json\\] <stdin>: not JSON" validate -)
# The man page, generated by help2man at build time when it is installed (scripts/setup.sh).
if(HELP2MAN)
  add_test(NAME cli_man_page COMMAND ${CMAKE_COMMAND} -DPAGE=${PROJECT_BINARY_DIR}/vpcsim.1 -P ${CMAKE_CURRENT_SOURCE_DIR}/man_page.cmake)
endif()
