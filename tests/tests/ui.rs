//! Compile-fail and compile-pass tests of the attribute macros. The `.stderr` files are the reviewed error
//! output of the toolchain in rust-toolchain.toml; regenerate with `TRYBUILD=overwrite` and review the diff.

#[test]
fn cf_function() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/cf_function/fail/*.rs");
    t.pass("tests/ui/cf_function/pass/*.rs");
}

#[test]
fn cf_resources() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/cf_resources/fail/*.rs");
    t.pass("tests/ui/cf_resources/pass/*.rs");
}

#[test]
fn main_macro() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/main/fail/*.rs");
}

/// The typed CloudFormation model: unknown properties and attributes, wrong value types, missing required
/// properties, invalid enum values and references to a resource of the wrong type fail to compile.
#[test]
fn cfn_model() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/cfn/fail/*.rs");
}
