// The domain's field and attachment names in both languages, as `[en, zh]` pairs for `pair()`.
import { attachmentName as nameOfKind, fieldName as nameOfField } from '../../../lambdas/shared/messages/index.js';

export const fieldName = (path: string): [en: string, zh: string] => [nameOfField(path, 'en'), nameOfField(path, 'zh-CN')];
export const attachmentName = (kind: string): [en: string, zh: string] => [nameOfKind(kind, 'en'), nameOfKind(kind, 'zh-CN')];
