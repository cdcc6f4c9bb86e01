"""Offline SAM transform + cfn-lint, the way CloudFormation would see a template after `sam deploy`.

usage: sam_check.py TEMPLATE TRANSFORMED_OUT

Prints one JSON report on stdout:
  {"sam_resources": n, "resources": m, "errors": [...], "warnings": [...], "informational": [...]}
where `resources` is the count after the transform and each finding is "RULE path: message".

Before the transform it does what `sam build` + `sam package` do to a template, offline: local `CodeUri`
paths become S3 locations and image functions get an `ImageUri`. Nothing else is changed.
"""

import json
import os
import sys

import yaml

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from samtranslator.parser.parser import Parser  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.model.exceptions import InvalidDocumentException  # noqa: E402
from cfnlint.api import lint, ManualArgs  # noqa: E402

ACCOUNT = "123456789012"


def package(template):
    for logical_id, res in template.get("Resources", {}).items():
        props = res.setdefault("Properties", {}) if isinstance(res, dict) else {}
        kind = res.get("Type")
        if kind == "AWS::Serverless::Function":
            if props.get("PackageType") == "Image":
                props.setdefault(
                    "ImageUri", f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/{logical_id.lower()}:latest"
                )
            elif isinstance(props.get("CodeUri", "."), str):
                props["CodeUri"] = f"s3://infra-artifacts/{logical_id}.zip"
        elif kind == "AWS::Serverless::LayerVersion" and isinstance(props.get("ContentUri"), str):
            props["ContentUri"] = f"s3://infra-artifacts/{logical_id}.zip"
        elif kind == "AWS::Serverless::StateMachine" and isinstance(props.get("DefinitionUri"), str):
            props["DefinitionUri"] = f"s3://infra-artifacts/{logical_id}.asl.json"
        elif kind == "AWS::Serverless::Application" and isinstance(props.get("Location"), str):
            props["Location"] = f"https://infra-artifacts.s3.amazonaws.com/{logical_id}.template"


class OfflineRepository:
    """The Serverless Application Repository, offline: every application exists, its template ready at a URL of
    its id and version, so nested applications transform as `sam deploy` would see them."""

    def create_cloud_formation_template(self, ApplicationId, SemanticVersion):
        return {
            "ApplicationId": ApplicationId,
            "TemplateId": "offline",
            "Status": "ACTIVE",
            "TemplateUrl": f"https://awsserverlessrepo.s3.amazonaws.com/{ApplicationId.rsplit('/', 1)[-1]}/{SemanticVersion}.template",
        }

    def get_application(self, ApplicationId, SemanticVersion):
        return {"ApplicationId": ApplicationId, "Version": {"SemanticVersion": SemanticVersion}}


def offline_repository():
    from samtranslator.plugins.application import serverless_app_plugin

    init = serverless_app_plugin.ServerlessAppPlugin.__init__

    def offline_init(self, *args, **kwargs):
        kwargs.setdefault("sar_client", OfflineRepository())
        init(self, *args, **kwargs)

    serverless_app_plugin.ServerlessAppPlugin.__init__ = offline_init


class OfflinePolicies:
    """The managed-policy loader, offline: an empty map, so SAM keeps policy names and ARNs as written
    instead of asking IAM."""

    def load(self):
        return {}


def main():
    src, out = sys.argv[1], sys.argv[2]
    with open(src) as f:
        template = yaml.safe_load(f)
    package(template)
    offline_repository()
    sam_resources = len(template.get("Resources", {}))
    try:
        transformed = transform(template, {}, OfflinePolicies())
    except InvalidDocumentException as e:
        errors = [f"Transform {c.message}" for c in e.causes]
        print(json.dumps({"sam_resources": sam_resources, "resources": 0, "errors": errors, "warnings": [], "informational": []}))
        return
    with open(out, "w") as f:
        json.dump(transformed, f, indent=1, sort_keys=True)
    report = {"sam_resources": sam_resources, "resources": len(transformed.get("Resources", {})),
              "errors": [], "warnings": [], "informational": []}
    with open(out) as f:
        body = f.read()
    for m in lint(body, config=ManualArgs(regions=["us-east-1"])):
        kind = {"E": "errors", "W": "warnings", "I": "informational"}[m.rule.id[0]]
        path = "/".join(str(p) for p in (m.path or []))
        report[kind].append(f"{m.rule.id} {path}: {m.message}")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
