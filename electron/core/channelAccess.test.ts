import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contract } from '../../shared/ipc';
import { roles, type Role } from '../../shared/domain/roles';
import { admin, doctor, pharmacist, seededCore } from './testing/fixtures';

const core = await seededCore(20);
const accounts: Record<Role, { account: string; password: string }> = { physician: doctor, pharmacist, admin };
for (const role of roles) assert.equal((await core.dispatch('auth:signIn', accounts[role], `c-${role}`)).ok, true);

const guarded = Object.entries(contract).flatMap(([channel, def]) => (def.access === 'public' ? [] : [{ channel, allowed: def.access as readonly Role[] }]));
const codeOf = async (channel: string, connection: string) => {
  // A payload no channel accepts: a refusal must come from the session or the role, not the schema.
  const result = await core.dispatch(channel, { unexpected: true }, connection);
  return result.ok ? 'ok' : result.error.code;
};

test('every channel that is not public refuses a caller with no session', async () => {
  for (const { channel } of guarded) assert.equal(await codeOf(channel, 'c-nobody'), 'UNAUTHENTICATED', channel);
});

test('every channel refuses each role its contract does not list, before validating the request', async () => {
  let refusals = 0;
  for (const { channel, allowed } of guarded) {
    for (const role of roles.filter((r) => !allowed.includes(r))) {
      assert.equal(await codeOf(channel, `c-${role}`), 'FORBIDDEN', `${channel} as ${role}`);
      refusals += 1;
    }
  }
  assert.ok(refusals >= 20, `the contract has role-restricted channels to refuse (${refusals})`);
});

test('a role the contract lists gets past the gate to validation', async () => {
  for (const { channel, allowed } of guarded) {
    const code = await codeOf(channel, `c-${allowed[0]!}`);
    assert.ok(!['UNAUTHENTICATED', 'FORBIDDEN'].includes(code), `${channel} as ${allowed[0]}: ${code}`);
  }
});
