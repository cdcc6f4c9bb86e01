//! Generated sources are fresh: each generator, run with the pinned Python tools, writes what is committed.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::{python, root, run, scratch, stderr};

/// Every file below `dir`, relative to `base`, sorted.
fn files(base: &Path, dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(base, &path));
        } else {
            out.push(path.strip_prefix(base).unwrap().to_path_buf());
        }
    }
    out.sort();
    out
}

/// What `infra-cfn/gen/generate.py` writes from the pinned cfn-lint (the facts table, the typed model of every
/// service, the feature lists of both Cargo.toml files, the all-types samples) is what is committed, and no
/// generated service file is left over from an older generation.
#[test]
fn infra_cfn_is_fresh() {
    let fresh = scratch("generated-infra-cfn");
    let out = run(Command::new(python())
        .arg(root().join("infra-cfn/gen/generate.py"))
        .arg(&fresh));
    assert!(
        out.status.success(),
        "generate.py failed:\n{}",
        stderr(&out)
    );
    let written = files(&fresh, &fresh);
    assert!(written.len() > 300, "{} files written", written.len());
    let stale: Vec<PathBuf> = written
        .iter()
        .filter(|rel| {
            std::fs::read(fresh.join(rel)).unwrap()
                != std::fs::read(root().join(rel)).unwrap_or_default()
        })
        .cloned()
        .collect();
    let services = Path::new("infra-cfn/src/services");
    let left_over: Vec<PathBuf> = files(&root(), &root().join(services))
        .into_iter()
        .filter(|rel| !written.contains(rel))
        .collect();
    assert!(
        stale.is_empty() && left_over.is_empty(),
        "generated files are stale: {stale:?}; not generated any more: {left_over:?}\n\
         regenerate with\n    {} infra-cfn/gen/generate.py\n(run at the workspace root) and review the diff",
        python().display()
    );
}
