use infra_core::cfn::ec2;

fn main() {
    // AWS::EC2::Subnet requires VpcId.
    let _ = ec2::Subnet::new();
}
