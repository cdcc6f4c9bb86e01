"""Runs every benchmark of BENCHMARKS.md and prints the figures as JSON (and a Markdown table on stderr).

usage: python3 bench/run.py [--quick]      (from the repository root; --quick: fewer runs, for a smoke test)

Needs cargo, python3 and valgrind. Creates target/bench/ (generated apps, a troposphere venv, builds).
Wall times are whole processes, medians over RUNS runs; peak memory is the maximum resident set size that
/usr/bin/time reports; instruction counts come from `valgrind --tool=callgrind`.
"""

import json
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import time
import venv

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "target" / "bench"
QUICK = "--quick" in sys.argv
RUNS = 3 if QUICK else 7
BUILD_RUNS = 1 if QUICK else 5


def sh(cmd, cwd=None, env=None, quiet=True):
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=quiet, text=True)
    if r.returncode != 0:
        raise SystemExit(f"{cmd} failed:\n{r.stderr}")
    return r


def timed(cmd, cwd=None, env=None):
    """(wall seconds, peak RSS in KB) of one run."""
    start = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if r.returncode != 0:
        raise SystemExit(f"{cmd} failed:\n{r.stderr}")
    return wall, int(r.stderr.strip().splitlines()[-1])


def median_run(cmd, cwd=None, runs=RUNS):
    samples = [timed(cmd, cwd) for _ in range(runs)]
    return {"median_s": statistics.median(s[0] for s in samples), "peak_kb": max(s[1] for s in samples), "runs": runs}


def python_with_troposphere():
    env_dir = OUT / "pyenv"
    py = env_dir / "bin" / "python"
    reqs = (ROOT / "bench" / "requirements.txt").read_text()
    stamp = env_dir / "installed-requirements.txt"
    if not (stamp.exists() and stamp.read_text() == reqs):
        shutil.rmtree(env_dir, ignore_errors=True)
        venv.create(env_dir, with_pip=True)
        sh([str(py), "-m", "pip", "install", "-q", "-r", str(ROOT / "bench" / "requirements.txt")])
        stamp.write_text(reqs)
    return str(py)


def app(n, mode):
    d = OUT / f"app-{mode}-{n}"
    if not d.exists():
        sh([sys.executable, str(ROOT / "bench" / "gen_workload.py"), str(n), mode, str(d)])
    return d


def generation(py):
    sh(["cargo", "build", "-q", "--release"], cwd=ROOT / "bench" / "floor")
    floor = str(ROOT / "bench" / "floor" / "target" / "release" / "bench-floor")
    rows = {}
    for n in (10, 100, 500):
        d = app(n, "annotated")
        sh(["cargo", "build", "-q", "--release", "--bin", "template"], cwd=d)
        template = str(d / "target" / "release" / "template")
        tropo = str(ROOT / "bench" / "troposphere_app.py")
        row = {
            "infra_yaml": median_run([template, "--quotas", "warn"], cwd=d),
            "floor_yaml": median_run([floor, str(n)]),
            "troposphere_yaml": median_run([py, tropo, str(n), "yaml"]),
            "troposphere_json": median_run([py, tropo, str(n), "json"]),
        }
        row["vs_floor"] = row["infra_yaml"]["median_s"] / row["floor_yaml"]["median_s"]
        row["troposphere_yaml_over_infra"] = row["troposphere_yaml"]["median_s"] / row["infra_yaml"]["median_s"]
        row["troposphere_json_over_infra"] = row["troposphere_json"]["median_s"] / row["infra_yaml"]["median_s"]
        rows[n] = row
    return rows


def edit_to_template(py):
    d = app(100, "annotated")
    sh(["cargo", "build", "-q", "--bin", "template"], cwd=d)
    lib = d / "src" / "lib.rs"
    original = lib.read_text()
    samples = []
    try:
        for k in range(RUNS):
            memory = 1024 + 64 * (k % 2 + 1)
            lib.write_text(original.replace("#[cf_function(memory = 512,", f"#[cf_function(memory = {memory},", 1))
            samples.append(timed(["cargo", "run", "-q", "--bin", "template", "--", "--output", "template.yaml"], cwd=d)[0])
            assert f"MemorySize: {memory}" in (d / "template.yaml").read_text()
    finally:
        lib.write_text(original)
    tropo = median_run([py, str(ROOT / "bench" / "troposphere_app.py"), "100", "yaml"])
    return {"median_s": statistics.median(samples), "runs": RUNS, "troposphere_full_run_s": tropo["median_s"]}


def compile_cost():
    rows = {}
    for mode in ("plain", "annotated"):
        d = app(200, mode)
        sh(["cargo", "build", "-q", "--lib"], cwd=d)  # dependencies warm
        app_only = []
        for _ in range(BUILD_RUNS):
            sh(["cargo", "clean", "-q", "-p", "bench-app"], cwd=d)
            app_only.append(timed(["cargo", "build", "-q", "--lib"], cwd=d)[0])
        shutil.rmtree(d / "target")
        full = timed(["cargo", "build", "-q", "--lib"], cwd=d)[0]
        rows[mode] = {"app_crate_median_s": statistics.median(app_only), "runs": BUILD_RUNS, "full_clean_s": full}
    rows["app_crate_ratio"] = rows["annotated"]["app_crate_median_s"] / rows["plain"]["app_crate_median_s"]
    rows["full_clean_ratio"] = rows["annotated"]["full_clean_s"] / rows["plain"]["full_clean_s"]
    return rows


def runtime_tax():
    rows = {}
    for mode, flags in (("plain", []), ("annotated", []), ("annotated_without_registry", ["--no-default-features"])):
        d = app(200, "plain" if mode == "plain" else "annotated")
        sh(["cargo", "build", "-q", "--release", "--bin", "bench-app"] + flags, cwd=d)
        binary = OUT / f"bench-app-{mode}"
        shutil.copy(d / "target" / "release" / "bench-app", binary)
        out = OUT / f"callgrind-{mode}.out"
        sh(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", str(binary), "--exit"])
        total = re.search(r"^summary: (\d+)", out.read_text(), re.M) or re.search(r"^totals: (\d+)", out.read_text(), re.M)
        rows[mode] = {"stripped_bytes": binary.stat().st_size, "startup_instructions": int(total.group(1))}
    registrations = 201  # 200 functions and the table
    for mode in ("annotated", "annotated_without_registry"):
        rows[f"{mode}_bytes_per_registration"] = (rows[mode]["stripped_bytes"] - rows["plain"]["stripped_bytes"]) / registrations
        rows[f"{mode}_instructions_per_registration"] = (rows[mode]["startup_instructions"] - rows["plain"]["startup_instructions"]) / registrations
    return rows


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    py = python_with_troposphere()
    results = {"runs": RUNS, "machine": os.uname().machine, "cpus": os.cpu_count()}
    for name, f in [("generation", lambda: generation(py)), ("edit_to_template", lambda: edit_to_template(py)), ("compile_cost", compile_cost), ("runtime_tax", runtime_tax)]:
        if len(sys.argv) > 1 and sys.argv[-1] not in ("--quick", name):
            continue
        print(f"running {name}...", file=sys.stderr)
        results[name] = f()
        print(json.dumps({name: results[name]}, indent=1), file=sys.stderr)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
