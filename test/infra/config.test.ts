// The deployment context (docs/deploy.md): defaults, CLI strings, and refusals.
import { App } from 'aws-cdk-lib';
import { readConfig } from '../../lib/config.js';
import { cdkJsonContext } from './synth.js';

const configOf = (context: Record<string, unknown>) => readConfig(new App({ context }).node);

describe('readConfig', () => {
  it("reads cdk.json's defaults: stage dev, data retained, no reviewers, no mail, public routes unsigned", () => {
    expect(configOf(cdkJsonContext())).toEqual({
      stage: 'dev',
      retainData: true,
      reviewerPrincipalArns: [],
      alarmEmail: undefined,
      reviewerEmails: [],
      publicRoutesRequireIam: false,
      driftCheckSchedule: 'rate(1 day)',
    });
  });

  it('defaults retainData to true when the context does not say', () => {
    expect(configOf({}).retainData).toBe(true);
  });

  it('accepts the strings `cdk -c key=value` passes', () => {
    expect(
      configOf({
        stage: 'prod',
        retainData: 'false',
        alarmEmail: 'ops@example.cn',
        reviewerPrincipalArns: 'arn:aws-cn:iam::999999999999:role/IcpReviewer, arn:aws-cn:iam::999999999999:user/carol',
        driftCheckSchedule: 'cron(0 2 * * ? *)',
        reviewerEmails: 'li.lei@example.cn,han.meimei@example.cn',
        publicRoutesRequireIam: 'true',
      }),
    ).toEqual({
      stage: 'prod',
      driftCheckSchedule: 'cron(0 2 * * ? *)',
      retainData: false,
      alarmEmail: 'ops@example.cn',
      reviewerEmails: ['li.lei@example.cn', 'han.meimei@example.cn'],
      publicRoutesRequireIam: true,
      reviewerPrincipalArns: ['arn:aws-cn:iam::999999999999:role/IcpReviewer', 'arn:aws-cn:iam::999999999999:user/carol'],
    });
    expect(configOf({ reviewerPrincipalArns: '["arn:aws-cn:iam::999999999999:role/IcpReviewer"]' }).reviewerPrincipalArns).toEqual([
      'arn:aws-cn:iam::999999999999:role/IcpReviewer',
    ]);
  });

  it('refuses bad values, naming every bad key at once', () => {
    let message = '';
    try {
      configOf({
        stage: 'Prod!',
        retainData: 'maybe',
        alarmEmail: 'not-an-address',
        reviewerPrincipalArns: ['arn:aws-cn:s3:::not-a-principal'],
        reviewerEmails: ['ok@example.cn', 'nope'],
        publicRoutesRequireIam: 'sometimes',
        driftCheckSchedule: 'daily',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const key of ['stage', 'retainData', 'alarmEmail', 'reviewerPrincipalArns', 'reviewerEmails.1', 'publicRoutesRequireIam', 'driftCheckSchedule']) expect(message).toContain(key);
  });
});
