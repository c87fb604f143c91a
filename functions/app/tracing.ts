import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import type middy from '@middy/core';

/*
 * The functions' X-Ray tracing, without the X-Ray SDK. Powertools' Tracer wraps aws-xray-sdk-core (with semver,
 * cls-hooked and patchers for everything): 127 KB and about a third of a small function's cold-start CPU
 * (docs/infra.md "Cold start"). What the functions need of it is small: Lambda's active tracing already records
 * the function's segment; this adds, as Powertools did, one `## handler` subsegment per invocation (annotated
 * with ColdStart and Service) and one subsegment per AWS SDK call of each captured client (service, operation,
 * request id, status; throttles, errors and faults flagged), sent as X-Ray segment documents over UDP to the
 * daemon Lambda runs beside the function (AWS_XRAY_DAEMON_ADDRESS). On only in Lambda (AWS_EXECUTION_ENV) and
 * unless POWERTOOLS_TRACE_ENABLED=false, as before; an unsampled invocation sends nothing.
 */

/** What the daemon is sent: a header line, then one segment or subsegment document. */
export const XRAY_HEADER = '{"format":"json","version":1}\n';

interface TraceHeader {
  root: string;
  parent: string;
  sampled: boolean;
}

/** Reads Lambda's `Root=1-…;Parent=…;Sampled=1` (set in `_X_AMZN_TRACE_ID` for each invocation). */
export function parseTraceHeader(header: string | undefined): TraceHeader | undefined {
  if (!header) return undefined;
  const fields = Object.fromEntries(
    header.split(';').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    }),
  );
  if (!fields.Root || !fields.Parent) return undefined;
  return { root: fields.Root, parent: fields.Parent, sampled: fields.Sampled === '1' };
}

const newId = () => randomBytes(8).toString('hex');
const now = () => Date.now() / 1000;

/** An AWS SDK v3 client, as far as capturing it needs. */
interface Capturable {
  middlewareStack: { add(middleware: never, options: never): void };
  config: { region: unknown };
}

/** Its middleware stack's `add`, for an initialize-step middleware. */
interface InitializeStack {
  add(
    middleware: (
      next: (args: unknown) => Promise<{ output: unknown }>,
      context: { clientName?: string; commandName?: string },
    ) => (args: unknown) => Promise<{ output: unknown }>,
    options: { step: 'initialize'; name: string; override?: boolean },
  ): void;
}

interface Metadata {
  $metadata?: { requestId?: string; httpStatusCode?: number; attempts?: number };
}

export interface TracerOptions {
  serviceName: string;
  /** Where the environment is read from (tests). @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Sends one document (tests listen instead). @default UDP to AWS_XRAY_DAEMON_ADDRESS */
  send?: (document: string) => Promise<void>;
}

export class Tracer {
  readonly #serviceName: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #send: (document: string) => Promise<void>;
  readonly #enabled: boolean;
  #socket: Socket | undefined;
  #coldStart = true;
  /** The invocation's trace and its `## handler` subsegment, while one runs. */
  #current: { trace: TraceHeader; id: string } | undefined;

  constructor({ serviceName, env = process.env, send }: TracerOptions) {
    this.#serviceName = serviceName;
    this.#env = env;
    this.#enabled =
      (env.AWS_EXECUTION_ENV ?? '').startsWith('AWS_Lambda_') && env.POWERTOOLS_TRACE_ENABLED !== 'false';
    this.#send = send ?? ((document) => this.#udp(document));
  }

  isTracingEnabled(): boolean {
    return this.#enabled;
  }

  /** Records each call the client makes as a subsegment (name `fimXRayTrace` in its middleware stack). */
  captureAWSv3Client<C extends Capturable>(client: C): C {
    if (!this.#enabled) return client;
    (client.middlewareStack as unknown as InitializeStack).add(
      (next, context) => async (args) => {
        const parent = this.#parent();
        if (!parent) return next(args);
        const start = now();
        const service = (context.clientName ?? 'AWS').replace(/Client$/, '');
        const operation = (context.commandName ?? '').replace(/Command$/, '');
        const region = await this.#region(client);
        const record = (metadata: Metadata['$metadata'], error?: unknown) => {
          const status = metadata?.httpStatusCode;
          const failed = error !== undefined;
          return this.#emit({
            name: service,
            id: newId(),
            trace_id: parent.trace.root,
            parent_id: parent.id,
            type: 'subsegment',
            namespace: 'aws',
            start_time: start,
            end_time: now(),
            aws: {
              operation,
              region,
              request_id: metadata?.requestId,
              retries: (metadata?.attempts ?? 1) - 1,
            },
            ...(status ? { http: { response: { status } } } : {}),
            ...(failed && status === 429 ? { throttle: true } : {}),
            ...(failed && (status === undefined || status >= 500) ? { fault: true } : {}),
            ...(failed && status !== undefined && status < 500 ? { error: true } : {}),
            ...(failed ? { cause: { exceptions: [exception(error)] } } : {}),
          });
        };
        try {
          const result = await next(args);
          await record((result.output as Metadata).$metadata);
          return result;
        } catch (error) {
          await record((error as Metadata).$metadata, error);
          throw error;
        }
      },
      { step: 'initialize', name: 'fimXRayTrace', override: true },
    );
    return client;
  }

  /** The middy middleware that opens and closes each invocation's `## handler` subsegment. */
  captureLambdaHandler(): middy.MiddlewareObj {
    let start = 0;
    const close = async (error?: unknown) => {
      const current = this.#current;
      this.#current = undefined;
      if (!current) return;
      await this.#emit({
        name: '## index.handler',
        id: current.id,
        trace_id: current.trace.root,
        parent_id: current.trace.parent,
        type: 'subsegment',
        start_time: start,
        end_time: now(),
        annotations: { ColdStart: this.#coldStart, Service: this.#serviceName },
        ...(error === undefined ? {} : { fault: true, cause: { exceptions: [exception(error)] } }),
      });
      this.#coldStart = false;
    };
    return {
      before: () => {
        const trace = this.#enabled ? parseTraceHeader(this.#env._X_AMZN_TRACE_ID) : undefined;
        this.#current = trace?.sampled ? { trace, id: newId() } : undefined;
        start = now();
      },
      after: () => close(),
      onError: (request) => close(request.error ?? new Error('unknown')),
    };
  }

  /** The subsegment an SDK call hangs under: the invocation's, else (outside one) the function's segment. */
  #parent(): { trace: TraceHeader; id: string } | undefined {
    if (this.#current) return this.#current;
    const trace = parseTraceHeader(this.#env._X_AMZN_TRACE_ID);
    return trace?.sampled ? { trace, id: trace.parent } : undefined;
  }

  async #region(client: Capturable): Promise<string | undefined> {
    const { region } = client.config;
    try {
      return typeof region === 'function' ? String(await region()) : String(region);
    } catch {
      return undefined;
    }
  }

  /** Never fails the invocation: a trace that cannot be sent is lost. */
  async #emit(document: Record<string, unknown>): Promise<void> {
    try {
      await this.#send(XRAY_HEADER + JSON.stringify(document));
    } catch {
      // X-Ray is best effort.
    }
  }

  #udp(document: string): Promise<void> {
    // `host:port`, or `udp:host:port tcp:host:port`.
    const address = this.#env.AWS_XRAY_DAEMON_ADDRESS ?? '';
    const udp = /udp:(\S+)/.exec(address)?.[1] ?? address;
    const [host = '127.0.0.1', port = '2000'] = udp.split(':');
    this.#socket ??= createSocket('udp4').unref();
    const socket = this.#socket;
    return new Promise((resolve, reject) =>
      socket.send(document, Number(port), host || '127.0.0.1', (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  }
}

function exception(error: unknown) {
  return error instanceof Error
    ? { id: newId(), type: error.name, message: error.message }
    : { id: newId(), message: String(error) };
}
