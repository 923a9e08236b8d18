import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clipboardSequence, detectMultiplexer, osc52, wrapForScreen, wrapForTmux } from '../../src/ui/osc52.js';

const ESC = '\u001b';

describe('OSC 52', () => {
  it('carries the UTF-8 text as base64 to the clipboard selection', () => {
    assert.equal(osc52('héllo'), `${ESC}]52;c;${Buffer.from('héllo').toString('base64')}\u0007`);
    assert.equal(osc52(''), `${ESC}]52;c;\u0007`, 'empty text clears');
  });

  it('wraps for tmux in a DCS passthrough with every ESC doubled', () => {
    const wrapped = wrapForTmux(osc52('x'));
    assert.ok(wrapped.startsWith(`${ESC}Ptmux;${ESC}${ESC}]52;c;`));
    assert.ok(wrapped.endsWith(`\u0007${ESC}\\`));
    // Inside the passthrough, no ESC stands alone.
    const inner = wrapped.slice(`${ESC}Ptmux;`.length, -2);
    assert.equal(inner.replaceAll(`${ESC}${ESC}`, '').includes(ESC), false);
  });

  it('cuts the sequence into DCS chunks screen accepts', () => {
    const sequence = osc52('y'.repeat(300));
    const wrapped = wrapForScreen(sequence);
    const chunks = wrapped.split(`${ESC}\\`).filter((c) => c !== '');
    assert.ok(chunks.length > 1);
    for (const chunk of chunks) {
      assert.ok(chunk.startsWith(`${ESC}P`));
      assert.ok(chunk.length - 2 <= 76);
    }
    assert.equal(chunks.map((c) => c.slice(2)).join(''), sequence);
  });

  it('chooses the wrapping from the environment', () => {
    assert.equal(detectMultiplexer({ TMUX: '/tmp/tmux-1000/default,1,0', TERM: 'screen-256color' }), 'tmux');
    assert.equal(detectMultiplexer({ STY: '123.pts-0', TERM: 'screen' }), 'screen');
    assert.equal(detectMultiplexer({ TERM: 'xterm-256color' }), 'none');
    assert.equal(clipboardSequence('z', 'none'), osc52('z'));
    assert.equal(clipboardSequence('z', 'tmux'), wrapForTmux(osc52('z')));
  });
});
