//! Prints the delivery pipeline's template: `cargo run --bin template`.
infra_core::main!(pipeline);
