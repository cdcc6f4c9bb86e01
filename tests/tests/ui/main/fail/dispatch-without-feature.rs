// The tests build this without infra-core's `dispatch` feature: there is no binary to serve every function.
mod app {}

infra_core::main!(app; dispatch = "app");
