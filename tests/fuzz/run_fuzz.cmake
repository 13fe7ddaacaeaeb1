cmake_minimum_required(VERSION 3.25)
# Builds the fuzz targets with clang in their own tree and runs each for SECONDS on the committed
# seed corpus (copied: what libFuzzer learns stays in the build tree). Fails on any crash, leak,
# undefined behaviour or broken invariant, naming the input libFuzzer saved.
#   cmake -DSOURCE_DIR=… -DBUILD_DIR=… -DSECONDS=20 [-DJOBS=2] -P run_fuzz.cmake
find_program(CLANGXX NAMES clang++ clang++-14 REQUIRED)
if(NOT EXISTS ${BUILD_DIR}/CMakeCache.txt)
    execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${BUILD_DIR} -G Ninja
                            -DCMAKE_CXX_COMPILER=${CLANGXX} -DCMAKE_BUILD_TYPE=RelWithDebInfo
                            -DPUMPWATCH_FUZZ=ON -DPUMPWATCH_BUILD_TESTS=OFF
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "configuring the fuzz build failed:\n${out}${err}")
    endif()
endif()
if(NOT JOBS)
    set(JOBS 2)
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --parallel ${JOBS}
                        --target fuzz_project fuzz_csv
                        fuzz_registers fuzz_modbus fuzz_sparkplug fuzz_neuron
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "building the fuzz targets failed:\n${out}${err}")
endif()
foreach(target project csv registers modbus sparkplug neuron)
    set(corpus ${BUILD_DIR}/corpus/${target})
    file(MAKE_DIRECTORY ${corpus} ${BUILD_DIR}/crashes)
    file(GLOB seeds ${SOURCE_DIR}/tests/fuzz/corpus/${target}/*)
    file(COPY ${seeds} DESTINATION ${corpus})
    execute_process(COMMAND ${BUILD_DIR}/bin/fuzz_${target} -max_total_time=${SECONDS}
                            -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
                            -artifact_prefix=${BUILD_DIR}/crashes/${target}- ${corpus}
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    string(REGEX MATCH "stat::number_of_executed_units: *[0-9]+" runs "${err}")
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "fuzz_${target} found a failure:\n${err}")
    endif()
    message(STATUS "fuzz_${target}: ${runs}, no failure in ${SECONDS} s")
endforeach()
