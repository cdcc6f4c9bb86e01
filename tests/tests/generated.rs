//! Generated sources are fresh: each generator, run with the pinned Python tools, writes what is committed.

mod support;

use std::process::Command;

use support::{python, root, run, scratch, stderr};

/// `infra-cfn/src/generated.rs` is what `infra-cfn/gen/generate.py` writes from the pinned cfn-lint.
#[test]
fn infra_cfn_is_fresh() {
    let fresh = scratch("generated-infra-cfn").join("generated.rs");
    let out = run(Command::new(python())
        .arg(root().join("infra-cfn/gen/generate.py"))
        .arg(&fresh));
    assert!(
        out.status.success(),
        "generate.py failed:\n{}",
        stderr(&out)
    );
    let committed = std::fs::read_to_string(root().join("infra-cfn/src/generated.rs")).unwrap();
    assert!(
        std::fs::read_to_string(&fresh).unwrap() == committed,
        "infra-cfn/src/generated.rs is stale; regenerate it with\n    {} infra-cfn/gen/generate.py\n\
         (run at the workspace root) and review the diff",
        python().display()
    );
}
