import { Button, Flex, Tooltip } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';
import type { ClipboardEvent, KeyboardEvent } from 'react';
import type { PlanFinding } from '../../../src-shared/domain/planning/plan';
import { useI18n } from '../../app/i18n';
import type { CellRef, GridTableId, PlanRows } from './plan-grid';
import { GRID_COLUMNS, cellKey, cellText, parseClipboardTable, rowCount } from './plan-grid';

export interface PlanGridProps {
  table: GridTableId;
  plan: PlanRows;
  findingsByCell: ReadonlyMap<string, PlanFinding[]>;
  /** Returns false when the edit was refused (the cell stays in edit mode). */
  onEdit: (ref: CellRef, raw: string) => Promise<boolean>;
  onPaste: (ref: CellRef, rows: string[][]) => Promise<boolean>;
  onAddRow: () => Promise<void>;
  onRemoveRow: (row: number) => Promise<void>;
  /** A cell to focus (a finding was clicked). */
  focusRequest?: { ref: CellRef; seq: number } | null;
  /**
   * A column edited in a dialog rather than in the cell (the disks of a machine): Enter, F2,
   * typing and a double click open it for the focused row, as does the toolbar button. A paste
   * still fills the column from its text form.
   */
  cellDialog?: { column: string; label: string; open: (row: number) => void };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * A spreadsheet-like grid over one plan table: arrow keys move, Enter or typing edits, Enter/Tab
 * confirm (and move down/right), Escape cancels, Ctrl+V pastes tab-separated rows at the focused
 * cell. Findings colour their cell and show their message on hover.
 */
export function PlanGrid({
  table,
  plan,
  findingsByCell,
  onEdit,
  onPaste,
  onAddRow,
  onRemoveRow,
  focusRequest,
  cellDialog,
}: PlanGridProps) {
  const { t, lang, pick } = useI18n();
  const columns = GRID_COLUMNS[table];
  const rows = rowCount(plan, table);
  const [focus, setFocus] = useState({ row: 0, col: 0 });
  const [editing, setEditingState] = useState<string | null>(null);
  // The edit in progress as of now: the editor's blur (when Enter/Escape move the focus back to
  // the grid) runs before React has rendered the state change, and must not commit twice or
  // commit a cancelled edit.
  const editingRef = useRef<string | null>(null);
  const setEditing = (value: string | null) => {
    editingRef.current = value;
    setEditingState(value);
  };
  const gridRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!focusRequest || focusRequest.ref.table !== table) return;
    const col = columns.findIndex((c) => c.key === focusRequest.ref.col);
    setFocus({ row: focusRequest.ref.row, col: Math.max(0, col) });
    setEditing(null);
    gridRef.current?.focus();
  }, [focusRequest, table, columns]);

  const clamp = (row: number, col: number) => ({
    row: Math.max(0, Math.min(Math.max(rows - 1, 0), row)),
    col: Math.max(0, Math.min(columns.length - 1, col)),
  });
  const refAt = (row: number, col: number): CellRef => ({
    table,
    row,
    col: columns[col]!.key,
  });

  const commit = async (move: { row: number; col: number }) => {
    const value = editingRef.current;
    if (value === null) return;
    editingRef.current = null;
    const ok = await onEdit(refAt(focus.row, focus.col), value);
    if (!ok) {
      // Refused: stay in the cell with the text, the message says why.
      editingRef.current = value;
      return;
    }
    setEditing(null);
    setFocus(clamp(focus.row + move.row, focus.col + move.col));
    gridRef.current?.focus();
  };

  /** Starts editing the focused cell with `text`, or opens its dialog. */
  const startEdit = (row: number, col: number, text: string) => {
    if (cellDialog && columns[col]?.key === cellDialog.column) cellDialog.open(row);
    else setEditing(text);
  };

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing !== null || rows === 0) return;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      setFocus(clamp(focus.row + move[0], focus.col + move[1]));
    } else if (e.key === 'Tab') {
      e.preventDefault();
      setFocus(clamp(focus.row, focus.col + (e.shiftKey ? -1 : 1)));
    } else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      startEdit(focus.row, focus.col, cellText(plan, refAt(focus.row, focus.col)));
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      void onEdit(refAt(focus.row, focus.col), '');
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // Typing replaces the cell, as in a spreadsheet.
      e.preventDefault();
      startEdit(focus.row, focus.col, e.key);
    }
  };

  const onEditorKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void commit({ row: 1, col: 0 });
    } else if (e.key === 'Tab') {
      e.preventDefault();
      void commit({ row: 0, col: e.shiftKey ? -1 : 1 });
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setEditing(null);
      gridRef.current?.focus();
    }
    e.stopPropagation();
  };

  const onGridPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    if (editing !== null) return;
    const text = e.clipboardData.getData('text/plain');
    if (text === '') return;
    e.preventDefault();
    const cells = parseClipboardTable(text);
    const at =
      rows === 0 ? { table, row: 0, col: columns[focus.col]!.key } : refAt(focus.row, focus.col);
    void onPaste(at, cells);
  };

  return (
    <Flex vertical gap={8}>
      <div
        ref={gridRef}
        className="fb-plan-grid"
        role="grid"
        aria-label={t(`plans.table.${table}`)}
        tabIndex={0}
        data-testid={`plan-grid-${table}`}
        onKeyDown={onGridKey}
        onPaste={onGridPaste}
      >
        <table>
          <thead>
            <tr>
              <th className="fb-plan-grid-rownum">#</th>
              {columns.map((c) => (
                <th key={c.key} scope="col">
                  {c.header[lang]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r}>
                <th scope="row" className="fb-plan-grid-rownum">
                  {r + 1}
                </th>
                {columns.map((c, ci) => {
                  const ref = refAt(r, ci);
                  const found = [...(findingsByCell.get(cellKey(ref)) ?? [])].sort(
                    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
                  );
                  const focused = focus.row === r && focus.col === ci;
                  const severity = found[0]?.severity;
                  const cls = [
                    'fb-plan-cell',
                    focused ? 'is-focused' : '',
                    severity ? `has-${severity}` : '',
                  ].join(' ');
                  const content =
                    focused && editing !== null ? (
                      <input
                        className="fb-plan-cell-editor"
                        autoFocus
                        value={editing}
                        aria-label={c.header[lang]}
                        onChange={(e) => setEditing(e.target.value)}
                        onKeyDown={onEditorKey}
                        onBlur={() => void commit({ row: 0, col: 0 })}
                      />
                    ) : (
                      cellText(plan, ref)
                    );
                  return (
                    <td
                      key={c.key}
                      role="gridcell"
                      className={cls}
                      aria-selected={focused}
                      data-cell={cellKey(ref)}
                      data-severity={severity}
                      onMouseDown={() => {
                        if (!focused) {
                          setEditing(null);
                          setFocus({ row: r, col: ci });
                        }
                      }}
                      onDoubleClick={() => startEdit(r, ci, cellText(plan, ref))}
                    >
                      {found.length > 0 ? (
                        <Tooltip title={found.map((f) => pick(f.message)).join('\n')}>
                          <span className="fb-plan-cell-content">{content || '\u00a0'}</span>
                        </Tooltip>
                      ) : (
                        content
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Flex gap={8}>
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => void onAddRow()}
          data-testid={`plan-add-${table}`}
        >
          {t('plans.addRow')}
        </Button>
        <Button
          size="small"
          danger
          icon={<DeleteOutlined />}
          disabled={rows === 0}
          onClick={() => void onRemoveRow(focus.row)}
          data-testid={`plan-remove-${table}`}
        >
          {t('plans.removeRow')}
        </Button>
        {cellDialog && (
          <Button
            size="small"
            icon={<EditOutlined />}
            disabled={rows === 0}
            onClick={() => cellDialog.open(focus.row)}
            data-testid={`plan-dialog-${table}`}
          >
            {cellDialog.label}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}
