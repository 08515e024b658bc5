#!/usr/bin/env bash
# The release build against the dev build: the binary's size, and the time from starting the
# process to its main menu on screen (the first screenshot of the window that is not blank),
# measured from outside, since the release app carries no measuring hooks. Both run the same way
# in a 1280x720 window under Xvfb with Mesa's software Vulkan, alternating.
# Prints one JSON line per run. Usage: benches/startup.sh [runs]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/jiedai-target}"
runs="${1:-3}"
cargo build --bin jiedai >&2
cargo build --release --bin jiedai >&2
n=160
while [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
display=":$n"
Xvfb "$display" -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
work="$(mktemp -d)"
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
sleep 1.5
python3 - "$display" "$runs" "$work" "$CARGO_TARGET_DIR" <<'PY'
import json, os, subprocess, sys, time
display, runs, work, target = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
env = dict(os.environ, DISPLAY=display, WGPU_BACKEND="vulkan", JIEDAI_WINDOW="1280x720",
           JIEDAI_CONFIG_DIR=os.path.join(work, "config"), JIEDAI_DATA_DIR=os.path.join(work, "data"))
def menu_ms(binary):
    t0 = time.monotonic()
    p = subprocess.Popen([binary, "--trainee", "bench"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.monotonic() - t0 < 120:
            w = subprocess.run(["xdotool", "search", "--name", "jiedai"], env=env, capture_output=True, text=True).stdout.split()
            if w:
                shot = os.path.join(work, "shot.png")
                subprocess.run(["import", "-window", w[0], shot], env=env, capture_output=True)
                colours = subprocess.run(["convert", shot, "-format", "%k", "info:"], capture_output=True, text=True).stdout.strip()
                # The menu: its title, entries and notices in the bundled font.
                if colours.isdigit() and int(colours) > 50:
                    return (time.monotonic() - t0) * 1000
            time.sleep(0.05)
        return float("nan")
    finally:
        p.kill()
        p.wait()
for _ in range(runs):
    for build in ["debug", "release"]:
        b = os.path.join(target, build, "jiedai")
        print(json.dumps({"build": build, "menu_ms": round(menu_ms(b), 1), "bytes": os.path.getsize(b)}), flush=True)
PY
