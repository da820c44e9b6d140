-- Each audit event names the configuration version its change produced, so that a node holding version v can read
-- what changed since (the events after v) instead of the whole store. Rows written before this migration have no
-- version; a node that needs them reads the whole store instead.
-- Kept in step with ../postgresql/V2__change_versions.sql.
ALTER TABLE audit_events ADD COLUMN config_version INTEGER;

CREATE INDEX audit_events_config_version ON audit_events (config_version);

-- Every upload reads MAX(created_at) to order uploads; without an index that is a scan of every certificate.
CREATE INDEX certificates_created_at ON certificates (created_at);
