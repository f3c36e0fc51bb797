import { useCallback, useState } from 'react';
import type { AppError, Result } from '../../../../../shared/result';

/**
 * One console action at a time per panel: busy while it runs, its refusal kept to show as main
 * worded it (offline: SERVER_UNREACHABLE, which says the server is needed and nothing changed).
 */
export function useConsoleCall() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const run = useCallback(async <T>(call: () => Promise<Result<T>>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      const result = await call();
      if (!result.ok) setError(result.error);
      return result.ok ? result.value : null;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clearError: () => setError(null) };
}
