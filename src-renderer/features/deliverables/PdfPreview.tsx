import {
  LeftOutlined,
  RightOutlined,
  ZoomInOutlined,
  ZoomOutOutlined,
  ExpandOutlined,
} from '@ant-design/icons';
import { Button, Card, Flex, Space, Tooltip, Typography } from 'antd';
import { memo, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useI18n } from '../../app/i18n';
import type { PreviewOp, PreviewPage } from '../../workers/pdf-preview-pages';
import type { PreviewDocument } from '../../workers/preview-pack';

/** Zoom steps (1 = one CSS pixel per PDF point: an A4 page is 595 px wide). */
export const PREVIEW_ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;
const DEFAULT_ZOOM_INDEX = 2;

/** The font the preview draws text in: the PDF's own Noto Sans SC (deliverables.css). */
const FONT = 'FieldbookPreview, "Noto Sans SC", sans-serif';

function op(o: PreviewOp, key: number): ReactElement | null {
  switch (o.k) {
    case 'text':
      return (
        <text
          key={key}
          x={o.x}
          y={o.y}
          fontSize={o.size}
          fill={o.color}
          fillOpacity={o.opacity}
          fontWeight={o.bold ? 700 : 400}
          // Stretched to pdfmake's measured width so the preview wraps and aligns as the PDF does.
          {...(o.text.length > 1 && o.width > 0
            ? { textLength: o.width, lengthAdjust: 'spacingAndGlyphs' }
            : {})}
        >
          {o.text}
        </text>
      );
    case 'rect':
      return (
        <rect
          key={key}
          x={o.x}
          y={o.y}
          width={Math.max(0, o.w)}
          height={Math.max(0, o.h)}
          rx={o.r}
          fill={o.fill ?? 'none'}
          fillOpacity={o.opacity}
          stroke={o.stroke ?? 'none'}
          strokeWidth={o.lineWidth}
        />
      );
    case 'line':
      return (
        <line
          key={key}
          x1={o.x1}
          y1={o.y1}
          x2={o.x2}
          y2={o.y2}
          stroke={o.stroke}
          strokeWidth={o.lineWidth}
          {...(o.dash !== null ? { strokeDasharray: o.dash } : {})}
        />
      );
    case 'path':
      return (
        <path
          key={key}
          d={o.d}
          fill={o.fill ?? 'none'}
          fillOpacity={o.opacity}
          stroke={o.stroke ?? 'none'}
          strokeWidth={o.lineWidth}
        />
      );
    case 'ellipse':
      return (
        <ellipse
          key={key}
          cx={o.cx}
          cy={o.cy}
          rx={o.rx}
          ry={o.ry}
          fill={o.fill ?? 'none'}
          stroke={o.stroke ?? 'none'}
          strokeWidth={o.lineWidth}
        />
      );
    case 'image':
      return (
        <image
          key={key}
          x={o.x}
          y={o.y}
          width={o.w}
          height={o.h}
          href={o.href}
          preserveAspectRatio="none"
        />
      );
    case 'watermark':
      return null;
  }
}

/** Memoised: a dense page is thousands of SVG elements, drawn again only when it changes. */
const PageSvg = memo(function PageSvg({
  page,
  zoom,
  index,
}: {
  page: PreviewPage;
  zoom: number;
  index: number;
}) {
  const { t } = useI18n();
  const cx = page.width / 2;
  const cy = page.height / 2;
  return (
    <svg
      role="img"
      aria-label={t('deliverables.preview.pageLabel', { n: index + 1 })}
      viewBox={`0 0 ${page.width} ${page.height}`}
      width={Math.round(page.width * zoom)}
      height={Math.round(page.height * zoom)}
      className="fb-preview-page"
      fontFamily={FONT}
      data-testid="preview-page"
      data-page={index + 1}
    >
      <rect x={0} y={0} width={page.width} height={page.height} fill="#ffffff" />
      {page.ops.map(op)}
      {page.ops.map((o, i) =>
        o.k === 'watermark' ? (
          <text
            key={`w${i}`}
            x={o.x}
            y={o.y}
            fontSize={o.size}
            fill={o.color}
            fillOpacity={o.opacity}
            fontWeight={o.bold ? 700 : 400}
            transform={`rotate(${o.angle} ${cx} ${cy})`}
            data-testid="preview-watermark"
          >
            {o.text}
          </text>
        ) : null,
      )}
    </svg>
  );
});

interface ToolButtonProps {
  icon: ReactElement;
  /** Read by screen readers, and shown on hover when `tooltip` is set. */
  label: string;
  testId: string;
  tooltip?: boolean;
  disabled?: boolean;
  onClick: () => void;
}

/** One icon button of the preview's toolbar. */
function ToolButton({ icon, label, testId, tooltip = false, disabled, onClick }: ToolButtonProps) {
  const button = (
    <Button
      size="small"
      icon={icon}
      disabled={disabled}
      onClick={onClick}
      aria-label={label}
      data-testid={testId}
    />
  );
  return tooltip ? <Tooltip title={label}>{button}</Tooltip> : button;
}

export interface PdfPreviewProps {
  /** The rendering's pages; only the page shown is decoded. */
  pages: PreviewDocument;
}

/**
 * The rendered pages of a deliverable, page by page and zoomable, for the customer to read before
 * signing. Drawn from the layout the PDF was written from (see pdf-preview-pages).
 */
export const PdfPreview = memo(function PdfPreview({ pages }: PdfPreviewProps) {
  const { t } = useI18n();
  const [index, setIndex] = useState(0);
  const [zoomIndex, setZoomIndex] = useState(DEFAULT_ZOOM_INDEX);
  // A new rendering (another language, new data) may have fewer pages.
  useEffect(() => setIndex((i) => Math.min(i, Math.max(0, pages.count - 1))), [pages]);
  const page = pages.page(index);
  const zoom = PREVIEW_ZOOMS[zoomIndex]!;
  if (page === undefined) return null;
  return (
    <Card
      size="small"
      title={t('deliverables.preview.title')}
      data-testid="pdf-preview"
      extra={
        <Space wrap>
          <ToolButton
            icon={<LeftOutlined />}
            label={t('deliverables.preview.previous')}
            testId="preview-prev"
            disabled={index === 0}
            onClick={() => setIndex(index - 1)}
          />
          <Typography.Text data-testid="preview-page-indicator">
            {t('deliverables.preview.page', { n: index + 1, total: pages.count })}
          </Typography.Text>
          <ToolButton
            icon={<RightOutlined />}
            label={t('deliverables.preview.next')}
            testId="preview-next"
            disabled={index >= pages.count - 1}
            onClick={() => setIndex(index + 1)}
          />
          <ToolButton
            icon={<ZoomOutOutlined />}
            label={t('deliverables.preview.zoomOut')}
            testId="preview-zoom-out"
            tooltip
            disabled={zoomIndex === 0}
            onClick={() => setZoomIndex(zoomIndex - 1)}
          />
          <Typography.Text data-testid="preview-zoom-level">
            {Math.round(zoom * 100)}%
          </Typography.Text>
          <ToolButton
            icon={<ZoomInOutlined />}
            label={t('deliverables.preview.zoomIn')}
            testId="preview-zoom-in"
            tooltip
            disabled={zoomIndex === PREVIEW_ZOOMS.length - 1}
            onClick={() => setZoomIndex(zoomIndex + 1)}
          />
          <ToolButton
            icon={<ExpandOutlined />}
            label={t('deliverables.preview.zoomReset')}
            testId="preview-zoom-reset"
            tooltip
            onClick={() => setZoomIndex(DEFAULT_ZOOM_INDEX)}
          />
        </Space>
      }
    >
      <Flex vertical gap={4}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('deliverables.preview.hint')}
        </Typography.Text>
        <div className="fb-preview-viewport" data-testid="preview-viewport">
          <PageSvg page={page} zoom={zoom} index={index} />
        </div>
      </Flex>
    </Card>
  );
});
