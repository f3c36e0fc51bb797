import { readFileSync } from 'node:fs';
import { createCore } from '../electron/core/core';
import { keyFileSource } from '../electron/core/store/keyring';
import { configuredTrust } from '../electron/core/sync/serverTrust';
import { UsageError, parseFlags, positiveInt } from './args';

/**
 * `caredesk sync --server URL --data-dir DIR --user ACCOUNT`: one headless round of sync for one
 * workstation store (tests and benchmarks use it). The password comes from --password-file or the
 * CAREDESK_PASSWORD environment variable, never from the command line where `ps` would show it.
 */
export async function runSync(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { values: ['server', 'data-dir', 'user', 'password-file', 'page-size', 'server-cert', 'pin'] });
  const server = values.server;
  const account = values.user;
  if (!server || !account) {
    throw new UsageError('usage: caredesk sync --server URL --data-dir DIR --user ACCOUNT [--password-file FILE] [--page-size N] [--server-cert PEM] [--pin SHA256]');
  }
  const password = values['password-file'] ? readFileSync(values['password-file'], 'utf8').trim() : process.env.CAREDESK_PASSWORD;
  if (!password) throw new UsageError('give the password in --password-file FILE or CAREDESK_PASSWORD');
  const dataDir = values['data-dir'] ?? '.caredesk/workstation';
  // --server-cert trusts exactly that certificate; --pin adds a check of the leaf's key or fingerprint.
  const tls = configuredTrust({ certFile: values['server-cert'], pin: values.pin });

  const core = createCore({
    dataDir,
    key: keyFileSource(dataDir).loadOrCreateKey(),
    sync: { serverUrl: server, background: false, pullPageSize: positiveInt('page-size', values['page-size'], 1000), ...(tls ? { tls } : {}) },
  });
  // One line per committed page, so a caller can watch the progress (the fault tests kill on it).
  core.onEvent(({ event, payload }) => {
    if (event === 'sync:status' && 'pulledThisRound' in payload && payload.pulledThisRound > 0) {
      process.stdout.write(`pulled ${payload.pulledThisRound}\n`);
    }
  });
  try {
    const signedIn = await core.dispatch('auth:signIn', { account, password }, 'cli');
    if (!signedIn.ok) {
      // An unreachable or untrusted server falls back to the offline check, whose refusal does not
      // say why the server was not asked: one round (it only registers) records the reason.
      await core.sync!.syncNow();
      const reason = core.sync!.current().linkReason;
      process.stderr.write(`caredesk sync: ${signedIn.error.message}${reason ? `\ncaredesk sync: the server was not reached: ${reason}` : ''}\n`);
      return 1;
    }
    const started = performance.now();
    await core.sync!.syncNow();
    const status = core.sync!.current();
    if (status.linkReason) process.stderr.write(`caredesk sync: ${status.link}: ${status.linkReason}\n`);
    process.stdout.write(`${JSON.stringify({ ...status, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) })}\n`);
    return status.link === 'online' ? 0 : 1;
  } finally {
    await core.close();
  }
}
