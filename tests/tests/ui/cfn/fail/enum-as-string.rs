use infra_core::cfn::ec2;

fn main() {
    // An enum property takes the enum, not its spelling.
    let _ = ec2::VPC::new().instance_tenancy("dedicated");
}
