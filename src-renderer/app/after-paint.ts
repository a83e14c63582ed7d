/**
 * Resolves once the browser has had the chance to paint what React just rendered: after the next
 * animation frame, or after `capMs` at most (a hidden window gets no frames, and work waiting on
 * this, such as a save, must not wait for the window to be shown again).
 */
export function afterPaint(capMs = 50): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve();
    };
    // The frame's callback runs before its paint; the task after it runs after the paint.
    requestAnimationFrame(() => setTimeout(finish, 0));
    setTimeout(finish, capMs);
  });
}
