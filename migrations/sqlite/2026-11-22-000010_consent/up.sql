-- Consent and communications (SPEC §4 "Marketing", "Cookies", "Policies").

-- Every change of a person's consent to one marketing list, newest last: the
-- current choice is the latest row per list, the rest is the history
-- (when, how it was given, under which privacy statement version).
CREATE TABLE marketing_consents (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    list TEXT NOT NULL CHECK (list IN ('onboarding', 'product_updates', 'newsletter', 'events')),
    granted BOOLEAN NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('signup_form', 'privacy_centre', 'operator_on_request', 'import', 'unsubscribe_link')),
    policy_version TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX marketing_consents_person_idx ON marketing_consents (tenant_id, user_id, list, recorded_at);

-- What is left after an opt-out: a keyed hash (HMAC-SHA256 with a server
-- secret) of the normalised e-mail address or phone number, and what it may
-- no longer be used for: one marketing list, every list ('all_marketing'),
-- or Ecom's own sales calls ('sales_calls'). Nothing else about the person.
CREATE TABLE contact_suppressions (
    address_hash TEXT NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('onboarding', 'product_updates', 'newsletter', 'events', 'all_marketing', 'sales_calls')),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (address_hash, scope)
);

-- A person whose processing is restricted (GDPR art. 18): kept, but not
-- used for marketing until lifted.
CREATE TABLE processing_restrictions (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    restricted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

-- Cookie consent of a browser, identified only by the random id in its
-- strictly necessary consent cookie; every choice is kept as proof.
CREATE TABLE cookie_consents (
    id TEXT PRIMARY KEY NOT NULL,
    consent_id TEXT NOT NULL,
    -- Comma-separated categories besides the strictly necessary ones.
    categories TEXT NOT NULL,
    policy_version TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX cookie_consents_consent_idx ON cookie_consents (consent_id, recorded_at);

-- Pseudonymous usage analytics: a random id, never an e-mail, user id or IP
-- address; the country/region come from a trusted proxy's header.
CREATE TABLE analytics_events (
    id TEXT PRIMARY KEY NOT NULL,
    pseudonym TEXT NOT NULL,
    event TEXT NOT NULL CHECK (event IN ('page_view', 'feature_use')),
    name TEXT NOT NULL,
    country TEXT,
    region TEXT,
    occurred_on DATE NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX analytics_events_day_idx ON analytics_events (occurred_on);

-- The text of a policy version (the first versions' text is built into the
-- server from the operator's documents).
CREATE TABLE policy_texts (
    kind TEXT NOT NULL,
    version TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (kind, version)
);
