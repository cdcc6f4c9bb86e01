//! The replacement guard: refuses a new template that would make CloudFormation delete or replace a
//! stateful resource of the template it replaces.
//!
//! CloudFormation knows a resource by its logical id. When an id disappears, the resource is deleted (or,
//! under `DeletionPolicy: Retain`, dropped from the stack and left unmanaged); when a create-only property
//! changes, a new resource replaces the old one. For a table or a bucket either means an empty resource in
//! place of the one holding the data — and renaming a Rust type renames the id of the resource it declares.
//!
//! The generator compares its template with the one being replaced (`--output`, `--check`) or with
//! `--previous FILE`, and refuses, for each stateful resource of the previous template:
//!
//! - **removal**: its id is no longer declared. When exactly one new resource of the same type appears, it is
//!   reported as a rename, at that resource's `file:line`;
//! - **a change of type** under the same id;
//! - **a change of a create-only property** (`createOnlyProperties` of CloudFormation's resource schemas, from
//!   [`infra_cfn`]), nested ones and array elements included, or of a property the schemas mark as possibly
//!   replacing (`conditionalCreateOnlyProperties`, such as a table's `KeySchema`).
//!
//! Each message names the resource, the property, where it is declared, what CloudFormation would do, and
//! the ways out: keep the old id (`logical_id = "Old"` on the type) or the old value, or allow the change
//! explicitly (`--allow-replace Id`).
//!
//! A resource is stateful when its type is in [`STATEFUL_TYPES`] (tables, buckets, log groups, queues,
//! streams, user pools, file systems, databases, secrets, keys, repositories, ...) or when the previous
//! template keeps it with `DeletionPolicy` or `UpdateReplacePolicy` `Retain`, `RetainExceptOnCreate` or
//! `Snapshot`: whoever wrote that wanted its data kept.

use std::collections::{BTreeMap, BTreeSet};

use crate::Value;
use crate::error::Diagnostic;
use crate::registry::{Origins, Section};
use crate::template::Template;

/// Types whose resources hold data or identity that a replacement loses, sorted.
pub const STATEFUL_TYPES: &[&str] = &[
    "AWS::Backup::BackupVault",
    "AWS::Cognito::IdentityPool",
    "AWS::Cognito::UserPool",
    "AWS::DocDB::DBCluster",
    "AWS::DocDB::DBInstance",
    "AWS::DynamoDB::GlobalTable",
    "AWS::DynamoDB::Table",
    "AWS::EC2::Volume",
    "AWS::ECR::Repository",
    "AWS::EFS::FileSystem",
    "AWS::ElastiCache::ReplicationGroup",
    "AWS::ElastiCache::ServerlessCache",
    "AWS::Elasticsearch::Domain",
    "AWS::FSx::FileSystem",
    "AWS::KMS::Key",
    "AWS::Kinesis::Stream",
    "AWS::KinesisFirehose::DeliveryStream",
    "AWS::Logs::LogGroup",
    "AWS::MemoryDB::Cluster",
    "AWS::Neptune::DBCluster",
    "AWS::OpenSearchServerless::Collection",
    "AWS::OpenSearchService::Domain",
    "AWS::QLDB::Ledger",
    "AWS::RDS::DBCluster",
    "AWS::RDS::DBInstance",
    "AWS::Redshift::Cluster",
    "AWS::S3::Bucket",
    "AWS::S3Express::DirectoryBucket",
    "AWS::SNS::Topic",
    "AWS::SQS::Queue",
    "AWS::SecretsManager::Secret",
    "AWS::Serverless::SimpleTable",
    "AWS::Timestream::Database",
    "AWS::Timestream::Table",
];

/// The create-only properties of the SAM types the schemas do not describe (SAM's own specification:
/// `AWS::Serverless::SimpleTable` becomes a table keyed and named by these).
const SAM_CREATE_ONLY: &[(&str, &[&str])] =
    &[("AWS::Serverless::SimpleTable", &["PrimaryKey", "TableName"])];

/// The template a new one is compared with.
#[derive(Clone, Debug, PartialEq)]
pub struct Previous {
    /// Where it was read from, as the messages name it.
    pub path: String,
    /// The template.
    pub template: Value,
    /// The line of each resource's entry in the file, by logical id.
    pub lines: BTreeMap<String, usize>,
}

/// The create-only properties of `kind`, as `/`-separated paths below `Properties` (`*` is any array
/// element); empty for a type no schema describes.
///
/// ```
/// assert!(infra_core::guard::create_only("AWS::DynamoDB::Table").contains(&"TableName"));
/// assert_eq!(infra_core::guard::create_only("AWS::Serverless::SimpleTable"), ["PrimaryKey", "TableName"]);
/// ```
pub fn create_only(kind: &str) -> &'static [&'static str] {
    if let Some((_, props)) = SAM_CREATE_ONLY.iter().find(|(k, _)| *k == kind) {
        return props;
    }
    infra_cfn::resource_type(kind).map_or(&[], |t| t.create_only)
}

/// The properties of `kind` whose change may replace the resource, depending on the change (the schemas'
/// `conditionalCreateOnlyProperties`).
///
/// ```
/// assert_eq!(infra_core::guard::conditionally_create_only("AWS::DynamoDB::Table"), ["KeySchema"]);
/// ```
pub fn conditionally_create_only(kind: &str) -> &'static [&'static str] {
    infra_cfn::resource_type(kind).map_or(&[], |t| t.conditional_create_only)
}

/// True when `resource` (a resource of a template, as JSON) is one whose replacement the guard refuses.
pub fn is_stateful(resource: &Value) -> bool {
    let kind = resource.get("Type").and_then(Value::as_str).unwrap_or("");
    let keeps = |attribute: &str| {
        matches!(
            resource.get(attribute).and_then(Value::as_str),
            Some("Retain" | "RetainExceptOnCreate" | "Snapshot")
        )
    };
    STATEFUL_TYPES.binary_search(&kind).is_ok()
        || keeps("DeletionPolicy")
        || keeps("UpdateReplacePolicy")
}

/// Every refusal of `next` against `previous` (errors), and a warning for each `allowed` id that allows
/// nothing. `origins` gives the `file:line` of the new template's resources.
pub fn guard(
    previous: &Previous,
    next: &Template,
    origins: &Origins,
    allowed: &[String],
) -> Vec<Diagnostic> {
    let next = serde_json::to_value(next).expect("templates are JSON data");
    let empty = serde_json::Map::new();
    let old = previous
        .template
        .get("Resources")
        .and_then(Value::as_object);
    let new = next.get("Resources").and_then(Value::as_object);
    let (old, new) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
    let origin = |id: &str| origins.get(&(Section::Resources, id.to_owned())).copied();
    let kind_of = |r: &Value| {
        r.get("Type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let mut used = BTreeSet::new();
    // Every allowed id among `ids` counts as used (a rename may be allowed by its old or its new id).
    let mut allow = |ids: &[&str]| {
        let hits: Vec<&&str> = ids
            .iter()
            .filter(|id| allowed.iter().any(|a| a == **id))
            .collect();
        for id in &hits {
            used.insert(id.to_string());
        }
        !hits.is_empty()
    };
    let mut out = Vec::new();
    for (id, before) in old.iter().filter(|(_, r)| is_stateful(r)) {
        let kind = kind_of(before);
        let place = match previous.lines.get(id) {
            Some(line) => format!("{}:{line}", previous.path),
            None => previous.path.clone(),
        };
        let Some(after) = new.get(id) else {
            let newcomers: Vec<&String> = new
                .iter()
                .filter(|(nid, r)| !old.contains_key(*nid) && kind_of(r) == kind)
                .map(|(nid, _)| nid)
                .collect();
            // A rename only when one resource of the type went and one came: otherwise which replaces which
            // is a guess.
            let gone = old
                .iter()
                .filter(|(oid, r)| !new.contains_key(*oid) && is_stateful(r) && kind_of(r) == kind)
                .count();
            if let ([renamed], 1) = (&newcomers[..], gone) {
                let renamed: &String = renamed;
                if !allow(&[id, renamed]) {
                    out.push(Diagnostic::error(
                        origin(renamed),
                        format!(
                            "`{renamed}` ({kind}) would replace `{id}` ({place}): a new logical id makes \
                             CloudFormation create a new, empty resource and {}. Keep the old id with \
                             `logical_id = \"{id}\"` on the type, or allow it explicitly with `--allow-replace {id}`",
                            fate(before, "DeletionPolicy")
                        ),
                    ));
                }
            } else if !allow(&[id]) {
                let others = if newcomers.is_empty() {
                    String::new()
                } else {
                    let list: Vec<String> = newcomers.iter().map(|n| format!("`{n}`")).collect();
                    format!(" (new of this type: {})", list.join(", "))
                };
                out.push(Diagnostic::error(
                    None,
                    format!(
                        "stateful resource `{id}` ({kind}, {place}) is no longer declared: CloudFormation would {}. \
                         If it was renamed, keep the old id with `logical_id = \"{id}\"` on the type{others}; or \
                         allow it explicitly with `--allow-replace {id}`",
                        fate(before, "DeletionPolicy")
                    ),
                ));
            }
            continue;
        };
        let new_kind = kind_of(after);
        if new_kind != kind {
            if !allow(&[id]) {
                out.push(Diagnostic::error(
                    origin(id),
                    format!(
                        "`{id}` changes type from {kind} ({place}) to {new_kind}: CloudFormation refuses to change a \
                         resource's type, so the stack update would fail. Keep the old type; or give the new resource \
                         another logical id, which removes the old one (CloudFormation would {}), and allow that \
                         explicitly with `--allow-replace {id}`",
                        fate(before, "DeletionPolicy")
                    ),
                ));
            }
            continue;
        }
        let props = |r: &Value| r.get("Properties").cloned().unwrap_or(Value::Null);
        let (p_old, p_new) = (props(before), props(after));
        let always = create_only(&kind).iter().map(|p| (p, true));
        let maybe = conditionally_create_only(&kind).iter().map(|p| (p, false));
        let mut reported: Vec<&str> = Vec::new();
        for (path, replaces) in always.chain(maybe) {
            let segments: Vec<&str> = path.split('/').collect();
            let (a, b) = (values_at(&p_old, &segments), values_at(&p_new, &segments));
            // A change below a path already reported is the same change.
            let below = reported.iter().any(|r| {
                path.strip_prefix(r)
                    .is_some_and(|rest| rest.starts_with('/'))
            });
            if a == b || below || allow(&[id]) {
                continue;
            }
            reported.push(path);
            let verb = if replaces {
                "replaces it: the property is create-only, so CloudFormation would"
            } else {
                "may replace it: the schema marks the property conditionally create-only, and where it does, \
                 CloudFormation would"
            };
            out.push(Diagnostic::error(
                origin(id),
                format!(
                    "changing `{path}` of `{id}` ({kind}, {place}) from {} to {} {verb} create a new, empty \
                     resource and {}. Keep the old value, or allow it explicitly with `--allow-replace {id}`",
                    shown(&a),
                    shown(&b),
                    fate(before, "UpdateReplacePolicy")
                ),
            ));
        }
    }
    let stateful: Vec<&str> = old
        .iter()
        .filter(|(_, r)| is_stateful(r))
        .map(|(id, _)| id.as_str())
        .collect();
    let mut unused: Vec<&String> = allowed.iter().filter(|a| !used.contains(*a)).collect();
    unused.sort();
    unused.dedup();
    for a in unused {
        let others = stateful.iter().copied().filter(|s| *s != a.as_str());
        let hint = crate::error::did_you_mean(a, others)
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default();
        out.push(Diagnostic::warning(
            None,
            format!(
                "`--allow-replace {a}` allows nothing: no stateful resource `{a}` of {} is removed, renamed or \
                 replaced{hint}",
                previous.path
            ),
        ));
    }
    out
}

/// What CloudFormation does with the old resource, by the policy `attribute` that governs it
/// (`DeletionPolicy` on removal, `UpdateReplacePolicy` on replacement).
fn fate(resource: &Value, attribute: &str) -> String {
    let policy = resource.get(attribute).and_then(Value::as_str);
    match (attribute, policy) {
        ("DeletionPolicy", Some(p @ ("Retain" | "RetainExceptOnCreate"))) => format!(
            "drop the old one from the stack, leaving it with its data in the account, unmanaged (`DeletionPolicy: {p}`)"
        ),
        (_, Some("Retain")) => format!(
            "leave the old one with its data in the account, unmanaged (`{attribute}: Retain`)"
        ),
        (_, Some("Snapshot")) => {
            format!("delete the old one after a final snapshot (`{attribute}: Snapshot`)")
        }
        _ => "delete the old one with its data".into(),
    }
}

static NULL: Value = Value::Null;

/// The values at `path` below `v`; `*` takes every element of an array.
fn values_at<'v>(v: &'v Value, path: &[&str]) -> Vec<&'v Value> {
    let Some((first, rest)) = path.split_first() else {
        return vec![v];
    };
    match (*first, v) {
        // An element without the path counts as `null`, so positions stay compared.
        ("*", Value::Array(items)) => items
            .iter()
            .flat_map(|i| {
                let found = values_at(i, rest);
                if found.is_empty() { vec![&NULL] } else { found }
            })
            .collect(),
        (key, Value::Object(m)) => m.get(key).map_or_else(Vec::new, |i| values_at(i, rest)),
        _ => Vec::new(),
    }
}

/// A value for a message: compact JSON in backticks, cut at 80 characters; `unset` when absent.
fn shown(values: &[&Value]) -> String {
    let text = match values {
        [] => return "unset".into(),
        [one] => one.to_string(),
        many => serde_json::to_string(many).expect("JSON data"),
    };
    match text.char_indices().nth(80) {
        Some((i, _)) => format!("`{}...`", &text[..i]),
        None => format!("`{text}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DeletionPolicy, Resource};
    use serde_json::json;

    fn previous(template: Value) -> Previous {
        let lines = template["Resources"]
            .as_object()
            .map(|m| {
                m.keys()
                    .enumerate()
                    .map(|(i, k)| (k.clone(), 10 + i))
                    .collect()
            })
            .unwrap_or_default();
        Previous {
            path: "template.yaml".into(),
            template,
            lines,
        }
    }

    fn table(name: &str) -> Resource {
        Resource::new("AWS::DynamoDB::Table")
            .property("TableName", name)
            .deletion_policy(DeletionPolicy::Retain)
    }

    fn messages(d: &[Diagnostic]) -> Vec<String> {
        d.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn stateful_types_are_sorted_and_known_to_the_schemas() {
        assert!(STATEFUL_TYPES.windows(2).all(|w| w[0] < w[1]));
        for kind in STATEFUL_TYPES
            .iter()
            .filter(|k| !k.starts_with("AWS::Serverless::"))
        {
            assert!(
                infra_cfn::resource_type(kind).is_some(),
                "{kind} has no schema"
            );
        }
    }

    #[test]
    fn a_rename_a_removal_and_a_create_only_change_are_refused() {
        let old = previous(json!({"Resources": {
            "Files": {"Type": "AWS::DynamoDB::Table", "Properties": {"TableName": "files"}, "DeletionPolicy": "Retain"},
            "Uploads": {"Type": "AWS::S3::Bucket"},
            "Jobs": {"Type": "AWS::SQS::Queue", "Properties": {"FifoQueue": true}},
            "Fn": {"Type": "AWS::Serverless::Function"},
        }}));
        let mut next = Template::new();
        next.add_resource("FileRecords", table("files"));
        next.add_resource("Jobs", Resource::new("AWS::SQS::Queue"));
        let d = guard(&old, &next, &Origins::new(), &[]);
        assert_eq!(
            messages(&d),
            [
                "error: `FileRecords` (AWS::DynamoDB::Table) would replace `Files` (template.yaml:10): a new logical id \
                 makes CloudFormation create a new, empty resource and drop the old one from the stack, leaving it with \
                 its data in the account, unmanaged (`DeletionPolicy: Retain`). Keep the old id with \
                 `logical_id = \"Files\"` on the type, or allow it explicitly with `--allow-replace Files`",
                "error: changing `FifoQueue` of `Jobs` (AWS::SQS::Queue, template.yaml:12) from `true` to unset replaces \
                 it: the property is create-only, so CloudFormation would create a new, empty resource and delete the \
                 old one with its data. Keep the old value, or allow it explicitly with `--allow-replace Jobs`",
                "error: stateful resource `Uploads` (AWS::S3::Bucket, template.yaml:13) is no longer declared: \
                 CloudFormation would delete the old one with its data. If it was renamed, keep the old id with \
                 `logical_id = \"Uploads\"` on the type; or allow it explicitly with `--allow-replace Uploads`",
            ]
        );
        let allowed = ["Files", "Jobs", "Uploads", "Nothing"].map(String::from);
        assert_eq!(
            messages(&guard(&old, &next, &Origins::new(), &allowed)),
            [
                "warning: `--allow-replace Nothing` allows nothing: no stateful resource `Nothing` of template.yaml \
              is removed, renamed or replaced"
            ]
        );
    }

    #[test]
    fn a_key_schema_change_may_replace_a_table() {
        let key = |name: &str| json!([{"AttributeName": name, "KeyType": "HASH"}]);
        let old = previous(
            json!({"Resources": {"Files": {"Type": "AWS::DynamoDB::Table",
            "Properties": {"KeySchema": key("id")}}}}),
        );
        let mut next = Template::new();
        next.add_resource(
            "Files",
            Resource::new("AWS::DynamoDB::Table").property("KeySchema", key("pk")),
        );
        assert_eq!(
            messages(&guard(&old, &next, &Origins::new(), &[])),
            [
                "error: changing `KeySchema` of `Files` (AWS::DynamoDB::Table, template.yaml:10) from \
              `[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}]` to `[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]` \
              may replace it: the schema marks the property conditionally create-only, and where it does, \
              CloudFormation would create a new, empty resource and delete the old one with its data. Keep the old \
              value, or allow it explicitly with `--allow-replace Files`"
            ]
        );
    }

    #[test]
    fn unchanged_and_stateless_resources_pass() {
        let mut next = Template::new();
        next.add_resource("Files", table("files"));
        let old = previous(serde_json::to_value(&next).unwrap());
        next.add_resource("Other", Resource::new("AWS::SQS::Queue"));
        assert_eq!(guard(&old, &next, &Origins::new(), &[]), []);
        let old = previous(
            json!({"Resources": {"Role": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "a"}}}}),
        );
        assert_eq!(guard(&old, &next, &Origins::new(), &[]), []);
    }

    #[test]
    fn nested_and_wildcard_paths_reach_every_value() {
        let v = json!({"A": [{"K": 1}, {"K": 2}], "B": {"C": "x"}});
        assert_eq!(values_at(&v, &["A", "*", "K"]), [&json!(1), &json!(2)]);
        assert_eq!(values_at(&v, &["B", "C"]), [&json!("x")]);
        assert!(values_at(&v, &["B", "D"]).is_empty());
        assert_eq!(shown(&[&json!("x".repeat(100))]).len(), 80 + 5);
    }

    #[test]
    fn two_tables_gone_and_one_new_is_not_guessed_as_a_rename() {
        let old = previous(json!({"Resources": {
            "A": {"Type": "AWS::DynamoDB::Table", "DeletionPolicy": "Retain"},
            "B": {"Type": "AWS::DynamoDB::Table", "DeletionPolicy": "Retain"}}}));
        let mut next = Template::new();
        next.add_resource("C", Resource::new("AWS::DynamoDB::Table"));
        let got = messages(&guard(&old, &next, &Origins::new(), &[]));
        assert_eq!(got.len(), 2, "{got:#?}");
        assert!(
            got.iter()
                .all(|m| m.contains("is no longer declared")
                    && m.contains("(new of this type: `C`)")),
            "{got:#?}"
        );
    }

    #[test]
    fn a_rename_allowed_by_either_id_uses_both_and_unknown_ids_get_a_hint() {
        let old = previous(
            json!({"Resources": {"Files": {"Type": "AWS::DynamoDB::Table", "DeletionPolicy": "Retain"}}}),
        );
        let mut next = Template::new();
        next.add_resource("Records", Resource::new("AWS::DynamoDB::Table"));
        let allowed = [
            "Files".to_owned(),
            "Records".to_owned(),
            "Fils".to_owned(),
            "Fils".to_owned(),
        ];
        assert_eq!(
            messages(&guard(&old, &next, &Origins::new(), &allowed)),
            [
                "warning: `--allow-replace Fils` allows nothing: no stateful resource `Fils` of template.yaml is \
              removed, renamed or replaced (did you mean `Files`?)"
            ]
        );
    }

    #[test]
    fn a_change_is_reported_once_and_array_positions_count() {
        let old = previous(
            json!({"Resources": {"Repo": {"Type": "AWS::ECR::Repository", "DeletionPolicy": "Retain",
            "Properties": {}}}}),
        );
        let mut next = Template::new();
        next.add_resource(
            "Repo",
            Resource::new("AWS::ECR::Repository")
                .property("EncryptionConfiguration", json!({"EncryptionType": "KMS"})),
        );
        let got = messages(&guard(&old, &next, &Origins::new(), &[]));
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(
            got[0].starts_with("error: changing `EncryptionConfiguration` of `Repo`"),
            "{got:#?}"
        );
        let v = json!([{"K": 1}, {"K": 2}]);
        let w = json!([{"K": 1}, {}, {"K": 2}]);
        assert_ne!(values_at(&v, &["*", "K"]), values_at(&w, &["*", "K"]));
    }
}
