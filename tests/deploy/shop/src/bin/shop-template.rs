//! The generator: `cargo run --bin shop-template -- --output template.yaml`.
infra_core::main!(shop; dispatch = "shop");
