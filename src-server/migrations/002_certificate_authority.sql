-- The organisation's certificate authority: one CA per server database, shared by every instance.
-- The private key is stored encrypted (AES-256-GCM) with a secret that is NOT in the database
-- (see src-server/services/certificate-authority.ts): a dump of the database alone cannot issue.
CREATE TABLE certificate_authority (
  id smallint PRIMARY KEY CHECK (id = 1),
  certificate_pem text NOT NULL,
  private_key_encrypted text NOT NULL,
  source text NOT NULL CHECK (source IN ('generated', 'imported')),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Every certificate the CA issued, for audit and (later) revocation. The username is copied so
-- the record stays readable if the account is removed.
CREATE TABLE issued_certificates (
  serial text PRIMARY KEY,
  user_id text REFERENCES users (id) ON DELETE SET NULL,
  username text NOT NULL,
  subject text NOT NULL,
  not_before timestamptz NOT NULL,
  not_after timestamptz NOT NULL,
  fingerprint_sha256 text NOT NULL,
  certificate_pem text NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX issued_certificates_user ON issued_certificates (user_id);
