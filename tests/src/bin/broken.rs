//! An app with several mistakes: the generator must report all of them, each with its file:line, and write
//! nothing.

use infra_core::intrinsic::{get_att, reference};
use infra_core::registry::Context;
use infra_core::{Contribution, Resource};

fn queues(_: &Context) -> Contribution {
    Contribution::new()
        .resource("Jobs", Resource::new("AWS::SQS::Queue"))
        .resource("dead-letters", Resource::new("AWS::SQS::Queue"))
}
infra_core::fragment!(queues);

fn more_queues(_: &Context) -> Contribution {
    Contribution::new()
        .resource("Jobs", Resource::new("AWS::SQS::Queue"))
        .resource(
            "Alarm",
            Resource::new("AWS::CloudWatch::Alarm")
                .property(
                    "Dimensions",
                    serde_json::json!([{"Name": "QueueName", "Value": reference("Job")}]),
                )
                .property(
                    "AlarmActions",
                    serde_json::json!([get_att("Topic", "TopicArn")]),
                )
                .condition("IsProd"),
        )
}
infra_core::fragment!(more_queues);

infra_core::main!(infra_tests);
