import {
  CheckCircleOutlined,
  FilePdfOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  PlusOutlined,
  SwapOutlined,
  StopOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Row,
  Select,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { IncidentDoc, SiteDoc } from '../../../src-shared/db/types';
import {
  addTimelineEvent,
  closeIncident,
  isFaultLevel,
  pauseIncident,
  reclassify,
  recordDispatch,
  recordFirstResponse,
  recordOnSiteArrival,
  assignIncident,
  recordResolution,
  resumeIncident,
} from '../../../src-shared/domain/incident-ops';
import type { FreeTimelineKind } from '../../../src-shared/domain/incident-ops';
import { getPolicyPack } from '../../../src-shared/policy/index';
import { nowInstant } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { userErrorText } from '../../components/error-text';
import { useEngineer } from '../../app/settings';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import {
  IncidentTroubleshootButton,
  IncidentTroubleshootingRuns,
} from '../procedures/IncidentTroubleshooting';
import { useDatabase } from '../../db/database-context';
import { useRxDocument } from '../../db/hooks';
import { GenerateReportModal, SourceDeliverablesCard, faultReportRequest } from '../deliverables';
import type { ReportRequest } from '../deliverables/report-pipeline';
import { ActionModal } from './ActionModal';
import type { ActionValues } from './ActionModal';
import { IncidentDetailsCard } from './IncidentDetailsCard';
import { IncidentTimeline } from './IncidentTimeline';
import { CloseFields, ReclassifyFields } from './IncidentDialogFields';
import { levelColor, levelLabel, statusColor } from './incident-view-model';
import { SlaPanel } from './SlaPanel';
import './incidents.css';
import { MergeHistoryCard } from '../sync';
import { incidentFieldLabels } from '../../components/field-labels';
import { HandOverModal } from './HandOverModal';

type Dialog =
  | 'first-response'
  | 'event'
  | 'update'
  | 'dispatch'
  | 'arrival'
  | 'reclassify'
  | 'pause'
  | 'resume'
  | 'resolve'
  | 'close'
  | 'hand-over';

const FREE_KINDS: readonly FreeTimelineKind[] = [
  'contact',
  'update',
  'escalation',
  'workaround',
  'note',
];

export function IncidentDetailPage() {
  const { incidentId } = useParams();
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const db = useDatabase();
  const engineer = useEngineer();
  const incident = useRxDocument('incidents', incidentId);
  const site = useRxDocument('sites', incident.doc?.siteId);
  const customer = useRxDocument('customers', incident.doc?.customerId);
  const contract = useRxDocument('contracts', incident.doc?.contractId);
  const cluster = useRxDocument('clusters', incident.doc?.clusterId);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [report, setReport] = useState<ReportRequest | null>(null);

  if (incident.loading || (incident.doc !== null && site.loading)) return <Spin />;
  if (incident.doc === null || site.doc === null) {
    return (
      <>
        <PageHeader title={t('incidents.detail.title')} backTo="/incidents" />
        <EmptyState description={t('common.notFound')} />
      </>
    );
  }
  const inc = incident.doc;
  const st: SiteDoc = site.doc;
  const pack = getPolicyPack(inc.packId);
  const zone = st.timeZone;
  const author = engineer.name === '' ? '?' : engineer.name;
  const closed = inc.status === 'closed';
  const tierName = pack.tiers.find((x) => x.id === inc.tier)?.name;

  /** Applies a domain operation to the stored (latest) version of the incident. */
  async function apply(op: (current: IncidentDoc) => IncidentDoc): Promise<void> {
    // The dialog (FormModal) reports success or the translated error and closes on success.
    const doc = await db.incidents.findOne(inc.id).exec();
    if (doc === null) throw new Error(t('common.notFound'));
    await doc.incrementalModify((current) => op(current));
  }

  const opts = { now: nowInstant() };
  const text = (v: ActionValues) => v.text?.trim() ?? '';

  async function assignToMe(): Promise<void> {
    try {
      await apply((current) =>
        assignIncident(current, engineer.name, author, { now: nowInstant() }),
      );
      message.success(t('incidents.action.done'));
    } catch (err) {
      message.error(t('incidents.action.failed', { message: userErrorText(t, err) }));
    }
  }

  return (
    <Flex vertical gap={16}>
      <PageHeader
        backTo="/incidents"
        title={
          <Flex gap={8} align="center" component="span">
            <Tag
              color={levelColor(pack, inc.level)}
              className="fb-level-tag"
              data-testid="incident-level"
            >
              {levelLabel(pack, inc.level, t, lang)}
            </Tag>
            <span data-testid="incident-title">{inc.title}</span>
          </Flex>
        }
        subtitle={
          <Flex gap={8} align="center" component="span" wrap>
            <span>
              {customer.doc?.name ?? ''} · {st.name} ·{' '}
              {tierName === undefined ? inc.tier : pick(tierName)}
            </span>
            <Tag color={statusColor(inc.status)} data-testid="incident-status">
              {inc.closure === undefined
                ? t(`incidents.status.${inc.status}`)
                : t('incidents.detail.closedAs', {
                    state: pick(
                      pack.closureStates.find((c) => c.id === inc.closure?.state)?.name ?? {
                        zh: inc.closure.state,
                        en: inc.closure.state,
                      },
                    ),
                  })}
            </Tag>
          </Flex>
        }
        extra={
          <>
            {isFaultLevel(pack, inc.level) && (
              <Button
                icon={<FilePdfOutlined />}
                onClick={() => {
                  faultReportRequest(db, inc.id, author)
                    .then(setReport)
                    .catch((err: unknown) =>
                      message.error(t('deliverables.failed', { message: userErrorText(t, err) })),
                    );
                }}
                data-testid="incident-generate-report"
              >
                {t('deliverables.action.generateFault')}
              </Button>
            )}
            <IncidentTroubleshootButton incident={inc} siteZone={zone} disabled={closed} />
            <Button
              icon={<SwapOutlined />}
              disabled={closed}
              onClick={() => setDialog('reclassify')}
              data-testid="incident-reclassify"
            >
              {t('incidents.action.reclassify')}
            </Button>
            {inc.status === 'paused' ? (
              <Button
                icon={<PlayCircleOutlined />}
                onClick={() => setDialog('resume')}
                data-testid="incident-resume"
              >
                {t('incidents.action.resume')}
              </Button>
            ) : (
              <Button
                icon={<PauseCircleOutlined />}
                disabled={closed || inc.status === 'resolved'}
                onClick={() => setDialog('pause')}
                data-testid="incident-pause"
              >
                {t('incidents.action.pause')}
              </Button>
            )}
            <Button
              icon={<CheckCircleOutlined />}
              disabled={closed || inc.status === 'resolved'}
              onClick={() => setDialog('resolve')}
              data-testid="incident-resolve"
            >
              {t('incidents.action.resolve')}
            </Button>
            <Button
              danger
              icon={<StopOutlined />}
              disabled={closed}
              onClick={() => setDialog('close')}
              data-testid="incident-close"
            >
              {t('incidents.action.close')}
            </Button>
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <SlaPanel
            incident={inc}
            site={st}
            pack={pack}
            onFirstResponse={() => setDialog('first-response')}
            onLogUpdate={() => setDialog('update')}
            onDispatch={() => setDialog('dispatch')}
            onArrival={() => setDialog('arrival')}
          />
          <Card size="small" style={{ marginTop: 16 }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('incidents.detail.contract')}>
                {contract.doc?.number ?? inc.contractId} · {pick(pack.name)}
              </Descriptions.Item>
              <Descriptions.Item label={t('incidents.detail.assignee')}>
                <Flex gap={8} align="center" wrap>
                  <span data-testid="incident-assignee">
                    {inc.assignee ?? t('incidents.detail.unassigned')}
                  </span>
                  {engineer.name !== '' && inc.assignee !== engineer.name && (
                    <Button
                      size="small"
                      onClick={() => void assignToMe()}
                      data-testid="incident-assign-me"
                    >
                      {t('incidents.detail.assignToMe')}
                    </Button>
                  )}
                  {!closed && (
                    <Button
                      size="small"
                      onClick={() => setDialog('hand-over')}
                      data-testid="incident-hand-over"
                    >
                      {t('incidents.detail.handOver')}
                    </Button>
                  )}
                </Flex>
              </Descriptions.Item>
              {inc.clusterId !== undefined && (
                <Descriptions.Item label={t('incidents.detail.cluster')}>
                  {cluster.doc === null
                    ? inc.clusterId
                    : `${cluster.doc.name} · ${cluster.doc.product} ${cluster.doc.version}`}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Card
              size="small"
              title={t('incidents.timeline.title')}
              extra={
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setDialog('event')}
                  data-testid="incident-add-event"
                >
                  {t('incidents.action.addEvent')}
                </Button>
              }
              data-testid="incident-timeline"
            >
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('incidents.timeline.appendOnly')}
              </Typography.Paragraph>
              <IncidentTimeline incident={inc} pack={pack} zone={zone} />
            </Card>
            <IncidentTroubleshootingRuns incident={inc} zone={zone} />
            <IncidentDetailsCard incident={inc} />
            <SourceDeliverablesCard sourceId={inc.id} />
          </Flex>
        </Col>
      </Row>
      <MergeHistoryCard
        history={inc.mergeHistory}
        zone={st.timeZone}
        fieldLabels={incidentFieldLabels(t)}
      />

      <HandOverModal
        open={dialog === 'hand-over'}
        incident={inc}
        me={engineer.name}
        onSubmit={(assignee) =>
          apply((current) => assignIncident(current, assignee, author, { now: nowInstant() }))
        }
        onClose={() => setDialog(null)}
      />
      <ActionModal
        open={dialog === 'first-response'}
        title={t('incidents.sla.recordFirstResponse')}
        zone={zone}
        textLabel={t('incidents.action.text')}
        testId="first-response"
        onCancel={() => setDialog(null)}
        onSubmit={(v) => apply((c) => recordFirstResponse(c, v.at, author, text(v), opts))}
      />
      <ActionModal
        open={dialog === 'event' || dialog === 'update'}
        title={dialog === 'update' ? t('incidents.sla.logUpdate') : t('incidents.action.addEvent')}
        zone={zone}
        textLabel={t('incidents.action.text')}
        textRequired
        testId="event"
        initialValues={{ kind: dialog === 'update' ? 'update' : closed ? 'note' : 'contact' }}
        onCancel={() => setDialog(null)}
        onSubmit={(v) =>
          apply((c) =>
            addTimelineEvent(c, { kind: v.kind ?? 'note', at: v.at, author, text: text(v) }, opts),
          )
        }
      >
        <Form.Item name="kind" label={t('incidents.event.kind')} rules={[{ required: true }]}>
          <Select
            data-testid="event-kind"
            options={FREE_KINDS.map((k) => ({
              value: k,
              label: t(`incidents.event.${k}`),
              disabled: closed && k !== 'note',
            }))}
          />
        </Form.Item>
      </ActionModal>
      <ActionModal
        open={dialog === 'dispatch'}
        title={t('incidents.sla.dispatch')}
        zone={zone}
        textLabel={t('incidents.action.note')}
        testId="dispatch"
        onCancel={() => setDialog(null)}
        onSubmit={(v) => apply((c) => recordDispatch(c, v.at, author, text(v), opts))}
      />
      <ActionModal
        open={dialog === 'arrival'}
        title={t('incidents.sla.arrival')}
        zone={zone}
        textLabel={t('incidents.action.note')}
        testId="arrival"
        onCancel={() => setDialog(null)}
        onSubmit={(v) => apply((c) => recordOnSiteArrival(c, v.at, author, text(v), opts))}
      />
      <ActionModal
        open={dialog === 'reclassify'}
        title={t('incidents.reclassify.title')}
        zone={zone}
        textLabel={t('incidents.reclassify.reason')}
        textRequired
        testId="reclassify"
        width={720}
        onCancel={() => setDialog(null)}
        onSubmit={(v) =>
          apply((c) => reclassify(c, st, v.level ?? '', text(v), v.at, author, opts))
        }
      >
        <ReclassifyFields incident={inc} site={st} pack={pack} />
      </ActionModal>
      <ActionModal
        open={dialog === 'pause'}
        title={t('incidents.pause.title')}
        zone={zone}
        textLabel={t('incidents.action.note')}
        testId="pause"
        initialValues={{ reason: pack.pauseReasons[0]?.id }}
        onCancel={() => setDialog(null)}
        onSubmit={(v) =>
          apply((c) =>
            pauseIncident(
              c,
              st,
              v.reason ?? '',
              v.at,
              author,
              text(v) === '' ? undefined : text(v),
              opts,
            ),
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('incidents.pause.hint')}</Typography.Paragraph>
        <Form.Item
          name="reason"
          label={t('incidents.pause.reason')}
          rules={[
            {
              required: true,
              message: t('common.requiredSelect', { field: t('incidents.pause.reason') }),
            },
          ]}
        >
          <Select
            data-testid="pause-reason"
            options={pack.pauseReasons.map((r) => ({ value: r.id, label: pick(r.name) }))}
          />
        </Form.Item>
      </ActionModal>
      <ActionModal
        open={dialog === 'resume'}
        title={t('incidents.action.resume')}
        zone={zone}
        textLabel={t('incidents.action.note')}
        testId="resume"
        onCancel={() => setDialog(null)}
        onSubmit={(v) =>
          apply((c) =>
            resumeIncident(c, st, v.at, author, text(v) === '' ? undefined : text(v), opts),
          )
        }
      />
      <ActionModal
        open={dialog === 'resolve'}
        title={t('incidents.resolve.title')}
        zone={zone}
        textLabel={t('incidents.action.text')}
        textRequired
        testId="resolve"
        onCancel={() => setDialog(null)}
        onSubmit={(v) => apply((c) => recordResolution(c, v.at, author, text(v), opts))}
      >
        <Typography.Paragraph type="secondary">{t('incidents.resolve.hint')}</Typography.Paragraph>
      </ActionModal>
      <ActionModal
        open={dialog === 'close'}
        title={t('incidents.close.title')}
        zone={zone}
        textLabel={t('incidents.close.note')}
        testId="close"
        width={720}
        initialValues={{ state: 'resolved' }}
        onCancel={() => setDialog(null)}
        onSubmit={(v) =>
          apply((c) =>
            closeIncident(
              c,
              {
                state: v.state ?? 'resolved',
                resolutionType: v.state === 'resolved' ? v.resolutionType : undefined,
                note: text(v),
              },
              v.at,
              author,
              opts,
            ),
          )
        }
      >
        <CloseFields pack={pack} incident={inc} zone={zone} />
      </ActionModal>
      <GenerateReportModal request={report} onClose={() => setReport(null)} />
    </Flex>
  );
}
