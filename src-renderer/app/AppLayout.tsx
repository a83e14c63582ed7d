import { Alert, Button, Flex, Layout, Menu, Segmented, Tooltip, Typography } from 'antd';
import {
  AlertOutlined,
  AuditOutlined,
  CloudServerOutlined,
  CloudSyncOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FilePdfOutlined,
  UnorderedListOutlined,
  HomeOutlined,
  SearchOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { SyncStatusBar } from '../features/sync';
import { showsLeadView } from '../features/lead';
import { useSync } from '../db/SyncProvider';
import { ReminderRunner } from '../features/reminders';
import { SearchPalette, useLiveSearchIndex } from '../features/search';
import { useI18n } from './i18n';
import type { Lang } from './i18n';
import { useEngineer } from './settings';

const SECTIONS = [
  { key: '/', icon: <HomeOutlined />, label: 'nav.home' },
  { key: '/customers', icon: <TeamOutlined />, label: 'nav.customers' },
  { key: '/visits', icon: <EnvironmentOutlined />, label: 'nav.visits' },
  { key: '/incidents', icon: <AlertOutlined />, label: 'nav.incidents' },
  { key: '/inspections', icon: <AuditOutlined />, label: 'nav.inspections' },
  { key: '/deliverables', icon: <FilePdfOutlined />, label: 'nav.deliverables' },
  { key: '/ops', icon: <UnorderedListOutlined />, label: 'nav.ops' },
  { key: '/lead', icon: <DashboardOutlined />, label: 'nav.lead' },
  { key: '/sync', icon: <CloudSyncOutlined />, label: 'nav.sync' },
  { key: '/settings', icon: <SettingOutlined />, label: 'nav.settings' },
] as const;

/** The menu entry a path belongs to: `/customers/abc` → `/customers`. */
function sectionOf(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  return `/${first}`;
}

export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const { name: engineer } = useEngineer();
  const { session } = useSync();
  const leadView = showsLeadView(session?.account?.user.role);
  const location = useLocation();
  const navigate = useNavigate();
  const search = useLiveSearchIndex();
  const [searchOpen, setSearchOpen] = useState(false);

  // Ctrl+K (⌘K on macOS) opens search from anywhere, also from inside a text field.
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setSearchOpen(true);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <Layout className="fb-shell">
      <Layout.Header className="fb-header">
        <Flex align="center" gap={12} className="fb-brand">
          <CloudServerOutlined className="fb-brand-icon" aria-hidden />
          <Typography.Text strong className="fb-brand-name">
            {t('app.name')}
          </Typography.Text>
          <Typography.Text type="secondary" className="fb-brand-tagline">
            {t('app.tagline')}
          </Typography.Text>
        </Flex>
        <Flex align="center" gap={16}>
          <Button
            size="small"
            icon={<SearchOutlined />}
            onClick={() => setSearchOpen(true)}
            aria-keyshortcuts="Control+K"
            data-testid="search-button"
          >
            {t('search.open')}
            <Typography.Text type="secondary" keyboard className="fb-search-shortcut">
              {t('search.shortcut')}
            </Typography.Text>
          </Button>
          <SyncStatusBar />
          <Tooltip title={t('header.engineer')}>
            <Button
              type="text"
              size="small"
              icon={<UserOutlined />}
              onClick={() => void navigate('/settings')}
              aria-label={`${t('header.engineer')}: ${engineer || t('header.noEngineer')}`}
              data-testid="current-engineer"
            >
              {engineer || (
                <Typography.Text type="secondary">{t('header.noEngineer')}</Typography.Text>
              )}
            </Button>
          </Tooltip>
          <Segmented<Lang>
            size="small"
            value={lang}
            onChange={(value) => setLang(value)}
            aria-label={t('header.language')}
            options={[
              { value: 'zh', label: t('lang.zh') },
              { value: 'en', label: t('lang.en') },
            ]}
          />
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={184} theme="light" className="fb-sider" breakpoint="md">
          <nav aria-label={t('nav.label')}>
            <Menu
              mode="inline"
              selectedKeys={[sectionOf(location.pathname)]}
              onClick={({ key }) => void navigate(key)}
              items={SECTIONS.filter((s) => s.key !== '/lead' || leadView).map((s) => ({
                key: s.key,
                icon: s.icon,
                label: t(s.label),
              }))}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content className="fb-content">
          <ErrorBoundary
            resetKey={location.pathname}
            fallback={(error) => (
              <Alert
                type="error"
                showIcon
                title={t('app.renderError', { message: error.message })}
              />
            )}
          >
            <Outlet />
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
      <SearchPalette
        open={searchOpen}
        onClose={() => setSearchOpen(false)}
        index={search.index}
        state={search.state}
      />
      <ReminderRunner />
    </Layout>
  );
}
