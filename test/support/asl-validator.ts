import { createRequire } from 'node:module';

/** asl-validator, a CommonJS package that ships no type declarations. */
export const aslValidator = createRequire(import.meta.url)('asl-validator') as (definition: object) => {
  isValid: boolean;
  errorsText: (separator?: string) => string;
};
