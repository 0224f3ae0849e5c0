DROP TABLE policy_texts;
DROP TABLE analytics_events;
DROP TABLE cookie_consents;
DROP TABLE processing_restrictions;
DROP TABLE contact_suppressions;
DROP TABLE marketing_consents;
