import { Button, Card, Descriptions, Flex, Space, Typography } from 'antd';
import { publishedYears } from '../../../src-shared/domain/calendar';
import { calendarLabel, upcomingHolidayLabels } from './calendar-label';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { ClusterDoc, SiteDoc } from '../../../src-shared/db/types';
import { useI18n } from '../../app/i18n';
import { EmptyState } from '../../components/EmptyState';
import { SecretText } from '../../components/SecretText';
import { useConfirmDelete } from '../../components/use-confirm-delete';
import { useDatabase } from '../../db/database-context';
import { dependentsOfSite, describeDependents } from '../customers/dependents';
import { SiteFormModal } from './SiteFormModal';

export interface SitesTabProps {
  customerId: string;
  sites: SiteDoc[];
  clusters: ClusterDoc[];
}

type Editing = { mode: 'closed' } | { mode: 'create' } | { mode: 'edit'; site: SiteDoc };

export function SitesTab({ customerId, sites, clusters }: SitesTabProps) {
  const i18n = useI18n();
  const { t, fmtDateTime } = i18n;
  const db = useDatabase();
  const confirmDelete = useConfirmDelete();
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });
  const now = new Date().toISOString();

  const remove = (site: SiteDoc) =>
    confirmDelete(
      site.name,
      async () => {
        const doc = await db.sites.findOne(site.id).exec();
        await doc?.remove();
      },
      async () => describeDependents(t, await dependentsOfSite(db, customerId, site.id)),
    );

  return (
    <Flex vertical gap={12}>
      <Flex justify="flex-end">
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ mode: 'create' })}
        >
          {t('sites.create')}
        </Button>
      </Flex>
      {sites.length === 0 && <EmptyState description={t('sites.empty')} />}
      {sites.map((site) => {
        const ra = site.remoteAccess;
        const clusterNames = clusters.filter((c) => c.siteId === site.id).map((c) => c.name);
        return (
          <Card
            key={site.id}
            size="small"
            title={site.name}
            data-testid="site-card"
            extra={
              <Space size={4}>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditing({ mode: 'edit', site })}
                  aria-label={`${t('common.edit')} ${site.name}`}
                >
                  {t('common.edit')}
                </Button>
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => remove(site)}
                  aria-label={`${t('common.delete')} ${site.name}`}
                >
                  {t('common.delete')}
                </Button>
              </Space>
            }
          >
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
              <Descriptions.Item label={t('sites.field.address')} span={2}>
                {site.address || (
                  <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('sites.field.timeZone')}>
                <span data-testid="site-time-zone">{site.timeZone}</span>
                <Typography.Text type="secondary">
                  {' '}
                  · {fmtDateTime(now, site.timeZone)}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('sites.field.holidayCalendar')}>
                {calendarLabel(site.holidayCalendar, i18n)}
              </Descriptions.Item>
              {site.holidayCalendar !== 'none' && (
                <Descriptions.Item label={t('sites.field.upcomingHolidays')}>
                  <UpcomingHolidays
                    labels={upcomingHolidayLabels(site, Date.parse(now), i18n)}
                    lastYear={publishedYears(site.holidayCalendar).at(-1)}
                  />
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('sites.field.remoteMethod')}>
                {ra?.method ?? (
                  <Typography.Text type="secondary">{t('sites.remote.none')}</Typography.Text>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('sites.field.remoteHost')}>
                {ra?.host ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('sites.field.remoteUsername')}>
                {ra?.username ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('sites.field.remotePassword')}>
                <SecretText key={site.id} value={ra?.password} />
              </Descriptions.Item>
              <Descriptions.Item label={t('sites.field.clusters')} span={2}>
                {clusterNames.length > 0
                  ? clusterNames.join(t('common.listSeparator'))
                  : t('common.none')}
              </Descriptions.Item>
              {site.contacts.length > 0 && (
                <Descriptions.Item label={t('customers.field.contacts')} span={2}>
                  {site.contacts
                    .map((c) => [c.name, c.title, c.phone, c.email].filter(Boolean).join(' · '))
                    .join(t('common.itemSeparator'))}
                </Descriptions.Item>
              )}
              {site.notes !== undefined && (
                <Descriptions.Item label={t('sites.field.notes')} span={2}>
                  <Typography.Text className="fb-pre">{site.notes}</Typography.Text>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        );
      })}
      <SiteFormModal
        open={editing.mode !== 'closed'}
        customerId={customerId}
        site={editing.mode === 'edit' ? editing.site : undefined}
        onClose={() => setEditing({ mode: 'closed' })}
      />
    </Flex>
  );
}

function UpcomingHolidays({ labels, lastYear }: { labels: string[]; lastYear?: number }) {
  const { t } = useI18n();
  if (labels.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="site-upcoming-holidays">
        {t('sites.holiday.none', { year: lastYear ?? '—' })}
      </Typography.Text>
    );
  }
  return (
    <Space wrap size={[12, 0]} data-testid="site-upcoming-holidays">
      {labels.map((label) => (
        <span key={label}>{label}</span>
      ))}
    </Space>
  );
}
