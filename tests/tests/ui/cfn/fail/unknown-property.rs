use infra_core::cfn::ec2;

fn main() {
    let _ = ec2::VPC::new().cidr_blok("10.0.0.0/16");
}
