# CTest python_cmake_install: `cmake --install BUILD --component python --prefix PREFIX` as
# docs/python.md documents it; the installed package then imports from PREFIX/INSTALL_DIR and traces.
# -DPYTHON=... -DSOURCE_DIR=... -DBUILD_DIR=... -DINSTALL_DIR=... -DWORK_DIR=...
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --component python --prefix ${WORK_DIR}
  RESULT_VARIABLE status OUTPUT_QUIET)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cmake --install --component python failed: ${status}")
endif()
if(IS_ABSOLUTE ${INSTALL_DIR})
  message(STATUS "VPCSIM_PYTHON_INSTALL_DIR is absolute (${INSTALL_DIR}): nothing installed under the prefix to check")
  return()
endif()
set(ENV{PYTHONPATH} ${WORK_DIR}/${INSTALL_DIR})
execute_process(
  COMMAND ${PYTHON} -c "
import pathlib, sys, vpcsim
assert pathlib.Path(vpcsim.__file__).is_relative_to(pathlib.Path(sys.argv[1]).resolve()), vpcsim.__file__
assert vpcsim.load(sys.argv[2] + '/examples/ecr-private-subnet').trace('i-0b11111111111111a', 'ecr').reachable
print('installed at', pathlib.Path(vpcsim.__file__).parent)
" ${WORK_DIR} ${SOURCE_DIR}
  WORKING_DIRECTORY ${WORK_DIR} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the package installed by CMake does not work: ${status}")
endif()
