/** The app's settings, read once at start-up; a missing setting fails fast with its name. */
export type AppConfig =
  | {
      mode: 'local';
      /** Folder of DynamoDB Local's data and the local signing key. */
      dataDir: string;
      secureCookies: false;
    }
  | {
      mode: 'aws';
      userPoolId: string;
      clientId: string;
      /** Cognito's hosted sign-in, e.g. https://fim-123.auth.eu-north-1.amazoncognito.com */
      cognitoDomain: string;
      /** The public URL of this app (the API endpoint), for the sign-in callback. */
      publicUrl: string;
      secureCookies: true;
    };

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Missing configuration: ${name}`);
  return value;
}

export function readAwsConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    mode: 'aws',
    userPoolId: required(env, 'COGNITO_USER_POOL_ID'),
    clientId: required(env, 'COGNITO_CLIENT_ID'),
    cognitoDomain: required(env, 'COGNITO_DOMAIN').replace(/\/$/, ''),
    publicUrl: required(env, 'PUBLIC_URL').replace(/\/$/, ''),
    secureCookies: true,
  };
}
