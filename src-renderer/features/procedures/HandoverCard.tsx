import { Button, Card, Checkbox, Flex, Input, InputNumber, Table, Typography } from 'antd';
import { useState } from 'react';
import type { ProcedureRunDoc } from '../../../src-shared/db/types';
import type { RunState } from '../../../src-shared/domain/procedures/derive';
import { recordHandover } from '../../../src-shared/domain/procedures/procedure-ops';
import type { Actor } from '../../../src-shared/domain/procedures/procedure-ops';
import { nowInstant } from '../../app/clock';
import { useI18n } from '../../app/i18n';

const FIELDS = ['system', 'account', 'scope', 'handedTo', 'channel'] as const;
type Field = (typeof FIELDS)[number];

/**
 * The credential hand-over list of a deployment: what account of which system went to whom, by
 * which channel, acknowledged when, rotate within N days. There is deliberately no field for a
 * password or key: the secret travels by the channel named and is never typed into the app.
 */
export function HandoverCard({
  run,
  state,
  who,
  act,
}: {
  run: ProcedureRunDoc;
  state: RunState;
  who: Actor;
  act: (op: (doc: ProcedureRunDoc) => ProcedureRunDoc) => Promise<boolean>;
}) {
  const { t, fmtDateTime } = useI18n();
  const empty: Record<Field, string> = {
    system: '',
    account: '',
    scope: '',
    handedTo: '',
    channel: '',
  };
  const [values, setValues] = useState(empty);
  const [days, setDays] = useState<number | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const add = async () => {
    const ok = await act((d) =>
      recordHandover(
        d,
        {
          ...values,
          ...(acknowledged ? { acknowledgedAt: nowInstant() } : {}),
          ...(days !== null ? { rotateWithinDays: days } : {}),
        },
        who,
        nowInstant(),
      ),
    );
    if (ok) {
      setValues(empty);
      setDays(null);
      setAcknowledged(false);
    }
  };
  return (
    <Card size="small" title={t('procedures.handover.title')} data-testid="procedure-handover">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary" className="fb-small">
          {t('procedures.handover.rule')}
        </Typography.Text>
        <Table
          size="small"
          pagination={false}
          rowKey={(h) => `${h.at}${h.account}`}
          dataSource={state.handovers}
          locale={{ emptyText: t('procedures.handover.empty') }}
          columns={[
            ...FIELDS.map((f) => ({ title: t(`procedures.handover.${f}`), dataIndex: f, key: f })),
            {
              title: t('procedures.handover.acknowledgedAt'),
              key: 'ack',
              render: (_: unknown, h: RunState['handovers'][number]) =>
                h.acknowledgedAt === undefined
                  ? t('procedures.handover.notAcknowledged')
                  : fmtDateTime(h.acknowledgedAt, run.siteZone),
            },
            {
              title: t('procedures.handover.rotate'),
              key: 'rotate',
              render: (_: unknown, h: RunState['handovers'][number]) =>
                h.rotateWithinDays === undefined
                  ? '—'
                  : t('procedures.handover.rotateDays', { days: h.rotateWithinDays }),
            },
          ]}
        />
        <Flex gap={6} wrap>
          {FIELDS.map((f) => (
            <Input
              key={f}
              style={{ width: 160 }}
              value={values[f]}
              maxLength={f === 'scope' ? 500 : 200}
              placeholder={t(`procedures.handover.${f}`)}
              aria-label={t(`procedures.handover.${f}`)}
              data-testid={`procedure-handover-${f}`}
              onChange={(e) => setValues({ ...values, [f]: e.target.value })}
            />
          ))}
          <InputNumber
            min={1}
            max={3650}
            value={days}
            onChange={(v) => setDays(v)}
            placeholder={t('procedures.handover.rotate')}
            aria-label={t('procedures.handover.rotate')}
            data-testid="procedure-handover-rotate"
          />
          <Checkbox
            checked={acknowledged}
            onChange={(e) => setAcknowledged(e.target.checked)}
            data-testid="procedure-handover-ack"
          >
            {t('procedures.handover.ackNow')}
          </Checkbox>
          <Button
            size="large"
            disabled={FIELDS.some((f) => values[f].trim() === '')}
            onClick={() => void add()}
            data-testid="procedure-handover-add"
          >
            {t('procedures.handover.add')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}
