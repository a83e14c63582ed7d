import { Alert, Button, Card, Flex, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import type { Plan } from '../../../src-shared/domain/planning/plan';
import type { PlannedVsActual } from '../../../src-shared/domain/planning/planned-vs-actual';
import {
  comparePlanWithActual,
  parseActualMachines,
} from '../../../src-shared/domain/planning/planned-vs-actual';
import { useI18n } from '../../app/i18n';

/** Paste `kubectl get nodes -o wide` or a precheck listing; see where reality differs. */
export function ActualPanel({ plan }: { plan: Plan }) {
  const { t, pick } = useI18n();
  const [text, setText] = useState('');
  const [result, setResult] = useState<PlannedVsActual | null>(null);
  const [error, setError] = useState<string | null>(null);

  const compare = () => {
    const parsed = parseActualMachines(text);
    if (!parsed.ok) {
      setError(t('plans.actual.parseFailed', { message: pick(parsed.message) }));
      setResult(null);
      return;
    }
    setError(null);
    setResult(comparePlanWithActual(plan, parsed.machines));
  };

  return (
    <Card size="small" title={t('plans.actual.title')} data-testid="plan-actual">
      <Flex vertical gap={8}>
        <Alert type="info" showIcon title={t('plans.actual.help')} />
        <Input.TextArea
          rows={6}
          value={text}
          onChange={(e) => setText(e.target.value)}
          className="fb-plan-actual-input"
          aria-label={t('plans.actual.title')}
          data-testid="plan-actual-input"
        />
        <div>
          <Button onClick={compare} disabled={text.trim() === ''} data-testid="plan-actual-compare">
            {t('plans.actual.compare')}
          </Button>
        </div>
        {error && <Alert type="error" showIcon title={error} />}
        {result && result.differences.length === 0 && (
          <Alert
            type="success"
            showIcon
            title={t('plans.actual.allMatch', { n: result.matched })}
          />
        )}
        {result && result.differences.length > 0 && (
          <Table
            size="small"
            pagination={false}
            rowKey={(d) => `${d.hostname}|${d.field}`}
            dataSource={result.differences}
            data-testid="plan-actual-differences"
            columns={[
              { key: 'host', title: t('plans.actual.machine'), dataIndex: 'hostname' },
              {
                key: 'field',
                title: t('plans.actual.field'),
                render: (_, d) => t(`plans.actual.field.${d.field}`),
              },
              {
                key: 'planned',
                title: t('plans.actual.planned'),
                render: (_, d) =>
                  d.planned ?? <Tag color="orange">{t('plans.actual.unplanned')}</Tag>,
              },
              {
                key: 'actual',
                title: t('plans.actual.actual'),
                render: (_, d) =>
                  d.actual === null ? (
                    <Tag color="red">{t('plans.actual.missing')}</Tag>
                  ) : (
                    <span className="fb-plan-actual-diff">{d.actual}</span>
                  ),
              },
            ]}
          />
        )}
      </Flex>
    </Card>
  );
}
