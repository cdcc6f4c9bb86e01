//! An ECS cluster and Fargate services behind load balancers, declared with `#[cf_resources(ecs_cluster(..))]`
//! and `#[cf_resources(fargate_service(..))]` and built on the typed model (feature `fargate`): the typed
//! counterpart of CDK's `ecs.Cluster` and `ApplicationLoadBalancedFargateService`.
//!
//! A service type `Web` contributes `WebService` (the ECS service), `WebTask` (its task definition), `WebLogs`
//! (its log group), `WebExecutionRole` (image pulls, logs, secrets: scoped to what the task names), `WebTaskRole`
//! (when it `reads`, `writes`, `invokes` or has `policies`), and with `load_balancer(..)` `WebAlb`, `WebListener` and
//! `WebTargetGroup`, with `scaling(..)` `WebScaling` and `WebCpuScaling`/`WebMemoryScaling`.

use crate::model::function::Policy;
use crate::model::resources::{EnvValue, ResourceRef};
use crate::model::vpc::{SubnetKind, VpcSpec};

/// A type declared with `#[cf_resources(ecs_cluster(..))]`: services name it by type (`cluster = AppCluster`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an ECS cluster",
    label = "declare it with `#[cf_resources(ecs_cluster(vpc = AppVpc))]`"
)]
pub trait CfCluster {
    /// What the attribute declared.
    const CLUSTER: ClusterSpec;
}

/// Everything `#[cf_resources(ecs_cluster(..))]` declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClusterSpec {
    /// The cluster's logical id.
    pub logical_id: &'static str,
    /// `ClusterName`; CloudFormation names the cluster otherwise.
    pub name: Option<&'static str>,
    /// The VPC its services run in.
    pub vpc: VpcSpec,
    /// CloudWatch Container Insights (`containerInsights`: `enabled`).
    pub container_insights: bool,
}

/// Where a container image comes from: the `image = ..` of a `fargate_service(..)`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a container image",
    label = "`image` takes an image URI as a string, an `ecr_repository(..)` type, or a `#[cf_resources(parameter(..))]` type of kind `String`"
)]
pub trait ContainerImage {
    /// The image.
    const IMAGE: Image;
}

/// A container image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Image {
    /// An image URI written out (`123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1`, `nginx:1.27`).
    Uri(&'static str),
    /// A template parameter holding the URI, by logical id.
    Parameter(&'static str),
    /// The `latest` image of an `ecr_repository(..)` of the stack, by logical id (a pipeline then deploys each
    /// build's own tag).
    Repository(&'static str),
}

/// The `load_balancer(..)` of a service: an Application Load Balancer with one HTTP listener forwarding to the
/// service's tasks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadBalancerSpec {
    /// In the public subnets, reachable from the internet; else internal, in the tasks' subnets.
    pub internet_facing: bool,
    /// The listener's port.
    pub listen: u16,
    /// The target group's health-check path (`/` when none).
    pub health_check: Option<&'static str>,
    /// The logical id of the load balancer's security group.
    pub security_group: &'static str,
}

/// The `scaling(..)` of a service: target tracking on average CPU and/or memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScalingSpec {
    /// The fewest tasks.
    pub min: u32,
    /// The most tasks.
    pub max: u32,
    /// Average CPU utilization to hold, in percent.
    pub cpu_target: Option<u8>,
    /// Average memory utilization to hold, in percent.
    pub memory_target: Option<u8>,
    /// Seconds after a scale-in before the next.
    pub scale_in_cooldown: Option<u32>,
    /// Seconds after a scale-out before the next.
    pub scale_out_cooldown: Option<u32>,
}

/// Everything `#[cf_resources(fargate_service(..))]` declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FargateServiceSpec {
    /// The prefix of every logical id (`Web` gives `WebService`, `WebTask`, ...).
    pub logical_id: &'static str,
    /// The service's name, also the task family and the container's name; `<name>-alb` and `<name>-tg` name
    /// the load balancer and target group. CloudFormation names them otherwise (the container: `app`).
    pub name: Option<&'static str>,
    /// The cluster it runs in.
    pub cluster: ClusterSpec,
    /// The container image.
    pub image: Image,
    /// The port the container listens on.
    pub port: u16,
    /// Task CPU units (256 is a quarter vCPU).
    pub cpu: u32,
    /// Task memory in MiB.
    pub memory: u32,
    /// Tasks to run (the starting count when scaled).
    pub desired: u32,
    /// The subnets of the cluster's VPC its tasks run in; `Public` gives them public IPs.
    pub subnets: SubnetKind,
    /// The logical id of the tasks' security group.
    pub security_group: &'static str,
    /// Its load balancer, if any.
    pub load_balancer: Option<LoadBalancerSpec>,
    /// Its auto scaling, if any.
    pub scaling: Option<ScalingSpec>,
    /// Days the log group keeps the container's output.
    pub log_retention: u32,
    /// The container's environment.
    pub env: &'static [(&'static str, EnvValue)],
    /// Secrets Manager secrets the container receives as environment variables.
    pub secrets: &'static [(&'static str, ResourceRef)],
    /// Resources the task reads: each adds the narrowest read statement and its environment variable.
    pub reads: &'static [ResourceRef],
    /// Resources the task writes: each adds the narrowest write statement and its environment variable.
    pub writes: &'static [ResourceRef],
    /// SageMaker endpoints the task invokes: each adds `sagemaker:InvokeEndpoint` on that endpoint and its
    /// environment variable (the endpoint's name).
    pub invokes: &'static [ResourceRef],
    /// Further statements and managed policies of the task role.
    pub policies: &'static [Policy],
}

impl FargateServiceSpec {
    /// Whether it has a task role (`<Id>TaskRole`): it `reads`, `writes`, `invokes` or has `policies`.
    pub const fn has_task_role(&self) -> bool {
        !self.reads.is_empty()
            || !self.writes.is_empty()
            || !self.invokes.is_empty()
            || !self.policies.is_empty()
    }
}

/// A type declared with `#[cf_resources(fargate_service(..))]`: a pipeline's `deploy(ecs(..))` names it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a Fargate service",
    label = "declare it with `#[cf_resources(fargate_service(cluster = AppCluster, image = AppRepository, port = 8080))]`"
)]
pub trait CfService {
    /// What the attribute declared.
    const SERVICE: FargateServiceSpec;
}

/// Whether the VPC has subnets of `kind`: `fargate_service(..)` asserts it at compile time for its tasks and
/// load balancer.
pub const fn has_subnets(vpc: &VpcSpec, kind: SubnetKind) -> bool {
    let mut i = 0;
    while i < vpc.subnets.len() {
        if vpc.subnets[i].kind as u8 == kind as u8 {
            return true;
        }
        i += 1;
    }
    false
}

#[cfg(feature = "fargate")]
mod build {
    use super::*;
    use crate::Resource;
    use crate::registry::Contribution;
    use infra_cfn::ecs::task_definition as td;
    use infra_cfn::policy::{PolicyDocument, Statement};
    use infra_cfn::{
        Id, Val, applicationautoscaling as scaling, ecs, elasticloadbalancingv2 as elbv2, iam, logs,
    };

    /// `ecr:GetAuthorizationToken` has no resource-level permission: the only `*` a service's roles carry.
    const ECR_TOKEN: &str = "ecr:GetAuthorizationToken has no resource-level permission; image pulls are scoped to the repository";

    impl ClusterSpec {
        /// The cluster.
        pub fn contribute(&self) -> Contribution {
            let mut cluster = ecs::Cluster::new();
            if let Some(name) = self.name {
                cluster = cluster.cluster_name(name);
            }
            if self.container_insights {
                cluster = cluster.cluster_settings([ecs::cluster::ClusterSettings::new()
                    .name("containerInsights")
                    .value("enabled")]);
            }
            Contribution::new().add(&Id::new(self.logical_id), cluster)
        }
    }

    impl FargateServiceSpec {
        fn id<T: infra_cfn::CfnResource>(&self, suffix: &str) -> Id<T> {
            Id::new(format!("{}{suffix}", self.logical_id))
        }

        /// The task definition, service, roles and log group, and the load balancer and scaling it declares.
        pub fn contribute(&self) -> Contribution {
            let container_name = self.name.unwrap_or("app");
            let (logs, task, service) = (
                self.id::<logs::LogGroup>("Logs"),
                self.id::<ecs::TaskDefinition>("Task"),
                self.id::<ecs::Service>("Service"),
            );
            let execution_role = self.id::<iam::Role>("ExecutionRole");
            let port = i64::from(self.port);

            // The container: its port, environment (declared and injected), secrets and logs.
            let mut vars: Vec<(String, serde_json::Value)> = Vec::new();
            let uses = crate::model::resources::uses(self.reads, self.writes, self.invokes);
            vars.extend(uses.iter().map(|(r, ..)| (r.env.to_owned(), r.value())));
            vars.extend(self.env.iter().map(|(k, v)| ((*k).to_owned(), v.value())));
            let image = match self.image {
                Image::Uri(uri) => Val::from(uri),
                Image::Parameter(p) => Val::parameter(p),
                Image::Repository(r) => Val::sub(format!("${{{r}.RepositoryUri}}:latest")),
            };
            let mut container = td::ContainerDefinition::new(image, container_name)
                .essential(true)
                .port_mappings([td::PortMapping::new()
                    .container_port(port)
                    .protocol(td::PortMappingProtocol::Tcp)])
                .log_configuration(td::LogConfiguration::new("awslogs").options([
                    ("awslogs-group", logs.reference()),
                    ("awslogs-region", Val::region()),
                    ("awslogs-stream-prefix", Val::from(self.logical_id)),
                ]));
            if !vars.is_empty() {
                container = container.environment(
                    vars.into_iter()
                        .map(|(k, v)| td::KeyValuePair::new().name(k).value(Val::expr(v)))
                        .collect::<Vec<_>>(),
                );
            }
            if !self.secrets.is_empty() {
                container = container.secrets(
                    self.secrets
                        .iter()
                        .map(|(k, s)| td::Secret::new(*k, s.val()))
                        .collect::<Vec<_>>(),
                );
            }

            // The execution role: pull the image, write the log group, read the secrets.
            // An image from a registry other than a private ECR one needs no ECR permission at all.
            let mut pulls = PolicyDocument::new();
            let repository = repository_arn(self.image);
            if let Some(arn) = &repository {
                pulls = pulls
                    .statement(Statement::allow(["ecr:GetAuthorizationToken"]).resource("*"))
                    .statement(
                        Statement::allow([
                            "ecr:BatchCheckLayerAvailability",
                            "ecr:GetDownloadUrlForLayer",
                            "ecr:BatchGetImage",
                        ])
                        .resource(arn.clone()),
                    );
            }
            pulls = pulls.statement(
                Statement::allow(["logs:CreateLogStream", "logs:PutLogEvents"])
                    .resource(logs.att().arn()),
            );
            for (_, s) in self.secrets {
                pulls = pulls.statement(
                    Statement::allow(["secretsmanager:GetSecretValue"]).resource(s.val()),
                );
            }
            let mut role = Resource::from(
                iam::Role::new(PolicyDocument::assume_role("ecs-tasks.amazonaws.com"))
                    .policies([iam::role::Policy::new(pulls, "PullImageWriteLogs")]),
            );
            if repository.is_some() {
                role = role.broad_permissions(ECR_TOKEN);
            }
            let mut c = Contribution::new()
                .add(
                    &logs,
                    logs::LogGroup::new().retention_in_days(i64::from(self.log_retention)),
                )
                .resource(execution_role.name(), role);

            let mut task_definition = ecs::TaskDefinition::new()
                .cpu(self.cpu.to_string())
                .memory(self.memory.to_string())
                .network_mode(td::NetworkMode::Awsvpc)
                .requires_compatibilities([td::RequiresCompatibilities::Fargate])
                .execution_role_arn(execution_role.att().arn())
                .container_definitions([container]);
            if let Some(name) = self.name {
                task_definition = task_definition.family(name);
            }
            // The task role: what the app itself touches.
            let mut grants = PolicyDocument::new();
            let mut managed = Vec::new();
            let mut granted = false;
            for (r, reads, writes) in &uses {
                for s in r.statements(*reads, *writes) {
                    grants = grants.statement(s);
                    granted = true;
                }
            }
            for p in self.policies {
                match *p {
                    Policy::Statement {
                        effect,
                        actions,
                        resources,
                    } => {
                        let mut s = if effect == "Deny" {
                            Statement::deny(actions.iter().copied())
                        } else {
                            Statement::allow(actions.iter().copied())
                        };
                        for r in resources {
                            s = s.resource(Val::expr(crate::model::function::text(r)));
                        }
                        grants = grants.statement(s);
                        granted = true;
                    }
                    Policy::Managed(name) => managed.push(managed_arn(name)),
                    // The macro refuses SAM policy templates here: an ECS role is plain IAM.
                    Policy::Template { .. } => {}
                }
            }
            if self.has_task_role() {
                let role = self.id::<iam::Role>("TaskRole");
                let mut r = iam::Role::new(PolicyDocument::assume_role("ecs-tasks.amazonaws.com"));
                if granted {
                    r = r.policies([iam::role::Policy::new(grants, "Grants")]);
                }
                if !managed.is_empty() {
                    r = r.managed_policy_arns(managed);
                }
                task_definition = task_definition.task_role_arn(role.att().arn());
                c = c.add(&role, r);
            }
            c = c.add(&task, task_definition);

            // The service, in the cluster's subnets of its kind, behind its load balancer.
            let vpc = self.cluster.vpc;
            let public_ip = if self.subnets == SubnetKind::Public {
                ecs::service::AwsVpcConfigurationAssignPublicIp::Enabled
            } else {
                ecs::service::AwsVpcConfigurationAssignPublicIp::Disabled
            };
            let mut svc = ecs::Service::new()
                .cluster(Val::expr(crate::intrinsic::reference(
                    self.cluster.logical_id,
                )))
                .task_definition(task.reference())
                .launch_type(ecs::service::LaunchType::Fargate)
                .desired_count(i64::from(self.desired))
                .deployment_configuration(
                    ecs::service::DeploymentConfiguration::new().deployment_circuit_breaker(
                        ecs::service::DeploymentCircuitBreaker::new(true, true),
                    ),
                )
                .network_configuration(
                    ecs::service::NetworkConfiguration::new().awsvpc_configuration(
                        ecs::service::AwsVpcConfiguration::new()
                            .assign_public_ip(public_ip)
                            .security_groups([group_id(self.security_group)])
                            .subnets(vpc.subnets(self.subnets)),
                    ),
                );
            if let Some(name) = self.name {
                svc = svc.service_name(name);
            }
            let mut depends_on = None;
            if let Some(lb) = self.load_balancer {
                let (alb, target_group, listener) = (
                    self.id::<elbv2::LoadBalancer>("Alb"),
                    self.id::<elbv2::TargetGroup>("TargetGroup"),
                    self.id::<elbv2::Listener>("Listener"),
                );
                let (scheme, kind) = if lb.internet_facing {
                    (
                        elbv2::load_balancer::Scheme::InternetFacing,
                        SubnetKind::Public,
                    )
                } else {
                    (elbv2::load_balancer::Scheme::Internal, self.subnets)
                };
                let mut balancer = elbv2::LoadBalancer::new()
                    .scheme(scheme)
                    .r#type(elbv2::load_balancer::Type::Application)
                    .subnets(vpc.subnets(kind))
                    .security_groups([group_id(lb.security_group)])
                    .load_balancer_attributes([elbv2::load_balancer::LoadBalancerAttribute::new()
                        .key("routing.http.drop_invalid_header_fields.enabled")
                        .value("true")]);
                let mut group = elbv2::TargetGroup::new()
                    .port(port)
                    .protocol(elbv2::target_group::Protocol::Http)
                    .target_type(elbv2::target_group::TargetType::Ip)
                    .vpc_id(vpc.id())
                    .health_check_path(lb.health_check.unwrap_or("/"));
                if let Some(name) = self.name {
                    balancer = balancer.name(format!("{name}-alb"));
                    group = group.name(format!("{name}-tg"));
                }
                svc = svc.health_check_grace_period_seconds(60).load_balancers([
                    ecs::service::LoadBalancer::new()
                        .container_name(container_name)
                        .container_port(port)
                        .target_group_arn(target_group.reference()),
                ]);
                c = c.add(&alb, balancer).add(&target_group, group).add(
                    &listener,
                    elbv2::Listener::new(
                        [
                            elbv2::listener::Action::new(elbv2::listener::ActionType::Forward)
                                .target_group_arn(target_group.reference()),
                        ],
                        alb.reference(),
                    )
                    .port(i64::from(lb.listen))
                    .protocol(elbv2::listener::Protocol::Http),
                );
                // The service registers with the target group only once the listener forwards to it.
                depends_on = Some(listener);
            }
            let mut svc = Resource::from(svc);
            if let Some(listener) = depends_on {
                svc = svc.depends_on(listener.name());
            }
            c = c.resource(service.name(), svc);

            if let Some(s) = self.scaling {
                use scaling::scaling_policy as sp;
                let target = self.id::<scaling::ScalableTarget>("Scaling");
                c = c.add(
                    &target,
                    scaling::ScalableTarget::new(
                        i64::from(s.max),
                        i64::from(s.min),
                        Val::sub(format!(
                            "service/${{{}}}/${{{}.Name}}",
                            self.cluster.logical_id,
                            service.name()
                        )),
                        scaling::scalable_target::ScalableDimension::EcsServiceDesiredCount,
                        scaling::scalable_target::ServiceNamespace::Ecs,
                    ),
                );
                for (word, value, metric) in [
                    (
                        "Cpu",
                        s.cpu_target,
                        sp::PredefinedMetricSpecificationPredefinedMetricType::EcsServiceAverageCpuUtilization,
                    ),
                    (
                        "Memory",
                        s.memory_target,
                        sp::PredefinedMetricSpecificationPredefinedMetricType::EcsServiceAverageMemoryUtilization,
                    ),
                ] {
                    let Some(value) = value else { continue };
                    let policy_id = format!("{}{word}Scaling", self.logical_id);
                    let mut config = sp::TargetTrackingScalingPolicyConfiguration::new(f64::from(value))
                        .predefined_metric_specification(sp::PredefinedMetricSpecification::new(metric));
                    if let Some(secs) = s.scale_in_cooldown {
                        config = config.scale_in_cooldown(i64::from(secs));
                    }
                    if let Some(secs) = s.scale_out_cooldown {
                        config = config.scale_out_cooldown(i64::from(secs));
                    }
                    c = c.add(
                        &Id::new(policy_id.clone()),
                        scaling::ScalingPolicy::new(policy_id, sp::PolicyType::TargetTrackingScaling)
                            .scaling_target_id(target.reference())
                            .target_tracking_scaling_policy_configuration(config),
                    );
                }
            }
            c
        }
    }

    /// A security group's `GroupId`.
    fn group_id(logical_id: &str) -> Val<String> {
        Val::expr(crate::intrinsic::get_att(logical_id, "GroupId"))
    }

    /// An AWS managed policy's ARN from its name (`AWSXRayDaemonWriteAccess`), or the ARN as written.
    fn managed_arn(name: &str) -> Val<String> {
        if name.starts_with("arn:") {
            Val::from(name)
        } else {
            Val::sub(format!("arn:${{AWS::Partition}}:iam::aws:policy/{name}"))
        }
    }

    /// The ECR repository the image is pulled from: the one its URI or `ecr_repository(..)` names, any of this
    /// account and region for a parameter (its value is known only at deploy time), none for another registry.
    fn repository_arn(image: Image) -> Option<Val<String>> {
        let any = "arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/*";
        match image {
            Image::Uri(uri) => match uri.split_once('/') {
                Some((host, rest)) if host.contains(".dkr.ecr.") => {
                    let account = host.split('.').next().unwrap_or_default();
                    let region = host.split('.').nth(3).unwrap_or_default();
                    let repo = rest.split([':', '@']).next().unwrap_or(rest);
                    Some(Val::sub(format!(
                        "arn:${{AWS::Partition}}:ecr:{region}:{account}:repository/{repo}"
                    )))
                }
                // Docker Hub, ECR Public, another registry: pulled without ECR permissions.
                _ => None,
            },
            Image::Parameter(_) => Some(Val::sub(any)),
            Image::Repository(r) => Some(Val::expr(crate::intrinsic::get_att(r, "Arn"))),
        }
    }
}
