import type { en } from './en.js';

/** The shape every locale fills: the same keys as English. */
export type Catalogue = {
  readonly [K in keyof typeof en]: (typeof en)[K] extends string ? string : { readonly [P in keyof (typeof en)[K]]: string };
};
