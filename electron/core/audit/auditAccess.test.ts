/**
 * The audit view's channels (issue 12, hardening): the declared matrix is admin only, and on a
 * workstation connected to a real hospital server every other role and a caller with no session
 * is refused, with a request that is otherwise valid, before anything is asked or audited.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { roles, type Role } from '../../../shared/domain/roles';
import { contract } from '../../../shared/ipc';
import { demo, startClinic } from '../sync/testing/clinic';

const clinic = await startClinic('pglite', 5);
const desk = await clinic.workstation(demo.admin);
const accounts: Record<Role, { account: string; password: string }> = { physician: demo.doctor, pharmacist: demo.pharmacist, admin: demo.admin };
for (const role of roles) assert.equal((await desk.core.dispatch('auth:signIn', accounts[role], `c-${role}`)).ok, true, role);

const auditChannels = Object.entries(contract).filter(([channel]) => channel.startsWith('audit:'));
const valid: Record<string, unknown> = { 'audit:query': { patientId: 'p-1', page: 1, pageSize: 10 }, 'audit:export': { action: 'chart.open', page: 1, pageSize: 10 } };
const trailLength = () => desk.query<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE action LIKE 'audit.%'`)[0]!.n;
const codeOf = async (channel: string, connection: string) => {
  const answer = await desk.core.dispatch(channel, valid[channel], connection);
  return answer.ok ? 'ok' : answer.error.code;
};

test('the declared matrix: every audit channel is the admin role only, and each has a valid request here', () => {
  assert.deepEqual(auditChannels.map(([channel]) => channel).sort(), ['audit:export', 'audit:query']);
  for (const [channel, def] of auditChannels) {
    assert.deepEqual(def.access, ['admin'], channel);
    assert.ok(valid[channel] !== undefined, channel);
  }
});

test('no session and every other role are refused on every audit channel, and nothing is asked or audited', async () => {
  const before = trailLength();
  for (const [channel] of auditChannels) {
    assert.equal(await codeOf(channel, 'c-nobody'), 'UNAUTHENTICATED', channel);
    for (const role of roles.filter((r) => r !== 'admin')) assert.equal(await codeOf(channel, `c-${role}`), 'FORBIDDEN', `${channel} as ${role}`);
  }
  assert.equal(trailLength(), before, 'a refused call leaves no audit.* entry');
});

test('the admin gets an answer from the hospital on each, and each call is audited', async () => {
  const before = trailLength();
  for (const [channel] of auditChannels) assert.equal(await codeOf(channel, 'c-admin'), 'ok', channel);
  assert.equal(trailLength(), before + auditChannels.length);
});
