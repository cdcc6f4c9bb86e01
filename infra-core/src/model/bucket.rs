//! `AWS::S3::Bucket`, declared with `#[cf_resources(bucket(..))]`: private and encrypted by default.

use serde_json::{Map, json};

use super::resources::bucket_name;
use super::table::retained;
use crate::registry::Contribution;
use crate::template::Resource;

/// One CORS rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CorsRule {
    /// `AllowedOrigins`.
    pub allowed_origins: &'static [&'static str],
    /// `AllowedMethods`.
    pub allowed_methods: &'static [&'static str],
    /// `AllowedHeaders`.
    pub allowed_headers: &'static [&'static str],
    /// `MaxAge` in seconds.
    pub max_age: Option<u32>,
}

/// Days a versioned bucket keeps an object's replaced or deleted versions.
pub const NONCURRENT_DAYS: u32 = 30;

/// A type declared with `#[cf_resources(bucket(..))]`, with what it declared: a pipeline's `s3(bucket = ..)`
/// source checks at compile time that the bucket keeps versions and sends its events to EventBridge.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an S3 bucket",
    label = "declare it with `#[cf_resources(bucket(eventbridge))]`"
)]
pub trait CfBucket {
    /// What the attribute declared.
    const BUCKET: BucketSpec;
}

/// Everything `#[cf_resources(bucket(..))]` declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BucketSpec {
    /// The logical id.
    pub logical_id: &'static str,
    /// CORS rules.
    pub cors: &'static [CorsRule],
    /// Object versioning (on unless `versioning = false`), old versions kept [`NONCURRENT_DAYS`] days.
    pub versioning: bool,
    /// Delete objects this many days after creation.
    pub expire_after_days: Option<u32>,
    /// Every object event also goes to EventBridge (`NotificationConfiguration.EventBridgeConfiguration`),
    /// where rules (a pipeline's `s3(..)` source) match them.
    pub eventbridge: bool,
    /// `DeletionPolicy`/`UpdateReplacePolicy: Retain` (the default).
    pub retain: bool,
}

impl BucketSpec {
    /// The bucket resource: public access blocked, SSE-S3 encryption, named by [`bucket_name`].
    pub fn contribute(&self) -> Contribution {
        let mut p = Map::new();
        p.insert("BucketName".into(), bucket_name(self.logical_id));
        p.insert(
            "PublicAccessBlockConfiguration".into(),
            json!({"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true}),
        );
        p.insert(
            "BucketEncryption".into(),
            json!({"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}),
        );
        if self.versioning {
            p.insert(
                "VersioningConfiguration".into(),
                json!({"Status": "Enabled"}),
            );
        }
        let mut rules = Vec::new();
        if let Some(days) = self.expire_after_days {
            rules.push(json!({"Id": "Expire", "Status": "Enabled", "ExpirationInDays": days}));
        }
        if self.versioning {
            // Versions replaced or deleted stay recoverable for this long, then go: versioning does not keep
            // paying for every old copy forever.
            rules.push(json!({"Id": "ExpireOldVersions", "Status": "Enabled",
                "NoncurrentVersionExpiration": {"NoncurrentDays": NONCURRENT_DAYS}}));
        }
        if !rules.is_empty() {
            p.insert("LifecycleConfiguration".into(), json!({ "Rules": rules }));
        }
        if self.eventbridge {
            p.insert(
                "NotificationConfiguration".into(),
                json!({"EventBridgeConfiguration": {"EventBridgeEnabled": true}}),
            );
        }
        if !self.cors.is_empty() {
            let rules: Vec<_> = self
                .cors
                .iter()
                .map(|c| {
                    let mut m = json!({"AllowedOrigins": c.allowed_origins, "AllowedMethods": c.allowed_methods});
                    if !c.allowed_headers.is_empty() {
                        m["AllowedHeaders"] = json!(c.allowed_headers);
                    }
                    if let Some(age) = c.max_age {
                        m["MaxAge"] = json!(age);
                    }
                    m
                })
                .collect();
            p.insert("CorsConfiguration".into(), json!({ "CorsRules": rules }));
        }
        let mut r = Resource::new("AWS::S3::Bucket");
        r.properties = p;
        Contribution::new().resource(self.logical_id, retained(r, self.retain))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_encrypted_and_retained_by_default() {
        let spec = BucketSpec {
            logical_id: "Uploads",
            cors: &[CorsRule {
                allowed_origins: &["*"],
                allowed_methods: &["PUT"],
                allowed_headers: &["*"],
                max_age: Some(3000),
            }],
            versioning: true,
            expire_after_days: Some(30),
            eventbridge: true,
            retain: true,
        };
        let r = serde_json::to_value(&spec.contribute().resources[0].1).unwrap();
        let p = &r["Properties"];
        assert!(
            p["PublicAccessBlockConfiguration"]
                .as_object()
                .unwrap()
                .values()
                .all(|v| v == true)
        );
        assert_eq!(
            p["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"]
                ["SSEAlgorithm"],
            "AES256"
        );
        assert_eq!(p["VersioningConfiguration"]["Status"], "Enabled");
        assert_eq!(
            p["LifecycleConfiguration"]["Rules"][0]["ExpirationInDays"],
            30
        );
        assert_eq!(p["CorsConfiguration"]["CorsRules"][0]["MaxAge"], 3000);
        assert_eq!(
            p["NotificationConfiguration"]["EventBridgeConfiguration"]["EventBridgeEnabled"],
            true
        );
        assert_eq!(p["BucketName"], bucket_name("Uploads"));
        assert_eq!(r["DeletionPolicy"], "Retain");
    }
}
