"""Prints the properties SAM knows, from aws-sam-translator's own pydantic models, as one JSON object.

usage: sam_schema.py

Keys are sections, values sorted lists of property names (top level only), keys sorted:

- `AWS::Serverless::<Type>`: the `Properties` of each resource type in `samtranslator.internal.schema_source`;
- `<Type> event: <Event>`: the `Properties` of each event source a resource's `Events` takes (`Function event:
  SQS`, `StateMachine event: Schedule`, ...);
- `Globals: <Section>`: what each `Globals` section takes.

tests/tests/coverage.rs compares this with the coverage table, infra-core/src/docs/coverage.md."""

import json
import typing

from samtranslator.internal.schema_source import schema

PREFIX = "AWS::Serverless::"


def json_schema(model):
    """The model's JSON schema (pydantic v1's `schema()`, or v2's `model_json_schema()`)."""
    if hasattr(model, "model_json_schema"):
        return model.model_json_schema()
    return model.schema()


class Resolver:
    """Follows `$ref`s (`#/definitions/..` or `#/$defs/..`) inside one schema document."""

    def __init__(self, document):
        self.document = document

    def ref(self, node):
        seen = set()
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/") or ref in seen:
                raise SystemExit(f"cannot resolve {ref!r}")
            seen.add(ref)
            node = self.document
            for part in ref[2:].split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def object(self, node):
        """The object schema `node` stands for, through `$ref`, `allOf` and `anyOf` (a nullable reference, say);
        None when it is no object with properties."""
        node = self.ref(node)
        if not isinstance(node, dict):
            return None
        if "properties" in node:
            return node
        for key in ("allOf", "anyOf", "oneOf"):
            found = [o for o in map(self.object, node.get(key, [])) if o is not None]
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise SystemExit(f"ambiguous {key}: {[o.get('title') for o in found]}")
        return None

    def properties(self, node):
        o = self.object(node)
        return sorted(o["properties"]) if o is not None else []

    def alternatives(self, node):
        """The schemas a union (`anyOf`/`oneOf`, nested or not) of references allows, each resolved."""
        node = self.ref(node)
        if "anyOf" not in node and "oneOf" not in node:
            return [node]
        return [alt for key in ("anyOf", "oneOf") for each in node.get(key, []) for alt in self.alternatives(each)]


def constant(node):
    """The one value a `Type` property allows (`enum: [x]` or `const: x`)."""
    if "const" in node:
        return node["const"]
    (value,) = node["enum"]
    return value


def resources(out):
    for model in typing.get_args(schema.Resources):
        doc = json_schema(model)
        r = Resolver(doc)
        kind = constant(r.ref(doc["properties"]["Type"]))
        if not kind.startswith(PREFIX):
            raise SystemExit(f"unexpected resource type {kind}")
        props = r.object(doc["properties"]["Properties"])
        if props is None:
            raise SystemExit(f"{kind} has no Properties object")
        out[kind] = sorted(props["properties"])
        events = props["properties"].get("Events")
        if events is None:
            continue
        events = r.ref(events)
        for event in r.alternatives(events.get("additionalProperties", {})):
            if "Type" not in event.get("properties", {}):
                raise SystemExit(f"{kind}: an event without a Type: {event}")
            name = constant(r.ref(event["properties"]["Type"]))
            section = f"{kind[len(PREFIX):]} event: {name}"
            if section in out:
                raise SystemExit(f"two events of type {section}")
            out[section] = r.properties(event["properties"]["Properties"])


def globals_(out):
    doc = json_schema(schema.Globals)
    r = Resolver(doc)
    for name, node in doc["properties"].items():
        out[f"Globals: {name}"] = r.properties(node)


def main():
    out = {}
    resources(out)
    globals_(out)
    empty = [k for k, v in out.items() if not v]
    if empty:
        raise SystemExit(f"sections without properties: {empty}")
    print(json.dumps(out, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
