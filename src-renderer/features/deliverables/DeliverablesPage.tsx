import { FileAddOutlined, PlusSquareOutlined, SignatureOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Descriptions,
  Flex,
  Form,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import type { DeliverableDoc } from '../../../src-shared/db/types';
import { isLatestRevision, revisionsOf } from '../../../src-shared/domain/deliverables';
import { templateOf } from '../../../src-shared/domain/inspection-ops';
import { useI18n } from '../../app/i18n';
import { deliverableErrorText } from './deliverable-errors';
import { useEngineer } from '../../app/settings';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import './deliverables.css';
import { useDatabase } from '../../db/database-context';
import { useRxQuery } from '../../db/hooks';
import { ExportOpenButtons } from './ExportOpenButtons';
import { GenerateReportModal } from './GenerateReportModal';
import { siteZoneOf } from './site-zone';
import type { ReportRequest } from './report-pipeline';
import { NEW_REVISION, inspectionReportRequest, resumeDraftRequest } from './report-requests';
import { acceptanceResubmissionRequest, opsChoiceRequest } from './ops-report-requests';
import { AcceptanceRejectModal } from './AcceptanceRejectModal';
import { OpsReportSourceModal } from '../ops/OpsReportSourceModal';

function StatusTags({ doc, all }: { doc: DeliverableDoc; all: readonly DeliverableDoc[] }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      <Tag color={doc.status === 'signed' ? 'green' : 'gold'} data-testid="deliverable-status">
        {t(`deliverables.status.${doc.status}`)}
      </Tag>
      {doc.syncedAt !== undefined && <Tag color="blue">{t('deliverables.status.synced')}</Tag>}
      {!isLatestRevision(doc, all) && <Tag>{t('deliverables.status.superseded')}</Tag>}
    </Space>
  );
}

function DeliverableDetails({ doc, all }: { doc: DeliverableDoc; all: readonly DeliverableDoc[] }) {
  const { t, fmtDateTime, fmtSiteTime } = useI18n();
  const revisions = revisionsOf(all, doc.documentNumber);
  // Signed at the site: its zone first (the PDF's), the laptop's second.
  const siteZone = siteZoneOf(doc);
  return (
    <Flex vertical gap={12} data-testid="deliverable-details">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('deliverables.detail.sha256')}>
          <Typography.Text code>{doc.sha256 ?? '—'}</Typography.Text>
        </Descriptions.Item>
        {doc.signer !== undefined && (
          <Descriptions.Item label={t('deliverables.detail.signer')}>
            {doc.signer.subject}
            {doc.signer.selfSigned ? ` · ${t('deliverables.detail.selfSigned')}` : ''}
          </Descriptions.Item>
        )}
        {doc.signedAt !== undefined && (
          <Descriptions.Item label={t('deliverables.detail.signedAt')}>
            {fmtSiteTime(doc.signedAt, siteZone)}
          </Descriptions.Item>
        )}
        {doc.signatures.length > 0 && (
          <Descriptions.Item label={t('deliverables.detail.handwritten')}>
            <Flex vertical>
              {doc.signatures.map((s) => (
                <span key={s.role}>
                  {t(
                    s.title
                      ? 'deliverables.detail.signatureTitled'
                      : 'deliverables.detail.signature',
                    {
                      role: t(`deliverables.pad.${s.role}`),
                      name: s.name,
                      title: s.title ?? '',
                      time: fmtSiteTime(s.signedAt, siteZone),
                    },
                  )}
                </span>
              ))}
            </Flex>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Text strong>{t('deliverables.history.title')}</Typography.Text>
      <ul className="fb-deliverable-revisions" data-testid="deliverable-revisions">
        {revisions.map((r) => (
          <li key={r.id}>
            {t('deliverables.revision', { n: r.documentRevision })} ·{' '}
            {t(`deliverables.status.${r.status}`)} · {t(`deliverables.lang.${r.lang}`)} ·{' '}
            {fmtSiteTime(r.signedAt ?? r.updatedAt, siteZoneOf(r))} ·{' '}
            <Typography.Text code>{(r.sha256 ?? '').slice(0, 16)}</Typography.Text>
          </li>
        ))}
      </ul>
      <Typography.Text strong>{t('deliverables.history.displaced')}</Typography.Text>
      {doc.history.length === 0 ? (
        <Typography.Text type="secondary">{t('deliverables.history.none')}</Typography.Text>
      ) : (
        <ul data-testid="deliverable-history">
          {doc.history.map((h) => (
            <li key={`${h.at}-${h.reason}-${h.sha256 ?? ''}`}>
              {fmtDateTime(h.at)} · {t(`deliverables.history.reason.${h.reason}`)} ·{' '}
              {t(`deliverables.status.${h.status}`)} · {t(`deliverables.lang.${h.lang}`)} ·{' '}
              <Typography.Text code>{(h.sha256 ?? '').slice(0, 16)}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </Flex>
  );
}

/** Chooses the completed inspection an inspection report is made from: customer, then inspection. */
function InspectionSourceModal({
  open,
  onCancel,
  onChoose,
}: {
  open: boolean;
  onCancel: () => void;
  onChoose: (inspectionId: string) => void;
}) {
  const { t, pick, fmtDateTime } = useI18n();
  const [form] = Form.useForm<{ customerId?: string; inspectionId?: string }>();
  const customerId = Form.useWatch('customerId', form);
  const customers = useRxQuery((db) => db.customers.find({ sort: [{ name: 'asc' }] }), []);
  const completed = useRxQuery(
    (db) =>
      customerId === undefined
        ? null
        : db.inspections.find({ selector: { customerId, status: 'completed' } }),
    [customerId],
  );
  const sites = useRxQuery(
    (db) => (customerId === undefined ? null : db.sites.find({ selector: { customerId } })),
    [customerId],
  );
  const siteById = useMemo(() => new Map(sites.docs.map((x) => [x.id, x])), [sites.docs]);
  const options = useMemo(
    () =>
      [...completed.docs]
        .sort((a, b) => ((a.finishedAt ?? '') < (b.finishedAt ?? '') ? 1 : -1))
        .map((d) => {
          const site = siteById.get(d.siteId);
          return {
            value: d.id,
            label: t('deliverables.inspection.option', {
              template: pick(templateOf(d).name),
              site: site?.name ?? '—',
              finished: fmtDateTime(d.finishedAt ?? d.startedAt, site?.timeZone),
            }),
          };
        }),
    [completed.docs, siteById, t, pick, fmtDateTime],
  );
  return (
    <Modal
      open={open}
      title={t('deliverables.inspection.title')}
      onCancel={onCancel}
      onOk={() => {
        void form.validateFields().then((v) => {
          if (v.inspectionId !== undefined) onChoose(v.inspectionId);
        });
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('deliverables.inspection.hint')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="customerId"
          label={t('deliverables.inspection.customer')}
          rules={[{ required: true }]}
        >
          <Select
            data-testid="inspection-customer"
            options={customers.docs.map((c) => ({ value: c.id, label: c.name }))}
            onChange={() => form.setFieldValue('inspectionId', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="inspectionId"
          label={t('deliverables.inspection.inspection')}
          rules={[{ required: true }]}
        >
          <Select
            data-testid="inspection-source"
            options={options}
            notFoundContent={t('deliverables.inspection.none')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function DeliverablesPage() {
  const { t, fmtDateTime } = useI18n();
  const { message } = App.useApp();
  const db = useDatabase();
  const engineer = useEngineer();
  const deliverables = useRxQuery((d) => d.deliverables.find(), []);
  const customers = useRxQuery((d) => d.customers.find(), []);
  const [request, setRequest] = useState<ReportRequest | null>(null);
  const closeGenerate = useCallback(() => setRequest(null), []);
  const [choosing, setChoosing] = useState(false);
  const [choosingOps, setChoosingOps] = useState(false);
  const [rejecting, setRejecting] = useState<DeliverableDoc | null>(null);

  const customerName = useMemo(
    () => new Map(customers.docs.map((c) => [c.id, c.name])),
    [customers.docs],
  );
  const rows = useMemo(
    () =>
      [...deliverables.docs].sort((a, b) =>
        a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0,
      ),
    [deliverables.docs],
  );

  async function prepare(build: () => Promise<ReportRequest>) {
    try {
      setRequest(await build());
    } catch (e) {
      message.error(deliverableErrorText(t, e));
    }
  }

  function newRevision(doc: DeliverableDoc) {
    void prepare(() => NEW_REVISION[doc.kind](db, doc, engineer.name));
  }

  const columns: TableColumnsType<DeliverableDoc> = [
    {
      title: t('deliverables.col.number'),
      dataIndex: 'documentNumber',
      width: 200,
      render: (_: unknown, d) => (
        <Flex vertical gap={2} align="flex-start">
          <Typography.Text code className="fb-nowrap" data-testid="deliverable-number">
            {d.documentNumber}
          </Typography.Text>
          <Tag data-testid="deliverable-revision">
            {t('deliverables.revision', { n: d.documentRevision })}
          </Tag>
        </Flex>
      ),
    },
    {
      title: t('deliverables.col.kind'),
      render: (_: unknown, d) => t(`deliverables.kind.${d.kind}`),
    },
    { title: t('deliverables.col.title'), dataIndex: 'title', ellipsis: true },
    {
      title: t('deliverables.col.customer'),
      render: (_: unknown, d) => customerName.get(d.customerId) ?? d.customerId,
    },
    {
      title: t('deliverables.col.lang'),
      render: (_: unknown, d) => t(`deliverables.lang.${d.lang}`),
    },
    {
      title: t('deliverables.col.status'),
      render: (_: unknown, d) => <StatusTags doc={d} all={deliverables.docs} />,
    },
    { title: t('deliverables.col.updated'), render: (_: unknown, d) => fmtDateTime(d.updatedAt) },
    {
      title: t('deliverables.col.actions'),
      width: 210,
      render: (_: unknown, d) => (
        <Space wrap>
          <ExportOpenButtons doc={d} size="small" />
          {d.status === 'signed' && isLatestRevision(d, deliverables.docs) && (
            <Button
              size="small"
              icon={<PlusSquareOutlined />}
              onClick={() => newRevision(d)}
              data-testid="deliverable-new-revision"
            >
              {t('deliverables.action.newRevision')}
            </Button>
          )}
          {d.status === 'draft' &&
            d.kind === 'acceptance-report' &&
            isLatestRevision(d, deliverables.docs) && (
              <Button
                size="small"
                danger
                onClick={() => setRejecting(d)}
                data-testid="deliverable-reject"
              >
                {t('deliverables.action.reject')}
              </Button>
            )}
          {d.status === 'draft' &&
            d.kind === 'acceptance-report' &&
            !isLatestRevision(d, deliverables.docs) && (
              <Tag color="red" data-testid="deliverable-rejected">
                {t('deliverables.rejected')}
              </Tag>
            )}
          {d.status === 'draft' && isLatestRevision(d, deliverables.docs) && (
            <Button
              size="small"
              icon={<SignatureOutlined />}
              onClick={() => void prepare(() => resumeDraftRequest(db, d, engineer.name))}
              data-testid="deliverable-continue"
            >
              {t('deliverables.action.continue')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('deliverables.title')}
        subtitle={t('deliverables.subtitle')}
        extra={
          <Space>
            <Button
              icon={<FileAddOutlined />}
              onClick={() => setChoosing(true)}
              data-testid="generate-inspection"
            >
              {t('deliverables.action.generateInspection')}
            </Button>
            <Button
              icon={<FileAddOutlined />}
              onClick={() => setChoosingOps(true)}
              data-testid="generate-ops"
            >
              {t('deliverables.action.generateOps')}
            </Button>
          </Space>
        }
      />
      <Table<DeliverableDoc>
        rowKey="id"
        size="small"
        loading={deliverables.loading}
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyState description={t('deliverables.empty')} /> }}
        expandable={{
          expandedRowRender: (d) => <DeliverableDetails doc={d} all={deliverables.docs} />,
        }}
        onRow={() => ({ 'data-testid': 'deliverable-row', className: 'fb-deliverable-row' })}
      />
      <InspectionSourceModal
        open={choosing}
        onCancel={() => setChoosing(false)}
        onChoose={(inspectionId) => {
          setChoosing(false);
          void prepare(() => inspectionReportRequest(db, inspectionId, engineer.name));
        }}
      />
      <OpsReportSourceModal
        open={choosingOps}
        onCancel={() => setChoosingOps(false)}
        onChoose={async (choice) => {
          const built = await opsChoiceRequest(db, choice, engineer.name);
          setChoosingOps(false);
          setRequest(built);
        }}
      />
      {rejecting !== null && (
        <AcceptanceRejectModal
          doc={rejecting}
          onClose={() => setRejecting(null)}
          onRejected={async (review) => {
            // The resubmission opens at once: the next revision, to render and sign.
            const built = await acceptanceResubmissionRequest(db, rejecting, review, engineer.name);
            setRejecting(null);
            setRequest(built);
          }}
        />
      )}
      <GenerateReportModal request={request} onClose={closeGenerate} />
    </Flex>
  );
}
