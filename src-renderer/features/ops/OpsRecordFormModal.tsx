import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import type { OpsRecordDoc } from '../../../src-shared/db/types';
import {
  createOpsRecord,
  editOpsRecord,
  nextOpsNumber,
} from '../../../src-shared/domain/ops/record-ops';
import type { OpsLink, OpsRecordKind } from '../../../src-shared/domain/ops/records';
import { OPS_RECORD_KINDS, OPS_RECORD_STATES } from '../../../src-shared/domain/ops/records';
import { nowInstant } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { useEngineer } from '../../app/settings';
import { dateField } from '../../components/date-field';
import { FormModal } from '../../components/FormModal';
import { useDatabase } from '../../db/database-context';
import { OPS_FIELDS, defaultFields } from './ops-fields';
import type { OpsFieldSpec } from './ops-fields';

interface Values {
  kind: OpsRecordKind;
  customerId: string;
  title: string;
  description?: string;
  state: string;
  owner?: string;
  fields: Record<string, unknown>;
  links: OpsLink[];
}

/** DatePicker with time ⇄ an ISO instant with the laptop's offset. */
const instantField = {
  getValueProps: (value: unknown) => ({
    value: typeof value === 'string' && value !== '' ? dayjs(value) : undefined,
  }),
  normalize: (value: Dayjs | null | undefined) => (value ? value.format() : undefined),
};

function FieldInput({ kind, spec }: { kind: OpsRecordKind; spec: OpsFieldSpec }) {
  const { t } = useI18n();
  const label = t(`ops.field.${kind}.${spec.name}`);
  const rules = spec.required ? [{ required: true, message: t('ops.report.required') }] : [];
  const testId = `ops-field-${spec.name}`;
  const common = { name: ['fields', spec.name], label, rules };
  if (spec.type === 'textarea')
    return (
      <Form.Item {...common}>
        <Input.TextArea rows={2} data-testid={testId} />
      </Form.Item>
    );
  if (spec.type === 'select')
    return (
      <Form.Item {...common}>
        <Select
          allowClear={!spec.required}
          data-testid={testId}
          options={(spec.options ?? []).map((v) => ({ value: v, label: t(`ops.value.${v}`) }))}
        />
      </Form.Item>
    );
  if (spec.type === 'score')
    return (
      <Form.Item {...common}>
        <InputNumber min={1} max={5} precision={0} data-testid={testId} />
      </Form.Item>
    );
  if (spec.type === 'date')
    return (
      <Form.Item {...common} {...dateField}>
        <DatePicker className="fb-full" data-testid={testId} />
      </Form.Item>
    );
  if (spec.type === 'instant')
    return (
      <Form.Item {...common} {...instantField}>
        <DatePicker showTime className="fb-full" data-testid={testId} />
      </Form.Item>
    );
  return (
    <Form.Item {...common}>
      <Input data-testid={testId} />
    </Form.Item>
  );
}

/**
 * Create or edit an ops record: the common fields, the kind's own fields and states, and links
 * to other records of the customer. Saving goes through the domain operations (checks per kind,
 * every edit kept in the record's history).
 */
export function OpsRecordFormModal({
  open,
  record,
  initial,
  customers,
  records,
  onClose,
}: {
  open: boolean;
  /** The record edited; absent for a new one. */
  record?: OpsRecordDoc;
  /** Starting values of a new record (kind, customer, links). */
  initial?: Partial<Values>;
  customers: readonly { id: string; name: string }[];
  /** Records that links may point to. */
  records: readonly OpsRecordDoc[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const db = useDatabase();
  const engineer = useEngineer();
  const [form] = Form.useForm<Values>();
  const kind: OpsRecordKind =
    Form.useWatch('kind', form) ?? record?.kind ?? initial?.kind ?? 'issue';
  const customerId: string | undefined = Form.useWatch('customerId', form);

  const startKind = record?.kind ?? initial?.kind ?? 'issue';
  const initialValues: Partial<Values> =
    record !== undefined
      ? {
          kind: record.kind,
          customerId: record.customerId,
          title: record.title,
          description: record.description,
          state: record.state,
          owner: record.owner ?? '',
          fields: {
            ...((record as unknown as Record<string, Record<string, unknown>>)[record.kind] ?? {}),
          },
          // Links to incidents and inspection findings are kept as they are (not edited here).
          links: record.links.filter((l) => l.target === 'ops-record'),
        }
      : {
          kind: startKind,
          state: OPS_RECORD_STATES[startKind][0],
          fields: defaultFields(startKind, nowInstant()),
          links: [],
          ...initial,
        };

  async function save(v: Values) {
    const at = nowInstant();
    const fields = Object.fromEntries(
      Object.entries(v.fields ?? {}).filter(([, x]) => x !== undefined && x !== null && x !== ''),
    );
    const links = [
      ...(record?.links ?? []).filter((l) => l.target !== 'ops-record'),
      ...(v.links ?? []).filter((l) => l.id !== undefined),
    ];
    if (record === undefined) {
      const existing = await db.opsRecords.find({ selector: { customerId: v.customerId } }).exec();
      const doc = createOpsRecord(
        {
          kind: v.kind,
          customerId: v.customerId,
          title: v.title ?? '',
          description: v.description ?? '',
          state: v.state,
          ...(v.owner ? { owner: v.owner } : {}),
          links,
          fields: fields as never,
        },
        at,
        nextOpsNumber(
          v.kind,
          existing.map((d) => d.toMutableJSON()),
        ),
      );
      await db.opsRecords.insert(doc);
      return;
    }
    const stored = await db.opsRecords.findOne(record.id).exec();
    if (stored === null) throw new Error(`ops record ${record.id} disappeared`);
    const own = (record as unknown as Record<string, Record<string, unknown>>)[record.kind] ?? {};
    // Fields cleared in the form are sent as '' so the edit removes them. Fields the form does not
    // show (a risk's findingRef, the link to its inspection finding) are kept as they are.
    const shown = new Set(OPS_FIELDS[record.kind].map((f) => f.name));
    const patchFields: Record<string, unknown> = { ...fields };
    for (const k of Object.keys(own)) if (!(k in fields) && shown.has(k)) patchFields[k] = '';
    await stored.incrementalModify((current) =>
      editOpsRecord(
        current,
        {
          title: v.title ?? '',
          description: v.description ?? '',
          state: v.state,
          owner: v.owner ?? '',
          links,
          fields: patchFields,
        },
        nowInstant(),
        engineer.name || '—',
      ),
    );
  }

  const linkable = records.filter((r) => r.customerId === customerId && r.id !== record?.id);
  return (
    <FormModal<Values>
      open={open}
      form={form}
      width={720}
      title={t(record === undefined ? 'ops.form.new' : 'ops.form.edit', {
        number: record?.number ?? '',
      })}
      initialValues={initialValues}
      onSubmit={save}
      onClose={onClose}
      successMessage={t('ops.form.saved')}
      fieldLabels={{ title: t('ops.col.title'), state: t('ops.col.state') }}
      onValuesChange={(changed) => {
        if (changed.kind !== undefined) {
          form.setFieldsValue({
            state: OPS_RECORD_STATES[changed.kind][0],
            fields: defaultFields(changed.kind, nowInstant()),
          });
        }
      }}
      testId="ops-record-form"
    >
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="kind" label={t('ops.col.kind')}>
            <Select
              disabled={record !== undefined}
              data-testid="ops-form-kind"
              options={OPS_RECORD_KINDS.map((k) => ({ value: k, label: t(`ops.kind.${k}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item
            name="customerId"
            label={t('ops.col.customer')}
            rules={[{ required: true, message: t('ops.report.required') }]}
          >
            <Select
              disabled={record !== undefined}
              data-testid="ops-form-customer"
              options={customers.map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="title"
        label={t('ops.col.title')}
        rules={[{ required: true, whitespace: true, message: t('ops.report.required') }]}
      >
        <Input maxLength={300} data-testid="ops-form-title" />
      </Form.Item>
      <Form.Item name="description" label={t('ops.form.description')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="state" label={t('ops.col.state')}>
            <Select
              data-testid="ops-form-state"
              options={OPS_RECORD_STATES[kind].map((s) => ({
                value: s,
                label: t(`ops.state.${s}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="owner" label={t('ops.col.owner')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        {OPS_FIELDS[kind].map((spec) => (
          <Col key={`${kind}-${spec.name}`} span={spec.type === 'textarea' ? 24 : 12}>
            <FieldInput kind={kind} spec={spec} />
          </Col>
        ))}
      </Row>
      <Form.List name="links">
        {(fields, { add, remove }) => (
          <Form.Item label={t('ops.form.links')}>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" data-testid="ops-form-link">
                <Form.Item name={[f.name, 'relation']} initialValue="raised">
                  <Select
                    style={{ width: 140 }}
                    data-testid="ops-link-relation"
                    options={['raised', 'raised-by', 'led-to', 'caused-by'].map((r) => ({
                      value: r,
                      label: t(`ops.relation.${r}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'target']} hidden initialValue="ops-record">
                  <Input />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'id']}
                  rules={[{ required: true, message: t('ops.report.required') }]}
                >
                  <Select
                    style={{ width: 360 }}
                    showSearch
                    optionFilterProp="label"
                    data-testid="ops-link-target"
                    options={linkable.map((r) => ({
                      value: r.id,
                      label: `${r.number} · ${r.title}`,
                    }))}
                  />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ relation: 'raised', target: 'ops-record' })}
              data-testid="ops-link-add"
            >
              {t('ops.form.addLink')}
            </Button>
          </Form.Item>
        )}
      </Form.List>
    </FormModal>
  );
}
