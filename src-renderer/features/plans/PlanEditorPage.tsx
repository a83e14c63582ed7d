import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  InputNumber,
  List,
  Row,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, FileTextOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { PlanDoc } from '../../../src-shared/db/types';
import type { PlanFinding } from '../../../src-shared/domain/planning/plan';
import { planOfDoc } from '../../../src-shared/domain/planning/plan-doc';
import { useI18n } from '../../app/i18n';
import { nowInstant } from '../../app/clock';
import { useDatabase } from '../../db/database-context';
import { useRxDocument } from '../../db/hooks';
import { ActualPanel } from './ActualPanel';
import { BlurInput } from './BlurInput';
import { DisksModal } from './DisksModal';
import { InstallerExportButton } from './InstallerExportButton';
import { AcceptWarningModal, PlanExtrasCard } from './PlanExtrasCard';
import { PlanDocumentButton } from './PlanDocumentButton';
import { PlanGrid } from './PlanGrid';
import { PlanSpreadsheetButtons } from './PlanSpreadsheetButtons';
import type { CellRef, GridTableId, PlanRows } from './plan-grid';
import {
  GRID_TABLES,
  GridEditError,
  addRow,
  cellOfPointer,
  editCell,
  pasteRows,
  removeRow,
} from './plan-grid';
import { editorFindings } from './plan-findings';
import './plans.css';

const SEVERITY_COLOR = { error: 'red', warning: 'gold', info: 'blue' } as const;

function listOf(text: string): string[] {
  return text
    .split(/[,，、;；\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function PlanEditorPage() {
  const { planId } = useParams();
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const db = useDatabase();
  const { doc, loading } = useRxDocument('plans', planId);
  const cluster = useRxDocument('clusters', doc?.clusterId).doc;
  const [tab, setTab] = useState<GridTableId>('machines');
  const [editError, setEditError] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ ref: CellRef; seq: number } | null>(null);
  const found = useMemo(() => (doc ? editorFindings(doc) : null), [doc]);
  const [disksOf, setDisksOf] = useState<number | null>(null);
  const [accepting, setAccepting] = useState<PlanFinding | null>(null);

  if (loading) return null;
  if (!doc || !found) return <Alert type="warning" showIcon title={t('plans.notFound')} />;

  /**
   * Writes a change to the stored plan. The change is applied to the latest stored state (a
   * pulled edit in between is not overwritten), and an edit that adds an error takes the plan
   * back to draft.
   */
  const save = async (change: (d: PlanDoc) => PlanDoc): Promise<boolean> => {
    try {
      const stored = await db.plans.findOne(doc.id).exec();
      if (!stored) throw new Error(t('plans.notFound'));
      await stored.incrementalModify((current) => {
        const next = change(current);
        next.updatedAt = nowInstant();
        if (next.status === 'ready' && editorFindings(next).errors > 0) next.status = 'draft';
        return next;
      });
      setEditError(null);
      return true;
    } catch (e) {
      if (e instanceof GridEditError) setEditError(t(e.key, e.params));
      else void message.error(t('plans.saveFailed', { message: (e as Error).message }));
      return false;
    }
  };

  /** Grid edits are checked against the shown plan first: a refused edit changes nothing. */
  const gridChange = async (apply: (rows: PlanDoc) => PlanDoc): Promise<boolean> => {
    try {
      apply(doc);
    } catch (e) {
      if (e instanceof GridEditError) {
        setEditError(t(e.key, e.params));
        return false;
      }
      throw e;
    }
    return save(apply);
  };

  const onFinding = (f: PlanFinding) => {
    const ref = cellOfPointer(doc, f.path);
    if (!ref) return;
    setTab(ref.table);
    setFocusRequest({ ref, seq: Date.now() });
  };

  const fieldHelp = (...pointers: string[]) => {
    const list = pointers.flatMap((p) => found.byPointer.get(p) ?? []);
    if (list.length === 0) return {};
    return {
      validateStatus: list.some((f) => f.severity === 'error')
        ? ('error' as const)
        : ('warning' as const),
      help: list.map((f) => pick(f.message)).join(' '),
    };
  };
  const setField = (patch: Partial<PlanDoc>) => void save((d) => ({ ...d, ...patch }));

  const grid = (table: GridTableId) => (
    <PlanGrid
      table={table}
      plan={doc}
      findingsByCell={found.byCell}
      focusRequest={focusRequest}
      onEdit={(ref, raw) => gridChange((d) => editCell(d, ref, raw))}
      onPaste={(ref, rows) => gridChange((d) => pasteRows(d, ref, rows))}
      cellDialog={
        table === 'machines'
          ? { column: 'disks', label: t('plans.disks.open'), open: (row) => setDisksOf(row) }
          : undefined
      }
      onAddRow={async () => {
        await gridChange((d) => {
          const next = structuredClone(d) as PlanDoc & PlanRows;
          addRow(next, table);
          return next;
        });
      }}
      onRemoveRow={async (row) => {
        await gridChange((d) => {
          const next = structuredClone(d);
          removeRow(next, table, row);
          return next;
        });
      }}
    />
  );

  return (
    <Flex vertical gap={12} data-testid="plan-editor">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space>
          <Link to={`/customers/${doc.customerId}`}>
            <ArrowLeftOutlined /> {t('plans.backToCustomer')}
          </Link>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('plans.title')} · {cluster?.name ?? doc.clusterId}
          </Typography.Title>
          <Tag color={doc.status === 'ready' ? 'green' : 'default'} data-testid="plan-status">
            {t(`plans.status.${doc.status}`)}
          </Tag>
        </Space>
        <Space wrap>
          <PlanSpreadsheetButtons
            doc={doc}
            onImported={(fields) => save((d) => ({ ...d, ...fields }))}
          />
          {doc.status === 'ready' ? (
            <Button onClick={() => setField({ status: 'draft' })}>{t('plans.markDraft')}</Button>
          ) : (
            <Button
              type="primary"
              icon={<CheckCircleOutlined />}
              disabled={found.errors > 0}
              data-testid="plan-mark-ready"
              onClick={() => setField({ status: 'ready', readyAt: nowInstant() })}
            >
              {t('plans.markReady')}
            </Button>
          )}
          <InstallerExportButton doc={doc} errors={found.errors} />
          <PlanDocumentButton doc={doc} icon={<FileTextOutlined />} />
        </Space>
      </Flex>
      {found.errors > 0 && doc.status !== 'ready' && (
        <Alert
          type="warning"
          showIcon
          title={t('plans.readyBlocked', { n: found.errors })}
          data-testid="plan-ready-blocked"
        />
      )}
      <Row gutter={12}>
        <Col xs={24} xl={17}>
          <Flex vertical gap={12}>
            <Card size="small">
              <Form layout="vertical" size="small">
                <Row gutter={12}>
                  <Col span={6}>
                    <Form.Item label={t('plans.form.product')} {...fieldHelp('/product')}>
                      <BlurInput
                        value={doc.product}
                        onCommit={(product) => setField({ product })}
                        testId="plan-product"
                      />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item label={t('plans.form.version')} {...fieldHelp('/version')}>
                      <BlurInput
                        value={doc.version}
                        onCommit={(version) => setField({ version })}
                        testId="plan-version"
                      />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item
                      label={t('plans.form.profile')}
                      {...fieldHelp('/profile', '/machines')}
                    >
                      <Select
                        value={doc.profile}
                        onChange={(profile) => setField({ profile })}
                        options={[
                          { value: 'production', label: t('plans.profile.production') },
                          { value: 'poc', label: t('plans.profile.poc') },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item
                      label={t('plans.form.nodeCidrPrefix')}
                      {...fieldHelp('/nodeCidrPrefix')}
                    >
                      <InputNumber
                        min={1}
                        max={128}
                        defaultValue={doc.nodeCidrPrefix}
                        style={{ width: '100%' }}
                        onBlur={(e) => {
                          const n = e.target.value === '' ? undefined : Number(e.target.value);
                          if (n !== doc.nodeCidrPrefix) {
                            void save((d) => {
                              const next = { ...d };
                              if (n === undefined || !Number.isInteger(n))
                                delete next.nodeCidrPrefix;
                              else next.nodeCidrPrefix = n;
                              return next;
                            });
                          }
                        }}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item label={t('plans.form.podCidr')} {...fieldHelp('/podCidr')}>
                      <BlurInput
                        value={doc.podCidr}
                        onCommit={(podCidr) => setField({ podCidr })}
                        testId="plan-pod-cidr"
                      />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item label={t('plans.form.serviceCidr')} {...fieldHelp('/serviceCidr')}>
                      <BlurInput
                        value={doc.serviceCidr}
                        onCommit={(serviceCidr) => setField({ serviceCidr })}
                        testId="plan-service-cidr"
                      />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item label={t('plans.form.ntpServers')} {...fieldHelp('/ntpServers')}>
                      <BlurInput
                        value={doc.ntpServers.join(', ')}
                        onCommit={(v) => setField({ ntpServers: listOf(v) })}
                        testId="plan-ntp"
                      />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item label={t('plans.form.dnsServers')} {...fieldHelp('/dnsServers')}>
                      <BlurInput
                        value={doc.dnsServers.join(', ')}
                        onCommit={(v) => setField({ dnsServers: listOf(v) })}
                        testId="plan-dns"
                      />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item
                      label={`${t('plans.form.os')} · ${t('plans.form.osRelease')}`}
                      {...fieldHelp('/os/release', '/os')}
                    >
                      <BlurInput
                        value={doc.os?.release ?? ''}
                        onCommit={(release) =>
                          void save((d) => ({ ...d, os: { ...d.os, release } }))
                        }
                        testId="plan-os-release"
                      />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item label={t('plans.form.osKernel')} {...fieldHelp('/os/kernel')}>
                      <BlurInput
                        value={doc.os?.kernel ?? ''}
                        onCommit={(kernel) => void save((d) => ({ ...d, os: { ...d.os, kernel } }))}
                        testId="plan-os-kernel"
                      />
                    </Form.Item>
                  </Col>
                </Row>
              </Form>
            </Card>
            <Card size="small">
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t('plans.gridHelp')}
              </Typography.Paragraph>
              {editError && (
                <Alert
                  type="error"
                  showIcon
                  closable={{ onClose: () => setEditError(null) }}
                  title={editError}
                  style={{ marginBottom: 8 }}
                  data-testid="plan-edit-error"
                />
              )}
              <Tabs
                activeKey={tab}
                onChange={(k) => setTab(k as GridTableId)}
                items={GRID_TABLES.map((table) => {
                  const n = found.findings.filter(
                    (f) => cellOfPointer(doc, f.path)?.table === table,
                  ).length;
                  return {
                    key: table,
                    label: (
                      <span data-testid={`plan-tab-${table}`}>
                        {t(`plans.table.${table}`)} {n > 0 && <Tag color="red">{n}</Tag>}
                      </span>
                    ),
                    children: grid(table),
                  };
                })}
              />
            </Card>
            <PlanExtrasCard doc={doc} findings={found.findings} save={save} />
            <ActualPanel plan={planOfDoc(doc)} />
          </Flex>
        </Col>
        <Col xs={24} xl={7}>
          <Card
            size="small"
            title={t('plans.findings.title')}
            extra={
              <Typography.Text type="secondary">
                {t('plans.findings.counts', {
                  errors: found.errors,
                  warnings: found.warnings,
                  infos: found.infos,
                })}
              </Typography.Text>
            }
          >
            {found.findings.length === 0 ? (
              <Alert type="success" showIcon title={t('plans.findings.none')} />
            ) : (
              <List
                size="small"
                className="fb-plan-findings"
                data-testid="plan-findings"
                dataSource={found.findings}
                renderItem={(f) => (
                  <List.Item onClick={() => onFinding(f)} data-rule={f.rule} data-path={f.path}>
                    <Flex vertical gap={2}>
                      <Space size={4} wrap>
                        <Tag color={SEVERITY_COLOR[f.severity]}>
                          {t(`plans.severity.${f.severity}`)}
                        </Tag>
                        <Typography.Text code>{f.rule}</Typography.Text>
                        <Typography.Text type="secondary">{f.path}</Typography.Text>
                      </Space>
                      <span>{pick(f.message)}</span>
                      {f.accepted !== undefined ? (
                        <Typography.Text type="success" data-testid="plan-finding-accepted">
                          {t('plans.accepted.badge', {
                            by: f.acceptedBy ?? '',
                            reason: f.accepted,
                          })}
                        </Typography.Text>
                      ) : (
                        f.severity === 'warning' && (
                          <Button
                            size="small"
                            type="link"
                            style={{ alignSelf: 'flex-start', padding: 0 }}
                            data-testid="plan-finding-accept"
                            onClick={(e) => {
                              e.stopPropagation();
                              setAccepting(f);
                            }}
                          >
                            {t('plans.accepted.accept')}
                          </Button>
                        )
                      )}
                    </Flex>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
      <AcceptWarningModal finding={accepting} save={save} onClose={() => setAccepting(null)} />
      {disksOf !== null && doc.machines[disksOf] && (
        <DisksModal
          open
          hostname={doc.machines[disksOf].hostname}
          disks={doc.machines[disksOf].disks}
          onClose={() => setDisksOf(null)}
          onSave={async (disks) => {
            const row = doc.machines[disksOf]!.rowId;
            const ok = await save((d) => ({
              ...d,
              machines: d.machines.map((m) => (m.rowId === row ? { ...m, disks } : m)),
            }));
            if (!ok) throw new Error(t('plans.saveFailed', { message: '' }));
          }}
        />
      )}
    </Flex>
  );
}
