import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { readForSubmit } from '../../../lambdas/shared/application/submit-reads.js';
import { getFilingWithGrants, type FilingRecord } from '../../../lambdas/shared/store/index.js';
import { accountEntityClaim, appNameClaim, entityBusyClaim } from '../../../lambdas/shared/store/uniqueness.js';
import { FILING_ID, documents, filingItem, useMockedAws } from '../lambdas/support.js';

/**
 * What a submit reads beside the filing (docs/benchmarks.md "storeCallsPerRequest"): the
 * holders of the filing's claims in ONE BatchGetItem whatever the account's size, one read more
 * only on the way to a refusal or for a change that does not carry its entity.
 */
useMockedAws();

const CERTIFICATE = '91640100MA77K3Q25L';
const ACCOUNT = '111111111111';
const draft = stripped(filingItem({ status: 'DRAFT', revision: 0 }));
const uniqueItem = (claim: { kind: string; value: string }, ownerId: string) => ({ pk: `UNIQUE#${claim.kind}#${claim.value}`, sk: 'UNIQUE', kind: claim.kind, ownerId });

function stripped(item: Record<string, unknown>): FilingRecord {
  const { pk: _pk, sk: _sk, ...record } = item;
  return record as unknown as FilingRecord;
}

const batchKeys = (call: number) => documents.commandCalls(BatchGetCommand)[call]!.args[0].input.RequestItems!['recordal-test']!.Keys!;

describe('readForSubmit', () => {
  test('a NEW filing: one strongly consistent BatchGetItem of its APP name, its entity for the account and across accounts', async () => {
    documents.on(BatchGetCommand).resolves({ Responses: { 'recordal-test': [] } });
    const reads = await readForSubmit(draft);
    expect(reads).toEqual({ target: null, otherFilings: [], entityShownElsewhere: false });
    expect(documents.calls()).toHaveLength(1);
    expect(documents.commandCalls(BatchGetCommand)[0]!.args[0].input.RequestItems!['recordal-test']!.ConsistentRead).toBe(true);
    expect(batchKeys(0).map((key) => key.pk)).toEqual([
      `UNIQUE#APP_NAME#${appNameClaim(CERTIFICATE, '云帆出行', FILING_ID).value}`,
      `UNIQUE#ENTITY_BUSY#${accountEntityClaim(ACCOUNT, CERTIFICATE, FILING_ID).value}`,
      `UNIQUE#ENTITY_BUSY#${entityBusyClaim(CERTIFICATE, FILING_ID).value}`,
    ]);
  });

  test("claims the filing holds itself are no conflict; another account's holder of the entity is entityShownElsewhere", async () => {
    documents.on(BatchGetCommand).resolves({
      Responses: {
        'recordal-test': [
          uniqueItem(appNameClaim(CERTIFICATE, '云帆出行', FILING_ID), FILING_ID),
          uniqueItem(entityBusyClaim(CERTIFICATE, FILING_ID), 'f-of-b'),
        ],
      },
    });
    expect(await readForSubmit(draft)).toEqual({ target: null, otherFilings: [], entityShownElsewhere: true });
    expect(documents.calls()).toHaveLength(1);
  });

  test("a holder of the name or the entity is read (one call more, on the way to a refusal): the account's own as the rules know it, another account's left to the transaction", async () => {
    const ownBusy = filingItem({ filingId: 'f-own', status: 'PRELIMINARY_REVIEW' });
    const theirs = filingItem({ filingId: 'f-theirs', accountId: '222222222222', status: 'APPROVED' });
    documents
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: {
          'recordal-test': [
            uniqueItem(appNameClaim(CERTIFICATE, '云帆出行', FILING_ID), 'f-theirs'),
            uniqueItem(accountEntityClaim(ACCOUNT, CERTIFICATE, FILING_ID), 'f-own'),
          ],
        },
      })
      .resolvesOnce({ Responses: { 'recordal-test': [ownBusy, theirs] } });
    const reads = await readForSubmit(draft);
    expect(reads.otherFilings).toEqual([{ filingId: 'f-own', status: 'PRELIMINARY_REVIEW', type: 'NEW', entityCertificateNumber: CERTIFICATE, appName: '云帆出行' }]);
    expect(reads.entityShownElsewhere).toBe(false);
    expect(documents.commandCalls(BatchGetCommand)).toHaveLength(2);
    expect(batchKeys(1).map((key) => key.pk).sort()).toEqual(['FILING#f-own', 'FILING#f-theirs']);
  });

  test("a change that carries its entity reads its target with the claims; one that does not reads the target first", async () => {
    const target = filingItem({ filingId: 'f-app', status: 'APPROVED' });
    documents.on(BatchGetCommand).resolves({ Responses: { 'recordal-test': [target] } });
    documents.on(GetCommand, { Key: { pk: 'FILING#f-app', sk: 'FILING' } }).resolves({ Item: target });
    const { entity } = filingItem().document as { entity: unknown };
    const changeEntity = stripped(filingItem({ type: 'CHANGE_ENTITY', targetFilingId: 'f-app', status: 'DRAFT' }, { type: 'CHANGE_ENTITY', targetFilingId: 'f-app', entity }));
    expect((await readForSubmit(changeEntity)).target?.filingId).toBe('f-app');
    expect(documents.calls()).toHaveLength(1);
    expect(batchKeys(0).map((key) => key.pk)).toContain('FILING#f-app');

    documents.resetHistory();
    const cancel = stripped(filingItem({ type: 'CANCEL_APP', targetFilingId: 'f-app', status: 'DRAFT' }, { type: 'CANCEL_APP', targetFilingId: 'f-app' }));
    expect((await readForSubmit(cancel)).target?.filingId).toBe('f-app');
    expect(documents.commandCalls(GetCommand)).toHaveLength(1);
    expect(documents.commandCalls(BatchGetCommand)).toHaveLength(1);
    // The target's entity is what the cancellation would hold (for its own account).
    expect(batchKeys(0).map((key) => key.pk)).toContain(`UNIQUE#ENTITY_BUSY#${accountEntityClaim(ACCOUNT, CERTIFICATE, FILING_ID).value}`);
  });
});

describe('getFilingWithGrants', () => {
  test("the filing and its upload grants in one Query of its partition; another tenant's filing is null", async () => {
    const grant = { pk: `FILING#${FILING_ID}`, sk: 'GRANT#a-1', attachmentId: 'a-1', kind: 'APP_ICON', key: 'filings/x', contentType: 'image/png', grantedAt: 'g', expiresAt: 'e', revision: 0, actor: 'me' };
    documents.on(QueryCommand).resolves({ Items: [filingItem({ status: 'DRAFT' }), grant] });
    const read = await getFilingWithGrants(FILING_ID, { accountId: ACCOUNT });
    expect(read?.filing.filingId).toBe(FILING_ID);
    expect(read?.grants).toEqual([expect.objectContaining({ attachmentId: 'a-1', kind: 'APP_ICON' })]);
    expect(documents.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({ KeyConditionExpression: 'pk = :pk AND sk >= :from', ConsistentRead: true, ExpressionAttributeValues: { ':from': 'FILING' } });
    expect(await getFilingWithGrants(FILING_ID, { accountId: '999999999999' })).toBeNull();
    expect(documents.calls()).toHaveLength(2);
  });
});
