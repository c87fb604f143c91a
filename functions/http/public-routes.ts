/**
 * API routes anyone may call without signing in; every other /api route needs a bearer token before its
 * input is read. The app's own check and the API Gateway routes in AWS (infra/stacks/api-stack.ts: these
 * without an authorizer, everything else behind the Cognito JWT authorizer) are both built from this list.
 */
export const PUBLIC_API_ROUTES = [
  { method: 'GET', path: '/api/health' },
  { method: 'GET', path: '/api/health/ready' },
  { method: 'GET', path: '/api/openapi.json' },
  { method: 'GET', path: '/api/calls' },
  { method: 'GET', path: '/api/calls/{callId}' },
  { method: 'GET', path: '/api/parties' },
] as const;

/** Public only in local mode, where the route exists at all (in AWS it answers 401 or 404). */
const LOCAL_PUBLIC_API_ROUTES = [{ method: 'POST', path: '/api/auth/dev-login' }] as const;

const patterns = [...PUBLIC_API_ROUTES, ...LOCAL_PUBLIC_API_ROUTES].map(({ method, path }) => ({
  method,
  pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+').replaceAll('.', '\\.')}$`),
}));

export const isPublicApi = (method: string, path: string): boolean =>
  patterns.some(
    (p) => (p.method === method || (p.method === 'GET' && method === 'HEAD')) && p.pattern.test(path),
  );
