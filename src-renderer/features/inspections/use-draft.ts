import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Local text of an autosaved field: typing updates it at once and saves after `delayMs` of
 * quiet (or at once on `flush`, e.g. on blur); a new stored value replaces the text only while
 * the field has no unsaved typing, so a live update never eats what is being typed.
 */
export function useDraft(
  stored: string,
  save: (text: string) => Promise<void> | void,
  delayMs = 600,
): { text: string; change: (text: string) => void; flush: () => void } {
  const [text, setText] = useState(stored);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(text);
  const saveRef = useRef(save);
  saveRef.current = save;

  useEffect(() => {
    if (!dirty.current) {
      setText(stored);
      latest.current = stored;
    }
  }, [stored]);

  const flush = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    if (!dirty.current) return;
    dirty.current = false;
    void saveRef.current(latest.current);
  }, []);

  const change = useCallback(
    (next: string) => {
      setText(next);
      latest.current = next;
      dirty.current = true;
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(flush, delayMs);
    },
    [delayMs, flush],
  );

  // Leaving the screen saves what was typed.
  useEffect(() => flush, [flush]);

  return { text, change, flush };
}
