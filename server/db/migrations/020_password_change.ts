/**
 * "Change password at next sign-in" (issue 12). A password an admin set (a new account, a reset) is
 * one someone else knows: `must_change_password` makes the account choose its own at its next
 * online sign-in. Until then its sign-in gets a token good only for that change (`tokens.purpose`,
 * server/http/access.ts) and no offline verifier, so it cannot sign in offline either.
 * Existing accounts keep the passwords they have.
 */
export const sql = `
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE tokens ADD COLUMN purpose text NOT NULL DEFAULT 'session' CHECK (purpose IN ('session', 'password-change'));
`;
