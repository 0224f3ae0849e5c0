DROP TABLE retention_erasures;
DROP TABLE privacy_restrictions;
DROP TABLE privacy_requests;
DROP TABLE prospects;
