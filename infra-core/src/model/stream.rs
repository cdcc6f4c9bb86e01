//! `AWS::Kinesis::Stream`, declared with `#[cf_resources(kinesis_stream(..))]`: on demand unless given shards,
//! encrypted with the AWS managed key `alias/aws/kinesis` (which functions reading or writing the stream may use
//! without a grant of their own).

use serde_json::json;

use crate::registry::Contribution;
use crate::template::Resource;

/// Everything `#[cf_resources(kinesis_stream(..))]` declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StreamSpec {
    /// The logical id.
    pub logical_id: &'static str,
    /// `ShardCount` of a provisioned stream; on demand with `None`.
    pub shards: Option<u32>,
    /// `RetentionPeriodHours`, 24 to 8760 (24 unless given).
    pub retention_hours: Option<u32>,
}

impl StreamSpec {
    /// The stream.
    pub fn contribute(&self) -> Contribution {
        let mut r = Resource::new("AWS::Kinesis::Stream").property(
            "StreamEncryption",
            json!({ "EncryptionType": "KMS", "KeyId": "alias/aws/kinesis" }),
        );
        r = match self.shards {
            Some(n) => r
                .property("ShardCount", n)
                .property("StreamModeDetails", json!({ "StreamMode": "PROVISIONED" })),
            None => r.property("StreamModeDetails", json!({ "StreamMode": "ON_DEMAND" })),
        };
        if let Some(h) = self.retention_hours {
            r = r.property("RetentionPeriodHours", h);
        }
        Contribution::new().resource(self.logical_id, r)
    }
}
