//! The class pattern: a type declares any resources through its `Resources` impl.

use infra_core::registry::Context;
use infra_core::{Contribution, Resource, Resources, cf_resources};
use serde_json::json;

#[cf_resources]
pub struct Network;

impl Resources for Network {
    fn resources(_: &Context) -> Contribution {
        Contribution::new()
            .resource("Vpc", Resource::new("AWS::EC2::VPC").property("CidrBlock", "10.0.0.0/16"))
            .resource("Igw", Resource::new("AWS::EC2::InternetGateway"))
            .output("VpcId", infra_core::Output::new(json!({"Ref": "Vpc"})))
    }
}

fn main() {
    let t = infra_core::registry::collect(&Context::new(".")).template;
    assert_eq!(t.resources["Vpc"].properties["CidrBlock"], "10.0.0.0/16");
    assert!(t.resources.contains_key("Igw"));
    assert!(t.outputs.contains_key("VpcId"));
}
