#!/usr/bin/env bash
# Types Chinese into the app through a real input method: ibus with its pinyin engine, over
# XIM, in a window under Xvfb. Plays the tutorial to its typed step, types "nihao" and
# "dengji" as pinyin, picks the candidates, sends with Enter, and checks that the app received
# 你好登记. Screenshots of each step (the composing text included) go to $OUT.
#
# Not part of `cargo test`: it needs an input method installed. On Debian:
#   apt-get install --no-install-recommends xvfb xdotool ibus ibus-libpinyin dbus-x11 x11-apps \
#     x11-utils imagemagick
# Usage: tests/ime/real-ime.sh [path/to/jiedai]   (default target/debug/jiedai)
# Exit: 0 the reply arrived, 1 something did not start, 2 the reply did not arrive.
set -u
cd "$(dirname "$0")/../.."
app="$(realpath "${1:-target/debug/jiedai}")"
out="${OUT:-target/ime}"
mkdir -p "$out"
out="$(realpath "$out")"
say() { echo "[real-ime] $*"; }
die() { say "$*"; exit 1; }
for t in Xvfb xdotool xwd xprop convert dbus-launch ibus-daemon ibus; do
  command -v "$t" >/dev/null || die "missing $t (see the package list at the top)"
done
[ -x "$app" ] || die "no app at $app (cargo build first)"

n=$(for n in $(seq 150 199); do [ -e "/tmp/.X$n-lock" ] || { echo "$n"; break; }; done)
[ -n "$n" ] || die "no free X display in :150-:199"
export DISPLAY=":$n"
# XIM works only in a locale Xlib knows as UTF-8: with LANG=C every key goes to the input
# method and nothing is committed.
export LANG=C.UTF-8
unset LC_ALL
# The input method gets a home of its own: its pinyin engine learns from every choice and
# would reorder the candidates between runs.
app_home="$HOME"
export HOME="$out/im-home" NO_AT_BRIDGE=1
rm -rf "$HOME" && mkdir -p "$HOME"

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  [ -n "${DBUS_SESSION_BUS_PID:-}" ] && kill "$DBUS_SESSION_BUS_PID" 2>/dev/null
  return 0
}
trap cleanup EXIT
shot() { xwd -root -silent | convert xwd:- "$out/$1.png"; }
key() { xdotool key --delay 100 "$@"; }

Xvfb "$DISPLAY" -screen 0 1280x720x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.2; done
eval "$(dbus-launch --sh-syntax)" || die "dbus-launch failed"

ibus-daemon --xim --replace --panel=disable >"$out/ibus.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do xprop -root XIM_SERVERS 2>/dev/null | grep -q '@server=ibus' && break; sleep 0.2; done
xprop -root XIM_SERVERS 2>/dev/null | grep -q '@server=ibus' || die "ibus's XIM server did not start"
# `ibus engine NAME` may exit 1 before any input context exists, yet set it: check by name.
for _ in $(seq 25); do
  ibus engine libpinyin >/dev/null 2>&1
  [ "$(ibus engine 2>/dev/null)" = libpinyin ] && break
  sleep 0.2
done
[ "$(ibus engine 2>/dev/null)" = libpinyin ] || die "could not select the libpinyin engine"

config="$(mktemp -d)"
env HOME="$app_home" XMODIFIERS=@im=ibus JIEDAI_CONFIG_DIR="$config" JIEDAI_DATA_DIR="$config/data" \
  JIEDAI_LANG=zh JIEDAI_WINDOW=1280x720 WGPU_BACKEND=vulkan RUST_LOG=jiedai=debug \
  "$app" --trainee 测试学员 >"$out/app.log" 2>&1 &
app_pid=$!
pids=("$app_pid" "${pids[@]}")
win=""
for _ in $(seq 120); do
  kill -0 "$app_pid" 2>/dev/null || die "the app exited (see $out/app.log)"
  win=$(xdotool search --name jiedai 2>/dev/null | head -1)
  [ -n "$win" ] && break
  sleep 0.5
done
[ -n "$win" ] || die "no app window after 60 s"
sleep 8 # the first frames on a software renderer are slow
xdotool mousemove 1279 719
xdotool windowfocus --sync "$win" || die "could not focus the window"

# Menu -> case file -> the visit; the tutorial asks for a typed reply after two choices.
key Return; sleep 2
key Return; sleep 3
key 1; sleep 2.5
key 1; sleep 2.5
shot 1-typed-step
# winit (X11) gives the window a new input context when the reply box turns the input method on,
# and attaches it to the input method on the window's next focus-in: a trainee clicking into the
# window, here focus moved away and back, as a window manager does when the box is clicked.
root_win=$(xwininfo -root | awk '/Window id/ {print $4}')
xdotool windowfocus "$root_win" 2>/dev/null || true
sleep 0.5
xdotool windowfocus --sync "$win" || die "could not focus the window again"
sleep 1
xdotool type --delay 150 nihao; sleep 1.5; shot 2-composing
key space; sleep 1.5; shot 3-committed
xdotool type --delay 150 dengji; sleep 1.5
key 2; sleep 1.5; shot 4-second-word # 登记 is the second candidate (the first is 等级)
key Return; sleep 3; shot 5-sent

if grep -q "typed reply sent: 你好登记" "$out/app.log"; then
  say "the app received 你好登记 from the input method; screenshots in $out"
  exit 0
fi
say "the reply did not arrive as 你好登记; see $out/app.log and the screenshots in $out"
grep "typed reply sent" "$out/app.log" | sed 's/^/[real-ime]   /'
exit 2
