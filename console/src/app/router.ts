/**
 * Hash routes (`#/filings/abc`): the console is static files under `/console/`, so every page
 * is one `index.html` and no server needs to know the console's paths.
 */
import { useEffect, useState } from 'react';

export interface Route {
  /** Path segments after `#/`. */
  segments: string[];
  query: URLSearchParams;
}

function parse(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  return { segments: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(search) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function navigate(path: string): void {
  window.location.hash = path.startsWith('#') ? path : `#${path}`;
}

/** `href` of a console path, for Cloudscape links and navigation items. */
export const hrefOf = (path: string): string => `#${path}`;
