// The user's keymap for components deep in the tree (dialogs, forms): they read their keys and
// render their hints from it, so a remap in config changes both. The app provides it.
import { createContext, useContext } from 'react';
import type { Binding } from './keymap.js';
import { defaultKeymap } from './keymap.js';

export const KeymapContext = createContext<readonly Binding[]>(defaultKeymap);

export function useKeymap(): readonly Binding[] {
  return useContext(KeymapContext);
}
