# Runs the vpcsim CLI once and checks what it did (cmake -P; CTest has no exit-status-and-output
# check of its own).
#   -DVPCSIM=<executable>  -DARGS=<arguments, |-separated>  -DSTATUS=<expected exit status>
#   [-DMATCH=<regex the combined stdout and stderr must match>]
#   [-DEXPECTED=<file stdout must equal byte for byte>]
string(REPLACE "|" ";" args "${ARGS}")
execute_process(COMMAND ${VPCSIM} ${args}
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT "${status}" STREQUAL "${STATUS}")
  message(FATAL_ERROR "exit status ${status}, expected ${STATUS}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED MATCH AND NOT "${out}${err}" MATCHES "${MATCH}")
  message(FATAL_ERROR "output does not match '${MATCH}'\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED EXPECTED)
  file(READ "${EXPECTED}" want)
  if(NOT "${out}" STREQUAL "${want}")
    file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/actual.txt" "${out}")
    message(FATAL_ERROR "stdout differs from ${EXPECTED}; it is in ${CMAKE_CURRENT_BINARY_DIR}/actual.txt")
  endif()
endif()
