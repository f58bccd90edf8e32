#!/usr/bin/env bash
# Spark's overhead per cell against the local engine, on the same grid, on this machine (issue 11's benchmark):
# the same cells run by `./tidl train` (local engine) and by `./tidl train --engine spark` (embedded Spark,
# local[1,4]: one cell at a time on all cores, as the local engine), one after the other. Cells of about a minute
# on a 2-core machine (Fashion-MNIST MLP 784-512-10, 16 workers, STEPS steps, default 1200).
#   code/spark/bench/overhead.sh [CELLS_PER_TOPOLOGY]        STEPS=... to change the cell length
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cat >"$WORK/overhead.exp" <<EXP
name = overhead
dataset = fashion-mnist
model = mlp
hidden = 512
workers = 16
batch = 16
steps = ${STEPS:-1200}
topologies = ring; star; fully-connected
learning-rates = 0.1
evaluations = 1
eval-train-examples = 10000
EXP
run() { # label, extra args
  local start end
  start=$(date +%s.%N)
  "$ROOT/tidl" train --experiment "$WORK/overhead.exp" --out "$WORK/$1" "${@:2}" >/dev/null 2>"$WORK/$1.log"
  end=$(date +%s.%N)
  echo "$start $end"
}
"$ROOT/tidl" help >/dev/null; "$ROOT/tidl" train --engine spark --help >/dev/null   # builds, outside the timing
if [[ "${SPARK_FIRST:-0}" == 1 ]]; then  # the other order, to see drift of a shared machine
  read -r ss se < <(run spark --engine spark)
  read -r ls le < <(run local)
else
  read -r ls le < <(run local)
  read -r ss se < <(run spark --engine spark)
fi
python3 - "$WORK" "$ls" "$le" "$ss" "$se" <<'PY'
import csv, sys
work, ls, le, ss, se = sys.argv[1], *map(float, sys.argv[2:])
def cells(label):
    with open(f"{work}/{label}/overhead/runs.csv") as f:
        return [float(r["wall_seconds"]) for r in csv.DictReader(f)]
loc, spa = cells("local"), cells("spark")
n = len(loc)
tl, ts = le - ls, se - ss
# outside the cells: JVM start, data load, Spark's start and probe, scheduling and result handling per cell
ol, os_ = tl - sum(loc), ts - sum(spa)
print(f"cells: {n}; training time per cell (wall_seconds): local {sum(loc)/n:.1f} s, Spark task {sum(spa)/n:.1f} s"
      f" (cells: local {' '.join(f'{x:.1f}' for x in loc)}; Spark {' '.join(f'{x:.1f}' for x in spa)})")
print(f"whole command: local {tl:.1f} s, Spark {ts:.1f} s ({100*(ts - tl)/tl:+.1f}%)")
print(f"outside the cells: local {ol:.1f} s, Spark {os_:.1f} s: Spark adds {os_ - ol:+.1f} s per sweep,"
      f" {(os_ - ol)/n:+.2f} s per cell = {100*(os_ - ol)/n/(sum(loc)/n):+.2f}% of a local cell")
print(f"inside the cells (Spark task vs local): {100*(sum(spa) - sum(loc))/sum(loc):+.1f}%")
PY
