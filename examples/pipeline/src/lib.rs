//! Delivery pipeline, after the Portuguese walkthrough of a CodeCommit, CodePipeline, CodeBuild, ECR and ECS pipeline for the `comentarios` app: the `comentarios` app, built from CodeCommit by CodeBuild into ECR and
//! deployed by CodePipeline onto an ECS service behind a load balancer, watched by a CloudWatch dashboard and a
//! CPU alarm that emails through SNS.
//!
//! Each part is a type: the network on [`ComentariosVpc`] (`vpc(..)`) and the groups [`VpcInternalSg`] and
//! [`WebSg`] (`security_group(..)`), the repository [`AppRepository`] (`ecr_repository(..)`), the cluster
//! [`EcsCluster`] and the load-balanced, scaled service [`App`] (`ecs_cluster(..)`, `fargate_service(..)`), the
//! alert topic [`Alerts`] and its address [`AlertEmail`], the build [`BuildProject`] (`codebuild_project(..)`),
//! the CPU alarm [`CpuAlarm`] (`alarm(..)`); [`Delivery`] (the pipeline and its trigger) and [`Monitoring`] (the
//! dashboard) are `Resources` impls on the typed model. The app itself is the `comentarios-app`
//! binary, whose health check is [`app::health_check`].

pub mod app;

use infra_core::cfn::codepipeline::pipeline as cp;
use infra_core::cfn::policy::{PolicyDocument, Statement};
use infra_core::cfn::{Id, Val, cloudwatch, codebuild, codepipeline, ecs, events, iam, s3};
use infra_core::intrinsic::reference;
use infra_core::registry::Context;
use infra_core::{
    CfCluster, CfParameter, CfRepository, Contribution, DeletionPolicy, Output, Parameter,
    Resource, Resources, cf_resources,
};
use serde_json::json;

/// The seed's build specification: log in to ECR, build and tag the image, push it, and hand the image URI to
/// the deploy stage in `image-to-ecs.json`. The repository is this workspace, so the build names this example's
/// Dockerfile.
pub const BUILDSPEC: &str = r#"version: 0.2

phases:
  pre_build:
    commands:
      - echo Logando no Amazon ECR
      - aws ecr get-login-password --region $AWS_DEFAULT_REGION | docker login --username AWS --password-stdin $AWS_ACCOUNT_ID.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com
      - echo Definindo o repositório ECR
      - ECR=$AWS_ACCOUNT_ID.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com
      - IMAGE=$ECR/$IMAGE_NAME
  build:
    commands:
      - echo Construindo imagem Docker
      - docker build -f examples/pipeline/Dockerfile -t current:latest .
      - docker tag current:latest $IMAGE:$CODEBUILD_BUILD_NUMBER
  post_build:
    commands:
      - echo Enviando imagem para Repositório ECR
      - docker push $IMAGE:$CODEBUILD_BUILD_NUMBER
      - printf '[{"name":"comentarios-app","imageUri":"%s"}]' $IMAGE:$CODEBUILD_BUILD_NUMBER > image-to-ecs.json
artifacts:
  files: image-to-ecs.json
"#;

/// The app's image name in ECR (the repository's name), and its container name.
pub const IMAGE_NAME: &str = match AppRepository::SPEC.name {
    Some(name) => name,
    None => panic!("the repository is named"),
};

const CLUSTER: Id<ecs::Cluster> = Id::named(EcsCluster::CLUSTER.logical_id);
/// The ids `fargate_service(..)` gives the parts of [`App`].
const SERVICE: Id<ecs::Service> = Id::named("AppService");
const EXECUTION_ROLE: Id<iam::Role> = Id::named("AppExecutionRole");
const ARTIFACTS: Id<s3::Bucket> = Id::named("ArtifactBucket");
const BUILD: Id<codebuild::Project> = Id::named("BuildProject");
const PIPELINE_ROLE: Id<iam::Role> = Id::named("PipelineRole");
const PIPELINE: Id<codepipeline::Pipeline> = Id::named("Pipeline");
const TRIGGER_ROLE: Id<iam::Role> = Id::named("TriggerRole");

/// A role that `service` assumes, with one inline policy.
fn role(service: &str, policy: &str, document: PolicyDocument) -> iam::Role {
    iam::Role::new(PolicyDocument::assume_role(service))
        .policies([iam::role::Policy::new(document, policy)])
}

/// Who is emailed when the service's CPU runs high.
#[cf_resources(parameter(
    kind = "String",
    description = "email address alerted when the service's CPU runs high",
    allowed_pattern = ".+@.+"
))]
pub struct AlertEmail;

/// The alert topic, with the email subscription. CloudWatch publishes the alarm to it, so it is encrypted with
/// a key of its own that CloudWatch may use (`alias/aws/sns` grants no AWS service: the alarm would be dropped).
#[cf_resources(topic(subscriptions(email = AlertEmail), published_by("cloudwatch")))]
pub struct Alerts;

/// `comentarios-vpc` (10.10.0.0/16): two public /24 subnets in two AZs behind an internet gateway.
#[cf_resources(vpc(
    cidr = "10.10.0.0/16",
    name = "comentarios-vpc",
    max_azs = 2,
    subnets(public(cidr_mask = 24))
))]
pub struct ComentariosVpc;

/// All traffic from inside the VPC.
#[cf_resources(security_group(
    vpc = ComentariosVpc,
    description = "all traffic from inside the VPC",
    ingress(from = "10.10.0.0/16", protocol = "all", description = "inside the VPC (all protocols and ports)")
))]
pub struct VpcInternalSg;

/// The load balancer on 80 and the app on 8000, from anywhere.
#[cf_resources(security_group(
    vpc = ComentariosVpc,
    description = "the load balancer on 80 and the app on 8000",
    ingress(from = "0.0.0.0/0", port = 80, description = "HTTP"),
    ingress(from = "0.0.0.0/0", port = 8000, description = "the app, from the load balancer")
))]
pub struct WebSg;

/// The private ECR repository `comentarios-app`: images scanned on push, tags immutable (each build pushes its
/// build number, never moves `latest`), the last 20 kept, retained with the images.
#[cf_resources(ecr_repository(name = "comentarios-app", lifecycle(keep_last = 20)))]
pub struct AppRepository;

/// `ecs-cluster`, with Container Insights.
#[cf_resources(ecs_cluster(vpc = ComentariosVpc, name = "ecs-cluster"))]
pub struct EcsCluster;

/// The `comentarios-app` service: the app on 8000 in the public subnets, 1–3 tasks on CPU, behind a load
/// balancer listening on 80 with a `/health-check` target check. Its first revision runs the repository's
/// `latest` image; each run of the pipeline deploys the build's own tag.
#[cf_resources(
    fargate_service(
        cluster = EcsCluster,
        name = "comentarios-app",
        image = AppRepository,
        port = 8000,
        subnets = "public",
        security_group = VpcInternalSg,
        load_balancer(internet_facing, health_check = "/health-check", security_group = WebSg),
        scaling(min = 1, max = 3, cpu_target = 70),
        log_retention = 14,
    ),
    output = "AppUrl"
)]
pub struct App;

/// `comentarios-build`: CodeBuild runs [`BUILDSPEC`] with `AWS_ACCOUNT_ID` and `IMAGE_NAME`, in privileged mode
/// for `docker build`; its role may write its log group, push to [`AppRepository`] and use the pipeline's
/// artifacts, nothing else.
#[cf_resources(codebuild_project(
    name = "comentarios-build",
    buildspec = BUILDSPEC,
    privileged,
    env(AWS_ACCOUNT_ID = "${AWS::AccountId}", IMAGE_NAME = "comentarios-app"),
    pushes(AppRepository),
    artifacts = "ArtifactBucket",
    log_retention = 14,
))]
pub struct BuildProject;

/// `comentarios-pipeline` (CodePipeline: Source from CodeCommit, Build, Deploy onto the ECS service), started by
/// an EventBridge rule on every change to the source branch.
#[cf_resources]
pub struct Delivery;

impl Resources for Delivery {
    fn resources(_: &Context) -> Contribution {
        let repo_arn = || {
            Val::sub(
                "arn:${AWS::Partition}:codecommit:${AWS::Region}:${AWS::AccountId}:${SourceRepository}",
            )
        };
        let pipeline_arn = || {
            Val::sub(format!(
                "arn:${{AWS::Partition}}:codepipeline:${{AWS::Region}}:${{AWS::AccountId}}:${{{}}}",
                PIPELINE.name()
            ))
        };
        let artifacts = || Val::sub(format!("${{{}.Arn}}/*", ARTIFACTS.name()));
        let pipeline_policy = PolicyDocument::new()
            .statement(
                Statement::allow([
                    "codecommit:GetBranch",
                    "codecommit:GetCommit",
                    "codecommit:UploadArchive",
                    "codecommit:GetUploadArchiveStatus",
                ])
                .resource(repo_arn()),
            )
            .statement(
                Statement::allow(["codebuild:StartBuild", "codebuild:BatchGetBuilds"])
                    .resource(BUILD.att().arn()),
            )
            .statement(
                Statement::allow(["s3:GetObject", "s3:PutObject", "s3:GetBucketVersioning"])
                    .resource(ARTIFACTS.att().arn())
                    .resource(artifacts()),
            )
            .statement(
                Statement::allow(["ecs:DescribeServices", "ecs:UpdateService"])
                    .resource(SERVICE.reference()),
            )
            // The deploy action registers a new task definition revision, which has no resource-level permissions.
            .statement(
                Statement::allow(["ecs:DescribeTaskDefinition", "ecs:RegisterTaskDefinition"])
                    .resource("*"),
            )
            .statement(
                Statement::allow(["iam:PassRole"])
                    .resource(EXECUTION_ROLE.att().arn())
                    .condition(
                        "StringEquals",
                        "iam:PassedToService",
                        "ecs-tasks.amazonaws.com",
                    ),
            );
        let start_pipeline = PolicyDocument::new().statement(
            Statement::allow(["codepipeline:StartPipelineExecution"]).resource(pipeline_arn()),
        );
        let action = |category, provider: &str, name: &str| {
            cp::ActionDeclaration::new(cp::ActionTypeId::new(category, "AWS", provider, "1"), name)
        };
        let stage =
            |name: &str, action: cp::ActionDeclaration| cp::StageDeclaration::new([action], name);
        let stages = [
            stage(
                "Source",
                action(cp::ActionTypeIdCategory::Source, "CodeCommit", "Source")
                    .configuration(json!({
                        "RepositoryName": reference("SourceRepository"),
                        "BranchName": reference("SourceBranch"),
                        "PollForSourceChanges": false,
                    }))
                    .output_artifacts([cp::OutputArtifact::new("SourceOutput")]),
            ),
            stage(
                "Build",
                action(cp::ActionTypeIdCategory::Build, "CodeBuild", "Build")
                    .configuration(json!({"ProjectName": BUILD.reference().into_value()}))
                    .input_artifacts([cp::InputArtifact::new("SourceOutput")])
                    .output_artifacts([cp::OutputArtifact::new("BuildOutput")]),
            ),
            stage(
                "Deploy",
                action(cp::ActionTypeIdCategory::Deploy, "ECS", "Deploy")
                    .configuration(json!({
                        "ClusterName": CLUSTER.reference().into_value(),
                        "ServiceName": SERVICE.att().name().into_value(),
                        "FileName": "image-to-ecs.json",
                    }))
                    .input_artifacts([cp::InputArtifact::new("BuildOutput")]),
            ),
        ];
        Contribution::new()
            .parameter("SourceRepository", Parameter::string().default_value("comentarios").description("the CodeCommit repository of the app"))
            .parameter("SourceBranch", Parameter::string().default_value("dev").description("the branch that triggers the pipeline"))
            .resource(
                ARTIFACTS.name(),
                Resource::from(
                    s3::Bucket::new()
                        .public_access_block_configuration(
                            s3::bucket::PublicAccessBlockConfiguration::new()
                                .block_public_acls(true)
                                .block_public_policy(true)
                                .ignore_public_acls(true)
                                .restrict_public_buckets(true),
                        )
                        .bucket_encryption(s3::bucket::BucketEncryption::new([
                            s3::bucket::ServerSideEncryptionRule::new().server_side_encryption_by_default(
                                s3::bucket::ServerSideEncryptionByDefault::new(
                                    s3::bucket::ServerSideEncryptionByDefaultSSEAlgorithm::Aes256,
                                ),
                            ),
                        ]))
                        .versioning_configuration(s3::bucket::VersioningConfiguration::new(
                            s3::bucket::VersioningConfigurationStatus::Enabled,
                        )),
                )
                .deletion_policy(DeletionPolicy::Retain)
                .update_replace_policy(DeletionPolicy::Retain),
            )
            .resource(
                PIPELINE_ROLE.name(),
                Resource::from(role("codepipeline.amazonaws.com", "comentarios-pipeline", pipeline_policy))
                    .broad_permissions(
                        "ecs:DescribeTaskDefinition and ecs:RegisterTaskDefinition have no resource-level permissions",
                    ),
            )
            .add(
                &PIPELINE,
                codepipeline::Pipeline::new(PIPELINE_ROLE.att().arn(), stages)
                    .name("comentarios-pipeline")
                    .artifact_store(cp::ArtifactStore::new(ARTIFACTS.reference(), cp::ArtifactStoreType::S3)),
            )
            .add(&TRIGGER_ROLE, role("events.amazonaws.com", "start-pipeline", start_pipeline))
            .add(
                &Id::named("SourceChanged"),
                events::Rule::new()
                    .event_pattern(json!({
                        "source": ["aws.codecommit"],
                        "detail-type": ["CodeCommit Repository State Change"],
                        "resources": [repo_arn().into_value()],
                        "detail": {
                            "event": ["referenceCreated", "referenceUpdated"],
                            "referenceType": ["branch"],
                            "referenceName": [reference("SourceBranch")],
                        },
                    }))
                    .targets([events::rule::Target::new(pipeline_arn(), "pipeline").role_arn(TRIGGER_ROLE.att().arn())]),
            )
    }
}

/// The service's CPU above 80 % for 10 minutes, emailed through [`Alerts`].
#[cf_resources(alarm(
    metric = cpu(App),
    threshold = 80,
    comparison = ">",
    period = 300,
    periods = 2,
    description = "the service's CPU is above 80 % for 10 minutes",
    notify = Alerts
))]
pub struct CpuAlarm;

/// The `comentarios-dash` dashboard.
#[cf_resources]
pub struct Monitoring;

impl Resources for Monitoring {
    fn resources(_: &Context) -> Contribution {
        let service_metric = |name: &str| {
            json!([
                "AWS/ECS",
                name,
                "ClusterName",
                "ecs-cluster",
                "ServiceName",
                "comentarios-app"
            ])
        };
        // The dashboard body is a JSON document in a string (CloudWatch's own format), with `${..}` substituted.
        let dashboard = json!({"widgets": [
            {"type": "metric", "x": 0, "y": 0, "width": 12, "height": 6, "properties": {"title": "CPU and memory", "region": "${AWS::Region}", "stat": "Average", "period": 300,
                "metrics": [service_metric("CPUUtilization"), service_metric("MemoryUtilization")]}},
            {"type": "metric", "x": 12, "y": 0, "width": 12, "height": 6, "properties": {"title": "Requests", "region": "${AWS::Region}", "stat": "Sum", "period": 300,
                "metrics": [["AWS/ApplicationELB", "RequestCount", "LoadBalancer", "${AppAlb.LoadBalancerFullName}"]]}},
        ]});
        Contribution::new()
            .add(
                &Id::named("Dashboard"),
                cloudwatch::Dashboard::new(Val::sub(dashboard.to_string()))
                    .dashboard_name("comentarios-dash"),
            )
            .output(
                "AlertEmailAddress",
                Output::new(reference(<AlertEmail as CfParameter>::NAME))
                    .description("who is alerted"),
            )
    }
}
