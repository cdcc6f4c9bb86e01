//! Fargate web/WAS, after "CDK를 이용한 이미지 분류 인프라 생성" (image-classification infrastructure with CDK): a VPC over two AZs, an ECS cluster, a public web tier and an internal WAS tier,
//! each a Fargate service behind its own load balancer, auto scaled on CPU.
//!
//! The seed builds it with CDK constructs; here each part is a type that owns its resources through
//! [`infra_core::Resources`] — [`Network`], [`WebTier`], [`WasTier`] — and the container apps are the `web` and
//! `was` binaries (small HTTP servers answering `/health`, see [`http`]).

pub mod http;

use infra_core::cfn::{Id, Val, ec2, ecs};
use infra_core::intrinsic::{Pseudo, get_att, reference, sub};
use infra_core::registry::Context;
use infra_core::{Contribution, Output, Parameter, Resource, Resources, Value, cf_resources};
use serde_json::json;

/// Availability zone `i` of the stack's region.
fn az(i: u32) -> Val<String> {
    Val::select(i, Val::get_azs(""))
}

/// The VPC of both tiers.
const VPC: Id<ec2::VPC> = Id::named("AppVpc");
const IGW: Id<ec2::InternetGateway> = Id::named("AppIgw");
const IGW_ATTACHMENT: Id<ec2::VPCGatewayAttachment> = Id::named("AppIgwAttachment");
const PUBLIC_ROUTES: Id<ec2::RouteTable> = Id::named("PublicRoutes");

/// The VPC (10.0.0.0/16, two AZs), its two public and two private /20 subnets, an internet gateway, a NAT
/// gateway per AZ, the route tables, and the ECS cluster, on the typed model ([`infra_core::cfn`]).
#[cf_resources]
pub struct Network;

impl Resources for Network {
    fn resources(_: &Context) -> Contribution {
        let mut c = Contribution::new()
            .add(
                &VPC,
                ec2::VPC::new()
                    .cidr_block("10.0.0.0/16")
                    .enable_dns_hostnames(true)
                    .enable_dns_support(true)
                    .tags([ec2::vpc::Tag::new("Name", "app-vpc")]),
            )
            .add(&IGW, ec2::InternetGateway::new())
            .add(
                &IGW_ATTACHMENT,
                ec2::VPCGatewayAttachment::new(VPC.reference())
                    .internet_gateway_id(IGW.reference()),
            )
            .add(&PUBLIC_ROUTES, ec2::RouteTable::new(VPC.reference()))
            .resource(
                "PublicDefaultRoute",
                Resource::from(
                    ec2::Route::new(PUBLIC_ROUTES.reference())
                        .destination_cidr_block("0.0.0.0/0")
                        .gateway_id(IGW.reference()),
                )
                .depends_on(&IGW_ATTACHMENT),
            )
            .add(
                &Id::named("AppEcsCluster"),
                ecs::Cluster::new()
                    .cluster_name("AppEcsCluster")
                    .cluster_settings([ecs::cluster::ClusterSettings::new()
                        .name("containerInsights")
                        .value("enabled")]),
            );
        for i in 0..2u32 {
            let n = i + 1;
            let public = Id::<ec2::Subnet>::new(format!("PublicSubnet{n}"));
            let private = Id::<ec2::Subnet>::new(format!("PrivateSubnet{n}"));
            let nat_ip = Id::<ec2::EIP>::new(format!("NatIp{n}"));
            let nat = Id::<ec2::NatGateway>::new(format!("Nat{n}"));
            let routes = Id::<ec2::RouteTable>::new(format!("PrivateRoutes{n}"));
            c = c
                .add(
                    &public,
                    ec2::Subnet::new(VPC.reference())
                        .availability_zone(az(i))
                        .cidr_block(format!("10.0.{}.0/20", i * 16))
                        .map_public_ip_on_launch(true)
                        .tags([ec2::subnet::Tag::new("Name", format!("public-{n}"))]),
                )
                .add(
                    &private,
                    ec2::Subnet::new(VPC.reference())
                        .availability_zone(az(i))
                        .cidr_block(format!("10.0.{}.0/20", 32 + i * 16))
                        .tags([ec2::subnet::Tag::new("Name", format!("private-{n}"))]),
                )
                .add(
                    &Id::new(format!("{}Routes", public.name())),
                    ec2::SubnetRouteTableAssociation::new(
                        PUBLIC_ROUTES.reference(),
                        public.reference(),
                    ),
                )
                .resource(
                    nat_ip.name(),
                    Resource::from(ec2::EIP::new().domain(ec2::eip::Domain::Vpc))
                        .depends_on(&IGW_ATTACHMENT),
                )
                .add(
                    &nat,
                    ec2::NatGateway::new()
                        .allocation_id(nat_ip.att().allocation_id())
                        .subnet_id(public.reference()),
                )
                .add(&routes, ec2::RouteTable::new(VPC.reference()))
                .add(
                    &Id::new(format!("PrivateDefaultRoute{n}")),
                    ec2::Route::new(routes.reference())
                        .destination_cidr_block("0.0.0.0/0")
                        .nat_gateway_id(nat.reference()),
                )
                .add(
                    &Id::new(format!("{}Routes", private.name())),
                    ec2::SubnetRouteTableAssociation::new(routes.reference(), private.reference()),
                );
        }
        c
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
    /// Who may reach the load balancer on port 80: a CIDR or a security group's logical id.
    alb_ingress: Result<&'static str, &'static str>,
    task_role: Option<&'static str>,
    env: Vec<(&'static str, Value)>,
}

impl Tier {
    fn contribute(&self) -> Contribution {
        let Tier { id, name, port, .. } = *self;
        let (alb_sg, sg) = (format!("App{id}AlbSg"), format!("App{id}Sg"));
        let subnets = |kind: &str| {
            json!([
                reference(format!("{kind}Subnet1")),
                reference(format!("{kind}Subnet2"))
            ])
        };
        let ingress_from = match self.alb_ingress {
            Ok(cidr) => {
                json!({"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "CidrIp": cidr, "Description": "allow HTTP traffic"})
            }
            Err(group) => {
                json!({"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "SourceSecurityGroupId": get_att(group, "GroupId"), "Description": "allow HTTP traffic from the web tier"})
            }
        };
        let container = json!({
            "Name": format!("app-{name}"),
            "Image": reference(format!("{id}Image")),
            "Essential": true,
            "PortMappings": [{"ContainerPort": port, "Protocol": "tcp", "Name": format!("app-{name}-{port}-tcp"), "AppProtocol": "http"}],
            "Environment": self.env.iter().map(|(k, v)| json!({"Name": k, "Value": v})).collect::<Vec<_>>(),
            "LogConfiguration": {"LogDriver": "awslogs", "Options": {
                "awslogs-group": reference(format!("{id}Logs")),
                "awslogs-region": Pseudo::Region.to_ref(),
                "awslogs-stream-prefix": format!("App{id}"),
            }},
        });
        let mut task = Resource::new("AWS::ECS::TaskDefinition")
            .property("Family", format!("app-{name}-td"))
            .property("Cpu", self.cpu)
            .property("Memory", self.memory)
            .property("NetworkMode", "awsvpc")
            .property("RequiresCompatibilities", json!(["FARGATE"]))
            .property("ExecutionRoleArn", get_att("TaskExecutionRole", "Arn"))
            .property("ContainerDefinitions", json!([container]));
        if let Some(role) = self.task_role {
            task = task.property("TaskRoleArn", get_att(role, "Arn"));
        }
        let scheme = if self.internet_facing {
            "internet-facing"
        } else {
            "internal"
        };
        let alb_subnets = if self.internet_facing {
            subnets("Public")
        } else {
            subnets("Private")
        };
        Contribution::new()
            .parameter(format!("{id}Image"), Parameter::string().description(format!("the app-{name} container image URI (built from ./{name})")))
            .resource(
                &alb_sg,
                Resource::new("AWS::EC2::SecurityGroup")
                    .property("GroupName", format!("app-{name}-alb-sg"))
                    .property("GroupDescription", format!("load balancer of the {name} tier"))
                    .property("VpcId", reference("AppVpc"))
                    .property("SecurityGroupIngress", json!([ingress_from])),
            )
            .resource(
                &sg,
                Resource::new("AWS::EC2::SecurityGroup")
                    .property("GroupName", format!("app-{name}-sg"))
                    .property("GroupDescription", format!("tasks of the {name} tier"))
                    .property("VpcId", reference("AppVpc"))
                    .property(
                        "SecurityGroupIngress",
                        json!([{"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "SourceSecurityGroupId": get_att(&alb_sg, "GroupId"), "Description": format!("allow TCP {port} from the {name} load balancer")}]),
                    ),
            )
            .resource(
                format!("{id}Logs"),
                Resource::new("AWS::Logs::LogGroup").property("RetentionInDays", 7),
            )
            .resource(format!("{id}Task"), task)
            .resource(
                format!("{id}Alb"),
                Resource::new("AWS::ElasticLoadBalancingV2::LoadBalancer")
                    .property("Name", format!("app-{name}-alb"))
                    .property("Scheme", scheme)
                    .property("Type", "application")
                    .property("IpAddressType", "ipv4")
                    .property("Subnets", alb_subnets)
                    .property("SecurityGroups", json!([get_att(&alb_sg, "GroupId")]))
                    .property("LoadBalancerAttributes", json!([{"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"}])),
            )
            .resource(
                format!("{id}TargetGroup"),
                Resource::new("AWS::ElasticLoadBalancingV2::TargetGroup")
                    .property("Name", format!("app-{name}-alb-tg"))
                    .property("Port", port)
                    .property("Protocol", "HTTP")
                    .property("ProtocolVersion", "HTTP1")
                    .property("TargetType", "ip")
                    .property("VpcId", reference("AppVpc"))
                    .property("HealthCheckEnabled", true)
                    .property("HealthCheckPath", "/health"),
            )
            .resource(
                format!("{id}Listener"),
                Resource::new("AWS::ElasticLoadBalancingV2::Listener")
                    .property("LoadBalancerArn", reference(format!("{id}Alb")))
                    .property("Port", 80)
                    .property("Protocol", "HTTP")
                    .property("DefaultActions", json!([{"Type": "forward", "TargetGroupArn": reference(format!("{id}TargetGroup"))}])),
            )
            .resource(
                format!("{id}Service"),
                Resource::new("AWS::ECS::Service")
                    .property("ServiceName", format!("app-{name}-service"))
                    .property("Cluster", reference("AppEcsCluster"))
                    .property("TaskDefinition", reference(format!("{id}Task")))
                    .property("LaunchType", "FARGATE")
                    .property("DesiredCount", 2)
                    .property(
                        "NetworkConfiguration",
                        json!({"AwsvpcConfiguration": {"AssignPublicIp": "DISABLED", "SecurityGroups": [get_att(&sg, "GroupId")], "Subnets": subnets("Private")}}),
                    )
                    .property(
                        "LoadBalancers",
                        json!([{"ContainerName": format!("app-{name}"), "ContainerPort": port, "TargetGroupArn": reference(format!("{id}TargetGroup"))}]),
                    )
                    .depends_on(format!("{id}Listener")),
            )
            .resource(
                format!("{id}Scaling"),
                Resource::new("AWS::ApplicationAutoScaling::ScalableTarget")
                    .property("MinCapacity", 2)
                    .property("MaxCapacity", 4)
                    .property("ResourceId", sub(format!("service/${{AppEcsCluster}}/${{{id}Service.Name}}")))
                    .property("ScalableDimension", "ecs:service:DesiredCount")
                    .property("ServiceNamespace", "ecs"),
            )
            .resource(
                format!("{id}CpuScaling"),
                Resource::new("AWS::ApplicationAutoScaling::ScalingPolicy")
                    .property("PolicyName", format!("app-{name}-asg-policy"))
                    .property("PolicyType", "TargetTrackingScaling")
                    .property("ScalingTargetId", reference(format!("{id}Scaling")))
                    .property(
                        "TargetTrackingScalingPolicyConfiguration",
                        json!({
                            "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
                            "TargetValue": 70,
                            "ScaleInCooldown": 300,
                            "ScaleOutCooldown": 300,
                        }),
                    ),
            )
    }
}

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
            alb_ingress: Ok("0.0.0.0/0"),
            task_role: None,
            env: vec![("WAS_URL", sub("http://${WasAlb.DNSName}"))],
        };
        tier.contribute()
            .resource(
                "TaskExecutionRole",
                Resource::new("AWS::IAM::Role")
                    .property(
                        "AssumeRolePolicyDocument",
                        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}),
                    )
                    .property(
                        "ManagedPolicyArns",
                        json!([sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")]),
                    ),
            )
            .output("WebPageURL", Output::new(sub("http://${WebAlb.DNSName}")).description("Url of webpage"))
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
            alb_ingress: Err("AppWebSg"),
            task_role: Some("EcsWasTaskRole"),
            env: Vec::new(),
        };
        tier.contribute()
            .resource(
                "EcsWasTaskRole",
                Resource::new("AWS::IAM::Role")
                    .property("RoleName", "ecsWasTaskRole")
                    .property(
                        "AssumeRolePolicyDocument",
                        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}),
                    )
                    .property(
                        "Policies",
                        // The seed allows every resource; endpoints of this account and region are enough.
                        json!([{"PolicyName": "InvokeSageMakerEndpoint", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{
                            "Effect": "Allow",
                            "Action": "sagemaker:InvokeEndpoint",
                            "Resource": sub("arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:endpoint/*"),
                        }]}}]),
                    ),
            )
            .output("WasAlbUrl", Output::new(sub("http://${WasAlb.DNSName}")).description("Address of WAS ALB URL"))
    }
}
