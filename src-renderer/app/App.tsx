import { OpsRecordsPage } from '../features/ops';
import { LeadViewPage } from '../features/lead';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { HashRouter, Route, Routes } from 'react-router';
import { I18nProvider, useI18n } from './i18n';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';
import { DatabaseProvider } from '../db/DatabaseProvider';
import { SyncProvider } from '../db/SyncProvider';
import { SyncPage } from '../features/sync';
import { CustomerDetailPage, CustomersPage } from '../features/customers';
import { SettingsPage } from '../features/settings';
import { VisitDetailPage, VisitsPage } from '../features/visits';
import { FirstRunGate } from '../features/workspace';
import { IncidentDetailPage, IncidentsPage } from '../features/incidents';
import { InspectionDetailPage, InspectionsPage } from '../features/inspections';
import { DeliverablesPage } from '../features/deliverables';
import { ClusterProceduresPage, ProcedureRunPage } from '../features/procedures';
import { HomePage } from '../features/home';
import { PlanEditorPage } from '../features/plans';

/** antd's colour and size tokens: dense and sober, for people reading tables all day. */
const THEME = {
  algorithm: [theme.defaultAlgorithm, theme.compactAlgorithm],
  token: {
    colorPrimary: '#1f5fbf',
    borderRadius: 4,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Helvetica Neue", Arial, sans-serif',
  },
};

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

const canQuery = (): boolean => typeof window.matchMedia === 'function';

function subscribeReducedMotion(onChange: () => void): () => void {
  if (!canQuery()) return () => undefined;
  const query = window.matchMedia(REDUCED_MOTION);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** The system's "reduce motion" setting, followed live (antd's dialogs and menus animate otherwise). */
function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribeReducedMotion,
    () => canQuery() && window.matchMedia(REDUCED_MOTION).matches,
    () => false,
  );
}

function LocalizedShell() {
  const { lang } = useI18n();
  const reducedMotion = usePrefersReducedMotion();
  const appTheme = useMemo(
    () => (reducedMotion ? { ...THEME, token: { ...THEME.token, motion: false } } : THEME),
    [reducedMotion],
  );

  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  }, [lang]);

  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={appTheme}
      // antd spaces out two-character Chinese labels (“保 存”); screen readers then spell them.
      button={{ autoInsertSpace: false }}
    >
      <AntApp className="fb-app">
        <DatabaseProvider>
          <SyncProvider>
            <HashRouter>
              <Routes>
                <Route
                  element={
                    <FirstRunGate>
                      <AppLayout />
                    </FirstRunGate>
                  }
                >
                  <Route index element={<HomePage />} />
                  <Route path="customers" element={<CustomersPage />} />
                  <Route path="customers/:customerId" element={<CustomerDetailPage />} />
                  <Route path="visits" element={<VisitsPage />} />
                  <Route path="visits/:visitId" element={<VisitDetailPage />} />
                  <Route path="incidents" element={<IncidentsPage />} />
                  <Route path="incidents/:incidentId" element={<IncidentDetailPage />} />
                  <Route path="inspections" element={<InspectionsPage />} />
                  <Route path="inspections/:inspectionId" element={<InspectionDetailPage />} />
                  <Route path="procedures/:runId" element={<ProcedureRunPage />} />
                  <Route
                    path="clusters/:clusterId/procedures"
                    element={<ClusterProceduresPage />}
                  />
                  <Route path="deliverables" element={<DeliverablesPage />} />
                  <Route path="ops" element={<OpsRecordsPage />} />
                  <Route path="lead" element={<LeadViewPage />} />
                  <Route path="plans/:planId" element={<PlanEditorPage />} />
                  <Route path="settings" element={<SettingsPage />} />
                  <Route path="sync" element={<SyncPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </HashRouter>
          </SyncProvider>
        </DatabaseProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <LocalizedShell />
    </I18nProvider>
  );
}
