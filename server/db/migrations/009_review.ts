/**
 * Pharmacist review (issue 10). Claims are leases held here; claims and decisions are online calls
 * with client-made ids, applied once (review_requests keeps each call's answer). A decision is the
 * reviewer's signed act, kept whole like a signed prescription. Nothing is ever deleted but a lease.
 */
export const sql = `
-- 《医疗机构处方审核规范》第五条: a reviewer holds a pharmacist's title, 3 years of dispensing and
-- passed review training; recorded on the account by an admin. Null title: not a reviewer.
ALTER TABLE users
  ADD COLUMN reviewer_title text CHECK (reviewer_title IN ('pharmacist', 'pharmacist-in-charge', 'associate-chief-pharmacist', 'chief-pharmacist')),
  ADD COLUMN dispensing_years integer CHECK (dispensing_years BETWEEN 0 AND 70),
  ADD COLUMN review_training_passed boolean NOT NULL DEFAULT false;

ALTER TABLE prescriptions
  ADD COLUMN submitted_at timestamptz,          -- server time it arrived for review: the queue's clock
  ADD COLUMN reviewed_by text REFERENCES users (id),
  ADD COLUMN reviewed_at timestamptz;
-- Prescriptions that arrived before this: their day of issue starts the clock.
UPDATE prescriptions SET submitted_at = issued_on::date WHERE status = 'submitted' AND submitted_at IS NULL;
CREATE INDEX prescriptions_in_queue ON prescriptions (submitted_at) WHERE status = 'submitted';

CREATE TABLE review_claims (
  prescription_id text PRIMARY KEY REFERENCES prescriptions (id),
  pharmacist_id text NOT NULL REFERENCES users (id),
  claimed_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE TABLE review_requests (
  id text PRIMARY KEY,                          -- the client-made request or decision id
  user_id text NOT NULL REFERENCES users (id),
  kind text NOT NULL CHECK (kind IN ('claim', 'release', 'decision')),
  request jsonb NOT NULL,                       -- as received, so a replay with other content is told apart
  answer jsonb NOT NULL,
  received_at timestamptz NOT NULL
);

CREATE TABLE review_decisions (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,      -- the server's order of decisions (never a client clock)
  prescription_id text NOT NULL REFERENCES prescriptions (id),
  pharmacist_id text NOT NULL REFERENCES users (id),
  decision text NOT NULL CHECK (decision IN ('approve', 'return', 'intervene')),
  reasons jsonb NOT NULL,
  note text NOT NULL,
  intervention jsonb,
  signed_document text NOT NULL,                -- canonical JSON of the document and its signature
  signature_public_key text NOT NULL,
  signature_value text NOT NULL,
  decided_at text NOT NULL,                     -- the reviewer's clock, as signed
  recorded_at timestamptz NOT NULL              -- the server's
);
CREATE INDEX review_decisions_by_prescription ON review_decisions (prescription_id, seq);

-- Hospital settings an admin changes (review lease, queue clock limits, ...); absent keys take
-- the defaults in code (server/review/settings.ts).
CREATE TABLE hospital_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_by text REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;
