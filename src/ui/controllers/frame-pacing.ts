/**
 * Resolves at the next animation frame, or after 50 ms in a hidden page (where frames stop): a burst of
 * messages arrives one network event at a time, each asking for a render, and one a frame is enough.
 */
export function nextFrame(): Promise<void> {
  return new Promise<void>((resolve) => {
    const run = () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      resolve();
    };
    const frame = requestAnimationFrame(run);
    const timer = setTimeout(run, 50);
  });
}
