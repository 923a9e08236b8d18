import { badParameter } from '../errors.js';
import { keyTypeOf, type KeyMaterial } from './key-material.js';

// The 400 for an algorithm the key cannot use, shared by the RSA/EC and AES operations so the wording is one.
export function unsupported(alg: string, material: KeyMaterial, allowed: readonly string[], operation: string): Error {
  const shown = JSON.stringify(alg);
  const choices = allowed.length > 0 ? `Supported values for ${operation} with this key are ${allowed.join(', ')}.` : `This key cannot ${operation}.`;
  return badParameter(`Algorithm ${shown} is not valid for ${operation} with a ${keyTypeOf(material)} key. ${choices}`);
}

