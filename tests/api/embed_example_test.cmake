# Installs the build, then configures, builds and runs examples/embed against the install tree
# (as a user's project would: find_package(vpcsim), its own Catch2 tests).
#   cmake -DBUILD_DIR=... -DEMBED_DIR=... -DWORK_DIR=... -DCTEST=... -P embed_example_test.cmake
file(REMOVE_RECURSE ${WORK_DIR})
function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGV}\n${out}\n${err}")
  endif()
  message(STATUS "${out}")
endfunction()
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/install)
run(${CMAKE_COMMAND} -S ${EMBED_DIR} -B ${WORK_DIR}/build -DCMAKE_PREFIX_PATH=${WORK_DIR}/install
    -DCMAKE_BUILD_TYPE=Release)
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run(${CTEST} --test-dir ${WORK_DIR}/build --output-on-failure)
