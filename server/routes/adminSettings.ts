import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HospitalSettingChange, hospitalSettingKeys } from '../../shared/admin/hospitalSettings';
import { listAdminActions, recordAdminAction } from '../admin/adminActions';
import { changeHospitalSetting, hospitalSettings } from '../admin/hospitalSettings';
import { authOf } from '../http/access';
import type { ServerDeps } from '../http/deps';
import { parse } from '../http/errors';

const KeyParams = z.object({ key: z.enum(hospitalSettingKeys) });
const ActionsQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/**
 * Hospital settings (shared/admin/hospitalSettings.ts), admin role only: read them all, change one
 * key at a time. A change reaches every workstation through the feed (global table).
 */
export function adminSettingsRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.get('/admin/settings', async () => {
    return hospitalSettings(deps.db);
  });

  app.put('/admin/settings/:key', async (request) => {
    const auth = authOf(request);
    const { key } = parse(KeyParams, request.params, 'path');
    const change = parse(HospitalSettingChange, { key, value: request.body }, 'body');
    await deps.db.transaction(async (tx) => {
      const { before, after } = await changeHospitalSetting(tx, change, auth.user.id, deps.now());
      await recordAdminAction(tx, auth, deps.now(), 'setting.change', `setting:${key}`, { before, after });
    });
    return hospitalSettings(deps.db);
  });

  /** The console's own trail: who changed what, from which device, when. */
  app.get('/admin/actions', async (request) => {
    const { limit } = parse(ActionsQuery, request.query, 'query');
    return { actions: await listAdminActions(deps.db, limit) };
  });
}
