import { Language } from '../../../shared/ipc';
import type { PrefsTable } from '../store/prefs';
import type { HandlerGroup } from '../dispatch';

/** Simplified Chinese is the default; a choice is remembered per device. */
export const prefsHandlers = (prefs: PrefsTable) =>
  ({
    'prefs:get': () => ({ language: Language.catch('zh-CN').parse(prefs.get('language')) }),
    'prefs:setLanguage': ({ language }) => {
      prefs.set('language', language);
      return { language };
    },
  }) satisfies HandlerGroup<'prefs:get' | 'prefs:setLanguage'>;
