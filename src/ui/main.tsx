import { render } from 'solid-js/web';
import { App } from './App.tsx';
import { installCliBridge } from './cli-bridge.ts';
import './styles.css';

// `spool` (the command line) drives this same page headlessly through window.spool.
if (new URLSearchParams(location.search).has('cli')) installCliBridge();
else render(() => <App />, document.getElementById('root')!);
