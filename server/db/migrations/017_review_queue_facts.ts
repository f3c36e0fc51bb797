/**
 * The review queue's urgency facts as columns PostgreSQL keeps itself (issue 10): whether the visit
 * was an emergency, whether the prescriber overrode an alert, and the codes of the arrival check's
 * alerts. The queue orders every waiting prescription by them on each load; reading them out of the
 * signed document's JSON for thousands of rows each time was most of the queue's time. Generated
 * columns follow the signed columns they come from, so no writer can let them drift.
 */
export const sql = `
ALTER TABLE prescriptions
  ADD COLUMN queue_emergency boolean NOT NULL
    GENERATED ALWAYS AS (coalesce((signed_payload::jsonb #>> '{checkedWith,visit,emergency}')::boolean, false)) STORED,
  ADD COLUMN queue_overridden boolean NOT NULL
    GENERATED ALWAYS AS (coalesce(jsonb_array_length(overrides::jsonb), 0) > 0) STORED,
  ADD COLUMN queue_alerts jsonb NOT NULL
    GENERATED ALWAYS AS (coalesce(jsonb_path_query_array(arrival_check::jsonb, '$.alerts[*].code'), '[]'::jsonb)) STORED;
CREATE INDEX prescriptions_waiting_for_review ON prescriptions (id) WHERE status = 'submitted';
`;
