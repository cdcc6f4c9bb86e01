//! `AWS::SQS::Queue`, declared with `#[cf_resources(queue(..))]`: encrypted by default, with an optional
//! dead-letter queue.

use serde_json::{Map, json};

use super::resources::stack_unique_name;
use crate::intrinsic::get_att;
use crate::registry::Contribution;
use crate::template::Resource;

/// Everything `#[cf_resources(queue(..))]` declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueueSpec {
    /// The logical id.
    pub logical_id: &'static str,
    /// A FIFO queue (its dead-letter queue is FIFO too).
    pub fifo: bool,
    /// `VisibilityTimeout` in seconds.
    pub visibility_timeout: Option<u32>,
    /// `MessageRetentionPeriod` in seconds.
    pub retention: Option<u32>,
    /// With `Some(n)`, a `<Id>DeadLetter` queue receives messages after `n` failed receives.
    pub dead_letter_after: Option<u32>,
}

impl QueueSpec {
    /// The queue, and its dead-letter queue when asked.
    pub fn contribute(&self) -> Contribution {
        // FIFO queue names must end in `.fifo`, so FIFO queues are named (uniquely per stack, at most 73 characters).
        let base = |id: &str| {
            let mut p = Map::new();
            if self.fifo {
                p.insert("QueueName".into(), stack_unique_name(id, 55, ".fifo"));
                p.insert("FifoQueue".into(), true.into());
            }
            p.insert("SqsManagedSseEnabled".into(), true.into());
            p
        };
        let mut p = base(self.logical_id);
        if let Some(v) = self.visibility_timeout {
            p.insert("VisibilityTimeout".into(), v.into());
        }
        if let Some(r) = self.retention {
            p.insert("MessageRetentionPeriod".into(), r.into());
        }
        let mut c = Contribution::new();
        if let Some(n) = self.dead_letter_after {
            let dlq_id = format!("{}DeadLetter", self.logical_id);
            p.insert(
                "RedrivePolicy".into(),
                json!({"deadLetterTargetArn": get_att(&dlq_id, "Arn"), "maxReceiveCount": n}),
            );
            let mut dlq = base(&dlq_id);
            dlq.insert("MessageRetentionPeriod".into(), 1_209_600.into());
            let mut r = Resource::new("AWS::SQS::Queue");
            r.properties = dlq;
            c = c.resource(dlq_id, r);
        }
        let mut r = Resource::new("AWS::SQS::Queue");
        r.properties = p;
        c.resource(self.logical_id, r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dead_letter_queue_and_fifo() {
        let spec = QueueSpec {
            logical_id: "Jobs",
            fifo: true,
            visibility_timeout: Some(60),
            retention: None,
            dead_letter_after: Some(3),
        };
        let c = spec.contribute();
        assert_eq!(c.resources[0].0, "JobsDeadLetter");
        let q = serde_json::to_value(&c.resources[1].1).unwrap();
        assert_eq!(
            q["Properties"]["RedrivePolicy"],
            json!({"deadLetterTargetArn": {"Fn::GetAtt": ["JobsDeadLetter", "Arn"]}, "maxReceiveCount": 3})
        );
        assert_eq!(q["Properties"]["FifoQueue"], true);
        assert_eq!(c.resources[0].1.properties["FifoQueue"], true);
        assert_eq!(q["Properties"]["SqsManagedSseEnabled"], true);
        assert_eq!(q["Properties"]["QueueName"]["Fn::Join"][1][2], ".fifo");
        assert_eq!(
            c.resources[0].1.properties["QueueName"]["Fn::Join"][1][0],
            "JobsDeadLetter-"
        );
    }
}
