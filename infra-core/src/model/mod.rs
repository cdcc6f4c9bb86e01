//! Typed builders for the resource families the attribute macros emit.
//!
//! Each module builds plain [`crate::Resource`]s; anything these helpers do not cover can always be written
//! with [`crate::Resource::property`] and [`resources::Resources`].

pub mod alarm;
pub mod bucket;
pub mod codebuild;
pub mod dashboard;
pub mod ecr;
pub mod fargate;
pub mod function;
pub mod http_api;
pub mod layer;
pub mod pipeline;
pub mod poller;
pub mod queue;
pub mod resources;
pub mod rest_api;
pub mod secret;
pub mod security_group;
pub mod state_machine;
pub mod stream;
pub mod table;
pub mod topic;
pub mod vpc;

/// An `AWS::IAM::Role` that one AWS service assumes, with one inline policy: the roles of a VPC's flow logs, of
/// a build, and of a pipeline and its trigger (written untyped, so none needs the typed model's `iam` feature).
#[cfg(any(feature = "ec2", feature = "codebuild", feature = "codepipeline"))]
pub(crate) fn service_role(
    service: &str,
    policy_name: &str,
    document: infra_cfn::policy::PolicyDocument,
) -> crate::template::Resource {
    use infra_cfn::policy::PolicyDocument;
    crate::template::Resource::new("AWS::IAM::Role")
        .property(
            "AssumeRolePolicyDocument",
            serde_json::Value::from(PolicyDocument::assume_role(service)),
        )
        .property(
            "Policies",
            serde_json::json!([{"PolicyName": policy_name, "PolicyDocument": serde_json::Value::from(document)}]),
        )
}
