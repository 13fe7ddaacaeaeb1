cmake_minimum_required(VERSION 3.25)
# Fails while any user-visible string of the sources has no finished zh_CN translation.
# lupdate re-reads the sources into a copy of the committed .ts; new strings arrive unfinished.
#   cmake -DSOURCE_DIR=… -DWORK_DIR=… -DLUPDATE=… -P check_translations.cmake
set(ts ${WORK_DIR}/pumpwatch_zh_CN.ts)
file(COPY_FILE ${SOURCE_DIR}/translations/pumpwatch_zh_CN.ts ${ts})
execute_process(COMMAND ${LUPDATE} -no-obsolete -locations none ${SOURCE_DIR}/app ${SOURCE_DIR}/modules -ts ${ts}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed:\n${out}${err}")
endif()
# Any complaint fails, on either stream: lupdate prints some (such as "Qualifying with unknown
# namespace/class", which files a string under a context tr() never looks up, so it shows in
# English) to stdout as "FILE:LINE: message", others to stderr.
string(REGEX MATCHALL "[^\n]*:[0-9]+: [^\n]*|[^\n]*([Ww]arning|[Cc]annot)[^\n]*" complaints
       "${out}\n${err}")
if(complaints)
    string(REPLACE ";" "\n  " complaints "${complaints}")
    message(FATAL_ERROR "lupdate complains about the sources:\n  ${complaints}")
endif()
file(READ ${ts} text)
string(REPLACE "&apos;" "'" text "${text}") # a ';' would split CMake lists
string(REPLACE "&quot;" "\"" text "${text}")
string(REPLACE ";" "," text "${text}")
string(REGEX MATCHALL "<source>[^<]*</source>[^<]*<translation type=\"unfinished\"" unfinished "${text}")
list(LENGTH unfinished count)
if(count GREATER 0)
    string(REGEX REPLACE "<translation type=\"unfinished\"" "" list "${unfinished}")
    string(REPLACE ";" "\n  " list "${list}")
    message(FATAL_ERROR "${count} string(s) without a zh_CN translation "
                        "(build target update_translations, then translate):\n  ${list}")
endif()
message(STATUS "translations complete: ${out}")
