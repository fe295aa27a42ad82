// Settings and key sets in a tab of their own (the extension's options page): more room than the popup,
// and the place to pick key-set files on Firefox, which closes a popup when a file dialog opens.
import { render } from 'preact';
import { App } from '../popup/App';

render(<App view="manage" />, document.getElementById('app')!);
