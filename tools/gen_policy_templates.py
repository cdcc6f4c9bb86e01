"""Writes infra-macros/src/policy_templates.rs from aws-sam-translator's policy_templates.json.

usage: python tools/gen_policy_templates.py   (with aws-sam-translator installed, e.g. target/tmp/pyenv)
"""

import json
import pathlib

import samtranslator

src = pathlib.Path(samtranslator.__file__).parent / "policy_templates_data" / "policy_templates.json"
templates = json.loads(src.read_text())["Templates"]
out = pathlib.Path(__file__).resolve().parent.parent / "infra-macros" / "src" / "policy_templates.rs"
lines = [
    f"//! Generated from aws-sam-translator {samtranslator.__version__} policy_templates.json by",
    "//! tools/gen_policy_templates.py; do not edit.",
    "",
    "/// SAM policy templates and their parameters, sorted by name.",
    "pub const POLICY_TEMPLATES: &[(&str, &[&str])] = &[",
]
for name in sorted(templates):
    params = ", ".join(f'"{p}"' for p in sorted(templates[name].get("Parameters", {})))
    lines.append(f'    ("{name}", &[{params}]),')
lines.append("];")
out.write_text("\n".join(lines) + "\n")
print(f"wrote {out} ({len(templates)} templates)")
