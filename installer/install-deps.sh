#!/usr/bin/env bash
# Installs every Debian 12 package PumpWatch needs to build, run and test. Nothing is fetched
# from anywhere but Debian's archive. Idempotent and quick when nothing is missing.
# Runs as root, or re-runs itself through sudo.
set -euo pipefail

packages=(
    # toolchain
    g++ cmake ninja-build ccache pkg-config git lld
    # the formatting check (architecture.clang_format) and `clang-format -i`
    clang-format
    # Qt 6.4: Core, Gui, Widgets, Network, Sql (SQLite, PostgreSQL), Test, Linguist tools
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite
    libqt6sql6-psql
    # history: the bare sqlite3 C API baseline of the ingest benchmark; PostgreSQL 15 for the
    # throwaway test cluster (tests start it themselves on loopback)
    libsqlite3-dev postgresql-15
    # the simulator's Modbus servers; pymodbus as the independent test client (Debian's python3)
    libmodbus-dev python3-pymodbus python3-serial-asyncio
    # IoT gateways over MQTT: libmosquitto for the host and the simulator's gateways; the
    # mosquitto broker the tests start on loopback (and its clients); protoc and python3-protobuf
    # build the independent Sparkplug B codec the tests check ours against; paho for scripts
    libmosquitto-dev mosquitto mosquitto-clients protobuf-compiler python3-protobuf
    python3-paho-mqtt
    # alarm rules: expressions over tags
    libmuparser-dev
    # the workstation: alarm sound, trend charts, pinyin search (ICU's Han-Latin)
    # (Debian's qt6-charts-dev needs the OpenGL development files but does not depend on them)
    qt6-multimedia-dev qt6-charts-dev libqt6opengl6-dev libicu-dev
    # the map: vector layers through GDAL/OGR, reprojected by PROJ
    libgdal-dev libproj-dev
    # process graphics: the P&ID symbols are SVG, rendered by QSvgRenderer
    qt6-svg-dev
    # Chinese text in the GUI and in snapshots; Qt's own strings (OK/Cancel, the file dialog,
    # the calendar) in Chinese: qtbase_zh_CN.qm
    fonts-noto-cjk qt6-translations-l10n
    # reports: .xlsx written by libxlsxwriter; the tests read the files back with independent
    # readers: openpyxl for .xlsx; pdffonts (a CJK font embedded), pdftotext (the text per
    # page), pdfinfo (page count), pdftoppm (page images) for PDF; unzip opens the .odt
    libxlsxwriter-dev python3-openpyxl poppler-utils unzip
    # data sharing: the HTTP API for other systems of the utility (Qt HttpServer, a technical
    # preview in 6.4: for the utility's trusted network)
    qt6-httpserver-dev qt6-websockets-dev
    # the fuzz targets: clang with libFuzzer and the sanitizers (tests/fuzz)
    clang libclang-rt-14-dev
    # the .deb packages: dpkg-shlibdeps turns the linked libraries into Depends (CPack,
    # installer/packaging.cmake); debootstrap makes the fresh Debian 12 root tests/package
    # installs them into
    dpkg-dev debootstrap
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        exec sudo --preserve-env=CI "$0" "$@"
    fi
    echo "install-deps: missing ${missing[*]}; run this script as root (sudo is not installed)" >&2
    exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
