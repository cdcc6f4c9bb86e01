use infra_core::cfn::ec2;

fn main() {
    let _ = ec2::VPC::new().instance_tenancy(ec2::vpc::InstanceTenancy::Dedicted);
}
