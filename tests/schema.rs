//! The JSON Schema of `ocop schema` (schema/ocop.schema.json) agrees with
//! the loader: every file the loader reads validates, a misspelt key or a
//! wrong value is underlined, every key has Vietnamese help and its
//! examples validate, and the committed file is up to date.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use yaml_rust2::{Yaml, YamlLoader};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&ocop::schema::schema()).expect("the schema is valid JSON Schema")
}

/// YAML as an editor's YAML extension reads it (YAML 1.2 core types).
fn to_json(y: &Yaml) -> Value {
    match y {
        Yaml::Real(s) => s.parse::<f64>().map_or(json!(s), |f| json!(f)),
        Yaml::Integer(i) => json!(i),
        Yaml::String(s) => json!(s),
        Yaml::Boolean(b) => json!(b),
        Yaml::Array(a) => Value::Array(a.iter().map(to_json).collect()),
        Yaml::Hash(h) => Value::Object(
            h.iter()
                .map(|(k, v)| {
                    let key = match k {
                        Yaml::String(s) => s.clone(),
                        Yaml::Integer(i) => i.to_string(),
                        other => format!("{other:?}"),
                    };
                    (key, to_json(v))
                })
                .collect(),
        ),
        Yaml::Null | Yaml::BadValue | Yaml::Alias(_) => Value::Null,
    }
}

fn yaml(text: &str) -> Option<Value> {
    let docs = YamlLoader::load_from_str(text).ok()?;
    Some(docs.first().map_or(Value::Null, to_json))
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

/// Errors of `value` against the schema, one line each.
fn errors(v: &jsonschema::Validator, value: &Value) -> Vec<String> {
    v.iter_errors(value)
        .map(|e| format!("{}: {}", e.instance_path(), e))
        .collect()
}

#[test]
fn every_file_the_loader_reads_validates_and_every_misspelling_does_not() {
    let v = validator();
    let mut files = Vec::new();
    yaml_files(&root().join("plans"), &mut files);
    yaml_files(&root().join("tests"), &mut files);
    files.sort();
    let (mut accepted, mut refused) = (0, 0);
    for file in &files {
        let loaded = ocop::load::load(file, &Default::default());
        let Ok(loaded) = loaded else { continue };
        // Files under tests/bad/ are refused by `ocop check`, though some
        // only by validation (`timeline: continous`), which the schema
        // may catch as well.
        let bad = file.starts_with(root().join("tests/bad"));
        let read_as_written = !bad
            && loaded.model.is_some()
            && loaded.filled.is_empty()
            && loaded.misspelt.is_empty();
        // Only what the loader read into a model is converted here: the
        // alias bomb of tests/bad/ would expand without end.
        if !read_as_written && (loaded.model.is_none() || loaded.misspelt.is_empty()) {
            continue;
        }
        let Some(value) = yaml(&loaded.source.text) else {
            continue;
        };
        let errs = errors(&v, &value);
        if read_as_written {
            accepted += 1;
            assert!(errs.is_empty(), "{}: {errs:#?}", file.display());
        } else if !loaded.misspelt.is_empty() {
            refused += 1;
            assert!(
                !errs.is_empty(),
                "{}: misspelt key {:?} passes the schema",
                file.display(),
                loaded.misspelt
            );
        }
    }
    // The examples under plans/ at least, and the fixtures of tests/.
    assert!(accepted >= 7, "only {accepted} files read");
    eprintln!("{accepted} files validate, {refused} with misspelt keys refused");
    assert!(refused >= 1, "no fixture with a misspelt key");
}

fn example_plan() -> Value {
    let text = std::fs::read_to_string(root().join("plans/lai-chau-2027.yaml")).unwrap();
    yaml(&text).unwrap()
}

/// The first section, depth first, with a `task`.
fn first_with_task(sections: &mut Value) -> Option<&mut Value> {
    for section in sections.as_array_mut()? {
        if section.get("task").is_some() {
            return Some(section);
        }
        if let Some(found) = first_with_task(&mut section["sections"]) {
            return Some(found);
        }
    }
    None
}

#[test]
fn a_misspelt_key_is_refused() {
    let v = validator();
    let mut plan = example_plan();
    let section = first_with_task(&mut plan["plan"]["sections"]).expect("a section with tasks");
    let task = section.as_object_mut().unwrap().remove("task").unwrap();
    section["taks"] = task;
    let errs = errors(&v, &plan);
    assert!(
        errs.iter().any(|e| e.contains("taks")),
        "no error names `taks`: {errs:#?}"
    );
    let mut top = example_plan();
    top["isuer"] = top["issuer"].clone();
    assert!(!v.is_valid(&top));
}

#[test]
fn a_wrong_enum_value_is_refused() {
    let v = validator();
    let mut plan = example_plan();
    plan["issuer"]["level"] = json!("provice");
    assert!(!v.is_valid(&plan));
    let mut plan = example_plan();
    plan["plan"]["style"] = json!({ "citation_dates": "longer" });
    assert!(!v.is_valid(&plan));
    let mut plan = example_plan();
    plan["plan"]["sections"][0]["numbering"] = json!("roman");
    assert!(!v.is_valid(&plan));
}

#[test]
fn text_fields_take_any_scalar_as_the_loader_does() {
    let v = validator();
    let mut plan = example_plan();
    // `archive: 2027` is read as the text "2027"; a paragraph is not.
    plan["plan"]["archive"] = json!(2027);
    assert!(v.is_valid(&plan), "{:#?}", errors(&v, &plan));
    plan["plan"]["sections"][0]["body"] = json!([2027]);
    assert!(!v.is_valid(&plan));
}

#[test]
fn every_key_has_vietnamese_help_and_its_examples_validate() {
    let schema = ocop::schema::schema();
    let defs = schema["definitions"].clone();
    let mut missing = Vec::new();
    for (ty, key, prop) in ocop::schema::properties(&schema) {
        match prop.get("description").and_then(Value::as_str) {
            Some(text) if !text.trim().is_empty() && !text.is_ascii() => {}
            _ => missing.push(format!("{ty}.{key}")),
        }
        let Some(examples) = prop.get("examples").and_then(Value::as_array) else {
            continue;
        };
        let mut sub = prop.clone();
        sub["definitions"] = defs.clone();
        let v = jsonschema::validator_for(&sub).unwrap();
        for example in examples {
            assert!(
                v.is_valid(example),
                "{ty}.{key}: example {example} does not validate"
            );
        }
    }
    assert!(
        missing.is_empty(),
        "keys without a Vietnamese description (add them to src/schema/descriptions.rs): {missing:#?}"
    );
}

#[test]
fn the_committed_schema_is_up_to_date() {
    let path = root().join("schema/ocop.schema.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == ocop::schema::json(),
        "schema/ocop.schema.json is out of date: run `cargo run -- schema -o schema/ocop.schema.json`"
    );
}

#[test]
fn new_names_the_schema_it_writes_beside_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("ke-hoach.yaml");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ocop"))
        .arg("new")
        .arg(&plan)
        .args(["--tinh", "Lai Châu", "--nam", "2027"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = std::fs::read_to_string(&plan).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=ocop.schema.json\n"));
    let written = std::fs::read_to_string(dir.path().join("ocop.schema.json")).unwrap();
    assert_eq!(written, ocop::schema::json());
    // A schema already there (the user's, or an older one) is left alone.
    std::fs::write(dir.path().join("ocop.schema.json"), "{}").unwrap();
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_ocop"))
        .arg("new")
        .arg(dir.path().join("ke-hoach-2.yaml"))
        .args(["--tinh", "Lai Châu", "--nam", "2027"])
        .output()
        .unwrap();
    assert!(again.status.success());
    let kept = std::fs::read_to_string(dir.path().join("ocop.schema.json")).unwrap();
    assert_eq!(kept, "{}");
}
