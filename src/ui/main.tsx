import { render } from 'solid-js/web';
import { App } from './App.tsx';
import { installCliBridge } from './cli-bridge.ts';
import { warmMediaFramework } from '../media/warm-media-framework.ts';
import './styles.css';

// Before any worker starts: WebCodecs in WebKitGTK crashes without it.
warmMediaFramework();

// `spool` (the command line) drives this same page headlessly through window.spool.
if (new URLSearchParams(location.search).has('cli')) installCliBridge();
else render(() => <App />, document.getElementById('root')!);
