import { z } from 'zod';
import { PatientListItem, PatientSummary } from '../domain/patient';
import type { Role } from '../domain/roles';
import { accountChannels } from './accountChannels';
import { adminChannels } from './adminChannels';
import { adminConsoleChannels } from './adminConsoleChannels';
import { auditChannels } from './auditChannels';
import { chartChannels } from './chartChannels';
import { reviewChannels } from './reviewChannels';
import { faceChannels } from './faceChannels';
import { faceRoamingChannels } from './faceRoamingChannels';
import { SessionInfo } from './sessionInfo';
import { rxChannels } from './rxChannels';
import { rxRiskChannels } from './rxRiskChannels';
import { emrChannels } from './emrChannels';
import { emrPrintChannels } from './emrPrintChannels';
import { adrChannels } from './adrChannels';

/**
 * The one IPC contract: every channel the renderer may call, with its request and response schema
 * and who may call it. Main validates every request against it before a handler sees it; the
 * renderer's client type is derived from it, so a channel is written down exactly once.
 *
 * `access: 'public'` channels work without a session (signing in, language); any other value lists
 * the roles allowed.
 */
interface ChannelDef<Req extends z.ZodType, Res extends z.ZodType> {
  request: Req;
  response: Res;
  access: 'public' | readonly Role[];
  /**
   * Signs, reviews, or opens a consultation or draft: a read-only session (password without a face
   * check, issue 9) is refused with READ_ONLY_SESSION, in dispatch.ts, the one place.
   */
  requiresVerifiedSession?: true;
  /**
   * Opens a consultation: the last verification must be within the policy's window (issue 9,
   * "before each consultation"), else CONSULTATION_CHECK_REQUIRED (SessionService.authorise).
   */
  requiresFreshVerification?: true;
}
const channel = <Req extends z.ZodType, Res extends z.ZodType>(def: ChannelDef<Req, Res>) => def;

const clinical = ['physician', 'pharmacist'] as const satisfies readonly Role[];
const anyRole = ['physician', 'pharmacist', 'admin'] as const satisfies readonly Role[];

export const Language = z.enum(['zh-CN', 'en']);
export type Language = z.infer<typeof Language>;

export { SessionInfo } from './sessionInfo';

const Empty = z.object({}).strict();

export const SyncStatus = z.object({
  link: z.enum(['online', 'offline', 'pending-approval', 'revoked']),
  /** Why the link is not online, when known (e.g. the server's certificate does not match the pin). */
  linkReason: z.string().nullable().default(null),
  syncing: z.boolean(),
  /** Local changes waiting for the server; held ones need a person; quarantined ones an admin. */
  pending: z.number().int(),
  held: z.number().int(),
  quarantined: z.number().int(),
  lastSuccessAt: z.string().nullable(),
  /** Rows received so far in the round under way: the first download's progress. */
  pulledThisRound: z.number().int(),
  /**
   * Feed positions covered / to cover in this round, when the server says how far its feed goes
   * and the round needs more than one page: the first download's progress bar. Null otherwise.
   */
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable().default(null),
  /** Why the hospital server refuses this workstation's audit chain (an altered entry); clinical sync goes on. */
  auditRefused: z.string().nullable().default(null),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** Without a hospital server configured, the workstation works from its local store alone. */
export const SyncStatusOrNone = SyncStatus.nullable();

export const contract = {
  'prefs:get': channel({
    request: Empty,
    response: z.object({ language: Language }),
    access: 'public',
  }),
  'prefs:setLanguage': channel({
    request: z.object({ language: Language }).strict(),
    response: z.object({ language: Language }),
    access: 'public',
  }),
  'auth:signIn': channel({
    request: z
      .object({
        account: z.string().trim().min(1, 'account is required').max(64),
        password: z.string().min(1, 'password is required').max(256),
      })
      .strict(),
    response: SessionInfo,
    access: 'public',
  }),
  'auth:current': channel({
    request: Empty,
    response: SessionInfo.nullable(),
    access: 'public',
  }),
  'auth:signOut': channel({
    request: Empty,
    response: z.object({ signedOut: z.boolean() }),
    access: 'public',
  }),
  'patients:search': channel({
    request: z
      .object({
        query: z.string().trim().max(64, 'search text is limited to 64 characters'),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    response: z.object({ patients: z.array(PatientListItem), more: z.boolean() }),
    access: clinical,
  }),
  'patients:summary': channel({
    request: z.object({ patientId: z.string().min(1).max(64) }).strict(),
    response: PatientSummary,
    access: clinical,
  }),
  'sync:status': channel({
    request: Empty,
    response: SyncStatusOrNone,
    access: anyRole,
  }),
  'sync:now': channel({
    request: Empty,
    response: SyncStatusOrNone,
    access: anyRole,
  }),
  'allergies:add': channel({
    request: z
      .object({
        patientId: z.string().min(1).max(64),
        allergen: z.string().trim().min(1, 'name the allergen').max(120),
        reaction: z.string().trim().min(1, 'describe the reaction').max(200),
      })
      .strict(),
    response: z.object({ allergyId: z.string() }),
    access: clinical,
    requiresVerifiedSession: true,
  }),
  'allergies:setStatus': channel({
    request: z
      .object({
        allergyId: z.string().min(1).max(64),
        status: z.enum(['active', 'removed']),
        reason: z.string().trim().min(1, 'a reason is required').max(500),
      })
      .strict(),
    response: z.object({ allergyId: z.string() }),
    access: clinical,
    requiresVerifiedSession: true,
  }),
  'patients:setContact': channel({
    request: z
      .object({
        patientId: z.string().min(1).max(64),
        field: z.enum(['phone', 'address']),
        value: z.string().trim().max(200),
      })
      .strict(),
    response: z.object({ patientId: z.string() }),
    access: ['physician'],
    requiresVerifiedSession: true,
  }),
  'app:info': channel({
    request: Empty,
    response: z.object({ version: z.string(), deviceName: z.string() }),
    access: anyRole,
  }),
  ...rxChannels,
  ...rxRiskChannels,
  ...adminChannels,
  ...accountChannels,
  ...adminConsoleChannels,
  ...reviewChannels,
  ...auditChannels,
  ...faceChannels,
  ...faceRoamingChannels,
  ...emrChannels,
  ...emrPrintChannels,
  ...chartChannels,
  ...adrChannels,
  'auth:openReadOnly': channel({
    request: Empty,
    response: SessionInfo,
    access: 'public',
  }),
};

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;

export const channels = Object.keys(contract) as Channel[];
/** The channels a read-only session may not call (ChannelDef.requiresVerifiedSession). */
export const requiresVerifiedSession = (name: Channel): boolean =>
  (contract[name] as { requiresVerifiedSession?: true }).requiresVerifiedSession === true;
/** The channels that open a consultation (ChannelDef.requiresFreshVerification). */
export const requiresFreshVerification = (name: Channel): boolean =>
  (contract[name] as { requiresFreshVerification?: true }).requiresFreshVerification === true;
export const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.hasOwn(contract, name);

/** Every Electron IPC channel carries this prefix; preload and main both check it. */
export const ipcPrefix = 'caredesk:';
