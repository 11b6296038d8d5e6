/** What the rules are given: everything a rule needs is passed in, never fetched inside it. */
import type { AccountProfile, AttachmentKind, FilingDocument } from './schemas.js';
import type { ApplicationType, CallbackStage, FilingStatus, VerificationMethod } from './lifecycle.js';

/** Another filing of the same account or entity, as far as the submit rules need to know it. */
export interface OtherFiling {
  filingId: string;
  status: FilingStatus;
  type: ApplicationType;
  entityCertificateNumber?: string;
  appName?: string;
}

export interface SubmitContext {
  /** Today in Asia/Shanghai, `YYYY-MM-DD`. */
  today: string;
  callerAccountId: string;
  account: AccountProfile | undefined;
  /** Filings of the same account or entity (the filing being submitted may be among them). */
  otherFilings: OtherFiling[];
  /** The filing being submitted, so that it is not compared with itself. */
  filingId?: string;
  /** The filing a change or cancellation names in `targetFilingId` (for every type but NEW). */
  target?: { filingId: string; status: FilingStatus; document: FilingDocument };
  /** Kinds of the attachments uploaded so far (one entry per object: a kind may repeat). */
  uploadedAttachmentKinds: readonly (AttachmentKind | string)[];
}

/** What an adapter found in the customer's account (through the access role), in cn-northwest-1. */
export interface AccountResourceFacts {
  roleAssumable: boolean;
  elasticIps: string[];
  loadBalancers: { arn: string; addresses: string[] }[];
  /**
   * The asked security groups that exist in the account, each with whether the access role may
   * change its inbound rules (tagged `icp-recordal:managed=true`, docs/design/rules.md).
   */
  securityGroups: { id: string; managed: boolean }[];
}

export interface ReviewContext {
  stage: CallbackStage;
  type: ApplicationType;
  verificationMethod: VerificationMethod;
  /** GB/T 2260 code of the entity's province, e.g. `640000`. */
  provinceCode: string | undefined;
}
