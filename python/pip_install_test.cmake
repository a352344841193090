# CTest python_pip_install: `pip install --no-build-isolation ./python` as docs/python.md documents it,
# offline (--no-index), into a directory, with the extension CMake built (VPCSIM_PYTHON_EXTENSION);
# then the installed package imports from there, traces, and registers its pytest plugin.
# -DPYTHON=... -DSOURCE_DIR=... -DEXTENSION=... -DWORK_DIR=...
file(REMOVE_RECURSE ${WORK_DIR})
set(ENV{VPCSIM_PYTHON_EXTENSION} ${EXTENSION})
set(ENV{PIP_DISABLE_PIP_VERSION_CHECK} 1)
execute_process(
  COMMAND ${PYTHON} -m pip install --no-build-isolation --no-index --no-deps --target ${WORK_DIR} ./python
  WORKING_DIRECTORY ${SOURCE_DIR} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "pip install failed: ${status}")
endif()
set(ENV{PYTHONPATH} ${WORK_DIR})
execute_process(
  COMMAND ${PYTHON} -c "
import importlib.metadata, pathlib, sys, vpcsim
assert pathlib.Path(vpcsim.__file__).is_relative_to(pathlib.Path(sys.argv[1]).resolve()), vpcsim.__file__
assert (pathlib.Path(vpcsim.__file__).parent / 'py.typed').exists() and (pathlib.Path(vpcsim.__file__).parent / '_core.pyi').exists()
answer = vpcsim.load(sys.argv[2] + '/examples/ecr-private-subnet').trace('i-0b11111111111111a', 'ecr')
assert answer.reachable, answer.text()
plugins = [e.value for e in importlib.metadata.entry_points(group='pytest11') if e.name == 'vpcsim']
assert plugins == ['vpcsim.pytest_plugin'], plugins
print('installed', vpcsim.__version__, 'at', pathlib.Path(vpcsim.__file__).parent)
" ${WORK_DIR} ${SOURCE_DIR}
  WORKING_DIRECTORY ${WORK_DIR} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the installed package does not work: ${status}")
endif()
