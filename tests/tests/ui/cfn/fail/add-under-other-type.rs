use infra_core::Contribution;
use infra_core::cfn::{Id, ec2};

const VPC: Id<ec2::VPC> = Id::named("AppVpc");

fn main() {
    let _ = Contribution::new().add(&VPC, ec2::InternetGateway::new());
}
