import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Input,
  Modal,
  Row,
  Tag,
  Typography,
  App as AntApp,
} from 'antd';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import type {
  EvidenceKind,
  ProcedureEvidence,
  ProcedureRunDoc,
} from '../../../src-shared/db/types';
import {
  deriveRun,
  resumeStepFor,
  rollbackPlan,
  stepById,
} from '../../../src-shared/domain/procedures/derive';
import type { RunState, StepState } from '../../../src-shared/domain/procedures/derive';
import { checkOutput } from '../../../src-shared/domain/procedures/output-check';
import {
  attachEvidence,
  completeRun,
  completeStep,
  enterForwardFix,
  enterRollback,
  failingCheck,
  failStep,
  giveApproval,
  missingEvidence,
  pauseRun,
  resumeRun,
  runOutcome,
  skipStep,
  startStep,
  templateOfRun,
  openGateSteps,
  validApproval,
  waiveStep,
} from '../../../src-shared/domain/procedures/procedure-ops';
import type { Actor, EvidenceInput } from '../../../src-shared/domain/procedures/procedure-ops';
import type { ProcedureStep, ProcedureTemplate } from '../../../src-shared/policy/procedures';
import { nowInstant } from '../../app/clock';
import { desktop } from '../../app/desktop';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { userErrorText } from '../../components/error-text';
import { useDatabase } from '../../db/database-context';
import { useRxDocument } from '../../db/hooks';
import { SourceDeliverablesCard } from '../deliverables';
import { SignaturePad } from '../deliverables/SignaturePad';
import { ProcedureRecordButton } from './ProcedureRecordButton';
import { GateNotice, SevereIncidentCheck, WaiverArea } from './GateAreas';
import { accountMayAct } from '../../../src-shared/domain/procedures/roles';
import { InputError } from '../../../src-shared/domain/errors';
import { useProcedureIdentity } from './identity';
import { HandoverCard } from './HandoverCard';
import { runToSave, shownRun } from './optimistic-run';
import type { OptimisticRun } from './optimistic-run';
import { PasteToChecks } from './PasteToChecks';
import type { ProcedureIdentity } from './identity';
import type { DrawnSignature } from '../deliverables/SignaturePad';
import { mimeTypeOf } from '../visits/visit-view-model';
import { laptopZone } from '../../app/i18n-core';
import { afterPaint } from '../../app/after-paint';
import './procedures.css';

const STATUS_COLOR: Record<StepState['status'], string> = {
  pending: 'default',
  'in-progress': 'processing',
  done: 'success',
  failed: 'error',
  skipped: 'warning',
  waived: 'warning',
  bypassed: 'default',
};

/** An event handler that runs `f` and leaves its errors to `f` (each action reports its own). */
function fire(f: () => Promise<unknown>): () => void {
  return () => void f();
}

function useNowTick(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(h);
  }, [ms]);
  return now;
}

function elapsed(fromIso: string, now: number): string {
  const s = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/**
 * A procedure run, built for a server room: the step list (status per step), the current step
 * always in view with its command, expected result, evidence, timer and actions, the rollback
 * offer after a failure, and the event log with site and laptop times. Every action is one
 * event appended to the run in one write; after a reload the engineer is back at their step.
 */
export function ProcedureRunPage() {
  const { runId } = useParams();
  const { t } = useI18n();
  const run = useRxDocument('procedureRuns', runId);
  if (run.loading) return null;
  if (run.doc === null) return <Alert type="warning" title={t('procedures.notFound')} />;
  return <RunView run={run.doc} />;
}

/** The error in the UI language; a role refusal names the roles in it, not their codes. */
function roleErrorText(t: ReturnType<typeof useI18n>['t'], err: unknown): string {
  if (err instanceof InputError && err.code !== undefined && err.code.startsWith('procedureRole')) {
    const role = String(err.params?.['role'] ?? '');
    const account = String(err.params?.['account'] ?? '');
    return t(`error.code.${err.code}`, {
      role: role === '' ? '' : t(`procedures.role.${role}`),
      account: account === '' ? '' : t(`procedures.accountRole.${account}`),
    });
  }
  return userErrorText(t, err);
}

function RunView({ run: stored }: { run: ProcedureRunDoc }) {
  const { t, pick, fmtDateTime } = useI18n();
  const db = useDatabase();
  const { message } = AntApp.useApp();
  const identity = useProcedureIdentity();
  // What the engineer just did is shown at once (optimistic-run.ts); a save that fails takes it
  // back with the error. On a 300-step run the save is most of a click.
  const [optimistic, setOptimistic] = useState<OptimisticRun | null>(null);
  const run = shownRun(stored, optimistic);
  const template = useMemo(() => templateOfRun(run), [run]);
  const state = useMemo(() => deriveRun(template, run), [template, run]);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const who: Actor = {
    by: identity.name,
    zone: laptopZone(),
    ...(identity.account !== undefined ? { account: identity.account } : {}),
  };

  // After a reload (or a merge) show the step this engineer was on; later, follow the plan.
  const stepId =
    selected !== undefined && state.steps[selected] !== undefined
      ? selected
      : resumeStepFor(state, identity.name);

  const act = async (op: (doc: ProcedureRunDoc) => ProcedureRunDoc): Promise<boolean> => {
    const failed = (err: unknown) => {
      message.error(t('procedures.saveFailed', { message: roleErrorText(t, err) }));
      return false;
    };
    let next: ProcedureRunDoc;
    try {
      next = op(run);
    } catch (err) {
      return failed(err);
    }
    const entry: OptimisticRun = { base: stored, next };
    setOptimistic(entry);
    try {
      // The write (a clone and a structured copy of the whole run) after the frame that shows it.
      await afterPaint();
      const doc = await db.procedureRuns.findOne(run.id).exec();
      if (doc === null) throw new Error(`procedure run ${run.id} disappeared`);
      await doc.incrementalModify((d) => runToSave(d, entry, op));
      return true;
    } catch (err) {
      setOptimistic((o) => (o === entry ? null : o));
      return failed(err);
    }
  };

  const outcome = runOutcome(state);
  const [help, setHelp] = useState(false);
  // Server-room keys, as on the inspection screen: Alt+↓ / Alt+↑ next / previous step of the
  // plan, Alt+Enter marks the current step done (the same button, so the same checks), Alt+O
  // puts the cursor in the output box to paste and attach, ? shows this list.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const typing =
        e.target instanceof HTMLElement &&
        (e.target.tagName === 'INPUT' ||
          e.target.tagName === 'TEXTAREA' ||
          e.target.isContentEditable);
      if (e.key === '?' && !typing && !e.altKey) {
        e.preventDefault();
        setHelp(true);
        return;
      }
      if (!e.altKey) return;
      const panel = document.querySelector<HTMLElement>('[data-testid="procedure-current"]');
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        const at = stepId === undefined ? -1 : state.plan.indexOf(stepId);
        const next = state.plan[at + (e.key === 'ArrowDown' ? 1 : -1)];
        if (next !== undefined) {
          e.preventDefault();
          setSelected(next);
        }
      } else if (e.key === 'Enter') {
        const done = panel?.querySelector<HTMLButtonElement>('[data-testid="procedure-done"]');
        if (done && !done.disabled) {
          e.preventDefault();
          done.click();
        }
      } else if (e.key === 'o' || e.key === 'O') {
        const box = panel?.querySelector<HTMLTextAreaElement>('[data-testid="procedure-output"]');
        if (box) {
          e.preventDefault();
          box.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [state.plan, stepId]);
  return (
    <Flex vertical gap={12} className="fb-procedure">
      <Modal
        open={help}
        title={t('procedures.keys.title')}
        footer={null}
        onCancel={() => setHelp(false)}
        data-testid="procedure-shortcuts-help"
      >
        <table className="fb-small" data-testid="procedure-shortcuts-list">
          <tbody>
            {(
              [
                ['Alt + ↓', 'next'],
                ['Alt + ↑', 'previous'],
                ['Alt + Enter', 'done'],
                ['Alt + O', 'output'],
                ['?', 'help'],
              ] as const
            ).map(([keys, what]) => (
              <tr key={what}>
                <td style={{ paddingInlineEnd: 16 }}>
                  <kbd>{keys}</kbd>
                </td>
                <td>{t(`procedures.keys.${what}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Modal>
      <PageHeader
        backTo={`/customers/${run.customerId}`}
        title={pick(template.name)}
        subtitle={
          <Flex gap={8} align="center" component="span" wrap>
            <Tag data-testid="procedure-status">{t(`procedures.status.${state.status}`)}</Tag>
            {state.status !== 'completed' && (
              <Tag
                color={state.mode === 'forward' ? 'blue' : 'volcano'}
                data-testid="procedure-mode"
              >
                {t(`procedures.mode.${state.mode}`)}
              </Tag>
            )}
            {outcome !== undefined && (
              <Tag
                color={outcome === 'succeeded' ? 'green' : 'orange'}
                data-testid="procedure-outcome"
              >
                {t(`procedures.outcome.${outcome}`)}
              </Tag>
            )}
            {run.fromVersion !== undefined && run.toVersion !== undefined && (
              <span>
                {t('procedures.run.versions', { from: run.fromVersion, to: run.toVersion })}
              </span>
            )}
            {run.window !== undefined && (
              <span data-testid="procedure-window">
                {t('procedures.run.window', {
                  start: fmtDateTime(run.window.start, run.siteZone),
                  end: fmtDateTime(run.window.end, run.siteZone),
                })}
              </span>
            )}
            {run.window?.emergencyReason !== undefined && (
              <Tag color="red" title={run.window.emergencyReason} data-testid="procedure-emergency">
                {t('procedures.run.emergency', { days: run.window.noticeDays })}
              </Tag>
            )}
            <span>
              {t('procedures.run.executor')}: {run.startedBy}
            </span>
            <Tag
              color={identity.source === 'signed-in' ? 'green' : 'default'}
              data-testid="procedure-identity"
              data-source={identity.source}
            >
              {t(`procedures.identity.${identity.source === 'signed-in' ? 'signedIn' : 'local'}`, {
                name: identity.name,
              })}
            </Tag>
          </Flex>
        }
        extra={
          <Flex gap={8} wrap>
            <Button
              size="large"
              onClick={() => setHelp(true)}
              data-testid="procedure-shortcuts"
              aria-keyshortcuts="Shift+?"
            >
              {t('procedures.keys.button')}
            </Button>
            <ProcedureRecordButton run={run} />
            {state.status === 'completed' ? undefined : state.status === 'paused' ? (
              <Button size="large" onClick={() => void act((d) => resumeRun(d, who, nowInstant()))}>
                {t('procedures.run.resume')}
              </Button>
            ) : (
              <ReasonButton
                label={t('procedures.run.pause')}
                title={t('procedures.run.pauseReason')}
                onReason={(reason) => act((d) => pauseRun(d, reason, who, nowInstant()))}
                testId="procedure-pause"
              />
            )}
          </Flex>
        }
      />
      <Row gutter={12}>
        <Col xs={24} lg={8}>
          <StepList template={template} state={state} selected={stepId} onSelect={setSelected} />
        </Col>
        <Col xs={24} lg={16}>
          {stepId === undefined ? (
            <Card size="small">
              <Flex vertical gap={12} align="flex-start">
                <Typography.Text>
                  {state.status === 'completed'
                    ? t('procedures.run.completed')
                    : t('procedures.run.none')}
                </Typography.Text>
                {state.status === 'in-progress' && (
                  <Button
                    type="primary"
                    size="large"
                    data-testid="procedure-complete"
                    onClick={() => void act((d) => completeRun(d, who, nowInstant()))}
                  >
                    {t('procedures.run.complete')}
                  </Button>
                )}
              </Flex>
            </Card>
          ) : (
            <StepPanel
              key={stepId}
              run={run}
              template={template}
              state={state}
              step={stepById(template, stepId)!}
              st={state.steps[stepId]!}
              who={who}
              identity={identity}
              act={act}
              onNext={() => setSelected(undefined)}
            />
          )}
        </Col>
      </Row>
      {/* Below the row: the current-step card is sticky and would cover it in the column. */}
      {state.status === 'in-progress' &&
        state.mode === 'forward' &&
        template.kind !== 'troubleshooting' && (
          <PasteToChecks
            template={template}
            state={state}
            who={who}
            act={act}
            onFilled={setSelected}
          />
        )}
      {template.kind === 'deployment' && (
        <HandoverCard run={run} state={state} who={who} act={act} />
      )}
      <SourceDeliverablesCard sourceId={run.id} />
      <EventLog events={state.events} template={template} siteZone={run.siteZone} />
    </Flex>
  );
}

/** Each step's title by id, once per template (the log names a step on each of its events). */
function useStepTitles(template: ProcedureTemplate): Map<string, ProcedureStep['title']> {
  return useMemo(
    () => new Map(template.sections.flatMap((x) => x.steps.map((y) => [y.id, y.title] as const))),
    [template],
  );
}

/**
 * Events the log shows until asked for all: a 300-step run holds ~1,000, and laying out every
 * row again on each completion costs more than the completion itself (bench:run-screen).
 */
const LOG_RECENT = 50;

/**
 * The event log, newest first; the older events on request. Events are immutable and identified by id (the log is
 * append-only, a merge keeps each id's event), so a row re-renders only when it is new: one
 * step completion renders one row, not the whole log with two formatted times per event.
 */
const EventLog = memo(function EventLog({
  events,
  template,
  siteZone,
}: {
  events: RunState['events'];
  template: ProcedureTemplate;
  siteZone: string;
}) {
  const { t } = useI18n();
  const titles = useStepTitles(template);
  const [all, setAll] = useState(false);
  const shown = all ? events : events.slice(-LOG_RECENT);
  const older = events.length - shown.length;
  return (
    <Card size="small" title={t('procedures.run.log')} data-testid="procedure-log">
      <Flex vertical gap={2}>
        {[...shown].reverse().map((e) => (
          <EventRow
            key={e.id}
            event={e}
            siteZone={siteZone}
            stepTitle={e.stepId === undefined ? undefined : titles.get(e.stepId)}
          />
        ))}
        {older > 0 && (
          <Button
            type="link"
            className="fb-procedure-log-more"
            onClick={() => setAll(true)}
            data-testid="procedure-log-more"
          >
            {t('procedures.run.logOlder', { count: older })}
          </Button>
        )}
      </Flex>
    </Card>
  );
});

const EventRow = memo(
  function EventRow({
    event: e,
    siteZone,
    stepTitle,
  }: {
    event: RunState['events'][number];
    siteZone: string;
    stepTitle: ProcedureStep['title'] | undefined;
  }) {
    const { t, pick, fmtDateTime } = useI18n();
    return (
      <Typography.Text
        className="fb-small"
        data-testid="procedure-event"
        data-kind={e.kind}
        data-account={e.account?.username}
      >
        {t('procedures.run.siteTime', { time: fmtDateTime(e.at, siteZone) })} ·{' '}
        {t('procedures.run.laptopTime', { time: fmtDateTime(e.at, e.zone) })} · {e.by}
        {/* Made signed in: the server checked the account and its role on the push. */}
        {e.account !== undefined &&
          t('procedures.event.account', {
            role: t(`procedures.accountRole.${e.account.role}`),
          })}{' '}
        · {t(`procedures.event.${e.kind}`)}
        {e.stepId !== undefined && ` · ${pick(stepTitle ?? { zh: e.stepId, en: e.stepId })}`}
        {e.reason !== undefined && ` · ${e.reason}`}
        {e.evidence?.check !== undefined && ` · ${t(`procedures.check.${e.evidence.check}`)}`}
      </Typography.Text>
    );
  },
  (a, b) => a.event.id === b.event.id && a.siteZone === b.siteZone && a.stepTitle === b.stepTitle,
);

/**
 * The steps by section with their status. A row takes only what it shows, so a completion
 * re-renders the rows whose status, selection or current mark changed, not all of them.
 */
function StepList({
  template,
  state,
  selected,
  onSelect,
}: {
  template: ProcedureTemplate;
  state: RunState;
  selected: string | undefined;
  onSelect: (id: string) => void;
}) {
  const { pick } = useI18n();
  return (
    <Card size="small" className="fb-procedure-steps">
      <Flex vertical gap={10}>
        {template.sections.map((section) => {
          const inPlan =
            section.kind === 'main' || section.steps.some((s) => state.plan.includes(s.id));
          if (!inPlan) return null;
          return (
            <Flex vertical gap={4} key={section.id} className="fb-procedure-section">
              <Typography.Text strong>{pick(section.title)}</Typography.Text>
              {section.steps
                .filter((s) => section.kind === 'main' || state.plan.includes(s.id))
                .map((s) => (
                  <StepRow
                    key={s.id}
                    step={s}
                    status={state.steps[s.id]!.status}
                    selected={selected === s.id}
                    current={state.currentStepId === s.id}
                    onSelect={onSelect}
                  />
                ))}
            </Flex>
          );
        })}
      </Flex>
    </Card>
  );
}

const StepRow = memo(function StepRow({
  step: s,
  status,
  selected,
  current,
  onSelect,
}: {
  step: ProcedureStep;
  status: StepState['status'];
  selected: boolean;
  current: boolean;
  onSelect: (id: string) => void;
}) {
  const { t, pick } = useI18n();
  return (
    <button
      type="button"
      className={`fb-procedure-step${selected ? ' is-selected' : ''}${s.checkpoint?.class === 'irreversible' ? ' is-irreversible' : ''}`}
      onClick={() => onSelect(s.id)}
      data-testid="procedure-step"
      data-step={s.id}
      data-status={status}
      aria-current={current ? 'step' : undefined}
    >
      <span>{pick(s.title)}</span>
      <Tag color={STATUS_COLOR[status]}>{t(`procedures.step.${status}`)}</Tag>
    </button>
  );
});

interface StepPanelProps {
  run: ProcedureRunDoc;
  template: ProcedureTemplate;
  state: RunState;
  step: ProcedureStep;
  st: StepState;
  who: Actor;
  identity: ProcedureIdentity;
  act: (op: (doc: ProcedureRunDoc) => ProcedureRunDoc) => Promise<boolean>;
  onNext: () => void;
}

function StepPanel({ run, template, state, step, st, who, identity, act, onNext }: StepPanelProps) {
  const { t, pick, fmtDateTime } = useI18n();
  const now = useNowTick();
  const [confirming, setConfirming] = useState(false);
  const open = state.status === 'in-progress';
  const planned = state.plan.includes(step.id) && st.status !== 'bypassed';
  const finished = st.status === 'done' || st.status === 'skipped' || st.status === 'waived';
  const gated = template.sections.find((x) => x.steps.some((y) => y.id === step.id))?.gate === true;
  const gateClosed = openGateSteps(template, state, step.id).length > 0;
  const irreversible = step.checkpoint?.class === 'irreversible';
  const missing = missingEvidence(template, st);
  // The approver cannot be the executor: an approval of one's own does not let one complete it.
  const approvalMissing =
    step.approval !== undefined && validApproval(st, who.by, new Date()) === undefined;
  const ownApprovalOnly =
    approvalMissing &&
    st.approvals.some(
      (a) => a.by === who.by && (a.expiresAt === undefined || Date.parse(a.expiresAt) > Date.now()),
    );
  const failing = failingCheck(st);
  const names = (ids: readonly string[]) =>
    ids.map((id) => pick(stepById(template, id)?.title ?? { zh: id, en: id })).join('、');

  const start = (confirmIrreversible = false) =>
    act((d) => startStep(d, step.id, who, nowInstant(), { confirmIrreversible }));
  const attach = (input: EvidenceInput) =>
    act((d) => attachEvidence(d, step.id, input, who, nowInstant()));

  return (
    <Card
      size="small"
      className={`fb-procedure-current${irreversible ? ' is-irreversible' : ''}`}
      data-testid="procedure-current"
      data-step={step.id}
      title={
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Title level={2} className="fb-procedure-title">
            {pick(step.title)}
          </Typography.Title>
          <Tag color={STATUS_COLOR[st.status]} data-testid="procedure-step-status">
            {t(`procedures.step.${st.status}`)}
          </Tag>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Flex gap={12} wrap className="fb-small">
          <span>{t('procedures.step.role', { role: t(`procedures.role.${step.role}`) })}</span>
          {identity.account !== undefined && !accountMayAct(step.role, identity.account.role) && (
            <Tag color="red" data-testid="procedure-role-refused">
              {t('procedures.role.notYours', {
                role: t(`procedures.role.${step.role}`),
                account: t(`procedures.accountRole.${identity.account.role}`),
              })}
            </Tag>
          )}
          <span>{t('procedures.step.planned', { minutes: step.plannedMinutes })}</span>
          {st.status === 'in-progress' && st.startedAt !== undefined && (
            <span data-testid="procedure-timer">
              {t('procedures.step.elapsed', { time: elapsed(st.startedAt, now) })}
            </span>
          )}
          {st.actualMinutes !== undefined && (
            <span>{t('procedures.step.actual', { minutes: st.actualMinutes })}</span>
          )}
        </Flex>
        {step.checkpoint?.class === 'reversible' && (
          <Alert
            type="info"
            title={t('procedures.step.reversible', { steps: names(step.checkpoint.rollback) })}
          />
        )}
        {irreversible && (
          <Alert
            type="error"
            showIcon
            title={t('procedures.step.irreversible')}
            data-testid="procedure-irreversible"
          />
        )}
        <Typography.Paragraph className="fb-procedure-instruction">
          {pick(step.instruction)}
        </Typography.Paragraph>
        {step.command !== undefined && (
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">{t('procedures.step.command')}</Typography.Text>
            <Typography.Paragraph
              copyable={{ text: step.command }}
              className="fb-procedure-command"
            >
              <pre>{step.command}</pre>
            </Typography.Paragraph>
          </Flex>
        )}
        <Flex vertical gap={4}>
          <Typography.Text type="secondary">{t('procedures.step.expected')}</Typography.Text>
          <Typography.Text data-testid="procedure-expected">
            {pick(step.expected.text)}
          </Typography.Text>
        </Flex>
        {st.branch !== undefined && (
          <Alert
            type="info"
            title={t('procedures.step.branch', {
              label: pick(
                step.branches?.find((b) => b.goTo === st.branch)?.label ?? {
                  zh: st.branch,
                  en: st.branch,
                },
              ),
            })}
          />
        )}
        {st.reason !== undefined && (
          <Alert type={st.status === 'failed' ? 'error' : 'warning'} title={st.reason} />
        )}

        {planned && open && !finished && st.status === 'pending' && (
          <GateNotice template={template} state={state} stepId={step.id} />
        )}
        {planned && open && !finished && st.status === 'pending' && (
          <Button
            size="large"
            type="primary"
            danger={irreversible}
            disabled={gateClosed}
            data-testid="procedure-start-step"
            onClick={() => (irreversible ? setConfirming(true) : void start())}
          >
            {t('procedures.step.start')}
          </Button>
        )}
        <Modal
          open={confirming}
          title={t('procedures.step.confirmTitle')}
          okText={t('procedures.step.confirm')}
          okButtonProps={{ danger: true }}
          onCancel={() => setConfirming(false)}
          onOk={fire(async () => {
            if (await start(true)) setConfirming(false);
          })}
        >
          {t('procedures.step.confirmBody', { title: pick(step.title) })}
        </Modal>

        {st.status === 'failed' && open && state.mode !== 'forward-fix' && (
          <RollbackOffer
            template={template}
            state={state}
            failedStepId={step.id}
            onRollback={() => act((d) => enterRollback(d, step.id, who, nowInstant()))}
            onForwardFix={() => act((d) => enterForwardFix(d, step.id, who, nowInstant()))}
            names={names}
          />
        )}
        {step.auto === 'no-severe-incidents' && planned && open && !finished && (
          <SevereIncidentCheck run={run} onRecord={(text) => attach({ kind: 'value', text })} />
        )}
        {planned &&
          open &&
          !finished &&
          !gateClosed &&
          (st.status !== 'pending' || !irreversible) && (
            <EvidenceArea step={step} st={st} missing={missing} onAttach={attach} signer={who.by} />
          )}
        {step.approval !== undefined && planned && !finished && open && (
          <ApprovalArea
            run={run}
            step={step}
            st={st}
            identity={identity}
            onApprove={(name) =>
              act((d) =>
                giveApproval(
                  d,
                  step.id,
                  // Signed in, the approval is the account's own; offline, the typed name.
                  identity.account !== undefined ? who : { by: name, zone: who.zone },
                  nowInstant(),
                ),
              )
            }
          />
        )}
        {failing !== undefined && <CheckResult step={step} text={failing.text ?? ''} />}
        {gated && planned && open && !finished && (
          <WaiverArea
            identity={identity}
            onWaive={async (by, reason) => {
              const ok = await act((d) =>
                waiveStep(
                  d,
                  step.id,
                  reason,
                  identity.account !== undefined ? who : { by, zone: who.zone },
                  nowInstant(),
                ),
              );
              if (ok) onNext();
              return ok;
            }}
          />
        )}
        {planned && open && !finished && st.status !== 'pending' && ownApprovalOnly && (
          <Alert
            type="warning"
            showIcon
            title={t('procedures.approval.ownDoesNotCount')}
            data-testid="procedure-own-approval"
          />
        )}
        {planned && open && !finished && st.status !== 'pending' && (
          <Flex gap={8} wrap>
            <Button
              size="large"
              type="primary"
              data-testid="procedure-done"
              disabled={missing.length > 0 || failing !== undefined || approvalMissing}
              onClick={fire(async () => {
                if (await act((d) => completeStep(d, step.id, who, nowInstant()))) onNext();
              })}
            >
              {t('procedures.step.markDone')}
            </Button>
            <ReasonButton
              label={t('procedures.step.markFailed')}
              title={t('procedures.step.failTitle')}
              danger
              testId="procedure-fail"
              onReason={(reason) => act((d) => failStep(d, step.id, reason, who, nowInstant()))}
            />
            <ReasonButton
              label={t('procedures.step.skip')}
              title={t('procedures.step.skipTitle')}
              testId="procedure-skip"
              onReason={async (reason) => {
                const ok = await act((d) => skipStep(d, step.id, reason, who, nowInstant()));
                if (ok) onNext();
                return ok;
              }}
            />
          </Flex>
        )}
        {st.allEvidence.length > 0 && (
          <Typography.Text
            type="secondary"
            className="fb-small"
            data-testid="procedure-evidence-count"
          >
            {t('procedures.evidence.attached', { count: st.allEvidence.length })}
            {st.startedAt !== undefined && ` · ${fmtDateTime(st.startedAt, run.siteZone)}`}
          </Typography.Text>
        )}
        {st.allEvidence.length > 0 && <EvidenceList evidence={st.allEvidence} />}
      </Flex>
    </Card>
  );
}

/**
 * What is attached to the step, newest first: pasted output whole (the newest open, older ones
 * folded), values, and the names of photos, files and signatures. The record prints the same.
 */
function EvidenceList({ evidence }: { evidence: readonly ProcedureEvidence[] }) {
  const { t } = useI18n();
  const items = [...evidence].reverse();
  return (
    <Flex vertical gap={4} data-testid="procedure-evidence-list">
      {items.map((e, i) => {
        // Keyed by position in the log (stable as new evidence comes first).
        const key = items.length - 1 - i;
        const label = t(`procedures.evidence.${e.kind}`);
        const check = e.check === undefined ? '' : ` · ${t(`procedures.check.${e.check}`)}`;
        if (e.kind === 'output') {
          return (
            <details
              key={key}
              open={i === items.findIndex((x) => x.kind === 'output')}
              data-testid="procedure-evidence-item"
              data-kind={e.kind}
              data-check={e.check}
            >
              <summary className="fb-small">
                {t('procedures.evidence.outputLines', {
                  lines: (e.text ?? '').replace(/\n+$/, '').split('\n').length,
                })}
                {check}
              </summary>
              <pre className="fb-procedure-evidence-text">{e.text}</pre>
            </details>
          );
        }
        return (
          <Typography.Text
            key={key}
            className="fb-small"
            data-testid="procedure-evidence-item"
            data-kind={e.kind}
            data-check={e.check}
          >
            {t('procedures.evidence.item', {
              kind: label,
              text: e.text ?? e.attachment?.name ?? '',
            })}
            {check}
          </Typography.Text>
        );
      })}
    </Flex>
  );
}

function CheckResult({ step, text }: { step: ProcedureStep; text: string }) {
  const { t } = useI18n();
  const check = checkOutput(step.expected, text);
  if (check.result !== 'fail') return null;
  return (
    <Alert
      type="error"
      data-testid="procedure-check"
      title={t('procedures.check.fail')}
      description={
        <Flex vertical>
          {check.failures.map((f, i) => (
            <span key={i}>
              {t(`procedures.check.${f.code}`, f as unknown as Record<string, string | number>)}
            </span>
          ))}
        </Flex>
      }
    />
  );
}

function EvidenceArea({
  step,
  st,
  missing,
  onAttach,
  signer,
}: {
  step: ProcedureStep;
  st: StepState;
  missing: EvidenceKind[];
  onAttach: (input: EvidenceInput) => Promise<boolean>;
  signer: string;
}) {
  const { t } = useI18n();
  const [output, setOutput] = useState('');
  const [value, setValue] = useState('');
  const [signature, setSignature] = useState<DrawnSignature | null>(null);
  const fileInput = useRef<HTMLInputElement | null>(null);
  const [fileKind, setFileKind] = useState<'photo' | 'file'>('file');
  const last = [...st.evidence].reverse().find((e) => e.kind === 'output');
  const upload = async (files: File[]) => {
    for (const file of files) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const attachment = await desktop().blobs.put({
        bytes,
        name: file.name,
        mimeType: mimeTypeOf(file.name, file.type),
      });
      await onAttach({ kind: fileKind, attachment });
    }
    if (fileInput.current !== null) fileInput.current.value = '';
  };
  const kinds = (list: readonly EvidenceKind[]) =>
    list.map((k) => t(`procedures.evidence.${k}`)).join('、');
  return (
    <Flex vertical gap={8} data-testid="procedure-evidence">
      <Typography.Text type="secondary">
        {step.evidence.length === 0
          ? t('procedures.step.noEvidence')
          : `${t('procedures.step.evidence')}: ${kinds(step.evidence)}`}
      </Typography.Text>
      {missing.length > 0 && (
        <Typography.Text type="warning" data-testid="procedure-missing">
          {t('procedures.evidence.missing', { kinds: kinds(missing) })}
        </Typography.Text>
      )}
      {step.evidence.includes('output') && (
        <Flex vertical gap={6}>
          <Input.TextArea
            value={output}
            onChange={(e) => setOutput(e.target.value)}
            autoSize={{ minRows: 4, maxRows: 16 }}
            placeholder={t('procedures.evidence.pasteOutput')}
            aria-label={t('procedures.evidence.pasteOutput')}
            className="fb-procedure-output"
            data-testid="procedure-output"
          />
          <Button
            size="large"
            disabled={output.trim() === ''}
            data-testid="procedure-attach-output"
            onClick={fire(async () => {
              if (await onAttach({ kind: 'output', text: output })) setOutput('');
            })}
          >
            {t('procedures.evidence.attachOutput')}
          </Button>
          {last?.check === 'pass' && (
            <Alert
              type="success"
              title={t('procedures.check.pass')}
              data-testid="procedure-check-pass"
            />
          )}
        </Flex>
      )}
      {step.evidence.includes('value') && (
        <Flex gap={6}>
          <Input
            value={value}
            onChange={(e) => setValue(e.target.value)}
            maxLength={2000}
            placeholder={t('procedures.evidence.enterValue')}
            aria-label={t('procedures.evidence.enterValue')}
            data-testid="procedure-value"
          />
          <Button
            size="large"
            disabled={value.trim() === ''}
            data-testid="procedure-save-value"
            onClick={fire(async () => {
              if (await onAttach({ kind: 'value', text: value })) setValue('');
            })}
          >
            {t('procedures.evidence.saveValue')}
          </Button>
        </Flex>
      )}
      {(['photo', 'file'] as const)
        .filter((k) => step.evidence.includes(k))
        .map((k) => (
          <Button
            key={k}
            size="large"
            data-testid={`procedure-upload-${k}`}
            onClick={() => {
              setFileKind(k);
              fileInput.current?.click();
            }}
          >
            {t('procedures.evidence.upload', { kind: t(`procedures.evidence.${k}`) })}
          </Button>
        ))}
      <input
        ref={fileInput}
        type="file"
        hidden
        accept={fileKind === 'photo' ? 'image/*' : undefined}
        data-testid="procedure-file-input"
        onChange={(e) => void upload([...(e.target.files ?? [])])}
      />
      {step.evidence.includes('signature') && (
        <Flex vertical gap={6}>
          <SignaturePad
            role={step.role === 'customer-admin' ? 'customer' : 'engineer'}
            defaultName={step.role === 'customer-admin' ? '' : signer}
            onChange={setSignature}
          />
          <Button
            size="large"
            disabled={signature === null}
            data-testid="procedure-save-signature"
            onClick={fire(async () => {
              if (signature === null) return;
              const attachment = await desktop().blobs.put({
                bytes: signature.png,
                name: `signature-${signature.name}.png`,
                mimeType: 'image/png',
              });
              await onAttach({ kind: 'signature', attachment });
            })}
          >
            {t('procedures.evidence.saveSignature')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}

function ApprovalArea({
  run,
  step,
  st,
  identity,
  onApprove,
}: {
  run: ProcedureRunDoc;
  step: ProcedureStep;
  st: StepState;
  identity: ProcedureIdentity;
  onApprove: (name: string) => Promise<boolean>;
}) {
  const { t, fmtDateTime } = useI18n();
  const [typed, setName] = useState('');
  // Signed in, the approval is the signed-in user's; otherwise the approver types their name.
  const signedIn = identity.source === 'signed-in';
  const name = signedIn ? identity.name : typed;
  const nowMs = useNowTick(30_000);
  const role = step.approval?.role ?? 'approver';
  // Signed in: the executor's laptop cannot approve; a second account approves on its laptop
  // and the approval arrives by sync. An account without the approver role cannot either.
  const blocked = signedIn
    ? identity.name === run.startedBy
      ? t('procedures.approval.otherAccount', { role: t(`procedures.role.${role}`) })
      : identity.account !== undefined && !accountMayAct(role, identity.account.role)
        ? t('procedures.role.notYours', {
            role: t(`procedures.role.${role}`),
            account: t(`procedures.accountRole.${identity.account.role}`),
          })
        : undefined
    : undefined;
  return (
    <Card size="small" title={t('procedures.approval.title')} data-testid="procedure-approval">
      <Flex vertical gap={6}>
        <Typography.Text type="secondary">
          {t('procedures.approval.needed', { hours: step.approval?.expiresHours ?? 0 })}
        </Typography.Text>
        <Typography.Text type="secondary" data-testid="procedure-approval-mode">
          {signedIn ? t('procedures.approval.modeSignedIn') : t('procedures.approval.modeLocal')}
        </Typography.Text>
        {st.approvals.map((a) => (
          <Typography.Text
            key={`${a.by}${a.at}`}
            data-testid="procedure-approval-given"
            data-verified={a.account !== undefined}
          >
            <Tag color={a.account !== undefined ? 'green' : 'default'}>
              {a.account !== undefined
                ? t('procedures.approval.verified', {
                    role: t(`procedures.accountRole.${a.account.role}`),
                  })
                : t('procedures.approval.unverified')}
            </Tag>
            {a.expiresAt !== undefined && Date.parse(a.expiresAt) <= nowMs
              ? t('procedures.approval.expired', {
                  by: a.by,
                  time: fmtDateTime(a.expiresAt, run.siteZone),
                })
              : t('procedures.approval.given', {
                  by: a.by,
                  time: a.expiresAt === undefined ? '' : fmtDateTime(a.expiresAt, run.siteZone),
                })}
          </Typography.Text>
        ))}
        {blocked !== undefined && (
          <Alert type="warning" title={blocked} data-testid="procedure-approval-blocked" />
        )}
        <Flex gap={6}>
          {signedIn ? (
            <Typography.Text>{t('procedures.approval.asUser', { name })}</Typography.Text>
          ) : (
            <Input
              value={typed}
              maxLength={100}
              onChange={(e) => setName(e.target.value)}
              placeholder={t('procedures.approval.approver')}
              aria-label={t('procedures.approval.approver')}
              data-testid="procedure-approver"
            />
          )}
          <Button
            size="large"
            disabled={name.trim() === '' || blocked !== undefined}
            data-testid="procedure-approve"
            onClick={fire(async () => {
              if (await onApprove(name.trim())) setName('');
            })}
          >
            {t('procedures.approval.give')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}

function RollbackOffer({
  template,
  state,
  failedStepId,
  onRollback,
  onForwardFix,
  names,
}: {
  template: ProcedureTemplate;
  state: RunState;
  failedStepId: string;
  onRollback: () => Promise<boolean>;
  onForwardFix: () => Promise<boolean>;
  names: (ids: readonly string[]) => string;
}) {
  const { t, pick } = useI18n();
  if (state.mode !== 'forward') return null;
  const plan = rollbackPlan(template, state, failedStepId);
  let body: ReactNode;
  if (plan.steps.length > 0) {
    body = (
      <Flex vertical gap={6}>
        <Typography.Text>{t('procedures.rollback.offer')}</Typography.Text>
        <ol className="fb-procedure-rollback-list" data-testid="procedure-rollback-steps">
          {plan.steps.map((id) => (
            <li key={id}>{pick(stepById(template, id)!.title)}</li>
          ))}
        </ol>
        <Typography.Text type="secondary">
          {t('procedures.rollback.undoes', { steps: names(plan.undoes) })}
        </Typography.Text>
        <Button
          size="large"
          danger
          type="primary"
          data-testid="procedure-enter-rollback"
          onClick={() => void onRollback()}
        >
          {t('procedures.rollback.enter')}
        </Button>
      </Flex>
    );
  } else if (plan.blockedBy !== undefined || plan.forwardFix.length > 0) {
    body = (
      <Flex vertical gap={6}>
        <Typography.Text>
          {t('procedures.rollback.blocked', { step: names([plan.blockedBy ?? failedStepId]) })}
        </Typography.Text>
        <Typography.Text>{names(plan.forwardFix)}</Typography.Text>
        <Button
          size="large"
          type="primary"
          data-testid="procedure-enter-forward-fix"
          onClick={() => void onForwardFix()}
        >
          {t('procedures.rollback.forwardFix')}
        </Button>
      </Flex>
    );
  } else {
    body = <Typography.Text>{t('procedures.rollback.nothing')}</Typography.Text>;
  }
  return (
    <Card
      size="small"
      title={t('procedures.rollback.title')}
      data-testid="procedure-rollback"
      className="fb-procedure-rollback"
    >
      {body}
    </Card>
  );
}

function ReasonButton({
  label,
  title,
  onReason,
  danger = false,
  testId,
}: {
  label: string;
  title: string;
  onReason: (reason: string) => Promise<boolean>;
  danger?: boolean;
  testId: string;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <>
      <Button size="large" danger={danger} data-testid={testId} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal
        open={open}
        title={title}
        okButtonProps={{ disabled: reason.trim() === '', danger }}
        onCancel={() => setOpen(false)}
        onOk={fire(async () => {
          if (await onReason(reason)) {
            setOpen(false);
            setReason('');
          }
        })}
      >
        <Input.TextArea
          value={reason}
          maxLength={2000}
          autoSize={{ minRows: 2 }}
          onChange={(e) => setReason(e.target.value)}
          aria-label={t('procedures.step.reason')}
          placeholder={t('procedures.step.reason')}
          data-testid={`${testId}-reason`}
        />
      </Modal>
    </>
  );
}
