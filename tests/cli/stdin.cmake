# Runs vpcsim with INPUT_FILE on standard input: -DVPCSIM -DARGS (;-list, given with ; escaped as
# |) -DINPUT_FILE -DMATCH (regex on stdout+stderr).
string(REPLACE "|" ";" args "${ARGS}")
execute_process(COMMAND ${VPCSIM} ${args} INPUT_FILE ${INPUT_FILE}
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT "${out}${err}" MATCHES "${MATCH}")
  message(FATAL_ERROR "exit ${status}; output does not match '${MATCH}'\n${out}${err}")
endif()
