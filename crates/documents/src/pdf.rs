//! The PDF invoice a person reads: parties, lines, VAT summary, totals,
//! payment instructions with the structured communication and an EPC
//! payment QR code.
//!
//! Drawn with the standard Helvetica fonts every PDF reader has, so no font
//! file ships; text is WinAnsi-encoded (Latin-1 and the euro sign). The
//! output depends only on the document: the same invoice gives the same
//! bytes.
// Page coordinates are points on the page, not money: floats are right here.
#![allow(clippy::float_arithmetic)]

use pdf_writer::{Content, Date, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use rust_decimal::Decimal;

use crate::banking::StructuredReference;
use crate::check::{check_document, check_printable, round_cent};
use crate::epc_qr::{epc_payload, epc_qr_matrix, EpcPayment};
use crate::logo::Logo;
use crate::model::{DocumentKind, InvoiceDocument, Party};
use crate::ubl::number;
use crate::DocumentError;

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 50.0;
const RIGHT: f32 = PAGE_W - 50.0;
const TOP: f32 = PAGE_H - 50.0;
/// Content stops here; the footer lives below.
const BOTTOM: f32 = 70.0;
const REGULAR: Name<'static> = Name(b"F1");
const BOLD: Name<'static> = Name(b"F2");

/// Renders the document as a one- or multi-page A4 PDF, after checking its
/// figures (see [`crate::check_document`]).
pub fn to_pdf(doc: &InvoiceDocument) -> Result<Vec<u8>, DocumentError> {
    check_document(doc)?;
    render(doc, None)
}

/// Renders the document with the seller's logo at the top of the first
/// page. Only the printable checks apply: a buyer without a Peppol address
/// (a consumer) still gets a PDF.
pub fn to_pdf_with_logo(
    doc: &InvoiceDocument,
    logo: Option<&Logo>,
) -> Result<Vec<u8>, DocumentError> {
    check_printable(doc)?;
    render(doc, logo)
}

/// Height of the logo band at the top of the first page, in points.
const LOGO_BAND: f32 = 56.0;
const LOGO_NAME: Name<'static> = Name(b"Im1");

fn render(doc: &InvoiceDocument, logo: Option<&Logo>) -> Result<Vec<u8>, DocumentError> {
    let qr = payment_qr(doc)?;
    let mut c = Canvas::new();
    if let Some(logo) = logo {
        // Fit into a 160 × 48 pt box, keeping the aspect ratio.
        let (w, h) = (logo.width as f32, logo.height as f32);
        let scale = (160.0 / w).min(48.0 / h);
        c.page.save_state();
        c.page
            .transform([w * scale, 0.0, 0.0, h * scale, LEFT, TOP - h * scale]);
        c.page.x_object(LOGO_NAME);
        c.page.restore_state();
        c.y = TOP - LOGO_BAND;
    }
    header(&mut c, doc);
    lines_table(&mut c, doc);
    summary(&mut c, doc);
    if let Some(mention) = &doc.legal_mention {
        c.ensure(30.0);
        for l in wrap(mention, 9.0, RIGHT - LEFT) {
            c.text(LEFT, c.y, 9.0, true, &l);
            c.y -= 12.0;
        }
        c.y -= 6.0;
    }
    let notes: Vec<&String> = doc.notes.iter().filter(|n| !n.trim().is_empty()).collect();
    for note in notes {
        for para in note.lines() {
            for l in wrap(para, 9.0, RIGHT - LEFT) {
                c.ensure(12.0);
                c.text(LEFT, c.y, 9.0, false, &l);
                c.y -= 12.0;
            }
        }
        c.y -= 4.0;
    }
    payment_block(&mut c, doc, qr.as_ref());
    Ok(c.finish(doc, logo))
}

/// The EPC QR matrix, when the buyer is to pay by transfer: an invoice in
/// euro with an amount due and payment details, not collected by direct debit.
fn payment_qr(doc: &InvoiceDocument) -> Result<Option<(usize, Vec<bool>)>, DocumentError> {
    let Some(p) = &doc.payment else {
        return Ok(None);
    };
    if doc.kind != DocumentKind::Invoice
        || p.is_direct_debit()
        || doc.currency != "EUR"
        || doc.totals.payable <= Decimal::ZERO
    {
        return Ok(None);
    }
    let reference = StructuredReference::parse(&p.structured_reference)?;
    let payload = epc_payload(&EpcPayment {
        bic: p.bic.as_deref(),
        name: &p.account_name,
        iban: &p.iban,
        amount: doc.totals.payable,
        reference: &reference,
    })?;
    epc_qr_matrix(&payload).map(Some)
}

fn header(c: &mut Canvas, doc: &InvoiceDocument) {
    let s = &doc.seller;
    let top = c.y;
    let mut y = top;
    c.text(LEFT, y, 16.0, true, &s.name);
    y -= 16.0;
    for l in party_lines(s) {
        c.text(LEFT, y, 9.0, false, &l);
        y -= 11.5;
    }

    let (title, number_label) = match doc.kind {
        DocumentKind::Invoice => ("INVOICE", "Invoice number"),
        DocumentKind::CreditNote => ("CREDIT NOTE", "Credit note number"),
        DocumentKind::Quotation => ("QUOTATION", "Quotation number"),
    };
    c.text_right(RIGHT, top, 20.0, true, title);
    let mut rows: Vec<(&str, String)> = vec![
        (number_label, doc.number.clone()),
        ("Issue date", long_date(doc.issue_date)),
    ];
    if let Some(d) = doc.due_date {
        rows.push((
            if doc.kind == DocumentKind::Quotation {
                "Valid until"
            } else {
                "Due date"
            },
            long_date(d),
        ));
    }
    if let Some(r) = &doc.billing_reference {
        rows.push((
            "Credits invoice",
            format!("{} of {}", r.invoice_number, long_date(r.issue_date)),
        ));
    }
    if let Some(r) = &doc.buyer_reference {
        rows.push(("Your reference", r.clone()));
    }
    if let Some(r) = &doc.order_reference {
        rows.push(("Order reference", r.clone()));
    }
    let mut ry = top - 26.0;
    for (label, value) in rows {
        c.text(340.0, ry, 9.0, false, label);
        c.text_right(RIGHT, ry, 9.0, true, &value);
        ry -= 12.5;
    }

    // Buyer box.
    let mut by = y.min(ry) - 22.0;
    let b = &doc.buyer;
    let lines = party_lines(b);
    // From above the label to below the last line.
    let box_h = 34.5 + 11.5 * lines.len() as f32;
    c.fill_rect(LEFT - 6.0, by + 12.0 - box_h, 270.0, box_h, 0.95);
    c.text(LEFT, by, 7.5, false, "BILL TO");
    by -= 14.0;
    c.text(LEFT, by, 11.0, true, &b.name);
    by -= 13.0;
    for l in lines {
        c.text(LEFT, by, 9.0, false, &l);
        by -= 11.5;
    }
    c.y = by - 24.0;
}

fn party_lines(p: &Party) -> Vec<String> {
    let mut v = Vec::new();
    if !p.street.trim().is_empty() {
        v.push(p.street.clone());
    }
    let city = format!("{} {}", p.postal_code, p.city).trim().to_string();
    v.push(if city.is_empty() {
        p.country_code.clone()
    } else {
        format!("{city}, {}", p.country_code)
    });
    if let Some(vat) = &p.vat_number {
        v.push(format!("VAT {vat}"));
    }
    if let Some(id) = &p.company_id {
        if p.vat_number
            .as_deref()
            .map(|v| !v.ends_with(id.as_str()))
            .unwrap_or(true)
        {
            v.push(format!("Company no. {id}"));
        }
    }
    if let Some(e) = &p.email {
        v.push(e.clone());
    }
    v
}

// Column layout of the lines table: description on the left, figures right-aligned.
const COL_DESC_W: f32 = 205.0;
const COL_QTY: f32 = 292.0;
const COL_UNIT: f32 = 297.0;
const COL_PRICE: f32 = 380.0;
const COL_DISC: f32 = 430.0;
const COL_VAT: f32 = 466.0;

fn table_header(c: &mut Canvas) {
    c.fill_rect(LEFT - 6.0, c.y - 5.0, RIGHT - LEFT + 12.0, 17.0, 0.88);
    let y = c.y;
    c.text(LEFT, y, 8.5, true, "Description");
    c.text_right(COL_QTY, y, 8.5, true, "Qty");
    c.text(COL_UNIT, y, 8.5, true, "Unit");
    c.text_right(COL_PRICE, y, 8.5, true, "Unit price");
    c.text_right(COL_DISC, y, 8.5, true, "Discount");
    c.text_right(COL_VAT, y, 8.5, true, "VAT");
    c.text_right(RIGHT, y, 8.5, true, "Net amount");
    c.y -= 20.0;
}

fn lines_table(c: &mut Canvas, doc: &InvoiceDocument) {
    table_header(c);
    for l in &doc.lines {
        let desc = wrap(&l.description, 9.0, COL_DESC_W);
        let h = 11.0 * desc.len() as f32 + 5.0;
        if c.y - h < BOTTOM {
            c.new_page();
            table_header(c);
        }
        let y = c.y;
        for (i, d) in desc.iter().enumerate() {
            c.text(LEFT, y - 11.0 * i as f32, 9.0, false, d);
        }
        c.text_right(COL_QTY, y, 9.0, false, &number(l.quantity));
        c.text(COL_UNIT, y, 9.0, false, unit_label(&l.unit_code));
        c.text_right(COL_PRICE, y, 9.0, false, &money(l.unit_price));
        let disc = l
            .discount_amount
            .filter(|d| !d.is_zero())
            .map(|d| format!("-{}", money(d)))
            .unwrap_or_default();
        c.text_right(COL_DISC, y, 9.0, false, &disc);
        // Standard rate: the rate; otherwise the category code, explained in the VAT summary.
        let vat = if l.vat_category == "S" {
            format!("{} %", number(l.vat_rate))
        } else {
            l.vat_category.clone()
        };
        c.text_right(COL_VAT, y, 9.0, false, &vat);
        c.text_right(RIGHT, y, 9.0, false, &money(l.net_amount));
        c.y -= h;
        c.hline(c.y + 8.0, 0.85);
    }
    c.y -= 10.0;
}

fn summary(c: &mut Canvas, doc: &InvoiceDocument) {
    let cur = &doc.currency;
    let t = &doc.totals;
    let vat_rows = doc.vat_breakdown.len() as f32;
    c.ensure((14.0 * vat_rows + 30.0).max(100.0));
    let top = c.y;

    // VAT summary, left.
    let mut y = top;
    c.text(LEFT, y, 8.5, true, "VAT");
    c.text_right(210.0, y, 8.5, true, "Taxable");
    c.text_right(290.0, y, 8.5, true, "VAT amount");
    y -= 4.0;
    c.hline_between(LEFT, 290.0, y, 0.6);
    y -= 11.0;
    for s in &doc.vat_breakdown {
        let label = if s.category == "S" {
            format!("{} %", number(s.rate))
        } else {
            format!("{} ({})", category_label(&s.category), s.category)
        };
        c.text(LEFT, y, 9.0, false, &label);
        c.text_right(210.0, y, 9.0, false, &money(s.taxable_amount));
        c.text_right(290.0, y, 9.0, false, &money(s.tax_amount));
        y -= 13.0;
    }

    // Totals, right.
    let mut ty = top;
    let mut rows = vec![
        ("Total excl. VAT", t.tax_exclusive, false),
        ("VAT", t.tax_amount, false),
        ("Total incl. VAT", t.tax_inclusive, false),
    ];
    if !t.prepaid.is_zero() {
        rows.push(("Already paid", t.prepaid, false));
    }
    let due_label = match doc.kind {
        DocumentKind::Invoice => "Amount due",
        DocumentKind::CreditNote => "Amount credited",
        DocumentKind::Quotation => "Total",
    };
    rows.push((due_label, t.payable, true));
    for (label, value, strong) in rows {
        if strong {
            c.fill_rect(340.0, ty - 6.0, RIGHT - 340.0 + 6.0, 19.0, 0.88);
            c.text(346.0, ty, 10.5, true, label);
            c.text_right(RIGHT, ty, 10.5, true, &format!("{cur} {}", money(value)));
        } else {
            c.text(346.0, ty, 9.0, false, label);
            c.text_right(RIGHT, ty, 9.0, false, &format!("{cur} {}", money(value)));
        }
        ty -= 15.0;
    }
    c.y = y.min(ty) - 18.0;
}

fn payment_block(c: &mut Canvas, doc: &InvoiceDocument, qr: Option<&(usize, Vec<bool>)>) {
    let Some(p) = &doc.payment else { return };
    let reference = StructuredReference::parse(&p.structured_reference)
        .map(|r| r.formatted())
        .unwrap_or_default();
    let cur = &doc.currency;
    let due = doc.due_date.map(long_date).unwrap_or_default();
    let mut lines: Vec<(String, bool)> = Vec::new();
    let mut title = "Payment";
    if doc.kind == DocumentKind::CreditNote {
        lines.push((format!("Reference: {reference}"), false));
    } else if doc.totals.payable <= Decimal::ZERO {
        lines.push(("Nothing is left to pay. Thank you.".into(), false));
    } else if p.is_direct_debit() {
        title = "Payment by SEPA direct debit";
        lines.push((
            format!(
                "{cur} {} will be collected on {due}",
                money(doc.totals.payable)
            ),
            false,
        ));
        let from = p
            .debtor_iban
            .as_deref()
            .map(|i| format!(" from {}", group4(i)))
            .unwrap_or_default();
        lines.push((
            format!(
                "under mandate {}{from}.",
                p.mandate_id.as_deref().unwrap_or("")
            ),
            false,
        ));
        if let Some(cid) = &p.creditor_id {
            lines.push((format!("Creditor identifier: {cid}"), false));
        }
        lines.push((format!("Structured communication: {reference}"), true));
    } else {
        lines.push((
            format!("Please pay {cur} {} by {due} to", money(doc.totals.payable)),
            false,
        ));
        lines.push((format!("Account holder: {}", p.account_name), false));
        lines.push((format!("IBAN: {}", group4(&p.iban)), false));
        if let Some(bic) = &p.bic {
            lines.push((format!("BIC: {bic}"), false));
        }
        lines.push(("Structured communication:".into(), false));
        lines.push((reference.clone(), true));
    }
    let qr_size = 112.0;
    let needed = if qr.is_some() {
        qr_size + 30.0
    } else {
        18.0 + 13.0 * lines.len() as f32
    };
    c.ensure(needed);
    c.hline(c.y + 10.0, 0.6);
    let top = c.y - 6.0;
    let mut y = top;
    c.text(LEFT, y, 11.0, true, title);
    y -= 16.0;
    for (l, strong) in &lines {
        c.text(LEFT, y, if *strong { 11.5 } else { 9.5 }, *strong, l);
        y -= if *strong { 15.0 } else { 13.0 };
    }
    if let Some((width, modules)) = qr {
        let x0 = RIGHT - qr_size;
        let y0 = top - qr_size + 8.0;
        c.qr(x0, y0, qr_size, *width, modules);
        c.text_right(
            RIGHT - 4.0,
            y0 - 10.0,
            7.5,
            false,
            "Scan with your banking app to pay",
        );
        y = y.min(y0 - 20.0);
    }
    c.y = y - 10.0;
}

/// A human name for common VAT categories.
fn category_label(category: &str) -> &'static str {
    match category {
        "S" => "Standard",
        "Z" => "Zero rated",
        "E" => "Exempt",
        "AE" => "Reverse charge",
        "K" => "Intra-EU supply",
        "G" => "Export",
        _ => "Not subject",
    }
}

/// A readable unit for common UN/ECE Rec. 20 codes.
fn unit_label(code: &str) -> &str {
    match code {
        "C62" | "H87" | "EA" => "pc",
        "HUR" => "hour",
        "DAY" => "day",
        "WEE" => "week",
        "MON" => "month",
        "ANN" => "year",
        "MIN" => "min",
        "KGM" => "kg",
        "MTR" => "m",
        "LTR" => "l",
        other => other,
    }
}

fn long_date(d: chrono::NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// An amount with thousands separators: 1,234.56 (prices may carry more decimals).
fn money(d: Decimal) -> String {
    let d = if d.normalize().scale() <= 2 {
        round_cent(d)
    } else {
        d.normalize()
    };
    let s = format!("{:.2}", d);
    let s = if d.scale() > 2 { d.to_string() } else { s };
    let (sign, s) = s
        .strip_prefix('-')
        .map(|r| ("-", r))
        .unwrap_or(("", s.as_str()));
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// An IBAN in groups of four, as printed on paper.
fn group4(iban: &str) -> String {
    iban.chars()
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Helvetica advance widths (per 1000 em) of the printable ASCII characters,
/// from the font's standard metrics; other characters count as 556.
const HELVETICA_WIDTHS: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278,
    278, // space../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0..9
    278, 278, 584, 584, 584, 556, 1015, // :..@
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667,
    611, 722, 667, 944, 667, 667, 611, // A..Z
    278, 278, 278, 469, 556, 333, // [..`
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
    278, 556, 500, 722, 500, 500, 500, // a..z
    334, 260, 334, 584, // {..~
];

/// Width of a text in points. Bold is measured as regular widened by 10 %,
/// close enough for the right-aligned figures it is used for.
fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    let units: u32 = text
        .chars()
        .map(|ch| match ch as u32 {
            c @ 32..=126 => u32::from(HELVETICA_WIDTHS[(c - 32) as usize]),
            _ => 556,
        })
        .sum();
    let w = units as f32 * size / 1000.0;
    if bold {
        w * 1.1
    } else {
        w
    }
}

/// Splits a text into lines no wider than `max` points, at spaces; a word
/// longer than a line is cut.
fn wrap(text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let candidate = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if text_width(&candidate, size, false) <= max {
            cur = candidate;
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        let mut piece = String::new();
        for ch in word.chars() {
            piece.push(ch);
            if text_width(&piece, size, false) > max {
                piece.pop();
                lines.push(std::mem::take(&mut piece));
                piece.push(ch);
            }
        }
        cur = piece;
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Encodes text for a WinAnsiEncoding font: Latin-1 as is, the euro sign and
/// typographic punctuation at their Windows-1252 places, anything else "?".
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|ch| match ch {
            ' '..='~' => ch as u8,
            '\u{a0}'..='\u{ff}' => ch as u32 as u8,
            '€' => 0x80,
            '‚' => 0x82,
            '„' => 0x84,
            '…' => 0x85,
            'Š' => 0x8a,
            'Œ' => 0x8c,
            'Ž' => 0x8e,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            'š' => 0x9a,
            'œ' => 0x9c,
            'ž' => 0x9e,
            'Ÿ' => 0x9f,
            _ => b'?',
        })
        .collect()
}

/// The pages being drawn and the current vertical position.
struct Canvas {
    done: Vec<Content>,
    page: Content,
    y: f32,
}

impl Canvas {
    fn new() -> Self {
        Self {
            done: Vec::new(),
            page: Content::new(),
            y: TOP,
        }
    }

    fn new_page(&mut self) {
        let full = std::mem::replace(&mut self.page, Content::new());
        self.done.push(full);
        self.y = TOP;
    }

    /// Starts a new page unless `height` points are left on this one.
    fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, text: &str) {
        self.page.set_fill_gray(0.0);
        self.page.begin_text();
        self.page.set_font(if bold { BOLD } else { REGULAR }, size);
        self.page.next_line(x, y);
        self.page.show(Str(&win_ansi(text)));
        self.page.end_text();
    }

    fn text_right(&mut self, right: f32, y: f32, size: f32, bold: bool, text: &str) {
        let w = text_width(text, size, bold);
        self.text(right - w, y, size, bold, text);
    }

    fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, gray: f32) {
        self.page.set_fill_gray(gray);
        self.page.rect(x, y, w, h);
        self.page.fill_nonzero();
    }

    fn hline(&mut self, y: f32, gray: f32) {
        self.hline_between(LEFT - 6.0, RIGHT + 6.0, y, gray);
    }

    fn hline_between(&mut self, x1: f32, x2: f32, y: f32, gray: f32) {
        self.page.set_stroke_gray(gray);
        self.page.set_line_width(0.6);
        self.page.move_to(x1, y);
        self.page.line_to(x2, y);
        self.page.stroke();
    }

    /// Draws a QR matrix (with its 4-module quiet zone) in a square of `size`
    /// points whose lower-left corner is (x, y); runs of dark modules in a
    /// row become one rectangle.
    fn qr(&mut self, x: f32, y: f32, size: f32, width: usize, dark: &[bool]) {
        let module = size / (width + 8) as f32;
        self.page.set_fill_gray(0.0);
        for row in 0..width {
            let mut col = 0;
            while col < width {
                if !dark[row * width + col] {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < width && dark[row * width + col] {
                    col += 1;
                }
                let rx = x + (start + 4) as f32 * module;
                let ry = y + size - (row + 5) as f32 * module;
                self.page
                    .rect(rx, ry, (col - start) as f32 * module, module);
            }
        }
        self.page.fill_nonzero();
    }

    /// Adds the footer to every page and writes the PDF.
    fn finish(mut self, doc: &InvoiceDocument, logo: Option<&Logo>) -> Vec<u8> {
        self.new_page();
        let pages = std::mem::take(&mut self.done);
        let count = pages.len();
        let s = &doc.seller;
        let mut footer = vec![s.name.clone()];
        footer.extend(s.vat_number.iter().map(|v| format!("VAT {v}")));
        footer.extend(
            doc.payment
                .iter()
                .map(|p| format!("IBAN {}", group4(&p.iban))),
        );
        footer.extend(s.email.iter().cloned());
        let footer = footer.join("  \u{2022}  ");

        let mut pdf = Pdf::new();
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let regular = Ref::new(3);
        let bold = Ref::new(4);
        let info = Ref::new(5);
        let first_page = 6;
        let page_ids: Vec<Ref> = (0..count)
            .map(|i| Ref::new(first_page + 2 * i as i32))
            .collect();
        // The logo's image (and its transparency mask) after the pages.
        let logo_ref = logo.map(|l| {
            let image = Ref::new(first_page + 2 * count as i32);
            l.write(&mut pdf, image, Ref::new(image.get() + 1));
            image
        });
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree)
            .kids(page_ids.iter().copied())
            .count(count as i32);
        pdf.type1_font(regular)
            .base_font(Name(b"Helvetica"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.type1_font(bold)
            .base_font(Name(b"Helvetica-Bold"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        let title = match doc.kind {
            DocumentKind::Invoice => format!("Invoice {}", doc.number),
            DocumentKind::CreditNote => format!("Credit note {}", doc.number),
            DocumentKind::Quotation => format!("Quotation {}", doc.number),
        };
        let issued = Date::new(
            doc.issue_date
                .format("%Y")
                .to_string()
                .parse()
                .unwrap_or(2000),
        )
        .month(doc.issue_date.format("%m").to_string().parse().unwrap_or(1))
        .day(doc.issue_date.format("%d").to_string().parse().unwrap_or(1));
        pdf.document_info(info)
            .title(TextStr(&title))
            .author(TextStr(&s.name))
            .creator(TextStr("Ecom"))
            .creation_date(issued);

        for (i, mut content) in pages.into_iter().enumerate() {
            let mut c = Canvas {
                done: Vec::new(),
                page: std::mem::replace(&mut content, Content::new()),
                y: 0.0,
            };
            c.hline(48.0, 0.7);
            c.text(LEFT, 36.0, 7.5, false, &footer);
            c.text_right(
                RIGHT,
                36.0,
                7.5,
                false,
                &format!("Page {} of {count}", i + 1),
            );
            let page_id = page_ids[i];
            let content_id = Ref::new(page_id.get() + 1);
            let mut page = pdf.page(page_id);
            page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
            page.parent(tree);
            page.contents(content_id);
            let mut resources = page.resources();
            resources.fonts().pair(REGULAR, regular).pair(BOLD, bold);
            if let (0, Some(image)) = (i, logo_ref) {
                resources.x_objects().pair(LOGO_NAME, image);
            }
            resources.finish();
            page.finish();
            pdf.stream(content_id, &c.page.finish());
        }
        pdf.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn money_has_separators() {
        assert_eq!(money(dec!(1234567.5)), "1,234,567.50");
        assert_eq!(money(dec!(0)), "0.00");
        assert_eq!(money(dec!(-45.1)), "-45.10");
        assert_eq!(money(dec!(12.3456)), "12.3456");
    }

    #[test]
    fn long_text_wraps_within_width() {
        let lines = wrap(
            "Professional services for the implementation of the new CRM, phase two",
            9.0,
            120.0,
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(l, 9.0, false) <= 120.0));
        assert_eq!(wrap("", 9.0, 100.0), vec![String::new()]);
    }

    #[test]
    fn euro_sign_is_win_ansi() {
        assert_eq!(win_ansi("€ é"), vec![0x80, b' ', 0xe9]);
        assert_eq!(win_ansi("Ω"), b"?".to_vec());
    }
}
