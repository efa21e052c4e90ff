import { describe, expect, it } from 'vitest';
import { editsSelectedClips, isCharacterKey, shortcutFor, type KeyLike } from './shortcuts.ts';

const press = (key: string, mods: Partial<KeyLike> = {}) => shortcutFor({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('shortcutFor', () => {
  it('maps the editing keys', () => {
    expect(press('s')).toBe('split');
    expect(press('b', { ctrlKey: true })).toBe('split');
    expect(press('b', { metaKey: true })).toBe('split');
    expect(press('Delete')).toBe('delete');
    expect(press('Backspace')).toBe('delete');
    expect(press('Delete', { shiftKey: true })).toBe('rippleDelete');
    expect(press('m')).toBe('marker');
  });

  it('maps undo and redo on every platform convention', () => {
    expect(press('z', { ctrlKey: true })).toBe('undo');
    expect(press('z', { metaKey: true })).toBe('undo');
    expect(press('Z', { ctrlKey: true, shiftKey: true })).toBe('redo');
    expect(press('z', { metaKey: true, shiftKey: true })).toBe('redo');
    expect(press('y', { ctrlKey: true })).toBe('redo');
    expect(press('y', { metaKey: true })).toBeNull();
  });

  it('maps transport keys, and ignores plain letters with Alt or unknown keys', () => {
    expect([press(' '), press('j'), press('k'), press('l'), press('ArrowLeft'), press('ArrowRight'), press('Home'), press('End')]).toEqual([
      'playPause', 'shuttleBack', 'shuttleStop', 'shuttleForward', 'frameBack', 'frameForward', 'home', 'end',
    ]);
    expect(press('s', { altKey: true })).toBeNull();
    expect(press('x')).toBeNull();
    expect(press('c', { ctrlKey: true })).toBe('copy');
    expect(press('v', { metaKey: true })).toBe('paste');
    expect(press('V', { metaKey: true, shiftKey: true })).toBe('pastePicture');
    expect(press('d', { ctrlKey: true })).toBe('duplicate');
  });

  it('maps ↑/↓ to the previous/next edit and Q/W to cutting off before/after the playhead', () => {
    expect([press('ArrowUp'), press('ArrowDown'), press('q'), press('Q', { shiftKey: true }), press('w'), press('W', { shiftKey: true })]).toEqual([
      'previousEdit', 'nextEdit', 'trimStartToPlayhead', 'rippleTrimStartToPlayhead', 'trimEndToPlayhead', 'rippleTrimEndToPlayhead',
    ]);
    expect(press('w', { altKey: true })).toBeNull();
    expect(press('f')).toBe('freezeFrame');
    expect(press('\\')).toBe('zoomToFit');
    expect([press('a', { ctrlKey: true }), press('a', { metaKey: true }), press('Escape'), press('a')]).toEqual(['selectAll', 'selectAll', 'deselect', null]);
  });

  it('maps the clip nudge and trim keys (the shifted characters too, whatever the layout reports), none of them taken before', () => {
    expect([press(','), press('.'), press('<', { shiftKey: true }), press('>', { shiftKey: true })]).toEqual(['nudgeBack', 'nudgeForward', 'nudgeBackSecond', 'nudgeForwardSecond']);
    expect([press('['), press(']'), press('{', { shiftKey: true }), press('}', { shiftKey: true })]).toEqual(['trimStartBack', 'trimStartForward', 'trimEndBack', 'trimEndForward']);
    // Alt+arrows (the browser's Back/Forward) and the arrows themselves stay as they were.
    expect([press('ArrowLeft', { altKey: true }), press('ArrowLeft')]).toEqual([null, 'frameBack']);
    // Alt+↑/↓ move the clips across tracks; ↑/↓ alone still step between edits.
    expect([press('ArrowUp', { altKey: true }), press('ArrowDown', { altKey: true }), press('ArrowUp')]).toEqual(['trackUp', 'trackDown', 'previousEdit']);
  });

  it('says which actions take a focused clip that is not selected', () => {
    expect(['delete', 'rippleDelete', 'nudgeBack', 'trimEndForward'].every((a) => editsSelectedClips(a as never))).toBe(true);
    expect([editsSelectedClips('split'), editsSelectedClips('frameBack'), editsSelectedClips(null)]).toEqual([false, false, false]);
  });

  it('tells character keys (which can be turned off, WCAG 2.1.4) from Space, arrows, Delete and modified keys', () => {
    const key = (k: string, mods: Partial<KeyLike> = {}) => isCharacterKey({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
    expect(['m', 'S', '.', '<', '[', '}', '?', '+', '-'].map((k) => key(k))).toEqual(Array(9).fill(true));
    expect([key(' '), key('ArrowLeft'), key('Delete'), key('Home'), key('z', { ctrlKey: true }), key('b', { metaKey: true }), key('ArrowUp', { altKey: true })]).toEqual(Array(7).fill(false));
  });
});
