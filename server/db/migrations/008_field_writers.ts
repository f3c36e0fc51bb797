/**
 * Who made each scalar field's last accepted change (shared/sync/merge.ts): one author's edits on
 * one device are sequential, so a second edit of a field made before the first was answered comes
 * next instead of conflicting with its own author (issue 8, item 1). Null for changes recorded
 * before this: such a field keeps the old rule until its next change.
 */
export const sql = `
ALTER TABLE patient_field_versions
  ADD COLUMN changed_by text REFERENCES users (id),
  ADD COLUMN changed_on_device text REFERENCES devices (id);
`;
