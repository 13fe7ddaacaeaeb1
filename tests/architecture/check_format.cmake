cmake_minimum_required(VERSION 3.25)
# Fails, naming the files, when a .cpp or .h under app/, modules/ or tests/ is not formatted
# by the committed .clang-format (build trees inside the source tree are skipped).
#   cmake -DSOURCE_DIR=… -DWORK_DIR=… -DCLANG_FORMAT=… -P check_format.cmake
file(GLOB_RECURSE sources LIST_DIRECTORIES false RELATIVE ${SOURCE_DIR}
     ${SOURCE_DIR}/app/*.cpp ${SOURCE_DIR}/app/*.h ${SOURCE_DIR}/modules/*.cpp
     ${SOURCE_DIR}/modules/*.h ${SOURCE_DIR}/tests/*.cpp ${SOURCE_DIR}/tests/*.h)
list(FILTER sources EXCLUDE REGEX "(^|/)build[^/]*/")
list(LENGTH sources count)
if(count LESS 100)
    message(FATAL_ERROR "only ${count} sources found under ${SOURCE_DIR}: the glob is wrong")
endif()
# Control: a badly formatted file must fail, or the check proves nothing. It is read from
# stdin as if it were in modules/, so that the committed .clang-format applies.
file(MAKE_DIRECTORY ${WORK_DIR})
file(WRITE ${WORK_DIR}/format-control.cpp "int  f( int x ){return x;}\n")
execute_process(COMMAND ${CLANG_FORMAT} --dry-run --Werror
                        --assume-filename=${SOURCE_DIR}/modules/format-control.cpp
                INPUT_FILE ${WORK_DIR}/format-control.cpp RESULT_VARIABLE rc
                OUTPUT_QUIET ERROR_QUIET)
if(rc EQUAL 0)
    message(FATAL_ERROR "control failed: clang-format accepts a badly formatted file")
endif()
execute_process(COMMAND ${CLANG_FORMAT} --dry-run --Werror ${sources}
                WORKING_DIRECTORY ${SOURCE_DIR} RESULT_VARIABLE rc
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    string(REGEX MATCHALL "[^\n:]+\\.(cpp|h):[0-9]+:[0-9]+: (error|warning)" hits "${err}")
    set(files)
    foreach(hit IN LISTS hits)
        string(REGEX REPLACE ":[0-9]+:[0-9]+: (error|warning)$" "" file "${hit}")
        list(APPEND files ${file})
    endforeach()
    list(REMOVE_DUPLICATES files)
    if(NOT files)
        message(FATAL_ERROR "clang-format failed:\n${out}${err}")
    endif()
    list(JOIN files "\n  " text)
    message(FATAL_ERROR "not formatted (clang-format -i them; a format-only commit goes in "
                        ".git-blame-ignore-revs):\n  ${text}")
endif()
message(STATUS "clang-format: ${count} files formatted")
