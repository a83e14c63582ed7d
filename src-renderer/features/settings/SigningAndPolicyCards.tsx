import { Alert, Card, Descriptions, Table, Tag, Typography } from 'antd';
import { BUILTIN_CALENDARS, publishedYears } from '../../../src-shared/domain/calendar';
import type { HolidayCalendarId } from '../../../src-shared/db/types';
import { BUILTIN_POLICY_PACKS } from '../../../src-shared/policy/index';
import { desktop } from '../../app/desktop';
import { useI18n } from '../../app/i18n';
import { useRxQuery } from '../../db/hooks';
import { calendarLabel } from '../sites/calendar-label';
import { useDesktopInfo } from './use-desktop-info';

/** The laptop's signing certificate: enrolled or self-signed, who issued it, until when. */
export function SigningCertificateCard() {
  const { t, fmtDateTime } = useI18n();
  const state = useDesktopInfo(() => desktop().deliverables.getSigningCertificate());

  return (
    <Card size="small" title={t('settings.signing.title')} loading={state.phase === 'loading'}>
      {state.phase === 'failed' && (
        <Alert
          type="warning"
          showIcon
          title={t('settings.signing.unavailable', { message: state.error })}
        />
      )}
      {state.phase === 'ok' && state.info === null && (
        <Typography.Text type="secondary" data-testid="signing-none">
          {t('settings.signing.none')}
        </Typography.Text>
      )}
      {state.phase === 'ok' && state.info !== null && (
        <Descriptions size="small" column={1} data-testid="signing-certificate">
          <Descriptions.Item label={t('settings.signing.status')}>
            {state.info.status === 'enrolled' ? (
              <Tag color="green">{t('settings.signing.enrolled')}</Tag>
            ) : (
              <Tag color="orange">{t('settings.signing.selfSigned')}</Tag>
            )}
            {state.info.status === 'self-signed' && (
              <Typography.Text type="secondary">
                {t('settings.signing.selfSignedHint')}
              </Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.signing.subject')}>
            {state.info.subject}
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.signing.issuer')}>
            {state.info.issuer}
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.signing.validity')}>
            {t('settings.signing.validityRange', {
              from: fmtDateTime(state.info.notBefore),
              to: fmtDateTime(state.info.notAfter),
            })}
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.signing.fingerprint')}>
            <Typography.Text code copyable className="fb-small">
              {state.info.fingerprint.replace(/(..)(?=.)/g, '$1:').toUpperCase()}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.signing.trustedCa')}>
            {state.info.trustedCa ?? t('settings.signing.noCa')}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

interface CalendarRow {
  id: HolidayCalendarId;
  sites: number;
  source: string;
  years: string;
}

interface PackRow {
  id: string;
  version: string;
  name: string;
  contracts: number;
}

/** Which holiday calendars the sites use and which policy packs the contracts use (ids, versions). */
export function CalendarsAndPacksCard() {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const sites = useRxQuery((db) => db.sites.find(), []);
  const contracts = useRxQuery((db) => db.contracts.find(), []);

  const calendarUse = new Map<HolidayCalendarId, number>();
  for (const s of sites.docs) {
    calendarUse.set(s.holidayCalendar, (calendarUse.get(s.holidayCalendar) ?? 0) + 1);
  }
  const calendars: CalendarRow[] = [...calendarUse.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([id, count]) => {
      const years = publishedYears(id);
      return {
        id,
        sites: count,
        source: BUILTIN_CALENDARS.find((c) => c.id === id)?.source ?? '—',
        years: years.length === 0 ? '—' : `${years[0]}–${years[years.length - 1]}`,
      };
    });
  const packUse = new Map<string, number>();
  for (const c of contracts.docs) {
    packUse.set(c.packId, (packUse.get(c.packId) ?? 0) + 1);
  }
  const packs: PackRow[] = BUILTIN_POLICY_PACKS.filter((p) => packUse.has(p.id)).map((p) => ({
    id: p.id,
    version: p.version,
    name: pick(p.name),
    contracts: packUse.get(p.id) ?? 0,
  }));

  return (
    <Card
      size="small"
      title={t('settings.policies.title')}
      loading={sites.loading || contracts.loading}
      data-testid="policies-card"
    >
      <Typography.Text strong>{t('settings.policies.calendars')}</Typography.Text>
      <Table<CalendarRow>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={calendars}
        locale={{ emptyText: t('settings.policies.noSites') }}
        data-testid="calendars-in-use"
        columns={[
          {
            title: t('settings.policies.id'),
            dataIndex: 'id',
            render: (id: string) => <code>{id}</code>,
          },
          {
            title: t('settings.policies.name'),
            dataIndex: 'id',
            key: 'name',
            render: (id: HolidayCalendarId) => calendarLabel(id, i18n),
          },
          { title: t('settings.policies.source'), dataIndex: 'source' },
          { title: t('settings.policies.years'), dataIndex: 'years' },
          { title: t('settings.policies.sites'), dataIndex: 'sites', align: 'right' },
        ]}
      />
      <Typography.Text strong className="fb-block-gap">
        {t('settings.policies.packs')}
      </Typography.Text>
      <Table<PackRow>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={packs}
        locale={{ emptyText: t('settings.policies.noContracts') }}
        data-testid="packs-in-use"
        columns={[
          {
            title: t('settings.policies.id'),
            dataIndex: 'id',
            render: (id: string) => <code>{id}</code>,
          },
          { title: t('settings.policies.version'), dataIndex: 'version' },
          { title: t('settings.policies.name'), dataIndex: 'name' },
          { title: t('settings.policies.contracts'), dataIndex: 'contracts', align: 'right' },
        ]}
      />
    </Card>
  );
}
