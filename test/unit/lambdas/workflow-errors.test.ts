import { FilingReturnedError, FilingSupersededError, TransientError, WORKFLOW_ERRORS, classifyError, isTransientAwsError } from '../../../lambdas/shared/workflow/errors.js';
import { awsError } from '../../fixtures/aws-error.js';


describe('transient error classification (the one module the ASL Retry relies on)', () => {
  test.each([
    ['DynamoDB throttling', awsError('ThrottlingException', 400)],
    ['DynamoDB capacity', awsError('ProvisionedThroughputExceededException', 400)],
    ['STS throttling', awsError('Throttling', 400)],
    ['EC2 throttling', awsError('RequestLimitExceeded', 503)],
    ['ELBv2 throttling', awsError('Throttling', 400)],
    ['S3 slow down', awsError('SlowDown', 503)],
    ['any 5xx', awsError('InternalServerError', 500)],
    ['a 429', awsError('Whatever', 429)],
    ['a connection reset', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['a conflicting transaction', awsError('TransactionCanceledException', 400, { CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }] })],
    ['a throttled transaction', awsError('TransactionCanceledException', 400, { CancellationReasons: [{ Code: 'ThrottlingError' }] })],
  ])('%s is transient', (_what, error) => {
    expect(isTransientAwsError(error)).toBe(true);
    const classified = classifyError(error);
    expect(classified).toBeInstanceOf(TransientError);
    expect((classified as Error).name).toBe(WORKFLOW_ERRORS.transient);
    expect((classified as Error).cause).toBe(error);
  });

  test.each([
    ['a failed condition', awsError('ConditionalCheckFailedException', 400)],
    ['a failed transaction condition', awsError('TransactionCanceledException', 400, { CancellationReasons: [{ Code: 'ConditionalCheckFailed' }] })],
    ['access denied', awsError('AccessDenied', 403)],
    ['a missing object', awsError('NoSuchKey', 404)],
    ['a plain bug', new TypeError('x is undefined')],
    ['not an error at all', 'boom'],
  ])('%s is not transient and passes unchanged', (_what, error) => {
    expect(isTransientAwsError(error)).toBe(false);
    expect(classifyError(error)).toBe(error);
  });

  test('the lifecycle outcomes carry the names the ASL catches', () => {
    expect(new FilingReturnedError('f', ['IP_NOT_OWNED']).name).toBe('Recordal.FilingReturned');
    expect(new FilingSupersededError('f', 'withdrawn').name).toBe('Recordal.FilingSuperseded');
    expect(classifyError(new FilingReturnedError('f', []))).toBeInstanceOf(FilingReturnedError);
  });
});
