/**
 * The hospital CA's certificate for each user's signing key (issue 8, item 11), as the server
 * issued it at an online sign-in (`IssuedCertificate`, JSON). `signing_keys.certificate_id` (from
 * 003) names its serial; a key without one does not sign on a workstation connected to a server.
 */
export const sql = `
ALTER TABLE signing_keys ADD COLUMN certificate TEXT;
`;
