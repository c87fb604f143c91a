import { timingSafeEqual } from 'node:crypto';
import { langFromHeader } from '../texts/lang.js';
import { problem } from './problem.js';

/**
 * The header CloudFront adds to every request it sends to the HTTP API (infra/constructs/edge.ts), with the
 * secret only CloudFront and the API function know. A request without it did not come through CloudFront (and
 * its WAF): someone called the execute-api endpoint directly.
 */
export const ORIGIN_SECRET_HEADER = 'x-fim-origin-verify';

/** What the API function knows of the edge in front of it: from its environment, ORIGIN_SECRET and PUBLIC_URL. */
export interface Edge {
  /** The value CloudFront sends in ORIGIN_SECRET_HEADER. */
  readonly originSecret: string;
  /** The address the browser uses (CloudFront's), e.g. https://d111111abcdef8.cloudfront.net */
  readonly publicUrl: string;
}

export function readEdge(env: NodeJS.ProcessEnv = process.env): Edge {
  const originSecret = env.ORIGIN_SECRET;
  const publicUrl = env.PUBLIC_URL;
  if (!originSecret) throw new Error('Missing configuration: ORIGIN_SECRET');
  if (!publicUrl) throw new Error('Missing configuration: PUBLIC_URL');
  return { originSecret, publicUrl };
}

/** A Lambda proxy event as far as the edge check reads and rewrites it (API Gateway v2 in AWS). */
interface ProxyEvent {
  headers?: Record<string, unknown>;
  requestContext?: object;
}

/** What the function answers a request that did not come through CloudFront. */
export interface Refusal {
  statusCode: 403;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

const sameSecret = (given: string | undefined, expected: string): boolean => {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * A request as API Gateway delivers it from CloudFront: refused (403 problem+json) without the origin secret;
 * otherwise the event the app sees, without the secret, and with the public host in place of the gateway's
 * (CloudFront must send the gateway its own Host), so the app's URLs and its same-origin check (web/same-origin.ts)
 * speak of the address the browser used.
 */
export function throughEdge<E extends ProxyEvent>(event: E, edge: Edge): { event: E } | { refused: Refusal } {
  const headers = { ...event.headers };
  const header = (name: string) => (typeof headers[name] === 'string' ? headers[name] : undefined);
  if (!sameSecret(header(ORIGIN_SECRET_HEADER), edge.originSecret)) {
    const lang = langFromHeader(header('accept-language'));
    return {
      refused: {
        statusCode: 403,
        headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
        body: JSON.stringify(problem(lang, 403, 'FORBIDDEN', { code: 'FORBIDDEN' })),
        isBase64Encoded: false,
      },
    };
  }
  delete headers[ORIGIN_SECRET_HEADER];
  const host = new URL(edge.publicUrl).host;
  headers.host = host;
  return { event: { ...event, headers, requestContext: { ...event.requestContext, domainName: host } } as E };
}
