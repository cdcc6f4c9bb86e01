//! Prints the Filestore's SAM template: `cargo run --bin filestore-template`. Every function runs the one
//! `filestore` binary, with its logical id as `Handler`.
infra_core::main!(filestore; dispatch = "filestore");
