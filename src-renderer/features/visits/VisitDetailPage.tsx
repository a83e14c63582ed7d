import { LoginOutlined, LogoutOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Row,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import type { VisitLogEntryDoc } from '../../../src-shared/db/types';
import { checkIn, checkOut } from '../../../src-shared/domain/visit-ops';
import { nowInstant } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { VisitInspectionButton } from '../inspections/VisitInspectionButton';
import { VisitProcedureButton } from '../procedures/VisitProcedureButton';
import { useDatabase } from '../../db/database-context';
import { useRxDocument, useRxQuery } from '../../db/hooks';
import { visitTimeline } from '../../db/queries';
import { CheckTimeModal } from './CheckTimeModal';
import { LogComposer } from './LogComposer';
import { LogTimeline } from './LogTimeline';
import { buildLogTimeline, visitStatusColor } from './visit-view-model';
import { laptopTimeZone, offsetsDiffer } from './zone-time';
import './visits.css';
import { MergeHistoryCard } from '../sync';
import { visitFieldLabels } from '../../components/field-labels';

const PAGE = 100;

export function VisitDetailPage() {
  const { visitId } = useParams();
  const { t, fmtDateTime, fmtDate } = useI18n();
  const { message } = App.useApp();
  const db = useDatabase();
  const visit = useRxDocument('visits', visitId);
  const site = useRxDocument('sites', visit.doc?.siteId);
  const customer = useRxDocument('customers', visit.doc?.customerId);
  const contract = useRxDocument('contracts', visit.doc?.contractId);
  const [limit, setLimit] = useState(PAGE);
  const entries = useRxQuery(
    (d) => (visitId === undefined ? null : visitTimeline(d, visitId, limit)),
    [visitId, limit],
  );
  const items = useMemo(() => buildLogTimeline(entries.docs), [entries.docs]);
  const [dialog, setDialog] = useState<'check-in' | 'check-out' | null>(null);
  const [correcting, setCorrecting] = useState<VisitLogEntryDoc | undefined>();

  if (visit.loading || (visit.doc !== null && site.loading)) {
    return <Spin />;
  }
  if (visit.doc === null) {
    return (
      <>
        <PageHeader title={t('visits.detail.title')} backTo="/visits" />
        <EmptyState description={t('common.notFound')} />
      </>
    );
  }
  const v = visit.doc;
  // A visit always has a site; fall back to the laptop's zone only while the site syncs in.
  const zone = site.doc?.timeZone ?? laptopTimeZone();
  const laptopZone = laptopTimeZone();

  /** A rejection is shown by the dialog (translated, naming the field) and keeps it open. */
  async function save(at: string, which: 'check-in' | 'check-out'): Promise<void> {
    const next =
      which === 'check-in' ? checkIn(v, at, nowInstant()) : checkOut(v, at, nowInstant());
    await db.visits.upsert(next);
    message.success(
      which === 'check-in' ? t('visits.detail.checkedIn') : t('visits.detail.checkedOut'),
    );
    setDialog(null);
  }

  const zonedTime = (iso: string | undefined) => {
    if (iso === undefined) return '—';
    return (
      <Flex vertical>
        <span>
          {fmtDateTime(iso, zone)}{' '}
          <Typography.Text type="secondary">({t('visits.detail.siteTime')})</Typography.Text>
        </span>
        {offsetsDiffer(iso, zone, laptopZone) && (
          <Typography.Text type="secondary">
            {fmtDateTime(iso, laptopZone)} ({t('visits.detail.laptopTime')})
          </Typography.Text>
        )}
      </Flex>
    );
  };

  return (
    <Flex vertical gap={16}>
      <PageHeader
        backTo="/visits"
        title={
          <>
            {t(`visits.purpose.${v.purpose}`)} · {site.doc?.name ?? ''}
          </>
        }
        subtitle={
          <Flex gap={8} align="center" component="span">
            <span>{customer.doc?.name ?? ''}</span>
            <Tag color={visitStatusColor(v.status)} data-testid="visit-status">
              {t(`visits.status.${v.status}`)}
            </Tag>
          </Flex>
        }
        extra={
          <>
            <VisitInspectionButton visit={v} />
            <VisitProcedureButton visit={v} />
            <Button
              type="primary"
              size="large"
              icon={<LoginOutlined />}
              disabled={v.status !== 'planned'}
              onClick={() => setDialog('check-in')}
              data-testid="visit-check-in"
            >
              {t('visits.detail.checkIn')}
            </Button>
            <Button
              size="large"
              icon={<LogoutOutlined />}
              disabled={v.status !== 'checked-in'}
              onClick={() => setDialog('check-out')}
              data-testid="visit-check-out"
            >
              {t('visits.detail.checkOut')}
            </Button>
          </>
        }
      />
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('visits.col.customer')}>
            {customer.doc?.name}
          </Descriptions.Item>
          <Descriptions.Item label={t('visits.col.site')}>{site.doc?.name}</Descriptions.Item>
          <Descriptions.Item label={t('visits.detail.siteZone')}>{zone}</Descriptions.Item>
          <Descriptions.Item label={t('visits.detail.contract')}>
            {contract.doc?.number ?? t('visits.detail.noContract')}
          </Descriptions.Item>
          <Descriptions.Item label={t('visits.col.engineers')}>
            {v.engineers.join(', ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('visits.col.plannedDate')}>
            {v.plannedDate === undefined ? '—' : fmtDate(v.plannedDate)}
          </Descriptions.Item>
          <Descriptions.Item label={t('visits.detail.checkInAt')}>
            <span data-testid="visit-check-in-at">{zonedTime(v.checkInAt)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('visits.detail.checkOutAt')}>
            <span data-testid="visit-check-out-at">{zonedTime(v.checkOutAt)}</span>
          </Descriptions.Item>
          {v.summary !== '' && (
            <Descriptions.Item label={t('visits.form.summary')} span="filled">
              {v.summary}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <MergeHistoryCard history={v.mergeHistory} zone={zone} fieldLabels={visitFieldLabels(t)} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          {v.status === 'planned' ? (
            <Alert type="info" showIcon title={t('visits.detail.checkInFirst')} />
          ) : (
            <LogComposer
              visit={v}
              zone={zone}
              correcting={correcting}
              onCancelCorrection={() => setCorrecting(undefined)}
            />
          )}
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('visits.log.title')} data-testid="log-timeline">
            {entries.error !== undefined && (
              <Alert
                type="error"
                title={t('common.loadFailed', { message: entries.error.message })}
              />
            )}
            <LogTimeline
              items={items}
              zone={zone}
              onCorrect={v.status === 'planned' ? undefined : (e) => setCorrecting(e)}
            />
            {entries.docs.length >= limit && (
              <Button block onClick={() => setLimit((l) => l + PAGE)}>
                {t('visits.log.more')}
              </Button>
            )}
          </Card>
        </Col>
      </Row>
      <CheckTimeModal
        open={dialog === 'check-in'}
        titleKey="visits.detail.confirmCheckIn"
        zone={zone}
        testId="check-in"
        onCancel={() => setDialog(null)}
        onConfirm={(at) => save(at, 'check-in')}
      />
      <CheckTimeModal
        open={dialog === 'check-out'}
        titleKey="visits.detail.confirmCheckOut"
        zone={zone}
        testId="check-out"
        onCancel={() => setDialog(null)}
        onConfirm={(at) => save(at, 'check-out')}
      />
    </Flex>
  );
}
