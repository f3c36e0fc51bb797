import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { auditEntryText, genesis, type AuditEntry } from '../../shared/audit/chain';
import { sha256 } from '../auth/tokens';
import { demo, type TestHospital, type Workstation } from './hospital';

/** One audited step of a made-up workstation chain. */
export interface AuditStep {
  action: string;
  subject: string;
  detail?: Record<string, unknown>;
  at?: string;
  userId?: string;
}

/** A workstation's chain of these steps, hashed as the workstation hashes them. */
export function chainOf(installationId: string, steps: readonly AuditStep[]): AuditEntry[] {
  let head: { seq: number; hash: string } = genesis;
  return steps.map((step, i) => {
    const unhashed = {
      seq: head.seq + 1, at: step.at ?? new Date(Date.UTC(2026, 10, 20, 8, 0, i)).toISOString(), userId: step.userId ?? 'u-doctor', sessionId: 's-1',
      deviceId: installationId, action: step.action, subject: step.subject, detail: step.detail ?? {}, prevHash: head.hash,
    };
    const entry = { ...unhashed, hash: sha256(auditEntryText(unhashed)) };
    head = entry;
    return entry;
  });
}

/** A new doctor's workstation that uploads a chain of `steps`, as sync does. */
export async function uploadedChain(hospital: TestHospital, steps: readonly AuditStep[]): Promise<{ ws: Workstation; entries: AuditEntry[] }> {
  const ws = await hospital.workstation(demo.doctor.account, demo.doctor.password);
  const entries = chainOf(randomUUID(), steps);
  const answer = await hospital.request('POST', '/audit/upload', { token: ws.token, body: { deviceId: ws.deviceId, entries } });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return { ws, entries };
}
