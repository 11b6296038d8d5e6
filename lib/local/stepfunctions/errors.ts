/** An error of the SFN API, answered as awsJson1_0: HTTP 400 `{"__type", "message"}`. */
export class SfnApiError extends Error {
  constructor(
    public readonly type:
      | 'ExecutionAlreadyExists'
      | 'ExecutionDoesNotExist'
      | 'InvalidArn'
      | 'InvalidExecutionInput'
      | 'InvalidName'
      | 'InvalidOutput'
      | 'InvalidToken'
      | 'StateMachineDoesNotExist'
      | 'TaskDoesNotExist'
      | 'TaskTimedOut'
      | 'UnknownOperationException'
      | 'SerializationException'
      | 'ValidationException',
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

/**
 * An error a Task state fails with, as the library matches it in Retry / Catch: by `name`
 * (the ASL error name); `message` becomes the `Cause`.
 */
export class TaskFailure extends Error {
  constructor(errorName: string, cause: string) {
    super(cause);
    this.name = errorName;
  }
}

/**
 * A failure that is neither retried nor caught (the library reads `isRetryable` /
 * `isCatchable`), like Step Functions' `States.Runtime`: a bad `TimeoutSecondsPath` value, or
 * the pending work of an execution that was stopped (so no further state runs).
 */
export class StatesRuntimeFailure extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;
  constructor(message: string) {
    super(message);
    this.name = 'States.Runtime';
  }
}
