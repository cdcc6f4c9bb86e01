//! The YAML writer over arbitrary Unicode: whatever strings a template holds, as keys or values, PyYAML (the YAML
//! 1.1 reader of cfn-lint and the SAM CLI) loads the YAML as the same data Python's json module loads from the
//! JSON, and the generator's own reader reads the YAML back into the value it was written from.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use infra_core::output::{Format, from_yaml, render, to_yaml};
use proptest::prelude::*;
use serde_json::Value;
use support::{python, root};

/// Characters that have broken YAML writers and readers (controls, C1, line separators, non-characters, YAML
/// indicators), mixed with any `char` at all.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        2 => any::<char>(),
        2 => prop::sample::select(vec![
            '\u{0}', '\t', '\n', '\r', '\u{1b}', '\u{7f}', '\u{80}', '\u{85}', '\u{9f}', '\u{a0}', '\u{2028}',
            '\u{2029}', '\u{feff}', '\u{fffe}', '\u{ffff}', '\u{10ffff}', '"', '\\', '\'', ':', '#', ' ', '-',
            '?', '!', '&', '*', '|', '>', '%', '@', '`', '{', '}', '[', ']', ',', '~', '.',
        ]),
        1 => proptest::char::range('a', 'z'),
    ]
}

/// Strings of tricky characters, YAML 1.1's look-alikes of other types, and strings around YAML's 1,024-character
/// limit on implicit keys.
fn string() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::collection::vec(tricky_char(), 0..12).prop_map(String::from_iter),
        1 => prop::sample::select(vec![
            "yes", "No", "on", "OFF", "y", "~", "null", "2010-09-09", "0x1F", "1e5", ".inf", "-1", "1_000", "1:20",
        ])
        .prop_map(str::to_owned),
        1 => (1018usize..1030, tricky_char()).prop_map(|(n, c)| std::iter::repeat_n(c, n).collect()),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        4 => string().prop_map(Value::String),
        1 => any::<i64>().prop_map(Value::from),
        1 => (-1e300f64..1e300).prop_map(Value::from),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => Just(Value::Null),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(string(), inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A template-like document: a map of arbitrary keys to arbitrary values.
fn document() -> impl Strategy<Value = Value> {
    prop::collection::btree_map(string(), value(), 1..5)
        .prop_map(|m| Value::Object(m.into_iter().collect()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn the_generator_reads_back_what_it_wrote(v in document()) {
        prop_assert_eq!(from_yaml(&to_yaml(&v)), Ok(v));
    }
}

/// One PyYAML process answers every case (`yaml_json_same.py --serve`), so shrinking works as usual.
#[test]
fn pyyaml_loads_the_yaml_as_the_json() {
    let mut child = Command::new(python())
        .arg(root().join("tests/tools/yaml_json_same.py"))
        .arg("--serve")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the venv's python runs");
    let stdin = child.stdin.take().expect("piped");
    let answers = BufReader::new(child.stdout.take().expect("piped"));
    let pipe = std::cell::RefCell::new((stdin, answers));
    proptest!(ProptestConfig::with_cases(512), |(v in document())| {
        let yaml = to_yaml(&v);
        let json = render(&v, Format::Json);
        let (stdin, answers) = &mut *pipe.borrow_mut();
        writeln!(stdin, "{}", serde_json::to_string(&[&yaml, &json]).unwrap()).unwrap();
        let mut answer = String::new();
        answers.read_line(&mut answer).unwrap();
        prop_assert_eq!(answer.trim_end(), "ok", "the YAML:\n{}", yaml);
    });
    drop(pipe);
    assert!(child.wait().unwrap().success());
}
