// PEM armour around DER (RFC 7468).

/** Wraps DER in PEM armour with 64-column base64 lines. */
export function toPem(der: Buffer, label: string): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The DER inside the first PEM block with `label`; throws a clear error if absent. */
export function fromPem(pem: string, label: string): Buffer {
  const match = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(pem);
  if (!match) throw new Error(`No "-----BEGIN ${label}-----" block found in the PEM text`);
  return Buffer.from(match[1].replace(/\s+/g, ''), 'base64');
}
