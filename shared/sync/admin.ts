import { z } from 'zod';
import { Role } from '../domain/roles';
import { ReviewerQualification } from '../review/wire';
import { AccountView } from './auth';

/** Admin routes (`/admin/*`, admin role only). */
const roles = z.array(Role).min(1).max(3).refine((r) => new Set(r).size === r.length, 'roles must not repeat');

export const CreateAccountRequest = z.object({
  account: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash, underscore'),
  password: z.string().min(10, 'at least 10 characters').max(256),
  displayName: z.string().trim().min(1).max(100),
  roles,
  department: z.string().trim().min(1).max(64),
  licenceNo: z.string().trim().min(1).max(64),
  /** A pharmacist's reviewer qualification (《医疗机构处方审核规范》第五条); only pharmacists have one. */
  reviewer: ReviewerQualification.nullable().optional(),
});
export type CreateAccountRequest = z.infer<typeof CreateAccountRequest>;

export const UpdateAccountRequest = z
  .object({
    displayName: z.string().trim().min(1).max(100),
    roles,
    department: z.string().trim().min(1).max(64),
    licenceNo: z.string().trim().min(1).max(64),
    suspended: z.boolean(),
    /** A password reset: the admin sets it and hands it over in person; it ends the account's tokens and offline verifiers. */
    password: z.string().min(10, 'at least 10 characters').max(256),
    reviewer: ReviewerQualification.nullable(),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

export type UpdateAccountRequest = z.infer<typeof UpdateAccountRequest>;

/** An account as the admin console shows it: the public view and the reviewer qualification. */
export const AdminAccountView = AccountView.extend({ reviewer: ReviewerQualification.nullable() });
export type AdminAccountView = z.infer<typeof AdminAccountView>;

export const IdParams = z.object({ id: z.uuid() });

export const DeviceView = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['pending', 'approved', 'revoked']),
  registeredAt: z.string(),
  decidedBy: z.string().nullable(),
});
export type DeviceView = z.infer<typeof DeviceView>;
