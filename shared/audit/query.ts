import { z } from 'zod';

/**
 * The admin's audit query (issue 12): `GET /admin/audit/events?<AuditQuery>` on the server, which
 * holds every device's trail, and `audit:query` on the workstation, which asks it. All filters
 * combine; `patientId` finds every entry naming the patient (server/audit/query.ts), including a
 * search page that showed them. Newest first, paged.
 */
export const maxAuditPageSize = 200;
const isoTime = z.iso.datetime({ offset: true });
const optionalId = z.string().trim().min(1).max(100).optional();

export const AuditQuery = z
  .object({
    patientId: optionalId,
    userId: optionalId,
    deviceId: optionalId,
    action: z.string().trim().min(1).max(100).regex(/^[a-z0-9.-]+$/, 'an action is lower-case words joined by dots').optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(maxAuditPageSize).default(50),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { message: 'from must not be after to', path: ['from'] });
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEventView = z.object({
  deviceId: z.string(),
  deviceName: z.string(),
  seq: z.number().int(),
  at: z.string(),
  userId: z.string(),
  /** The account's name where the server knows the user (null for the device's own work). */
  userAccount: z.string().nullable(),
  sessionId: z.string().nullable(),
  action: z.string(),
  subject: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

export const AuditQueryResponse = z.object({ events: z.array(AuditEventView), page: z.number().int(), more: z.boolean() });
export type AuditQueryResponse = z.infer<typeof AuditQueryResponse>;

/** The query as the server's URL carries it: only the filters set. */
export function auditQueryString(query: Partial<AuditQuery>): string {
  const params = new URLSearchParams(Object.entries(query).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])));
  return params.size ? `?${params}` : '';
}
