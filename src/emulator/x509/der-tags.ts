// Universal tag octets (X.690) shared by the DER writer and reader.

export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  bmpString: 0x1e,
  t61String: 0x14,
  universalString: 0x1c,
  sequence: 0x30,
  set: 0x31,
} as const;

