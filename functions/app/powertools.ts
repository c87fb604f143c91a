import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type middy from '@middy/core';
import type { DbObserver } from '../db/client.js';
import { Tracer } from './tracing.js';

/*
 * The one place the Lambdas' logger, tracer and metrics are built (as aws-powertools' examples/app keeps
 * `commons/powertools`): once per cold start, shared by every handler through boot() (boot.ts). The tracer is the
 * project's own (tracing.ts: X-Ray without the X-Ray SDK), on only in Lambda (AWS_EXECUTION_ENV, unless
 * POWERTOOLS_TRACE_ENABLED=false); metrics
 * go out as CloudWatch embedded metric format lines at the end of each invocation. docs/infra.md
 * "Observability" names the namespace, the metrics and their dimensions.
 */

export const SERVICE_NAME = 'fim';
/** The CloudWatch namespace of every metric the functions emit (POWERTOOLS_METRICS_NAMESPACE overrides it). */
export const METRICS_NAMESPACE = 'FIM';

/** The audit actions counted as business metrics, by the metric's name. */
export const BUSINESS_METRICS: Readonly<Record<string, string>> = {
  'application.submitted': 'Submissions',
  'application.decided': 'Decisions',
  'award.disbursed': 'Payments',
  'contribution.payment_recorded': 'ContributionsReceived',
};

/** The technical metrics the transaction sender reports (transact.ts), beside Powertools' `ColdStart`. */
export const TECHNICAL_METRICS = {
  retried: 'TransactionRetries',
  conditionFailed: 'ConditionalFailures',
} as const;

export interface Powertools {
  logger: Logger;
  tracer: Tracer;
  metrics: Metrics;
}

/** Builds the three; `SERVICE_NAME` is the `service` of every log line and the metrics' `service` dimension. */
export function createPowertools(): Powertools {
  const logger = new Logger({ serviceName: SERVICE_NAME });
  const tracer = new Tracer({ serviceName: SERVICE_NAME });
  const metrics = new Metrics({
    namespace: METRICS_NAMESPACE,
    serviceName: SERVICE_NAME,
    // An invocation that counted nothing (most reads) is no warning worth a log line each time.
    logger: {
      debug: (...content) => logger.debug(String(content[0])),
      info: (...content) => logger.info(String(content[0])),
      warn: (...content) =>
        String(content[0]).startsWith('No application metrics')
          ? logger.debug(String(content[0]))
          : logger.warn(String(content[0])),
      error: (...content) => logger.error(String(content[0])),
    },
  });
  return { logger, tracer, metrics };
}

/** Counts what the transaction sender reports: the business metrics by audit action, retries, failed conditions. */
export function transactionMetrics(metrics: Metrics): DbObserver {
  const count = (name: string) => metrics.addMetric(name, MetricUnit.Count, 1);
  return {
    committed(actions) {
      for (const action of actions) {
        const name = BUSINESS_METRICS[action];
        if (name) count(name);
      }
    },
    retried: () => count(TECHNICAL_METRICS.retried),
    conditionFailed: () => count(TECHNICAL_METRICS.conditionFailed),
  };
}

/**
 * The middy middlewares every handler wears, outermost first: the Lambda context on every log line, a trace
 * segment around the invocation, and the metrics (with `ColdStart`) flushed at its end.
 */
// biome-ignore lint/suspicious/noExplicitAny: middy 7's handler type is invariant in its event, result and context; any handler may be observed
export function observed<H extends middy.MiddyfiedHandler<any, any, Error, any>>(
  handler: H,
  { logger, tracer, metrics }: Powertools,
): H {
  return handler
    .use(injectLambdaContext(logger))
    .use(tracer.captureLambdaHandler())
    .use(logMetrics(metrics, { captureColdStartMetric: true })) as H;
}
