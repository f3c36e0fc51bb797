import { Language } from '../../../shared/ipc';
import type { Db } from './database';

/** Device preferences that are not patient data (the UI language). */
export function prefsTable(db: Db) {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM prefs WHERE key = ?');
  const set = db.prepare<[string, string]>(
    'INSERT INTO prefs (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    get: (key: string): string | null => get.get(key)?.value ?? null,
    set: (key: string, value: string): void => void set.run(key, value),
  };
}
export type PrefsTable = ReturnType<typeof prefsTable>;

/** The language of messages main writes for the screen (alerts, field errors): the UI's, Chinese by default. */
export const messageLanguage = (prefs: PrefsTable): 'zh' | 'en' => (Language.catch('zh-CN').parse(prefs.get('language')) === 'en' ? 'en' : 'zh');
