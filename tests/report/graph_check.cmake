# Runs `vpcsim graph …` and checks its picture with Graphviz; skips when Graphviz is not installed.
#   cmake -DCMD="vpcsim;graph;INPUT;…" -DEXPECT_STATUS=N -DPICTURE=file -DCHECK=canon|svg|png
#         [-DCAPTURE=ON] -P graph_check.cmake
# CAPTURE=ON sends stdout to PICTURE; otherwise the command writes PICTURE itself (--out).
# canon: `dot -Tcanon` parses PICTURE without a single message; svg/png: PICTURE is that format.
find_program(DOT_EXECUTABLE dot)
if(NOT DOT_EXECUTABLE)
  message("SKIPPED: Graphviz 'dot' not found on PATH; scripts/setup.sh installs the graphviz package")
  return()
endif()

file(REMOVE "${PICTURE}")
if(CAPTURE)
  execute_process(COMMAND ${CMD} RESULT_VARIABLE status OUTPUT_FILE "${PICTURE}" ERROR_VARIABLE err)
else()
  execute_process(COMMAND ${CMD} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
endif()
if(NOT status STREQUAL EXPECT_STATUS)
  message(FATAL_ERROR "exit status ${status}, expected ${EXPECT_STATUS}\nstderr:\n${err}")
endif()
if(NOT EXISTS "${PICTURE}")
  message(FATAL_ERROR "no picture written to ${PICTURE}")
endif()

if(CHECK STREQUAL "canon")
  execute_process(COMMAND ${DOT_EXECUTABLE} -Tcanon "${PICTURE}" RESULT_VARIABLE dot_status OUTPUT_VARIABLE canon
                  ERROR_VARIABLE dot_err)
  if(NOT dot_status EQUAL 0 OR NOT dot_err STREQUAL "" OR NOT canon MATCHES "^digraph vpcsim {")
    message(FATAL_ERROR "Graphviz does not accept ${PICTURE} (status ${dot_status}):\n${dot_err}")
  endif()
elseif(CHECK STREQUAL "svg")
  file(READ "${PICTURE}" svg)
  if(NOT svg MATCHES "<svg[^>]*>.*<g id=\"graph0\" class=\"graph\"")
    message(FATAL_ERROR "${PICTURE} is not an SVG picture from Graphviz")
  endif()
elseif(CHECK STREQUAL "png")
  file(READ "${PICTURE}" magic LIMIT 8 HEX)
  if(NOT magic STREQUAL "89504e470d0a1a0a")
    message(FATAL_ERROR "${PICTURE} does not start with the PNG signature (${magic})")
  endif()
else()
  message(FATAL_ERROR "CHECK must be canon, svg or png")
endif()
