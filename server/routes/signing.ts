import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { RegisterSigningKeyRequest } from '../../shared/signing/certificate';
import { authOf } from '../http/access';
import type { ServerDeps } from '../http/deps';
import { HttpError, parse } from '../http/errors';
import { findCertificate, registerSigningKey, revokeCertificate } from '../signing/certificates';

const SerialParams = z.object({ serial: z.uuid() });

/** The signer registry (server/signing/certificates.ts): a user registers their key; admins revoke. */
export function signingRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.post('/signing/keys', async (request) => {
    const auth = authOf(request);
    const body = parse(RegisterSigningKeyRequest, request.body, 'body');
    return deps.db.transaction((tx) => registerSigningKey(tx, auth.user, auth.deviceId, body, deps.now(), deps.ca));
  });

  app.get('/signing/certificates/:serial', async (request) => {
    const { serial } = parse(SerialParams, request.params, 'path');
    const issued = await findCertificate(deps.db, serial);
    if (!issued) throw new HttpError(404, 'NOT_FOUND', 'no such certificate');
    return issued;
  });

  app.post('/admin/certificates/:serial/revoke', async (request) => {
    const auth = authOf(request);
    const { serial } = parse(SerialParams, request.params, 'path');
    return deps.db.transaction((tx) => revokeCertificate(tx, serial, auth.user.id, deps.now()));
  });
}
