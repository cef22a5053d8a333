# Locate libclang's C API and the LLVM test tools (FileCheck, lit).
#
# MPLOOP_LLVM_ROOT selects the LLVM installation, e.g. /usr/lib/llvm-19.
# Without it, llvm-config (Debian 12: LLVM 14) names the prefix.
# Sets MPLOOP_LIBCLANG_INCLUDE, MPLOOP_LIBCLANG_LIBRARY, MPLOOP_LLVM_BINDIR and
# MPLOOP_LIT (lit.py, may be empty when the tools package is not installed).
set(MPLOOP_LLVM_ROOT "" CACHE PATH "LLVM prefix holding libclang, e.g. /usr/lib/llvm-19")

if(NOT MPLOOP_LLVM_ROOT)
  find_program(MPLOOP_LLVM_CONFIG NAMES llvm-config llvm-config-14)
  if(NOT MPLOOP_LLVM_CONFIG)
    message(FATAL_ERROR "mploop: llvm-config not found; install libclang-14-dev and "
                        "llvm-14-dev, or set MPLOOP_LLVM_ROOT to an LLVM prefix "
                        "such as /usr/lib/llvm-19")
  endif()
  execute_process(COMMAND ${MPLOOP_LLVM_CONFIG} --prefix
                  OUTPUT_VARIABLE _mploop_prefix OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(MPLOOP_LLVM_ROOT "${_mploop_prefix}" CACHE PATH
      "LLVM prefix holding libclang, e.g. /usr/lib/llvm-19" FORCE)
endif()

find_path(MPLOOP_LIBCLANG_INCLUDE clang-c/Index.h
          PATHS ${MPLOOP_LLVM_ROOT}/include NO_DEFAULT_PATH)
find_library(MPLOOP_LIBCLANG_LIBRARY NAMES clang libclang
             PATHS ${MPLOOP_LLVM_ROOT}/lib NO_DEFAULT_PATH)
if(NOT MPLOOP_LIBCLANG_INCLUDE OR NOT MPLOOP_LIBCLANG_LIBRARY)
  message(FATAL_ERROR "mploop: libclang not found under ${MPLOOP_LLVM_ROOT}; "
                      "install the matching libclang-N-dev package")
endif()
# The test tools need not come from the LLVM that provides libclang: take
# them from MPLOOP_LLVM_ROOT when it has them, else from any installed
# llvm-N-tools (building against libclang-19 with Debian 12's llvm-14-tools).
file(GLOB _mploop_llvm_dirs /usr/lib/llvm-*)
list(SORT _mploop_llvm_dirs COMPARE NATURAL ORDER DESCENDING)
find_file(MPLOOP_LIT lit.py
          PATHS ${MPLOOP_LLVM_ROOT}/build/utils/lit
          PATH_SUFFIXES build/utils/lit
          NO_DEFAULT_PATH)
if(NOT MPLOOP_LIT)
  foreach(_dir ${_mploop_llvm_dirs})
    if(EXISTS ${_dir}/build/utils/lit/lit.py AND EXISTS ${_dir}/bin/FileCheck)
      set(MPLOOP_LIT ${_dir}/build/utils/lit/lit.py CACHE FILEPATH "lit.py" FORCE)
      break()
    endif()
  endforeach()
endif()
if(MPLOOP_LIT)
  get_filename_component(_mploop_tools_root ${MPLOOP_LIT} DIRECTORY)
  get_filename_component(_mploop_tools_root ${_mploop_tools_root}/../../.. ABSOLUTE)
  set(MPLOOP_LLVM_BINDIR ${_mploop_tools_root}/bin)
else()
  set(MPLOOP_LLVM_BINDIR ${MPLOOP_LLVM_ROOT}/bin)
endif()
message(STATUS "mploop: libclang ${MPLOOP_LIBCLANG_LIBRARY}")
