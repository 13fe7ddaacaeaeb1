cmake_minimum_required(VERSION 3.25)
# Fails when a headless module links Qt Gui or Qt Widgets, or when a headless program links
# Qt Widgets. Two independent views: CMake's target graph (what is declared, transitively) and
# the ELF NEEDED entries of the built programs (what is really linked).
#   cmake -DBUILD_DIR=… -DBIN_DIR=… -DREADELF=… -P check_links.cmake

# Modules allowed to link Qt Widgets (and Gui). Every other pumpwatch_* module is headless.
set(widget_modules pumpwatch_ui)
# Modules that paint (QImage, QPainter, QSvgRenderer) and so link Qt Gui, but never widgets:
# they run under the offscreen platform and are used by any view. The drawing editor's document
# links Qt Gui for QUndoStack (in Qt Gui since Qt 6) and nothing else of it.
set(gui_modules pumpwatch_graphics_symbols pumpwatch_reports_render pumpwatch_graphics_editing)
# Programs that run on machines without a display: no widgets. Qt Gui is allowed (pumpwatch-cli
# renders PDF and .odt reports under the offscreen platform; docs/architecture.md).
set(headless_programs pumpwatch-server pumpwatch-sim pumpwatch-cli)

set(work ${BUILD_DIR}/architecture-graph)
file(REMOVE_RECURSE ${work})
file(MAKE_DIRECTORY ${work})
execute_process(COMMAND ${CMAKE_COMMAND} --graphviz=${work}/deps.dot .
                WORKING_DIRECTORY ${BUILD_DIR} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmake --graphviz failed: ${err}")
endif()

# The whole graph: a label per node, the edges out of each node. CMake's per-target files
# list direct dependencies only, so the closure is walked here.
file(STRINGS ${work}/deps.dot graph_lines)
foreach(line IN LISTS graph_lines)
    if(line MATCHES "^ *\"(node[0-9]+)\" \\[ label = \"([^\"\\\\]+)")
        set(label_${CMAKE_MATCH_1} "${CMAKE_MATCH_2}")
        set(node_of_${CMAKE_MATCH_2} ${CMAKE_MATCH_1})
    elseif(line MATCHES "^ *\"(node[0-9]+)\" -> \"(node[0-9]+)\"")
        list(APPEND edges_${CMAKE_MATCH_1} ${CMAKE_MATCH_2})
    endif()
endforeach()

# Labels of everything `target` links, directly or through others.
function(dependencies_of target out)
    set(start ${node_of_${target}})
    if(NOT start)
        message(FATAL_ERROR "${target} is not in the target graph")
    endif()
    set(seen ${start})
    set(queue ${start})
    set(labels)
    while(queue)
        list(POP_FRONT queue node)
        foreach(next IN LISTS edges_${node})
            if(NOT next IN_LIST seen)
                list(APPEND seen ${next})
                list(APPEND queue ${next})
                list(APPEND labels "${label_${next}}")
            endif()
        endforeach()
    endwhile()
    set(${out} ${labels} PARENT_SCOPE)
endfunction()

set(modules)
foreach(line IN LISTS graph_lines)
    if(line MATCHES "label = \"(pumpwatch_[a-z0-9_]+)")
        list(APPEND modules ${CMAKE_MATCH_1})
    endif()
endforeach()
set(failures)
set(checked)
foreach(target IN LISTS modules)
    if(target IN_LIST widget_modules OR target MATCHES "_(resources|autogen|other_files)"
       OR target MATCHES "^pumpwatch_(demo|translations|warnings|strict_strings)")
        continue()
    endif()
    dependencies_of(${target} deps)
    if(target IN_LIST gui_modules)
        set(forbidden_deps Qt6::Widgets Qt6::SvgWidgets)
    else()
        set(forbidden_deps Qt6::Gui Qt6::Widgets)
    endif()
    foreach(forbidden IN LISTS forbidden_deps)
        if(forbidden IN_LIST deps)
            list(APPEND failures "module ${target} may not link ${forbidden}")
        endif()
    endforeach()
    list(APPEND checked ${target})
endforeach()
foreach(required pumpwatch_core pumpwatch_sim pumpwatch_graphics_symbols pumpwatch_reports_render)
    if(NOT required IN_LIST checked)
        list(APPEND failures "headless module ${required} was not checked")
    endif()
endforeach()

foreach(program IN LISTS headless_programs)
    dependencies_of(${program} deps)
    if("Qt6::Widgets" IN_LIST deps)
        list(APPEND failures "program ${program} declares a dependency on Qt6::Widgets")
    endif()
    execute_process(COMMAND ${READELF} -d ${BIN_DIR}/${program} OUTPUT_VARIABLE dynamic RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        list(APPEND failures "cannot read ${BIN_DIR}/${program}")
    elseif(dynamic MATCHES "libQt6Widgets")
        list(APPEND failures "program ${program} is linked against libQt6Widgets")
    endif()
endforeach()

# Controls: the check must see widgets where they are, or it proves nothing.
dependencies_of(pumpwatch_ui deps)
if(NOT "Qt6::Widgets" IN_LIST deps)
    list(APPEND failures "control failed: the graph does not show pumpwatch_ui linking Qt6::Widgets")
endif()
dependencies_of(pumpwatch_graphics_symbols deps)
if(NOT "Qt6::Gui" IN_LIST deps)
    list(APPEND failures "control failed: the graph does not show pumpwatch_graphics_symbols linking Qt6::Gui")
endif()
execute_process(COMMAND ${READELF} -d ${BIN_DIR}/pumpwatch OUTPUT_VARIABLE dynamic)
if(NOT dynamic MATCHES "libQt6Widgets")
    list(APPEND failures "control failed: readelf does not show pumpwatch linking libQt6Widgets")
endif()

if(failures)
    list(JOIN failures "\n  " text)
    message(FATAL_ERROR "architecture rules broken:\n  ${text}")
endif()
list(JOIN checked ", " text)
message(STATUS "headless modules: ${text}; headless programs: ${headless_programs}")
