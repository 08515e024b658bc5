"""Writes the figures of one benches/all.sh run into docs/benchmarks.md, between its
`<!-- figures: begin -->` and `<!-- figures: end -->` markers: every benchmark with its baseline
from the same run, the ratio, the machine and the date."""
import datetime, json, os, platform, re, statistics, subprocess, sys

out, criterion, doc = sys.argv[1], sys.argv[2], sys.argv[3]


def estimate(group, bench):
    with open(os.path.join(criterion, group, bench, "new", "estimates.json")) as f:
        return json.load(f)["mean"]["point_estimate"] / 1e6  # ms


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(open("/proc/meminfo").readline().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    return f"{os.cpu_count()} cores ({cpu}){mem}, {platform.system()} {platform.release()}, {rustc}"


rows = []
base = estimate("scenario_10k", "baseline_ron_value_parse")
rows += [
    "### Scenarios: a generated 10,000-step scenario",
    "",
    "| benchmark | time | × baseline | target |",
    "|---|---:|---:|---|",
    f"| baseline: parse into an untyped `ron::Value` | {base:.1f} ms | 1.00× | |",
    f"| load (typed parse, locator scan) and validate every check | {estimate('scenario_10k', 'load_and_validate'):.1f} ms | **{estimate('scenario_10k', 'load_and_validate') / base:.2f}×** | ≤ 2× |",
    f"| `explore` (every visit the scenario allows) | {estimate('scenario_10k', 'explore'):.1f} ms | {estimate('scenario_10k', 'explore') / base:.2f}× | |",
    "",
]
kw = estimate("analyser_10k_replies", "baseline_str_contains")
lex = estimate("analyser_10k_replies", "analyse")
full = estimate("analyser_10k_replies", "analyse_learned")
rows += [
    "### The analyser: 10,000 one-sentence replies",
    "",
    "| benchmark | time | replies per second | × the keyword list's time |",
    "|---|---:|---:|---:|",
    f"| baseline: a keyword list (`str::contains` for every lexicon pattern) | {kw:.1f} ms | {10000 / kw * 1000:,.0f} | 1.00× |",
    f"| `Analyser::analyse`, lexicons alone | {lex:.1f} ms | {10000 / lex * 1000:,.0f} | {lex / kw:.2f}× |",
    f"| `Analyser::analyse` with the learned layer (what the hosts run) | {full:.1f} ms | **{10000 / full * 1000:,.0f}** | {full / kw:.2f}× |",
    "",
]
records = [l.rstrip() for l in open(os.path.join(out, "records.txt")) if l.strip()]
head = next((l for l in records if not l.startswith("|")), "")
table = [l for l in records if l.startswith("|")]
rows += ["### A training centre's year of records", "", head + ".", ""] + table + [""]

app = open(os.path.join(out, "app.txt")).read().splitlines()
rows += ["### The app against a bare Bevy window (1920×1080, Xvfb, Mesa's lavapipe)", "",
         "| measurement | baseline | bare window | jiedai | ratio | target |", "|---|---|---:|---:|---:|---|"]
label = None
targets = {"start": "≤ 1.5× Bevy's default", "wall": "≤ 1.2×", "CPU": "≤ 1.2×"}
for line in app:
    m = re.match(r"\s+(bare.*?)\s{2,}([\d.]+)\s+jiedai\s+([\d.]+)\s+ratio\s+([\d.]+)x", line)
    if m:
        what, b, j, r = m.groups()
        key = "start" if "menu" in label else ("CPU" if "CPU" in label else "wall")
        like = "MSAA off" in what
        # The start-up's target is against Bevy's default window; the frame's, like for like.
        judged = (not like) if key == "start" else like
        ratio = f"**{r}×**" if judged else f"{r}×"
        rows.append(f"| {label if not like else ''} | {what} | {b} ms | {j} ms | {ratio} | {targets[key] if judged else ''} |")
    elif line.strip() and not line.startswith(" "):
        label = line.strip()
rows.append("")

start = [json.loads(l) for l in open(os.path.join(out, "startup.txt")) if l.startswith("{")]
def med(build, key):
    return statistics.median(r[key] for r in start if r["build"] == build)
if start:
    d_ms, r_ms = med("debug", "menu_ms"), med("release", "menu_ms")
    d_b, r_b = med("debug", "bytes"), med("release", "bytes")
    rows += [
        "### The release build against the dev build (1280×720, Xvfb, measured from outside)",
        "",
        "| measurement | dev build | release build | ratio |",
        "|---|---:|---:|---:|",
        f"| binary size | {d_b / 2**20:.1f} MiB | {r_b / 2**20:.1f} MiB | {r_b / d_b:.2f}× |",
        f"| process start to the main menu on screen | {d_ms:.0f} ms | {r_ms:.0f} ms | {r_ms / d_ms:.2f}× |",
        "",
    ]

today = datetime.date.today().isoformat()
block = "\n".join(
    ["<!-- figures: begin (written by benches/all.sh; do not edit by hand) -->",
     f"Measured on {today} by `benches/all.sh`: {machine()}.", ""] + rows +
    ["<!-- figures: end -->"])
text = open(doc).read()
begin, end = text.find("<!-- figures: begin"), text.find("<!-- figures: end -->")
if begin < 0 or end < 0:
    sys.exit(f"{doc} has no figures markers")
end += len("<!-- figures: end -->")
open(doc, "w").write(text[:begin] + block + text[end:])
