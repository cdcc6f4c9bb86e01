"""Lints several templates in one cfn-lint run and prints every match as JSON.

usage: python tests/tools/lint_many.py TEMPLATE...

Every rule, region us-east-1 (the region the typed model is generated for). Prints a list of {"file", "rule",
"message", "path"} objects (path: the JSON path of the match in its template, e.g. ["Resources", "R12",
"Properties", "Name"]; empty for a template that does not parse). One process for many templates: cfn-lint's
start (loading its schemas) dominates a small template's run.
"""

import json
import sys

from cfnlint.api import ManualArgs, lint


def main(paths):
    found = []
    for path in paths:
        with open(path) as f:
            body = f.read()
        for m in lint(body, config=ManualArgs(regions=["us-east-1"])):
            found.append({"file": path, "rule": m.rule.id, "message": m.message, "path": list(m.path or [])})
    json.dump(found, sys.stdout, default=str)


if __name__ == "__main__":
    main(sys.argv[1:])
