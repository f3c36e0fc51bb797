import { FACE_ROAMING_CONSENT_VERSION } from '../../../shared/face/consent';
import type { FaceTemplateState } from '../../../shared/sync/faceWire';
import type { Mutation, Outcome } from '../../../shared/sync/wire';
import { appendChanges } from '../../feed/append';
import { sealTemplate } from '../../face/templateKey';
import { deviceAudience } from '../../feed/faceTemplates';
import { Rejected, type MutationContext } from '../context';

type ConsentChange = Extract<Mutation, { kind: 'face.roaming.consent' }>;
type TemplateUpload = Extract<Mutation, { kind: 'face.template.roam' }>;

/**
 * Roaming face templates (issue 9; shared/sync/faceWire.ts). A consent is the user's own act: it
 * is recorded from the user's session, or from an admin's at enrollment (the user present) and
 * for a withdrawal. Every handler first locks the user's row, so a withdrawal and an upload of the
 * same user never interleave: the upload either sees the withdrawal and is refused, or is
 * deleted by it.
 */
async function lockSubject(ctx: MutationContext, userId: string): Promise<void> {
  if (ctx.user.id !== userId && !ctx.user.roles.includes('admin')) throw new Rejected('FORBIDDEN', "only the user or an administrator changes a user's face template");
  const [user] = await ctx.tx.query(`SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE`, [userId]);
  if (!user) throw new Rejected('NOT_FOUND', 'no such user');
}

export async function changeRoamingConsent(ctx: MutationContext, m: ConsentChange): Promise<Outcome> {
  const p = m.payload;
  await lockSubject(ctx, p.userId);
  if (p.action === 'give' && p.version !== FACE_ROAMING_CONSENT_VERSION) throw new Rejected('INVALID', `the current roaming consent text is ${FACE_ROAMING_CONSENT_VERSION}`);
  if (p.action === 'give' && p.scope !== 'roaming') throw new Rejected('INVALID', 'a consent is given for roaming');
  await ctx.tx.query(
    `INSERT INTO face_roaming_consents (user_id, action, version, scope, recorded_by, device_id, mutation_id, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [p.userId, p.action, p.version, p.scope, ctx.user.id, ctx.deviceId, m.mutationId, ctx.now],
  );
  if (p.action === 'give') return { status: 'applied', seq: null };
  // The copy goes in this transaction; the row stays as the tombstone every device of the user pulls.
  await ctx.tx.query(`DELETE FROM face_template_ciphertexts WHERE user_id = $1`, [p.userId]);
  const state: FaceTemplateState = p.scope === 'enrollment' ? 'enrollment-withdrawn' : 'roaming-withdrawn';
  const [withdrawn] = await ctx.tx.query<{ source_device_id: string }>(
    `UPDATE face_templates SET state = $2, version = version + 1, updated_at = $3 WHERE id = $1 AND state <> 'enrollment-withdrawn' RETURNING source_device_id`,
    [p.userId, state, ctx.now],
  );
  if (!withdrawn) return { status: 'applied', seq: null };
  const seq = await appendChanges(ctx.tx, 'face_templates', [p.userId], { ...ctx.meta, audience: p.userId });
  // The enrolling device deletes its own template too, whoever signs in there (feed/faceTemplates.ts).
  if (p.scope === 'roaming' || withdrawn.source_device_id === ctx.deviceId) return { status: 'applied', seq };
  return { status: 'applied', seq: await appendChanges(ctx.tx, 'face_templates', [p.userId], { ...ctx.meta, audience: deviceAudience(withdrawn.source_device_id) }) };
}

export async function roamTemplate(ctx: MutationContext, m: TemplateUpload): Promise<Outcome> {
  const p = m.payload;
  await lockSubject(ctx, p.userId);
  if (!ctx.faceTemplateKey) throw new Rejected('ROAMING_UNAVAILABLE', 'this hospital server holds no face template key; templates stay on their workstations');
  const [consent] = await ctx.tx.query<{ action: string; version: string }>(
    `SELECT action, version FROM face_roaming_consents WHERE user_id = $1 ORDER BY seq DESC LIMIT 1`,
    [p.userId],
  );
  if (consent?.action !== 'give' || consent.version !== p.roamingConsentVersion) {
    throw new Rejected('CONSENT_MISSING', 'the server holds no roaming consent of this user for this template; nothing was stored');
  }
  const key = await ctx.faceTemplateKey(ctx.tx, ctx.now);
  const [head] = await ctx.tx.query<{ version: number }>(
    `INSERT INTO face_templates (id, user_id, template_id, state, version, model_id, captures, consent_version, roaming_consent_version, enrolled_by, enrolled_at, source_device_id, updated_at)
     VALUES ($1, $1, $2, 'present', 1, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (id) DO UPDATE SET template_id = excluded.template_id, state = 'present', version = face_templates.version + 1, model_id = excluded.model_id,
       captures = excluded.captures, consent_version = excluded.consent_version, roaming_consent_version = excluded.roaming_consent_version,
       enrolled_by = excluded.enrolled_by, enrolled_at = excluded.enrolled_at, source_device_id = excluded.source_device_id, updated_at = excluded.updated_at
     RETURNING version`,
    [p.userId, p.templateId, p.modelId, p.captures, p.consentVersion, p.roamingConsentVersion, p.enrolledBy, p.enrolledAt, ctx.deviceId, ctx.now],
  );
  const sealed = sealTemplate(key, p.userId, head!.version, p.descriptor);
  await ctx.tx.query(
    `INSERT INTO face_template_ciphertexts (user_id, version, key_id, iv, ciphertext, tag) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (user_id) DO UPDATE SET version = excluded.version, key_id = excluded.key_id, iv = excluded.iv, ciphertext = excluded.ciphertext, tag = excluded.tag`,
    [p.userId, head!.version, sealed.keyId, sealed.iv, sealed.ciphertext, sealed.tag],
  );
  // The feed entry holds no descriptor (projection.ts); the pull decrypts it for the user's devices.
  return { status: 'applied', seq: await appendChanges(ctx.tx, 'face_templates', [p.userId], { ...ctx.meta, audience: p.userId }) };
}
