import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HospitalSettingChange, HospitalSettingChanges, hospitalSettingKeys, retentionBelowFloor } from '../../shared/admin/hospitalSettings';
import type { Authenticated } from '../auth/tokens';
import { listAdminActions, recordAdminAction } from '../admin/adminActions';
import { changeHospitalSettings, hospitalSettings } from '../admin/hospitalSettings';
import { authOf } from '../http/access';
import type { ServerDeps } from '../http/deps';
import { HttpError, parse } from '../http/errors';

const KeyParams = z.object({ key: z.enum(hospitalSettingKeys) });
const ActionsQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/**
 * A retention below the law's floor gets its own code (shared/admin/hospitalSettings.ts), before
 * the general validation, so the console can say which floor it was.
 */
function refuseShortRetention(changes: unknown): void {
  const list = Array.isArray(changes) ? (changes as unknown[]) : [];
  for (const change of list) {
    if (typeof change !== 'object' || change === null || (change as { key?: unknown }).key !== 'audit') continue;
    const short = retentionBelowFloor((change as { value?: unknown }).value);
    if (short) throw new HttpError(400, 'RETENTION_BELOW_MINIMUM', `audit retention refused: ${short}`);
  }
}

/**
 * Hospital settings (shared/admin/hospitalSettings.ts), admin role only: read them all, change one
 * key, or several at once as one change. A change reaches every workstation through the feed (global table).
 */
export function adminSettingsRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.get('/admin/settings', async () => {
    return hospitalSettings(deps.db);
  });

  const apply = async (auth: Authenticated, changes: readonly HospitalSettingChange[]) => {
    await deps.db.transaction(async (tx) => {
      const now = deps.now();
      for (const { key, before, after } of await changeHospitalSettings(tx, changes, auth.user.id, now)) {
        await recordAdminAction(tx, auth, now, 'setting.change', `setting:${key}`, { before, after });
      }
    });
    return hospitalSettings(deps.db);
  };

  app.put('/admin/settings/:key', async (request) => {
    const { key } = parse(KeyParams, request.params, 'path');
    refuseShortRetention([{ key, value: request.body }]);
    return apply(authOf(request), [parse(HospitalSettingChange, { key, value: request.body }, 'body')]);
  });

  /** Several keys in one transaction: all are applied, or none (the console's one Save). */
  app.put('/admin/settings', async (request) => {
    refuseShortRetention((request.body as { changes?: unknown } | null)?.changes);
    const { changes } = parse(HospitalSettingChanges, request.body, 'body');
    return apply(authOf(request), changes);
  });

  /** The console's own trail: who changed what, from which device, when. */
  app.get('/admin/actions', async (request) => {
    const { limit } = parse(ActionsQuery, request.query, 'query');
    return { actions: await listAdminActions(deps.db, limit) };
  });
}
