//! Prints the Filestore's SAM template: `cargo run --bin template`.
infra_core::main!(filestore);
