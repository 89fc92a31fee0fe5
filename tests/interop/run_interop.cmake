# Runs the interop test: `npm ci` (only when package-lock.json changed since the last
# install), then `node --test interop.test.mjs` against the jot_interop_tool of this build.
# Inputs: NODE, NPM, TOOL, DIR.

set(_stamp "${DIR}/node_modules/.jot-installed-lock.json")
set(_install TRUE)
if(EXISTS "${_stamp}")
  file(SHA256 "${DIR}/package-lock.json" _want)
  file(SHA256 "${_stamp}" _have)
  if(_want STREQUAL _have)
    set(_install FALSE)
  endif()
endif()
if(_install)
  message(STATUS "interop: npm ci (jsonwebtoken, jose as pinned in package-lock.json)")
  execute_process(COMMAND "${NPM}" ci --no-audit --no-fund --prefer-offline
                  WORKING_DIRECTORY "${DIR}" RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "interop: npm ci failed (${_rc})")
  endif()
  file(COPY_FILE "${DIR}/package-lock.json" "${_stamp}")
endif()

execute_process(COMMAND "${CMAKE_COMMAND}" -E env "JOT_INTEROP_TOOL=${TOOL}"
                        "${NODE}" --test --test-reporter=spec "${DIR}/interop.test.mjs"
                WORKING_DIRECTORY "${DIR}" RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "interop: node --test failed (${_rc})")
endif()
