import { accountProfileSchema, checkEligibility, eligibilityQuestionSchema, parseAccountProfile, parseWithProblems, problem, type AccountProfile } from '../shared/domain/index.js';
import type { Problem } from '../shared/domain/problem.js';
import { networkAdapter } from '../shared/adapters/network/index.js';
import { HttpError, validationFailed } from '../shared/http/errors.js';
import { requireJsonObject } from '../shared/http/request.js';
import { json } from '../shared/http/response.js';
import { accountBody, accountSchema, eligibilityAnswerSchema } from '../shared/http/representations.js';
import { route, type Route } from '../shared/http/router.js';
import { getAccount, putAccount } from '../shared/store/index.js';
import { rememberAccount } from './account-cache.js';

/**
 * `verificationIp` is an Elastic IP, or an address of a load balancer, of this account in
 * cn-northwest-1, seen through the access role (docs/design/api.md): the network adapter answers.
 */
async function ownershipProblems(profile: AccountProfile, accountId: string): Promise<Problem[]> {
  const facts = await networkAdapter().describeAccount({ accountId, accessRoleArn: profile.accessRoleArn }, []);
  if (!facts.roleAssumable) return [problem('ACCESS_ROLE_INVALID', 'accessRoleArn')];
  const owned = facts.elasticIps.includes(profile.verificationIp) || facts.loadBalancers.some((lb) => lb.addresses.includes(profile.verificationIp));
  return owned ? [] : [problem('IP_NOT_OWNED', 'verificationIp')];
}

export const accountRoutes: Route[] = [
  route({
    method: 'PUT',
    path: '/v1/account',
    audience: 'customer',
    writes: true,
    doc: {
      operationId: 'putAccount',
      summary: 'Create or update the account profile',
      description:
        'verificationIp must be an Elastic IP or load-balancer address of this account in cn-northwest-1, checked through accessRoleArn; one e-mail and one mobile belong to at most one account.',
      tags: ['account'],
      body: { schema: accountProfileSchema },
      responses: { 200: { description: 'The profile', schema: accountSchema } },
      errors: [409, 422],
    },
    handle: async ({ event, caller }) => {
      const parsed = parseAccountProfile(requireJsonObject(event), caller.accountId);
      if (!parsed.ok) throw validationFailed(parsed.problems);
      const profile = parsed.document;
      const ownership = await ownershipProblems(profile, caller.accountId);
      if (ownership.length > 0) throw validationFailed(ownership);
      const { account } = await putAccount(caller.accountId, profile);
      rememberAccount(account);
      return json(200, accountBody(account));
    },
  }),
  route({
    method: 'GET',
    path: '/v1/account',
    audience: 'customer',
    writes: false,
    doc: {
      operationId: 'getAccount',
      summary: 'The account profile',
      tags: ['account'],
      responses: { 200: { description: 'The profile', schema: accountSchema } },
    },
    handle: async ({ caller }) => {
      const account = await getAccount(caller.accountId);
      if (account === null) {
        throw new HttpError(404, { text: 'ACCOUNT_NOT_REGISTERED' });
      }
      rememberAccount(account);
      return json(200, accountBody(account));
    },
  }),
  route({
    method: 'POST',
    path: '/v1/eligibility',
    audience: 'customer',
    writes: false,
    doc: {
      operationId: 'checkEligibility',
      summary: 'Whether this APP needs recordal here',
      tags: ['account'],
      body: { schema: eligibilityQuestionSchema },
      responses: { 200: { description: 'The answer, with reasons', schema: eligibilityAnswerSchema } },
      errors: [422],
    },
    handle: async ({ event }) => {
      const parsed = parseWithProblems(eligibilityQuestionSchema, requireJsonObject(event));
      if (!parsed.ok) throw validationFailed(parsed.problems);
      return json(200, checkEligibility(parsed.document));
    },
  }),
];
