"""Loads a YAML file with PyYAML (a YAML 1.1 reader, as cfn-lint and the SAM CLI use) and a JSON file with
the json module, and exits 0 when they hold the same data; otherwise prints the first difference.

With `--serve`, answers many such questions in one process: each line of stdin is a JSON array
`[yaml_text, json_text]`, and each answer is one line, `ok` or the difference (a load error counts as one)."""

import json
import sys

import yaml


def first_difference(a, b, path="$"):
    if type(a) is not type(b):
        return f"{path}: {a!r} ({type(a).__name__}) vs {b!r} ({type(b).__name__})"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b), key=str):
            if k not in a or k not in b:
                return f"{path}.{k}: present in one file only"
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
    elif isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} vs {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
    elif a != b:
        return f"{path}: {a!r} vs {b!r}"
    return None


def serve():
    for line in sys.stdin:
        yaml_text, json_text = json.loads(line)
        try:
            d = first_difference(yaml.safe_load(yaml_text), json.loads(json_text))
        except yaml.YAMLError as e:
            d = "PyYAML refused it: " + " ".join(str(e).split())
        print(d or "ok", flush=True)


if sys.argv[1:] == ["--serve"]:
    serve()
    sys.exit(0)
with open(sys.argv[1]) as f:
    from_yaml = yaml.safe_load(f)
with open(sys.argv[2]) as f:
    from_json = json.load(f)
d = first_difference(from_yaml, from_json)
if d:
    print(d)
    sys.exit(1)
