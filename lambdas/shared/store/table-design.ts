/**
 * The one DynamoDB table's key schema, indexes and TTL attribute: the single source of truth
 * that the CDK data stack and the local platform both build the table from.
 *
 * Items (single-table design; every access pattern is a GetItem or a Query, never a Scan):
 * - filing              pk FILING#<filingId>             sk FILING
 *                       gsi1: ACCOUNT#<accountId> / FILING#<createdAt>#<filingId>  (an account's filings, newest first)
 * - audit event         pk FILING#<filingId>             sk EVENT#<at>#<seq>          (a filing's trail, in order)
 * - account profile     pk ACCOUNT#<accountId>           sk PROFILE
 *                       gsi2 while APPROVED: APPROVED#<shard> / <accountId>#<filingId>  (the drift check's work list)
 * - upload grant      pk FILING#<filingId>             sk GRANT#<attachmentId>      (the presigned POSTs issued; only granted keys are uploads)
 * - drift marker        pk FILING#<filingId>             sk DRIFT
 *                       gsi2: DRIFTED / <checkedAt>#<filingId>  (filings whose resources no longer hold, newest first)
 * - task (callback)     pk TASK#<taskId>                 sk TASK
 *                       gsi2 while open: OPEN_TASK#<stage> / <deadline>#<taskId>  (open tasks, oldest deadline first)
 * - uniqueness claim    pk UNIQUE#<what>#<value>         sk UNIQUE                     (email, mobile, APP name per entity, open application per entity)
 * - idempotency record  pk IDEMPOTENCY#<function>        sk <hash>                     (Powertools idempotency, TTL)
 *
 * The table's stream (new and old images) is how committed status changes reach the event
 * bus (stream-events.ts): a change is published because it was committed, whatever
 * happens to the writer afterwards (docs/durability.md).
 */
export const TABLE_DESIGN = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiration',
  streamViewType: 'NEW_AND_OLD_IMAGES',
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

export type TableDesign = typeof TABLE_DESIGN;

/** Every key attribute above is a string. */
export const KEY_ATTRIBUTE_TYPE = 'S' as const;
