//! `AWS::CodePipeline::Pipeline`, declared with `#[cf_resources(pipeline(..))]` (feature `codepipeline`): a
//! source, a build and a deploy onto an ECS service, with an artifact bucket, a trigger and roles scoped to
//! what each touches.
//!
//! A pipeline type `Delivery` contributes `Delivery` (the pipeline), `DeliveryRole` (its role),
//! `DeliveryArtifacts` (its artifact bucket: private, encrypted, versioned, retained), and for a `codecommit(..)`
//! or `s3(..)` source `DeliveryTrigger` (the EventBridge rule that starts it on a change) and
//! `DeliveryTriggerRole` (which may start this pipeline alone).

use crate::model::codebuild::{ArtifactBucket, BuildProjectSpec};
use crate::model::fargate::FargateServiceSpec;
use crate::model::resources::{EnvValue, ResourceRef};

/// Everything `#[cf_resources(pipeline(..))]` declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PipelineSpec {
    /// The pipeline's logical id, the prefix of its role's, bucket's and trigger's.
    pub logical_id: &'static str,
    /// Its artifact bucket's logical id, `<logical_id>Artifacts`.
    pub artifacts: &'static str,
    /// The pipeline's `Name`; CloudFormation names it otherwise.
    pub name: Option<&'static str>,
    /// Where the code comes from.
    pub source: Source,
    /// The build stage's project, if any.
    pub build: Option<BuildProjectSpec>,
    /// The deploy stage, if any.
    pub deploy: Option<EcsDeploy>,
}

/// A pipeline's source stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A CodeCommit repository's branch; an EventBridge rule starts the pipeline on each change to it.
    CodeCommit {
        /// The repository's name.
        repository: EnvValue,
        /// The branch.
        branch: EnvValue,
    },
    /// A GitHub, GitLab or Bitbucket repository through a CodeConnections connection, which starts the
    /// pipeline on each push itself.
    Connection {
        /// The connection's ARN.
        arn: EnvValue,
        /// `owner/name`.
        repository: EnvValue,
        /// The branch.
        branch: EnvValue,
    },
    /// An object in a versioned bucket of the stack that sends its events to EventBridge; a rule starts the
    /// pipeline each time the object is written.
    S3 {
        /// The `bucket(..)` type.
        bucket: ResourceRef,
        /// The object's key.
        key: EnvValue,
    },
}

/// A deploy onto an ECS service: the action reads the image URI for the service's container from `file` in
/// the build's output (the source's, without a build) and rolls the service onto a new task definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EcsDeploy {
    /// The `fargate_service(..)`.
    pub service: FargateServiceSpec,
    /// The image definitions file, `imagedefinitions.json` by default.
    pub file: &'static str,
}

/// Whether a build's `artifacts` is the pipeline's bucket (`artifacts = <the pipeline's type>`):
/// `pipeline(build(..))` asserts it at compile time, since a build without it can neither read the source nor
/// hand its output to the deploy.
pub const fn uses_artifacts(build: &BuildProjectSpec, artifacts: &str) -> bool {
    let Some(ArtifactBucket::Id(id)) = build.artifacts else {
        return false;
    };
    crate::__private::same_str(id, artifacts)
}

#[cfg(feature = "codepipeline")]
mod build {
    use super::*;
    use crate::intrinsic::{get_att, reference};
    use crate::model::bucket::BucketSpec;
    use crate::registry::Contribution;
    use crate::template::Resource;
    use infra_cfn::codepipeline::{self, pipeline as cp};
    use infra_cfn::policy::{PolicyDocument, Statement};
    use infra_cfn::{Id, Val};
    use serde_json::json;

    /// The only `*` a pipeline's role may carry, with an ECS deploy.
    const TASK_DEFINITIONS: &str = "ecs:DescribeTaskDefinition and ecs:RegisterTaskDefinition have no resource-level permissions: the ECS deploy registers a new revision of the service's task definition";

    impl PipelineSpec {
        /// The pipeline, its role and artifact bucket, and the trigger its source needs.
        pub fn contribute(&self) -> Contribution {
            let id = self.logical_id;
            let (role, artifacts) = (format!("{id}Role"), self.artifacts);
            let (trigger, trigger_role) = (format!("{id}Trigger"), format!("{id}TriggerRole"));
            let action = |category, provider: &str, name: &str| {
                cp::ActionDeclaration::new(
                    cp::ActionTypeId::new(category, "AWS", provider, "1"),
                    name,
                )
            };
            let stage = |name: &str, action: cp::ActionDeclaration| {
                cp::StageDeclaration::new([action], name)
            };
            let objects = Val::sub(format!("${{{artifacts}.Arn}}/*"));
            let mut policy = PolicyDocument::new()
                .statement(
                    Statement::allow(["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"])
                        .resource(objects),
                )
                .statement(
                    Statement::allow(["s3:GetBucketVersioning"])
                        .resource(Val::expr(get_att(artifacts, "Arn"))),
                );

            // The source stage, and the rule that starts the pipeline when the source changes.
            let source = cp::OutputArtifact::new("SourceOutput");
            let mut pattern = None;
            let source_action = match self.source {
                Source::CodeCommit { repository, branch } => {
                    let arn = Val::sub_with(
                        "arn:${AWS::Partition}:codecommit:${AWS::Region}:${AWS::AccountId}:${Repository}",
                        [("Repository", repository.val())],
                    );
                    policy = policy.statement(
                        Statement::allow([
                            "codecommit:GetBranch",
                            "codecommit:GetCommit",
                            "codecommit:UploadArchive",
                            "codecommit:GetUploadArchiveStatus",
                            "codecommit:CancelUploadArchive",
                        ])
                        .resource(arn.clone()),
                    );
                    pattern = Some(json!({
                        "source": ["aws.codecommit"],
                        "detail-type": ["CodeCommit Repository State Change"],
                        "resources": [arn.into_value()],
                        "detail": {
                            "event": ["referenceCreated", "referenceUpdated"],
                            "referenceType": ["branch"],
                            "referenceName": [branch.value()],
                        },
                    }));
                    action(cp::ActionTypeIdCategory::Source, "CodeCommit", "Source").configuration(
                        Val::expr(json!({
                            "RepositoryName": repository.value(),
                            "BranchName": branch.value(),
                            "PollForSourceChanges": false,
                        })),
                    )
                }
                Source::Connection {
                    arn,
                    repository,
                    branch,
                } => {
                    // Connections made before the service's rename are `codestar-connections` ARNs, newer ones
                    // `codeconnections`: each action matches only its own service's ARNs.
                    policy = policy.statement(
                        Statement::allow([
                            "codeconnections:UseConnection",
                            "codestar-connections:UseConnection",
                        ])
                        .resource(arn.val()),
                    );
                    action(
                        cp::ActionTypeIdCategory::Source,
                        "CodeStarSourceConnection",
                        "Source",
                    )
                    .configuration(Val::expr(json!({
                        "ConnectionArn": arn.value(),
                        "FullRepositoryId": repository.value(),
                        "BranchName": branch.value(),
                    })))
                }
                Source::S3 { bucket, key } => {
                    let name = Val::expr(bucket.value());
                    policy = policy
                        .statement(
                            Statement::allow(["s3:GetObject", "s3:GetObjectVersion"]).resource(
                                Val::sub_with(
                                    "arn:${AWS::Partition}:s3:::${Bucket}/${Key}",
                                    [("Bucket", name.clone()), ("Key", key.val())],
                                ),
                            ),
                        )
                        .statement(Statement::allow(["s3:GetBucketVersioning"]).resource(
                            Val::sub_with(
                                "arn:${AWS::Partition}:s3:::${Bucket}",
                                [("Bucket", name)],
                            ),
                        ));
                    pattern = Some(json!({
                        "source": ["aws.s3"],
                        "detail-type": ["Object Created"],
                        "detail": {
                            "bucket": {"name": [bucket.value()]},
                            "object": {"key": [key.value()]},
                        },
                    }));
                    action(cp::ActionTypeIdCategory::Source, "S3", "Source").configuration(
                        Val::expr(json!({
                            "S3Bucket": bucket.value(),
                            "S3ObjectKey": key.value(),
                            "PollForSourceChanges": false,
                        })),
                    )
                }
            };
            let mut stages = vec![stage("Source", source_action.output_artifacts([source]))];
            let mut input = "SourceOutput";

            if let Some(build) = self.build {
                let project = build.logical_id;
                policy = policy.statement(
                    Statement::allow(["codebuild:StartBuild", "codebuild:BatchGetBuilds"])
                        .resource(Val::expr(get_att(project, "Arn"))),
                );
                stages.push(stage(
                    "Build",
                    action(cp::ActionTypeIdCategory::Build, "CodeBuild", "Build")
                        .configuration(Val::expr(json!({"ProjectName": reference(project)})))
                        .input_artifacts([cp::InputArtifact::new(input)])
                        .output_artifacts([cp::OutputArtifact::new("BuildOutput")]),
                ));
                input = "BuildOutput";
            }

            if let Some(deploy) = self.deploy {
                let service = deploy.service;
                let prefix = service.logical_id;
                let service_id = format!("{prefix}Service");
                policy = policy
                    .statement(
                        Statement::allow(["ecs:DescribeServices", "ecs:UpdateService"])
                            .resource(Val::expr(reference(&service_id))),
                    )
                    .statement(
                        Statement::allow([
                            "ecs:DescribeTaskDefinition",
                            "ecs:RegisterTaskDefinition",
                        ])
                        .resource("*"),
                    );
                // The new revision runs under the service's roles, which the pipeline passes to ECS alone.
                let mut pass = Statement::allow(["iam:PassRole"])
                    .resource(Val::expr(get_att(format!("{prefix}ExecutionRole"), "Arn")));
                if service.has_task_role() {
                    pass = pass.resource(Val::expr(get_att(format!("{prefix}TaskRole"), "Arn")));
                }
                policy = policy.statement(pass.condition(
                    "StringEquals",
                    "iam:PassedToService",
                    "ecs-tasks.amazonaws.com",
                ));
                stages.push(stage(
                    "Deploy",
                    action(cp::ActionTypeIdCategory::Deploy, "ECS", "Deploy")
                        .configuration(Val::expr(json!({
                            "ClusterName": reference(service.cluster.logical_id),
                            "ServiceName": get_att(&service_id, "Name"),
                            "FileName": deploy.file,
                        })))
                        .input_artifacts([cp::InputArtifact::new(input)]),
                ));
            }

            let mut role_resource =
                crate::model::service_role("codepipeline.amazonaws.com", "Pipeline", policy);
            if self.deploy.is_some() {
                role_resource = role_resource.broad_permissions(TASK_DEFINITIONS);
            }
            let mut pipeline =
                codepipeline::Pipeline::new(Val::expr(get_att(&role, "Arn")), stages)
                    .artifact_store(cp::ArtifactStore::new(
                        Val::expr(reference(artifacts)),
                        cp::ArtifactStoreType::S3,
                    ));
            if let Some(name) = self.name {
                pipeline = pipeline.name(name);
            }
            let bucket = BucketSpec {
                logical_id: artifacts,
                cors: &[],
                versioning: true,
                expire_after_days: None,
                eventbridge: false,
                retain: true,
            };
            let mut c = bucket
                .contribute()
                .resource(&role, role_resource)
                .add(&Id::new(id), pipeline);
            if let Some(pattern) = pattern {
                let arn = Val::<String>::sub(format!(
                    "arn:${{AWS::Partition}}:codepipeline:${{AWS::Region}}:${{AWS::AccountId}}:${{{id}}}"
                ));
                let start = PolicyDocument::new().statement(
                    Statement::allow(["codepipeline:StartPipelineExecution"]).resource(arn.clone()),
                );
                c = c
                    .resource(
                        &trigger_role,
                        crate::model::service_role("events.amazonaws.com", "StartPipeline", start),
                    )
                    .resource(
                        &trigger,
                        Resource::new("AWS::Events::Rule")
                            .property("EventPattern", pattern)
                            .property(
                                "Targets",
                                json!([{"Arn": arn.into_value(), "Id": "pipeline", "RoleArn": get_att(&trigger_role, "Arn")}]),
                            ),
                    );
            }
            c
        }
    }
}
