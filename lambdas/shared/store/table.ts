import { TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, QueryCommand, TransactWriteCommand, type QueryCommandInput, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { dynamoDoc } from '../adapters/clients.js';
import { ConcurrentUpdateError } from './errors.js';
import { KEY_ATTRIBUTES } from './keys.js';

/** Now, as stored (ISO 8601, UTC). */
export const nowIso = (): string => new Date().toISOString();

/** The table every function uses (`TABLE_NAME`). */
export function tableName(): string {
  const name = process.env.TABLE_NAME;
  if (!name) throw new Error('TABLE_NAME is not set');
  return name;
}

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A stored item as the store reads it: attribute name → value (document-client form). */
export type StoredItem = Record<string, unknown>;

/**
 * An attribute of an item returned with a cancellation or conditional failure: those come
 * back in the wire format (`{S: "…"}`, `{N: "…"}`) even through the document client.
 */
export function wireAttribute(item: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = item?.[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') {
    const wire = value as { S?: unknown; N?: unknown };
    if (typeof wire.S === 'string') return wire.S;
    if (typeof wire.N === 'string') return wire.N;
    return undefined;
  }
  return String(value);
}

const MAX_ATTEMPTS = 8;

/**
 * One TransactWriteItems, retried (with jitter) while it is cancelled only by conflicts with
 * concurrent transactions. A cancellation for any other reason is handed to `explain`, whose
 * error is thrown (or the SDK's own error when it returns undefined). Conflicts that outlast
 * every retry are `ConcurrentUpdateError` (409, never 500).
 */
export async function transactWrite(
  items: TransactItem[],
  explain: (reasons: CancellationReason[]) => Error | undefined,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await dynamoDoc().send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.filter((r) => r.Code && r.Code !== 'None');
      const onlyConflicts = failed.length > 0 && failed.every((r) => r.Code === 'TransactionConflict');
      if (onlyConflicts && attempt < MAX_ATTEMPTS) {
        await sleep(Math.random() * 10 * 2 ** attempt);
        continue;
      }
      if (onlyConflicts) throw new ConcurrentUpdateError('transaction');
      throw explain(reasons) ?? error;
    }
  }
}

/** Every item a Query matches, one call per page (MB). */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await dynamoDoc().send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: startKey }));
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/**
 * The items at `keys` that exist, strongly consistent: one BatchGetItem (at most 100 keys), its
 * unprocessed keys asked again. Keys still unprocessed are throttled reads: retryable, like the
 * SDK's own throttling errors.
 */
export async function getItems(keys: readonly Record<string, string>[]): Promise<StoredItem[]> {
  const found: StoredItem[] = [];
  let left: Record<string, unknown>[] = [...keys];
  for (let attempt = 0; left.length > 0 && attempt < 5; attempt += 1) {
    const result = await dynamoDoc().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: left, ConsistentRead: true } } }));
    found.push(...(result.Responses?.[tableName()] ?? []));
    left = result.UnprocessedKeys?.[tableName()]?.Keys ?? [];
  }
  if (left.length > 0) throw Object.assign(new Error(`BatchGetItem left ${left.length} keys unprocessed`), { $retryable: {} });
  return found;
}

/** The item of `found` at `key`, if any. */
export const itemAt = (found: readonly StoredItem[], key: Record<string, string>): StoredItem | undefined =>
  found.find((item) => item.pk === key.pk && item.sk === key.sk);

/** An item without its key attributes, typed as the record it stores. */
export function stripKeys<T>(item: StoredItem): T {
  const record: StoredItem = { ...item };
  for (const key of KEY_ATTRIBUTES) delete record[key];
  return record as T;
}

/** Whether an SDK error is a failed condition of a single-item write. */
export function isConditionalFailure(error: unknown): error is { name: string; Item?: Record<string, unknown> } {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'ConditionalCheckFailedException';
}

/**
 * Builds an UpdateExpression with its names and values, so callers never splice strings.
 * Attribute names are the record's own (identifiers), each aliased as `#<name>`.
 */
export class UpdateBuilder {
  private readonly names: Record<string, string> = {};
  private readonly vals: Record<string, unknown> = {};
  private readonly sets: string[] = [];
  private readonly removes: string[] = [];
  private counter = 0;

  name(attribute: string): string {
    const alias = `#${attribute}`;
    this.names[alias] = attribute;
    return alias;
  }

  value(value: unknown): string {
    const placeholder = `:v${this.counter++}`;
    this.vals[placeholder] = value;
    return placeholder;
  }

  values(list: readonly unknown[]): string {
    return list.map((v) => this.value(v)).join(', ');
  }

  set(attribute: string, value: unknown): this {
    this.sets.push(`${this.name(attribute)} = ${this.value(value)}`);
    return this;
  }

  increment(attribute: string): this {
    const alias = this.name(attribute);
    this.sets.push(`${alias} = ${alias} + ${this.value(1)}`);
    return this;
  }

  remove(attribute: string): this {
    this.removes.push(this.name(attribute));
    return this;
  }

  /** `null` removes, `undefined` leaves alone, anything else sets. */
  assign(attribute: string, value: unknown): this {
    if (value === null) return this.remove(attribute);
    if (value !== undefined) return this.set(attribute, value);
    return this;
  }

  build(): { UpdateExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } {
    const clauses = [];
    if (this.sets.length) clauses.push(`SET ${this.sets.join(', ')}`);
    if (this.removes.length) clauses.push(`REMOVE ${this.removes.join(', ')}`);
    return {
      UpdateExpression: clauses.join(' '),
      ExpressionAttributeNames: { ...this.names },
      ...(Object.keys(this.vals).length > 0 && { ExpressionAttributeValues: { ...this.vals } }),
    };
  }
}
