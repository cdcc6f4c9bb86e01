//! Delivery pipeline, after the Portuguese walkthrough of a CodeCommit, CodePipeline, CodeBuild, ECR and ECS pipeline for the `comentarios` app: the `comentarios` app, built from CodeCommit by CodeBuild into ECR and
//! deployed by CodePipeline onto an ECS service behind a load balancer, watched by a CloudWatch dashboard and a
//! CPU alarm that emails through SNS.
//!
//! Each part is a type: the network on [`ComentariosVpc`] (`vpc(..)`) and the groups [`VpcInternalSg`] and
//! [`WebSg`] (`security_group(..)`), the repository [`AppRepository`] (`ecr_repository(..)`), the cluster
//! [`EcsCluster`] and the load-balanced, scaled service [`App`] (`ecs_cluster(..)`, `fargate_service(..)`), the
//! alert topic [`Alerts`] and its address [`AlertEmail`], the build [`BuildProject`] (`codebuild_project(..)`),
//! the CPU alarm [`CpuAlarm`] (`alarm(..)`), the pipeline [`Pipeline`] (`pipeline(..)`) with its parameters
//! [`SourceRepository`] and [`SourceBranch`], and the dashboard [`Dashboard`] (`dashboard(..)`). No property is
//! named by a string, and no resource is written by hand. The app itself is the `comentarios-app`
//! binary, whose health check is [`app::health_check`].

pub mod app;

use infra_core::{CfRepository, cf_resources};

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
    artifacts = Pipeline,
    log_retention = 14,
))]
pub struct BuildProject;

/// The CodeCommit repository of the app.
#[cf_resources(parameter(
    default = "comentarios",
    description = "the CodeCommit repository of the app"
))]
pub struct SourceRepository;

/// The branch that starts the pipeline.
#[cf_resources(parameter(default = "dev", description = "the branch that triggers the pipeline"))]
pub struct SourceBranch;

/// `comentarios-pipeline`: Source from CodeCommit, Build with [`BuildProject`], Deploy onto [`App`] from the
/// build's `image-to-ecs.json`; started by an EventBridge rule on every change to the branch. Its role may read
/// that repository, run that build, use its artifact bucket, update that service and pass that service's roles
/// to ECS.
#[cf_resources(pipeline(
    name = "comentarios-pipeline",
    source(codecommit(repository = SourceRepository, branch = SourceBranch)),
    build(BuildProject),
    deploy(ecs(App, file = "image-to-ecs.json")),
))]
pub struct Pipeline;

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

/// `comentarios-dash`: the service's CPU and memory, and its load balancer's requests.
#[cf_resources(dashboard(
    name = "comentarios-dash",
    graph(title = "CPU and memory", metrics(cpu(App), memory(App))),
    graph(title = "Requests", metrics(requests(App)), statistic = "Sum"),
))]
pub struct Dashboard;
