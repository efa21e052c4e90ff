import { expose } from 'comlink';
import { importFile } from '../src/library/importer.ts';

expose({ importFile });
