import type { FastifyInstance, FastifyRequest } from 'fastify';
import { contentDigestOf } from '../../common/auth/requestProof';

const digests = new WeakMap<FastifyRequest, string>();
const emptyDigest = contentDigestOf('');

/**
 * Keeps the SHA-256 of every JSON body exactly as received, for the request proof's
 * `content-digest` check (auth/requestProof.ts). Parsing itself stays Fastify's own (prototype
 * poisoning protection, its error codes), fed the same bytes.
 */
export function keepBodyDigests(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    digests.set(request, contentDigestOf(body));
    // Fastify's default parser answers through `done` (it returns nothing to await).
    void parseJson(request, body.toString('utf8'), done);
  });
}

/** The digest of the body received; a request without one has the digest of no bytes. */
export const receivedDigestOf = (request: FastifyRequest): string => digests.get(request) ?? emptyDigest;
