import {
  AdminDisableUserCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityDirectory } from '../core/ports.js';

/**
 * The Cognito user pool as the core's identity directory: an erased person's account is disabled
 * (AdminDisableUser), so the hosted sign-in refuses them and their refresh tokens stop working. The pool signs
 * in by e-mail alias, so its user name is the `sub`, which is the platform's user id. The function's role may
 * call `cognito-idp:AdminDisableUser` on this pool only (infra/stacks/api-stack.ts).
 */
export function cognitoDirectory(options: {
  userPoolId: string;
  region?: string;
  instrument?: (client: CognitoIdentityProviderClient) => CognitoIdentityProviderClient;
}): IdentityDirectory {
  const plain = new CognitoIdentityProviderClient(options.region ? { region: options.region } : {});
  const client = options.instrument ? options.instrument(plain) : plain;
  return {
    async disableUser(userId) {
      try {
        await client.send(new AdminDisableUserCommand({ UserPoolId: options.userPoolId, Username: userId }));
      } catch (error) {
        // Gone from the pool already (removed by an operator): nothing is left to disable.
        if (error instanceof UserNotFoundException) return;
        throw error;
      }
    },
  };
}
