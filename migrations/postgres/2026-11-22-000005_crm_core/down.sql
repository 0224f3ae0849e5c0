DROP TABLE domain_events;
DROP TABLE contacts;
DROP TABLE companies;
