import { createCore } from '../electron/core/core';
import { auditLog } from '../electron/core/store/audit';
import { keyFileSource } from '../electron/core/store/keyring';
import { UsageError, parseFlags } from './args';

/** `caredesk audit verify --data-dir DIR`: walks the local audit chain; exit 1 if it is broken. */
export async function runAudit(args: string[]): Promise<number> {
  const { values, rest } = parseFlags(args, { values: ['data-dir'] });
  if (rest[0] !== 'verify') throw new UsageError('usage: caredesk audit verify --data-dir DIR');
  const dataDir = values['data-dir'] ?? '.caredesk/workstation';
  const core = createCore({ dataDir, key: keyFileSource(dataDir).loadOrCreateKey() });
  try {
    const result = auditLog(core.db).verify();
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return result.ok ? 0 : 1;
  } finally {
    await core.close();
  }
}
