import * as z from 'zod/mini';

/**
 * `{filingId, revision}` as a zod/mini schema, for the steps whose input nests more (a decision,
 * a Catch's error): they extend it. zod/mini, because the step functions use no other zod, so
 * their bundles carry mini's 18 KB instead of the classic API's 90 KB (docs/benchmarks.md).
 */
export const workflowInputSchema = z.object({
  filingId: z.string().check(z.minLength(1), z.maxLength(64)),
  revision: z.int().check(z.minimum(1)),
});

/** UpdatePorts' answer as ApplyDecision receives it (workflow/effects.ts `PortsByFiling`). */
export const portsByFilingSchema = z.record(
  z.string(),
  z.object({ open: z.boolean(), securityGroupIds: z.array(z.string()), openedAt: z.optional(z.string()), closedAt: z.optional(z.string()) }),
);
