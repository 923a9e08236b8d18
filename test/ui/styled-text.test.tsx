// A row's text is styled into one string; it must look exactly as Ink's own <Text> props
// would draw it, colours and all.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReactNode } from 'react';
import type { TextStyle as Style } from '../../src/ui/styled-text.js';

// Colours decide at import whether to emit escapes: force them before Ink and chalk load.
process.env.FORCE_COLOR = '1';
const { Box, Text, renderToString } = await import('ink');
const { styled } = await import('../../src/ui/styled-text.js');

const STYLES: Style[] = [
  {},
  { color: 'magenta', bold: true },
  { color: 'magenta', bold: true, underline: true },
  { color: 'red', strikethrough: true },
  { color: 'gray' },
  { color: '#ff8800' },
  { inverse: true },
  { color: 'yellow', inverse: true, strikethrough: true },
  { bold: true, underline: true },
];

test('a styled string draws as Ink draws the same props on a Text, alone, nested in a coloured run and on a background', () => {
  for (const style of STYLES) {
    const ink = (children: string) => (
      <Text color={style.color} bold={style.bold} underline={style.underline} strikethrough={style.strikethrough} inverse={style.inverse}>
        {children}
      </Text>
    );
    const cases: [string, ReactNode, ReactNode][] = [
      ['alone', ink('payments-db'), <Text>{styled('payments-db', style)}</Text>],
      [
        'nested',
        <Text color="cyan">
          a-{ink('pay')}-b
        </Text>,
        <Text>{styled(`a-${styled('pay', style)}-b`, { color: 'cyan' })}</Text>,
      ],
      [
        'background',
        <Box backgroundColor="blue">
          <Text>
            x {ink('pay')} y
          </Text>
        </Box>,
        <Box backgroundColor="blue">
          <Text>{`x ${styled('pay', style)} y`}</Text>
        </Box>,
      ],
    ];
    for (const [name, expected, actual] of cases) {
      const want = renderToString(<>{expected}</>, { columns: 40 });
      const got = renderToString(<>{actual}</>, { columns: 40 });
      assert.equal(JSON.stringify(got), JSON.stringify(want), `${JSON.stringify(style)} ${name}`);
    }
  }
});

test('an unstyled string is left as it is, and an unknown colour is ignored as Ink ignores it', () => {
  assert.equal(styled('abc', {}), 'abc');
  assert.equal(styled('abc', { color: 'no-such-colour' }), 'abc');
  assert.notEqual(styled('abc', { color: 'red' }), 'abc');
});
