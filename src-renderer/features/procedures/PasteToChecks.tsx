import { Alert, Button, Card, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import type { ProcedureRunDoc } from '../../../src-shared/db/types';
import type { RunState } from '../../../src-shared/domain/procedures/derive';
import { parseOutput, stepForOutput } from '../../../src-shared/domain/procedures/output-parsers';
import type { ParsedOutput } from '../../../src-shared/domain/procedures/output-parsers';
import { attachEvidence } from '../../../src-shared/domain/procedures/procedure-ops';
import type { Actor } from '../../../src-shared/domain/procedures/procedure-ops';
import type { ProcedureTemplate } from '../../../src-shared/policy/procedures/types';
import { nowInstant } from '../../app/clock';
import { useI18n } from '../../app/i18n';

type Outcome =
  | { kind: 'unknown' }
  | { kind: 'no-step' }
  | { kind: 'filled'; stepId: string; parsed: ParsedOutput };

/**
 * One paste box for the gate: `kubectl get nodes`, `etcdctl endpoint health` / `member list` or
 * `kubeadm certs check-expiration` output is recognised, attached whole to the open step that
 * runs that command (the member count as its value), and judged line by line on screen.
 */
export function PasteToChecks({
  template,
  state,
  who,
  act,
  onFilled,
}: {
  template: ProcedureTemplate;
  state: RunState;
  who: Actor;
  act: (op: (doc: ProcedureRunDoc) => ProcedureRunDoc) => Promise<boolean>;
  onFilled: (stepId: string) => void;
}) {
  const { t, pick } = useI18n();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const fill = async () => {
    const parsed = parseOutput(text);
    if (parsed === undefined) return setOutcome({ kind: 'unknown' });
    const open = (id: string) => {
      const st = state.steps[id]!.status;
      return (
        state.plan.includes(id) && (st === 'pending' || st === 'in-progress' || st === 'failed')
      );
    };
    const step = stepForOutput(template, parsed.kind, open);
    if (step === undefined) return setOutcome({ kind: 'no-step' });
    const ok = await act((d) => {
      let r = attachEvidence(d, step.id, { kind: 'output', text }, who, nowInstant());
      if (parsed.value !== undefined && step.evidence.includes('value')) {
        r = attachEvidence(r, step.id, { kind: 'value', text: parsed.value }, who, nowInstant());
      }
      return r;
    });
    if (!ok) return;
    setText('');
    setOutcome({ kind: 'filled', stepId: step.id, parsed });
    onFilled(step.id);
  };
  return (
    <Card size="small" title={t('procedures.paste.title')} data-testid="procedure-paste">
      <Flex vertical gap={6}>
        <Typography.Text type="secondary" className="fb-small">
          {t('procedures.paste.hint')}
        </Typography.Text>
        <Input.TextArea
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 10 }}
          className="fb-procedure-output"
          aria-label={t('procedures.paste.title')}
          data-testid="procedure-paste-text"
        />
        <Button
          size="large"
          disabled={text.trim() === ''}
          onClick={() => void fill()}
          data-testid="procedure-paste-fill"
        >
          {t('procedures.paste.fill')}
        </Button>
        {outcome?.kind === 'unknown' && (
          <Alert type="warning" title={t('procedures.paste.unknown')} />
        )}
        {outcome?.kind === 'no-step' && (
          <Alert type="warning" title={t('procedures.paste.noStep')} />
        )}
        {outcome?.kind === 'filled' && (
          <Alert
            type={outcome.parsed.result === 'pass' ? 'success' : 'error'}
            data-testid="procedure-paste-result"
            data-result={outcome.parsed.result}
            title={t('procedures.paste.filled', {
              step: pick(
                template.sections.flatMap((s) => s.steps).find((s) => s.id === outcome.stepId)!
                  .title,
              ),
              result: t(`procedures.paste.${outcome.parsed.result}`),
            })}
            description={
              <ul className="fb-small" style={{ margin: 0, paddingInlineStart: 18 }}>
                {outcome.parsed.problems.map((p) => (
                  <li key={p} data-testid="procedure-paste-problem">
                    {t(`procedures.paste.${p}`, { count: outcome.parsed.value ?? '' })}
                  </li>
                ))}
                {outcome.parsed.lines
                  .filter((l) => !l.ok)
                  .map((l) => (
                    <li key={l.line} data-testid="procedure-paste-line">
                      {t('procedures.paste.line', {
                        line: l.line,
                        subject: l.subject,
                        reading: l.reading,
                      })}
                    </li>
                  ))}
                {outcome.parsed.result === 'pass' && (
                  <li>{t('procedures.paste.allOk', { count: outcome.parsed.lines.length })}</li>
                )}
              </ul>
            }
          />
        )}
      </Flex>
    </Card>
  );
}
