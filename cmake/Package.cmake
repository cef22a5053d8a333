# Installation of mploop as a package: the CMake package lib/cmake/mploop
# (find_package(mploop) with mploop::runtime, mploop::mploop, mploop::mploop-cc
# and the mploop_rewrite() function) and the pkg-config file lib/pkgconfig/mploop.pc.
# Both are relocatable: they find the prefix from their own location.
include(CMakePackageConfigHelpers)

# Install directories relative to the prefix (absolute ones are made relative).
foreach(kind BINDIR INCLUDEDIR LIBDIR)
  set(_dir ${CMAKE_INSTALL_${kind}})
  if(IS_ABSOLUTE "${_dir}")
    file(RELATIVE_PATH _dir "${CMAKE_INSTALL_PREFIX}" "${_dir}")
  endif()
  set(MPLOOP_REL_${kind} "${_dir}")
endforeach()

# mploop-cc looks for the header and the runtime at these places relative to
# the prefix (its own directory's parent), in the install tree as in the
# build tree.
target_compile_definitions(mploop-cc PRIVATE
  MPLOOP_REL_INCLUDEDIR="${MPLOOP_REL_INCLUDEDIR}"
  MPLOOP_REL_LIBDIR="${MPLOOP_REL_LIBDIR}")

# The runtime as users see it: mploop::runtime (libmploop.a, for programs)
# and mploop::runtime_shared (libmploop.so, for shared libraries), linked
# with immediate binding (lazy binding would make workers write the GOT on
# their first calls).  A program links the whole runtime (mploop_begin pulls
# in every file with a public name) and exports its public names, so that
# the libraries it loads use its runtime rather than libmploop.so's.
set_target_properties(mploop_runtime PROPERTIES EXPORT_NAME runtime)
set_target_properties(mploop_runtime_shared PROPERTIES EXPORT_NAME runtime_shared)
set(_mploop_dynlist ${MPLOOP_REL_LIBDIR}/mploop/runtime.dynlist)
set(_mploop_if_program "$<STREQUAL:$<TARGET_PROPERTY:TYPE>,EXECUTABLE>")
target_link_options(mploop_runtime INTERFACE "-Wl,-z,now"
  "$<${_mploop_if_program}:-Wl,--undefined=mploop_begin>"
  "$<${_mploop_if_program}:-Wl,--undefined=mploop_prof_begin>"
  "$<${_mploop_if_program}:-Wl,--dynamic-list=$<BUILD_INTERFACE:${MPLOOP_RUNTIME_DYNLIST}>$<INSTALL_INTERFACE:$<INSTALL_PREFIX>/${_mploop_dynlist}>>")
target_link_options(mploop_runtime_shared INTERFACE "-Wl,-z,now")

set(MPLOOP_CMAKE_DIR ${MPLOOP_REL_LIBDIR}/cmake/mploop)
install(EXPORT mploopTargets NAMESPACE mploop:: DESTINATION ${MPLOOP_CMAKE_DIR}
        FILE mploopTargets.cmake)
configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/mploopConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/mploopConfig.cmake
  INSTALL_DESTINATION ${MPLOOP_CMAKE_DIR}
  PATH_VARS MPLOOP_REL_BINDIR)
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/cmake/mploopConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/cmake/mploopConfig.cmake
  ${PROJECT_BINARY_DIR}/cmake/mploopConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/mploopRewrite.cmake
  DESTINATION ${MPLOOP_CMAKE_DIR})

# pkg-config: the prefix is found relative to the .pc file (${pcfiledir}).
# mploop.pc links programs with the whole of libmploop.a and exports the
# runtime's names;
# mploop-shared.pc links shared libraries with libmploop.so (found at run
# time through the library's RUNPATH).
file(RELATIVE_PATH MPLOOP_PC_TO_PREFIX "/prefix/${MPLOOP_REL_LIBDIR}/pkgconfig" "/prefix")
foreach(_pc mploop mploop-shared)
  if(_pc STREQUAL "mploop")
    set(MPLOOP_PC_FOR "programs")
    set(MPLOOP_PC_LIBS "\${libdir}/libmploop.a -Wl,-z,now -Wl,--undefined=mploop_begin -Wl,--undefined=mploop_prof_begin -Wl,--dynamic-list=\${libdir}/mploop/runtime.dynlist")
  else()
    set(MPLOOP_PC_FOR "shared libraries")
    set(MPLOOP_PC_LIBS "\${libdir}/libmploop.so -Wl,-z,now -Wl,-rpath,\${libdir}")
  endif()
  set(MPLOOP_PC_NAME ${_pc})
  configure_file(${PROJECT_SOURCE_DIR}/cmake/mploop.pc.in
                 ${PROJECT_BINARY_DIR}/cmake/${_pc}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/cmake/${_pc}.pc
          DESTINATION ${MPLOOP_REL_LIBDIR}/pkgconfig)
endforeach()
