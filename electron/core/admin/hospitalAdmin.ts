/**
 * The admin console's side of the hospital server (issue 12): accounts, devices, hospital settings
 * and imports. The server is the authority and records each action with this admin, this device
 * and its time (server/admin/adminActions.ts); these are online calls with the admin's own token,
 * and offline each says why and changes nothing. Each success is also written to this
 * workstation's audit trail, subject in the trail's one format.
 */
import { z } from 'zod';
import { HospitalSettingsView, type HospitalSettingChange } from '../../../shared/admin/hospitalSettings';
import { FormularyImportSummary } from '../../../shared/ipc/adminConsoleChannels';
import type { FacePolicy } from '../../../shared/ipc/faceChannels';
import { TemplateImportSummary } from '../../../shared/emr/templateImport';
import { AppFailure, type ErrorCode } from '../../../shared/result';
import type { ApiErrorCode } from '../../../shared/sync';
import { AdminAccountView, DeviceView, type CreateAccountRequest, type UpdateAccountRequest } from '../../../shared/sync/admin';
import type { DeviceIdentity } from '../device/deviceIdentity';
import type { FacePolicyStore } from '../session/facePolicy';
import { auditSubject, subjectOf, type AuditSubject } from '../../../shared/audit/subjects';
import { auditLog, type Actor } from '../store/audit';
import type { Db } from '../store/database';
import { OfflineError, ServerRefusal, type ServerClient } from '../sync/serverClient';
import { syncStateTable } from '../sync/syncState';

export interface HospitalAdminDeps {
  db: Db;
  now: () => number;
  /** Null when no hospital server is configured: the workstation is its own hospital. */
  client: ServerClient | null;
  device: DeviceIdentity;
  facePolicy: FacePolicyStore;
}

/** Server refusals an admin can act on, with the workstation's code for each. */
const refusalCodes: Partial<Record<ApiErrorCode, ErrorCode>> = {
  INVALID_REQUEST: 'INVALID_REQUEST',
  INVALID_JSON: 'INVALID_REQUEST',
  PAYLOAD_TOO_LARGE: 'INVALID_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  TEMPLATE_INVALID: 'TEMPLATE_INVALID',
  RETENTION_BELOW_MINIMUM: 'RETENTION_BELOW_MINIMUM',
};

const AccountAnswer = z.object({ account: AdminAccountView });
const DeviceAnswer = z.object({ device: DeviceView });

export function hospitalAdmin({ db, now, client, device, facePolicy }: HospitalAdminDeps) {
  const state = syncStateTable(db);
  const audit = auditLog(db, now);

  async function online<T>(actor: Actor, run: (client: ServerClient, token: string) => Promise<T>): Promise<T> {
    if (!client) throw new AppFailure('SERVER_UNREACHABLE', 'No hospital server is configured on this workstation: accounts, devices and hospital settings live on the server.');
    const token = state.token(actor.userId)?.token;
    if (!token) throw new AppFailure('SERVER_UNREACHABLE', 'You signed in while the hospital server was unreachable; sign in again online to administer the hospital.');
    try {
      return await run(client, token);
    } catch (error) {
      if (error instanceof OfflineError) {
        throw new AppFailure('SERVER_UNREACHABLE', `The hospital server cannot be reached (${error.reason}). Admin changes are made on the server; nothing was changed.`);
      }
      if (error instanceof ServerRefusal) {
        if (error.code === 'UNAUTHENTICATED') {
          state.dropToken(actor.userId);
          throw new AppFailure('SERVER_UNREACHABLE', 'The hospital server ended your session; sign in again online.');
        }
        const code = refusalCodes[error.code];
        if (code) throw new AppFailure(code, error.message);
      }
      throw error;
    }
  }
  const call = <S extends z.ZodType>(actor: Actor, method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, schema: S, body?: unknown) =>
    online(actor, (c, token) => c.call(method, path, schema, body === undefined ? { token } : { token, body }));
  /** The local trail's entry for what the server accepted. */
  const audited = <T>(actor: Actor, action: string, subject: AuditSubject, detail: Record<string, unknown>, value: T): T => {
    audit.append(actor, action, subject, detail);
    return value;
  };

  /** The hospital's face policy in force here at once (the feed brings the same row to every other workstation). */
  function adoptFace(view: HospitalSettingsView): void {
    if (view.face?.updatedAt) facePolicy.adoptHospital({ value: view.face.value, version: view.face.version, updatedAt: view.face.updatedAt });
  }

  /** Several keys as one change: the server applies all or none; here they are audited in one transaction. */
  async function setSettings(actor: Actor, changes: readonly HospitalSettingChange[]): Promise<HospitalSettingsView> {
    const view = await call(actor, 'PUT', '/admin/settings', HospitalSettingsView, { changes });
    return db.transaction(() => {
      if (changes.some((change) => change.key === 'face')) adoptFace(view);
      for (const change of changes) audit.append(actor, 'admin.setting-change', auditSubject('setting', change.key), { value: change.value });
      return view;
    })();
  }

  return {
    listAccounts: (actor: Actor) => call(actor, 'GET', '/admin/accounts', z.object({ accounts: z.array(AdminAccountView) })),
    async createAccount(actor: Actor, request: CreateAccountRequest) {
      const { account } = await call(actor, 'POST', '/admin/accounts', AccountAnswer, request);
      return audited(actor, 'admin.account-create', subjectOf.user(account.id), { account: account.account, roles: account.roles, department: account.department }, account);
    },
    async updateAccount(actor: Actor, id: string, changes: UpdateAccountRequest) {
      const { account } = await call(actor, 'PATCH', `/admin/accounts/${encodeURIComponent(id)}`, AccountAnswer, changes);
      // What changed, never the password itself.
      const { password, ...named } = changes;
      return audited(actor, 'admin.account-update', subjectOf.user(id), { ...named, ...(password === undefined ? {} : { passwordReset: true }) }, account);
    },

    async listDevices(actor: Actor) {
      const { devices } = await call(actor, 'GET', '/admin/devices', z.object({ devices: z.array(DeviceView) }));
      return { devices, thisDevice: device.serverDeviceId };
    },
    async decideDevice(actor: Actor, id: string, decision: 'approve' | 'revoke') {
      const answer = await call(actor, 'POST', `/admin/devices/${encodeURIComponent(id)}/${decision}`, DeviceAnswer);
      return audited(actor, `admin.device-${decision}`, auditSubject('device', id), {}, answer.device);
    },

    settings: (actor: Actor) => call(actor, 'GET', '/admin/settings', HospitalSettingsView),
    setSettings,
    /**
     * The face policy screen (face:policy:set): the hospital's when a server is configured; a
     * workstation without one keeps its own, audited here as before.
     */
    async setFacePolicy(actor: Actor, policy: FacePolicy): Promise<FacePolicy> {
      if (client) {
        await setSettings(actor, [{ key: 'face', value: policy }]);
        return facePolicy.current();
      }
      return db.transaction(() => {
        const before = facePolicy.current();
        const saved = facePolicy.saveLocal(policy, actor.userId, new Date(now()).toISOString());
        audit.append(actor, 'setting.change', auditSubject('setting', 'face-policy'), { before, after: saved });
        return saved;
      })();
    },

    /** A file picked in the console: it must be JSON here; the server judges the rest, and a bad file changes nothing. */
    async importFormulary(actor: Actor, file: { fileName: string; content: string }) {
      const body = jsonOf(file);
      try {
        const summary = await call(actor, 'PUT', '/admin/formulary', FormularyImportSummary, body);
        return audited(actor, 'admin.formulary-import', auditSubject('setting', 'formulary'), { fileName: file.fileName, changed: summary.changed }, summary);
      } catch (error) {
        if (error instanceof AppFailure && error.code === 'INVALID_REQUEST') throw new AppFailure('INVALID_FILE', `${file.fileName}: ${error.message}`);
        throw error;
      }
    },

    /** A record template file (issue 11), judged by the server as the formulary is: compiled with what it holds, else TEMPLATE_INVALID. */
    async importTemplate(actor: Actor, file: { fileName: string; content: string }) {
      const summary = await call(actor, 'PUT', '/admin/templates', TemplateImportSummary, jsonOf(file));
      return audited(actor, 'admin.template-import', auditSubject('setting', 'templates'), { fileName: file.fileName, imported: summary.imported.length }, summary);
    },
  };
}
export type HospitalAdmin = ReturnType<typeof hospitalAdmin>;

function jsonOf(file: { fileName: string; content: string }): unknown {
  try {
    return JSON.parse(file.content) as unknown;
  } catch {
    throw new AppFailure('INVALID_FILE', `${file.fileName} is not a JSON file`);
  }
}
