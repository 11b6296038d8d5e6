import type { APIGatewayProxyEvent } from 'aws-lambda';
import { HttpError } from './errors.js';

/**
 * Who is calling, from what API Gateway's AWS_IAM authorisation (or the local gateway's SigV4
 * check) put in `requestContext.identity`. The tenant is the caller's account id.
 */
export interface Caller {
  role: 'customer' | 'reviewer';
  accountId: string;
  principalArn: string;
}

const ACCOUNT_ID = /^\d{12}$/;
// arn:<partition>:iam::<account>:role/<path/>name  and  arn:<partition>:sts::<account>:assumed-role/<name>/<session>
const ROLE_ARN = /^arn:([a-z-]+):iam::(\d{12}):role\/(?:[^/]+\/)*([^/]+)$/;
const ASSUMED_ROLE_ARN = /^arn:([a-z-]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/;

/** The configured reviewer principals, from `REVIEWER_PRINCIPAL_ARNS` (comma-separated). */
export function reviewerPrincipalsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.REVIEWER_PRINCIPAL_ARNS ?? '')
    .split(',')
    .map((arn) => arn.trim())
    .filter((arn) => arn !== '');
}

/**
 * Whether `callerArn` is one of the reviewer principals: the ARN itself, or an STS session of
 * a configured role (the session ARN carries the role's name without its path).
 */
export function isReviewer(callerArn: string, reviewerPrincipals: readonly string[]): boolean {
  if (reviewerPrincipals.includes(callerArn)) return true;
  const session = ASSUMED_ROLE_ARN.exec(callerArn);
  if (session === null) return false;
  const [, partition, account, roleName] = session;
  return reviewerPrincipals.some((configured) => {
    const role = ROLE_ARN.exec(configured);
    return role !== null && role[1] === partition && role[2] === account && role[3] === roleName;
  });
}

/** The caller, or 401 when the gateway passed no usable identity (never expected behind AWS_IAM). */
export function callerOf(event: Pick<APIGatewayProxyEvent, 'requestContext'>, reviewerPrincipals: readonly string[]): Caller {
  const identity = event.requestContext?.identity;
  const accountId = identity?.accountId ?? '';
  const principalArn = identity?.userArn ?? '';
  if (!ACCOUNT_ID.test(accountId) || principalArn === '') throw new HttpError(401);
  return { role: isReviewer(principalArn, reviewerPrincipals) ? 'reviewer' : 'customer', accountId, principalArn };
}
