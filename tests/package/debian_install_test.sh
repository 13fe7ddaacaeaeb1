#!/usr/bin/env bash
# The packages as an administrator gets them: built from this build tree with CPack, installed
# with apt (which pulls every dependency from Debian's archive) into a fresh Debian 12 root that
# this test makes with debootstrap, and run there. systemd does not run in a chroot, so the
# server is started the way systemd would start it: the ExecStart= line of the INSTALLED unit,
# its EnvironmentFile expanded, as its User=. The installed pumpwatch-sim serves the city; the
# installed pumpwatch-cli reads the server's database afterwards.
#
#   debian_install_test.sh BUILD_DIR WORK_DIR
#
# Needs root (debootstrap, chroot, mount), debootstrap, dpkg-dev (dpkg-shlibdeps) and the network
# (the Debian mirror; PUMPWATCH_DEBIAN_MIRROR overrides http://deb.debian.org/debian). Everything
# it makes is under WORK_DIR and removed at the end, also on failure (the mounts first).
set -euo pipefail

build=${1:?usage: debian_install_test.sh BUILD_DIR WORK_DIR}
work=${2:?usage: debian_install_test.sh BUILD_DIR WORK_DIR}
mirror=${PUMPWATCH_DEBIAN_MIRROR:-http://deb.debian.org/debian}
started=$(date +%s)
pids=()   # processes to end at exit
groups=() # process groups to end at exit

say() { echo "[$(($(date +%s) - started)) s] $*"; }
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

if [ "$(id -u)" -ne 0 ]; then
    fail "this test must run as root (debootstrap, chroot and mount need it; CI runs it as root):" \
        "sudo ctest --test-dir $build -L package"
fi
for tool in debootstrap cpack dpkg-deb dpkg-shlibdeps chroot mount mountpoint; do
    command -v "$tool" >/dev/null || fail "$tool not found: run installer/install-deps.sh"
done
[ -f "$build/CPackConfig.cmake" ] || fail "$build/CPackConfig.cmake missing: configure the build first"

mkdir -p "$work"
work=$(realpath "$work") # as /proc/PID/root of the processes inside the root reads
root=$work/root
# The mounts inside the root, innermost first.
mounts=(dev/pts proc sys)

# Stops what runs inside the root, unmounts, and removes WORK_DIR unless something is still
# mounted there (never delete through a mount: the host's /dev/pts, /proc or /sys).
remove_root() {
    local pid m
    find /proc -mindepth 2 -maxdepth 2 -name root -lname "$root" 2>/dev/null |
        while read -r pid; do
            pid=${pid#/proc/}
            kill -KILL "${pid%/root}" 2>/dev/null
        done
    for m in "${mounts[@]}"; do
        mountpoint -q "$root/$m" 2>/dev/null && umount "$root/$m"
    done
    if grep -q " $root/" /proc/mounts; then
        echo "FAIL: still mounted under $root, not removed:" >&2
        grep " $root/" /proc/mounts >&2
        return 1
    fi
    rm -rf "$work"
}

cleanup() {
    local code=$? pid
    set +e
    for pid in "${pids[@]}"; do
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    for pid in "${groups[@]}"; do
        kill -KILL -- "-$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    remove_root || code=1
    say "cleaned up"
    exit $code
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A run killed before its cleanup left its root behind.
remove_root || fail "cannot remove the previous run's $work"
mkdir -p "$work/debs"

# --- a fresh Debian 12, fetched while CPack works ---------------------------------------------
say "debootstrap --variant=minbase bookworm $mirror (in the background)"
# In a session of its own: a failure ends it with its downloads and dpkg (kill -- -PID).
setsid debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 &
debootstrap=$!
groups+=("$debootstrap")

# --- the packages -----------------------------------------------------------------------------
say "cpack -G DEB"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/debs" >"$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log"; fail "cpack failed"; }
for p in workstation server sim cli; do
    deb=$(ls "$work/debs"/pumpwatch-${p}_*.deb 2>/dev/null) || fail "no pumpwatch-$p .deb: $(ls "$work/debs")"
    depends=$(dpkg-deb -f "$deb" Depends)
    echo "pumpwatch-$p: $(du -h "$deb" | cut -f1); Depends: $depends"
    # dpkg-shlibdeps found the libraries; the plugins and translations are listed explicitly.
    for d in libqt6core6 qt6-translations-l10n; do
        [[ ", $depends," == *", $d"[\ ,]* ]] || fail "pumpwatch-$p does not depend on $d"
    done
done
depends=$(dpkg-deb -f "$work"/debs/pumpwatch-workstation_*.deb Depends)
for d in libqt6widgets6 libqt6sql6-sqlite libqt6svg6 libqt6multimedia6 fonts-noto-cjk; do
    [[ ", $depends," == *", $d"[\ ,]* ]] || fail "pumpwatch-workstation does not depend on $d"
done
dpkg-deb --ctrl-tarfile "$work"/debs/pumpwatch-server_*.deb | tar -xO ./conffiles |
    grep -qx /etc/pumpwatch/server.conf || fail "/etc/pumpwatch/server.conf is not a conffile"
say "packages built"

debootstrap_code=0
wait "$debootstrap" || debootstrap_code=$?
[ $debootstrap_code -eq 0 ] || { tail -30 "$work/debootstrap.log"; fail "debootstrap failed"; }
say "debootstrap done"
mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts" 2>/dev/null || true
# A throwaway root: dpkg need not fsync every file (saves a good part of the install).
echo force-unsafe-io >"$root/etc/dpkg/dpkg.cfg.d/pumpwatch-test-unsafe-io"
# Daemons that packages would start (none of ours: systemd is not running) stay down.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"

# A clean environment inside, but a proxy the host's apt uses is apt's inside too.
proxy=()
for v in http_proxy https_proxy no_proxy; do
    [ -n "${!v:-}" ] && proxy+=("$v=${!v}")
done
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "${proxy[@]}" "$@"; }
# As the service user, in its state folder, as systemd runs the unit (no LANG: no locale.conf).
as_service() {
    chroot --userspec=pumpwatch:pumpwatch "$root" env -i --chdir=/var/lib/pumpwatch \
        PATH=/usr/bin:/bin HOME=/var/lib/pumpwatch USER=pumpwatch LOGNAME=pumpwatch "$@"
}

say "apt-get install the four packages"
mkdir -p "$root/tmp/debs"
cp "$work"/debs/*.deb "$root/tmp/debs/"
in_root apt-get update -qq >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get update failed"; }
# Recommends off: the test's download stays smaller; every Depends is installed.
debs=()
for f in "$root"/tmp/debs/pumpwatch-*.deb; do debs+=("/tmp/debs/${f##*/}"); done
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${debs[@]}" >>"$work/apt.log" 2>&1 ||
    { tail -40 "$work/apt.log"; fail "apt-get install of the packages failed"; }
say "apt-get install done: $(grep -oE '[0-9]+ newly installed' "$work/apt.log")"

# --- what the packages put in place -----------------------------------------------------------
for p in pumpwatch-workstation pumpwatch-server pumpwatch-sim pumpwatch-cli; do
    # shellcheck disable=SC2016 # dpkg-query's ${Field}, not the shell's
    [ "$(in_root dpkg-query -W -f='${Status}' "$p")" = "install ok installed" ] ||
        fail "$p is not installed"
done
for b in pumpwatch pumpwatch-server pumpwatch-sim pumpwatch-cli; do
    missing=$(in_root ldd "/usr/bin/$b" | grep 'not found' || true)
    [ -z "$missing" ] || fail "/usr/bin/$b: libraries missing in the fresh root: $missing"
done
qtplugins=$root/usr/lib/x86_64-linux-gnu/qt6/plugins
for f in sqldrivers/libqsqlite.so sqldrivers/libqsqlpsql.so platforms/libqxcb.so \
    imageformats/libqsvg.so; do
    [ -f "$qtplugins/$f" ] || fail "Qt plugin $f not installed"
done
[ -f "$root/usr/share/qt6/translations/qtbase_zh_CN.qm" ] || fail "qtbase_zh_CN.qm not installed"

desktop=$root/usr/share/applications/pumpwatch.desktop
[ -f "$desktop" ] || fail "no /usr/share/applications/pumpwatch.desktop"
grep -qx 'Name=PumpWatch' "$desktop" || fail "pumpwatch.desktop: no Name=PumpWatch"
grep -qx 'Icon=pumpwatch' "$desktop" || fail "pumpwatch.desktop: no Icon=pumpwatch"
exec_program=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop" | head -1)
[ -x "$root/usr/bin/$exec_program" ] || fail "pumpwatch.desktop runs '$exec_program', not installed"
for icon in scalable/apps/pumpwatch.svg 16x16/apps/pumpwatch.png 48x48/apps/pumpwatch.png \
    256x256/apps/pumpwatch.png; do
    [ -s "$root/usr/share/icons/hicolor/$icon" ] || fail "icon hicolor/$icon not installed"
done

passwd=$(in_root getent passwd pumpwatch) || fail "no user pumpwatch"
[[ $passwd == *:/var/lib/pumpwatch:/usr/sbin/nologin ]] || fail "user pumpwatch: $passwd"
# Owners by the root's names (stat inside: the host's names for the ids differ).
owner=$(in_root stat -c '%U:%G %a' /var/lib/pumpwatch)
[ "$owner" = "pumpwatch:pumpwatch 750" ] || fail "/var/lib/pumpwatch: $owner"
owner=$(in_root stat -c '%U:%G %a' /etc/pumpwatch/server.conf)
[ "$owner" = "root:pumpwatch 640" ] || fail "/etc/pumpwatch/server.conf: $owner"
# shellcheck disable=SC2016
in_root dpkg-query -W -f='${Conffiles}' pumpwatch-server | grep -q ' /etc/pumpwatch/server.conf ' ||
    fail "dpkg does not treat /etc/pumpwatch/server.conf as a conffile"
# Enabled: started at every boot.
wants=$root/etc/systemd/system/multi-user.target.wants/pumpwatch-server.service
[ -L "$wants" ] || fail "pumpwatch-server.service is not enabled (no multi-user.target.wants link)"

# Qt's own strings (qtbase_zh_CN.qm, from Qt's translations folder) and ours, from the
# installed programs.
help=$(in_root env LANG=zh_CN.UTF-8 pumpwatch-server --help) || fail "pumpwatch-server --help: $help"
[[ $help == *"用法："* ]] || fail "Qt's own strings not in Chinese (qtbase_zh_CN.qm): $help"
[[ $help == *"PumpWatch 采集、报警与历史服务"* ]] || fail "PumpWatch's strings not in Chinese: $help"
# The workstation loads its libraries and Qt's platform plugin (its --help is parsed before it
# sets up its language, so it is English).
help=$(in_root env QT_QPA_PLATFORM=offscreen pumpwatch --help 2>&1) ||
    fail "the workstation does not start in the fresh root: $help"
[[ $help == *"--project"* ]] || fail "workstation --help: $help"

# --- the installed unit's command line against the installed simulator -------------------------
unit=$root/lib/systemd/system/pumpwatch-server.service
[ -f "$unit" ] || fail "no /lib/systemd/system/pumpwatch-server.service"
user=$(sed -n 's/^User=//p' "$unit")
[ "$user" = pumpwatch ] || fail "the unit runs as '$user'"
grep -qx 'Restart=always' "$unit" || fail "the unit does not restart the server (exit 3: standby)"
grep -qx 'WantedBy=multi-user.target' "$unit" || fail "the unit is not wanted by multi-user.target"
# systemd's own reading of the installed unit, where the host has systemd-analyze (the root
# has no systemd to read it with --root=): nothing but the program's absence on the host.
if command -v systemd-analyze >/dev/null; then
    verify=$(systemd-analyze verify "$unit" 2>&1 | grep -v '/usr/bin/pumpwatch-server is not executable' || true)
    [ -z "$verify" ] || fail "systemd-analyze verify $unit: $verify"
fi
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
env_file=$(sed -n 's/^EnvironmentFile=-\{0,1\}//p' "$unit")
condition=$(sed -n 's/^ConditionPathExists=//p' "$unit")

# The EnvironmentFile, as systemd reads it: NAME=value lines, # comments, optional quotes.
declare -A unit_env=()
while IFS= read -r line; do
    [[ $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    name=${BASH_REMATCH[1]}
    value=${BASH_REMATCH[2]}
    if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then
        value=${BASH_REMATCH[1]}
    fi
    unit_env[$name]=$value
done <"$root$env_file"
# ExecStart= as systemd expands it: ${NAME} is one argument, $NAME alone is split at spaces
# (nothing when empty).
command=()
read -r -a words <<<"$exec_start"
for w in "${words[@]}"; do
    if [[ $w =~ ^\$([A-Za-z_][A-Za-z0-9_]*)$ ]]; then
        read -r -a split <<<"${unit_env[${BASH_REMATCH[1]}]:-}"
        command+=("${split[@]}")
    else
        while [[ $w =~ \$\{([A-Za-z_][A-Za-z0-9_]*)\} ]]; do
            w=${w/"${BASH_REMATCH[0]}"/${unit_env[${BASH_REMATCH[1]}]:-}}
        done
        command+=("$w")
    fi
done
echo "ExecStart, expanded: ${command[*]}"
db=${unit_env[PUMPWATCH_DB]:-}
[[ $db == sqlite:/var/lib/pumpwatch/* ]] || fail "server.conf's database is '$db'"

# A three-station city on free ports, written where the unit expects the project.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
base=
for _ in $(seq 1 50); do
    candidate=$((24000 + RANDOM % 8000))
    ok=yes
    for i in $(seq 0 7); do port_free $((candidate + i)) || ok=no; done
    [ $ok = yes ] && { base=$candidate; break; }
done
[ -n "$base" ] || fail "no 8 free ports in 24000-32000"
[ "$condition" = /etc/pumpwatch/project.json ] || fail "ConditionPathExists=$condition"
in_root pumpwatch-sim --stations 3 --base-port "$base" --write-project "$condition" --list \
    >"$work/city.txt" || fail "pumpwatch-sim could not write the city"
chmod 0644 "$root$condition"

# The simulator, paused from the start so that values hold still; commands through a FIFO.
mkfifo "$work/sim.in"
exec 7<>"$work/sim.in"
in_root pumpwatch-sim --project "$condition" --fault pause <"$work/sim.in" >"$work/sim.log" 2>&1 &
pids+=($!)
for i in $(seq 1 100); do
    grep -q '^ready' "$work/sim.log" && break
    sleep 0.1
done
grep -q '^ready' "$work/sim.log" || { cat "$work/sim.log"; fail "pumpwatch-sim is not ready"; }
echo "get S0002/low/outlet_pressure" >&7
for i in $(seq 1 50); do
    pressure=$(sed -n 's/^ok \([-0-9.e+]*\)$/\1/p' "$work/sim.log" | tail -1)
    [ -n "$pressure" ] && break
    sleep 0.1
done
[ -n "$pressure" ] || { cat "$work/sim.log"; fail "the simulator did not answer 'get'"; }
say "simulator on ports $base…, S0002 outlet pressure $pressure"

say "pumpwatch-server as the unit starts it"
# exec: the background subshell becomes chroot, then env, then the server, so $! is the
# server's own pid and SIGTERM reaches it (not a bash that would die of it with 143).
(exec chroot --userspec=pumpwatch:pumpwatch "$root" env -i --chdir=/var/lib/pumpwatch \
    PATH=/usr/bin:/bin HOME=/var/lib/pumpwatch USER=pumpwatch LOGNAME=pumpwatch \
    "${command[@]}") >"$work/server.log" 2>&1 &
server=$!
pids+=("$server")

# The installed CLI, as the service user (the database folder is 0750), against the server's
# database, until the stored samples show.
from=$(date -d '-2 days' +%F)
to=$(date -d '+2 days' +%F)
rows=()
for i in $(seq 1 60); do
    kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; fail "the server exited"; }
    if out=$(as_service pumpwatch-cli history export --project "$condition" --db "$db" \
        --station S0002 --quantity outlet_pressure --from "$from" --to "$to" --step raw 2>&1); then
        out=${out#$'\xEF\xBB\xBF'} # the byte order mark for Excel
        mapfile -t rows < <(printf '%s' "$out" | tr -d '\r')
        # The paused city's values hold still: one stored sample each (no-change filter).
        [ ${#rows[@]} -ge 2 ] && break
    fi
    sleep 1
done
[ ${#rows[@]} -ge 2 ] || { cat "$work/server.log"; fail "no samples stored after 60 s: $out"; }
say "the CLI reads ${#rows[@]} rows: ${rows[1]}"
[ "${rows[0]}" = "Station,Tag,Time,Value,Unit,Quality" ] || fail "export header: ${rows[0]}"
for r in "${rows[@]:1}"; do
    IFS=, read -r _ tag _ value unit quality <<<"$r"
    [ "$tag,$unit,$quality" = "出水压力,MPa,good" ] || fail "row $r"
    awk -v a="$value" -v b="$pressure" 'BEGIN { d = a - b; exit !(d < 1e-6 && d > -1e-6) }' ||
        fail "stored $value, the simulator serves $pressure: $r"
done
# The log (the journal, under systemd) names the history database the unit gave it.
grep -qF -- "$db" "$work/server.log" || { cat "$work/server.log"; fail "the server's log does not name $db"; }
[ "$(in_root stat -c %U "${db#sqlite:}")" = pumpwatch ] || fail "the database is not the service user's"

kill -TERM "$server"
code=0
wait "$server" || code=$?
[ $code -eq 0 ] || { cat "$work/server.log"; fail "the server exited with $code on SIGTERM"; }
grep -q "stopped" "$work/server.log" || fail "no 'stopped' in the server's log"
say "the server stopped cleanly"

# --- purge ------------------------------------------------------------------------------------
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q pumpwatch-server >>"$work/apt.log" 2>&1 ||
    { tail -20 "$work/apt.log"; fail "apt-get purge pumpwatch-server failed"; }
[ ! -e "$root/var/lib/pumpwatch" ] || fail "purge left /var/lib/pumpwatch"
[ ! -e "$root/etc/pumpwatch/server.conf" ] || fail "purge left /etc/pumpwatch/server.conf"
[ ! -L "$wants" ] || fail "purge left the unit enabled"
[ -f "$root$condition" ] || fail "purge removed the administrator's project"
[ -x "$root/usr/bin/pumpwatch" ] || fail "purging the server removed the workstation"
say "purge done; all checks passed"
