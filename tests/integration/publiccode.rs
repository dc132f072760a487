//! `publiccode.yml`, the catalogue metadata of the Italian public sector,
//! checked against its standard (version 0.7: every mandatory key, the
//! enumerations and lengths the standard sets) and against Cargo.toml (name,
//! version, licence).
//!
//! The file is read by a reader of the block YAML it is written in
//! ([`yaml`]: mappings, sequences, plain and double-quoted scalars, folded
//! and literal blocks, comments) rather than a YAML crate: a reader that
//! refuses, with the line, anything else (flow collections, anchors, tags,
//! tabs, a comment after a value), so that it cannot misread the file.

use serde_json::{Map, Value};

/// The top-level keys of the standard (0.7), deprecated ones included.
const TOP_LEVEL: [&str; 29] = [
    "publiccodeYmlVersion",
    "name",
    "applicationSuite",
    "url",
    "landingURL",
    "isBasedOn",
    "softwareVersion",
    "releaseDate",
    "logo",
    "monochromeLogo",
    "inputTypes",
    "outputTypes",
    "platforms",
    "categories",
    "usedBy",
    "fundedBy",
    "roadmap",
    "developmentStatus",
    "softwareType",
    "supports",
    "organisation",
    "intendedAudience",
    "description",
    "legal",
    "maintenance",
    "localisation",
    "dependsOn",
    "it",
    "IT",
];

const DEVELOPMENT_STATUS: [&str; 5] = ["concept", "development", "beta", "stable", "obsolete"];

const SOFTWARE_TYPE: [&str; 9] = [
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
];

const MAINTENANCE_TYPE: [&str; 4] = ["internal", "contract", "community", "none"];

/// The standard's vocabulary of categories.
const CATEGORIES: &str = "accounting agile-project-management applicant-tracking \
application-development appointment-scheduling backup billing-and-invoicing blog budgeting \
business-intelligence business-process-management cad call-center-management cloud-management \
collaboration communications compliance-management contact-management content-management crm \
customer-service-and-support data-analytics data-collection data-visualization design \
design-system digital-asset-management digital-citizenship document-management donor-management \
e-commerce e-signature educational-content email-management email-marketing employee-management \
enterprise-project-management enterprise-social-networking erp event-management \
facility-management feedback-and-reviews-management financial-reporting fleet-management \
fundraising gamification geographic-information-systems grant-management graphic-design \
help-desk hr ide identity-management instant-messaging integrated-library-system \
inventory-management it-asset-management it-development it-management it-security \
it-service-management knowledge-management learning-management-system marketing mind-mapping \
mobile-marketing mobile-payment network-management office online-booking online-community \
payment-gateway payroll predictive-analysis procurement productivity-suite project-collaboration \
project-management property-management real-estate-management regulations-and-directives \
remote-support resource-management sales-management seo service-desk social-media-management \
survey talent-management task-management taxes-management test-management time-management \
time-tracking translation video-conferencing video-editing visitor-management voip \
warehouse-management web-collaboration web-conferencing website-builder whistleblowing \
workflow-management other";

/// The standard's vocabulary of scopes (`intendedAudience/scope`).
const SCOPES: &str = "agriculture culture defence education emergency-services employment \
energy environment finance-and-economic-development foreign-affairs government healthcare \
infrastructures justice local-authorities manufacturing research science-and-technology \
security society sport tourism transportation welfare";

fn publiccode() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/publiccode.yml");
    let text = std::fs::read_to_string(path).expect("publiccode.yml at the top of the repository");
    yaml::parse(&text).unwrap_or_else(|e| panic!("publiccode.yml: {e}"))
}

/// The value at a `/`-separated path, which must be there.
fn at<'a>(doc: &'a Value, path: &str) -> &'a Value {
    path.split('/')
        .try_fold(doc, |v, key| v.get(key))
        .unwrap_or_else(|| panic!("publiccode.yml: the mandatory key `{path}` is missing"))
}

/// The string at `path`, which must be a non-empty string.
fn text<'a>(doc: &'a Value, path: &str) -> &'a str {
    match at(doc, path).as_str() {
        Some(s) if !s.trim().is_empty() => s,
        _ => panic!("publiccode.yml: `{path}` must be a non-empty string"),
    }
}

/// The sequence at `path`, which must be a non-empty sequence.
fn list<'a>(doc: &'a Value, path: &str) -> &'a [Value] {
    match at(doc, path).as_array() {
        Some(items) if !items.is_empty() => items,
        _ => panic!("publiccode.yml: `{path}` must be a non-empty list"),
    }
}

fn one_of(doc: &Value, path: &str, allowed: &[&str]) {
    let value = text(doc, path);
    assert!(
        allowed.contains(&value),
        "publiccode.yml: `{path}` is `{value}`, not one of {allowed:?}"
    );
}

#[test]
fn publiccode_yml_has_every_mandatory_key_of_the_standard() {
    let doc = publiccode();
    let top = doc.as_object().expect("a mapping at the top");
    for key in top.keys() {
        assert!(
            TOP_LEVEL.contains(&key.as_str()),
            "publiccode.yml: `{key}` is not a key of the standard"
        );
    }
    assert_eq!(
        at(&doc, "publiccodeYmlVersion"),
        &Value::from("0.7"),
        "the standard's current version, as a string"
    );
    text(&doc, "name");
    let url = text(&doc, "url");
    assert!(url.starts_with("https://"), "url: {url}");
    for platform in list(&doc, "platforms") {
        assert!(platform.is_string(), "platforms: {platform}");
    }
    one_of(&doc, "developmentStatus", &DEVELOPMENT_STATUS);
    one_of(&doc, "softwareType", &SOFTWARE_TYPE);

    // description: at least one language (scheda has Italian, first, and
    // English), each with a short description of at most 150 characters; a
    // long one of 150 to 10000 and features where given (mandatory for at
    // least one language: scheda gives them in both).
    let description = at(&doc, "description").as_object().expect("a mapping");
    let languages: Vec<&str> = description.keys().map(String::as_str).collect();
    assert_eq!(languages, ["it", "en"], "Italian first, then English");
    for lang in &languages {
        let short = text(&doc, &format!("description/{lang}/shortDescription"));
        assert!(
            short.chars().count() <= 150,
            "{lang}: shortDescription has {} characters, the standard allows 150",
            short.chars().count()
        );
        let long = text(&doc, &format!("description/{lang}/longDescription"));
        let n = long.chars().count();
        assert!(
            (150..=10000).contains(&n),
            "{lang}: longDescription has {n} characters, the standard asks 150 to 10000"
        );
        for feature in list(&doc, &format!("description/{lang}/features")) {
            assert!(feature.as_str().is_some_and(|f| !f.is_empty()), "{feature}");
        }
    }

    text(&doc, "legal/license");
    one_of(&doc, "maintenance/type", &MAINTENANCE_TYPE);
    let maintenance = text(&doc, "maintenance/type");
    let contacts = doc["maintenance"].get("contacts");
    let contractors = doc["maintenance"].get("contractors");
    match maintenance {
        "internal" | "community" => {
            for contact in list(&doc, "maintenance/contacts") {
                text(contact, "name");
            }
        }
        "contract" => {
            for contractor in list(&doc, "maintenance/contractors") {
                text(contractor, "name");
                text(contractor, "until");
            }
        }
        _ => assert!(contacts.is_none() || contacts.is_some_and(Value::is_array)),
    }
    if maintenance != "contract" {
        assert!(contractors.is_none(), "contractors only under a contract");
    }

    assert!(
        at(&doc, "localisation/localisationReady").is_boolean(),
        "localisationReady: true or false"
    );
    let available: Vec<&str> = list(&doc, "localisation/availableLanguages")
        .iter()
        .map(|l| l.as_str().expect("a language tag"))
        .collect();
    assert_eq!(
        available, languages,
        "the languages scheda speaks are those it is described in"
    );
}

#[test]
fn publiccode_yml_keeps_to_the_standards_vocabularies() {
    let doc = publiccode();
    let categories: Vec<&str> = CATEGORIES.split_whitespace().collect();
    for category in list(&doc, "categories") {
        let category = category.as_str().expect("a category");
        assert!(
            categories.contains(&category),
            "`{category}` is not a category of the standard"
        );
    }
    let scopes: Vec<&str> = SCOPES.split_whitespace().collect();
    for scope in list(&doc, "intendedAudience/scope") {
        let scope = scope.as_str().expect("a scope");
        assert!(scopes.contains(&scope), "`{scope}` is not a scope");
    }
    for country in list(&doc, "intendedAudience/countries") {
        let country = country.as_str().expect("a country");
        assert!(
            country.len() == 2 && country.chars().all(|c| c.is_ascii_uppercase()),
            "`{country}`: an ISO 3166-1 alpha-2 code, upper case"
        );
    }
    for kind in ["open", "proprietary", "hardware"] {
        if let Some(deps) = doc.get("dependsOn").and_then(|d| d.get(kind)) {
            for dep in deps.as_array().expect("a list of dependencies") {
                text(dep, "name");
            }
        }
    }
}

#[test]
fn publiccode_yml_agrees_with_cargo_toml() {
    let doc = publiccode();
    assert_eq!(text(&doc, "name"), env!("CARGO_PKG_NAME"));
    assert_eq!(text(&doc, "softwareVersion"), env!("CARGO_PKG_VERSION"));
    assert_eq!(text(&doc, "legal/license"), env!("CARGO_PKG_LICENSE"));
    let long = text(&doc, "description/it/longDescription");
    assert!(long.contains("SOC25") && long.contains("SOC26"), "{long}");
}

#[test]
fn the_yaml_reader_reads_blocks_and_refuses_what_it_does_not_know() {
    let doc = yaml::parse(
        "# comment\na: \"0.7\"\nb: 0.7\nc:\n  - x\n  - k: v\n    l: true\nd: >\n  one\n  two\n\n  three\ne: >-\n  f\nf: |\n  g\n  h\n",
    )
    .unwrap();
    assert_eq!(doc["a"], Value::from("0.7"));
    assert!(doc["b"].is_number(), "an unquoted version is a number");
    assert_eq!(doc["c"][0], Value::from("x"));
    assert_eq!(doc["c"][1]["l"], Value::from(true));
    assert_eq!(doc["d"], Value::from("one two\nthree\n"));
    assert_eq!(doc["e"], Value::from("f"));
    assert_eq!(doc["f"], Value::from("g\nh\n"));
    for bad in [
        "a: {b: c}\n",
        "a: [b]\n",
        "a: &x b\n",
        "a: b # c\n",
        "a:\n\tb: c\n",
        "a: b\na: c\n",
        "a: b\n  c: d\n",
        "a: 'b'\n",
    ] {
        assert!(yaml::parse(bad).is_err(), "{bad:?} should be refused");
    }
}

/// A reader of block YAML as publiccode.yml is written (see the module).
mod yaml {
    use super::{Map, Value};

    /// One line: its number (1-based), indentation and text.
    struct Line<'a> {
        number: usize,
        indent: usize,
        text: &'a str,
    }

    /// The document, or the first thing this reader does not read, with
    /// its line.
    pub fn parse(source: &str) -> Result<Value, String> {
        let mut lines = Vec::new();
        for (i, raw) in source.lines().enumerate() {
            if raw.contains('\t') {
                return Err(format!("line {}: a tab", i + 1));
            }
            let text = raw.trim_start_matches(' ');
            lines.push(Line {
                number: i + 1,
                indent: raw.len() - text.len(),
                text: text.trim_end(),
            });
        }
        let mut reader = Reader { lines, at: 0 };
        reader.skip_blank();
        let value = reader.block(0)?;
        reader.skip_blank();
        match reader.lines.get(reader.at) {
            Some(line) => Err(format!("line {}: unexpected indentation", line.number)),
            None => Ok(value),
        }
    }

    struct Reader<'a> {
        lines: Vec<Line<'a>>,
        at: usize,
    }

    impl<'a> Reader<'a> {
        fn skip_blank(&mut self) {
            while self
                .lines
                .get(self.at)
                .is_some_and(|l| l.text.is_empty() || l.text.starts_with('#'))
            {
                self.at += 1;
            }
        }

        /// The mapping or sequence whose lines start at `indent`.
        fn block(&mut self, indent: usize) -> Result<Value, String> {
            match self.lines.get(self.at) {
                Some(l) if l.text == "-" || l.text.starts_with("- ") => self.sequence(indent),
                Some(_) => self.mapping(indent),
                None => Ok(Value::Null),
            }
        }

        fn sequence(&mut self, indent: usize) -> Result<Value, String> {
            let mut items = Vec::new();
            while let Some(line) = self.lines.get(self.at) {
                if line.indent != indent || !(line.text == "-" || line.text.starts_with("- ")) {
                    break;
                }
                let number = line.number;
                let rest = line.text.get(1..).unwrap_or("").trim_start();
                let item_indent = indent + line.text.len() - rest.len();
                if rest.is_empty() {
                    self.at += 1;
                    self.skip_blank();
                    items.push(self.nested(indent, number)?);
                } else if key_of(rest).is_some() {
                    // A mapping item: its first key on the dash's line.
                    self.lines[self.at] = Line {
                        number,
                        indent: item_indent,
                        text: rest,
                    };
                    items.push(self.mapping(item_indent)?);
                } else {
                    items.push(scalar(rest, number)?);
                    self.at += 1;
                }
                self.skip_blank();
            }
            Ok(Value::Array(items))
        }

        fn mapping(&mut self, indent: usize) -> Result<Value, String> {
            let mut map = Map::new();
            while let Some(line) = self.lines.get(self.at) {
                if line.indent < indent {
                    break;
                }
                let number = line.number;
                if line.indent > indent {
                    return Err(format!("line {number}: unexpected indentation"));
                }
                let Some((key, value)) = key_of(line.text) else {
                    return Err(format!("line {number}: not `key: value`"));
                };
                if map.contains_key(key) {
                    return Err(format!("line {number}: `{key}` twice"));
                }
                self.at += 1;
                let value = match value {
                    "" => {
                        self.skip_blank();
                        self.nested(indent, number)?
                    }
                    ">" | ">-" | "|" | "|-" => self.block_scalar(indent, value, number)?,
                    _ => scalar(value, number)?,
                };
                map.insert(key.to_string(), value);
                self.skip_blank();
            }
            Ok(Value::Object(map))
        }

        /// The value under a key or dash of `indent` with nothing after it:
        /// a block indented further, or nothing.
        fn nested(&mut self, indent: usize, number: usize) -> Result<Value, String> {
            match self.lines.get(self.at) {
                Some(l) if l.indent > indent => {
                    let inner = l.indent;
                    self.block(inner)
                }
                Some(l) if l.indent == indent && l.text.starts_with('-') => {
                    Err(format!("line {number}: indent the list under its key"))
                }
                _ => Ok(Value::Null),
            }
        }

        /// A folded (`>`) or literal (`|`) block, clipped or stripped (`-`).
        fn block_scalar(
            &mut self,
            indent: usize,
            style: &str,
            number: usize,
        ) -> Result<Value, String> {
            let mut rows: Vec<&str> = Vec::new();
            let mut inner = None;
            while let Some(line) = self.lines.get(self.at) {
                if line.text.is_empty() {
                    rows.push("");
                } else if line.indent > indent {
                    let first = *inner.get_or_insert(line.indent);
                    if line.indent != first {
                        return Err(format!(
                            "line {}: a more indented line in a block",
                            line.number
                        ));
                    }
                    rows.push(line.text);
                } else {
                    break;
                }
                self.at += 1;
            }
            while rows.last() == Some(&"") {
                rows.pop();
            }
            if rows.is_empty() {
                return Err(format!("line {number}: an empty block"));
            }
            let mut text = String::new();
            if style.starts_with('|') {
                text = rows.join("\n");
            } else {
                for (i, row) in rows.iter().enumerate() {
                    let previous = i.checked_sub(1).and_then(|p| rows.get(p));
                    match (previous, row.is_empty()) {
                        (_, true) => text.push('\n'),
                        (Some(p), false) if !p.is_empty() => {
                            text.push(' ');
                            text.push_str(row);
                        }
                        _ => text.push_str(row),
                    }
                }
            }
            if !style.ends_with('-') {
                text.push('\n');
            }
            Ok(Value::String(text))
        }
    }

    /// `key: value` (the value may be empty), with a plain key.
    fn key_of(text: &str) -> Option<(&str, &str)> {
        let (key, value) = match text.split_once(": ") {
            Some((k, v)) => (k, v.trim()),
            None => (text.strip_suffix(':')?, ""),
        };
        let plain = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-/".contains(c));
        plain.then_some((key, value))
    }

    /// A plain or double-quoted scalar: `true`/`false` are booleans, numbers
    /// numbers, the rest strings.
    fn scalar(text: &str, number: usize) -> Result<Value, String> {
        if let Some(inner) = text.strip_prefix('"') {
            let Some(inner) = inner.strip_suffix('"') else {
                return Err(format!("line {number}: an unclosed quote"));
            };
            if inner.contains(['"', '\\']) {
                return Err(format!("line {number}: an escape in a quoted string"));
            }
            return Ok(Value::String(inner.to_string()));
        }
        let refused = text.starts_with(['{', '[', '&', '*', '!', '\'', '|', '>', '%', '@', '`'])
            || text.contains(" #")
            || text.contains(": ");
        if refused {
            return Err(format!("line {number}: `{text}` is beyond this reader"));
        }
        Ok(match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => match text.parse::<serde_json::Number>() {
                Ok(n) => Value::Number(n),
                Err(_) => Value::String(text.to_string()),
            },
        })
    }
}
