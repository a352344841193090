# Runs a command and checks its exit status and output: the one runner of the CLI, example, report
# and API tests.
#   cmake -DCMD="prog;arg;..." -DEXPECT_STATUS=N [-DEXPECT_OUTPUT=regex] [-DEXPECT_FILE=golden]
#         -P expect.cmake
# EXPECT_OUTPUT is matched against stdout+stderr; EXPECT_FILE is compared byte for byte with stdout.
if(NOT DEFINED CMD OR NOT DEFINED EXPECT_STATUS)
  message(FATAL_ERROR "expect.cmake needs CMD and EXPECT_STATUS")
endif()
execute_process(COMMAND ${CMD} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status STREQUAL EXPECT_STATUS)
  message(FATAL_ERROR "exit status ${status}, expected ${EXPECT_STATUS}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED EXPECT_OUTPUT AND NOT "${out}${err}" MATCHES "${EXPECT_OUTPUT}")
  message(FATAL_ERROR "output does not match '${EXPECT_OUTPUT}'\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED EXPECT_FILE)
  file(READ "${EXPECT_FILE}" expected)
  if(NOT out STREQUAL expected)
    # The actual output goes to the test's working directory, never into the source tree.
    get_filename_component(golden "${EXPECT_FILE}" NAME)
    file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/${golden}.actual" "${out}")
    message(FATAL_ERROR "stdout differs from ${EXPECT_FILE} (written to ${CMAKE_CURRENT_BINARY_DIR}/${golden}.actual)")
  endif()
endif()
