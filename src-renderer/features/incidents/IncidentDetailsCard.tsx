import { App, Button, Card, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import type { IncidentDoc } from '../../../src-shared/db/types';
import { updateIncidentDetails } from '../../../src-shared/domain/incident-ops';
import type { IncidentDetailsInput } from '../../../src-shared/domain/incident-ops';
import { nowInstant } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { userErrorText } from '../../components/error-text';
import { useDatabase } from '../../db/database-context';

type Fields = Required<
  Pick<IncidentDetailsInput, 'description' | 'impact' | 'rootCause' | 'workaround'>
>;

function fieldsOf(incident: IncidentDoc): Fields {
  return {
    description: incident.description,
    impact: incident.impact ?? '',
    rootCause: incident.rootCause ?? '',
    workaround: incident.workaround ?? '',
  };
}

/** Description, impact, root cause and workaround: the text the fault report is made of. */
export function IncidentDetailsCard({ incident }: { incident: IncidentDoc }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const db = useDatabase();
  const [form] = Form.useForm<Fields>();
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);

  // Follow the stored text (another window or a sync may change it) unless the user is editing.
  useEffect(() => {
    if (!dirty) form.setFieldsValue(fieldsOf(incident));
  }, [incident, dirty, form]);

  async function save(values: Fields): Promise<void> {
    setSaving(true);
    try {
      const doc = await db.incidents.findOne(incident.id).exec();
      if (doc === null) throw new Error(t('common.notFound'));
      await doc.incrementalModify((current) =>
        updateIncidentDetails(current, values, nowInstant()),
      );
      setDirty(false);
      message.success(t('incidents.action.done'));
    } catch (err) {
      message.error(t('incidents.action.failed', { message: userErrorText(t, err) }));
    } finally {
      setSaving(false);
    }
  }

  const area = (name: keyof Fields) => (
    <Form.Item name={name} label={t(`incidents.details.${name}`)}>
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} data-testid={`incident-${name}`} />
    </Form.Item>
  );

  return (
    <Card
      size="small"
      title={t('incidents.details.title')}
      extra={
        <Button
          type="primary"
          size="small"
          disabled={!dirty}
          loading={saving}
          onClick={() => form.submit()}
          data-testid="incident-details-save"
        >
          {t('common.save')}
        </Button>
      }
    >
      <Form<Fields>
        form={form}
        layout="vertical"
        onValuesChange={() => setDirty(true)}
        onFinish={(v) => void save(v)}
      >
        {area('description')}
        {area('impact')}
        {area('rootCause')}
        {area('workaround')}
      </Form>
    </Card>
  );
}
