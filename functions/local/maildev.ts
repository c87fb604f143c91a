import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { MailDev } from 'maildev';
import { SetupError } from './dynamodb-local.js';

/*
 * maildev 3: a real SMTP server with a web inbox and a REST API (`GET /api/email`), the local stand-in for SES.
 * `npm start` runs one on fixed ports with its mail kept on disk; the test run one on free ports.
 */

export interface RunningMailDev {
  smtpPort: number;
  /** The inbox (web page) and its REST API (`${inboxUrl}/api/email`). */
  inboxUrl: string;
  stop(): Promise<void>;
}

/** The one line saying a port is taken and which env var moves it. */
export type PortTaken = (port: number, envVar: string) => string;

const portTakenEn: PortTaken = (port, envVar) => `Port ${port} is taken: set ${envVar}`;

/** Resolves when `port` can be listened on at 127.0.0.1, else throws the SetupError naming `envVar`. */
export async function ensurePortFree(
  port: number,
  envVar: string,
  taken: PortTaken = portTakenEn,
): Promise<void> {
  await new Promise<void>((free, fail) => {
    const probe = createServer();
    probe.once('error', () => fail(new SetupError(taken(port, envVar))));
    probe.listen(port, '127.0.0.1', () => probe.close(() => free()));
  });
}

/**
 * Starts maildev on the loopback. @throws SetupError (saying which port and which env var) when a port is
 * taken
 */
export async function startMailDev(options: {
  smtpPort: number;
  webPort: number;
  /** Where the mail is kept (a second start finds it again). */
  mailDirectory: string;
  /** The words of a taken port, for the one line that says so. */
  portTaken?: PortTaken;
}): Promise<RunningMailDev> {
  await ensurePortFree(options.smtpPort, 'MAIL_SMTP_PORT', options.portTaken);
  await ensurePortFree(options.webPort, 'MAIL_WEB_PORT', options.portTaken);
  mkdirSync(options.mailDirectory, { recursive: true });
  const maildev = new MailDev({
    smtp: options.smtpPort,
    web: options.webPort,
    ip: '127.0.0.1',
    webIp: '127.0.0.1',
    silent: true,
    mailDirectory: options.mailDirectory,
  });
  await maildev.start();
  return {
    smtpPort: options.smtpPort,
    inboxUrl: `http://localhost:${options.webPort}`,
    stop: () => maildev.stop(),
  };
}
