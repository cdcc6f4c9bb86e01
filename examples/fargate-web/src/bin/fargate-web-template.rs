//! Prints the Fargate web/WAS stack's template: `cargo run --bin fargate-web-template`.
infra_core::main!(fargate_web);
