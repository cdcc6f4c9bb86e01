"""Counts the resources aws-sam-translator makes of each template, offline, in one process.

usage: sam_count.py [--write] TEMPLATE...

With `--write`, each transformed template is also written beside its source, as `<name>.transformed.json`.
Prints one JSON line: a list with, per template, the number of resources after the transform, or the
transform's error messages (a list of strings) when it refuses the template. Templates are packaged first, as
sam_check.py does (local `CodeUri` paths become S3 locations)."""

import json
import os
import sys

import yaml

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from samtranslator.model.exceptions import InvalidDocumentException  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sam_check import OfflinePolicies, package  # noqa: E402


def count(path, write):
    with open(path) as f:
        template = yaml.safe_load(f)
    package(template)
    try:
        transformed = transform(template, {}, OfflinePolicies())
    except InvalidDocumentException as e:
        return [c.message for c in e.causes]
    if write:
        with open(os.path.splitext(path)[0] + ".transformed.json", "w") as f:
            json.dump(transformed, f, indent=1, sort_keys=True)
    return len(transformed["Resources"])


args = sys.argv[1:]
write = args[:1] == ["--write"]
counts = [count(p, write) for p in args[write:]]
print(json.dumps(counts))
