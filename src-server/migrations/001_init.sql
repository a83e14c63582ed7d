-- Accounts, access and the replicated documents. One dialect for PGlite and PostgreSQL.

CREATE TABLE server_settings (
  name text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE users (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('engineer', 'lead', 'admin')),
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A customer assigned to a user (an engineer, or a lead directly).
CREATE TABLE customer_assignments (
  customer_id text NOT NULL,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, user_id)
);
CREATE INDEX customer_assignments_user ON customer_assignments (user_id);

-- An engineer on a lead's team.
CREATE TABLE team_members (
  lead_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  engineer_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (lead_id, engineer_id)
);
CREATE INDEX team_members_engineer ON team_members (engineer_id);

-- Refresh tokens are stored hashed; a family is one login's chain of rotations.
CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  family_id text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

-- Cache=1 (the default) keeps nextval strictly increasing across connections; the push path
-- assigns values under a per-collection advisory lock so commit order equals sequence order.
CREATE SEQUENCE document_seq AS bigint CACHE 1;

-- Documents exactly as pushed (json keeps the text as sent); server metadata in columns.
CREATE TABLE documents (
  collection text NOT NULL,
  id text NOT NULL,
  customer_id text NOT NULL,
  seq bigint NOT NULL,
  deleted boolean NOT NULL,
  doc json NOT NULL,
  updated_by text,
  server_updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (collection, id)
);
CREATE UNIQUE INDEX documents_feed ON documents (collection, seq);
CREATE INDEX documents_scope_feed ON documents (collection, customer_id, seq);

-- Content-addressed blobs (bytes on the filesystem) and which documents reference them.
CREATE TABLE blobs (
  sha256 text PRIMARY KEY,
  size bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE blob_refs (
  sha256 text NOT NULL,
  collection text NOT NULL,
  doc_id text NOT NULL,
  customer_id text NOT NULL,
  PRIMARY KEY (sha256, collection, doc_id)
);
CREATE INDEX blob_refs_doc ON blob_refs (collection, doc_id);
