/*
 * Waiting with a deadline, never a fixed sleep: a wait that fails when an answer or a state has not come in
 * time. What is measured is whether it came within the bound, not how fast.
 */

/** Waits for `answer`, failing with `what` when it has not come within `ms`. */
export async function within<T>(ms: number, answer: Promise<T>, what = 'the answer'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `ok` every 100 ms until it holds, failing with `what` (and `context()`) after `ms`. */
export async function until(
  what: string,
  ok: () => boolean | Promise<boolean>,
  ms = 30_000,
  context: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms\n${context()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
