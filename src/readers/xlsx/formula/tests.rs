//! Tests of [`super`] (formula.rs).

use super::*;
use crate::messages::Lang;
use calamine::{Data, Range};

/// A sheet from (A1 name, value or `=formula`) pairs; formulas carry
/// no result.
fn sheet(name: &str, cells: &[(&str, &str)]) -> Sheet {
    let mut values = Range::new((0, 0), (29, 9));
    let mut formulas = Range::new((0, 0), (29, 9));
    for (at, v) in cells {
        let (row, col) = cell_name(at).unwrap();
        if let Some(f) = v.strip_prefix('=') {
            formulas.set_value((row, col), f.to_string());
        } else if let Ok(n) = v.parse::<f64>() {
            values.set_value((row, col), Data::Float(n));
        } else {
            values.set_value((row, col), Data::String(v.to_string()));
        }
    }
    Sheet::new(name.into(), values, formulas)
}

fn book() -> Vec<Sheet> {
    vec![
        sheet(
            "Scheda",
            &[
                ("C5", "10"),
                ("C6", "20.5"),
                ("C7", "testo"),
                ("C8", "=C5*2"),
                ("D5", "1.234,50"),
                ("E1", "=E2+1"),
                ("E2", "=E1+1"),
                ("F1", "=FOO(1)"),
            ],
        ),
        sheet("Quadro 1", &[("B3", "7"), ("B4", "=B3*3")]),
    ]
}

#[test]
fn evaluates_what_such_sheets_use() {
    let sheets = book();
    let n = |s: &str| Ok(Value::Number(Decimal::from_str(s).unwrap()));
    let table: &[(&str, Computed)] = &[
        ("=1+2*3", n("7")),
        ("(1+2)*3", n("9")),
        ("=2^3^2", n("64")),
        ("=-2^2", n("4")),
        ("=10/4", n("2.5")),
        ("=50%", n("0.5")),
        ("=C5+C6", n("30.5")),
        ("=$C$5*2", n("20")),
        ("=SUM(C5:C8)", n("50.5")),
        ("=SUM(C5,C6,5)", n("35.5")),
        ("=sum(C5:C6)/2", n("15.25")),
        ("=AVERAGE(C5:C7)", n("15.25")),
        ("=MIN(C5:C6)", n("10")),
        ("=MAX(C5:C8)", n("20.5")),
        ("=COUNT(C5:C8)", n("3")),
        ("=COUNTA(C5:C8)", n("4")),
        ("=ROUND(2/3,2)", n("0.67")),
        ("=ROUND(2.5,0)", n("3")),
        ("=ROUND(-2.5,0)", n("-3")),
        ("=ROUND(1234,-2)", n("1200")),
        ("=ROUNDUP(1.01,0)", n("2")),
        ("=ROUNDDOWN(1.99,0)", n("1")),
        ("=INT(-1.5)", n("-2")),
        ("=IF(C5>5,1,2)", n("1")),
        ("=IF(C5<=5,1)", Ok(Value::Bool(false))),
        ("=IF(C5=10,\"si\",\"no\")", Ok(Value::Text("si".into()))),
        ("=IF(C9=0,\"\",C9)", Ok(Value::Text(String::new()))),
        (
            "=IF(C5<>10,FOO(),3)",
            Err(Message::new(
                k::FORMULA_FUNCTION,
                [("function", "FOO".into())],
            )),
        ),
        ("=IF(AND(C5>1,OR(C6<1,TRUE)),1,0)", n("1")),
        ("=NOT(C5)", Ok(Value::Bool(false))),
        ("=C9", n("0")),
        ("=C9+1", n("1")),
        ("=\"a\"&C5&\"\"\"\"", Ok(Value::Text("a10\"".into()))),
        ("=C7+1", Ok(err("#VALUE!"))),
        ("=C5/0", Ok(err("#DIV/0!"))),
        ("=IFERROR(C5/0,-1)", n("-1")),
        ("=D5*2", n("2469")),
        ("='Quadro 1'!B3+1", n("8")),
        ("='Quadro 1'!B4", n("21")),
        ("=SUM('Quadro 1'!B3:B4)", n("28")),
        ("=Scheda!C8+scheda!C5", n("30")),
        ("of:=SUM([.C5:.C6])", n("30.5")),
        ("of:=['Quadro 1'.B3]*2", n("14")),
        ("=ABS(-3)", n("3")),
        ("=1e3+0.5", n("1000.5")),
        ("=2<\"a\"", Ok(Value::Bool(true))),
        ("=\"ABC\"=\"abc\"", Ok(Value::Bool(true))),
    ];
    for (formula, expected) in table {
        assert_eq!(&compute_in(&sheets, formula), expected, "{formula}");
    }
}

/// Why `formula` cannot be computed against [`book`], in `lang`.
fn why(formula: &str, lang: Lang) -> String {
    let sheets = book();
    compute_in(&sheets, formula).unwrap_err().render(lang)
}

#[test]
fn says_why_a_formula_cannot_be_computed() {
    let table: &[(&str, &str)] = &[
        (
            "=E1",
            "Scheda!E2, whose formula cannot be computed (a circular reference through Scheda!E1)",
        ),
        (
            "=F1*2",
            "Scheda!F1, whose formula cannot be computed (the function FOO, which scheda does not compute)",
        ),
        (
            "=Altro!A1",
            "the sheet \"Altro\", which the workbook does not have",
        ),
        (
            "=Totale*2",
            "the name `Totale` (only cells and ranges are computed)",
        ),
        (
            "=SUM(A:A)",
            "the name `A` (only cells and ranges are computed)",
        ),
        (
            "=VLOOKUP(1,A1:B2,2)",
            "the function VLOOKUP, which scheda does not compute",
        ),
        ("=(1+2", "a `(` without its `)`"),
        ("=SUM(1,2", "SUM( without its `)`"),
        ("=1+", "the formula ends too early"),
        ("=\"abc", "a text without its closing quote"),
        ("='Quadro 1", "a sheet name without its closing quote"),
        (
            "='Quadro 1'B3",
            "'Quadro 1' is not followed by `!` and a cell",
        ),
        ("=Scheda!+1", "`Scheda!` is not followed by a cell"),
        ("=1.2.3", "`1.2.3` is not a number"),
        ("=1 2", "unexpected `2` after the formula"),
        ("=1 ;", "unexpected a separator after the formula"),
        ("=*2", "unexpected an operator"),
        ("={1,2}", "unexpected `{`"),
        ("=", "an empty formula"),
        ("=SUM(A1:)", "a range without its last cell"),
        ("=SUM(A1:Totale)", "`Totale` ends a range but is not a cell"),
        ("=SUM(Scheda!A1:Quadro1!B2)", "a range across sheets"),
    ];
    for (formula, expected) in table {
        assert_eq!(why(formula, Lang::En), *expected, "{formula}");
    }
}

/// The reasons in Italian, as the clerk reads them inside the error;
/// a reason nested in another renders in the same language.
#[test]
fn says_why_in_italian() {
    let table: &[(&str, &str)] = &[
        (
            "=E1",
            "la cella Scheda!E2, la cui formula non si può calcolare (un riferimento circolare che passa per la cella Scheda!E1)",
        ),
        (
            "=F1*2",
            "la cella Scheda!F1, la cui formula non si può calcolare (la funzione FOO, che scheda non calcola)",
        ),
        (
            "=Altro!A1",
            "il foglio \"Altro\", che la cartella di lavoro non ha",
        ),
        (
            "=Totale*2",
            "il nome `Totale` (scheda calcola solo riferimenti a celle e intervalli)",
        ),
        ("=(1+2", "una parentesi `(` senza la sua `)`"),
        ("=1+", "la formula è incompleta"),
        ("=\"abc", "un testo senza le virgolette di chiusura"),
        ("=1 ;", "un separatore dopo la fine della formula"),
        ("=*2", "un operatore fuori posto"),
        (
            "=SUM(Scheda!A1:Quadro1!B2)",
            "un intervallo che va da un foglio a un altro",
        ),
    ];
    for (formula, expected) in table {
        assert_eq!(why(formula, Lang::It), *expected, "{formula}");
    }
}

/// A reason that already names the cell, itself or nested, is not
/// wrapped in another naming it again; one that names another cell
/// whose name begins with it (E10 for E1) is.
#[test]
fn a_reason_names_its_cell_once() {
    let mut sheets = vec![sheet(
        "S",
        &[
            ("A1", "=E10"),
            ("B1", "=C1"),
            ("C1", "=D1"),
            ("D1", "=C1"),
            ("E1", "=E10"),
            ("E10", "=E1"),
        ],
    )];
    compute_missing(&mut sheets);
    let why = |cell: &str| {
        let (row, col) = cell_name(cell).unwrap();
        let computed = sheets[0].computed(row, col).unwrap();
        computed.clone().unwrap_err().render(Lang::En)
    };
    let through_c1 = "S!D1, whose formula cannot be computed (a circular reference through S!C1)";
    // Not "S!C1, whose formula cannot be computed (S!D1, ...)".
    assert_eq!(why("B1"), through_c1);
    assert_eq!(why("C1"), through_c1);
    assert_eq!(why("D1"), "a circular reference through S!C1");
    let through_e10 = "S!E1, whose formula cannot be computed (a circular reference through S!E10)";
    assert_eq!(why("E10"), through_e10);
    assert_eq!(why("A1"), through_e10);
    assert_eq!(why("E1"), "a circular reference through S!E10");
}

#[test]
fn hostile_formulas_are_refused_not_followed() {
    let sheets = book();
    let nested = Err(Message::new(k::FORMULA_NESTED_TOO_DEEPLY, []));
    let deep = format!("={}1{}", "(".repeat(10_000), ")".repeat(10_000));
    assert_eq!(compute_in(&sheets, &deep), nested);
    let long = format!("=1{}", "+1".repeat(10_000));
    assert_eq!(compute_in(&sheets, &long), nested);
    let minus = format!("={}1", "-".repeat(10_000));
    assert_eq!(compute_in(&sheets, &minus), nested);
    assert_eq!(why(&long, Lang::En), "the formula is nested too deeply");
    // A huge range is cut to what the sheet holds.
    assert_eq!(
        compute_in(&sheets, "=SUM('Quadro 1'!A1:XFD1048576)"),
        Ok(Value::Number(Decimal::from(28)))
    );
}

#[test]
fn a_long_chain_of_formulas_is_an_error_not_a_crash() {
    // A1 = A2 + 1, A2 = A3 + 1, ...: each refers to the next.
    let cells: Vec<(String, String)> = (1..=29)
        .map(|r| (format!("A{r}"), format!("=A{}+1", r + 1)))
        .collect();
    let refs: Vec<(&str, &str)> = cells
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let mut sheets = vec![sheet("S", &refs)];
    compute_missing(&mut sheets);
    // A30 is empty: A29 = 1, ..., A1 = 29.
    assert_eq!(
        sheets[0].computed(0, 0),
        Some(&Ok(Value::Number(Decimal::from(29))))
    );
}
