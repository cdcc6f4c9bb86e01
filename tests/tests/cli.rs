//! The `template` command line, driven through the small apps in `tests/src/bin/`.

mod support;

use std::process::Command;

use support::{root, run, scratch, stderr, stdout};

const SAMPLE: &str = env!("CARGO_BIN_EXE_sample");
const BROKEN: &str = env!("CARGO_BIN_EXE_broken");
const NO_FRAGMENTS: &str = env!("CARGO_BIN_EXE_no_fragments");

#[test]
fn prints_yaml_by_default_and_json_on_request() {
    let yaml = run(Command::new(SAMPLE).current_dir(root()));
    assert!(yaml.status.success(), "{}", stderr(&yaml));
    assert!(stdout(&yaml).starts_with("AWSTemplateFormatVersion: \"2010-09-09\"\n"));
    let json = run(Command::new(SAMPLE)
        .current_dir(root())
        .args(["--format", "json"]));
    let parsed: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let from_yaml: serde_json::Value = serde_yaml::from_str(&stdout(&yaml)).unwrap();
    assert_eq!(parsed, from_yaml);
    assert_eq!(
        parsed["Resources"]["ListItemsFunction"]["Properties"]["CodeUri"],
        "tests"
    );
}

#[test]
fn help_describes_every_option() {
    let out = run(Command::new(SAMPLE).arg("--help"));
    assert!(out.status.success());
    let help = stdout(&out);
    for flag in [
        "--format",
        "--output <PATH>",
        "--check <PATH>",
        "--help",
        "--quotas <QUOTAS>",
        "[possible values: yaml, json]",
    ] {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
}

#[test]
fn a_usage_mistake_exits_2_naming_the_valid_choices() {
    let out = run(Command::new(SAMPLE).args(["--format", "xml"]));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: invalid value `xml` for `--format`\n  expected one of `yaml`, `json`\n\n\
         Usage: sample [OPTIONS]\n\nFor more information, try `--help`.\n"
    );
    assert_eq!(stdout(&out), "");
}

#[test]
fn every_problem_is_reported_at_once_with_its_origin() {
    let out = run(Command::new(BROKEN).current_dir(root()));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "",
        "nothing is printed when the template is invalid"
    );
    // The origin of each fragment is the line of its `fragment!` call.
    let line_of = |needle: &str| {
        include_str!("../src/bin/broken.rs")
            .lines()
            .position(|l| l.contains(needle))
            .unwrap()
            + 1
    };
    let (a, b) = (
        line_of("fragment!(queues)"),
        line_of("fragment!(more_queues)"),
    );
    let f = "tests/src/bin/broken.rs";
    assert_eq!(
        stderr(&out),
        format!(
            "{f}:{a}: error: invalid logical id `dead-letters` in Resources: use 1 to 255 ASCII letters and digits only
{f}:{b}: error: duplicate resource logical id `Jobs`: declared at {f}:{a} and at {f}:{b}
{f}:{b}: error: resource `Alarm` has `Fn::GetAtt` to `Topic.TopicArn`, but no resource `Topic` exists
{f}:{b}: error: resource `Alarm` has `Ref` to `Job`, which is not a resource, parameter or pseudo parameter (did you mean `Jobs`?)
{f}:{b}: error: resource `Alarm` uses condition `IsProd`, which is not declared in Conditions
template not generated: 5 errors
"
        )
    );
}

#[test]
fn no_fragment_is_an_error_that_names_the_fix() {
    let out = run(&mut Command::new(NO_FRAGMENTS));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: no resources were registered: did you name your crate in the template binary? \
         (`infra_core::main!(my_crate);` in src/bin/template.rs)\nnote: this binary names: infra_tests\n"
    );
}

#[test]
fn output_writes_atomically_and_keeps_the_old_file_on_error() {
    let dir = scratch("output");
    let path = dir.join("template.yaml");
    let out = run(Command::new(SAMPLE).arg("--output").arg(&path));
    assert!(out.status.success(), "{}", stderr(&out));
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("ListItemsFunction:"));
    // CodeUri is the package directory relative to the template's directory.
    let v: serde_json::Value = serde_yaml::from_str(&written).unwrap();
    let code_uri = v["Resources"]["ListItemsFunction"]["Properties"]["CodeUri"]
        .as_str()
        .unwrap();
    assert_eq!(
        std::fs::canonicalize(dir.join(code_uri)).unwrap(),
        std::fs::canonicalize(root().join("tests")).unwrap()
    );

    std::fs::write(&path, "old content\n").unwrap();
    let out = run(Command::new(BROKEN).arg("--output").arg(&path));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old content\n");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers,
        ["template.yaml"],
        "no temporary file is left behind"
    );

    let out = run(Command::new(SAMPLE)
        .arg("--output")
        .arg(dir.join("missing-dir/template.yaml")));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("missing-dir/template.yaml: No such file or directory"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_passes_on_a_fresh_file_and_names_what_differs_on_a_stale_one() {
    let dir = scratch("check");
    for name in ["template.yaml", "template.json"] {
        let path = dir.join(name);
        assert!(
            run(Command::new(SAMPLE).arg("--output").arg(&path))
                .status
                .success()
        );
        let out = run(Command::new(SAMPLE).arg("--check").arg(&path));
        assert!(out.status.success(), "{name}: {}", stderr(&out));
    }
    assert!(
        std::fs::read_to_string(dir.join("template.json"))
            .unwrap()
            .starts_with("{\n"),
        "format follows the extension"
    );

    let path = dir.join("template.yaml");
    let fresh = std::fs::read_to_string(&path).unwrap();
    let stale = fresh
        .replace("MemorySize: 256", "MemorySize: 512")
        .replace("  ArchiveName:", "  OldName:");
    std::fs::write(&path, &stale).unwrap();
    let out = run(Command::new(SAMPLE).arg("--check").arg(&path));
    assert_eq!(out.status.code(), Some(1));
    let p = path.display();
    let line_of =
        |text: &str, needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    assert_eq!(
        stderr(&out),
        format!(
            "{p} is stale; regenerate it with `cargo run --bin template -- --output {p}`\n  \
             Outputs.ArchiveName missing from the file\n  Outputs.OldName no longer generated (line {})\n  \
             Resources.ListItemsFunction changed (line {})\n",
            line_of(&stale, "  OldName:"),
            line_of(&stale, "MemorySize: 512"),
        )
    );
    let reformatted = fresh.replace("Timeout: 10", "Timeout:   10");
    std::fs::write(&path, &reformatted).unwrap();
    let out = run(Command::new(SAMPLE).arg("--check").arg(&path));
    assert!(
        stderr(&out).ends_with(&format!(
            "  Resources.ListItemsFunction changed (line {})\n",
            line_of(&reformatted, "Timeout:   10")
        )),
        "{}",
        stderr(&out)
    );
    std::fs::write(&path, format!("# edited by hand\n{fresh}")).unwrap();
    let out = run(Command::new(SAMPLE).arg("--check").arg(&path));
    assert!(
        stderr(&out).ends_with(
            "  same entries; the file differs in blank lines, comments or order (line 1)\n"
        ),
        "{}",
        stderr(&out)
    );
    std::fs::remove_file(&path).unwrap();
    let out = run(Command::new(SAMPLE).arg("--check").arg(&path));
    assert!(
        stderr(&out).ends_with("  the file does not exist\n"),
        "{}",
        stderr(&out)
    );
}
