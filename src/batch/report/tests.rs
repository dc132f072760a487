//! Tests of [`super`] (report.rs).

use super::*;

/// The built-in editions.
fn editions() -> Vec<Edizione> {
    crate::templates::Templates::builtin().editions().to_vec()
}

#[test]
fn csv_for_an_italian_spreadsheet_and_back() {
    let mut row = Row::new("in/a;b.json".into(), Some(3), Status::Ok);
    row.comune = Some("SANT'\"ANNA\"; X".into());
    row.riepilogo = vec![
        (
            "R04".into(),
            Headline::Amount(Some("33.629149".parse().unwrap())),
        ),
        (
            "R09".into(),
            Headline::Amount(Some("1234.5".parse().unwrap())),
        ),
        ("quadro3_dovuto".into(), Headline::YesNo(Some(true))),
        ("caso".into(), Headline::Choice(Some("C".into()))),
    ];
    row.warnings = vec!["=1+2".into()];
    row.outputs = vec!["A.pdf".into(), "A.xlsx".into()];
    let bytes = csv(&[row], &editions());
    let text = String::from_utf8(bytes).unwrap();
    let mut lines = text.split("\r\n");
    assert_eq!(
        lines.next().unwrap(),
        "\u{FEFF}\"input\";\"row\";\"status\";\"Comune\";\"edition\";\"R04\";\"R05\";\
             \"Quadro 2 case\";\"Quadro 3 due\";\"R09\";\"R15\";\"Quadro 3 coherent\";\
             \"consistent\";\"warnings\";\"corrections\";\"outputs\";\"error\";\"code\""
    );
    assert_eq!(
        lines.next().unwrap(),
        "\"in/a;b.json\";3;\"ok\";\"SANT'\"\"ANNA\"\"; X\";;33,629149;;\"C\";\"SI\";1234,50;;;;\
             \"'=1+2\";;\"A.pdf | A.xlsx\";;\"ok\""
    );
    let records = parse_csv(text.trim_start_matches('\u{FEFF}'));
    assert_eq!(records.len(), 2);
    assert_eq!(records[1][3], "SANT'\"ANNA\"; X");
    assert_eq!(records[1][15], "A.pdf | A.xlsx");
}

fn sample_rows(n: usize) -> Vec<Row> {
    (0..n)
        .map(|i| {
            let mut row = Row::new(format!("in/{i}.json"), None, Status::Ok);
            row.comune = Some(format!("COMUNE {i}"));
            row.riepilogo = vec![("R04".into(), Headline::Amount(Some("2.5".parse().unwrap())))];
            row.warnings = vec!["una riga\ne un'altra".into()];
            row.outputs = vec![format!("COMUNE {i}.pdf")];
            row
        })
        .collect()
}

#[test]
fn json_rows_one_by_one_make_the_pretty_array() {
    for n in [0, 1, 3] {
        let rows = sample_rows(n);
        let items = headlines(&editions());
        let whole: Vec<Value> = rows.iter().map(|r| json_row(r, &items)).collect();
        let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
        assert_eq!(
            String::from_utf8(json(&rows, &editions())).unwrap(),
            expected,
            "{n} rows"
        );
    }
}

#[test]
fn a_sink_writes_what_save_writes_and_leaves_nothing_when_dropped() {
    let dir = std::env::temp_dir().join(format!("scheda-sink-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rows = sample_rows(3);
    for name in ["r.csv", "r.json"] {
        let path = dir.join(name);
        let mut sink = Sink::create(&path, &editions(), Lang::En).unwrap();
        for row in &rows {
            sink.push(row).unwrap();
        }
        assert!(!path.exists(), "{name} appears only when finished");
        sink.finish().unwrap();
        let expected = if is_json(&path) {
            json(&rows, &editions())
        } else {
            csv(&rows, &editions())
        };
        assert_eq!(std::fs::read(&path).unwrap(), expected, "{name}");
    }
    let dropped = dir.join("dropped.csv");
    let mut sink = Sink::create(&dropped, &editions(), Lang::En).unwrap();
    sink.push(&rows[0]).unwrap();
    drop(sink);
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 2, "only the finished reports: {left:?}");
    assert!(Sink::create(&dir.join("missing/r.csv"), &editions(), Lang::En).is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An Italian report: Italian headers and outcomes, the `code` column,
/// values in the same notation; its outputs are known to a later batch.
#[test]
fn an_italian_report_and_its_outputs() {
    let mut row = Row::new("in/a.json".into(), None, Status::Skipped);
    row.error = Some("non è una scheda (.doc)".into());
    row.error_code = Some(kind::SKIP_NOT_A_FORM.key);
    let mut done = Row::new("in/b.json".into(), None, Status::Ok);
    done.riepilogo = vec![(
        "R04".into(),
        Headline::Amount(Some("33.63".parse().unwrap())),
    )];
    done.consistent = Some(true);
    done.outputs = vec!["B.pdf".into()];
    let text = String::from_utf8(csv_in(&[row, done], &editions(), Lang::It)).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(lines[0].starts_with("\u{FEFF}\"file\";\"riga\";\"esito\";\"Comune\""));
    assert!(lines[0].ends_with("\"file scritti\";\"errore\";\"code\""));
    assert_eq!(
        lines[1],
        "\"in/a.json\";;\"saltato\";;;;;;;;;;;;;;\"non è una scheda (.doc)\";\"skip_not_a_form\""
    );
    assert_eq!(
        lines[2],
        "\"in/b.json\";;\"fatto\";;;33,63;;;;;;;\"SI\";;;\"B.pdf\";;\"ok\""
    );
    let dir = std::env::temp_dir().join(format!("scheda-it-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("report.csv");
    std::fs::write(&path, &text).unwrap();
    assert_eq!(earlier_outputs(&path), HashSet::from(["B.pdf".to_string()]));
    std::fs::remove_dir_all(&dir).unwrap();
}
