import {
  AutoComplete,
  Button,
  Card,
  Flex,
  Form,
  Input,
  List,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { PlanDoc } from '../../../src-shared/db/types';
import { planSchema } from '../../../src-shared/db/schemas/plans';
import type {
  AcceptedWarning,
  PlanDependency,
  PlanFinding,
} from '../../../src-shared/domain/planning/plan';
import { useI18n } from '../../app/i18n';
import { nowInstant } from '../../app/clock';
import { FormModal } from '../../components/FormModal';
import { optionalText, useFormRules } from '../../components/form-rules';
import { maxLengthOf } from '../../components/schema-limits';
import {
  DEPENDENCY_KINDS,
  dependencyKindLabel,
} from '../../../src-shared/domain/planning/dependency-kinds';

const LIMIT = {
  kind: maxLengthOf(planSchema, 'dependencies', '[]', 'kind'),
  name: maxLengthOf(planSchema, 'dependencies', '[]', 'name'),
  address: maxLengthOf(planSchema, 'dependencies', '[]', 'address'),
  notes: maxLengthOf(planSchema, 'dependencies', '[]', 'notes'),
  requirement: maxLengthOf(planSchema, 'requirements', '[]'),
  reason: maxLengthOf(planSchema, 'acceptedWarnings', '[]', 'reason'),
  by: maxLengthOf(planSchema, 'acceptedWarnings', '[]', 'acceptedBy'),
};

type Save = (change: (d: PlanDoc) => PlanDoc) => Promise<boolean>;

/** Runs a save; a refused save rejects, so the form stays open with what was typed. */
async function saveOrThrow(save: Save, change: (d: PlanDoc) => PlanDoc): Promise<void> {
  if (!(await save(change))) throw new Error('not saved');
}

/** Replaces (index given) or appends an element of a list field, on a copy. */
function withItem<T>(list: readonly T[] | undefined, index: number | null, item: T): T[] {
  const next = [...(list ?? [])];
  if (index === null) next.push(item);
  else next[index] = item;
  return next;
}

function withoutItem<T>(list: readonly T[] | undefined, index: number): T[] {
  return (list ?? []).filter((_, i) => i !== index);
}

function DependencyModal({
  editing,
  onSubmit,
  onClose,
}: {
  editing: { index: number | null; value?: PlanDependency } | null;
  onSubmit: (dep: PlanDependency) => Promise<void>;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const rules = useFormRules();
  const label = {
    kind: t('plans.deps.kind'),
    name: t('plans.deps.name'),
    address: t('plans.deps.address'),
    notes: t('plans.deps.notes'),
  };
  return (
    <FormModal<PlanDependency>
      open={editing !== null}
      title={editing?.index === null ? t('plans.deps.add') : t('plans.deps.edit')}
      initialValues={editing?.value ?? { kind: 'registry' }}
      onSubmit={(v) => {
        const address = optionalText(v.address);
        const notes = optionalText(v.notes);
        return onSubmit({
          kind: v.kind.trim(),
          name: v.name.trim(),
          ...(address ? { address } : {}),
          ...(notes ? { notes } : {}),
        });
      }}
      onClose={onClose}
      fieldLabels={label}
      testId="plan-dependency-form"
    >
      <Form.Item
        name="kind"
        label={label.kind}
        rules={[rules.required(label.kind), rules.maxLength(label.kind, LIMIT.kind)]}
      >
        <AutoComplete
          aria-label={label.kind}
          options={DEPENDENCY_KINDS.map((k) => ({
            value: k,
            label: `${dependencyKindLabel(k, lang)} (${k})`,
          }))}
        />
      </Form.Item>
      <Form.Item
        name="name"
        label={label.name}
        rules={[rules.required(label.name), rules.maxLength(label.name, LIMIT.name)]}
      >
        <Input autoFocus data-autofocus data-testid="plan-dependency-name" />
      </Form.Item>
      <Form.Item
        name="address"
        label={label.address}
        rules={[rules.maxLength(label.address, LIMIT.address)]}
      >
        <Input placeholder="harbor.example.com:443" data-testid="plan-dependency-address" />
      </Form.Item>
      <Form.Item
        name="notes"
        label={label.notes}
        rules={[rules.maxLength(label.notes, LIMIT.notes)]}
      >
        <Input.TextArea rows={3} data-testid="plan-dependency-notes" />
      </Form.Item>
    </FormModal>
  );
}

function RequirementModal({
  editing,
  onSubmit,
  onClose,
}: {
  editing: { index: number | null; value?: string } | null;
  onSubmit: (text: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const rules = useFormRules();
  const label = t('plans.reqs.text');
  return (
    <FormModal<{ text: string }>
      open={editing !== null}
      title={editing?.index === null ? t('plans.reqs.add') : t('plans.reqs.edit')}
      initialValues={{ text: editing?.value ?? '' }}
      onSubmit={(v) => onSubmit(v.text.trim())}
      onClose={onClose}
      fieldLabels={{ text: label }}
      testId="plan-requirement-form"
    >
      <Form.Item
        name="text"
        label={label}
        rules={[rules.required(label), rules.maxLength(label, LIMIT.requirement)]}
      >
        <Input.TextArea
          autoFocus
          data-autofocus
          rows={4}
          placeholder={t('plans.reqs.placeholder')}
          data-testid="plan-requirement-text"
        />
      </Form.Item>
    </FormModal>
  );
}

/** Accepting one warning: a reason and the named person who accepts it, both required. */
export function AcceptWarningModal({
  finding,
  save,
  onClose,
}: {
  finding: PlanFinding | null;
  save: Save;
  onClose: () => void;
}) {
  const { t, pick } = useI18n();
  const rules = useFormRules();
  const label = { reason: t('plans.accepted.reason'), by: t('plans.accepted.by') };
  const submit = async (v: { reason: string; acceptedBy: string }) => {
    if (!finding) return;
    const accepted: AcceptedWarning = {
      rule: finding.rule,
      path: finding.path,
      reason: v.reason.trim(),
      acceptedBy: v.acceptedBy.trim(),
      acceptedAt: nowInstant(),
    };
    await saveOrThrow(save, (d) => ({
      ...d,
      // One acceptance per warning: accepting again replaces the earlier one.
      acceptedWarnings: [
        ...(d.acceptedWarnings ?? []).filter(
          (a) => a.rule !== finding.rule || a.path !== finding.path,
        ),
        accepted,
      ],
    }));
  };
  return (
    <FormModal<{ reason: string; acceptedBy: string }>
      open={finding !== null}
      title={t('plans.accepted.title')}
      onSubmit={submit}
      onClose={onClose}
      fieldLabels={{ reason: label.reason, acceptedBy: label.by }}
      testId="plan-accept-form"
    >
      {finding && (
        <Typography.Paragraph>
          <Tag color="gold">{finding.rule}</Tag>
          <Typography.Text type="secondary">{finding.path}</Typography.Text>
          <br />
          {pick(finding.message)}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary">{t('plans.accepted.help')}</Typography.Paragraph>
      <Form.Item
        name="reason"
        label={label.reason}
        rules={[rules.required(label.reason), rules.maxLength(label.reason, LIMIT.reason)]}
      >
        <Input.TextArea
          autoFocus
          data-autofocus
          rows={3}
          placeholder={t('plans.accepted.reasonPlaceholder')}
          data-testid="plan-accept-reason"
        />
      </Form.Item>
      <Form.Item
        name="acceptedBy"
        label={label.by}
        rules={[rules.required(label.by), rules.maxLength(label.by, LIMIT.by)]}
      >
        <Input placeholder={t('plans.accepted.byPlaceholder')} data-testid="plan-accept-by" />
      </Form.Item>
    </FormModal>
  );
}

function RowActions({
  onEdit,
  onRemove,
  testId,
}: {
  onEdit?: () => void;
  onRemove: () => void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <Space size={0}>
      {onEdit && (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={onEdit}>
          {t('common.edit')}
        </Button>
      )}
      <Button
        type="link"
        size="small"
        danger
        icon={<DeleteOutlined />}
        onClick={onRemove}
        data-testid={`${testId}-remove`}
      >
        {t('common.remove')}
      </Button>
    </Space>
  );
}

/**
 * One of the plan's lists: its rows (with remove, and edit where `onEdit` is given), the empty
 * text, and an add button when `add` is given.
 */
function ExtrasList<T>({
  items,
  emptyText,
  testId,
  rowTestId,
  render,
  rowProps,
  onEdit,
  onRemove,
  add,
}: {
  items: readonly T[];
  emptyText: string;
  testId: string;
  rowTestId: string;
  render: (item: T, index: number) => ReactNode;
  rowProps?: (item: T) => Record<string, string>;
  onEdit?: (item: T, index: number) => void;
  onRemove: (index: number) => void;
  add?: { label: string; testId: string; onClick: () => void };
}) {
  const list = (
    <List
      size="small"
      bordered
      locale={{ emptyText }}
      dataSource={items.map((item, index) => ({ item, index }))}
      data-testid={testId}
      renderItem={({ item, index }) => (
        <List.Item
          {...rowProps?.(item)}
          actions={[
            <RowActions
              key="a"
              testId={rowTestId}
              {...(onEdit ? { onEdit: () => onEdit(item, index) } : {})}
              onRemove={() => onRemove(index)}
            />,
          ]}
        >
          {render(item, index)}
        </List.Item>
      )}
    />
  );
  if (!add) return list;
  return (
    <Flex vertical gap={8}>
      {list}
      <Button
        icon={<PlusOutlined />}
        style={{ alignSelf: 'flex-start' }}
        onClick={add.onClick}
        data-testid={add.testId}
      >
        {add.label}
      </Button>
    </Flex>
  );
}

/**
 * The plan's lists outside the grid: external dependencies, the customer's environment
 * requirements and the accepted warnings (each with its reason, who accepted it and when, and
 * whether it still applies). All three are printed in the planning document.
 */
export function PlanExtrasCard({
  doc,
  findings,
  save,
}: {
  doc: PlanDoc;
  findings: readonly PlanFinding[];
  save: Save;
}) {
  const { t, lang, fmtDateTime } = useI18n();
  const [dep, setDep] = useState<{ index: number | null; value?: PlanDependency } | null>(null);
  const [req, setReq] = useState<{ index: number | null; value?: string } | null>(null);
  const deps = doc.dependencies ?? [];
  const reqs = doc.requirements ?? [];
  const accepted = doc.acceptedWarnings ?? [];
  const kindLabel = (kind: string) => dependencyKindLabel(kind, lang);
  const inEffect = (a: AcceptedWarning) =>
    findings.some((f) => f.rule === a.rule && f.path === a.path && f.accepted !== undefined);
  const occurs = (a: AcceptedWarning) =>
    findings.some((f) => f.rule === a.rule && f.path === a.path && f.severity === 'warning');

  const count = (n: number) => (n > 0 ? <Tag>{n}</Tag> : null);
  return (
    <Card size="small" title={t('plans.extras.title')} data-testid="plan-extras">
      <Tabs
        items={[
          {
            key: 'dependencies',
            label: (
              <span data-testid="plan-extras-tab-dependencies">
                {t('plans.deps.tab')} {count(deps.length)}
              </span>
            ),
            children: (
              <ExtrasList
                items={deps}
                emptyText={t('plans.deps.empty')}
                testId="plan-dependencies"
                rowTestId="plan-dependency"
                onEdit={(d, i) => setDep({ index: i, value: d })}
                onRemove={(i) =>
                  void save((x) => ({ ...x, dependencies: withoutItem(x.dependencies, i) }))
                }
                add={{
                  label: t('plans.deps.add'),
                  testId: 'plan-dependency-add',
                  onClick: () => setDep({ index: null }),
                }}
                render={(d) => (
                  <Flex vertical>
                    <Space size={6} wrap>
                      <Tag color="blue">{kindLabel(d.kind)}</Tag>
                      <Typography.Text strong>{d.name}</Typography.Text>
                      {d.address && <Typography.Text code>{d.address}</Typography.Text>}
                    </Space>
                    {d.notes && <Typography.Text type="secondary">{d.notes}</Typography.Text>}
                  </Flex>
                )}
              />
            ),
          },
          {
            key: 'requirements',
            label: (
              <span data-testid="plan-extras-tab-requirements">
                {t('plans.reqs.tab')} {count(reqs.length)}
              </span>
            ),
            children: (
              <ExtrasList
                items={reqs}
                emptyText={t('plans.reqs.empty')}
                testId="plan-requirements"
                rowTestId="plan-requirement"
                onEdit={(r, i) => setReq({ index: i, value: r })}
                onRemove={(i) =>
                  void save((x) => ({ ...x, requirements: withoutItem(x.requirements, i) }))
                }
                add={{
                  label: t('plans.reqs.add'),
                  testId: 'plan-requirement-add',
                  onClick: () => setReq({ index: null }),
                }}
                render={(r, i) => (
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
                    {i + 1}. {r}
                  </Typography.Text>
                )}
              />
            ),
          },
          {
            key: 'accepted',
            label: (
              <span data-testid="plan-extras-tab-accepted">
                {t('plans.accepted.tab')} {count(accepted.length)}
              </span>
            ),
            children: (
              <ExtrasList
                items={accepted}
                emptyText={t('plans.accepted.empty')}
                testId="plan-accepted-warnings"
                rowTestId="plan-accepted"
                rowProps={(a) => ({ 'data-rule': a.rule })}
                onRemove={(i) =>
                  void save((x) => ({
                    ...x,
                    acceptedWarnings: withoutItem(x.acceptedWarnings, i),
                  }))
                }
                render={(a) => (
                  <Flex vertical gap={2}>
                    <Space size={6} wrap>
                      <Tag color={inEffect(a) ? 'green' : 'default'}>{a.rule}</Tag>
                      <Typography.Text type="secondary">{a.path}</Typography.Text>
                      {!occurs(a) && <Tag>{t('plans.accepted.stale')}</Tag>}
                      {occurs(a) && !inEffect(a) && (
                        <Tag color="orange">{t('plans.accepted.unnamed')}</Tag>
                      )}
                    </Space>
                    <span>{a.reason}</span>
                    <Typography.Text type="secondary">
                      {t('plans.accepted.by')}: {a.acceptedBy ?? '—'}
                      {a.acceptedAt
                        ? ` · ${t('plans.accepted.at')}: ${fmtDateTime(a.acceptedAt)}`
                        : ''}
                    </Typography.Text>
                  </Flex>
                )}
              />
            ),
          },
        ]}
      />
      <DependencyModal
        editing={dep}
        onClose={() => setDep(null)}
        onSubmit={(value) =>
          saveOrThrow(save, (x) => ({
            ...x,
            dependencies: withItem(x.dependencies, dep?.index ?? null, value),
          }))
        }
      />
      <RequirementModal
        editing={req}
        onClose={() => setReq(null)}
        onSubmit={(value) =>
          saveOrThrow(save, (x) => ({
            ...x,
            requirements: withItem(x.requirements, req?.index ?? null, value),
          }))
        }
      />
    </Card>
  );
}
