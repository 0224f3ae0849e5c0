"""A subset of the Peppol BIS Billing 3.0 rules (PEPPOL-EN16931-*,
PEPPOL-COMMON-*), written for Ecom's tests from the published rule texts.

The official OpenPeppol schematron is not distributed through a package
registry, so the rules that matter for the documents Ecom writes are checked
here. Covered:

  PEPPOL-EN16931-R001  ProfileID is a Peppol billing process id
  PEPPOL-EN16931-R002  at most one document-level Note
  PEPPOL-EN16931-R003  BuyerReference or OrderReference present
  PEPPOL-EN16931-R004  CustomizationID is Peppol BIS Billing 3.0
  PEPPOL-EN16931-R008  no empty elements
  PEPPOL-EN16931-R010  buyer EndpointID present
  PEPPOL-EN16931-R020  seller EndpointID present
  PEPPOL-EN16931-R051  every currencyID equals the document currency
  PEPPOL-EN16931-R053  exactly one TaxTotal, and it has subtotals
  PEPPOL-EN16931-R061  mandate reference for direct debit (49, 59)
  PEPPOL-EN16931-R120  line net = quantity x net price - allowances + charges
  PEPPOL-EN16931-R121  price base quantity above zero
  PEPPOL-EN16931-R130  base quantity unit = invoiced quantity unit
  PEPPOL-EN16931-P0100/P0101  invoice / credit note type code allowed
  PEPPOL-EN16931-F001  dates are YYYY-MM-DD
  PEPPOL-EN16931-CL008 EAS scheme of the endpoints (codes Ecom uses)
  PEPPOL-COMMON-R043   Belgian enterprise numbers (0208): 10 digits, mod 97
"""
import re
from decimal import Decimal

CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
NS = {"cbc": CBC, "cac": CAC}

INVOICE_TYPES = {"71", "80", "82", "84", "102", "218", "219", "331", "380", "382", "383", "386", "388", "393", "395",
                 "553", "575", "623", "780", "817", "870", "875", "876", "877"}
CREDIT_NOTE_TYPES = {"81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "532"}
# EAS codes of the countries Ecom invoices to (a subset of the full list).
EAS = {"0002", "0007", "0009", "0088", "0096", "0106", "0184", "0190", "0192", "0196", "0198", "0204", "0208",
       "0209", "0210", "0211", "9906", "9914", "9915", "9918", "9925", "9930", "9938", "9944", "9945", "9946",
       "9957", "0060", "0130"}


def _text(el):
    return (el.text or "").strip() if el is not None else ""


def _dec(el):
    return Decimal(_text(el) or "0")


def check(doc):
    root = doc.getroot()
    local = root.tag.split("}")[1]
    is_invoice = local == "Invoice"
    out = []
    add = lambda rule, msg: out.append((rule, msg))  # noqa: E731

    profile = _text(root.find("cbc:ProfileID", NS))
    if not re.fullmatch(r"urn:fdc:peppol\.eu:2017:poacc:billing:\d\d:1\.0", profile):
        add("PEPPOL-EN16931-R001", f"ProfileID {profile!r}")
    if len(root.findall("cbc:Note", NS)) > 1:
        add("PEPPOL-EN16931-R002", "more than one document-level Note")
    if not _text(root.find("cbc:BuyerReference", NS)) and not _text(root.find("cac:OrderReference/cbc:ID", NS)):
        add("PEPPOL-EN16931-R003", "neither BuyerReference nor OrderReference")
    custom = _text(root.find("cbc:CustomizationID", NS))
    if not custom.startswith("urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"):
        add("PEPPOL-EN16931-R004", f"CustomizationID {custom!r}")
    for el in root.iter():
        if isinstance(el.tag, str) and len(el) == 0 and not _text(el):
            add("PEPPOL-EN16931-R008", f"empty element {el.tag}")
    for role, rule in (("AccountingCustomerParty", "PEPPOL-EN16931-R010"), ("AccountingSupplierParty", "PEPPOL-EN16931-R020")):
        ep = root.find(f"cac:{role}/cac:Party/cbc:EndpointID", NS)
        if ep is None or not _text(ep):
            add(rule, f"{role} has no EndpointID")
        elif ep.get("schemeID") not in EAS:
            add("PEPPOL-EN16931-CL008", f"{role} EndpointID scheme {ep.get('schemeID')!r}")
    currency = _text(root.find("cbc:DocumentCurrencyCode", NS))
    for el in root.iter():
        cid = el.get("currencyID")
        if cid is not None and cid != currency:
            add("PEPPOL-EN16931-R051", f"{el.tag} in {cid}, document in {currency}")
    totals = root.findall("cac:TaxTotal", NS)
    if len(totals) != 1 or not totals[0].findall("cac:TaxSubtotal", NS):
        add("PEPPOL-EN16931-R053", "exactly one TaxTotal with subtotals is required")
    for pm in root.findall("cac:PaymentMeans", NS):
        if _text(pm.find("cbc:PaymentMeansCode", NS)) in ("49", "59") and not _text(pm.find("cac:PaymentMandate/cbc:ID", NS)):
            add("PEPPOL-EN16931-R061", "direct debit without mandate reference")

    line_tag, qty_tag = ("InvoiceLine", "InvoicedQuantity") if is_invoice else ("CreditNoteLine", "CreditedQuantity")
    for line in root.findall(f"cac:{line_tag}", NS):
        lid = _text(line.find("cbc:ID", NS))
        qty_el = line.find(f"cbc:{qty_tag}", NS)
        qty = _dec(qty_el)
        price = _dec(line.find("cac:Price/cbc:PriceAmount", NS))
        base_el = line.find("cac:Price/cbc:BaseQuantity", NS)
        base = _dec(base_el) if base_el is not None else Decimal(1)
        if base <= 0:
            add("PEPPOL-EN16931-R121", f"line {lid}: base quantity {base}")
            continue
        if base_el is not None and base_el.get("unitCode") not in (None, qty_el.get("unitCode")):
            add("PEPPOL-EN16931-R130", f"line {lid}: base quantity unit differs")
        charges = sum((_dec(ac.find("cbc:Amount", NS)) for ac in line.findall("cac:AllowanceCharge", NS)
                       if _text(ac.find("cbc:ChargeIndicator", NS)) == "true"), Decimal(0))
        allowances = sum((_dec(ac.find("cbc:Amount", NS)) for ac in line.findall("cac:AllowanceCharge", NS)
                          if _text(ac.find("cbc:ChargeIndicator", NS)) == "false"), Decimal(0))
        net = _dec(line.find("cbc:LineExtensionAmount", NS))
        expected = qty * (price / base) + charges - allowances
        # The published rule allows a slack of 0.02.
        if abs(net - expected) > Decimal("0.02"):
            add("PEPPOL-EN16931-R120", f"line {lid}: net {net}, expected {expected}")

    type_code = _text(root.find("cbc:InvoiceTypeCode" if is_invoice else "cbc:CreditNoteTypeCode", NS))
    if is_invoice and type_code not in INVOICE_TYPES:
        add("PEPPOL-EN16931-P0100", f"invoice type code {type_code!r}")
    if not is_invoice and type_code not in CREDIT_NOTE_TYPES:
        add("PEPPOL-EN16931-P0101", f"credit note type code {type_code!r}")
    for el in root.iter(f"{{{CBC}}}IssueDate", f"{{{CBC}}}DueDate", f"{{{CBC}}}PaymentDueDate",
                        f"{{{CBC}}}StartDate", f"{{{CBC}}}EndDate", f"{{{CBC}}}ActualDeliveryDate"):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", _text(el)):
            add("PEPPOL-EN16931-F001", f"{el.tag} {el.text!r}")
    for el in root.iter():
        if el.get("schemeID") == "0208":
            v = _text(el)
            if not (re.fullmatch(r"[01]\d{9}", v) and 97 - int(v[:8]) % 97 == int(v[8:])):
                add("PEPPOL-COMMON-R043", f"{el.tag} {v!r} is not a Belgian enterprise number")
    return out
