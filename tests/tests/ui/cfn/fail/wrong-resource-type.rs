use infra_core::cfn::{Id, ec2};

const ROUTES: Id<ec2::RouteTable> = Id::named("PrivateRoutes");

fn main() {
    // The schema says SubnetIds holds the `Ref`s of AWS::EC2::Subnet resources.
    let _ = ec2::VPCEndpoint::new("vpc-0123").subnet_ids([&ROUTES]);
}
