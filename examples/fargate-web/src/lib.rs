//! Fargate web/WAS, after "CDK를 이용한 이미지 분류 인프라 생성" (image-classification infrastructure with CDK): a VPC over two AZs, an ECS cluster, a public web tier and an internal WAS tier,
//! each a Fargate service behind its own load balancer, auto scaled on CPU.
//!
//! The seed builds it with CDK constructs; here the network is the `vpc(..)` shortcut on [`AppVpc`], and each other
//! part is a type that owns its resources through [`infra_core::Resources`] — [`Cluster`], [`WebTier`],
//! [`WasTier`] — and the container apps are the `web` and
//! `was` binaries (small HTTP servers answering `/health`, see [`http`]).

pub mod http;

use infra_core::cfn::ecs::task_definition as td;
use infra_core::cfn::policy::{PolicyDocument, Statement};
use infra_core::cfn::{
    Id, Val, applicationautoscaling as scaling, ecs, elasticloadbalancingv2 as elbv2, iam, logs,
};
use infra_core::registry::Context;
use infra_core::{
    CfSecurityGroup, CfVpc, Contribution, Output, Parameter, Resource, Resources, SubnetKind,
    cf_resources,
};

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

const CLUSTER: Id<ecs::Cluster> = Id::named("AppEcsCluster");

/// The ECS cluster both tiers run in, with Container Insights.
#[cf_resources]
pub struct Cluster;

impl Resources for Cluster {
    fn resources(_: &Context) -> Contribution {
        Contribution::new().add(
            &CLUSTER,
            ecs::Cluster::new()
                .cluster_name("AppEcsCluster")
                .cluster_settings([ecs::cluster::ClusterSettings::new()
                    .name("containerInsights")
                    .value("enabled")]),
        )
    }
}

/// One tier: its load balancer's and its service's security groups, task definition, service, CPU auto scaling
/// (2–4 tasks at 70 %, 300 s cooldowns), load balancer, listener on 80 and target group with a `/health` check.
struct Tier {
    /// `Web` or `Was`: the logical-id prefix.
    id: &'static str,
    /// `web` or `was`: the physical-name stem (`app-web-sg`, ...).
    name: &'static str,
    port: u16,
    cpu: &'static str,
    memory: &'static str,
    internet_facing: bool,
    /// The security groups of its load balancer and of its tasks.
    groups: (Val<String>, Val<String>),
    task_role: Option<Id<iam::Role>>,
    env: Vec<(&'static str, Val<String>)>,
}

/// A tier's load balancer (`WebAlb`, `WasAlb`).
fn load_balancer(tier: &str) -> Id<elbv2::LoadBalancer> {
    Id::new(format!("{tier}Alb"))
}

/// `http://` and the DNS name of a tier's load balancer.
fn url(tier: &str) -> Val<String> {
    Val::sub(format!(
        "http://${{{}.DNSName}}",
        load_balancer(tier).name()
    ))
}

impl Tier {
    fn contribute(&self) -> Contribution {
        let Tier { id, name, port, .. } = *self;
        let port = i64::from(port);
        let (alb_sg, sg) = self.groups.clone();
        let (logs, task) = (
            Id::<logs::LogGroup>::new(format!("{id}Logs")),
            Id::<ecs::TaskDefinition>::new(format!("{id}Task")),
        );
        let (alb, target_group, listener) = (
            load_balancer(id),
            Id::<elbv2::TargetGroup>::new(format!("{id}TargetGroup")),
            Id::<elbv2::Listener>::new(format!("{id}Listener")),
        );
        let (service, scaling) = (
            Id::<ecs::Service>::new(format!("{id}Service")),
            Id::<scaling::ScalableTarget>::new(format!("{id}Scaling")),
        );
        let container = td::ContainerDefinition::new(
            Val::parameter(format!("{id}Image")),
            format!("app-{name}"),
        )
        .essential(true)
        .port_mappings([td::PortMapping::new()
            .container_port(port)
            .protocol(td::PortMappingProtocol::Tcp)
            .name(format!("app-{name}-{port}-tcp"))
            .app_protocol(td::PortMappingAppProtocol::Http)])
        .environment(
            self.env
                .iter()
                .map(|(k, v)| td::KeyValuePair::new().name(*k).value(v.clone()))
                .collect::<Vec<_>>(),
        )
        .log_configuration(td::LogConfiguration::new("awslogs").options([
            ("awslogs-group", logs.reference()),
            ("awslogs-region", Val::region()),
            ("awslogs-stream-prefix", format!("App{id}").into()),
        ]));
        let mut task_definition = ecs::TaskDefinition::new()
            .family(format!("app-{name}-td"))
            .cpu(self.cpu)
            .memory(self.memory)
            .network_mode(td::NetworkMode::Awsvpc)
            .requires_compatibilities([td::RequiresCompatibilities::Fargate])
            .execution_role_arn(EXECUTION_ROLE.att().arn())
            .container_definitions([container]);
        if let Some(role) = &self.task_role {
            task_definition = task_definition.task_role_arn(role.att().arn());
        }
        let (scheme, alb_subnets) = if self.internet_facing {
            (
                elbv2::load_balancer::Scheme::InternetFacing,
                AppVpc::VPC.subnets(SubnetKind::Public),
            )
        } else {
            (
                elbv2::load_balancer::Scheme::Internal,
                AppVpc::VPC.subnets(SubnetKind::Private),
            )
        };
        Contribution::new()
            .parameter(format!("{id}Image"), Parameter::string().description(format!("the app-{name} container image URI (built from ./{name})")))
            .add(&logs, logs::LogGroup::new().retention_in_days(7))
            .add(&task, task_definition)
            .add(
                &alb,
                elbv2::LoadBalancer::new()
                    .name(format!("app-{name}-alb"))
                    .scheme(scheme)
                    .r#type(elbv2::load_balancer::Type::Application)
                    .ip_address_type(elbv2::load_balancer::IpAddressType::Ipv4)
                    .subnets(alb_subnets)
                    .security_groups([alb_sg])
                    .load_balancer_attributes([elbv2::load_balancer::LoadBalancerAttribute::new()
                        .key("routing.http.drop_invalid_header_fields.enabled")
                        .value("true")]),
            )
            .add(
                &target_group,
                elbv2::TargetGroup::new()
                    .name(format!("app-{name}-alb-tg"))
                    .port(port)
                    .protocol(elbv2::target_group::Protocol::Http)
                    .protocol_version("HTTP1")
                    .target_type(elbv2::target_group::TargetType::Ip)
                    .vpc_id(AppVpc::VPC.id())
                    .health_check_enabled(true)
                    .health_check_path("/health"),
            )
            .add(
                &listener,
                elbv2::Listener::new(
                    [elbv2::listener::Action::new(elbv2::listener::ActionType::Forward)
                        .target_group_arn(target_group.reference())],
                    alb.reference(),
                )
                .port(80)
                .protocol(elbv2::listener::Protocol::Http),
            )
            .resource(
                service.name(),
                Resource::from(
                    ecs::Service::new()
                        .service_name(format!("app-{name}-service"))
                        .cluster(CLUSTER.reference())
                        .task_definition(task.reference())
                        .launch_type(ecs::service::LaunchType::Fargate)
                        .desired_count(2)
                        .network_configuration(ecs::service::NetworkConfiguration::new().awsvpc_configuration(
                            ecs::service::AwsVpcConfiguration::new()
                                .assign_public_ip(ecs::service::AwsVpcConfigurationAssignPublicIp::Disabled)
                                .security_groups([sg])
                                .subnets(AppVpc::VPC.subnets(SubnetKind::Private)),
                        ))
                        .load_balancers([ecs::service::LoadBalancer::new()
                            .container_name(format!("app-{name}"))
                            .container_port(port)
                            .target_group_arn(target_group.reference())]),
                )
                .depends_on(&listener),
            )
            .add(
                &scaling,
                scaling::ScalableTarget::new(
                    4,
                    2,
                    Val::sub(format!("service/${{{}}}/${{{}.Name}}", CLUSTER.name(), service.name())),
                    scaling::scalable_target::ScalableDimension::EcsServiceDesiredCount,
                    scaling::scalable_target::ServiceNamespace::Ecs,
                ),
            )
            .add(
                &Id::new(format!("{id}CpuScaling")),
                scaling::ScalingPolicy::new(
                    format!("app-{name}-asg-policy"),
                    scaling::scaling_policy::PolicyType::TargetTrackingScaling,
                )
                .scaling_target_id(scaling.reference())
                .target_tracking_scaling_policy_configuration(
                    scaling::scaling_policy::TargetTrackingScalingPolicyConfiguration::new(70)
                        .predefined_metric_specification(scaling::scaling_policy::PredefinedMetricSpecification::new(
                            scaling::scaling_policy::PredefinedMetricSpecificationPredefinedMetricType::EcsServiceAverageCpuUtilization,
                        ))
                        .scale_in_cooldown(300)
                        .scale_out_cooldown(300),
                ),
            )
    }
}

/// The role both tiers' tasks are started with (image pulls and logs).
const EXECUTION_ROLE: Id<iam::Role> = Id::named("TaskExecutionRole");

/// The WAS tier's task role.
const WAS_TASK_ROLE: Id<iam::Role> = Id::named("EcsWasTaskRole");

/// The task execution role both tiers share (image pulls and logs), and the public web tier on port 8000 with
/// its `WebPageURL` output. The web app reaches the WAS tier through `WAS_URL`.
#[cf_resources]
pub struct WebTier;

impl Resources for WebTier {
    fn resources(_: &Context) -> Contribution {
        let tier = Tier {
            id: "Web",
            name: "web",
            port: 8000,
            cpu: "256",
            memory: "512",
            internet_facing: true,
            groups: (AppWebAlbSg::group_id(), AppWebSg::group_id()),
            task_role: None,
            env: vec![("WAS_URL", url("Was"))],
        };
        tier.contribute()
            .add(
                &EXECUTION_ROLE,
                iam::Role::new(PolicyDocument::assume_role("ecs-tasks.amazonaws.com")).managed_policy_arns([Val::sub(
                    "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
                )]),
            )
            .output("WebPageURL", Output::new(url("Web").into_value()).description("Url of webpage"))
    }
}

/// The internal WAS tier on port 8081 (1 vCPU, 3 GB), whose task role may invoke SageMaker endpoints, and its
/// `WasAlbUrl` output.
#[cf_resources]
pub struct WasTier;

impl Resources for WasTier {
    fn resources(_: &Context) -> Contribution {
        let tier = Tier {
            id: "Was",
            name: "was",
            port: 8081,
            cpu: "1024",
            memory: "3072",
            internet_facing: false,
            groups: (AppWasAlbSg::group_id(), AppWasSg::group_id()),
            task_role: Some(WAS_TASK_ROLE),
            env: Vec::new(),
        };
        // The seed allows every resource; endpoints of this account and region are enough.
        let invoke = PolicyDocument::new().statement(
            Statement::allow(["sagemaker:InvokeEndpoint"]).resource(Val::sub(
                "arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:endpoint/*",
            )),
        );
        tier.contribute()
            .add(
                &WAS_TASK_ROLE,
                iam::Role::new(PolicyDocument::assume_role("ecs-tasks.amazonaws.com"))
                    .role_name("ecsWasTaskRole")
                    .policies([iam::role::Policy::new(invoke, "InvokeSageMakerEndpoint")]),
            )
            .output(
                "WasAlbUrl",
                Output::new(url("Was").into_value()).description("Address of WAS ALB URL"),
            )
    }
}
