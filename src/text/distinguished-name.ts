// X.500 distinguished names as text ("CN=api.contoso.com, O=Contoso, C=US"), RFC 4514 as
// .NET and Key Vault policies write them. A leaf module with no imports: the emulator checks
// a certificate policy's subject with it before storing anything, and kvx's form can check
// the same syntax before sending.
//
// Accepted beyond RFC 4514, because Key Vault and .NET accept them: ';' between RDNs,
// spaces around separators, double-quoted values (RFC 2253), aliases such as S, EMAIL.

export interface NameAttribute {
  /** Dotted OID of the attribute type, e.g. '2.5.4.3' for CN. */
  oid: string;
  value: string;
}

/** A relative distinguished name: usually one attribute, several when joined with '+'. */
export type Rdn = NameAttribute[];

/** RDNs in DER order (least specific first, e.g. C, O, CN). */
export type DistinguishedName = Rdn[];

/** How an attribute's value is encoded in DER, which limits its characters. */
export type AttributeEncoding = 'utf8' | 'printable' | 'ia5';

interface AttributeType {
  short: string;
  oid: string;
  encoding: AttributeEncoding;
}

const ATTRIBUTE_TYPES: readonly AttributeType[] = [
  { short: 'CN', oid: '2.5.4.3', encoding: 'utf8' },
  { short: 'SN', oid: '2.5.4.4', encoding: 'utf8' },
  { short: 'SERIALNUMBER', oid: '2.5.4.5', encoding: 'printable' },
  { short: 'C', oid: '2.5.4.6', encoding: 'printable' },
  { short: 'L', oid: '2.5.4.7', encoding: 'utf8' },
  { short: 'ST', oid: '2.5.4.8', encoding: 'utf8' },
  { short: 'STREET', oid: '2.5.4.9', encoding: 'utf8' },
  { short: 'O', oid: '2.5.4.10', encoding: 'utf8' },
  { short: 'OU', oid: '2.5.4.11', encoding: 'utf8' },
  { short: 'T', oid: '2.5.4.12', encoding: 'utf8' },
  { short: 'POSTALCODE', oid: '2.5.4.17', encoding: 'utf8' },
  { short: 'G', oid: '2.5.4.42', encoding: 'utf8' },
  { short: 'DC', oid: '0.9.2342.19200300.100.1.25', encoding: 'ia5' },
  { short: 'UID', oid: '0.9.2342.19200300.100.1.1', encoding: 'utf8' },
  { short: 'E', oid: '1.2.840.113549.1.9.1', encoding: 'ia5' },
];

// Other spellings seen in the wild (OpenSSL, .NET, Windows).
const ALIASES: Record<string, string> = {
  S: 'ST',
  EMAIL: 'E',
  EMAILADDRESS: 'E',
  TITLE: 'T',
  GN: 'G',
  GIVENNAME: 'G',
  SURNAME: 'SN',
  COMMONNAME: 'CN',
};

const BY_SHORT = new Map(ATTRIBUTE_TYPES.map((t) => [t.short, t]));
const BY_OID = new Map(ATTRIBUTE_TYPES.map((t) => [t.oid, t]));
const ALLOWED = ATTRIBUTE_TYPES.map((t) => t.short).join(', ');
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
// eslint-disable-next-line no-control-regex -- IA5String is exactly ASCII
const IA5 = /^[\u0000-\u007f]*$/;
const MAX_LENGTH = 4096;

/** Thrown for a subject that is not a distinguished name; `name` tells it apart across bundles. */
export class DistinguishedNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DistinguishedNameError';
  }
}

/** The DER string type of an attribute (UTF8String for types this table does not know). */
export function attributeEncoding(oid: string): AttributeEncoding {
  return BY_OID.get(oid)?.encoding ?? 'utf8';
}

/** Short name of an attribute type (CN, O, …), or its dotted OID. */
export function attributeLabel(oid: string): string {
  return BY_OID.get(oid)?.short ?? oid;
}

function checkOid(dotted: string): string | null {
  if (!/^[0-2](\.(0|[1-9]\d{0,17}))+$/.test(dotted)) return `"${dotted}" is not a dotted OID such as 2.5.4.3`;
  const arcs = dotted.split('.').map(Number);
  if (arcs[0] < 2 && arcs[1] > 39) return `OID "${dotted}": the second arc must be below 40`;
  return null;
}

/** Reads one distinguished name, character by character, into RDNs in string order. */
class Reader {
  private i = 0;
  constructor(private readonly text: string) {}

  private fail(what: string): never {
    throw new DistinguishedNameError(`${what} in distinguished name "${this.text}"`);
  }

  private skipSpaces(): void {
    while (this.text[this.i] === ' ') this.i++;
  }

  private atEnd(): boolean {
    return this.i >= this.text.length;
  }

  rdns(): Rdn[] {
    const rdns: Rdn[] = [];
    let rdn: Rdn = [];
    for (;;) {
      rdn.push(this.attribute());
      this.skipSpaces();
      if (this.atEnd()) break;
      const separator = this.text[this.i++];
      if (separator === '+') continue;
      if (separator !== ',' && separator !== ';') this.fail(`Unexpected "${separator}" after a value (separators are , ; and +)`);
      rdns.push(rdn);
      rdn = [];
    }
    rdns.push(rdn);
    return rdns;
  }

  private attribute(): NameAttribute {
    this.skipSpaces();
    const start = this.i;
    while (!this.atEnd() && !'=,;+'.includes(this.text[this.i])) this.i++;
    const key = this.text.slice(start, this.i).trim();
    if (this.text[this.i] !== '=') {
      if (key === '') this.fail('Empty component');
      this.fail(`"${key}" is not of the form TYPE=value (e.g. CN=example.com)`);
    }
    this.i++;
    const { oid, type } = this.attributeType(key);
    const value = this.value();
    if (value === '') this.fail(`Attribute ${key} has an empty value`);
    this.checkValue(key, type, value);
    return { oid, value };
  }

  private attributeType(key: string): { oid: string; type?: AttributeType } {
    if (/^\d/.test(key)) {
      const problem = checkOid(key);
      if (problem) this.fail(problem);
      return { oid: key, type: BY_OID.get(key) };
    }
    const upper = key.toUpperCase();
    const type = BY_SHORT.get(ALIASES[upper] ?? upper);
    if (!type) this.fail(`Unknown attribute "${key}" (use one of ${ALLOWED}, or a dotted OID)`);
    return { oid: type.oid, type };
  }

  private value(): string {
    this.skipSpaces();
    if (this.text[this.i] === '"') return this.quoted();
    if (this.text[this.i] === '#') this.fail('A value starting with # (hex-encoded BER) is not supported; write it as text, or escape the # as \\#');
    let out = '';
    let trailingSpaces = 0;
    while (!this.atEnd() && !',;+'.includes(this.text[this.i])) {
      const ch = this.text[this.i];
      if (ch === '"') this.fail('A double quote inside a value must be escaped as \\"');
      if (ch === '\\') {
        out += this.escape();
        trailingSpaces = 0;
        continue;
      }
      out += ch;
      trailingSpaces = ch === ' ' ? trailingSpaces + 1 : 0;
      this.i++;
    }
    // Unescaped trailing spaces are not part of the value.
    return trailingSpaces > 0 ? out.slice(0, -trailingSpaces) : out;
  }

  private quoted(): string {
    this.i++;
    let out = '';
    for (;;) {
      if (this.atEnd()) this.fail('Unterminated quote');
      const ch = this.text[this.i];
      if (ch === '"') break;
      if (ch === '\\') {
        if (this.i + 1 >= this.text.length) this.fail('Unterminated quote');
        out += this.text[this.i + 1];
        this.i += 2;
        continue;
      }
      out += ch;
      this.i++;
    }
    this.i++;
    this.skipSpaces();
    if (!this.atEnd() && !',;+'.includes(this.text[this.i])) this.fail('Text after a closing quote (a quoted value must be the whole value)');
    return out;
  }

  /** `\,` and friends, or hex pairs that together form UTF-8 (`\C3\A9` is é). */
  private escape(): string {
    const hex = (at: number): boolean => /^[0-9a-fA-F]{2}$/.test(this.text.slice(at, at + 2));
    if (this.i + 1 >= this.text.length) this.fail('Dangling backslash at the end of a value');
    if (!hex(this.i + 1)) {
      const ch = this.text[this.i + 1];
      this.i += 2;
      return ch;
    }
    const bytes: number[] = [];
    while (this.text[this.i] === '\\' && hex(this.i + 1)) {
      bytes.push(parseInt(this.text.slice(this.i + 1, this.i + 3), 16));
      this.i += 3;
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
    } catch {
      return this.fail('Hex escapes that are not UTF-8');
    }
  }

  private checkValue(key: string, type: AttributeType | undefined, value: string): void {
    if (type?.short === 'C' && !/^[A-Za-z]{2}$/.test(value)) {
      this.fail(`Country (C) must be a two-letter ISO 3166 code like US, got "${value}"`);
    }
    const encoding = type?.encoding ?? 'utf8';
    if (encoding === 'printable' && !PRINTABLE.test(value)) {
      this.fail(`${key} allows only A-Z a-z 0-9, space and ' ( ) + , - . / : = ?, got "${value}"`);
    }
    if (encoding === 'ia5' && !IA5.test(value)) this.fail(`${key} allows only ASCII characters, got "${value}"`);
  }
}

/**
 * Parses "CN=api.contoso.com, O=Contoso, C=US" (',' or ';' between RDNs, '+' inside a
 * multi-valued RDN, backslash escapes or double quotes for special characters) into RDNs in
 * DER order. An empty string is the empty name. Throws a DistinguishedNameError naming the
 * bad part and what is allowed.
 */
export function parseDistinguishedName(text: string): DistinguishedName {
  if (text.length > MAX_LENGTH) throw new DistinguishedNameError(`A distinguished name has at most ${MAX_LENGTH} characters, got ${text.length}`);
  if (text.trim() === '') return [];
  return new Reader(text).rdns().reverse();
}

/** The problem with `text` as a distinguished name, or null when it parses. */
export function distinguishedNameProblem(text: string): string | null {
  try {
    parseDistinguishedName(text);
    return null;
  } catch (err) {
    if (err instanceof DistinguishedNameError) return err.message;
    throw err;
  }
}

function escapeValue(value: string): string {
  let out = value.replace(/[\\,+"<>;=]/g, (ch) => '\\' + ch);
  if (out.startsWith('#') || out.startsWith(' ')) out = '\\' + out;
  if (out.endsWith(' ') && !out.endsWith('\\ ')) out = out.slice(0, -1) + '\\ ';
  return out;
}

/** RFC 4514 string ("CN=api.contoso.com, O=Contoso") from RDNs in DER order. */
export function formatDistinguishedName(name: DistinguishedName): string {
  return [...name]
    .reverse()
    .map((rdn) => rdn.map((attr) => `${attributeLabel(attr.oid)}=${escapeValue(attr.value)}`).join('+'))
    .join(', ');
}
