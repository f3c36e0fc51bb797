import { create } from 'zustand';
import type { Language } from '../../../../shared/ipc';
import { invoke } from '../../api';
import { changeLanguage } from '../../i18n';

interface PrefsState {
  language: Language;
  setLanguage: (language: Language) => Promise<void>;
}

/** The UI language, remembered by main for this workstation. */
export const usePrefs = create<PrefsState>((set) => ({
  language: 'zh-CN',
  async setLanguage(language) {
    const result = await invoke('prefs:setLanguage', { language });
    if (!result.ok) return;
    await changeLanguage(result.value.language);
    set({ language: result.value.language });
  },
}));
