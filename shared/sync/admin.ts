import { z } from 'zod';
import { Role } from '../domain/roles';

/** Admin routes (`/admin/*`, admin role only). */
const roles = z.array(Role).min(1).max(3).refine((r) => new Set(r).size === r.length, 'roles must not repeat');

export const CreateAccountRequest = z.object({
  account: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash, underscore'),
  password: z.string().min(10, 'at least 10 characters').max(256),
  displayName: z.string().trim().min(1).max(100),
  roles,
  department: z.string().trim().min(1).max(64),
  licenceNo: z.string().trim().min(1).max(64),
});

export const UpdateAccountRequest = z
  .object({
    displayName: z.string().trim().min(1).max(100),
    roles,
    department: z.string().trim().min(1).max(64),
    licenceNo: z.string().trim().min(1).max(64),
    suspended: z.boolean(),
    password: z.string().min(10, 'at least 10 characters').max(256),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

export const IdParams = z.object({ id: z.uuid() });

export const DeviceView = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['pending', 'approved', 'revoked']),
  registeredAt: z.string(),
  decidedBy: z.string().nullable(),
});
