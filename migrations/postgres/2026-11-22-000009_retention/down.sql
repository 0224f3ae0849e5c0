DROP TRIGGER invoices_no_update ON invoices;
DROP TRIGGER invoices_no_delete ON invoices;
DROP FUNCTION invoices_redact_only();
CREATE TRIGGER invoices_no_change BEFORE UPDATE OR DELETE ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoices_immutable();
DROP TRIGGER audit_log_no_update ON audit_log;
DROP TRIGGER audit_log_no_delete ON audit_log;
DROP FUNCTION audit_log_erase_person_only();
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
DROP TABLE retention_erasures;
DROP TABLE privacy_restrictions;
DROP TABLE privacy_requests;
DROP TABLE prospects;
