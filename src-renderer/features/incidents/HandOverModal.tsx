import { AutoComplete, Form } from 'antd';
import { useMemo } from 'react';
import type { IncidentDoc } from '../../../src-shared/db/types';
import { knownEngineers } from '../../../src-shared/domain/incident-ops';
import { useI18n } from '../../app/i18n';
import { FormModal } from '../../components/FormModal';
import { useRxQuery } from '../../db/hooks';
import { useSync } from '../../db/sync-context';

interface HandOverValues {
  assignee: string;
}

/**
 * Hands an incident to another engineer. The picker offers the engineers this laptop knows of:
 * the signed-in account and everyone named on an incident (the server session carries no team
 * list); any other name can be typed.
 */
export function HandOverModal({
  open,
  incident,
  me,
  onSubmit,
  onClose,
}: {
  open: boolean;
  incident: IncidentDoc;
  me: string;
  onSubmit: (assignee: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { session } = useSync();
  const incidents = useRxQuery((d) => (open ? d.incidents.find() : null), [open]);
  const account = session?.account?.user.username;
  const options = useMemo(
    () =>
      knownEngineers(incidents.docs, [me, account])
        .filter((name) => name !== incident.assignee)
        .map((name) => ({ value: name })),
    [incidents.docs, me, account, incident.assignee],
  );
  return (
    <FormModal<HandOverValues>
      open={open}
      title={t('incidents.handOver.title')}
      okText={t('incidents.handOver.ok')}
      successMessage={t('incidents.action.done')}
      fieldLabels={{ assignee: t('incidents.handOver.engineer') }}
      onSubmit={(v) => onSubmit(v.assignee.trim())}
      onClose={onClose}
      testId="hand-over-dialog"
    >
      <Form.Item
        name="assignee"
        label={t('incidents.handOver.engineer')}
        extra={t('incidents.handOver.engineerHint')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('incidents.handOver.engineer') }),
          },
          {
            max: 100,
            message: t('common.tooLong', { field: t('incidents.handOver.engineer'), max: 100 }),
          },
          {
            validator: (_, value?: string) =>
              value?.trim() === incident.assignee
                ? Promise.reject(new Error(t('incidents.handOver.same')))
                : Promise.resolve(),
          },
        ]}
      >
        <AutoComplete
          options={options}
          data-autofocus
          autoFocus
          data-testid="hand-over-engineer"
          filterOption={(input, option) =>
            (option?.value ?? '').toLowerCase().includes(input.trim().toLowerCase())
          }
        />
      </Form.Item>
    </FormModal>
  );
}
