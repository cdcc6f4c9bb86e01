//! `AWS::CodeBuild::Project`, declared with `#[cf_resources(codebuild_project(..))]`: a build that a pipeline
//! runs, with a log group and a role scoped to what it touches.

use crate::model::resources::EnvValue;

/// Everything `#[cf_resources(codebuild_project(..))]` declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BuildProjectSpec {
    /// The project's logical id; `<Id>Role` and `<Id>Logs` are its role and log group.
    pub logical_id: &'static str,
    /// The project's `Name`; CloudFormation names it otherwise.
    pub name: Option<&'static str>,
    /// The build specification: YAML, or the path of one in the source.
    pub buildspec: &'static str,
    /// The build image, `aws/codebuild/standard:7.0` by default.
    pub image: &'static str,
    /// `BUILD_GENERAL1_SMALL`, `BUILD_GENERAL1_MEDIUM`, ...
    pub compute: &'static str,
    /// Privileged mode, which `docker build` needs.
    pub privileged: bool,
    /// The build's environment variables.
    pub env: &'static [(&'static str, EnvValue)],
    /// ECR repositories the build pushes images to, by logical id.
    pub pushes: &'static [&'static str],
    /// The pipeline's artifact bucket, which the build reads its input from and writes its output to.
    pub artifacts: Option<ArtifactBucket>,
    /// Days the log group keeps the build logs.
    pub log_retention: u32,
}

/// A type declared with `#[cf_resources(codebuild_project(..))]`: a pipeline's `build(..)` names it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a CodeBuild project",
    label = "declare it with `#[cf_resources(codebuild_project(buildspec = BUILDSPEC))]`"
)]
pub trait CfBuildProject {
    /// What the attribute declared.
    const SPEC: BuildProjectSpec;
}

/// What a build's `artifacts = ..` names by type: a `bucket(..)` type, or a `pipeline(..)` type (its artifact
/// bucket).
#[diagnostic::on_unimplemented(
    message = "`{Self}` holds no artifacts",
    label = "`artifacts` takes a `pipeline(..)` type (its artifact bucket), a `bucket(..)` type, or a bucket's logical id as a string"
)]
pub trait ArtifactStore {
    /// The bucket.
    const ARTIFACTS: ArtifactBucket;
}

/// A pipeline's artifact bucket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArtifactBucket {
    /// A bucket written in a `Resources` impl or a `pipeline(..)`'s own, by logical id.
    Id(&'static str),
    /// A `bucket(..)` type.
    Bucket(crate::model::resources::ResourceRef),
}

#[cfg(feature = "codebuild")]
mod build {
    use super::*;
    use crate::intrinsic::get_att;
    use crate::registry::Contribution;
    use crate::template::Resource;
    use infra_cfn::codebuild::{self, project as p};
    use infra_cfn::policy::{PolicyDocument, Statement};
    use infra_cfn::{Id, Val};

    /// `ecr:GetAuthorizationToken` has no resource-level permission: the only `*` a build's role carries.
    const ECR_TOKEN: &str = "ecr:GetAuthorizationToken has no resource-level permission; pushes are scoped to the repositories";

    impl BuildProjectSpec {
        /// The project, its log group and its role.
        pub fn contribute(&self) -> Contribution {
            let id = self.logical_id;
            let (logs, role) = (format!("{id}Logs"), format!("{id}Role"));
            let mut policy = PolicyDocument::new().statement(
                Statement::allow(["logs:CreateLogStream", "logs:PutLogEvents"])
                    .resource(Val::expr(get_att(&logs, "Arn"))),
            );
            if !self.pushes.is_empty() {
                policy =
                    policy.statement(Statement::allow(["ecr:GetAuthorizationToken"]).resource("*"));
                let push = Statement::allow([
                    "ecr:BatchCheckLayerAvailability",
                    "ecr:InitiateLayerUpload",
                    "ecr:UploadLayerPart",
                    "ecr:CompleteLayerUpload",
                    "ecr:PutImage",
                    "ecr:BatchGetImage",
                ]);
                policy = policy.statement(
                    self.pushes
                        .iter()
                        .fold(push, |s, repo| s.resource(Val::expr(get_att(*repo, "Arn")))),
                );
            }
            if let Some(bucket) = self.artifacts {
                let objects = match bucket {
                    ArtifactBucket::Id(b) => Val::sub(format!("${{{b}.Arn}}/*")),
                    ArtifactBucket::Bucket(r) => Val::sub_with(
                        "arn:${AWS::Partition}:s3:::${Name}/*",
                        [("Name", Val::expr(r.value()))],
                    ),
                };
                policy = policy.statement(
                    Statement::allow(["s3:GetObject", "s3:PutObject"]).resource(objects),
                );
            }
            let mut role_resource = crate::model::service_role(
                "codebuild.amazonaws.com",
                "BuildLogsPushArtifacts",
                policy,
            );
            if !self.pushes.is_empty() {
                role_resource = role_resource.broad_permissions(ECR_TOKEN);
            }
            let mut environment = p::Environment::new(self.compute, self.image, "LINUX_CONTAINER")
                .privileged_mode(self.privileged);
            if !self.env.is_empty() {
                environment = environment.environment_variables(
                    self.env
                        .iter()
                        .map(|(k, v)| p::EnvironmentVariable::new(*k, v.val()).r#type("PLAINTEXT"))
                        .collect::<Vec<_>>(),
                );
            }
            let mut project = codebuild::Project::new(
                p::Artifacts::new("CODEPIPELINE"),
                environment,
                Val::expr(get_att(&role, "Arn")),
                p::Source::new("CODEPIPELINE").build_spec(self.buildspec),
            )
            .logs_config(
                p::LogsConfig::new().cloud_watch_logs(
                    p::CloudWatchLogsConfig::new("ENABLED")
                        .group_name(Val::expr(crate::intrinsic::reference(&logs))),
                ),
            );
            if let Some(name) = self.name {
                project = project.name(name);
            }
            Contribution::new()
                .resource(
                    &logs,
                    Resource::new("AWS::Logs::LogGroup")
                        .property("RetentionInDays", self.log_retention),
                )
                .resource(&role, role_resource)
                .add(&Id::new(id), project)
        }
    }
}
