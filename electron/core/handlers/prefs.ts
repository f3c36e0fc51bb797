import { subjectOf } from '../../../shared/audit/subjects';
import { Language } from '../../../shared/ipc';
import type { Actor, AuditLog } from '../store/audit';
import type { Db } from '../store/database';
import type { PrefsTable } from '../store/prefs';
import type { CallContext, HandlerGroup } from '../dispatch';

/**
 * Simplified Chinese is the default; a choice is remembered per device. A change is a settings
 * change, audited in the same transaction (issue 12): under the signed-in user, or the device
 * itself at the sign-in screen, where the language can be switched too.
 */
export const prefsHandlers = (prefs: PrefsTable, db: Db, audit: AuditLog, actorAt: (connectionId: string) => Actor) =>
  ({
    'prefs:get': () => ({ language: Language.catch('zh-CN').parse(prefs.get('language')) }),
    'prefs:setLanguage': ({ language }, call: CallContext) => {
      const before = Language.catch('zh-CN').parse(prefs.get('language'));
      const actor = actorAt(call.connectionId);
      db.transaction(() => {
        prefs.set('language', language);
        if (before !== language) audit.append(actor, 'setting.change', subjectOf.setting('language'), { before, after: language });
      })();
      return { language };
    },
  }) satisfies HandlerGroup<'prefs:get' | 'prefs:setLanguage'>;
