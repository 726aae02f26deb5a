//! The JSON Schema of a plan file, for editors (VS Code's YAML extension:
//! completion, hover help, red underlines). Generated from `model` with
//! schemars, then finished here: the English doc comments give way to the
//! Vietnamese descriptions and examples of [`DESCRIPTIONS`] (docs/schema.md
//! in short), and string fields take any scalar, as the loader does.

use serde_json::{Map, Value, json};

use crate::model::{PlanFile, TEXT_ONLY};

mod descriptions;
mod tables;
mod year;

pub use descriptions::DESCRIPTIONS;
pub use tables::TABLE_DESCRIPTIONS;

/// Every key's help.
fn all_descriptions() -> impl Iterator<Item = &'static descriptions::Description> {
    DESCRIPTIONS
        .iter()
        .chain(TABLE_DESCRIPTIONS)
        .chain(year::YEAR_DESCRIPTIONS)
}

/// The schema as pretty JSON with a final newline, as `ocop schema` prints
/// it and `schema/ocop.schema.json` holds it.
pub fn json() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).expect("a JSON value serialises");
    text.push('\n');
    text
}

/// The finished schema (draft-07, which editors support best).
pub fn schema() -> Value {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut root = generator.into_root_schema_for::<PlanFile>().to_value();
    finish(&mut root);
    root
}

fn finish(root: &mut Value) {
    strip_descriptions(root);
    widen_text(root);
    let obj = root.as_object_mut().expect("the root schema is an object");
    obj.remove("title");
    obj.insert("title".into(), json!("Tệp kế hoạch OCOP (ocop)"));
    obj.insert(
        "description".into(),
        json!("Tệp YAML mô tả kế hoạch, quyết định, công văn, giấy chứng nhận OCOP; xem docs/schema.md"),
    );
    describe(obj, "PlanFile");
    if let Some(Value::Object(defs)) = obj.get_mut("definitions") {
        for (name, def) in defs.iter_mut() {
            if let Value::Object(def) = def {
                describe(def, name);
            }
        }
    }
}

/// Removes the descriptions schemars took from the English doc comments,
/// and its Rust number formats ("uint8"), which editors do not know.
fn strip_descriptions(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for key in ["description", "format"] {
                if m.get(key).is_some_and(Value::is_string) {
                    m.remove(key);
                }
            }
            m.values_mut().for_each(strip_descriptions);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_descriptions),
        _ => {}
    }
}

/// A `String` field takes any scalar as text (`stt: 1`, `group: 3`), so
/// its schema says so; the forms marked [`TEXT_ONLY`] take text only.
fn widen_text(v: &mut Value) {
    match v {
        Value::Object(m) => {
            let text_only = m.remove(TEXT_ONLY).is_some();
            let plain = !m.contains_key("enum") && !m.contains_key("const");
            if !text_only && plain {
                let widened = match m.get("type") {
                    Some(t) if t == "string" => Some(json!(["string", "number", "boolean"])),
                    Some(t) if *t == json!(["string", "null"]) => {
                        Some(json!(["string", "number", "boolean", "null"]))
                    }
                    _ => None,
                };
                if let Some(t) = widened {
                    m.insert("type".into(), t);
                }
            }
            m.values_mut().for_each(widen_text);
        }
        Value::Array(a) => a.iter_mut().for_each(widen_text),
        _ => {}
    }
}

/// Puts the Vietnamese description (and examples) on each property of the
/// object schema `def`, named `name` in the model.
fn describe(def: &mut Map<String, Value>, name: &str) {
    let Some(Value::Object(props)) = def.get_mut("properties") else {
        return;
    };
    for (key, prop) in props.iter_mut() {
        let Some(entry) = all_descriptions().find(|d| d.ty == name && d.key == key) else {
            continue;
        };
        let Value::Object(p) = prop else { continue };
        // In draft-07 a `$ref` hides its siblings: wrap it.
        if let Some(r) = p.remove("$ref") {
            p.insert("allOf".into(), json!([{ "$ref": r }]));
        }
        p.insert("description".into(), json!(entry.text));
        // VS Code shows this one, with `code` set as such.
        p.insert("markdownDescription".into(), json!(entry.text));
        if !entry.examples.is_empty() {
            let examples: Vec<Value> = entry
                .examples
                .iter()
                .map(|e| serde_json::from_str(e).unwrap_or_else(|_| json!(e)))
                .collect();
            p.insert("examples".into(), Value::Array(examples));
        }
    }
}

/// Every property of every object schema: (type name, key, its schema).
pub fn properties(root: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    let mut add = |name: &str, def: &Value| {
        if let Some(Value::Object(props)) = def.get("properties") {
            for (key, prop) in props {
                out.push((name.to_string(), key.clone(), prop.clone()));
            }
        }
    };
    add("PlanFile", root);
    if let Some(Value::Object(defs)) = root.get("definitions") {
        for (name, def) in defs {
            add(name, def);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_description_names_a_property() {
        let props = properties(&schema());
        for d in all_descriptions() {
            assert!(
                props.iter().any(|(t, k, _)| t == d.ty && k == d.key),
                "{}.{} is described but is no property of the model",
                d.ty,
                d.key
            );
        }
    }

    #[test]
    fn timeline_keywords_match() {
        let s = schema();
        let any = &s["definitions"]["Timeline"]["anyOf"][0]["enum"];
        assert_eq!(*any, json!(crate::timeline::KEYWORDS));
    }
}
