//! The generated files checked by real validators outside this crate:
//! UBL against the OASIS UBL 2.1 XSD, the CEN EN 16931 schematron and
//! Peppol rules; pain.008 against its XSD; the PDF read back by pdftotext.
//!
//! The Python validators live in `tests/documents/validate.py` and run in the
//! test venv (`.tools/venv`, installed by scripts/test from
//! tests/requirements.txt), or the Python named by `ECOM_TEST_PYTHON`.

mod samples;

use std::path::{Path, PathBuf};
use std::process::Command;

use ecom_documents::{to_pain_008, to_pdf, to_ubl_xml, InvoiceDocument};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

fn python() -> PathBuf {
    match std::env::var_os("ECOM_TEST_PYTHON") {
        Some(p) => PathBuf::from(p),
        None => workspace_root().join(".tools/venv/bin/python"),
    }
}

fn out_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("ecom-documents")
        .join(name);
    std::fs::create_dir_all(&dir).expect("create output dir");
    dir
}

/// Runs validate.py; returns (success, output).
fn validate(kind: &str, files: &[PathBuf]) -> (bool, String) {
    let py = python();
    assert!(
        py.exists(),
        "no Python at {} — install the test tools: python3 -m venv .tools/venv && \
         .tools/venv/bin/pip install -r tests/requirements.txt (scripts/test does this), \
         or set ECOM_TEST_PYTHON",
        py.display()
    );
    let out = Command::new(&py)
        .arg(workspace_root().join("tests/documents/validate.py"))
        .arg(kind)
        .args(files)
        .output()
        .expect("run validate.py");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).expect("write sample");
    path
}

#[test]
fn ubl_samples_pass_xsd_en16931_schematron_and_peppol_rules() {
    let dir = out_dir("ubl");
    let docs: [(&str, InvoiceDocument); 3] = [
        ("domestic-invoice.xml", samples::domestic_invoice()),
        ("credit-note.xml", samples::credit_note()),
        (
            "reverse-charge-invoice.xml",
            samples::reverse_charge_invoice(),
        ),
    ];
    let files: Vec<PathBuf> = docs
        .iter()
        .map(|(name, doc)| {
            write(
                &dir,
                name,
                to_ubl_xml(doc).expect("valid sample").as_bytes(),
            )
        })
        .collect();
    let (ok, output) = validate("ubl", &files);
    println!("{output}");
    assert!(ok, "validation failed:\n{output}");
    assert!(output.contains("UBL 2.1 XSD: ok"), "{output}");
    assert!(output.contains("0 fatal"), "{output}");
}

/// The validators can fail: tampered files are refused, naming the rule.
#[test]
fn validators_reject_tampered_ubl() {
    let dir = out_dir("ubl-tampered");
    let good = to_ubl_xml(&samples::domestic_invoice()).expect("valid sample");

    // Elements out of the schema's order.
    let due = "  <cbc:DueDate>2026-01-29</cbc:DueDate>\n";
    assert!(good.contains(due));
    let misordered = good.replacen(due, "", 1).replacen(
        "  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>\n",
        &format!("  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>\n{due}"),
        1,
    );
    let file = write(&dir, "misordered.xml", misordered.as_bytes());
    let (ok, output) = validate("ubl", &[file]);
    assert!(!ok && output.contains("ERROR XSD"), "{output}");

    // An amount due that is not total minus prepaid (BR-CO-16).
    let wrong_total = good.replacen(
        "<cbc:PayableAmount currencyID=\"EUR\">396.16</cbc:PayableAmount>",
        "<cbc:PayableAmount currencyID=\"EUR\">396.17</cbc:PayableAmount>",
        1,
    );
    assert_ne!(wrong_total, good);
    let file = write(&dir, "wrong-total.xml", wrong_total.as_bytes());
    let (ok, output) = validate("ubl", &[file]);
    assert!(!ok && output.contains("ERROR BR-CO-16"), "{output}");

    // A VAT breakdown that does not match its lines (BR-S-08), and no buyer endpoint (Peppol R010).
    let wrong_vat = good
        .replacen(
            "<cbc:TaxableAmount currencyID=\"EUR\">25.00</cbc:TaxableAmount>",
            "<cbc:TaxableAmount currencyID=\"EUR\">26.00</cbc:TaxableAmount>",
            1,
        )
        .replacen(
            "<cbc:EndpointID schemeID=\"0208\">0452187175</cbc:EndpointID>",
            "",
            1,
        );
    let file = write(&dir, "wrong-vat.xml", wrong_vat.as_bytes());
    let (ok, output) = validate("ubl", &[file]);
    assert!(!ok && output.contains("ERROR BR-S-08"), "{output}");
    assert!(output.contains("ERROR PEPPOL-EN16931-R010"), "{output}");
}

#[test]
fn pain_008_batch_passes_its_xsd() {
    let dir = out_dir("sepa");
    let xml = to_pain_008(&samples::direct_debit_batch()).expect("valid batch");
    let file = write(&dir, "direct-debit.xml", xml.as_bytes());
    let (ok, output) = validate("pain008", &[file]);
    println!("{output}");
    assert!(ok, "{output}");

    // And the validator does fail: a wrong control sum and a bad sequence type.
    let broken = xml
        .replacen(
            "<CtrlSum>1633.16</CtrlSum>",
            "<CtrlSum>1633.15</CtrlSum>",
            1,
        )
        .replacen("<SeqTp>FRST</SeqTp>", "<SeqTp>FIRST</SeqTp>", 1);
    assert_ne!(broken, xml);
    let file = write(&dir, "broken.xml", broken.as_bytes());
    let (ok, output) = validate("pain008", &[file]);
    assert!(
        !ok && output.contains("GrpHdr/CtrlSum") && output.contains("ERROR XSD"),
        "{output}"
    );
}

/// Reads the PDF back with pdftotext (Debian poppler-utils), when installed.
#[test]
fn pdf_reads_back_with_pdftotext() {
    let dir = out_dir("pdf");
    for (name, doc, expected) in [
        (
            "domestic-invoice.pdf",
            samples::domestic_invoice(),
            vec![
                "INVOICE",
                "2026-000017",
                "BE0987654394",
                "BE0452187175",
                "330.50",
                "64.16",
                "396.16",
                "+++202/6000/01711+++",
                "BE68 5390 0754 7034",
                "GKCCBEBB",
                "29 January 2026",
            ],
        ),
        (
            "credit-note.pdf",
            samples::credit_note(),
            vec![
                "CREDIT NOTE",
                "CN-2026-000003",
                "2026-000017",
                "114.95",
                "Amount credited",
            ],
        ),
        (
            "reverse-charge-invoice.pdf",
            samples::reverse_charge_invoice(),
            vec![
                "2026-000031",
                "NL123456789B01",
                "1,188.00",
                "Reverse charge",
                "art. 196",
                "ECOM-MANDATE-0042",
                "+++202/6000/03125+++",
            ],
        ),
    ] {
        let bytes = to_pdf(&doc).expect("valid sample");
        assert!(bytes.starts_with(b"%PDF-"), "{name} is not a PDF");
        assert_eq!(
            bytes,
            to_pdf(&doc).expect("valid sample"),
            "{name}: same input, same bytes"
        );
        let file = write(&dir, name, &bytes);
        let run = Command::new("pdftotext")
            .arg("-layout")
            .arg(&file)
            .arg("-")
            .output();
        let Ok(out) = run else {
            eprintln!(
                "pdftotext not installed (Debian poppler-utils): skipping the text check of {name}"
            );
            continue;
        };
        assert!(
            out.status.success(),
            "pdftotext failed on {name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        for e in expected {
            assert!(text.contains(e), "{name}: {e:?} missing from\n{text}");
        }
    }
}
