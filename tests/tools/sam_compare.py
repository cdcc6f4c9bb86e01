"""Compares hand-written SAM templates with the apps of a generated template, after aws-sam-translator.

usage: sam_compare.py B.json A.yaml PREFIX [A.yaml PREFIX ...]

B, the generated template, is transformed once; each A is compared with B's app PREFIX. Each A is a SAM template
written by hand (YAML, short intrinsic tags such as `!Ref` allowed); B is the template a
generator wrote, holding several apps. Both are packaged and transformed offline the way `sam_check.py` does
(`package()` + `transform(template, {}, OfflinePolicies())`). Of B's transformed template only one app is kept:
the resources whose logical id starts with PREFIX, plus everything they refer to (`Ref`, `Fn::GetAtt`, `${..}`
in `Fn::Sub`, `DependsOn`, `Condition`, `Fn::If`, `Fn::FindInMap`), transitively: a resource the generator
shares between apps, such as the `HttpApiAccessLogs` log group of `Globals.HttpApi`, is kept when the app uses
it, so A must declare it too. Parameters, mappings and conditions are kept the same way, and the outputs whose
id starts with PREFIX. All of A is kept.

Before comparing, each side drops what cannot be equal between a local build and another:
  - code locations: `Code`, `CodeUri` and `ImageUri` in a resource's `Properties`;
  - `Metadata` of each resource (build hints, infra's notes) and of the template;
  - the 10-hex-digit hash suffix SAM appends to `<Function>Version<hash>` and `<Api>Deployment<hash>` logical
    ids, in the ids and in every reference to them.
Nothing else: a different value, a missing key or an extra list item is a difference.

Prints a JSON list on stdout, one report per A:
  {"prefix": P, "equal": bool, "resources": n,
   "only_in_yaml": [ids], "only_in_rust": [ids],
   "differences": [{"path": "Resources.Id.Properties.Key[0]", "yaml": .., "rust": ..}, ..],
   "errors": ["Transform ..", ..]}
and exits 0 when every A equals its app, 1 when one differs, 2 when a transform fails.
"""

import copy
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sam_check import OfflinePolicies, package  # noqa: E402  (sets AWS_DEFAULT_REGION first)
from samtranslator.model.exceptions import InvalidDocumentException  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

# SAM's hashed logical ids: a function's published version and a REST API's deployment.
HASHED = re.compile(r"^(.+?(?:Version|Deployment))([0-9a-f]{10})$")
CODE_KEYS = ("Code", "CodeUri", "ImageUri")
SECTIONS = ("Parameters", "Mappings", "Conditions", "Resources", "Outputs")
SUB_VAR = re.compile(r"\$\{([^}!][^}]*)\}")


def load(path):
    with open(path) as f:
        text = f.read()
    if path.endswith(".json"):
        return json.loads(text)
    return yaml_parse(text)


def transformed(template, side):
    """The template after `sam package` and the SAM transform, or the transform's errors."""
    template = copy.deepcopy(template)
    package(template)
    try:
        return transform(template, {}, OfflinePolicies()), []
    except InvalidDocumentException as e:
        return None, [f"Transform ({side}) {c.message}" for c in e.causes]


def references(value, out):
    """Adds to `out` every logical id, parameter or condition name `value` refers to."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "Ref" and isinstance(v, str):
                out.add(v)
            elif k == "Fn::GetAtt":
                target = v[0] if isinstance(v, list) and v else v
                if isinstance(target, str):
                    out.add(target.split(".", 1)[0])
            elif k == "Fn::Sub":
                text = v[0] if isinstance(v, list) else v
                names = v[1] if isinstance(v, list) and len(v) > 1 and isinstance(v[1], dict) else {}
                if isinstance(text, str):
                    for var in SUB_VAR.findall(text):
                        name = var.split(".", 1)[0]
                        if name not in names:
                            out.add(name)
            elif k in ("Fn::If", "Fn::FindInMap") and isinstance(v, list) and v and isinstance(v[0], str):
                out.add(v[0])
            elif k == "Condition" and isinstance(v, str):
                out.add(v)
            elif k == "DependsOn":
                out.update([v] if isinstance(v, str) else [d for d in v if isinstance(d, str)])
            references(v, out)
    elif isinstance(value, list):
        for v in value:
            references(v, out)


def one_app(t, prefix):
    """The resources, parameters, conditions and outputs of `t` that belong to the app `prefix`."""
    resources = t.get("Resources", {})
    parameters = t.get("Parameters", {})
    conditions = t.get("Conditions", {})
    mappings = t.get("Mappings", {})
    outputs = {k: v for k, v in t.get("Outputs", {}).items() if k.startswith(prefix)}
    wanted = [k for k in resources if k.startswith(prefix)]
    seen = set()
    todo = list(wanted) + [("output", k) for k in outputs]
    while todo:
        item = todo.pop()
        if isinstance(item, tuple):
            value = outputs[item[1]]
        else:
            if item in seen:
                continue
            seen.add(item)
            value = resources.get(item) or conditions.get(item) or parameters.get(item)
            if item in parameters or item in mappings:
                continue
        refs = set()
        references(value, refs)
        sections = (resources, conditions, parameters, mappings)
        todo.extend(r for r in refs if r not in seen and any(r in s for s in sections))
    keep = {
        "Resources": {k: v for k, v in resources.items() if k in seen},
        "Parameters": {k: v for k, v in parameters.items() if k in seen},
        "Conditions": {k: v for k, v in conditions.items() if k in seen},
        "Mappings": {k: v for k, v in mappings.items() if k in seen},
        "Outputs": outputs,
    }
    return keep


def normalize(t):
    """Drops code locations and metadata, and strips SAM's hash suffixes from ids and references."""
    sections = {s: copy.deepcopy(t.get(s, {})) for s in SECTIONS}
    renames = {}
    for rid in sections["Resources"]:
        m = HASHED.match(rid)
        if m:
            renames[rid] = m.group(1)
    pattern = None
    if renames:
        ids = sorted(renames, key=len, reverse=True)
        pattern = re.compile(r"\b(" + "|".join(map(re.escape, ids)) + r")\b")

    def strip(value):
        if isinstance(value, dict):
            return {strip(k) if isinstance(k, str) else k: strip(v) for k, v in value.items()}
        if isinstance(value, list):
            return [strip(v) for v in value]
        if isinstance(value, str) and pattern:
            return pattern.sub(lambda m: renames[m.group(1)], value)
        return value

    for res in sections["Resources"].values():
        if isinstance(res, dict):
            res.pop("Metadata", None)
            props = res.get("Properties")
            if isinstance(props, dict):
                for key in CODE_KEYS:
                    props.pop(key, None)
    return strip(sections)


def diff(a, b, path, out):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b), key=str):
            p = f"{path}.{k}" if path else str(k)
            if k not in a:
                out.append({"path": p, "yaml": None, "rust": b[k]})
            elif k not in b:
                out.append({"path": p, "yaml": a[k], "rust": None})
            else:
                diff(a[k], b[k], p, out)
    elif isinstance(a, list) and isinstance(b, list):
        for i in range(max(len(a), len(b))):
            p = f"{path}[{i}]"
            if i >= len(a):
                out.append({"path": p, "yaml": None, "rust": b[i]})
            elif i >= len(b):
                out.append({"path": p, "yaml": a[i], "rust": None})
            else:
                diff(a[i], b[i], p, out)
    elif a != b or type(a) is not type(b):
        out.append({"path": path, "yaml": a, "rust": b})


def compare(yaml_path, b, prefix):
    """The report of A (a path) against the app `prefix` of B, already transformed."""
    report = {"prefix": prefix, "equal": False, "resources": 0, "only_in_yaml": [], "only_in_rust": [],
              "differences": [], "errors": []}
    a, errors = transformed(load(yaml_path), "yaml")
    report["errors"] = errors
    if errors:
        return report, 2
    a = normalize(a)
    b = normalize(one_app(b, prefix))
    report["resources"] = len(b["Resources"])
    only_a, only_b = [], []
    for section in SECTIONS:
        sa, sb = a[section], b[section]
        only_a += [f"{section}.{k}" for k in sorted(set(sa) - set(sb))]
        only_b += [f"{section}.{k}" for k in sorted(set(sb) - set(sa))]
        for k in sorted(set(sa) & set(sb)):
            diff(sa[k], sb[k], f"{section}.{k}", report["differences"])
    report["only_in_yaml"], report["only_in_rust"] = only_a, only_b
    report["equal"] = not (only_a or only_b or report["differences"])
    return report, 0 if report["equal"] else 1


def main():
    args = sys.argv[1:]
    if len(args) < 3 or len(args) % 2 != 1:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    b, errors = transformed(load(args[0]), "rust")
    reports, code = [], 0
    for yaml_path, prefix in zip(args[1::2], args[2::2]):
        if errors:
            report, c = {"prefix": prefix, "equal": False, "resources": 0, "only_in_yaml": [],
                         "only_in_rust": [], "differences": [], "errors": errors}, 2
        else:
            report, c = compare(yaml_path, b, prefix)
        reports.append(report)
        code = max(code, c)
    print(json.dumps(reports, indent=1, sort_keys=True))
    sys.exit(code)


if __name__ == "__main__":
    main()
