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

# The runtime as users see it: mploop::runtime, linked with immediate binding
# (lazy binding would make workers write the GOT on their first calls).
set_target_properties(mploop_runtime PROPERTIES EXPORT_NAME runtime)
target_link_options(mploop_runtime INTERFACE "-Wl,-z,now")

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
file(RELATIVE_PATH MPLOOP_PC_TO_PREFIX "/prefix/${MPLOOP_REL_LIBDIR}/pkgconfig" "/prefix")
configure_file(${PROJECT_SOURCE_DIR}/cmake/mploop.pc.in
               ${PROJECT_BINARY_DIR}/cmake/mploop.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/cmake/mploop.pc
        DESTINATION ${MPLOOP_REL_LIBDIR}/pkgconfig)
