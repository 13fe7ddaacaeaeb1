# Packages, included from the top-level CMakeLists.txt. Each program is an install COMPONENT
# (its install() rules are at the end of app/<program>/CMakeLists.txt) and becomes a package of
# its own:
#
#   pumpwatch-workstation  /usr/bin/pumpwatch, its .desktop entry and icons
#   pumpwatch-server       /usr/bin/pumpwatch-server, the systemd unit, /etc/pumpwatch/server.conf,
#                          the user pumpwatch (maintainer scripts in installer/debian/server/), the
#                          control room broker's mosquitto configuration and pumpwatch-broker-user
#   pumpwatch-sim          /usr/bin/pumpwatch-sim
#   pumpwatch-cli          /usr/bin/pumpwatch-cli
#
# No common package: everything the programs share (the demo project, symbols, themes, our
# translations) is compiled into each of them as Qt resources, and Qt's own translations come
# from Debian's qt6-translations-l10n.
#
# Debian 12: `cmake --build build/release --target package` (or `cd build/release && cpack -G
# DEB`) writes build/release/pumpwatch-*_<version>-1_amd64.deb; docs/install.md.
# tests/package/ builds them, installs them into a fresh Debian 12 root with apt and runs them.

set(CPACK_PACKAGE_NAME pumpwatch)
set(CPACK_PACKAGE_VENDOR "PumpWatch")
# The Maintainer field of every package. A site that rebuilds the packages puts its own here.
set(PUMPWATCH_PACKAGE_CONTACT "PumpWatch maintainers <maintainers@users.noreply.b-seed-1e6008f7.example>"
    CACHE STRING "Maintainer of the PumpWatch packages (name <email>)")
set(CPACK_PACKAGE_CONTACT "${PUMPWATCH_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY PumpWatch)
set(CPACK_RESOURCE_FILE_README "${PROJECT_SOURCE_DIR}/README.md")
# The release build has debug information; the packages do not carry it (a few hundred MB).
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL workstation server sim cli)

set(CPACK_COMPONENT_WORKSTATION_DISPLAY_NAME "PumpWatch workstation")
set(CPACK_COMPONENT_WORKSTATION_DESCRIPTION
    "The dispatcher's workstation: map, realtime list, process graphics, alarms, trends, queries and reports.")
set(CPACK_COMPONENT_SERVER_DISPLAY_NAME "PumpWatch server")
set(CPACK_COMPONENT_SERVER_DESCRIPTION
    "The acquisition, alarm and history server of a multi-workstation site.")
set(CPACK_COMPONENT_SIM_DISPLAY_NAME "PumpWatch simulator")
set(CPACK_COMPONENT_SIM_DESCRIPTION
    "A simulated city of pump houses served as Modbus PLCs and IoT gateways, for trials and training.")
set(CPACK_COMPONENT_CLI_DISPLAY_NAME "PumpWatch command line")
set(CPACK_COMPONENT_CLI_DESCRIPTION
    "pumpwatch-cli: history export, alarm journal, reports, project and graphics tools.")

if(UNIX AND NOT APPLE)
    set(CPACK_GENERATOR DEB)
    set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
    set(CPACK_DEB_COMPONENT_INSTALL ON)
    # pumpwatch-server_0.1.0-1_amd64.deb: Debian's own naming, architecture from dpkg.
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
    set(CPACK_DEBIAN_PACKAGE_SECTION misc)
    set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
    # The shared libraries each program links (Qt, GDAL, libmodbus, …) become Depends through
    # dpkg-shlibdeps (package dpkg-dev). The Depends below are what it cannot see: plugins Qt
    # loads at run time, Qt's translations, fonts, the tools the maintainer scripts call.
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    # Maintainer scripts executable, conffiles list 0644, whatever the checkout's modes.
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)

    # Qt's SQLite and PostgreSQL drivers (history, users, audit), its translations
    # (qtbase_zh_CN.qm: the standard buttons and the command line's help in Chinese).
    set(pumpwatch_qt_runtime "libqt6sql6-sqlite, libqt6sql6-psql, qt6-translations-l10n")

    set(CPACK_DEBIAN_WORKSTATION_PACKAGE_NAME pumpwatch-workstation)
    set(CPACK_DEBIAN_WORKSTATION_PACKAGE_SECTION x11)
    # The SVG image plugin and icon engine (libqt6svg6: symbols, icons), the multimedia
    # backends (libqt6multimedia6; the alarm horn plays through PulseAudio/PipeWire, which Qt
    # Multimedia 6.4 links), Chinese glyphs (fonts-noto-cjk). The X11 platform plugin is in
    # libqt6gui6 (Debian 12's qt6-qpa-plugins holds only VNC and TUIO); the Wayland one is
    # qt6-wayland, recommended: without it Qt runs through XWayland. mosquitto: `pumpwatch
    # --demo --gateways` starts one.
    set(CPACK_DEBIAN_WORKSTATION_PACKAGE_DEPENDS
        "${pumpwatch_qt_runtime}, libqt6gui6, libqt6svg6, libqt6multimedia6, fonts-noto-cjk")
    set(CPACK_DEBIAN_WORKSTATION_PACKAGE_RECOMMENDS "qt6-wayland")
    set(CPACK_DEBIAN_WORKSTATION_PACKAGE_SUGGESTS "mosquitto, pumpwatch-cli")

    set(CPACK_DEBIAN_SERVER_PACKAGE_NAME pumpwatch-server)
    set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
    # adduser: the postinst creates the user pumpwatch. Scheduled reports are xlsx and CSV only
    # (no fonts needed); PDF reports are the workstation's and pumpwatch-cli's.
    set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "${pumpwatch_qt_runtime}, adduser")
    set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "postgresql, mosquitto, pumpwatch-cli")
    set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
        "${CMAKE_CURRENT_LIST_DIR}/debian/server/conffiles;${CMAKE_CURRENT_LIST_DIR}/debian/server/postinst;${CMAKE_CURRENT_LIST_DIR}/debian/server/prerm;${CMAKE_CURRENT_LIST_DIR}/debian/server/postrm")

    set(CPACK_DEBIAN_SIM_PACKAGE_NAME pumpwatch-sim)
    set(CPACK_DEBIAN_SIM_PACKAGE_DEPENDS "qt6-translations-l10n")
    # --neuron/--sparkplug stations publish through a broker.
    set(CPACK_DEBIAN_SIM_PACKAGE_SUGGESTS "mosquitto")

    set(CPACK_DEBIAN_CLI_PACKAGE_NAME pumpwatch-cli)
    set(CPACK_DEBIAN_CLI_PACKAGE_SECTION utils)
    # `report render` paints PDF and .odt under Qt's offscreen platform (in libqt6gui6) with
    # Chinese text: the font is recommended, not required, for a machine that only exports.
    set(CPACK_DEBIAN_CLI_PACKAGE_DEPENDS "${pumpwatch_qt_runtime}, libqt6svg6")
    set(CPACK_DEBIAN_CLI_PACKAGE_RECOMMENDS "fonts-noto-cjk")
endif()

if(WIN32)
    # Windows: an NSIS installer with the same components. Configured but NOT TESTED: nothing
    # here has been built or run on Windows. Before it can work, the Qt DLLs and plugins
    # (windeployqt), Qt's translations (qtbase_zh_CN.qm into translations\ beside the programs)
    # and the other libraries (GDAL, PROJ, libmodbus, mosquitto, muparser, libxlsxwriter) have to
    # be installed into the component trees, and the server needs a service wrapper: none of
    # that is written.
    set(CPACK_GENERATOR NSIS ZIP)
    set(CPACK_NSIS_DISPLAY_NAME "PumpWatch ${PROJECT_VERSION}")
    set(CPACK_NSIS_PACKAGE_NAME "PumpWatch")
    set(CPACK_NSIS_MUI_ICON "${PROJECT_SOURCE_DIR}/resources/icons/pumpwatch.ico")
    set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\pumpwatch.exe")
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    set(CPACK_NSIS_MODIFY_PATH ON)
    set(CPACK_PACKAGE_EXECUTABLES pumpwatch "PumpWatch")
    set(CPACK_COMPONENT_WORKSTATION_REQUIRED OFF)
endif()

include(CPack)
