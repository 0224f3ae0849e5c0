"""Signs up a fresh tenant on the server at argv[1], logs its Administrator
in and prints the access token (for schemathesis in scripts/test step 5)."""

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


def post(path: str, payload: dict) -> dict:
    request = urllib.request.Request(f"{base}{path}", data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


post("/api/v1/signup", body)
login = {"email": body["administrator"]["email"], "password": body["administrator"]["password"]}
print(post("/api/v1/auth/login", login)["access_token"])
