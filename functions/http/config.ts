import { type RetentionSchedule, retentionSchedule } from '../core/cases/retention.js';
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

/**
 * Who is the data controller (GDPR art. 13) and where people write or complain: named in configuration, as the
 * region unless told otherwise. Read once when the app is built; the privacy notice and the accessibility
 * statement word it (functions/texts/privacy.ts).
 */
export interface ControllerConfig {
  name: string;
  address: string;
  email: string;
  /** The data protection officer. */
  dpoEmail: string;
  /** The complaint route of the accessibility statement (the Agency for Digital Government's). */
  accessibilityComplaintUrl: string;
}

export const CONTROLLER_DEFAULTS: ControllerConfig = {
  name: 'Region Midtjylland',
  address: 'Skottenborg 26, 8800 Viborg',
  email: 'fim@rm.dk',
  dpoEmail: 'databeskyttelse@rm.dk',
  accessibilityComplaintUrl: 'https://www.was.digst.dk/',
};

export function readController(env: NodeJS.ProcessEnv = process.env): ControllerConfig {
  return {
    name: env.FIM_CONTROLLER_NAME || CONTROLLER_DEFAULTS.name,
    address: env.FIM_CONTROLLER_ADDRESS || CONTROLLER_DEFAULTS.address,
    email: env.FIM_CONTROLLER_EMAIL || CONTROLLER_DEFAULTS.email,
    dpoEmail: env.FIM_DPO_EMAIL || CONTROLLER_DEFAULTS.dpoEmail,
    accessibilityComplaintUrl: env.FIM_A11Y_COMPLAINT_URL || CONTROLLER_DEFAULTS.accessibilityComplaintUrl,
  };
}

/** The retention schedule (functions/core/cases/retention.ts), read once where the routes are built. */
export const readRetention = (env: NodeJS.ProcessEnv = process.env): RetentionSchedule =>
  retentionSchedule(env);
