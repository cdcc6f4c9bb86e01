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

/// `--output` writes through a symbolic link into its target (a dangling one too), keeps the file's mode and its
/// hard links, and a SIGINT or SIGTERM during the write leaves the old file whole and no temporary file behind.
#[cfg(unix)]
#[test]
fn output_writes_through_links_keeps_the_mode_and_survives_signals() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
    use std::os::unix::process::ExitStatusExt;
    let dir = scratch("output-links");
    let names = |dir: &std::path::Path| {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let write = |path: &std::path::Path| {
        let out = run(Command::new(SAMPLE).arg("--output").arg(path));
        assert!(out.status.success(), "{}", stderr(&out));
    };
    let link = dir.join("template.yaml");
    let real = dir.join("real.yaml");
    symlink("real.yaml", &link).unwrap();
    write(&link); // a dangling link: its target is created
    write(&link); // an existing one: its target is replaced
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("ListItemsFunction:")
    );

    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::hard_link(&real, dir.join("copy.yaml")).unwrap();
    std::fs::write(&real, "").unwrap();
    write(&link);
    let (a, b) = (
        std::fs::metadata(&real).unwrap(),
        std::fs::metadata(dir.join("copy.yaml")).unwrap(),
    );
    assert_eq!(a.permissions().mode() & 0o777, 0o600);
    assert_eq!(
        (a.ino(), a.nlink()),
        (b.ino(), 2),
        "the hard link still shares the file"
    );
    assert!(
        std::fs::read_to_string(dir.join("copy.yaml"))
            .unwrap()
            .contains("ListItemsFunction:")
    );
    assert_eq!(names(&dir), ["copy.yaml", "real.yaml", "template.yaml"]);

    for (signal, number) in [("INT", 2), ("TERM", 15)] {
        let dir = scratch(&format!("output-signal-{signal}"));
        let path = dir.join("template.yaml");
        std::fs::write(&path, "").unwrap();
        let before = std::fs::read_to_string(&path).unwrap();
        // The test hook holds the write open, after the temporary file is written and before it replaces the
        // template, long enough for the signal to arrive.
        let mut child = Command::new(SAMPLE)
            .arg("--output")
            .arg(&path)
            .env("INFRA_TEST_HOLD_WRITE_MS", "5000")
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while names(&dir).len() < 2 {
            assert!(
                std::time::Instant::now() < deadline,
                "no temporary file appeared"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let kill = run(Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string()));
        assert!(kill.status.success());
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(number), "{signal}: {status:?}");
        assert_eq!(
            names(&dir),
            ["template.yaml"],
            "{signal}: no temporary file is left"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), before, "{signal}");
    }
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
            "{p} is stale; regenerate it with `cargo run --bin sample -- --output {p}`\n  \
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

const RESOURCES: &str = env!("CARGO_BIN_EXE_resources");

/// The `resources` app's template, as JSON.
fn current() -> serde_json::Value {
    let out = run(Command::new(RESOURCES).args(["--format", "json"]));
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

/// The `resources` app's template as it would have been before three changes to the code: the table type was
/// `TableFileRecords` (now `TableFiles`), a retained bucket `BucketArchive` was declared (now gone), and the
/// FIFO queue had another name (`QueueName` is create-only).
fn before_the_changes() -> serde_json::Value {
    let mut t = current();
    let r = t["Resources"].as_object_mut().unwrap();
    let table = r.remove("TableFiles").unwrap();
    r.insert("TableFileRecords".into(), table);
    r.insert(
        "BucketArchive".into(),
        serde_json::json!({"Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain"}),
    );
    r["QueueOrders"]["Properties"]["QueueName"] = "orders.fifo".into();
    t
}

#[test]
fn replacing_a_stateful_resource_is_refused_naming_the_way_out() {
    let dir = scratch("guard");
    let path = dir.join("template.yaml");
    let old = infra_core::output::to_yaml(&before_the_changes());
    std::fs::write(&path, &old).unwrap();
    let line_of = |text: &str, needle: &str| text.lines().position(|l| l == needle).unwrap() + 1;
    let src = include_str!("../src/bin/resources.rs");
    let declared = |needle: &str| {
        let at = src.lines().position(|l| l.starts_with(needle)).unwrap();
        // The origin is the attribute's first line, above the item.
        let attribute = src.lines().take(at).collect::<Vec<_>>();
        attribute
            .iter()
            .rposition(|l| l.starts_with("#[cf_resources"))
            .unwrap()
            + 1
    };
    let p = path.display();
    // Messages cut a long value at 80 characters.
    let new_name = format!(
        "`{}...`",
        &current()["Resources"]["QueueOrders"]["Properties"]["QueueName"].to_string()[..80]
    );
    let expected = format!(
        "error: stateful resource `BucketArchive` (AWS::S3::Bucket, {p}:{archive}) is no longer declared: \
         CloudFormation would drop the old one from the stack, leaving it with its data in the account, unmanaged \
         (`DeletionPolicy: Retain`). If it was renamed, keep the old id with `logical_id = \"BucketArchive\"` on the \
         type; or allow it explicitly with `--allow-replace BucketArchive`\n\
         tests/src/bin/resources.rs:{table}: error: `TableFiles` (AWS::DynamoDB::Table) would replace `TableFileRecords` \
         ({p}:{records}): a new logical id makes CloudFormation create a new, empty resource and drop the old one \
         from the stack, leaving it with its data in the account, unmanaged (`DeletionPolicy: Retain`). Keep the old \
         id with `logical_id = \"TableFileRecords\"` on the type, or allow it explicitly with `--allow-replace \
         TableFileRecords`\n\
         tests/src/bin/resources.rs:{orders}: error: changing `QueueName` of `QueueOrders` (AWS::SQS::Queue, \
         {p}:{queue}) from `\"orders.fifo\"` to {new_name} replaces it: the property is create-only, so \
         CloudFormation would create a new, empty resource and delete the old one with its data. Keep the old \
         value, or allow it explicitly with `--allow-replace QueueOrders`\n\
         template not generated: 3 errors\n",
        archive = line_of(&old, "  BucketArchive:"),
        records = line_of(&old, "  TableFileRecords:"),
        queue = line_of(&old, "  QueueOrders:"),
        table = declared("pub struct TableFiles "),
        orders = declared("pub struct QueueOrders;"),
    );

    // `--output` compares with the file it replaces, and leaves it as it was.
    let out = run(Command::new(RESOURCES).arg("--output").arg(&path));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), expected);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), old);
    // `--check` says the same, before it says the file is stale.
    let out = run(Command::new(RESOURCES).arg("--check").arg(&path));
    assert_eq!(
        (out.status.code(), stderr(&out)),
        (Some(1), expected.clone())
    );
    // `--previous` names any earlier template, here in JSON, whatever is being replaced.
    let json = dir.join("deployed.json");
    let deployed =
        infra_core::output::render(&before_the_changes(), infra_core::output::Format::Json);
    std::fs::write(&json, &deployed).unwrap();
    let out = run(Command::new(RESOURCES).arg("--previous").arg(&json));
    assert_eq!(out.status.code(), Some(1));
    let j = json.display();
    let in_json = |needle: &str| line_of(&deployed, needle);
    assert_eq!(
        stderr(&out),
        expected
            .replace(
                &format!("{p}:{}", line_of(&old, "  BucketArchive:")),
                &format!("{j}:{}", in_json("    \"BucketArchive\": {"))
            )
            .replace(
                &format!("{p}:{}", line_of(&old, "  TableFileRecords:")),
                &format!("{j}:{}", in_json("    \"TableFileRecords\": {"))
            )
            .replace(
                &format!("{p}:{}", line_of(&old, "  QueueOrders:")),
                &format!("{j}:{}", in_json("    \"QueueOrders\": {"))
            )
    );
    assert_eq!(stdout(&out), "");

    // Each refusal is lifted by its own `--allow-replace`; one that allows nothing is a warning.
    let allowing = |ids: &[&str]| {
        let mut cmd = Command::new(RESOURCES);
        cmd.arg("--output").arg(&path);
        for id in ids {
            cmd.args(["--allow-replace", id]);
        }
        run(&mut cmd)
    };
    let out = allowing(&["TableFileRecords", "BucketArchive"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).ends_with("--allow-replace QueueOrders`\ntemplate not generated: 1 error\n"),
        "{}",
        stderr(&out)
    );
    let out = allowing(&[
        "TableFileRecords",
        "BucketArchive",
        "QueueOrders",
        "TableCounters",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "warning: `--allow-replace TableCounters` allows nothing: no stateful resource `TableCounters` of {p} \
             is removed, renamed or replaced\n"
        )
    );
    // The file now holds the new template, so the next run compares with it and passes.
    let out = run(Command::new(RESOURCES).arg("--check").arg(&path));
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_template_the_guard_cannot_read_is_named_with_the_way_out() {
    let dir = scratch("guard-unreadable");
    let path = dir.join("template.yaml");
    std::fs::write(&path, "Resources:\n  Table:\n    Type: !Sub x\n").unwrap();
    let out = run(Command::new(RESOURCES).arg("--output").arg(&path));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "error: cannot compare with {}: line 3 is not YAML in the generator's layout, nor JSON. The generator \
             compares a new template with the one it replaces, to refuse deleting or replacing a stateful resource; \
             give that template as JSON with `--previous FILE.json`, or move the file away\n",
            path.display()
        )
    );
    let out = run(Command::new(RESOURCES).args(["--previous", "/nonexistent/t.json"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: /nonexistent/t.json: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn two_functions_on_one_binary_are_refused_with_both_fixes() {
    let out = run(Command::new(env!("CARGO_BIN_EXE_same_binary")).current_dir(root()));
    assert_eq!(out.status.code(), Some(1));
    let src = include_str!("../src/bin/same_binary.rs");
    let line = |needle: &str| src.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let (create, process) = (line("path = \"/orders\""), line("events(sqs("));
    let f = "tests/src/bin/same_binary.rs";
    assert_eq!(
        stderr(&out),
        format!(
            "{f}:{create}: error: functions `CreateOrderFunction` and `ProcessFunction` would deploy the same binary \
             `infra-tests` of package `tests` (declared: `CreateOrderFunction` at {f}:{create}, `ProcessFunction` at \
             {f}:{process}): `sam build` builds it once, so each of them would run whatever its `main` runs. Give \
             each handler its own binary (`bin = \"...\"` on the handler, and a `src/bin/<name>.rs` whose `main` runs \
             it), or serve them all from one binary in the dispatch mode (feature `dispatch`, \
             `infra_core::main!(app; dispatch = \"infra-tests\")` and a `main` that calls `infra_core::run()`)\n\
             template not generated: 1 error\n"
        )
    );
}

/// `--allow-replace` with nothing to compare against says so instead of seeming to allow something.
#[test]
fn allow_replace_without_a_previous_template_is_named_as_doing_nothing() {
    let out = run(Command::new(SAMPLE)
        .current_dir(root())
        .args(["--allow-replace", "Items"]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "warning: `--allow-replace Items` allows nothing: there is no previous template to compare with (give the \
         deployed one with `--previous`, or write over it with `--output`)\n"
    );
}
