//! Prints this example's SAM template: `cargo run --bin template`.
infra_core::main!(ml_discovery);
