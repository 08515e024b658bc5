#!/usr/bin/env bash
# The installed jiedai as a training room gets it: /usr/bin/jiedai opens its window under Xvfb
# (Mesa's software Vulkan) from a folder that is not a checkout, draws its main menu, keeps its
# settings and records in the user's folders and writes nothing under /usr. The release app has
# no scripted tour (that is the tests' `hooks` feature), so this looks from outside: the window
# appears, a screenshot of it is not blank, the files land where they should.
# Usage: tests/installed.sh [path/to/jiedai]   (default /usr/bin/jiedai)
set -euo pipefail
app="${1:-/usr/bin/jiedai}"
out="${OUT:-$(pwd)/target/screenshots}"
mkdir -p "$out"
work="$(mktemp -d)"
n=150
while [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
display=":$n"
Xvfb "$display" -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
sleep 1.5
fail() {
  echo "installed smoke test: $*" >&2
  [ -f "$work/log" ] && tail -20 "$work/log" >&2
  exit 1
}
stamp="$work/stamp"
touch "$stamp"
sleep 1
mkdir -p "$work/home"
cd "$work"
env -u JIEDAI_HOME -u JIEDAI_DATA_DIR -u JIEDAI_CONFIG_DIR -u XDG_CONFIG_HOME -u XDG_DATA_HOME \
  HOME="$work/home" DISPLAY="$display" WGPU_BACKEND=vulkan JIEDAI_LANG=zh \
  "$app" --trainee 安装检查 >"$work/log" 2>&1 &
pid=$!
win=""
for _ in $(seq 120); do
  kill -0 "$pid" 2>/dev/null || fail "the app exited"
  win=$(DISPLAY="$display" xdotool search --name "jiedai" 2>/dev/null | head -1 || true)
  [ -n "$win" ] && break
  sleep 0.5
done
[ -n "$win" ] || fail "no window within a minute"
# The menu: loaded scenarios, the font; give the software renderer time to draw it.
sleep 8
kill -0 "$pid" 2>/dev/null || fail "the app exited after opening its window"
DISPLAY="$display" import -window root "$out/installed.png"
colours=$(convert "$out/installed.png" -format %k info:)
[ "$colours" -gt 50 ] || fail "the window is blank ($colours colours)"
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=""
grep -qi "panicked" "$work/log" && fail "the app panicked"
[ -f "$work/home/.local/share/jiedai/records.sqlite" ] || fail "no records database in the user's data folder"
changed=$(find /usr/bin/jiedai /usr/share/jiedai /usr/share/doc/jiedai -newer "$stamp" 2>/dev/null || true)
[ -z "$changed" ] || fail "files under /usr were written: $changed"
echo "the installed app opened its menu ($colours colours); screenshot in $out/installed.png"
