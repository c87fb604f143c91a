import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createApp } from '../../functions/app/app.js';
import type { Principal } from '../../functions/core/auth/principal.js';
import { startSession } from '../../functions/core/auth/session.service.js';
import { syncUserProfile } from '../../functions/core/auth/users.service.js';
import type { Call } from '../../functions/core/calls/call.schema.js';
import type { CoreDeps, UserProfile } from '../../functions/core/ports.js';
import { createDb, type Db, pingDb } from '../../functions/db/client.js';
import { createCoreDeps } from '../../functions/db/repositories.js';
import { lazyS3Files } from '../../functions/files/lazy-s3-files.js';
import { createLocalTokens, type LocalTokens } from '../../functions/http/auth/tokens.js';
import type { Readiness } from '../../functions/http/context.js';
import { DEMO_USERS } from '../../functions/local/seed.js';
import { ensureTable } from '../../functions/local/table.js';
import { smtpReady } from '../../functions/mail/smtp-mailer.js';
import { type Api, api } from './api.js';
import { TestClock } from './clock.js';
import { createCall } from './fixtures.js';
import { withDeleteGrants } from './iam.js';

export { TestClock };

export interface Harness {
  db: Db;
  core: CoreDeps;
  clock: TestClock;
  tokens: LocalTokens;
  app: ReturnType<typeof createApp>;
  /** A bearer token for a demo user, by e-mail. */
  tokenFor(email: string): Promise<string>;
  /**
   * A fresh web session for a demo user, by e-mail, started as sign-in starts one: the value of the session
   * cookie (`fim_session=<id>`).
   */
  sessionFor(email: string): Promise<string>;
  user(email: string): UserProfile;
  principal(email: string): Principal;
  errors: unknown[];
}

/** A fresh table in the run's DynamoDB Local, the demo users in it, and the app wired to it. */
export async function createHarness(
  options: { now?: string; db?: Db; readiness?: Readiness } = {},
): Promise<Harness> {
  const tableName = `t-${crypto.randomUUID()}`;
  // A loaded machine's DynamoDB Local may take seconds to answer: not what the production timeout is for.
  const db =
    options.db ??
    createDb({
      tableName,
      endpoint: inject('dynamoEndpoint'),
      requestTimeoutMs: 10_000,
      // Deletes as IAM grants them to the API function (DynamoDB Local has no IAM).
      instrument: withDeleteGrants(tableName),
    });
  await ensureTable(db.client, db.tableName);
  const clock = new TestClock(new Date(options.now ?? '2027-03-01T09:00:00Z'));
  // The run's s3rver, as `npm start` wires it (nothing scans on one machine).
  const files = lazyS3Files({ bucket: inject('s3Bucket'), endpoint: inject('s3Endpoint'), scans: false });
  const core = createCoreDeps(db, clock, files);
  for (const user of DEMO_USERS) await syncUserProfile(core, { actor: user }, user);
  const tokens = await createLocalTokens(mkdtempSync(join(tmpdir(), 'fim-test-')));
  const errors: unknown[] = [];
  const app = createApp({
    core,
    // As `npm start` wires it: the table and the run's SMTP server.
    readiness: options.readiness ?? {
      dynamodb: () => pingDb(db),
      mail: () => smtpReady({ host: '127.0.0.1', port: inject('mailSmtpPort') }),
    },
    config: { mode: 'local', dataDir: tmpdir(), secureCookies: false },
    tokens,
    logError: (_message, error) => errors.push(error),
  });
  const user = (email: string) => {
    const found = DEMO_USERS.find((u) => u.email === email);
    if (!found) throw new Error(`No demo user ${email}`);
    return found;
  };
  return {
    db,
    core,
    clock,
    tokens,
    app,
    errors,
    user,
    principal: (email) => ({ ...user(email) }),
    tokenFor: async (email) => tokens.sign(user(email)),
    sessionFor: (email) => sessionOf(core, tokens, user(email)),
  };
}

/** A session as the demo sign-in starts one: the person as their token says, its id for the cookie. */
async function sessionOf(core: CoreDeps, tokens: LocalTokens, user: UserProfile): Promise<string> {
  return (await startSession(core, await tokens.verify(await tokens.sign(user)))).id;
}

/**
 * A harness that also knows `extra` users: they are stored in the table (so the core finds their roles and
 * organisation) and `tokenFor` signs tokens for them. For people the demo users do not cover, such as a
 * second board member or someone who is both on the board and a reviewer.
 */
export async function withUsers(h: Harness, extra: readonly UserProfile[]): Promise<Harness> {
  for (const user of extra) await syncUserProfile(h.core, { actor: user }, user);
  return {
    ...h,
    tokenFor: async (email) => {
      const found = extra.find((u) => u.email === email);
      return found ? h.tokens.sign(found) : h.tokenFor(email);
    },
    sessionFor: async (email) => {
      const found = extra.find((u) => u.email === email);
      return found ? sessionOf(h.core, h.tokens, found) : h.sessionFor(email);
    },
  };
}

/** A fresh harness (its own table) and its API client. */
export async function harnessWithApi(
  options: Parameters<typeof createHarness>[0] = {},
): Promise<{ h: Harness; client: Api }> {
  const h = await createHarness(options);
  return { h, client: api(h) };
}

/**
 * A fresh harness (its own table), its API client and the example call, opened (with `overrides`): where most
 * tests of applications start.
 */
export async function harnessWithCall(
  overrides: Record<string, unknown> = {},
): Promise<{ h: Harness; client: Api; call: Call }> {
  const { h, client } = await harnessWithApi();
  return { h, client, call: await createCall(client, { overrides }) };
}
