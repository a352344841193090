# A capture of mode 000 is unreadable, except for root, who reads it anyway: as root this test
# says so and is skipped (the dangling-symlink, FIFO and device cases are unreadable for root too).
#   -DVPCSIM=<executable> -DINPUT=<the mode-000 file's directory>
execute_process(COMMAND id -u OUTPUT_VARIABLE uid OUTPUT_STRIP_TRAILING_WHITESPACE)
if(uid STREQUAL "0")
  message("SKIP: running as root, which reads files of mode 000")
  return()
endif()
execute_process(COMMAND ${VPCSIM} validate ${INPUT} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 2 OR NOT "${out}" MATCHES "error: \\[vpcsim\\.import\\.unreadable\\] [^\n]*mode-000/describe-vpcs\\.json: cannot read: Permission denied")
  message(FATAL_ERROR "exit status ${status}, expected 2 and vpcsim.import.unreadable\nstdout:\n${out}\nstderr:\n${err}")
endif()
