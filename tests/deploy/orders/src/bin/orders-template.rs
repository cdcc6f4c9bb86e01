//! The generator: `cargo run --bin orders-template -- --output template.yaml`.
infra_core::main!(orders);
