-- Gatehouse store, PostgreSQL dialect. Kept in step with ../sqlite/V1__schema.sql.
-- Times are epoch milliseconds (UTC); the store truncates every Instant to the millisecond before writing it.
-- The rules live here as well as in the code: a certificate can only point at a credential or route of its own
-- vault, a credential or route with certificates cannot be deleted, and the audit log is append-only.

CREATE TABLE vaults (
    id         TEXT    NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    created_at BIGINT  NOT NULL
);

CREATE TABLE credentials (
    id            TEXT    NOT NULL PRIMARY KEY,
    vault_id      TEXT    NOT NULL REFERENCES vaults (id) ON DELETE RESTRICT,
    username      TEXT    NOT NULL,
    description   TEXT,
    password_hash BYTEA   NOT NULL,
    created_at    BIGINT  NOT NULL,
    CONSTRAINT credentials_username_unique UNIQUE (username),
    -- the target of the certificates' (credential_id, vault_id) foreign key
    CONSTRAINT credentials_id_vault_unique UNIQUE (id, vault_id)
);

CREATE INDEX credentials_vault ON credentials (vault_id);

CREATE TABLE routes (
    id              TEXT    NOT NULL PRIMARY KEY,
    vault_id        TEXT    NOT NULL REFERENCES vaults (id) ON DELETE RESTRICT,
    path_prefix     TEXT    NOT NULL,
    upstream        TEXT    NOT NULL,
    description     TEXT,
    upstream_ca_pem TEXT,
    created_at      BIGINT  NOT NULL,
    CONSTRAINT routes_id_vault_unique UNIQUE (id, vault_id)
);

CREATE INDEX routes_vault ON routes (vault_id);

CREATE TABLE certificates (
    id                 TEXT    NOT NULL PRIMARY KEY,
    vault_id           TEXT    NOT NULL REFERENCES vaults (id) ON DELETE RESTRICT,
    proxy_type         TEXT    NOT NULL CHECK (proxy_type IN ('OUTBOUND', 'INBOUND')),
    credential_id      TEXT,
    route_id           TEXT,
    description        TEXT,
    chain_pem          TEXT    NOT NULL,
    sealed_private_key BYTEA   NOT NULL,
    subject            TEXT    NOT NULL,
    signer             TEXT    NOT NULL,
    serial_number      TEXT    NOT NULL,
    sha256_fingerprint TEXT    NOT NULL,
    not_before         BIGINT  NOT NULL,
    not_after          BIGINT  NOT NULL,
    key_algorithm      TEXT    NOT NULL,
    key_size           INTEGER NOT NULL,
    -- newline-joined; an empty string is an empty list
    subject_alt_names  TEXT    NOT NULL,
    chain_length       INTEGER NOT NULL,
    created_at         BIGINT  NOT NULL,
    CONSTRAINT certificates_one_target CHECK (
        (proxy_type = 'OUTBOUND' AND credential_id IS NOT NULL AND route_id IS NULL)
        OR (proxy_type = 'INBOUND' AND route_id IS NOT NULL AND credential_id IS NULL)),
    -- composite keys: the target must exist and belong to the certificate's own vault
    CONSTRAINT certificates_credential_fk FOREIGN KEY (credential_id, vault_id)
        REFERENCES credentials (id, vault_id) ON DELETE RESTRICT,
    CONSTRAINT certificates_route_fk FOREIGN KEY (route_id, vault_id)
        REFERENCES routes (id, vault_id) ON DELETE RESTRICT,
    CONSTRAINT certificates_credential_fingerprint_unique UNIQUE (credential_id, sha256_fingerprint),
    CONSTRAINT certificates_route_fingerprint_unique UNIQUE (route_id, sha256_fingerprint)
);

CREATE INDEX certificates_vault ON certificates (vault_id);
CREATE INDEX certificates_route ON certificates (route_id);

-- No foreign key to vaults: the history outlives what it describes. Never holds a secret.
CREATE TABLE audit_events (
    sequence    BIGINT  NOT NULL PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    vault_id    TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    object_type TEXT    NOT NULL,
    object_id   TEXT    NOT NULL,
    at          BIGINT  NOT NULL
);

CREATE INDEX audit_events_vault ON audit_events (vault_id, sequence);

CREATE FUNCTION audit_events_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

CREATE TABLE config_version (
    id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    version BIGINT  NOT NULL
);

INSERT INTO config_version (id, version) VALUES (1, 0);

-- The outbound CA's key and certificate, sealed under the master key before they reach the store.
CREATE TABLE outbound_ca (
    id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    sealed     BYTEA   NOT NULL,
    created_at BIGINT  NOT NULL
);
