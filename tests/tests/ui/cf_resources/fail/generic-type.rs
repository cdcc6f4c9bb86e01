use infra_core::cf_resources;

#[cf_resources(queue)]
pub struct Jobs<T> {
    pub marker: std::marker::PhantomData<T>,
}

fn main() {}
