/**
 * Face verification on this workstation (issue 9). Only the template is kept (the normalised mean of
 * the enrollment captures' faceres descriptors, with the model it came from), never an image; the
 * store itself is encrypted (SQLCipher), so the template is encrypted at rest. Templates do not roam:
 * a server copy needs the user's separate consent and is not built yet.
 *
 * Lockouts survive a restart: the failure count and the lock's end are rows, not memory. The site's
 * face policy (FacePolicy) is one validated JSON row, changed only through `face:policy:set`.
 */
export const sql = `
CREATE TABLE face_templates (
  user_id TEXT PRIMARY KEY,
  model_id TEXT NOT NULL,           -- e.g. human-3.3.6/faceres@<sha256 of faceres.bin>
  descriptor BLOB NOT NULL,         -- Float32 little-endian, unit length
  captures INTEGER NOT NULL,
  consent_version TEXT NOT NULL,    -- shared/face/consent.ts, the text the user agreed to
  enrolled_by TEXT NOT NULL,        -- the admin's user id
  enrolled_at TEXT NOT NULL
);

CREATE TABLE face_lockouts (
  user_id TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,        -- consecutive failed checks since the last success or lock
  locked_until INTEGER              -- ms since the epoch; null when not locked
);

CREATE TABLE face_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  policy TEXT NOT NULL,             -- FacePolicy as JSON, validated on every read
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;
