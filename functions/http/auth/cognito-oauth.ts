import * as oauth from 'oauth4webapi';
import type { SessionTokens } from '../../core/ports.js';
import { AppError } from '../../core/shared/errors.js';
import type { AppConfig } from '../config.js';
import type { AppDeps } from '../context.js';
import type { TokenVerifier } from './tokens.js';

type AwsConfig = Extract<AppConfig, { mode: 'aws' }>;

/** What the callback gets for a code: the person, their refresh token and when the ID token expires. */
export interface SignedIn {
  principal: Awaited<ReturnType<TokenVerifier['verify']>>;
  refreshToken?: string;
  tokenExpiresAt: string;
}

/** Cognito's hosted sign-in as an OAuth 2.0 / OIDC client (oauth4webapi): code + PKCE, refresh, revocation. */
export interface CognitoOAuth extends SessionTokens {
  /** The hosted page's address for a sign-in with this state and PKCE challenge. */
  authorizationUrl(state: string, codeChallenge: string, lang: string): URL;
  /**
   * Redeems the callback's code with the PKCE verifier; the ID token is checked by oauth4webapi (issuer,
   * audience, times) and its signature by the app's verifier.
   * @throws AppError UNAVAILABLE (Cognito did not answer or refused the code), FORBIDDEN (token not verified)
   */
  exchangeCode(callback: URL, expectedState: string, codeVerifier: string): Promise<SignedIn>;
}

/** The region of a user pool id (`eu-north-1_AbC123` is in eu-north-1). */
const regionOf = (userPoolId: string) => userPoolId.split('_')[0] ?? '';

/**
 * Cognito's endpoints, written out rather than discovered: no discovery request on a cold start. The issuer is
 * the user pool's (what its ID tokens say in `iss`); the OAuth endpoints are on the hosted UI's domain.
 */
export function cognitoServer(config: AwsConfig): oauth.AuthorizationServer {
  const issuer = `https://cognito-idp.${regionOf(config.userPoolId)}.amazonaws.com/${config.userPoolId}`;
  return {
    issuer,
    authorization_endpoint: `${config.cognitoDomain}/oauth2/authorize`,
    token_endpoint: `${config.cognitoDomain}/oauth2/token`,
    revocation_endpoint: `${config.cognitoDomain}/oauth2/revoke`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    id_token_signing_alg_values_supported: ['RS256'],
  };
}

/** The first error that is Cognito's answer (or no answer) rather than a token we could not trust. */
const unreachable = (error: unknown) =>
  error instanceof oauth.ResponseBodyError || error instanceof TypeError;

export function createCognitoOAuth(
  config: AwsConfig,
  tokens: TokenVerifier,
  fetcher?: typeof fetch,
): CognitoOAuth {
  const as = cognitoServer(config);
  const client: oauth.Client = { client_id: config.clientId };
  // The web client is public (no secret): PKCE binds the code to this browser's flow.
  const auth = oauth.None();
  const options = fetcher ? { [oauth.customFetch]: fetcher } : {};
  const redirectUri = `${config.publicUrl}/auth/callback`;

  /** The person and expiry of a token response's ID token, its signature checked by the app's verifier. */
  async function signedIn(result: oauth.TokenEndpointResponse): Promise<SignedIn> {
    const claims = oauth.getValidatedIdTokenClaims(result);
    if (!claims || !result.id_token) throw new AppError('FORBIDDEN', { code: 'SIGN_IN_NOT_VERIFIED' });
    const principal = await tokens.verify(result.id_token).catch((cause) => {
      // Not UNAUTHENTICATED: that sends the browser to sign in again, and round it would go.
      throw new AppError('FORBIDDEN', { code: 'SIGN_IN_NOT_VERIFIED' }, { cause });
    });
    return {
      principal,
      ...(result.refresh_token ? { refreshToken: result.refresh_token } : {}),
      tokenExpiresAt: new Date(claims.exp * 1000).toISOString(),
    };
  }

  return {
    authorizationUrl(state, codeChallenge, lang) {
      const url = new URL(as.authorization_endpoint ?? '');
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: config.clientId,
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        state,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
        lang,
      }).toString();
      return url;
    },

    async exchangeCode(callback, expectedState, codeVerifier) {
      let result: oauth.TokenEndpointResponse;
      try {
        const params = oauth.validateAuthResponse(as, client, callback, expectedState);
        const response = await oauth.authorizationCodeGrantRequest(
          as,
          client,
          auth,
          params,
          redirectUri,
          codeVerifier,
          options,
        );
        result = await oauth.processAuthorizationCodeResponse(as, client, response, { requireIdToken: true });
      } catch (cause) {
        throw unreachable(cause)
          ? new AppError('UNAVAILABLE', { code: 'SIGN_IN_UNAVAILABLE' }, { cause })
          : new AppError('FORBIDDEN', { code: 'SIGN_IN_NOT_VERIFIED' }, { cause });
      }
      return signedIn(result);
    },

    async refresh(refreshToken) {
      const response = await oauth.refreshTokenGrantRequest(as, client, auth, refreshToken, options);
      const renewed = await signedIn(await oauth.processRefreshTokenResponse(as, client, response));
      return renewed;
    },

    async revoke(refreshToken) {
      const response = await oauth.revocationRequest(as, client, auth, refreshToken, options);
      await oauth.processRevocationResponse(response);
    },
  };
}

const built = new WeakMap<AppDeps, CognitoOAuth | undefined>();

/**
 * The app's Cognito client, built once per app from its settings; undefined locally (no identity provider:
 * local sessions have no refresh token). `deps.fetch` stands in for the network in tests.
 */
export function cognitoOAuthOf(deps: AppDeps): CognitoOAuth | undefined {
  if (!built.has(deps)) {
    built.set(
      deps,
      deps.config.mode === 'aws' ? createCognitoOAuth(deps.config, deps.tokens, deps.fetch) : undefined,
    );
  }
  return built.get(deps);
}
