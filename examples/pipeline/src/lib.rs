//! Delivery pipeline, after the Portuguese walkthrough of a CodeCommit, CodePipeline, CodeBuild, ECR and ECS pipeline for the `comentarios` app: the `comentarios` app, built from CodeCommit by CodeBuild into ECR and
//! deployed by CodePipeline onto an ECS service behind a load balancer, watched by a CloudWatch dashboard and a
//! CPU alarm that emails through SNS.
//!
//! Each part is a type that owns its resources: [`ComentariosVpc`] (the `vpc(..)` shortcut), [`VpcInternalSg`] and [`WebSg`] (`security_group(..)`), [`Registry`], [`Service`], [`Delivery`],
//! [`Monitoring`]; the alert topic and its address are the typed shortcuts [`Alerts`] and [`AlertEmail`]. The
//! app itself is the `comentarios-app` binary, whose health check is [`app::health_check`].

pub mod app;

use infra_core::cfn::codepipeline::pipeline as cp;
use infra_core::cfn::ecs::task_definition as td;
use infra_core::cfn::policy::{PolicyDocument, Statement};
use infra_core::cfn::{
    Id, Val, applicationautoscaling as scaling, cloudwatch, codebuild, codepipeline, ecr, ecs,
    elasticloadbalancingv2 as elbv2, events, iam, logs, s3,
};
use infra_core::intrinsic::reference;
use infra_core::registry::Context;
use infra_core::{
    CfParameter, CfResource, CfSecurityGroup, CfVpc, Contribution, DeletionPolicy, Output,
    Parameter, Resource, Resources, SubnetKind, cf_resources,
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

/// The app's image name in ECR, and its container name.
pub const IMAGE_NAME: &str = "comentarios-app";

/// The ECR lifecycle policy: keep the last 20 images.
const LIFECYCLE: &str = r#"{"rules":[{"action":{"type":"expire"},"description":"keep the last 20 images","rulePriority":1,"selection":{"countNumber":20,"countType":"imageCountMoreThan","tagStatus":"any"}}]}"#;

const REPOSITORY: Id<ecr::Repository> = Id::named("AppRepository");
const CLUSTER: Id<ecs::Cluster> = Id::named("EcsCluster");
const LOGS: Id<logs::LogGroup> = Id::named("AppLogs");
const EXECUTION_ROLE: Id<iam::Role> = Id::named("TaskExecutionRole");
const TASK: Id<ecs::TaskDefinition> = Id::named("AppTask");
const ALB: Id<elbv2::LoadBalancer> = Id::named("AppAlb");
const TARGET_GROUP: Id<elbv2::TargetGroup> = Id::named("AppTargetGroup");
const LISTENER: Id<elbv2::Listener> = Id::named("AppListener");
const SERVICE: Id<ecs::Service> = Id::named("AppService");
const SCALING: Id<scaling::ScalableTarget> = Id::named("AppScaling");
const ARTIFACTS: Id<s3::Bucket> = Id::named("ArtifactBucket");
const BUILD_ROLE: Id<iam::Role> = Id::named("BuildRole");
const BUILD: Id<codebuild::Project> = Id::named("BuildProject");
const PIPELINE_ROLE: Id<iam::Role> = Id::named("PipelineRole");
const PIPELINE: Id<codepipeline::Pipeline> = Id::named("Pipeline");
const TRIGGER_ROLE: Id<iam::Role> = Id::named("TriggerRole");

/// Both public subnets.
fn subnets() -> Vec<Val<String>> {
    ComentariosVpc::VPC.subnets(SubnetKind::Public)
}

/// Both security groups of the load balancer and the tasks.
fn groups() -> [Val<String>; 2] {
    [WebSg::group_id(), VpcInternalSg::group_id()]
}

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

/// The private ECR repository `comentarios-app`: images scanned on push, the last 20 kept.
#[cf_resources]
pub struct Registry;

impl Resources for Registry {
    fn resources(_: &Context) -> Contribution {
        let repository = ecr::Repository::new()
            .repository_name(IMAGE_NAME)
            .image_scanning_configuration(
                ecr::repository::ImageScanningConfiguration::new().scan_on_push(true),
            )
            // Tags name one image for good: each build pushes its build number, never moves `latest`.
            .image_tag_mutability(ecr::repository::ImageTagMutability::Immutable)
            .encryption_configuration(ecr::repository::EncryptionConfiguration::new(
                ecr::repository::EncryptionConfigurationEncryptionType::Kms,
            ))
            .lifecycle_policy(
                ecr::repository::LifecyclePolicy::new().lifecycle_policy_text(LIFECYCLE),
            );
        Contribution::new().resource(
            REPOSITORY.name(),
            Resource::from(repository)
                .deletion_policy(DeletionPolicy::Retain)
                .update_replace_policy(DeletionPolicy::Retain),
        )
    }
}

/// `ecs-cluster`, the `comentarios-taskdefinition` (the app on 8000), the `comentarios-ecs-service` (1–3 tasks on
/// CPU) and the load balancer listening on 80 and forwarding to 8000, with a `/health-check` target check.
#[cf_resources]
pub struct Service;

impl Resources for Service {
    fn resources(_: &Context) -> Contribution {
        // The first revision's image; each run of the pipeline deploys the build's own tag instead.
        let image = Val::sub(format!("${{{}.RepositoryUri}}:latest", REPOSITORY.name()));
        let container = td::ContainerDefinition::new(image, IMAGE_NAME)
            .essential(true)
            .port_mappings([td::PortMapping::new()
                .container_port(8000)
                .protocol(td::PortMappingProtocol::Tcp)])
            .log_configuration(td::LogConfiguration::new("awslogs").options([
                ("awslogs-group", LOGS.reference()),
                ("awslogs-region", Val::region()),
                ("awslogs-stream-prefix", "comentarios".into()),
            ]));
        let execution_policy = Val::sub(
            "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
        );
        Contribution::new()
            .add(
                &CLUSTER,
                ecs::Cluster::new()
                    .cluster_name("ecs-cluster")
                    .cluster_settings([ecs::cluster::ClusterSettings::new()
                        .name("containerInsights")
                        .value("enabled")]),
            )
            .add(&LOGS, logs::LogGroup::new().retention_in_days(14))
            .add(
                &EXECUTION_ROLE,
                iam::Role::new(PolicyDocument::assume_role("ecs-tasks.amazonaws.com"))
                    .managed_policy_arns([execution_policy]),
            )
            .add(
                &TASK,
                ecs::TaskDefinition::new()
                    .family("comentarios-taskdefinition")
                    .cpu("256")
                    .memory("512")
                    .network_mode(td::NetworkMode::Awsvpc)
                    .requires_compatibilities([td::RequiresCompatibilities::Fargate])
                    .execution_role_arn(EXECUTION_ROLE.att().arn())
                    .container_definitions([container]),
            )
            .add(
                &ALB,
                elbv2::LoadBalancer::new()
                    .scheme(elbv2::load_balancer::Scheme::InternetFacing)
                    .r#type(elbv2::load_balancer::Type::Application)
                    .subnets(subnets())
                    .security_groups(groups())
                    .load_balancer_attributes([elbv2::load_balancer::LoadBalancerAttribute::new()
                        .key("routing.http.drop_invalid_header_fields.enabled")
                        .value("true")]),
            )
            .add(
                &TARGET_GROUP,
                elbv2::TargetGroup::new()
                    .port(8000)
                    .protocol(elbv2::target_group::Protocol::Http)
                    .target_type(elbv2::target_group::TargetType::Ip)
                    .vpc_id(ComentariosVpc::VPC.id())
                    .health_check_path("/health-check")
                    .matcher(elbv2::target_group::Matcher::new().http_code("200")),
            )
            .add(
                &LISTENER,
                elbv2::Listener::new(
                    [elbv2::listener::Action::new(elbv2::listener::ActionType::Forward)
                        .target_group_arn(TARGET_GROUP.reference())],
                    ALB.reference(),
                )
                .port(80)
                .protocol(elbv2::listener::Protocol::Http),
            )
            .resource(
                SERVICE.name(),
                Resource::from(
                    ecs::Service::new()
                        .service_name("comentarios-ecs-service")
                        .cluster(CLUSTER.reference())
                        .task_definition(TASK.reference())
                        .launch_type(ecs::service::LaunchType::Fargate)
                        .desired_count(1)
                        .network_configuration(ecs::service::NetworkConfiguration::new().awsvpc_configuration(
                            ecs::service::AwsVpcConfiguration::new()
                                .assign_public_ip(ecs::service::AwsVpcConfigurationAssignPublicIp::Enabled)
                                .security_groups(groups())
                                .subnets(subnets()),
                        ))
                        .load_balancers([ecs::service::LoadBalancer::new()
                            .container_name(IMAGE_NAME)
                            .container_port(8000)
                            .target_group_arn(TARGET_GROUP.reference())]),
                )
                .depends_on(&LISTENER),
            )
            .add(
                &SCALING,
                scaling::ScalableTarget::new(
                    3,
                    1,
                    Val::sub(format!("service/${{{}}}/${{{}.Name}}", CLUSTER.name(), SERVICE.name())),
                    scaling::scalable_target::ScalableDimension::EcsServiceDesiredCount,
                    scaling::scalable_target::ServiceNamespace::Ecs,
                ),
            )
            .add(
                &Id::named("AppCpuScaling"),
                scaling::ScalingPolicy::new(
                    "comentarios-cpu",
                    scaling::scaling_policy::PolicyType::TargetTrackingScaling,
                )
                .scaling_target_id(SCALING.reference())
                .target_tracking_scaling_policy_configuration(
                    scaling::scaling_policy::TargetTrackingScalingPolicyConfiguration::new(70)
                        .predefined_metric_specification(scaling::scaling_policy::PredefinedMetricSpecification::new(
                            scaling::scaling_policy::PredefinedMetricSpecificationPredefinedMetricType::EcsServiceAverageCpuUtilization,
                        )),
                ),
            )
            .output(
                "AppUrl",
                Output::new(Val::sub(format!("http://${{{}.DNSName}}", ALB.name())).into_value())
                    .description("the app behind its load balancer"),
            )
    }
}

/// `comentarios-build` (CodeBuild, running [`BUILDSPEC`] with `AWS_ACCOUNT_ID` and `IMAGE_NAME`) and
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
        let build_policy = PolicyDocument::new()
            .statement(
                Statement::allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]).resource(
                    Val::sub(
                        "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/codebuild/comentarios-build*",
                    ),
                ),
            )
            // ECR's GetAuthorizationToken has no resource-level permissions: AWS requires "*" here.
            .statement(Statement::allow(["ecr:GetAuthorizationToken"]).resource("*"))
            .statement(
                Statement::allow([
                    "ecr:BatchCheckLayerAvailability",
                    "ecr:InitiateLayerUpload",
                    "ecr:UploadLayerPart",
                    "ecr:CompleteLayerUpload",
                    "ecr:PutImage",
                    "ecr:BatchGetImage",
                ])
                .resource(REPOSITORY.att().arn()),
            )
            .statement(Statement::allow(["s3:GetObject", "s3:PutObject"]).resource(artifacts()));
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
        let environment = codebuild::project::Environment::new(
            "BUILD_GENERAL1_SMALL",
            "aws/codebuild/standard:7.0",
            "LINUX_CONTAINER",
        )
        .privileged_mode(true)
        .environment_variables([
            codebuild::project::EnvironmentVariable::new("AWS_ACCOUNT_ID", Val::account_id())
                .r#type("PLAINTEXT"),
            codebuild::project::EnvironmentVariable::new("IMAGE_NAME", IMAGE_NAME)
                .r#type("PLAINTEXT"),
        ]);
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
                BUILD_ROLE.name(),
                Resource::from(role("codebuild.amazonaws.com", "comentarios-build", build_policy))
                    .broad_permissions("ecr:GetAuthorizationToken has no resource-level permissions"),
            )
            .add(
                &BUILD,
                codebuild::Project::new(
                    codebuild::project::Artifacts::new("CODEPIPELINE"),
                    environment,
                    BUILD_ROLE.att().arn(),
                    codebuild::project::Source::new("CODEPIPELINE").build_spec(BUILDSPEC),
                )
                .name("comentarios-build"),
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

/// The `comentarios-dash` dashboard and the CPU alarm that notifies [`Alerts`].
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
                "comentarios-ecs-service"
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
            .add(
                &Id::named("CpuAlarm"),
                cloudwatch::Alarm::new()
                    .alarm_description("the service's CPU is above 80 % for 10 minutes")
                    .namespace("AWS/ECS")
                    .metric_name("CPUUtilization")
                    .dimensions([
                        cloudwatch::alarm::Dimension::new("ClusterName", CLUSTER.reference()),
                        cloudwatch::alarm::Dimension::new("ServiceName", SERVICE.att().name()),
                    ])
                    .statistic(cloudwatch::alarm::Statistic::Average)
                    .period(300)
                    .evaluation_periods(2)
                    .threshold(80)
                    .comparison_operator(
                        cloudwatch::alarm::ComparisonOperator::GreaterThanThreshold,
                    )
                    .alarm_actions([Alerts::REF.val()]),
            )
            .output(
                "AlertEmailAddress",
                Output::new(reference(<AlertEmail as CfParameter>::NAME))
                    .description("who is alerted"),
            )
    }
}
