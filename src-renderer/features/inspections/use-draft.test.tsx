// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useDraft } from './use-draft';

type Draft = ReturnType<typeof useDraft>;

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  vi.useRealTimers();
});

function mount(
  stored: string,
  save: (text: string) => void,
): {
  current: () => Draft;
  rerender: (stored: string) => void;
} {
  let draft: Draft | null = null;
  function Probe({ value }: { value: string }) {
    draft = useDraft(value, save, 500);
    return null;
  }
  const el = document.createElement('div');
  root = createRoot(el);
  act(() => root?.render(<Probe value={stored} />));
  return {
    current: () => draft!,
    rerender: (v) => act(() => root?.render(<Probe value={v} />)),
  };
}

describe('useDraft', () => {
  it('saves after a quiet period, or at once on flush, and only once', () => {
    vi.useFakeTimers();
    const save = vi.fn();
    const d = mount('', save);
    act(() => d.current().change('8'));
    act(() => d.current().change('82'));
    expect(save).not.toHaveBeenCalled();
    act(() => {
      vi.advanceTimersByTime(500);
    });
    expect(save).toHaveBeenCalledExactlyOnceWith('82');
    act(() => d.current().change('83'));
    act(() => d.current().flush());
    expect(save).toHaveBeenLastCalledWith('83');
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    act(() => d.current().flush());
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('follows the stored value unless the engineer is typing, and saves on unmount', () => {
    vi.useFakeTimers();
    const save = vi.fn();
    const d = mount('a', save);
    d.rerender('b');
    expect(d.current().text).toBe('b');
    act(() => d.current().change('typed'));
    d.rerender('from another laptop');
    expect(d.current().text).toBe('typed');
    act(() => root?.unmount());
    root = null;
    expect(save).toHaveBeenCalledExactlyOnceWith('typed');
  });
});
