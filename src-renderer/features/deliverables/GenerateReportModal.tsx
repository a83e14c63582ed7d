import { FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Col,
  Descriptions,
  Flex,
  Modal,
  Progress,
  Radio,
  Row,
  Steps,
  Typography,
} from 'antd';
import {
  memo,
  startTransition,
  useCallback,
  useEffect,
  useState,
  useSyncExternalStore,
  useTransition,
} from 'react';
import type { DeliverableDoc, DeliverableLang } from '../../../src-shared/db/types';
import { useI18n } from '../../app/i18n';
import { deliverableErrorText } from './deliverable-errors';
import { useDatabase } from '../../db/database-context';
import { ExportOpenButtons } from './ExportOpenButtons';
import type { DrawnSignature } from './SignaturePad';
import { SignaturePad } from './SignaturePad';
import { PdfPreview } from './PdfPreview';
import { dropKeptSignatures, keptSignatureKey } from './kept-signatures';
import type { PreviewDocument } from '../../workers/preview-pack';
import type { ReportSnapshot } from '../../../src-shared/reports/snapshot-types';
import { formatBytes, generateDraft, renderReport, signDeliverable } from './report-pipeline';
import type { ReportRequest, SignOutcome, SignStage } from './report-pipeline';
import { chainTrust } from './self-check';
import type { ChainTrust } from './self-check';
import './deliverables.css';

/** Where each signing stage starts on the progress bar; rendering fills 0–60 %. */
const STAGE_PERCENT: Record<SignStage, number> = {
  building: 0,
  signing: 60,
  storing: 80,
  recording: 92,
};
const RENDER_SHARE = 60;

const CHAIN_MESSAGE: Record<ChainTrust, string> = {
  trusted: 'deliverables.generate.chain.trusted',
  'self-signed': 'deliverables.generate.chain.selfSigned',
  'ca-missing': 'deliverables.generate.chain.caMissing',
  untrusted: 'deliverables.generate.chain.untrusted',
};

/**
 * The progress bar's percentage, kept outside the dialog's state: a step of the worker's progress
 * re-renders the bar alone, not the dialog with its steps, preview and signature pads.
 */
interface PercentStore {
  get: () => number;
  set: (percent: number) => void;
  subscribe: (listener: () => void) => () => void;
}

function createPercentStore(): PercentStore {
  let value = 0;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set: (percent) => {
      if (percent === value) return;
      value = percent;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function StageProgress({ store }: { store: PercentStore }) {
  const percent = useSyncExternalStore(store.subscribe, store.get);
  return <Progress percent={percent} status="active" />;
}

export interface GenerateReportModalProps {
  /** What to make; null keeps the dialog closed. */
  request: ReportRequest | null;
  onClose: () => void;
}

/**
 * Draft → handwritten signatures → digital signature, in one dialog: the PDF is rendered in the
 * worker (progress shown), the draft recorded with its page count and size, the customer
 * representative and the engineer sign on screen, then main signs the final file.
 */
// Memoised: the deliverables page behind it re-renders when the draft it records arrives.
export const GenerateReportModal = memo(function GenerateReportModal({
  request,
  onClose,
}: GenerateReportModalProps) {
  const { t, fmtSiteTime } = useI18n();
  const { message } = App.useApp();
  const db = useDatabase();
  const [lang, setLang] = useState<DeliverableLang>('zh');
  const [busy, setBusy] = useState<string | null>(null);
  const [percentStore] = useState(createPercentStore);
  const setPercent = percentStore.set;
  const [draft, setDraft] = useState<{ doc: DeliverableDoc; size: number } | null>(null);
  const [customerSig, setCustomerSig] = useState<DrawnSignature | null>(null);
  const [engineerSig, setEngineerSig] = useState<DrawnSignature | null>(null);
  const [outcome, setOutcome] = useState<SignOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pages, setPages] = useState<PreviewDocument | null>(null);
  const [previewing, setPreviewing] = useState(false);
  // While the new draft's state commits (a transition), the dialog stays locked as when busy: a
  // second "generate" in between would record another draft instead of rendering this one again.
  const [committing, startCommit] = useTransition();

  useEffect(() => {
    // Closed: forget this opening's state, so the next one starts without a draft and mounts the
    // signature pads only after the reset below (a pad restoring kept strokes reports them at
    // mount, which a later reset would undo).
    setPages(null);
    setDraft(
      request?.draft === undefined
        ? null
        : { doc: request.draft, size: request.draft.pdf?.size ?? 0 },
    );
    if (request === null) {
      setCustomerSig(null);
      setEngineerSig(null);
      setOutcome(null);
      return;
    }
    if (request.draft !== undefined) setLang(request.draft.lang);
    setOutcome(null);
    setCustomerSig(null);
    setEngineerSig(null);
    setError(null);
    setBusy(null);
    setPercent(0);
    const open = request.draft;
    if (open === undefined) return;
    // A recorded draft: show its pages (rendered again from its own snapshot, off the UI thread).
    let cancelled = false;
    setPreviewing(true);
    renderReport(open.snapshot as unknown as ReportSnapshot, open.lang, undefined, true)
      .then((r) => {
        // A transition: React draws the preview page in slices, yielding to input between them.
        if (!cancelled) startTransition(() => setPages(r.preview ?? null));
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(deliverableErrorText(t, e));
      })
      .finally(() => {
        if (!cancelled) setPreviewing(false);
      });
    return () => {
      cancelled = true;
    };
    // `t` changes with the language only; the preview belongs to the request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request]);

  const onCustomer = useCallback((s: DrawnSignature | null) => setCustomerSig(s), []);
  const onEngineer = useCallback((s: DrawnSignature | null) => setEngineerSig(s), []);

  if (request === null) return null;
  const req = request;
  const kindLabel = t(`deliverables.kind.${req.kind}`);
  const step = outcome !== null ? 2 : draft !== null ? 1 : 0;
  // The signed file is the draft's language: another choice needs a new rendering first.
  const langChanged = draft !== null && draft.doc.lang !== lang;
  const locked = busy !== null || committing;

  async function generate() {
    setError(null);
    setBusy(t('deliverables.generate.stage.building'));
    setPercent(0);
    try {
      // The worker reports the pages written; saving takes the rest of the bar.
      const { doc, rendered } = await generateDraft(
        db,
        req,
        lang,
        draft?.doc ?? null,
        (stage, f) => {
          if (stage === 'building') setPercent(Math.round((f ?? 0) * 90));
          else {
            setBusy(t('deliverables.generate.stage.storing'));
            setPercent(95);
          }
        },
      );
      // The signing half of the dialog (preview page, signature pads) mounts as a transition:
      // rendered in slices that yield to input, not in one task (150 ms on the first draft).
      startCommit(() => {
        setDraft({ doc, size: rendered.bytes.byteLength });
        setPages(rendered.preview ?? null);
      });
      setPercent(100);
      message.success(t('deliverables.generate.draftSaved'));
    } catch (e) {
      setError(deliverableErrorText(t, e));
    } finally {
      setBusy(null);
    }
  }

  async function sign() {
    if (draft === null || customerSig === null || engineerSig === null) return;
    setError(null);
    try {
      const result = await signDeliverable(
        db,
        draft.doc,
        req,
        [customerSig, engineerSig],
        {
          reason: t('deliverables.generate.reason', { kind: kindLabel }),
          signerName: engineerSig.name,
        },
        (stage, fraction) => {
          setBusy(t(`deliverables.generate.stage.${stage}`));
          setPercent(
            stage === 'building'
              ? Math.round((fraction ?? 0) * RENDER_SHARE)
              : STAGE_PERCENT[stage],
          );
        },
      );
      setPercent(100);
      dropKeptSignatures(draft.doc.id);
      setOutcome(result);
    } catch (e) {
      setError(deliverableErrorText(t, e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Modal
      open
      width={1000}
      title={t('deliverables.generate.title', { kind: kindLabel })}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button onClick={onClose} disabled={locked} data-testid="generate-close">
          {t('deliverables.generate.close')}
        </Button>
      }
    >
      <Flex vertical gap={16} data-testid="generate-report">
        <Steps
          size="small"
          current={step}
          items={[
            { title: t('deliverables.generate.step.render') },
            { title: t('deliverables.generate.step.sign') },
            { title: t('deliverables.generate.step.done') },
          ]}
        />
        <Typography.Text data-testid="generate-number">
          {t('deliverables.generate.number', {
            number: req.snapshot.documentNumber,
            revision: req.snapshot.revision,
          })}
        </Typography.Text>
        {outcome === null && (
          <Flex gap={12} align="center" wrap>
            <Typography.Text>{t('deliverables.generate.language')}</Typography.Text>
            <Radio.Group
              value={lang}
              onChange={(e) => setLang(e.target.value as DeliverableLang)}
              disabled={locked}
              optionType="button"
              options={[
                { value: 'zh', label: t('deliverables.lang.zh') },
                { value: 'en', label: t('deliverables.lang.en') },
              ]}
              data-testid="generate-lang"
            />
            <Button
              type={draft === null ? 'primary' : 'default'}
              icon={<FilePdfOutlined />}
              loading={locked && draft === null}
              disabled={locked}
              onClick={() => void generate()}
              data-testid="generate-render"
            >
              {draft === null
                ? t('deliverables.generate.render')
                : t('deliverables.generate.rerender')}
            </Button>
            {draft !== null && (
              <Typography.Text strong data-testid="generate-preview">
                {t('deliverables.generate.preview', {
                  pages: draft.doc.pageCount ?? 0,
                  size: formatBytes(draft.size),
                })}
              </Typography.Text>
            )}
          </Flex>
        )}
        {busy !== null && (
          <div data-testid="generate-progress">
            <Typography.Text type="secondary">{busy}</Typography.Text>
            <StageProgress store={percentStore} />
          </div>
        )}
        {error !== null && (
          <Alert type="error" showIcon message={error} data-testid="generate-error" />
        )}
        {req.draft !== undefined && outcome === null && (
          <Typography.Text type="secondary" data-testid="generate-resumed">
            {t('deliverables.generate.resumed', { number: req.draft.documentNumber })}
          </Typography.Text>
        )}
        {draft !== null && outcome === null && previewing && pages === null && (
          <Typography.Text type="secondary" data-testid="preview-loading">
            {t('deliverables.preview.loading')}
          </Typography.Text>
        )}
        {draft !== null && outcome === null && pages !== null && <PdfPreview pages={pages} />}
        {draft !== null && outcome === null && (
          <>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <SignaturePad
                  key={`customer-${draft.doc.id}`}
                  keepAs={keptSignatureKey(draft.doc.id, 'customer')}
                  role="customer"
                  siteZone={req.snapshot.site.timeZone}
                  defaultName={req.customerRepresentative.name}
                  defaultTitle={req.customerRepresentative.title}
                  onChange={onCustomer}
                  disabled={locked}
                />
              </Col>
              <Col xs={24} md={12}>
                <SignaturePad
                  key={`engineer-${draft.doc.id}`}
                  keepAs={keptSignatureKey(draft.doc.id, 'engineer')}
                  role="engineer"
                  siteZone={req.snapshot.site.timeZone}
                  defaultName={req.engineer.name}
                  defaultTitle={req.engineer.title}
                  onChange={onEngineer}
                  disabled={locked}
                />
              </Col>
            </Row>
            <Flex justify="flex-end" gap={12} align="center">
              {langChanged ? (
                <Typography.Text type="warning" data-testid="generate-rerender-first">
                  {t('deliverables.generate.rerenderFirst')}
                </Typography.Text>
              ) : (
                (customerSig === null || engineerSig === null) && (
                  <Typography.Text type="secondary">
                    {t('deliverables.generate.needSignature')}
                  </Typography.Text>
                )
              )}
              <Button
                type="primary"
                icon={<SafetyCertificateOutlined />}
                disabled={customerSig === null || engineerSig === null || locked || langChanged}
                loading={busy !== null}
                onClick={() => void sign()}
                data-testid="generate-sign"
              >
                {t('deliverables.generate.sign')}
              </Button>
            </Flex>
          </>
        )}
        {outcome !== null && (
          <>
            <Alert
              type="success"
              showIcon
              message={t('deliverables.generate.signed')}
              description={t('deliverables.generate.signedHint')}
              data-testid="generate-signed"
            />
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('deliverables.detail.sha256')}>
                <Typography.Text code copyable data-testid="generate-sha256">
                  {outcome.signed.sha256}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('deliverables.detail.signer')}>
                {outcome.signed.signer.subject}
                {outcome.signed.signer.selfSigned
                  ? ` · ${t('deliverables.detail.selfSigned')}`
                  : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('deliverables.detail.signedAt')}>
                {fmtSiteTime(outcome.signed.signedAt, req.snapshot.site.timeZone)}
              </Descriptions.Item>
              <Descriptions.Item label={t('deliverables.detail.pages')}>
                {t('deliverables.generate.preview', {
                  pages: outcome.doc.pageCount ?? 0,
                  size: formatBytes(outcome.signed.bytes.byteLength),
                })}
              </Descriptions.Item>
              <Descriptions.Item label={t('deliverables.detail.verification')}>
                <span data-testid="generate-verification">
                  {/* Intact: valid and covering the file. Trust in the signer is the next row. */}
                  {outcome.verification.intact
                    ? t('deliverables.generate.valid')
                    : t('deliverables.generate.invalid')}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('deliverables.detail.chain')}>
                <Typography.Text
                  type={chainTrust(outcome.verification) === 'trusted' ? 'success' : 'warning'}
                  data-testid="generate-chain"
                  data-chain={chainTrust(outcome.verification)}
                >
                  {t(CHAIN_MESSAGE[chainTrust(outcome.verification)])}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <ExportOpenButtons doc={outcome.doc} />
          </>
        )}
      </Flex>
    </Modal>
  );
});
