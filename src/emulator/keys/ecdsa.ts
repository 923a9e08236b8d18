import { randomBytes } from 'node:crypto';
import type { CurveName } from './key-material.js';

/*
 * ECDSA over a digest the client already computed. Key Vault's sign/verify take a digest, and
 * node:crypto can only sign messages (it hashes them itself), so the curve arithmetic is done
 * here with BigInt. Not constant-time: fine for a loopback emulator, not for real secrets.
 */

interface Curve {
  p: bigint;
  a: bigint;
  b: bigint;
  n: bigint;
  gx: bigint;
  gy: bigint;
  bytes: number;
}

// Parameters as printed by `openssl ecparam -name <curve> -param_enc explicit -text`.
const CURVES: Record<CurveName, Curve> = {
  'P-256': {
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    a: 0xffffffff00000001000000000000000000000000fffffffffffffffffffffffcn,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    gx: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
    gy: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
    bytes: 32,
  },
  'P-384': {
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    a: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000fffffffcn,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    gx: 0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7n,
    gy: 0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5fn,
    bytes: 48,
  },
  'P-521': {
    p: 0x1ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffn,
    a: 0x1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffcn,
    b: 0x51953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00n,
    n: 0x1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
    gx: 0xc6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66n,
    gy: 0x11839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650n,
    bytes: 66,
  },
  'P-256K': {
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn,
    a: 0n,
    b: 7n,
    n: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n,
    gx: 0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798n,
    gy: 0x483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8n,
    bytes: 32,
  },
};

/** Jacobian point (X, Y, Z) with x = X/Z², y = Y/Z³; Z = 0 is the point at infinity. */
type Jacobian = [bigint, bigint, bigint];

const INFINITY: Jacobian = [0n, 1n, 0n];

function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [mod(a, m), m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return mod(oldS, m);
}

function double(c: Curve, [x, y, z]: Jacobian): Jacobian {
  if (z === 0n || y === 0n) return INFINITY;
  const { p } = c;
  const yy = mod(y * y, p);
  const s = mod(4n * x * yy, p);
  const zz = mod(z * z, p);
  const m = mod(3n * x * x + c.a * zz * zz, p);
  const x3 = mod(m * m - 2n * s, p);
  const y3 = mod(m * (s - x3) - 8n * yy * yy, p);
  const z3 = mod(2n * y * z, p);
  return [x3, y3, z3];
}

function add(c: Curve, a: Jacobian, b: Jacobian): Jacobian {
  if (a[2] === 0n) return b;
  if (b[2] === 0n) return a;
  const { p } = c;
  const z1z1 = mod(a[2] * a[2], p);
  const z2z2 = mod(b[2] * b[2], p);
  const u1 = mod(a[0] * z2z2, p);
  const u2 = mod(b[0] * z1z1, p);
  const s1 = mod(a[1] * b[2] * z2z2, p);
  const s2 = mod(b[1] * a[2] * z1z1, p);
  if (u1 === u2) {
    return s1 === s2 ? double(c, a) : INFINITY;
  }
  const h = mod(u2 - u1, p);
  const r = mod(s2 - s1, p);
  const hh = mod(h * h, p);
  const hhh = mod(h * hh, p);
  const v = mod(u1 * hh, p);
  const x3 = mod(r * r - hhh - 2n * v, p);
  const y3 = mod(r * (v - x3) - s1 * hhh, p);
  const z3 = mod(a[2] * b[2] * h, p);
  return [x3, y3, z3];
}

function multiply(c: Curve, point: Jacobian, k: bigint): Jacobian {
  let result = INFINITY;
  for (let i = BigInt(k.toString(2).length - 1); i >= 0n; i--) {
    result = double(c, result);
    if ((k >> i) & 1n) result = add(c, result, point);
  }
  return result;
}

function affineX(c: Curve, [x, , z]: Jacobian): bigint {
  const zInv = modInverse(z, c.p);
  return mod(x * zInv * zInv, c.p);
}

function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

function toBytes(value: bigint, length: number): Buffer {
  return Buffer.from(value.toString(16).padStart(length * 2, '0'), 'hex');
}

/** The digest as an integer, truncated to the order's bit length (SEC 1, 4.1.3 step 5). */
function digestToInt(c: Curve, digest: Uint8Array): bigint {
  const orderBits = c.n.toString(2).length;
  const digestBits = digest.length * 8;
  const z = toBigInt(digest);
  return digestBits > orderBits ? z >> BigInt(digestBits - orderBits) : z;
}

function randomScalar(c: Curve): bigint {
  // 64 extra bits make the bias of the reduction negligible.
  for (;;) {
    const k = toBigInt(randomBytes(c.bytes + 8)) % c.n;
    if (k !== 0n) return k;
  }
}

/** Signs a digest; the signature is r‖s, each padded to the curve size (JWS / IEEE P1363). */
export function ecdsaSignDigest(curve: CurveName, d: Uint8Array, digest: Uint8Array): Buffer {
  const c = CURVES[curve];
  const priv = toBigInt(d);
  const z = digestToInt(c, digest);
  for (;;) {
    const k = randomScalar(c);
    const r = mod(affineX(c, multiply(c, [c.gx, c.gy, 1n], k)), c.n);
    if (r === 0n) continue;
    const s = mod(modInverse(k, c.n) * (z + r * priv), c.n);
    if (s === 0n) continue;
    return Buffer.concat([toBytes(r, c.bytes), toBytes(s, c.bytes)]);
  }
}

/** Verifies an r‖s signature over a digest with the public point (x, y). */
export function ecdsaVerifyDigest(
  curve: CurveName,
  x: Uint8Array,
  y: Uint8Array,
  digest: Uint8Array,
  signature: Uint8Array,
): boolean {
  const c = CURVES[curve];
  if (signature.length !== 2 * c.bytes) return false;
  const r = toBigInt(signature.subarray(0, c.bytes));
  const s = toBigInt(signature.subarray(c.bytes));
  if (r <= 0n || r >= c.n || s <= 0n || s >= c.n) return false;
  const z = digestToInt(c, digest);
  const w = modInverse(s, c.n);
  const u1 = mod(z * w, c.n);
  const u2 = mod(r * w, c.n);
  const point = add(c, multiply(c, [c.gx, c.gy, 1n], u1), multiply(c, [toBigInt(x), toBigInt(y), 1n], u2));
  if (point[2] === 0n) return false;
  return mod(affineX(c, point), c.n) === r;
}
