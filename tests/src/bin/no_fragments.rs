//! A generator whose named crate registers nothing: it must fail and say why.
infra_core::main!(infra_tests);
