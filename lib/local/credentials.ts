/**
 * The fixed local identities of docs/design/api.md ("Local default credentials"): the local gateway
 * verifies SigV4 against these secrets and fills `requestContext.identity` from them, as
 * API Gateway's AWS_IAM authorization does when deployed. Documented in the README.
 */
export interface LocalIdentity {
  /** Who this is, for people reading logs and docs. */
  name: string;
  role: 'customer' | 'reviewer';
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `requestContext.identity.userArn`. */
  principalArn: string;
  /** `requestContext.identity.caller`: the principal's unique id, as IAM would report it. */
  caller: string;
}

export const CUSTOMER_A: LocalIdentity = {
  name: 'customer A',
  role: 'customer',
  accountId: '111111111111',
  accessKeyId: 'AKIALOCALCUSTOMERA01',
  secretAccessKey: 'local-secret-customer-a',
  principalArn: 'arn:aws-cn:iam::111111111111:user/alice',
  caller: 'AIDALOCALCUSTOMERA01',
};

export const CUSTOMER_B: LocalIdentity = {
  name: 'customer B',
  role: 'customer',
  accountId: '222222222222',
  accessKeyId: 'AKIALOCALCUSTOMERB01',
  secretAccessKey: 'local-secret-customer-b',
  principalArn: 'arn:aws-cn:iam::222222222222:user/bob',
  caller: 'AIDALOCALCUSTOMERB01',
};

export const REVIEWER: LocalIdentity = {
  name: 'reviewer',
  role: 'reviewer',
  accountId: '999999999999',
  accessKeyId: 'AKIALOCALREVIEWER001',
  secretAccessKey: 'local-secret-reviewer',
  principalArn: 'arn:aws-cn:iam::999999999999:role/IcpReviewer',
  caller: 'AROALOCALREVIEWER001:local',
};

export const LOCAL_IDENTITIES: readonly LocalIdentity[] = [CUSTOMER_A, CUSTOMER_B, REVIEWER];

/** `REVIEWER_PRINCIPAL_ARNS` of the local platform (CDK context `reviewerPrincipalArns` when deployed). */
export const LOCAL_REVIEWER_PRINCIPAL_ARNS: readonly string[] = LOCAL_IDENTITIES.filter((identity) => identity.role === 'reviewer').map(
  (identity) => identity.principalArn,
);

/** The access key id and secret an AWS SDK client or `curl --user` signs with. */
export function signingCredentials(identity: LocalIdentity): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey };
}
