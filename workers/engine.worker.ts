import { expose } from 'comlink';
import { Engine } from '../src/engine/engine.ts';

expose(new Engine());
