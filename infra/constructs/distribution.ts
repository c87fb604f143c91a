import { Duration, Fn, SecretValue, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ORIGIN_SECRET_HEADER } from '../../functions/http/edge.js';

/** Paths CloudFront caches (the site's stylesheet, served with `Cache-Control: public`); nothing else is cached. */
export const STATIC_PATH = '/static/*';

/** HSTS as CloudFront sends it: a year, subdomains included (the app sends the same, this also covers errors). */
export const HSTS_MAX_AGE = Duration.days(365);

export interface AppDistributionProps {
  readonly api: HttpApi;
  /** A CLOUDFRONT-scoped AWS WAF web ACL (created in us-east-1, infra/stacks/edge-stack.ts). */
  readonly webAclArn: string;
}

/**
 * CloudFront in front of the HTTP API: HTTPS only, the pages and the API passed through uncached (cookies,
 * query strings and every header but Host go to the origin), the static assets cached and compressed, security
 * headers on every answer, the WAF web ACL on it. CloudFront sends the gateway a secret header the API function
 * checks (functions/http/edge.ts), so the execute-api endpoint answers nobody who bypasses CloudFront and its WAF.
 */
export class AppDistribution extends Construct {
  readonly distribution: Distribution;
  /** The secret CloudFront sends in ORIGIN_SECRET_HEADER; the API function gets it as ORIGIN_SECRET. */
  readonly originSecret: Secret;
  /** https://<distribution>.cloudfront.net */
  readonly url: string;

  constructor(scope: Construct, id: string, props: AppDistributionProps) {
    super(scope, id);

    this.originSecret = new Secret(this, 'OriginSecret', {
      description: 'FIM: the header value CloudFront sends the HTTP API (only CloudFront may call the API)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Not a credential to a data store: it only tells CloudFront apart from a direct caller. Both ends read it ' +
        'at deployment (CloudFormation dynamic references), so a rotation is a deliberate deploy (docs/infra.md).',
    });

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'FIM: HSTS, nosniff, no framing, same-origin referrer on every answer',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: HSTS_MAX_AGE,
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.SAME_ORIGIN, override: true },
      },
    });

    // The gateway's host name (https://<id>.execute-api.<region>.amazonaws.com without the scheme).
    const origin = new HttpOrigin(Fn.select(2, Fn.split('/', props.api.apiEndpoint)), {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      customHeaders: {
        [ORIGIN_SECRET_HEADER]: SecretValue.secretsManager(this.originSecret.secretArn).unsafeUnwrap(),
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'FIM grant pool platform',
      webAclId: props.webAclArn,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        // Pages and API answers are personal and change with every write: never cached. The app compresses them.
        cachePolicy: CachePolicy.CACHING_DISABLED,
        // Everything but Host: API Gateway answers only to its own host name.
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: securityHeaders,
        compress: true,
      },
      additionalBehaviors: {
        [STATIC_PATH]: {
          origin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          // Cached as long as the origin's Cache-Control says, compressed by CloudFront (gzip and Brotli).
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: securityHeaders,
          compress: true,
        },
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: FIM’s researchers and reviewers sign in from conferences and stays abroad; the WAF ' +
          'rules and the per-IP rate limit stand in front of the app wherever a request comes from.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'Every request that reaches the app is in the HTTP API’s access log (six months); what the WAF blocks is ' +
          'in its metrics and sampled requests. A CloudFront log bucket would hold the same IP addresses again.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The default *.cloudfront.net certificate, whose minimum protocol CloudFront fixes; with FIM’s own ' +
          'domain (an ACM certificate in us-east-1) the minimum becomes TLSv1.2_2021 (docs/infra.md, "The edge").',
      },
    );
  }
}
