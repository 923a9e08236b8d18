import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useCallback, useState } from 'react';
import { Text } from 'ink';
import type { StatusMessage } from '../../src/ui/navigation.js';
import { useFadingMessage } from '../../src/ui/use-fading-message.js';
import { renderTui } from '../helpers/render-harness.js';

function Probe({ initial, ms }: { initial: StatusMessage; ms: number }) {
  const [message, setMessage] = useState<StatusMessage | undefined>(initial);
  useFadingMessage(message, useCallback(() => setMessage(undefined), []), ms);
  return <Text>{message ? message.text : 'hints'}</Text>;
}

test('an info message gives way to the key hints after a while', async () => {
  const t = renderTui(<Probe initial={{ text: 'deleting secret x', tone: 'info' }} ms={30} />);
  assert.match(await t.waitFor((f) => f.includes('deleting secret x')), /deleting/);
  await t.waitFor((f) => f.includes('hints'));
  t.unmount();
});

test('a warning stays until something replaces it', async () => {
  // The info message beside it fading shows that the delay has passed for both.
  const t = renderTui(
    <>
      <Probe initial={{ text: 'the clipboard still holds a secret', tone: 'warning' }} ms={1} />
      <Probe initial={{ text: 'copied', tone: 'info' }} ms={1} />
    </>,
  );
  const frame = await t.waitFor((f) => f.includes('hints'));
  assert.match(frame, /clipboard still holds/);
  t.unmount();
});
