-- Hardening of issue 7: case-insensitive usernames, access tokens that die with a password
-- change, blobs stored per customer, and no token-signing secret in the database.

-- Usernames are unique regardless of case (`Engineer1` and `engineer1` are one person to
-- everyone reading a report). Existing accounts that differ only in case are not merged or
-- refused (the server could not start to fix them): the oldest keeps its name, every later one
-- is renamed `<name>-dup-<first 8 characters of its id>` and the rename is recorded here; the
-- server logs each recorded rename at start so the admin can tell the engineer.
CREATE TABLE username_renames (
  user_id text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  old_username text NOT NULL,
  new_username text NOT NULL,
  renamed_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO username_renames (user_id, old_username, new_username)
SELECT id, username, left(username, 50) || '-dup-' || left(replace(id, '-', ''), 8)
FROM (
  SELECT id, username,
         row_number() OVER (PARTITION BY lower(username) ORDER BY created_at, id) AS n
  FROM users
) ranked
WHERE n > 1;

UPDATE users SET username = r.new_username FROM username_renames r WHERE r.user_id = users.id;

CREATE UNIQUE INDEX users_username_lower ON users (lower(username));

-- Bumped by every password change; an access token carries the generation it was issued under
-- and is refused once it is older (it used to live on for its 15 minutes).
ALTER TABLE users ADD COLUMN token_generation integer NOT NULL DEFAULT 0;

-- A blob is stored per customer: the bytes are on disk once (content-addressed), but a customer
-- may read them only once they were uploaded for it, by someone who may write that customer.
-- A reference from a document is no longer enough (knowing a hash is not knowing the content).
CREATE TABLE blob_grants (
  sha256 text NOT NULL,
  customer_id text NOT NULL,
  uploaded_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sha256, customer_id)
);
CREATE INDEX blob_grants_customer ON blob_grants (customer_id);

-- Blobs uploaded before this version: who uploaded them for which customer was not recorded, so
-- the customers whose live documents reference them now keep their access (one-time carry-over).
INSERT INTO blob_grants (sha256, customer_id)
SELECT DISTINCT r.sha256, r.customer_id FROM blob_refs r JOIN blobs b ON b.sha256 = r.sha256
ON CONFLICT DO NOTHING;

-- The access-token key is now derived from the server secret outside the database (the one that
-- protects the CA key); the old key in clear goes. Access tokens issued before end (at most 15
-- minutes early); refresh tokens stay valid, so clients simply refresh.
DELETE FROM server_settings WHERE name = 'access_token_secret';
