/**
 * A broken rule, as every 422 detail and every `reasons` entry carries it (docs/design/rules.md):
 * `path` is the dotted JSON path of the offending field ("" for the whole document).
 */
export interface Problem {
  path: string;
  code: string;
  message: string;
  messageZh: string;
}
