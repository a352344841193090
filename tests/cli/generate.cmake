# vpcsim generate: the small preset, then validate reads the capture back with no findings.
vpcsim_cli_test(generate_small 0 ARGS generate --preset small --seed 7 --out generated-small --force
  MATCH "vpcs +4\n.*instances +192\nwrote [0-9]+ files, [0-9]+ bytes")
set_tests_properties(cli_generate_small PROPERTIES FIXTURES_SETUP generated_small)
vpcsim_cli_test(generate_small_validate 0 ARGS validate generated-small
  MATCH "vpcs +1 +1 +1 +1\n.*\n0 errors, 0 warnings\n$")
vpcsim_cli_test(generate_refuses_non_empty 2 ARGS generate --preset small --out generated-small
  MATCH "\\[vpcsim.generate.not_empty\\] generated-small is not empty: give --force")
set_tests_properties(cli_generate_small_validate cli_generate_refuses_non_empty PROPERTIES FIXTURES_REQUIRED generated_small)
vpcsim_cli_test(generate_unknown_preset 2 ARGS generate --preset medium --out generated-none
  MATCH "--preset: medium not in")
# --dual-stack: an egress-only internet gateway per VPC, and the capture validates with no findings.
vpcsim_cli_test(generate_dual_stack 0 ARGS generate --preset small --seed 7 --dual-stack --out generated-dual --force
  MATCH "seed 7, dual-stack\n.*egress-only igws +4\n.*instances +192\n")
set_tests_properties(cli_generate_dual_stack PROPERTIES FIXTURES_SETUP generated_dual)
vpcsim_cli_test(generate_dual_stack_validate 0 ARGS validate generated-dual MATCH "\n0 errors, 0 warnings\n$")
set_tests_properties(cli_generate_dual_stack_validate PROPERTIES FIXTURES_REQUIRED generated_dual)
