/**
 * The API's lists answer one page at a time, `{items, nextCursor}` (null on the last page; docs/design/api.md
 * "Conventions of the filing routes"). These walk them: every item, or every page, as an async iterator.
 */

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Fetches the page after `cursor` (undefined: the first). */
export type PageFetcher<T> = (cursor: string | undefined) => Promise<Page<T>>;

export interface PagingOptions {
  /** Stop after this many pages (default: all of them). */
  maxPages?: number;
}

export async function* pages<T>(fetchPage: PageFetcher<T>, options: PagingOptions = {}): AsyncGenerator<Page<T>, void, undefined> {
  let cursor: string | undefined;
  for (let count = 0; count < (options.maxPages ?? Number.POSITIVE_INFINITY); count += 1) {
    const page = await fetchPage(cursor);
    yield page;
    if (page.nextCursor === null || page.nextCursor === undefined || page.nextCursor === cursor) return;
    cursor = page.nextCursor;
  }
}

export async function* paginate<T>(fetchPage: PageFetcher<T>, options: PagingOptions = {}): AsyncGenerator<T, void, undefined> {
  for await (const page of pages(fetchPage, options)) yield* page.items;
}

/** The first `limit` items (default: all). */
export async function collect<T>(items: AsyncIterable<T>, limit = Number.POSITIVE_INFINITY): Promise<T[]> {
  const out: T[] = [];
  if (limit <= 0) return out;
  for await (const item of items) {
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}
