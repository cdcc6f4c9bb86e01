//! `AWS::SNS::Topic`, declared with `#[cf_resources(topic(..))]`: encrypted with the AWS managed key by default,
//! with a customer managed key of its own when AWS services publish to it.

use serde_json::json;

use crate::Value;
use crate::intrinsic::reference;
use crate::registry::Contribution;
use crate::template::Resource;

/// A subscription endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// Written out: an address, URL or ARN.
    Text(&'static str),
    /// The value of a template parameter (logical id).
    Parameter(&'static str),
}

/// Everything `#[cf_resources(topic(..))]` declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TopicSpec {
    /// The logical id.
    pub logical_id: &'static str,
    /// `(protocol, endpoint)`: `email`, `email-json`, `https`, `sqs`, `lambda`, `sms`.
    pub subscriptions: &'static [(&'static str, Endpoint)],
    /// The service principals that publish to it (`cloudwatch.amazonaws.com` for alarm actions, ...). The AWS
    /// managed key `alias/aws/sns` grants no AWS service, so a topic with publishers is encrypted with a key of
    /// its own, `<Id>Key`, whose policy lets them use it.
    pub published_by: &'static [&'static str],
}

/// The root statement of a key policy: KMS refuses a policy that locks the account out of its key; IAM
/// policies in the account then decide who uses it.
const KEY_ADMIN: &str = "a key policy must let the account administer its key (kms:* for the account root; a key policy's Resource * is the key itself), else KMS refuses it";

impl TopicSpec {
    /// The topic with its subscriptions.
    pub fn contribute(&self) -> Contribution {
        let subs: Vec<Value> = self
            .subscriptions
            .iter()
            .map(|(protocol, e)| {
                let endpoint = match *e {
                    Endpoint::Text(t) => Value::from(t),
                    Endpoint::Parameter(p) => reference(p),
                };
                json!({"Protocol": protocol, "Endpoint": endpoint})
            })
            .collect();
        let mut c = Contribution::new();
        let key = if self.published_by.is_empty() {
            Value::from("alias/aws/sns")
        } else {
            let key_id = self.key_id();
            let policy = json!({
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "AccountAdministers",
                        "Effect": "Allow",
                        "Principal": {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}},
                        "Action": "kms:*",
                        "Resource": "*",
                    },
                    {
                        "Sid": "ServicesPublish",
                        "Effect": "Allow",
                        "Principal": {"Service": self.published_by},
                        "Action": crate::model::resources::KEY_USE,
                        "Resource": "*",
                    },
                ],
            });
            c = c.resource(
                &key_id,
                Resource::new("AWS::KMS::Key")
                    .property(
                        "Description",
                        format!("encrypts the {} topic", self.logical_id),
                    )
                    .property("EnableKeyRotation", true)
                    .property("KeyPolicy", policy)
                    .broad_permissions(KEY_ADMIN),
            );
            reference(&key_id)
        };
        let mut r = Resource::new("AWS::SNS::Topic").property("KmsMasterKeyId", key);
        if !subs.is_empty() {
            r = r.property("Subscription", subs);
        }
        c.resource(self.logical_id, r)
    }

    /// The logical id of its key when AWS services publish to it: `<Id>Key`.
    pub fn key_id(&self) -> String {
        format!("{}Key", self.logical_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subscriptions_from_text_and_parameters() {
        let spec = TopicSpec {
            logical_id: "Alerts",
            subscriptions: &[
                ("email", Endpoint::Parameter("AlertEmail")),
                ("https", Endpoint::Text("https://x.example")),
            ],
            published_by: &[],
        };
        let r = serde_json::to_value(&spec.contribute().resources[0].1).unwrap();
        assert_eq!(
            r["Properties"]["Subscription"],
            json!([{"Protocol": "email", "Endpoint": {"Ref": "AlertEmail"}}, {"Protocol": "https", "Endpoint": "https://x.example"}])
        );
        assert_eq!(r["Properties"]["KmsMasterKeyId"], "alias/aws/sns");
    }

    #[test]
    fn a_topic_services_publish_to_has_a_key_that_lets_them() {
        let spec = TopicSpec {
            logical_id: "Alerts",
            subscriptions: &[],
            published_by: &["cloudwatch.amazonaws.com", "events.amazonaws.com"],
        };
        let c = spec.contribute();
        let ids: Vec<&str> = c.resources.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["AlertsKey", "Alerts"]);
        let key = serde_json::to_value(&c.resources[0].1).unwrap();
        let services = &key["Properties"]["KeyPolicy"]["Statement"][1];
        assert_eq!(
            services["Principal"]["Service"],
            json!(["cloudwatch.amazonaws.com", "events.amazonaws.com"])
        );
        assert_eq!(
            services["Action"],
            json!(["kms:GenerateDataKey", "kms:Decrypt"])
        );
        assert_eq!(key["Properties"]["EnableKeyRotation"], true);
        let topic = serde_json::to_value(&c.resources[1].1).unwrap();
        assert_eq!(
            topic["Properties"]["KmsMasterKeyId"],
            json!({"Ref": "AlertsKey"})
        );
    }
}
