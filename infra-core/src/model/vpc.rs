//! `AWS::EC2::VPC` with its subnets, gateways and routes, declared with `#[cf_resources(vpc(..))]` and built on
//! the typed model (feature `ec2`).
//!
//! Subnets are allocated the way CDK's `ec2.Vpc` allocates them: group by group in the order written, each group
//! one subnet per AZ, each subnet the next free block of its size, aligned to its size, from the start of the
//! VPC's range. `10.0.0.0/16` with `public(cidr_mask = 20), private(cidr_mask = 20)` over two AZs gives
//! `10.0.0.0/20` and `10.0.16.0/20` (public), `10.0.32.0/20` and `10.0.48.0/20` (private).

use crate::intrinsic::reference;

/// A type declared with `#[cf_resources(vpc(..))]`: its [`VpcSpec`], through which other resources name its VPC
/// and subnets (`AppVpc::VPC.subnets(SubnetKind::Private)`, `AppVpc::VPC.id()`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a VPC",
    label = "declare it with `#[cf_resources(vpc(..))]`"
)]
pub trait CfVpc {
    /// What the attribute declared, defaults filled in.
    const VPC: VpcSpec;
}

/// What a subnet group reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubnetKind {
    /// Routed to the internet gateway; public IPs on launch. NAT gateways live here.
    Public,
    /// Routed to the internet through a NAT gateway: outbound only.
    Private,
    /// No route out of the VPC.
    Isolated,
}

impl SubnetKind {
    /// `Public`, `Private`, `Isolated`: the word in the subnets' logical ids.
    pub const fn word(self) -> &'static str {
        match self {
            SubnetKind::Public => "Public",
            SubnetKind::Private => "Private",
            SubnetKind::Isolated => "Isolated",
        }
    }
}

/// One group of subnets: one per AZ, each `/cidr_mask`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SubnetGroup {
    /// What the group reaches.
    pub kind: SubnetKind,
    /// The prefix length of each subnet.
    pub cidr_mask: u8,
}

/// Everything `#[cf_resources(vpc(..))]` declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VpcSpec {
    /// The VPC's logical id; every other resource's id starts with it.
    pub logical_id: &'static str,
    /// The VPC's IPv4 range, e.g. `10.0.0.0/16`.
    pub cidr: &'static str,
    /// The `Name` tag of the VPC, and the stem of its subnets' and NAT gateways' (default: the logical id).
    pub name: Option<&'static str>,
    /// How many AZs the subnets span (the first ones `Fn::GetAZs` lists).
    pub max_azs: u8,
    /// NAT gateways, in the first public subnets; private subnets route to them in turn.
    pub nat_gateways: u8,
    /// The subnet groups, in allocation order.
    pub subnets: &'static [SubnetGroup],
    /// DNS support and hostnames in the VPC.
    pub dns: bool,
    /// Flow logs of the VPC's traffic into a log group of its own.
    pub flow_logs: Option<FlowLogs>,
    /// Gateway endpoints (`s3`, `dynamodb`), routed from every subnet's route table.
    pub gateway_endpoints: &'static [&'static str],
    /// Interface endpoints (`ecr.api`, `logs`, ...: the service name after `com.amazonaws.<region>.`), in the
    /// private subnets (else the isolated, else the public ones) with private DNS, behind `<Id>EndpointsSg`.
    pub interface_endpoints: &'static [&'static str],
}

/// The logical id of a VPC's endpoint for `service`: `AppVpc` and `ecr.api` give `AppVpcEcrApiEndpoint`.
pub fn endpoint_id(vpc: &str, service: &str) -> String {
    let words: String = service
        .split(['.', '-'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect();
    format!("{vpc}{words}Endpoint")
}

/// The `flow_logs(..)` of a VPC: its traffic recorded in the `<Id>FlowLogs` log group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlowLogs {
    /// Days the log group keeps the records.
    pub retention: u32,
    /// `ALL`, `ACCEPT` or `REJECT`: which traffic is recorded.
    pub traffic: &'static str,
}

/// `10.0.0.0/16` as `(0x0a000000, 16)`; the macro has checked the text.
fn parse_cidr(cidr: &str) -> (u32, u8) {
    let (ip, prefix) = cidr.split_once('/').unwrap_or((cidr, "32"));
    let ip = ip.parse::<std::net::Ipv4Addr>().map_or(0, u32::from);
    (ip, prefix.parse().unwrap_or(32))
}

fn format_cidr(ip: u32, prefix: u8) -> String {
    format!("{}/{prefix}", std::net::Ipv4Addr::from(ip))
}

/// One allocated subnet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subnet {
    /// Its group's kind.
    pub kind: SubnetKind,
    /// Its AZ, 1-based (the `n` in `PublicSubnet1`).
    pub az: u8,
    /// Its range.
    pub cidr: String,
    /// Its logical id: `<Vpc>PublicSubnet1`.
    pub logical_id: String,
}

impl VpcSpec {
    /// Every subnet, in allocation order, with its range. `None` when the groups do not fit in the VPC's range
    /// (the macro refuses that at compile time).
    pub fn allocate(&self) -> Option<Vec<Subnet>> {
        let (base, prefix) = parse_cidr(self.cidr);
        let end = u64::from(base) + (1u64 << (32 - u32::from(prefix)));
        let mut next = u64::from(base);
        let mut out = Vec::new();
        for group in self.subnets {
            let size = 1u64 << (32 - u32::from(group.cidr_mask));
            for az in 1..=self.max_azs {
                next = next.div_ceil(size) * size;
                if next + size > end {
                    return None;
                }
                out.push(Subnet {
                    kind: group.kind,
                    az,
                    cidr: format_cidr(next as u32, group.cidr_mask),
                    logical_id: self.subnet_id(group.kind, az),
                });
                next += size;
            }
        }
        Some(out)
    }

    /// The logical id of the subnet of `kind` in AZ `az` (1-based): `<Vpc>PrivateSubnet2`.
    pub fn subnet_id(&self, kind: SubnetKind, az: u8) -> String {
        format!("{}{}Subnet{az}", self.logical_id, kind.word())
    }

    /// The `Ref`s of the subnets of `kind`, one per AZ, for a load balancer's `Subnets` or a service's
    /// `AwsvpcConfiguration`.
    pub fn subnets(&self, kind: SubnetKind) -> Vec<infra_cfn::Val<String>> {
        if !self.subnets.iter().any(|g| g.kind == kind) {
            return Vec::new();
        }
        (1..=self.max_azs)
            .map(|az| infra_cfn::Val::expr(reference(self.subnet_id(kind, az))))
            .collect()
    }

    /// The VPC's `Ref` (its id).
    pub fn id(&self) -> infra_cfn::Val<String> {
        infra_cfn::Val::expr(reference(self.logical_id))
    }

    /// The VPC as a typed id, for the typed model's setters and `GetAtt`s.
    #[cfg(feature = "ec2")]
    pub fn vpc(&self) -> infra_cfn::Id<infra_cfn::ec2::VPC> {
        infra_cfn::Id::new(self.logical_id)
    }

    /// The VPC, its subnets with their route tables, and, when there are public subnets, the internet gateway
    /// and the NAT gateways.
    #[cfg(feature = "ec2")]
    pub fn contribute(&self) -> crate::registry::Contribution {
        use infra_cfn::{Id, Val, ec2};

        use crate::template::Resource;

        let id = self.logical_id;
        let stem = self.name.unwrap_or(id);
        let vpc = self.vpc();
        let igw = Id::<ec2::InternetGateway>::new(format!("{id}Igw"));
        let attachment = Id::<ec2::VPCGatewayAttachment>::new(format!("{id}IgwAttachment"));
        let has_public = self.subnets.iter().any(|g| g.kind == SubnetKind::Public);
        let mut c = crate::registry::Contribution::new().add(
            &vpc,
            ec2::VPC::new()
                .cidr_block(self.cidr)
                .enable_dns_hostnames(self.dns)
                .enable_dns_support(self.dns)
                .tags([ec2::vpc::Tag::new("Name", stem)]),
        );
        if has_public {
            c = c.add(&igw, ec2::InternetGateway::new()).add(
                &attachment,
                ec2::VPCGatewayAttachment::new(vpc.reference())
                    .internet_gateway_id(igw.reference()),
            );
        }
        let nat = |az: u8| Id::<ec2::NatGateway>::new(format!("{id}Nat{az}"));
        let subnets = self.allocate().unwrap_or_default();
        for subnet in &subnets {
            let n = subnet.az;
            let sid = Id::<ec2::Subnet>::new(subnet.logical_id.as_str());
            let routes = Id::<ec2::RouteTable>::new(format!("{}Routes", subnet.logical_id));
            let name = format!("{stem}-{}-{n}", subnet.kind.word().to_lowercase());
            let sub = ec2::Subnet::new(vpc.reference())
                .availability_zone(Val::select(u32::from(n) - 1, Val::get_azs("")))
                .cidr_block(subnet.cidr.as_str())
                .tags([ec2::subnet::Tag::new("Name", name)]);
            c = c
                .add(
                    &sid,
                    if subnet.kind == SubnetKind::Public {
                        sub.map_public_ip_on_launch(true)
                    } else {
                        sub
                    },
                )
                .add(&routes, ec2::RouteTable::new(vpc.reference()))
                .add(
                    &Id::new(format!("{}RoutesAssociation", subnet.logical_id)),
                    ec2::SubnetRouteTableAssociation::new(routes.reference(), sid.reference()),
                );
            let default_route = format!("{}DefaultRoute", subnet.logical_id);
            let to_anywhere =
                ec2::Route::new(routes.reference()).destination_cidr_block("0.0.0.0/0");
            match subnet.kind {
                SubnetKind::Public => {
                    c = c.resource(
                        default_route,
                        Resource::from(to_anywhere.gateway_id(igw.reference()))
                            .depends_on(&attachment),
                    );
                    if n <= self.nat_gateways {
                        let ip = Id::<ec2::EIP>::new(format!("{id}Nat{n}Ip"));
                        c = c
                            .resource(
                                ip.name(),
                                Resource::from(ec2::EIP::new().domain(ec2::eip::Domain::Vpc))
                                    .depends_on(&attachment),
                            )
                            .add(
                                &nat(n),
                                ec2::NatGateway::new()
                                    .allocation_id(ip.att().allocation_id())
                                    .subnet_id(sid.reference())
                                    .tags([ec2::nat_gateway::Tag::new(
                                        "Name",
                                        format!("{stem}-nat-{n}"),
                                    )]),
                            );
                    }
                }
                SubnetKind::Private if self.nat_gateways > 0 => {
                    let gateway = (n - 1) % self.nat_gateways + 1;
                    c = c.add(
                        &Id::new(default_route),
                        to_anywhere.nat_gateway_id(nat(gateway).reference()),
                    );
                }
                SubnetKind::Private | SubnetKind::Isolated => {}
            }
        }
        if let Some(f) = self.flow_logs {
            c = self.flow_logs(c, &vpc, f);
        }
        self.endpoints(c, &vpc, &subnets)
    }

    /// The gateway endpoints on every route table; the interface endpoints in one kind of subnet, with the
    /// security group that admits HTTPS from inside the VPC to them.
    #[cfg(feature = "ec2")]
    fn endpoints(
        &self,
        mut c: crate::registry::Contribution,
        vpc: &infra_cfn::Id<infra_cfn::ec2::VPC>,
        subnets: &[Subnet],
    ) -> crate::registry::Contribution {
        use infra_cfn::ec2::{self, security_group as sg, vpc_endpoint as ve};
        use infra_cfn::{Id, Val};

        let service = |name: &str| Val::sub(format!("com.amazonaws.${{AWS::Region}}.{name}"));
        let routes: Vec<Val<String>> = subnets
            .iter()
            .map(|s| Val::expr(reference(format!("{}Routes", s.logical_id))))
            .collect();
        for name in self.gateway_endpoints {
            c = c.add(
                &Id::new(endpoint_id(self.logical_id, name)),
                ec2::VPCEndpoint::new(vpc.reference())
                    .service_name(service(name))
                    .vpc_endpoint_type(ve::VpcEndpointType::Gateway)
                    .route_table_ids(routes.clone()),
            );
        }
        if self.interface_endpoints.is_empty() {
            return c;
        }
        let kind = [
            SubnetKind::Private,
            SubnetKind::Isolated,
            SubnetKind::Public,
        ]
        .into_iter()
        .find(|k| self.subnets.iter().any(|g| g.kind == *k))
        .unwrap_or(SubnetKind::Private);
        let group = Id::<ec2::SecurityGroup>::new(format!("{}EndpointsSg", self.logical_id));
        c = c.add(
            &group,
            ec2::SecurityGroup::new(format!(
                "HTTPS from inside {} to its interface endpoints",
                self.logical_id
            ))
            .vpc_id(vpc.reference())
            .security_group_ingress([sg::Ingress::new("tcp")
                .cidr_ip(self.cidr)
                .from_port(443)
                .to_port(443)
                .description("HTTPS from inside the VPC")]),
        );
        for name in self.interface_endpoints {
            c = c.add(
                &Id::new(endpoint_id(self.logical_id, name)),
                ec2::VPCEndpoint::new(vpc.reference())
                    .service_name(service(name))
                    .vpc_endpoint_type(ve::VpcEndpointType::Interface)
                    .private_dns_enabled(true)
                    .subnet_ids(self.subnets(kind))
                    .security_group_ids([Val::expr(crate::intrinsic::get_att(
                        group.name(),
                        "GroupId",
                    ))]),
            );
        }
        c
    }

    /// The flow log, its log group, and the role VPC Flow Logs assumes to write that group alone.
    #[cfg(feature = "ec2")]
    fn flow_logs(
        &self,
        c: crate::registry::Contribution,
        vpc: &infra_cfn::Id<infra_cfn::ec2::VPC>,
        f: FlowLogs,
    ) -> crate::registry::Contribution {
        use infra_cfn::ec2::{self, flow_log as fl};
        use infra_cfn::policy::{PolicyDocument, Statement};
        use infra_cfn::{Id, Val};

        use crate::intrinsic::get_att;
        use crate::template::Resource;

        let id = self.logical_id;
        let (group, role) = (format!("{id}FlowLogs"), format!("{id}FlowLogsRole"));
        let writes = PolicyDocument::new().statement(
            Statement::allow([
                "logs:CreateLogStream",
                "logs:PutLogEvents",
                "logs:DescribeLogStreams",
            ])
            .resource(Val::expr(get_att(&group, "Arn"))),
        );
        let traffic = match f.traffic {
            "ACCEPT" => fl::TrafficType::Accept,
            "REJECT" => fl::TrafficType::Reject,
            _ => fl::TrafficType::All,
        };
        c.resource(
            &group,
            Resource::new("AWS::Logs::LogGroup").property("RetentionInDays", f.retention),
        )
        .resource(
            &role,
            super::service_role("vpc-flow-logs.amazonaws.com", "WriteFlowLogs", writes),
        )
        .add(
            &Id::<ec2::FlowLog>::new(format!("{id}FlowLog")),
            ec2::FlowLog::new(vpc.reference(), fl::ResourceType::Vpc)
                .traffic_type(traffic)
                .log_destination_type(fl::LogDestinationType::CloudWatchLogs)
                .log_group_name(Val::expr(crate::intrinsic::reference(&group)))
                .deliver_logs_permission_arn(Val::expr(get_att(&role, "Arn"))),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: VpcSpec = VpcSpec {
        logical_id: "AppVpc",
        cidr: "10.0.0.0/16",
        name: None,
        max_azs: 2,
        nat_gateways: 2,
        subnets: &[
            SubnetGroup {
                kind: SubnetKind::Public,
                cidr_mask: 20,
            },
            SubnetGroup {
                kind: SubnetKind::Private,
                cidr_mask: 20,
            },
        ],
        dns: true,
        flow_logs: None,
        gateway_endpoints: &[],
        interface_endpoints: &[],
    };

    fn cidrs(spec: &VpcSpec) -> Vec<String> {
        spec.allocate()
            .unwrap()
            .into_iter()
            .map(|s| format!("{} {}", s.logical_id, s.cidr))
            .collect()
    }

    #[test]
    fn endpoint_ids_camel_case_the_service_name() {
        assert_eq!(endpoint_id("AppVpc", "ecr.api"), "AppVpcEcrApiEndpoint");
        assert_eq!(endpoint_id("AppVpc", "s3"), "AppVpcS3Endpoint");
        assert_eq!(
            endpoint_id("Net", "bedrock-runtime"),
            "NetBedrockRuntimeEndpoint"
        );
    }

    #[cfg(feature = "ec2")]
    #[test]
    fn gateway_endpoints_route_every_subnet_and_interface_endpoints_sit_in_private_subnets() {
        let spec = VpcSpec {
            gateway_endpoints: &["s3"],
            interface_endpoints: &["ecr.dkr"],
            ..SEED
        };
        let c = spec.contribute();
        let get = |id: &str| {
            let (_, r) = c.resources.iter().find(|(i, _)| i == id).unwrap();
            serde_json::to_value(r).unwrap()["Properties"].clone()
        };
        let s3 = get("AppVpcS3Endpoint");
        assert_eq!(s3["VpcEndpointType"], "Gateway");
        assert_eq!(s3["RouteTableIds"].as_array().unwrap().len(), 4);
        let dkr = get("AppVpcEcrDkrEndpoint");
        assert_eq!(
            dkr["SubnetIds"],
            serde_json::json!([{"Ref": "AppVpcPrivateSubnet1"}, {"Ref": "AppVpcPrivateSubnet2"}])
        );
        assert_eq!(dkr["PrivateDnsEnabled"], true);
        assert_eq!(
            get("AppVpcEndpointsSg")["SecurityGroupIngress"][0]["CidrIp"],
            "10.0.0.0/16"
        );
    }

    #[test]
    fn groups_are_packed_in_order_as_cdk_packs_them() {
        assert_eq!(
            cidrs(&SEED),
            [
                "AppVpcPublicSubnet1 10.0.0.0/20",
                "AppVpcPublicSubnet2 10.0.16.0/20",
                "AppVpcPrivateSubnet1 10.0.32.0/20",
                "AppVpcPrivateSubnet2 10.0.48.0/20",
            ]
        );
    }

    #[test]
    fn a_larger_block_after_a_smaller_one_starts_on_its_own_boundary() {
        let spec = VpcSpec {
            cidr: "10.1.0.0/22",
            max_azs: 1,
            subnets: &[
                SubnetGroup {
                    kind: SubnetKind::Public,
                    cidr_mask: 26,
                },
                SubnetGroup {
                    kind: SubnetKind::Isolated,
                    cidr_mask: 24,
                },
            ],
            ..SEED
        };
        assert_eq!(
            cidrs(&spec),
            [
                "AppVpcPublicSubnet1 10.1.0.0/26",
                "AppVpcIsolatedSubnet1 10.1.1.0/24"
            ]
        );
    }

    #[test]
    fn groups_beyond_the_range_do_not_fit() {
        let spec = VpcSpec {
            cidr: "10.0.0.0/20",
            ..SEED
        };
        assert_eq!(spec.allocate(), None);
    }

    #[test]
    fn subnet_refs_follow_the_kind() {
        let refs: Vec<Value> = SEED
            .subnets(SubnetKind::Private)
            .into_iter()
            .map(infra_cfn::Val::into_value)
            .collect();
        assert_eq!(
            refs,
            [
                serde_json::json!({"Ref": "AppVpcPrivateSubnet1"}),
                serde_json::json!({"Ref": "AppVpcPrivateSubnet2"})
            ]
        );
        assert!(SEED.subnets(SubnetKind::Isolated).is_empty());
    }

    use crate::Value;
}
