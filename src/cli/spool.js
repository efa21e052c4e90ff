#!/usr/bin/env node
// Entry point for `npx spool`: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
// Exit explicitly: nothing (a stuck socket, a browser that would not close) may keep the command alive.
process.exit(await main(process.argv.slice(2)));
