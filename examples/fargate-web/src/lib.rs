//! Fargate web/WAS, after "CDK를 이용한 이미지 분류 인프라 생성" (image-classification infrastructure with CDK): a VPC over two AZs, an ECS cluster, a public web tier and an internal WAS tier,
//! each a Fargate service behind its own load balancer, auto scaled on CPU.
//!
//! The seed builds it with CDK constructs; here each is a `#[cf_resources]` shortcut: the network on [`AppVpc`],
//! the four security groups chained by type, the cluster on [`AppEcsCluster`], and the two tiers on [`Web`] and
//! [`Was`]. The container apps are the `web` and `was` binaries (small HTTP servers answering `/health`, see
//! [`http`]).

pub mod http;

use infra_core::cf_resources;

/// The VPC of both tiers (10.0.0.0/16 over two AZs): two public and two private /20 subnets, an internet
/// gateway, a NAT gateway per AZ, and the route tables.
#[cf_resources(vpc(
    cidr = "10.0.0.0/16",
    name = "app-vpc",
    max_azs = 2,
    nat_gateways = 2,
    subnets(public(cidr_mask = 20), private(cidr_mask = 20))
))]
pub struct AppVpc;

/// The web tier's load balancer: HTTP from anywhere.
#[cf_resources(security_group(
    vpc = AppVpc,
    name = "app-web-alb-sg",
    description = "load balancer of the web tier",
    ingress(from = "0.0.0.0/0", port = 80, description = "allow HTTP traffic")
))]
pub struct AppWebAlbSg;

/// The web tasks: 8000 from their load balancer.
#[cf_resources(security_group(
    vpc = AppVpc,
    name = "app-web-sg",
    description = "tasks of the web tier",
    ingress(from = AppWebAlbSg, port = 8000, description = "allow TCP 8000 from the web load balancer")
))]
pub struct AppWebSg;

/// The WAS tier's internal load balancer: HTTP from the web tasks only.
#[cf_resources(security_group(
    vpc = AppVpc,
    name = "app-was-alb-sg",
    description = "load balancer of the was tier",
    ingress(from = AppWebSg, port = 80, description = "allow HTTP traffic from the web tier")
))]
pub struct AppWasAlbSg;

/// The WAS tasks: 8081 from their load balancer.
#[cf_resources(security_group(
    vpc = AppVpc,
    name = "app-was-sg",
    description = "tasks of the was tier",
    ingress(from = AppWasAlbSg, port = 8081, description = "allow TCP 8081 from the was load balancer")
))]
pub struct AppWasSg;

/// The ECS cluster both tiers run in, with Container Insights.
#[cf_resources(ecs_cluster(vpc = AppVpc, name = "AppEcsCluster"))]
pub struct AppEcsCluster;

/// The web tier's container image URI (built from `./web`).
#[cf_resources(parameter(description = "the app-web container image URI (built from ./web)"))]
pub struct WebImage;

/// The WAS tier's container image URI (built from `./was`).
#[cf_resources(parameter(description = "the app-was container image URI (built from ./was)"))]
pub struct WasImage;

/// The public web tier: 2–4 tasks on port 8000 behind an internet-facing load balancer, scaled on CPU. The web
/// app reaches the WAS tier through `WAS_URL`.
#[cf_resources(
    fargate_service(
        cluster = AppEcsCluster,
        name = "app-web",
        image = WebImage,
        port = 8000,
        desired = 2,
        security_group = AppWebSg,
        load_balancer(internet_facing, health_check = "/health", security_group = AppWebAlbSg),
        scaling(min = 2, max = 4, cpu_target = 70, scale_in_cooldown = 300, scale_out_cooldown = 300),
        log_retention = 7,
        env(WAS_URL = Was),
    ),
    output = "WebPageURL"
)]
pub struct Web;

/// The name of the SageMaker endpoint that classifies images (deployed apart from this stack).
#[cf_resources(parameter(
    default = "image-classifier",
    allowed_pattern = "^[a-z0-9](-*[a-z0-9]){0,62}$",
    description = "the SageMaker endpoint the WAS tier classifies images with, in lower case"
))]
pub struct ClassifierName;

/// The image classifier the WAS tier calls.
#[cf_resources(sagemaker_endpoint(name = ClassifierName))]
pub struct Classifier;

/// The internal WAS tier on port 8081 (1 vCPU, 3 GB), whose task role may invoke the classifier alone.
#[cf_resources(
    fargate_service(
        cluster = AppEcsCluster,
        name = "app-was",
        image = WasImage,
        port = 8081,
        cpu = 1024,
        memory = 3072,
        desired = 2,
        security_group = AppWasSg,
        load_balancer(internal, health_check = "/health", security_group = AppWasAlbSg),
        scaling(min = 2, max = 4, cpu_target = 70, scale_in_cooldown = 300, scale_out_cooldown = 300),
        log_retention = 7,
        // The seed allows every endpoint; the one it calls is enough.
        invokes(Classifier),
    ),
    output = "WasAlbUrl"
)]
pub struct Was;
