import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { z } from 'zod';
import { fuzzSettings } from '../../common/testing/fuzzSettings';
import { roles, type Role } from '../../shared/domain/roles';
import { contract } from '../../shared/ipc';
import { payloadsFor } from '../../shared/testing/hostilePayloads';
import { admin, doctor, pharmacist, seededCore } from './testing/fixtures';

/**
 * Every IPC channel, fed random and hostile payloads by a caller allowed to use it (issue 12): an
 * answer is always a typed result, never an internal error, and a refused request writes nothing.
 */
const core = await seededCore(30);
const accounts: Record<Role, { account: string; password: string }> = { physician: doctor, pharmacist, admin };
const writes = () => core.db.prepare<[], { n: number }>('SELECT total_changes() AS n').get()!.n;

async function connectionFor(role: Role): Promise<string> {
  const connection = `fuzz-${role}`;
  // A hostile payload may be a valid sign-out: sign in again rather than fuzz the rest unauthenticated.
  const current = await core.dispatch('auth:current', {}, connection);
  if (!current.ok || current.value === null) {
    assert.equal((await core.dispatch('auth:signIn', accounts[role], connection)).ok, true);
  }
  return connection;
}

for (const [channel, def] of Object.entries(contract)) {
  test(`${channel}: hostile payloads get a typed answer, and a refused one changes nothing`, async () => {
    const role = def.access === 'public' ? roles[0] : (def.access as readonly Role[])[0]!;
    await fc.assert(
      fc.asyncProperty(payloadsFor(def.request as z.ZodType), async (payload) => {
        const connection = await connectionFor(role);
        const before = writes();
        const result = await core.dispatch(channel, payload, connection);
        assert.equal(typeof result.ok, 'boolean');
        if (result.ok) return;
        assert.notEqual(result.error.code, 'INTERNAL', result.error.message);
        assert.ok(result.error.message.length > 5);
        if (result.error.code === 'INVALID_REQUEST') assert.equal(writes(), before, 'a request refused as invalid wrote to the store');
        assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
      }),
      fuzzSettings,
    );
  });
}
