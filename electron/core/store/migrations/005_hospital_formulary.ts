/**
 * The hospital's own formulary as pulled from the server (shared/sync/rows.ts `FormularyRow`),
 * laid over the shipped knowledge when prescriptions are checked (rx/knowledgeSource.ts).
 * No cursor reset: a workstation without this table could not have applied a page holding
 * formulary rows, so its cursor never passed them.
 */
export const sql = `
CREATE TABLE formulary (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('listed', 'withdrawn')),
  drug TEXT,
  reason TEXT,
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);
`;
