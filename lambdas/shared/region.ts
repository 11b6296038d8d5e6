/**
 * Where the platform runs (docs/design/architecture.md): one region of the aws-cn partition.
 * The CDK app, the functions' SDK clients, the local platform and the messages all read it here.
 */
export const REGION = 'cn-northwest-1';
export const PARTITION = 'aws-cn';
