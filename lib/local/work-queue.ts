import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { REGION } from './aws-environment.js';
import { lambdaContext, LOCAL_PLATFORM_ACCOUNT_ID } from './lambda-context.js';

/**
 * The local stand-in for an SQS queue with a Lambda event source (the drift queue): messages
 * sent are handed to the handler one per event, at most `concurrency` at once; a message the
 * handler reports failed (or throws on) comes back after `retryDelayMs` times its receive
 * count, until `maxReceives`, then it is dropped as the dead-letter queue would take it.
 */
export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface LocalWorkQueueOptions {
  name: string;
  handler: SqsHandler;
  concurrency?: number;
  maxReceives?: number;
  retryDelayMs?: number;
  /** The function's timeout (what `getRemainingTimeInMillis` counts down from). */
  timeoutMs?: number;
  log?: (line: string) => void;
}

interface Message {
  messageId: string;
  body: string;
  receives: number;
}

export class LocalWorkQueue {
  private readonly waiting: Message[] = [];
  private running = 0;
  private delayed = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: LocalWorkQueueOptions) {}

  /** SendMessage(Batch): each body becomes one message. */
  send(bodies: string[]): void {
    if (this.stopped) throw new Error(`queue ${this.options.name} is stopped`);
    for (const body of bodies) this.waiting.push({ messageId: randomUUID(), body, receives: 0 });
    this.pump();
  }

  /** Resolves once no message is waiting, in flight or due for redelivery. */
  drained(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.waiting.length = 0;
    this.delayed = 0;
    this.settle();
  }

  private idle(): boolean {
    return this.waiting.length === 0 && this.running === 0 && this.delayed === 0;
  }

  private settle(): void {
    if (!this.idle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private pump(): void {
    while (!this.stopped && this.running < (this.options.concurrency ?? 4) && this.waiting.length > 0) {
      const message = this.waiting.shift() as Message;
      this.running += 1;
      void this.deliver(message).finally(() => {
        this.running -= 1;
        this.pump();
        this.settle();
      });
    }
  }

  private async deliver(message: Message): Promise<void> {
    message.receives += 1;
    const record: SQSRecord = {
      messageId: message.messageId,
      receiptHandle: `${message.messageId}#${message.receives}`,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receives),
        SentTimestamp: String(Date.now()),
        SenderId: LOCAL_PLATFORM_ACCOUNT_ID,
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws-cn:sqs:${REGION}:${LOCAL_PLATFORM_ACCOUNT_ID}:${this.options.name}`,
      awsRegion: REGION,
    };
    let failed: boolean;
    try {
      const answer = await this.options.handler({ Records: [record] }, lambdaContext(this.options.name, this.options.timeoutMs ?? 300_000));
      failed = (answer?.batchItemFailures ?? []).some((f) => f.itemIdentifier === message.messageId);
    } catch (error) {
      failed = true;
      this.options.log?.(`${this.options.name}: message ${message.messageId} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!failed || this.stopped) return;
    if (message.receives >= (this.options.maxReceives ?? 5)) {
      this.options.log?.(`${this.options.name}: message ${message.messageId} dropped after ${message.receives} receives (dead letter)`);
      return;
    }
    this.delayed += 1;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.delayed -= 1;
      this.waiting.push(message);
      this.pump();
    }, (this.options.retryDelayMs ?? 1000) * message.receives);
    this.timers.add(timer);
  }
}
