/**
 * A pharmacist's scope (issue 8, item 5): the prescriptions waiting for review plus those the
 * pharmacist reviewed within the hospital's window (server/feed/reviewScope.ts). Waiting ones
 * have their index already (009, prescriptions_in_queue); this one finds a reviewer's recent
 * decisions at each pull without reading every prescription the hospital ever reviewed.
 */
export const sql = `
CREATE INDEX prescriptions_by_reviewer ON prescriptions (reviewed_by, reviewed_at) WHERE reviewed_by IS NOT NULL;
`;
