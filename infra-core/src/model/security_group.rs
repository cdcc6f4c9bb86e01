//! `AWS::EC2::SecurityGroup`, declared with `#[cf_resources(security_group(..))]` and built on the typed model
//! (feature `ec2`): its VPC and the groups its rules admit are Rust types.

/// A type declared with `#[cf_resources(security_group(..))]`: other groups' rules and other resources name it
/// by type (`AppWebSg::group_id()`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a security group",
    label = "a rule's peer is a CIDR range or a type declared with `#[cf_resources(security_group(..))]`"
)]
pub trait CfSecurityGroup {
    /// Its logical id.
    const LOGICAL_ID: &'static str;
    /// The logical id of its VPC: services check at compile time that their groups are in their cluster's.
    const VPC: &'static str;

    /// Its `GroupId` (`Fn::GetAtt`), for a load balancer's `SecurityGroups` or a service's
    /// `AwsvpcConfiguration`.
    fn group_id() -> infra_cfn::Val<String> {
        infra_cfn::Val::expr(crate::intrinsic::get_att(Self::LOGICAL_ID, "GroupId"))
    }
}

/// Who a rule admits (ingress) or reaches (egress).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Peer {
    /// An IPv4 range, `0.0.0.0/0` for anywhere.
    Cidr(&'static str),
    /// An IPv6 range.
    CidrV6(&'static str),
    /// Another security group, by logical id.
    Group(&'static str),
}

/// One rule: a peer, a protocol (`tcp`, `udp`, `icmp` or `-1` for all) and a port range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Who.
    pub peer: Peer,
    /// `tcp`, `udp`, `icmp`, or `-1` (every protocol, every port).
    pub protocol: &'static str,
    /// The first and last port (for `icmp`: type and code), none for `-1`.
    pub ports: Option<(i32, i32)>,
    /// The rule's description.
    pub description: Option<&'static str>,
}

/// Everything `#[cf_resources(security_group(..))]` declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SecurityGroupSpec {
    /// The group's logical id.
    pub logical_id: &'static str,
    /// The logical id of its VPC (a `vpc(..)` type).
    pub vpc: &'static str,
    /// `GroupDescription` (required by EC2).
    pub description: &'static str,
    /// `GroupName`; CloudFormation names the group otherwise.
    pub name: Option<&'static str>,
    /// What may reach the group's members.
    pub ingress: &'static [Rule],
    /// Where members may go; empty keeps EC2's default (all outbound traffic).
    pub egress: &'static [Rule],
}

#[cfg(feature = "ec2")]
impl SecurityGroupSpec {
    /// The group with its rules, inline.
    pub fn contribute(&self) -> crate::registry::Contribution {
        use ec2::security_group::{Egress, Ingress};
        use infra_cfn::{Id, ec2};

        let group_id = |id: &str| Id::<ec2::SecurityGroup>::new(id).att().group_id();
        // Ingress and egress rules are two generated types with the same setters but the peer group's.
        macro_rules! rules {
            ($rules:expr, $ty:ident, $group:ident) => {
                $rules
                    .iter()
                    .map(|r| {
                        let mut rule = $ty::new(r.protocol);
                        if let Some((from, to)) = r.ports {
                            rule = rule.from_port(from).to_port(to);
                        }
                        rule = match r.peer {
                            Peer::Cidr(c) => rule.cidr_ip(c),
                            Peer::CidrV6(c) => rule.cidr_ipv6(c),
                            Peer::Group(g) => rule.$group(group_id(g)),
                        };
                        match r.description {
                            Some(d) => rule.description(d),
                            None => rule,
                        }
                    })
                    .collect::<Vec<$ty>>()
            };
        }
        let ingress = rules!(self.ingress, Ingress, source_security_group_id);
        let egress = rules!(self.egress, Egress, destination_security_group_id);
        let mut group = ec2::SecurityGroup::new(self.description)
            .vpc_id(infra_cfn::Val::expr(crate::intrinsic::reference(self.vpc)));
        if let Some(name) = self.name {
            group = group.group_name(name);
        }
        if !ingress.is_empty() {
            group = group.security_group_ingress(ingress);
        }
        if !egress.is_empty() {
            group = group.security_group_egress(egress);
        }
        crate::registry::Contribution::new().add(&Id::new(self.logical_id), group)
    }
}

#[cfg(all(test, feature = "ec2"))]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rules_name_their_peers() {
        let spec = SecurityGroupSpec {
            logical_id: "WebSg",
            vpc: "AppVpc",
            description: "the web tasks",
            name: None,
            ingress: &[
                Rule {
                    peer: Peer::Group("WebAlbSg"),
                    protocol: "tcp",
                    ports: Some((8000, 8000)),
                    description: Some("from the load balancer"),
                },
                Rule {
                    peer: Peer::Cidr("10.0.0.0/16"),
                    protocol: "-1",
                    ports: None,
                    description: None,
                },
            ],
            egress: &[],
        };
        let r = serde_json::to_value(&spec.contribute().resources[0].1).unwrap();
        assert_eq!(
            r["Properties"]["SecurityGroupIngress"],
            json!([
                {"IpProtocol": "tcp", "FromPort": 8000, "ToPort": 8000, "Description": "from the load balancer",
                 "SourceSecurityGroupId": {"Fn::GetAtt": ["WebAlbSg", "GroupId"]}},
                {"IpProtocol": "-1", "CidrIp": "10.0.0.0/16"},
            ])
        );
        assert_eq!(r["Properties"]["VpcId"], json!({"Ref": "AppVpc"}));
        assert!(r["Properties"].get("SecurityGroupEgress").is_none());
    }
}
