import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { invoke } from './api';
import { followSessionEvents } from './features/auth/sessionStore';
import { followEmrEvents } from './features/emr/emrStore';
import { followPatientEvents } from './features/patients/patientsStore';
import { usePrefs } from './features/prefs/prefsStore';
import { followReviewEvents } from './features/review/reviewNoticesStore';
import { followSyncEvents } from './features/sync/syncStore';
import { initI18n } from './i18n';
import './styles.css';

/** Starts the UI once `window.caredesk` exists (from Electron's preload or the host's bridge). */
export async function startApp(): Promise<void> {
  followSessionEvents();
  followPatientEvents();
  followSyncEvents();
  followReviewEvents();
  followEmrEvents();
  const prefs = await invoke('prefs:get', {});
  const language = prefs.ok ? prefs.value.language : 'zh-CN';
  await initI18n(language);
  usePrefs.setState({ language });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  document.body.dataset.ready = 'true';
}
