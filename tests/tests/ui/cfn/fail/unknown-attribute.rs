use infra_core::cfn::{Id, ec2};

const VPC: Id<ec2::VPC> = Id::named("AppVpc");

fn main() {
    let _ = VPC.att().cidr_blok();
}
