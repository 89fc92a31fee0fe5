include(CMakePackageConfigHelpers)

install(TARGETS jot EXPORT jotTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/jot DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT jotTargets NAMESPACE jot:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/jot)

# jot::remote has an export set of its own: jotConfig.cmake loads it only for
# find_package(jot COMPONENTS remote), so users of the core never need libcurl.
if(TARGET jot_remote)
  install(TARGETS jot_remote EXPORT jotRemoteTargets
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
          RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
          INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(EXPORT jotRemoteTargets NAMESPACE jot:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/jot)
endif()

configure_package_config_file(cmake/jotConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/jotConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/jot)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/jotConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/jotConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/jotConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/jot)

# The .pc file finds its prefix relative to itself (${pcfiledir}), so that an install with
# `cmake --install --prefix DIR` (or a moved tree) still points at the right place.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(JOT_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _jot_pc_up "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
  string(REGEX REPLACE "/$" "" _jot_pc_up "${_jot_pc_up}")
  set(JOT_PC_PREFIX "\${pcfiledir}/${_jot_pc_up}")
endif()
configure_file(cmake/jot.pc.in ${CMAKE_CURRENT_BINARY_DIR}/jot.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/jot.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
if(TARGET jot_remote)
  configure_file(cmake/jot-remote.pc.in ${CMAKE_CURRENT_BINARY_DIR}/jot-remote.pc @ONLY)
  install(FILES ${CMAKE_CURRENT_BINARY_DIR}/jot-remote.pc
          DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endif()
