/**
 * The draft as the wizard edits it: a plain JSON document read and written by dotted paths
 * (the paths the API's problems carry, e.g. `app.domains.0.name`), and the merge patch
 * (RFC 7396, docs/design/api.md "Conventions of the filing routes") that saves it.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Doc = { [key: string]: Json };

export function getAt(document: Json | undefined, path: string): Json | undefined {
  let current: Json | undefined = document;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? current[Number(key)] : current[key];
  }
  return current;
}

/** A copy of the document with `value` at `path` (objects and arrays made on the way). */
export function setAt(document: Doc, path: string, value: Json | undefined): Doc {
  const [key, ...rest] = path.split('.') as [string, ...string[]];
  const copy: Doc = { ...document };
  if (rest.length === 0) {
    if (value === undefined) delete copy[key];
    else copy[key] = value;
    return copy;
  }
  const child = copy[key];
  if (/^\d+$/.test(rest[0]!)) {
    const list = Array.isArray(child) ? [...child] : [];
    const index = Number(rest[0]);
    const tail = rest.slice(1).join('.');
    list[index] = tail === '' ? (value ?? null) : setAt((list[index] as Doc | undefined) ?? {}, tail, value);
    copy[key] = list;
  } else {
    copy[key] = setAt(child !== null && typeof child === 'object' && !Array.isArray(child) ? child : {}, rest.join('.'), value);
  }
  return copy;
}

/** Array items keep only the members that hold something (a merge patch replaces arrays whole). */
function cleanItem(value: Json): Json {
  if (Array.isArray(value)) return value.map(cleanItem);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== '' && member !== null).map(([name, member]) => [name, cleanItem(member)]));
  }
  return value;
}

/**
 * The merge patch that makes the stored draft equal to these sections: an emptied field is
 * `null` (removed), arrays are sent whole.
 */
export function mergePatch(sections: Doc): Doc {
  const patch: Doc = {};
  for (const [name, value] of Object.entries(sections)) {
    if (value === '') patch[name] = null;
    else if (Array.isArray(value)) patch[name] = cleanItem(value);
    else if (value !== null && typeof value === 'object') patch[name] = mergePatch(value);
    else patch[name] = value;
  }
  return patch;
}
