"""Signs up a fresh tenant on the server at argv[1], logs its Administrator
in, orders a contract with every module (so the fuzzer reaches every module's
endpoints: without it, its own early `POST /contract/order` turned the trial
into a contract without modules and 30 operations answered only 403) and
prints the access token (for schemathesis in scripts/test step 5)."""

import json
import sys
import urllib.request
import uuid

base = sys.argv[1]
body = {
    "company": {"name": "Fuzz BV", "country": "BE", "vat_number": None, "street": "Kerkstraat 1", "postal_code": "9000", "city": "Gent"},
    "administrator": {"first_name": "An", "last_name": "Peeters", "email": f"fuzz.{uuid.uuid4().hex}@example.be",
                      "password": "correct horse battery staple", "function": "Zaakvoerder", "phone": "+32 9 123 45 67"},
    "accepted": {"terms": "2026-01", "privacy": "2026-01", "data_processing": "2026-01"},
}


def post(path: str, payload: dict, token: str | None = None) -> dict:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(f"{base}{path}", data=json.dumps(payload).encode(), headers=headers)
    with urllib.request.urlopen(request) as response:
        return json.load(response)


post("/api/v1/signup", body)
login = {"email": body["administrator"]["email"], "password": body["administrator"]["password"]}
token = post("/api/v1/auth/login", login)["access_token"]
modules = ["crm", "calendar", "quotations", "projects", "invoicing", "ticketing", "voip", "api"]
post("/api/v1/contract/order", {"term_length": "year", "modules": modules, "extra_seats": 2}, token)
print(token)
