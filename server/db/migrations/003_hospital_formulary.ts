/**
 * The hospital's own formulary (issue 4: "the hospital's own list wins"): one row per drug code
 * the hospital lists with its own record or withdraws; every other drug keeps the record that
 * ships with CareDesk (shared/rx/knowledge/hospital.ts). Synced to every device (rows.ts
 * `FormularyRow`), so columns are only ever added.
 */
export const sql = `
CREATE TABLE formulary (
  id text PRIMARY KEY,                                   -- the drug code
  status text NOT NULL CHECK (status IN ('listed', 'withdrawn')),
  drug text,                                             -- the hospital's drug record (JSON); null = the shipped one
  reason text,                                           -- why it was withdrawn
  version integer NOT NULL,
  updated_at text NOT NULL,
  updated_by text NOT NULL REFERENCES users (id),
  CHECK (status = 'listed' OR reason IS NOT NULL),
  CHECK (status = 'withdrawn' OR drug IS NOT NULL)
);
`;
