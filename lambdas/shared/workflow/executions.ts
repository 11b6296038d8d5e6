/** ARNs of the lifecycle's executions, from `STATE_MACHINE_ARN` and the `<filingId>-r<revision>` name. */
export function stateMachineArn(): string {
  const arn = process.env.STATE_MACHINE_ARN;
  if (!arn) throw new Error('STATE_MACHINE_ARN is not set');
  return arn;
}

/** `arn:<p>:states:<region>:<account>:stateMachine:<sm>` → `…:execution:<sm>:<name>`. */
export function executionArnOf(name: string, machineArn: string = stateMachineArn()): string {
  return `${machineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}
