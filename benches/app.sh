#!/usr/bin/env bash
# The app against a bare Bevy window with the same features, built and measured in one run:
# time to an interactive main menu, and the mean frame time of the reception screen with a
# 100-turn transcript at 1920x1080, against two baselines: the bare window with Bevy's default
# camera, and the same with multisampling off as the app has it (like for like). Needs Xvfb and
# a Vulkan driver (Mesa's lavapipe here). The frame is measured twice: as wall time, and as the
# process's CPU time per frame (lavapipe draws on the process's own threads), which a busy or
# shared machine disturbs far less.
# Usage: benches/app.sh [runs]   (default 3 runs of each, alternating)
set -euo pipefail
cd "$(dirname "$0")/.."
# The same build cache as the tests and .ci/run (outside the clone).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/jiedai-target}"
runs="${1:-3}"
# The dev profile builds Bevy and its dependencies at opt-level 3 (see Cargo.toml), which is what
# dominates both measurements, and shares the build with the tests.
cargo build --bin jiedai --features hooks --example bare_window
target_dir="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
display=":93"
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb' EXIT
sleep 1.5
export DISPLAY="$display" WGPU_BACKEND=vulkan JIEDAI_WINDOW=1920x1080 JIEDAI_CONFIG_DIR="$(mktemp -d)" JIEDAI_DATA_DIR="$(mktemp -d)"
out=$(mktemp)
for _ in $(seq "$runs"); do
  "$target_dir/debug/examples/bare_window" 2>/dev/null | grep '^{' >>"$out"
  BARE_MSAA=off "$target_dir/debug/examples/bare_window" 2>/dev/null | grep '^{' >>"$out"
  # Named, so that the app opens on its main menu rather than asking who is training.
  JIEDAI_BENCH=1 "$target_dir/debug/jiedai" --trainee bench 2>/dev/null | grep '^{' >>"$out"
done
python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
def med(app, key):
    return statistics.median(r[key] for r in rows if r["app"] == app)
for key, label in [
    ("ready_ms", "start to interactive menu (ms)"),
    ("frame_ms", "reception frame, 100 turns, 1920x1080: wall time (ms)"),
    ("cpu_ms", "reception frame, 100 turns, 1920x1080: CPU time of the process, renderer included (ms)"),
]:
    bare, off, app = med("bare", key), med("bare-msaa-off", key), med("jiedai", key)
    print(f"{label}")
    print(f"  bare (Bevy's default camera)   {bare:8.1f}   jiedai {app:8.1f}   ratio {app / bare:5.2f}x")
    print(f"  bare, MSAA off like the app    {off:8.1f}   jiedai {app:8.1f}   ratio {app / off:5.2f}x")
PY
