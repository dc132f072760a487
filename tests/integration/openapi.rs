//! The OpenAPI document of the HTTP API (`src/serve/openapi.json`, served at
//! `/api/openapi.json`) against the server: every route of the router
//! (read from its definition in `src/serve/mod.rs`) is in the document and
//! every operation of the document is a route; each operation, called on a
//! running server, answers one of the statuses the document gives it; and
//! the JSON answers have the shapes the document's schemas say.

use std::collections::BTreeSet;
use std::net::SocketAddr;

use scheda::serve::Options;
use serde_json::Value;

use crate::serve::{call, start};
use crate::util::{SEEDS, read_fixture};

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn document() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/serve/openapi.json");
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("openapi.json is not JSON: {e}"))
}

/// The routes `src/serve/mod.rs` mounts: `(METHOD, path)` of every
/// `.route("PATH", get(...).post(...))`. Every `.route(` must read so.
fn routes() -> BTreeSet<(String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/serve/mod.rs");
    let source = std::fs::read_to_string(path).unwrap();
    let mut routes = BTreeSet::new();
    let calls: Vec<&str> = source.split(".route(").skip(1).collect();
    assert!(!calls.is_empty(), "no .route( in src/serve/mod.rs");
    for call in calls {
        let rest = call.trim_start();
        let Some(rest) = rest.strip_prefix('"') else {
            panic!("a route whose path is not a string literal: .route({call:.60}");
        };
        let (route, rest) = rest.split_once('"').unwrap();
        let rest = rest.trim_start().strip_prefix(',').unwrap();
        // The method router: up to the `)` that closes `.route(`; its
        // methods are the calls at its top level (`get(..).post(..)`).
        let mut depth = 0usize;
        let mut word = String::new();
        let mut methods = Vec::new();
        for c in rest.chars() {
            match c {
                '(' if depth == 0 => {
                    methods.push(std::mem::take(&mut word));
                    depth += 1;
                }
                '(' | '{' | '[' => depth += 1,
                ')' | '}' | ']' if depth == 0 => break,
                ')' | '}' | ']' => depth -= 1,
                c if depth == 0 && (c.is_alphanumeric() || c == '_') => word.push(c),
                _ if depth == 0 => word.clear(),
                _ => {}
            }
        }
        assert!(!methods.is_empty(), "no method for the route {route}");
        for method in methods {
            assert!(
                METHODS.contains(&method.as_str()),
                "{route}: `{method}` is not a method"
            );
            routes.insert((method.to_uppercase(), route.to_string()));
        }
    }
    routes
}

/// `(METHOD, path)` of every operation of the document.
fn operations(doc: &Value) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for key in item.as_object().unwrap().keys() {
            if METHODS.contains(&key.as_str()) {
                out.insert((key.to_uppercase(), path.clone()));
            }
        }
    }
    out
}

/// What a `$ref` within the document points to.
fn resolve<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    match v.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let pointer = r
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("{r}: only references within the document"));
            let target = doc
                .pointer(pointer)
                .unwrap_or_else(|| panic!("{r} points to nothing"));
            resolve(doc, target)
        }
        None => v,
    }
}

#[test]
fn the_document_is_openapi_3_1_of_this_version() {
    let doc = document();
    let version = doc["openapi"].as_str().unwrap();
    assert!(version.starts_with("3.1."), "openapi: {version}");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        doc["info"]["license"]["identifier"],
        env!("CARGO_PKG_LICENSE")
    );
    // Every reference resolves.
    fn refs(doc: &Value, v: &Value) {
        match v {
            Value::Object(map) => {
                if map.contains_key("$ref") {
                    resolve(doc, v);
                }
                map.values().for_each(|v| refs(doc, v));
            }
            Value::Array(items) => items.iter().for_each(|v| refs(doc, v)),
            _ => {}
        }
    }
    refs(&doc, &doc);
}

#[test]
fn the_document_lists_every_route_and_only_the_routes() {
    let doc = document();
    let routes = routes();
    let operations = operations(&doc);
    let undocumented: Vec<_> = routes.difference(&operations).collect();
    assert!(
        undocumented.is_empty(),
        "routes not in openapi.json: {undocumented:?}"
    );
    let unrouted: Vec<_> = operations.difference(&routes).collect();
    assert!(
        unrouted.is_empty(),
        "openapi.json lists what is no route: {unrouted:?}"
    );
    assert!(routes.contains(&("GET".to_string(), "/api/openapi.json".to_string())));

    for (method, path) in &operations {
        let op = &doc["paths"][path][method.to_lowercase()];
        let parameters: Vec<&Value> = op["parameters"]
            .as_array()
            .map(|ps| ps.iter().map(|p| resolve(&doc, p)).collect())
            .unwrap_or_default();
        // Each `{name}` of the path is a path parameter, and only those.
        let in_path: BTreeSet<&str> = path
            .split('/')
            .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
            .collect();
        let declared: BTreeSet<&str> = parameters
            .iter()
            .filter(|p| p["in"] == "path")
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(in_path, declared, "{method} {path}: path parameters");
        // The API answers in the language asked.
        if path.starts_with("/api/") {
            assert!(
                parameters
                    .iter()
                    .any(|p| p["in"] == "header" && p["name"] == "Accept-Language"),
                "{method} {path}: Accept-Language"
            );
        }
        assert!(
            op["responses"].as_object().is_some_and(|r| !r.is_empty()),
            "{method} {path}: responses"
        );
    }
}

/// The errors of `value` against `schema` (a subset of JSON Schema:
/// `$ref`, `type`, `required`, `properties`, `additionalProperties: false`,
/// `items`, `const`, `enum`, `oneOf`).
fn check(doc: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let schema = resolve(doc, schema);
    if let Some(one_of) = schema.get("oneOf").and_then(Value::as_array) {
        let fits = one_of
            .iter()
            .filter(|s| {
                let mut e = Vec::new();
                check(doc, s, value, at, &mut e);
                e.is_empty()
            })
            .count();
        if fits != 1 {
            errors.push(format!("{at}: fits {fits} of oneOf: {value}"));
        }
        return;
    }
    if let Some(c) = schema.get("const")
        && c != value
    {
        errors.push(format!("{at}: {value}, not {c}"));
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array)
        && !e.contains(value)
    {
        errors.push(format!("{at}: {value} not in {e:?}"));
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => panic!("{at}: type {t}"),
        };
        let actual = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        let fits = types.contains(&actual) || (actual == "integer" && types.contains(&"number"));
        if !fits {
            errors.push(format!("{at}: a {actual}, not {types:?}"));
            return;
        }
    }
    if let Value::Object(map) = value {
        for key in schema["required"].as_array().into_iter().flatten() {
            if !map.contains_key(key.as_str().unwrap()) {
                errors.push(format!("{at}: no `{}`", key.as_str().unwrap()));
            }
        }
        let properties = schema["properties"].as_object();
        for (key, v) in map {
            match properties.and_then(|p| p.get(key)) {
                Some(s) => check(doc, s, v, &format!("{at}/{key}"), errors),
                None if schema["additionalProperties"] == false => {
                    errors.push(format!("{at}: `{key}` is not in the schema"))
                }
                None => {}
            }
        }
    }
    if let (Value::Array(items), Some(s)) = (value, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            check(doc, s, item, &format!("{at}/{i}"), errors);
        }
    }
}

/// The schema the document gives `status` of `method path` for JSON.
fn answer_schema<'a>(doc: &'a Value, method: &str, path: &str, status: u16) -> &'a Value {
    let responses = &doc["paths"][path][method.to_lowercase()]["responses"];
    let response = resolve(doc, &responses[status.to_string()]);
    &response["content"]["application/json"]["schema"]
}

/// Call `method url` (the document's `path` with its parameters filled in)
/// and check the answer: a status the document lists for the operation
/// and, where JSON, the shape the document gives it.
fn call_checked(
    doc: &Value,
    addr: SocketAddr,
    (method, path): (&str, &str),
    url: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Value {
    let answer = call(addr, method, url, headers, body);
    let listed = &doc["paths"][path][method.to_lowercase()]["responses"];
    assert!(
        listed.get(answer.status.to_string()).is_some(),
        "{method} {url}: {} is not among the statuses of the document: {}",
        answer.status,
        String::from_utf8_lossy(&answer.body)
    );
    let json = answer
        .header("content-type")
        .is_some_and(|t| t.starts_with("application/json"));
    if !json {
        return Value::Null;
    }
    let value = answer.json();
    let schema = answer_schema(doc, method, path, answer.status);
    assert!(
        !schema.is_null(),
        "{method} {url} {}: no JSON schema",
        answer.status
    );
    let mut errors = Vec::new();
    check(doc, schema, &value, "", &mut errors);
    assert!(
        errors.is_empty(),
        "{method} {url} {}: {errors:#?}",
        answer.status
    );
    value
}

#[test]
fn every_operation_answers_as_the_document_says() {
    let doc = document();
    let addr = start(Options::default());
    let served = call(addr, "GET", "/api/openapi.json", &[], b"");
    assert_eq!(served.status, 200);
    assert_eq!(served.header("content-type"), Some("application/json"));
    assert_eq!(
        serde_json::from_slice::<Value>(&served.body).unwrap(),
        doc,
        "the server serves the document"
    );

    // Each operation, called bare (a POST without a body): never the
    // fallback's 404 nor a 405, always a status the document lists.
    for (method, path) in operations(&doc) {
        let url = path.replace("{code}", "SOC26");
        let answer = call(addr, &method, &url, &[("Accept-Language", "en")], b"");
        assert!(
            answer.status != 404 && answer.status != 405,
            "{method} {url} is no route: {}",
            answer.status
        );
        call_checked(&doc, addr, (&method, &path), &url, &[], b"");
    }

    // The answers with a form, and the errors, have the document's shapes.
    let seed = read_fixture(&format!("{}.txt", SEEDS[0]));
    let read = call_checked(
        &doc,
        addr,
        ("POST", "/api/read"),
        "/api/read?name=seed.txt",
        &[],
        &seed,
    );
    let model = serde_json::to_vec(&read["forms"][0]).unwrap();
    call_checked(
        &doc,
        addr,
        ("POST", "/api/check"),
        "/api/check",
        &[],
        &model,
    );
    let json = call(addr, "POST", "/api/render?to=json", &[], &model);
    let mut errors = Vec::new();
    let schema = &doc["components"]["schemas"]["Model"];
    check(
        &doc,
        schema,
        &serde_json::from_slice(&json.body).unwrap(),
        "",
        &mut errors,
    );
    assert!(errors.is_empty(), "{errors:#?}");
    for (method, path, url) in [
        ("GET", "/api/editions/{code}", "/api/editions/SOC99"),
        ("GET", "/api/template/{code}", "/api/template/SOC99"),
        ("POST", "/api/read", "/api/read?name=x.doc"),
        ("POST", "/api/read", "/api/read?edizione=SOC99"),
        ("POST", "/api/render", "/api/render?to=doc"),
    ] {
        for lang in ["it", "en"] {
            let problem = call_checked(
                &doc,
                addr,
                (method, path),
                url,
                &[("Accept-Language", lang)],
                b"x",
            );
            assert!(problem["error"].is_string(), "{url}: {problem}");
        }
    }
    // A page that is not one: the fallback's Problem.
    let missing = call(addr, "GET", "/api/nothing", &[], b"");
    assert_eq!(missing.status, 404);
    let mut errors = Vec::new();
    let problem = &doc["components"]["schemas"]["Problem"];
    check(&doc, problem, &missing.json(), "", &mut errors);
    assert!(errors.is_empty(), "{errors:#?}");
}
