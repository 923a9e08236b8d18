// The versions of one object as a list cursor, in the order they were added (oldest first).
// Versions are only ever appended, so a skip token is the position, with the version id as a
// check: a token whose position no longer holds that version (a restore replaced the object)
// falls back to looking the id up. O(page) either way for the usual case.
import type { Cursor } from './paging.js';
import type { StoredVersion } from './stored-object.js';

export function versionsCursor<P>(versions: readonly StoredVersion<P>[]): Cursor<StoredVersion<P>> {
  // Positions of the versions this cursor visited, so a token costs O(1).
  const positions = new Map<StoredVersion<P>, number>();
  return {
    token: (version) => `${positions.get(version) ?? versions.indexOf(version)}:${version.version}`,
    forEachAfter(after, visit) {
      let start = 0;
      if (after !== null) {
        const index = Number(after.slice(0, after.indexOf(':')));
        const id = after.slice(after.indexOf(':') + 1);
        start = versions[index]?.version === id ? index + 1 : versions.findIndex((v) => v.version === id) + 1;
        if (start === 0) return; // the version is gone: nothing after it
      }
      for (let i = start; i < versions.length; i++) {
        positions.set(versions[i], i);
        if (!visit(versions[i])) return;
      }
    },
  };
}
