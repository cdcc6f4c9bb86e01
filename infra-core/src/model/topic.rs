//! `AWS::SNS::Topic`, declared with `#[cf_resources(topic(..))]`: encrypted with the AWS managed key by default.

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
}

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
        let mut r = Resource::new("AWS::SNS::Topic").property("KmsMasterKeyId", "alias/aws/sns");
        if !subs.is_empty() {
            r = r.property("Subscription", subs);
        }
        Contribution::new().resource(self.logical_id, r)
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
        };
        let r = serde_json::to_value(&spec.contribute().resources[0].1).unwrap();
        assert_eq!(
            r["Properties"]["Subscription"],
            json!([{"Protocol": "email", "Endpoint": {"Ref": "AlertEmail"}}, {"Protocol": "https", "Endpoint": "https://x.example"}])
        );
        assert_eq!(r["Properties"]["KmsMasterKeyId"], "alias/aws/sns");
    }
}
