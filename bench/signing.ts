import { generateSm2KeyPair, sm2Sign, sm2Verify } from '../electron/core/signing/sm2';
import { report, type BenchSize } from './report';

/**
 * SM2 per operation: the server verifies every prescription a push carries (and every review
 * decision), so verify time bounds the push rate (issue 8); the workstation signs one per prescription.
 */
export function signingBench(size: BenchSize): void {
  const operations = size === 'full' ? 300 : 10;
  const key = generateSm2KeyPair();
  const messages = Array.from({ length: operations }, (_, i) => new TextEncoder().encode(`{"prescription":${i},"drug":"阿司匹林"}`));
  let t = performance.now();
  const signatures = messages.map((message) => sm2Sign(message, key));
  report('signing.sm2_sign_ms', (performance.now() - t) / operations, 'ms');
  t = performance.now();
  const valid = messages.filter((message, i) => sm2Verify(message, signatures[i]!, key.publicKey)).length;
  report('signing.sm2_verify_ms', (performance.now() - t) / operations, 'ms');
  if (valid !== operations) throw new Error(`${operations - valid} of ${operations} signatures failed to verify`);
}
