#!/usr/bin/python3
"""Side by side: ./tidl bench-dl and the PyTorch peers, one after the other, several rounds, in one session.

The machine may be shared, so every setting is measured in alternation (ours, peer, ours, peer, ...) and the
table reports medians, ranges and the ratio of the medians. Run from anywhere:

    /usr/bin/python3 deep-learning-experiments/bench/compare.py [--rounds 3] [--settings mlp64,mlp32,vgg8,vgg32]
                     [--openblas DIR]

--openblas DIR  also runs the peers with DIR first on LD_LIBRARY_PATH (a folder holding an OpenBLAS
                libblas.so.3, e.g. /usr/lib/x86_64-linux-gnu/openblas-pthread from libopenblas0-pthread):
                Debian's python3-torch uses the reference BLAS by default.
Needs: python3-torch (apt-get install -y python3-torch), and a built ./tidl (it builds itself on first use).
"""
import argparse, csv, io, os, re, statistics, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SETTINGS = {  # name: (our bench-dl arguments, the peer's arguments, peer steps)
    "mlp64": (["--workers", "64", "--hidden", "5000"], ["pytorch_peer_strong.py", "mlp", "64", "5000", "4"]),
    "mlp32": (["--workers", "32", "--hidden", "512"], ["pytorch_peer_strong.py", "mlp", "32", "512", "20"]),
    "vgg8": (["--model", "vgg11", "--workers", "8", "--steps", "3"], ["pytorch_peer_strong.py", "vgg", "8", "3"]),
    "vgg32": (["--model", "vgg11", "--workers", "32", "--steps", "2"], ["pytorch_peer_strong.py", "vgg", "32", "2"]),
}


def ours(args):
    out = subprocess.run([os.path.join(ROOT, "tidl"), "bench-dl"] + args, capture_output=True, text=True, check=True)
    row = next(csv.DictReader(io.StringIO(out.stdout)))
    return float(row["samples_per_second"]), row


def peer(args, blas):
    env = dict(os.environ)
    if blas:
        env["LD_LIBRARY_PATH"] = blas + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else "")
    out = subprocess.run(["/usr/bin/python3", os.path.join(HERE, args[0])] + args[1:], capture_output=True, text=True,
                         check=True, env=env)
    return float(re.findall(r"([0-9.]+) samples/s", out.stdout)[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--settings", default="mlp64,mlp32,vgg8,vgg32")
    ap.add_argument("--openblas", default="")
    a = ap.parse_args()
    names = a.settings.split(",")
    peers = [("torch (Debian BLAS)", "")] + ([("torch + OpenBLAS", a.openblas)] if a.openblas else [])
    results = {n: {"ours": [], **{p: [] for p, _ in peers}} for n in names}
    extra = {}
    for r in range(a.rounds):
        for n in names:
            s, row = ours(SETTINGS[n][0])
            results[n]["ours"].append(s)
            extra[n] = row
            print(f"round {r + 1} {n}: ours {s:.0f} samples/s ({float(row['percent_of_limit']):.0f}% of the "
                  f"{row['bound_by']} limit)", file=sys.stderr, flush=True)
            for p, blas in peers:
                v = peer(SETTINGS[n][1], blas)
                results[n][p].append(v)
                print(f"round {r + 1} {n}: {p} {v:.0f} samples/s", file=sys.stderr, flush=True)
    print("| setting | ours samples/s (median, range) | peer | peer samples/s (median, range) | ratio | % of limit (ours) |")
    print("|---|---|---|---|---|---|")
    for n in names:
        o = results[n]["ours"]
        for p, _ in peers:
            q = results[n][p]
            print(f"| {n} | {statistics.median(o):.0f} ({min(o):.0f}-{max(o):.0f}) | {p} | "
                  f"{statistics.median(q):.1f} ({min(q):.1f}-{max(q):.1f}) | {statistics.median(o) / statistics.median(q):.2f} | "
                  f"{float(extra[n]['percent_of_limit']):.0f}% of {extra[n]['bound_by']} "
                  f"({float(extra[n]['limit_samples_per_second']):.0f} samples/s) |")


if __name__ == "__main__":
    main()
