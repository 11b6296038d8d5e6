/**
 * The message catalogue: every problem's English and Chinese text, and the names of the
 * fields they mention. One module, so that wording stays consistent and translatable.
 */
import type { Problem } from './problem.js';

/** Every rule code of docs/design/rules.md, plus the codes the eligibility answer uses. */
export const RULE_CODES = [
  'FIELD_REQUIRED',
  'UNKNOWN_FIELD',
  'FIELD_TYPE',
  'FIELD_TOO_LONG',
  'ENTITY_KIND_UNSUPPORTED',
  'PROVINCE_INVALID',
  'PROVINCE_UNSUPPORTED',
  'USCC_INVALID',
  'USCC_PROVINCE_MISMATCH',
  'CERTIFICATE_NUMBER_INVALID',
  'ENTITY_NAME_INVALID',
  'ID_CARD_INVALID',
  'ID_VALIDITY_INVALID',
  'ID_EXPIRING',
  'MOBILE_INVALID',
  'EMERGENCY_MOBILE_SAME',
  'PRINCIPAL_CONTACT_SHARED',
  'EMAIL_INVALID',
  'AUTHORIZATION_LETTER_REQUIRED',
  'APP_NAME_INVALID',
  'APP_NAME_TAKEN',
  'PLATFORM_REQUIRED',
  'PACKAGE_NAME_INVALID',
  'BUNDLE_ID_INVALID',
  'PUBLIC_KEY_INVALID',
  'SIGNATURE_DIGEST_INVALID',
  'CATEGORY_INVALID',
  'LANGUAGE_INVALID',
  'PRE_APPROVAL_REQUIRED',
  'DOMAIN_REQUIRED',
  'DOMAIN_INVALID',
  'DOMAIN_LEVEL_EXCEEDED',
  'DOMAIN_TLD_NOT_APPROVED',
  'DOMAIN_REGISTRAR_NOT_APPROVED',
  'DOMAIN_EXPIRED',
  'DOMAIN_NOT_REAL_NAME',
  'DOMAIN_HOLDER_MISMATCH',
  'ACCOUNT_MISMATCH',
  'IP_INVALID',
  'IP_NOT_OWNED',
  'ELB_IP_SET_INCOMPLETE',
  'ACCESS_ROLE_INVALID',
  'SECURITY_GROUP_INVALID',
  // the drift check (docs/design/api.md "Drift check"): the account could not be looked into
  'DRIFT_CHECK_INCOMPLETE',
  'TARGET_REQUIRED',
  'CHANGE_NOT_ALLOWED',
  'ENTITY_BUSY',
  'ATTACHMENT_MISSING',
  'ATTACHMENT_TYPE',
  'ATTACHMENT_SIZE',
  'ATTACHMENT_RESOLUTION',
  'ATTACHMENT_NOT_COLOUR',
  'RECORD_NUMBER_INVALID',
  'RECORD_NUMBER_PROVINCE_MISMATCH',
  // eligibility reasons (POST /v1/eligibility)
  'APP_OFFLINE',
  'MINI_PROGRAM_OWN_PLATFORM',
  'QUICK_APP_OWN_PLATFORM',
  'RECORDAL_NEEDED',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

/** Field names, by dotted path with array indexes written `*`. */
const FIELD_NAMES: Record<string, [en: string, zh: string]> = {
  '': ['The filing', '备案信息'],
  type: ['Application type', '申请类型'],
  targetFilingId: ['Target filing', '变更/注销对象备案'],
  reason: ['Reason', '原因'],
  entity: ['Entity information', '主办单位信息'],
  'entity.name': ['Entity name', '主办单位名称'],
  'entity.kind': ['Entity kind', '主办单位性质'],
  'entity.certificateType': ['Entity certificate type', '主办单位证件类型'],
  'entity.certificateNumber': ['Entity certificate number', '主办单位证件号码'],
  'entity.province': ['Entity province', '主办单位所属省份'],
  'entity.certificateAddress': ['Entity certificate address', '主办单位证件住所'],
  'entity.mailingAddress': ['Entity mailing address', '主办单位通讯地址'],
  entityPrincipal: ["Entity's person in charge", '主办单位负责人信息'],
  'app.principal': ["APP's person in charge", 'APP负责人信息'],
  app: ['APP information', 'APP信息'],
  'app.name': ['APP name', 'APP名称'],
  'app.serviceType': ['APP service type', '应用服务类型'],
  'app.categories': ['APP service categories', 'APP服务类目'],
  'app.categories.*': ['APP service category', 'APP服务类目'],
  'app.languages': ['APP languages', 'APP语种'],
  'app.languages.*': ['APP language', 'APP语种'],
  'app.preApprovals': ['Pre-approvals', '前置审批'],
  'app.preApprovals.*': ['Pre-approval', '前置审批'],
  'app.preApprovals.*.category': ['Pre-approval category', '前置审批类目'],
  'app.preApprovals.*.documentNumber': ['Pre-approval document number', '前置审批文号'],
  'app.preApprovals.*.issuer': ['Pre-approval issuer', '前置审批部门'],
  'app.preApprovals.*.validTo': ['Pre-approval validity end', '前置审批有效期'],
  'app.platforms': ['APP platforms', 'APP特征信息（应用平台）'],
  'app.platforms.*': ['APP platform', 'APP应用平台'],
  'app.platforms.*.os': ['Platform operating system', '应用平台'],
  'app.platforms.*.packageName': ['APP package name', 'APP包名'],
  'app.platforms.*.bundleId': ['iOS bundle ID', 'Bundle ID'],
  'app.platforms.*.publicKey': ['Signing public key', '公钥'],
  'app.platforms.*.signatureMd5': ['Signing certificate digest', '签名MD5值'],
  'app.sdks': ['SDKs', 'SDK服务'],
  'app.sdks.*': ['SDK', 'SDK服务'],
  'app.sdks.*.name': ['SDK name', 'SDK名称'],
  'app.sdks.*.provider': ['SDK provider', 'SDK提供方'],
  'app.sdks.*.purpose': ['SDK purpose', 'SDK用途'],
  'app.domains': ['APP domains', 'APP域名'],
  'app.domains.*': ['APP domain', 'APP域名'],
  'app.domains.*.name': ['Domain name', '域名'],
  'app.domains.*.registrant': ['Domain registrant', '域名持有者'],
  'app.domains.*.registrar': ['Domain registrar', '域名注册服务机构'],
  'app.domains.*.expiresOn': ['Domain expiry date', '域名到期日期'],
  'app.domains.*.realNameVerified': ['Domain real-name verification', '域名实名认证'],
  access: ['Access information', '接入信息'],
  'access.awsAccountId': ['AWS account ID', '亚马逊云科技账号ID'],
  'access.ips': ['IP addresses', 'IP地址'],
  'access.ips.*': ['IP address', 'IP地址'],
  'access.accessRoleArn': ['Access role ARN', '访问角色ARN'],
  'access.securityGroupIds': ['Security groups', '安全组'],
  'access.securityGroupIds.*': ['Security group ID', '安全组ID'],
  // account profile
  companyName: ['Company name', '公司名称'],
  email: ['Email address', '电子邮箱'],
  mobile: ['Mobile number', '手机号码'],
  verificationIp: ['Verification IP address', '验证IP地址'],
  accessRoleArn: ['Access role ARN', '访问角色ARN'],
  acceptPrivacyPolicy: ['Privacy policy acceptance', '隐私政策确认'],
  // eligibility question
  appIsOffline: ['Offline APP', '离线APP'],
  isMiniProgram: ['Mini program', '小程序'],
  isQuickApp: ['Quick app', '快应用'],
  entityKind: ['Entity kind', '主办单位性质'],
  province: ['Province', '省份'],
  // review decision
  decision: ['Decision', '审核结论'],
  reasons: ['Reasons', '原因'],
  recordNumber: ['Record number', '备案号'],
  paperMaterialsReceived: ['Paper materials received', '纸质材料已收到'],
  // attachments
  kind: ['Attachment kind', '附件类型'],
  contentType: ['Content type', '文件类型'],
  fileName: ['File name', '文件名'],
};

const PRINCIPAL_FIELDS: Record<string, [string, string]> = {
  name: ['name', '姓名'],
  idType: ['identity document type', '证件类型'],
  idNumber: ['identity document number', '证件号码'],
  idValidFrom: ['identity document valid from', '证件有效期起始日期'],
  idValidTo: ['identity document valid to', '证件有效期截止日期'],
  mobile: ['mobile number', '联系电话'],
  emergencyMobile: ['emergency mobile number', '应急联系电话'],
  email: ['email address', '电子邮箱'],
};
for (const [prefix, [en, zh]] of [
  ['entityPrincipal', ["Entity's person in charge", '主办单位负责人']],
  ['app.principal', ["APP's person in charge", 'APP负责人']],
] as const) {
  for (const [field, [fieldEn, fieldZh]] of Object.entries(PRINCIPAL_FIELDS)) {
    FIELD_NAMES[`${prefix}.${field}`] = [`${en}: ${fieldEn}`, `${zh}${fieldZh}`];
  }
}

const ATTACHMENT_NAMES: Record<string, [string, string]> = {
  ENTITY_CERTIFICATE: ["entity's certificate", '主办单位证件'],
  ENTITY_PRINCIPAL_ID: ["identity document of the entity's person in charge", '主办单位负责人证件'],
  APP_PRINCIPAL_ID: ["identity document of the APP's person in charge", 'APP负责人证件'],
  APP_PRINCIPAL_PHOTO: ["verification photo of the APP's person in charge", 'APP负责人核验照片'],
  AUTHENTICITY_FORM: ['filing information authenticity form', '备案信息真实性核验单'],
  DOMAIN_CERTIFICATE: ['domain real-name verification screenshot', '域名实名认证截图'],
  APP_ICON: ['APP icon', 'APP图标'],
  AUTHORIZATION_LETTER: ['authorization letter', '负责人授权书'],
  CONFIRMATION_LETTER: ['confirmation letter', '确认书'],
  COMMITMENT_LETTER: ['commitment letter', '承诺书'],
  PRE_APPROVAL_DOCUMENT: ['pre-approval document', '前置审批文件'],
};

/** The English and Chinese name of an attachment kind. */
export function attachmentName(kind: string): [en: string, zh: string] {
  return ATTACHMENT_NAMES[kind] ?? [kind, kind];
}

/** The English and Chinese name of the field at a dotted path (array indexes are shown 1-based). */
export function fieldName(path: string): [en: string, zh: string] {
  const segments = path === '' ? [] : path.split('.');
  const pattern = segments.map((s) => (/^\d+$/.test(s) ? '*' : s)).join('.');
  const known = FIELD_NAMES[pattern];
  const position = segments.filter((s) => /^\d+$/.test(s)).map((s) => Number(s) + 1);
  const where = position.length > 0 ? ` #${position.join('.')}` : '';
  const whereZh = position.length > 0 ? `第${position.join('.')}项` : '';
  if (known) return [`${known[0]}${where}`, `${known[1]}${whereZh}`];
  return [path, path];
}

/**
 * Phrases the rules put into messages (what is expected, why something is required), in
 * English and Chinese; the rules name a phrase, never write text.
 */
const PHRASES = {
  'type:string': ['a string', '字符串'],
  'type:boolean': ['true or false', '布尔值（true 或 false）'],
  'type:number': ['a number', '数字'],
  'type:array': ['a JSON array', 'JSON数组'],
  'type:object': ['a JSON object', 'JSON对象'],
  'type:null': ['null', 'null'],
  documentedShape: ['of the documented shape', '规定的格式'],
  date: ['a date YYYY-MM-DD', 'YYYY-MM-DD格式的日期'],
  awsAccountId: ['a 12-digit AWS account ID', '12位数字的亚马逊云科技账号ID'],
  'digest:ANDROID': ['32 hex digits (MD5 of the signing certificate)', '32位十六进制字符（签名证书的MD5值）'],
  'digest:IOS': ['40 hex digits (SHA-1 of the signing certificate)', '40位十六进制字符（签名证书的SHA-1值）'],
  'digest:HARMONYOS': ['64 hex digits (SHA-256 of the signing certificate)', '64位十六进制字符（签名证书的SHA-256值）'],
  'digest:any': ['32, 40 or 64 hex digits (MD5, SHA-1 or SHA-256)', '32、40或64位十六进制字符（MD5、SHA-1或SHA-256）'],
  square: ['square (width equal to height)', '正方形（宽高相等）'],
  rejectReasons: ['a rejection gives at least one reason', '退回须至少给出一条原因'],
  paperMaterials: [
    'must be true: a manual-verification filing is approved only once the sealed paper authenticity form is received',
    '须为true：人工核验的备案须在收到加盖公章的纸质真实性核验单后方可通过初审',
  ],
  changeInfoEmpty: ['a CHANGE_INFO carries entityPrincipal, app or both', '信息变更须填写主办单位负责人或APP信息'],
  privacyPolicy: ['the privacy policy must be accepted (true)', '须同意隐私政策（true）'],
  // why an attachment is required (attachmentRequirements)
  'requirement:ALWAYS': ['every new filing needs it', '新增备案均须提供'],
  'requirement:AUTHORIZATION': ["the APP's person in charge is not the entity's person in charge", 'APP负责人与主办单位负责人不是同一人'],
  'requirement:CONFIRMATION': ["the entity's name differs from the company the AWS account is registered to", '主办单位名称与亚马逊云科技账号注册公司名称不一致'],
  'requirement:COMMITMENT': ['electronic verification in Shanghai, Ningxia, Shanxi or Guangdong', '上海、宁夏、山西、广东的电子核验备案须提供'],
  'requirement:CHANGE': ['every change application needs it', '变更申请均须提供'],
  'requirement:CHANGE_ENTITY': ['the entity information changes', '变更主办单位信息'],
  'requirement:CHANGE_ENTITY_PRINCIPAL': ["the entity's person in charge changes", '变更主办单位负责人'],
  'requirement:CHANGE_APP_PRINCIPAL': ["the APP's person in charge changes", '变更APP负责人'],
  'requirement:CHANGE_APP': ['the APP information changes', '变更APP信息'],
  'requirement:NOT_APPLICABLE': ['not needed for this filing', '本备案无需提供'],
} as const satisfies Record<string, readonly [string, string]>;
export type Phrase = keyof typeof PHRASES;

/** A phrase in English and Chinese. */
export const phrase = (key: Phrase): readonly [en: string, zh: string] => PHRASES[key];
/** A phrase as the `expected` parameter of FIELD_TYPE, SIGNATURE_DIGEST_INVALID, ATTACHMENT_RESOLUTION. */
export const expected = (key: Phrase): MessageParams => ({ expected: PHRASES[key][0], expectedZh: PHRASES[key][1] });
/** A phrase as the `detail` parameter of FIELD_REQUIRED. */
export const detail = (key: Phrase): MessageParams => ({ detail: PHRASES[key][0], detailZh: PHRASES[key][1] });
/** An enumeration as the `expected` parameter of FIELD_TYPE. */
export function oneOf(values: readonly unknown[]): MessageParams {
  const shown = values.map((v) => JSON.stringify(v)).join(', ');
  return values.length === 1 ? { expected: shown, expectedZh: shown } : { expected: `one of ${shown}`, expectedZh: `以下之一：${shown}` };
}
/** The phrase of a zod type name, when there is one. */
export const typePhrase = (zodType: string): Phrase | undefined => (`type:${zodType}` in PHRASES ? (`type:${zodType}` as Phrase) : undefined);

/** Values a message may mention. */
export type MessageParams = Record<string, string | number | undefined>;

type Template = (f: { en: string; zh: string; path: string }, p: MessageParams) => [en: string, zh: string];

const list = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

const byteText = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} B`;

/** How a pre-approval document is told apart from the others in a requirement's reason. */
export function preApprovalLabel(category: { nameEn: string; name: string } | undefined, categoryId: string | undefined, documentNumber: string | undefined): [string, string] {
  return [
    `pre-approval ${documentNumber ?? ''} for ${category?.nameEn ?? categoryId ?? '?'}`,
    `${category?.name ?? categoryId ?? '?'}前置审批 ${documentNumber ?? ''}`,
  ];
}

const TEMPLATES: Record<RuleCode, Template> = {
  FIELD_REQUIRED: (f, p) => [
    `${f.en} (${f.path}) is required${p.detail ? `: ${p.detail}` : ''}.`,
    `${f.zh}（${f.path}）为必填项${p.detailZh ? `：${p.detailZh}` : ''}。`,
  ],
  UNKNOWN_FIELD: (f) => [
    `${f.path} is not a field of this document; remove it (see docs/design/filing.md for the fields of each application type).`,
    `${f.path} 不是此类申请可填写的字段，请删除（各申请类型的字段见docs/design/filing.md）。`,
  ],
  FIELD_TYPE: (f, p) => [
    `${f.en} (${f.path}) must be ${p.expected ?? 'of the documented type'}.`,
    `${f.zh}（${f.path}）须为${p.expectedZh ?? '规定的类型'}。`,
  ],
  FIELD_TOO_LONG: (f, p) => [
    `${f.en} (${f.path}) is too long: at most ${list(p.max)} ${p.unit === 'items' ? 'entries' : 'characters'} are accepted.`,
    `${f.zh}（${f.path}）过长：最多${list(p.max)}${p.unit === 'items' ? '项' : '个字符'}。`,
  ],
  ENTITY_KIND_UNSUPPORTED: (f) => [
    `${f.en} (${f.path}) INDIVIDUAL is not accepted: personal recordal is not supported; file as an enterprise or another organisation.`,
    `${f.zh}（${f.path}）不支持个人备案，请以企业或其他单位性质备案。`,
  ],
  PROVINCE_INVALID: (f) => [
    `${f.en} (${f.path}) must be the GB/T 2260 code of a mainland province-level division, e.g. 640000 for Ningxia.`,
    `${f.zh}（${f.path}）须为GB/T 2260省级行政区划代码，例如宁夏为640000。`,
  ],
  PROVINCE_UNSUPPORTED: (f) => [
    `${f.en} (${f.path}): entities in Tibet (540000) and Qinghai (630000) cannot file through this provider.`,
    `${f.zh}（${f.path}）：暂不支持西藏（540000）和青海（630000）的主办单位备案。`,
  ],
  USCC_INVALID: (f) => [
    `${f.en} (${f.path}) must be an 18-character Unified Social Credit Code (GB 32100: characters 0-9 and A-H J-N P Q R T U W X Y, valid organisation code and check character).`,
    `${f.zh}（${f.path}）须为18位统一社会信用代码（GB 32100：由0-9及除I、O、S、V、Z外的大写字母组成，组织机构代码及校验码正确）。`,
  ],
  USCC_PROVINCE_MISMATCH: (f, p) => [
    `${f.en} (${f.path}): characters 3-4 of the code (${list(p.found)}) must match the entity's province (${list(p.expected)}) or be 10.`,
    `${f.zh}（${f.path}）：统一社会信用代码第3-4位（${list(p.found)}）须与主办单位所属省份（${list(p.expected)}）一致或为10。`,
  ],
  CERTIFICATE_NUMBER_INVALID: (f) => [
    `${f.en} (${f.path}) must be 4 to 50 printable characters.`,
    `${f.zh}（${f.path}）须为4至50个可打印字符。`,
  ],
  ENTITY_NAME_INVALID: (f) => [
    `${f.en} (${f.path}) must be 2 to 100 characters, without emoji and without leading or trailing spaces.`,
    `${f.zh}（${f.path}）须为2至100个字符，不含表情符号，首尾不能有空格。`,
  ],
  ID_CARD_INVALID: (f) => [
    `${f.en} (${f.path}) must be an 18-character resident ID number (GB 11643) with a valid region code, a real past birth date and a correct check character.`,
    `${f.zh}（${f.path}）须为18位居民身份证号码（GB 11643），地区码、出生日期及校验码须正确。`,
  ],
  ID_VALIDITY_INVALID: (f) => [
    `${f.en} (${f.path}): the document must be valid today: a real start date on or before today and an end date after today (YYYY-MM-DD, or LONG_TERM).`,
    `${f.zh}（${f.path}）：证件须在有效期内：起始日期不晚于今天，截止日期晚于今天（格式YYYY-MM-DD，或LONG_TERM表示长期）。`,
  ],
  ID_EXPIRING: (f, p) => [
    `${f.en} (${f.path}): the document must stay valid for at least 3 more months (until ${list(p.until)} or later).`,
    `${f.zh}（${f.path}）：证件剩余有效期须不少于3个月（至少至${list(p.until)}）。`,
  ],
  MOBILE_INVALID: (f) => [
    `${f.en} (${f.path}) must be a mainland China mobile number of 11 digits starting 13-19, optionally prefixed +86.`,
    `${f.zh}（${f.path}）须为11位中国大陆手机号码（以13-19开头），可带+86前缀。`,
  ],
  EMERGENCY_MOBILE_SAME: (f) => [
    `${f.en} (${f.path}) must differ from the same person's mobile number.`,
    `${f.zh}（${f.path}）不能与本人联系电话相同。`,
  ],
  PRINCIPAL_CONTACT_SHARED: (f) => [
    `${f.en} (${f.path}) must differ from that of the entity's person in charge, who is a different person.`,
    `${f.zh}（${f.path}）不能与主办单位负责人（另一人）的相同。`,
  ],
  EMAIL_INVALID: (f) => [
    `${f.en} (${f.path}) must be a valid email address of at most 254 characters, e.g. name@example.cn.`,
    `${f.zh}（${f.path}）须为有效的电子邮箱地址（不超过254个字符），例如 name@example.cn。`,
  ],
  AUTHORIZATION_LETTER_REQUIRED: (f) => [
    `${f.en} (${f.path}) is not the entity's person in charge, so an authorization letter is required.`,
    `${f.zh}（${f.path}）与主办单位负责人不是同一人，须上传负责人授权书。`,
  ],
  APP_NAME_INVALID: (f) => [
    `${f.en} (${f.path}) must be 1 to 30 characters, without emoji and without leading or trailing spaces.`,
    `${f.zh}（${f.path}）须为1至30个字符，不含表情符号，首尾不能有空格。`,
  ],
  APP_NAME_TAKEN: (f, p) => [
    `${f.en} (${f.path}): the entity already has an APP of this name (filing ${list(p.filingId)}); choose a name unique within the entity.`,
    `${f.zh}（${f.path}）：该主办单位已有同名APP（备案 ${list(p.filingId)}），同一主办单位下APP名称须唯一。`,
  ],
  PLATFORM_REQUIRED: (f, p) => [
    p.duplicate
      ? `${f.en} (${f.path}): each operating system may be listed once (${list(p.duplicate)} is repeated).`
      : `${f.en} (${f.path}): at least one platform is required.`,
    p.duplicate
      ? `${f.zh}（${f.path}）：每个应用平台只能填写一次（${list(p.duplicate)}重复）。`
      : `${f.zh}（${f.path}）：至少填写一个应用平台。`,
  ],
  PACKAGE_NAME_INVALID: (f) => [
    `${f.en} (${f.path}) must be a Java-style package name of at least two segments, each a letter followed by letters, digits or _, e.g. cn.example.app (at most 255 characters).`,
    `${f.zh}（${f.path}）须为至少两段的包名，每段以字母开头，由字母、数字或下划线组成，例如 cn.example.app（不超过255个字符）。`,
  ],
  BUNDLE_ID_INVALID: (f) => [
    `${f.en} (${f.path}) must be a reverse-DNS identifier of letters, digits and hyphens with at least two segments, e.g. cn.example.app (at most 155 characters).`,
    `${f.zh}（${f.path}）须为反向域名格式，由字母、数字和连字符组成且至少两段，例如 cn.example.app（不超过155个字符）。`,
  ],
  PUBLIC_KEY_INVALID: (f) => [
    `${f.en} (${f.path}) must be the hex or base64 encoding of a DER public key (SubjectPublicKeyInfo).`,
    `${f.zh}（${f.path}）须为DER格式公钥（SubjectPublicKeyInfo）的十六进制或Base64编码。`,
  ],
  SIGNATURE_DIGEST_INVALID: (f, p) => [
    `${f.en} (${f.path}) must be ${list(p.expected)} (colons and letter case are ignored).`,
    `${f.zh}（${f.path}）须为${list(p.expectedZh)}（冒号与大小写不影响）。`,
  ],
  CATEGORY_INVALID: (f) => [
    `${f.en} (${f.path}) must be one of the project's APP service categories (lambdas/shared/data/categories.json).`,
    `${f.zh}（${f.path}）须为平台规定的APP服务类目之一。`,
  ],
  LANGUAGE_INVALID: (f) => [
    `${f.en} (${f.path}) must be a BCP 47 language tag from the project's list, e.g. zh-Hans or en.`,
    `${f.zh}（${f.path}）须为平台语种列表中的BCP 47语言标签，例如 zh-Hans 或 en。`,
  ],
  PRE_APPROVAL_REQUIRED: (f, p) => [
    `${f.en} (${f.path}): the category ${list(p.category)} needs a pre-approval entry with its document number in app.preApprovals.`,
    `${f.zh}（${f.path}）：服务类目${list(p.category)}须在前置审批（app.preApprovals）中填写审批文号。`,
  ],
  DOMAIN_REQUIRED: (f) => [
    `${f.en} (${f.path}): at least one domain is required.`,
    `${f.zh}（${f.path}）：至少填写一个域名。`,
  ],
  DOMAIN_INVALID: (f) => [
    `${f.en} (${f.path}) must be a host name such as api.example.cn (internationalised names accepted), without scheme, port or path.`,
    `${f.zh}（${f.path}）须为主机名，例如 api.example.cn（支持中文域名），不含协议、端口或路径。`,
  ],
  DOMAIN_LEVEL_EXCEEDED: (f) => [
    `${f.en} (${f.path}) may be at most a fourth-level domain (e.g. a.b.example.cn).`,
    `${f.zh}（${f.path}）最多为四级域名（例如 a.b.example.cn）。`,
  ],
  DOMAIN_TLD_NOT_APPROVED: (f, p) => [
    `${f.en} (${f.path}): the top-level domain .${list(p.tld)} is not approved by MIIT; use an approved one such as .cn, .中国 or .com.`,
    `${f.zh}（${f.path}）：顶级域 .${list(p.tld)} 不在工信部批准的顶级域名列表中，请使用 .cn、.中国、.com 等。`,
  ],
  DOMAIN_REGISTRAR_NOT_APPROVED: (f) => [
    `${f.en} (${f.path}) must be the id of an MIIT-approved domestic registrar from the project's list (a domain held at an overseas registrar cannot be filed).`,
    `${f.zh}（${f.path}）须为平台列表中工信部批准的境内域名注册服务机构（境外注册商的域名不能备案）。`,
  ],
  DOMAIN_EXPIRED: (f, p) => [
    `${f.en} (${f.path}) must be after today (${list(p.today)}): the domain must be within its registration period.`,
    `${f.zh}（${f.path}）须晚于今天（${list(p.today)}）：域名须在注册有效期内。`,
  ],
  DOMAIN_NOT_REAL_NAME: (f) => [
    `${f.en} (${f.path}) must be true: the domain must have passed real-name verification at its registrar.`,
    `${f.zh}（${f.path}）须为true：域名须已在注册商完成实名认证。`,
  ],
  DOMAIN_HOLDER_MISMATCH: (f) => [
    `${f.en} (${f.path}) must be the entity's name (entity.name), as the registrar shows the real-name holder.`,
    `${f.zh}（${f.path}）须与主办单位名称（entity.name）一致。`,
  ],
  ACCOUNT_MISMATCH: (f) => [
    `${f.en} (${f.path}) must be the AWS account that makes this request.`,
    `${f.zh}（${f.path}）须为发起本请求的亚马逊云科技账号。`,
  ],
  IP_INVALID: (f) => [
    `${f.en} (${f.path}) must be a public IPv4 or IPv6 address; private, loopback, link-local, shared (CGNAT), multicast, documentation and reserved ranges are refused.`,
    `${f.zh}（${f.path}）须为公网IPv4或IPv6地址；私有、环回、链路本地、运营商共享、组播、文档及保留地址段不可用。`,
  ],
  IP_NOT_OWNED: (f) => [
    `${f.en} (${f.path}) must be an Elastic IP of this account in cn-northwest-1 or an address of one of its load balancers.`,
    `${f.zh}（${f.path}）须为本账号在宁夏区域（cn-northwest-1）的弹性IP或负载均衡器地址。`,
  ],
  ELB_IP_SET_INCOMPLETE: (f, p) => [
    `${f.en} (${f.path}): every address of load balancer ${list(p.loadBalancer)} must be listed (missing: ${list(p.missing)}).`,
    `${f.zh}（${f.path}）：须填写负载均衡器 ${list(p.loadBalancer)} 的全部地址（缺少：${list(p.missing)}）。`,
  ],
  ACCESS_ROLE_INVALID: (f, p) => [
    `${f.en} (${f.path}) must be an IAM role ARN arn:aws-cn:iam::${list(p.account) || '<account>'}:role/<name> of this filing's account that the platform can assume.`,
    `${f.zh}（${f.path}）须为本备案账号的IAM角色ARN（arn:aws-cn:iam::${list(p.account) || '<账号>'}:role/<名称>），且平台可以代入。`,
  ],
  SECURITY_GROUP_INVALID: (f) => [
    `${f.en} (${f.path}) must be a security group id sg- followed by 8 or 17 hex digits that exists in the account in cn-northwest-1.`,
    `${f.zh}（${f.path}）须为本账号宁夏区域中存在的安全组ID（sg-加8位或17位十六进制字符）。`,
  ],
  DRIFT_CHECK_INCOMPLETE: (f, p) => {
    const [en, zh] = p.cause === 'ACCESS_ROLE' ? ['the access role could not be assumed', '无法代入访问角色'] : ["AWS kept throttling or failing the account's EC2/STS calls", '该账号的EC2/STS调用持续被限流或失败'];
    return [
      `${f.en} (${f.path}): the drift check could not look into the account (${en}). This is not drift: the last result stands until a later check gets through.`,
      `${f.zh}（${f.path}）：偏离检查未能查看该账号（${zh}）。这不表示资源已偏离：上次的检查结果在下次检查成功前保持不变。`,
    ];
  },
  TARGET_REQUIRED: (f) => [
    `${f.en} (${f.path}) must name an APPROVED filing of this account.`,
    `${f.zh}（${f.path}）须为本账号一个已备案（APPROVED）的备案。`,
  ],
  CHANGE_NOT_ALLOWED: (f, p) => [
    p.ipOnly
      ? `${f.en} (${f.path}) cannot be changed by an IP change: it may change access.ips only.`
      : `${f.en} (${f.path}) cannot be changed: moving a filing to another entity needs a cancellation and a new filing.`,
    p.ipOnly
      ? `${f.zh}（${f.path}）不能通过IP变更修改：IP变更只能修改接入IP（access.ips）。`
      : `${f.zh}（${f.path}）不能变更：更换主办单位须注销后重新备案。`,
  ],
  ENTITY_BUSY: (f, p) => [
    `${f.en} (${f.path}): another application of this entity (filing ${list(p.filingId)}) is under review; wait until it is decided.`,
    `${f.zh}（${f.path}）：该主办单位另有申请（备案 ${list(p.filingId)}）正在审核中，请待其结束后再提交。`,
  ],
  ATTACHMENT_MISSING: (_f, p) => {
    const [en, zh] = attachmentName(list(p.kind));
    return [`The ${en} (${list(p.kind)}) must be uploaded: ${list(p.reason)}.`, `须上传${zh}（${list(p.kind)}）：${list(p.reasonZh)}。`];
  },
  ATTACHMENT_TYPE: (_f, p) => {
    const [en, zh] = attachmentName(list(p.kind));
    return [
      `The ${en} (${list(p.kind)}) must be ${list(p.accepted)} (judged from the file's content).`,
      `${zh}（${list(p.kind)}）须为${list(p.accepted)}格式（按文件内容判断）。`,
    ];
  },
  ATTACHMENT_SIZE: (_f, p) => {
    const [en, zh] = attachmentName(list(p.kind));
    const min = Number(p.minBytes ?? 0);
    const max = Number(p.maxBytes ?? 0);
    const range = min > 1 ? `${byteText(min)}–${byteText(max)}` : `at most ${byteText(max)}`;
    const rangeZh = min > 1 ? `${byteText(min)}至${byteText(max)}` : `不超过${byteText(max)}`;
    return [
      `The ${en} (${list(p.kind)}) must be ${range}; it is ${list(p.actual)} bytes.`,
      `${zh}（${list(p.kind)}）大小须为${rangeZh}，当前为${list(p.actual)}字节。`,
    ];
  },
  ATTACHMENT_RESOLUTION: (_f, p) => {
    const [en, zh] = attachmentName(list(p.kind));
    const [need, needZh] = p.square
      ? PHRASES.square
      : [
          `at least ${list(p.minWidth)}×${list(p.minHeight)} pixels${p.anyOrientation ? ' (either orientation)' : ''}`,
          `至少${list(p.minWidth)}×${list(p.minHeight)}像素${p.anyOrientation ? '（横竖均可）' : ''}`,
        ];
    return [
      `The ${en} (${list(p.kind)}) must be ${need}; it is ${list(p.actual)} pixels.`,
      `${zh}（${list(p.kind)}）须为${needZh}，当前为${list(p.actual)}像素。`,
    ];
  },
  ATTACHMENT_NOT_COLOUR: (_f, p) => {
    const [en, zh] = attachmentName(list(p.kind));
    return [`The ${en} (${list(p.kind)}) must be a colour image, not grayscale.`, `${zh}（${list(p.kind)}）须为彩色图片，不能为黑白/灰度图片。`];
  },
  RECORD_NUMBER_INVALID: (f) => [
    `${f.en} (${f.path}) must be an APP record number <province>ICP备<6-10 digits>号-<n>A, e.g. 宁ICP备2024000001号-2A.`,
    `${f.zh}（${f.path}）须为APP备案号格式：<省份简称>ICP备<6-10位数字>号-<序号>A，例如 宁ICP备2024000001号-2A。`,
  ],
  RECORD_NUMBER_PROVINCE_MISMATCH: (f, p) => [
    `${f.en} (${f.path}) must start with the entity's province character ${list(p.expected)}.`,
    `${f.zh}（${f.path}）须以主办单位所属省份简称“${list(p.expected)}”开头。`,
  ],
  APP_OFFLINE: () => [
    'An APP that works entirely offline (no Internet information service) does not need recordal.',
    '完全离线、不提供互联网信息服务的APP无需备案。',
  ],
  MINI_PROGRAM_OWN_PLATFORM: () => [
    'A mini program is filed through the platform that hosts it (e.g. the WeChat or Alipay mini program console), not here.',
    '小程序须通过其所在平台（如微信、支付宝小程序后台）备案，不在此办理。',
  ],
  QUICK_APP_OWN_PLATFORM: () => [
    'A quick app is filed through the quick app platform that hosts it, not here.',
    '快应用须通过其所在的快应用平台备案，不在此办理。',
  ],
  RECORDAL_NEEDED: () => [
    'An APP that provides Internet information services from the mainland needs APP recordal; it can be filed here.',
    '提供互联网信息服务的APP须办理APP备案，可在本平台办理。',
  ],
};

/** A problem for `code` at `path`, with both messages from the catalogue. */
export function problem(code: RuleCode, path: string, params: MessageParams = {}): Problem {
  const [en, zh] = fieldName(path);
  const [message, messageZh] = TEMPLATES[code]({ en, zh, path: path || '(document)' }, params);
  return { path, code, message, messageZh };
}

/** An eligibility reason: `{code, message, messageZh}` without a path. */
export function reason(code: RuleCode, path = '', params: MessageParams = {}): { code: RuleCode; message: string; messageZh: string } {
  const { message, messageZh } = problem(code, path, params);
  return { code, message, messageZh };
}
