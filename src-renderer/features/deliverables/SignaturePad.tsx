import { ClearOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Typography } from 'antd';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { nowInstant } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { dropKeptPad, loadKeptPad, saveKeptPad } from './kept-signatures';
import type { PadStroke } from './signature-pad';
import {
  PAD_HEIGHT,
  PAD_WIDTH,
  drawStrokes,
  isBlank,
  padPointerType,
  pngDataUrlToBytes,
  toCanvasPoint,
} from './signature-pad';

/** A finished handwritten signature: the PNG and the printed texts. */
export interface DrawnSignature {
  role: 'customer' | 'engineer';
  name: string;
  title: string;
  /** When the last stroke was drawn. */
  signedAt: string;
  png: Uint8Array;
  dataUrl: string;
}

export interface SignaturePadProps {
  role: 'customer' | 'engineer';
  defaultName: string;
  defaultTitle?: string;
  /** Called with the signature after every stroke, or null when cleared / blank / unnamed. */
  onChange: (signature: DrawnSignature | null) => void;
  disabled?: boolean;
  /** The site's zone: the signing time is shown in it first (as the PDF prints it). */
  siteZone?: string;
  /** Keep what is drawn under this key (see kept-signatures) and restore it on mount. */
  keepAs?: string;
}

/**
 * On-screen signature: a canvas for pen, mouse or touch (pointer events, captured while drawing,
 * no scrolling on touch), a clear button, the printed name and title, and the signing time.
 */
// Memoised: the generate dialog re-renders on every progress step while the pads stay the same.
export const SignaturePad = memo(function SignaturePad({
  role,
  defaultName,
  defaultTitle = '',
  onChange,
  disabled = false,
  keepAs,
  siteZone,
}: SignaturePadProps) {
  const { t, fmtSiteTime } = useI18n();
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const strokes = useRef<PadStroke[]>([]);
  const active = useRef<{ id: number; stroke: PadStroke } | null>(null);
  const [name, setName] = useState(defaultName);
  const [title, setTitle] = useState(defaultTitle);
  const [signedAt, setSignedAt] = useState<string | null>(null);

  const redraw = useCallback(() => {
    const ctx = canvasRef.current?.getContext('2d');
    if (ctx) drawStrokes(ctx, strokes.current);
  }, []);

  const [restored, setRestored] = useState(false);
  useEffect(() => redraw(), [redraw]);

  const keep = useCallback(
    (at: string | null, printedName: string, printedTitle: string) => {
      if (keepAs === undefined) return;
      if (strokes.current.length === 0) dropKeptPad(keepAs);
      else {
        saveKeptPad(keepAs, {
          strokes: strokes.current,
          name: printedName,
          title: printedTitle,
          signedAt: at,
        });
      }
    },
    [keepAs],
  );

  const emit = useCallback(
    (at: string | null, printedName: string, printedTitle: string) => {
      const canvas = canvasRef.current;
      if (canvas === null || at === null || isBlank(strokes.current) || printedName.trim() === '') {
        onChange(null);
        return;
      }
      const dataUrl = canvas.toDataURL('image/png');
      onChange({
        role,
        name: printedName.trim(),
        title: printedTitle.trim(),
        signedAt: at,
        png: pngDataUrlToBytes(dataUrl),
        dataUrl,
      });
    },
    [onChange, role],
  );

  // Brings back what was drawn for this draft before the dialog was closed.
  useEffect(() => {
    if (keepAs === undefined) return;
    const kept = loadKeptPad(keepAs);
    if (kept === null) return;
    strokes.current = kept.strokes;
    setName(kept.name);
    setTitle(kept.title);
    setSignedAt(kept.signedAt);
    setRestored(true);
    redraw();
    emit(kept.signedAt, kept.name, kept.title);
  }, [keepAs, redraw, emit]);

  function point(e: ReactPointerEvent<HTMLCanvasElement>) {
    const rect = e.currentTarget.getBoundingClientRect();
    const { x, y } = toCanvasPoint(e.clientX, e.clientY, rect);
    return { x, y, pressure: e.pressure };
  }

  function onPointerDown(e: ReactPointerEvent<HTMLCanvasElement>) {
    if (disabled || active.current !== null) return;
    e.preventDefault();
    try {
      // Keeps the stroke when the pen leaves the pad mid-signature.
      e.currentTarget.setPointerCapture(e.pointerId);
    } catch {
      // A pointer that is already gone cannot be captured; the stroke still draws.
    }
    const stroke: PadStroke = { pointerType: padPointerType(e.pointerType), points: [point(e)] };
    active.current = { id: e.pointerId, stroke };
    strokes.current.push(stroke);
    redraw();
  }

  function onPointerMove(e: ReactPointerEvent<HTMLCanvasElement>) {
    const current = active.current;
    if (current === null || current.id !== e.pointerId) return;
    // Coalesced events keep fast pen strokes smooth where the browser batches them.
    const events = e.nativeEvent.getCoalescedEvents?.() ?? [];
    const rect = e.currentTarget.getBoundingClientRect();
    if (events.length > 0) {
      for (const ev of events) {
        const { x, y } = toCanvasPoint(ev.clientX, ev.clientY, rect);
        current.stroke.points.push({ x, y, pressure: ev.pressure });
      }
    } else {
      current.stroke.points.push(point(e));
    }
    redraw();
  }

  function onPointerEnd(e: ReactPointerEvent<HTMLCanvasElement>) {
    const current = active.current;
    if (current === null || current.id !== e.pointerId) return;
    active.current = null;
    const at = nowInstant();
    setSignedAt(at);
    emit(at, name, title);
    keep(at, name, title);
  }

  function clear() {
    strokes.current = [];
    active.current = null;
    setSignedAt(null);
    setRestored(false);
    redraw();
    onChange(null);
    keep(null, name, title);
  }

  const roleLabel = t(
    role === 'customer' ? 'deliverables.pad.customer' : 'deliverables.pad.engineer',
  );
  return (
    <Card
      size="small"
      title={roleLabel}
      data-testid={`signature-pad-${role}`}
      extra={
        <Button
          size="small"
          icon={<ClearOutlined />}
          onClick={clear}
          disabled={disabled}
          data-testid={`signature-clear-${role}`}
        >
          {t('deliverables.pad.clear')}
        </Button>
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('deliverables.pad.hint')}
        </Typography.Text>
        <canvas
          ref={canvasRef}
          width={PAD_WIDTH}
          height={PAD_HEIGHT}
          className="fb-signature-canvas"
          aria-label={t('deliverables.pad.canvas', { role: roleLabel })}
          data-testid={`signature-canvas-${role}`}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerEnd}
          onPointerCancel={onPointerEnd}
        />
        <Flex gap={8}>
          <Input
            addonBefore={t('deliverables.pad.name')}
            value={name}
            maxLength={100}
            disabled={disabled}
            onChange={(e) => {
              setName(e.target.value);
              emit(signedAt, e.target.value, title);
              keep(signedAt, e.target.value, title);
            }}
            data-testid={`signature-name-${role}`}
          />
          <Input
            addonBefore={t('deliverables.pad.titleField')}
            value={title}
            maxLength={100}
            disabled={disabled}
            onChange={(e) => {
              setTitle(e.target.value);
              emit(signedAt, name, e.target.value);
              keep(signedAt, name, e.target.value);
            }}
            data-testid={`signature-title-${role}`}
          />
        </Flex>
        {restored && (
          <Typography.Text type="success" data-testid={`signature-kept-${role}`}>
            {t('deliverables.pad.kept')}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" data-testid={`signature-time-${role}`}>
          {t('deliverables.pad.time', {
            time:
              signedAt === null ? t('deliverables.pad.notSigned') : fmtSiteTime(signedAt, siteZone),
          })}
        </Typography.Text>
      </Flex>
    </Card>
  );
});
