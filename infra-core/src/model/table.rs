//! `AWS::DynamoDB::Table`, from a record struct marked `#[cf_resources(table(..))]`.

use serde_json::{Map, json};

use crate::Value;
use crate::registry::Contribution;
use crate::template::{DeletionPolicy, Resource};

/// Field types that can be DynamoDB key attributes, and their attribute type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a DynamoDB key attribute",
    label = "keys are strings (`S`), numbers (`N`) or bytes (`B`)",
    note = "use `String`, an integer or float type, or `Vec<u8>` for this field"
)]
pub trait KeyAttribute {
    /// `S`, `N` or `B`.
    const TYPE: &'static str;
}

macro_rules! key_attribute {
    ($t:literal: $($ty:ty),*) => { $(impl KeyAttribute for $ty { const TYPE: &'static str = $t; })* };
}
key_attribute!("S": String, &str, Box<str>, std::borrow::Cow<'_, str>);
key_attribute!("N": u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, f32, f64);
key_attribute!("B": Vec<u8>, &[u8], Box<[u8]>);

/// Field types that can hold a TTL: epoch seconds, a number.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot hold a DynamoDB TTL",
    label = "the TTL attribute holds epoch seconds",
    note = "use an integer type such as `u64` or `i64` for the TTL field"
)]
pub trait TtlAttribute {}
impl TtlAttribute for u32 {}
impl TtlAttribute for u64 {}
impl TtlAttribute for i32 {}
impl TtlAttribute for i64 {}
impl TtlAttribute for Option<u64> {}
impl TtlAttribute for Option<i64> {}

/// A key: attribute name and type.
pub type Key = (&'static str, &'static str);

/// A global secondary index (projection `ALL`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gsi {
    /// `IndexName`.
    pub name: &'static str,
    /// The index's partition key.
    pub partition: Key,
    /// The index's sort key.
    pub sort: Option<Key>,
}

/// Everything `#[cf_resources(table(..))]` declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableSpec {
    /// The logical id.
    pub logical_id: &'static str,
    /// Partition key.
    pub partition: Key,
    /// Sort key.
    pub sort: Option<Key>,
    /// `Some((read, write))` for provisioned capacity; on-demand otherwise.
    pub provisioned: Option<(u32, u32)>,
    /// The TTL attribute.
    pub ttl: Option<&'static str>,
    /// `StreamViewType`.
    pub stream: Option<&'static str>,
    /// Global secondary indexes.
    pub gsis: &'static [Gsi],
    /// Point-in-time recovery (on unless `point_in_time_recovery = false`).
    pub point_in_time_recovery: bool,
    /// `DeletionPolicy`/`UpdateReplacePolicy: Retain` (the default).
    pub retain: bool,
}

impl TableSpec {
    /// The table resource.
    pub fn contribute(&self) -> Contribution {
        let mut attrs: Vec<Key> = Vec::new();
        let mut add = |k: Key| {
            if !attrs.iter().any(|a| a.0 == k.0) {
                attrs.push(k);
            }
        };
        add(self.partition);
        self.sort.into_iter().for_each(&mut add);
        for g in self.gsis {
            add(g.partition);
            g.sort.into_iter().for_each(&mut add);
        }
        let schema = |p: Key, s: Option<Key>| -> Value {
            std::iter::once(json!({"AttributeName": p.0, "KeyType": "HASH"}))
                .chain(s.map(|s| json!({"AttributeName": s.0, "KeyType": "RANGE"})))
                .collect()
        };
        let throughput = self
            .provisioned
            .map(|(r, w)| json!({"ReadCapacityUnits": r, "WriteCapacityUnits": w}));
        let mut p = Map::new();
        p.insert(
            "AttributeDefinitions".into(),
            attrs
                .iter()
                .map(|(n, t)| json!({"AttributeName": n, "AttributeType": t}))
                .collect(),
        );
        p.insert("KeySchema".into(), schema(self.partition, self.sort));
        match &throughput {
            Some(t) => {
                p.insert("BillingMode".into(), "PROVISIONED".into());
                p.insert("ProvisionedThroughput".into(), t.clone());
            }
            None => {
                p.insert("BillingMode".into(), "PAY_PER_REQUEST".into());
            }
        }
        if !self.gsis.is_empty() {
            let gsis: Vec<Value> = self
                .gsis
                .iter()
                .map(|g| {
                    let mut m = json!({"IndexName": g.name, "KeySchema": schema(g.partition, g.sort), "Projection": {"ProjectionType": "ALL"}});
                    if let Some(t) = &throughput {
                        m["ProvisionedThroughput"] = t.clone();
                    }
                    m
                })
                .collect();
            p.insert("GlobalSecondaryIndexes".into(), gsis.into());
        }
        if let Some(ttl) = self.ttl {
            p.insert(
                "TimeToLiveSpecification".into(),
                json!({"AttributeName": ttl, "Enabled": true}),
            );
        }
        if let Some(view) = self.stream {
            p.insert(
                "StreamSpecification".into(),
                json!({"StreamViewType": view}),
            );
        }
        if self.point_in_time_recovery {
            p.insert(
                "PointInTimeRecoverySpecification".into(),
                json!({"PointInTimeRecoveryEnabled": true}),
            );
        }
        let mut r = Resource::new("AWS::DynamoDB::Table");
        r.properties = p;
        Contribution::new().resource(self.logical_id, retained(r, self.retain))
    }
}

/// `DeletionPolicy` and `UpdateReplacePolicy: Retain` when `retain`.
pub(crate) fn retained(r: Resource, retain: bool) -> Resource {
    if retain {
        r.deletion_policy(DeletionPolicy::Retain)
            .update_replace_policy(DeletionPolicy::Retain)
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_indexes_and_options() {
        let spec = TableSpec {
            logical_id: "Files",
            partition: ("id", "S"),
            sort: Some(("created", "N")),
            provisioned: None,
            ttl: Some("expires"),
            stream: Some("NEW_IMAGE"),
            gsis: &[Gsi {
                name: "ByOwner",
                partition: ("owner", "S"),
                sort: Some(("created", "N")),
            }],
            point_in_time_recovery: true,
            retain: true,
        };
        let r = serde_json::to_value(&spec.contribute().resources[0].1).unwrap();
        assert_eq!(
            r["Properties"]["AttributeDefinitions"],
            json!([{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "created", "AttributeType": "N"}, {"AttributeName": "owner", "AttributeType": "S"}])
        );
        assert_eq!(
            r["Properties"]["KeySchema"][1],
            json!({"AttributeName": "created", "KeyType": "RANGE"})
        );
        assert_eq!(r["Properties"]["BillingMode"], "PAY_PER_REQUEST");
        assert_eq!(
            r["Properties"]["GlobalSecondaryIndexes"][0]["IndexName"],
            "ByOwner"
        );
        assert_eq!(
            r["Properties"]["TimeToLiveSpecification"],
            json!({"AttributeName": "expires", "Enabled": true})
        );
        assert_eq!(
            r["Properties"]["StreamSpecification"]["StreamViewType"],
            "NEW_IMAGE"
        );
        assert_eq!(
            (
                r["DeletionPolicy"].as_str(),
                r["UpdateReplacePolicy"].as_str()
            ),
            (Some("Retain"), Some("Retain"))
        );
        let provisioned = TableSpec {
            provisioned: Some((5, 2)),
            retain: false,
            ..spec
        };
        let r = serde_json::to_value(&provisioned.contribute().resources[0].1).unwrap();
        assert_eq!(
            r["Properties"]["ProvisionedThroughput"],
            json!({"ReadCapacityUnits": 5, "WriteCapacityUnits": 2})
        );
        assert_eq!(
            r["Properties"]["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["WriteCapacityUnits"],
            2
        );
        assert!(r.get("DeletionPolicy").is_none());
    }
}
