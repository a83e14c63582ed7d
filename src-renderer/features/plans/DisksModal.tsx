import { AutoComplete, Button, Col, Form, Input, InputNumber, Row, Typography } from 'antd';
import type { FormRule } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { PlanDisk } from '../../../src-shared/domain/planning/plan';
import { DISK_TYPES } from '../../../src-shared/domain/planning/plan';
import { isMountPoint, normalMount } from '../../../src-shared/domain/planning/validate-plan';
import { useI18n } from '../../app/i18n';
import { FormModal } from '../../components/FormModal';
import { optionalText } from '../../components/form-rules';

interface DiskRow {
  mount?: string;
  sizeGiB?: number | null;
  type?: string;
}

interface DisksValues {
  disks: DiskRow[];
}

/** The disks of the form as the plan stores them: a blank mount is an unpartitioned data disk. */
export function disksFromForm(rows: readonly DiskRow[], before: readonly PlanDisk[]): PlanDisk[] {
  return rows.map((row, i) => {
    // Fields a newer Fieldbook or the workbook added to a disk stay with it.
    const { mount: _m, sizeGiB: _s, type: _t, ...extra } = before[i] ?? {};
    const mount = optionalText(row.mount) ?? '';
    const type = optionalText(row.type);
    return { ...extra, mount, sizeGiB: Number(row.sizeGiB), ...(type ? { type } : {}) };
  });
}

/**
 * The disks of one machine as a form: mount point, size in GiB and type per disk, checked as the
 * rules check them (an absolute mount point or none, one disk per mount point, a size above 0).
 */
export function DisksModal({
  open,
  hostname,
  disks,
  onSave,
  onClose,
}: {
  open: boolean;
  hostname: string;
  disks: readonly PlanDisk[];
  onSave: (disks: PlanDisk[]) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const label = {
    mount: t('plans.disks.mount'),
    size: t('plans.disks.size'),
    type: t('plans.disks.type'),
  };

  const mountRule =
    (index: number): FormRule =>
    ({ getFieldValue }) => ({
      validator: async (_, value: unknown) => {
        const mount = typeof value === 'string' ? value.trim() : '';
        if (mount === '') return Promise.resolve();
        if (!isMountPoint(mount)) throw new Error(t('plans.disks.badMount'));
        const all = (getFieldValue('disks') as DiskRow[] | undefined) ?? [];
        const clash = all.some(
          (d, i) =>
            i < index &&
            typeof d?.mount === 'string' &&
            normalMount(d.mount.trim()) === normalMount(mount),
        );
        if (clash) throw new Error(t('plans.disks.duplicateMount', { mount: normalMount(mount) }));
        return Promise.resolve();
      },
    });

  return (
    <FormModal<DisksValues>
      open={open}
      title={t('plans.disks.title', { host: hostname || '—' })}
      initialValues={{
        disks: disks.map((d) => ({ mount: d.mount ?? '', sizeGiB: d.sizeGiB, type: d.type ?? '' })),
      }}
      onSubmit={(values) => onSave(disksFromForm(values.disks ?? [], disks))}
      onClose={onClose}
      width={720}
      fieldLabels={{ mount: label.mount, sizeGiB: label.size, type: label.type }}
      testId="plan-disks-form"
    >
      <Form.List name="disks">
        {(fields, { add, remove }) => (
          <>
            {fields.length === 0 && (
              <Typography.Paragraph type="secondary">{t('plans.disks.none')}</Typography.Paragraph>
            )}
            {fields.map((field, index) => (
              <Row key={field.key} gutter={8} align="top" data-testid="plan-disk-row">
                <Col span={9}>
                  <Form.Item
                    name={[field.name, 'mount']}
                    label={index === 0 ? label.mount : undefined}
                    tooltip={index === 0 ? t('plans.disks.mountHelp') : undefined}
                    rules={[mountRule(index)]}
                    dependencies={fields.slice(0, index).map((f) => ['disks', f.name, 'mount'])}
                  >
                    <Input placeholder="/" aria-label={label.mount} data-testid="plan-disk-mount" />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item
                    name={[field.name, 'sizeGiB']}
                    label={index === 0 ? label.size : undefined}
                    rules={[
                      {
                        required: true,
                        type: 'number',
                        min: 0.001,
                        message: t('plans.disks.badSize'),
                      },
                    ]}
                  >
                    <InputNumber
                      min={0}
                      max={1_000_000}
                      style={{ width: '100%' }}
                      aria-label={label.size}
                      data-testid="plan-disk-size"
                    />
                  </Form.Item>
                </Col>
                <Col span={7}>
                  <Form.Item
                    name={[field.name, 'type']}
                    label={index === 0 ? label.type : undefined}
                  >
                    <AutoComplete
                      options={DISK_TYPES.map((v) => ({ value: v }))}
                      aria-label={label.type}
                      data-testid="plan-disk-type"
                    />
                  </Form.Item>
                </Col>
                <Col span={2}>
                  <Form.Item label={index === 0 ? ' ' : undefined}>
                    <Button
                      icon={<DeleteOutlined />}
                      danger
                      aria-label={t('plans.disks.remove')}
                      title={t('plans.disks.remove')}
                      onClick={() => remove(field.name)}
                    />
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ mount: '', type: 'ssd' })}
              data-testid="plan-disk-add"
            >
              {t('plans.disks.add')}
            </Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}
