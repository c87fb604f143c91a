import type { ChildProcess } from 'node:child_process';

/*
 * Every process the local stand-ins spawn (DynamoDB Local's Java), known from the moment it is spawned, so no
 * way out of `npm start` or a test run leaves one behind: the stand-in's own stop() ends it gracefully, and
 * should the Node process exit first (an error, a signal, an uncaught exception) the exit hook kills what is
 * left. The hook is synchronous, as Node's 'exit' event demands, hence SIGKILL.
 */
const children = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Keeps `child` on the list until it exits. */
export function ownChild<C extends ChildProcess>(child: C): C {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
