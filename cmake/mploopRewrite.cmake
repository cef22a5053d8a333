# mploop_rewrite(<target> [SOURCES <file>...])
#
# Runs the mploop rewriter on the C sources of <target> (every .c source of
# the target, or only the SOURCES given) as a build step, compiles the
# rewritten files in their place and links the target with the runtime:
# mploop::runtime_shared for a shared library or module, else mploop::runtime.
# The rewriter sees the target's include directories, compile definitions and
# C standard.  Call it in the directory that defines <target>, after its
# sources are known.
#
# Each rewritten file is ${CMAKE_CURRENT_BINARY_DIR}/mploop/<target>/<path>,
# where <path> is the source's path relative to the target's source
# directory; its #line directives keep compiler messages and debuggers on the
# original file, and the original file's directory is searched for "..."
# includes.
function(mploop_rewrite target)
  cmake_parse_arguments(PARSE_ARGV 1 _mr "" "" "SOURCES")
  if(_mr_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "mploop_rewrite: unexpected arguments: ${_mr_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "mploop_rewrite: ${target} is not a target")
  endif()
  if(NOT TARGET mploop::mploop OR NOT TARGET mploop::runtime)
    message(FATAL_ERROR "mploop_rewrite: use find_package(mploop) first")
  endif()

  get_target_property(_srcdir ${target} SOURCE_DIR)
  get_target_property(_sources ${target} SOURCES)
  if(_mr_SOURCES)
    set(_wanted)
    foreach(_s IN LISTS _mr_SOURCES)
      get_filename_component(_abs "${_s}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
      list(APPEND _wanted "${_abs}")
    endforeach()
  endif()

  set(_incs "$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>")
  set(_defs "$<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>")
  set(_std "$<TARGET_PROPERTY:${target},C_STANDARD>")
  set(_ext "$<IF:$<STREQUAL:$<TARGET_PROPERTY:${target},C_EXTENSIONS>,OFF>,c,gnu>")


  set(_new_sources)
  set(_count 0)
  foreach(_src IN LISTS _sources)
    get_filename_component(_abs "${_src}" ABSOLUTE BASE_DIR "${_srcdir}")
    set(_take FALSE)
    if(NOT _src MATCHES "^\\$<" AND _abs MATCHES "\\.c$")
      if(_mr_SOURCES)
        if("${_abs}" IN_LIST _wanted)
          set(_take TRUE)
        endif()
      else()
        set(_take TRUE)
      endif()
    endif()
    if(NOT _take)
      list(APPEND _new_sources "${_src}")
      continue()
    endif()

    file(RELATIVE_PATH _rel "${_srcdir}" "${_abs}")
    if(_rel MATCHES "^\\.\\./")
      get_filename_component(_name "${_abs}" NAME)
      string(MD5 _hash "${_abs}")
      string(SUBSTRING "${_hash}" 0 8 _hash)
      set(_rel "external-${_hash}/${_name}")
    endif()
    set(_out "${CMAKE_CURRENT_BINARY_DIR}/mploop/${target}/${_rel}")
    get_filename_component(_outdir "${_out}" DIRECTORY)
    get_filename_component(_origdir "${_abs}" DIRECTORY)
    file(MAKE_DIRECTORY "${_outdir}")
    add_custom_command(OUTPUT "${_out}"
      COMMAND mploop::mploop "${_abs}" -o "${_out}" --
              "$<$<BOOL:${_incs}>:-I$<JOIN:${_incs},;-I>>"
              "$<$<BOOL:${_defs}>:-D$<JOIN:${_defs},;-D>>"
              "$<$<BOOL:${_std}>:-std=${_ext}${_std}>"
      DEPENDS "${_abs}" mploop::mploop
      IMPLICIT_DEPENDS C "${_abs}"
      COMMENT "mploop: rewriting ${_rel}"
      COMMAND_EXPAND_LISTS
      VERBATIM)
    set_source_files_properties("${_out}" PROPERTIES
      GENERATED TRUE
      COMPILE_OPTIONS "-iquote;${_origdir}")
    list(APPEND _new_sources "${_out}")
    math(EXPR _count "${_count} + 1")
  endforeach()

  if(_count EQUAL 0)
    message(WARNING "mploop_rewrite: ${target} has no C source to rewrite")
  endif()
  set_property(TARGET ${target} PROPERTY SOURCES ${_new_sources})
  # Not target_link_libraries(): that would clash with whichever signature
  # (plain or PRIVATE/PUBLIC) the project uses for the target.  A shared
  # library or module links libmploop.so, so that a process has one runtime
  # however many of them it loads; anything else libmploop.a.
  get_target_property(_type ${target} TYPE)
  set(_runtime mploop::runtime)
  if(_type STREQUAL "SHARED_LIBRARY" OR _type STREQUAL "MODULE_LIBRARY")
    set(_runtime mploop::runtime_shared)
  endif()
  set_property(TARGET ${target} APPEND PROPERTY LINK_LIBRARIES ${_runtime})
endfunction()
