/**
 * The admin console's channels (issue 12): accounts, the hospital's devices, hospital settings and
 * the formulary import, spread into the one contract (contract.ts). Each is an online call to the
 * hospital server, the authority, made with the admin's own token; offline each answers
 * SERVER_UNREACHABLE and nothing changes. Requests are validated here with the server's own
 * schemas, so a bad field is refused before it leaves the workstation, with the same message.
 */
import { z } from 'zod';
import { HospitalSettingChanges, HospitalSettingsView } from '../admin/hospitalSettings';
import type { Role } from '../domain/roles';
import { TemplateImportSummary } from '../emr/templateImport';
import { AdminAccountView, CreateAccountRequest, DeviceView, UpdateAccountRequest } from '../sync/admin';

const admin = ['admin'] as const satisfies readonly Role[];
const Empty = z.object({}).strict();

/** What an import changed: the server's summary (server/rx/formulary.ts ImportSummary). */
export const FormularyImportSummary = z.object({
  changed: z.array(z.string()),
  unchanged: z.number().int(),
  listed: z.number().int(),
  withdrawn: z.number().int(),
});
export type FormularyImportSummary = z.infer<typeof FormularyImportSummary>;

/** A file as picked in the console: its text, which main parses and the server validates. */
export const ImportFile = z
  .object({
    fileName: z.string().trim().min(1).max(255),
    /** The loopback host also caps a request at 1 MB; under Electron IPC this is the limit. */
    content: z.string().min(1).max(16 * 1024 * 1024),
  })
  .strict();

export const adminConsoleChannels = {
  'admin:accounts:list': { request: Empty, response: z.object({ accounts: z.array(AdminAccountView) }), access: admin },
  'admin:accounts:create': { request: CreateAccountRequest, response: AdminAccountView, access: admin },
  'admin:accounts:update': {
    request: z.object({ id: z.uuid(), changes: UpdateAccountRequest }).strict(),
    response: AdminAccountView,
    access: admin,
  },
  /** `thisDevice`: the server's id of the workstation the admin is using (it cannot revoke itself). */
  'admin:devices:list': {
    request: Empty,
    response: z.object({ devices: z.array(DeviceView), thisDevice: z.string().nullable() }),
    access: admin,
  },
  'admin:devices:decide': {
    request: z.object({ id: z.uuid(), decision: z.enum(['approve', 'revoke']) }).strict(),
    response: DeviceView,
    access: admin,
  },
  'admin:settings:get': { request: Empty, response: HospitalSettingsView, access: admin },
  /** One or several keys as one change: the server applies all of them or none (`PUT /admin/settings`). */
  'admin:settings:set': { request: HospitalSettingChanges, response: HospitalSettingsView, access: admin },
  'admin:formulary:import': { request: ImportFile, response: FormularyImportSummary, access: admin },
  /** A record template (issue 11): a Questionnaire, ValueSet or Bundle of them; the server answers TEMPLATE_INVALID for one that does not compile. */
  'admin:templates:import': { request: ImportFile, response: TemplateImportSummary, access: admin },
} as const;
