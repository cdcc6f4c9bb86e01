"""Runs every benchmark of BENCHMARKS.md and prints the figures as JSON (and a Markdown table on stderr).

usage: python3 bench/run.py [PART] [--quick]   (from the repository root; --quick: fewer runs, for a smoke
       test; BENCH_BUILD_RUNS=N: N builds per figure instead of 5)

Needs cargo, python3 and valgrind. Creates target/bench/ (generated apps, a troposphere venv, builds).
Wall times are whole processes, medians over RUNS runs; peak memory is the maximum resident set size that
/usr/bin/time reports; instruction counts come from `valgrind --tool=callgrind`.
"""

import functools
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
BUILD_RUNS = 1 if QUICK else int(os.environ.get("BENCH_BUILD_RUNS", "5"))


def sh(cmd, cwd=None, env=None, quiet=True):
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=quiet, text=True)
    if r.returncode != 0:
        raise SystemExit(f"{cmd} failed:\n{r.stderr}")
    return r


def timed(cmd, cwd=None, env=None):
    """(wall seconds, peak RSS in KB, CPU seconds: user + system, children included) of one run."""
    start = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-f", "%M %U %S"] + cmd, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if r.returncode != 0:
        raise SystemExit(f"{cmd} failed:\n{r.stderr}")
    rss, user, system = r.stderr.strip().splitlines()[-1].split()
    return wall, int(rss), float(user) + float(system)


def median_run(cmd, cwd=None, runs=RUNS):
    samples = [timed(cmd, cwd) for _ in range(runs)]
    return {"median_s": statistics.median(s[0] for s in samples), "peak_kb": max(s[1] for s in samples), "runs": runs}


@functools.cache
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


def app(n, mode, from_git=False):
    d = OUT / f"app-{mode}-{n}{'-git' if from_git else ''}"
    sh([sys.executable, str(ROOT / "bench" / "gen_workload.py"), str(n), mode, str(d)] + (["--infra-from-git"] if from_git else []))
    return d


SAME_TEMPLATE = """import json, sys, cfn_flip
def load(path):
    t = json.loads(cfn_flip.to_json(open(path).read()))
    t["AWSTemplateFormatVersion"] = str(t["AWSTemplateFormatVersion"])
    if isinstance(t.get("Transform"), str):
        t["Transform"] = [t["Transform"]]
    return t
first, *rest = sys.argv[1:]
for other in rest:
    assert load(first) == load(other), f"{other} is not the template of {first}"
"""


def check_same_template(py, commands, cwd):
    """The three generators must write the same template (parsed, short-form tags expanded): a faster floor or
    troposphere that writes less would make the ratios meaningless."""
    paths = []
    for i, cmd in enumerate(commands):
        path = OUT / f"same-template-{i}.yaml"
        path.write_text(subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=True).stdout)
        paths.append(str(path))
    sh([py, "-c", SAME_TEMPLATE] + paths)


def generation(py):
    sh(["cargo", "build", "-q", "--release"], cwd=ROOT / "bench" / "floor")
    floor = str(ROOT / "bench" / "floor" / "target" / "release" / "bench-floor")
    rows = {}
    for n in (10, 100, 500):
        d = app(n, "annotated")
        sh(["cargo", "build", "-q", "--release", "--bin", "template"], cwd=d)
        template = str(d / "target" / "release" / "template")
        tropo = str(ROOT / "bench" / "troposphere_app.py")
        if n == 10:
            check_same_template(py, [[template, "--quotas", "warn"], [floor, str(n)], [py, tropo, str(n), "yaml"]], d)
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


def clean_builds(dirs, cmd):
    """BUILD_RUNS clean builds (`rm -rf target`, then `cmd`) of each app directory, the apps taking turns so all
    see the same machine state: {name: medians of wall and CPU, peak memory, runs}."""
    samples = {name: [] for name in dirs}
    for _ in range(BUILD_RUNS):
        for name, d in dirs.items():
            shutil.rmtree(d / "target", ignore_errors=True)
            samples[name].append(timed(cmd, cwd=d))
    return {name: {"clean_build_median_s": statistics.median(x[0] for x in v),
                   "clean_build_cpu_median_s": statistics.median(x[2] for x in v),
                   "peak_kb": max(x[1] for x in v), "runs": BUILD_RUNS} for name, v in samples.items()}


def compile_cost():
    """Clean builds of the N = 200 app, plain and annotated in turn (so all see the same machine state).

    `annotated` depends on infra-core by path, `annotated_from_git` on the commit at HEAD as a crates.io user
    would (see gen_workload.py); the app crate alone is timed for the first two."""
    dirs = {mode: app(200, mode) for mode in ("plain", "annotated")}
    dirs["annotated_from_git"] = app(200, "annotated", from_git=True)
    rows = clean_builds(dirs, ["cargo", "build", "-q"])
    app_only = {mode: [] for mode in dirs}
    for _ in range(BUILD_RUNS):
        for mode in ("plain", "annotated"):
            d = dirs[mode]
            sh(["cargo", "clean", "-q", "-p", "bench-app"], cwd=d)
            app_only[mode].append(timed(["cargo", "build", "-q", "--lib"], cwd=d)[0])
    for mode in dirs:
        if app_only.get(mode):
            rows[mode]["app_crate_median_s"] = statistics.median(app_only[mode])
    for mode in ("annotated", "annotated_from_git"):
        for key in ("clean_build_median_s", "clean_build_cpu_median_s", "app_crate_median_s"):
            if key in rows[mode]:
                rows[f"{mode}_{key.replace('median_s', 'ratio')}"] = rows[mode][key] / rows["plain"][key]
    return rows


SEED_SERVICES = ["ec2", "ecs", "elasticloadbalancingv2", "applicationautoscaling", "logs", "iam", "ecr", "codebuild",
                 "codepipeline", "cloudwatch", "sns"]

TYPED_APP = """use infra_core::Contribution;
use infra_core::cfn::{Id, ec2, ecr, ecs, logs, sns};

fn main() {
    const VPC: Id<ec2::VPC> = Id::named("Vpc");
    let c = Contribution::new()
        .add(&VPC, ec2::VPC::new().cidr_block("10.0.0.0/16").enable_dns_support(true))
        .add(&Id::new("Subnet"), ec2::Subnet::new(VPC.reference()).cidr_block("10.0.0.0/20"))
        .add(&Id::new("Cluster"), ecs::Cluster::new())
        .add(&Id::new("Repo"), ecr::Repository::new())
        .add(&Id::new("Logs"), logs::LogGroup::new().retention_in_days(30))
        .add(&Id::new("Alerts"), sns::Topic::new());
    println!("{}", c.resources.len());
}
"""

UNTYPED_APP = """use infra_core::intrinsic::reference;
use infra_core::{Contribution, Resource};

fn main() {
    let c = Contribution::new()
        .resource("Vpc", Resource::new("AWS::EC2::VPC").property("CidrBlock", "10.0.0.0/16").property("EnableDnsSupport", true))
        .resource("Subnet", Resource::new("AWS::EC2::Subnet").property("VpcId", reference("Vpc")).property("CidrBlock", "10.0.0.0/20"))
        .resource("Cluster", Resource::new("AWS::ECS::Cluster"))
        .resource("Repo", Resource::new("AWS::ECR::Repository"))
        .resource("Logs", Resource::new("AWS::Logs::LogGroup").property("RetentionInDays", 30))
        .resource("Alerts", Resource::new("AWS::SNS::Topic"));
    println!("{}", c.resources.len());
}
"""


def typed_model():
    """Clean debug builds of one small app four ways, in turn: infra-core's typed model with the seeds' eleven
    services, the same app on the untyped `Resource` builder, stratosphere 0.1.0 with the same services (linked,
    its types compiled; the app itself prints a constant), and the typed app again on this checkout by path.

    The first two depend on infra-core at the commit at HEAD through git, as a user depends on a published
    crate: Cargo builds such dependencies without incremental compilation, as it builds stratosphere from
    crates.io. A path dependency is built incrementally, which costs more on a clean build (`typed_path`)."""
    base = OUT / "typed-model"
    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True,
                         check=True).stdout.strip()
    git = f'infra-core = {{ git = "file://{ROOT}", rev = "{rev}"'
    path = f'infra-core = {{ path = "{ROOT / "infra-core"}"'
    services = f"features = {json.dumps(SEED_SERVICES)} }}"
    apps = {
        "untyped": (f"{git} }}", UNTYPED_APP),
        "typed": (f"{git}, {services}", TYPED_APP),
        "stratosphere": ('stratosphere = { version = "=0.1.0", features = '
                         f"{json.dumps(['aws_' + s for s in SEED_SERVICES])} }}",
                         "use stratosphere as _;\n\nfn main() {\n    println!(\"6\");\n}\n"),
        "typed_path": (f"{path}, {services}", TYPED_APP),
    }
    for name, (dep, main_rs) in apps.items():
        d = base / name
        (d / "src").mkdir(parents=True, exist_ok=True)
        (d / "Cargo.toml").write_text(
            f'[package]\nname = "bench-{name}"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n'
            f"[dependencies]\n{dep}\n\n[workspace]\n")
        (d / "src" / "main.rs").write_text(main_rs)
        sh(["cargo", "generate-lockfile", "-q"], cwd=d)
        sh(["cargo", "fetch", "-q"], cwd=d)
    rows = clean_builds({name: base / name for name in apps}, ["cargo", "build", "-q", "--offline"])
    rows["typed_extra_cpu_s"] = rows["typed"]["clean_build_cpu_median_s"] - rows["untyped"]["clean_build_cpu_median_s"]
    rows["typed_extra_wall_s"] = rows["typed"]["clean_build_median_s"] - rows["untyped"]["clean_build_median_s"]
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
    results = {"runs": RUNS, "machine": os.uname().machine, "cpus": os.cpu_count()}
    for name, f in [("generation", lambda: generation(python_with_troposphere())), ("edit_to_template", lambda: edit_to_template(python_with_troposphere())), ("compile_cost", compile_cost), ("runtime_tax", runtime_tax), ("typed_model", typed_model)]:
        if len(sys.argv) > 1 and sys.argv[-1] not in ("--quick", name):
            continue
        print(f"running {name}...", file=sys.stderr)
        results[name] = f()
        print(json.dumps({name: results[name]}, indent=1), file=sys.stderr)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
