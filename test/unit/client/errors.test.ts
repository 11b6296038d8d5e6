import { RecordalApiError, RecordalClient, languageOf, messagesIn, parseErrorBody } from '../../../lib/client/index.js';
import { errorAnswer, fakeTransport } from './fake-transport.js';

const PROBLEM = { path: 'entityPrincipal.idNumber', code: 'ID_CARD_INVALID', message: 'The ID card number is invalid.', messageZh: '身份证号码无效。' };

describe('the error body', () => {
  it('becomes a RecordalApiError with status, code, both messages, details and request id', async () => {
    const transport = fakeTransport([errorAnswer(422, 'VALIDATION_FAILED', [PROBLEM])]);
    const client = new RecordalClient({ endpoint: 'http://127.0.0.1:3000', transport });
    const failure = await client.createFiling({ type: 'NEW' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RecordalApiError);
    expect(failure).toMatchObject({
      status: 422,
      code: 'VALIDATION_FAILED',
      message: 'VALIDATION_FAILED in English',
      messageZh: 'VALIDATION_FAILED 中文',
      requestId: 'req-1',
      details: [PROBLEM],
      method: 'POST',
      path: '/v1/filings',
    });
    expect((failure as RecordalApiError).describe()).toBe('POST /v1/filings answered 422 VALIDATION_FAILED: VALIDATION_FAILED in English [ID_CARD_INVALID at entityPrincipal.idNumber]');
  });

  it('reads what it can of other bodies: S3 XML, a proxy page, nothing', () => {
    expect(parseErrorBody(400, '<?xml version="1.0"?><Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message></Error>', 'r-9')).toEqual({
      code: 'EntityTooLarge',
      message: 'Your proposed upload exceeds the maximum allowed size',
      messageZh: 'Your proposed upload exceeds the maximum allowed size',
      requestId: 'r-9',
      details: [],
    });
    expect(parseErrorBody(502, '<html>Bad Gateway</html>')).toMatchObject({ code: 'HTTP_502', message: '<html>Bad Gateway</html>', details: [] });
    expect(parseErrorBody(500, '')).toMatchObject({ code: 'HTTP_500', message: 'HTTP 500' });
    expect(parseErrorBody(400, '{"error":{"code":"BAD_REQUEST","details":[{"code":"X"}]}}').details).toEqual([{ path: '', code: 'X', message: '', messageZh: '' }]);
  });

  it('answers a 2xx other than the one a route promises as a refusal too', async () => {
    const transport = fakeTransport([{ status: 200, json: {} }]);
    const failure = await new RecordalClient({ endpoint: 'http://127.0.0.1:3000', transport }).deleteFiling('f-1').catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 200, code: 'HTTP_200' });
  });
});

describe('the reader’s language', () => {
  it('is Chinese for zh locales and English otherwise', () => {
    expect(['zh_CN.UTF-8', 'zh-Hans', 'zh', 'ZH_tw'].map(languageOf)).toEqual(['zh', 'zh', 'zh', 'zh']);
    expect(['en_US.UTF-8', 'C', '', undefined, 'zhx'].map(languageOf)).toEqual(['en', 'en', 'en', 'en', 'en']);
  });

  it('puts the reader’s message first and drops a repeat', () => {
    expect(messagesIn(PROBLEM, 'zh')).toEqual(['身份证号码无效。', 'The ID card number is invalid.']);
    expect(messagesIn(PROBLEM, 'en')).toEqual(['The ID card number is invalid.', '身份证号码无效。']);
    expect(messagesIn({ message: 'same', messageZh: 'same' }, 'zh')).toEqual(['same']);
  });
});
