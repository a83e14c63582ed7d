import {
  CheckCircleOutlined,
  DownOutlined,
  FilePdfOutlined,
  UndoOutlined,
  UpOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Col,
  Descriptions,
  Flex,
  Menu,
  Modal,
  Result,
  Row,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { ClusterDoc, InspectionDoc } from '../../../src-shared/db/types';
import { inspectionProgress } from '../../../src-shared/domain/inspection';
import type { ResolvedCheck } from '../../../src-shared/domain/inspection';
import {
  answerCheck,
  completeInspection,
  editFinding,
  inspectionState,
  reopenInspection,
  setOverallEvaluation,
} from '../../../src-shared/domain/inspection-ops';
import type { AnswerPatch } from '../../../src-shared/domain/inspection-ops';
import { nowInstant } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { userErrorText } from '../../components/error-text';
import { useEngineer } from '../../app/settings';
import { PageHeader } from '../../components/PageHeader';
import { useDatabase } from '../../db/database-context';
import { useRxDocument, useRxQuery } from '../../db/hooks';
import { clustersOfCustomer } from '../../db/queries';
import {
  GenerateReportModal,
  SourceDeliverablesCard,
  inspectionReportRequest,
} from '../deliverables';
import type { ReportRequest } from '../deliverables/report-pipeline';
import { CheckItem } from './CheckItem';
import { EvaluationSection } from './EvaluationSection';
import type { SaveFinding } from './EvaluationSection';
import { groupSection } from './inspection-view-model';
import { FindingsSummary, ScorePanel } from './ScorePanel';
import './inspections.css';

function Loading() {
  const { t } = useI18n();
  return (
    <Flex justify="center" className="fb-loading">
      <Spin aria-label={t('common.loading')} />
    </Flex>
  );
}

export function InspectionDetailPage() {
  const { inspectionId = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const inspection = useRxDocument('inspections', inspectionId);
  const doc = inspection.doc;
  const customer = useRxDocument('customers', doc?.customerId);
  const site = useRxDocument('sites', doc?.siteId);
  const customerId = doc?.customerId;
  const clusters = useRxQuery(
    (db) => (customerId === undefined ? null : clustersOfCustomer(db, customerId)),
    [customerId],
  );

  if (inspection.loading || (doc !== null && (site.loading || clusters.loading))) {
    return <Loading />;
  }
  if (inspection.error !== undefined) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.loadFailed', { message: inspection.error.message })}
      />
    );
  }
  if (doc === null) {
    return (
      <Result
        status="404"
        title={t('common.notFound')}
        extra={
          <Button type="primary" onClick={() => void navigate('/inspections')}>
            {t('app.backHome')}
          </Button>
        }
      />
    );
  }
  return (
    <InspectionWorkspace
      doc={doc}
      customerName={customer.doc?.name ?? '—'}
      siteName={site.doc?.name ?? '—'}
      zone={site.doc?.timeZone}
      clusters={clusters.docs}
    />
  );
}

interface WorkspaceProps {
  doc: InspectionDoc;
  customerName: string;
  siteName: string;
  zone: string | undefined;
  clusters: ClusterDoc[];
}

function InspectionWorkspace({ doc, customerName, siteName, zone, clusters }: WorkspaceProps) {
  const { t, pick, fmtDateTime } = useI18n();
  const { message } = App.useApp();
  const db = useDatabase();
  const engineer = useEngineer();
  const [searchParams, setSearchParams] = useSearchParams();
  const readOnly = doc.status === 'completed';
  const [report, setReport] = useState<ReportRequest | null>(null);

  // The lifecycle status is judged on the inspection's start day at the site.
  const date = doc.startedAt.slice(0, 10);
  const state = useMemo(() => inspectionState(doc, clusters, date), [doc, clusters, date]);
  const progress = useMemo(
    () => inspectionProgress(state.checks, state.template),
    [state.checks, state.template],
  );
  const answers = useMemo(() => new Map(doc.answers.map((a) => [a.key, a])), [doc.answers]);
  const clusterById = useMemo(() => new Map(clusters.map((c) => [c.id, c])), [clusters]);
  const multi = doc.clusters.length > 1;
  const sections = state.template.sections;
  const sectionParam = searchParams.get('section');
  const section = sections.find((s) => s.id === sectionParam) ?? sections[0]!;
  const sectionIndex = sections.indexOf(section);
  const totalChecks = state.checks.length;
  const openChecks = state.checks.filter((c) => c.result === null).length;

  const goTo = useCallback(
    (id: string) => setSearchParams({ section: id }, { replace: true }),
    [setSearchParams],
  );

  /** Applies a domain operation to the stored (latest) version: nothing typed is lost. */
  const apply = useCallback(
    async (op: (current: InspectionDoc) => InspectionDoc) => {
      try {
        const current = await db.inspections.findOne(doc.id).exec();
        if (current === null) throw new Error(t('common.notFound'));
        await current.incrementalModify((d) => op(d));
      } catch (err) {
        message.error(t('inspections.detail.saveFailed', { message: userErrorText(t, err) }));
        throw err;
      }
    },
    [db, doc.id, message, t],
  );

  const by = engineer.name;
  const saveAnswer = useCallback(
    (check: ResolvedCheck, patch: AnswerPatch) =>
      apply((d) =>
        answerCheck(
          d,
          { clusterId: check.clusterId, itemId: check.item.id, node: check.node },
          patch,
          nowInstant(),
          by,
        ),
      ),
    [apply, by],
  );
  const saveFinding: SaveFinding = useCallback(
    (id, patch) => apply((d) => editFinding(d, id, patch, nowInstant(), by)),
    [apply, by],
  );
  const saveEvaluation = useCallback(
    (text: string) => apply((d) => setOverallEvaluation(d, text, nowInstant())),
    [apply],
  );

  const complete = () => {
    Modal.confirm({
      title: t('inspections.detail.completeConfirm'),
      content:
        openChecks > 0
          ? t('inspections.detail.completeHint', { count: openChecks })
          : t('inspections.detail.completeHintAll'),
      okText: t('inspections.detail.complete'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        // Let a field that still has focus save first (its blur runs before the dialog).
        await apply((d) => completeInspection(d, nowInstant()));
        message.success(t('inspections.detail.completed'));
      },
    });
  };
  const generateReport = () => {
    inspectionReportRequest(db, doc.id, by)
      .then(setReport)
      .catch((err: unknown) =>
        message.error(t('deliverables.failed', { message: userErrorText(t, err) })),
      );
  };
  const reopen = () => {
    void apply((d) => reopenInspection(d, nowInstant())).then(() =>
      message.success(t('inspections.detail.reopened')),
    );
  };

  // Alt+↓ / Alt+↑ anywhere on the page change section.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!e.altKey || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
      const next = sections[sectionIndex + (e.key === 'ArrowDown' ? 1 : -1)];
      if (next) {
        e.preventDefault();
        goTo(next.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sections, sectionIndex, goTo]);

  const groups = groupSection(section, state.checks);
  const clusterName = (id: string) => clusterById.get(id)?.name ?? id;
  const lifecycleKnown = (id: string) =>
    state.clusters.find((c) => c.id === id)?.lifecycleStatus !== undefined;
  const conflicts = doc.history.length;
  const itemTitle = (id: string) =>
    sections.flatMap((x) => x.items).find((i) => i.id === id)?.title;
  /** `answer:K1/etcd-db-size@worker-02` → the item's title and node, for people. */
  const historyTarget = (target: string): string => {
    if (target === 'overallEvaluation') return t('inspections.evaluation.title');
    const m = /^(answer|finding):[^/]+\/([^@]+)(?:@(.+))?$/.exec(target);
    const title = m?.[2] === undefined ? undefined : itemTitle(m[2]);
    if (title === undefined) return target;
    return m?.[3] === undefined ? pick(title) : `${pick(title)} · ${m[3]}`;
  };

  return (
    <div className="fb-page" data-testid="inspection-page" data-status={doc.status}>
      <PageHeader
        backTo="/inspections"
        title={`${customerName} · ${pick(state.template.name)}`}
        subtitle={
          <Flex gap={8} align="center" wrap>
            <span>
              {siteName} ·{' '}
              {doc.clusters.map((c) => clusterName(c.clusterId)).join(t('common.listSeparator'))}
            </span>
            <Tag
              color={doc.status === 'completed' ? 'success' : 'processing'}
              data-testid="inspection-status"
            >
              {t(`inspections.status.${doc.status}`)}
            </Tag>
          </Flex>
        }
        extra={
          readOnly ? (
            <>
              <Button
                type="primary"
                icon={<FilePdfOutlined />}
                onClick={generateReport}
                data-testid="inspection-generate-report"
              >
                {t('inspections.detail.generateReport')}
              </Button>
              <Button icon={<UndoOutlined />} onClick={reopen} data-testid="inspection-reopen">
                {t('inspections.detail.reopen')}
              </Button>
            </>
          ) : (
            <Button
              type="primary"
              icon={<CheckCircleOutlined />}
              onClick={complete}
              data-testid="inspection-complete"
            >
              {t('inspections.detail.complete')}
            </Button>
          )
        }
      />
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} className="fb-inspection-meta">
        <Descriptions.Item label={t('inspections.detail.template')}>
          {t('inspections.templateVersion', {
            name: pick(state.template.name),
            version: state.template.version,
          })}
        </Descriptions.Item>
        <Descriptions.Item label={t('inspections.detail.engineers')}>
          {doc.engineers.join(t('common.listSeparator')) || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('inspections.detail.startedAt')}>
          {fmtDateTime(doc.startedAt, zone)}
        </Descriptions.Item>
        <Descriptions.Item label={t('inspections.detail.finishedAt')}>
          {doc.finishedAt === undefined ? '—' : fmtDateTime(doc.finishedAt, zone)}
        </Descriptions.Item>
        {doc.visitId !== undefined && (
          <Descriptions.Item label={t('inspections.detail.visit')}>
            <Link to={`/visits/${doc.visitId}`}>{t('common.open')}</Link>
          </Descriptions.Item>
        )}
      </Descriptions>
      {readOnly && <Alert type="success" showIcon title={t('inspections.detail.readOnly')} />}
      <SourceDeliverablesCard sourceId={doc.id} className="fb-inspection-deliverables" />
      {conflicts > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('inspections.detail.conflicts', { count: conflicts })}
          description={
            <ul className="fb-inspection-history" data-testid="inspection-history">
              {doc.history
                .slice(-20)
                .reverse()
                .map((h) => (
                  <li key={`${h.target}|${h.at}|${h.value}`}>
                    {t('inspections.detail.historyEntry', {
                      target: historyTarget(h.target),
                      at: fmtDateTime(h.at, zone),
                      by: h.by ?? '—',
                      value: h.value,
                    })}
                  </li>
                ))}
            </ul>
          }
        />
      )}
      <Row gutter={12} className="fb-inspection-body">
        <Col xs={24} lg={5}>
          {/* Not a <nav>: the page keeps one navigation landmark, the main menu. */}
          <Menu
            aria-label={t('inspections.detail.sections')}
            mode="inline"
            className="fb-inspection-sections"
            selectedKeys={[section.id]}
            onClick={({ key }) => goTo(key)}
            items={sections.map((s, i) => {
              const p = progress[i];
              const done = p !== undefined && p.total > 0 && p.answered === p.total;
              return {
                key: s.id,
                label: (
                  <Flex justify="space-between" gap={6} data-testid="section-link" data-id={s.id}>
                    <span className="fb-section-name">{pick(s.title)}</span>
                    {p !== undefined && p.total > 0 && (
                      <Tag color={done ? 'success' : undefined} className="fb-section-progress">
                        {p.answered}/{p.total}
                      </Tag>
                    )}
                  </Flex>
                ),
              };
            })}
          />
        </Col>
        <Col xs={24} lg={13}>
          <Flex vertical gap={12} data-testid="section" data-id={section.id}>
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Typography.Title level={2} className="fb-section-title">
                {pick(section.title)}
              </Typography.Title>
              {progress[sectionIndex] !== undefined && progress[sectionIndex].total > 0 && (
                <Typography.Text type="secondary" data-testid="section-progress">
                  {t('inspections.detail.progress', {
                    answered: progress[sectionIndex].answered,
                    total: progress[sectionIndex].total,
                  })}
                </Typography.Text>
              )}
            </Flex>
            {!readOnly && (
              <Typography.Text type="secondary" className="fb-small">
                {t('inspections.detail.autosave')} {t('inspections.detail.keyboardHint')}
              </Typography.Text>
            )}
            {section.kind === 'evaluation' ? (
              <>
                <EvaluationSection
                  doc={doc}
                  findings={state.findings}
                  totalChecks={totalChecks}
                  readOnly={readOnly}
                  saveFinding={saveFinding}
                  saveEvaluation={saveEvaluation}
                />
                {!readOnly && (
                  <Flex justify="flex-end">
                    <Button type="primary" icon={<CheckCircleOutlined />} onClick={complete}>
                      {t('inspections.detail.complete')}
                    </Button>
                  </Flex>
                )}
              </>
            ) : (
              groups.map((g) => (
                <CheckItem
                  key={g.key}
                  group={g}
                  clusterName={multi ? clusterName(g.clusterId) : undefined}
                  readOnly={readOnly}
                  save={saveAnswer}
                  answers={answers}
                  lifecycleKnown={lifecycleKnown(g.clusterId)}
                />
              ))
            )}
            <Flex justify="space-between">
              <Button
                icon={<UpOutlined />}
                disabled={sectionIndex === 0}
                onClick={() => goTo(sections[sectionIndex - 1]!.id)}
              >
                {t('inspections.detail.prevSection')}
              </Button>
              <Button
                icon={<DownOutlined />}
                disabled={sectionIndex === sections.length - 1}
                onClick={() => goTo(sections[sectionIndex + 1]!.id)}
                data-testid="next-section"
              >
                {t('inspections.detail.nextSection')}
              </Button>
            </Flex>
          </Flex>
        </Col>
        <Col xs={24} lg={6}>
          <Flex vertical gap={12} className="fb-inspection-side">
            <ScorePanel score={state.score} />
            <FindingsSummary
              findings={state.findings}
              clusterName={(id) => (multi ? clusterName(id) : undefined)}
            />
          </Flex>
        </Col>
      </Row>
      <GenerateReportModal request={report} onClose={() => setReport(null)} />
    </div>
  );
}
