import { useTranslation } from 'react-i18next';
import { AdminScreen } from './features/admin/AdminScreen';
import { isAdminOnly } from './features/admin/adminSession';
import { useSession } from './features/auth/sessionStore';
import { PatientSearch } from './features/patients/PatientSearch';
import { PatientSummaryView } from './features/patients/PatientSummaryView';
import { usePatients } from './features/patients/patientsStore';
import { LanguageSwitch } from './features/prefs/LanguageSwitch';
import { MyFaceTemplate } from './features/face/MyFaceTemplate';
import { PrintOverlay } from './features/print/PrintOverlay';
import { isPharmacistMode, resetReview } from './features/review/reviewMode';
import { ReviewNotices } from './features/review/ReviewNotices';
import { ReviewWorkspace } from './features/review/ReviewWorkspace';
import { SyncIndicator } from './features/sync/SyncIndicator';

export function Workspace() {
  const { t } = useTranslation();
  const { session, signOut } = useSession();
  if (!session) return null;
  const leave = () => {
    usePatients.getState().reset();
    resetReview();
    void signOut();
  };
  return (
    <div className="workspace">
      <header className="top-bar">
        <span className="brand">{t('app.name')}</span>
        <SyncIndicator />
        {!isAdminOnly(session.roles) && <ReviewNotices />}
        <span className="who" data-testid="signed-in-user">
          {session.displayName} · {session.roles.map((r) => t(`roles.${r}`)).join('/')} ·{' '}
          {t(`departments.${session.department}`, { defaultValue: session.department })}
        </span>
        {!isAdminOnly(session.roles) && <MyFaceTemplate userId={session.userId} />}
        <LanguageSwitch />
        <button className="secondary" data-testid="sign-out" onClick={leave}>{t('app.signOut')}</button>
      </header>
      {session.mode === 'read-only' && (
        <p className="read-only-banner" role="status" data-testid="read-only-banner">{t('face.readOnly.banner')}</p>
      )}
      {isAdminOnly(session.roles) ? (
        <AdminScreen />
      ) : isPharmacistMode(session.roles) ? (
        <ReviewWorkspace />
      ) : (
        <div className="panes">
          <PatientSearch />
          <PatientSummaryView />
        </div>
      )}
      <PrintOverlay />
    </div>
  );
}
