//! Prints the delivery pipeline's template: `cargo run --bin pipeline-template`.
infra_core::main!(pipeline);
