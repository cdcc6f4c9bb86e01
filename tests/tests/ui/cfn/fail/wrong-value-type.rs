use infra_core::cfn::ec2;

fn main() {
    let _ = ec2::VPC::new().enable_dns_hostnames("yes");
}
