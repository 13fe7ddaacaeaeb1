#!/bin/sh
# Regenerates the user guide's screenshots (docs/images/*.png) from the workstation's own
# --snapshot, so that the guide shows the current version. Run from the repository root after a
# build:   docs/guide/make-images.sh [path/to/pumpwatch]
#
# The demo city runs with two faults so that the pictures show alarms as a dispatcher meets
# them: pump 2 of (A)澳门路口 (S0001) faults (a warning at the pump, the faceplate shows it), and
# a main bursts downstream of (H)红花岗 (S0003). The images of the drawing editor, the queries,
# graphic-alarm/graphic-stale and the symbol sheets come from the GUI tests instead
# (tests/gui/tst_editor_walkthrough.cpp, tst_queries.cpp, tst_graphics.cpp).
set -eu
bin=${1:-build/test/bin/pumpwatch}
data=$(mktemp -d)
shots=$(mktemp -d)
trap 'rm -rf "$data" "$shots"' EXIT
LANG=zh_CN.UTF-8 QT_QPA_PLATFORM=offscreen "$bin" --demo --lang zh_CN --data "$data" \
    --fault "pumpfault S0001 2 on" --fault "burst S0003 on" --settle 25 --snapshot "$shots"
for f in workstation login faceplate graphic map-all map-cards map-names panel-alarmBanner \
    panel-alarmPanel panel-alarmRecords panel-alarmSettings panel-map panel-processGraphics \
    panel-realtimeList panel-stationDetail panel-stationOverview panel-trends report-preview \
    report-correction users users-permissions; do
    if [ -f "$shots/$f.png" ]; then cp "$shots/$f.png" "docs/images/$f.png"; else echo "missing: $f.png" >&2; fi
done
cp "$shots/reports.png" docs/images/reports-panel.png
echo "docs/images refreshed; look at every picture before committing"
