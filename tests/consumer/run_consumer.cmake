# Inputs: BUILD_DIR (the main build), SOURCE (the consumer project), WORK (scratch folder),
# CXX, GENERATOR, PKG_CONFIG (may be empty or -NOTFOUND), BUILD_TYPE, CXX_FLAGS and
# LINK_FLAGS (the main build's, e.g. sanitizers; may be empty), WITH_REMOTE (ON when the
# main build has jot::remote: its consumer is built and run too).

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer: ${what} failed (${rc})\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK}")
set(prefix "${WORK}/prefix")

# 1. Install the main build into a fresh prefix.
run("cmake --install" "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")

# 2. find_package(jot CONFIG) → jot::jot.
set(config_args -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_COMPILER=${CXX})
if(BUILD_TYPE)
  list(APPEND config_args -DCMAKE_BUILD_TYPE=${BUILD_TYPE})
endif()
list(APPEND config_args "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${LINK_FLAGS}")
if(WITH_REMOTE)
  list(APPEND config_args -DWITH_REMOTE=ON)
endif()
run("configure" "${CMAKE_COMMAND}" -S "${SOURCE}" -B "${WORK}/cmake-build" -G "${GENERATOR}"
    ${config_args})
run("build" "${CMAKE_COMMAND}" --build "${WORK}/cmake-build")
run("run (CMake package)" "${WORK}/cmake-build/jot_consumer")
message(STATUS "find_package(jot) consumer:\n${run_output}")
if(NOT run_output MATCHES "consumer ok")
  message(FATAL_ERROR "consumer: unexpected output")
endif()

if(WITH_REMOTE)
  run("run (CMake package, jot::remote)" "${WORK}/cmake-build/jot_remote_consumer")
  message(STATUS "find_package(jot COMPONENTS remote) consumer:\n${run_output}")
  if(NOT run_output MATCHES "remote consumer ok")
    message(FATAL_ERROR "consumer: unexpected output from the jot::remote consumer")
  endif()
endif()

# 3. The same source through pkg-config (static flags: works for a static or shared libjot).
if(NOT PKG_CONFIG)
  message(FATAL_ERROR "consumer: pkg-config not found")
endif()
file(GLOB_RECURSE pc_files "${prefix}/*/jot.pc")
list(LENGTH pc_files pc_count)
if(NOT pc_count EQUAL 1)
  message(FATAL_ERROR "consumer: expected one installed jot.pc, found: ${pc_files}")
endif()
get_filename_component(pc_dir "${pc_files}" DIRECTORY)
set(ENV{PKG_CONFIG_PATH} "${pc_dir}")
run("pkg-config" "${PKG_CONFIG}" --cflags --libs --static jot)
string(STRIP "${run_output}" pc_flags)
separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
# The flags must point into the temporary prefix, not where the build was configured to go.
if(NOT pc_flags MATCHES "${prefix}")
  message(FATAL_ERROR "consumer: jot.pc does not point into the install prefix: ${pc_flags}")
endif()
separate_arguments(extra_flags UNIX_COMMAND "${CXX_FLAGS} ${LINK_FLAGS}")
run("compile (pkg-config)" "${CXX}" ${extra_flags} "${SOURCE}/main.cpp" -o "${WORK}/pc_consumer"
    ${pc_flags})
run("run (pkg-config)" "${WORK}/pc_consumer")
message(STATUS "pkg-config consumer:\n${run_output}")
if(NOT run_output MATCHES "consumer ok")
  message(FATAL_ERROR "consumer: unexpected output")
endif()
set(builds 2)
if(WITH_REMOTE)
  run("pkg-config (jot-remote)" "${PKG_CONFIG}" --cflags --libs --static jot-remote)
  string(STRIP "${run_output}" remote_flags)
  separate_arguments(remote_flags UNIX_COMMAND "${remote_flags}")
  run("compile (pkg-config, jot-remote)" "${CXX}" ${extra_flags} "${SOURCE}/remote_main.cpp"
      -o "${WORK}/pc_remote_consumer" ${remote_flags})
  run("run (pkg-config, jot-remote)" "${WORK}/pc_remote_consumer")
  message(STATUS "pkg-config jot-remote consumer:\n${run_output}")
  if(NOT run_output MATCHES "remote consumer ok")
    message(FATAL_ERROR "consumer: unexpected output from the jot-remote consumer")
  endif()
  set(builds 4)
endif()
message(STATUS "consumer: ${builds} builds against the installed package ran, 0 failed")
