// Some Node releases (22.23.1–22.23.3, 24.17–24.18: nodejs/node#64144, fixed by #64145) no
// longer match an IPv6 host against a certificate's IP-Address SAN, so a stock Node client
// refuses https://[::1] whatever the certificate says. Tests of ::1 over TLS check for the
// bug itself rather than for version numbers.
import { checkServerIdentity } from 'node:tls';

export const ipv6SanBroken: string | false =
  checkServerIdentity('::1', { subject: {}, subjectaltname: 'IP Address:0:0:0:0:0:0:0:1' } as Parameters<typeof checkServerIdentity>[1]) === undefined
    ? false
    : `Node ${process.version} does not match ::1 against an IP-Address SAN (nodejs/node#64144)`;
