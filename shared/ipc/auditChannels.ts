/**
 * The admin's audit view (issue 12), spread into the one contract (contract.ts). The trail of all
 * devices lives on the hospital server, so both channels ask it with the admin's token
 * (`GET /admin/audit/events`); each call is itself audited on this workstation.
 */
import { z } from 'zod';
import type { Role } from '../domain/roles';
import { AuditQuery, AuditQueryResponse } from '../audit/query';

const admin = ['admin'] as const satisfies readonly Role[];

/** The most rows one CSV export holds; past it the export says it was cut short. */
export const maxAuditExportRows = 10_000;

export const AuditExport = z.object({
  /** RFC 4180 text (shared/audit/csv.ts), for the renderer to save as a file. */
  csv: z.string(),
  rows: z.number().int(),
  truncated: z.boolean(),
});
export type AuditExport = z.infer<typeof AuditExport>;

export const auditChannels = {
  'audit:query': {
    request: AuditQuery,
    response: AuditQueryResponse,
    access: admin,
  },
  /** Every event matching the filters (page and page size are ignored), as CSV. */
  'audit:export': {
    request: AuditQuery,
    response: AuditExport,
    access: admin,
  },
} as const;
