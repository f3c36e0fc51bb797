/**
 * `caredesk face enroll PHOTO --data-dir DIR --user ACCOUNT --admin ACCOUNT --consent VERSION`:
 * enrollment from a registration photo (issue 9, "Headless contract"), read through the same path
 * as `face compare` (facePhoto.ts). The user's separate consent is recorded with the version of the
 * text they signed, the template (never the photo) is written to the workstation's encrypted store,
 * and both are audited under the administrator named, in one transaction. Whoever runs this holds
 * the store's key file, as for `seed` and `audit`; the admin named must be an admin account here.
 * Bad input of any kind: one line on stderr, nothing written, exit 2.
 */
import { FACE_CONSENT_VERSION } from '../shared/face/consent';
import { createCore } from '../electron/core/core';
import { deviceIdentity } from '../electron/core/device/deviceIdentity';
import { normalisedMean } from '../electron/core/face/enrollment';
import { startFaceWorker } from '../electron/core/face/faceClient';
import { faceTemplateModelId } from '../electron/core/face/faceModel';
import { subjectOf } from '../shared/audit/subjects';
import { auditLog, type Actor } from '../electron/core/store/audit';
import { faceTemplatesTable } from '../electron/core/store/faceTemplates';
import { keyFileSource } from '../electron/core/store/keyring';
import { usersTable } from '../electron/core/store/users';
import { parseFlags, UsageError } from './args';
import { InputError, refuse, usableFace } from './facePhoto';

export const enrollUsage = 'caredesk face enroll PHOTO --data-dir DIR --user ACCOUNT --admin ACCOUNT --consent VERSION';

export async function runEnroll(args: string[], modelsDir: string): Promise<number> {
  let flags: ReturnType<typeof parse>;
  try {
    flags = parse(args);
  } catch (error) {
    if (error instanceof UsageError) return refuse(`${error.message}; usage: ${enrollUsage}`);
    throw error;
  }
  if (flags.consent !== FACE_CONSENT_VERSION)
    return refuse(`FACE_CONSENT_REQUIRED: the user must sign the current consent text (${FACE_CONSENT_VERSION}); got ${JSON.stringify(flags.consent)}`);

  const core = createCore({ dataDir: flags.dataDir, key: keyFileSource(flags.dataDir).loadOrCreateKey(), log: () => {} });
  try {
    const users = usersTable(core.db);
    const user = users.byAccount(flags.user);
    if (!user) return refuse(`NOT_FOUND: no account ${JSON.stringify(flags.user)} on this workstation`);
    const admin = users.byAccount(flags.admin);
    if (!admin?.roles.includes('admin')) return refuse(`FORBIDDEN: ${JSON.stringify(flags.admin)} is not an administrator account on this workstation`);

    const face = await startFaceWorker({ modelsDir });
    let descriptor: number[];
    try {
      descriptor = normalisedMean([(await usableFace(face, flags.photo)).descriptor]);
    } catch (error) {
      if (error instanceof InputError) return refuse(error.message);
      throw error;
    } finally {
      await face.close();
    }

    const actor: Actor = { userId: admin.id, sessionId: null, deviceId: deviceIdentity(core.db).localId };
    const audit = auditLog(core.db);
    const at = new Date().toISOString();
    core.db.transaction(() => {
      audit.append(actor, 'face.consent', subjectOf.user(user.id), { version: flags.consent, accepted: true, roaming: false, source: 'registration-photo' });
      faceTemplatesTable(core.db).enroll({ userId: user.id, modelId: faceTemplateModelId, descriptor, captures: 1, consentVersion: flags.consent, enrolledBy: admin.id, enrolledAt: at });
      audit.append(actor, 'face.enroll', subjectOf.user(user.id), { accepted: true, captures: 1, modelId: faceTemplateModelId, consentVersion: flags.consent, source: 'registration-photo' });
    })();
    process.stdout.write(`${JSON.stringify({ enrolled: user.account, captures: 1, consentVersion: flags.consent })}\n`);
    return 0;
  } finally {
    await core.close();
  }
}

function parse(args: string[]) {
  const { values, rest } = parseFlags(args, { values: ['data-dir', 'user', 'admin', 'consent'] });
  const [photo, ...extra] = rest;
  if (!photo || extra.length > 0) throw new UsageError('one photo file is needed');
  const need = (name: 'data-dir' | 'user' | 'admin' | 'consent'): string => {
    const value = values[name];
    if (!value) throw new UsageError(`--${name} is required`);
    return value;
  };
  return { photo, dataDir: need('data-dir'), user: need('user'), admin: need('admin'), consent: need('consent') };
}
